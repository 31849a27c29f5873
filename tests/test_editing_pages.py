"""Frontline workers edit through the forms on the wijk page (AppTest): add, edit, link, confirm,
close, reopen, restore; a colleague's save is never overwritten; a rerun never saves twice."""

from __future__ import annotations

import dataclasses

import pytest

from domain.texts import t
from nla_data import EMBEDDED_DIR, load_package
from nla_data.store import EntryStore
from tests.apptest import open_page, sign_in, texts
from tests.editing_by_name import conflict_columns, markdowns
from ui.editing import _title_hint


@pytest.fixture
def database(tmp_path, monkeypatch) -> EntryStore:
    """A fresh database per test, filled from the embedded package like on first start."""
    url = f"sqlite:///{tmp_path}/entries.sqlite"
    monkeypatch.setenv("NLA_DATABASE_URL", url)
    return EntryStore.open(load_package(EMBEDDED_DIR).package, url)


def _as(name: str, wijk: str = "korrewegwijk"):
    """Signed in as the test account with this first name (tests/users.py)."""
    at = open_page("wijk", wijk=wijk)
    return sign_in(at, name.split()[0].lower())


def _submit(at, label: str = "Opslaan"):
    next(b for b in at.button if b.label == label and b.key.startswith("FormSubmitter")).click()
    return at.run()


def _no_exception(at):
    assert not at.exception, [e.value for e in at.exception]


def test_add_an_entry_shows_it_and_records_who(database):
    at = _as("Fatima de Vries", "tuinwijk")
    at.button(key="btn:new-tuinwijk-gebeurt").click().run()
    title = at.text_input(key="new-tuinwijk-gebeurt:titel")
    assert title.placeholder == "Kort en herkenbaar, 3 tot 120 tekens"  # the package's limits
    title.input("Buurtkamer in de Tuinwijk")
    at.text_area(key="new-tuinwijk-gebeurt:beschrijving").input("Bewoners openen een buurtkamer.")
    at.selectbox(key="new-tuinwijk-gebeurt:aanpak").select("faciliteren")
    _submit(at)
    _no_exception(at)
    assert [toast.value for toast in at.toast] == ["Opgeslagen"]
    assert "Buurtkamer in de Tuinwijk" in texts(at)
    items = database.items("tuinwijk")
    assert list(items["titel"]) == ["Buurtkamer in de Tuinwijk"]
    assert items.iloc[0]["auteur"] == "Fatima de Vries" and items.iloc[0]["aanpak"] == "faciliteren"
    assert database.history(items.iloc[0]["item_id"])[0].by == "Fatima de Vries"


def test_the_title_hint_follows_the_packages_limits_in_each_language():
    rules = load_package(EMBEDDED_DIR).package.facts.entry_rules
    free = dataclasses.replace(rules, min_length=(), max_length=(("titel", 1500),))
    assert _title_hint(free, "nl") == "Kort en herkenbaar, 1 tot 1.500 tekens"
    assert _title_hint(free, "en") == "Short and recognisable, 1 to 1,500 characters"
    endless = dataclasses.replace(rules, min_length=(("titel", 1),), max_length=())
    assert _title_hint(endless, "nl") == "Kort en herkenbaar, minstens 1 teken"
    assert _title_hint(dataclasses.replace(endless, min_length=(("titel", 5),)), "en") == (
        "Short and recognisable, at least 5 characters")


def test_a_rerun_after_saving_does_not_save_again(database):
    at = _as("Fatima", "tuinwijk")
    at.button(key="btn:new-tuinwijk-nodig").click().run()
    at.text_input(key="new-tuinwijk-nodig:titel").input("Ruimte voor de buurtkamer")
    at.text_input(key="new-tuinwijk-nodig:bedrag").input("1.500")
    _submit(at)
    at.run()
    at.run()
    items = database.items("tuinwijk")
    assert len(items) == 1 and items.iloc[0]["bedrag"] == 1500


def test_invalid_input_stays_in_the_form_with_a_message_and_nothing_is_stored(database):
    at = _as("Fatima", "tuinwijk")
    at.button(key="btn:new-tuinwijk-nodig").click().run()
    at.text_input(key="new-tuinwijk-nodig:titel").input("ab")
    at.text_area(key="new-tuinwijk-nodig:beschrijving").input("Mijn lange uitleg die niet verloren mag gaan.")
    at.text_input(key="new-tuinwijk-nodig:bedrag").input("12,50")
    _submit(at)
    _no_exception(at)
    errors = [e.value for e in at.error]
    assert any("minstens 3 tekens" in e for e in errors)
    assert any("hele euro" in e for e in errors)
    assert at.text_area(key="new-tuinwijk-nodig:beschrijving").value == "Mijn lange uitleg die niet verloren mag gaan."
    assert at.text_input(key="new-tuinwijk-nodig:bedrag").value == "12,50"
    assert database.items("tuinwijk").empty
    # the amount's message under the amount and the kind of help, at the form's width, not in half a column
    beside = [column for column in at.columns  # the amount's half: it holds the amount, not the form's title
              if {"new-tuinwijk-nodig:bedrag"} & {i.key for i in column.text_input}
              and "new-tuinwijk-nodig:titel" not in {i.key for i in column.text_input}]
    assert len(beside) == 1
    assert not beside[0].error and any("hele euro" in e.value for e in at.error)


