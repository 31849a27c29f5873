"""Where each node of a wijk's network goes: columns by kind, rows that keep linked nodes together.

A layered picture, not a force layout: people and networks on the left, the initiatives they take part in
next, then what those need, then the budget decisions. Each group of linked nodes (a connected component,
networkx) gets its own band of rows, the largest first; inside a band the nodes of each column are ordered
by where their neighbours are (barycentre sweeps), which keeps lines short and mostly uncrossed. Nodes
without a link share one last band. Nothing is random: the same network always gets the same picture, and
`layout` remembers it per network (a Network is hashable, so a changed entry is a new key).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import networkx as nx

from domain.network import DECISION, INITIATIVE, NEED, NETWORK_KINDS, Network

LAYER = {**dict.fromkeys(NETWORK_KINDS, 0), INITIATIVE: 1, NEED: 2, DECISION: 3}
BAND_GAP = 0.35  # rows of room between two bands (a third of a row: apart, without a screen of white between them)
SWEEPS = 4


@dataclass(frozen=True)
class Layout:
    positions: tuple[tuple[str, float, float], ...]  # (node id, x, y); x is the column, y goes down from 0
    columns: tuple[int, ...]  # the layers present, left to right (LAYER values)
    rows: float  # the height of the picture, in rows

    def position(self, node_id: str) -> tuple[float, float]:
        return next((x, y) for n, x, y in self.positions if n == node_id)


def graph(network: Network) -> nx.Graph:
    g = nx.Graph()
    for node in network.nodes:
        g.add_node(node.id, layer=LAYER.get(node.kind, 0), key=(not node.open, node.title.casefold(), node.id))
    g.add_edges_from((e.source, e.target) for e in network.edges)
    return g


@lru_cache(maxsize=128)
def layout(network: Network) -> Layout:
    g = graph(network)
    columns = tuple(sorted({g.nodes[n]["layer"] for n in g}))
    x_of = {layer: i for i, layer in enumerate(columns)}
    components = [c for c in nx.connected_components(g) if len(c) > 1]
    components.sort(key=lambda c: (-len(c), min(g.nodes[n]["key"] for n in c)))
    loose = [n for n in g if g.degree(n) == 0]
    positions: list[tuple[str, float, float]] = []
    top = 0.0
    for members in components:
        rows = _ordered_layers(g, members)
        height = max(len(r) for r in rows.values())
        for layer, ordered in rows.items():
            offset = (height - len(ordered)) / 2  # a short column sits in the middle of its band
            positions += [(n, x_of[layer], -(top + offset + i)) for i, n in enumerate(ordered)]
        top += height + BAND_GAP
    if loose:
        by_layer: dict[int, list[str]] = {}
        for n in sorted(loose, key=lambda n: g.nodes[n]["key"]):
            by_layer.setdefault(g.nodes[n]["layer"], []).append(n)
        for layer, ordered in by_layer.items():
            positions += [(n, x_of[layer], -(top + i)) for i, n in enumerate(ordered)]
        top += max(len(o) for o in by_layer.values()) + BAND_GAP
    return Layout(tuple(sorted(positions)), columns, max(top - BAND_GAP, 1.0))


def _ordered_layers(g: nx.Graph, members: set[str]) -> dict[int, list[str]]:
    """Each layer's nodes of one component, in an order that follows their neighbours'."""
    layers: dict[int, list[str]] = {}
    for n in sorted(members, key=lambda n: g.nodes[n]["key"]):
        layers.setdefault(g.nodes[n]["layer"], []).append(n)
    order = sorted(layers)
    for sweep in range(SWEEPS):
        for layer in (order if sweep % 2 == 0 else reversed(order)):
            place = _relative_places(layers)
            layers[layer] = sorted(layers[layer], key=lambda n, p=place: (_barycentre(g, n, p, layer), p[n]))
    return dict(sorted(layers.items()))


def _relative_places(layers: dict[int, list[str]]) -> dict[str, float]:
    """Each node's place in its column from 0 (top) to 1 (bottom), so columns of different length compare."""
    return {n: (i + 0.5) / len(nodes) for nodes in layers.values() for i, n in enumerate(nodes)}


def _barycentre(g: nx.Graph, node: str, place: dict[str, float], layer: int) -> float:
    others = [place[m] for m in g.neighbors(node) if g.nodes[m]["layer"] != layer]
    return sum(others) / len(others) if others else place[node]
