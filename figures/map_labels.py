"""Where a map writes each area's name: inside the area and clear of its border (so also clear of
every other name), from the zoom at which it fits there. An area too small for its name at the map's
first view gets the name beside it, on free ground with a short leader line, until the user has
zoomed in far enough for the name to fit inside; where there is no free ground either, the name is
in the hover only until then.

The names are drawn by MapLibre itself (symbol layers of the map's own style, `figures.maps`) with a
white halo, in the page's font, which the browser draws locally: no glyph server, no network.
Placing them is geometry (RD New, metres) done once per package: `place_labels` is cached on the
areas' shapes, names and the view.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Transformer

METRIC_CRS = "EPSG:28992"  # RD New: metres
EARTH = 40_075_016.686  # metres around the equator
TILE = 512  # MapLibre: 512 px cover 360° of longitude at zoom 0
FONT = ["Source Sans Semibold", "Source Sans"]  # the page's own font (Streamlit serves it), semibold
SIZE = 13  # px
LINE_HEIGHT = 1.2  # em (MapLibre's default)
HALO = 1.5  # px
CLEARANCE = 2  # px between a name's halo and a border, another name or a leader line
MAX_ZOOM = 17.0  # a name that fits inside nowhere before this zoom is never written inside
EDGE = 12  # px: names beside an area stay this far inside the view
# Advance widths (em) of Source Sans semibold as Chromium draws it; an accented letter as its base
# letter, anything else as a wide letter.
_EM = {**dict(zip("abcdefghijklmnopqrstuvwxyz", (
    .52, .56, .46, .56, .51, .32, .52, .56, .26, .26, .52, .27, .84, .56, .55, .56, .56, .37, .43, .36, .56, .49,
    .75, .48, .49, .44))), **dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", (
        .56, .60, .58, .62, .54, .51, .63, .66, .28, .49, .60, .50, .74, .66, .67, .58, .67, .59, .54, .55, .65,
        .54, .80, .54, .50, .54))), **dict.fromkeys("0123456789", .51), " ": .20, "-": .32, "'": .27, ".": .27,
       ",": .27, "(": .32, ")": .32, "/": .34, "&": .64}
_OTHER = .7
_TO_WGS = Transformer.from_crs(METRIC_CRS, "EPSG:4326", always_xy=True)
# Where a Dutch place name may break over two lines with a hyphen: before the last part of a compound.
_PARTS = ("wijk", "buurt", "park", "brug", "huizen", "poel", "borg", "kerk", "dorp", "veld", "hof", "kamp",
          "laan", "straat", "weg", "haven", "berg", "dijk", "hoek", "land", "stad", "oord", "meer", "hoven",
          "verloren", "horst", "wold", "zijl")
# Where the text lies around its point, by MapLibre's `text-anchor` (the side of the text at the
# point): the offset of the text's centre, in widths and heights of the text (east, north).
ANCHOR_OFFSETS = {"center": (0, 0), "left": (0.5, 0), "bottom-left": (0.5, 0.5), "bottom": (0, 0.5),
                  "bottom-right": (-0.5, 0.5), "right": (-0.5, 0), "top-right": (-0.5, -0.5), "top": (0, -0.5),
                  "top-left": (0.5, -0.5)}
# A name beside its area, by the direction (degrees from east) from the area to the name: the side of
# the text that touches the leader line.
_ANCHORS = {0: "left", 45: "bottom-left", 90: "bottom", 135: "bottom-right", 180: "right", 225: "top-right",
            270: "top", 315: "top-left"}


@dataclass(frozen=True)
class Label:
    """One area's name as drawn: where (WGS84), the wording (maybe on two lines), the zooms between
    which it shows (`maxzoom` None: from `minzoom` on), which side of the text is at the point, and
    for a name beside its area the leader line from the area to it (WGS84 points)."""

    key: str
    text: str
    lon: float
    lat: float
    minzoom: float
    maxzoom: float | None = None
    anchor: str = "center"
    leader: tuple[tuple[float, float], ...] = ()


def text_size(text: str, size: float = SIZE) -> tuple[float, float]:
    """Width and height in px of `text` as MapLibre draws it in the page's semibold font (5 % to
    spare), halo and clearance included."""
    lines = text.split("\n")
    width = max(sum(_EM.get(unicodedata.normalize("NFD", c)[:1], _OTHER) for c in line) for line in lines) * size * 1.05
    pad = 2 * (HALO + CLEARANCE)
    return width + pad, len(lines) * LINE_HEIGHT * size + pad


def metres_per_px(zoom: float, lat: float) -> float:
    return EARTH * math.cos(math.radians(lat)) / (TILE * 2 ** zoom)


def zoom_for(metres_per_pixel: float, lat: float) -> float:
    return math.log2(EARTH * math.cos(math.radians(lat)) / (TILE * metres_per_pixel))


def place_labels(shapes: gpd.GeoDataFrame, key: str, names: list[str], *, zoom: float,
                 view: tuple[float, float, float, float], beside: bool = True,
                 size: float = SIZE) -> tuple[Label, ...]:
    """The labels of the areas of `shapes` (`names` in the same order) for a map that opens at `zoom`
    showing `view` (west, south, east, north in WGS84): inside each area from the zoom at which its
    name fits there; with `beside`, where it does not fit at `zoom`, beside the area from `zoom` on
    until then (the ground around the areas must be free: no other data under the names)."""
    wgs = shapes.to_crs("EPSG:4326")
    wkb = tuple(shapely.to_wkb(wgs.geometry.values, output_dimension=2))
    return _place(tuple(str(k) for k in shapes[key]), tuple(str(n) for n in names), wkb, round(zoom, 4),
                  tuple(round(v, 6) for v in view), beside, size)


@lru_cache(maxsize=16)
def _place(keys: tuple[str, ...], names: tuple[str, ...], wkb: tuple[bytes, ...], zoom: float,
           view: tuple[float, float, float, float], beside: bool, size: float) -> tuple[Label, ...]:
    areas = gpd.GeoSeries(shapely.from_wkb(list(wkb)), crs="EPSG:4326")
    lat = float(areas.union_all().centroid.y)
    polygons = list(areas.to_crs(METRIC_CRS))
    to_wgs = _TO_WGS

    inside = [_inside(polygon, name, size, lat, zoom) for polygon, name in zip(polygons, names)]
    labels = [Label(k, text, *_lonlat(to_wgs, point), minzoom=fit) for k, (fit, point, text) in zip(keys, inside)
              if fit <= MAX_ZOOM]

    scale = metres_per_px(zoom, lat)
    west, south = shapely.get_coordinates(_to_metric([(view[0], view[1])]))[0]
    east, north = shapely.get_coordinates(_to_metric([(view[2], view[3])]))[0]
    room = shapely.box(west + EDGE * scale, south + EDGE * scale, east - EDGE * scale, north - EDGE * scale)
    clear = [polygon.buffer(CLEARANCE * scale) for polygon in polygons]
    outside = [i for i, (fit, _, _) in enumerate(inside) if fit > zoom] if beside else []

    def spots(i: int, placed: list) -> list:
        others = shapely.union_all([c for j, c in enumerate(clear) if j != i] + placed)
        return _spots(polygons[i], inside[i][1], names[i], size, scale, room, clear[i], others)

    best = None  # ((placed, -total gap), spots)
    order = sorted(outside, key=lambda i: len(spots(i, [])))  # the area with the fewest spots first
    for _ in range(4):  # an area left without a spot goes first in the next try
        placed, beside = [], {}  # the boxes and leader lines placed so far; per area its spot
        for i in order:
            found = spots(i, placed)
            if found:
                beside[i] = min(found, key=lambda f: f[:2])
                placed += [beside[i][2], beside[i][3].buffer(CLEARANCE * scale)]
        score = (len(beside), -sum(f[0] for f in beside.values()))
        if best is None or score > best[0]:
            best = (score, beside)
        if len(beside) == len(order):
            break
        order = [i for i in order if i not in beside] + [i for i in order if i in beside]
    for i, (_, _, _, leader, anchor, point) in sorted(best[1].items()) if best else []:
        labels.append(Label(keys[i], names[i], *_lonlat(to_wgs, point), minzoom=math.floor(zoom * 100) / 100,
                            maxzoom=min(inside[i][0], MAX_ZOOM), anchor=anchor,
                            leader=tuple(_lonlat(to_wgs, p) for p in shapely.get_coordinates(leader))))
    return tuple(labels)


def _to_metric(lonlat: list[tuple[float, float]]):
    points = gpd.GeoSeries(shapely.points(lonlat), crs="EPSG:4326").to_crs(METRIC_CRS)
    return points.values


def _lonlat(transformer: Transformer, point) -> tuple[float, float]:
    x, y = (point.x, point.y) if hasattr(point, "x") else point
    lon, lat = transformer.transform(x, y)
    return round(float(lon), 6), round(float(lat), 6)


# --- inside ---------------------------------------------------------------------------------------

def _inside(polygon, name: str, size: float, lat: float, zoom: float) -> tuple[float, shapely.Point, str]:
    """The zoom from which the name fits inside the polygon, where, and in which wording: on one
    line when that fits at the map's first `zoom`, else the wording that fits soonest."""
    fits = []
    for text in _wordings(name):
        scale, point = _largest_fit(polygon, *text_size(text, size))
        fit = math.ceil(zoom_for(scale, lat) * 20) / 20 if scale > 0 else math.inf  # rounded up: fits from there on
        fits.append((fit, point, text))
    return fits[0] if fits[0][0] <= zoom else min(fits, key=lambda f: f[0] + (0.1 if "\n" in f[2] else 0))


