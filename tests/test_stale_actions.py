"""Actions on a page that is no longer current: confirm, close, reopen and restore carry the version the
user saw, and a colleague's change since then refuses them with the conflict view, as for a save.

Per action: the store (stale base: a conflict, nothing written; fresh base: one version and one history
row; the same request twice: one write), the permission check of the service, and the wijk page
(AppTest): drawn, changed behind its back through the store, clicked — the conflict view, nothing done.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa

from app import editing as service
from domain import freshness
from domain.editing import ACTION_CONFLICT_FIELDS, FORM_CONFLICT_FIELDS, differences
from domain.permissions import PUBLIC, Actor, Refused
from domain.texts import t
from nla_data import EMBEDDED_DIR, load_package
from nla_data.personal import PersonQuery, erase_person
from nla_data.store import Conflict, EntryStore, Missing, Saved
from tests import editing_by_name as editing
from tests.apptest import open_page, sign_in, texts
from tests.editing_by_name import conflict_columns
from tests.editing_by_name import markdowns as _markdowns

ENTRY = "korrewegwijk-wijkstemdag"  # open, version 1, confirmed 20-11-2013 in the package
PERSON = "korrewegwijk-contact-wijkstemdag"  # a person entry (Fenna Voorbeeld): erasing her removes it
ANNA, BOB = "Anna", "Bob"  # two frontline workers of Korrewegwijk (tests/users.py)
ACTIONS = ("bevestigd", "gesloten", "heropend", "hersteld")


# --- fixtures and helpers ---------------------------------------------------------------------------

@pytest.fixture
def store(package, tmp_path):
    opened = EntryStore.open(package, f"sqlite:///{tmp_path / 'stale.sqlite'}")
    yield opened
    opened.engine.dispose()


@pytest.fixture
def database(tmp_path, monkeypatch) -> EntryStore:
    """The app's own database for a page test: fresh per test, filled from the embedded package."""
    url = f"sqlite:///{tmp_path}/entries.sqlite"
    monkeypatch.setenv("NLA_DATABASE_URL", url)
    opened = EntryStore.open(load_package(EMBEDDED_DIR).package, url)
    yield opened
    opened.engine.dispose()


def prepare(store: EntryStore, action: str) -> int:
    """Bring ENTRY where `action` applies (closed to reopen, edited to restore); the version the user sees."""
    base = store.item(ENTRY)["versie"]
    if action == "heropend":
        return store.update(ENTRY, base, {"status": "afgerond"}, None, BOB, "prep", action="gesloten").version
    if action == "hersteld":
        return store.update(ENTRY, base, {"beschrijving": "Een eerste wijziging."}, None, BOB, "prep").version
    return base


def act(store: EntryStore, package, action: str, base: int, request_id: str, who: str = ANNA):
    """The action through the service, as the wijk page calls it (as a beheerder: tests/editing_by_name)."""
    if action == "bevestigd":
        return editing.confirm(store, ENTRY, base, who, request_id)
    if action == "gesloten":
        return editing.close(store, ENTRY, base, "afgerond", who, request_id)
    if action == "heropend":
        return editing.reopen(store, ENTRY, base, who, request_id)
    context = editing.wijk_context(store.items(), package.buurten, "korrewegwijk")
    return editing.restore(store, context, ENTRY, base, 1, who, request_id)


def change_behind_their_back(store: EntryStore, base: int) -> Saved:
    """Bob saves a new text while Anna's page still shows version `base`."""
    saved = store.update(ENTRY, base, {"beschrijving": "Bobs nieuwe tekst, nog niet gezien."}, None, BOB, "bob")
    assert saved == Saved(ENTRY, base + 1)
    return saved


def written(store: EntryStore) -> tuple:
    return store.item(ENTRY), store.history_frame().to_dict("records")


# --- the store, per action --------------------------------------------------------------------------

