"""UI texts of the map page (nl, en) for the wijk/buurt levels; merged into domain.texts.

Sources, indicator names and the *indicatief* status come from the data package; here only the
words of the map itself.
"""

TEXTS: dict[str, tuple[str, str]] = {
    "kaart.level": ("Niveau", "Level"),
    "kaart.level.wijk": ("Wijken", "Neighbourhoods"),
    "kaart.level.buurt": ("Buurten", "Sub-neighbourhoods"),
    "kaart.municipality": ("Gemeente", "Municipality"),
    "kaart.municipality_help": ("Dit datapakket heeft buurten van {n} gemeenten; op buurtniveau toont de kaart er "
                                "één tegelijk.",
                                "This data package holds buurten of {n} municipalities; at buurt level the map "
                                "shows one at a time."),
    "kaart.buurt_fallback": ("**{asked}** heeft geen cijfers per buurt. Op buurtniveau staan alleen indicatoren "
                             "met buurtcijfers; de kaart toont nu **{shown}**.",
                             "**{asked}** has no figures per buurt. At buurt level only indicators with buurt "
                             "figures are offered; the map now shows **{shown}**."),
    "kaart.no_buurt_indicators": ("Dit datapakket heeft geen cijfers per buurt: de buurten zijn gekleurd naar de "
                                  "klasse van hun wijk.",
                                  "This data package has no figures per buurt: the buurten are coloured by the "
                                  "class of their neighbourhood."),
    "kaart.buurt_click_hint": ("Klik op een buurt om het wijkperspectief van haar NLA-wijk te openen.",
                               "Click a buurt to open the perspective of its NLA neighbourhood."),
    "kaart.not_nla": ("**{buurt}** hoort niet bij een NLA-wijk: er is geen wijkperspectief om te openen.",
                      "**{buurt}** is not part of an NLA neighbourhood: there is no perspective to open."),
    "kaart.no_data": ("geen gegevens", "no data"),
    "kaart.no_nla_wijk": ("geen NLA-wijk", "not an NLA neighbourhood"),
    "kaart.in_wijk": ("Wijk: {wijk}", "Neighbourhood: {wijk}"),
    "kaart.partial": ("gedeeltelijk: {share} van de {base}", "partial: {share} of the {base}"),
    "kaart.higher_better": ("hoger is beter", "higher is better"),
    "kaart.lower_better": ("lager is beter", "lower is better"),
    "kaart.wijk_border": ("grens NLA-wijk", "NLA neighbourhood border"),
    "kaart.source": ("Bron: {sources}", "Source: {sources}"),
    "kaart.source_boundaries": ("{source} (grenzen)", "{source} (boundaries)"),
    "kaart.source_both": ("{source} (grenzen en {what})", "{source} (boundaries and {what})"),
    "kaart.legend_missing": ("Lichtgrijs: geen gegevens (geen cijfer, of geheim bij het CBS), nooit als 0 getekend.",
                             "Light grey: no data (no figure, or kept secret by CBS), never drawn as 0."),
    "kaart.alt": ("Kaart van de stad, {level} gekleurd naar {what}.", "Map of the city, {level} coloured by {what}."),
    "kaart.keyboard": ("Zonder muis: kies een wijk in de zijbalk bij ‘Wijk’. Haar samenvatting staat dan naast "
                       "de kaart (op een telefoon eronder), met de link naar haar wijkperspectief; de tabel onder "
                       "de kaart geeft dezelfde cijfers.",
                       "Without a mouse: choose a neighbourhood in the sidebar under ‘Neighbourhood’. Its summary "
                       "then appears beside the map (on a phone, below it), with the link to its perspective; the "
                       "table under the map has the same figures."),
    "kaart.alt_class": ("de klasse van hun wijk", "the class of their neighbourhood"),
    "kaart.col.buurt": ("Buurt", "Buurt"),
    "kaart.col.partial": ("Dekking", "Coverage"),
    "kaart.unit.per_1000_inwoners": ("per 1.000 inwoners", "per 1,000 inhabitants"),
    "kaart.unit.per_km2": ("per km²", "per km²"),
    "kaart.unit.hectare": ("ha", "ha"),
    "kaart.unit.personen": ("personen", "persons"),
    "kaart.unit.procent": ("%", "%"),
    "kaart.unit.euro": ("€", "€"),
}
