"""Read and check the boundary resources (GeoJSON, WGS84)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import shapely

from nla_data.problems import Problem, quote, said

if TYPE_CHECKING:
    import geopandas as gpd

WGS84_NAMES = {"urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:EPSG::4326", "EPSG:4326", "CRS84"}
# The Netherlands in WGS84, with a margin: RD New metres (e.g. 233000, 582000) fall far outside.
NL_BOUNDS = (3.0, 50.5, 7.5, 54.0)


def read_boundaries(path: Path) -> gpd.GeoDataFrame:
    import geopandas as gpd  # here: a second to import, and `validate` does not need it

    frame = gpd.read_file(path)
    return frame.set_crs("EPSG:4326", allow_override=True)


def geojson_problems(resource: str, path: Path, key: str, known: set[str] | None) -> list[Problem]:
    """Structure, CRS, geometry validity and keys of one boundary file; row = feature number (1-based).

    `path` must have been checked (`nla_data.schema.resource_file`): this reads it whole."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return [Problem(resource, said(f"bestand is geen leesbare GeoJSON ({error})",
                                       f"file is not readable GeoJSON ({error})"))]
    except RecursionError:
        return [Problem(resource, said("bestand is geen leesbare GeoJSON (te diep genest)",
                                       "file is not readable GeoJSON (nested too deeply)"))]
    if (not isinstance(data, dict) or data.get("type") != "FeatureCollection"
            or not isinstance(data.get("features"), list)):
        return [Problem(resource, said("geen GeoJSON FeatureCollection", "not a GeoJSON FeatureCollection"))]
    problems = _crs_problems(resource, data)
    features = data["features"]
    odd = [number for number, f in enumerate(features, start=1)
           if not isinstance(f, dict) or not isinstance(f.get("properties") or {}, dict)]
    if odd:
        return problems + [Problem(resource, said("geen GeoJSON-feature (verwacht een object met 'properties' en "
                                                  "'geometry')", "not a GeoJSON feature (expected an object with "
                                                                 "'properties' and 'geometry')"), number)
                           for number in odd]
    try:
        # A feature without a location has `"geometry": null`: an empty geometry, not an unreadable file.
        geometries = shapely.from_geojson([json.dumps(f["geometry"]) if f.get("geometry") is not None else None
                                           for f in features], on_invalid="raise")
    except (shapely.errors.GEOSException, RecursionError, TypeError, ValueError) as error:
        return problems + [Problem(resource, said(f"geometrie is niet te lezen ({error})",
                                                  f"geometry cannot be read ({error})"))]

    seen: dict[str, int] = {}
    for number, (feature, geometry) in enumerate(zip(features, geometries), start=1):
        value = (feature.get("properties") or {}).get(key)
        problems += _feature_problems(resource, number, geometry, key, value, known, seen)
    if known is not None and key == "wijk_id":
        problems += [Problem(resource, said(f"wijk '{wijk}' heeft geen grens",
                                            f"neighbourhood '{wijk}' has no boundary"), None, key)
                     for wijk in sorted(known - set(seen))]
    return problems


def _crs_problems(resource: str, data: dict) -> list[Problem]:
    crs = data.get("crs")
    properties = crs.get("properties") if isinstance(crs, dict) else None
    crs = properties.get("name") if isinstance(properties, dict) else None
    if crs and str(crs) not in WGS84_NAMES:
        return [Problem(resource, said(f"coördinatenstelsel {quote(crs)} wordt niet ondersteund: gebruik WGS84 "
                                       "(EPSG:4326)",
                                       f"coordinate reference system {quote(crs)} is not supported: use WGS84 "
                                       "(EPSG:4326)"), None, "crs")]
    return []


def _feature_problems(resource, number, geometry, key, value, known, seen) -> list[Problem]:
    problems = []
    if geometry is None or shapely.is_empty(geometry):
        return [Problem(resource, said("geometrie is leeg", "geometry is empty"), number, "geometry")]
    if shapely.get_type_id(geometry) not in (3, 6):  # Polygon, MultiPolygon
        problems.append(Problem(resource, said(f"geometrie is een {geometry.geom_type}, verwacht een (Multi)Polygon",
                                               f"geometry is a {geometry.geom_type}, expected a (Multi)Polygon"),
                                number, "geometry"))
    elif not shapely.is_valid(geometry):
        reason = shapely.is_valid_reason(geometry)
        problems.append(Problem(resource, said(f"ongeldige geometrie: {reason}", f"invalid geometry: {reason}"),
                                number, "geometry"))
    minx, miny, maxx, maxy = shapely.bounds(geometry)
    if minx < NL_BOUNDS[0] or miny < NL_BOUNDS[1] or maxx > NL_BOUNDS[2] or maxy > NL_BOUNDS[3]:
        problems.append(Problem(resource, said("coördinaten liggen niet in Nederland in WGS84 (lengte/breedte); "
                                               "staat het bestand in RD New (EPSG:28992)? Zet het om naar EPSG:4326",
                                               "coordinates do not lie in the Netherlands in WGS84 "
                                               "(longitude/latitude); is the file in RD New (EPSG:28992)? "
                                               "Convert it to EPSG:4326"),
                                number, "geometry"))
    if value is not None and not isinstance(value, str):
        shown = quote(json.dumps(value))
        problems.append(Problem(resource, said(f"{key} moet tekst zijn, niet {shown}",
                                               f"{key} must be text, not {shown}"), number, key))
    elif value:
        if known is not None and value not in known:
            problems.append(Problem(resource, said(f"onbekende {key} {quote(value)}", f"unknown {key} {quote(value)}"),
                                    number, key))
        if value in seen:
            twice = f"{key} {quote(value)}"
            problems.append(Problem(resource, said(f"{twice} komt twee keer voor (ook feature {seen[value]})",
                                                   f"{twice} appears twice (also feature {seen[value]})"),
                                    number, key))
        seen.setdefault(value, number)
    return problems
