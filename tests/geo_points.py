"""Synthetic test geometry: buurt points from a table with WGS84 lat/lon columns, in RD New."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.crs import RD_NEW, WGS84


def points_from_latlon(df: pd.DataFrame, lat: str = "lat", lon: str = "lon") -> gpd.GeoDataFrame:
    """The rows of `df` as points in RD New (EPSG:28992), from their WGS84 `lat` and `lon`."""
    geometry = gpd.points_from_xy(df[lon], df[lat], crs=WGS84)
    return gpd.GeoDataFrame(df.copy(), geometry=geometry).to_crs(RD_NEW)
