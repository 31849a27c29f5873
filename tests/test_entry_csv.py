"""CSV export and import of a wijk's entries: reading any file, the preview plan, and applying it
(each row on its own, never twice, nothing from a refused row)."""

from __future__ import annotations

import codecs
import datetime as dt
import csv
import io
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import entry_import
from domain.permissions import PUBLIC, Actor, Refused
from tests import editing_by_name as editing
from tests.editing_by_name import RULES, apply_import
from domain.entry_csv import (EXPORT_COLUMNS, GEWEIGERD, MAX_BYTES, MAX_ROWS, ONGEWIJZIGD, TOEVOEGEN, WIJZIGEN,
                              CsvError, ImportPlan, ParsedCsv, export_csv, plan_import,
                              read_csv_bytes)
from nla_data.store import Conflict, EntryStore, Saved

FORMULAS = ['=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)", "\tx", "\rx"]
TOO_BIG = "Het bedrag is te groot; het maximum is € 1.000.000."
OUT_OF_RANGE = "Kies een datum tussen 1900 en 2100."
WIJK = "korrewegwijk"
INITIATIVE = "korrewegwijk-wijkstemdag"
NEED = "korrewegwijk-nodig-wijkstemdag"  # a need with an amount and a link to INITIATIVE
OTHER_WIJK_ITEM = "selwerd-wijkplan"
OTHER_WIJK_BUURT = "BU00141000"  # Selwerd
AUTHOR = "Test Frontlijn"


@pytest.fixture
def store(package, tmp_path) -> EntryStore:
    return EntryStore.open(package, f"sqlite:///{tmp_path}/t.sqlite")


# --- helpers ----------------------------------------------------------------------------------------

def _rows(data: bytes) -> list[dict]:
    """An exported file as dicts, to edit like a person would in a spreadsheet."""
    text = data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";" if text.count(";") else ","))


def _csv(rows: list[dict], columns: list[str] | None = None, delimiter: str = ",", encoding: str = "utf-8",
         bom: bool = False) -> bytes:
    columns = columns or EXPORT_COLUMNS
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, delimiter=delimiter, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return (codecs.BOM_UTF8 if bom else b"") + out.getvalue().encode(encoding)


def _export_rows(store: EntryStore) -> list[dict]:
    return _rows(export_csv(store.items(), store.links(), WIJK, excel=True))


def _parsed(data: bytes) -> ParsedCsv:
    parsed = read_csv_bytes(data)
    assert isinstance(parsed, ParsedCsv), parsed
    return parsed


def _plan(data: bytes, store: EntryStore, package) -> ImportPlan:
    return plan_import(_parsed(data), WIJK, store.items(), store.links(), package.buurten, RULES)


def _context(store: EntryStore, package):
    return editing.wijk_context(store.items(), package.buurten, WIJK)


def _new(**values) -> dict:
    return {"sectie": "nodig", "titel": "Geld voor een buurtfeest", "status": "idee"} | values


def _by_id(rows: list[dict], item_id: str) -> dict:
    return next(r for r in rows if r["item_id"] == item_id)


# --- export -------------------------------------------------------------------------------------------

def test_excel_export_is_semicolons_with_bom_and_dutch_dates(store):
    data = export_csv(store.items(), store.links(), WIJK, excel=True)
    assert data.startswith(codecs.BOM_UTF8)
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == ";".join(EXPORT_COLUMNS)
    moestuin = _by_id(_rows(data), "korrewegwijk-moestuin-indische-buurt")
    assert moestuin["startdatum"] == "01-04-2013"
    assert moestuin["bijgewerkt_op"] == "25-09-2013 16:00"
    assert _by_id(_rows(data), NEED)["koppelingen"] == INITIATIVE
    assert {r["item_id"].split("-")[0] for r in _rows(data)} == {"korrewegwijk"}


def test_the_export_is_by_section_then_title_whatever_its_case(store):
    items = store.items()
    own = items[items["wijk_id"] == WIJK].copy()
    own["titel"] = [("B" if n % 2 else "a") + f" {n:02d}" for n in range(len(own))]  # "a" before "B", not after
    rows = _rows(export_csv(own, store.links(), WIJK, excel=True))
    for section in ("gebeurt", "netwerk", "nodig"):
        titles = [r["titel"] for r in rows if r["sectie"] == section]
        assert titles == sorted(titles, key=str.casefold), section
    assert [r["sectie"] for r in rows] == sorted((r["sectie"] for r in rows), key=["gebeurt", "netwerk", "nodig"].index)


def test_plain_export_is_comma_separated_utf8_without_bom(store):
    data = export_csv(store.items(), store.links(), WIJK, excel=False)
    assert not data.startswith(codecs.BOM_UTF8)
    assert data.decode("utf-8").splitlines()[0] == ",".join(EXPORT_COLUMNS)


