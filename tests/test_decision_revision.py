"""Revising a budget decision (app.decisions.revise and the Budget page's block, ui.decision_revision): a new
version with its trace, refused for who may not record, checked like a new decision with this decision's own
grant left out of what was granted, and never over a colleague's change unseen."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from app import decisions as app_decisions
from domain.editing import Invalid
from domain.permissions import PUBLIC, Actor, Refused
from nla_data import EMBEDDED_DIR, load_package
from nla_data.decisions import DecisionStore
from nla_data.settings import settings
from nla_data.store import Conflict, EntryStore, Missing, Saved
from tests.apptest import open_page, sign_in

WIJK = "korrewegwijk"  # after the cut: € 870.000
NEED = "korrewegwijk-nodig-wijkstemdag"
FATIMA = Actor("fatima", "Fatima de Vries", "frontlijnwerker", frozenset({WIJK}))
BEA = Actor("bea", "Bea van Beijum", "frontlijnwerker", frozenset({"beijum"}))
BEHEER = Actor("beheer", "Bea Beheerder", "beheerder")
CRITERIA = ("bewoners-actief", "draagvlak", "past-in-wijkperspectief", "geen-regulier-beleid")


def raw(**changes) -> dict:
    return {"item_id": NEED, "uitkomst": "toegekend", "bedrag": "3.500", "datum": dt.date(2014, 3, 12),
            "besloten_door": "Wijkteam Korrewegwijk", "motivering": "Bewoners organiseren de wijkstemdag zelf.",
            "criteria": {c: "ja" for c in CRITERIA}, "boven_budget": False, **changes}


@pytest.fixture
def stores(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path}/revise.sqlite"
    monkeypatch.setenv("NLA_DATABASE_URL", url)
    package = load_package(EMBEDDED_DIR).package
    entries = EntryStore.open(package, url)
    return package, entries, DecisionStore(entries.engine)


def record(stores, **changes) -> Saved:
    package, entries, decisions = stores
    saved = app_decisions.record(decisions, package.wijken, entries.items(), package.facts.criteria, WIJK,
                                 raw(**changes), FATIMA, None)
    assert isinstance(saved, Saved), saved
    return saved


def revise(stores, besluit_id, base, actor=FATIMA, request_id=None, **changes):
    package, entries, decisions = stores
    return app_decisions.revise(decisions, package.wijken, entries.items(), package.facts.criteria, besluit_id, base,
                                raw(**changes), actor, request_id)


# --- the write path -------------------------------------------------------------------------------------

def test_a_revision_is_a_new_version_with_what_changed(stores):
    decisions = stores[2]
    saved = record(stores)
    result = revise(stores, saved.item_id, 1, bedrag="2.000", motivering="Een deel komt uit het buurtfonds.")
    assert result == Saved(saved.item_id, 2)
    current = decisions.decision(saved.item_id)
    assert (current["bedrag"], current["motivering"], current["versie"]) == (2000, "Een deel komt uit het buurtfonds.", 2)
    second, first = decisions.history(saved.item_id)  # newest first
    assert (first.action, second.action) == ("vastgelegd", "herzien")
    assert second.changes == {"bedrag": [3500, 2000], "motivering": ["Bewoners organiseren de wijkstemdag zelf.",
                                                                     "Een deel komt uit het buurtfonds."]}
    assert second.by == "Fatima de Vries" and first.snapshot["bedrag"] == 3500  # the old version stays


def test_a_revision_from_an_old_version_is_a_conflict_and_writes_nothing(stores):
    decisions = stores[2]
    saved = record(stores)
    assert isinstance(revise(stores, saved.item_id, 1, actor=BEHEER, motivering="Eerst de beheerder, zo."), Saved)
    stale = revise(stores, saved.item_id, 1, motivering="Mijn versie, van versie 1 af.")
    assert isinstance(stale, Conflict)
    assert stale.current["motivering"] == "Eerst de beheerder, zo." and stale.changed_by == "Bea Beheerder"
    assert decisions.decision(saved.item_id)["versie"] == 2 and len(decisions.history(saved.item_id)) == 2


@pytest.mark.parametrize("actor", [PUBLIC, BEA, Actor("wim", "Wim Wethouder", "wethouder")])
def test_only_who_may_record_here_may_revise(stores, actor):
    decisions = stores[2]
    saved = record(stores)
    assert isinstance(revise(stores, saved.item_id, 1, actor=actor, bedrag="1"), Refused)
    assert decisions.decision(saved.item_id)["bedrag"] == 3500 and len(decisions.history(saved.item_id)) == 1


def test_its_own_grant_is_left_out_of_what_was_granted(stores):
    """870.000 after the cut; 800.000 granted in this decision: raising it to all 870.000 fits, one euro more
    does not, unless the override is ticked (and then it is logged)."""
    saved = record(stores, bedrag="800.000")
    assert isinstance(revise(stores, saved.item_id, 1, bedrag="870.000"), Saved)
    over = revise(stores, saved.item_id, 2, bedrag="870.001")
    assert isinstance(over, Invalid) and "€ 870.000" in over.errors["bedrag"].replace("\u00a0", " ")
    log = settings().audit_log
    before = log.read_text().count("besluit-boven-budget") if log.exists() else 0
    assert isinstance(revise(stores, saved.item_id, 2, bedrag="870.001", boven_budget=True), Saved)
    assert log.read_text().count("besluit-boven-budget") == before + 1


def test_a_grant_made_meanwhile_elsewhere_counts(stores):
    saved = record(stores, bedrag="400.000")
    record(stores, bedrag="400.000")
    over = revise(stores, saved.item_id, 1, bedrag="470.001")  # 870.000 - 400.000 by the other decision
    assert isinstance(over, Invalid) and "meer dan de wijk nog heeft" in over.errors["bedrag"]
    assert isinstance(revise(stores, saved.item_id, 1, bedrag="470.000"), Saved)


def test_bad_input_is_refused_at_its_field(stores):
    decisions = stores[2]
    saved = record(stores)
    result = revise(stores, saved.item_id, 1, bedrag="-5", motivering="kort")
    assert isinstance(result, Invalid) and set(result.errors) == {"bedrag", "motivering"}
    assert decisions.decision(saved.item_id)["versie"] == 1


def test_the_same_revision_sent_twice_is_saved_once_and_a_lost_decision_is_missing(stores):
    decisions = stores[2]
    saved = record(stores)
    first = revise(stores, saved.item_id, 1, request_id="req-1", bedrag="1.000")
    again = revise(stores, saved.item_id, 1, request_id="req-1", bedrag="1.000")
    assert first == Saved(saved.item_id, 2) and again.version == 2 and again.repeated
    assert len(decisions.history(saved.item_id)) == 2
    assert revise(stores, "korrewegwijk-bestaat-niet", 1) == Missing("korrewegwijk-bestaat-niet")


# --- the page -------------------------------------------------------------------------------------------

def _open_revision(stores, besluit_id: str, username: str = "fatima"):
    at = sign_in(open_page("budget", wijk=WIJK), username)
    at.selectbox(key=f"revise-pick:{WIJK}").set_value(besluit_id).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _save(at):
    next(b for b in at.button if b.label == "Herziening opslaan").click()
    return at.run()


def test_the_page_opens_the_decision_in_the_form_and_saves_a_new_version(stores):
    decisions = stores[2]
    saved = record(stores)
    at = _open_revision(stores, saved.item_id)
    form = f"revise-{saved.item_id}-1"
    assert at.text_input(key=f"{form}:bedrag").value == "3.500"
    assert at.radio(key=f"{form}:uitkomst").value == "toegekend"
    assert at.radio(key=f"{form}:criterium:draagvlak").value == "ja"
    at.text_area(key=f"{form}:motivering").input("Het buurtfonds betaalt de helft mee.")
    at = _save(at)
    assert not at.exception, [e.value for e in at.exception]
    assert [toast.value for toast in at.toast] == ["Besluit herzien (versie 2)"]
    assert decisions.decision(saved.item_id)["motivering"] == "Het buurtfonds betaalt de helft mee."
    at.selectbox(key=f"revise-pick:{WIJK}").set_value(saved.item_id).run()
    history = next(d.value for d in at.dataframe if "Gewijzigd" in d.value.columns)
    assert list(history["Versie"]) == [2, 1] and list(history["Wat"]) == ["herzien", "vastgelegd"]
    assert list(history["Gewijzigd"])[0] == "motivering"
    assert list(history["Vastgelegd door"]) == ["Fatima de Vries"] * 2


def test_a_colleagues_change_in_between_is_shown_and_the_typed_text_kept(stores):
    decisions = stores[2]
    saved = record(stores)
    at = _open_revision(stores, saved.item_id)
    form = f"revise-{saved.item_id}-1"
    at.text_area(key=f"{form}:motivering").input("Mijn motivering, nog niet opgeslagen.")
    assert isinstance(revise(stores, saved.item_id, 1, actor=BEHEER, motivering="De beheerder was eerder."), Saved)
    at = _save(at)
    assert not at.exception, [e.value for e in at.exception]
    [warning] = [w.value for w in at.warning if "Niet opgeslagen" in w.value]
    assert "Bea Beheerder" in warning
    theirs = next(d.value for d in at.dataframe if "Hun versie" in d.value.columns)
    assert "De beheerder was eerder." in list(theirs["Hun versie"])
    assert at.text_area(key=f"{form}:motivering").value == "Mijn motivering, nog niet opgeslagen."
    assert decisions.decision(saved.item_id)["motivering"] == "De beheerder was eerder."
    # Knowingly: keep mine, then save; it lands on top of theirs as version 3.
    next(b for b in at.button if b.label == "Mijn versie houden (daarna opslaan)").click()
    at = at.run()
    assert at.text_area(key=f"revise-{saved.item_id}-2:motivering").value == "Mijn motivering, nog niet opgeslagen."
    at = _save(at)
    assert [toast.value for toast in at.toast] == ["Besluit herzien (versie 3)"]
    assert decisions.decision(saved.item_id)["motivering"] == "Mijn motivering, nog niet opgeslagen."
    assert [v.by for v in decisions.history(saved.item_id)] == ["Fatima de Vries", "Bea Beheerder", "Fatima de Vries"]
    assert [v.version for v in decisions.history(saved.item_id)] == [3, 2, 1]


def test_taking_their_version_reopens_the_form_from_it(stores):
    saved = record(stores)
    at = _open_revision(stores, saved.item_id)
    at.text_area(key=f"revise-{saved.item_id}-1:motivering").input("Mijn motivering, nog niet opgeslagen.")
    revise(stores, saved.item_id, 1, actor=BEHEER, bedrag="2.500", motivering="De beheerder was eerder.")
    at = _save(at)
    next(b for b in at.button if b.label == "Hun versie overnemen").click()
    at = at.run()
    assert not at.exception, [e.value for e in at.exception]
    form = f"revise-{saved.item_id}-2"
    assert at.text_area(key=f"{form}:motivering").value == "De beheerder was eerder."
    assert at.text_input(key=f"{form}:bedrag").value == "2.500"
    assert not [w for w in at.warning if "Niet opgeslagen" in w.value]


@pytest.mark.parametrize("username", [None, "bea", "wim"])
def test_no_revision_block_for_who_may_not_record_here(stores, username):
    saved = record(stores)
    at = open_page("budget", wijk=WIJK)
    if username:
        at = sign_in(at, username)
    assert not at.exception
    assert not [s for s in at.selectbox if s.key == f"revise-pick:{WIJK}"]
    assert saved.item_id  # the decision is there, in the public list, not in a form
    assert json.dumps([e.label for e in at.expander]).count("Een besluit herzien") == 0
