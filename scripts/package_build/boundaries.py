"""The boundary resources: the CBS 2015 buurten as published, and each NLA wijk as the coverage
union of its buurten, plus one feature for the rest of the city (WGS84, RFC 7946)."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import shapely

from geo.coordinates import counter_clockwise
from geo.coverage import union_by
from geo.crs import WGS84

STATUS = "officieel"
BUURT_PROPERTIES = ["buurtcode", "buurtnaam", "wijk_id", "status", "bron"]
WIJK_PROPERTIES = ["wijk_id", "naam", "status", "bron"]
_REST = ""  # the key of the rest of the city while dissolving


def buurtgrenzen(raw: dict, buurten: pd.DataFrame, source: str) -> gpd.GeoDataFrame:
    """Every buurt of the CBS file with its geometry exactly as published (only the ring direction
    follows RFC 7946), its name and NLA wijk from the buurten table (wijk_id None outside the NLA)."""
    features = raw["features"]
    codes = [f["properties"]["BU_CODE"] for f in features]
    geoms = shapely.from_geojson([json.dumps(f["geometry"]) for f in features])
    frame = gpd.GeoDataFrame({"buurtcode": codes}, geometry=geoms, crs=WGS84)
    if set(codes) != set(buurten["buurtcode"]) or len(set(codes)) != len(codes):
        raise ValueError("de CBS-grenzen en de buurtentabel noemen niet dezelfde buurten")
    table = buurten[["buurtcode", "buurtnaam", "wijk_id"]].astype(object)
    frame = frame.merge(table, on="buurtcode").sort_values("buurtcode").reset_index(drop=True)
    frame["wijk_id"] = frame["wijk_id"].where(frame["wijk_id"].fillna("") != "", None)
    frame = frame.assign(status=STATUS, bron=source)
    return counter_clockwise(frame[[*BUURT_PROPERTIES, "geometry"]])


def wijkgrenzen(buurten: gpd.GeoDataFrame, names: pd.Series, rest_name: str, source: str) -> gpd.GeoDataFrame:
    """One feature per NLA wijk (sorted by wijk_id) and the rest of the city last, each the coverage
    union of its buurten: shared borders stay shared, without slivers. `names`: wijk_id -> naam."""
    keyed = buurten.assign(key=buurten["wijk_id"].fillna(_REST))
    merged = union_by(keyed, "key")
    merged["_rest"] = merged["key"] == _REST
    merged = merged.sort_values(["_rest", "key"], kind="stable").reset_index(drop=True)
    merged["wijk_id"] = pd.Series([k or None for k in merged["key"]], dtype=object)
    merged["naam"] = [names[k] if k else rest_name for k in merged["key"]]
    merged = merged.assign(status=STATUS, bron=source)
    return counter_clockwise(merged[[*WIJK_PROPERTIES, "geometry"]])
