"""The wijk's network (domain.network, domain.network_layout, figures.network_chart): nodes and edges from a
small frame, persons only for those who may see them, decisions attached to their subject, a stable layout
that keeps linked nodes together, and a figure with a trace per kind and readable, escaped labels."""

from __future__ import annotations

import datetime as dt
import itertools

import pandas as pd
import pytest

from domain import network as net
from domain.network_layout import layout
from domain.permissions import PUBLIC, Actor
from domain.texts import t
from figures.network_chart import (HEAD_WIDTH, LABEL_LINES, LABEL_WIDTH, column_head, network_chart, short_label,
                                   traces)

OPEN = ("idee", "gepland", "loopt")
FRONTLINE = Actor("fatima", "Fatima de Vries", "frontlijnwerker", frozenset({"selwerd"}))
OTHER_FRONTLINE = Actor("bea", "Bea van Beijum", "frontlijnwerker", frozenset({"beijum"}))


def _item(item_id, sectie, titel, status="loopt", soort=None, zichtbaarheid=None, wijk="selwerd"):
    return {"item_id": item_id, "wijk_id": wijk, "sectie": sectie, "titel": titel, "status": status,
            "soort": soort, "zichtbaarheid": zichtbaarheid}


ITEMS = pd.DataFrame([
    _item("wijkteam", "netwerk", "Wijkteam Selwerd", soort="organisatie", zichtbaarheid="openbaar"),
    _item("buren", "netwerk", "Burennetwerk", soort="netwerk", zichtbaarheid="openbaar"),
    _item("jan", "netwerk", "Aanspreekpunt wijkbedrijf", soort="persoon", zichtbaarheid="frontlijn"),
    _item("wijkbedrijf", "gebeurt", "Wijkbedrijf Selwerd"),
    _item("moestuin", "gebeurt", "Moestuin", status="afgerond"),
    _item("start", "nodig", "Startgeld wijkbedrijf"),
    _item("elders", "gebeurt", "Initiatief in Beijum", wijk="beijum"),
])
LINKS = pd.DataFrame([("wijkteam", "wijkbedrijf", "neemt-deel-aan"), ("jan", "wijkbedrijf", "neemt-deel-aan"),
                      ("start", "wijkbedrijf", "hoort-bij"), ("buren", "moestuin", "neemt-deel-aan")],
                     columns=["van_item", "naar_item", "relatie"])
DECISIONS = pd.DataFrame([
    {"besluit_id": "b1", "wijk_id": "selwerd", "item_id": "start", "uitkomst": "toegekend", "bedrag": 5000,
     "datum": dt.date(2014, 3, 1)},
    {"besluit_id": "b2", "wijk_id": "selwerd", "item_id": "wijkbedrijf", "uitkomst": "afgewezen", "bedrag": 900,
     "datum": dt.date(2014, 4, 1)},
    {"besluit_id": "b3", "wijk_id": "selwerd", "item_id": "jan", "uitkomst": "toegekend", "bedrag": 1,
     "datum": dt.date(2014, 4, 2)}])  # about the person: shown only to whom may see the person


def _network(actor=FRONTLINE, decisions=DECISIONS, wijk="selwerd"):
    return net.for_actor(ITEMS, LINKS, decisions, wijk, actor, open_statuses=OPEN)


def test_nodes_and_edges_of_a_small_frame():
    network = _network()
    kinds = {n.id: n.kind for n in network.nodes}
    assert kinds == {"wijkteam": "organisatie", "buren": "netwerk", "jan": "persoon", "wijkbedrijf": "initiatief",
                     "moestuin": "initiatief", "start": "behoefte", "besluit:b1": "besluit",
                     "besluit:b2": "besluit", "besluit:b3": "besluit"}
    assert "elders" not in kinds  # another wijk
    edges = {(e.source, e.target, e.relation) for e in network.edges}
    assert edges == {("wijkteam", "wijkbedrijf", "neemt-deel-aan"), ("jan", "wijkbedrijf", "neemt-deel-aan"),
                     ("start", "wijkbedrijf", "hoort-bij"), ("buren", "moestuin", "neemt-deel-aan"),
                     ("besluit:b1", "start", "besluit"), ("besluit:b2", "wijkbedrijf", "besluit"),
                     ("besluit:b3", "jan", "besluit")}
    moestuin = network.node("moestuin")
    assert (moestuin.title, moestuin.section, moestuin.status, moestuin.wijk, moestuin.open) == (
        "Moestuin", "gebeurt", "afgerond", "selwerd", False)


