"""figures.compare_charts: the trend chart's legend stands under its lines, as high as a phone needs, never scrolling
(at the lines' right it took half a phone's width)."""

from __future__ import annotations

from collections import Counter

import pytest

from domain import compare
from domain.wijken import with_class
from figures.compare_charts import LEGEND_GROUP, LEGEND_ITEM, TREND_PLOT, _legend_height, trend_chart


def _trend_chart(package, chosen: list[str]):
    city = compare.city_id(package.cijfers)
    indicator = "goedkope_huur_per_laag_inkomen"
    trend = compare.trend_frame(package.cijfers, indicator, [city, *chosen])
    nla = compare.nla_trend(package.cijfers, package.wijken, package.indicatoren, indicator)
    areas = with_class(package.wijken)[["wijk_id", "naam", "klasse"]].rename(columns={"wijk_id": "gebied_id"})
    return trend_chart(trend, nla, areas, package.indicatoren.loc[indicator], "nl", city_id=city,
                       classes=package.facts.classes, city_label="Groningen (stad)")


def test_a_phone_legend_is_two_groups_a_row_each_row_as_high_as_its_longest_group():
    groups = ["gz"] * 7 + ["kz"] * 2 + ["gl"] * 2 + ["kl"] * 4 + ["ref"] * 2
    assert _legend_height(groups) == (7 + 4 + 2) * LEGEND_ITEM + 3 * LEGEND_GROUP
    assert _legend_height(["gz", "ref", "ref"]) == 2 * LEGEND_ITEM + LEGEND_GROUP
    assert _legend_height([]) == 0


@pytest.mark.parametrize("chosen", [["selwerd"], ["selwerd", "beijum", "hoogkerk", "de-hoogte", "vinkhuizen"], None])
def test_the_trend_legend_is_under_the_lines_and_the_chart_grows_with_it(package, chosen):
    chosen = list(package.wijken["wijk_id"]) if chosen is None else chosen
    figure = _trend_chart(package, chosen)
    legend = figure.layout.legend
    assert legend.orientation == "h" and legend.yanchor == "top" and legend.y < 0  # under the lines' x axis
    groups = [trace.legendgroup for trace in figure.data]
    assert len(Counter(groups)) == len({with_class(package.wijken).set_index("wijk_id").loc[w, "klasse"]
                                        for w in chosen}) + 1  # the classes and the reference lines
    assert legend.maxheight == _legend_height(groups)  # never the half-a-figure maximum that scrolls
    assert figure.layout.height == TREND_PLOT + _legend_height(groups)
