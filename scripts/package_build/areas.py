"""The wijken table (the 2013 source: classes, budget ceilings, the 2014 cut) and the buurten table
(CBS codes and names 2015, and the NLA wijk each buurt belongs to)."""

from __future__ import annotations

import pandas as pd

from domain.slugs import slug
from package_build.sources import CLASSES, GEMEENTE

CUT_2014_EACH = 30_000  # € 450.000 spread evenly over 15 wijken (brief 18-09-2013)
CEILINGS_TOTAL = 8_875_000  # the source's total of the ceilings 2011-2014

HOOGKERK_NOTE = ("Uitzondering: plafond € 100.000. Naar woningaantal van de twee CBS-buurten groter dan 2.500; "
                 "het NLA-gebied is mogelijk kleiner.")

# name, grootte, zwaarte, ceiling 2011-2014, class note, themes (illustrative)
WIJKEN = [
    ("Selwerd", "groot", "zwaar", 900_000, "", "Wijkvernieuwing op uitnodiging;Wijkbedrijf;Bewonersparticipatie"),
    ("Paddepoel", "groot", "zwaar", 900_000, "", "Leefbaarheid;Wonen en energie"),
    ("De Wijert", "groot", "zwaar", 900_000, "", "Besluitvorming wijkbudget;Bewonersparticipatie"),
    ("Beijum", "groot", "zwaar", 900_000, "", "Werk en ondernemen;Zorg en welzijn"),
    ("Lewenborg", "groot", "zwaar", 900_000, "", "Bewonersparticipatie;Groen"),
    ("Oosterpark", "groot", "zwaar", 900_000, "", "Werk en ondernemen;Wonen en energie"),
    ("Korrewegwijk", "groot", "zwaar", 900_000, "", "Wijkstemdag;Bewonersparticipatie;Jongeren"),
    ("De Hoogte", "klein", "zwaar", 450_000, "", "Leefbaarheid;Jongeren"),
    ("Oosterhoogebrug", "klein", "zwaar", 450_000, "", "Wijkteam;Leefbaarheid"),
    ("Vinkhuizen", "groot", "licht", 450_000, "", "Wonen en energie;Leefbaarheid"),
    ("Corpus den Hoorn", "groot", "licht", 450_000, "", "Wonen en energie"),
    ("Kostverloren", "klein", "licht", 225_000, "", "Groen"),
    ("Grunobuurt", "klein", "licht", 225_000, "", "Leefbaarheid"),
    (
        "Hoogkerk",
        "klein",
        "licht",
        100_000,
        HOOGKERK_NOTE,
        "Leefbaarheid;Zorg en welzijn",
    ),
    ("Tuinwijk", "klein", "licht", 225_000, "", "Groen"),
]


# The package's Dutch words in English (`*_en` columns; the app shows the Dutch where one is missing).
THEMES_EN = {
    "Wijkvernieuwing op uitnodiging": "Renewal by invitation", "Wijkbedrijf": "Neighbourhood enterprise",
    "Bewonersparticipatie": "Resident participation", "Leefbaarheid": "Liveability",
    "Wonen en energie": "Housing and energy", "Besluitvorming wijkbudget": "Deciding on the wijk budget",
    "Werk en ondernemen": "Work and enterprise", "Zorg en welzijn": "Care and well-being", "Groen": "Green space",
    "Wijkstemdag": "Wijk voting day", "Jongeren": "Young people", "Wijkteam": "Wijk team",
}
CLASS_NOTES_EN = {
    HOOGKERK_NOTE: ("Exception: ceiling € 100,000. By the dwellings of its two CBS buurten larger than 2,500; "
                    "the NLA area may be smaller."),
}
FRONTLINE_NOTE = "Per wijk wordt bezien wie de frontlijnfunctie invult (brief 18-09-2013)."
FRONTLINE_NOTE_EN = "Who fills the frontline role is decided per wijk (letter 18-09-2013)."


def themes_en(themes: str) -> str:
    return ";".join(THEMES_EN[theme] for theme in themes.split(";"))


def build_wijken() -> pd.DataFrame:
    rows = []
    for name, grootte, zwaarte, ceiling, note, themes in WIJKEN:
        rows.append({
            "wijk_id": slug(name), "naam": name, "grootte": grootte, "zwaarte": zwaarte,
            "klasse_toelichting": note, "klasse_toelichting_en": CLASS_NOTES_EN.get(note, ""),
            "plafond_2011_2014": ceiling, "korting_2014": CUT_2014_EACH,
            "frontlijn_invulling": "nog-te-bepalen",
            "frontlijn_toelichting": FRONTLINE_NOTE, "frontlijn_toelichting_en": FRONTLINE_NOTE_EN,
            "organisatievorm_na_2014": "nog-te-bepalen", "themas": themes, "themas_en": themes_en(themes),
            "illustratief": "true", "bron": CLASSES,
        })
    frame = pd.DataFrame(rows)
    assert frame["plafond_2011_2014"].sum() == CEILINGS_TOTAL, "ceilings must add up to € 8.875.000 (source)"
    return frame


def wijk_ids(shared: pd.DataFrame) -> pd.Series:
    """The NLA wijk of each buurt of the shared table as a slug; "" outside the NLA wijken."""
    return shared["nla_wijk"].fillna("").map(lambda name: slug(name) if name else "")


def build_buurten(shared: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "buurtcode": shared["buurtcode"],
        "buurtnaam": shared["buurtnaam"],
        "cbs_wijkcode": shared["cbs_wijkcode"],
        "gemeentecode": GEMEENTE,
        "wijk_id": wijk_ids(shared),
        "toewijzing": shared["nla_toewijzing"].fillna("").map({"high": "hoog", "medium": "middel", "": ""}),
        "lat": shared["lat"], "lon": shared["lon"], "opp_land_ha": shared["opp_land_ha"],
    })