def test_an_edge_needs_both_ends_in_the_wijk_and_no_entry_links_itself():
    links = pd.concat([LINKS, pd.DataFrame([("start", "elders", "hoort-bij"), ("elders", "start", "hoort-bij"),
                                            ("buren", "buren", "neemt-deel-aan")], columns=LINKS.columns)])
    network = net.build(ITEMS, links, None, "selwerd", open_statuses=OPEN)
    assert {(e.source, e.target) for e in network.edges} == {
        ("wijkteam", "wijkbedrijf"), ("jan", "wijkbedrijf"), ("start", "wijkbedrijf"), ("buren", "moestuin")}


def test_decisions_are_attached_to_their_subject_and_open_it():
    network = _network()
    granted = network.node("besluit:b1")
    assert granted.entry == "start" and granted.status == "toegekend" and granted.section is None
    assert granted.title == "Besluit: toegekend €\u00a05.000 (01-03-2014)"
    english = net.for_actor(ITEMS, LINKS, DECISIONS, "selwerd", FRONTLINE, open_statuses=OPEN, lang="en")
    assert english.node("besluit:b2").title.startswith("Decision: refused")


def test_a_decision_is_drawn_as_open_whatever_its_outcome():
    network = _network()
    assert [network.node(f"besluit:{b}").open for b in ("b1", "b2", "b3")] == [True, True, True]


def test_entries_read_without_types_give_the_same_network():
    untyped = ITEMS.astype(object)
    network = net.for_actor(untyped, LINKS, DECISIONS, "selwerd", FRONTLINE, open_statuses=OPEN)
    assert network == _network()
    assert [n.id for n in network.nodes][:6] == ["buren", "jan", "moestuin", "start", "wijkbedrijf", "wijkteam"]


@pytest.mark.parametrize("actor", [PUBLIC, OTHER_FRONTLINE, Actor("wim", "Wim Wethouder", "wethouder")])
def test_a_person_is_never_a_node_for_who_may_not_see_them(actor):
    network = _network(actor)
    assert all(n.kind != "persoon" for n in network.nodes)
    assert "jan" not in {n.id for n in network.nodes}
    assert all("jan" not in (e.source, e.target) for e in network.edges)
    assert "besluit:b3" not in {n.id for n in network.nodes}  # nor the decision that would point at them
    assert network.node("wijkteam") is not None and network.node("besluit:b1") is not None


def test_the_public_sees_no_network_entry_that_is_for_signed_in_users():
    items = ITEMS.assign(zichtbaarheid=ITEMS["zichtbaarheid"].where(ITEMS["item_id"] != "buren", "ingelogd"))
    public = net.for_actor(items, LINKS, DECISIONS, "selwerd", PUBLIC, open_statuses=OPEN)
    signed_in = net.for_actor(items, LINKS, DECISIONS, "selwerd", OTHER_FRONTLINE, open_statuses=OPEN)
    assert public.node("buren") is None and signed_in.node("buren") is not None


def test_the_frontline_worker_of_the_wijk_sees_the_person():
    person = _network(FRONTLINE).node("jan")
    assert person is not None and person.kind == "persoon" and person.title == "Aanspreekpunt wijkbedrijf"


def test_a_wijk_without_entries_has_an_empty_network():
    network = _network(wijk="tuinwijk")
    assert network.empty and network.nodes == () and network.edges == ()
    assert net.link_table(network, _relations()).empty


