"""The wijk's network: who takes part in what, what that needs, and what was decided about it.

Nodes are the wijk's entries — organisations, networks and persons (section `netwerk`, by their `soort`),
initiatives (`gebeurt`), needs (`nodig`) — and its budget decisions; edges are the links between entries
(`koppelingen`, as the package's relations declare them) and each decision's link to its need or initiative.

`build` trusts that it is given only what the viewer may see: the page reads entries through
`domain.privacy.visible_entries`, and `for_actor` does that first, so a person hidden from the viewer is
never a node, and a decision about an entry the viewer may not see is left out with it.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import pandas as pd

from domain import format as fmt
from domain.languages import DUTCH
from domain.privacy import visible_entries
from domain.texts import t

# The kinds of node, in the order of the picture's columns and its legend. A network entry's kind is its
# `soort`; one without (or with a soort this module does not know) counts as a network.
NETWORK_KINDS = ("organisatie", "netwerk", "persoon")
INITIATIVE, NEED, DECISION = "initiatief", "behoefte", "besluit"
KINDS = (*NETWORK_KINDS, INITIATIVE, NEED, DECISION)
SECTION_KIND = {"gebeurt": INITIATIVE, "nodig": NEED}
DECISION_RELATION = "besluit"  # the edge from a decision to what it decided about
DECISION_PREFIX = "besluit:"  # a decision's node id: never the id of an entry


@dataclass(frozen=True)
class Node:
    id: str
    kind: str
    title: str
    section: str | None  # None for a decision
    status: str  # an entry's status; a decision's outcome (toegekend / afgewezen)
    wijk: str
    open: bool  # an open entry; a decision is always shown as open
    entry: str  # the entry a click opens: the entry itself, or the one a decision is about


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    relation: str  # the link's relation (hoort-bij, neemt-deel-aan) or DECISION_RELATION


@dataclass(frozen=True)
class Network:
    """Hashable, so a layout can be remembered per network (domain.network_layout)."""

    wijk: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]

    @property
    def empty(self) -> bool:
        return not self.nodes

    def node(self, node_id: str) -> Node | None:
        return next((n for n in self.nodes if n.id == node_id), None)


def entry_kind(section: str, soort) -> str:
    if section == "netwerk":
        return soort if isinstance(soort, str) and soort in NETWORK_KINDS else "netwerk"
    return SECTION_KIND.get(section, INITIATIVE)


def build(items: pd.DataFrame, links: pd.DataFrame, decisions: pd.DataFrame, wijk_id: str, *,
          open_statuses: Collection[str], lang: str = DUTCH) -> Network:
    """The network of `wijk_id` from entries, links and decisions the viewer may see (see the module)."""
    rows = items[items["wijk_id"] == wijk_id].sort_values("item_id", kind="stable")
    soort = rows["soort"] if "soort" in rows.columns else pd.Series(None, index=rows.index, dtype=object)
    nodes = [Node(id=str(r.item_id), kind=entry_kind(r.sectie, k), title=str(r.titel), section=str(r.sectie),
                  status=str(r.status), wijk=wijk_id, open=r.status in open_statuses, entry=str(r.item_id))
             for r, k in zip(rows.itertuples(), soort)]
    ids = {n.id for n in nodes}
    edges = [Edge(str(v), str(n), str(r)) for v, n, r in zip(links["van_item"], links["naar_item"], links["relatie"])
             if v in ids and n in ids and v != n]
    if decisions is not None and len(decisions):
        own = decisions[(decisions["wijk_id"] == wijk_id) & decisions["item_id"].isin(ids)]
        own = own.sort_values(["datum", "besluit_id"])
        for d in own.itertuples():
            node_id = f"{DECISION_PREFIX}{d.besluit_id}"
            nodes.append(Node(id=node_id, kind=DECISION, title=decision_title(d.uitkomst, d.bedrag, d.datum, lang),
                              section=None, status=str(d.uitkomst), wijk=wijk_id, open=True, entry=str(d.item_id)))
            edges.append(Edge(node_id, str(d.item_id), DECISION_RELATION))
    return Network(wijk_id, tuple(nodes), tuple(sorted(set(edges), key=lambda e: (e.source, e.target))))


def focus(network: Network, limit: int) -> Network:
    """At most `limit` nodes of `network`, for a picture that stays readable (a wijk can hold thousands of
    entries; the link table keeps all of them). The linked parts come first, the largest first, each whole
    while it fits; a part too large for what is left is grown from its most linked node outwards (breadth
    first, so what is drawn stays connected); then the unlinked nodes, in the network's order. The edges are
    those between the nodes kept. A network within the limit is returned as it is."""
    if len(network.nodes) <= limit:
        return network
    neighbours: dict[str, list[str]] = {n.id: [] for n in network.nodes}
    for edge in network.edges:
        neighbours[edge.source].append(edge.target)
        neighbours[edge.target].append(edge.source)
    parts, placed = [], set()
    for node in network.nodes:  # the connected parts, each in breadth-first order from its most linked node
        if node.id in placed or not neighbours[node.id]:
            continue
        members = _reach(node.id, neighbours)
        start = max(members, key=lambda n: len(neighbours[n]))  # of equals the first met: deterministic
        parts.append(_reach(start, neighbours))
        placed.update(members)
    parts.sort(key=len, reverse=True)  # stable: equal parts keep the network's order
    kept: list[str] = []
    for part in parts:
        room = limit - len(kept)
        if room <= 0:
            break
        if len(part) <= room or not kept:  # whole, or the first (largest) part cut to the limit
            kept += part[:room]
    kept += [n.id for n in network.nodes if not neighbours[n.id]][:max(limit - len(kept), 0)]
    chosen = set(kept)
    return Network(network.wijk, tuple(n for n in network.nodes if n.id in chosen),
                   tuple(e for e in network.edges if e.source in chosen and e.target in chosen))


def _reach(start: str, neighbours: dict[str, list[str]]) -> list[str]:
    """The nodes connected to `start`, breadth first (each node's neighbours in the order of the edges)."""
    order, seen = [start], {start}
    for current in order:
        for other in neighbours[current]:
            if other not in seen:
                seen.add(other)
                order.append(other)
    return order


def for_actor(items: pd.DataFrame, links: pd.DataFrame, decisions: pd.DataFrame, wijk_id: str, actor, *,
              open_statuses: Collection[str], lang: str = DUTCH) -> Network:
    """The network as `actor` may see it: entries filtered by domain.privacy first."""
    shown, shown_links = visible_entries(items, links, actor)
    return build(shown, shown_links, decisions, wijk_id, open_statuses=open_statuses, lang=lang)


def decision_title(outcome: str, amount, date, lang: str) -> str:
    """"Besluit: toegekend € 5.000 (01-03-2014)": what a decision node says."""
    said = t(f"bud.outcome.{outcome}", lang) if outcome else "–"
    money = fmt.money(amount, lang) if amount is not None and not pd.isna(amount) else "–"
    when = fmt.date(date, lang) if date is not None and not pd.isna(date) else "–"
    return t("net.decision_title", lang, outcome=said, amount=money, date=when)


def link_table(network: Network, relations, lang: str = DUTCH) -> pd.DataFrame:
    """Who is linked to what, one row per edge (in the words of the package's relations), then every node
    without a link: the network as a table, for keyboards and screen readers and to copy. The index is the
    entry a row opens (its first column's)."""
    by_id = {n.id: n for n in network.nodes}
    columns = [t(f"net.col.{c}", lang) for c in ("from", "from_kind", "relation", "to", "to_kind")]
    rows, opens = [], []
    for edge in network.edges:
        source, target = by_id[edge.source], by_id[edge.target]
        said = (t("net.relation.besluit", lang) if edge.relation == DECISION_RELATION
                else relations.label(edge.relation, True, lang))
        rows.append((source.title, kind_label(source.kind, lang), said, target.title, kind_label(target.kind, lang)))
        opens.append(source.entry)
    linked = {e.source for e in network.edges} | {e.target for e in network.edges}
    for node in network.nodes:
        if node.id not in linked:
            rows.append((node.title, kind_label(node.kind, lang), t("net.not_linked", lang), "", ""))
            opens.append(node.entry)
    return pd.DataFrame(rows, columns=columns, index=pd.Index(opens, name="item_id", dtype=object))


def kind_label(kind: str, lang: str = DUTCH) -> str:
    return t(f"net.kind.{kind}", lang)