def test_text_that_excel_would_run_as_a_formula_is_neutralised_and_comes_back(store, package):
    result = editing.edit_entry(store, _context(store, package), INITIATIVE, 1,
                                {**store.item(INITIATIVE), "titel": "=HYPERLINK(\"x\") wijkstemdag"}, AUTHOR, None)
    assert isinstance(result, Saved)
    data = export_csv(store.items(), store.links(), WIJK, excel=True)
    assert "'=HYPERLINK" in data.decode("utf-8-sig")
    plan = _plan(data, store, package)
    assert {r.kind for r in plan.rows} == {ONGEWIJZIGD}


@pytest.mark.parametrize("excel", [True, False])
def test_every_formula_start_is_neutralised_in_every_text_column_and_comes_back(store, excel):
    """`=`, `+`, `-`, `@`, tab and carriage return (OWASP): even values the forms would not store
    (an older version, another tool writing the database) never reach a spreadsheet as a formula."""
    items = store.items()
    ours = items.index[items["wijk_id"] == WIJK][:len(FORMULAS)]
    columns = ["titel", "beschrijving", "thema", "straat", "rol", "bijgewerkt_door"]
    for row, cell in zip(ours, FORMULAS):
        items.loc[row, columns] = cell
    data = export_csv(items, store.links(), WIJK, excel=excel)
    text = data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";" if excel else ","))
    written = {row["item_id"]: row for row in rows}
    for row, cell in zip(ours, FORMULAS):
        exported = written[items.loc[row, "item_id"]]
        assert [exported[c] for c in columns] == ["'" + cell] * len(columns), cell
    parsed = _parsed(data)
    read = {row.values["item_id"]: row.values for row in parsed.rows}
    for row, cell in zip(ours, FORMULAS):
        assert [read[items.loc[row, "item_id"]][c] for c in columns] == [cell] * len(columns), cell


def test_an_apostrophe_the_user_typed_before_a_formula_start_survives(store, package):
    result = editing.edit_entry(store, _context(store, package), INITIATIVE, 1,
                                {**store.item(INITIATIVE), "titel": "'=1 plus één"}, AUTHOR, None)
    assert isinstance(result, Saved)
    data = export_csv(store.items(), store.links(), WIJK, excel=True)
    assert "''=1 plus één" in data.decode("utf-8-sig")
    assert {r.kind for r in _plan(data, store, package).rows} == {ONGEWIJZIGD}


# --- round trip, changes, additions ---------------------------------------------------------------------

@pytest.mark.parametrize("excel", [True, False])
def test_round_trip_changes_nothing(store, package, excel):
    for wijk_id in sorted(set(store.items()["wijk_id"])):
        data = export_csv(store.items(), store.links(), wijk_id, excel=excel)
        plan = plan_import(_parsed(data), wijk_id, store.items(), store.links(), package.buurten, RULES)
        assert plan.rows and {r.kind for r in plan.rows} == {ONGEWIJZIGD}, (wijk_id, plan.rows)
        assert plan.to_apply == []


def test_changed_title_is_a_change_with_the_old_and_new_value(store, package):
    rows = _export_rows(store)
    _by_id(rows, INITIATIVE)["titel"] = "Wijkstemdag 2014"
    plan = _plan(_csv(rows, delimiter=";", bom=True), store, package)
    [change] = plan.of(WIJZIGEN)
    assert change.item_id == INITIATIVE
    assert change.changes == {"titel": ("Wijkstemdag: bewoners stemmen over het wijkbudget", "Wijkstemdag 2014")}
    assert change.number == 2 + [r["item_id"] for r in rows].index(INITIATIVE)
    assert len(plan.of(ONGEWIJZIGD)) == len(rows) - 1


def test_changed_amount_date_and_links_show_as_changes(store, package):
    rows = _export_rows(store)
    need = _by_id(rows, NEED)
    need.update(bedrag="€ 4.000", startdatum="1-2-2014", koppelingen=f"{INITIATIVE};korrewegwijk-zeepkistavond")
    [change] = _plan(_csv(rows), store, package).of(WIJZIGEN)
    assert change.changes == {"bedrag": ("3500", "4000"), "startdatum": ("", "01-02-2014"),
                              "koppelingen": (INITIATIVE, f"{INITIATIVE};korrewegwijk-zeepkistavond")}


def test_a_file_with_some_columns_changes_only_those(store, package):
    data = _csv([{"item_id": INITIATIVE, "status": "afgerond"}], columns=["item_id", "status"])
    [change] = _plan(data, store, package).of(WIJZIGEN)
    assert change.changes == {"status": ("loopt", "afgerond")}


def test_a_row_without_item_id_is_added(store, package):
    rows = _export_rows(store) + [_new(koppelingen=INITIATIVE, bedrag="1.500", startdatum="18-09-2013")]
    plan = _plan(_csv(rows), store, package)
    [added] = plan.of(TOEVOEGEN)
    assert (added.number, added.section, added.title) == (len(rows) + 1, "nodig", "Geld voor een buurtfeest")
    assert len(plan.of(ONGEWIJZIGD)) == len(rows) - 1