def test_without_decisions_and_with_an_unknown_kind():
    items = ITEMS.assign(soort=ITEMS["soort"].where(ITEMS["item_id"] != "buren", "vereniging"))
    network = net.for_actor(items, LINKS, pd.DataFrame(columns=DECISIONS.columns), "selwerd", FRONTLINE,
                            open_statuses=OPEN)
    assert network.node("buren").kind == "netwerk"
    assert all(n.kind != "besluit" for n in network.nodes)


def _relations():
    from nla_data.facts import read_relations
    return read_relations([
        {"relatie": "hoort-bij", "van": ["nodig"], "naar": ["gebeurt"], "label_nl": "hoort bij",
         "label_en": "belongs to", "terug_nl": "nodig hiervoor", "terug_en": "needed for this"},
        {"relatie": "neemt-deel-aan", "van": ["netwerk"], "naar": ["gebeurt"], "label_nl": "neemt deel aan",
         "label_en": "takes part in", "terug_nl": "met deelname van", "terug_en": "with participation of"}])


def test_the_table_says_who_is_linked_to_what_and_lists_the_unlinked():
    items = pd.concat([ITEMS, pd.DataFrame([_item("los", "gebeurt", "Los initiatief")])], ignore_index=True)
    network = net.for_actor(items, LINKS, DECISIONS, "selwerd", FRONTLINE, open_statuses=OPEN)
    table = net.link_table(network, _relations())
    assert list(table.columns) == ["Item", "Soort", "Koppeling", "Met", "Soort (met)"]
    rows = {tuple(r) for r in table.itertuples(index=False)}
    assert ("Wijkteam Selwerd", "Organisatie", "neemt deel aan", "Wijkbedrijf Selwerd", "Initiatief") in rows
    assert ("Startgeld wijkbedrijf", "Behoefte", "hoort bij", "Wijkbedrijf Selwerd", "Initiatief") in rows
    assert ("Besluit: toegekend €\u00a05.000 (01-03-2014)", "Besluit", "besluit over", "Startgeld wijkbedrijf",
            "Behoefte") in rows
    assert ("Los initiatief", "Initiatief", "(nog niet gekoppeld)", "", "") in rows
    opens = dict(zip(table["Item"], table.index))  # the entry a row opens: a decision's is its subject
    assert opens["Wijkteam Selwerd"] == "wijkteam" and opens["Los initiatief"] == "los"
    assert opens["Besluit: toegekend €\u00a05.000 (01-03-2014)"] == "start"
    assert table.index.name == "item_id"
    english = net.link_table(network, _relations(), "en")
    assert "takes part in" in set(english["Link"])
    assert {"decision on", "(not linked yet)"} <= set(english["Link"])
    assert english.columns[0] == "Entry" and english.index.name == "item_id"
    english_rows = {tuple(r) for r in english.itertuples(index=False)}  # both kinds in the table's language
    assert ("Wijkteam Selwerd", "Organisation", "takes part in", "Wijkbedrijf Selwerd", "Initiative") in english_rows
    assert ("Los initiatief", "Initiative", "(not linked yet)", "", "") in english_rows


# --- the layout -----------------------------------------------------------------------------------

def test_layout_puts_kinds_in_columns_and_is_the_same_every_time():
    network = _network()
    first = layout(network)
    layout.cache_clear()
    again = layout(net.for_actor(ITEMS, LINKS, DECISIONS, "selwerd", FRONTLINE, open_statuses=OPEN))
    assert first == again
    x = {n: x for n, x, _ in first.positions}
    assert x["wijkteam"] == x["buren"] == x["jan"] == 0
    assert x["wijkbedrijf"] == x["moestuin"] == 1 and x["start"] == 2 and x["besluit:b1"] == 3
    assert first.columns == (0, 1, 2, 3)


def test_layout_keeps_a_linked_group_together_and_no_two_nodes_on_one_spot():
    network = _network()
    spots = layout(network).positions
    assert len({(x, y) for _, x, y in spots}) == len(spots)
    y = {n: y for n, _, y in spots}
    # the wijkbedrijf group (the largest) is above the moestuin group, and its members are not split by it
    group = [y[n] for n in ("wijkteam", "jan", "wijkbedrijf", "start", "besluit:b1", "besluit:b2")]
    assert min(group) > max(y["moestuin"], y["buren"])


