"""Start loading plotly.js in the browser when a chart page starts, not when its first chart arrives.

Streamlit's frontend loads its plotly chunk (about 4.7 MB of JavaScript: fetched, compiled and run) only
when the first chart element reaches the page, at the end of most page scripts. Measured in Chromium
(bench/README.md): on a bare page the chart appears 1.3–2 s after the chunk has arrived; on /kaart the
chunk was asked for 2–3.5 s after the navigation. Importing the same module at the first message of the
script lets the browser do that work while the server is still running the script; the frontend's own
import later finds it in the module map (the same URL, so the same module).

The chunk's file name carries a hash of the Streamlit build. It is read from the installed package; when it
cannot be found (another build layout), nothing is sent and the chart loads as before. serve.py also has the
page the browser loads first name the chunk (ui/shell.py), so its fetching starts before the script's first
message; this import then only runs it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import streamlit as st

from ui import hidden

KEY = "plotly-preload"  # the container's class, st-key-plotly-preload: hidden, so it takes no space


@cache
def chunk_name(static_js: Path | None = None) -> str | None:
    """The file name of the frontend's plotly chunk in this Streamlit build, or None."""
    folder = static_js or Path(st.__file__).parent / "static" / "static" / "js"
    found = sorted(folder.glob("PlotlyChart.*.js"))
    return found[0].name if len(found) == 1 else None


def _import(name: str) -> str:
    """An import relative to the page's address, which resolves to the URL the frontend imports (Streamlit
    serves its chunks at <base>/static/js/ on every page path)."""
    return f"<script>import('./static/js/{name}').catch(() => {{}})</script>"


def script(name: str) -> str:
    """The element's HTML: the import, in a container that is hidden (ui.hidden)."""
    return hidden.style(KEY) + _import(name)


def preload_plotly() -> None:
    """Call first in the run of a page with charts."""
    name = chunk_name()
    if name is None:
        return
    hidden.run_script(KEY, _import(name))
