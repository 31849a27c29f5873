"""The map's outlines as static files: one GeoJSON per level (and one of the NLA wijken alone, for their borders
over the buurten) and package version in `static/geo/`
beside dashboard.py, which Streamlit serves at `app/static/geo/…` (`server.enableStaticServing`).

Made when a package version's map is first needed (serve.py's warm-up runs the map page, so
before the first visitor), again for an imported version. The name holds a hash of the content:
a file is never rewritten in place (written beside it, then renamed), a browser's or proxy's copy is
never stale, and several servers sharing the directory write the same bytes under the same name.
The files are made from the package and are not part of it: the shipped package is never written.

Old versions are removed when a version's files are written (`remove_old`), once they have not been
written for `KEEP_OLD` (a browser that still shows an old map asks for its file only while that page is
open; another server that still uses one writes it again: `map_geometry` checks that its files exist).
Their names never change, so a proxy may cache them for good (deploy/Caddyfile).
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import streamlit as st

from figures.map_geometry import BUURT_KEY, WIJK_KEY, MapGeometry, file_name, geojson_bytes
from nla_data import NlaPackage

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"  # Streamlit serves the `static/` beside dashboard.py
GEO_DIR = STATIC_DIR / "geo"
URL_PREFIX = "app/static/geo/"  # relative: resolves under the page's own path, also with `server.baseUrlPath`
KEEP_OLD = 7 * 24 * 3600  # seconds an old version's file stays after it was last written
KEEP_PARTIAL = 3600  # seconds a temporary file of an interrupted write stays (another writer may be busy)


def map_geometry(pkg: NlaPackage, package_key: tuple, buurten: frozenset[str] | None = None) -> MapGeometry:
    """The URLs of the package's outlines, their files written if they are not there yet. With `buurten` (the
    buurtcodes of one municipality, domain.municipalities) the buurt file holds only those."""
    geometry, paths = _written(pkg, package_key)
    if not all(path.exists() for path in paths):  # removed while the server runs (a clean-up): write again
        _written.clear()
        geometry, paths = _written(pkg, package_key)
    if buurten is None or pkg.buurtgrenzen is None:
        return geometry
    url, path = _buurten_written(pkg, package_key, buurten)
    if not path.exists():
        _buurten_written.clear()
        url, path = _buurten_written(pkg, package_key, buurten)
    return MapGeometry(geometry.wijken, url, geometry.nla)


@st.cache_resource(show_spinner=False, max_entries=8)
def _written(_pkg: NlaPackage, package_key: tuple) -> tuple[MapGeometry, tuple[Path, ...]]:  # noqa: ARG001
    urls, paths = {}, []
    nla = _pkg.wijkgrenzen[_pkg.wijkgrenzen[WIJK_KEY].notna()]  # the borders at buurt level need no more
    for level, frame, key in (("wijken", _pkg.wijkgrenzen, WIJK_KEY), ("buurten", _pkg.buurtgrenzen, BUURT_KEY),
                              ("nla", nla, WIJK_KEY)):
        if frame is None:
            continue
        data = geojson_bytes(frame, key)
        path = GEO_DIR / file_name(level, data)
        write_once(path, data)
        urls[level], paths = URL_PREFIX + path.name, [*paths, path]
    remove_old(GEO_DIR, keep=set(paths))
    return MapGeometry(urls["wijken"], urls.get("buurten"), urls["nla"]), tuple(paths)


@st.cache_resource(show_spinner=False, max_entries=64)
def _buurten_written(_pkg: NlaPackage, package_key: tuple, buurten: frozenset[str]  # noqa: ARG001 - cache key
                     ) -> tuple[str, Path]:
    """The file of some of the package's buurten (one municipality's): a few dozen outlines, not the country's."""
    frame = _pkg.buurtgrenzen
    data = geojson_bytes(frame[frame[BUURT_KEY].isin(buurten)], BUURT_KEY)
    path = GEO_DIR / file_name("buurten", data)
    write_once(path, data)
    return URL_PREFIX + path.name, path


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


def remove_old(folder: Path, keep: set[Path], now: float | None = None) -> list[Path]:
    """Remove the outlines of other versions not written for `KEEP_OLD`, and temporary files of
    interrupted writes older than `KEEP_PARTIAL`; `keep` (the files in use) stays whatever its age.
    Only this module's own files are touched. Returns what was removed."""
    now = time.time() if now is None else now
    removed = []
    for path in folder.glob("*.geojson*"):
        partial = path.name.startswith(".") and path.name.endswith(".tmp")
        if path in keep or not (partial or path.suffix == ".geojson"):
            continue
        try:
            if now - path.stat().st_mtime > (KEEP_PARTIAL if partial else KEEP_OLD):
                path.unlink()
                removed.append(path)
        except FileNotFoundError:  # another server removed it first
            continue
    return removed