# --- refused rows -------------------------------------------------------------------------------------

@pytest.mark.parametrize("column, value, reason", [
    ("titel", "ab", "minstens 3 tekens"),
    ("status", "bezig", "Kies een van"),
    ("bedrag", "12,50", "hele euro's"),
    ("bedrag", "-5", "hele euro's"),
    ("bedrag", "2000000", "tussen € 0 en € 1.000.000"),
    ("startdatum", "31-02-2014", "Deze datum bestaat niet"),
    ("startdatum", "01-01-1800", OUT_OF_RANGE),
    ("startdatum", "31-12-2101", OUT_OF_RANGE),
    ("startdatum", "1850-06-01", OUT_OF_RANGE),
    ("bedrag", "9" * 5000, TOO_BIG),
    ("bedrag", "1." + "000." * 2000, TOO_BIG),
    ("koppelingen", OTHER_WIJK_ITEM, "bestaat niet in deze wijk"),
    ("buurtcode", OTHER_WIJK_BUURT, "hoort niet bij deze wijk"),
])
def test_a_wrong_value_refuses_the_row_with_the_reason(store, package, column, value, reason):
    plan = _plan(_csv([_new(**{column: value})]), store, package)
    [refused] = plan.rows
    assert (refused.kind, refused.number) == (GEWEIGERD, 2)
    assert reason in refused.reasons[column]
    assert f"{column}: " in refused.reason


def test_a_wrong_value_in_an_existing_entry_is_refused_too(store, package):
    rows = _export_rows(store)
    _by_id(rows, NEED)["bedrag"] = "12,50"
    [refused] = _plan(_csv(rows), store, package).of(GEWEIGERD)
    assert refused.item_id == NEED and "hele euro's" in refused.reasons["bedrag"]


def test_a_date_out_of_range_or_a_huge_amount_in_an_existing_entry_is_refused_not_dropped(store, package):
    rows = _export_rows(store)
    _by_id(rows, NEED).update(startdatum="01-01-1800", bedrag="9" * 5000)
    [refused] = _plan(_csv(rows), store, package).of(GEWEIGERD)
    assert refused.item_id == NEED
    assert refused.reasons == {"startdatum": OUT_OF_RANGE, "bedrag": TOO_BIG}


def test_a_section_that_does_not_exist_is_refused(store, package):
    [refused] = _plan(_csv([_new(sectie="wensen")]), store, package).rows
    assert "Onbekende sectie" in refused.reasons["sectie"]
    [refused] = _plan(_csv([_new(sectie="")]), store, package).rows
    assert "Vul de sectie in" in refused.reasons["sectie"]


def test_a_refused_row_in_the_preview_is_named_by_its_title(store, package):
    plan = _plan(_csv([_new(sectie="", titel="Zonder sectie"), _new(sectie="wensen", titel="Onbekende sectie"),
                       _new(titel="Te hoog bedrag", bedrag="9.999.999")]), store, package)
    assert [(r.kind, r.title) for r in plan.rows] == [(GEWEIGERD, "Zonder sectie"), (GEWEIGERD, "Onbekende sectie"),
                                                      (GEWEIGERD, "Te hoog bedrag")]
    rows = _export_rows(store)
    _by_id(rows, NEED).update(versie="een", titel="Geld voor de wijkstemdag 2014")
    [refused] = _plan(_csv(rows), store, package).of(GEWEIGERD)
    assert (refused.item_id, refused.title) == (NEED, "Geld voor de wijkstemdag 2014")


def test_the_same_new_title_twice_in_a_section_refuses_both_rows(store, package):
    plan = _plan(_csv([_new(), _new(titel="geld voor een BUURTFEEST"), _new(sectie="netwerk")]), store, package)
    assert [r.kind for r in plan.rows] == [GEWEIGERD, GEWEIGERD, TOEVOEGEN]
    assert "ook in rij 3" in plan.rows[0].reasons["titel"]
    assert "ook in rij 2" in plan.rows[1].reasons["titel"]


def test_a_renamed_entry_and_a_new_row_with_its_new_title_in_its_section_clash(store, package):
    """The renamed entry's section is its own (the file's column may be empty); a section typed in capitals is
    the same section."""
    rows = [{"item_id": INITIATIVE, "titel": "Wijkstemdag 2014"},
            {"sectie": "GEBEURT", "titel": "wijkstemdag 2014", "status": "idee"}]
    plan = _plan(_csv(rows, columns=["item_id", "sectie", "titel", "status"]), store, package)
    assert [r.kind for r in plan.rows] == [GEWEIGERD, GEWEIGERD]
    assert "ook in rij 3" in plan.rows[0].reasons["titel"]


