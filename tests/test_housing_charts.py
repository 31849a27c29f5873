"""figures.housing_charts: the rent classes chart keeps its segment labels clear of the low-income tick."""

from __future__ import annotations

import pandas as pd

from domain import housing
from figures import housing_charts
from figures.housing_charts import LABEL_CHAR_PX, MARK_MARGIN_PX, PLOT_MIN_PX
from nla_data import load_package

PACKAGE = load_package().package


def _rents(year: int = 2014):
    p = PACKAGE
    return housing.rent_classes(p.cijfers, p.wijken, p.huurgrenzen, year, p.info.municipality, p.facts.municipality_name)


def _segments(figure) -> dict[str, list[tuple[float, float, str]]]:
    """Per wijk its bar segments as (start, end, label), in stacking order."""
    out: dict[str, list] = {}
    for trace in figure.data:
        if trace.type != "bar":
            continue
        for area, x, text in zip(trace.y, trace.x, trace.text):
            segments = out.setdefault(area, [])
            start = segments[-1][1] if segments else 0.0
            segments.append((start, start + (0.0 if pd.isna(x) else float(x)), text))
    return out


def test_no_segment_label_lies_under_a_tick_and_the_others_stay():
    rents = _rents()
    figure = housing_charts.rent_class_bars(rents.homes, rents.households, 2014)
    ticks = dict(zip(figure.data[-1].y, figure.data[-1].x))  # the low-income households, a tick per wijk
    segments = _segments(figure)
    assert ticks and set(ticks) <= set(segments)
    total = max(s[-1][1] for s in segments.values())
    crossed = kept = 0
    for area, parts in segments.items():
        for start, end, text in parts:
            middle = (start + end) / 2
            if text:  # a label shown: clear of the tick, its half width and a margin apart, at the narrowest plot
                half = (len(text) * LABEL_CHAR_PX / 2 + MARK_MARGIN_PX) * total / PLOT_MIN_PX
                assert abs(ticks.get(area, -1e9) - middle) > half, (area, text)
                kept += 1
            elif start < ticks.get(area, -1) < end and end - start >= 0.07 * total:
                crossed += 1  # a wide segment the tick crosses: its label was left out
    assert crossed >= 3 and kept >= 20  # in 2014 the ticks cross several labelled segments; most labels stay


def test_without_marks_every_wide_segment_keeps_its_label():
    rents = _rents()
    figure = housing_charts._stacked(rents.homes[rents.homes["klasse"] != housing.CITY_CLASS], "woningen",
                                     dict(zip(rents.homes["indicator"], rents.homes["huurklasse"])),
                                     housing_charts.RENT_CLASS_COLOURS, str, "nl", None)
    segments = _segments(figure)
    total = max(s[-1][1] for s in segments.values())
    for parts in segments.values():
        for start, end, text in parts:
            assert bool(text) == (end - start >= 0.07 * total)


def test_woz_values_stand_in_a_column_right_of_the_plot_clear_of_the_city_line():
    """Found on a phone: the amounts beside short bars ran over the city's dashed line. Each value now stands
    right of the plot (paper x = 1), level with its wijk, in Dutch; the city's line is in the legend with its value."""
    p = PACKAGE
    rows, city = housing.ranked(p.cijfers, p.wijken, "woz_gemiddeld", 2014, p.info.municipality)
    figure = housing_charts.value_bars(rows, city, "euro", "WOZ", classes=p.facts.classes, selected="selwerd")
    bars = [trace for trace in figure.data if trace.type == "bar"]
    assert bars and not any(trace.text for trace in bars)  # nothing written on or beside a bar
    labels = {label.y: label.text for label in figure.layout.annotations if label.xref == "paper" and label.x == 1}
    shown = rows[rows["waarde"].notna()]
    assert set(labels) == set(shown["gebied_id"])
    tuinwijk = shown.set_index("gebied_id").loc["tuinwijk", "waarde"]
    assert labels["tuinwijk"] == f"€\u00a0{int(tuinwijk):,}".replace(",", ".")
    assert labels["selwerd"].startswith("<b>")  # the chosen wijk in bold, as its name
    assert figure.layout.margin.r >= 7 * len("€ 216.000")  # room for the longest amount
    city_line = [trace.name for trace in figure.data if trace.type == "scatter"]
    assert city_line == [f"hele stad: €\u00a0{int(city):,}".replace(",", ".")]
    assert figure.layout.legend.orientation == "h"  # above the plot: a phone keeps its width for the bars


def test_the_answer_chart_names_its_two_lines_in_the_legend_and_its_ratios_stand_right_of_the_plot():
    """The parity and city labels above the plot and a legend at its right took a phone's width from the bars."""
    p = PACKAGE
    result = housing.affordability(p.cijfers, p.wijken, 2014, p.info.municipality)
    figure = housing_charts.affordability_bars(result.table, result.city, classes=p.facts.classes, selected="beijum")
    assert all(label.xref == "paper" and label.x == 1 for label in figure.layout.annotations)  # none over the plot
    lines = [trace.name.replace("<br>", " ") for trace in figure.data if trace.type == "scatter"]
    assert lines == ["1,0: evenveel goedkope woningen als huishoudens met een laag inkomen",
                     f"hele stad: {result.city:.2f}".replace(".", ",")]
    labels = {label.y: label.text for label in figure.layout.annotations if label.xref == "paper" and label.x == 1}
    beijum = result.table.set_index("gebied_id").loc["beijum", "verhouding"]
    assert labels["beijum"] == f"<b>{beijum:.2f}</b>".replace(".", ",")
    assert len(labels) == result.table["verhouding"].notna().sum()
    assert figure.layout.legend.orientation == "h"
