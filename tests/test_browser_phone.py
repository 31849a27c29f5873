"""The app on a phone (390 × 844) in a real browser: the map shows every wijk and its texts whole, so do Wonen's charts, the small multiples' titles do not
run together, the wijk pills wrap instead of scrolling sideways, the wijk's key figures stand two by two, and the network picture's column heads stand
apart. Each check waits for the drawn state it asserts (the map fitted, a chart's titles drawn), never for a text.
Screenshots in test-output/screenshots/."""

from __future__ import annotations

import itertools

import geopandas as gpd
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from domain.texts import t
from figures.maps import MAP_HEIGHT, VIEW_WIDTH
from nla_data import EMBEDDED_DIR
from tests.browser import chromium_page, require_chromium, screenshot, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 390, 844
_WIJKEN = gpd.read_file(EMBEDDED_DIR / "data" / "wijkgrenzen.geojson").set_crs("EPSG:4326", allow_override=True)
_WIJKEN = _WIJKEN[_WIJKEN["wijk_id"].notna()]

# The city map once MapLibre has drawn it and the browser has fitted it (ui.map_fit): the map's visible bounds
# (west, south, east, north) and the zoom the figure asked for, else null while not yet fitted.
_MAP = "document.querySelector('.js-plotly-plot')?._fullLayout?.map?._subplot?.map"
_FITTED = f"""() => {{ const gd = document.querySelector('.js-plotly-plot'); const map = {_MAP};
    if (!map || !map.loaded() || !gd.layout.meta || !gd.__fitZoom) return null;
    const b = map.getBounds();
    return {{view: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom: map.getZoom(),
            asked: gd.layout.meta.fit.zoom, width: map.getContainer().clientWidth,
            height: map.getContainer().clientHeight}}; }}"""
# The boxes (left, top, right, bottom) of a drawn chart's annotations that hold `part` (its subplot titles or
# column heads), once the chart `index` is drawn; null before.
_TEXT_BOXES = """([index, parts]) => { const gd = document.querySelectorAll('.js-plotly-plot')[index];
    if (!gd || !gd._fullLayout) return null;
    const boxes = [...gd.querySelectorAll('.annotation-text')]
        .filter(e => parts.some(part => e.textContent.includes(part)))
        .map(e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; });
    return boxes.length === parts.length ? boxes : null; }"""
# The charts' own texts (a map's sources and colour bar, titles of axes, legends, notes) that run off the screen's
# sides: plotly wraps none of them.
_CUT_TEXTS = """() => [...document.querySelectorAll('.js-plotly-plot .infolayer text')]
    .map(e => [e.textContent, Math.round(e.getBoundingClientRect().left), Math.round(e.getBoundingClientRect().right)])
    .filter(([, left, right]) => right > left && (left < 0 || right > innerWidth))"""
_DRAWN = """(n) => { const plots = [...document.querySelectorAll('.js-plotly-plot')];
    return plots.length >= n && plots.every(gd => gd._fullLayout && gd.querySelector('.main-svg')); }"""
_PILLS = """() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stButtonGroup"] [role="toolbar"]')]
    .map(e => [e.getAttribute('aria-label'), e.scrollWidth, e.clientWidth])"""

# The chosen indicators' chips: any part of the box that scrolls sideways, as [scrollWidth, clientWidth].
_CHIPS = """() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stMultiSelect"] *')]
    .filter(e => !['visible', 'clip'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
    .map(e => [e.scrollWidth, e.clientWidth])"""

# The trend chart (the second) once drawn with its legend: the lines' share of the chart's width, whether the legend
# stands below the lines, and its scrollbar's height; null before.
_TREND = """() => { const gd = document.querySelectorAll('.js-plotly-plot')[1];
    const legend = gd && gd.querySelector('.legend'), lines = gd && gd.querySelector('.nsewdrag');
    if (!legend || !lines || !legend.querySelector('.traces')) return null;
    const bar = legend.querySelector('.scrollbar');
    return {share: gd._fullLayout._size.w / gd._fullLayout.width,
            below: legend.getBoundingClientRect().top >= lines.getBoundingClientRect().bottom,
            scrollbar: bar ? Number(bar.getAttribute('height')) || 0 : 0}; }"""