def test_open_nodes_come_before_closed_ones_then_by_title_in_a_column_and_in_a_band():
    def node(node_id: str, title: str, is_open: bool, kind: str = "organisatie") -> net.Node:
        return net.Node(node_id, kind, title, "netwerk", "actief" if is_open else "gestopt", "w", is_open, node_id)

    loose = net.Network("w", (node("oud", "Aa", False), node("nieuw", "Zz", True), node("ook", "Mm", True)), ())
    y = {n: y for n, _, y in layout(loose).positions}
    assert y["ook"] > y["nieuw"] > y["oud"]  # y goes down: the open ones by title (Mm, Zz), then the closed Aa
    linked = net.Network("w", (node("oud", "Aa", False), node("nieuw", "Zz", True),
                               node("plan", "Plan", True, net.INITIATIVE)),
                         (net.Edge("oud", "plan", "neemt-deel-aan"), net.Edge("nieuw", "plan", "neemt-deel-aan")))
    y = {n: y for n, _, y in layout(linked).positions}
    assert y["nieuw"] > y["oud"]


def test_two_linked_nodes_in_one_column_are_laid_out_one_below_the_other():
    people = tuple(net.Node(i, "persoon", i.title(), "netwerk", "actief", "w", True, i) for i in ("an", "bo"))
    spots = layout(net.Network("w", people, (net.Edge("an", "bo", "kent"),))).positions
    assert [(n, x) for n, x, _ in spots] == [("an", 0), ("bo", 0)] and spots[0][2] != spots[1][2]


def test_layout_without_decisions_has_three_columns():
    network = _network(decisions=pd.DataFrame(columns=DECISIONS.columns))
    assert layout(network).columns == (0, 1, 2)


def test_a_busy_wijk_keeps_its_groups_apart_and_crossings_low():
    network = busy_network()
    spots = layout(network)
    y = {n: y for n, _, y in spots.positions}
    x = {n: x for n, x, _ in spots.positions}
    assert len({(x[n], y[n]) for n in y}) == len(y)
    crossings = 0
    edges = [(e.source, e.target) for e in network.edges if abs(x[e.source] - x[e.target]) == 1]
    for i, (a, b) in enumerate(edges):
        for c, d in edges[i + 1:]:
            (a, b), (c, d) = sorted((a, b), key=x.get), sorted((c, d), key=x.get)
            if x[a] == x[c] and (y[a] - y[c]) * (y[b] - y[d]) < 0:
                crossings += 1
    assert crossings <= len(edges) // 4, crossings


def busy_network() -> net.Network:
    """A wijk with 8 organisations, 14 initiatives, 12 needs and 6 decisions: more than any wijk has today."""
    rows, links, decisions = [], [], []
    for i in range(14):
        rows.append(_item(f"init-{i:02}", "gebeurt", f"Initiatief nummer {i} met een vrij lange titel",
                          status="loopt" if i % 5 else "afgerond"))
    for i in range(8):
        rows.append(_item(f"org-{i}", "netwerk", f"Organisatie {i}", soort="organisatie" if i % 3 else "netwerk",
                          zichtbaarheid="openbaar"))
        for j in {(i * 2) % 14, (i * 2 + 1) % 14}:
            links.append((f"org-{i}", f"init-{j:02}", "neemt-deel-aan"))
    for i in range(12):
        rows.append(_item(f"need-{i:02}", "nodig", f"Behoefte {i}: ruimte of geld"))
        links.append((f"need-{i:02}", f"init-{i:02}", "hoort-bij"))
        if i < 6:
            decisions.append({"besluit_id": f"d{i}", "wijk_id": "selwerd", "item_id": f"need-{i:02}",
                              "uitkomst": "toegekend", "bedrag": 1000 * (i + 1), "datum": dt.date(2014, 1, i + 1)})
    return net.build(pd.DataFrame(rows), pd.DataFrame(links, columns=["van_item", "naar_item", "relatie"]),
                     pd.DataFrame(decisions), "selwerd", open_statuses=OPEN)


