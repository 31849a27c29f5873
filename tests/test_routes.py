"""Every page's URL path is also the name of its file in pages/; the frame's own menu; the language and the
wijk in the URL and in links.

A folder named pages/ starts Streamlit in its legacy multipage mode until some session has run
st.navigation: on a fresh server a deep link like /wijk runs pages/wijk.py, which then runs the
frame. A URL path without a file of that name would give 'Page not found' on a fresh server."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from tests.apptest import open_page, texts
from ui import routes

ROOT = Path(__file__).resolve().parents[1]


def _registered_url_paths() -> set[str]:
    tree = ast.parse((ROOT / "dashboard.py").read_text(encoding="utf-8"))
    paths = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "url_path" and isinstance(node.value, ast.Attribute):
            paths.add(getattr(routes, node.value.attr))
    return paths


def test_every_page_url_has_a_file_of_that_name():
    registered = _registered_url_paths()
    assert routes.WIJK in registered and routes.BIJ_TE_WERKEN in registered
    files = {p.stem for p in (ROOT / "pages").glob("*.py")}
    # The default page is served at "/" (the frame itself); every other path needs its file.
    assert registered - {routes.HOME} <= files, registered - {routes.HOME} - files


def test_every_page_file_ends_by_running_the_frame():
    for page in (ROOT / "pages").glob("*.py"):
        if page.name == "__init__.py":
            continue
        assert 'runpy.run_path(str(Path(__file__).resolve().parents[1] / "dashboard.py")' in page.read_text(), page


def test_streamlits_own_menu_is_off_and_the_frame_draws_its_own():
    """Streamlit's sidebar menu would list pages/' files on the first run after a start (legacy mode)."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showSidebarNavigation"] is False
    at = open_page(routes.VERGELIJKEN)
    links = [element.proto for element in at.sidebar if element.type == "page_link"]
    assert [link.label for link in links] == ["Kaart", "Wijkperspectief", "Vergelijken", "Wonen", "Budget", "Bij te werken",
                                              "Recent gewijzigd"]  # beheer only for the data manager


def test_the_language_comes_from_the_url_and_links_keep_it():
    at = open_page(routes.WIJK, wijk="beijum", lang="en")
    assert not at.exception
    assert "What is happening" in [h.value for h in at.subheader] + [h.value for h in at.header] + texts(at).split("\n")
    assert at.session_state["lang"] == "en"
    menu = [element.proto for element in at.sidebar if element.type == "page_link"]
    assert menu[0].label == "Map" and all("lang=en" in link.query_string for link in menu)
    assert at.sidebar.selectbox(key="wijk_picker:en").value == "beijum"
    assert at.sidebar.selectbox(key="wijk_picker:en").format_func("beijum") == "Beijum · large, heavy"


def test_dutch_is_not_written_in_the_url():
    at = open_page(routes.WIJK, wijk="beijum")
    assert "lang" not in at.query_params
    assert all(not link.proto.query_string.count("lang") for link in at.sidebar if link.type == "page_link")


def test_a_picked_wijk_survives_a_language_switch_as_an_id():
    """The picker's widget has a key per language; the session keeps the wijk id (issue 9: the old
    language's label came back as the value and ended up in the URL)."""
    at = open_page(routes.KAART)
    at.sidebar.selectbox(key="wijk_picker:nl").select("beijum")
    at.run()
    assert at.session_state["wijk_picker"] == "beijum"
    assert at.query_params["wijk"] in ("beijum", ["beijum"])
    at.session_state["lang"] = "en"  # as the language picker's callback does (ui.state.set_lang)
    at.run()
    assert at.session_state["wijk_picker"] == "beijum"
    assert at.sidebar.selectbox(key="wijk_picker:en").value == "beijum"
