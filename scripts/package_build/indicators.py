"""The indicatoren table: what each indicator means, where CBS keeps it and how buurten add up.

Which CBS column holds which indicator is data (`cbs_kolommen`, both generations of column names;
`schaal` for CBS's thousands of euros), so a newer CBS edition fills an indicator without a code
change. Aggregation (`aggregatie`): `som` for counts, `gewogen` by the base in `gewicht`, or
`verhouding` = Σ teller / Σ noemer × factor. The table's order is the display order (`volgorde`);
`kerncijfer` marks the wijk page's key figures, in that order.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

from package_build.sources import CBS_KAART, ETM, ILLUSTRATIVE

COLUMNS = ["indicator", "label_nl", "label_en", "eenheid", "definitie_nl", "definitie_en", "bron", "kanttekening",
           "kanttekening_en",
           "hoger_is_beter", "aggregatie", "gewicht", "teller", "noemer", "factor", "groep", "kerncijfer",
           "cbs_kolommen", "schaal", "volgorde"]

# The five corporations of the NLA. Per-corporation figures are illustrative.
# indicator suffix, name, rough share of the social rent stock in the city (for the illustration only)
CORPORATIES = [
    ("nijestee", "Nijestee", 0.33),
    ("huismeesters", "De Huismeesters", 0.22),
    ("lefier", "Lefier", 0.25),
    ("patrimonium", "Patrimonium", 0.12),
    ("steenbreek", "Steenbreek", 0.08),
]
# Where each name comes from, said in the indicator's kanttekening (the page shows it, no text names them):
# the source names three; the other two are the city's other corporations (public knowledge).
NAMED_IN_LETTER = {"nijestee", "huismeesters", "lefier"}
CORPORATION_CAVEAT = ("Illustratief: de verdeling over de corporaties is een voorbeeld, geen opgave van de corporaties.",
                      "Illustrative: the split over the corporations is an example, not figures from the corporations.")


def _corporation_caveat(key: str) -> tuple[str, str]:
    named = (("Genoemd in de brief van 2013.", "Named in the 2013 letter.") if key in NAMED_IN_LETTER
             else ("Niet genoemd in de brief van 2013: een van de andere corporaties in de stad (openbaar bekend).",
                   "Not named in the 2013 letter: one of the city's other corporations (public knowledge)."))
    return f"{named[0]} {CORPORATION_CAVEAT[0]}", f"{named[1]} {CORPORATION_CAVEAT[1]}"


@dataclass(frozen=True)
class Indicator:
    indicator: str
    label_nl: str
    label_en: str
    eenheid: str
    groep: str
    definitie_nl: str
    definitie_en: str
    bron: str
    kanttekening: tuple[str, str]  # Dutch, English
    aggregatie: str = "som"
    gewicht: str = ""
    teller: str = ""
    noemer: str = ""
    factor: float | None = None
    hoger_is_beter: str = ""  # "true", "false" or "" (neutral)
    kerncijfer: bool = False
    cbs_kolommen: str = ""
    schaal: float | None = None


# Each caveat in Dutch and English (the package's kanttekening and kanttekening_en).
SUM = ("Wijk- en stadswaarde: som van de buurten; ontbreekt als een buurt geheim of onbekend is.",
       "Wijk and city value: the sum of the buurten; missing when a buurt is secret or unknown.")
SUM_ROUNDED = (SUM[0] + " CBS rondt af op 5.", SUM[1] + " CBS rounds to 5.")
ILLUSTRATIVE_UNTIL = ("Illustratief tot de officiële cijfers zijn geïmporteerd.",
                      "Illustrative until the official figures are imported.")
RENT_CLASS_CAVEAT = ("Illustratief. De huurgrenzen van elk peiljaar staan in de tabel huurgrenzen.",
                     "Illustrative. The rent limits of each year are in the rent limits table.")
LABELS_ADD_UP = ("Illustratief. De labels A/B, C, D en E/F/G tellen op tot 100%.",
                 "Illustrative. The labels A/B, C, D and E/F/G add up to 100%.")
SECRET = ("CBS-waarde -99999999 (geheim of onbekend) telt als ontbrekend, nooit als 0.",
          "CBS value -99999999 (secret or unknown) counts as missing, never as 0.")


def _weighted(base: str, whole: tuple[str, str] = ("hele procenten", "whole percentages")) -> tuple[str, str]:
    return (f"Wijkwaarde: gewogen gemiddelde van de buurten (basis: {base}). CBS geeft per buurt {whole[0]}. "
            f"Ontbreekt een buurt, dan is de waarde gedeeltelijk (met dekking) of ontbreekt hij. {SECRET[0]}",
            f"Wijk value: the weighted mean of the buurten (base: {base}). CBS gives {whole[1]} per buurt. "
            f"When a buurt is missing, the value is partial (with its coverage) or missing. {SECRET[1]}")


def _rate(teller: str, noemer: str, factor: tuple[str, str]) -> tuple[str, str]:
    return (f"Berekend uit aantallen, per buurt en per wijk: Σ {teller} / Σ {noemer} × {factor[0]} (basis: "
            f"{noemer}). Niet het gemiddelde van buurtverhoudingen. {SECRET[0]}",
            f"Computed from counts, per buurt and per wijk: Σ {teller} / Σ {noemer} × {factor[1]} (base: "
            f"{noemer}). Not the mean of the buurten's ratios. {SECRET[1]}")


def _social() -> list[Indicator]:
    """The 2015 figures of the CBS Wijk- en buurtkaart: population, households, benefits, area."""
    return [
        Indicator("inwoners", "Inwoners", "Inhabitants", "aantal", "bevolking",
                  "Aantal inwoners op 1 januari.", "Number of inhabitants on 1 January.",
                  CBS_KAART, SUM_ROUNDED, kerncijfer=True,
                  cbs_kolommen="AANT_INW;aantal_inwoners"),
        Indicator("huishoudens", "Huishoudens", "Households", "aantal", "huishoudens",
                  "Aantal particuliere huishoudens op 1 januari.", "Number of private households on 1 January.",
                  CBS_KAART, SUM_ROUNDED, kerncijfer=True,
                  cbs_kolommen="AANTAL_HH;aantal_huishoudens"),
        Indicator("aandeel_0_14", "Aandeel 0 tot 15 jaar", "Share aged 0–14", "procent", "bevolking",
                  "Inwoners van 0 tot 15 jaar als percentage van alle inwoners, op 1 januari.",
                  "Inhabitants aged 0 to 14 as a percentage of all inhabitants, on 1 January.",
                  CBS_KAART, _weighted("inwoners"), aggregatie="gewogen", gewicht="inwoners",
                  cbs_kolommen="P_00_14_JR;percentage_personen_0_tot_15_jaar"),
        Indicator("aandeel_65_plus", "Aandeel 65 jaar en ouder", "Share aged 65 and over", "procent", "bevolking",
                  "Inwoners van 65 jaar en ouder als percentage van alle inwoners, op 1 januari.",
                  "Inhabitants aged 65 and over as a percentage of all inhabitants, on 1 January.",
                  CBS_KAART, _weighted("inwoners"), aggregatie="gewogen", gewicht="inwoners", kerncijfer=True,
                  cbs_kolommen="P_65_EO_JR;percentage_personen_65_jaar_en_ouder"),
        Indicator("aandeel_eenpersoonshuishoudens", "Aandeel eenpersoonshuishoudens", "Share of one-person households",
                  "procent", "huishoudens",
                  "Eenpersoonshuishoudens als percentage van alle particuliere huishoudens.",
                  "One-person households as a percentage of all private households.",
                  CBS_KAART, _weighted("huishoudens"), aggregatie="gewogen", gewicht="huishoudens",
                  cbs_kolommen="P_EENP_HH;percentage_eenpersoonshuishoudens"),
        Indicator("aandeel_huishoudens_met_kinderen", "Aandeel huishoudens met kinderen",
                  "Share of households with children", "procent", "huishoudens",
                  "Huishoudens met kinderen als percentage van alle particuliere huishoudens.",
                  "Households with children as a percentage of all private households.",
                  CBS_KAART, _weighted("huishoudens"), aggregatie="gewogen", gewicht="huishoudens",
                  cbs_kolommen="P_HH_M_K;percentage_huishoudens_met_kinderen"),
        Indicator("gemiddelde_huishoudensgrootte", "Gemiddelde huishoudensgrootte", "Average household size",
                  "personen", "huishoudens",
                  "Gemiddeld aantal personen per particulier huishouden.",
                  "Average number of persons per private household.",
                  CBS_KAART, _weighted("huishoudens", ("één decimaal", "one decimal")), aggregatie="gewogen", gewicht="huishoudens",
                  cbs_kolommen="GEM_HH_GR;gemiddelde_huishoudensgrootte"),
        Indicator("bijstandsuitkeringen", "Bijstandsuitkeringen", "Social assistance benefits", "aantal",
                  "uitkeringen",
                  "Aantal uitkeringen algemene bijstand (in latere CBS-edities: personen met bijstand).",
                  "Number of general social assistance benefits (in later CBS editions: persons on assistance).",
                  CBS_KAART, SUM_ROUNDED,
                  cbs_kolommen="WWB_UITTOT;personen_per_soort_uitkering_bijstand"),
        Indicator("bijstand_per_1000", "Bijstand per 1.000 inwoners", "Social assistance per 1,000 inhabitants",
                  "per_1000_inwoners", "uitkeringen",
                  "Aantal bijstandsuitkeringen per 1.000 inwoners.",
                  "Number of social assistance benefits per 1,000 inhabitants.",
                  CBS_KAART, _rate("bijstandsuitkeringen", "inwoners", ("1.000", "1,000")), aggregatie="verhouding",
                  teller="bijstandsuitkeringen", noemer="inwoners", factor=1000, hoger_is_beter="false",
                  kerncijfer=True),
        Indicator("aow_uitkeringen", "AOW-uitkeringen", "State pension (AOW) benefits", "aantal", "uitkeringen",
                  "Aantal AOW-uitkeringen (in latere CBS-edities: personen met AOW).",
                  "Number of state pension (AOW) benefits (in later CBS editions: persons receiving AOW).",
                  CBS_KAART, SUM_ROUNDED, cbs_kolommen="A_SOZ_OW;personen_per_soort_uitkering_aow"),
        Indicator("aow_per_1000", "AOW per 1.000 inwoners", "State pension (AOW) per 1,000 inhabitants",
                  "per_1000_inwoners", "uitkeringen",
                  "Aantal AOW-uitkeringen per 1.000 inwoners.",
                  "Number of state pension (AOW) benefits per 1,000 inhabitants.",
                  CBS_KAART, _rate("aow_uitkeringen", "inwoners", ("1.000", "1,000")), aggregatie="verhouding",
                  teller="aow_uitkeringen", noemer="inwoners", factor=1000),
        Indicator("opp_land_ha", "Landoppervlakte", "Land area", "hectare", "oppervlakte",
                  "Oppervlakte land in hectare (zonder water).", "Land area in hectares (water excluded).",
                  CBS_KAART, SUM, cbs_kolommen="OPP_LAND;oppervlakte_land_in_ha"),
        Indicator("bevolkingsdichtheid", "Bevolkingsdichtheid", "Population density", "per_km2", "bevolking",
                  "Aantal inwoners per km² land.", "Number of inhabitants per km² of land.",
                  CBS_KAART, _rate("inwoners", "opp_land_ha", ("100 (hectare naar km²)", "100 (hectares to km²)")), aggregatie="verhouding",
                  teller="inwoners", noemer="opp_land_ha", factor=100),
    ]


def _housing() -> list[Indicator]:
    """Dwellings, tenure and value: declared for a newer CBS edition, illustrative until imported."""
    shares = "procent"
    return [
        Indicator("woningen", "Woningen", "Dwellings", "aantal", "wonen",
                  "Aantal woningen (woningvoorraad).", "Number of dwellings (housing stock).",
                  ETM,
                  ("Bij benadering: afgeleid van de lokale dataset van het Energy Transition Model, geen CBS-tabel.",
                   "Approximate: derived from the Energy Transition Model's local dataset, not a CBS table."),
                  kerncijfer=True, cbs_kolommen="WONINGEN;woningvoorraad;aantal_woningen"),
        Indicator("aandeel_sociale_huur", "Aandeel sociale huur", "Share of social rent", shares, "wonen",
                  "Huurwoningen in bezit van woningcorporaties als percentage van alle woningen.",
                  "Rental homes owned by housing corporations as a percentage of all dwellings.",
                  ILLUSTRATIVE, ILLUSTRATIVE_UNTIL, aggregatie="gewogen", gewicht="woningen", kerncijfer=True,
                  cbs_kolommen="P_HUURCORP;percentage_huurwoningen_in_bezit_woningcorporaties;"
                               "perc_huurwoningen_in_bezit_woningcorporaties"),
        Indicator("aandeel_koop", "Aandeel koopwoningen", "Share of owner-occupied", shares, "wonen",
                  "Koopwoningen als percentage van alle woningen.",
                  "Owner-occupied homes as a percentage of all dwellings.",
                  ILLUSTRATIVE, ILLUSTRATIVE_UNTIL, aggregatie="gewogen", gewicht="woningen",
                  cbs_kolommen="P_KOOPWON;percentage_koopwoningen"),
        Indicator("aandeel_particuliere_huur", "Aandeel particuliere huur", "Share of private rent", shares, "wonen",
                  "Huurwoningen van andere verhuurders dan corporaties als percentage van alle woningen.",
                  "Rental homes of other landlords as a percentage of all dwellings.",
                  ILLUSTRATIVE, ILLUSTRATIVE_UNTIL, aggregatie="gewogen", gewicht="woningen",
                  cbs_kolommen="P_HUUROVE;percentage_huurwoningen_in_bezit_overige_verhuurders;"
                               "perc_huurwoningen_in_bezit_overige_verhuurders"),
        *[Indicator(f"corporatiebezit_{key}", f"Corporatiebezit: {name}", f"Corporation stock: {name}", "aantal",
                    "corporaties",
                    f"Sociale huurwoningen in bezit van {name}. De vijf corporaties samen vormen de sociale huur.",
                    f"Social rental homes owned by {name}. The five corporations together make up the social rent.",
                    ILLUSTRATIVE, _corporation_caveat(key)) for key, name, _ in CORPORATIES],
    ]


def _affordability() -> list[Indicator]:
    return [
        Indicator("goedkope_huurwoningen", "Goedkope huurwoningen", "Cheap rental homes", "aantal", "betaalbaarheid",
                  "Huurwoningen (van corporaties en andere verhuurders) met een kale huur tot en met de lage "
                  "aftoppingsgrens van het peiljaar: de huur tot waar een huishouden met een laag inkomen de volledige "
                  "huurtoeslag krijgt. Gelijk aan de huurklassen 'tot de kwaliteitskortingsgrens' en 'tot de "
                  "aftoppingsgrens' samen.",
                  "Rental homes (of corporations and other landlords) with a basic rent up to the year's lower "
                  "'aftoppingsgrens': the rent up to which a low-income household gets the full housing benefit. "
                  "Equal to the rent classes 'up to the kwaliteitskortingsgrens' and 'up to the aftoppingsgrens' "
                  "together.",
                  ILLUSTRATIVE, ("Illustratief. De huurgrenzen verschillen per jaar (tabel huurgrenzen). Voor "
                                 "huishoudens van drie of meer personen geldt een hogere aftoppingsgrens.",
                                 "Illustrative. The rent limits differ per year (rent limits table). Households of "
                                 "three or more persons have a higher aftoppingsgrens.")),
        Indicator("lage_inkomens", "Huishoudens met een laag inkomen", "Low-income households", "aantal",
                  "betaalbaarheid",
                  "Huishoudens met een inkomen tot de grens voor huurtoeslag.",
                  "Households with an income up to the housing-benefit limit.",
                  ILLUSTRATIVE, ILLUSTRATIVE_UNTIL),
        Indicator("goedkope_huur_per_laag_inkomen", "Goedkope huurwoningen per laag inkomen",
                  "Cheap rental homes per low-income household", "verhouding", "betaalbaarheid",
                  "Aantal goedkope huurwoningen gedeeld door het aantal huishoudens met een laag inkomen. "
                  "Onder 1: minder goedkope huurwoningen dan huishoudens die ze nodig hebben.",
                  "Cheap rental homes divided by low-income households. Below 1: fewer cheap homes than households "
                  "needing one.",
                  ILLUSTRATIVE, ("Illustratief. Huishoudens wonen niet altijd in hun eigen wijk.",
                                 "Illustrative. Households do not always live in their own wijk."),
                  aggregatie="gewogen", gewicht="lage_inkomens", hoger_is_beter="true", kerncijfer=True),
        Indicator("huur_tot_kwaliteitskortingsgrens", "Huurwoningen tot de kwaliteitskortingsgrens",
                  "Rental homes up to the kwaliteitskortingsgrens", "aantal", "betaalbaarheid",
                  "Huurwoningen met een kale huur tot en met de kwaliteitskortingsgrens van het peiljaar.",
                  "Rental homes with a basic rent up to the year's 'kwaliteitskortingsgrens'.",
                  ILLUSTRATIVE, RENT_CLASS_CAVEAT),
        Indicator("huur_tot_aftoppingsgrens", "Huurwoningen van de kwaliteitskortingsgrens tot de aftoppingsgrens",
                  "Rental homes from the kwaliteitskortingsgrens up to the aftoppingsgrens", "aantal", "betaalbaarheid",
                  "Huurwoningen met een kale huur boven de kwaliteitskortingsgrens, tot en met de lage "
                  "aftoppingsgrens van het peiljaar.",
                  "Rental homes with a basic rent above the 'kwaliteitskortingsgrens', up to the year's lower "
                  "'aftoppingsgrens'.",
                  ILLUSTRATIVE, RENT_CLASS_CAVEAT),
        Indicator("huur_tot_liberalisatiegrens", "Huurwoningen van de aftoppingsgrens tot de liberalisatiegrens",
                  "Rental homes from the aftoppingsgrens up to the liberalisatiegrens", "aantal", "betaalbaarheid",
                  "Huurwoningen met een kale huur boven de lage aftoppingsgrens, tot en met de liberalisatiegrens "
                  "van het peiljaar.",
                  "Rental homes with a basic rent above the lower 'aftoppingsgrens', up to the year's "
                  "'liberalisatiegrens'.",
                  ILLUSTRATIVE, RENT_CLASS_CAVEAT),
        Indicator("huur_boven_liberalisatiegrens", "Huurwoningen boven de liberalisatiegrens",
                  "Rental homes above the liberalisatiegrens", "aantal", "betaalbaarheid",
                  "Huurwoningen met een kale huur boven de liberalisatiegrens van het peiljaar (vrije sector).",
                  "Rental homes with a basic rent above the year's 'liberalisatiegrens' (free sector).",
                  ILLUSTRATIVE, RENT_CLASS_CAVEAT),
        Indicator("woz_gemiddeld", "Gemiddelde WOZ-waarde", "Average WOZ value", "euro", "wonen",
                  "Gemiddelde WOZ-waarde van woningen op 1 januari.",
                  "Average assessed (WOZ) value of dwellings on 1 January.",
                  ILLUSTRATIVE, ILLUSTRATIVE_UNTIL, aggregatie="gewogen", gewicht="woningen",
                  cbs_kolommen="WOZ;gemiddelde_woningwaarde", schaal=1000),
    ]


def _energy_and_liveability() -> list[Indicator]:
    def label(code: str, name_nl: str, name_en: str, caveat: tuple[str, str], better: str) -> Indicator:
        return Indicator(f"energielabel_{code}", f"Woningen met energielabel {name_nl}",
                         f"Dwellings with energy label {name_en}", "procent", "energie",
                         f"Woningen met een (voorlopig) energielabel {name_nl} als percentage van de woningen met "
                         "een label.",
                         f"Dwellings with an energy label {name_en} as a percentage of dwellings with a label.",
                         ILLUSTRATIVE, caveat, aggregatie="gewogen", gewicht="woningen", hoger_is_beter=better)

    ab = label("ab", "A of B", "A or B", LABELS_ADD_UP, "true")
    ab = Indicator(**{**asdict(ab),
                      "definitie_nl": "Woningen met een (voorlopig) energielabel A (of beter) of B als percentage van "
                                      "de woningen met een label.",
                      "definitie_en": "Dwellings with an energy label A (or better) or B as a percentage of "
                                      "dwellings with a label."})
    return [
        ab,
        label("c", "C", "C", LABELS_ADD_UP, ""),
        label("d", "D", "D", LABELS_ADD_UP, ""),
        label("efg", "E, F of G", "E, F or G", ("Illustratief. De brief: energiekosten bepalen steeds meer de "
                                                "woonlasten.", "Illustrative. The letter: energy costs weigh more and "
                                                "more in the cost of housing."), "false"),
        Indicator("leefbaarometer", "Leefbaarheid (Leefbaarometer)", "Liveability (Leefbaarometer)", "score",
                  "leefbaarheid",
                  "Leefbaarheidsscore op de schaal van de Leefbaarometer (1 = zeer onvoldoende, 9 = uitstekend).",
                  "Liveability score on the Leefbaarometer scale (1 = very poor, 9 = excellent).",
                  ILLUSTRATIVE, ("Illustratief; de echte Leefbaarometer is beschikbaar per buurt en wordt later "
                                 "geïmporteerd.", "Illustrative; the real Leefbaarometer is available per buurt and "
                                 "will be imported later."), aggregatie="gewogen", gewicht="inwoners", hoger_is_beter="true", kerncijfer=True),
    ]


INDICATOREN: list[Indicator] = [*_social(), *_housing(), *_affordability(), *_energy_and_liveability()]


def build_indicatoren() -> pd.DataFrame:
    frame = pd.DataFrame([asdict(i) for i in INDICATOREN])
    frame["kanttekening_en"] = frame["kanttekening"].str[1]
    frame["kanttekening"] = frame["kanttekening"].str[0]
    frame["kerncijfer"] = frame["kerncijfer"].map({True: "true", False: "false"})
    for column in ("factor", "schaal"):  # whole numbers without ".0"; empty stays empty
        frame[column] = frame[column].map(lambda v: "" if v is None or pd.isna(v) else f"{v:g}")
    frame["volgorde"] = range(1, len(frame) + 1)
    return frame[COLUMNS]
