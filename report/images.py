"""Plotly figures as PNG, through kaleido and the system's Chromium: one browser for a batch of figures.

Nothing is fetched from the network: MathJax is switched off (kaleido would otherwise put its CDN
address in the page it draws on), plotly.js is the copy inside the plotly package, and the maps use the
`white-bg` style (no tiles). A figure that cannot be drawn gives `None`, so a report still has its page.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

CHROMIUM = "/usr/bin/chromium"  # Debian's; BROWSER_PATH overrides (kaleido's own variable)
TIMEOUT = 90  # seconds for one figure, kaleido's default

log = logging.getLogger(__name__)


def browser_path() -> str | None:
    """The Chromium kaleido drives: $BROWSER_PATH, Debian's, or one on the PATH."""
    for candidate in (os.environ.get("BROWSER_PATH"), CHROMIUM, shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def png_images(figures: list[go.Figure], *, width: int, height: int, scale: float = 2) -> list[bytes | None]:
    """Each figure as a PNG of `width` × `height` CSS pixels times `scale`, in one browser session; `None`
    for every figure when there is no browser or it fails (logged)."""
    if not figures:
        return []
    path = browser_path()
    if path is None:
        log.warning("geen Chromium gevonden (BROWSER_PATH of %s): rapport zonder kaart", CHROMIUM)
        return [None] * len(figures)
    pio.defaults.mathjax = None  # for anything that still goes through plotly.io
    try:
        return asyncio.run(_render(figures, path, {"format": "png", "width": width, "height": height, "scale": scale}))
    except Exception:
        log.exception("kaart kon niet als afbeelding worden gemaakt")
        return [None] * len(figures)


async def _render(figures: list[go.Figure], path: str, opts: dict) -> list[bytes | None]:
    import kaleido  # imported here: starting the app or the CLI without a report needs no kaleido

    async with kaleido.Kaleido(n=1, timeout=TIMEOUT, mathjax=False, path=path) as browser:
        return [await browser.calc_fig(figure, opts=opts) for figure in figures]
