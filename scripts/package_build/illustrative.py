"""Illustrative housing and affordability figures for 2011–2014: generated with a fixed seed per area,
flagged `illustratief=true` in every row, until real figures are imported. Their scale follows the
dwellings (ETM 2016, approximate) and households (CBS 2015) of each wijk and of the city."""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from package_build.areas import wijk_ids
from package_build.indicators import CORPORATIES
from package_build.rows import row
from package_build.sources import GEMEENTE, ILLUSTRATIVE

ILLUSTRATIVE_YEARS = range(2011, 2015)


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
            rows.append(row(area_kind, area_id, year, indicator, rounded, ILLUSTRATIVE, True,
                            "illustratief voorbeeld"))
    return rows


def illustrative_rows(shared: pd.DataFrame, wijken: pd.DataFrame) -> list[dict]:
    """The illustrative rows of every wijk and of the city (from the shared buurten table)."""
    rows = []
    totals = shared.assign(wijk_id=wijk_ids(shared)).groupby("wijk_id")[["woningen_2016_approx",
                                                                         "huishoudens_2015"]].sum()
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
    return rows + _illustrative_rows("gemeente", GEMEENTE, city)
