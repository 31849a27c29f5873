"""Build the tabular resources of the embedded data package from the public facts.

    .venv/bin/python scripts/build_tables.py [--shared ../shared/data]

Writes nla_data/data/{wijken,buurten,indicatoren,cijfers}.csv. Deterministic: running it
twice gives the same files. The facts come from three places:

- the 2013 source (classes, budget ceilings, the 2014 cut) — the table `WIJKEN` below;
- CBS Kerncijfers 2015 and the ETM 2016 dwelling estimate per buurt — `groningen-buurten-2015.csv`;
- illustrative housing and affordability figures for 2011–2014, generated here with a fixed
  seed and flagged `illustratief=true` in every row, until real figures are imported.
"""

from __future__ import annotations

import argparse
import csv
import sys
import zlib
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from domain.slugs import slug  # noqa: E402

OUT = ROOT / "nla_data" / "data"
GEMEENTE = "GM0014"

SOURCE_CLASSES = "Rapport SocioQuest/RUG 2013, §2.2 (klasse, plafond 2011-2014); brief 18-09-2013 (korting 2014)"
SOURCE_CBS = "CBS Kerncijfers wijken en buurten 2015"
SOURCE_ETM = "Energy Transition Model, lokale dataset 2016 (bij benadering, geen CBS-tabel)"
SOURCE_ILLUSTRATIVE = "Illustratief voorbeeld (gegenereerd), geen officiële statistiek"

CUT_2014_EACH = 30_000  # € 450.000 spread evenly over 15 wijken (brief 18-09-2013)

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
        "Uitzondering: plafond € 100.000. Naar woningaantal van de twee CBS-buurten groter dan 2.500; "
        "het NLA-gebied is mogelijk kleiner.",
        "Leefbaarheid;Zorg en welzijn",
    ),
    ("Tuinwijk", "klein", "licht", 225_000, "", "Groen"),
]