# --- the figure -----------------------------------------------------------------------------------

def test_figure_has_the_lines_and_a_trace_per_kind_with_dutch_and_english_legend():
    network = _network()
    figure = network_chart(network, layout(network))
    assert len(figure.data) == 1 + 6  # the lines, then organisatie, netwerk, persoon, initiatief, behoefte, besluit
    assert [trace.name for trace in figure.data[1:]] == ["Organisatie", "Netwerk", "Persoon", "Initiatief",
                                                         "Behoefte", "Besluit"]
    assert figure.data[0].mode == "lines" and figure.data[0].hoverinfo == "skip"
    assert len([x for x in figure.data[0].x if x is None]) == len(network.edges)
    english = network_chart(network, layout(network), "en")
    assert [trace.name for trace in english.data[1:]][:3] == ["Organisation", "Network", "Person"]
    assert [a.text for a in english.layout.annotations][:2] == ["<b>People and</b><br><b>networks</b>",
                                                                "<b>What is</b><br><b>happening</b>"]


def test_figure_points_carry_the_entry_to_open_and_the_title_on_hover():
    network = _network()
    figure = network_chart(network, layout(network))
    for trace, nodes in zip(figure.data, traces(network)):
        assert [tuple(c) for c in (trace.customdata or [])] == [(n.entry, n.id, n.title) for n in nodes]
    decisions = figure.data[-1]
    assert ("start", "besluit:b1", "Besluit: toegekend €\u00a05.000 (01-03-2014)") in [tuple(c) for c in decisions.customdata]
    initiatives = figure.data[4]
    assert any("<b>Moestuin</b><br>Initiatief · afgerond" == h for h in initiatives.hovertext)
    faded = dict(zip([c[1] for c in initiatives.customdata], initiatives.marker.opacity))
    assert faded == {"wijkbedrijf": 1.0, "moestuin": 0.4}  # moestuin is closed: faded


def test_the_public_figure_has_no_person_trace():
    network = _network(PUBLIC)
    figure = network_chart(network, layout(network))
    assert "Persoon" not in [trace.name for trace in figure.data]
    assert "Aanspreekpunt wijkbedrijf" not in str(figure.to_dict())


def test_labels_are_short_readable_and_escaped():
    assert short_label("Wijkteam Selwerd") == "Wijkteam Selwerd"
    long = short_label("Wijkstemdag: bewoners stemmen over het wijkbudget van de hele wijk")
    assert long.count("<br>") == LABEL_LINES - 1 and long.endswith("…")
    assert all(len(line) <= LABEL_WIDTH for line in long.split("<br>"))
    assert short_label("<a href='x'>klik</a>").startswith("&lt;a")
    assert "€\u00a05.000" in short_label("Besluit: toegekend €\u00a05.000 (01-03-2014)").replace("<br>", " ")


def test_a_word_longer_than_a_label_line_breaks_between_syllables_with_a_hyphen():
    # the beijum example's need: "gere" / "edschapsberging" before, cut at the width
    label = short_label("Waterpunt en gereedschapsberging voor de moestuin")
    assert label.split("<br>") == ["Waterpunt en ge-", "reedschapsberging", "voor de moestuin"]
    assert short_label("Huurtoeslaggrensoverschrijdingen").split("<br>") == ["Huurtoeslaggrens-", "overschrijdingen"]
    # a "word" without a break point still fits its column: cut at the width
    assert short_label("x" * 40).split("<br>")[:2] == ["x" * LABEL_WIDTH] * 2
    # a title of 100,000 characters (past validation, e.g. in an old package): three lines and the ellipsis
    huge = short_label("Gereedschapsberging" * 5000).split("<br>")
    assert len(huge) == LABEL_LINES and huge[-1].endswith("…") and all(len(line) <= LABEL_WIDTH for line in huge)


