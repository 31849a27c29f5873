"""The browser bench's same-charts baseline (bench/page_charts.py, bench/bare_app.py): the bare page draws
exactly the charts a chart page sends, so the bench can tell the charts' cost from the app's."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.apptest import open_page

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import page_charts  # noqa: E402 - bench/, beside the app


def test_the_charts_of_a_page_are_those_it_sends_in_their_order():
    sent = [json.loads(chart.proto.spec) for chart in open_page("wonen").get("plotly_chart")]
    charts = page_charts.page_charts("wonen")
    assert len(charts) == len(sent) == 8
    assert [json.loads(chart["spec"]) for chart in charts] == sent
    assert all(json.loads(chart["config"]) == {"displayModeBar": False} for chart in charts)


def test_the_bare_page_draws_a_pages_charts_when_asked(tmp_path, monkeypatch):
    charts = page_charts.page_charts("vergelijken")
    (tmp_path / "vergelijken.json").write_text(json.dumps(charts), encoding="utf-8")
    monkeypatch.setenv("BARE_CHARTS_DIR", str(tmp_path))
    at = AppTest.from_file(str(ROOT / "bench" / "bare_app.py"))
    at.query_params["charts"] = "vergelijken"
    drawn = at.run().get("plotly_chart")
    assert not at.exception
    assert [json.loads(chart.proto.spec)["data"] for chart in drawn] == [json.loads(c["spec"])["data"] for c in charts]


def test_the_bare_page_is_one_small_chart_otherwise(tmp_path, monkeypatch):
    monkeypatch.setenv("BARE_CHARTS_DIR", str(tmp_path))  # no file for the page asked for
    for params in ({}, {"charts": "wonen"}, {"charts": "../wonen"}):
        at = AppTest.from_file(str(ROOT / "bench" / "bare_app.py"))
        for key, value in params.items():
            at.query_params[key] = value
        drawn = at.run().get("plotly_chart")
        assert not at.exception
        assert len(drawn) == 1
        assert [bar["y"] for bar in json.loads(drawn[0].proto.spec)["data"]] == [[3, 1, 2]]


def test_the_maps_outlines_are_put_into_the_figure_for_the_bare_page():
    """The map names its outlines by URL (ui/map_files.py), which the bare page's server does not serve: they go
    into the figure, the same areas."""
    spec = page_charts.page_charts("kaart")[0]["spec"]
    named = {i: t["geojson"] for i, t in enumerate(json.loads(spec)["data"]) if isinstance(t.get("geojson"), str)}
    assert named and all(url.startswith("app/static/geo/") for url in named.values())
    inlined = json.loads(page_charts.inline_outlines(spec))["data"]
    for i, url in named.items():
        on_disk = json.loads((ROOT / url.removeprefix("app/")).read_text(encoding="utf-8"))
        assert inlined[i]["geojson"] == on_disk and on_disk["features"]
    plain = json.dumps({"data": [{"type": "bar"}]})
    assert page_charts.inline_outlines(plain) == plain