@pytest.mark.parametrize("who", [None, "wim", "cora", "bea"])
def test_who_may_not_edit_this_wijk_gets_no_edit_buttons_and_is_told_why(database, who):
    at = open_page("wijk", wijk="korrewegwijk")
    if who:
        at = sign_in(at, who)
    _no_exception(at)
    keys = {b.key for b in at.button}
    assert not any(k and k.startswith(("btn:new-", "btn-edit:", "btn-confirm:", "btn-close:", "btn-reopen:"))
                   for k in keys), keys
    assert not any(str(u.key).startswith("entry_csv:file:") for u in at.get("file_uploader"))
    # the public is asked to sign in; who is signed in already is told who edits here
    assert t("auth.edit_hint_signed_in" if who else "auth.edit_hint") in texts(at)
    assert t("auth.edit_hint" if who else "auth.edit_hint_signed_in") not in texts(at)
    # who may read the editors' names may open the history; the public may not
    assert any(k and k.startswith("btn-history:") for k in keys) == (who is not None)


def test_a_frontline_worker_gets_the_buttons_of_their_own_wijk(database):
    at = _as("Bea", "beijum")
    _no_exception(at)
    assert "btn:new-beijum-gebeurt" in {b.key for b in at.button}
    assert t("auth.edit_hint") not in texts(at) and t("auth.edit_hint_signed_in") not in texts(at)


def test_markup_is_shown_as_text_never_executed(database):
    at = _as("Fatima", "tuinwijk")
    at.button(key="btn:new-tuinwijk-gebeurt").click().run()
    at.text_input(key="new-tuinwijk-gebeurt:titel").input("<script>alert(1)</script> **vet**")
    _submit(at)
    _no_exception(at)
    shown = [m.value for m in at.markdown if "script" in m.value]
    assert shown and all("<script>" not in m for m in shown)  # escaped: \<script\>
    assert database.items("tuinwijk").iloc[0]["titel"] == "<script>alert(1)</script> **vet**"


def test_edit_an_entry_and_link_a_need_to_an_initiative(database):
    need = "korrewegwijk-nodig-moestuin-grond"
    assert database.item(need) is not None
    at = _as("Anna")
    at.button(key=f"btn-edit:{need}").click().run()
    at.text_input(key=f"edit-{need}:titel").input("Grond voor de moestuin (toestemming gevraagd)")
    at.multiselect(key=f"edit-{need}:links").select("korrewegwijk-wijkstemdag")
    _submit(at)
    _no_exception(at)
    item = database.item(need)
    assert item["titel"] == "Grond voor de moestuin (toestemming gevraagd)"
    assert "korrewegwijk-wijkstemdag" in item["koppelingen"]
    assert item["versie"] == 2 and item["bijgewerkt_door"] == "Anna"
    changes = database.history(need)[0].changes
    assert set(changes) >= {"titel", "koppelingen"}


@pytest.mark.parametrize("entry", ["korrewegwijk-wijkstemdag", "korrewegwijk-nodig-moestuin-grond",
                                   "korrewegwijk-contact-wijkstemdag"])
def test_saving_an_edit_form_without_a_change_writes_nothing_and_says_so(database, entry):
    """Found by hand: "Opslaan" on an unchanged form wrote a version without changes and a new "last updated",
    a sign of life that was none (what "Bevestigen" is for)."""
    before = database.item(entry)
    at = _as("Anna")
    at.button(key=f"btn-edit:{entry}").click().run()
    _submit(at)
    _no_exception(at)
    assert [toast.value for toast in at.toast] == ["Niets gewijzigd: er is niets opgeslagen"]
    assert database.item(entry) == before
    assert [v.version for v in database.history(entry)] == [1]
    assert not [f for f in at.text_input if str(f.key).startswith(f"edit-{entry}:")]  # the form is closed
    at.button(key=f"btn-edit:{entry}").click().run()  # and a real change still saves
    at.text_area(key=f"edit-{entry}:beschrijving").input("Een nieuwe uitleg.")
    _submit(at)
    _no_exception(at)
    assert database.item(entry)["versie"] == 2 and database.item(entry)["beschrijving"] == "Een nieuwe uitleg."