def _wordings(name: str) -> list[str]:
    """The name on one line; and on two: split at the space nearest its middle, or else before the
    last part of a compound (`Korreweg-` / `wijk`)."""
    spaces = [i for i, c in enumerate(name) if c == " "]
    if spaces:
        cut = min(spaces, key=lambda i: abs(i - len(name) / 2))
        return [name, name[:cut] + "\n" + name[cut + 1:]]
    lower = name.lower()
    for part in _PARTS:
        if lower.endswith(part) and len(name) - len(part) >= 4:
            cut = len(name) - len(part)
            return [name, name[:cut] + "-\n" + name[cut:]]
    return [name]


def _largest_fit(polygon, width_px: float, height_px: float) -> tuple[float, shapely.Point]:
    """The largest scale (metres per px) at which a `width_px` × `height_px` box fits inside the
    polygon, and the box's centre there: tried at the centre of the largest inscribed circle and on
    a grid of points inside, each with a bisection on the scale."""
    shapely.prepare(polygon)
    circle = shapely.maximum_inscribed_circle(polygon, tolerance=max(polygon.length / 2000, 1.0))
    radius = shapely.length(circle)
    minx, miny, maxx, maxy = polygon.bounds
    step = math.sqrt(polygon.area / 150)
    xs, ys = np.meshgrid(np.arange(minx + step / 2, maxx, step), np.arange(miny + step / 2, maxy, step))
    grid = shapely.points(xs.ravel(), ys.ravel())
    xy = np.vstack([shapely.get_coordinates(shapely.get_point(circle, 0)),
                    shapely.get_coordinates(grid[shapely.contains(polygon, grid)])])
    # A box that fits has its shorter side within the inscribed circle's diameter; at the circle's
    # centre, a box whose half diagonal is the radius fits: a bisection between, on the log scale.
    low = np.full(len(xy), math.log(radius / math.hypot(width_px / 2, height_px / 2)))
    high = np.full(len(xy), math.log(2 * radius / min(width_px, height_px)))
    for _ in range(10):
        scale = (low + high) / 2
        fits = shapely.contains(polygon, _boxes(xy, np.exp(scale) * width_px, np.exp(scale) * height_px))
        low, high = np.where(fits, scale, low), np.where(fits, high, scale)
    low = np.where(shapely.contains(polygon, _boxes(xy, np.exp(low) * width_px, np.exp(low) * height_px)),
                   np.exp(low), 0.0)
    # the largest fit; among near-equals (within 3 %) the one nearest the inscribed circle's centre
    near = np.flatnonzero(low >= low.max() * 0.97)
    chosen = near[np.argmin(np.hypot(*(xy[near] - xy[0]).T))]
    return float(low[chosen]), shapely.Point(xy[chosen])


