"""Kansen en bedreigingen per wijk (app.outlook over domain.outlook and nla_data.outlook): the kinds the
package declares, who may write, every bad input refused at its field with nothing written, a colleague's
change never overwritten, a double submit written once, the history of each line, and the report's share."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from app import outlook as app_outlook
from domain import outlook
from domain.editing import Invalid
from domain.permissions import PUBLIC, Actor, Refused
from domain.report import wijk_report
from nla_data.outlook import OutlookStore
from nla_data.store import Conflict, EntryStore, Missing, Saved

WIJK = "korrewegwijk"
TODAY = dt.date(2014, 6, 1)
FATIMA = Actor("fatima", "Fatima de Vries", "frontlijnwerker", frozenset({WIJK, "selwerd"}))
OTHERS = {
    "publiek": PUBLIC,
    "wethouder": Actor("wim", "Wim Wethouder", "wethouder"),
    "corporatie": Actor("cora", "Cora Corporatie", "corporatie", corporatie="Nijestee"),
    "frontlijn-andere-wijk": Actor("bea", "Bea van Beijum", "frontlijnwerker", frozenset({"beijum"})),
}
BEHEERDER = Actor("beheer", "Bea Beheerder", "beheerder")


@pytest.fixture
def store(database_url, package) -> OutlookStore:
    entries = EntryStore.open(package, database_url)
    return OutlookStore(entries.engine)


def _raw(**changes) -> dict:
    return {"soort": "kans", "tekst": "Leegstaande school als buurthuis", "datum": dt.date(2014, 3, 12), **changes}


def _record(store, package, raw=None, actor=FATIMA, request_id=None, wijk_id=WIJK):
    return app_outlook.record(store, package.facts.outlook, wijk_id, raw or _raw(), actor, request_id, TODAY)


# --- the package --------------------------------------------------------------------------------

def test_the_package_declares_kansen_and_bedreigingen_with_their_source(package):
    rules = package.facts.outlook
    assert rules.keys == ("kans", "bedreiging")
    assert rules.kind("kans").label("nl") == "Kansen" and rules.kind("bedreiging").label("en") == "Threats"
    assert "18-09-2013" in rules.source and rules.text_max == 200


def test_a_package_without_the_declaration_has_no_outlook_and_refuses_writes(broken_package, store):
    import json

    from nla_data import load_package

    folder = broken_package()
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["wijkperspectief"].pop("kansen")
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    pkg = load_package(folder).package
    assert pkg.facts.outlook.kinds == ()
    result = app_outlook.record(store, pkg.facts.outlook, WIJK, _raw(), FATIMA, None, TODAY)
    assert isinstance(result, Refused) and "wijkperspectief.kansen" in result.reason
    assert store.frame().empty


def test_a_kind_without_its_english_label_is_a_package_problem(broken_package):
    import json

    from nla_data import load_package

    folder = broken_package()
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["wijkperspectief"]["kansen"]["soorten"][0].pop("label_en")
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    loaded = load_package(folder)
    assert loaded.package is None
    assert any("kansen" in str(p) and "label_en" in str(p) for p in loaded.problems), [str(p) for p in loaded.problems]


# --- the store ----------------------------------------------------------------------------------

def test_a_line_is_stored_open_with_who_and_a_history(store, package):
    saved = _record(store, package)
    assert isinstance(saved, Saved) and saved.version == 1
    row = store.line(saved.item_id)
    assert row["wijk_id"] == WIJK and row["soort"] == "kans" and row["status"] == outlook.OPEN
    assert row["tekst"] == "Leegstaande school als buurthuis" and row["datum"] == dt.date(2014, 3, 12)
    assert row["vastgelegd_door"] == "Fatima de Vries" and row["versie"] == 1
    (version,) = store.history(saved.item_id)
    assert version.by == "Fatima de Vries" and version.action == "vastgelegd"
    assert version.snapshot == {"soort": "kans", "tekst": "Leegstaande school als buurthuis", "datum": "2014-03-12",
                                "status": "open"}


def test_a_revision_keeps_the_old_version_in_the_history(store, package):
    saved = _record(store, package)
    revised = app_outlook.revise(store, package.facts.outlook, saved.item_id, 1,
                                 _raw(tekst="Leegstaande school wordt buurthuis"), BEHEERDER, "edit-1", TODAY)
    assert isinstance(revised, Saved) and revised.version == 2
    assert store.line(saved.item_id)["tekst"] == "Leegstaande school wordt buurthuis"
    newest, first = store.history(saved.item_id)
    assert newest.by == "Bea Beheerder" and newest.action == "herzien"
    assert newest.changes == {"tekst": ["Leegstaande school als buurthuis", "Leegstaande school wordt buurthuis"]}
    assert first.snapshot["tekst"] == "Leegstaande school als buurthuis"


def test_a_stale_revision_is_a_conflict_and_writes_nothing(store, package):
    saved = _record(store, package)
    app_outlook.revise(store, package.facts.outlook, saved.item_id, 1, _raw(tekst="Eerst door een collega"),
                       BEHEERDER, "colleague", TODAY)
    stale = app_outlook.revise(store, package.facts.outlook, saved.item_id, 1, _raw(tekst="Mijn versie"), FATIMA,
                               "mine", TODAY)
    assert isinstance(stale, Conflict)
    assert stale.current["tekst"] == "Eerst door een collega" and stale.changed_by == "Bea Beheerder"
    assert stale.seen["tekst"] == "Leegstaande school als buurthuis"  # the version the editor started from
    assert store.line(saved.item_id)["tekst"] == "Eerst door een collega"
    assert len(store.history(saved.item_id)) == 2


def test_two_editors_at_once_from_the_same_version_only_one_wins(store, package):
    saved = _record(store, package)
    results = []

    def edit(text, request):
        results.append(store.revise(saved.item_id, 1, {"tekst": text}, "X", request))

    threads = [threading.Thread(target=edit, args=(f"Versie {i}", f"r{i}")) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(type(r).__name__ for r in results) == ["Conflict", "Saved"]
    assert store.line(saved.item_id)["versie"] == 2 and len(store.history(saved.item_id)) == 2


def test_the_same_form_submitted_twice_saves_once(store, package):
    first = _record(store, package, request_id="form-1")
    second = _record(store, package, request_id="form-1")
    assert second.repeated and second.item_id == first.item_id
    assert len(store.frame(WIJK)) == 1 and len(store.history(first.item_id)) == 1
    again = app_outlook.set_status(store, first.item_id, 1, outlook.LAPSED, FATIMA, "lapse-1")
    twice = app_outlook.set_status(store, first.item_id, 1, outlook.LAPSED, FATIMA, "lapse-1")
    assert isinstance(again, Saved) and twice.repeated and store.line(first.item_id)["versie"] == 2


def test_vervallen_heropend_and_removed_are_in_the_history_and_removed_leaves_the_list(store, package):
    saved = _record(store, package)
    rules = package.facts.outlook
    assert isinstance(app_outlook.set_status(store, saved.item_id, 1, outlook.LAPSED, FATIMA, None), Saved)
    (group, _) = outlook.by_kind(store.frame(), WIJK, rules)
    assert group.open.empty and list(group.lapsed["tekst"]) == ["Leegstaande school als buurthuis"]
    app_outlook.set_status(store, saved.item_id, 2, outlook.OPEN, FATIMA, None)
    app_outlook.set_status(store, saved.item_id, 3, outlook.REMOVED, FATIMA, None)
    (group, _) = outlook.by_kind(store.frame(), WIJK, rules)
    assert group.open.empty and group.lapsed.empty
    assert [v.action for v in store.history(saved.item_id)] == ["verwijderd", "heropend", "vervallen", "vastgelegd"]
    assert store.line(saved.item_id)["status"] == "verwijderd"  # the row stays


def test_a_missing_line_is_said_so(store, package):
    assert isinstance(app_outlook.set_status(store, "nope", 1, outlook.LAPSED, FATIMA, None), Missing)
    assert isinstance(app_outlook.revise(store, package.facts.outlook, "nope", 1, _raw(), FATIMA, None, TODAY),
                      Missing)


def test_the_revision_changes_with_every_save(store, package):
    before = store.revision()
    saved = _record(store, package)
    middle = store.revision()
    app_outlook.set_status(store, saved.item_id, 1, outlook.LAPSED, FATIMA, None)
    assert len({before, middle, store.revision()}) == 3


# --- who may write ------------------------------------------------------------------------------

@pytest.mark.parametrize("who", sorted(OTHERS))
def test_who_may_not_edit_the_wijk_is_refused_and_nothing_is_written(store, package, who):
    result = _record(store, package, actor=OTHERS[who])
    assert isinstance(result, Refused) and result.reason
    assert store.frame().empty
    saved = _record(store, package)
    for attempt in (app_outlook.revise(store, package.facts.outlook, saved.item_id, 1, _raw(tekst="Anders"),
                                       OTHERS[who], None, TODAY),
                    app_outlook.set_status(store, saved.item_id, 1, outlook.REMOVED, OTHERS[who], None)):
        assert isinstance(attempt, Refused)
    assert store.line(saved.item_id)["versie"] == 1


def test_the_beheerder_may_write_in_every_wijk(store, package):
    assert isinstance(_record(store, package, actor=BEHEERDER, wijk_id="beijum"), Saved)


# --- bad input ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("changes", "field", "says"), [
    ({"tekst": ""}, "tekst", "korte zin"),
    ({"tekst": "   \u200b "}, "tekst", "korte zin"),
    ({"tekst": None}, "tekst", "korte zin"),
    ({"tekst": "ab"}, "tekst", "minstens 3"),
    ({"tekst": "x" * 201}, "tekst", "hoogstens 200 tekens (nu 201)"),
    ({"soort": "wens"}, "soort", "kans of bedreiging"),
    ({"soort": None}, "soort", "kans of bedreiging"),
    ({"datum": dt.date(2014, 6, 2)}, "datum", "toekomst"),
    ({"datum": None}, "datum", "Vul de datum in"),
    ({"datum": "31-02-2014"}, "datum", "dd-mm-jjjj"),
    ({"datum": dt.date(1900, 1, 1)}, "datum", "vanaf 01-01-1990"),
    ({"datum": 12}, "datum", "dd-mm-jjjj"),
])
def test_bad_input_is_refused_at_its_field_and_nothing_is_written(store, package, changes, field, says):
    result = _record(store, package, _raw(**changes))
    assert isinstance(result, Invalid)
    assert says in result.errors[field], result.errors
    assert store.frame().empty


@pytest.mark.parametrize("typed", [None, ""])
def test_a_line_without_a_date_asks_for_the_day_it_was_established(package, typed):
    checked = outlook.check_line(_raw(datum=typed), package.facts.outlook, TODAY)
    assert checked.errors == {"datum": "Vul de datum in waarop het is vastgesteld."}


@pytest.mark.parametrize(("typed", "message"), [
    ("31-02-2014", "Vul een datum in als dd-mm-jjjj."),
    (12, "Vul een datum in als dd-mm-jjjj."),
    (dt.date(2014, 6, 2), "Deze datum ligt in de toekomst; kies 01-06-2014 of eerder."),
])
def test_a_bad_date_gets_its_message_word_for_word_naming_today(package, typed, message):
    """A date that cannot be read asks for dd-mm-jjjj; a date after today names today as the latest choice."""
    checked = outlook.check_line(_raw(datum=typed), package.facts.outlook, TODAY)
    assert checked.errors == {"datum": message}


def test_a_bad_revision_leaves_the_line_as_it_was(store, package):
    saved = _record(store, package)
    result = app_outlook.revise(store, package.facts.outlook, saved.item_id, 1, _raw(tekst=""), FATIMA, None, TODAY)
    assert isinstance(result, Invalid) and "tekst" in result.errors
    assert store.line(saved.item_id)["versie"] == 1 and len(store.history(saved.item_id)) == 1


def test_text_is_one_line_and_a_text_date_is_read(package):
    checked = outlook.check_line(_raw(tekst="  Een\n kans  ", datum="12-03-2014"), package.facts.outlook, TODAY)
    assert checked.ok and checked.values == {"soort": "kans", "tekst": "Een kans", "datum": dt.date(2014, 3, 12)}
    assert outlook.check_line(_raw(datum=TODAY), package.facts.outlook, TODAY).ok  # today is not the future


@pytest.mark.parametrize("typed", ["2014-03-12", " 2014-03-12 "])
def test_a_date_typed_year_first_is_read_too(package, typed):
    """A date from a spreadsheet or a date picker (`2014-03-12`) is taken as that day, not refused."""
    checked = outlook.check_line(_raw(datum=typed), package.facts.outlook, TODAY)
    assert checked.errors == {} and checked.values["datum"] == dt.date(2014, 3, 12)


# --- the report ---------------------------------------------------------------------------------

def test_the_report_has_the_open_lines_newest_first_short_and_without_names(store, package):
    texts = [("kans", "Oudste kans", dt.date(2013, 9, 18)), ("kans", "Nieuwe kans", dt.date(2014, 5, 1)),
             ("kans", "Middelste kans", dt.date(2014, 1, 1)), ("kans", "Vierde kans", dt.date(2013, 10, 1)),
             ("bedreiging", "Sluiting van de bibliotheek", dt.date(2014, 2, 3)),
             ("bedreiging", "Vervallen dreiging", dt.date(2014, 2, 4))]
    ids = [_record(store, package, _raw(soort=s, tekst=x, datum=d)).item_id for s, x, d in texts]
    app_outlook.set_status(store, ids[-1], 1, outlook.LAPSED, FATIMA, None)
    _record(store, package, _raw(tekst="Kans in een andere wijk"), actor=BEHEERDER, wijk_id="beijum")
    report = wijk_report(package, package.items.iloc[0:0], None, WIJK, outlook=store.frame())
    kansen, bedreigingen = report.outlook
    assert kansen.title == "Kansen" and kansen.lines == (
        "01-05-2014 · Nieuwe kans", "01-01-2014 · Middelste kans", "01-10-2013 · Vierde kans")
    assert kansen.hidden == 1
    assert bedreigingen.title == "Bedreigingen" and bedreigingen.lines == ("03-02-2014 · Sluiting van de bibliotheek",)
    assert "Fatima" not in repr(report.outlook)
    english = wijk_report(package, package.items.iloc[0:0], None, WIJK, outlook=store.frame(),
                          lang="en")
    assert [o.title for o in english.outlook] == ["Opportunities", "Threats"]


def test_a_long_line_is_cut_at_the_last_whole_word_on_the_printed_page(store, package):
    text = ("De bibliotheek aan de Korreweg sluit, en daarmee verdwijnt de enige plek in de buurt waar ouderen en "
            "kinderen elkaar zonder afspraak ontmoeten; bewoners zoeken een nieuwe plek.")
    _record(store, package, _raw(soort="bedreiging", tekst=text, datum=dt.date(2014, 2, 3)))
    _, bedreigingen = wijk_report(package, package.items.iloc[0:0], None, WIJK, outlook=store.frame()).outlook
    cut = ("03-02-2014 · De bibliotheek aan de Korreweg sluit, en daarmee verdwijnt de enige plek in de buurt waar "
           "ouderen en kinderen …")
    assert bedreigingen.lines == (cut,)


def test_a_report_without_lines_says_none_were_recorded(package):
    report = wijk_report(package, package.items.iloc[0:0], None, WIJK)
    assert [o.lines for o in report.outlook] == [(), ()]
    assert report.outlook_empty.startswith("Nog geen kansen of bedreigingen vastgelegd")


def test_erasing_a_person_erases_their_name_from_the_kansen_and_their_history(store, package, tmp_path):
    from nla_data.personal import ERASED, PersonQuery, erase_person

    entries = EntryStore.open(package, store.engine.url.render_as_string(hide_password=False))
    saved = _record(store, package)
    app_outlook.revise(store, package.facts.outlook, saved.item_id, 1, _raw(tekst="Door Bea herschreven"),
                       BEHEERDER, None, TODAY)
    other = _record(store, package, _raw(tekst="Alleen van Fatima"))
    erasure = erase_person(entries, PersonQuery(name="fatima de vries"), "beheer", tmp_path / "audit.log")
    assert erasure.history_rows_changed >= 2
    assert store.line(other.item_id)["vastgelegd_door"] == ERASED
    assert store.line(saved.item_id)["vastgelegd_door"] == "Bea Beheerder"  # someone else's save stays theirs
    assert [v.by for v in store.history(saved.item_id)] == ["Bea Beheerder", ERASED]
    assert "Fatima" not in (tmp_path / "audit.log").read_text(encoding="utf-8")


def test_a_long_line_is_cut_at_a_word_without_a_dangling_comma():
    assert outlook._short("Eén, twee, drie", 10) == "Eén …"
    assert outlook._short("Kort; genoeg", 12) == "Kort; genoeg"  # as long as the limit: whole
    assert outlook._short("Kort: genoeg!", 12) == "Kort …"
