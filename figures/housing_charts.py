"""Charts of the Wonen page: affordability, its spread over the city, stock, rent classes, quality.

Built from the frames of `domain.housing`. Wijken are horizontal bars (15 names read best down a
page), coloured by class where the wijk itself is the subject; categories within a wijk (tenure,
corporation, rent class, energy label) have colours of their own. Numbers read the Dutch way:
`domain.format` for labels and hovers, plotly's `separators` for the axes. Where values are
illustrative the figure says so itself, so a saved picture stays honest.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go

from domain import format as fmt
from domain import housing
from domain.texts import t
from figures.lines import wrapped
from figures.palette import HIGHLIGHT, class_colours

if TYPE_CHECKING:
    from nla_data.facts import ClassScheme

CITY_LINE = dict(color="#111111", width=1.5, dash="dash")
PARITY_LINE = dict(color="#6E6E6E", width=1.5, dash="dot")
BAR_ROW = 28  # pixels per wijk
MUTED = "#6E6E6E"
# Characters per line of an axis title and of a line's label: plotly wraps neither, and a phone's chart beside its
# legend is narrow (tests/test_browser_phone.py: no chart text off the screen); an axis title is centred under
# the plot, right of the names, and 40 characters ran off a phone's right edge
AXIS_WRAP, LABEL_WRAP = 30, 36
OTHER_CORPORATION = "#D3D7DB"  # a corporation user's chart: the others quiet, their own in colour
ILLUSTRATIVE_COLOUR = "#B45309"  # the amber of the "illustratief" badge
VALUE_CHAR = 7.5  # pixels per character of a value in the column right of the plot (12 px)

# Categories within a wijk (Paul Tol's colour-blind safe sets; none of them a class colour).
TENURE_COLOURS = {"aandeel_koop": "#88CCEE", "aandeel_sociale_huur": "#117733", "aandeel_particuliere_huur": "#DDCC77"}
CORPORATION_COLOURS = ["#332288", "#44AA99", "#DDCC77", "#CC6677", "#882255", "#88CCEE", "#999933"]
# Cheap classes green (the answer), dearer ones grey: the eye sees at once how far the cheap homes reach.
RENT_CLASS_COLOURS = dict(zip(housing.RENT_CLASSES, ["#1B7837", "#7FBF7B", "#D0D0D0", "#A0A0A0"]))
# The familiar label colours, dark-light-light-dark so that the two ends differ in lightness too.
ENERGY_COLOURS = dict(zip(housing.ENERGY_LABELS, ["#1A7F37", "#B8D433", "#FFD21F", "#C2410C"]))
ENERGY_KEYS = dict(zip(housing.ENERGY_LABELS, ["ab", "c", "d", "efg"]))


def _text(name) -> str:
    """A name from the data (wijk, corporation) for plotly's hover, axis and legend, which read
    `<a href>`, `<b>` and friends as markup: escaped, so it shows as written."""
    return html.escape(str(name), quote=False)


def _names(rows: pd.DataFrame) -> list[str]:
    return [_text(name) for name in rows["naam"]]


def separators(lang: str) -> str:
    """Plotly's decimal and thousands separators: `1.234,5` in Dutch."""
    return ",." if lang == "nl" else ".,"


# --- the answer -----------------------------------------------------------------------------------