def test_confirm_close_reopen_and_restore(database):
    entry = "korrewegwijk-wijkstemdag"
    at = _as("Anna")
    at.button(key=f"btn-confirm:{entry}").click().run()
    _no_exception(at)
    assert database.item(entry)["bevestigd_door"] == "Anna"
    assert "Bevestigd: nog actueel" in [toast.value for toast in at.toast]

    at.radio(key=f"reason:{entry}").set_value("afgerond")
    at.button(key=f"btn-close:{entry}").click().run()
    _no_exception(at)
    assert database.item(entry)["status"] == "afgerond"

    at.button(key=f"btn-reopen:{entry}").click().run()
    _no_exception(at)
    assert database.item(entry)["status"] == "loopt"

    at.button(key=f"btn-history:{entry}").click().run()
    at.button(key=f"restore:{entry}:1").click().run()
    _no_exception(at)
    item = database.item(entry)
    assert item["versie"] == 5 and item["status"] == "loopt" and item["bevestigd_door"] != "Anna"
    assert [v.action for v in database.history(entry)][:2] == ["hersteld", "heropend"]


def test_two_editors_the_second_save_is_refused_and_keeps_their_text(database):
    entry = "korrewegwijk-wijkstemdag"
    first, second = _as("Anna"), _as("Bob")
    for at in (first, second):
        at.button(key=f"btn-edit:{entry}").click().run()
    first.text_area(key=f"edit-{entry}:beschrijving").input("Annas versie van de tekst.")
    _submit(first)
    second.text_area(key=f"edit-{entry}:beschrijving").input("Bobs versie, die niet verloren mag gaan.")
    _submit(second)
    _no_exception(second)
    assert database.item(entry)["beschrijving"] == "Annas versie van de tekst."
    warning = " ".join(w.value for w in second.warning)
    assert "Iemand anders heeft dit item om" in warning and "Anna" in warning
    changed_at = database.item(entry)["bijgewerkt_op"]
    assert f"om {changed_at:%H:%M} ({changed_at:%d-%m-%Y})" in warning  # the time of Anna's save, and the day
    # side by side: Anna's saved version on the left, what Bob typed on the right
    left, right = conflict_columns(second, t("edit.your_version"))
    assert t("edit.their_version") in markdowns(left).split("\n")[0]
    assert "Annas versie van de tekst" in markdowns(left) and "Bobs versie" in markdowns(right)
    assert "Bobs versie" not in markdowns(left) and "Annas versie" not in markdowns(right)
    assert second.text_area(key=f"edit-{entry}:beschrijving").value == "Bobs versie, die niet verloren mag gaan."
    # Having seen both, Bob saves again: now his (merged) text is stored as a new version.
    _submit(second)
    _no_exception(second)
    assert database.item(entry)["beschrijving"] == "Bobs versie, die niet verloren mag gaan."
    assert [v.by for v in database.history(entry)][:2] == ["Bob", "Anna"]


def test_the_same_editor_in_two_windows_is_told_it_was_her_other_window_not_someone_else(database):
    entry = "korrewegwijk-wijkstemdag"
    first, second = _as("Anna"), _as("Anna")  # two sessions: two windows or tabs of the same person
    for at in (first, second):
        at.button(key=f"btn-edit:{entry}").click().run()
    first.text_area(key=f"edit-{entry}:beschrijving").input("Tekst uit het eerste venster.")
    _submit(first)
    second.text_area(key=f"edit-{entry}:beschrijving").input("Tekst uit het tweede venster.")
    _submit(second)
    _no_exception(second)
    warning = " ".join(w.value for w in second.warning)
    assert warning.startswith("Je hebt dit item om") and "zelf gewijzigd, in een ander venster" in warning
    assert "Iemand anders" not in warning and "Anna" not in warning
    left, right = conflict_columns(second, t("edit.your_version"), t("edit.their_version.self"))
    assert t("edit.their_version.self") in markdowns(left).split("\n")[0]
    assert "Tekst uit het eerste venster" in markdowns(left) and "Tekst uit het tweede venster" in markdowns(right)
    # a confirm on the stale window: "not confirmed: your other window or tab changed this entry"
    confirmer = _as("Anna")
    first.button(key=f"btn-edit:{entry}").click().run()
    first.text_area(key=f"edit-{entry}:beschrijving").input("Nog een keer uit het eerste venster.")
    _submit(first)
    confirmer.button(key=f"btn-confirm:{entry}").click().run()
    _no_exception(confirmer)
    said = " ".join(w.value for w in confirmer.warning)
    assert said.startswith("Niet bevestigd: je andere venster of tabblad heeft dit item om"), said


def test_stale_entries_are_marked_and_listed(database):
    at = _as("Anna")
    assert "mogelijk verouderd" in texts(at)
    listing = open_page("bijwerken")
    _no_exception(listing)
    assert "Korrewegwijk" in [s.value for s in listing.subheader]


def test_recent_changes_show_a_save(database):
    at = _as("Anna")
    at.button(key="btn-confirm:korrewegwijk-wijkstemdag").click().run()
    recent = sign_in(open_page("recent"), "wim")
    _no_exception(recent)
    table = recent.table[0].value  # a static table: nothing cut off
    assert table.iloc[0]["Door"] == "Anna" and table.iloc[0]["Wat"].startswith("bevestigd")
    public = open_page("recent")
    _no_exception(public)
    table = public.table[0].value
    assert "Door" not in table.columns and table.iloc[0]["Wat"].startswith("bevestigd")
