"""Kansen en bedreigingen on the wijk page (AppTest): anyone reads them, read-only; the frontline worker of
the wijk adds, edits, marks vervallen and removes; bad input stays in the form with its message; a
colleague's save is shown side by side, never overwritten."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.texts import t
from nla_data import EMBEDDED_DIR, load_package
from nla_data.outlook import OutlookStore
from nla_data.store import EntryStore
from tests.apptest import open_page, sign_in, texts
from tests.editing_by_name import conflict_columns, markdowns

WIJK = "korrewegwijk"


@pytest.fixture
def outlook_store(tmp_path, monkeypatch) -> OutlookStore:
    url = f"sqlite:///{tmp_path}/entries.sqlite"
    monkeypatch.setenv("NLA_DATABASE_URL", url)
    return OutlookStore(EntryStore.open(load_package(EMBEDDED_DIR).package, url).engine)


def _seed(store: OutlookStore, kind: str, text: str, day: dt.date) -> str:
    return store.record(WIJK, {"soort": kind, "tekst": text, "datum": day, "status": "open"}, "Anna").item_id


def _no_exception(at):
    assert not at.exception, [e.value for e in at.exception]


def _submit(at, label: str = "Opslaan"):
    next(b for b in at.button if b.label == label and b.key.startswith("FormSubmitter")).click()
    return at.run()


def _outlook_buttons(at) -> set[str]:
    return {b.key for b in at.button if b.key and "outlook" in b.key}


def test_the_public_reads_both_columns_newest_first_without_buttons(outlook_store):
    _seed(outlook_store, "kans", "Oude school als buurthuis", dt.date(2013, 9, 18))
    _seed(outlook_store, "kans", "Nieuwe bewonersgroep", dt.date(2014, 2, 1))
    _seed(outlook_store, "bedreiging", "Bibliotheek gaat dicht", dt.date(2014, 1, 10))
    at = open_page("wijk", wijk=WIJK)
    _no_exception(at)
    said = texts(at)
    assert "Kansen en bedreigingen" in said and "**Kansen**" in said and "**Bedreigingen**" in said
    kansen = [m for m in said.split("\n") if "Nieuwe bewonersgroep" in m or "Oude school" in m]
    assert kansen == ["**01-02-2014** · Nieuwe bewonersgroep", "**18-09-2013** · Oude school als buurthuis"]
    assert "**10-01-2014** · Bibliotheek gaat dicht" in said
    assert _outlook_buttons(at) == set()  # not even a history: names are not public
    assert "Anna" not in said  # who recorded the lines


def test_an_empty_outlook_says_so_to_the_public(outlook_store):
    at = open_page("wijk", wijk=WIJK)
    _no_exception(at)
    assert t("out.empty") in texts(at)


@pytest.mark.parametrize("who", ["wim", "cora", "bea"])
def test_who_may_not_edit_the_wijk_gets_no_outlook_edit_buttons(outlook_store, who):
    _seed(outlook_store, "kans", "Oude school als buurthuis", dt.date(2013, 9, 18))
    at = sign_in(open_page("wijk", wijk=WIJK), who)
    _no_exception(at)
    keys = _outlook_buttons(at)
    assert not any(k.startswith(("btn:outlook-new", "btn-outlook-edit", "btn-outlook-lapse", "btn-outlook-remove"))
                   for k in keys), keys


def test_the_frontline_worker_adds_a_kans_and_it_is_stored_with_her_name(outlook_store):
    at = sign_in(open_page("wijk", wijk=WIJK), "fatima")
    at.button(key=f"btn:outlook-new-{WIJK}-kans").click().run()
    at.text_input(key=f"outlook-new-{WIJK}-kans:tekst").input("Braakliggend terrein voor een moestuin")
    at.date_input(key=f"outlook-new-{WIJK}-kans:datum").set_value(dt.date(2014, 3, 1))
    _submit(at)
    _no_exception(at)
    assert [toast.value for toast in at.toast] == ["Opgeslagen"]
    assert "**01-03-2014** · Braakliggend terrein voor een moestuin" in texts(at)
    (row,) = outlook_store.frame(WIJK).itertuples()
    assert row.soort == "kans" and row.vastgelegd_door == "Fatima de Vries" and row.datum == dt.date(2014, 3, 1)
    at.run()  # a rerun after saving saves nothing again
    assert len(outlook_store.frame(WIJK)) == 1


def test_an_empty_text_is_refused_at_the_field_and_the_date_stays(outlook_store):
    at = sign_in(open_page("wijk", wijk=WIJK), "fatima")
    at.button(key=f"btn:outlook-new-{WIJK}-bedreiging").click().run()
    at.date_input(key=f"outlook-new-{WIJK}-bedreiging:datum").set_value(dt.date(2014, 3, 1))
    _submit(at)
    _no_exception(at)
    assert any("korte zin" in e.value for e in at.error)
    assert at.date_input(key=f"outlook-new-{WIJK}-bedreiging:datum").value == dt.date(2014, 3, 1)
    assert outlook_store.frame().empty


@pytest.mark.parametrize(("typed", "said"), [(dt.date(1980, 1, 1), "Kies een datum vanaf 01-01-1990."),
                                              (dt.date(2150, 1, 1), "Deze datum ligt in de toekomst")])
def test_a_date_outside_the_rules_is_refused_with_its_reason_never_replaced_by_today(outlook_store, typed, said):
    """The date field takes any date and the check says what is wrong: the field's own bounds refused a typed
    1980 silently and the kans was saved with today's date."""
    at = sign_in(open_page("wijk", wijk=WIJK), "fatima")
    at.button(key=f"btn:outlook-new-{WIJK}-kans").click().run()
    at.text_input(key=f"outlook-new-{WIJK}-kans:tekst").input("Braakliggend terrein voor een moestuin")
    at.date_input(key=f"outlook-new-{WIJK}-kans:datum").set_value(typed)
    _submit(at)
    _no_exception(at)
    assert any(e.value.replace("\\", "").startswith(said) for e in at.error), [e.value for e in at.error]
    assert at.date_input(key=f"outlook-new-{WIJK}-kans:datum").value == typed
    assert at.text_input(key=f"outlook-new-{WIJK}-kans:tekst").value == "Braakliggend terrein voor een moestuin"
    assert outlook_store.frame().empty


