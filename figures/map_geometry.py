"""Where a map's outlines come from: embedded in the figure, or one GeoJSON file per level served as
a static file and named by URL.

Embedded, every filled trace carries its own copy of its areas' outlines, sent again on every rerun
and deep-copied by plotly several times while the figure is built: at national size (13,000
buurten) that was most of the page's time and megabytes per rerun. By URL the figure holds only the
ids and values; the browser fetches the file once (plotly keeps it per URL for the page's life, and
its name holds a hash of its content, so it never changes under a URL). The PDF report keeps the
outlines embedded: kaleido draws it without our server to fetch from.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely

COORDINATE_DECIMALS = 5  # about 1 m: more than a screen shows, a quarter less to send
WIJK_KEY, BUURT_KEY = "wijk_id", "buurtcode"  # the one property of each file's features


@dataclass(frozen=True)
class MapGeometry:
    """The URLs of the outlines (relative to the page, so a `server.baseUrlPath` stays in them): the
    wijk outlines (wijkgrenzen, property `wijk_id`, also the rest of the city: `area_ids`), the
    buurt outlines (buurtgrenzen, property `buurtcode`) and the NLA wijken's outlines alone (`nla`)."""

    wijken: str
    buurten: str | None = None
    nla: str | None = None  # the NLA wijken alone (their borders at buurt level): a country's wijk file is large

    def of(self, key: str) -> str | None:
        return self.buurten if key == BUURT_KEY else self.wijken


def area_ids(frame: gpd.GeoDataFrame, key: str) -> list[str]:
    """Each area's id: its `key`, or for an area of no wijk (the rest of the city) `~` and its row label,
    the same in the file and in every figure that draws it from the same frame."""
    return [value if isinstance(value, str) else f"~{label}"
            for label, value in zip(frame.index.tolist(), frame[key].tolist())]


def geojson(frame: gpd.GeoDataFrame, key: str) -> dict:
    """The features of `frame` with only `key` (`area_ids`) in their properties, coordinates rounded."""
    geometry = shapely.transform(frame.geometry.values, lambda xy: np.round(xy, COORDINATE_DECIMALS))
    slim = gpd.GeoDataFrame({key: area_ids(frame, key)}, geometry=list(geometry), crs=frame.crs)
    return json.loads(slim.to_json(drop_id=True))


def geojson_bytes(frame: gpd.GeoDataFrame, key: str) -> bytes:
    """The file a level's outlines are served as (WGS84, compact)."""
    wgs = frame if frame.crs is None or frame.crs.to_epsg() == 4326 else frame.to_crs("EPSG:4326")
    return json.dumps(geojson(wgs, key), separators=(",", ":"), ensure_ascii=False).encode()


def file_name(level: str, data: bytes) -> str:
    """`wijken-<hash>.geojson`: a new name for new outlines, so a cached copy is never stale."""
    return f"{level}-{hashlib.sha256(data).hexdigest()[:16]}.geojson"