def test_a_title_the_wijk_already_has_is_refused(store, package):
    existing = store.item(NEED)["titel"]
    [refused] = _plan(_csv([_new(titel=existing)]), store, package).rows
    assert "al een item met deze titel" in refused.reasons["titel"]


def test_renaming_to_a_title_a_new_row_frees_is_fine(store, package):
    """Row A takes the title row B gives up: the check looks at the titles as the file leaves them."""
    rows = _export_rows(store)
    old_title = _by_id(rows, "korrewegwijk-zeepkistavond")["titel"]
    _by_id(rows, "korrewegwijk-zeepkistavond")["titel"] = "Zeepkistavond 2013"
    _by_id(rows, INITIATIVE)["titel"] = old_title
    plan = _plan(_csv(rows), store, package)
    assert {r.item_id for r in plan.of(WIJZIGEN)} == {"korrewegwijk-zeepkistavond", INITIATIVE}


def test_an_item_of_another_wijk_or_no_item_is_refused(store, package):
    data = _csv([{"item_id": OTHER_WIJK_ITEM, "status": "afgerond"}, {"item_id": "bestaat-niet", "status": "loopt"}],
                columns=["item_id", "status"])
    first, second = _plan(data, store, package).rows
    assert "andere wijk (selwerd)" in first.reasons["item_id"]
    assert "bestaat niet" in second.reasons["item_id"]


def test_a_refused_item_of_another_wijk_keeps_its_section_in_the_preview(store, package):
    data = _csv([{"item_id": OTHER_WIJK_ITEM, "status": "loopt", "titel": "Iets"}], columns=["item_id", "status", "titel"])
    (row,) = _plan(data, store, package).rows
    assert (row.kind, row.section) == (GEWEIGERD, "gebeurt")
    assert row.reasons == {"item_id": f"Item '{OTHER_WIJK_ITEM}' hoort bij een andere wijk (selwerd)."}


def test_an_emptied_status_keeps_the_current_one_and_the_columns_after_it_still_count(store, package):
    data = _csv([{"item_id": NEED, "status": "", "thema": "Buurtfeest", "bedrag": "4.000"}],
                columns=["item_id", "status", "thema", "bedrag"])
    [change] = _plan(data, store, package).of(WIJZIGEN)
    assert change.changes == {"thema": ("Bewonersparticipatie", "Buurtfeest"), "bedrag": ("3500", "4000")}


def test_an_unknown_item_is_refused_with_its_id_cut_at_forty_characters(store, package):
    long_id = "x" * 45
    data = _csv([{"item_id": long_id, "status": "loopt", "titel": "Iets"}], columns=["item_id", "status", "titel"])
    (row,) = _plan(data, store, package).rows
    assert (row.kind, row.section, row.title, row.item_id) == (GEWEIGERD, None, "Iets", long_id)
    assert row.reasons == {"item_id": f"Item '{'x' * 40}' bestaat niet. Laat item_id leeg om een nieuw item toe te "
                                      "voegen."}
    data = _csv([{"item_id": OTHER_WIJK_ITEM, "status": "loopt", "titel": "Iets"}], columns=["item_id", "status", "titel"])
    (other,) = _plan(data, store, package).rows
    assert (other.kind, other.title, other.item_id) == (GEWEIGERD, "Iets", OTHER_WIJK_ITEM)


def test_a_header_that_repeats_several_columns_names_them_the_dutch_way():
    result = read_csv_bytes(b"titel;sectie;status;titel;sectie;status\r\na;b;c;d;e;f\r\n")
    assert isinstance(result, CsvError)
    assert result.message == "De kopregel (rij 1) noemt 'sectie', 'status' en 'titel' meer dan eens."
    once = read_csv_bytes(b"titel;sectie;titel\r\na;b;c\r\n")
    assert isinstance(once, CsvError) and once.message == "De kopregel (rij 1) noemt 'titel' meer dan eens."


def test_the_same_entry_twice_refuses_both_rows_on_its_id(store, package):
    rows = [{"item_id": INITIATIVE, "status": "loopt"}, {"item_id": INITIATIVE, "status": "afgerond"}]
    plan = _plan(_csv(rows, columns=["item_id", "status"]), store, package)
    assert [r.kind for r in plan.rows] == [GEWEIGERD, GEWEIGERD]
    assert plan.rows[0].reasons["item_id"] == (f"Item '{INITIATIVE}' staat ook in rij 3; laat elk item één keer "
                                               "staan.")


def test_only_text_columns_are_neutralised_in_an_export():
    from domain.entry_csv import _cell

    assert _cell("titel", "=1+1") == "'=1+1" and _cell("bedrag", "-500") == "-500"


def test_the_same_item_twice_is_refused(store, package):
    data = _csv([{"item_id": INITIATIVE, "status": "afgerond"}, {"item_id": INITIATIVE, "status": "gestopt"}],
                columns=["item_id", "status"])
    assert [r.kind for r in _plan(data, store, package).rows] == [GEWEIGERD, GEWEIGERD]


