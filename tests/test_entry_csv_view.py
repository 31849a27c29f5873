"""The CSV export/import box under Streamlit's AppTest. AppTest cannot upload a file, so the tests
put the file's bytes where the uploader would (`entry_csv_view.data_key(wijk)`)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from domain.permissions import PUBLIC, Actor
from nla_data import EMBEDDED_DIR, load_package
from nla_data.store import EntryStore
from tests.apptest import open_page, sign_in, texts
from ui.auth import ACTOR_KEY
from ui.components import literal
from ui.entry_csv_view import data_key

WIJK = "korrewegwijk"
INITIATIVE = "korrewegwijk-wijkstemdag"
CONFIRM = f"entry_csv:confirm:{WIJK}"
FILE = ("item_id;sectie;titel;status\r\n"
        f"{INITIATIVE};gebeurt;Wijkstemdag 2014;loopt\r\n"
        ";nodig;Koffie voor de bewonersavond;idee\r\n"
        ";nodig;ab;idee\r\n").encode("utf-8-sig")


def _box():
    """The box alone, as the wijk page will call it (after the frame's start of a run)."""
    from ui import entry_csv_view, state

    state.begin_run()
    entry_csv_view.render(state.package(), "korrewegwijk", state.lang())


@pytest.fixture
def store(tmp_path, monkeypatch) -> EntryStore:
    """A database of this test's own; the app under test opens the same one through the env."""
    url = f"sqlite:///{tmp_path}/ui.sqlite"
    monkeypatch.setenv("NLA_DATABASE_URL", url)
    return EntryStore.open(load_package(EMBEDDED_DIR).package, url)


FRONTLINE = Actor("bob", "Bob", "frontlijnwerker", frozenset({WIJK}))


def _app(**session) -> AppTest:
    """The box for a frontline worker of the wijk (the frame, not run here, would have signed them in)."""
    at = AppTest.from_function(_box, default_timeout=60)
    session.setdefault(ACTOR_KEY, FRONTLINE)
    for key, value in session.items():
        at.session_state[key] = value
    return at.run()


def _no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def test_the_box_offers_both_downloads_and_an_upload(store):
    at = _app()
    _no_exception(at)
    assert at.expander[0].label == "CSV exporteren / importeren"
    assert [b.label for b in at.get("download_button")] == ["CSV voor Excel (;)", "CSV (komma)"]
    assert not at.dataframe and not at.button


def test_the_download_is_the_wijk_as_the_viewer_may_see_it_read_on_the_click(store, monkeypatch):
    """The file is made when the button is clicked (Streamlit calls `csv_data` then, outside the script): the
    wijk's entries the viewer may see, with names for a signed-in user only; drawing the box reads none."""
    from ui.entry_csv_view import csv_data

    package = load_package(EMBEDDED_DIR).package
    store.seed_if_empty(package)
    reads = []
    original = EntryStore.items
    monkeypatch.setattr(EntryStore, "items", lambda self, *a, **k: reads.append(a) or original(self, *a, **k))
    _no_exception(_app())
    assert reads == []  # drawn: nothing read whole
    public = csv_data(store, package, PUBLIC, WIJK, excel=False).decode("utf-8-sig")
    signed_in = csv_data(store, package, FRONTLINE, WIJK, excel=True).decode("utf-8-sig")
    assert reads  # clicked: the wijk read
    assert INITIATIVE in public and INITIATIVE in signed_in
    assert "selwerd-" not in public  # the wijk's entries, not another's
    assert public.splitlines()[0].count(",") > 3 and signed_in.splitlines()[0].count(";") > 3
    editor = "Voorbeeld (bron 2013)"  # who last changed the package's examples: a name for the signed-in only
    assert editor in signed_in and editor not in public


@pytest.mark.parametrize("actor", [PUBLIC, Actor("wim", "Wim", "wethouder"),
                                   Actor("bea", "Bea", "frontlijnwerker", frozenset({"beijum"}))])
def test_who_may_not_edit_the_wijk_can_download_but_not_upload_or_import(store, actor):
    at = _app(**{ACTOR_KEY: actor, data_key(WIJK): FILE})
    _no_exception(at)
    assert len(at.get("download_button")) == 2
    assert not at.get("file_uploader") and not at.button and not at.dataframe
    assert store.item(INITIATIVE)["versie"] == 1


def test_a_file_is_previewed_and_only_the_confirm_button_saves(store):
    before = store.items()
    at = _app(**{data_key(WIJK): FILE})
    _no_exception(at)
    said = texts(at)
    assert "**1** toevoegen · **1** wijzigen · **0** ongewijzigd · **1** geweigerd" in said
    assert "UTF-8 met BOM" in said and "puntkomma" in said
    added, changed, refused = (d.value for d in at.dataframe)
    assert list(added["Titel"]) == ["Koffie voor de bewonersavond"]
    assert list(changed.iloc[0]) == [2, "Wijkstemdag 2014", "titel",
                                     "Wijkstemdag: bewoners stemmen over het wijkbudget", "Wijkstemdag 2014"]
    assert list(refused.iloc[0])[:3] == [4, "ab", "titel"] and "minstens 3 tekens" in refused["Reden"][0]
    assert store.items().equals(before)  # a preview writes nothing

    button = at.button(key=CONFIRM)
    assert button.label == "Importeer 2 rijen" and not button.disabled
    at = button.click().run()
    _no_exception(at)
    assert "Opgeslagen: 2 rijen." in texts(at)
    outcomes = at.dataframe[0].value
    assert list(outcomes["Rij"]) == [2, 3] and outcomes["Resultaat"][0] == "Opgeslagen (versie 2)."
    assert store.item(INITIATIVE)["titel"] == "Wijkstemdag 2014"
    assert len(store.items()) == len(before) + 1
    assert "ab" not in set(store.items()["titel"])
    assert data_key(WIJK) not in at.session_state and not at.button  # the preview is gone after the import


def test_a_second_click_saves_nothing_twice(store):
    at = _app(**{data_key(WIJK): FILE})
    at.button(key=CONFIRM).click().run()
    items, history = store.items(), len(store.history_frame())
    at.session_state[data_key(WIJK)] = FILE  # the same file again: a fresh preview...
    at.run()
    _no_exception(at)
    assert "**0** toevoegen · **0** wijzigen · **1** ongewijzigd · **2** geweigerd" in texts(at)  # ...knows it
    assert not at.button
    assert store.items().equals(items) and len(store.history_frame()) == history


@pytest.mark.parametrize("data, reason", [(b"", "Het bestand is leeg"),
                                          (b"naam;**vet**\r\nx;y\r\n", literal("'naam' en '**vet**'"))])
def test_a_file_that_cannot_be_read_says_why_and_offers_nothing(store, data, reason):
    at = _app(**{data_key(WIJK): data})
    _no_exception(at)
    [error] = at.error
    assert "Dit bestand kan niet worden ingelezen; er is niets opgeslagen." in error.value
    assert reason in error.value  # user text is escaped, never rendered as markup
    assert not at.button


def test_a_file_that_changes_nothing_offers_nothing(store):
    at = _app(**{data_key(WIJK): f"item_id;status\r\n{INITIATIVE};loopt\r\n".encode()})
    assert "het bestand verandert niets" in texts(at)
    assert not at.button


def test_the_box_is_on_the_wijk_page_and_imports(store):
    """The wijk page draws the box: unwired, this fails (it never skips)."""
    at = sign_in(open_page("wijk", wijk=WIJK), "bob")
    _no_exception(at)
    assert "CSV exporteren / importeren" in [e.label for e in at.expander]
    at.session_state[data_key(WIJK)] = FILE
    at.run()
    at.button(key=CONFIRM).click().run()
    _no_exception(at)
    assert "Koffie voor de bewonersavond" in texts(at)
    assert store.item(INITIATIVE)["titel"] == "Wijkstemdag 2014"


def test_in_english_the_reasons_and_the_outcomes_are_english(store):
    """The CSV's own messages and the checks' are messages in the page's language (domain.messages)."""
    at = _app(**{data_key(WIJK): FILE, "lang": "en"})
    _no_exception(at)
    refused = at.dataframe[2].value
    assert refused.iloc[0, 3] == "Enter a title of at least 3 characters."
    at = at.button(key=CONFIRM).click().run()
    _no_exception(at)
    assert list(at.dataframe[0].value.iloc[:, 2]) == ["Saved (version 2).",
                                                      "Added as korrewegwijk-koffie-voor-de-bewonersavond."]
    broken = _app(**{data_key(WIJK): b"naam;titel\r\nx;y\r\n", "lang": "en"})
    [error] = broken.error
    said = error.value.replace("\\", "")
    assert "The header (row 1) lacks the column 'sectie' (for new entries) or item_id (for changes)" in said


@pytest.mark.parametrize(("lang", "said"), [("nl", "1.234 rijen"), ("en", "1,234 rows")])
def test_a_large_import_counts_its_rows_the_dutch_way(lang, said):
    """'1234 rijen opgeslagen' read as Python writes numbers; the page writes them as the rest of the app."""
    from ui.entry_csv_view import _rows

    assert _rows(1234, lang) == said
    assert _rows(1, lang) == ("1 rij" if lang == "nl" else "1 row")
