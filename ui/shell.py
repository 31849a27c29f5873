"""The HTML page a browser loads first (Streamlit's index.html), served with two changes by serve.py.

- `lang="nl"`: the app speaks Dutch (Streamlit's page says English, so a screen reader read Dutch text with an
  English voice); the frame sets the chosen language on every run (ui.sidebar.language_picker).
- on the pages with charts (ui.routes.WITH_CHARTS, and "/"), a `<link rel="modulepreload">` of the frontend's
  plotly chunk (ui.chart_preload): the browser fetches and compiles the 4.7 MB of plotly.js while Streamlit's
  own bundle starts, instead of after the first message of the script. Measured in Chromium
  (bench/README.md): the chunk was asked for 1.0–1.2 s after the navigation and charts appeared about 1 s
  after it had arrived. One index.html serves every path, so a small script in its head decides by the path.

Streamlit serves its frontend from `streamlit.file_util.get_static_dir()`. `prepare` makes a folder that links
to every file there but index.html, which it writes changed; serve.py points Streamlit at that folder. When
the page does not look as expected (another Streamlit build), nothing is changed and Streamlit's own is served.
"""

from __future__ import annotations

import atexit
import json
import re
import shutil
import tempfile
from pathlib import Path

from ui.chart_preload import chunk_name
from ui.routes import WITH_CHARTS

CHART_PATHS = WITH_CHARTS | {""}  # "" is "/", the home page: the map

HTML_TAG = re.compile(r'<html lang="[^"]*">')
HEAD_END = "</head>"


def preload_script(chunk: str, paths) -> str:
    """A head script that adds `<link rel="modulepreload">` for `chunk` when the page's last path segment is
    one of `paths` ("" is the root)."""
    return ("<script>(() => { const paths = " + json.dumps(sorted(paths)) + ";"
            " if (!paths.includes(location.pathname.split('/').pop())) return;"
            " const link = document.createElement('link'); link.rel = 'modulepreload';"
            f" link.href = './static/js/{chunk}'; document.head.appendChild(link); }})();</script>")


def rewrite(html: str, chunk: str | None, lang: str = "nl", paths=CHART_PATHS) -> str | None:
    """Streamlit's index.html in `lang`, preloading `chunk` (a file in static/js/) on `paths`; None when its
    <html> tag or the end of its head is not found once."""
    if len(HTML_TAG.findall(html)) != 1 or html.count(HEAD_END) != 1:
        return None
    html = HTML_TAG.sub(f'<html lang="{lang}">', html)
    if chunk:
        html = html.replace(HEAD_END, f"  {preload_script(chunk, paths)}\n  {HEAD_END}")
    return html


def prepare(stock: Path, target: Path | None = None) -> Path | None:
    """A folder to serve instead of `stock` (Streamlit's static folder): links to its files, index.html
    rewritten. None when the index cannot be rewritten: serve `stock` then."""
    html = rewrite((stock / "index.html").read_text(encoding="utf-8"), chunk_name(stock / "static" / "js"))
    if html is None:
        return None
    if target is None:  # a folder of this server's own, gone when it stops
        target = Path(tempfile.mkdtemp(prefix="wijkperspectief-shell-"))
        atexit.register(shutil.rmtree, target, ignore_errors=True)
    folder = target
    for entry in stock.iterdir():
        if entry.name != "index.html":
            (folder / entry.name).symlink_to(entry)
    (folder / "index.html").write_text(html, encoding="utf-8")
    return folder


def serve_from_shell() -> Path | None:
    """Point Streamlit's static file server at a prepared folder (before the server starts); the folder, or None."""
    from streamlit import file_util

    folder = prepare(Path(file_util.get_static_dir()))
    if folder is not None:
        file_util.get_static_dir = lambda: str(folder)
    return folder