def affordability_bars(table: pd.DataFrame, city: float | None, *, classes: ClassScheme, lang: str = "nl",
                       illustrative: bool = False, selected: str | None = None) -> go.Figure:
    """Cheap rental homes per low-income household, one bar per wijk, the tightest at the top.

    A dotted line at 1 (as many cheap homes as low-income households) and a dashed line for the city, both
    named in the legend above the plot; each ratio in a column right of the plot (`_value_column`).
    `table` is `housing.affordability(...).table`; `classes` the package's (NlaPackage.facts.classes).
    """
    rows = table[table["verhouding"].notna()]
    figure = go.Figure()
    colours = class_colours(classes)
    for klasse in classes.keys:
        part = rows[rows["klasse"] == klasse]
        if part.empty:
            continue
        figure.add_trace(go.Bar(
            y=part["gebied_id"], x=part["verhouding"], orientation="h", name=_text(classes.label(klasse, lang)),
            marker=_marker(colours[klasse], part["gebied_id"], selected),
            customdata=list(zip(_names(part), [fmt.number(v, lang) for v in part[housing.CHEAP]],
                                [fmt.number(v, lang) for v in part[housing.LOW_INCOME]])),
            hovertemplate=("<b>%{customdata[0]}</b><br>%{x:.2f}<br>"  # the layout's separators: 0,63
                           + t("won.answer.hover", lang) + "<extra></extra>"),
        ))
    figure.add_vline(x=1, line=PARITY_LINE, layer="below")
    _line_in_legend(figure, PARITY_LINE, wrapped(t("won.answer.parity", lang), LABEL_WRAP, lang))
    if city is not None:
        figure.add_vline(x=city, line=CITY_LINE, layer="below")
        _line_in_legend(figure, CITY_LINE, t("won.city_line", lang, value=fmt.number(city, lang, 2)))
    top = max([1.0, city or 0.0, *rows["verhouding"].tolist()]) * 1.04
    _wijk_axis(figure, rows, selected)
    figure.update_xaxes(title_text=t("won.answer.axis", lang), range=[0, top], tickformat=",.1f", tickangle=0)
    _layout(figure, lang, _height(len(rows), extra=40), illustrative)
    return _value_column(figure, rows["gebied_id"], [fmt.number(v, lang, 2) for v in rows["verhouding"]], selected)


def spread_dumbbell(table: pd.DataFrame, *, lang: str = "nl", illustrative: bool = False,
                    selected: str | None = None) -> go.Figure:
    """Each wijk's share of the city's cheap rental homes (circle) and low-income households (diamond).

    `table` is `housing.spread(...).table`, already ordered (leaning most on the rest of the city first).
    """
    rows = table[table["verschil"].notna()]
    figure = go.Figure()
    xs, ys = [], []
    for row in rows.itertuples():
        xs += [row.aandeel_goedkoop, row.aandeel_laag_inkomen, None]
        ys += [row.gebied_id, row.gebied_id, None]
    figure.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=dict(color="#BDBDBD", width=3),
                                showlegend=False, hoverinfo="skip"))
    points = [("aandeel_goedkoop", "won.spread.homes", "circle", "#1B7837"),
              ("aandeel_laag_inkomen", "won.spread.households", "diamond", "#111111")]
    for column, label, symbol, colour in points:
        figure.add_trace(go.Scatter(
            x=rows[column], y=rows["gebied_id"], mode="markers", name=t(label, lang),
            marker=dict(symbol=symbol, size=11, color=colour, line=dict(color="white", width=1)),
            customdata=list(zip(_names(rows), [fmt.percent(v, lang) for v in rows[column]])),
            hovertemplate="<b>%{customdata[0]}</b><br>" + t(label, lang) + ": %{customdata[1]}<extra></extra>"))
    _wijk_axis(figure, rows, selected)
    figure.update_xaxes(title_text=t("won.spread.axis", lang), ticksuffix="%", rangemode="tozero")
    return _layout(figure, lang, _height(len(rows)), illustrative)


# --- the stock --------------------------------------------------------------------------------------


def tenure_bars(long: pd.DataFrame, *, lang: str = "nl", illustrative: bool = False,
                selected: str | None = None) -> go.Figure:
    """Owner-occupied, social rent and private rent as stacked bars of 100%, per wijk and the city."""
    names = {i: t(f"won.tenure.{i}", lang) for i in housing.TENURE}
    figure = _stacked(long, "waarde", names, TENURE_COLOURS, lambda v: fmt.percent(v, lang), lang, selected)
    figure.update_xaxes(title_text=t("won.tenure.axis", lang), ticksuffix="%", range=[0, 100.5])
    return _layout(figure, lang, _height(long["gebied_id"].nunique()), illustrative)


