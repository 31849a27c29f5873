"""Every page's URL path is also the name of its file in pages/.

A folder named pages/ starts Streamlit in its legacy multipage mode until some session has run
st.navigation: on a fresh server a deep link like /wijk runs pages/wijk.py, which then runs the
frame. A URL path without a file of that name would give 'Page not found' on a fresh server."""

from __future__ import annotations

import ast
from pathlib import Path

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
