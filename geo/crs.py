"""The coordinate systems: RD New (EPSG:28992) for lengths and areas in metres, WGS84 (EPSG:4326)
for the package's GeoJSON and the map."""

from __future__ import annotations

RD_NEW = "EPSG:28992"
WGS84 = "EPSG:4326"


def to_metric(data):
    """Geographic data (a GeoSeries or GeoDataFrame) in RD New; projected data is assumed metric already."""
    if data.crs is None:
        raise ValueError("geometry has no CRS")
    return data.to_crs(RD_NEW) if data.crs.is_geographic else data
