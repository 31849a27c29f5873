"""UI texts of the wonen page (nl, en); merged into domain.texts.

Indicator names, definitions, sources and caveats come from the data package (indicatoren); the
rent limits from its table huurgrenzen; the corporations are the package's `corporatiebezit_*`
indicators (their labels name them, their caveats say where the names come from). Here only the words
of the page itself.
"""

TEXTS: dict[str, tuple[str, str]] = {
    "nav.wonen": ("Wonen", "Housing"),
    "won.question": ("Is er genoeg betaalbare huur voor de laagste inkomens?",
                     "Is there enough affordable rent for the lowest incomes?"),
    "won.intro": ("Goedkope huurwoningen (kale huur tot de aftoppingsgrens) tegenover huishoudens met een laag "
                  "inkomen, per wijk. Onder elke grafiek: **Wat zie ik?** (definitie, bron, peiljaar, kanttekening) "
                  "en **Tabel** (de cijfers, ook als download).",
                  "Cheap rental homes (basic rent up to the 'aftoppingsgrens') against low-income households, per "
                  "neighbourhood. Under each chart: **What am I looking at?** (definition, source, year, caveat) and "
                  "**Table** (the figures, also as a download)."),
    "won.year": ("Peiljaar", "Year"),
    "won.no_years": ("Het datapakket heeft geen cijfers over goedkope huurwoningen per wijk.",
                     "The data package has no figures on cheap rental homes per neighbourhood."),
    "won.no_data": ("Voor {year} zijn er geen cijfers voor deze grafiek.",
                    "There are no figures for this chart in {year}."),
    "won.illustrative_figures": (" (illustratieve cijfers)", " (illustrative figures)"),
    "won.badge_help": ("Voorbeeldwaarden, geen officiële statistiek: gegenereerd tot de echte cijfers zijn "
                       "geïmporteerd. Zie *Wat zie ik?*.",
                       "Example values, not official statistics: generated until the real figures are imported. "
                       "See *What am I looking at?*."),
    "won.fig.illustrative": ("⚠ illustratieve cijfers", "⚠ illustrative figures"),
    "won.what": ("Wat zie ik?", "What am I looking at?"),
    "won.table": ("Tabel", "Table"),
    "won.what.source": ("Bron: {source}", "Source: {source}"),
    "won.what.year": ("Peiljaar: {year}", "Year: {year}"),
    "won.what.caveat": ("Kanttekening: {caveat}", "Caveat: {caveat}"),
    "won.what.illustrative": ("De waarden in {year} zijn **illustratief**: voorbeeldwaarden, geen officiële "
                              "statistiek.",
                              "The values in {year} are **illustrative**: example values, not official statistics."),
    "won.what.city": ("De stad is de hele gemeente {gemeente}, niet de som van de {n} NLA-wijken.",
                      "The city is the whole municipality of {gemeente}, not the sum of the {n} NLA neighbourhoods."),
    # the answer
    "won.answer.title": ("Goedkope huurwoningen per huishouden met een laag inkomen",
                         "Cheap rental homes per low-income household"),
    "won.answer.sentence": ("In {year} zijn er in **{below} van de {known} wijken** minder goedkope huurwoningen dan "
                            "huishoudens met een laag inkomen{note}.",
                            "In {year}, **{below} of the {known} neighbourhoods** have fewer cheap rental homes than "
                            "low-income households{note}."),
    "won.answer.none": ("In {year} zijn er in **geen van de {known} wijken** minder goedkope huurwoningen dan "
                        "huishoudens met een laag inkomen{note}.",
                        "In {year}, **none of the {known} neighbourhoods** has fewer cheap rental homes than "
                        "low-income households{note}."),
    "won.answer.city": ("In de hele stad: **{ratio}** goedkope huurwoningen per huishouden met een laag inkomen "
                        "({cheap} woningen, {low} huishoudens).",
                        "In the whole city: **{ratio}** cheap rental homes per low-income household "
                        "({cheap} homes, {low} households)."),
    "won.answer.tightest": ("Het krapst: {names}.", "Tightest: {names}."),
    "won.answer.axis": ("Goedkope huurwoningen per huishouden met een laag inkomen",
                        "Cheap rental homes per low-income household"),
    "won.answer.parity": ("1,0: evenveel goedkope woningen als huishoudens met een laag inkomen",
                          "1.0: as many cheap homes as low-income households"),
    "won.answer.hover": ("Goedkope huurwoningen: %{customdata[1]}<br>Huishoudens met een laag inkomen: "
                         "%{customdata[2]}",
                         "Cheap rental homes: %{customdata[1]}<br>Low-income households: %{customdata[2]}"),
    "won.answer.read": ("Elke balk is een wijk, de krapste bovenaan; de kleur is de klasse van de wijk. De gestippelde "
                        "lijn bij 1,0: evenveel goedkope huurwoningen als huishoudens met een laag inkomen. De "
                        "gestreepte lijn: de hele stad.",
                        "Each bar is a neighbourhood, the tightest at the top; the colour is its class. The dotted "
                        "line at 1.0: as many cheap rental homes as low-income households. The dashed line: the "
                        "whole city."),
    "won.answer.caveat": ("Een verhouding onder 1 zegt niet dat huishoudens geen woning hebben: velen wonen duurder "
                          "dan goedkoop, of in een andere wijk.",
                          "A ratio below 1 does not mean households have no home: many live in dearer homes, or in "
                          "another neighbourhood."),
    # spread over the city
    "won.spread.title": ("Hoe zijn ze over de stad verdeeld?", "How are they spread over the city?"),
    "won.spread.homes": ("Aandeel in de goedkope huurwoningen van de stad",
                         "Share of the city's cheap rental homes"),
    "won.spread.households": ("Aandeel in de huishoudens met een laag inkomen van de stad",
                              "Share of the city's low-income households"),
    "won.spread.axis": ("% van de hele stad", "% of the whole city"),
    "won.spread.sentence": ("De {n} wijken samen hebben {cheap} van de goedkope huurwoningen van de stad en {low} "
                            "van de huishoudens met een laag inkomen.",
                            "The {n} neighbourhoods together have {cheap} of the city's cheap rental homes and {low} "
                            "of its low-income households."),
    "won.spread.read": ("Per wijk twee punten: haar aandeel in de goedkope huurwoningen van de hele stad (rond) en in "
                        "de huishoudens met een laag inkomen (ruit). Ligt de ruit rechts van het rondje, dan woont er "
                        "een groter deel van de lage inkomens dan van de goedkope huur: de wijk leunt op de rest van "
                        "de stad. Bovenaan de wijken waar dat het sterkst is.",
                        "Two points per neighbourhood: its share of the whole city's cheap rental homes (circle) and "
                        "of its low-income households (diamond). A diamond right of the circle means a larger share "
                        "of the low incomes than of the cheap rent: the neighbourhood leans on the rest of the city. "
                        "The strongest cases at the top."),
    "won.col.rank": ("Rang (krapst = 1)", "Rank (tightest = 1)"),
    "won.col.share_cheap": ("Aandeel goedkope huur van de stad (%)", "Share of city's cheap rent (%)"),
    "won.col.share_low": ("Aandeel lage inkomens van de stad (%)", "Share of city's low incomes (%)"),
    "won.col.difference": ("Verschil (procentpunt)", "Difference (percentage points)"),
    # tenure and owner
    "won.tenure.title": ("Woningvoorraad naar eigendom", "Housing stock by tenure"),
    "won.tenure.aandeel_koop": ("Koop", "Owner-occupied"),
    "won.tenure.aandeel_sociale_huur": ("Sociale huur (corporaties)", "Social rent (corporations)"),
    "won.tenure.aandeel_particuliere_huur": ("Particuliere huur", "Private rent"),
    "won.tenure.axis": ("% van de woningen", "% of dwellings"),
    "won.tenure.read": ("Per wijk de verdeling van de woningen over koop, sociale huur (van de corporaties) en "
                        "particuliere huur; de wijken met de meeste sociale huur bovenaan, de hele stad onderaan.",
                        "Per neighbourhood the dwellings by owner-occupied, social rent (of the corporations) and "
                        "private rent; most social rent at the top, the whole city at the bottom."),
    "won.corp.title": ("Sociale huurwoningen per corporatie", "Social rental homes per corporation"),
    "won.corp.axis": ("Sociale huurwoningen", "Social rental homes"),
    "won.corp.read": ("Per wijk de sociale huurwoningen van elk van de {n} corporaties; de wijken met de meeste "
                      "sociale huur bovenaan. De hele stad staat in de tabel.",
                      "Per neighbourhood the social rental homes of each of the {n} corporations; most social rent "
                      "at the top. The whole city is in the table."),
    "won.corp.own": ("Je eigen corporatie, {name}, staat in kleur; de andere zijn grijs.",
                     "Your own corporation, {name}, is in colour; the others are grey."),
    "won.col.corporation": ("Corporatie", "Corporation"),
    "won.col.homes": ("Woningen", "Dwellings"),
    "won.col.social_total": ("Sociale huur totaal", "Social rent total"),
    "won.col.share_social": ("Aandeel van de sociale huur in het gebied (%)", "Share of the area's social rent (%)"),
    # rent classes
    "won.rent.title": ("Huurklassen tegenover huishoudens met een laag inkomen",
                       "Rent classes against low-income households"),
    "won.rent.upto": ("tot {upper}", "up to {upper}"),
    "won.rent.between": ("{lower} – {upper}", "{lower} – {upper}"),
    "won.rent.above": ("boven {lower}", "above {lower}"),
    "won.rent.low_income": ("Huishoudens met een laag inkomen", "Low-income households"),
    "won.rent.axis": ("Huurwoningen (kale huur per maand, {year})", "Rental homes (basic rent per month, {year})"),
    "won.rent.read": ("Per wijk de huurwoningen naar kale huur in {year}: de twee groene delen zijn de goedkope "
                      "huurwoningen (tot de aftoppingsgrens). Het zwarte streepje is het aantal huishoudens met een "
                      "laag inkomen: reikt groen er niet tot, dan zijn er minder goedkope huurwoningen dan "
                      "huishoudens die er een nodig hebben. De wijken met het grootste tekort bovenaan.",
                      "Per neighbourhood the rental homes by basic rent in {year}: the two green parts are the cheap "
                      "rental homes (up to the 'aftoppingsgrens'). The black tick is the number of low-income "
                      "households: where green does not reach it, there are fewer cheap homes than households "
                      "needing one. The largest shortage at the top."),
    "won.rent.limits": ("Huurgrenzen {year} (kale huur per maand, per 1 januari)",
                        "Rent limits {year} (basic rent per month, as of 1 January)"),
    "won.rent.no_limits": ("Voor {year} staan er geen huurgrenzen in het datapakket: de klassen worden met hun naam "
                           "aangeduid.",
                           "The data package has no rent limits for {year}: the classes are named, not priced."),
    "won.limit.kwaliteitskortingsgrens": ("de kwaliteitskortingsgrens", "the kwaliteitskortingsgrens"),
    "won.limit.aftoppingsgrens_laag": ("de aftoppingsgrens", "the aftoppingsgrens"),
    "won.limit.aftoppingsgrens_hoog": ("de hoge aftoppingsgrens", "the higher aftoppingsgrens"),
    "won.limit.liberalisatiegrens": ("de liberalisatiegrens", "the liberalisatiegrens"),
    "won.limitname.kwaliteitskortingsgrens": ("Kwaliteitskortingsgrens", "Kwaliteitskortingsgrens (quality discount)"),
    "won.limitname.aftoppingsgrens_laag": ("Aftoppingsgrens, 1 en 2 personen (laag)",
                                           "Aftoppingsgrens, 1 and 2 persons (lower cap)"),
    "won.limitname.aftoppingsgrens_hoog": ("Aftoppingsgrens, 3 of meer personen (hoog)",
                                           "Aftoppingsgrens, 3 or more persons (higher cap)"),
    "won.limitname.liberalisatiegrens": ("Liberalisatiegrens", "Liberalisatiegrens (deregulation limit)"),
    "won.col.limit": ("Grens", "Limit"),
    "won.col.amount": ("Bedrag per maand", "Amount per month"),
    "won.col.note": ("Opmerking", "Note"),
    "won.col.rent_class": ("Huurklasse", "Rent class"),
    "won.col.cheap_sum": ("Goedkoop (tot de aftoppingsgrens)", "Cheap (up to the aftoppingsgrens)"),
    "won.col.shortage": ("Tekort (huishoudens min goedkope woningen)", "Shortage (households minus cheap homes)"),
    # quality
    "won.woz.title": ("Gemiddelde WOZ-waarde", "Average WOZ value"),
    "won.woz.read": ("De gemiddelde WOZ-waarde (de waarde voor de belastingen) per wijk, hoogste bovenaan; de "
                     "gestreepte lijn is de hele stad.",
                     "The average WOZ value (the assessed value for taxes) per neighbourhood, highest at the top; the "
                     "dashed line is the whole city."),
    "won.energy.title": ("Energielabels", "Energy labels"),
    "won.energy.ab": ("A of B", "A or B"),
    "won.energy.c": ("C", "C"),
    "won.energy.d": ("D", "D"),
    "won.energy.efg": ("E, F of G", "E, F or G"),
    "won.energy.axis": ("% van de woningen met een label", "% of dwellings with a label"),
    "won.energy.read": ("De brief: energiekosten bepalen steeds meer de woonlasten. Per wijk de woningen naar "
                        "energielabel; de wijken met de meeste E-, F- en G-labels (de hoogste energiekosten) bovenaan.",
                        "The letter: energy costs increasingly decide housing costs. Per neighbourhood the dwellings "
                        "by energy label; most E, F and G labels (the highest energy costs) at the top."),
    "won.live.title": ("Leefbaarheid", "Liveability"),
    "won.live.axis": ("Leefbaarometer (1 = zeer onvoldoende, 9 = uitstekend)",
                      "Leefbaarometer (1 = very poor, 9 = excellent)"),
    "won.live.read": ("De leefbaarheidsscore per wijk, hoogste bovenaan; de gestreepte lijn is de hele stad. In 1998 "
                      "woonde ruim 34% van de inwoners in een buurt met een slechte of matige score, in 2012 2,8% "
                      "(brief 2013).",
                      "The liveability score per neighbourhood, highest at the top; the dashed line is the whole "
                      "city. In 1998 over 34% of residents lived in a buurt with a poor or moderate score, in 2012 "
                      "2.8% (letter 2013)."),
    "won.city_line": ("hele stad: {value}", "whole city: {value}"),
}