def _boxes(centres: np.ndarray, width, height):
    return shapely.box(centres[:, 0] - width / 2, centres[:, 1] - height / 2,
                       centres[:, 0] + width / 2, centres[:, 1] + height / 2)


# --- beside ---------------------------------------------------------------------------------------

def _spots(polygon, centre: shapely.Point, name: str, size: float, scale: float, room, own, others) -> list:
    """The free spots for the name beside its area at this scale, the nearest in each direction: a
    box clear of its own area (`own`: with the clearance) and of everything in `others` (the other
    areas, names and leader lines), inside the view, with a leader line from the area's edge that
    crosses nothing in `others`. Each as (gap, preference, box, leader, anchor, point)."""
    width, height = (v * scale for v in text_size(name, size))
    edge = polygon.exterior if polygon.geom_type == "Polygon" else polygon.boundary
    shapely.prepare(others)
    found = []
    gaps = np.arange(6, 120, 6) * scale  # px beyond the area's edge, nearest first
    for rank, angle in enumerate(sorted(_ANCHORS, key=lambda a: (a % 180 != 0, a % 90 != 0))):  # sideways first
        anchor = _ANCHORS[angle]
        dx, dy = ANCHOR_OFFSETS[anchor]
        direction = np.array([math.cos(math.radians(angle)), math.sin(math.radians(angle))])
        start = _last_exit(edge, centre, direction)
        points = np.array([start.x, start.y]) + gaps[:, None] * direction
        boxes = _boxes(points + np.array([dx * width, dy * height]), width, height)
        leaders = shapely.linestrings([[[start.x, start.y], list(p)] for p in points])
        free = (shapely.contains(room, boxes) & ~shapely.intersects(own, boxes) & ~shapely.intersects(others, boxes)
                & ~shapely.intersects(others, leaders))
        if free.any():
            k = int(np.argmax(free))
            found.append((gaps[k], rank, boxes[k], leaders[k], anchor, shapely.Point(points[k])))
    return found


def _last_exit(edge, centre: shapely.Point, direction: tuple[float, float]) -> shapely.Point:
    """Where the ray from the centre in this direction leaves the area for the last time."""
    ray = shapely.LineString([centre, (centre.x + 1e5 * direction[0], centre.y + 1e5 * direction[1])])
    points = shapely.get_parts(edge.intersection(ray))
    points = [p for part in points for p in shapely.get_parts(shapely.points(shapely.get_coordinates(part)))]
    return max(points, key=lambda p: p.distance(centre)) if points else centre