def test_moving_an_entry_to_another_section_is_refused(store, package):
    rows = _export_rows(store)
    _by_id(rows, INITIATIVE)["sectie"] = "nodig"
    [refused] = _plan(_csv(rows), store, package).of(GEWEIGERD)
    assert "kan niet veranderen" in refused.reasons["sectie"]


def test_a_refused_move_to_another_section_keeps_its_item_and_section_in_the_preview(store, package):
    rows = _export_rows(store)
    _by_id(rows, INITIATIVE)["sectie"] = "nodig"
    [refused] = _plan(_csv(rows), store, package).of(GEWEIGERD)
    assert (refused.item_id, refused.section) == (INITIATIVE, "gebeurt")


def test_the_same_long_item_twice_is_named_with_its_id_cut_at_forty_characters(store, package):
    long_id = "korrewegwijk-" + "x" * 40
    items = store.items()
    items.loc[items["item_id"] == INITIATIVE, "item_id"] = long_id
    rows = [{"item_id": long_id, "status": "loopt"}, {"item_id": long_id, "status": "afgerond"}]
    plan = plan_import(_parsed(_csv(rows, columns=["item_id", "status"])), WIJK, items, store.links(),
                       package.buurten, RULES)
    assert plan.rows[0].reasons["item_id"] == (f"Item '{long_id[:40]}' staat ook in rij 3; laat elk item één keer "
                                               "staan.")


def test_a_file_that_mends_a_stored_value_shows_the_old_value_in_the_preview(store, package):
    items = store.items()
    items["startdatum"] = items["startdatum"].astype(object)
    items.loc[items["item_id"] == NEED, "startdatum"] = dt.date(1800, 1, 1)  # from before today's rules
    data = _csv([{"item_id": NEED, "startdatum": "01-01-2014"}], columns=["item_id", "startdatum"])
    plan = plan_import(_parsed(data), WIJK, items, store.links(), package.buurten, RULES)
    [change] = plan.of(WIJZIGEN)
    assert change.changes == {"startdatum": ("01-01-1800", "01-01-2014")}


def test_a_stale_version_is_refused_so_a_colleagues_save_is_not_lost(store, package):
    rows = _export_rows(store)  # exported at version 1
    colleague = editing.edit_entry(store, _context(store, package), INITIATIVE, 1,
                                   {**store.item(INITIATIVE), "status": "gepland"}, "Collega Jansen", None)
    assert isinstance(colleague, Saved)
    _by_id(rows, INITIATIVE)["beschrijving"] = "Mijn nieuwe beschrijving."
    plan = _plan(_csv(rows), store, package)
    [refused] = plan.of(GEWEIGERD)
    assert refused.item_id == INITIATIVE
    assert "intussen gewijzigd door Collega Jansen op" in refused.reasons["versie"]
    assert len(plan.of(ONGEWIJZIGD)) == len(rows) - 1


def test_a_version_that_does_not_exist_or_is_no_number_is_refused(store, package):
    rows = _export_rows(store)
    _by_id(rows, INITIATIVE).update(versie="7", titel="Wijkstemdag 2014")
    _by_id(rows, NEED).update(versie="een", titel="Geld voor de wijkstemdag 2014")
    reasons = {r.item_id: r.reasons["versie"] for r in _plan(_csv(rows), store, package).of(GEWEIGERD)}
    assert "Versie 7 bestaat niet" in reasons[INITIATIVE]
    assert reasons[NEED] == "De versie moet een geheel getal zijn, zoals in de export."


# --- encodings, delimiters, columns, broken files -----------------------------------------------------

TEXT = "Café in de buurt: ëën plek voor €5"


@pytest.mark.parametrize("encoding, bom, label", [("utf-8", False, "UTF-8"), ("utf-8", True, "UTF-8 met BOM"),
                                                  ("cp1252", False, "Windows-1252")])
def test_encodings_are_recognised(store, package, encoding, bom, label):
    parsed = _parsed(_csv([_new(titel=TEXT, beschrijving="Geïnteresseerd? Één € is genoeg.")], delimiter=";",
                          encoding=encoding, bom=bom))
    assert parsed.encoding == label
    assert parsed.rows[0].values["titel"] == TEXT
    [added] = plan_import(parsed, WIJK, store.items(), store.links(), package.buurten, RULES).rows
    assert (added.kind, added.title) == (TOEVOEGEN, TEXT)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_comma_semicolon_and_tab_give_the_same_plan(store, package, delimiter):
    rows = _export_rows(store)
    _by_id(rows, INITIATIVE)["titel"] = "Wijkstemdag, editie 2014; met stemkastje"
    plan = _plan(_csv(rows, delimiter=delimiter), store, package)
    assert _parsed(_csv(rows, delimiter=delimiter)).delimiter == delimiter
    [change] = plan.of(WIJZIGEN)
    assert change.changes["titel"][1] == "Wijkstemdag, editie 2014; met stemkastje"


