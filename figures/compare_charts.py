"""Charts of the Vergelijken page: bars per wijk, lines over the years, several indicators side by side.

Built from the frames of `domain.compare`; numbers are formatted by `domain.format` (hover, labels)
and by plotly's `separators` (axes), so `45,7%` and `€ 212.000` read the Dutch way.
"""

from __future__ import annotations

import html
import math
from collections import Counter
from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from domain import compare
from domain import format as fmt
from domain.texts import t
from figures.lines import hyphenated
from figures.palette import class_colours, wijk_colours

if TYPE_CHECKING:
    from nla_data.facts import ClassScheme

CITY_LINE = dict(color="#111111", width=1.5, dash="dash")
NLA_LINE = dict(color="#6E6E6E", width=1.5, dash="dot")
PATTERN = "/"  # illustrative bars are hatched, and the legend says what that means
MISSING_COLOUR = "#9E9E9E"
SYMBOLS = ["circle", "square", "diamond", "triangle-up", "cross", "x", "triangle-down", "star", "hexagon"]
BAR_ROW = 30  # pixels per wijk in a horizontal bar chart
LEGEND_ROW = 20  # pixels per legend entry: a narrow chart stacks them
LABEL_CHAR = 7.5  # pixels per character of a value label (12 px font), for the margin that holds them


def separators(lang: str) -> str:
    """Plotly's decimal and thousands separators: `1.234,5` in Dutch."""
    return ",." if lang == "nl" else ".,"


def _axis_format(unit: str) -> dict:
    if unit == "procent":
        return dict(ticksuffix="%")
    if unit == "euro":
        return dict(tickprefix="€ ", tickformat=",.0f")
    return dict(tickformat=",~r") if unit != "verhouding" else dict(tickformat=",.2~f")


def _base_layout(figure: go.Figure, lang: str, height: int) -> go.Figure:
    figure.update_layout(
        separators=separators(lang), template="plotly_white", height=height,
        margin=dict(l=10, r=20, t=40, b=10), font=dict(size=13),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0, title_text=""),
        hoverlabel=dict(align="left"))
    return figure


def _flag(value) -> bool:
    """An `illustratief` cell: True, False or missing (which is not illustrative)."""
    return False if value is None or pd.isna(value) else bool(value)


def _text(name) -> str:
    """A name from the data (wijk, indicator) for plotly's hover, axis, legend and titles, which read
    `<a href>`, `<b>` and friends as markup: escaped, so it shows as written."""
    return html.escape(str(name), quote=False)


