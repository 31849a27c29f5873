"""The map's outlines as static files: one GeoJSON per level and package version in `static/geo/`
beside dashboard.py, which Streamlit serves at `app/static/geo/…` (`server.enableStaticServing`).

Made when a package version's map is first needed (serve.py's warm-up runs the map page, so
before the first visitor), again for an imported version. The name holds a hash of the content:
a file is never rewritten in place (written beside it, then renamed), a browser's or proxy's copy is
never stale, and several servers sharing the directory write the same bytes under the same name.
The files are made from the package and are not part of it: the shipped package is never written.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import streamlit as st

from figures.map_geometry import BUURT_KEY, WIJK_KEY, MapGeometry, file_name, geojson_bytes
from nla_data import NlaPackage

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"  # Streamlit serves the `static/` beside dashboard.py
GEO_DIR = STATIC_DIR / "geo"
URL_PREFIX = "app/static/geo/"  # relative: resolves under the page's own path, also with `server.baseUrlPath`


def map_geometry(pkg: NlaPackage, package_key: tuple) -> MapGeometry:
    """The URLs of the package's outlines, their files written if they are not there yet."""
    geometry, paths = _written(pkg, package_key)
    if not all(path.exists() for path in paths):  # removed while the server runs (a clean-up): write again
        _written.clear()
        geometry, paths = _written(pkg, package_key)
    return geometry


@st.cache_resource(show_spinner=False, max_entries=8)
def _written(_pkg: NlaPackage, package_key: tuple) -> tuple[MapGeometry, tuple[Path, ...]]:  # noqa: ARG001
    urls, paths = {}, []
    for level, frame, key in (("wijken", _pkg.wijkgrenzen, WIJK_KEY), ("buurten", _pkg.buurtgrenzen, BUURT_KEY)):
        if frame is None:
            continue
        data = geojson_bytes(frame, key)
        path = GEO_DIR / file_name(level, data)
        write_once(path, data)
        urls[level], paths = URL_PREFIX + path.name, [*paths, path]
    return MapGeometry(urls["wijken"], urls.get("buurten")), tuple(paths)


def write_once(path: Path, data: bytes) -> None:
    """Write `path` unless it is there: into a temporary file beside it, then renamed, so a reader never
    sees half a file."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
