"""The HTML page a browser loads first (Streamlit's index.html), served with four changes by serve.py.

- `lang="nl"`: the app speaks Dutch (Streamlit's page says English, so a screen reader read Dutch text with an
  English voice), or the language the URL asks for (`?lang=en`); the frame sets the chosen language on every
  run (ui.sidebar.language_picker).
- Streamlit's own words (skip link, file box, table toolbar) in that language: ui.frontend_texts changes the
  served copies of the frontend files that hold them.
- the files of Streamlit's frontend that draw the page's elements (ui.frontend_chunks), asked for at once as
  `<link rel="modulepreload">` with everything they import: the frame's (menu, pickers, sign-in box) on every
  page, and what each page draws (`ELEMENTS`); and the italic font. Else the frontend asks for them one import
  at a time after the script's first message, six at a time, and plotly.js waited for its last import. They are
  asked for at low priority, behind the frontend's own requests (at high priority they held up its first
  request to the server by 0.3-0.6 s). plotly.js is only fetched here: it runs when the script's first message
  asks for it (ui.chart_preload); run at once, its 0.7 s on the main thread held up the websocket's opening.
  Measured in Chromium: bench/README.md. One index.html serves every path, so a small script in its head
  decides by the path.
- on a page's own path, where the server is (`window.__streamlit.BACKEND_BASE_URL`, see `preload_script`):
  Streamlit's frontend would first look for it under the page's path and wait after the 404.

Streamlit serves its frontend from `streamlit.file_util.get_static_dir()`. `prepare` makes a folder that links
to every file there but index.html and the frontend files with Streamlit's words, which it writes changed;
serve.py points Streamlit at that folder. When
the page does not look as expected (another Streamlit build), nothing is changed and Streamlit's own is served.
"""

from __future__ import annotations

import atexit
import json
import re
import shutil
import tempfile
from pathlib import Path

from domain import languages
from ui import frontend_chunks, frontend_texts, routes

HTML_TAG = re.compile(r'<html lang="[^"]*">')
HEAD_END = "</head>"

# The element types of Streamlit's frontend (its file names, ui.frontend_chunks) a page draws: those of the
# frame on every page, and per page (its last path segment; "" is "/", the map) those of the page itself.
# Found in Chromium, as the files a page asked for after the script's first message. An element missing here
# is loaded as before, when it arrives; one too many is fetched for nothing.
FRAME = ("PageLink", "ButtonGroup", "Html", "Selectbox", "TextInput", "Button")
_MAP = ("PlotlyChart", "DataFrame")
ELEMENTS = {
    "": _MAP, routes.HOME: _MAP, routes.KAART: _MAP,
    routes.WIJK: ("PlotlyChart", "Table", "DownloadButton"),
    routes.VERGELIJKEN: ("PlotlyChart", "DataFrame", "Multiselect", "DownloadButton"),
    routes.WONEN: ("PlotlyChart", "DataFrame", "DownloadButton"),
    routes.BUDGET: ("PlotlyChart", "DataFrame", "Table", "DownloadButton", "Metric"),
    routes.RECENT: ("Table",),
    routes.BIJ_TE_WERKEN: (), routes.BEHEER: (),
}
OTHER = "*"  # the key of any other path: the frame's files
# Fonts the page uses besides the upright one Streamlit preloads: italics in captions and in the charts' notes.
# Asked for only when the first italic text is laid out, the font arrived while the charts were drawn, 0.5 s
# after the request; then the text is laid out again.
FONTS = ("SourceSansVF-Italic",)


def font_links(folder: Path) -> str:
    """`<link rel="preload">` tags for FONTS found in `folder` (Streamlit's static/media)."""
    found = [frontend_chunks.font_file(name, folder) for name in FONTS]
    return "".join(f'<link rel="preload" href="./static/media/{f}" as="font" type="font/woff2" crossorigin />'
                   for f in found if f)


def plan(index_html: str, folder: Path | None = None) -> tuple[list[str], dict[str, list[int]]]:
    """The files to preload (what index.html does not ask for already), and per path the indexes of those it
    preloads: the frame's first (the menu is the first paint), then the page's."""
    known, files, paths = frontend_chunks.page_files(index_html), [], {}

    def numbers(names) -> list[int]:
        found = [frontend_chunks.element_file(n, folder) for n in names]
        chosen = frontend_chunks.graph([f for f in found if f], folder, known)
        files.extend(f for f in chosen if f not in files)
        return [files.index(f) for f in chosen]

    frame = numbers(FRAME)
    for path, names in {OTHER: (), **ELEMENTS}.items():
        paths[path] = list(dict.fromkeys(frame + numbers(names)))
    return files, paths


