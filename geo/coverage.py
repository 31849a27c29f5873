"""Polygon coverages: buurten that tile a city without overlaps or gaps, and wijken made of them.

A coverage union merges the shared edges of neighbouring polygons exactly, so a wijk's outline is
made of its buurten's own vertices: the wijk borders coincide with the buurt borders drawn on top,
and two wijken share their border without slivers. It works in any CRS (it adds no vertices), so
the package's WGS84 coordinates stay as they are; areas are measured in RD New (`geo.crs`).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from geo.crs import to_metric

_POLYGONAL = (3, 6)  # shapely type ids: Polygon, MultiPolygon


def union_by(gdf: gpd.GeoDataFrame, key: str) -> gpd.GeoDataFrame:
    """One feature per value of `key` (sorted; rows without a key are left out): the union of its
    polygons. A coverage union when the polygons form a valid coverage; otherwise (a cut-back
    outline next to new ones) an ordinary union, which is slower but tolerates overlaps."""
    frame = gdf.loc[gdf[key].notna(), [key, gdf.geometry.name]]
    geoms = np.asarray(frame.geometry.values, dtype=object)
    method = "coverage" if len(geoms) and shapely.coverage_is_valid(geoms) else "unary"
    return frame.dissolve(by=key, method=method, sort=True).reset_index()


def polygonal(geoms, min_area: float = 0.0) -> np.ndarray:
    """The valid (Multi)Polygon part of each geometry, or None where no area is left.

    Lines and points that an overlay leaves behind are dropped. With `min_area` (in the CRS's units
    squared), pieces smaller than that go too, except a geometry's largest piece; a geometry whose
    largest piece is smaller is None.
    """
    geoms = np.asarray(geoms, dtype=object)
    result = np.full(len(geoms), None, dtype=object)
    present = ~shapely.is_missing(geoms)
    if not present.any():
        return result
    valid = shapely.make_valid(geoms[present])
    # Two levels: a GeometryCollection may hold a MultiPolygon.
    parts, owner = shapely.get_parts(valid, return_index=True)
    parts, inner = shapely.get_parts(parts, return_index=True)
    owner = owner[inner]
    keep = np.isin(shapely.get_type_id(parts), _POLYGONAL) & ~shapely.is_empty(parts)
    parts, owner = parts[keep], owner[keep]
    if min_area:
        area = shapely.area(parts)
        largest = pd.Series(area).groupby(owner).transform("max").to_numpy()
        keep = ((area >= min_area) | (area == largest)) & (largest >= min_area)
        parts, owner = parts[keep], owner[keep]
    if not len(parts):
        return result
    merged = gpd.GeoDataFrame({"owner": owner}, geometry=parts).dissolve("owner")
    merged_geoms = shapely.make_valid(np.asarray(merged.geometry.values, dtype=object))
    result[np.flatnonzero(present)[merged.index.to_numpy()]] = merged_geoms
    return result


def simplify_coverage(gdf: gpd.GeoDataFrame, tolerance_m: float) -> gpd.GeoDataFrame:
    """Simplify all polygons together (in metres, RD New) so shared borders stay shared."""
    work = to_metric(gdf)
    simplified = shapely.coverage_simplify(np.asarray(work.geometry.values), tolerance_m)
    out = work.set_geometry(gpd.GeoSeries(simplified, index=work.index, crs=work.crs))
    return out.to_crs(gdf.crs)


def coverage_problems(
    gdf: gpd.GeoDataFrame,
    outline: BaseGeometry | None = None,
    *,
    eps_m2: float = 1.0,
    label_col: str | None = None,
) -> list[str]:
    """Describe what keeps ``gdf`` from being a clean polygon coverage.

    Checks: empty, non-polygonal and invalid geometries; overlaps between features; gaps (holes in
    the union, or ``outline`` minus the union when an outline in the same CRS is given); and shared
    borders that do not match vertex for vertex. Areas are measured in m², in RD New for
    geographic data. An empty list means the coverage is clean.
    """
    labels = np.asarray(gdf[label_col] if label_col else gdf.index, dtype=object)
    geoms = np.asarray(gdf.geometry.values, dtype=object)
    problems: list[str] = []

    empty = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    problems += [f"{labels[i]}: empty geometry" for i in np.flatnonzero(empty)]
    non_polygon = ~empty & ~np.isin(shapely.get_type_id(geoms), _POLYGONAL)
    problems += [f"{labels[i]}: not a polygon ({geoms[i].geom_type})" for i in np.flatnonzero(non_polygon)]
    reasons = np.array([r or "Valid Geometry" for r in shapely.is_valid_reason(geoms)], dtype=object)
    invalid = ~empty & (reasons != "Valid Geometry")
    problems += [f"{labels[i]}: invalid geometry ({reasons[i]})" for i in np.flatnonzero(invalid)]

    usable = ~empty & ~non_polygon
    if not usable.any():
        return problems
    # Repaired copies let the overlay checks run even on broken input.
    metric = to_metric(gpd.GeoSeries(shapely.make_valid(geoms[usable]), crs=gdf.crs))
    shapes = np.asarray(metric.values, dtype=object)
    problems += _overlaps(shapes, labels[usable], eps_m2)
    problems += _gaps(shapes, outline, gdf.crs, eps_m2)

    # Edge matching is only meaningful once the geometries themselves are fine.
    if not problems and not shapely.coverage_is_valid(geoms):
        bad = ~shapely.is_empty(shapely.coverage_invalid_edges(geoms))
        problems.append(f"shared borders do not match exactly: {', '.join(map(str, labels[bad]))}")
    return problems


def _overlaps(shapes: np.ndarray, labels: np.ndarray, eps_m2: float) -> list[str]:
    left, right = shapely.STRtree(shapes).query(shapes, predicate="intersects")
    pairs = left < right
    left, right = left[pairs], right[pairs]
    area = shapely.area(shapely.intersection(shapes[left], shapes[right]))
    big = area > eps_m2
    return [f"overlap {labels[i]} / {labels[j]}: {a:.0f} m²" for i, j, a in zip(left[big], right[big], area[big])]


def _gaps(shapes: np.ndarray, outline, crs, eps_m2: float) -> list[str]:
    problems = []
    union = shapely.union_all(shapes)
    if outline is None:
        shells = shapely.polygons(shapely.get_exterior_ring(shapely.get_parts(union)))
        container = shapely.union_all(shells)
    else:
        container = to_metric(gpd.GeoSeries([outline], crs=crs)).iloc[0]
        outside = shapely.area(shapely.difference(union, container))
        if outside > eps_m2:
            problems.append(f"coverage extends beyond the outline: {outside:.0f} m²")
    holes = shapely.get_parts(shapely.difference(container, union))
    holes = holes[shapely.area(holes) > eps_m2]
    if len(holes):
        problems.append(f"{len(holes)} {'gap' if len(holes) == 1 else 'gaps'} in the coverage: {shapely.area(holes).sum():.0f} m² in total")
    return problems