# The network picture (the chart with labelled points) once drawn: the boxes (left, top, right, bottom) of its
# labels, markers and column heads, and the chart's own bottom; null before.
_NETWORK = """() => { const gd = [...document.querySelectorAll('.js-plotly-plot')].find(g => g.querySelector('.textpoint'));
    if (!gd || !gd.querySelector('.annotation-text')) return null;
    const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
    return {labels: [...gd.querySelectorAll('.textpoint text')].map(box),
            markers: [...gd.querySelectorAll('.scatterlayer .points path.point')].map(box),
            heads: [...gd.querySelectorAll('.annotation-text')].map(box), bottom: gd.getBoundingClientRect().bottom}; }"""
LABEL_PX = 58  # four lines of a network label at 11 px


def _white_gaps(boxes: list) -> list[float]:
    """The heights of the empty horizontal strips between the boxes, top to bottom."""
    spans = sorted((top, bottom) for _, top, _, bottom in boxes)
    gaps, end = [], spans[0][1]
    for top, bottom in spans[1:]:
        if top > end:
            gaps.append(top - end)
        end = max(end, bottom)
    return gaps


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _assert_apart(boxes: list, what: str) -> None:
    for (i, a), (j, b) in itertools.combinations(enumerate(boxes), 2):
        assert not _overlap(a, b), f"{what} {i} and {j} overlap: {a} {b}"


# The box of an element's words as drawn (a Range: the element's own box spans its container's width).
_WORDS = """(selector) => { const range = document.createRange();
    range.selectNodeContents(document.querySelector(selector));
    const box = range.getBoundingClientRect(); return {left: box.left, right: box.right}; }"""