def _named(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.assign(naam=[_text(name) for name in rows["naam"]])


def _value(amount, unit: str, lang: str) -> str:
    return t("value.missing", lang) if amount is None or pd.isna(amount) else fmt.value(amount, unit, lang)


def _hover(row, label: str, unit: str, lang: str, n: int) -> str:
    lines = [f"<b>{row['naam']}</b>", f"{label}: {_value(row['waarde'], unit, lang)}"]
    if pd.notna(row.get("index", math.nan)):
        lines.append(f"{t('cmp.chart.index', lang)}: {fmt.number(row['index'], lang)}")
    if pd.notna(row.get("rang", pd.NA)):
        lines.append(t("cmp.chart.rank", lang, rank=int(row["rang"]), n=n))
    when = str(int(row["jaar"])) if pd.notna(row.get("jaar", pd.NA)) else ""
    if _flag(row.get("illustratief")):
        when += f" · {t('value.illustrative', lang)}"
    lines.append(when)
    return "<br>".join(lines)


def _class_legend(figure: go.Figure, shown: list[str], classes: ClassScheme, lang: str, **where) -> None:
    """One legend entry per class shown, in the package's order (the bars themselves stay out of the legend)."""
    colours = class_colours(classes)
    for klasse in classes.keys:
        if klasse in shown:
            figure.add_trace(go.Bar(x=[None], y=[None], orientation="h", name=_text(classes.label(klasse, lang)),
                                    marker_color=colours[klasse], showlegend=True, hoverinfo="skip"), **where)


def _illustrative_legend(figure: go.Figure, lang: str, **where) -> None:
    figure.add_trace(go.Bar(x=[None], y=[None], orientation="h", name=t("cmp.chart.illustrative_legend", lang),
                            marker=dict(color="#FFFFFF", line=dict(color="#555555", width=1),
                                        pattern=dict(shape=PATTERN, fgcolor="#555555", solidity=0.3)),
                            showlegend=True, hoverinfo="skip"), **where)


def colours_of(rows: pd.DataFrame, classes: ClassScheme, colours: dict[str, str] | None = None) -> dict[str, str]:
    """Each wijk's colour: as given (the page passes one mapping to all its charts), else a shade of its
    class's colour among `rows` (figures.palette.wijk_colours), in class-then-name order."""
    if colours is not None:
        return colours
    wijken = rows.drop_duplicates("gebied_id")
    order = {key: i for i, key in enumerate(classes.keys)}
    wijken = wijken.assign(_class=wijken["klasse"].map(order)).sort_values(["_class", "naam"], na_position="last")
    return wijk_colours(classes, zip(wijken["gebied_id"], wijken["klasse"]))


def _bars(rows: pd.DataFrame, label: str, unit: str, lang: str, n: int, colours: dict[str, str]) -> go.Bar:
    """Horizontal bars, one per row, in the rows' order from top to bottom; each wijk in its own colour."""
    fill = [colours.get(w, MISSING_COLOUR) for w in rows["gebied_id"]]
    patterns = [PATTERN if _flag(i) else "" for i in rows["illustratief"]]
    return go.Bar(
        x=rows["waarde"].astype("float64"), y=rows["naam"], orientation="h",
        marker=dict(color=fill, line=dict(color=fill, width=1),
                    pattern=dict(shape=patterns, fgcolor="rgba(255,255,255,0.75)", solidity=0.35)),
        hovertext=[_hover(row, label, unit, lang, n) for _, row in rows.iterrows()],
        hovertemplate="%{hovertext}<extra></extra>", showlegend=False)


def _value_labels(rows: pd.DataFrame, unit: str, lang: str) -> tuple[list[dict], int]:
    """Each bar's value in a column right of the plot, level with its bar: never on a bar's end, where the
    city's and the NLA wijken's lines run. Returns the annotations and the margin they need (pixels)."""
    texts = [_value(v, unit, lang) for v in rows["waarde"]]
    labels = [dict(x=1, xref="paper", xanchor="left", xshift=10, y=name, yref="y", text=text, showarrow=False,
                   font=dict(size=12, color="#333333")) for name, text in zip(rows["naam"], texts)]
    return labels, int(16 + LABEL_CHAR * max((len(text) for text in texts), default=0))


def _ranked(rows: pd.DataFrame) -> pd.DataFrame:
    """Rank 1 at the top; wijken without a value at the bottom."""
    return rows.sort_values(["rang", "naam"], na_position="last")


def _reference_lines(figure: go.Figure, city: float, nla: float, unit: str, lang: str, *, show_city: bool,
                     city_label: str = "", legend: bool = True, col: int = 1) -> list[dict]:
    """Dashed line at the city, dotted at the NLA wijken, as shapes for panel `col` (returned, so a caller
    adds them all at once: plotly's add_vline is slow); named in the legend with their values, since
    labels on the lines themselves collide when the two are close."""
    lines = [(city, CITY_LINE, _text(city_label))] if show_city and pd.notna(city) else []
    if pd.notna(nla):
        lines.append((nla, NLA_LINE, t("cmp.nla_mean", lang)))
    axis = "" if col == 1 else str(col)
    shapes = [dict(type="line", x0=value, x1=value, xref=f"x{axis}", y0=0, y1=1, yref=f"y{axis} domain",
                   line=style, layer="above") for value, style, _ in lines]
    if legend:
        for value, style, name in lines:
            figure.add_trace(go.Scatter(x=[None], y=[None], mode="lines", line=style, hoverinfo="skip",
                                        name=f"{name}: {_value(value, unit, lang)}"))
    return shapes


def bar_chart(table: pd.DataFrame, definition: pd.Series, lang: str = "nl", *, classes: ClassScheme,
              colours: dict[str, str] | None = None) -> go.Figure:
    """The chosen wijken as horizontal bars, ranked, with the city (dashed) and the NLA wijken (dotted);
    each bar's value in a column to the right, clear of those lines.

    `table` is `domain.compare.comparison_table`; `classes` the package's (NlaPackage.facts.classes);
    `colours` each wijk's colour (`colours_of`). For counts the city is far larger than any wijk, so only
    the mean per NLA wijk is drawn as a line.
    """
    label, unit = _text(definition[f"label_{lang}"]), definition["eenheid"]
    wijken = _named(_ranked(table[table["soort"] == compare.WIJK]))
    city = table.loc[table["soort"] == compare.CITY, "waarde"].iloc[0]
    city_label = table.loc[table["soort"] == compare.CITY, "naam"].iloc[0]
    nla = table.loc[table["soort"] == compare.NLA_MEAN, "waarde"].iloc[0]
    is_count = definition.get("aggregatie") == "som"

    figure = go.Figure(_bars(wijken, label, unit, lang, len(wijken), colours_of(wijken, classes, colours)))
    _class_legend(figure, list(wijken["klasse"]), classes, lang)
    if any(_flag(v) for v in wijken["illustratief"]):
        _illustrative_legend(figure, lang)
    figure.update_layout(shapes=_reference_lines(figure, city, nla, unit, lang, show_city=not is_count,
                                                 city_label=city_label))
    top = max([v for v in [*wijken["waarde"], nla, city if not is_count else math.nan] if pd.notna(v)], default=1)
    figure.update_xaxes(range=[0, top * 1.06 or 1], zeroline=True, **_axis_format(unit))
    figure.update_yaxes(categoryorder="array", categoryarray=list(wijken["naam"])[::-1], automargin=True)
    labels, room = _value_labels(wijken, unit, lang)
    figure.update_layout(barmode="overlay", bargap=0.25, annotations=labels)
    legend_rows = sum(1 for trace in figure.data if trace.showlegend is not False)
    _base_layout(figure, lang, height=80 + BAR_ROW * len(wijken) + LEGEND_ROW * legend_rows)
    return figure.update_layout(margin=dict(r=room))


def trend_chart(trend: pd.DataFrame, nla: pd.DataFrame, areas: pd.DataFrame, definition: pd.Series,
                lang: str = "nl", city_id: str | None = None, *, classes: ClassScheme,
                city_label: str = "", colours: dict[str, str] | None = None) -> go.Figure:
    """One line per wijk over every year the indicator has; a missing year is a gap (`connectgaps=False`).

    `trend` is `domain.compare.trend_frame` (the city's id among the areas for its line, named
    `city_label`), `nla` is `domain.compare.nla_trend`, `areas` has gebied_id, naam and klasse. Each wijk
    has its colour (`colours`, as in `bar_chart`) and its class's legend group. For counts the city is left
    out (it would flatten every wijk), as in `bar_chart`.
    """
    if definition.get("aggregatie") == "som":
        city_id, trend = None, trend[trend["gebied_id"] != city_id]
    label, unit = _text(definition[f"label_{lang}"]), definition["eenheid"]
    names = _named(areas).set_index("gebied_id")
    figure = go.Figure()
    shown = areas[areas["gebied_id"].isin(set(trend["gebied_id"]))]
    colours = colours_of(shown, classes, colours)
    symbol_of: dict[str, int] = {}
    for area_id, rows in trend.groupby("gebied_id", sort=False):
        if area_id == city_id or area_id not in names.index:
            continue
        klasse = names.loc[area_id, "klasse"]
        symbol = SYMBOLS[symbol_of.setdefault(klasse, 0) % len(SYMBOLS)]
        symbol_of[klasse] += 1
        figure.add_trace(_line(rows, names.loc[area_id, "naam"], label, unit, lang,
                               line=dict(color=colours.get(area_id, MISSING_COLOUR), width=2),
                               marker=dict(symbol=symbol, size=8), legendgroup=klasse,
                               legendgrouptitle_text=_text(classes.label(klasse, lang))))
    if nla["waarde"].notna().any():
        rows = nla.assign(naam=t("cmp.nla_mean", lang))
        figure.add_trace(_line(rows, t("cmp.nla_mean", lang), label, unit, lang, line=NLA_LINE,
                               marker=dict(size=6, color=NLA_LINE["color"]), legendgroup="referentie",
                               legendgrouptitle_text=" "))
    if city_id is not None and city_id in set(trend["gebied_id"]):
        rows = trend[trend["gebied_id"] == city_id]
        figure.add_trace(_line(rows, _text(city_label), label, unit, lang, line=CITY_LINE,
                               marker=dict(size=6, color=CITY_LINE["color"]), legendgroup="referentie",
                               legendgrouptitle_text=" "))
    years = sorted(int(y) for y in trend["jaar"].unique())
    if any(_flag(v) for v in trend["illustratief"]):
        figure.add_annotation(text=t("cmp.chart.illustrative_values", lang), xref="paper", yref="paper", x=0, y=1.0,
                              xanchor="left", yanchor="bottom", showarrow=False, font=dict(size=12, color="#8A6D00"))
    figure.update_xaxes(tickmode="array", tickvals=years, tickformat="d",
                        range=[years[0] - 0.3, years[-1] + 0.3] if years else None)
    figure.update_yaxes(rangemode="tozero", **_axis_format(unit))
    legend = _legend_height([trace.legendgroup for trace in figure.data])
    _base_layout(figure, lang, height=TREND_PLOT + legend)
    # The legend under the lines, its class groups side by side: at the right it took half a phone's width from
    # the lines. Never a scrolling legend (plotly's default maximum is half the figure for a horizontal one).
    figure.update_layout(legend=dict(orientation="h", x=0, xanchor="left", y=-0.1, yanchor="top",
                                     maxheight=legend,
                                     groupclick="toggleitem"), margin=dict(t=40, r=10))
    return figure


TREND_PLOT = 380  # pixels of a trend chart above its legend: the lines, their axes and the margins
LEGEND_ITEM, LEGEND_GROUP = 20, 34  # pixels of a legend's line and of a group's title and gap (13 px font)
PHONE_GROUPS = 2  # legend groups side by side on a phone (a laptop has room for all of them in one row)


def _legend_height(groups: list[str]) -> int:
    """The height of a horizontal legend of these traces' groups on a phone, two groups a row: each row as high
    as its longest group. A laptop puts the groups in one row, lower, and gives the rest to the lines."""
    sizes = list(Counter(groups).values())
    rows = [sizes[i:i + PHONE_GROUPS] for i in range(0, len(sizes), PHONE_GROUPS)]
    return sum(LEGEND_ITEM * max(row) + LEGEND_GROUP for row in rows)


def _line(rows: pd.DataFrame, name: str, label: str, unit: str, lang: str, **style) -> go.Scatter:
    hover = [f"<b>{name}</b><br>{int(r['jaar'])}: {_value(r['waarde'], unit, lang)}"
             + (f" · {t('value.illustrative', lang)}" if _flag(r.get("illustratief")) else "")
             for _, r in rows.iterrows()]
    return go.Scatter(x=rows["jaar"].astype(int), y=rows["waarde"].astype("float64"), name=name, mode="lines+markers",
                      connectgaps=False, hovertext=hover, hovertemplate="%{hovertext}<extra></extra>", **style)


def small_multiples(frame: pd.DataFrame, indicatoren: pd.DataFrame, lang: str = "nl", *, classes: ClassScheme,
                    city_label: str = "", colours: dict[str, str] | None = None) -> go.Figure:
    """Several indicators for the chosen wijken: one panel each, the wijken in the same order in every panel
    (the order of `frame`, i.e. ranked on the first indicator). `frame` is `domain.compare.multiples_frame`."""
    indicators = list(dict.fromkeys(frame["indicator"]))
    titles = []
    for indicator in indicators:
        year = int(frame.loc[frame["indicator"] == indicator, "jaar"].iloc[0])
        wrapped = "<br>".join(_text(line) for line in hyphenated(indicatoren.loc[indicator, f"label_{lang}"], 24, lang))
        titles.append(f"{wrapped} ({year})")
    figure = make_subplots(rows=1, cols=max(len(indicators), 1), shared_yaxes=True, subplot_titles=titles,
                           horizontal_spacing=0.06)
    frame = _named(frame)
    order = list(dict.fromkeys(frame.loc[frame["indicator"] == indicators[0], "naam"])) if indicators else []
    shapes: list[dict] = []
    colours = colours_of(frame, classes, colours)
    for col, indicator in enumerate(indicators, start=1):
        definition = indicatoren.loc[indicator]
        rows = frame[frame["indicator"] == indicator]
        bars = _bars(rows, _text(definition[f"label_{lang}"]), definition["eenheid"], lang, len(rows), colours)
        figure.add_trace(bars, row=1, col=col)
        is_count = definition["aggregatie"] == "som"
        shapes += _reference_lines(figure, rows["stad"].iloc[0], rows["nla"].iloc[0], definition["eenheid"], lang,
                                   show_city=not is_count, legend=False, col=col)
        values = [v for v in [*rows["waarde"], rows["nla"].iloc[0], math.nan if is_count else rows["stad"].iloc[0]]
                  if pd.notna(v)]
        figure.update_xaxes(range=[0, max(values, default=1) * 1.08 or 1], row=1, col=col, nticks=4,
                            **_axis_format(definition["eenheid"]))
    _class_legend(figure, list(frame["klasse"].unique()), classes, lang, row=1, col=1)
    if any(_flag(v) for v in frame["illustratief"]):
        _illustrative_legend(figure, lang, row=1, col=1)
    for style, name in ((CITY_LINE, _text(city_label)), (NLA_LINE, t("cmp.nla_mean", lang))):
        figure.add_trace(go.Scatter(x=[None], y=[None], mode="lines", line=style, hoverinfo="skip", name=name),
                         row=1, col=1)
    figure.update_yaxes(categoryorder="array", categoryarray=order[::-1], automargin=True)
    figure.update_annotations(font_size=12)
    figure.update_layout(barmode="overlay", bargap=0.25, shapes=shapes)
    _base_layout(figure, lang, height=150 + BAR_ROW * len(order))
    figure.update_layout(margin=dict(t=70, b=70), legend=dict(yref="container", y=0, yanchor="bottom"))
    return figure
