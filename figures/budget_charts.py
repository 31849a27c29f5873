"""Charts of the Budget page: per wijk and per class, what is available after the cut, what the open needs
propose and what was granted. Built from the frames of `domain.budget`; money the Dutch way (domain.format).

The amounts differ by two orders of magnitude (needs of a few thousand euros against budgets of hundreds of
thousands), so the value axis is logarithmic; every bar carries its amount, and the page puts the same
figures in a table.
"""

from __future__ import annotations

import html
import math
from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go

from domain import format as fmt
from domain.texts import t
from figures.compare_charts import separators
from figures.lines import wrapped

if TYPE_CHECKING:
    from nla_data.facts import ClassScheme

# Okabe–Ito: grey for what there is, blue for what is asked, bluish green for what was given.
SERIES = (("na_korting", "bud.after_cut", "#9E9E9E"), ("voorgesteld", "bud.proposed", "#0072B2"),
          ("toegekend", "bud.granted", "#009E73"))
BAR_ROW = 34  # pixels per wijk (three thin bars)
# pixels above the plot for the legend: on a phone it wraps to three rows, and at 40 px it covered the top bars
LEGEND_ROOM = 80
LABEL_ROOM = 80  # pixels right of the plot for the amount after the longest bar ("€ 6.090.000" at 11 px)


def _layout(figure: go.Figure, lang: str, rows: int) -> go.Figure:
    figure.update_layout(
        barmode="group", separators=separators(lang), template="plotly_white",
        height=80 + LEGEND_ROOM + BAR_ROW * rows,
        margin=dict(l=10, r=LABEL_ROOM, t=LEGEND_ROOM, b=10), font=dict(size=13), bargap=0.25,
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0, title_text="",
                    traceorder="normal"),
        hoverlabel=dict(align="left"))
    figure.update_xaxes(type="log", title_text="", **_ticks(figure, lang))
    figure.update_yaxes(autorange="reversed", title_text="")
    return figure


def _ticks(figure: go.Figure, lang: str) -> dict:
    """Powers of ten from below the smallest amount up to the largest, short (€ 10K, € 1 mln.) and level. The
    axis ends at the longest bar: its amount goes into the margin (LABEL_ROOM), at any width: a range padded
    in decades left a phone's few pixels, and cut the amount off ("€ 870.0")."""
    amounts = [x for trace in figure.data for x in (trace.x or ()) if x]
    if not amounts:
        return {}
    low, high = math.floor(math.log10(min(amounts))), math.log10(max(amounts))
    ticks = [10 ** p for p in range(low, math.floor(high) + 1)]
    return dict(tickvals=ticks, ticktext=[fmt.money_short(v, lang) for v in ticks], range=[low, max(high, low + 1)],
                tickangle=0, tickfont_size=11)


def _bars(figure: go.Figure, names: list[str], frame: pd.DataFrame, lang: str) -> None:
    for column, key, colour in SERIES:
        amounts = frame[column].astype("int64").tolist()
        label = t(key, lang)
        figure.add_bar(
            y=names, x=[a if a > 0 else None for a in amounts], orientation="h", name=label, marker_color=colour,
            text=[fmt.money(a, lang) for a in amounts], textposition="outside", cliponaxis=False, textfont_size=11,
            constraintext="none",  # plotly shrank the labels of thin grouped bars to unreadable (about 6 px)
            hovertext=[f"<b>{n}</b><br>{label}: {fmt.money(a, lang)}" for n, a in zip(names, amounts)],
            hoverinfo="text")


def per_wijk(table: pd.DataFrame, classes: ClassScheme, lang: str) -> go.Figure:
    """One group of bars per wijk (in the table's order: by class), the class under the wijk's name (one line
    each: on a phone the names leave the bars room)."""
    names = [f"{html.escape(str(n), quote=False)}<br>({classes.label(k, lang)})"
             for n, k in zip(table["naam"], table["klasse"])]
    figure = go.Figure()
    _bars(figure, names, table, lang)
    return _layout(figure, lang, len(table))


