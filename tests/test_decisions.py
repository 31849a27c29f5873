"""Budget decisions (app.decisions over domain.decisions and nla_data.decisions): who may record one, every
bad input refused at its field with nothing written, the override above the remaining budget logged, and
the history of each decision."""

from __future__ import annotations

import datetime as dt
import json
import threading

import pytest

from app import decisions as app_decisions
from domain.editing import Invalid
from domain.permissions import PUBLIC, Actor, Refused
from nla_data.decisions import DECISIONS, DecisionStore, Limit, OverBudget, _take_turn
from nla_data.settings import settings
from nla_data.store import Conflict, EntryStore, Saved

WIJK = "korrewegwijk"  # after the cut: € 870.000
NEED = "korrewegwijk-nodig-wijkstemdag"
ACTORS = {
    "publiek": PUBLIC,
    "wethouder": Actor("wim", "Wim Wethouder", "wethouder"),
    "corporatie": Actor("cora", "Cora Corporatie", "corporatie", corporatie="Nijestee"),
    "frontlijn-eigen-wijk": Actor("fatima", "Fatima de Vries", "frontlijnwerker", frozenset({WIJK, "selwerd"})),
    "frontlijn-andere-wijk": Actor("bea", "Bea van Beijum", "frontlijnwerker", frozenset({"beijum"})),
    "beheerder": Actor("beheer", "Bea Beheerder", "beheerder"),
    "onbekende-rol": Actor("x", "Iemand", "directeur"),
}
MAY_RECORD = {"frontlijn-eigen-wijk", "beheerder"}
FATIMA = ACTORS["frontlijn-eigen-wijk"]


@pytest.fixture
def stores(database_url, package) -> tuple[EntryStore, DecisionStore]:
    entries = EntryStore.open(package, database_url)
    return entries, DecisionStore(entries.engine)


def _raw(**changes) -> dict:
    raw = {"item_id": NEED, "uitkomst": "toegekend", "bedrag": "3.500", "datum": dt.date(2014, 3, 12),
           "besloten_door": "Wijkteam Korrewegwijk", "motivering": "Bewoners organiseren de wijkstemdag zelf.",
           "criteria": {"bewoners-actief": "ja", "draagvlak": "ja", "past-in-wijkperspectief": "ja",
                        "geen-regulier-beleid": "nee"},
           "boven_budget": False}
    return {**raw, **changes}


def _record(stores, package, raw, actor=FATIMA, request_id=None, wijk_id=WIJK):
    entries, decisions = stores
    return app_decisions.record(decisions, package.wijken, entries.items(), package.facts.criteria, wijk_id, raw,
                                actor, request_id)


def test_the_package_declares_the_four_criteria_of_2011(package):
    criteria = package.facts.criteria
    assert criteria.keys == ("bewoners-actief", "draagvlak", "past-in-wijkperspectief", "geen-regulier-beleid")
    assert "2011" in criteria.source
    assert all(c.label("nl") and c.label("en") for c in criteria.items)


def test_a_decision_is_stored_with_every_answer_and_a_history(stores, package):
    saved = _record(stores, package, _raw())
    assert isinstance(saved, Saved) and saved.version == 1
    row = stores[1].decision(saved.item_id)
    assert row["wijk_id"] == WIJK and row["item_id"] == NEED and row["uitkomst"] == "toegekend"
    assert row["bedrag"] == 3500 and row["datum"] == dt.date(2014, 3, 12)
    assert row["criteria"] == {"bewoners-actief": True, "draagvlak": True, "past-in-wijkperspectief": True,
                               "geen-regulier-beleid": False}
    assert row["vastgelegd_door"] == "Fatima de Vries" and row["boven_budget"] is False
    (version,) = stores[1].history(saved.item_id)
    assert version.by == "Fatima de Vries" and version.action == "vastgelegd" and version.snapshot["bedrag"] == 3500


def test_the_same_form_submitted_twice_saves_once(stores, package):
    first = _record(stores, package, _raw(), request_id="form-1")
    second = _record(stores, package, _raw(), request_id="form-1")
    assert second.repeated and second.item_id == first.item_id
    assert len(stores[1].frame(WIJK)) == 1


def test_a_revision_keeps_the_old_version_and_refuses_a_stale_base(stores, package):
    saved = _record(stores, package, _raw())
    revised = stores[1].revise(saved.item_id, 1, {"bedrag": 3000}, "Bea Beheerder")
    assert isinstance(revised, Saved) and revised.version == 2
    assert [v.version for v in stores[1].history(saved.item_id)] == [2, 1]
    assert stores[1].history(saved.item_id)[0].changes == {"bedrag": [3500, 3000]}
    assert isinstance(stores[1].revise(saved.item_id, 1, {"bedrag": 1}, "Fatima de Vries"), Conflict)
    assert stores[1].decision(saved.item_id)["bedrag"] == 3000


