"""Take the README's screenshots from a real server and Chromium: docs/kaart.png, docs/wijk.png.

    .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import chromium_page, require_chromium, streamlit_server, wait_for_app  # noqa: E402

SHOTS = {"kaart": "/kaart?wijk=korrewegwijk", "wijk": "/wijk?wijk=korrewegwijk"}


def main() -> int:
    require_chromium()
    docs = ROOT / "docs"
    docs.mkdir(exist_ok=True)
    # open-street-map draws the polygons and labels even when the tiles cannot be fetched.
    with streamlit_server({"WIJKPERSPECTIEF_MAP_STYLE": "open-street-map"}) as url, chromium_page(1400, 1050) as page:
        for name, path in SHOTS.items():
            page.goto(url + path)
            wait_for_app(page)
            page.wait_for_selector(".js-plotly-plot canvas", timeout=60_000)
            page.wait_for_timeout(6000)  # let the map draw its polygons and labels
            page.screenshot(path=str(docs / f"{name}.png"))
            print(docs / f"{name}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
