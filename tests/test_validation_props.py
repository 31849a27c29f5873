"""check_entry on anything: it never raises, invalid input is never stored, valid input keeps the rules.

Property-based (hypothesis) over arbitrary dicts of arbitrary values, plus targeted tests of the
Dutch messages, each next to the field it is about.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import time
import uuid

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import editing_by_name as editing
from domain.editing import Unchanged
from domain.entries import SECTIONS
from domain.validation import NEGATIVE_AMOUNT, Checked, WijkContext, check_entry
from nla_data import EMBEDDED_DIR
from nla_data.facts import Relations
from nla_data.package import read_package
from nla_data.store import EntryStore, Saved

AUTHOR = "Anna de Vries"
PACKAGE = read_package(EMBEDDED_DIR)  # at import: the strategies need its ids (test_validate checks the package)
# The package's vocabularies and limits (datapackage.json, items schema): the rules the checks keep.
RULES = PACKAGE.facts.entry_rules
STATUSES, APPROACHES, HELP_KINDS = list(RULES.statuses), list(RULES.approaches), list(RULES.help_kinds)
TITLE_MIN, TITLE_MAX, DESCRIPTION_MAX = RULES.shortest("titel"), RULES.longest("titel"), RULES.longest("beschrijving")
SHORT_TEXT_MAX, AMOUNT_MAX = RULES.longest("thema"), RULES.amount_max
WIJKEN = ["korrewegwijk", "beijum", "selwerd", "grunobuurt"]  # with and without entries
ALL_IDS = sorted(PACKAGE.items["item_id"])
ALL_TITLES = sorted(PACKAGE.items["titel"])
ALL_BUURTEN = sorted(PACKAGE.buurten["buurtcode"])
CONTEXTS = {wijk: editing.wijk_context(PACKAGE.items, PACKAGE.buurten, wijk) for wijk in WIJKEN}
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def context_of(items: pd.DataFrame, wijk_id: str) -> WijkContext:
    return editing.wijk_context(items, PACKAGE.buurten, wijk_id)


# --- strategies ----------------------------------------------------------------------------------------

ANYTHING = st.one_of(
    st.none(), st.text(max_size=40), st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
    st.binary(max_size=20), st.dates(), st.datetimes(), st.decimals(allow_nan=True),
    st.lists(st.one_of(st.none(), st.text(max_size=12), st.integers(), st.binary(max_size=4)), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2), st.tuples(st.integers()),
    st.sampled_from([pd.NA, pd.NaT, float("nan"), "", " ", "\x00", "\r\n", "NULL"]),
)


def long_text(low: int, high: int) -> st.SearchStrategy[str]:
    """Texts around a length limit (hypothesis is slow at drawing long texts itself)."""
    return st.builds(lambda char, n: char * n, st.sampled_from(["a", "é", "€", " ", "x\n"]), st.integers(low, high))


def date_text(day: dt.date, pattern: str) -> str:
    return day.strftime(pattern.replace("%Y", f"{day.year:04d}"))  # %Y does not pad years before 1000


FIELDS = {
    "titel": st.one_of(st.text(max_size=130), long_text(0, 130), st.sampled_from(ALL_TITLES),
                       st.sampled_from(ALL_TITLES).map(str.upper), ANYTHING),
    "beschrijving": st.one_of(st.text(max_size=60), long_text(4990, 5010), ANYTHING),
    "status": st.one_of(st.sampled_from(STATUSES + ["Loopt", "NIET MEER RELEVANT", "onbekend"]), ANYTHING),
    "aanpak": st.one_of(st.sampled_from(APPROACHES + ["Stimuleren", "anders"]), ANYTHING),
    "soort_hulp": st.one_of(st.sampled_from(HELP_KINDS + ["Geld"]), ANYTHING),
    "rol": st.one_of(st.text(max_size=30), long_text(195, 205), ANYTHING),
    "thema": st.one_of(st.text(max_size=30), long_text(195, 205), ANYTHING),
    "straat": st.one_of(st.text(max_size=30), ANYTHING),
    "bedrag": st.one_of(st.from_regex(r"(€ ?)?-?\d{1,7}(\.\d{3})*(,-|,00|,50|,5)?", fullmatch=True),
                        st.integers(-10, AMOUNT_MAX + 10), st.floats(-1, 2e6), ANYTHING),
    "startdatum": st.one_of(st.builds(date_text, st.dates(), st.sampled_from(["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"])),
                            st.from_regex(r"\d{1,2}-\d{1,2}-\d{4}", fullmatch=True), ANYTHING),
    "buurtcode": st.one_of(st.sampled_from(ALL_BUURTEN), ANYTHING),
    "links": st.one_of(st.lists(st.sampled_from(ALL_IDS), max_size=3),
                       st.lists(st.sampled_from(ALL_IDS), max_size=3).map(";".join), ANYTHING),
}
RAW = st.builds(lambda known, extra: {**extra, **known}, st.fixed_dictionaries({}, optional=FIELDS),
                st.dictionaries(st.text(max_size=10), ANYTHING, max_size=3))


# --- the rules that stored values keep -------------------------------------------------------------------


def assert_follows_rules(values: dict, section: str, context: WijkContext, item_id: str | None = None) -> None:
    title = values["titel"]
    assert isinstance(title, str) and TITLE_MIN <= len(title) <= TITLE_MAX and title == " ".join(title.split())
    assert values["beschrijving"] is None or (isinstance(values["beschrijving"], str)
                                              and 0 < len(values["beschrijving"]) <= DESCRIPTION_MAX)
    assert values["status"] in STATUSES
    assert values["aanpak"] is None or (values["aanpak"] in APPROACHES and section == "gebeurt")
    assert values["soort_hulp"] is None or (values["soort_hulp"] in HELP_KINDS and section == "nodig")
    assert values["rol"] is None or section == "netwerk"
    amount = values["bedrag"]
    assert amount is None or (type(amount) is int and 0 <= amount <= AMOUNT_MAX and section == "nodig")
    start = values["startdatum"]
    assert start is None or (type(start) is dt.date and dt.date.fromisoformat(start.isoformat()) == start
                             and 1900 <= start.year <= 2100)
    assert values["buurtcode"] is None or values["buurtcode"] in context.buurtcodes
    for name in ("thema", "straat", "rol"):
        assert values[name] is None or (isinstance(values[name], str) and len(values[name]) <= SHORT_TEXT_MAX)
    for name in ("titel", "beschrijving", "thema", "straat", "rol"):
        assert values[name] is None or "\x00" not in values[name]
    links = values.get("links", values.get("koppelingen"))
    assert links == [] or section in ("nodig", "netwerk")
    for target in links:  # same wijk (the context holds only this wijk's entries), an initiative, not itself
        assert target != item_id and context.entries[target][0] == "gebeurt"


# --- properties ------------------------------------------------------------------------------------------


@settings(SETTINGS, max_examples=300)
@given(raw=RAW, section=st.sampled_from([*SECTIONS, "onbekend"]), wijk=st.sampled_from(WIJKEN),
       editing_own=st.booleans())
def test_check_entry_never_raises_and_ok_means_the_rules_hold(raw, section, wijk, editing_own):
    context = CONTEXTS[wijk]
    own = next((i for i, (s, _) in context.entries.items() if s == section), None) if editing_own else None
    checked = check_entry(raw, section, context, item_id=own)
    assert isinstance(checked, Checked)
    assert all(isinstance(k, str) and isinstance(m, str) and m for k, m in checked.errors.items())
    if section not in SECTIONS:
        assert not checked.ok
    if checked.ok:
        assert_follows_rules(checked.values, section, context, own)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    opened = EntryStore.open(PACKAGE, f"sqlite:///{tmp_path_factory.mktemp('props') / 'props.sqlite'}")
    yield opened
    opened.engine.dispose()


@settings(SETTINGS, max_examples=60)
@given(raw=RAW, section=st.sampled_from(SECTIONS), wijk=st.sampled_from(WIJKEN[:3]), edit=st.booleans())
def test_invalid_input_is_never_stored_and_valid_input_is_stored_as_checked(store, raw, section, wijk, edit):
    items = store.items()
    context = context_of(items, wijk)
    revision = store.revision()
    request_id = uuid.uuid4().hex
    item_id = next(i for i, (s, _) in context.entries.items() if s == section) if edit else None
    checked = check_entry(raw, section, context, item_id=item_id)
    if edit:
        base = store.item(item_id)["versie"]
        result = editing.edit_entry(store, context, item_id, base, raw, AUTHOR, request_id)
    else:
        result = editing.add_entry(store, context, section, raw, AUTHOR, request_id, set(items["item_id"]))

    if not checked.ok:
        assert result == editing.Invalid(checked.errors)
        assert store.revision() == revision
        pd.testing.assert_frame_equal(store.items(), items)
        return
    if edit and isinstance(result, Unchanged):
        # the store is shared by the examples: an earlier one may have saved these very values (a CI run met
        # it), and then the edit changes nothing; so the entry, cleaned by the same check, must say just that
        current = store.item(item_id)
        again = check_entry({**current, "links": current["koppelingen"] or []}, section, context, item_id=item_id)
        assert again.ok and again.values == checked.values, (again.values, checked.values)
        assert store.revision() == revision
        return
    assert isinstance(result, Saved) and not result.repeated
    stored = store.item(result.item_id)
    assert stored["sectie"] == section and stored["wijk_id"] == wijk
    assert_follows_rules(stored, section, context, item_id)
    assert {k: stored[k] for k in checked.values if k != "links"} == {
        k: v for k, v in checked.values.items() if k != "links"}
    assert stored["koppelingen"] == sorted(checked.values["links"])
    assert store.revision() != revision


# --- targeted: the messages, next to their field -----------------------------------------------------------


@pytest.fixture(scope="module")
def korrewegwijk() -> WijkContext:
    return CONTEXTS["korrewegwijk"]


def check(context: WijkContext, section: str = "nodig", **raw) -> Checked:
    return check_entry({"titel": "Een geldige titel", **raw}, section, context)


@pytest.mark.parametrize(("title", "message"), [
    ("", "Vul een titel in van minstens 3 tekens."),
    ("   ", "Vul een titel in van minstens 3 tekens."),
    ("ab", "Vul een titel in van minstens 3 tekens."),
    ("a" * 121, "De titel is 121 tekens; het maximum is 120."),
])
def test_title_messages(korrewegwijk, title, message):
    assert check(korrewegwijk, titel=title).errors == {"titel": message}


@pytest.mark.parametrize("title", ["abc", "a" * 120, "  Drie  woorden \n hier "])
def test_titles_that_are_fine(korrewegwijk, title):
    checked = check(korrewegwijk, titel=title)
    assert checked.ok and checked.values["titel"] == " ".join(title.split())


def test_a_package_without_a_shortest_title_still_wants_one_character(korrewegwijk):
    rules = korrewegwijk.rules
    free = dataclasses.replace(korrewegwijk, rules=dataclasses.replace(
        rules, min_length=tuple((name, n) for name, n in rules.min_length if name != "titel")))
    assert check(free, titel="Ä").ok  # one character is a title when the package sets no minimum
    assert check(free, titel="  ").errors == {"titel": "Vul een titel in van minstens 1 teken."}  # one, not "1 tekens"


def test_description_limit(korrewegwijk):
    assert check(korrewegwijk, beschrijving="x" * 5001).errors == {
        "beschrijving": "De beschrijving is 5.001 tekens; het maximum is 5.000."}  # Dutch thousands
    assert check(korrewegwijk, beschrijving="x" * 5000).ok


@pytest.mark.parametrize(("typed", "amount"), [
    ("1.500", 1500), ("€ 1.500,-", 1500), ("€1500", 1500), ("1500,00", 1500), ("0", 0), ("1.000.000", 1_000_000),
    ("1500.00", 1500), ("1.500.00", 1500),  # a spreadsheet in English writes cents with a point
    ("€\u00a01.500", 1500),  # as the app shows an amount, copied
    (1500, 1500), (1500.0, 1500), ("", None), (None, None),
])
def test_amounts_as_people_write_them(korrewegwijk, typed, amount):
    checked = check(korrewegwijk, bedrag=typed)
    assert checked.ok, checked.errors
    assert checked.values["bedrag"] == amount


@pytest.mark.parametrize(("typed", "message"), [
    ("12,50", "Vul een bedrag in hele euro's in, bijvoorbeeld 1500 of 1.500."),
    ("-5", NEGATIVE_AMOUNT),  # refused because it is negative, and it says so
    ("€ -1.500", NEGATIVE_AMOUNT),
    ("1.50", "Vul een bedrag in hele euro's in, bijvoorbeeld 1500 of 1.500."),
    ("vijftig", "Vul een bedrag in hele euro's in, bijvoorbeeld 1500 of 1.500."),
    ("1000001", "Het bedrag moet tussen € 0 en € 1.000.000 liggen."),
    (-5, NEGATIVE_AMOUNT),
    (True, "Vul een bedrag in hele euro's in."),
    ("١٢٣", "Vul een bedrag in hele euro's in, bijvoorbeeld 1500 of 1.500."),  # digits 0-9 only
    ("１５００", "Vul een bedrag in hele euro's in, bijvoorbeeld 1500 of 1.500."),
    ("1500.50", "Vul een bedrag in hele euro's in, bijvoorbeeld 1500 of 1.500."),
])
def test_amounts_that_are_refused(korrewegwijk, typed, message):
    checked = check(korrewegwijk, bedrag=typed)
    assert checked.errors == {"bedrag": message}
    assert checked.values["bedrag"] is None


TOO_BIG = "Het bedrag is te groot; het maximum is € 1.000.000."


@pytest.mark.parametrize("typed", ["9" * 5000, "1." + "000." * 2000, "1" + ".000" * 2000, "€ " + "9" * 5000,
                                   "9" * 5000 + ",-", decimal.Decimal("9" * 5000), "9" * 41])
def test_an_amount_of_thousands_of_digits_is_too_big_not_a_crash_or_a_hang(korrewegwijk, typed):
    """Python's int() refuses more than 4300 digits (ValueError) and a long text must not reach the
    pattern: the length is checked first."""
    started = time.perf_counter()
    checked = check(korrewegwijk, bedrag=typed)
    assert time.perf_counter() - started < 0.5
    assert checked.errors == {"bedrag": TOO_BIG}
    assert checked.values["bedrag"] is None


@pytest.mark.parametrize("typed", ["x" * 5000, "-" + "9" * 5000, "€ 1.500 " + "a" * 100])
def test_a_long_text_that_is_no_number_is_no_amount(korrewegwijk, typed):
    assert check(korrewegwijk, bedrag=typed).errors == {
        "bedrag": "Vul een bedrag in hele euro's in, bijvoorbeeld 1500 of 1.500."}


def test_a_huge_integer_anywhere_gives_a_message_not_a_crash(korrewegwijk):
    huge = 10 ** 5000  # str() of it raises ValueError in Python 3.11
    assert check(korrewegwijk, bedrag=huge).errors == {
        "bedrag": "Het bedrag moet tussen € 0 en € 1.000.000 liggen."}
    assert check(korrewegwijk, startdatum=huge).errors == {
        "startdatum": "Deze datum bestaat niet; schrijf bijvoorbeeld 18-09-2013."}
    assert check_entry({"titel": huge}, "nodig", korrewegwijk).errors == {
        "titel": "Vul een titel in van minstens 3 tekens."}


@pytest.mark.parametrize("typed", ["01-01-1800", "31-12-1899", "31-12-2101", "01-01-2101", "1850-06-01", "01/01/1899",
                                   "01-01-0001", "31-12-9999", dt.date(1850, 1, 1), dt.date(2101, 1, 1),
                                   dt.datetime(1899, 12, 31, 23, 59), pd.Timestamp("2200-01-01")])
def test_a_date_outside_1900_2100_is_refused_with_a_clear_message(korrewegwijk, typed):
    checked = check(korrewegwijk, startdatum=typed)
    assert checked.errors == {"startdatum": "Kies een datum tussen 1900 en 2100."}
    assert checked.values["startdatum"] is None


@pytest.mark.parametrize(("typed", "day"), [("01-01-1900", dt.date(1900, 1, 1)), ("31-12-2100", dt.date(2100, 12, 31)),
                                            (dt.date(1900, 1, 1), dt.date(1900, 1, 1)),
                                            (pd.Timestamp("2100-12-31 23:00"), dt.date(2100, 12, 31))])
def test_the_first_and_last_day_of_the_range_are_fine(korrewegwijk, typed, day):
    checked = check(korrewegwijk, startdatum=typed)
    assert checked.ok and checked.values["startdatum"] == day


@pytest.mark.parametrize("typed", [None, "", "   ", "\t\n"])
def test_an_empty_status_is_idee(korrewegwijk, typed):
    checked = check(korrewegwijk, status=typed)
    assert checked.ok and checked.values["status"] == "idee"


@pytest.mark.parametrize("typed", ["Loopt", " NIET MEER RELEVANT ", "niet meer relevant"])
def test_a_status_as_people_write_it(korrewegwijk, typed):
    checked = check(korrewegwijk, status=typed)
    assert checked.ok and checked.values["status"] == " ".join(typed.split()).lower().replace(" ", "-")


def test_an_unknown_status_is_refused(korrewegwijk):
    assert check(korrewegwijk, status="klaar").errors == {
        "status": "Kies een van: idee, gepland, loopt, afgerond, gestopt, niet-meer-relevant."}  # the package's order


def test_dates(korrewegwijk):
    assert check(korrewegwijk, startdatum="31-02-2014").errors == {
        "startdatum": "Deze datum bestaat niet; schrijf bijvoorbeeld 18-09-2013."}
    for typed in ("18-09-2013", "2013-09-18", "18/09/2013", dt.date(2013, 9, 18), dt.datetime(2013, 9, 18, 10, 5)):
        checked = check(korrewegwijk, startdatum=typed)
        assert checked.ok and checked.values["startdatum"] == dt.date(2013, 9, 18), typed


def test_links_only_to_initiatives_of_the_same_wijk(korrewegwijk):
    assert check(korrewegwijk, links=["korrewegwijk-wijkstemdag"]).ok
    assert check(korrewegwijk, links=["beijum-moestuin"]).errors == {
        "links": "Item 'beijum-moestuin' bestaat niet in deze wijk."}
    assert check(korrewegwijk, links=["korrewegwijk-stip"]).errors == {
        "links": "'Stip Korrewegwijk' is geen item uit 'Wat er gebeurt'."}
    assert check(korrewegwijk, section="gebeurt", links=["korrewegwijk-wijkstemdag"]).errors == {
        "links": "Alleen items uit 'Wat er nodig is' of 'Mensen en netwerken' worden gekoppeld."}


def test_a_package_that_declares_no_relations_links_nothing_and_says_so(korrewegwijk):
    """Without any declared relation a link is refused with a plain sentence, and nothing is linked."""
    context = dataclasses.replace(korrewegwijk, rules=dataclasses.replace(RULES, relations=Relations()))
    checked = check(context, links=["korrewegwijk-wijkstemdag"])
    assert checked.errors == {"links": "Items worden niet gekoppeld."}
    assert checked.values["links"] == []
    assert check(context, links=None).ok  # no links typed: nothing to refuse


def test_a_title_is_unique_within_its_section_of_the_wijk_ignoring_case(korrewegwijk):
    taken = "Stip Korrewegwijk"  # a netwerk entry
    for title in (taken, taken.upper(), f"  {taken.lower()} "):
        assert check(korrewegwijk, section="netwerk", titel=title).errors == {
            "titel": "Deze wijk heeft in deze sectie al een item met deze titel."}
    assert check(korrewegwijk, section="nodig", titel=taken).ok  # another section
    assert check_entry({"titel": taken}, "netwerk", korrewegwijk, item_id="korrewegwijk-stip").ok  # itself
    assert check_entry({"titel": taken}, "netwerk", CONTEXTS["beijum"]).ok  # another wijk


def test_markup_is_text_and_stored_literally(store):
    context = context_of(store.items(), "selwerd")
    title, text = "<script>alert(1)</script>", "<b>vet</b> & <img src=x onerror=alert(1)> {{ x }} **md**"
    result = editing.add_entry(store, context, "gebeurt", {"titel": title, "beschrijving": text}, AUTHOR,
                               "req-markup", set(store.items()["item_id"]))
    assert isinstance(result, Saved)
    stored = store.item(result.item_id)
    assert (stored["titel"], stored["beschrijving"]) == (title, text)
    assert result.item_id == "selwerd-script-alert-1-script"


@pytest.mark.parametrize("value", [5, 1.5, dt.date(2013, 9, 18), b"x", {"a": 1}, pd.NA, pd.NaT])
def test_odd_values_give_a_message_or_nothing_never_an_exception(korrewegwijk, value):
    for name in ("titel", "beschrijving", "status", "aanpak", "soort_hulp", "bedrag", "startdatum", "buurtcode",
                 "links", "rol"):
        checked = check_entry({"titel": "Een geldige titel", name: value}, "nodig", korrewegwijk)
        assert isinstance(checked, Checked), name
        if checked.ok:
            assert_follows_rules(checked.values, "nodig", korrewegwijk)


def test_a_kind_of_help_the_package_does_not_list_is_refused_at_that_field(korrewegwijk):
    refused = check_entry({"titel": "Een geldige titel", "soort_hulp": "Toverkunst"}, "nodig", korrewegwijk)
    assert refused.errors == {"soort_hulp": f"Kies een van: {', '.join(HELP_KINDS)}."}
    assert refused.values["soort_hulp"] is None
    listed = HELP_KINDS[0]
    typed = listed.replace("-", " ").capitalize()
    assert check_entry({"titel": "Een geldige titel", "soort_hulp": typed}, "nodig", korrewegwijk).values[
        "soort_hulp"] == listed


@pytest.mark.parametrize(("name", "section"), [("thema", "nodig"), ("straat", "nodig"), ("rol", "netwerk")])
def test_a_short_text_of_200_characters_is_kept_201_refused(korrewegwijk, name, section):
    assert SHORT_TEXT_MAX == 200 and RULES.longest(name) == 200
    assert check(korrewegwijk, section, **{name: "a" * 200}).values[name] == "a" * 200
    refused = check(korrewegwijk, section, **{name: "a" * 201})
    assert refused.errors == {name: "Maximaal 200 tekens (nu 201)."}


def test_an_approach_the_package_does_not_list_is_refused_and_a_listed_one_is_read_as_people_write_it(korrewegwijk):
    refused = check(korrewegwijk, "gebeurt", aanpak="Anders")
    assert refused.errors == {"aanpak": "Kies een van: stimuleren, faciliteren, coproduceren."}
    assert check(korrewegwijk, "gebeurt", aanpak=" Stimuleren ").values["aanpak"] == "stimuleren"


def test_a_package_with_only_a_lowest_amount_says_so(korrewegwijk):
    rules = dataclasses.replace(RULES, amount_min=100, amount_max=None)
    context = dataclasses.replace(korrewegwijk, rules=rules)
    assert check(context, bedrag="99").errors == {"bedrag": "Het bedrag is minstens € 100."}
    assert check(context, bedrag="5.000.000").values["bedrag"] == 5_000_000
    assert check(context, bedrag="9" * 41).errors == {"bedrag": "Het bedrag is te groot."}  # no maximum to name


@pytest.mark.parametrize("name", ["bedrag", "startdatum", "buurtcode"])
def test_an_empty_spreadsheet_cell_is_nothing_filled_in(korrewegwijk, name):
    checked = check(korrewegwijk, **{name: pd.NA})
    assert checked.ok, checked.errors
    assert checked.values[name] is None