@pytest.mark.parametrize("who", ACTORS)
def test_only_the_frontline_worker_of_the_wijk_and_the_beheerder_may_record(stores, package, who):
    result = _record(stores, package, _raw(), actor=ACTORS[who])
    if who in MAY_RECORD:
        assert isinstance(result, Saved), result
        assert stores[1].history(result.item_id)[0].by == ACTORS[who].name
    else:
        assert isinstance(result, Refused) and result.reason
        assert stores[1].frame().empty


BAD = {  # field -> (raw changes, words of the message at that field)
    "negative": ("bedrag", {"bedrag": "-500"}, "negatief"),
    "not whole euros": ("bedrag", {"bedrag": "12,50"}, "hele euro"),
    "above remaining": ("bedrag", {"bedrag": "900.000"}, "meer dan de wijk nog heeft"),
    "no rationale": ("motivering", {"motivering": "   "}, "motivering"),
    "criterion unanswered": ("criterium:draagvlak", {"criteria": {"bewoners-actief": "ja", "draagvlak": None,
                                                                  "past-in-wijkperspectief": "ja",
                                                                  "geen-regulier-beleid": "ja"}}, "draagvlak"),
    "no subject": ("item_id", {"item_id": None}, "behoefte of het initiatief"),
    "subject of another wijk": ("item_id", {"item_id": "beijum-nodig-zzp-contact"}, "behoefte of het initiatief"),
    "no amount": ("bedrag", {"bedrag": ""}, "hele euro"),
    "no date": ("datum", {"datum": None}, "vul de datum van het besluit in."),
    "no outcome": ("uitkomst", {"uitkomst": "misschien"}, "toegekend of afgewezen"),
    "who decided empty": ("besloten_door", {"besloten_door": ""}, "wie besloot"),
    "who decided missing": ("besloten_door", {"besloten_door": None}, "wie besloot"),  # not the text "None"
    "no rationale at all": ("motivering", {"motivering": None}, "motivering"),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_input_is_refused_at_its_field_and_nothing_is_saved(stores, package, case):
    field, changes, words = BAD[case]
    result = _record(stores, package, _raw(**changes))
    assert isinstance(result, Invalid), result
    assert field in result.errors and words in result.errors[field].lower(), result.errors
    assert stores[1].frame().empty


def test_a_refusal_may_name_more_than_is_left(stores, package):
    assert isinstance(_record(stores, package, _raw(uitkomst="afgewezen", bedrag="900.000")), Saved)


def test_the_remaining_budget_counts_earlier_grants(stores, package):
    assert isinstance(_record(stores, package, _raw(bedrag="860.000")), Saved)
    refused = _record(stores, package, _raw(bedrag="10.001"))
    assert isinstance(refused, Invalid) and "€ 10.000" in refused.errors["bedrag"].replace("\u00a0", " ")
    assert isinstance(_record(stores, package, _raw(bedrag="10.000")), Saved)


def test_two_grants_at_the_same_moment_cannot_together_pass_the_budget(stores, package, monkeypatch):
    """Both forms are checked against the same € 870.000 before either is written; the write checks again
    under the wijk's lock, so the second is refused with what is left after the first."""
    both_checked = threading.Barrier(2, timeout=20)
    checked_context = app_decisions.context

    def context_then_wait(*args):
        found = checked_context(*args)
        both_checked.wait()
        return found

    monkeypatch.setattr(app_decisions, "context", context_then_wait)
    results = []
    threads = [threading.Thread(target=lambda r=f"race-{n}": results.append(
        _record(stores, package, _raw(bedrag="500.000"), request_id=r))) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(type(r).__name__ for r in results) == ["Invalid", "Saved"]
    (refused,) = [r for r in results if isinstance(r, Invalid)]
    assert "€ 370.000" in refused.errors["bedrag"].replace("\u00a0", " ")
    frame = stores[1].frame(WIJK)
    assert list(frame["bedrag"]) == [500_000] and len(stores[1].history(frame["besluit_id"][0])) == 1


def test_a_grant_waits_for_the_wijks_turn_and_then_counts_what_was_granted_in_it(stores):
    """Another server's write holds the wijk's lock row (PostgreSQL: the row lock of its UPDATE; SQLite: the write
    lock): this grant waits, then sees that write's grant, and no longer fits."""
    decisions = stores[1]
    limit = Limit(total=10_000, granted="toegekend")
    values = {"item_id": NEED, "uitkomst": "toegekend", "criteria": {}, "bedrag": 6_000, "datum": dt.date(2014, 3, 1),
              "besloten_door": "Wijkteam", "motivering": "Bewoners doen het zelf.", "boven_budget": False}
    assert isinstance(decisions.record(WIJK, values, "Fatima", limit=limit), Saved)  # the wijk's lock row exists
    results = []
    waiting = threading.Thread(target=lambda: results.append(
        decisions.record(WIJK, {**values, "bedrag": 3_000}, "Bram", limit=limit)))
    with decisions.engine.begin() as db:
        _take_turn(db, WIJK)
        waiting.start()
        waiting.join(1.5)
        assert waiting.is_alive() and results == []  # waits for the turn
        db.execute(DECISIONS.update().where(DECISIONS.c.wijk_id == WIJK).values(bedrag=8_000))
    waiting.join(30)
    assert results == [OverBudget(WIJK, 2_000)]
    assert list(decisions.frame(WIJK)["bedrag"]) == [8_000]


def test_the_store_refuses_a_grant_that_no_longer_fits_but_not_a_refusal_or_an_override(stores):
    decisions = stores[1]
    limit = Limit(total=10_000, granted="toegekend")
    values = {"item_id": NEED, "uitkomst": "toegekend", "criteria": {}, "bedrag": 6_000, "datum": dt.date(2014, 3, 1),
              "besloten_door": "Wijkteam", "motivering": "Bewoners doen het zelf.", "boven_budget": False}
    first = decisions.record(WIJK, values, "Fatima", limit=limit)
    assert isinstance(first, Saved)
    assert decisions.record(WIJK, {**values, "bedrag": 4_001}, "Fatima", limit=limit) == OverBudget(WIJK, 4_000)
    assert isinstance(decisions.record(WIJK, {**values, "bedrag": 4_000}, "Fatima", limit=limit), Saved)
    assert isinstance(decisions.record(WIJK, {**values, "uitkomst": "afgewezen", "bedrag": 50_000}, "Fatima",
                                       limit=limit), Saved)
    assert isinstance(decisions.record(WIJK, {**values, "bedrag": 1, "boven_budget": True}, "Fatima", limit=limit),
                      Saved)
    assert isinstance(decisions.record("selwerd", {**values, "bedrag": 9_000}, "Fatima", limit=limit), Saved)
    # a revision counts the others (4.000 + the override's 1), not its own old amount of 6.000
    assert isinstance(decisions.revise(first.item_id, 1, {"bedrag": 5_999}, "Fatima", limit=limit), Saved)
    assert decisions.revise(first.item_id, 2, {"bedrag": 6_000}, "Fatima", limit=limit) == OverBudget(WIJK, 5_999)
    assert decisions.decision(first.item_id)["versie"] == 2


def test_the_override_lets_a_grant_above_the_remaining_budget_through_and_is_logged(stores, package):
    log = settings().audit_log
    before = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    saved = _record(stores, package, _raw(bedrag="900.000", boven_budget=True))
    assert isinstance(saved, Saved)
    row = stores[1].decision(saved.item_id)
    assert row["boven_budget"] is True
    assert stores[1].history(saved.item_id)[0].action == "vastgelegd-boven-budget"
    new = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()[len(before):]]
    assert [(e["actie"], e["wijk"], e["bedrag"], e["resterend_voor"], e["door"]) for e in new] == [
        ("besluit-boven-budget", WIJK, 900_000, 870_000, "fatima")]


def test_an_override_within_the_budget_is_no_override(stores, package):
    saved = _record(stores, package, _raw(boven_budget=True))
    assert stores[1].decision(saved.item_id)["boven_budget"] is False


def test_nothing_above_the_wijks_ceiling_even_with_the_override(stores, package):
    result = _record(stores, package, _raw(bedrag="900.001", boven_budget=True))
    assert isinstance(result, Invalid) and "900.000" in result.errors["bedrag"]


def _descriptor_without_criteria(pkg_dir, change) -> None:
    path = pkg_dir / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor["wijkperspectief"])
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")


