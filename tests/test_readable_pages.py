"""Issue 9, "Readable": what a new user trips over on Vergelijken, the wijk page's entries and history,
Bij te werken, Recent gewijzigd and Beheer (AppTest, and the pure functions behind them)."""

from __future__ import annotations

import itertools
import json

import pandas as pd
import pytest

from domain import compare
from domain.wijken import with_class
from figures.compare_charts import bar_chart
from figures.palette import wijk_colours
from nla_data import EMBEDDED_DIR, load_package
from tests.apptest import open_page, sign_in, texts

PACKAGE = load_package(EMBEDDED_DIR).package
WIJKEN = with_class(PACKAGE.wijken)
CLASS_OF = dict(zip(WIJKEN["wijk_id"], WIJKEN["klasse"]))


def _no_exception(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _chosen(at) -> list[str]:
    value = at.query_params["wijken"]
    value = value[0] if isinstance(value, list) else value
    return [w for w in value.split(",") if w]


def _class(klasse: str) -> list[str]:
    return [w for w, k in CLASS_OF.items() if k == klasse]


# --- Vergelijken: one click to all, my class, none ---------------------------------------------------

def test_all_then_none_then_two_clicks_pick_two_wijken():
    at = open_page("vergelijken")
    _no_exception(at)
    at.button(key="cmp_none").click().run()
    _no_exception(at)
    assert _chosen(at) == []
    assert "Kies minstens **twee** wijken" in texts(at)
    assert not at.get("plotly_chart")
    # two clicks: one chip in each of two classes
    at.pills(key="cmp_wijken_groot-zwaar").set_value(["selwerd"]).run()
    at.pills(key="cmp_wijken_klein-licht").set_value(["tuinwijk"]).run()
    _no_exception(at)
    assert _chosen(at) == ["selwerd", "tuinwijk"]
    assert len(at.get("plotly_chart")) == 3
    at.button(key="cmp_all").click().run()
    assert sorted(_chosen(at)) == sorted(CLASS_OF)


def test_my_class_is_the_class_of_the_wijk_in_the_sidebar():
    at = open_page("vergelijken", wijken="selwerd,tuinwijk", wijk="tuinwijk")
    _no_exception(at)
    button = at.button(key="cmp_mine")
    assert not button.disabled and "klein" in button.label and "(4)" in button.label
    assert "Tuinwijk" in button.help and "zijbalk" in button.help
    button.click().run()
    assert _chosen(at) == _class("klein-licht")


def test_my_class_without_a_wijk_is_that_of_the_frontline_workers_own_wijken():
    at = sign_in(open_page("vergelijken", wijken="selwerd,tuinwijk"), "bea")  # Beijum: groot, zwaar
    _no_exception(at)
    button = at.button(key="cmp_mine")
    assert "jouw wijken (Beijum)" in button.help
    button.click().run()
    assert _chosen(at) == _class("groot-zwaar")


def test_without_a_wijk_or_own_wijken_my_class_says_what_it_needs():
    at = open_page("vergelijken", wijken="selwerd,tuinwijk")
    button = at.button(key="cmp_mine")
    assert button.disabled and "zijbalk" in button.help


def test_my_class_decision():
    mine = compare.my_class(PACKAGE.wijken, "selwerd", own=["tuinwijk"])
    assert mine.reason == compare.CHOSEN_WIJK and mine.classes == ("groot-zwaar",)
    assert mine.wijk_ids == _class("groot-zwaar") and mine.basis == ("selwerd",)
    # a worker in wijken of two classes: both classes, in the package's order
    fatima = compare.my_class(PACKAGE.wijken, None, own=["tuinwijk", "selwerd", "korrewegwijk"])
    assert fatima.reason == compare.OWN_WIJKEN
    assert fatima.classes == ("groot-zwaar", "klein-licht")
    assert fatima.wijk_ids == _class("groot-zwaar") + _class("klein-licht")
    assert compare.my_class(PACKAGE.wijken, None, own=[]) is None
    assert compare.my_class(PACKAGE.wijken, "atlantis", own=[]) is None


# --- Vergelijken: a colour per wijk, labels clear of the lines ----------------------------------------

def _lab(colour: str) -> tuple[float, float, float]:
    """CIELAB of an sRGB hex colour (D65)."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(int(colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _distance(a: str, b: str) -> float:
    return sum((p - q) ** 2 for p, q in zip(_lab(a), _lab(b))) ** 0.5


def test_every_chosen_wijk_has_its_own_colour_a_shade_of_its_class():
    colours = wijk_colours(PACKAGE.facts.classes, zip(WIJKEN["wijk_id"], WIJKEN["klasse"]))
    assert len(set(colours.values())) == 15
    closest = min(_distance(a, b) for a, b in itertools.combinations(colours.values(), 2))
    assert closest >= 7, closest  # clearly apart, also for all 15 at once
    # a single wijk of a class keeps the class's own colour; two of one class are far apart in lightness
    from figures.palette import class_colour
    assert wijk_colours(PACKAGE.facts.classes, [("selwerd", "groot-zwaar")]) == {
        "selwerd": class_colour(PACKAGE.facts.classes, "groot-zwaar")}
    two = wijk_colours(PACKAGE.facts.classes, [("selwerd", "groot-zwaar"), ("beijum", "groot-zwaar")])
    assert abs(_lab(two["selwerd"])[0] - _lab(two["beijum"])[0]) > 25


def _spec(at, key: str) -> dict:
    charts = at.get("plotly_chart")
    return json.loads(next(c for c in charts if key in c.proto.id).proto.spec) if charts else {}


def test_the_two_chosen_wijken_of_one_class_have_two_colours_in_every_chart():
    at = open_page("vergelijken", wijken="selwerd,beijum", extra="aandeel_sociale_huur")
    _no_exception(at)
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert len(charts) == 3
    bars, trend, multiples = charts
    [bar] = [trace for trace in bars["data"] if trace["type"] == "bar" and trace.get("y", [None])[0]]
    assert len(set(bar["marker"]["color"])) == 2
    by_name = dict(zip(bar["y"], bar["marker"]["color"]))
    lines = {trace["name"]: trace["line"]["color"] for trace in trend["data"] if trace.get("name") in by_name}
    assert lines == by_name  # the same wijk, the same colour
    for trace in [t for t in multiples["data"] if t["type"] == "bar" and t.get("y", [None])[0]]:
        assert dict(zip(trace["y"], trace["marker"]["color"])) == by_name


def test_value_labels_stand_in_a_column_clear_of_the_reference_lines():
    chosen = ["selwerd", "beijum", "tuinwijk"]
    indicator = "goedkope_huur_per_laag_inkomen"
    table = compare.comparison_table(PACKAGE.cijfers, PACKAGE.wijken, PACKAGE.indicatoren, indicator, 2014, chosen)
    figure = bar_chart(table, PACKAGE.indicatoren.loc[indicator], "nl", classes=PACKAGE.facts.classes)
    [bars] = [trace for trace in figure.data if trace.type == "bar" and trace.y[0] is not None]
    assert bars.text is None  # no label at the end of a bar, where the city's and the NLA lines run
    labels = {a.y: a.text for a in figure.layout.annotations if a.xref == "paper"}
    assert set(labels) == set(bars.y)
    assert all(a.x == 1 and a.xanchor == "left" for a in figure.layout.annotations if a.xref == "paper")
    assert figure.layout.margin.r >= 16 + 7 * max(len(text) for text in labels.values())
    assert "0,63" in labels["Selwerd"]  # Dutch decimals
    lines = [shape.x0 for shape in figure.layout.shapes]
    assert len(lines) == 2 and max(lines) <= figure.layout.xaxis.range[1]  # the lines stay inside the plot