# indicator, label nl, label en, unit, definition nl, definition en, source, caveat,
# higher is better ("" = neutral), aggregation, weight
INDICATOREN = [
    ("inwoners", "Inwoners", "Inhabitants", "aantal",
     "Aantal inwoners op 1 januari.", "Number of inhabitants on 1 January.",
     SOURCE_CBS, "Wijkwaarde = som van de buurten.", "", "som", ""),
    ("huishoudens", "Huishoudens", "Households", "aantal",
     "Aantal particuliere huishoudens op 1 januari.", "Number of private households on 1 January.",
     SOURCE_CBS, "Wijkwaarde = som van de buurten.", "", "som", ""),
    ("woningen", "Woningen", "Dwellings", "aantal",
     "Aantal woningen (woningvoorraad).", "Number of dwellings (housing stock).",
     SOURCE_ETM, "Bij benadering: afgeleid van de lokale dataset van het Energy Transition Model, geen CBS-tabel.",
     "", "som", ""),
    ("aandeel_sociale_huur", "Aandeel sociale huur", "Share of social rent", "procent",
     "Huurwoningen in bezit van woningcorporaties als percentage van alle woningen.",
     "Rental homes owned by housing corporations as a percentage of all dwellings.",
     SOURCE_ILLUSTRATIVE, "Illustratief tot de officiële cijfers zijn geïmporteerd.", "", "gewogen", "woningen"),
    ("aandeel_koop", "Aandeel koopwoningen", "Share of owner-occupied", "procent",
     "Koopwoningen als percentage van alle woningen.", "Owner-occupied homes as a percentage of all dwellings.",
     SOURCE_ILLUSTRATIVE, "Illustratief tot de officiële cijfers zijn geïmporteerd.", "", "gewogen", "woningen"),
    ("aandeel_particuliere_huur", "Aandeel particuliere huur", "Share of private rent", "procent",
     "Huurwoningen van andere verhuurders dan corporaties als percentage van alle woningen.",
     "Rental homes of other landlords as a percentage of all dwellings.",
     SOURCE_ILLUSTRATIVE, "Illustratief tot de officiële cijfers zijn geïmporteerd.", "", "gewogen", "woningen"),
    ("goedkope_huurwoningen", "Goedkope huurwoningen", "Cheap rental homes", "aantal",
     "Huurwoningen met een huur onder de kwaliteitskortingsgrens van het peiljaar.",
     "Rental homes with a rent below the year's 'kwaliteitskortingsgrens'.",
     SOURCE_ILLUSTRATIVE, "Illustratief. De huurgrenzen verschillen per jaar.", "", "som", ""),
    ("lage_inkomens", "Huishoudens met een laag inkomen", "Low-income households", "aantal",
     "Huishoudens met een inkomen tot de grens voor huurtoeslag.",
     "Households with an income up to the housing-benefit limit.",
     SOURCE_ILLUSTRATIVE, "Illustratief tot de officiële cijfers zijn geïmporteerd.", "", "som", ""),
    ("goedkope_huur_per_laag_inkomen", "Goedkope huurwoningen per laag inkomen",
     "Cheap rental homes per low-income household", "verhouding",
     "Aantal goedkope huurwoningen gedeeld door het aantal huishoudens met een laag inkomen. "
     "Onder 1: minder goedkope huurwoningen dan huishoudens die ze nodig hebben.",
     "Cheap rental homes divided by low-income households. Below 1: fewer cheap homes than households needing one.",
     SOURCE_ILLUSTRATIVE, "Illustratief. Huishoudens wonen niet altijd in hun eigen wijk.", "true", "gewogen",
     "lage_inkomens"),
    ("woz_gemiddeld", "Gemiddelde WOZ-waarde", "Average WOZ value", "euro",
     "Gemiddelde WOZ-waarde van woningen op 1 januari.", "Average assessed (WOZ) value of dwellings on 1 January.",
     SOURCE_ILLUSTRATIVE, "Illustratief tot de officiële cijfers zijn geïmporteerd.", "", "gewogen", "woningen"),
    ("energielabel_efg", "Woningen met energielabel E, F of G", "Dwellings with energy label E, F or G", "procent",
     "Woningen met een (voorlopig) energielabel E, F of G als percentage van de woningen met een label.",
     "Dwellings with an energy label E, F or G as a percentage of dwellings with a label.",
     SOURCE_ILLUSTRATIVE, "Illustratief. De brief: energiekosten bepalen steeds meer de woonlasten.", "false",
     "gewogen", "woningen"),
    ("leefbaarometer", "Leefbaarheid (Leefbaarometer)", "Liveability (Leefbaarometer)", "score",
     "Leefbaarheidsscore op de schaal van de Leefbaarometer (1 = zeer onvoldoende, 9 = uitstekend).",
     "Liveability score on the Leefbaarometer scale (1 = very poor, 9 = excellent).",
     SOURCE_ILLUSTRATIVE, "Illustratief; de echte Leefbaarometer is beschikbaar per buurt en wordt later geïmporteerd.",
     "true", "gewogen", "inwoners"),
]

ILLUSTRATIVE_YEARS = range(2011, 2015)


