"""Run the app under Streamlit's AppTest on a given page, as a browser at `/<url_path>?…` would."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from streamlit.navigation.page import calc_hash
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[1] / "dashboard.py"
os.environ.setdefault("WIJKPERSPECTIEF_MAP_STYLE", "white-bg")  # no network at all in tests
os.environ.setdefault("WIJKPERSPECTIEF_RAISE_ERRORS", "1")  # an error fails the test instead of a friendly message
# Tests never touch the database next to the embedded package; editing tests use their own.
os.environ.setdefault("NLA_DATABASE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='wijkperspectief-')}/test.sqlite")


def open_page(url_path: str = "overzicht", timeout: float = 60, **params) -> AppTest:
    """The app after one run of the page at `url_path` with these query parameters.

    AppTest.switch_page only knows file pages; our pages are callables that Streamlit
    identifies by the hash of their URL path, so we ask for that page the same way.
    """
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    for key, value in params.items():
        at.query_params[key] = value
    at._page_hash = calc_hash(url_path)  # noqa: SLF001 - no public API for callable pages
    return at.run()


def texts(at: AppTest) -> str:
    """Everything the page says in markdown, captions, headers and alerts, as one string."""
    parts = []
    for kind in ("markdown", "caption", "header", "subheader", "title", "info", "warning", "error", "success"):
        parts += [str(element.value) for element in getattr(at, kind)]
    return "\n".join(parts).replace("\u00a0", " ")  # money uses a no-break space


def sign_in(at: AppTest, username: str, password: str | None = None) -> AppTest:
    """Sign in through the sidebar form, as a person would (test accounts: tests/users.py)."""
    from tests.users import PASSWORD

    at.text_input(key="signin:username").input(username)
    at.text_input(key="signin:password").input(PASSWORD if password is None else password)
    at.button(key="auth:submit").click()
    return at.run()


def fold_keys(at: AppTest, prefix: str) -> list[str]:
    """The keys of the page's table folds (ui.table_fold) that start with `prefix`."""
    return sorted(k for k in at.session_state._state.filtered_state if k.startswith(prefix))  # noqa: SLF001


def open_folds(at: AppTest, prefix: str) -> AppTest:
    """Open every table fold whose key starts with `prefix`, as a click on each would, and run again."""
    keys = fold_keys(at, prefix)
    assert keys, f"no table fold keyed {prefix}…"
    for key in keys:
        at.session_state[key] = True
    return at.run()