def test_missing_columns_are_named(package):
    result = read_csv_bytes(_csv([{"naam": "x"}], columns=["naam", "omschrijving"]))
    assert isinstance(result, CsvError)
    assert "'titel' en 'sectie'" in result.message and "item_id" in result.message
    assert "Onbekende kolommen: 'naam' en 'omschrijving'" in result.message
    result = read_csv_bytes(_csv([{"titel": "Een titel"}], columns=["titel", "status"]))
    assert isinstance(result, CsvError) and "'sectie'" in result.message and "'titel'" not in result.message


def test_a_header_without_the_needed_columns_says_what_to_use_word_for_word():
    result = read_csv_bytes(_csv([{"naam": "x"}], columns=["naam"]))
    assert result == CsvError("De kopregel (rij 1) mist de kolom 'titel' en 'sectie' (voor nieuwe items) of item_id "
                              "(voor wijzigingen). Onbekende kolommen: 'naam'. Gebruik de kolomnamen uit de export; "
                              "het scheidingsteken is een komma of een puntkomma.")


def test_unknown_columns_are_ignored_and_reported(store, package):
    parsed = _parsed(_csv([_new(opmerking="niet importeren")], columns=["sectie", "titel", "status", "opmerking"]))
    assert parsed.unknown_columns == ["opmerking"]
    plan = plan_import(parsed, WIJK, store.items(), store.links(), package.buurten, RULES)
    assert plan.unknown_columns == ["opmerking"] and plan.rows[0].kind == TOEVOEGEN


def test_column_names_are_read_loosely_but_twice_is_an_error():
    parsed = _parsed(b"Titel; Sectie ;Soort hulp\r\nGeld voor koffie;nodig;geld\r\n")
    assert parsed.columns == ["titel", "sectie", "soort_hulp"]
    result = read_csv_bytes(b"titel;sectie;titel\r\na;b;c\r\n")
    assert isinstance(result, CsvError) and "meer dan eens" in result.message


def test_a_row_with_too_few_or_too_many_cells_is_refused(store, package):
    data = b"sectie,titel,status\r\nnodig,Te kort\r\nnodig,Te lang,idee,extra\r\nnodig,Goed zo,idee,\r\n"
    plan = _plan(data, store, package)
    assert [(r.number, r.kind) for r in plan.rows] == [(2, GEWEIGERD), (3, GEWEIGERD), (4, TOEVOEGEN)]
    assert "2 cellen" in plan.rows[0].reasons["rij"] and "scheidingsteken" in plan.rows[1].reasons["rij"]


def test_a_file_with_its_byte_order_mark_twice_still_has_its_header():
    """Some tools put a BOM before a file that already has one: the second is no part of the first column's name."""
    parsed = _parsed(codecs.BOM_UTF8 * 2 + b"titel,sectie\r\nGeld,nodig\r\n")
    assert parsed.columns == ["titel", "sectie"] and parsed.rows[0].values["titel"] == "Geld"


def test_a_row_that_cannot_be_read_is_still_named_by_its_item_and_title(store, package):
    data = f"item_id,titel,status\r\n{NEED},Wijkstemdag\r\n".encode()
    (row,) = _plan(data, store, package).rows
    assert (row.kind, row.title, row.item_id) == (GEWEIGERD, "Wijkstemdag", NEED)


def test_a_row_with_more_filled_cells_than_the_header_says_to_check_the_delimiter(store, package):
    data = b"sectie,titel,status\r\nnodig,Te lang,idee,extra\r\n"
    (row,) = _plan(data, store, package).rows
    assert row.reasons == {"rij": "De rij heeft meer gevulde cellen dan de kopregel kolommen: controleer het "
                                  "scheidingsteken."}


def test_row_numbers_count_spreadsheet_rows_and_skip_nothing(store, package):
    """A description with a line break stays one row; empty rows (Excel leaves ;;;) are skipped."""
    data = _csv([_new(beschrijving="regel 1\nregel 2"), {}, _new(titel="ab")], delimiter=";")
    plan = _plan(data, store, package)
    assert [(r.number, r.kind) for r in plan.rows] == [(2, TOEVOEGEN), (4, GEWEIGERD)]


@pytest.mark.parametrize("data, message", [
    (b"", "leeg"), (codecs.BOM_UTF8, "leeg"), (b" \r\n\r\n", "leeg"), (b";;;\r\n;;\r\n", "leeg"),
    (b"sectie;titel\r\n", "alleen een kopregel"),
    (b"sectie;titel\r\nnodig;a\x00b\r\n", "binaire gegevens"),
    (b"x" * (MAX_BYTES + 1), "groter dan 5 MB"),
    (b"sectie;titel\r\n" + b"nodig;Titel\r\n" * (MAX_ROWS + 1), "501 rijen"),
])
def test_files_that_cannot_be_read_say_why(data, message):
    result = read_csv_bytes(data)
    assert isinstance(result, CsvError)
    assert message in result.message


