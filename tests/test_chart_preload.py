"""ui.chart_preload: pages with charts ask the browser for plotly.js first thing in their run; the others do not."""

from __future__ import annotations

import pytest

from tests.apptest import open_page
from ui import hidden, routes
from ui.chart_preload import KEY, chunk_name, script


def _preloads(at) -> list[str]:
    return [element.proto.body for element in at.get("html") if "PlotlyChart" in element.proto.body]


def test_the_installed_streamlit_has_one_plotly_chunk_and_the_import_names_it():
    name = chunk_name()
    assert name is not None and name.startswith("PlotlyChart.") and name.endswith(".js")
    html = script(name)
    assert f"import('./static/js/{name}')" in html  # relative to the page: the frontend's own URL
    assert html.startswith(hidden.style(KEY))  # hidden, its wrapper too: it takes no space


@pytest.mark.parametrize("files, expected", [([], None), (["PlotlyChart.ab12.js"], "PlotlyChart.ab12.js"),
                                             (["PlotlyChart.ab12.js", "PlotlyChart.cd34.js"], None)])
def test_without_exactly_one_chunk_nothing_is_preloaded(tmp_path, files, expected):
    for name in files:
        (tmp_path / name).write_text("")
    assert chunk_name.__wrapped__(tmp_path) == expected


@pytest.mark.parametrize("url_path, params", [(routes.HOME, {}), (routes.KAART, {}), (routes.WIJK, {"wijk": "selwerd"}),
                                              (routes.VERGELIJKEN, {}), (routes.WONEN, {}), (routes.BUDGET, {})])
def test_a_page_with_charts_preloads_plotly_before_anything_else_in_the_main_area(url_path, params):
    at = open_page(url_path, **params)
    assert not at.exception
    assert _preloads(at) == [script(chunk_name())]
    first = at.main.children[0]  # the first block of the page: the hidden container with the import alone
    assert [element.proto.body for element in first.children.values()] == [script(chunk_name())]
    assert at.get("plotly_chart")  # and the page has charts


@pytest.mark.parametrize("url_path", [routes.BIJ_TE_WERKEN, routes.RECENT, routes.BEHEER])
def test_a_page_without_charts_does_not_load_plotly(url_path):
    at = open_page(url_path)
    assert not at.exception
    assert _preloads(at) == []