def test_a_phone_sees_every_wijk_readable_titles_wrapping_pills_and_apart_heads():
    require_chromium()
    with streamlit_server() as url, chromium_page(width=WIDTH, height=HEIGHT) as page:
        # The map: zoomed out from the figure's view until every wijk lies inside what the map shows.
        page.goto(f"{url}/kaart")
        wait_for_app(page)
        page.wait_for_function(f"() => !!({_MAP}) && ({_MAP}).loaded()", timeout=60_000)
        try:
            fitted = page.wait_for_function(_FITTED, timeout=20_000).json_value()
        except PlaywrightTimeout as error:
            shot = screenshot(page, "telefoon-kaart-niet-ingepast")
            raise AssertionError(f"the map was drawn but not fitted to the phone's width (screenshot {shot})") from error
        screenshot(page, "telefoon-kaart")
        assert fitted["width"] < 400 and fitted["zoom"] < fitted["asked"]
        # as much lower as it is narrower than the laptop's map (ui.map_fit.sized_to_width), not 620 px high
        # (less the few px plotly's automargin gives the legend below: 611 of 620 on a laptop)
        assert 0 <= fitted["width"] * MAP_HEIGHT / VIEW_WIDTH - fitted["height"] <= 12, fitted
        west, south, east, north = fitted["view"]
        for name, (x0, y0, x1, y1) in zip(_WIJKEN["naam"], _WIJKEN.bounds.itertuples(index=False)):
            assert west <= x0 and x1 <= east and south <= y0 and y1 <= north, f"{name} not wholly in view {fitted}"
        assert page.evaluate(_CUT_TEXTS) == [], "the map's sources or colour bar title run off the screen"
        # Its table is wider than the phone: a caption over it says it scrolls sideways (hidden on a laptop).
        expect(page.locator(".st-key-kaart-table-hint")).to_be_visible()
        expect(page.locator(".st-key-kaart-table-hint")).to_contain_text(t("table.sideways"))
        # A tap on the grid shows its toolbar over the caption's line: the caption's words keep clear of it.
        page.locator(".st-key-kaart-table [data-testid=stDataFrame]").hover()
        toolbar = page.locator(".st-key-kaart-table [data-testid=stElementToolbar]")
        expect(toolbar).to_be_visible()
        words = page.evaluate(_WORDS, ".st-key-kaart-table-hint p")
        assert words["right"] <= toolbar.bounding_box()["x"], (words, toolbar.bounding_box())

        # Vergelijken: four indicators side by side; their titles apart, the pills wrapped.
        page.goto(f"{url}/vergelijken?wijk=selwerd")
        wait_for_app(page)
        page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length >= 3")
        titles = ["Goedkope huurwoningen", "Aandeel sociale huur", "WOZ-waarde", "Leefbaarheid"]
        boxes = page.wait_for_function(_TEXT_BOXES, arg=[2, titles], timeout=60_000).json_value()
        page.locator(".st-key-cmp-multiples").scroll_into_view_if_needed()
        screenshot(page, "telefoon-vergelijken-naast-elkaar")
        _assert_apart(boxes, "subplot titles")
        # The panels keep their width and scroll sideways, and a caption over them says so (they looked cut off).
        panels = page.locator(".st-key-cmp-multiples")
        assert panels.evaluate("e => e.scrollWidth - e.clientWidth") > WIDTH / 2
        expect(page.locator(".st-key-cmp-multiples-hint")).to_be_visible()
        expect(page.locator(".st-key-cmp-multiples-hint")).to_have_text(t("cmp.multiples_sideways"))
        pills = page.evaluate(_PILLS)
        assert len(pills) == 4, pills  # one group per class
        assert all(scroll <= client for _, scroll, client in pills), f"pills scroll sideways: {pills}"
        chips = page.locator('[data-testid="stMultiSelect"] [aria-label^="Verwijder "]')  # a chip's remove button
        expect(chips).to_have_count(3)  # the three other indicators, chosen by default, as chips
        assert page.evaluate(_CHIPS) == [], "the chosen indicators' chips scroll sideways"
        expect(page.locator(".st-key-cmp-table-hint")).to_be_visible()  # its table scrolls sideways too
        # The trend's legend under its lines, whole: at their right it took half the phone's width.
        trend = page.wait_for_function(_TREND, timeout=60_000).json_value()
        assert trend["below"] and trend["share"] > 0.85 and trend["scrollbar"] == 0, trend

        # Wonen: eight charts, none of their texts off the screen.
        page.goto(f"{url}/wonen")
        wait_for_app(page)
        page.wait_for_function(_DRAWN, arg=8, timeout=60_000)
        screenshot(page, "telefoon-wonen")
        assert page.evaluate(_CUT_TEXTS) == [], "a chart's text runs off the screen"

        # The wijk page: the network picture's column heads apart.
        page.goto(f"{url}/wijk?wijk=selwerd")
        wait_for_app(page)
        heads = ["Mensen en", "gebeurt", "nodig is"]
        boxes = page.wait_for_function(
            "([parts]) => { const plots = document.querySelectorAll('.js-plotly-plot');"
            f" return ({_TEXT_BOXES})([plots.length - 1, parts]); }}", arg=[heads], timeout=60_000).json_value()
        page.locator(".js-plotly-plot").last.scroll_into_view_if_needed()
        screenshot(page, "telefoon-wijk-netwerk")
        _assert_apart(boxes, "column heads")
        # Rows as close as their labels allow: with rows of 110 px and a band's gap of 0.6 row a phone scrolled past
        # about 100 px of white between the heads and the first row and between groups; no label on another, none cut.
        picture = page.wait_for_function(_NETWORK, timeout=60_000).json_value()
        things = picture["labels"] + picture["markers"]
        shrunk = [[left + 2, top + 2, right - 2, bottom - 2] for left, top, right, bottom in things]  # a star's box
        _assert_apart(shrunk, "network labels and markers")  # touches its label's by a pixel
        assert max(_white_gaps(things + picture["heads"])) <= LABEL_PX, picture
        assert max(bottom for *_, bottom in picture["labels"]) <= picture["bottom"], picture
        # Its key figures two side by side, not eight tiles of a screen's width one under the other.
        tiles = page.locator(".st-key-wijk-figures [data-testid=stColumn]")
        tops = [round(tiles.nth(i).bounding_box()["y"]) for i in range(tiles.count())]
        assert len(tops) == 8 and len(set(tops)) == 4, tops
