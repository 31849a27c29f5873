"""Which columns of a CBS file mean what, and the figures read from them.

CBS published two generations of the Wijk- en buurtkaart (short upper-case shapefile columns, long
lower-case GeoPackage columns); both map onto the same names here, so that the rest of the import
does not care which one it got. CBS marks secret or unknown values with large negative sentinels;
those become missing here, never 0.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from nla_data.cbs.errors import CbsImportError, _list
from nla_data.problems import CBS_SENTINEL_MAX, Problem

# Column name in the file (lower case; both generations: short upper-case such as BU_CODE in the
# shapefiles of older years, long lower-case such as buurtcode in the GeoPackages of recent years)
# -> our name. Matching ignores case.
COLUMN_MAP: dict[str, str] = {
    # identity
    "bu_code": "buurtcode", "buurtcode": "buurtcode",
    "bu_naam": "buurtnaam", "buurtnaam": "buurtnaam",
    "wk_code": "wijkcode", "wijkcode": "wijkcode",
    "gm_code": "gemeentecode", "gemeentecode": "gemeentecode",
    "jaar": "jaar", "jrstatcode": "jaarstatcode", "jaarstatcode": "jaarstatcode",
    "water": "water",  # JA = water, NEE = land (B = Belgian territory near Baarle-Nassau)
    # key figures -> indicators of the package
    "aant_inw": "inwoners", "aantal_inwoners": "inwoners",
    "aantal_hh": "huishoudens", "aantal_huishoudens": "huishoudens",
    "woningen": "woningen", "woningvoorraad": "woningen", "aantal_woningen": "woningen",
    "woz": "woz_gemiddeld", "gemiddelde_woningwaarde": "woz_gemiddeld",
    "p_koopwon": "aandeel_koop", "percentage_koopwoningen": "aandeel_koop",
    "p_huurcorp": "aandeel_sociale_huur",
    "percentage_huurwoningen_in_bezit_woningcorporaties": "aandeel_sociale_huur",
    "perc_huurwoningen_in_bezit_woningcorporaties": "aandeel_sociale_huur",
    "percentage_huurwoningen_in_bezit_overige_verhuurders": "aandeel_particuliere_huur",
    "perc_huurwoningen_in_bezit_overige_verhuurders": "aandeel_particuliere_huur",
    "opp_land": "opp_land_ha", "oppervlakte_land_in_ha": "opp_land_ha",
    # helper: all rented dwellings (%), for private rent = rented - corporation-owned
    "p_huurwon": "huur_totaal", "percentage_huurwoningen": "huur_totaal",
}
IDENTITY = ("buurtcode", "buurtnaam", "wijkcode", "gemeentecode", "jaar", "jaarstatcode", "water")
FIGURES = ("inwoners", "huishoudens", "woningen", "woz_gemiddeld", "aandeel_koop", "aandeel_sociale_huur",
           "aandeel_particuliere_huur", "opp_land_ha")
HELPERS = ("huur_totaal",)
# CBS gives the average WOZ value in thousands of euros; the package in euros.
SCALE = {"woz_gemiddeld": 1000.0}
# Administrative columns we know and do not need: skipped without a report.
IGNORED = {
    "geometry", "geom", "fid", "id", "objectid", "shape_leng", "shape_length", "shape_area",
    "h2o", "ind_wbi", "indelingswijziging_wijken_en_buurten", "gm_naam", "gemeentenaam",
    "wk_naam", "wijknaam", "postcode", "meest_voorkomende_postcode", "dek_perc", "dekkingspercentage",
    "recs", "gwb_code", "gwb_code_10", "gwb_code_8", "regio", "soort_regio",
}


def _columns(gdf: gpd.GeoDataFrame, name: str, notes: list[Problem]) -> tuple[gpd.GeoDataFrame, dict]:
    rename, unknown, duplicate = {}, [], []
    taken: dict[str, str] = {}
    geometry = gdf.geometry.name
    for column in gdf.columns:
        if column == geometry:
            continue
        ours = COLUMN_MAP.get(str(column).lower())
        if ours is None:
            if str(column).lower() not in IGNORED:
                unknown.append(str(column))
            continue
        if ours in taken:
            duplicate.append(f"{column} (al {taken[ours]})")
            continue
        taken[ours] = str(column)
        rename[column] = ours
    if "buurtcode" not in taken:
        raise CbsImportError([Problem(name, "kolom met de buurtcode ontbreekt (verwacht BU_CODE of buurtcode)",
                                      None, "buurtcode")])
    frame = gdf[[*rename, geometry]].rename(columns=rename)
    frame = frame.set_geometry(geometry).rename_geometry("geometry") if geometry != "geometry" else frame
    if unknown:
        notes.append(Problem(name, f"{len(unknown)} kolom(men) niet geïmporteerd (onbekend): {_list(unknown, 40)}"))
    if duplicate:
        notes.append(Problem(name, f"kolom(men) dubbel, genegeerd: {', '.join(duplicate)}"))
    return frame, {"source": taken, "unknown": unknown, "secret": {}}


def _figures(frame, columns: dict, name: str, package, notes: list[Problem]) -> pd.DataFrame:
    """Long form buurtcode, indicator, waarde (NaN = secret or unknown) for the package's indicators."""
    source = columns["source"]
    numbers = {}
    secret: dict[str, int] = {}
    for ours in (*FIGURES, *HELPERS):
        if ours not in frame:
            continue
        raw = frame[ours]
        text = raw.astype("string").str.strip().str.replace(",", ".", regex=False)
        value = pd.to_numeric(text, errors="coerce").astype(float)
        is_secret = value <= CBS_SENTINEL_MAX
        negative = (value < 0) & ~is_secret
        garbled = value.isna() & text.notna() & (text != "")
        count = int(is_secret.sum() + negative.sum() + garbled.sum())
        if count:
            secret[source[ours]] = count
        numbers[ours] = value.mask(is_secret | negative) * SCALE.get(ours, 1.0)
    columns["secret"] = secret
    if secret:
        shown = ", ".join(f"{column} {count}" for column, count in secret.items())
        notes.append(Problem(name, f"geheime of onbekende waarden (CBS-codes zoals -99999999) als ontbrekend "
                                   f"behandeld, nooit als 0: {shown}"))
    if "aandeel_particuliere_huur" not in numbers and {"huur_totaal", "aandeel_sociale_huur"} <= set(numbers):
        # Rented dwellings in all minus those of corporations: both as % of all dwellings. Missing if either is.
        numbers["aandeel_particuliere_huur"] = (numbers["huur_totaal"] - numbers["aandeel_sociale_huur"]).clip(lower=0)
        notes.append(Problem(name, f"aandeel particuliere huur berekend als {source['huur_totaal']} min "
                                   f"{source['aandeel_sociale_huur']} (ontbreekt als een van beide ontbreekt)"))
    defined = set(package.indicatoren["indicator"])
    skipped = [f"{ours} ({source.get(ours, 'berekend')})"
               for ours in FIGURES if ours in numbers and ours not in defined]
    if skipped:
        notes.append(Problem(name, f"geen indicator in het pakket, niet geïmporteerd: {', '.join(skipped)}"))
    rows = []
    codes = frame["buurtcode"].to_numpy()
    for indicator in package.indicatoren["indicator"]:
        if indicator in numbers:
            rows.append(pd.DataFrame({"buurtcode": codes, "indicator": indicator,
                                      "waarde": numbers[indicator].to_numpy(dtype=float)}))
    if not rows:
        notes.append(Problem(name, "het bestand bevat geen kerncijfers die het pakket kent; alleen de grenzen "
                                   "worden geïmporteerd"))
        return pd.DataFrame({"buurtcode": pd.Series(dtype=object), "indicator": pd.Series(dtype=object),
                             "waarde": pd.Series(dtype=float)})
    return pd.concat(rows, ignore_index=True)
