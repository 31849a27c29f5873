"""ui.shell: the page the browser loads first is in Dutch and, on the pages with charts, fetches plotly.js at
once; everything else Streamlit serves stays as it is."""

from __future__ import annotations

import json
import os
import re
import urllib.request
from pathlib import Path

import pytest
import streamlit

from ui import routes, shell
from ui.chart_preload import chunk_name

STOCK = Path(streamlit.__file__).parent / "static"
PAGE = '<!DOCTYPE html>\n<html lang="en">\n  <head>\n    <title>Streamlit</title>\n  </head>\n  <body></body>\n</html>\n'


def test_the_page_is_dutch_and_preloads_the_chunk_on_the_chart_paths_only():
    html = shell.rewrite(PAGE, "PlotlyChart.ab12.js")
    assert '<html lang="nl">' in html and 'lang="en"' not in html
    script = re.search(r"<script>(.*)</script>\s*</head>", html, re.S).group(1)
    assert "link.rel = 'modulepreload'" in script and "'./static/js/PlotlyChart.ab12.js'" in script
    paths = set(json.loads(re.search(r"const paths = (\[.*?\]);", script).group(1)))
    assert paths == set(routes.WITH_CHARTS) | {""}  # "" is "/", the map
    assert not {routes.BIJ_TE_WERKEN, routes.RECENT, routes.BEHEER} & paths


def test_without_a_chunk_only_the_language_changes():
    assert shell.rewrite(PAGE, None) == PAGE.replace('lang="en"', 'lang="nl"')


@pytest.mark.parametrize("page", [PAGE.replace('<html lang="en">', "<html>"), PAGE.replace("</head>", ""),
                                  PAGE + "</head>", PAGE.replace("<html", "<html lang=\"en\"><html")])
def test_a_page_of_another_shape_is_left_alone(page):
    assert shell.rewrite(page, "PlotlyChart.ab12.js") is None


def test_the_folder_links_every_file_of_streamlits_and_rewrites_only_the_index(tmp_path):
    folder = shell.prepare(STOCK, tmp_path)
    assert folder == tmp_path
    assert sorted(os.listdir(folder)) == sorted(os.listdir(STOCK))
    for entry in folder.iterdir():
        if entry.name != "index.html":
            assert entry.is_symlink() and entry.resolve() == (STOCK / entry.name).resolve()
    html = (folder / "index.html").read_text(encoding="utf-8")
    assert html == shell.rewrite((STOCK / "index.html").read_text(encoding="utf-8"), chunk_name())
    assert f"./static/js/{chunk_name()}" in html and (folder / "static" / "js" / chunk_name()).is_file()


def test_an_index_of_another_shape_serves_streamlits_own(tmp_path):
    stock = tmp_path / "stock"
    stock.mkdir()
    (stock / "index.html").write_text("<html><head></head></html>", encoding="utf-8")
    assert shell.prepare(stock, tmp_path / "shell") is None


@pytest.mark.browser
def test_a_real_server_serves_the_dutch_page_and_every_file_of_streamlits():
    from tests.browser import streamlit_server

    with streamlit_server() as url:
        for path in ("/", "/wijk?wijk=selwerd", "/recent"):
            with urllib.request.urlopen(f"{url}{path}", timeout=30) as response:
                html = response.read().decode("utf-8")
            assert '<html lang="nl">' in html and "modulepreload" in html, path
        for path in (f"/static/js/{chunk_name()}", "/favicon.png", "/manifest.json"):
            with urllib.request.urlopen(f"{url}{path}", timeout=30) as response:
                assert response.status == 200 and response.read(), path