def test_a_file_with_only_a_header_says_so_word_for_word():
    result = read_csv_bytes(b"sectie;titel\r\n")
    assert isinstance(result, CsvError) and result.message == "Het bestand heeft alleen een kopregel en geen rijen."


def test_a_file_above_5_mb_is_refused_with_the_advice_to_split_it():
    result = read_csv_bytes(b"x" * (MAX_BYTES + 1))
    assert isinstance(result, CsvError)
    assert result.message == "Het bestand is groter dan 5 MB. Splits het in kleinere bestanden."


def test_a_huge_cell_refuses_its_row_or_the_file(store, package):
    """Whether the csv module accepts a 200.000-character cell depends on a process-wide limit that
    other libraries raise; either way the file is refused calmly or the row is refused."""
    result = read_csv_bytes(b"sectie;titel\r\nnodig;\"" + b"x" * 200_000 + b"\"\r\n")
    if isinstance(result, CsvError):
        assert "niet als CSV gelezen" in result.message
    else:
        [refused] = plan_import(result, WIJK, store.items(), store.links(), package.buurten, RULES).rows
        assert "het maximum is 120" in refused.reasons["titel"]


def test_at_most_500_rows_per_file():
    """5.000 rows made the wijk page take minutes: 500 per file, and the message says how many the file has."""
    assert MAX_ROWS == 500
    parsed = _parsed(b"sectie;titel\r\n" + b"nodig;Titel\r\n" * MAX_ROWS + b";\r\n" * 10)  # empty rows do not count
    assert len(parsed.rows) == MAX_ROWS
    for rows, shown in ((501, "501"), (5000, "5.000")):
        result = read_csv_bytes(b"sectie;titel\r\n" + b"nodig;Titel\r\n" * rows)
        assert isinstance(result, CsvError)
        assert result.message == (f"Het bestand heeft {shown} rijen; per bestand kunnen er hoogstens 500 worden "
                                  "ingelezen. Splits het in delen van hoogstens 500 rijen.")


def test_random_bytes_are_refused_calmly():
    for seed in range(20):
        data = os.urandom(3000 + seed)
        assert isinstance(read_csv_bytes(data), (CsvError, ParsedCsv))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_never_raise(data):
    assert isinstance(read_csv_bytes(data), (CsvError, ParsedCsv))


_cell = st.one_of(st.text(max_size=30), st.sampled_from(["", "nodig", "netwerk", "gebeurt", "loopt", "geld", "1.500",
                                                         "31-02-2014", INITIATIVE, NEED, OTHER_WIJK_ITEM, "1", "2"]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.fixed_dictionaries({c: _cell for c in EXPORT_COLUMNS}), max_size=6),
       st.sampled_from([",", ";"]))
def test_arbitrary_cells_plan_without_raising(package, rows, delimiter):
    parsed = read_csv_bytes(_csv(rows, delimiter=delimiter))
    if isinstance(parsed, ParsedCsv):
        plan = plan_import(parsed, WIJK, package.items, package.koppelingen, package.buurten, RULES)
        assert len(plan.rows) == len(parsed.rows)
        assert all(r.reasons for r in plan.of(GEWEIGERD))


# --- applying ------------------------------------------------------------------------------------------

def _history_size(store: EntryStore) -> int:
    return len(store.history_frame())


def test_applying_saves_each_accepted_row_and_twice_saves_nothing_twice(store, package):
    rows = _export_rows(store)
    _by_id(rows, INITIATIVE)["titel"] = "Wijkstemdag 2014"
    rows.append(_new(koppelingen=INITIATIVE, bedrag="1.500"))
    plan = _plan(_csv(rows), store, package)
    first = apply_import(plan, store, _context(store, package), AUTHOR, "csv:test")
    assert [o.saved for o in first.outcomes] == [True, True] and not first.repeated
    assert store.item(INITIATIVE)["titel"] == "Wijkstemdag 2014"
    new_id = next(o.result.item_id for o in first.outcomes if o.kind == TOEVOEGEN)
    added = store.item(new_id)
    assert (added["wijk_id"], added["bedrag"], added["auteur"], added["koppelingen"]) == (WIJK, 1500, AUTHOR,
                                                                                           [INITIATIVE])
    items, history = store.items(), _history_size(store)

    second = apply_import(plan, store, _context(store, package), AUTHOR, "csv:test")
    assert len(second.repeated) == 2 and not second.saved and not second.failed
    assert "al opgeslagen" in second.outcomes[0].message
    assert store.items().equals(items) and _history_size(store) == history