def _write(frame: pd.DataFrame, name: str) -> None:
    path = OUT / f"{name}.csv"
    frame.to_csv(path, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    print(f"{path.relative_to(ROOT)}: {len(frame)} rijen")


def build_wijken() -> pd.DataFrame:
    rows = []
    for name, grootte, zwaarte, ceiling, note, themes in WIJKEN:
        rows.append({
            "wijk_id": slug(name), "naam": name, "grootte": grootte, "zwaarte": zwaarte,
            "klasse_toelichting": note, "plafond_2011_2014": ceiling, "korting_2014": CUT_2014_EACH,
            "frontlijn_invulling": "nog-te-bepalen",
            "frontlijn_toelichting": "Per wijk wordt bezien wie de frontlijnfunctie invult (brief 18-09-2013).",
            "organisatievorm_na_2014": "nog-te-bepalen", "themas": themes, "illustratief": "true",
            "bron": SOURCE_CLASSES,
        })
    frame = pd.DataFrame(rows)
    assert frame["plafond_2011_2014"].sum() == 8_875_000, "ceilings must add up to € 8.875.000 (source)"
    return frame


def build_buurten(shared: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "buurtcode": shared["buurtcode"],
        "buurtnaam": shared["buurtnaam"],
        "cbs_wijkcode": shared["cbs_wijkcode"],
        "gemeentecode": GEMEENTE,
        "wijk_id": shared["nla_wijk"].fillna("").map(lambda n: slug(n) if n else ""),
        "toewijzing": shared["nla_toewijzing"].fillna("").map({"high": "hoog", "medium": "middel", "": ""}),
        "lat": shared["lat"], "lon": shared["lon"], "opp_land_ha": shared["opp_land_ha"],
    })


def _real_rows(shared: pd.DataFrame) -> list[dict]:
    """CBS 2015 and ETM 2016 per buurt, summed to wijk and gemeente (counts only: sums are correct)."""
    rows = []
    facts = [("inwoners", "inwoners_2015", 2015, SOURCE_CBS, ""),
             ("huishoudens", "huishoudens_2015", 2015, SOURCE_CBS, ""),
             ("woningen", "woningen_2016_approx", 2016, SOURCE_ETM, "bij benadering")]
    shared = shared.assign(wijk_id=shared["nla_wijk"].fillna("").map(lambda n: slug(n) if n else ""))
    for indicator, column, year, source, note in facts:
        known = shared.dropna(subset=[column])
        for code, value in zip(known["buurtcode"], known[column]):
            rows.append(_row("buurt", code, year, indicator, value, source, False, note))
        for wijk_id, group in shared[shared["wijk_id"] != ""].groupby("wijk_id"):
            missing = group[column].isna().sum()
            if missing:  # a secret buurt value makes the sum unknown, never zero
                continue
            rows.append(_row("wijk", wijk_id, year, indicator, group[column].sum(), source, False,
                             "som van de buurten" + (f"; {note}" if note else "")))
        partial = shared[column].isna().sum()
        city_note = "som van de buurten" + (f"; {partial} buurt(en) geheim of onbekend" if partial else "")
        rows.append(_row("gemeente", GEMEENTE, year, indicator, known[column].sum(), source, False,
                         city_note + (f"; {note}" if note else "")))
    return rows


def _row(kind, area, year, indicator, value, source, illustrative, note="") -> dict:
    return {"gebied_type": kind, "gebied_id": area, "jaar": year, "indicator": indicator,
            "waarde": round(float(value), 2), "bron": source,
            "illustratief": "true" if illustrative else "false", "opmerking": note}


def _illustrative_profile(key: str, heavy: bool, dwellings: float, households: float) -> dict:
    """Plausible 2011 values for one area; `heavy` (zwaar) wijken have more social rent and lower incomes."""
    rng = np.random.default_rng(zlib.crc32(key.encode()))
    social = rng.uniform(48, 66) if heavy else rng.uniform(24, 44)
    owner = rng.uniform(0.45, 0.75) * (100 - social)
    return {
        "aandeel_sociale_huur": social,
        "aandeel_koop": owner,
        "aandeel_particuliere_huur": 100 - social - owner,
        "cheap_fraction": rng.uniform(0.55, 0.8),
        "low_income_share": rng.uniform(0.34, 0.46) if heavy else rng.uniform(0.18, 0.3),
        "woz_gemiddeld": rng.uniform(120_000, 150_000) if heavy else rng.uniform(160_000, 230_000),
        "energielabel_efg": rng.uniform(30, 45) if heavy else rng.uniform(18, 32),
        "leefbaarometer": rng.uniform(4.3, 5.6) if heavy else rng.uniform(5.8, 7.2),
        "dwellings": dwellings,
        "households": households,
        "trend": rng.uniform(-1, 1),
    }