def test_the_frontline_worker_edits_marks_vervallen_and_removes(outlook_store):
    kans = _seed(outlook_store, "kans", "Oude school als buurthuis", dt.date(2013, 9, 18))
    at = sign_in(open_page("wijk", wijk=WIJK), "fatima")
    at.button(key=f"btn-outlook-edit:{kans}").click().run()
    assert at.text_input(key=f"outlook-edit-{kans}:tekst").value == "Oude school als buurthuis"
    at.text_input(key=f"outlook-edit-{kans}:tekst").input("Oude school wordt buurthuis")
    _submit(at)
    _no_exception(at)
    assert outlook_store.line(kans)["tekst"] == "Oude school wordt buurthuis"
    at.button(key=f"btn-outlook-lapse:{kans}").click().run()
    _no_exception(at)
    assert outlook_store.line(kans)["status"] == "vervallen"
    assert t("out.lapsed_fold", n=1) in [e.label for e in at.expander]
    at.button(key=f"btn-outlook-remove:{kans}").click().run()
    _no_exception(at)
    assert outlook_store.line(kans)["status"] == "verwijderd"
    assert "Oude school" not in texts(at)
    assert [v.action for v in outlook_store.history(kans)] == ["verwijderd", "vervallen", "herzien", "vastgelegd"]


def test_the_history_shows_who_changed_what(outlook_store):
    kans = _seed(outlook_store, "kans", "Oude school als buurthuis", dt.date(2013, 9, 18))
    outlook_store.revise(kans, 1, {"tekst": "Oude school wordt buurthuis"}, "Bob")
    at = sign_in(open_page("wijk", wijk=WIJK), "wim")  # reading the history needs no right to edit
    at.button(key=f"btn-outlook-history:{kans}").click().run()
    _no_exception(at)
    said = texts(at)
    assert "**Versie 2** · bewerkt" in said and "Bob" in said and "**Versie 1** · vastgelegd" in said
    tables = [table.value for table in at.table]
    assert any("Oude school wordt buurthuis" in table.to_string() for table in tables)
    # each version's table says on a phone that it scrolls sideways, where its longest words do not fit
    boxes = {h.proto.body.split("{")[0].removeprefix("<style>") for h in at.get("html") if ".st-key-out-hist-" in h.proto.body}
    assert boxes == {".st-key-out-hist-1", ".st-key-out-hist-2"}, boxes


