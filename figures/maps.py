"""Maps of the city (plotly `Choroplethmap`, MapLibre): the NLA wijken, or every buurt, coloured by
an indicator or by class, with the city around them; and the small map of one wijk.

Every map gets its own MapLibre style object (`map_style`), never a named plotly style: those load
glyphs and tiles (or a style.json) from the internet, and a click on the map reaches the page only
once plotly has drawn it. Streamlit's chart listens for plotly's selection events only after
`Plotly.react` has resolved, and for a map plotly resolves it only when MapLibre has loaded every
tile and glyph (`map.loaded()`), rejecting it at the first one that fails. Tiles refused (no
network, a municipal firewall) or never answered: the map is drawn, a wijk lights up under the
mouse, and a click opens nothing. So the city map asks the network for nothing at its first view:
its names are a layer of its own style, drawn by the browser in the page's font (no glyph server);
`open-street-map` adds the OpenStreetMap streets only from `STREETS_ZOOM` on, beyond the zoom the
map opens at, so tiles are asked for only once the user zooms in, when clicks already reach the
page; `white-bg` has no streets at all (tests).
The traces themselves are built in `figures.map_layers`, the names placed in `figures.map_labels`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go

from domain.texts import t
from figures.lines import wrapped
from figures.map_geometry import BUURT_KEY, WIJK_KEY, MapGeometry, area_ids
from figures.map_labels import FONT, HALO, SIZE, Label, place_labels
from figures.map_layers import (Layer, border_trace, class_trace, context_trace, is_indicative, missing_trace,
                                outlines, text, value_line, value_trace)
from figures.palette import BORDER, CONTEXT_FILL, HIGHLIGHT, class_colour

if TYPE_CHECKING:
    from nla_data.facts import ClassScheme

__all__ = ["DEFAULT_STYLE", "MAP_STYLES", "OFFLINE_STYLE", "Border", "Layer", "MapGeometry", "buurt_map", "fit_meta",
           "map_labels", "map_style", "overview_map", "view_of", "wijk_map"]

DEFAULT_STYLE = "open-street-map"
OFFLINE_STYLE = "white-bg"
MAP_STYLES = (DEFAULT_STYLE, OFFLINE_STYLE)
WIJK_BORDER = "#1F2A2E"
DEFAULT_WIJK_COLOUR = "#0072B2"  # a wijk map drawn without the package's classes
MAP_HEIGHT = 620  # px: the city map itself; its sources above it, colour bar and legend below it
BELOW = 78  # px under the map: the colour bar with its title, the legend
LINE = 15  # px: a line of the sources above the map, or of the colour bar's title below it
SOURCE_WRAP = 60  # characters of a line of the sources above the map: a phone 390 px wide shows them whole
VIEW_WIDTH = 620  # px: about the map's width beside the side panel on a laptop; the first view is fitted to it
# px: the narrowest map the names are placed for: a phone 352 px wide or wider (Streamlit pads the page 16 px each
# side). A map narrower than VIEW_WIDTH is zoomed out by the browser until every wijk shows (`fit_meta`,
# ui.map_fit); below the first view's zoom the names are those placed for this width.
PHONE_VIEW_WIDTH = 320
VIEW_PADDING = 0.04  # the first view's room around the wijken, as a share of their extent
STREETS_ZOOM = 13.0  # `open-street-map`: the streets from this zoom on (the city map opens at about 11.5)
OVERLAY = "verwijslijnen"  # the first layer of the style's own on top: every trace is drawn below it
NAMES = "namen"
BORDERS = "grenzen"
OSM = {"type": "raster", "tiles": ["https://tile.openstreetmap.org/{z}/{x}/{y}.png"], "tileSize": 256,
       "maxzoom": 19, "attribution": "© OpenStreetMap contributors"}


@dataclass(frozen=True)
class Border:
    """Outlines drawn as a line by the map's style from the file at `url` (see `MapGeometry`): the
    areas whose `key` is one of `ids`. Drawn like a line trace, but without a copy of the outlines."""

    url: str
    key: str
    ids: tuple[str, ...]
    colour: str
    width: float


def overview_map(outlines: gpd.GeoDataFrame, values: pd.DataFrame, layer: Layer, *, lang: str = "nl",
                 selected: str | None = None, style: str = DEFAULT_STYLE, height: int = MAP_HEIGHT,
                 buurten: gpd.GeoDataFrame | None = None, classes: ClassScheme | None = None,
                 geometry: MapGeometry | None = None, labels: tuple[Label, ...] | None = None) -> go.Figure:
    """The city at wijk level: the NLA wijken coloured and named, the rest grey; one clickable
    location per wijk. The first view is fitted to the wijken (`height`: the map's own, in px).

    `values` has one row per wijk: wijk_id, naam, klasse, waarde, bron, illustratief and optionally
    dekking. With `buurten`, the city around the wijken is drawn as its buurten (hover: their names).
    `classes` (the package's, NlaPackage.facts.classes) colour the class layer and name each wijk's class
    in the hover; the class layer needs them. `geometry`: the outlines by URL (the page), else embedded
    (the report); `labels`: the names as `map_labels` placed them (the page caches them), else placed here.
    """
    wijken = outlines[outlines["wijk_id"].notna()]
    rows = values.set_index("wijk_id").reindex(wijken["wijk_id"])
    indicative = dict(zip(wijken["wijk_id"], is_indicative(wijken)))
    hover = [[text(row.naam), "<br>".join(value_line(row, layer, lang) + _class_line(row.klasse, classes, lang)
                                         + _indicative_line(indicative[wijk_id], lang))]
             for wijk_id, row in zip(rows.index, rows.itertuples())]
    hover_of = dict(zip(rows.index, hover))

    url = geometry.wijken if geometry is not None else None
    figure = go.Figure()
    figure.add_trace(_surroundings(outlines, buurten, lang, geometry))
    if layer.indicator is None:
        figure.add_trace(class_trace(wijken, "wijk_id", list(rows["klasse"]), hover, lang, scheme=_needed(classes),
                                     url=url))
    else:
        known = rows["waarde"].notna().to_numpy()
        if known.any():
            figure.add_trace(value_trace(wijken[known], "wijk_id", list(rows["waarde"][known].astype(float)),
                                         [hover_of[w] for w in wijken["wijk_id"][known]], layer, lang, url=url))
        if not known.all():
            figure.add_trace(missing_trace(wijken[~known], "wijk_id",
                                           [hover_of[w] for w in wijken["wijk_id"][~known]], lang, url=url))
    borders = ()
    if selected in set(wijken["wijk_id"]):
        borders = _border(figure, wijken[wijken["wijk_id"] == selected], geometry, HIGHLIGHT, 4)
    sources = _sources(outlines if buurten is None else buurten, rows, layer, lang)
    return _frame(figure, wijken, style, height, lang, sources, beside=True, labels=labels, borders=borders)


def buurt_map(buurten: gpd.GeoDataFrame, outlines: gpd.GeoDataFrame, values: pd.DataFrame, layer: Layer, *,
              wijk_names: dict[str, str], classes: dict[str, str] | None = None, lang: str = "nl",
              selected: str | None = None, style: str = DEFAULT_STYLE, height: int = MAP_HEIGHT,
              scheme: ClassScheme | None = None, geometry: MapGeometry | None = None,
              labels: tuple[Label, ...] | None = None, fit: gpd.GeoDataFrame | None = None) -> go.Figure:
    """The city at buurt level: every buurt coloured by the indicator (or, with `layer.indicator`
    None, by the class of its wijk: `classes` maps wijk_id to class, `scheme` is the package's
    NlaPackage.facts.classes), the NLA wijk borders on top. One clickable location per buurt
    (its buurtcode); each point's customdata ends with the buurt's wijk_id ("" outside the NLA).

    `values` is indexed by buurtcode: waarde, bron, illustratief and optionally dekking. `geometry` and
    `labels` as for `overview_map`. The first view fits `fit` (another municipality's buurten), else the NLA
    wijken.
    """
    rows = values.reindex(buurten["buurtcode"])
    wijk_ids = [w if isinstance(w, str) and w in wijk_names else "" for w in buurten["wijk_id"].tolist()]
    indicative = is_indicative(buurten).tolist()
    hover = []
    for row, name, wijk_id, rough in zip(rows.itertuples(), buurten["buurtnaam"].tolist(), wijk_ids, indicative):
        where = t("kaart.in_wijk", lang, wijk=text(wijk_names[wijk_id])) if wijk_id else t("kaart.no_nla_wijk", lang)
        lines = [where] + value_line(row, layer, lang) + _indicative_line(rough, lang)
        hover.append([text(row.Index if pd.isna(name) else name), "<br>".join(lines), wijk_id])

    url = geometry.buurten if geometry is not None else None
    figure = go.Figure()
    in_nla = pd.Series([bool(w) for w in wijk_ids], index=buurten.index)
    if layer.indicator is None:
        classes = classes or {}
        coloured = in_nla & pd.Series([classes.get(w) is not None for w in wijk_ids], index=buurten.index)
        figure.add_trace(context_trace(buurten[~coloured], "buurtcode", _pick(hover, ~coloured), lang, url=url))
        if coloured.any():
            figure.add_trace(class_trace(buurten[coloured], "buurtcode",
                                         [classes[w] for w, c in zip(wijk_ids, coloured) if c],
                                         _pick(hover, coloured), lang, scheme=_needed(scheme), line_width=0.8,
                                         url=url))
    else:
        known = pd.Series(rows["waarde"].notna().to_numpy(), index=buurten.index)
        if known.any():
            figure.add_trace(value_trace(buurten[known], "buurtcode", list(rows["waarde"][known.to_numpy()]
                                                                           .astype(float)),
                                         _pick(hover, known), layer, lang, line_width=0.8, url=url))
        if not known.all():
            figure.add_trace(missing_trace(buurten[~known], "buurtcode", _pick(hover, ~known), lang, url=url))
    wijken = outlines[outlines["wijk_id"].notna()]
    # the borders from the NLA wijken's own file where there is one: a country's wijk file is 684 KiB
    lines = geometry if geometry is None or geometry.nla is None else replace(geometry, wijken=geometry.nla)
    borders = _border(figure, wijken, lines, WIJK_BORDER, 2.2, t("kaart.wijk_border", lang), legend=True)
    if selected in set(wijken["wijk_id"]):
        borders += _border(figure, wijken[wijken["wijk_id"] == selected], lines, HIGHLIGHT, 4.5)
    return _frame(figure, wijken, style, height, lang, _sources(buurten, rows, layer, lang), beside=False,
                  labels=labels, borders=borders, fit=fit)


def wijk_map(buurt_outlines: gpd.GeoDataFrame, wijk_outlines: gpd.GeoDataFrame, wijk_id: str, *,
             lang: str = "nl", style: str = DEFAULT_STYLE, height: int = 300,
             classes: ClassScheme | None = None, geometry: MapGeometry | None = None) -> go.Figure:
    """A small map of one wijk: its buurten outlined in the colour of its class (`classes`: the package's),
    the neighbouring wijken grey around it. `geometry`: the outlines by URL (the page), else embedded
    (the report: kaleido has no server to fetch them from)."""
    own = buurt_outlines[buurt_outlines["wijk_id"] == wijk_id]
    wijk = wijk_outlines[wijk_outlines["wijk_id"] == wijk_id]
    around = wijk_outlines[wijk_outlines["wijk_id"] != wijk_id]
    figure = go.Figure()
    figure.add_trace(go.Choroplethmap(
        **outlines(around, WIJK_KEY, geometry and geometry.wijken), z=[0] * len(around),
        colorscale=[[0, CONTEXT_FILL], [1, CONTEXT_FILL]], showscale=False,
        marker=dict(line=dict(color=BORDER, width=1), opacity=0.6), hoverinfo="skip"))
    colour = class_colour(classes, _class_of(wijk)) if classes is not None else DEFAULT_WIJK_COLOUR
    figure.add_trace(go.Choroplethmap(
        **outlines(own, BUURT_KEY, geometry and geometry.buurten), z=[1] * len(own),
        colorscale=[[0, colour], [1, colour]], showscale=False,
        marker=dict(line=dict(color=BORDER, width=2), opacity=0.55),
        customdata=[text(name) for name in own["buurtnaam"]], hovertemplate="%{customdata}<extra></extra>"))
    borders = _border(figure, wijk, geometry, WIJK_BORDER, 2) if len(wijk) else ()
    figure.update_traces(below=OVERLAY)  # the wijk's border (a line of the style when by URL) on top
    figure.update_layout(map=dict(style=map_style(style, streets_from=0, borders=borders),
                                  **view_of(wijk if len(wijk) else own, padding=0.6, width_px=480, height_px=height)),
                         height=height, margin=dict(l=0, r=0, t=0, b=0), dragmode=False, showlegend=False)
    return figure


def map_labels(wijken: gpd.GeoDataFrame, *, height: int = MAP_HEIGHT, beside: bool) -> tuple[Label, ...]:
    """The wijken's names on the city map (`beside`: also beside a wijk too small for its name, on free
    ground, see `place_labels`): the same for every layer and choice, so a page caches them per package.
    From the first view's zoom on, as placed for that view (VIEW_WIDTH); below it, as placed for a phone's
    map (PHONE_VIEW_WIDTH), which the browser zooms out to show every wijk: each zoom has one set of names."""
    zoom = view_of(wijken, padding=VIEW_PADDING, width_px=VIEW_WIDTH, height_px=height)["zoom"]
    wide = _placed(wijken, VIEW_WIDTH, height, beside)
    narrow = _placed(wijken, PHONE_VIEW_WIDTH, height, beside)
    below = tuple(replace(label, maxzoom=zoom if label.maxzoom is None else min(label.maxzoom, zoom))
                  for label in narrow if label.minzoom < zoom)
    return below + tuple(replace(label, minzoom=max(label.minzoom, zoom)) for label in wide
                         if label.maxzoom is None or label.maxzoom > zoom)


def _placed(wijken: gpd.GeoDataFrame, width: int, height: int, beside: bool) -> tuple[Label, ...]:
    """The names as placed for a map of `width` × `height` px at its first view of the wijken."""
    view = view_of(wijken, padding=VIEW_PADDING, width_px=width, height_px=height)
    return place_labels(wijken, "wijk_id", list(wijken["naam"]), zoom=view["zoom"],
                        view=view_bounds(view, width, height), beside=beside)


def fit_meta(frame: gpd.GeoDataFrame, view: dict, padding: float) -> dict:
    """For the figure's `meta`: the bounds (west, south, east, north, `padding` included) its first `view`
    (`view_of`) was fitted to and that view's zoom. A map drawn narrower than it was fitted for is zoomed out
    to these bounds by the browser (ui.map_fit), never in: on a phone every wijk shows."""
    return {"fit": {"bounds": [round(v, 6) for v in padded_bounds(frame, padding)], "zoom": view["zoom"]}}


def view_of(frame: gpd.GeoDataFrame, padding: float = 0.05, width_px: int = 800, height_px: int = 560) -> dict:
    """Centre and zoom that fit the frame's bounds (EPSG:4326) into a map of about this size."""
    minx, miny, maxx, maxy = padded_bounds(frame, padding)
    dx, dy = maxx - minx, maxy - miny
    lat = (miny + maxy) / 2
    # MapLibre: 512 px cover 360° of longitude at zoom 0; latitude spans stretch by 1/cos(lat).
    zoom_x = math.log2(width_px * 360 / (512 * max(dx, 1e-6)))
    zoom_y = math.log2(height_px * 360 * math.cos(math.radians(lat)) / (512 * max(dy, 1e-6)))
    return {"center": {"lon": (minx + maxx) / 2, "lat": lat}, "zoom": round(min(zoom_x, zoom_y), 2)}


def padded_bounds(frame: gpd.GeoDataFrame, padding: float) -> tuple[float, float, float, float]:
    """West, south, east and north of the frame (EPSG:4326), widened by `padding` of its extent in all."""
    minx, miny, maxx, maxy = (float(v) for v in frame.total_bounds)
    px, py = (maxx - minx) * padding / 2, (maxy - miny) * padding / 2
    return minx - px, miny - py, maxx + px, maxy + py


def view_bounds(view: dict, width_px: int, height_px: int) -> tuple[float, float, float, float]:
    """West, south, east and north (WGS84) of a map of this size at `view_of`'s centre and zoom
    (Web Mercator, 512 px tiles)."""
    world = 512 * 2 ** view["zoom"]
    lon, lat = float(view["center"]["lon"]), float(view["center"]["lat"])
    x = (lon + 180) / 360 * world
    y = (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * world

    def latitude(py: float) -> float:
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * py / world))))

    return ((x - width_px / 2) / world * 360 - 180, latitude(y + height_px / 2),
            (x + width_px / 2) / world * 360 - 180, latitude(y - height_px / 2))


