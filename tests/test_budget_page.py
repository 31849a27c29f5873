"""The Budget page (AppTest): for the public every wijk renders with its figures and decisions; the frontline
worker of the wijk and the beheerder record a decision through the form; bad input stays in the form with a
message at its field and nothing is saved; others get no form."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from nla_data import EMBEDDED_DIR, load_package
from nla_data.decisions import DecisionStore
from nla_data.store import EntryStore, now
from domain import format as fmt
from domain.texts import t
from tests.apptest import open_folds, open_page, sign_in, texts

WIJK = "korrewegwijk"
FORM = f"decision-{WIJK}-1"  # the first form of the session (ui.decision_form: a new one after each save)
WIJKEN = list(load_package(EMBEDDED_DIR).package.wijken.index)
CRITERIA = ("bewoners-actief", "draagvlak", "past-in-wijkperspectief", "geen-regulier-beleid")


@pytest.fixture
def database(tmp_path, monkeypatch) -> DecisionStore:
    """A fresh database per test, filled from the embedded package like on first start."""
    url = f"sqlite:///{tmp_path}/budget.sqlite"
    monkeypatch.setenv("NLA_DATABASE_URL", url)
    return DecisionStore(EntryStore.open(load_package(EMBEDDED_DIR).package, url).engine)


def _metrics(at) -> list[str]:
    return [m.value.replace("\u00a0", " ") for m in at.metric]  # money uses a no-break space


def _table(at, column: str):
    """The first table on the page with this column (AppTest keeps no key on a dataframe or a table)."""
    return next(d.value for d in [*at.dataframe, *at.table] if column in d.value.columns)


def _no_exception(at):
    assert not at.exception, [e.value for e in at.exception]


def _as(username: str, wijk: str = WIJK):
    return sign_in(open_page("budget", wijk=wijk), username)


def _fill(at, form: str = FORM, **changes):
    values = {"item_id": "korrewegwijk-nodig-wijkstemdag", "uitkomst": "toegekend", "bedrag": "3.500",
              "besloten_door": "Wijkteam Korrewegwijk", "motivering": "Bewoners organiseren de wijkstemdag zelf.",
              **{f"criterium:{c}": "ja" for c in CRITERIA}, **changes}
    for name, value in values.items():
        if name == "item_id":
            at.selectbox(key=f"{form}:{name}").set_value(value)
        elif name == "uitkomst" or name.startswith("criterium:"):
            at.radio(key=f"{form}:{name}").set_value(value)
        elif name == "motivering":
            at.text_area(key=f"{form}:{name}").input(value)
        elif name == "boven_budget":
            at.checkbox(key=f"{form}:{name}").set_value(value)
        else:
            at.text_input(key=f"{form}:{name}").input(value)
    return at


def _submit(at):
    next(b for b in at.button if b.label == "Besluit vastleggen" and b.key.startswith("FormSubmitter")).click()
    return at.run()


def test_the_city_view_answers_with_the_source_totals():
    at = open_page("budget")
    _no_exception(at)
    shown = texts(at)
    assert "Alle 15 wijken" in shown
    assert _metrics(at)[:1] == ["€ 8.425.000"]
    open_folds(at, "budget-per-wijk-fold:")
    assert "€ 8.875.000" in _table(at, "Plafond 2011–2014").to_string().replace("\u00a0", " ")
    assert "Kies een wijk in de zijbalk om een besluit vast te leggen." not in shown  # the public records none
    assert len(at.get("plotly_chart")) == 3
    open_folds(at, "budget-flow-fold")  # the flow's table is made when its fold is opened (ui.table_fold)
    flow = _table(at, "Stap")
    assert list(flow["Stap"]) == ["Plafond 2011–2014", "Korting 2014", "Na korting", "Toegekend", "Nog beschikbaar",
                                  "Gevraagd, nog niet besloten", "Saldo als alles wordt toegekend"]
    assert list(flow["Bedrag"].str.replace("\u00a0", " "))[:3] == ["€ 8.875.000", "€ -450.000", "€ 8.425.000"]


@pytest.mark.parametrize("wijk_id", WIJKEN)
def test_every_wijk_renders_for_the_public(database, wijk_id):
    at = open_page("budget", wijk=wijk_id)
    _no_exception(at)
    assert at.query_params["wijk"] == wijk_id
    assert "Log in als frontlijnwerker van deze wijk" in texts(at)
    assert not at.text_area  # no form for the public


def test_the_lines_trace_each_need_and_the_needs_without_amount_are_listed(database):
    at = open_page("budget", wijk=WIJK)
    lines = _table(at, "Behoefte")
    assert len(lines) == 1  # the wijkstemdag; the vegetable garden's permission has no amount
    assert lines.iloc[0]["Bedrag"].replace("\u00a0", " ") == "€ 3.500"
    assert lines.iloc[0]["Hoort bij (initiatief)"]
    assert "Besluit" not in lines.columns  # nothing decided yet: no column of empty cells
    assert any("Zonder bedrag (1)" in e.label for e in at.expander)


def test_a_need_with_an_amount_but_no_kind_of_help_shows_an_empty_kind_not_nan(database, tmp_path):
    """"Soort hulp" is optional: a need without it still has its line, with the kind left empty (it said "nan")."""
    store = EntryStore.open(load_package(EMBEDDED_DIR).package, f"sqlite:///{tmp_path}/budget.sqlite")
    store.create("korrewegwijk-nodig-zonder-soort", WIJK, {"sectie": "nodig", "status": "idee", "bedrag": 1200,
                                                           "titel": "Koffie voor de buurtkamer"}, [], "Mia")
    at = open_page("budget", wijk=WIJK)
    _no_exception(at)
    lines = _table(at, "Behoefte").set_index("Behoefte")
    assert lines.loc["Koffie voor de buurtkamer", "Soort hulp"] == ""
    assert lines.loc["Koffie voor de buurtkamer", "Bedrag"].replace("\u00a0", " ") == "€ 1.200"
    assert lines.loc["Budget voor de organisatie van de volgende wijkstemdag", "Soort hulp"] == "geld"
    assert "nan" not in lines.to_string()


def test_in_english():
    at = open_page("budget", wijk="tuinwijk", lang="en")
    _no_exception(at)
    assert "How much neighbourhood budget is there" in texts(at)
    assert "No open needs with an estimated amount." in texts(at)


def test_the_frontline_worker_records_a_decision_and_the_public_reads_it(database):
    at = _as("fatima")
    _no_exception(at)
    _submit(_fill(at))
    _no_exception(at)
    assert [toast.value for toast in at.toast] == ["Besluit vastgelegd"]
    assert at.text_input(key=f"decision-{WIJK}-2:bedrag").value == ""  # a fresh form: nothing to save twice
    (row,) = database.frame(WIJK).to_dict("records")
    assert row["bedrag"] == 3500 and row["vastgelegd_door"] == "Fatima de Vries"
    assert row["datum"] == now().date()  # the form starts at Groningen's date, as the store's moments
    assert set(row["criteria"].values()) == {True}
    public = open_page("budget", wijk=WIJK)
    listed = _table(public, "Motivering")
    assert list(listed["Uitkomst"]) == ["toegekend"]
    assert list(listed["Er is voldoende draagvlak onder bewoners"]) == ["ja"]
    assert "Vastgelegd door" not in listed.columns  # names are not public
    assert _metrics(public)[2] == "€ 3.500"  # granted
    (line,) = _table(public, "Behoefte").to_dict("records")  # the need stays a line, now with its decision
    assert line["Besluit"].replace("\u00a0", " ") == "toegekend (€ 3.500)"


@pytest.mark.parametrize("case, changes, field_words", [
    ("negative", {"bedrag": "-500"}, "negatief"),
    ("not whole euros", {"bedrag": "12,50"}, "hele euro"),
    ("above remaining", {"bedrag": "880.000"}, "meer dan de wijk nog heeft"),
    ("no rationale", {"motivering": " "}, "openbare motivering"),
])
def test_bad_input_stays_in_the_form_with_a_message_and_nothing_is_saved(database, case, changes, field_words):
    at = _as("fatima")
    typed = {"motivering": "Mijn uitleg die niet verloren mag gaan.", "bedrag": "3.500", **changes}
    _submit(_fill(at, **typed))
    _no_exception(at)
    assert any(field_words in e.value.lower() for e in at.error), [e.value for e in at.error]
    assert at.text_area(key=f"{FORM}:motivering").value == typed["motivering"]  # the form keeps what was typed
    assert at.text_input(key=f"{FORM}:bedrag").value == typed["bedrag"]
    assert database.frame().empty


@pytest.mark.parametrize("typed", [dt.date(1985, 1, 1), dt.date(2150, 1, 1)])
def test_a_decision_date_outside_the_rules_is_refused_with_its_reason_and_kept(database, typed):
    """The date field takes any date and the check says what is wrong (its own bounds refused a typed date
    silently, and the form was saved with the date it had before)."""
    at = _fill(_as("fatima"))
    at.date_input(key=f"{FORM}:datum").set_value(typed)
    _submit(at)
    _no_exception(at)
    assert "Kies een datum tussen 01-01-1990 en 31-12-2100." in [e.value.replace("\\", "") for e in at.error]
    assert at.date_input(key=f"{FORM}:datum").value == typed
    assert database.frame().empty


def test_a_criterion_left_unanswered_is_said_at_that_criterion(database):
    at = _as("fatima")
    _fill(at)
    at.radio(key=f"{FORM}:criterium:draagvlak").set_value(None)
    _submit(at)
    assert any("draagvlak" in e.value for e in at.error)
    assert at.text_input(key=f"{FORM}:bedrag").value == "3.500"
    assert database.frame().empty


def test_the_beheerder_records_above_the_budget_with_the_override(database):
    at = _as("beheer", "oosterhoogebrug")  # after the cut: € 420.000, ceiling € 450.000
    form = "decision-oosterhoogebrug-1"
    _submit(_fill(at, form, item_id="oosterhoogebrug-nodig-handgeld", bedrag="430.000", boven_budget=True))
    _no_exception(at)
    assert [toast.value for toast in at.toast] == ["Besluit vastgelegd, boven het beschikbare budget (gelogd)"]
    (row,) = database.frame("oosterhoogebrug").to_dict("records")
    assert row["boven_budget"] and row["vastgelegd_door"] == "Bea Beheerder"
    assert database.history(row["besluit_id"])[0].action == "vastgelegd-boven-budget"


@pytest.mark.parametrize("username, wijk", [("bea", WIJK), ("wim", WIJK), ("cora", WIJK)])
def test_others_get_no_form(database, username, wijk):
    at = _as(username, wijk)
    _no_exception(at)
    assert "Log in als frontlijnwerker van deze wijk of als beheerder" in texts(at)
    assert not at.text_area


def test_the_wijk_pages_budget_box_links_here_for_that_wijk():
    at = open_page("wijk", wijk=WIJK)
    _no_exception(at)
    (link,) = [e.proto for e in at.get("page_link") if e.proto.label == "Van behoeften naar budget, en de besluiten"]
    assert "wijk=korrewegwijk" in link.query_string


def test_after_a_person_is_erased_no_decision_names_them_even_from_the_cache(database):
    """The decisions are cached per revision (ui.decision_form.frame); an erasure rewrites who recorded them
    without a new revision, so the data manager's erasure drops that cache (pages/beheer.py)."""
    from streamlit.navigation.page import calc_hash

    _submit(_fill(_as("fatima")))
    manager = _as("beheer")
    _no_exception(manager)
    assert any("Fatima de Vries" in who for who in _table(manager, "Vastgelegd door")["Vastgelegd door"])
    manager._page_hash = calc_hash("beheer")  # noqa: SLF001 - the same session on the data manager's page
    manager.run()
    manager.text_input(key="beheer:person-name").input("Fatima de Vries")
    manager.button(key="beheer:person-find").click().run()
    manager.checkbox(key="beheer:person-sure").check().run()
    manager.button(key="beheer:person-erase").click().run()
    _no_exception(manager)
    assert manager.success, "the erasure was not confirmed"
    manager._page_hash = calc_hash("budget")  # noqa: SLF001
    manager.query_params["wijk"] = WIJK
    manager.run()
    _no_exception(manager)
    recorded = list(_table(manager, "Vastgelegd door")["Vastgelegd door"])
    assert recorded and not any("Fatima" in who for who in recorded), recorded