def per_class(summed: pd.DataFrame, classes: ClassScheme, lang: str) -> go.Figure:
    """One group of bars per class (domain.budget.by_class)."""
    names = [classes.label(k, lang) for k in summed["klasse"]]
    figure = go.Figure()
    _bars(figure, names, summed, lang)
    return _layout(figure, lang, len(summed))


# Okabe–Ito: vermillion for money going out, grey for where it stands; a negative balance in vermillion too.
OUT, STANDS = "#D55E00", "#6E6E6E"
STEP_NAME_WIDTH = 18  # characters a line of a step's name ("Gevraagd, nog niet" / "besloten")


def waterfall(steps: pd.DataFrame, lang: str) -> go.Figure:
    """The steps of `domain.budget.steps` as a horizontal waterfall (top to bottom, so the names have room):
    amounts in euros on a linear axis from zero, each bar labelled with its amount."""
    # over two lines where long: on a phone the names on one line left the bars 65 of 358 px
    titles = [html.escape(t(f"bud.step.{s}", lang), quote=False) for s in steps["stap"]]
    names = [wrapped(title, STEP_NAME_WIDTH, lang) for title in titles]
    amounts = steps["bedrag"].astype("int64").tolist()
    figure = go.Figure(go.Waterfall(
        orientation="h", y=names, x=amounts, measure=list(steps["soort"]), text=[fmt.money(a, lang) for a in amounts],
        textposition="outside", cliponaxis=False, constraintext="none",
        connector=dict(line=dict(color="#BDBDBD", width=1)),
        decreasing=dict(marker_color=OUT), increasing=dict(marker_color="#009E73"),
        totals=dict(marker_color=STANDS if amounts[-1] >= 0 else OUT),
        hovertext=[f"<b>{n}</b><br>{fmt.money(a, lang)}" for n, a in zip(titles, amounts)], hoverinfo="text"))
    figure.update_layout(separators=separators(lang), template="plotly_white", height=70 + 42 * len(names),
                         showlegend=False, margin=dict(l=10, r=90, t=10, b=10), font=dict(size=13))
    # few short ticks, level (€ 100K, € 1,5 mln.): on a phone plotly's four full amounts ran together
    # ("€ 0€ 100.000200.000"); the bars' labels carry the exact amounts
    ticks = money_ticks(_levels(amounts, list(steps["soort"])))
    figure.update_xaxes(tickvals=ticks, ticktext=[fmt.money_short(v, lang) for v in ticks], title_text="",
                        rangemode="tozero", tickangle=0, tickfont_size=11)
    figure.update_yaxes(title_text="", autorange="reversed", automargin=True)
    return figure


def _levels(amounts: list[int], measures: list[str]) -> list[int]:
    """Where the waterfall stands after each step: an absolute sets it, a relative moves it, a total shows it."""
    levels, level = [0], 0
    for amount, measure in zip(amounts, measures):
        level = level + amount if measure == "relative" else amount if measure == "absolute" else level
        levels.append(level)
    return levels


TICKS = 3  # about this many steps between the lowest and the highest tick
NICE_STEPS = (1, 2, 2.5, 5, 10)  # times a power of ten


def money_ticks(levels: list[int]) -> list[int]:
    """Round ticks (a step of 1, 2, 2,5 or 5 times a power of ten) from the lowest level (zero or below) to the
    highest, the step whose number of steps is nearest TICKS (the fewer on a tie: a phone's axis is narrow).
    Rounding the step up instead left the city's € 8.875.000 two ticks, € 0 and € 5 mln."""
    low, high = min(0, *levels), max(0, *levels)
    if high == low:
        return [0]
    power = 10 ** math.floor(math.log10((high - low) / TICKS))
    steps = [round(power * f) for f in NICE_STEPS if power * f >= 1] or [1]  # whole euros: never below € 1
    step = min(steps, key=lambda s: (abs((high - low) / s - TICKS), -s))
    return list(range(math.ceil(low / step) * step, math.floor(high / step) * step + 1, step))