def map_style(style: str = DEFAULT_STYLE, labels: tuple[Label, ...] = (), *,
              streets_from: float = STREETS_ZOOM, borders: tuple[Border, ...] = ()) -> dict:
    """The map's own MapLibre style: a white ground; with `open-street-map` the OpenStreetMap
    streets from zoom `streets_from` on; on top (every trace goes below `OVERLAY`) the names of the
    areas with their leader lines. No glyph server: MapLibre draws the names with the page's font.
    Any other style name gets the white ground only: no map may wait on the network. (The small map
    of one wijk takes no clicks: it has the streets from `streets_from=0`.) `borders` are drawn above
    every trace and below the names, in their order."""
    layers = [{"id": "achtergrond", "type": "background", "paint": {"background-color": "#FFFFFF"}}]
    sources = {}
    if style == DEFAULT_STYLE:
        sources["osm"] = OSM
        layers.append({"id": "osm", "type": "raster", "source": "osm", "minzoom": streets_from,
                       "paint": {"raster-opacity": 0.9}})
    ranges = sorted({(label.minzoom, label.maxzoom or 24.0) for label in labels})
    group = {zooms: i for i, zooms in enumerate(ranges)}
    leaders = [label for label in labels if label.leader]
    sources[OVERLAY] = _collection([{"type": "LineString", "coordinates": [list(p) for p in label.leader]}
                                    for label in leaders], [_group(label, group) for label in leaders])
    sources[NAMES] = _collection([{"type": "Point", "coordinates": [label.lon, label.lat]} for label in labels],
                                 [{"naam": label.text, "anker": label.anchor, **_group(label, group)}
                                  for label in labels])
    # the boundary between the traces (below it) and the names (above): shows nothing itself
    layers.append({"id": OVERLAY, "type": "line", "source": OVERLAY, "filter": ["==", ["get", "groep"], -1]})
    for i, border in enumerate(borders):
        sources.setdefault(f"{BORDERS}:{border.url}", {"type": "geojson", "data": border.url})
        layers.append({"id": f"{BORDERS}-{i}", "type": "line", "source": f"{BORDERS}:{border.url}",
                       "filter": ["in", ["get", border.key], ["literal", list(border.ids)]],
                       "layout": {"line-join": "round"},
                       "paint": {"line-color": border.colour, "line-width": border.width}})
    for i, (low, high) in enumerate(ranges):  # a layer per zoom range: a layer's zooms are exact, a filter's not
        zooms = {"minzoom": low, "maxzoom": high, "filter": ["==", ["get", "groep"], i]}
        layers.append({"id": f"{OVERLAY}-{i}", "type": "line", "source": OVERLAY, **zooms,
                       "paint": {"line-color": WIJK_BORDER, "line-width": 1}})
        layers.append({"id": f"{NAMES}-{i}", "type": "symbol", "source": NAMES, **zooms,
                       "layout": {"text-field": ["get", "naam"], "text-font": FONT, "text-size": SIZE,
                                  "text-anchor": ["get", "anker"], "text-justify": "center", "text-max-width": 60,
                                  "text-allow-overlap": True},
                       "paint": {"text-color": WIJK_BORDER, "text-halo-color": "rgba(255,255,255,0.92)",
                                 "text-halo-width": HALO}})
    return {"version": 8, "name": "wijkperspectief", "sources": sources, "layers": layers}


