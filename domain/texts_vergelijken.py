"""UI texts of the vergelijken page (nl, en); merged into domain.texts."""

TEXTS: dict[str, tuple[str, str]] = {
    "nav.vergelijken": ("Vergelijken", "Compare"),
    "cmp.question": ("Hoe verhouden de wijken zich?", "How do the neighbourhoods compare?"),
    "cmp.intro": ("Kies wijken en een indicator. De stad is **100**: een index van 120 is 20% hoger dan de "
                  "stad als geheel.",
                  "Choose neighbourhoods and an indicator. The city is **100**: an index of 120 is 20% above the "
                  "city as a whole."),
    # picking
    "cmp.wijken": ("Wijken", "Neighbourhoods"),
    "cmp.wijken_help": ("Klik op een wijk om haar toe te voegen of weg te halen (2 tot {n} wijken). "
                        "De wijken staan per klasse.",
                        "Click a neighbourhood to add or remove it (2 to {n}). They are grouped by class."),
    "cmp.quick": ("Snel kiezen:", "Quick pick:"),
    "cmp.all": ("Alle {n}", "All {n}"),
    "cmp.mine": ("Mijn klasse", "My class"),
    "cmp.mine_named": ("Mijn klasse: {classes} ({n})", "My class: {classes} ({n})"),
    "cmp.mine_chosen": ("De wijken van de klasse {classes}: die van {wijken}, de wijk die je in de zijbalk koos.",
                        "The neighbourhoods of the class {classes}: that of {wijken}, the neighbourhood chosen in "
                        "the sidebar."),
    "cmp.mine_own": ("De wijken van de klasse {classes}: die van jouw wijken ({wijken}). Kies een wijk in de "
                     "zijbalk om de klasse van die wijk te nemen.",
                     "The neighbourhoods of the class {classes}: that of your neighbourhoods ({wijken}). Choose a "
                     "neighbourhood in the sidebar to take its class instead."),
    "cmp.mine_none": ("Kies eerst een wijk in de zijbalk (of log in als frontlijnwerker): dan kiest deze knop de "
                      "wijken van haar klasse.",
                      "First choose a neighbourhood in the sidebar (or sign in as a frontline worker): then this "
                      "button picks the neighbourhoods of its class."),
    "cmp.none": ("Geen", "None"),
    "cmp.and": ("en", "and"),
    "cmp.too_few": ("Kies minstens **twee** wijken om te vergelijken (nu {n}): klik hierboven op twee wijken, "
                    "of kies snel alle {total} of je klasse.",
                    "Choose at least **two** neighbourhoods to compare (now {n}): click two neighbourhoods above, "
                    "or quickly pick all {total} or your class."),
    "cmp.unknown": ("Niet gevonden en genegeerd: {ids}. Gebruik de namen uit de lijst (bijv. `selwerd`, "
                    "`de-wijert`).",
                    "Not found and ignored: {ids}. Use the names from the list (e.g. `selwerd`, `de-wijert`)."),
    "cmp.indicator": ("Indicator", "Indicator"),
    "cmp.year": ("Peiljaar", "Year"),
    "cmp.extra": ("Meer indicatoren naast elkaar", "More indicators side by side"),
    "cmp.extra_help": ("Tot vijf extra indicatoren, als kleine grafieken naast de hoofdindicator.",
                       "Up to five extra indicators, as small charts next to the main one."),
    "cmp.extra_placeholder": ("Kies indicatoren…", "Choose indicators…"),
    # rows and columns
    "cmp.city": ("{gemeente} (stad)", "{gemeente} (city)"),
    "cmp.nla_mean": ("Gemiddelde NLA-wijken", "NLA average"),
    "cmp.nla_mean_count": ("Gemiddelde per NLA-wijk", "Per NLA neighbourhood"),
    "cmp.nla_total": ("NLA-wijken samen", "NLA neighbourhoods together"),
    "cmp.nla_rows": ("NLA-wijken", "NLA neighbourhoods"),
    "cmp.col.area": ("Gebied", "Area"),
    "cmp.col.id": ("Code", "Code"),
    "cmp.col.indicator": ("Indicator", "Indicator"),
    "cmp.col.unit": ("Eenheid", "Unit"),
    "cmp.col.index": ("Index (stad = 100)", "Index (city = 100)"),
    "cmp.col.rank": ("Rang", "Rank"),
    "cmp.col.note": ("Toelichting", "Note"),
    "cmp.rank_help.up": ("1 = gunstigst: hoger is beter.", "1 = most favourable: higher is better."),
    "cmp.rank_help.down": ("1 = gunstigst: lager is beter.", "1 = most favourable: lower is better."),
    "cmp.rank_help.none": ("1 = hoogste waarde (hoger is hier niet beter of slechter).",
                           "1 = highest value (higher is neither better nor worse here)."),
    # sections
    "cmp.table_title": ("{label}, {year}", "{label}, {year}"),
    "cmp.trend_title": ("Door de jaren heen", "Over the years"),
    "cmp.trend_caption": ("Elke lijn is een wijk; een onderbroken lijn betekent: geen cijfer voor dat jaar "
                          "(geen nul). Zwart gestreept: de stad; grijs gestippeld: het gemiddelde van de NLA-wijken. "
                          "Klik op een naam in de legenda om een lijn te verbergen.",
                          "Each line is a neighbourhood; a broken line means: no figure for that year (not a zero). "
                          "Black dashed: the city; grey dotted: the NLA average (all NLA neighbourhoods). Click a "
                          "name in the legend to hide a line."),
    "cmp.trend_single_year": ("Voor deze indicator is er maar één jaar ({year}): er is nog geen ontwikkeling te "
                              "zien.",
                              "This indicator has only one year ({year}): there is no trend to show yet."),
    "cmp.trend_table": ("Tabel: {label} per jaar", "Table: {label} per year"),
    "cmp.multiples_title": ("Meer indicatoren naast elkaar", "More indicators side by side"),
    "cmp.multiples_sideways": ("Schuif opzij voor de andere indicatoren.", "Swipe sideways for the other indicators."),
    "cmp.multiples_caption": ("Gesorteerd op {label} (rang 1 bovenaan); dezelfde volgorde in elke grafiek. "
                              "Gestreept: de stad; gestippeld: het gemiddelde van de NLA-wijken. Een indicator "
                              "zonder cijfer in {year} staat in het dichtstbijzijnde jaar (zie de titel).",
                              "Sorted by {label} (rank 1 at the top); the same order in every chart. Dashed: the "
                              "city; dotted: the average of the NLA neighbourhoods. An indicator without a figure "
                              "in {year} is shown in the nearest year (see the title)."),
    "cmp.multiples_none": ("Kies hierboven bij *Meer indicatoren naast elkaar* een of meer indicatoren om ze naast "
                           "elkaar te zien.",
                           "Choose one or more indicators under *More indicators side by side* above to see them "
                           "next to each other."),
    "cmp.multiples_table": ("Tabel: de indicatoren naast elkaar", "Table: the indicators side by side"),
    "cmp.shades": ("Elke wijk heeft haar eigen tint van de kleur van haar klasse (zie de legenda).",
                   "Each neighbourhood has its own shade of its class's colour (see the legend)."),
    "cmp.bars_count_note": ("Bij aantallen staat de stad niet in de grafiek (zij is veel groter dan een wijk); "
                            "de index is hier het aandeel van de stad in procenten.",
                            "For counts the city is not drawn (it is far larger than any neighbourhood); the index "
                            "here is the share of the city in percent."),
    "cmp.illustrative_badge": ("illustratief", "illustrative"),
    "cmp.illustrative_note": ("Deze cijfers zijn **illustratief**: voorbeeldwaarden, geen officiële statistiek. "
                              "Gearceerde balken in de grafieken.",
                              "These figures are **illustrative**: example values, not official statistics. "
                              "Hatched bars in the charts."),
    # Wat zie ik?
    "cmp.what": ("Wat zie ik?", "What am I looking at?"),
    "cmp.what.definition": ("**Definitie.** {text}", "**Definition.** {text}"),
    "cmp.what.source": ("**Bron.** {text}", "**Source.** {text}"),
    "cmp.what.year": ("**Peiljaar.** {year}. Beschikbare jaren: {years}.",
                      "**Year.** {year}. Years available: {years}."),
    "cmp.what.caveat": ("**Kanttekening.** {text}", "**Caveat.** {text}"),
    "cmp.what.index": ("**Index.** Waarde van het gebied gedeeld door die van de stad, maal 100. Geen index als de "
                       "stad geen cijfer heeft of 0.",
                       "**Index.** The area's value divided by the city's, times 100. No index when the city has no "
                       "figure or 0."),
    "cmp.what.rank": ("**Rang.** Onder de gekozen wijken. {direction}", "**Rank.** Among the chosen neighbourhoods. "
                      "{direction}"),
    "cmp.what.nla": ("**NLA-wijken.** Altijd alle {of} NLA-wijken, welke wijken je ook kiest. {method}",
                     "**NLA neighbourhoods.** Always all {of} NLA neighbourhoods, whichever you choose. {method}"),
    # how the NLA average was computed (a note in the table and in Wat zie ik?)
    "cmp.method.gewogen": ("Gewogen gemiddelde naar {weight} ({weight_year}).",
                           "Weighted average by {weight} ({weight_year})."),
    "cmp.method.gewogen_other_year": ("Gewogen naar {weight} van {weight_year}: voor {year} zijn er geen cijfers "
                                      "van {weight} per wijk, dus het dichtstbijzijnde jaar.",
                                      "Weighted by {weight} of {weight_year}: there are no figures of {weight} per "
                                      "neighbourhood for {year}, so the nearest year is used."),
    "cmp.method.geen_gewicht": ("Ongewogen gemiddelde: deze indicator heeft geen weging.",
                                "Unweighted mean: this indicator has no weight."),
    "cmp.method.gewicht_ontbreekt": ("Ongewogen gemiddelde: er zijn geen cijfers van {weight} voor alle wijken.",
                                     "Unweighted mean: there are no figures of {weight} for every neighbourhood."),
    "cmp.method.som": ("Een aantal: de NLA-wijken samen (som) en het gemiddelde per wijk.",
                       "A count: the NLA neighbourhoods together (sum) and the mean per neighbourhood."),
    "cmp.method.som_incomplete": ("Geen totaal: niet alle {of} wijken hebben een cijfer.",
                                  "No total: not every one of the {of} neighbourhoods has a figure."),
    "cmp.method.partial": ("Over {n} van de {of} wijken (de rest heeft geen cijfer).",
                           "Over {n} of the {of} neighbourhoods (the others have no figure)."),
    "cmp.method.none": ("Geen enkele wijk heeft een cijfer voor dit jaar.", "No neighbourhood has a figure for this "
                        "year."),
    # charts
    "cmp.chart.index": ("Index (stad = 100)", "Index (city = 100)"),
    "cmp.chart.rank": ("Rang {rank} van {n}", "Rank {rank} of {n}"),
    "cmp.chart.illustrative_legend": ("gearceerd = illustratief", "hatched = illustrative"),
    "cmp.chart.illustrative_values": ("⚠️ illustratieve waarden", "⚠️ illustrative values"),
    # downloads
    "cmp.download_csv": ("CSV", "CSV"),
    "cmp.download_excel": ("Excel", "Excel"),
    "cmp.download_help_csv": ("Deze tabel als CSV: puntkomma's en een decimale komma, zodat Nederlandse Excel hem "
                              "goed opent.",
                              "This table as CSV for Dutch Excel: semicolons and a decimal comma."),
    "cmp.download_help_excel": ("Deze tabel als Excel-bestand (.xlsx); getallen blijven getallen.",
                                "This table as an Excel file (.xlsx); numbers stay numbers."),
    "cmp.download_label": ("Download:", "Download:"),
    "cmp.yes": ("ja", "yes"),
    "cmp.no": ("nee", "no"),
}
