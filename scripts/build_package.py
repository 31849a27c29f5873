"""Build the tabular resources of the embedded data package from the public facts.

    .venv/bin/python scripts/build_tables.py [--shared ../shared/data]

Writes nla_data/data/{wijken,buurten,indicatoren,cijfers,huurgrenzen}.csv. Deterministic: running it
twice gives the same files. The facts come from four places:

- the 2013 source (classes, budget ceilings, the 2014 cut) — the table `WIJKEN` below;
- CBS Kerncijfers 2015 and the ETM 2016 dwelling estimate per buurt — `groningen-buurten-2015.csv`;
- the rent limits of 2011–2014 (Rijksoverheid, huurprijsgrenzen huurtoeslag) — `HUURGRENZEN` below;
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
sys.path.insert(0, str(ROOT / "scripts"))

from domain.slugs import slug  # noqa: E402
from package_build.indicators import CORPORATIES, build_indicatoren  # noqa: E402

OUT = ROOT / "nla_data" / "data"
GEMEENTE = "GM0014"

SOURCE_CLASSES = "Rapport SocioQuest/RUG 2013, §2.2 (klasse, plafond 2011-2014); brief 18-09-2013 (korting 2014)"
SOURCE_CBS = "CBS Kerncijfers wijken en buurten 2015"
SOURCE_ETM = "Energy Transition Model, lokale dataset 2016 (bij benadering, geen CBS-tabel)"
SOURCE_ILLUSTRATIVE = "Illustratief voorbeeld (gegenereerd), geen officiële statistiek"
SOURCE_RENT_LIMITS = "Rijksoverheid, huurprijsgrenzen huurtoeslag {jaar}"

# Rent limits (kale huur, euro per month, as of 1 January): Rijksoverheid, huurtoeslag/huurprijsgrenzen.
HUURGRENZEN = {
    "kwaliteitskortingsgrens": {2011: 361.66, 2012: 366.37, 2013: 374.44, 2014: 389.05},
    "aftoppingsgrens_laag": {2011: 520.08, 2012: 535.91, 2013: 535.91, 2014: 556.82},
    "aftoppingsgrens_hoog": {2011: 554.76, 2012: 574.35, 2013: 574.35, 2014: 596.75},
    "liberalisatiegrens": {2011: 652.52, 2012: 664.66, 2013: 681.02, 2014: 699.48},
}
HUURGRENZEN_UNSURE = "over te nemen uit de officiële tabel bij import; controleer"
RENT_CLASS_CAVEAT = "Illustratief. De huurgrenzen van elk peiljaar staan in de tabel huurgrenzen."

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
            "illustratief": "true" if illustrative else "false", "opmerking": note, "dekking": ""}


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


def _market_profile(key: str, heavy: bool) -> dict:
    """Plausible splits of the stock for one area: over the corporations, rent classes and energy labels.

    A generator of its own (seeded by the area), so the values of `_illustrative_profile` stay as they were.
    """
    rng = np.random.default_rng(zlib.crc32(f"{key}:woningmarkt".encode()))
    weights = np.array([share for *_, share in CORPORATIES]) * rng.uniform(0.3, 1.7, len(CORPORATIES))
    if rng.uniform() < 0.35:
        weights[-1] = 0.0  # the smallest corporation is not active in every wijk
    return {
        "corporation_shares": weights / weights.sum(),
        "below_kkg_fraction": rng.uniform(0.3, 0.5) if heavy else rng.uniform(0.2, 0.4),  # of the cheap homes
        "free_sector_fraction": rng.uniform(0.35, 0.6),  # of the private rental homes
        "energielabel_ab": rng.uniform(8, 16) if heavy else rng.uniform(14, 26),
        "label_c_fraction": rng.uniform(0.45, 0.6),  # of the homes with label C or D
    }


def _split(total: int, shares: np.ndarray) -> list[int]:
    """Whole numbers in proportion to `shares` that add up to `total` exactly (largest remainder)."""
    exact = total * shares
    whole = np.floor(exact).astype(int)
    for index in np.argsort(-(exact - whole), kind="stable")[: total - whole.sum()]:
        whole[index] += 1
    return [int(n) for n in whole]


def _illustrative_rows(area_kind: str, area_id: str, p: dict) -> list[dict]:
    rows = []
    for step, year in enumerate(ILLUSTRATIVE_YEARS):
        # Corporations sell stock and insulate: social rent and E/F/G labels drift down over the years.
        social = p["aandeel_sociale_huur"] - step * (0.6 + 0.3 * p["trend"])
        owner = p["aandeel_koop"] + step * 0.4
        cheap = p["dwellings"] * social / 100 * (p["cheap_fraction"] - step * 0.015)
        low = p["households"] * (p["low_income_share"] + step * 0.005)
        # Dwellings by owner and rent class, consistent with the shares above: the corporations together own
        # the social rent; the rent classes add up to all rental homes; the two cheapest are the cheap homes.
        social_homes = round(p["dwellings"] * social / 100)
        private_homes = round(p["dwellings"] * (100 - social - owner) / 100)
        below_kkg = round(round(cheap) * p["below_kkg_fraction"])
        free_sector = round(private_homes * p["free_sector_fraction"])
        # Energy labels: A/B up, E/F/G down; A/B, C, D and E/F/G add up to 100%.
        efg = round(p["energielabel_efg"] - step * 1.5, 1)
        ab = round(p["energielabel_ab"] + step * 1.2, 1)
        c = round((100 - efg - ab) * p["label_c_fraction"], 1)
        values = {
            **{f"corporatiebezit_{key}": n for (key, *_), n in zip(CORPORATIES, _split(
                social_homes, p["corporation_shares"]))},
            "huur_tot_kwaliteitskortingsgrens": below_kkg,
            "huur_tot_aftoppingsgrens": round(cheap) - below_kkg,
            "huur_tot_liberalisatiegrens": social_homes + private_homes - round(cheap) - free_sector,
            "huur_boven_liberalisatiegrens": free_sector,
            "energielabel_ab": ab,
            "energielabel_c": c,
            "energielabel_d": 100 - efg - ab - c,
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
        profile.update(_market_profile(wijk.wijk_id, wijk.zwaarte == "zwaar"))
        rows += _illustrative_rows("wijk", wijk.wijk_id, profile)
    city = _illustrative_profile(GEMEENTE, False, shared["woningen_2016_approx"].sum(),
                                 shared["huishoudens_2015"].sum())
    city.update(aandeel_sociale_huur=38.0, low_income_share=0.33, leefbaarometer=5.9)
    city.update(_market_profile(GEMEENTE, False))
    nominal = np.array([share for *_, share in CORPORATIES])
    city.update(corporation_shares=nominal / nominal.sum())
    rows += _illustrative_rows("gemeente", GEMEENTE, city)
    frame = pd.DataFrame(rows)
    order = {"gemeente": 0, "wijk": 1, "buurt": 2}
    return frame.sort_values(["indicator", "jaar", "gebied_type", "gebied_id"],
                             key=lambda c: c.map(order) if c.name == "gebied_type" else c).reset_index(drop=True)


def build_huurgrenzen() -> pd.DataFrame:
    rows = [{"jaar": year, "grens": limit, "bedrag": amount, "bron": SOURCE_RENT_LIMITS.format(jaar=year),
             "opmerking": HUURGRENZEN_UNSURE if limit.startswith("aftoppingsgrens") else ""}
            for limit, amounts in HUURGRENZEN.items() for year, amount in amounts.items()]
    return pd.DataFrame(rows).sort_values(["jaar", "bedrag"]).reset_index(drop=True)


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
    _write(build_huurgrenzen(), "huurgrenzen")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