def _group(label: Label, group: dict) -> dict:
    return {"groep": group[(label.minzoom, label.maxzoom or 24.0)]}


def _collection(geometries: list[dict], properties: list[dict]) -> dict:
    return {"type": "geojson", "data": {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": g, "properties": p} for g, p in zip(geometries, properties)]}}


# --- helpers --------------------------------------------------------------------------------------

def _surroundings(outlines: gpd.GeoDataFrame, buurten: gpd.GeoDataFrame | None, lang: str,
                  geometry: MapGeometry | None) -> go.Choroplethmap:
    """The city outside the NLA wijken, grey and quiet: its buurten (named on hover), or else the
    outline's rest-of-the-city feature."""
    if buurten is not None:
        rest = buurten[buurten["wijk_id"].isna()]
        hover = [[text(name), t("kaart.no_nla_wijk", lang)] for name in rest["buurtnaam"]]
        return context_trace(rest, BUURT_KEY, hover, lang, url=geometry and geometry.buurten)
    rest = outlines[outlines["wijk_id"].isna()]
    name = t("kaart.rest_of_city", lang)
    return context_trace(rest, WIJK_KEY, [[name, ""]] * len(rest), lang,
                         url=geometry and geometry.wijken).update(showlegend=False)


def _border(figure: go.Figure, shapes: gpd.GeoDataFrame, geometry: MapGeometry | None, colour: str, width: float,
            name: str = "", legend: bool = False) -> tuple[Border, ...]:
    """The outlines of the wijken `shapes` as a line on top: a line trace with their coordinates, or by URL
    a line of the map's style (returned, for `map_style`) and, for the legend, a line trace without points."""
    if geometry is None:
        figure.add_trace(border_trace(shapes.geometry, colour, width, name, legend))
        return ()
    if legend:
        figure.add_trace(go.Scattermap(lon=[None], lat=[None], mode="lines", line=dict(color=colour, width=width),
                                       hoverinfo="skip", name=name, showlegend=True))
    return (Border(geometry.wijken, WIJK_KEY, tuple(area_ids(shapes, WIJK_KEY)), colour, width),)


def _frame(figure: go.Figure, wijken: gpd.GeoDataFrame, style: str, height: int, lang: str, sources: str, *,
           beside: bool, labels: tuple[Label, ...] | None = None, borders: tuple[Border, ...] = (),
           fit: gpd.GeoDataFrame | None = None) -> go.Figure:
    """The map's first view (the NLA wijken: the city's outskirts may lie beyond it; or `fit`), its style with
    the wijken's names (`labels`, else `map_labels`) and `borders`, its size, and around it: the
    sources above, the colour bar and legend below."""
    shown = wijken if fit is None else fit
    view = view_of(shown, padding=VIEW_PADDING, width_px=VIEW_WIDTH, height_px=height)
    if labels is None:
        labels = map_labels(wijken, height=height, beside=beside)
    figure.update_traces(below=OVERLAY)
    above = 8 + LINE * (sources.count("<br>") + 1) if sources else 8
    below = BELOW + LINE * max([_bar_title_lines(trace) - 2 for trace in figure.data] + [0])
    figure.update_layout(
        map=dict(style=map_style(style, labels, borders=borders), **view),
        height=height + above + below, margin=dict(l=0, r=0, t=above, b=below),
        separators=",." if lang == "nl" else ".,",
        legend=dict(orientation="h", yanchor="top", y=-0.015, xanchor="right", x=1, font=dict(size=12),
                    bgcolor="rgba(255,255,255,0)"),
        annotations=[dict(text=sources, xref="paper", yref="paper", x=0, y=1, xanchor="left", yanchor="bottom",
                          showarrow=False, align="left", font=dict(size=12, color="#333333"))],
        clickmode="event+select", dragmode=False, meta=fit_meta(shown, view, VIEW_PADDING),
    )
    return figure


def _bar_title_lines(trace) -> int:
    """The lines of a trace's colour bar title (BELOW has room for two), 0 without one."""
    showscale = getattr(trace, "showscale", None) is not False
    title = getattr(getattr(getattr(trace, "colorbar", None), "title", None), "text", None) if showscale else None
    return title.count("<br>") + 1 if title else 0


def _sources(shapes: gpd.GeoDataFrame, rows: pd.DataFrame, layer: Layer, lang: str) -> str:
    """`Bron: CBS, Wijk- en buurtkaart 2015 (grenzen)` and the indicator's source and year, each named
    once, as the data names them (the features' `bron`, the rows' `bron`), in English where the package
    gives a source's English name."""
    def names(column: pd.Series) -> list[str]:
        return list(dict.fromkeys(layer.source_names(source, lang) for source in _unique(column)))

    boundaries = names(shapes["bron"]) if "bron" in shapes else []
    values = []
    if layer.indicator is not None:
        known = rows[rows["waarde"].notna()] if "waarde" in rows else rows
        values = names(known["bron"]) if "bron" in known else []
        values = values or ([layer.source_names(layer.source, lang)] if layer.source else [])
    what = f"{text(layer.label)}, {layer.year}"
    parts = []
    for source in boundaries:
        key = "kaart.source_both" if source in values else "kaart.source_boundaries"
        parts.append(t(key, lang, source=text(source), what=_lower_first(what)))
    parts += [f"{text(source)} ({what})" for source in values if source not in boundaries]
    return t("kaart.source", lang, sources="<br>".join(wrapped(part, SOURCE_WRAP, lang) for part in parts)) if parts else ""


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
