"""Dates in the forms: every date reaches the check, which says what is wrong; nothing is saved from a date outside
the rules, and a stored date the rules accept is never dropped by a form (bug: a start date before 1990, allowed by
the CSV import, was shown empty by the edit form and erased by the next save)."""

from __future__ import annotations

import datetime as dt

import pytest

from nla_data import EMBEDDED_DIR, load_package
from nla_data.store import EntryStore
from tests.apptest import open_page, sign_in


@pytest.fixture
def database(tmp_path, monkeypatch) -> EntryStore:
    url = f"sqlite:///{tmp_path}/entries.sqlite"
    monkeypatch.setenv("NLA_DATABASE_URL", url)
    return EntryStore.open(load_package(EMBEDDED_DIR).package, url)


def _fatima(wijk: str = "tuinwijk"):
    return sign_in(open_page("wijk", wijk=wijk), "fatima")


def _submit(at):
    next(b for b in at.button if b.label == "Opslaan" and b.key.startswith("FormSubmitter")).click()
    return at.run()


def _errors(at) -> list[str]:
    assert not at.exception, [e.value for e in at.exception]
    return [e.value.replace("\\", "") for e in at.error]  # markdown escapes: "tekens\\."


@pytest.mark.parametrize("typed", [dt.date(2150, 1, 1), dt.date(1850, 6, 1)])
def test_a_start_date_outside_the_rules_is_refused_with_its_reason_and_kept_in_the_form(database, typed):
    at = _fatima()
    at.button(key="btn:new-tuinwijk-gebeurt").click().run()
    at.text_input(key="new-tuinwijk-gebeurt:titel").input("Buurtkamer in de Tuinwijk")
    at.date_input(key="new-tuinwijk-gebeurt:startdatum").set_value(typed)
    at = _submit(at)
    assert "Kies een datum tussen 1900 en 2100." in _errors(at)
    assert at.date_input(key="new-tuinwijk-gebeurt:startdatum").value == typed
    assert at.text_input(key="new-tuinwijk-gebeurt:titel").value == "Buurtkamer in de Tuinwijk"
    assert database.items("tuinwijk").empty
    assert not at.toast


def test_an_old_start_date_the_rules_accept_is_shown_and_kept_by_an_edit(database):
    saved = database.create("tuinwijk-oud", "tuinwijk", {"sectie": "gebeurt", "status": "loopt",
                                                         "titel": "Volkstuinen sinds 1905",
                                                         "startdatum": dt.date(1905, 1, 1)}, [], "Fatima de Vries")
    assert saved is not None
    at = _fatima()
    at.button(key="btn-edit:tuinwijk-oud").click().run()
    assert at.date_input(key="edit-tuinwijk-oud:startdatum").value == dt.date(1905, 1, 1)
    at.text_area(key="edit-tuinwijk-oud:beschrijving").input("Al meer dan een eeuw.")
    at = _submit(at)
    assert _errors(at) == []
    item = database.item("tuinwijk-oud")
    assert item["beschrijving"] == "Al meer dan een eeuw."
    assert str(item["startdatum"])[:10] == "1905-01-01"
    assert "startdatum" not in database.history("tuinwijk-oud")[0].changes


def test_consent_in_the_future_gets_its_own_message_not_fill_it_in(database):
    at = _fatima()
    at.button(key="btn:new-tuinwijk-netwerk").click().run()
    form = "new-tuinwijk-netwerk"
    at.text_input(key=f"{form}:titel").input("Fenna Voorbeeld")
    at.selectbox(key=f"{form}:soort").select("persoon")
    at.text_input(key=f"{form}:contact_naam").input("Fenna")
    at.text_input(key=f"{form}:toestemming_wijze").input("mondeling")
    later = dt.date.today() + dt.timedelta(days=30)
    at.date_input(key=f"{form}:toestemming_op").set_value(later)
    at = _submit(at)
    assert "De toestemming kan niet in de toekomst gegeven zijn." in _errors(at)
    assert at.date_input(key=f"{form}:toestemming_op").value == later
    assert database.items("tuinwijk").empty
