"""The "Netwerk" part of the wijk page (AppTest): for every wijk the picture and its table, or the words
for an empty network; a click (the chart's selection, set as the browser would) opens the entry; persons
only for who may see them; links made and removed in the entry forms show in the network."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from domain.privacy import visibility
from domain.texts import t
from nla_data import EMBEDDED_DIR, load_package
from nla_data.decisions import DecisionStore
from nla_data.store import EntryStore
from tests.apptest import open_page, sign_in, texts
from ui.network_view import chart_key, table_key, table_open_key

PACKAGE = load_package(EMBEDDED_DIR).package
WITH_ENTRIES = sorted(set(PACKAGE.items["wijk_id"]))
PERSON = "korrewegwijk-contact-wijkstemdag"
PERSON_TITLE = "Bewoner in de organisatie van de wijkstemdag"


@pytest.fixture
def database(tmp_path, monkeypatch) -> EntryStore:
    url = f"sqlite:///{tmp_path}/entries.sqlite"
    monkeypatch.setenv("NLA_DATABASE_URL", url)
    return EntryStore.open(PACKAGE, url)


def _no_exception(at):
    assert not at.exception, [e.value for e in at.exception]


def _network_spec(at) -> dict | None:
    """The network's figure as sent to the browser (the chart whose points carry entries)."""
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        if any(trace.get("customdata") and trace.get("type") == "scatter" for trace in spec["data"]):
            return spec
    return None


def _table_expander(at, lang="nl"):
    return next(e for e in at.expander if e.label.startswith(t("net.table", lang, n="").split("(")[0]))


def _table(at, lang="nl", wijk_id=None):
    """The link table, opened first as a click on its expander does (it is made only while open)."""
    if not _table_expander(at, lang).dataframe:
        wijk_id = wijk_id or at.query_params["wijk"]
        at.session_state[table_open_key(wijk_id[0] if isinstance(wijk_id, list) else wijk_id)] = True
        at.run()
        _no_exception(at)
    return _table_expander(at, lang).dataframe[0].value


def _select(at, wijk_id: str, node_id: str) -> None:
    """Click a point, as Streamlit reports it: the point's curve, index and customdata."""
    spec = _network_spec(at)
    for curve, trace in enumerate(spec["data"]):
        for index, data in enumerate(trace.get("customdata") or []):
            if data[1] == node_id:
                at.session_state[chart_key(wijk_id)] = {"selection": {
                    "points": [{"curve_number": curve, "point_index": index, "point_number": index,
                                "customdata": data}], "point_indices": [index], "box": [], "lasso": []}}
                at.run()
                return
    raise AssertionError(f"{node_id} is not a point of the network")


@pytest.mark.parametrize("wijk_id", list(PACKAGE.wijken.index))
def test_every_wijk_has_its_network_or_says_it_is_empty(wijk_id):
    at = open_page("wijk", wijk=wijk_id)
    _no_exception(at)
    assert t("net.title") in [s.value for s in at.subheader]
    spec = _network_spec(at)
    items = PACKAGE.items
    public = items[(items["wijk_id"] == wijk_id) & (visibility(items) == "openbaar")]
    if wijk_id not in WITH_ENTRIES or public.empty:
        assert spec is None
        assert t("net.empty") in [i.value for i in at.info]
        return
    shown = {data[1] for trace in spec["data"] for data in trace.get("customdata") or []}
    assert shown == set(public["item_id"])
    table = _table(at)
    assert list(table.columns) == ["Item", "Soort", "Koppeling", "Met", "Soort (met)"]
    titles = set(table["Item"]) | set(table["Met"])
    assert set(public["titel"]) <= titles
    assert t("net.empty") not in [i.value for i in at.info]
    source = t("net.source", date="").split(";")[0]
    assert any(source in c.value and "stand " in c.value for c in at.caption)  # source and date
    unlinked = set(table["Koppeling"]) == {t("net.not_linked")}
    assert unlinked == any(t("net.no_links_reader") in c.value for c in at.caption)  # says there are none
    assert not any(t("net.no_links") in c.value for c in at.caption)  # the public is not asked to link them


def test_the_empty_network_says_so_in_words():
    at = open_page("wijk", wijk="tuinwijk")
    _no_exception(at)
    assert _network_spec(at) is None
    assert [i.value for i in at.info if i.value.startswith(t("net.empty"))] == [t("net.empty")]  # not: record them
    editor = sign_in(open_page("wijk", wijk="tuinwijk"), "fatima")  # her wijk: she is asked to record and link
    assert f"{t('net.empty')} {t('net.empty_editor')}" in [i.value for i in editor.info]
    alderman = sign_in(open_page("wijk", wijk="tuinwijk"), "wim")  # signed in, not an editor of Tuinwijk
    assert [i.value for i in alderman.info if i.value.startswith(t("net.empty"))] == [t("net.empty")]


