"""ui.shell and ui.frontend_chunks: the page the browser loads first is in Dutch, tells the frontend where the
server is, and asks at once for the frontend's files that draw the page; everything else Streamlit serves stays
as it is."""

from __future__ import annotations

import json
import os
import re
import urllib.request
from pathlib import Path

import pytest
import streamlit

from ui import frontend_chunks, frontend_texts, routes, shell
from ui.chart_preload import chunk_name

STOCK = Path(streamlit.__file__).parent / "static"
JS = STOCK / "static" / "js"
INDEX = (STOCK / "index.html").read_text(encoding="utf-8")
PAGE = ('<!DOCTYPE html>\n<html lang="en">\n  <head>\n    <title>Streamlit</title>\n  </head>\n  <body></body>\n'
        "</html>\n")


def _script_values(html: str) -> tuple[list[str], dict]:
    script = re.search(r"<script>\(\(\) => \{(.*?)\}\)\(\);</script>\s*</head>", html, re.DOTALL).group(1)
    files, paths = (json.loads(re.search(rf"const {name} = (.*?);", script).group(1)) for name in ("files", "paths"))
    return files, paths


def test_the_page_is_dutch_and_carries_the_script_at_the_end_of_its_head():
    html = shell.rewrite(PAGE, "<script>x</script>")
    assert '<html lang="nl">' in html and 'lang="en"' not in html
    assert html.index("<script>x</script>") < html.index("</head>")


def test_without_a_script_only_the_language_changes_dutch_or_as_the_url_asks():
    html = shell.rewrite(PAGE, None)
    chosen = re.search(r"  (<script>.*?</script>)\n  </head>", html).group(1)
    assert html == PAGE.replace('lang="en"', 'lang="nl"').replace("</head>", f"  {chosen}\n  </head>")
    assert "get('lang')" in chosen and '["nl", "en"].includes(lang)' in chosen  # no other value reaches the page


@pytest.mark.parametrize("page", [PAGE.replace('<html lang="en">', "<html>"), PAGE.replace("</head>", ""),
                                  PAGE + "</head>", PAGE.replace("<html", "<html lang=\"en\"><html")])
def test_a_page_of_another_shape_is_left_alone(page):
    assert shell.rewrite(page, "<script>x</script>") is None


@pytest.mark.parametrize("name", sorted({*shell.FRAME, *(n for names in shell.ELEMENTS.values() for n in names)}))
def test_every_element_named_has_one_file_in_the_installed_streamlit(name):
    """A Streamlit upgrade that renames a file would silently preload nothing for it: this says so."""
    file = frontend_chunks.element_file(name)
    assert file is not None and (JS / file).is_file()


def test_every_page_preloads_the_frame_first_then_what_it_draws_and_nothing_the_page_loads_already():
    files, paths = shell.plan(INDEX, JS)
    known = frontend_chunks.page_files(INDEX)
    assert known and not known & set(files)  # index.html asks for these itself
    frame = paths[shell.OTHER]
    assert [files[i] for i in frame[:len(shell.FRAME)]] == [frontend_chunks.element_file(n) for n in shell.FRAME]
    for path, names in shell.ELEMENTS.items():
        assert paths[path][:len(frame)] == frame, path
        chosen = {files[i] for i in paths[path]}
        assert {frontend_chunks.element_file(n) for n in names} <= chosen, path
        assert (chunk_name() in chosen) == (path in routes.WITH_CHARTS | {""}), path  # plotly.js: chart pages only
        for file in chosen:  # with everything it imports
            assert set(frontend_chunks.imports(file)) <= chosen | known, (path, file)
    assert set(paths) == {shell.OTHER, *shell.ELEMENTS}


def test_every_page_of_the_frame_is_named():
    pages = {routes.HOME, routes.KAART, routes.WIJK, routes.VERGELIJKEN, routes.WONEN, routes.BUDGET,
             routes.BIJ_TE_WERKEN, routes.RECENT, routes.BEHEER}
    assert set(shell.ELEMENTS) == pages | {""}


def test_the_graph_follows_static_imports_once_and_stops_at_what_is_known(tmp_path):
    (tmp_path / "A.aa.js").write_text('import{x as y}from"./b.js";import"./c.js";const z=import("./lazy.js");')
    (tmp_path / "b.js").write_text('import {q} from "./c.js";import"./known.js"')
    (tmp_path / "c.js").write_text("export const q=1")
    (tmp_path / "known.js").write_text('import"./behind-known.js"')
    assert frontend_chunks.element_file("A", tmp_path) == "A.aa.js"
    assert frontend_chunks.graph(["A.aa.js"], tmp_path, known={"known.js"}) == ["A.aa.js", "b.js", "c.js"]
    assert frontend_chunks.graph(["missing.js"], tmp_path) == ["missing.js"]  # unreadable: no imports