def test_a_criterion_without_its_english_label_is_a_package_problem(broken_package):
    from nla_data import load_package

    pkg_dir = broken_package()
    _descriptor_without_criteria(pkg_dir, lambda extra: extra["besluitcriteria"]["criteria"][0].pop("label_en"))
    loaded = load_package(pkg_dir)
    assert loaded.package is None
    assert any("besluitcriteria" in str(problem) and "label_en" in str(problem) for problem in loaded.problems), [
        str(p) for p in loaded.problems]


def test_a_package_without_criteria_records_no_decision_and_says_why(broken_package, tmp_path):
    from nla_data import load_package

    pkg_dir = broken_package()
    _descriptor_without_criteria(pkg_dir, lambda extra: extra.pop("besluitcriteria"))
    package = load_package(pkg_dir).package
    assert package.facts.criteria.items == ()
    entries = EntryStore.open(package, f"sqlite:///{tmp_path}/none.sqlite")
    decisions = DecisionStore(entries.engine)
    result = app_decisions.record(decisions, package.wijken, entries.items(), package.facts.criteria, WIJK, _raw(),
                                  ACTORS["beheerder"], None)
    assert isinstance(result, Refused) and "besluitcriteria" in result.reason
    assert decisions.frame().empty


def test_an_unanswered_criterion_is_named_in_the_message_at_its_field(stores, package):
    raw = _raw(criteria={"bewoners-actief": "ja", "past-in-wijkperspectief": "ja", "geen-regulier-beleid": "nee"})
    refused = _record(stores, package, raw)
    assert isinstance(refused, Invalid)
    assert refused.errors == {"criterium:draagvlak": "Beantwoord dit criterium: er is voldoende draagvlak onder bewoners."}
    assert stores[1].frame(WIJK).empty