@pytest.mark.parametrize("action", ACTIONS)
def test_a_stale_action_is_a_conflict_and_writes_nothing(store, package, action):
    base = prepare(store, action)
    seen = store.item(ENTRY)
    change_behind_their_back(store, base)
    before = written(store)
    result = act(store, package, action, base, f"anna-{action}")
    assert isinstance(result, Conflict), result  # not Missing: the entry is there, only newer
    assert (result.changed_by, result.current["versie"]) == (BOB, base + 1)
    assert result.current["beschrijving"] == "Bobs nieuwe tekst, nog niet gezien."
    assert result.seen["versie"] == base and result.seen["beschrijving"] == seen["beschrijving"]
    assert result.seen["bevestigd_op"] == seen["bevestigd_op"]  # typed back, as the item holds it
    assert written(store) == before  # neither the entry nor a history row
    assert store.saved_request(f"anna-{action}") is None


@pytest.mark.parametrize("action", ACTIONS)
def test_a_fresh_action_is_one_new_version_with_its_history_row(store, package, action):
    base = prepare(store, action)
    rows = len(store.history_frame())
    result = act(store, package, action, base, f"anna-{action}")
    assert result == Saved(ENTRY, base + 1)
    latest = store.history(ENTRY)[0]
    assert (latest.version, latest.action, latest.by) == (base + 1, action, ANNA)
    assert len(store.history_frame()) == rows + 1
    item = store.item(ENTRY)
    assert (item["versie"], item["bijgewerkt_door"]) == (base + 1, ANNA)
    expected = {"bevestigd": ("loopt", ANNA), "gesloten": ("afgerond", None), "heropend": ("loopt", None),
                "hersteld": ("loopt", None)}[action]
    assert item["status"] == expected[0]
    if expected[1]:
        assert item["bevestigd_door"] == ANNA


@pytest.mark.parametrize("action", ACTIONS)
def test_the_same_action_request_twice_writes_once(store, package, action):
    base = prepare(store, action)
    rows = len(store.history_frame())
    first = act(store, package, action, base, f"twice-{action}")
    again = act(store, package, action, base, f"twice-{action}")  # a double click, a rerun
    assert first == Saved(ENTRY, base + 1)
    assert again == Saved(ENTRY, base + 1, repeated=True)
    assert len(store.history_frame()) == rows + 1 and store.item(ENTRY)["versie"] == base + 1


@pytest.mark.parametrize("action", ACTIONS)
def test_an_erased_entry_is_missing_not_a_conflict(store, package, action):
    base = prepare(store, action)
    with store.engine.begin() as db:  # as an erasure does: the entry and its whole history go
        db.execute(store.history_t.delete().where(store.history_t.c.item_id == ENTRY))
        db.execute(store.links_t.delete().where((store.links_t.c.van_item == ENTRY)
                                                | (store.links_t.c.naar_item == ENTRY)))
        db.execute(store.items_t.delete().where(store.items_t.c.item_id == ENTRY))
    assert act(store, package, action, base, f"gone-{action}") == Missing(ENTRY)


def test_a_store_conflict_without_the_base_in_the_history_still_says_whose_version_it_is(store):
    change_behind_their_back(store, 1)
    result = store.update(ENTRY, 7, {"status": "afgerond"}, None, ANNA, "never-seen", action="gesloten")
    assert isinstance(result, Conflict) and result.seen is None and result.changed_by == BOB


# --- the service: permission first ------------------------------------------------------------------

OUTSIDER = Actor("bea", "Bea van Beijum", "frontlijnwerker", frozenset({"beijum"}))


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("actor", [OUTSIDER, PUBLIC, Actor("wim", "Wim Wethouder", "wethouder")],
                         ids=["other-wijk", "public", "wethouder"])
@pytest.mark.parametrize("stale", [False, True], ids=["fresh", "stale"])
def test_who_may_not_edit_is_refused_before_any_conflict(store, package, action, actor, stale):
    """A refusal, never a conflict: a conflict would show the outsider the entry's current text."""
    base = prepare(store, action)
    if stale:
        change_behind_their_back(store, base)
    before = written(store)
    context = editing.wijk_context(store.items(), package.buurten, "korrewegwijk")
    result = {"bevestigd": lambda: service.confirm(store, ENTRY, base, actor, "x"),
              "gesloten": lambda: service.close(store, ENTRY, base, "afgerond", actor, "x", rules=editing.RULES),
              "heropend": lambda: service.reopen(store, ENTRY, base, actor, "x", rules=editing.RULES),
              "hersteld": lambda: service.restore(store, context, ENTRY, base, 1, actor, "x")}[action]()
    assert isinstance(result, Refused) and result.reason, result
    assert written(store) == before