def test_nothing_is_written_from_refused_rows(store, package):
    rows = _export_rows(store)
    _by_id(rows, INITIATIVE)["status"] = "bezig"
    rows += [_new(titel="ab"), _new(bedrag="-5"), {"item_id": OTHER_WIJK_ITEM, "sectie": "gebeurt",
                                                   "titel": "Overgenomen"}]
    plan = _plan(_csv(rows), store, package)
    assert len(plan.of(GEWEIGERD)) == 4 and plan.to_apply == []
    items, history = store.items(), _history_size(store)
    result = apply_import(plan, store, _context(store, package), AUTHOR, "csv:refused")
    assert result.outcomes == []
    assert store.items().equals(items) and _history_size(store) == history


def test_a_refused_row_does_not_stop_the_others(store, package):
    plan = _plan(_csv([_new(titel="ab"), _new()]), store, package)
    before = set(store.items()["item_id"])
    result = apply_import(plan, store, _context(store, package), AUTHOR, "csv:mixed")
    assert [(o.number, o.saved) for o in result.outcomes] == [(3, True)]
    assert set(store.items()["item_id"]) - before == {f"{WIJK}-geld-voor-een-buurtfeest"}


def test_a_save_in_between_preview_and_apply_is_a_conflict_not_an_overwrite(store, package):
    data = _csv([{"item_id": INITIATIVE, "status": "afgerond"}], columns=["item_id", "status"])
    plan = _plan(data, store, package)
    editing.edit_entry(store, _context(store, package), INITIATIVE, 1, {**store.item(INITIATIVE), "thema": "Stemmen"},
                       "Collega Jansen", None)
    [outcome] = apply_import(plan, store, _context(store, package), AUTHOR, "csv:late").outcomes
    assert isinstance(outcome.result, Conflict)
    assert "intussen gewijzigd door Collega Jansen" in outcome.message
    assert store.item(INITIATIVE)["status"] == "loopt" and store.item(INITIATIVE)["thema"] == "Stemmen"


@pytest.mark.parametrize("actor", [PUBLIC, Actor("wim", "Wim Wethouder", "wethouder"),
                                   Actor("fw", "Frontlijn Elders", "frontlijnwerker", frozenset({"selwerd"}))])
def test_only_the_wijks_editors_can_import(store, package, actor):
    plan = _plan(_csv([_new()]), store, package)
    result = entry_import.apply_import(plan, store, _context(store, package), actor, "csv:refused-actor")
    assert isinstance(result, Refused) and result.reason
    assert f"{WIJK}-geld-voor-een-buurtfeest" not in set(store.items()["item_id"])


def test_unknown_columns_are_named_in_full_even_with_an_x_at_either_end():
    """A header with coordinate columns X and Y names them as the file has them, lower case."""
    result = read_csv_bytes(b"Naam,X,Y,INDEX\r\nMoestuin,1,2,3\r\n")
    assert result == CsvError("De kopregel (rij 1) mist de kolom 'titel' en 'sectie' (voor nieuwe items) of item_id "
                              "(voor wijzigingen). Onbekende kolommen: 'naam', 'x', 'y' en 'index'. Gebruik de "
                              "kolomnamen uit de export; het scheidingsteken is een komma of een puntkomma.")


def test_a_row_that_reads_well_has_no_problem_and_a_short_row_says_why_word_for_word():
    parsed = _parsed(b"sectie,titel,status\r\nnodig,Goed zo,idee\r\nnodig,Te kort\r\n")
    assert parsed.rows[0].problem is None
    assert parsed.rows[1].problem == ("De rij heeft 2 cellen, de kopregel 3: controleer het scheidingsteken en de "
                                      "aanhalingstekens.")


def test_a_refused_item_of_another_wijk_is_named_by_its_row_in_the_preview(store, package):
    data = _csv([{"item_id": NEED, "status": "idee"}, {"item_id": OTHER_WIJK_ITEM, "status": "afgerond"}],
                columns=["item_id", "status"])
    refused = _plan(data, store, package).of(GEWEIGERD)
    assert [(r.number, r.item_id) for r in refused] == [(3, OTHER_WIJK_ITEM)]


def test_links_listed_in_another_order_are_no_change(store, package):
    """Two links the other way round in the spreadsheet: the same links, so nothing to save."""
    zeepkist = "korrewegwijk-zeepkistavond"
    saved = editing.edit_entry(store, _context(store, package), NEED, 1,
                               {**store.item(NEED), "links": [INITIATIVE, zeepkist]}, AUTHOR, None)
    assert isinstance(saved, Saved)
    rows = _export_rows(store)
    assert _by_id(rows, NEED)["koppelingen"] == f"{INITIATIVE};{zeepkist}"
    _by_id(rows, NEED)["koppelingen"] = f"{zeepkist};{INITIATIVE}"
    plan = _plan(_csv(rows), store, package)
    assert {r.kind for r in plan.rows} == {ONGEWIJZIGD} and plan.to_apply == []