@pytest.mark.parametrize(("lang", "prefix"), [("nl", "€\u00a0"), ("en", "€")])
def test_the_charts_labels_keep_their_size_and_the_axis_writes_money_as_the_labels(lang, prefix):
    """Found on screen: plotly shrank the amounts beside the thin grouped bars to about 6 px; in English the
    axis said "€ 9,000,000" beside labels that say "€8,875,000"; and on a phone the waterfall's four full amounts
    ran together ("€ 0€ 100.000200.000"): a few round ticks, short."""
    import json

    at = open_page("budget", lang=lang)
    _no_exception(at)
    figures = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    labelled = [trace for figure in figures for trace in figure["data"] if trace.get("text")]
    assert len(labelled) >= 4
    assert all(trace.get("constraintext") == "none" for trace in labelled)
    waterfall = next(figure for figure in figures if figure["data"][0]["type"] == "waterfall")
    axis = waterfall["layout"]["xaxis"]
    assert 2 <= len(axis["tickvals"]) <= 4 and axis["tickvals"][0] == 0
    assert axis["ticktext"] == [fmt.money_short(v, lang) for v in axis["tickvals"]]
    assert all(text.startswith(prefix) and len(text) <= 11 for text in axis["ticktext"]), axis["ticktext"]
    # Found on a phone: amounts on end under the waterfall, the longest bar's amount cut off ("€ 870.0")
    assert all(figure["layout"]["xaxis"]["tickangle"] == 0 for figure in figures)
    for figure in figures:
        if figure["layout"]["xaxis"].get("type") == "log":
            longest = max(x for trace in figure["data"] for x in trace["x"] if x)
            assert figure["layout"]["xaxis"]["range"][1] == pytest.approx(math.log10(longest))  # its amount in the margin
            assert figure["layout"]["margin"]["r"] >= 80
            assert figure["layout"]["margin"]["t"] >= 80  # a phone's legend of three rows stays above the bars


@pytest.mark.parametrize(("who", "asked"), [(None, False), ("wim", False), ("fatima", True), ("beheer", True)])
def test_only_who_may_record_a_decision_is_asked_to_choose_a_wijk_for_it(who, asked):
    at = open_page("budget")
    if who:
        at = sign_in(at, who)
    assert not at.exception
    assert (t("bud.form_choose_wijk") in texts(at)) == asked, who
