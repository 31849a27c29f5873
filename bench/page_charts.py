"""The charts a page of the dashboard sends, as JSON, for the bare page to draw the same (bench/bare_app.py).

    .venv/bin/python bench/page_charts.py OUT_DIR vergelijken wonen

Runs each page once under Streamlit's AppTest (the real frame, the embedded package) and writes
OUT_DIR/<page>.json: per `st.plotly_chart` of the page, in its order, the figure as Streamlit sent it (its
`spec`), its config and theme. bench/browser_bench.py then times the page against a bare Streamlit page
drawing exactly these charts: what the app adds besides its charts.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def page_charts(url_path: str) -> list[dict]:
    """The plotly charts of the page at `url_path`, in their order: spec (the figure's JSON), config, theme."""
    from streamlit.navigation.page import calc_hash
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
    at._page_hash = calc_hash(url_path)  # noqa: SLF001 - pages are callables: Streamlit finds them by this hash
    at.run()
    if at.exception:
        raise RuntimeError(f"/{url_path}: {at.exception[0].message}")
    return [{"spec": chart.proto.spec, "config": chart.proto.config, "theme": chart.proto.theme}
            for chart in at.get("plotly_chart")]


def inline_outlines(spec: str, root: Path = ROOT) -> str:
    """A figure's JSON with the outlines it names by URL (`app/static/geo/…`, ui/map_files.py) put in: the bare
    page's server does not serve the app's static files. The browser then reads them from the figure instead
    of fetching them (a few KiB for Groningen); MapLibre draws the same areas."""
    figure = json.loads(spec)
    for trace in figure.get("data", []):
        url = trace.get("geojson")
        if isinstance(url, str) and url.startswith("app/static/"):
            trace["geojson"] = json.loads((root / url.removeprefix("app/")).read_text(encoding="utf-8"))
    return json.dumps(figure)


def main(argv: list[str]) -> int:
    out, pages = Path(argv[0]), argv[1:]
    os.environ.setdefault("WIJKPERSPECTIEF_MAP_STYLE", "white-bg")
    os.environ.setdefault("WIJKPERSPECTIEF_DATA_DIR", tempfile.mkdtemp(prefix="wijkperspectief-charts-"))
    out.mkdir(parents=True, exist_ok=True)
    for page in pages:
        charts = [{**chart, "spec": inline_outlines(chart["spec"])} for chart in page_charts(page)]
        (out / f"{page}.json").write_text(json.dumps(charts), encoding="utf-8")
        print(f"/{page}: {len(charts)} charts, {sum(len(c['spec']) for c in charts) / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
