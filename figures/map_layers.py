"""The traces the maps are built from: one filled trace per layer (a colour scale, not a trace per
class), grey for missing values, line traces for borders, text for names; and their hover texts.

Each filled trace carries only the features it draws, with only the id in their properties, or only
their ids and the URL of the file of outlines (`figures.map_geometry`).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import shapely

from domain import format as fmt
from domain.texts import t
from figures.lines import wrapped
from figures.map_geometry import COORDINATE_DECIMALS, area_ids, geojson
from figures.palette import BORDER, CONTEXT_FILL, CONTEXT_LINE, MISSING_FILL, SEQUENTIAL, class_colours
from nla_data.facts import SourceNames

if TYPE_CHECKING:
    from nla_data.facts import ClassScheme

HOVER = "<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>"
UNDER_THE_MAP = dict(x=0, xanchor="left", xpad=0, y=-0.015, yanchor="top", outlinewidth=0)  # a colour bar, off the map
# The colour bar's length in px, and the characters of its title's longest line: plotly centres the title over
# the bar, so a title wider than the bar was cut at the map's left edge (on a phone, where a bar of half the
# map's width is about 180 px). A fixed length a 12 px line of WRAP characters fits in, on any screen; with the
# legend beside it (about 100 px) it fits a phone 390 px wide.
BAR_PX = 220
WRAP = 30


@dataclass(frozen=True)
class Layer:
    """What the map colours the areas by: an indicator in a year, or (indicator None) the class."""

    indicator: str | None
    label: str = ""
    unit: str = ""
    year: int | None = None
    higher_is_better: bool | None = None
    base_label: str = ""  # what a partial value's coverage is a share of ("inwoners")
    source: str = ""  # the indicator's source, when the rows name none
    source_names: SourceNames = field(default_factory=SourceNames)  # the package's English names of its sources


def text(name) -> str:
    """A name from the data for plotly's hover, legend and titles, which read `<a href>`, `<b>` and
    friends as markup: escaped, so it shows as written (plotly turns `&lt;` back into `<`)."""
    return html.escape(str(name), quote=False)


def outlines(shapes: gpd.GeoDataFrame, key: str, url: str | None = None) -> dict:
    """A filled trace's areas: their outlines embedded, or (`url`, the URL of the level's file, see
    `figures.map_geometry`) only their ids, the browser fetching the outlines by URL."""
    return {"geojson": geojson(shapes, key) if url is None else url, "featureidkey": f"properties.{key}",
            "locations": np.array(area_ids(shapes, key), dtype=str)}


def is_indicative(frame: gpd.GeoDataFrame) -> pd.Series:
    """Per feature: does the data call its outline *indicatief*?"""
    if "status" not in frame:
        return pd.Series(False, index=frame.index)
    return frame["status"].astype("string").str.lower().eq("indicatief").fillna(False).astype(bool)


# --- hover ----------------------------------------------------------------------------------------

def value_line(row, layer: Layer, lang: str) -> list[str]:
    """`Inwoners: 12.345 (2015)` and, where they apply, partial coverage and the illustrative mark."""
    if layer.indicator is None:
        return []
    known = pd.notna(row.waarde)
    value = unit_value(row.waarde, layer.unit, lang) if known else t("kaart.no_data", lang)
    lines = [f"{text(layer.label)}: {value} ({layer.year})"]
    coverage = getattr(row, "dekking", None)
    if known and coverage is not None and pd.notna(coverage) and coverage < 1:
        lines.append(t("kaart.partial", lang, share=fmt.percent(float(coverage) * 100, lang, 0),
                       base=text(layer.base_label or "basis")))
    illustrative = getattr(row, "illustratief", None)
    if known and illustrative is not None and pd.notna(illustrative) and bool(illustrative):
        lines.append(t("value.illustrative", lang))
    return lines


def hover_data(rows: list[list[str]]) -> np.ndarray:
    """The hover texts per area as one array of strings: plotly checks and copies a list of lists element
    by element (most of a 13,000-buurt figure's build), an array of strings at once."""
    return np.array(rows, dtype=str) if rows else np.empty((0, 2), dtype=str)


@lru_cache(maxsize=65_536)
def unit_value(amount, unit: str, lang: str) -> str:
    """`12.345`, `45,7%`, `€ 250.000`, `55,1 per 1.000 inwoners`: the number with what it counts
    (remembered: a map repeats its values, and Babel takes a while for each)."""
    shown = fmt.value(amount, unit, lang)
    if unit in ("per_1000_inwoners", "per_km2", "hectare", "personen"):
        shown += " " + t(f"kaart.unit.{unit}", lang)
    return shown


def unit_suffix(unit: str, lang: str) -> str:
    key = f"kaart.unit.{unit}"
    word = t(key, lang)
    return "" if word == key else word


# --- filled traces --------------------------------------------------------------------------------

def value_trace(shapes: gpd.GeoDataFrame, key: str, z: list[float], customdata: list[list[str]], layer: Layer,
                lang: str, *, line_width: float = 1.5, url: str | None = None) -> go.Choroplethmap:
    """The areas with a value, coloured on one continuous scale, with a Dutch-formatted colour bar."""
    return go.Choroplethmap(
        **outlines(shapes, key, url), z=z,
        colorscale=SEQUENTIAL, zmin=min(z), zmax=max(z) if max(z) > min(z) else min(z) + 1,
        marker=dict(line=dict(color=BORDER, width=line_width), opacity=0.85), **_steady(0.85),
        colorbar=colorbar(layer, lang), customdata=hover_data(customdata), hovertemplate=HOVER, showlegend=False,
        name=text(layer.label))


def colorbar(layer: Layer, lang: str) -> dict:
    unit = unit_suffix(layer.unit, lang)
    title = f"{wrapped(text(layer.label), WRAP, lang)}<br>{layer.year}" + (f" ({unit})" if unit else "")
    if layer.higher_is_better is not None:
        title += " · " + t("kaart.higher_better" if layer.higher_is_better else "kaart.lower_better", lang)
    ticks = dict(tickformat=",~r")  # with layout.separators: 1.234,5 in Dutch
    if layer.unit == "procent":
        ticks["ticksuffix"] = "%"
    elif layer.unit == "euro":
        ticks["tickprefix"] = "€\u00a0" if lang == "nl" else "€"
    return dict(title=dict(text=title, side="top", font=dict(size=12)), orientation="h", thickness=10,
                lenmode="pixels", len=BAR_PX, **UNDER_THE_MAP, **ticks)


def class_trace(shapes: gpd.GeoDataFrame, key: str, classes: list[str], customdata: list[list[str]], lang: str,
                *, scheme: ClassScheme, line_width: float = 1.5, url: str | None = None) -> go.Choroplethmap:
    """The areas (each of a class in `classes`, a key of the package's `scheme`) coloured by class: one
    trace, a stepped colour scale in the package's order, the class names on the bar."""
    keys, colours = scheme.keys, class_colours(scheme)
    n = len(keys)
    scale = []
    for i, klasse in enumerate(keys):
        scale += [[i / n, colours[klasse]], [(i + 1) / n, colours[klasse]]]
    return go.Choroplethmap(
        **outlines(shapes, key, url),
        z=[keys.index(k) + 0.5 for k in classes], zmin=0, zmax=n, colorscale=scale,
        marker=dict(line=dict(color=BORDER, width=line_width), opacity=0.85), **_steady(0.85),
        colorbar=dict(title=dict(text=t("class.title", lang), side="top", font=dict(size=12)), orientation="h",
                      thickness=10, len=0.6, tickvals=[i + 0.5 for i in range(n)],
                      ticktext=[text(scheme.label(k, lang)) for k in keys], **UNDER_THE_MAP),
        customdata=hover_data(customdata), hovertemplate=HOVER, showlegend=False, name=t("class.title", lang))


def flat_trace(shapes: gpd.GeoDataFrame, key: str, colour: str, name: str, customdata: list[list[str]], *,
               line: str = BORDER, line_width: float = 1.0, opacity: float = 0.85,
               legend: bool = True, url: str | None = None) -> go.Choroplethmap:
    """Areas in one colour: the missing values, or the city around the NLA wijken."""
    return go.Choroplethmap(
        **outlines(shapes, key, url),
        z=[0] * len(shapes), colorscale=[[0, colour], [1, colour]], showscale=False, name=name,
        showlegend=legend, marker=dict(line=dict(color=line, width=line_width), opacity=opacity),
        **_steady(opacity),
        customdata=hover_data(customdata), hovertemplate=HOVER)


def _steady(opacity: float) -> dict:
    """A click selects an area (that is how the page learns of it); the map should not dim the others,
    which would stay washed out after a click on a buurt outside the NLA."""
    return {"selected": {"marker": {"opacity": opacity}}, "unselected": {"marker": {"opacity": opacity}}}


def missing_trace(shapes, key, customdata, lang, url: str | None = None) -> go.Choroplethmap:
    return flat_trace(shapes, key, MISSING_FILL, t("kaart.no_data", lang), customdata, line=CONTEXT_LINE,
                      url=url)


def context_trace(shapes, key, customdata, lang, url: str | None = None) -> go.Choroplethmap:
    return flat_trace(shapes, key, CONTEXT_FILL, t("kaart.no_nla_wijk", lang), customdata, line="#F7F7F7",
                      line_width=0.6, opacity=0.6, url=url)


# --- lines ----------------------------------------------------------------------------------------

def border_trace(shapes: gpd.GeoSeries, colour: str, width: float, name: str = "",
                 legend: bool = False) -> go.Scattermap:
    """The outlines of `shapes` (outer rings and holes) as one line trace: drawn on top of the filled
    areas without catching their hover or clicks."""
    lines = shapely.get_parts(shapely.boundary(shapely.get_parts(shapes.values)))
    xy, index = shapely.get_coordinates(lines, return_index=True)
    breaks = np.flatnonzero(np.diff(index)) + 1
    xy = np.insert(np.round(xy, COORDINATE_DECIMALS).astype(object), breaks, None, axis=0)
    return go.Scattermap(lon=list(xy[:, 0]), lat=list(xy[:, 1]), mode="lines", line=dict(color=colour, width=width),
                         hoverinfo="skip", name=name, showlegend=legend)
