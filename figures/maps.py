"""Maps of the NLA wijken (plotly `Choroplethmap`, MapLibre).

`open-street-map` draws the polygons with or without tiles; `white-bg` needs no network at all
(tests). Styles that fetch a remote style.json draw nothing offline, so they are not offered.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go

from domain import format as fmt
from domain.texts import t
from domain.wijken import CLASSES
from figures.palette import BORDER, CLASS_COLOURS, CONTEXT_FILL, CONTEXT_LINE, HIGHLIGHT, MISSING_FILL, SEQUENTIAL

DEFAULT_STYLE = "open-street-map"
OFFLINE_STYLE = "white-bg"
MAP_STYLES = (DEFAULT_STYLE, OFFLINE_STYLE)


@dataclass(frozen=True)
class Layer:
    """What the map colours the wijken by: an indicator in a year, or (indicator None) the class."""

    indicator: str | None
    label: str = ""
    unit: str = ""
    year: int | None = None


def overview_map(outlines: gpd.GeoDataFrame, values: pd.DataFrame, layer: Layer, *, lang: str = "nl",
                 selected: str | None = None, style: str = DEFAULT_STYLE, height: int = 560) -> go.Figure:
    """The city with its 15 NLA wijken coloured, the rest grey; one clickable location per wijk.

    `values` has one row per wijk: wijk_id, naam, klasse, waarde, illustratief (as from
    `domain.indicators.wijk_values` plus `klasse`).
    """
    wijken = outlines[outlines["wijk_id"].notna()]
    figure = go.Figure()
    figure.add_trace(_context_trace(outlines[outlines["wijk_id"].isna()], lang))
    rows = values.set_index("wijk_id").reindex(wijken["wijk_id"]).reset_index()
    geojson = _geojson(wijken, "wijk_id")
    if layer.indicator is None:
        for klasse in CLASSES:
            figure.add_trace(_class_trace(geojson, rows[rows["klasse"] == klasse], klasse, layer, lang))
    else:
        known = rows[rows["waarde"].notna()]
        figure.add_trace(_value_trace(geojson, known, layer, lang))
        missing = rows[rows["waarde"].isna()]
        if not missing.empty:
            figure.add_trace(_flat_trace(geojson, missing, MISSING_FILL, t("value.missing", lang), layer, lang))
    if selected in set(wijken["wijk_id"]):
        figure.add_trace(_highlight_trace(geojson, selected))
    figure.add_trace(_label_trace(wijken))
    figure.update_layout(
        map=dict(style=style, **view_of(outlines, width_px=620, height_px=height)),
        height=height, margin=dict(l=0, r=0, t=0, b=0),
        legend=dict(orientation="h", yanchor="bottom", y=0.01, xanchor="left", x=0.01, bgcolor="rgba(255,255,255,0.85)"),
        clickmode="event+select", dragmode=False,
    )
    return figure


def wijk_map(buurt_outlines: gpd.GeoDataFrame, wijk_outlines: gpd.GeoDataFrame, wijk_id: str, *,
             lang: str = "nl", style: str = DEFAULT_STYLE, height: int = 300) -> go.Figure:
    """A small map of one wijk: its buurten outlined, the neighbouring wijken grey around it."""
    own = buurt_outlines[buurt_outlines["wijk_id"] == wijk_id]
    wijk = wijk_outlines[wijk_outlines["wijk_id"] == wijk_id]
    around = wijk_outlines[wijk_outlines["wijk_id"] != wijk_id]
    figure = go.Figure()
    figure.add_trace(go.Choroplethmap(
        geojson=_geojson(around.assign(_key=range(len(around))), "_key"), featureidkey="properties._key",
        locations=list(range(len(around))),
        z=[0] * len(around), colorscale=[[0, CONTEXT_FILL], [1, CONTEXT_FILL]], showscale=False,
        marker=dict(line=dict(color=BORDER, width=1), opacity=0.6), hoverinfo="skip"))
    colour = CLASS_COLOURS.get(_class_of(wijk), "#0072B2")
    figure.add_trace(go.Choroplethmap(
        geojson=_geojson(own, "buurtcode"), featureidkey="properties.buurtcode", locations=list(own["buurtcode"]),
        z=[1] * len(own),
        colorscale=[[0, colour], [1, colour]], showscale=False,
        marker=dict(line=dict(color=BORDER, width=2), opacity=0.55),
        customdata=[_text(name) for name in own["buurtnaam"]], hovertemplate="%{customdata}<extra></extra>"))
    figure.update_layout(map=dict(style=style, **view_of(wijk, padding=0.6, width_px=480, height_px=height)),
                         height=height,
                         margin=dict(l=0, r=0, t=0, b=0), dragmode=False)
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


def _geojson(frame: gpd.GeoDataFrame, key: str) -> dict:
    return json.loads(frame[[key, "geometry"]].to_json(drop_id=True))


def _class_of(wijk: gpd.GeoDataFrame) -> str | None:
    return wijk["klasse"].iloc[0] if "klasse" in wijk and len(wijk) else None


def _text(name) -> str:
    """A name from the data for plotly's hover, legend and titles, which read `<a href>`, `<b>` and
    friends as markup: escaped, so it shows as written (plotly turns `&lt;` back into `<`)."""
    return html.escape(str(name), quote=False)


def _hover(rows: pd.DataFrame, layer: Layer, lang: str) -> list[list[str]]:
    data = []
    for row in rows.itertuples():
        lines = [t(f"class.{row.klasse}", lang)]
        if layer.indicator is not None:
            value = fmt.value(row.waarde, layer.unit, lang) if pd.notna(row.waarde) else t("value.missing", lang)
            lines.insert(0, f"{_text(layer.label)}: {value} ({layer.year})")
            if pd.notna(row.illustratief) and row.illustratief:
                lines.append(t("value.illustrative", lang))
        lines.append(t("value.outlines_indicative", lang))
        data.append([_text(row.naam), "<br>".join(lines)])
    return data


_HOVER = "<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>"


def _value_trace(geojson: dict, rows: pd.DataFrame, layer: Layer, lang: str) -> go.Choroplethmap:
    unit = {"procent": "%", "euro": "€"}.get(layer.unit, "")
    return go.Choroplethmap(
        geojson=geojson, featureidkey="properties.wijk_id", locations=list(rows["wijk_id"]),
        z=list(rows["waarde"].astype(float)), colorscale=SEQUENTIAL, name=_text(layer.label),
        marker=dict(line=dict(color=BORDER, width=1.5), opacity=0.8),
        colorbar=dict(title=dict(text=f"{_text(layer.label)}, {layer.year}" + (f" ({unit})" if unit else ""),
                                 side="top"),
                      orientation="h", thickness=10, len=0.5, x=0.01, xanchor="left", y=0.01, yanchor="bottom",
                      bgcolor="rgba(255,255,255,0.9)", separatethousands=True),
        customdata=_hover(rows, layer, lang), hovertemplate=_HOVER, showlegend=False)


def _class_trace(geojson: dict, rows: pd.DataFrame, klasse: str, layer: Layer, lang: str) -> go.Choroplethmap:
    return _flat_trace(geojson, rows, CLASS_COLOURS[klasse], t(f"class.{klasse}", lang), layer, lang)


def _flat_trace(geojson, rows, colour, name, layer, lang) -> go.Choroplethmap:
    return go.Choroplethmap(
        geojson=geojson, featureidkey="properties.wijk_id", locations=list(rows["wijk_id"]),
        z=[1] * len(rows), colorscale=[[0, colour], [1, colour]], showscale=False, name=name,
        showlegend=True, marker=dict(line=dict(color=BORDER, width=1.5), opacity=0.85),
        customdata=_hover(rows, layer, lang), hovertemplate=_HOVER)


def _context_trace(rest: gpd.GeoDataFrame, lang: str) -> go.Choroplethmap:
    rest = rest.assign(_key="overig")
    return go.Choroplethmap(
        geojson=_geojson(rest, "_key"), featureidkey="properties._key", locations=["overig"] * len(rest),
        z=[0] * len(rest), colorscale=[[0, CONTEXT_FILL], [1, CONTEXT_FILL]], showscale=False,
        marker=dict(line=dict(color=CONTEXT_LINE, width=0.5), opacity=0.5), name=t("kaart.rest_of_city", lang),
        hovertemplate=f"{t('kaart.rest_of_city', lang)}<extra></extra>", showlegend=False)


def _label_trace(wijken: gpd.GeoDataFrame) -> go.Scattermap:
    """Each wijk's name at a point inside it (not the centroid: that can fall outside a concave wijk).
    Not escaped: MapLibre draws these labels as plain text (plotly reads no markup in them)."""
    points = wijken.to_crs("EPSG:28992").representative_point().to_crs("EPSG:4326")
    return go.Scattermap(lon=list(points.x), lat=list(points.y), mode="text", text=list(wijken["naam"]),
                         textfont=dict(size=10, color="#1F2A2E"), hoverinfo="skip", showlegend=False)


def _highlight_trace(geojson: dict, wijk_id: str) -> go.Choroplethmap:
    return go.Choroplethmap(
        geojson=geojson, featureidkey="properties.wijk_id", locations=[wijk_id], z=[0],
        colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]], showscale=False,
        marker=dict(line=dict(color=HIGHLIGHT, width=4), opacity=1), hoverinfo="skip", showlegend=False)