def test_column_heads_are_short_lines_that_fit_a_column_on_a_phone():
    assert column_head("Mensen en netwerken") == "<b>Mensen en</b><br><b>netwerken</b>"
    assert column_head("Besluiten") == "<b>Besluiten</b>"
    assert column_head("<i>x</i>").startswith("<b>&lt;i&gt;")
    for lang in ("nl", "en"):
        for layer in range(4):
            lines = column_head(t(f"net.column.{layer}", lang)).split("<br>")
            assert all(len(line.removeprefix("<b>").removesuffix("</b>")) <= HEAD_WIDTH for line in lines)


def test_a_busy_figure_is_tall_enough_for_its_rows():
    network = busy_network()
    figure = network_chart(network, layout(network))
    assert figure.layout.height >= 80 * layout(network).rows


def _crossings(drawn, network) -> int:
    """Pairs of links between the same two columns that cross in the picture."""
    pos = {n: (x, y) for n, x, y in drawn.positions}
    ends = [tuple(sorted((pos[e.source], pos[e.target]))) for e in network.edges]
    return sum(1 for (a, b), (c, d) in itertools.combinations(ends, 2)
               if a[0] == c[0] and b[0] == d[0] and (a[1] - c[1]) * (b[1] - d[1]) < 0)


def test_the_sweeps_go_both_ways_so_a_network_that_can_be_drawn_uncrossed_is():
    # Ordering each column by its left neighbour only leaves one crossing here; sweeping back from the
    # right as well (as the layout does) finds the picture without any.
    kinds = {"a": "organisatie", "b": "initiatief", "c": "behoefte"}
    names = ["a0", "a1", "b0", "b1", "b2", "c0", "c1", "c2"]
    nodes = tuple(net.Node(n, kinds[n[0]], n, None, "loopt", "selwerd", True, n) for n in names)
    pairs = [("a0", "b0"), ("a1", "b0"), ("a1", "b1"), ("b0", "c1"), ("b1", "c0"), ("b1", "c1"), ("b2", "c0"),
             ("b2", "c2")]
    network = net.Network("selwerd", nodes, tuple(net.Edge(a, b, "x") for a, b in pairs))
    drawn = layout(network)
    assert _crossings(drawn, network) == 0
    assert [n for n, x, _ in sorted(drawn.positions, key=lambda p: -p[2]) if x == 0] == ["a0", "a1"]


def test_an_entry_of_a_section_without_its_own_kind_is_an_initiative():
    assert net.entry_kind("nodig", None) == "behoefte"
    assert net.entry_kind("kansen", None) == "initiatief"  # a section the network has no own kind for


def test_a_node_of_a_kind_the_layout_does_not_know_goes_in_the_first_column():
    nodes = (net.Node("a", "onbekend", "Iets nieuws", "netwerk", "loopt", "w", True, "a"),
             net.Node("b", net.INITIATIVE, "Initiatief", "gebeurt", "loopt", "w", True, "b"))
    drawn = layout(net.Network("w", nodes, (net.Edge("a", "b", "neemt-deel-aan"),)))
    assert drawn.position("a")[0] == 0 and drawn.position("b")[0] == 1 and drawn.columns == (0, 1)


# --- focus: a picture of at most so many nodes (a wijk with thousands of entries) --------------------------

def _net(groups: list[int], loose: int) -> net.Network:
    """Stars: per group a hub initiative with (size - 1) needs linked to it; then `loose` unlinked entries."""
    nodes, edges = [], []
    for g, size in enumerate(groups):
        hub = f"g{g}-hub"
        nodes.append(net.Node(hub, net.INITIATIVE, hub, "gebeurt", "loopt", "w", True, hub))
        for i in range(size - 1):
            need = f"g{g}-need{i:04d}"
            nodes.append(net.Node(need, net.NEED, need, "nodig", "open", "w", True, need))
            edges.append(net.Edge(need, hub, "hoort-bij"))
    nodes += [net.Node(f"loose{i:04d}", net.NEED, "x", "nodig", "open", "w", True, f"loose{i:04d}") for i in range(loose)]
    return net.Network("w", tuple(nodes), tuple(edges))


