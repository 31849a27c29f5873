"""Indicative buurt and wijk outlines built from one point per buurt.

Exact CBS boundaries are not available offline, so the map approximates them:
a city outline around discs sized by each buurt's land area, a power (weighted
Voronoi) partition of that outline, and dissolves of the cells per NLA wijk.
All geometry work happens in RD New (EPSG:28992) so distances and areas are in
metres; callers convert to WGS84 (EPSG:4326) only for output.

Everything here is pure: no Streamlit, no plotting, no file I/O.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import Polygon

RD_NEW = "EPSG:28992"
WGS84 = "EPSG:4326"
REST_NAME = "Overig Groningen"

# Weight scales tried for the power diagram, strongest first. 0.0 is plain
# Voronoi, which always keeps every point inside its own cell.
_WEIGHT_SCALES = (1.0, 0.75, 0.5, 0.25, 0.0)


def points_from_latlon(df: pd.DataFrame, lat: str = "lat", lon: str = "lon") -> gpd.GeoDataFrame:
    """Turn a frame with WGS84 lat/lon columns into points in RD New."""
    geometry = gpd.points_from_xy(df[lon], df[lat], crs=WGS84)
    return gpd.GeoDataFrame(df.copy(), geometry=geometry).to_crs(RD_NEW)


def city_outline(
    points: gpd.GeoDataFrame,
    area_ha: pd.Series,
    *,
    factor: float = 1.15,
    hull_ratio: float = 0.2,
    close_m: float = 300.0,
) -> Polygon:
    """Approximate the municipality as one hole-free polygon.

    Each buurt contributes a disc of ``factor`` times its equal-area radius, so
    big rural buurten reach further than small inner-city ones. A concave hull
    of the disc vertices replaces the scalloped, cloud-like union with straight
    runs between the outer buurten (``hull_ratio`` 0 hugs the discs, 1 is the
    convex hull); a closing (buffer out, then in) rounds off sharp notches.
    """
    geoms = _projected_geoms(points)
    radius = factor * np.sqrt(np.asarray(area_ha, dtype=float) * 1e4 / np.pi)
    discs = shapely.buffer(geoms, radius, quad_segs=8)
    hull = shapely.concave_hull(shapely.multipoints(shapely.get_coordinates(discs)), ratio=hull_ratio)
    closed = shapely.buffer(shapely.buffer(hull, close_m, quad_segs=8), -close_m, quad_segs=8)

    parts = shapely.get_parts(closed)
    largest = parts[np.argmax(shapely.area(parts))]
    outline = Polygon(largest.exterior)  # fill holes: the city has no gaps inside

    if not shapely.contains(outline, geoms).all():
        raise ValueError("city outline does not contain every buurt point; raise factor or hull_ratio")
    return outline


def buurt_cells(
    points: gpd.GeoDataFrame,
    outline: Polygon,
    *,
    area_ha: pd.Series | None = None,
    min_margin_m: float = 50.0,
) -> gpd.GeoDataFrame:
    """Partition ``outline`` into one cell per point (same index and columns).

    Without ``area_ha`` this is a plain Voronoi partition. With it, cells form a
    power diagram with weight = equal-area radius squared, so a large buurt
    pushes its borders away from its point and a small one is not inflated by
    sparse neighbours. Strong weights can push a small buurt's border past its
    own point, so the weights are scaled down until every point lies at least
    ``min_margin_m`` inside its cell; the last resort is plain Voronoi. The
    scale used is stored in ``attrs["power_weight_scale"]``.
    """
    sites = _projected_geoms(points)
    xy = shapely.get_coordinates(sites)
    base = np.zeros(len(xy)) if area_ha is None else np.asarray(area_ha, dtype=float) * 1e4 / np.pi

    for scale in _WEIGHT_SCALES if area_ha is not None else (0.0,):
        cells = shapely.coverage_clean(_power_cells(xy, scale * base, outline))
        margin = shapely.distance(sites, shapely.boundary(cells))
        if (shapely.intersects(cells, sites) & (margin >= min_margin_m)).all():
            break
    cells = _absorb_fragments(cells, sites)
    out = points.set_geometry(gpd.GeoSeries(cells, index=points.index, crs=points.crs))
    out.attrs["power_weight_scale"] = scale
    return out


def dissolve_wijken(
    cells: gpd.GeoDataFrame,
    by: str = "wijk_id",
    *,
    name_col: str = "nla_wijk",
    rest_name: str = REST_NAME,
) -> gpd.GeoDataFrame:
    """One feature per wijk plus one for all cells without a wijk.

    Uses a coverage union, which merges shared edges exactly, so neighbouring
    wijken keep identical borders. Output: wijk_id (None for the rest), naam,
    geometry; wijken sorted by wijk_id, the rest last.
    """
    key = cells[by].fillna("").astype(str).str.strip()
    names = cells[name_col] if name_col in cells else key
    frame = gpd.GeoDataFrame(
        {"wijk_id": key, "naam": names.where(key != "", rest_name)},
        geometry=cells.geometry,
        crs=cells.crs,
    )
    merged = frame.dissolve(by="wijk_id", aggfunc="first", method="coverage", sort=True).reset_index()
    merged["_rest"] = merged["wijk_id"] == ""
    merged = merged.sort_values(["_rest", "wijk_id"], kind="stable").drop(columns="_rest")
    # Object dtype so the rest feature carries a real None (null in GeoJSON), not NaN.
    merged["wijk_id"] = pd.Series([k or None for k in merged["wijk_id"]], index=merged.index, dtype=object)
    return merged[["wijk_id", "naam", "geometry"]].reset_index(drop=True)


def simplify_coverage(gdf: gpd.GeoDataFrame, tolerance_m: float) -> gpd.GeoDataFrame:
    """Simplify all polygons together so shared borders stay shared."""
    work = _to_metric(gdf)
    simplified = shapely.coverage_simplify(np.asarray(work.geometry.values), tolerance_m)
    out = work.set_geometry(gpd.GeoSeries(simplified, index=work.index, crs=work.crs))
    return out.to_crs(gdf.crs)


def round_coordinates(gdf: gpd.GeoDataFrame, decimals: int = 5) -> gpd.GeoDataFrame:
    """Round coordinates and repair any polygon the rounding made invalid.

    Identical vertices round identically, so a valid coverage stays edge-matched.
    """
    geoms = shapely.transform(np.asarray(gdf.geometry.values), lambda c: np.round(c, decimals))
    broken = ~shapely.is_valid(geoms)
    if broken.any():
        geoms[broken] = shapely.make_valid(geoms[broken], method="structure", keep_collapsed=False)
    return gdf.set_geometry(gpd.GeoSeries(geoms, index=gdf.index, crs=gdf.crs))


def coverage_problems(
    gdf: gpd.GeoDataFrame,
    outline: Polygon | None = None,
    *,
    eps_m2: float = 1.0,
    label_col: str | None = None,
) -> list[str]:
    """Describe what keeps ``gdf`` from being a clean polygon coverage.

    Checks: empty, non-polygonal and invalid geometries; overlaps between
    features; gaps (holes in the union, or ``outline`` minus the union when an
    outline in the same CRS is given); and shared borders that do not match
    vertex for vertex. Areas are measured in m², in RD New for geographic data.
    An empty list means the coverage is clean.
    """
    labels = np.asarray(gdf[label_col] if label_col else gdf.index, dtype=object)
    geoms = np.asarray(gdf.geometry.values, dtype=object)
    problems: list[str] = []

    empty = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    problems += [f"{labels[i]}: empty geometry" for i in np.flatnonzero(empty)]
    kinds = shapely.get_type_id(geoms)
    non_polygon = ~empty & ~np.isin(kinds, (3, 6))  # 3 Polygon, 6 MultiPolygon
    problems += [f"{labels[i]}: not a polygon ({geoms[i].geom_type})" for i in np.flatnonzero(non_polygon)]
    reasons = np.array([r or "Valid Geometry" for r in shapely.is_valid_reason(geoms)], dtype=object)
    invalid = ~empty & (reasons != "Valid Geometry")
    problems += [f"{labels[i]}: invalid geometry ({reasons[i]})" for i in np.flatnonzero(invalid)]

    usable = ~empty & ~non_polygon
    if not usable.any():
        return problems
    # Repaired copies let the overlay checks run even on broken input.
    metric = _to_metric(gpd.GeoSeries(shapely.make_valid(geoms[usable]), crs=gdf.crs))
    shapes = np.asarray(metric.values, dtype=object)
    used_labels = labels[usable]

    left, right = shapely.STRtree(shapes).query(shapes, predicate="intersects")
    pairs = left < right
    left, right = left[pairs], right[pairs]
    overlap = shapely.area(shapely.intersection(shapes[left], shapes[right]))
    for i, j, area in zip(left, right, overlap):
        if area > eps_m2:
            problems.append(f"overlap {used_labels[i]} / {used_labels[j]}: {area:.0f} m²")

    union = shapely.union_all(shapes)
    if outline is None:
        shells = shapely.polygons(shapely.get_exterior_ring(shapely.get_parts(union)))
        container = shapely.union_all(shells)
    else:
        container = _to_metric(gpd.GeoSeries([outline], crs=gdf.crs)).iloc[0]
        outside = shapely.area(shapely.difference(union, container))
        if outside > eps_m2:
            problems.append(f"coverage extends beyond the outline: {outside:.0f} m²")
    holes = [g for g in shapely.get_parts(shapely.difference(container, union)) if g.area > eps_m2]
    if holes:
        total = sum(h.area for h in holes)
        problems.append(f"{len(holes)} gap(s) in the coverage: {total:.0f} m² in total")

    # Edge matching is only meaningful once the geometries themselves are fine.
    if not problems and not shapely.coverage_is_valid(geoms):
        bad = ~shapely.is_empty(shapely.coverage_invalid_edges(geoms))
        problems.append(f"shared borders do not match exactly: {', '.join(map(str, labels[bad]))}")
    return problems


# --- internals -------------------------------------------------------------


def _projected_geoms(gdf: gpd.GeoDataFrame) -> np.ndarray:
    if gdf.crs is None or gdf.crs.is_geographic:
        raise ValueError(f"expected projected coordinates ({RD_NEW}), got {gdf.crs}")
    return np.asarray(gdf.geometry.values, dtype=object)


def _to_metric(data):
    """Geographic data goes to RD New; projected data is assumed metric already."""
    if data.crs is None:
        raise ValueError("geometry has no CRS")
    return data.to_crs(RD_NEW) if data.crs.is_geographic else data


def _power_cells(xy: np.ndarray, weights: np.ndarray, outline: Polygon, neighbours: int = 24) -> np.ndarray:
    """Power diagram cells clipped to ``outline``, each an intersection of half-planes.

    Cell i = {x : |x - p_i|² - w_i <= |x - p_j|² - w_j for all j}. The border
    with site j is perpendicular to p_j - p_i at distance
    s = (d² + w_i - w_j) / 2d from p_i. Unlike GEOS Voronoi this supports
    weights; with ~100 sites the half-planes are cheap. Neighbouring cells come
    out edge-matched only up to rounding, hence coverage_clean afterwards.
    """
    n = len(xy)
    minx, miny, maxx, maxy = outline.bounds
    frame = shapely.box(minx, miny, maxx, maxy).buffer(1000.0, join_style="mitre")
    reach = 10.0 * np.hypot(maxx - minx, maxy - miny)

    delta = xy[None, :, :] - xy[:, None, :]  # delta[i, j] = p_j - p_i
    dist = np.hypot(delta[..., 0], delta[..., 1])
    np.fill_diagonal(dist, 1.0)  # avoids 0/0; self is dropped from the clips below
    if (dist == 0).any():
        raise ValueError("two buurt points coincide; their cells are undefined")
    normal = delta / dist[..., None]
    tangent = np.stack([-normal[..., 1], normal[..., 0]], axis=-1)
    offset = (dist**2 + weights[:, None] - weights[None, :]) / (2.0 * dist)
    foot = xy[:, None, :] + offset[..., None] * normal

    ring = np.stack(
        [
            foot + reach * tangent,
            foot + reach * tangent - 2 * reach * normal,
            foot - reach * tangent - 2 * reach * normal,
            foot - reach * tangent,
        ],
        axis=2,
    )
    # Each clip costs a GEOS overlay, so first try only the nearest sites.
    # Leaving out a true neighbour can only make cells bigger, so if the
    # clipped cells add up to more than the outline, use every site.
    order = np.argsort(np.where(np.eye(n, dtype=bool), np.inf, dist), axis=1)[:, :-1]  # self sorts last
    for k in sorted({min(n - 1, neighbours), n - 1}):
        nearest = order[:, :k]
        halfplanes = shapely.polygons(np.take_along_axis(ring, nearest[..., None, None], axis=1))
        cells = shapely.intersection_all(np.column_stack([np.full(n, frame), halfplanes]), axis=1)
        cells = shapely.intersection(cells, outline)
        if shapely.area(cells).sum() <= outline.area * (1 + 1e-9):
            break
    return cells


def _absorb_fragments(cells: np.ndarray, sites: np.ndarray, rounds: int = 3) -> np.ndarray:
    """Give cell pieces cut off from their own point to the neighbour sharing the longest border.

    Clipping convex cells to a concave outline can split a cell; a stray piece
    far from its point would look like an exclave on the map.
    """
    for _ in range(rounds):
        parts, owner = shapely.get_parts(cells, return_index=True)
        stray = ~shapely.intersects(parts, sites[owner])
        if not stray.any():
            return cells
        idx = np.flatnonzero(stray)
        part_i, cell_j = shapely.STRtree(cells).query(parts[idx], predicate="intersects")
        foreign = cell_j != owner[idx[part_i]]
        part_i, cell_j = part_i[foreign], cell_j[foreign]
        shared = shapely.length(
            shapely.intersection(shapely.boundary(parts[idx[part_i]]), shapely.boundary(cells[cell_j]))
        )
        best = pd.DataFrame({"part": part_i, "cell": cell_j, "shared": shared})
        best = best.sort_values(["part", "shared"], ascending=[True, False]).drop_duplicates("part")
        new_owner = owner.copy()
        new_owner[idx[best["part"].to_numpy()]] = best["cell"].to_numpy()
        grouped = gpd.GeoDataFrame({"cell": new_owner}, geometry=parts).dissolve("cell", method="coverage")
        cells = np.asarray(grouped.geometry.reindex(range(len(cells))).values, dtype=object)
    return cells