def _illustrative_rows(area_kind: str, area_id: str, p: dict) -> list[dict]:
    rows = []
    for step, year in enumerate(ILLUSTRATIVE_YEARS):
        # Corporations sell stock and insulate: social rent and E/F/G labels drift down over the years.
        social = p["aandeel_sociale_huur"] - step * (0.6 + 0.3 * p["trend"])
        owner = p["aandeel_koop"] + step * 0.4
        cheap = p["dwellings"] * social / 100 * (p["cheap_fraction"] - step * 0.015)
        low = p["households"] * (p["low_income_share"] + step * 0.005)
        values = {
            "aandeel_sociale_huur": social,
            "aandeel_koop": owner,
            "aandeel_particuliere_huur": 100 - social - owner,
            "goedkope_huurwoningen": round(cheap),
            "lage_inkomens": round(low),
            "goedkope_huur_per_laag_inkomen": round(cheap) / round(low),
            "woz_gemiddeld": round(p["woz_gemiddeld"] * (1 - 0.02 * step), -3),
            "energielabel_efg": p["energielabel_efg"] - step * 1.5,
            "leefbaarometer": p["leefbaarometer"] + step * 0.05 * (1 + p["trend"]),
        }
        for indicator, value in values.items():
            rounded = round(value, 2 if indicator.startswith("goedkope_huur_per") else 1)
            rows.append(_row(area_kind, area_id, year, indicator, rounded, SOURCE_ILLUSTRATIVE, True,
                             "illustratief voorbeeld"))
    return rows


def build_cijfers(shared: pd.DataFrame, wijken: pd.DataFrame) -> pd.DataFrame:
    rows = _real_rows(shared)
    by_wijk = shared.assign(wijk_id=shared["nla_wijk"].fillna("").map(lambda n: slug(n) if n else ""))
    totals = by_wijk.groupby("wijk_id")[["woningen_2016_approx", "huishoudens_2015"]].sum()
    for wijk in wijken.itertuples():
        profile = _illustrative_profile(wijk.wijk_id, wijk.zwaarte == "zwaar",
                                        totals.loc[wijk.wijk_id, "woningen_2016_approx"],
                                        totals.loc[wijk.wijk_id, "huishoudens_2015"])
        rows += _illustrative_rows("wijk", wijk.wijk_id, profile)
    city = _illustrative_profile(GEMEENTE, False, shared["woningen_2016_approx"].sum(),
                                 shared["huishoudens_2015"].sum())
    city.update(aandeel_sociale_huur=38.0, low_income_share=0.33, leefbaarometer=5.9)
    rows += _illustrative_rows("gemeente", GEMEENTE, city)
    frame = pd.DataFrame(rows)
    order = {"gemeente": 0, "wijk": 1, "buurt": 2}
    return frame.sort_values(["indicator", "jaar", "gebied_type", "gebied_id"],
                             key=lambda c: c.map(order) if c.name == "gebied_type" else c).reset_index(drop=True)


def build_indicatoren() -> pd.DataFrame:
    columns = ["indicator", "label_nl", "label_en", "eenheid", "definitie_nl", "definitie_en", "bron",
               "kanttekening", "hoger_is_beter", "aggregatie", "gewicht"]
    frame = pd.DataFrame(INDICATOREN, columns=columns)
    frame["volgorde"] = range(1, len(frame) + 1)
    return frame


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args(argv)
    shared = pd.read_csv(args.shared / "groningen-buurten-2015.csv", dtype={"buurtcode": str})
    OUT.mkdir(parents=True, exist_ok=True)
    wijken = build_wijken()
    _write(wijken, "wijken")
    _write(build_buurten(shared), "buurten")
    _write(build_indicatoren(), "indicatoren")
    _write(build_cijfers(shared, wijken), "cijfers")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