def test_a_network_within_the_limit_is_drawn_whole():
    network = _net([3, 2], 4)
    assert net.focus(network, 9) is network and net.focus(network, 100) is network


def test_the_linked_groups_come_first_largest_first_each_whole_then_the_loose_ones():
    network = _net([3, 5, 2], 10)
    kept = net.focus(network, 12)
    ids = {n.id for n in kept.nodes}
    assert len(kept.nodes) == 12
    assert {n.id for n in network.nodes if n.id.startswith(("g0-", "g1-", "g2-"))} <= ids  # 10 linked, all whole
    assert sum(i.startswith("loose") for i in ids) == 2  # then the first loose ones
    assert {"loose0000", "loose0001"} <= ids
    assert kept.edges == network.edges  # every edge between kept nodes
    assert [n.id for n in kept.nodes] == [n.id for n in network.nodes if n.id in ids]  # the network's order


def test_a_limit_of_one_keeps_the_most_linked_node_not_a_loose_one():
    kept = net.focus(_net([3], 2), 1)
    assert [n.id for n in kept.nodes] == ["g0-hub"] and kept.edges == ()  # the hub, not loose0000


def test_a_group_that_does_not_fit_is_skipped_for_smaller_ones_that_do():
    kept = net.focus(_net([6, 4, 3], 0), 9)
    assert {n.id.split("-")[0] for n in kept.nodes} == {"g0", "g2"}  # 6 + 3; the 4 would not fit after the 6
    assert len(kept.nodes) == 9


def test_a_group_larger_than_the_limit_is_cut_around_its_hub_and_stays_connected():
    network = _net([500], 50)
    kept = net.focus(network, 120)
    assert len(kept.nodes) == 120 and "g0-hub" in {n.id for n in kept.nodes}
    assert not any(n.id.startswith("loose") for n in kept.nodes)
    assert len(kept.edges) == 119  # every need kept is drawn linked to the hub
    assert {e.target for e in kept.edges} == {"g0-hub"}
    assert net.focus(network, 120) == kept  # the same every time


def test_a_cut_group_grows_from_its_most_linked_node_not_from_its_first_or_last():
    nodes = [net.Node(i, net.NEED, i, "nodig", "open", "w", True, i) for i in ("a", "b", "c", "hub", "z")]
    edges = [net.Edge(i, "hub", "hoort-bij") for i in ("a", "b", "c")] + [net.Edge("z", "a", "hoort-bij")]
    kept = net.focus(net.Network("w", tuple(nodes), tuple(edges)), 3)
    assert {n.id for n in kept.nodes} == {"hub", "a", "b"}  # the hub and its first needs; z hangs on a need


def test_a_cut_network_keeps_every_edge_between_its_nodes_and_no_other():
    edges = [net.Edge(f"n{i}", f"n{j}", "hoort-bij") for i, j in itertools.combinations(range(30), 2) if (i * j) % 7 == 1]
    nodes = [net.Node(f"n{i}", net.NEED, f"n{i}", "nodig", "open", "w", True, f"n{i}") for i in range(30)]
    network = net.Network("w", tuple(nodes), tuple(edges))
    kept = net.focus(network, 10)
    ids = {n.id for n in kept.nodes}
    assert len(ids) == 10
    assert set(kept.edges) == {e for e in edges if e.source in ids and e.target in ids}


def test_the_table_lists_as_unlinked_only_the_entries_without_any_link():
    """An entry that only points at others, or is only pointed at, is linked: it gets no "not linked" row."""
    items = pd.concat([ITEMS, pd.DataFrame([_item("los", "gebeurt", "Los initiatief")])], ignore_index=True)
    network = net.for_actor(items, LINKS, DECISIONS, "selwerd", FRONTLINE, open_statuses=OPEN)
    table = net.link_table(network, _relations())
    assert list(table.loc[table["Koppeling"] == "(nog niet gekoppeld)", "Item"]) == ["Los initiatief"]
    assert len(table) == len(network.edges) + 1