def test_a_decision_without_a_date_asks_for_it_in_words(stores, package):
    result = _record(stores, package, _raw(datum=None))
    assert isinstance(result, Invalid) and result.errors["datum"] == "Vul de datum van het besluit in."


@pytest.mark.parametrize("typed", ["12-03-2014", "2014-03-12", " 12-03-2014 "])
def test_a_decision_date_typed_as_day_month_year_or_iso_is_read(stores, package, typed):
    saved = _record(stores, package, _raw(datum=typed))
    assert isinstance(saved, Saved), saved
    assert stores[1].decision(saved.item_id)["datum"] == dt.date(2014, 3, 12)


def test_a_decision_dated_with_a_time_of_day_keeps_its_day(stores, package):
    saved = _record(stores, package, _raw(datum=dt.datetime(2014, 3, 12, 15, 30)))
    assert isinstance(saved, Saved), saved
    assert stores[1].decision(saved.item_id)["datum"] == dt.date(2014, 3, 12)


def test_a_decision_date_that_cannot_be_read_says_how_to_write_it_at_the_date(stores, package):
    result = _record(stores, package, _raw(datum="12 maart"))
    assert isinstance(result, Invalid) and result.errors == {"datum": "Vul een datum in als dd-mm-jjjj."}


def test_a_rationale_that_is_too_long_says_the_limit_and_its_length(stores, package):
    result = _record(stores, package, _raw(motivering="x" * 4001))
    assert isinstance(result, Invalid)
    assert result.errors == {"motivering": "Gebruik hoogstens 4.000 tekens (nu 4.001)."}


def test_a_decision_without_an_outcome_names_both_in_a_sentence(stores, package):
    result = _record(stores, package, _raw(uitkomst=None))
    assert isinstance(result, Invalid) and result.errors["uitkomst"] == "Kies: toegekend of afgewezen."


def test_a_grant_above_what_is_left_says_how_much_is_left_and_how_to_go_on(stores, package):
    result = _record(stores, package, _raw(bedrag="900.000"))
    assert isinstance(result, Invalid)
    assert result.errors["bedrag"] == (
        "Dit is meer dan de wijk nog heeft (€ 870.000). Kies een lager bedrag, of vink aan dat je bewust boven "
        "het budget besluit (dat wordt vastgelegd).")


@pytest.mark.parametrize("day", [dt.date(1990, 1, 1), dt.date(2100, 12, 31), "31-12-2100"])
def test_a_decision_may_be_dated_on_the_first_and_the_last_day_allowed(stores, package, day):
    assert isinstance(_record(stores, package, _raw(datum=day)), Saved)


@pytest.mark.parametrize("day", [dt.date(1989, 12, 31), dt.date(2101, 1, 1)])
def test_a_decision_dated_outside_the_allowed_days_names_them(stores, package, day):
    result = _record(stores, package, _raw(datum=day))
    assert isinstance(result, Invalid)
    assert result.errors == {"datum": "Kies een datum tussen 01-01-1990 en 31-12-2100."}


def test_who_decided_may_be_two_letters_but_not_one(stores, package):
    assert isinstance(_record(stores, package, _raw(besloten_door="WT")), Saved)
    refused = _record(stores, package, _raw(besloten_door="W"))
    assert isinstance(refused, Invalid) and refused.errors == {"besloten_door": "Gebruik minstens 2 tekens."}
