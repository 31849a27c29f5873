"""Read and check the boundary resources (GeoJSON, WGS84)."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import shapely

from nla_data.problems import Problem

WGS84_NAMES = {"urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:EPSG::4326", "EPSG:4326", "CRS84"}
# The Netherlands in WGS84, with a margin: RD New metres (e.g. 233000, 582000) fall far outside.
NL_BOUNDS = (3.0, 50.5, 7.5, 54.0)


def read_boundaries(path: Path) -> gpd.GeoDataFrame:
    frame = gpd.read_file(path)
    return frame.set_crs("EPSG:4326", allow_override=True)


def geojson_problems(resource: str, path: Path, key: str, known: set[str] | None) -> list[Problem]:
    """Structure, CRS, geometry validity and keys of one boundary file; row = feature number (1-based)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return [Problem(resource, f"bestand is geen leesbare GeoJSON ({error})")]
    if data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
        return [Problem(resource, "geen GeoJSON FeatureCollection")]
    problems = _crs_problems(resource, data)
    features = data["features"]
    try:
        # A feature without a location has `"geometry": null`: an empty geometry, not an unreadable file.
        geometries = shapely.from_geojson([json.dumps(f["geometry"]) if f.get("geometry") is not None else None
                                           for f in features], on_invalid="raise")
    except shapely.errors.GEOSException as error:
        return problems + [Problem(resource, f"geometrie is niet te lezen ({error})")]

    seen: dict[str, int] = {}
    for number, (feature, geometry) in enumerate(zip(features, geometries), start=1):
        value = (feature.get("properties") or {}).get(key)
        problems += _feature_problems(resource, number, geometry, key, value, known, seen)
    if known is not None and key == "wijk_id":
        problems += [Problem(resource, f"wijk '{wijk}' heeft geen grens", None, key)
                     for wijk in sorted(known - set(seen))]
    return problems


def _crs_problems(resource: str, data: dict) -> list[Problem]:
    crs = ((data.get("crs") or {}).get("properties") or {}).get("name")
    if crs and crs not in WGS84_NAMES:
        return [Problem(resource, f"coördinatenstelsel '{crs}' wordt niet ondersteund: gebruik WGS84 (EPSG:4326)",
                        None, "crs")]
    return []


def _feature_problems(resource, number, geometry, key, value, known, seen) -> list[Problem]:
    problems = []
    if geometry is None or shapely.is_empty(geometry):
        return [Problem(resource, "geometrie is leeg", number, "geometry")]
    if shapely.get_type_id(geometry) not in (3, 6):  # Polygon, MultiPolygon
        problems.append(Problem(resource, f"geometrie is een {geometry.geom_type}, verwacht een (Multi)Polygon",
                                number, "geometry"))
    elif not shapely.is_valid(geometry):
        problems.append(Problem(resource, f"ongeldige geometrie: {shapely.is_valid_reason(geometry)}",
                                number, "geometry"))
    minx, miny, maxx, maxy = shapely.bounds(geometry)
    if minx < NL_BOUNDS[0] or miny < NL_BOUNDS[1] or maxx > NL_BOUNDS[2] or maxy > NL_BOUNDS[3]:
        problems.append(Problem(resource, "coördinaten liggen niet in Nederland in WGS84 (lengte/breedte); "
                                "staat het bestand in RD New (EPSG:28992)? Zet het om naar EPSG:4326",
                                number, "geometry"))
    if value:
        if known is not None and value not in known:
            problems.append(Problem(resource, f"onbekende {key} '{value}'", number, key))
        if value in seen:
            problems.append(Problem(resource, f"{key} '{value}' komt twee keer voor (ook feature {seen[value]})",
                                    number, key))
        seen.setdefault(value, number)
    return problems
