"""Coordinates as the package writes them: rounded, outer rings counter-clockwise (RFC 7946)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely


def round_coordinates(gdf: gpd.GeoDataFrame, decimals: int = 5) -> gpd.GeoDataFrame:
    """Round coordinates and repair any polygon the rounding made invalid.

    Identical vertices round identically, so a valid coverage stays edge-matched.
    """
    geoms = shapely.transform(np.asarray(gdf.geometry.values), lambda c: np.round(c, decimals))
    broken = ~shapely.is_valid(geoms)
    if broken.any():
        geoms[broken] = shapely.make_valid(geoms[broken], method="structure", keep_collapsed=False)
    return gdf.set_geometry(gpd.GeoSeries(geoms, index=gdf.index, crs=gdf.crs))


def counter_clockwise(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Outer rings counter-clockwise, holes clockwise (RFC 7946). Only the order of the vertices
    changes, never a coordinate."""
    oriented = shapely.orient_polygons(np.asarray(gdf.geometry.values), exterior_cw=False)
    return gdf.set_geometry(gpd.GeoSeries(oriented, index=gdf.index, crs=gdf.crs))