def test_a_click_on_a_node_opens_that_entry_and_close_keeps_it_closed():
    at = open_page("wijk", wijk="korrewegwijk")
    assert "item" not in at.query_params and not [b for b in at.button if b.key == "network-close:korrewegwijk"]
    _select(at, "korrewegwijk", "korrewegwijk-stip")
    _no_exception(at)
    assert at.query_params["item"] == ["korrewegwijk-stip"] or at.query_params["item"] == "korrewegwijk-stip"
    assert t("net.selected") in " ".join(c.value for c in at.caption)
    assert at.button(key="network-close:korrewegwijk").label == t("net.close")
    said = texts(at)
    # the card, once more in the network part: its title and the link to its place in the section
    assert said.count("**Stip Korrewegwijk**") == 2
    assert f"[{t('net.to_card')}](#item-korrewegwijk-stip)" in said
    at.button(key="network-close:korrewegwijk").click().run()
    _no_exception(at)
    assert "item" not in at.query_params
    assert texts(at).count("**Stip Korrewegwijk**") == 1
    at.run()  # the chart still has its selection: acted on once, so the entry stays closed
    assert "item" not in at.query_params


def test_a_row_of_the_table_opens_its_entry_too():
    """Without a mouse on the picture: choose a row of the table."""
    at = open_page("wijk", wijk="korrewegwijk")
    table = _table(at)
    row = list(table["Item"]).index("Stip Korrewegwijk")
    at.session_state[table_key("korrewegwijk")] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    at.run()
    _no_exception(at)
    assert at.query_params["item"] in ("korrewegwijk-stip", ["korrewegwijk-stip"])
    assert texts(at).count("**Stip Korrewegwijk**") == 2
    at.button(key="network-close:korrewegwijk").click().run()
    at.run()  # the row stays selected, and is acted on once
    assert "item" not in at.query_params


def test_a_shared_link_to_an_entry_shows_it_and_a_hidden_one_shows_nothing():
    at = open_page("wijk", wijk="korrewegwijk", item="korrewegwijk-wijkstemdag")
    _no_exception(at)
    assert t("net.selected") in " ".join(c.value for c in at.caption)
    hidden = open_page("wijk", wijk="korrewegwijk", item=PERSON)
    _no_exception(hidden)
    assert t("net.selected") not in " ".join(c.value for c in hidden.caption)
    assert PERSON_TITLE not in texts(hidden)
    assert "item" not in hidden.query_params
    elsewhere = open_page("wijk", wijk="selwerd", item="korrewegwijk-wijkstemdag")
    assert t("net.selected") not in " ".join(c.value for c in elsewhere.caption)


@pytest.mark.parametrize("item", ["bestaat-niet", "x" * 5000, "'; DROP TABLE items; --", "<b>vet</b>"])
def test_a_link_to_an_entry_that_is_not_there_shows_nothing_and_is_dropped(item):
    """The chosen card is read by its id from the URL (a bound parameter): an unknown, huge or hostile id is no
    entry, nothing breaks, the page draws its cards and the parameter leaves the URL."""
    at = open_page("wijk", wijk="korrewegwijk", item=item)
    _no_exception(at)
    assert t("net.selected") not in " ".join(c.value for c in at.caption)
    assert "item" not in at.query_params
    assert "Wijkstemdag" in texts(at)  # the page's own cards are there


def test_the_public_never_gets_a_person_and_the_frontline_worker_does(database):
    public = open_page("wijk", wijk="korrewegwijk")
    spec = _network_spec(public)
    assert t("net.kind.persoon") not in [trace.get("name") for trace in spec["data"]]
    assert PERSON_TITLE not in json.dumps(spec, ensure_ascii=False)
    assert PERSON_TITLE not in set(_table(public)["Item"])
    frontline = sign_in(open_page("wijk", wijk="korrewegwijk"), "fatima")
    _no_exception(frontline)
    spec = _network_spec(frontline)
    persons = [trace for trace in spec["data"] if trace.get("name") == t("net.kind.persoon")]
    assert [data[2] for data in persons[0]["customdata"]] == [PERSON_TITLE]
    rows = {tuple(r) for r in _table(frontline).itertuples(index=False)}
    assert (PERSON_TITLE, "Persoon", "neemt deel aan", "Wijkstemdag: bewoners stemmen over het wijkbudget",
            "Initiatief") in rows
    _select(frontline, "korrewegwijk", PERSON)
    assert frontline.query_params["item"] in (PERSON, [PERSON])


def test_a_decision_is_in_the_network_and_a_click_opens_what_it_is_about(database):
    need = "korrewegwijk-nodig-wijkstemdag"
    DecisionStore(database.engine).record("korrewegwijk", {
        "item_id": need, "uitkomst": "toegekend", "bedrag": 3_500, "datum": dt.date(2014, 3, 1),
        "criteria": dict.fromkeys(PACKAGE.facts.criteria.keys, True), "besloten_door": "Wijkteam Korrewegwijk",
        "motivering": "Bewoners organiseren de wijkstemdag zelf.", "boven_budget": False}, "Fatima de Vries")
    at = open_page("wijk", wijk="korrewegwijk")
    spec = _network_spec(at)
    decisions = [trace for trace in spec["data"] if trace.get("name") == t("net.kind.besluit")]
    (entry, node_id, title), = decisions[0]["customdata"]
    assert entry == need and title == "Besluit: toegekend €\u00a03.500 (01-03-2014)"
    assert "Fatima de Vries" not in json.dumps(spec, ensure_ascii=False)  # who recorded it is not public
    _select(at, "korrewegwijk", node_id)
    _no_exception(at)
    assert at.query_params["item"] in (need, [need])
    said = texts(at)
    assert t("net.decision_of", decision="").split("“")[0] in said  # "U koos het besluit"
    assert said.count("**Budget voor de organisatie van de volgende wijkstemdag**") == 2  # its card, here too
    assert t("net.to_budget") in [link.label for link in at.get("page_link")]