def corporation_bars(long: pd.DataFrame, *, lang: str = "nl", illustrative: bool = False,
                     selected: str | None = None, own: str | None = None) -> go.Figure:
    """Social rental homes per corporation, stacked per wijk (the city, of another scale, is left out).
    `own`: the viewer's corporation, in full colour with the others muted."""
    wijken = long[long["klasse"] != housing.CITY_CLASS]
    names = dict(zip(wijken["indicator"], wijken["corporatie"]))
    colours = dict(zip(names, CORPORATION_COLOURS))
    if own in names.values():
        colours = {i: (c if names[i] == own else OTHER_CORPORATION) for i, c in colours.items()}
    shares = dict(zip(zip(wijken["gebied_id"], wijken["indicator"]), wijken["aandeel"]))
    figure = _stacked(wijken, "woningen", names, colours, lambda v: fmt.number(v, lang), lang, selected,
                      extra=lambda area, indicator: fmt.percent(shares.get((area, indicator)), lang))
    figure.update_xaxes(title_text=t("won.corp.axis", lang), tickformat=",~r")
    return _layout(figure, lang, _height(wijken["gebied_id"].nunique()), illustrative)


# --- rent classes against low-income households ----------------------------------------------------


def rent_class_bars(homes: pd.DataFrame, households: pd.DataFrame, year: int, *, lang: str = "nl",
                    illustrative: bool = False, selected: str | None = None) -> go.Figure:
    """Rental homes per rent class, stacked cheapest first, with a black tick at the number of low-income
    households: where the green (cheap) part does not reach the tick, cheap homes fall short.
    The city, of another scale, is left out (it is in the table)."""
    homes = homes[homes["klasse"] != housing.CITY_CLASS]
    households = households[households["klasse"] != housing.CITY_CLASS]
    names = dict(zip(homes["indicator"], homes["huurklasse"]))
    known = households[households[housing.LOW_INCOME].notna()]
    ticks = dict(zip(known["gebied_id"], known[housing.LOW_INCOME].astype(float)))  # no label under a tick
    figure = _stacked(homes, "woningen", names, RENT_CLASS_COLOURS, lambda v: fmt.number(v, lang), lang, selected,
                      clear_of=ticks)
    figure.add_trace(go.Scatter(
        x=known[housing.LOW_INCOME], y=known["gebied_id"], mode="markers", name=t("won.rent.low_income", lang),
        marker=dict(symbol="line-ns", size=22, line=dict(color="#111111", width=3)),
        customdata=list(zip(_names(known), [fmt.number(v, lang) for v in known[housing.LOW_INCOME]],
                            [fmt.number(v, lang) for v in known["goedkoop"]])),
        hovertemplate=("<b>%{customdata[0]}</b><br>" + t("won.rent.low_income", lang) + ": %{customdata[1]}<br>"
                       + t("won.col.cheap_sum", lang) + ": %{customdata[2]}<extra></extra>")))
    figure.update_xaxes(title_text=t("won.rent.axis", lang, year=year), tickformat=",~r")
    return _layout(figure, lang, _height(homes["gebied_id"].nunique()), illustrative)


# --- quality ------------------------------------------------------------------------------------------