def preload_script(files: list[str], paths: dict[str, list[int]]) -> str:
    """A head script that preloads, at low priority, the files of the page's path (`paths`, by index into `files`;
    any other path those of `OTHER`).

    On a page's own path (/vergelijken, or /prefix/vergelijken behind a proxy) it also tells the frontend where
    the server is: the path without the page (Streamlit's `window.__streamlit.BACKEND_BASE_URL`). Else the
    frontend asks /vergelijken/_stcore/health first, gets a 404 and tries / after a pause: 0.1–1 s of every
    deep link (Chromium, bench/README.md)."""
    return ("<script>(() => { const files = " + json.dumps(files) + "; const paths = " + json.dumps(paths) + ";"
            " const path = location.pathname.split('/').pop(); const at = (i) => './static/js/' + files[i];"
            " if (path && paths[path] && !window.__streamlit) window.__streamlit = {BACKEND_BASE_URL:"
            " location.origin + location.pathname.slice(0, -path.length)};"
            f" for (const i of paths[path] || paths[{json.dumps(OTHER)}]) {{"
            " const link = document.createElement('link'); link.rel = 'modulepreload'; link.href = at(i);"
            " link.fetchPriority = 'low'; document.head.appendChild(link); } })();</script>")


def rewrite(html: str, script: str | None, lang: str = languages.DUTCH) -> str | None:
    """Streamlit's index.html in `lang`, or in the language the URL asks for (`?lang=en`: before the frontend
    draws its first words, ui.frontend_texts), with `script` (preload_script) at the end of its head; None
    when its <html> tag or the end of its head is not found once."""
    if len(HTML_TAG.findall(html)) != 1 or html.count(HEAD_END) != 1:
        return None
    html = HTML_TAG.sub(f'<html lang="{lang}">', html)
    chosen = ("<script>(() => { const lang = new URLSearchParams(location.search).get('lang');"
              f" if ({json.dumps(list(languages.LANGUAGES))}.includes(lang)) document.documentElement.lang = lang;"
              " })();</script>")
    return html.replace(HEAD_END, f"  {chosen}{script or ''}\n  {HEAD_END}")


def prepare(stock: Path, target: Path | None = None) -> Path | None:
    """A folder to serve instead of `stock` (Streamlit's static folder): links to its files, index.html
    rewritten. None when the index cannot be rewritten: serve `stock` then."""
    index = (stock / "index.html").read_text(encoding="utf-8")
    files, paths = plan(index, stock / "static" / "js")
    script = preload_script(files, paths) if files else ""
    html = rewrite(index, font_links(stock / "static" / "media") + script)
    if html is None:
        return None
    if target is None:  # a folder of this server's own, gone when it stops
        target = Path(tempfile.mkdtemp(prefix="wijkperspectief-shell-"))
        atexit.register(shutil.rmtree, target, ignore_errors=True)
    _link(stock, target, skip={"index.html", "static"})
    _link(stock / "static", target / "static", skip={"js"})
    js, changed = target / "static" / "js", frontend_texts.files(stock / "static" / "js")
    _link(stock / "static" / "js", js, skip=set(changed))
    for name, text in changed.items():
        (js / name).write_text(text, encoding="utf-8")
    (target / "index.html").write_text(html, encoding="utf-8")
    return target


def _link(stock: Path, folder: Path, skip: set[str]) -> None:
    """`folder` with a symbolic link to each entry of `stock` but those in `skip`."""
    folder.mkdir(exist_ok=True)
    for entry in stock.iterdir():
        if entry.name not in skip:
            (folder / entry.name).symlink_to(entry)


def serve_from_shell() -> Path | None:
    """Point Streamlit's static file server at a prepared folder (before the server starts); the folder, or None."""
    from streamlit import file_util

    folder = prepare(Path(file_util.get_static_dir()))
    if folder is not None:
        file_util.get_static_dir = lambda: str(folder)
    return folder