# --- pure decisions ---------------------------------------------------------------------------------

def test_differences_lists_what_differs_theirs_then_yours_in_field_order():
    theirs = {"titel": "A", "beschrijving": "Bobs tekst", "status": "loopt", "bedrag": 1500, "koppelingen": ["b", "a"],
              "bevestigd_door": "Bob"}
    yours = {"titel": "A", "beschrijving": "De oude tekst", "status": "loopt", "bedrag": "1500",
             "koppelingen": ["a", "b"], "bevestigd_door": None}
    rows = differences(theirs, yours, ACTION_CONFLICT_FIELDS)
    assert [(r.field, r.theirs, r.yours) for r in rows] == [("beschrijving", "Bobs tekst", "De oude tekst"),
                                                            ("bevestigd_door", "Bob", None)]
    empty_or_zero = differences({"titel": None, "bedrag": 0}, {"titel": "", "bedrag": None}, FORM_CONFLICT_FIELDS)
    assert [r.field for r in empty_or_zero] == ["bedrag"]  # empty is empty, but 0 is an amount


def _frame(updated: str, confirmed: str | None, status: str = "loopt") -> pd.DataFrame:
    return pd.DataFrame({"item_id": ["x"], "wijk_id": ["w"], "status": [status],
                         "bijgewerkt_op": [pd.Timestamp(updated)],
                         "bevestigd_op": [pd.Timestamp(confirmed) if confirmed else pd.NaT]})


def test_last_seen_is_the_confirmation_when_it_is_later_than_the_last_edit():
    confirmed_later = _frame("2013-10-02 14:30", "2013-11-20 11:00")
    assert freshness.last_seen(confirmed_later).iloc[0] == pd.Timestamp("2013-11-20 11:00")
    edited_later = _frame("2013-12-01 09:00", "2013-11-20 11:00")
    assert freshness.last_seen(edited_later).iloc[0] == pd.Timestamp("2013-12-01 09:00")
    never = _frame("2013-10-02 14:30", None)
    assert freshness.last_seen(never).iloc[0] == pd.Timestamp("2013-10-02 14:30")


def test_a_confirmation_keeps_an_old_edit_from_being_stale(package):
    """Edited 02-10-2013, confirmed 20-11-2013: on 01-05-2014 (six months: since 01-11-2013) it is current."""
    items = package.items[package.items["item_id"] == ENTRY]
    moment = dt.datetime(2014, 5, 1)
    opened = package.facts.entry_rules.open_statuses
    assert not freshness.stale_mask(items, moment, 6, open_statuses=opened).any()
    assert freshness.stale_mask(items, dt.datetime(2014, 6, 1), 6, open_statuses=opened).all()  # half a year on: stale
    listed = freshness.stale_entries(items, dt.datetime(2014, 6, 1), 6, open_statuses=opened)
    assert listed["laatst_gezien"].tolist() == [pd.Timestamp("2013-11-20 11:00")]


# --- the wijk page ----------------------------------------------------------------------------------

THEIRS = t("edit.their_version")


def _anna():
    return sign_in(open_page("wijk", wijk="korrewegwijk"), "anna")


def _no_exception(at):
    assert not at.exception, [e.value for e in at.exception]




def _click(at, action: str):
    if action == "bevestigd":
        return at.button(key=f"btn-confirm:{ENTRY}").click().run()
    if action == "gesloten":
        at.radio(key=f"reason:{ENTRY}").set_value("afgerond")
        return at.button(key=f"btn-close:{ENTRY}").click().run()
    if action == "heropend":
        return at.button(key=f"btn-reopen:{ENTRY}").click().run()
    return at.button(key=f"restore:{ENTRY}:1").click().run()


def _page_showing(database: EntryStore, action: str):
    """Anna's wijk page, drawn with ENTRY ready for `action`; the version she sees."""
    base = prepare(database, action)
    at = _anna()
    if action == "hersteld":
        at = at.button(key=f"btn-history:{ENTRY}").click().run()
    _no_exception(at)
    return at, base