def test_a_colleagues_save_in_between_is_shown_side_by_side_and_not_overwritten(outlook_store):
    kans = _seed(outlook_store, "kans", "Oude school als buurthuis", dt.date(2013, 9, 18))
    first, second = (sign_in(open_page("wijk", wijk=WIJK), who) for who in ("anna", "bob"))
    for at in (first, second):
        at.button(key=f"btn-outlook-edit:{kans}").click().run()
    first.text_input(key=f"outlook-edit-{kans}:tekst").input("Annas kans")
    _submit(first)
    second.text_input(key=f"outlook-edit-{kans}:tekst").input("Bobs kans, niet verloren")
    _submit(second)
    _no_exception(second)
    assert outlook_store.line(kans)["tekst"] == "Annas kans"
    warning = " ".join(w.value for w in second.warning)
    assert "Iemand anders heeft deze regel om" in warning and "Anna" in warning
    left, right = conflict_columns(second, t("edit.your_version"))
    assert "Annas kans" in markdowns(left) and "Bobs kans" in markdowns(right)
    assert second.text_input(key=f"outlook-edit-{kans}:tekst").value == "Bobs kans, niet verloren"
    _submit(second)  # having seen both, Bob saves again
    _no_exception(second)
    assert outlook_store.line(kans)["tekst"] == "Bobs kans, niet verloren"
    assert [v.by for v in outlook_store.history(kans)][:2] == ["Bob", "Anna"]


def test_a_stale_vervallen_click_is_refused_and_shows_both_versions(outlook_store):
    kans = _seed(outlook_store, "kans", "Oude school als buurthuis", dt.date(2013, 9, 18))
    at = sign_in(open_page("wijk", wijk=WIJK), "bob")
    outlook_store.revise(kans, 1, {"tekst": "Anna schreef dit intussen"}, "Anna")
    at.button(key=f"btn-outlook-lapse:{kans}").click().run()  # the button drawn on version 1
    _no_exception(at)
    assert outlook_store.line(kans)["status"] == "open" and outlook_store.line(kans)["versie"] == 2
    assert "Je actie is niet uitgevoerd" in " ".join(w.value for w in at.warning)
    left, right = conflict_columns(at, t("out.seen_version", version=1))
    assert "Anna schreef dit intussen" in markdowns(left) and "Oude school als buurthuis" in markdowns(right)


def test_a_saved_kans_makes_the_report_anew(outlook_store, monkeypatch):
    """The report is kept per state of the data: a new kans is a new state, so the page offers to make it again."""
    import report
    from ui import downloads

    made = []

    def no_maps(pkg, ids, lang="nl"):
        made.append(tuple(ids))
        return [None] * len(ids)

    monkeypatch.setattr(report, "map_images", no_maps)
    downloads._report_pdf.clear()  # noqa: SLF001 - made once per key for every page: start from nothing
    at = open_page("wijk", wijk=WIJK)
    at.button(key=f"btn-report:{WIJK}").click().run()
    assert made == [(WIJK,)]
    at.run()
    assert made == [(WIJK,)]  # the same state: kept
    _seed(outlook_store, "kans", "Oude school als buurthuis", dt.date(2013, 9, 18))
    at.run()
    _no_exception(at)
    at.button(key=f"btn-report:{WIJK}").click().run()
    assert made == [(WIJK,), (WIJK,)]


def test_the_command_line_report_has_the_wijks_kansen(outlook_store, tmp_path, capsys):
    import pypdfium2 as pdfium

    from nla_data.__main__ import main

    _seed(outlook_store, "bedreiging", "Bibliotheek gaat dicht", dt.date(2014, 1, 10))
    out = tmp_path / "korrewegwijk.pdf"
    assert main(["report", WIJK, str(out)]) == 0
    document = pdfium.PdfDocument(out.read_bytes())
    try:
        text = " ".join(document[0].get_textpage().get_text_range().split())
    finally:
        document.close()
    assert "10-01-2014 · Bibliotheek gaat dicht" in text and "Anna" not in text


def test_in_english_the_block_uses_the_packages_english_labels_and_dates_stay_dutch_style(outlook_store):
    _seed(outlook_store, "bedreiging", "Bibliotheek gaat dicht", dt.date(2014, 1, 10))
    at = open_page("wijk", wijk=WIJK, lang="en")
    _no_exception(at)
    said = texts(at)
    assert "Opportunities and threats" in said and "**Opportunities**" in said and "**Threats**" in said
    assert "No opportunities recorded yet." in said
    assert "**10-01-2014** · Bibliotheek gaat dicht" in said  # as typed, with its date
    assert "Kansen en bedreigingen" not in said
