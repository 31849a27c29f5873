"""Geometry of buurten and wijken (shapely 2 / geopandas, vectorised; no Streamlit, no plotting, no files).

- `geo.crs`: the two coordinate systems: RD New (EPSG:28992, metres) to measure, WGS84 (EPSG:4326) to store and show.
- `geo.coverage`: buurten dissolved into wijken by a coverage union (shared borders stay shared, no
  slivers), the polygonal part of a geometry, coverage-preserving simplification, and the check
  that a set of polygons is a clean coverage (no overlaps, no gaps, matching borders).
- `geo.coordinates`: coordinate rounding and the ring orientation of GeoJSON (RFC 7946).

Used by the package build (`scripts/build_package.py`) and the CBS import (`nla_data.cbs.boundaries`).
"""
