"""The JavaScript files of Streamlit's frontend that draw an element, and the files each imports.

Streamlit's frontend loads the code of an element type (a chart, a table, a select box) only when the first
element of that type reaches the page: one file per type (`DataFrame.<hash>.js`), which imports a few dozen
smaller files, found one import at a time. Measured in Chromium (bench/README.md, "what the browser loads"):
on /vergelijken about 80 such files were asked for after the script's first message, six at a time (HTTP/1.1),
and plotly.js could not run until its last import had arrived, 0.5 s after plotly.js itself. ui.shell names
them in the page the browser loads first, so they are fetched while the frontend starts.

The file names carry hashes of the Streamlit build, so they are read from the installed package; a name that is
not found exactly once is left out (another build: nothing is preloaded for it, and the page works as before).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import streamlit as st

# a static import at the top of a chunk: `import{a as b}from"./x.js"` or `import"./x.js"` (not `import("…")`)
STATIC_IMPORT = re.compile(r'(?:\bfrom|\bimport)\s*"\./([\w.-]+\.js)"')
# the files Streamlit's page itself asks for at once (`<script type="module">` and `<link rel="modulepreload">`)
PAGE_FILE = re.compile(r'(?:src|href)="\./static/js/([\w.-]+\.js)"')


def js_folder() -> Path:
    return Path(st.__file__).parent / "static" / "static" / "js"


def font_file(name: str, folder: Path) -> str | None:
    """The woff2 file of font `name` (`SourceSansVF-Italic`) in `folder` (Streamlit's static/media), or None
    when not exactly one is named so."""
    found = [p.name for p in folder.glob(f"{name}.*.woff2")]
    return found[0] if len(found) == 1 else None


@cache
def element_file(name: str, folder: Path | None = None) -> str | None:
    """The file that draws element type `name` (`PlotlyChart`, `DataFrame`) in this build, or None when not
    exactly one file is named so."""
    found = [p.name for p in (folder or js_folder()).glob(f"{name}.*.js") if p.name.count(".") == 2]
    return found[0] if len(found) == 1 else None


@cache
def imports(file: str, folder: Path | None = None) -> tuple[str, ...]:
    """The files `file` imports statically (they all arrive before it runs); () when it cannot be read."""
    try:
        text = ((folder or js_folder()) / file).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ()
    return tuple(dict.fromkeys(STATIC_IMPORT.findall(text)))


def graph(files: Iterable[str], folder: Path | None = None, known: Iterable[str] = ()) -> list[str]:
    """`files` and everything they import, directly or not, except `known` (and what only `known` imports),
    each once, in the order they are first reached."""
    seen, order, todo = set(known), [], [f for f in files if f not in set(known)]
    while todo:
        file = todo.pop(0)
        if file in seen:
            continue
        seen.add(file)
        order.append(file)
        todo += [f for f in imports(file, folder) if f not in seen]
    return order


def page_files(index_html: str) -> set[str]:
    """The files Streamlit's index.html asks for itself (its entry and the entry's imports)."""
    return set(PAGE_FILE.findall(index_html))