def test_english_legend_and_table(database):
    at = open_page("wijk", wijk="selwerd", lang="en")
    _no_exception(at)
    spec = _network_spec(at)
    assert {"Organisation", "Initiative", "Need"} <= {trace.get("name") for trace in spec["data"]}
    assert "Network" in [s.value for s in at.subheader]
    assert list(_table(at, "en").columns) == ["Entry", "Kind", "Link", "With", "Kind (with)"]


# --- links are made and removed in the entry forms --------------------------------------------------

@pytest.mark.parametrize("section", ["netwerk", "nodig"])
def test_the_new_entry_form_offers_the_initiatives_to_link(database, section):
    at = sign_in(open_page("wijk", wijk="korrewegwijk"), "fatima")
    at.button(key=f"btn:new-korrewegwijk-{section}").click().run()
    options = at.multiselect(key=f"new-korrewegwijk-{section}:links").options
    initiatives = PACKAGE.items[(PACKAGE.items["wijk_id"] == "korrewegwijk") & (PACKAGE.items["sectie"] == "gebeurt")]
    assert len(options) == len(initiatives) > 0


def test_a_link_made_and_removed_in_the_form_shows_in_the_network(database):
    stip, initiative = "korrewegwijk-stip", "korrewegwijk-wijkstemdag"
    row = ("Stip Korrewegwijk", "Organisatie", "neemt deel aan", "Wijkstemdag: bewoners stemmen over het wijkbudget",
           "Initiatief")
    at = sign_in(open_page("wijk", wijk="korrewegwijk"), "fatima")
    assert row not in {tuple(r) for r in _table(at).itertuples(index=False)}
    at.button(key=f"btn-edit:{stip}").click().run()
    at.multiselect(key=f"edit-{stip}:links").select(initiative)
    _submit(at)
    _no_exception(at)
    assert row in {tuple(r) for r in _table(at).itertuples(index=False)}
    at.button(key=f"btn-edit:{stip}").click().run()
    at.multiselect(key=f"edit-{stip}:links").unselect(initiative)
    _submit(at)
    _no_exception(at)
    assert initiative not in database.item(stip)["koppelingen"]
    assert row not in {tuple(r) for r in _table(at).itertuples(index=False)}


def _submit(at):
    next(b for b in at.button if b.label == "Opslaan" and b.key.startswith("FormSubmitter")).click()
    return at.run()


def test_a_wijk_with_more_entries_than_a_picture_holds_draws_the_linked_ones_and_sends_the_table_when_opened(
        database):
    """Issue 11: a wijk with thousands of entries sent all of them as points (1.4 MB at 10,000) and the whole
    link table (0.55 MB) on every run. Now the picture holds MAX_DRAWN nodes and says so, and the table (every
    link) is made only while its expander is open."""
    from ui.network_view import MAX_DRAWN

    initiatives = [f"tuinwijk-ini-{i}" for i in range(10)]
    for number, item_id in enumerate(initiatives):
        database.create(item_id, "tuinwijk", {"sectie": "gebeurt", "titel": f"Initiatief {number}", "status": "loopt"},
                        [], "Fatima de Vries")
    for number in range(MAX_DRAWN + 20):  # needs, each linked to an initiative
        database.create(f"tuinwijk-need-{number}", "tuinwijk", {"sectie": "nodig", "titel": f"Behoefte {number}",
                                                                "status": "open"}, [initiatives[number % 10]],
                        "Fatima de Vries")
    total = len(initiatives) + MAX_DRAWN + 20
    at = open_page("wijk", wijk="tuinwijk")
    _no_exception(at)
    points = [data for trace in _network_spec(at)["data"] for data in trace.get("customdata") or []]
    assert len(points) == MAX_DRAWN
    drawn = {data[0] for data in points}
    groups = [{hub} | {f"tuinwijk-need-{n}" for n in range(MAX_DRAWN + 20) if n % 10 == i}
              for i, hub in enumerate(initiatives)]  # 10 groups of 15: 8 fit, each drawn whole
    assert sum(group <= drawn for group in groups) == MAX_DRAWN // 15 and not any(
        drawn & group and not group <= drawn for group in groups)
    assert t("net.focused", shown=str(MAX_DRAWN), total=str(total)) in " ".join(c.value for c in at.caption)
    assert not _table_expander(at).dataframe  # closed: not sent
    table = _table(at)  # opened: every link
    assert len(table) == MAX_DRAWN + 20
    assert set(table["Item"]) == {f"Behoefte {number}" for number in range(MAX_DRAWN + 20)}
