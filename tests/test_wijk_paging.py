"""A wijk with a thousand entries in one section stays quick (AppTest): each section draws the newest
PAGE_SIZE open entries and a "Meer tonen" button; closed entries stay folded and are capped the same way."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest

from nla_data import EMBEDDED_DIR, load_package
from nla_data.store import EntryStore
from pages.wijk import PAGE_SIZE
from tests.apptest import open_page, sign_in

OPEN, CLOSED = 1000, PAGE_SIZE + 5
WIJK = "tuinwijk"  # no entries in the package: every card on the page is one of ours


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> str:
    """Tuinwijk with OPEN open initiatives and CLOSED closed needs, one minute apart (the last one newest)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('paging')}/entries.sqlite"
    store = EntryStore.open(load_package(EMBEDDED_DIR).package, url)
    start = dt.datetime(2024, 1, 1, 9, 0)
    moments = iter(start + dt.timedelta(minutes=i) for i in range(OPEN + CLOSED))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("nla_data.store.now", lambda: next(moments))
        for i in range(1, OPEN + 1):
            store.create(f"{WIJK}-paging-{i:04d}", WIJK, {"sectie": "gebeurt", "titel": f"Initiatief {i:04d}",
                                                          "status": "loopt"}, [], "Fatima de Vries")
        for i in range(1, CLOSED + 1):
            store.create(f"{WIJK}-paging-nodig-{i:04d}", WIJK, {"sectie": "nodig", "titel": f"Gesloten {i:04d}",
                                                                "status": "afgerond"}, [], "Fatima de Vries")
    store.engine.dispose()
    return url


@pytest.fixture
def page(database, monkeypatch):
    monkeypatch.setenv("NLA_DATABASE_URL", database)


def _titles(at, prefix: str) -> list[str]:
    """The card titles shown (each card starts with its title in bold), in page order."""
    titles = [re.sub(r"^<span [^>]*></span>", "", str(m.value)) for m in at.markdown]  # the card's anchor first
    return [t.strip("*") for t in titles if t.startswith(f"**{prefix} ")]


def _timed_run(at, what: str):
    started = time.perf_counter()
    at.run()
    print(f"\n{what}: {time.perf_counter() - started:.2f} s")
    return at


def test_a_thousand_entries_show_the_newest_page_and_a_button_for_more(page):
    started = time.perf_counter()
    at = open_page("wijk", wijk=WIJK)
    print(f"\nfirst run of the wijk page with {OPEN + CLOSED} entries (public): {time.perf_counter() - started:.2f} s")
    assert not at.exception, [e.value for e in at.exception]
    shown = _titles(at, "Initiatief")
    assert shown == [f"Initiatief {i:04d}" for i in range(OPEN, OPEN - PAGE_SIZE, -1)]  # newest first
    more = at.button(key=f"btn-more:{WIJK}:gebeurt:open")
    assert more.label == f"Meer tonen (nog {OPEN - PAGE_SIZE} verborgen)"
    assert "1.000 open · 0 gesloten" in [c.value for c in at.caption]  # counted the Dutch way

    more.click()
    at = _timed_run(at, "after Meer tonen")
    assert not at.exception, [e.value for e in at.exception]
    assert _titles(at, "Initiatief") == [f"Initiatief {i:04d}" for i in range(OPEN, OPEN - 2 * PAGE_SIZE, -1)]
    assert at.button(key=f"btn-more:{WIJK}:gebeurt:open").label == f"Meer tonen (nog {OPEN - 2 * PAGE_SIZE} verborgen)"


def test_closed_entries_stay_folded_and_are_capped_too(page):
    at = open_page("wijk", wijk=WIJK)
    closed = next(e for e in at.expander if e.label == f"Gesloten ({CLOSED})")
    titles = [t.strip("*") for t in (re.sub(r"^<span [^>]*></span>", "", str(m.value)) for m in closed.markdown)
              if t.startswith("**Gesloten ")]
    assert titles == [f"Gesloten {i:04d}" for i in range(CLOSED, CLOSED - PAGE_SIZE, -1)]
    closed.button(key=f"btn-more:{WIJK}:nodig:closed").click()
    at.run()
    assert len(_titles(at, "Gesloten")) == CLOSED
    assert f"btn-more:{WIJK}:nodig:closed" not in {b.key for b in at.button}


def test_a_frontline_worker_sees_the_same_page_with_her_buttons(page):
    """Signed in, every card has its buttons: the heaviest case; the time is printed, not judged."""
    at = open_page("wijk", wijk=WIJK)
    started = time.perf_counter()
    at = sign_in(at, "fatima")
    print(f"\nwijk page with {OPEN + CLOSED} entries, signed in as a frontline worker: "
          f"{time.perf_counter() - started:.2f} s")
    assert not at.exception, [e.value for e in at.exception]
    assert len(_titles(at, "Initiatief")) == PAGE_SIZE
    edit_open = [b for b in at.button if b.key and b.key.startswith(f"btn-edit:{WIJK}-paging-")
                 and "-paging-nodig-" not in b.key]
    assert len(edit_open) == PAGE_SIZE  # the buttons of the drawn cards only
    at.button(key=f"btn-more:{WIJK}:gebeurt:open").click()
    at = _timed_run(at, "after Meer tonen, signed in")
    assert len(_titles(at, "Initiatief")) == 2 * PAGE_SIZE


@pytest.mark.parametrize("who", [None, "fatima"])
def test_the_page_reads_the_cards_it_draws_not_the_whole_wijk(page, monkeypatch, who):
    """Issue 11: the page reads a page of cards per section and the wijk's outline (no texts), never every entry
    of the wijk whole, for the public and for a frontline worker with her forms; "Meer tonen" neither."""
    from ui import state

    state.forget_entries()  # nothing cached by an earlier test: every read is made here
    whole = []
    items = EntryStore.items
    monkeypatch.setattr(EntryStore, "items", lambda self, *a, **k: whole.append(a) or items(self, *a, **k))
    drawn = []
    by_id = EntryStore.items_by_id
    monkeypatch.setattr(EntryStore, "items_by_id", lambda self, ids: drawn.append(len(ids)) or by_id(self, ids))
    at = open_page("wijk", wijk=WIJK)
    if who:
        at = sign_in(at, who)
    assert not at.exception, [e.value for e in at.exception]
    at.button(key=f"btn-more:{WIJK}:gebeurt:open").click()
    at.run()
    assert len(_titles(at, "Initiatief")) == 2 * PAGE_SIZE
    assert whole == []
    # the cards drawn are read by id: at most the first pages of the six parts, the open initiatives' twice as long
    assert drawn and 2 * PAGE_SIZE <= max(drawn) <= 7 * PAGE_SIZE