def value_bars(table: pd.DataFrame, city: float | None, unit: str, axis_title: str, *, classes: ClassScheme,
               lang: str = "nl", illustrative: bool = False, selected: str | None = None) -> go.Figure:
    """One indicator per wijk as bars coloured by class (in the order of `table`), with the city line.
    For WOZ (`unit` euro) and liveability (`score`); `table` is `housing.ranked(...)[0]`.

    Each value stands in a column right of the plot, level with its bar, as on Vergelijken: a euro amount
    beside a short bar (a phone) ran over the city's line. The legend (classes, then the city's line with its
    value) goes above the plot, so that on a phone it takes no width from the bars."""
    rows = table[table["waarde"].notna()]
    figure = go.Figure()
    colours = class_colours(classes)
    for klasse in classes.keys:
        part = rows[rows["klasse"] == klasse]
        if part.empty:
            continue
        figure.add_trace(go.Bar(
            y=part["gebied_id"], x=part["waarde"], orientation="h", name=_text(classes.label(klasse, lang)),
            marker=_marker(colours[klasse], part["gebied_id"], selected),
            customdata=list(zip(_names(part), [fmt.value(v, unit, lang) for v in part["waarde"]])),
            hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>"))
    if city is not None:
        figure.add_vline(x=city, line=CITY_LINE, layer="below")
        _line_in_legend(figure, CITY_LINE, t("won.city_line", lang, value=fmt.value(city, unit, lang)))
    top = max([city or 0.0, *rows["waarde"].tolist()]) * 1.04 if len(rows) else 1
    _wijk_axis(figure, rows, selected)
    # few level ticks: on a phone "€ 100.000" and "€ 200.000" stood slanted, over each other
    axis = dict(tickprefix="€ ", tickformat=",.0f", nticks=4) if unit == "euro" else dict(tickformat=",.0f")
    figure.update_xaxes(title_text=axis_title, range=[0, top], tickangle=0, **axis)
    _layout(figure, lang, _height(len(rows), extra=30), illustrative)
    return _value_column(figure, rows["gebied_id"], [fmt.value(v, unit, lang) for v in rows["waarde"]], selected)


def _line_in_legend(figure: go.Figure, style: dict, name: str) -> None:
    """A reference line's name (and value) in the legend: a label on the line itself ran over the bars' values
    or, above the plot, into the legend."""
    figure.add_trace(go.Scatter(x=[None], y=[None], mode="lines", line=style, hoverinfo="skip", name=name))


def _value_column(figure: go.Figure, areas: pd.Series, labels: list[str], selected: str | None) -> go.Figure:
    """Each bar's value in a column right of the plot, level with its bar, as on Vergelijken: a value at a bar's
    end (outside a short bar on a phone) ran over the reference lines. The selected wijk's in bold, as its name."""
    figure.update_layout(annotations=[
        dict(x=1, xref="paper", xanchor="left", xshift=8, y=area, yref="y", showarrow=False, font=dict(size=12),
             text=f"<b>{text}</b>" if area == selected else text) for area, text in zip(areas, labels)])
    return figure.update_layout(margin=dict(r=14 + VALUE_CHAR * max((len(text) for text in labels), default=0)))


def energy_label_bars(long: pd.DataFrame, *, lang: str = "nl", illustrative: bool = False,
                      selected: str | None = None) -> go.Figure:
    """Dwellings by energy-label group as stacked bars of 100%, per wijk and the city."""
    names = {i: t(f"won.energy.{ENERGY_KEYS[i]}", lang) for i in housing.ENERGY_LABELS}
    figure = _stacked(long, "waarde", names, ENERGY_COLOURS, lambda v: fmt.percent(v, lang), lang, selected)
    figure.update_xaxes(title_text=t("won.energy.axis", lang), ticksuffix="%", range=[0, 100.5])
    return _layout(figure, lang, _height(long["gebied_id"].nunique()), illustrative)


# --- shared pieces ------------------------------------------------------------------------------------


# A segment's label is left out where a mark crosses it (`_stacked`'s `clear_of`). Its width is estimated at
# the narrowest plot the page draws (the value labels are 11 px, a digit about 6.5 px wide): on a wider plot
# a label is left out that might have fitted, never drawn under the mark.
LABEL_CHAR_PX, PLOT_MIN_PX, MARK_MARGIN_PX = 6.5, 600, 6


def _clear(text: str, start: float, width: float, mark: float | None, total: float) -> bool:
    """Whether a label `text` in the middle of the segment [start, start + width] stays clear of `mark`."""
    if mark is None or pd.isna(mark) or not total:
        return True
    half = (len(text) * LABEL_CHAR_PX / 2 + MARK_MARGIN_PX) * total / PLOT_MIN_PX
    return abs(mark - (start + width / 2)) > half


def _stacked(long: pd.DataFrame, value: str, names: dict[str, str], colours: dict[str, str], label, lang: str,
             selected: str | None, extra=None, clear_of: dict[str, float] | None = None) -> go.Figure:
    """Horizontal bars stacked by `indicator`, one bar per area in the order of `long`; the values in
    the segments (when wide enough, and not where the area's mark in `clear_of` crosses them) and in the hover."""
    figure = go.Figure()
    areas = long.drop_duplicates("gebied_id")
    total = long.groupby("gebied_id")[value].sum().max() if len(long) else 0
    start = dict.fromkeys(areas["gebied_id"], 0.0)  # where the next segment of each area begins
    marks = clear_of or {}
    for indicator, name in names.items():
        part = long[long["indicator"] == indicator]
        if part.empty:
            continue
        name = _text(name)  # a corporation's name comes from the data
        texts = [label(v) if pd.notna(v) else t("value.missing", lang) for v in part[value]]
        more = [extra(a, indicator) for a in part["gebied_id"]] if extra else [""] * len(part)
        shown = []
        for area, text, v in zip(part["gebied_id"], texts, part[value]):
            width = float(v) if pd.notna(v) else 0.0
            # Only segments of at least 7% of the widest bar get a label: smaller ones would overflow.
            wide = pd.notna(v) and total and v >= 0.07 * total
            shown.append(text if wide and _clear(text, start[area], width, marks.get(area), total) else "")
            start[area] += width
        figure.add_trace(go.Bar(
            y=part["gebied_id"], x=part[value], orientation="h", name=name,
            marker=dict(color=colours.get(indicator, MUTED), line=dict(color="white", width=0.5)),
            text=shown,
            textposition="inside", insidetextanchor="middle", textangle=0, textfont=dict(size=11),
            customdata=list(zip(_names(part), texts, more, [name] * len(part))),
            hovertemplate=("<b>%{customdata[0]}</b><br>%{customdata[3]}: %{customdata[1]}"
                           + (" (%{customdata[2]})" if extra else "") + "<extra></extra>")))
    figure.update_layout(barmode="stack", uniformtext=dict(minsize=9, mode="hide"))
    _wijk_axis(figure, areas, selected)
    return figure


def _wijk_axis(figure: go.Figure, rows: pd.DataFrame, selected: str | None) -> None:
    """Areas down the y axis in the order of `rows` (first at the top), by name; the selected wijk in
    bold and the city in italics."""
    ids = list(rows["gebied_id"])
    labels = []
    for area, name, klasse in zip(rows["gebied_id"], _names(rows), rows["klasse"]):
        if klasse == housing.CITY_CLASS:
            labels.append(f"<i>{name}</i>")
        elif area == selected:
            labels.append(f"<b>▶ {name}</b>")
        else:
            labels.append(name)
    figure.update_yaxes(categoryorder="array", categoryarray=ids, autorange="reversed", tickvals=ids,
                        ticktext=labels, title_text="", automargin=True)


def _marker(colour: str, areas: pd.Series, selected: str | None) -> dict:
    """Class colour; the selected wijk outlined."""
    widths = [2.5 if area == selected else 0 for area in areas]
    return dict(color=colour, line=dict(color=HIGHLIGHT, width=widths))


def _height(rows: int, extra: int = 0) -> int:
    return 130 + extra + BAR_ROW * max(rows, 1)


def _layout(figure: go.Figure, lang: str, height: int, illustrative: bool) -> go.Figure:
    """The look all charts share. Illustrative values are said in the x-axis title: it is always there,
    never covered by a legend, and it stays with the picture when saved. Every legend above the plot: at
    its right it took a third of a phone's width from the bars."""
    legend = dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0)
    figure.update_layout(
        separators=separators(lang), template="plotly_white", height=height, font=dict(size=13),
        margin=dict(l=10, r=30, t=50, b=10), legend=dict(title_text="", traceorder="normal", **legend),
        hoverlabel=dict(align="left"), bargap=0.25)
    # the axis title over lines that a phone's narrow chart shows whole, the margin below growing with them
    figure.update_xaxes(title_text=wrapped(figure.layout.xaxis.title.text or "", AXIS_WRAP, lang) or None, automargin=True)
    if illustrative:
        title = figure.layout.xaxis.title.text or ""
        marker = f"<span style='color:{ILLUSTRATIVE_COLOUR}'><i>{t('won.fig.illustrative', lang)}</i></span>"
        figure.update_xaxes(title_text=f"{title}<br>{marker}" if title else marker)
    return figure