@pytest.mark.parametrize("files, expected", [([], None), (["Table.ab12.js"], "Table.ab12.js"),
                                             (["Table.ab12.js", "Table.cd34.js"], None),
                                             (["Table.ab12.css", "Table.x.y.js"], None)])
def test_without_exactly_one_file_an_element_is_not_preloaded(tmp_path, files, expected):
    for name in files:
        (tmp_path / name).write_text("")
    assert frontend_chunks.element_file("Table", tmp_path) == expected


def test_the_italic_font_is_preloaded_as_streamlit_preloads_its_upright_one():
    links = shell.font_links(STOCK / "static" / "media")
    file = frontend_chunks.font_file("SourceSansVF-Italic", STOCK / "static" / "media")
    assert file and links == (f'<link rel="preload" href="./static/media/{file}" as="font" type="font/woff2" '
                              "crossorigin />")
    assert shell.font_links(Path("/nonexistent")) == ""


def test_the_folder_links_every_file_of_streamlits_and_rewrites_only_the_index(tmp_path):
    folder = shell.prepare(STOCK, tmp_path)
    assert folder == tmp_path
    changed = frontend_texts.files(JS)
    for stock, served in ((STOCK, folder), (STOCK / "static", folder / "static"), (JS, folder / "static" / "js")):
        assert sorted(os.listdir(served)) == sorted(os.listdir(stock))
        for entry in served.iterdir():
            if entry.name in changed:  # Streamlit's words in the page's language (ui.frontend_texts)
                assert not entry.is_symlink() and entry.read_text(encoding="utf-8") == changed[entry.name]
            elif entry.name not in ("index.html", "static", "js"):
                assert entry.is_symlink() and entry.resolve() == (stock / entry.name).resolve()
    assert len(changed) >= 8
    html = (folder / "index.html").read_text(encoding="utf-8")
    files, paths = shell.plan(INDEX, JS)
    fonts = shell.font_links(STOCK / "static" / "media")
    assert html == shell.rewrite(INDEX, fonts + shell.preload_script(files, paths))
    assert _script_values(html) == (files, paths)
    assert all((folder / "static" / "js" / f).is_file() for f in files)


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


@pytest.mark.browser
def test_a_deep_link_finds_the_server_at_once_and_asks_for_its_files_before_the_script_runs():
    """Without BACKEND_BASE_URL the frontend asked /vergelijken/_stcore/health first (a 404), then / after a
    pause; the element files came one import at a time after the script's first message."""
    from tests.browser import chromium_page, streamlit_server, wait_for_app

    with streamlit_server() as url, chromium_page() as page:
        asked = []
        page.on("request", lambda request: asked.append(request.url))
        page.goto(f"{url}/vergelijken", wait_until="commit")
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=120_000)  # a chart drawn
        wait_for_app(page)
        assert page.evaluate("() => window.__streamlit.BACKEND_BASE_URL") == f"{url}/"
        assert f"{url}/_stcore/health" in asked and not [u for u in asked if "/vergelijken/_stcore" in u]
        preloaded = page.evaluate("() => [...document.querySelectorAll('link[rel=modulepreload]')]"
                                  ".map(l => l.href.split('/').pop())")
        files, paths = shell.plan(INDEX, JS)
        assert {files[i] for i in paths[routes.VERGELIJKEN]} <= set(preloaded)
        assert not [u for u in asked if not u.startswith(url)]  # nothing from the network (the tab's icon is ours)


@pytest.mark.browser
def test_every_page_asks_for_no_frontend_file_it_did_not_preload():
    """`ELEMENTS` names what each page draws: a page that starts drawing another kind of element (a widget
    added) would ask for its files one import at a time again. Each page, opened fresh, asks only for files
    its first page named (index.html's own and the preloaded ones)."""
    from tests.browser import chromium_page, streamlit_server, wait_for_app

    files, paths = shell.plan(INDEX, JS)
    known = frontend_chunks.page_files(INDEX)
    with streamlit_server() as url, chromium_page() as page:
        for path in sorted(p for p in shell.ELEMENTS if p):
            asked: list[str] = []
            listener = lambda request, into=asked: into.append(request.url.split("/")[-1])  # noqa: E731
            page.on("request", listener)
            page.goto(f"{url}/{path}", wait_until="commit")
            wait_for_app(page)
            page.wait_for_timeout(500)  # a chunk asked for by the last element drawn
            page.remove_listener("request", listener)
            loaded = {f for f in asked if f.endswith(".js") and not f.startswith("index.")}
            preloaded = {files[i] for i in paths[path]} | known
            assert loaded <= preloaded, f"/{path}: not preloaded: {sorted(loaded - preloaded)}"
