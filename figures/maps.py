"""Maps of the city (plotly `Choroplethmap`, MapLibre): the NLA wijken, or every buurt, coloured by
an indicator or by class, with the city around them; and the small map of one wijk.

`open-street-map` draws the polygons with or without tiles; `white-bg` needs no network at all
(tests). Styles that fetch a remote style.json draw nothing offline, so they are not offered.
The traces themselves are built in `figures.map_layers`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go

from domain.texts import t
from figures.map_layers import (Layer, border_trace, class_trace, context_trace, geojson,
                                is_indicative, label_trace, missing_trace, text, value_line, value_trace)
from figures.palette import BORDER, CONTEXT_FILL, HIGHLIGHT, class_colour

if TYPE_CHECKING:
    from nla_data.facts import ClassScheme

__all__ = ["DEFAULT_STYLE", "MAP_STYLES", "OFFLINE_STYLE", "Layer", "buurt_map", "overview_map", "view_of",
           "wijk_map"]

DEFAULT_STYLE = "open-street-map"
OFFLINE_STYLE = "white-bg"
MAP_STYLES = (DEFAULT_STYLE, OFFLINE_STYLE)
WIJK_BORDER = "#1F2A2E"
DEFAULT_WIJK_COLOUR = "#0072B2"  # a wijk map drawn without the package's classes


def overview_map(outlines: gpd.GeoDataFrame, values: pd.DataFrame, layer: Layer, *, lang: str = "nl",
                 selected: str | None = None, style: str = DEFAULT_STYLE, height: int = 560,
                 buurten: gpd.GeoDataFrame | None = None, classes: ClassScheme | None = None) -> go.Figure:
    """The city at wijk level: the NLA wijken coloured, the rest grey; one clickable location per wijk.

    `values` has one row per wijk: wijk_id, naam, klasse, waarde, bron, illustratief and optionally
    dekking. With `buurten`, the city around the wijken is drawn as its buurten (hover: their names).
    `classes` (the package's, NlaPackage.facts.classes) colour the class layer and name each wijk's class
    in the hover; the class layer needs them.
    """
    wijken = outlines[outlines["wijk_id"].notna()]
    rows = values.set_index("wijk_id").reindex(wijken["wijk_id"])
    indicative = dict(zip(wijken["wijk_id"], is_indicative(wijken)))
    hover = [[text(row.naam), "<br>".join(value_line(row, layer, lang) + _class_line(row.klasse, classes, lang)
                                         + _indicative_line(indicative[wijk_id], lang))]
             for wijk_id, row in zip(rows.index, rows.itertuples())]
    hover_of = dict(zip(rows.index, hover))

    figure = go.Figure()
    figure.add_trace(_surroundings(outlines, buurten, lang))
    if layer.indicator is None:
        figure.add_trace(class_trace(wijken, "wijk_id", list(rows["klasse"]), hover, lang, scheme=_needed(classes)))
    else:
        known = rows["waarde"].notna().to_numpy()
        if known.any():
            figure.add_trace(value_trace(wijken[known], "wijk_id", list(rows["waarde"][known].astype(float)),
                                         [hover_of[w] for w in wijken["wijk_id"][known]], layer, lang))
        if not known.all():
            figure.add_trace(missing_trace(wijken[~known], "wijk_id",
                                           [hover_of[w] for w in wijken["wijk_id"][~known]], lang))
    if selected in set(wijken["wijk_id"]):
        figure.add_trace(border_trace(wijken[wijken["wijk_id"] == selected].geometry, HIGHLIGHT, 4))
    figure.add_trace(label_trace(wijken, list(wijken["naam"])))
    sources = _sources(outlines if buurten is None else buurten, rows, layer, lang)
    return _frame(figure, outlines if buurten is None else buurten, style, height, lang, sources)


def buurt_map(buurten: gpd.GeoDataFrame, outlines: gpd.GeoDataFrame, values: pd.DataFrame, layer: Layer, *,
              wijk_names: dict[str, str], classes: dict[str, str] | None = None, lang: str = "nl",
              selected: str | None = None, style: str = DEFAULT_STYLE, height: int = 560,
              scheme: ClassScheme | None = None) -> go.Figure:
    """The city at buurt level: every buurt coloured by the indicator (or, with `layer.indicator`
    None, by the class of its wijk: `classes` maps wijk_id to class, `scheme` is the package's
    NlaPackage.facts.classes), the NLA wijk borders on top. One clickable location per buurt
    (its buurtcode); each point's customdata ends with the buurt's wijk_id ("" outside the NLA).

    `values` is indexed by buurtcode: waarde, bron, illustratief and optionally dekking.
    """
    rows = values.reindex(buurten["buurtcode"])
    wijk_ids = [w if isinstance(w, str) and w in wijk_names else "" for w in buurten["wijk_id"]]
    indicative = list(is_indicative(buurten))
    hover = []
    for row, name, wijk_id, rough in zip(rows.itertuples(), buurten["buurtnaam"], wijk_ids, indicative):
        where = t("kaart.in_wijk", lang, wijk=text(wijk_names[wijk_id])) if wijk_id else t("kaart.no_nla_wijk", lang)
        lines = [where] + value_line(row, layer, lang) + _indicative_line(rough, lang)
        hover.append([text(row.Index if pd.isna(name) else name), "<br>".join(lines), wijk_id])

    figure = go.Figure()
    in_nla = pd.Series([bool(w) for w in wijk_ids], index=buurten.index)
    if layer.indicator is None:
        classes = classes or {}
        coloured = in_nla & pd.Series([classes.get(w) is not None for w in wijk_ids], index=buurten.index)
        figure.add_trace(context_trace(buurten[~coloured], "buurtcode", _pick(hover, ~coloured), lang))
        if coloured.any():
            figure.add_trace(class_trace(buurten[coloured], "buurtcode",
                                         [classes[w] for w, c in zip(wijk_ids, coloured) if c],
                                         _pick(hover, coloured), lang, scheme=_needed(scheme), line_width=0.8))
    else:
        known = pd.Series(rows["waarde"].notna().to_numpy(), index=buurten.index)
        if known.any():
            figure.add_trace(value_trace(buurten[known], "buurtcode", list(rows["waarde"][known.to_numpy()]
                                                                           .astype(float)),
                                         _pick(hover, known), layer, lang, line_width=0.8))
        if not known.all():
            figure.add_trace(missing_trace(buurten[~known], "buurtcode", _pick(hover, ~known), lang))
    wijken = outlines[outlines["wijk_id"].notna()]
    figure.add_trace(border_trace(wijken.geometry, WIJK_BORDER, 2.2, t("kaart.wijk_border", lang), legend=True))
    if selected in set(wijken["wijk_id"]):
        figure.add_trace(border_trace(wijken[wijken["wijk_id"] == selected].geometry, HIGHLIGHT, 4.5))
    figure.add_trace(label_trace(wijken, list(wijken["naam"]), size=11))
    return _frame(figure, buurten, style, height, lang, _sources(buurten, rows, layer, lang))


def wijk_map(buurt_outlines: gpd.GeoDataFrame, wijk_outlines: gpd.GeoDataFrame, wijk_id: str, *,
             lang: str = "nl", style: str = DEFAULT_STYLE, height: int = 300,
             classes: ClassScheme | None = None) -> go.Figure:
    """A small map of one wijk: its buurten outlined in the colour of its class (`classes`: the package's),
    the neighbouring wijken grey around it."""
    own = buurt_outlines[buurt_outlines["wijk_id"] == wijk_id]
    wijk = wijk_outlines[wijk_outlines["wijk_id"] == wijk_id]
    around = wijk_outlines[wijk_outlines["wijk_id"] != wijk_id]
    around = around.assign(_key=[str(i) for i in range(len(around))])
    figure = go.Figure()
    figure.add_trace(go.Choroplethmap(
        geojson=geojson(around, "_key"), featureidkey="properties._key", locations=list(around["_key"]),
        z=[0] * len(around), colorscale=[[0, CONTEXT_FILL], [1, CONTEXT_FILL]], showscale=False,
        marker=dict(line=dict(color=BORDER, width=1), opacity=0.6), hoverinfo="skip"))
    colour = class_colour(classes, _class_of(wijk)) if classes is not None else DEFAULT_WIJK_COLOUR
    figure.add_trace(go.Choroplethmap(
        geojson=geojson(own, "buurtcode"), featureidkey="properties.buurtcode", locations=list(own["buurtcode"]),
        z=[1] * len(own), colorscale=[[0, colour], [1, colour]], showscale=False,
        marker=dict(line=dict(color=BORDER, width=2), opacity=0.55),
        customdata=[text(name) for name in own["buurtnaam"]], hovertemplate="%{customdata}<extra></extra>"))
    if len(wijk):
        figure.add_trace(border_trace(wijk.geometry, WIJK_BORDER, 2))
    figure.update_layout(map=dict(style=style, **view_of(wijk if len(wijk) else own, padding=0.6, width_px=480,
                                                         height_px=height)),
                         height=height, margin=dict(l=0, r=0, t=0, b=0), dragmode=False, showlegend=False)
    return figure


def view_of(frame: gpd.GeoDataFrame, padding: float = 0.05, width_px: int = 800, height_px: int = 560) -> dict:
    """Centre and zoom that fit the frame's bounds (EPSG:4326) into a map of about this size."""
    minx, miny, maxx, maxy = frame.total_bounds
    dx, dy = (maxx - minx) * (1 + padding), (maxy - miny) * (1 + padding)
    lat = (miny + maxy) / 2
    # MapLibre: 512 px cover 360° of longitude at zoom 0; latitude spans stretch by 1/cos(lat).
    zoom_x = math.log2(width_px * 360 / (512 * max(dx, 1e-6)))
    zoom_y = math.log2(height_px * 360 * math.cos(math.radians(lat)) / (512 * max(dy, 1e-6)))
    return {"center": {"lon": (minx + maxx) / 2, "lat": lat}, "zoom": round(min(zoom_x, zoom_y), 2)}


# --- helpers --------------------------------------------------------------------------------------

def _surroundings(outlines: gpd.GeoDataFrame, buurten: gpd.GeoDataFrame | None, lang: str) -> go.Choroplethmap:
    """The city outside the NLA wijken, grey and quiet: its buurten (named on hover), or else the
    outline's rest-of-the-city feature."""
    if buurten is not None:
        rest = buurten[buurten["wijk_id"].isna()]
        hover = [[text(name), t("kaart.no_nla_wijk", lang)] for name in rest["buurtnaam"]]
        return context_trace(rest, "buurtcode", hover, lang)
    rest = outlines[outlines["wijk_id"].isna()].assign(_key="overig")
    name = t("kaart.rest_of_city", lang)
    return context_trace(rest, "_key", [[name, ""]] * len(rest), lang).update(showlegend=False)


def _frame(figure: go.Figure, city: gpd.GeoDataFrame, style: str, height: int, lang: str,
           sources: str) -> go.Figure:
    figure.update_layout(
        map=dict(style=style, **view_of(city, width_px=560, height_px=height)),
        height=height, margin=dict(l=0, r=0, t=0, b=0), separators=",." if lang == "nl" else ".,",
        legend=dict(orientation="h", yanchor="bottom", y=0.01, xanchor="right", x=0.99,
                    bgcolor="rgba(255,255,255,0.85)", font=dict(size=11)),
        annotations=[dict(text=sources, xref="paper", yref="paper", x=0.01, y=0.99, xanchor="left", yanchor="top",
                          showarrow=False, align="left", font=dict(size=11, color="#333333"),
                          bgcolor="rgba(255,255,255,0.85)", borderpad=4)],
        clickmode="event+select", dragmode=False,
    )
    return figure


def _sources(shapes: gpd.GeoDataFrame, rows: pd.DataFrame, layer: Layer, lang: str) -> str:
    """`Bron: CBS, Wijk- en buurtkaart 2015 (grenzen)` and the indicator's source and year, each named
    once, as the data names them (the features' `bron`, the rows' `bron`)."""
    boundaries = _unique(shapes["bron"]) if "bron" in shapes else []
    values = []
    if layer.indicator is not None:
        known = rows[rows["waarde"].notna()] if "waarde" in rows else rows
        values = _unique(known["bron"]) if "bron" in known else []
        values = values or ([layer.source] if layer.source else [])
    what = f"{text(layer.label)}, {layer.year}"
    parts = []
    for source in boundaries:
        key = "kaart.source_both" if source in values else "kaart.source_boundaries"
        parts.append(t(key, lang, source=text(source), what=_lower_first(what)))
    parts += [f"{text(source)} ({what})" for source in values if source not in boundaries]
    return t("kaart.source", lang, sources="<br>".join(parts)) if parts else ""


def _lower_first(words: str) -> str:
    """`Inwoners, 2015` -> `inwoners, 2015` inside a sentence; an abbreviation (`WOZ-waarde`) stays."""
    return words[:1].lower() + words[1:] if words[1:2].islower() else words


def _unique(column: pd.Series) -> list[str]:
    return list(dict.fromkeys(str(v) for v in column.dropna() if str(v).strip()))


def _indicative_line(indicative: bool, lang: str) -> list[str]:
    return [t("value.outlines_indicative", lang)] if indicative else []


def _pick(items: list, mask: pd.Series) -> list:
    return [item for item, keep in zip(items, mask) if keep]


def _class_line(klasse, classes: ClassScheme | None, lang: str) -> list[str]:
    return [text(classes.label(klasse, lang))] if classes is not None and isinstance(klasse, str) else []


def _needed(classes: ClassScheme | None) -> ClassScheme:
    if classes is None:
        raise ValueError("the class layer needs the package's classes (NlaPackage.facts.classes)")
    return classes


def _class_of(wijk: gpd.GeoDataFrame) -> str | None:
    return wijk["klasse"].iloc[0] if "klasse" in wijk and len(wijk) else None