@pytest.mark.parametrize("action", ACTIONS)
def test_an_action_on_a_page_a_colleague_overtook_shows_the_conflict_view_and_does_nothing(database, action):
    at, base = _page_showing(database, action)
    seen = database.item(ENTRY)
    change_behind_their_back(database, base)
    theirs = database.item(ENTRY)
    at = _click(at, action)
    _no_exception(at)
    # nothing done: Bob's version is the last one, Anna's action is not in the history
    assert database.item(ENTRY) == theirs
    assert database.history(ENTRY)[0].by == BOB
    assert ANNA not in {v.by for v in database.history(ENTRY)}
    said = texts(at)
    assert t("edit.missing") not in said  # the entry is there: this is a conflict, not a vanished entry
    warning = " ".join(w.value for w in at.warning)
    assert t(f"edit.action_conflict.{action}").split(":")[0] in warning and BOB in warning
    changed_at = theirs["bijgewerkt_op"]
    assert f"om {changed_at:%H:%M} ({changed_at:%d-%m-%Y})" in warning  # the time, and the day
    # both versions side by side: theirs (saved now) on the left, what Anna saw on the right
    left, right = conflict_columns(at, t("edit.seen_version", version=base))
    assert THEIRS in _markdowns(left).split("\n")[0]
    assert "Bobs nieuwe tekst" in _markdowns(left) and "Bobs nieuwe tekst" not in _markdowns(right)
    assert seen["beschrijving"][:40] in _markdowns(right) and seen["beschrijving"][:40] not in _markdowns(left)
    # and a toast, seen wherever the click was (the view is at the top of the entries)
    toasts = [toast.value for toast in at.toast]
    assert toasts == [t("edit.conflict_toast", not_done=t(f"edit.not_done.{action}"), who=BOB)]
    assert t(f"edit.{_done(action)}", version=1) not in toasts


def _done(action: str) -> str:
    return {"bevestigd": "confirmed", "gesloten": "closed", "heropend": "reopened", "hersteld": "restored"}[action]


def test_after_reloading_the_same_click_confirms_the_version_now_shown(database):
    at, base = _page_showing(database, "bevestigd")
    change_behind_their_back(database, base)
    at = _click(at, "bevestigd")
    assert at.button(key=f"btn-reload:{ENTRY}")
    at = at.button(key=f"btn-reload:{ENTRY}").click().run()
    _no_exception(at)
    assert not [b for b in at.button if b.key == f"btn-reload:{ENTRY}"]  # the view is gone
    assert "Bobs nieuwe tekst" in texts(at)  # the entry as it is now
    at = _click(at, "bevestigd")
    _no_exception(at)
    item = database.item(ENTRY)
    assert (item["versie"], item["bevestigd_door"], item["beschrijving"]) == (
        base + 2, ANNA, "Bobs nieuwe tekst, nog niet gezien.")
    assert [toast.value for toast in at.toast] == [t("edit.confirmed")]
    assert not [w for w in at.warning if t("edit.action_conflict.bevestigd").split(":")[0] in w.value]


def test_an_entry_erased_meanwhile_says_it_no_longer_exists(database, tmp_path):
    at = _anna()
    _no_exception(at)
    assert at.button(key=f"btn-confirm:{PERSON}")
    erasure = erase_person(database, PersonQuery(name="Fenna Voorbeeld"), "Bea Beheerder", tmp_path / "audit.log")
    assert erasure.entries_removed == 1 and database.item(PERSON) is None
    at = at.button(key=f"btn-confirm:{PERSON}").click().run()
    _no_exception(at)
    assert t("edit.missing") in [w.value for w in at.warning]
    assert [toast.value for toast in at.toast] == [t("edit.missing")]
    assert not [c for c in at.columns if THEIRS in _markdowns(c)]
    with database.engine.connect() as db:
        assert db.execute(sa.select(sa.func.count()).select_from(database.history_t)
                          .where(database.history_t.c.item_id == PERSON)).scalar() == 0


def test_the_conflict_view_is_only_for_who_clicked(database):
    at, base = _page_showing(database, "bevestigd")
    change_behind_their_back(database, base)
    at = _click(at, "bevestigd")
    assert at.button(key=f"btn-reload:{ENTRY}")
    at = at.button(key="auth:sign-out").click().run()
    _no_exception(at)
    assert "Bobs nieuwe tekst, nog niet gezien" not in " ".join(w.value for w in at.warning)
    assert not [b for b in at.button if b.key == f"btn-reload:{ENTRY}"]
