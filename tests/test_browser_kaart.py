"""The map in a real browser: the city at wijk and buurt level, drawn (MapLibre's rendered features,
not a text that was already there) with a name for every wijk; a click on a wijk or a buurt that
opens its wijk whatever the map's tiles do (refused, or never answered: a municipal firewall, no
network), also zoomed in where the streets are asked for; screenshots of both levels and of the wijk
page in test-output/screenshots/."""

from __future__ import annotations

import geopandas as gpd
import pytest

from figures.maps import MAP_HEIGHT
from nla_data import EMBEDDED_DIR
from tests.browser import chromium_page, require_chromium, screenshot, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser

_BUURTEN = gpd.read_file(EMBEDDED_DIR / "data" / "buurtgrenzen.geojson").set_crs("EPSG:4326", allow_override=True)
_WIJKEN = gpd.read_file(EMBEDDED_DIR / "data" / "wijkgrenzen.geojson").set_crs("EPSG:4326", allow_override=True)
_NAMES = {wijk_id: name for wijk_id, name in zip(_WIJKEN["wijk_id"], _WIJKEN["naam"]) if isinstance(wijk_id, str)}
_METRIC = _BUURTEN.to_crs("EPSG:28992")
# A point well inside each buurt (30 m from its edge where it can), computed in RD New, clicked in WGS84.
_INSIDE = gpd.GeoSeries([inner if not inner.is_empty else whole for inner, whole in
                         zip(_METRIC.buffer(-30).representative_point(), _METRIC.representative_point())],
                        index=_BUURTEN["buurtcode"], crs="EPSG:28992").to_crs("EPSG:4326")

# Wijk level: the NLA wijken and, around them, the buurten of no NLA wijk.
_WIJK_LEVEL_AREAS = int(_BUURTEN["wijk_id"].nunique() + _BUURTEN["wijk_id"].isna().sum())
_MAP = "document.querySelector('.js-plotly-plot')?._fullLayout?.map?._subplot?.map"
# Per filled trace: how many areas it asks for, how many of them lie (partly) in the view, and how
# many MapLibre has drawn (plotly keeps no ids in the drawn features: one per area by its centre
# `ct`, split parts and tiles counted once). The first view is fitted to the wijken: the city's
# outskirts may lie beyond it.
_DRAWN = f"""() => {{
    const gd = document.querySelector('.js-plotly-plot');
    const map = {_MAP};
    if (!map || !map.loaded()) return [];
    const bounds = map.getBounds();
    const inView = f => {{
        const xy = f.geometry.coordinates.flat(Infinity);
        for (let i = 0; i < xy.length; i += 2) if (bounds.contains([xy[i], xy[i + 1]])) return true;
        return false;
    }};
    const features = map.queryRenderedFeatures();
    return gd._fullData.filter(t => t.type === 'choroplethmap').map(trace => {{
        const layer = `plotly-trace-layer-${{trace.uid}}-fill`;
        const drawn = new Set(features.filter(f => f.layer.id === layer).map(f => JSON.stringify(f.properties.ct)));
        // the outlines by URL (the page's way): plotly keeps the fetched file per URL; the trace's own areas
        const all = typeof trace.geojson === 'string' ? window.PlotlyGeoAssets[trace.geojson] : trace.geojson;
        const key = trace.featureidkey.replace('properties.', '');
        const asked = new Set(trace.locations);
        const own = all.features.filter(f => asked.has(f.properties[key]));
        return {{asked: trace.locations.length, inView: own.filter(inView).length, drawn: drawn.size}};
    }});
}}"""
# The names MapLibre has placed on the map (the style's own layers `namen-…`), read as one line
# (a long name may be drawn on two: `Korreweg-` / `wijk`, `Corpus` / `den Hoorn`).
_NAMES_DRAWN = f"""() => {{
    const map = {_MAP};
    const layers = map.getStyle().layers.map(l => l.id).filter(id => id.startsWith('namen-'));
    const names = map.queryRenderedFeatures({{layers}}).map(f => f.properties.naam);
    return [...new Set(names.map(n => n.replace(/-\\n/g, '').replace(/\\n/g, ' ')))];
}}"""
_PROJECT = f"""([lon, lat]) => {{
    const map = {_MAP};
    const point = map.project([lon, lat]);
    const box = map.getContainer().getBoundingClientRect();
    return {{x: box.left + point.x, y: box.top + point.y}};
}}"""


@pytest.fixture(scope="module")
def server():
    require_chromium()
    with streamlit_server() as url:
        yield url


@pytest.fixture(scope="module")
def osm_server():
    """The app with the default style, `open-street-map`: streets from the tile server once zoomed in."""
    require_chromium()
    with streamlit_server({"WIJKPERSPECTIEF_MAP_STYLE": "open-street-map"}) as url:
        yield url


def _central(mask) -> str:
    """The buurt of `mask` nearest the middle of the city: away from the map's edges."""
    middle = _METRIC.union_all().centroid
    candidates = _METRIC[mask]
    return candidates.loc[candidates.representative_point().distance(middle).idxmin(), "buurtcode"]


def _wait_until_drawn(page, areas: int) -> None:
    """Until MapLibre has drawn every area in view of the map's filled traces, and those ask for
    `areas` in all."""
    page.wait_for_function(f"""() => {{ const traces = ({_DRAWN})();
        return traces.reduce((n, t) => n + t.asked, 0) === {areas} && traces[traces.length - 1].inView > 0
            && traces.every(t => t.drawn >= t.inView); }}""")


def _wait_until_wijk_drawn(page) -> None:
    """The wijk page's small map: until the wijk's buurten (its second filled trace) are drawn; the
    outlines around it may lie partly outside the view."""
    page.wait_for_function(f"""() => {{ const traces = ({_DRAWN})();
        return traces.length > 1 && traces[1].asked > 0 && traces[1].drawn >= traces[1].asked; }}""")


def _point_at(page, buurtcode: str) -> dict:
    point = _INSIDE[buurtcode]
    return page.evaluate(_PROJECT, [point.x, point.y])


def _hover(page, buurtcode: str, shown: str) -> None:
    """Move the mouse onto the buurt until plotly's hover label names `shown` (the buurt, or at wijk
    level its wijk)."""
    target = _point_at(page, buurtcode)
    page.mouse.move(target["x"] - 3, target["y"])
    page.mouse.move(target["x"], target["y"])
    page.locator(".hoverlayer").get_by_text(shown, exact=True).first.wait_for()


def _buurt_name(buurtcode: str) -> str:
    return _BUURTEN.set_index("buurtcode").loc[buurtcode, "buurtnaam"]


def _click(page, buurtcode: str, shown: str) -> None:
    _hover(page, buurtcode, shown)
    target = _point_at(page, buurtcode)
    page.mouse.click(target["x"], target["y"])


def _wait_for_wijk_page(page, wijk_id: str) -> None:
    """The state a click on the map leads to: the wijk page of that wijk (its URL and its header, a
    level-2 heading with exactly its name, which the map page never has)."""
    page.wait_for_url(f"**/wijk?wijk={wijk_id}*")
    page.get_by_role("heading", level=2, name=_NAMES[wijk_id], exact=True).wait_for()


def _off_the_app(server: str, network: str, asked: list[str]):
    """A route for every request that leaves the app (tiles, fonts, icons): refused at once, or held
    without an answer, as a firewall that drops them would; each URL noted in `asked`."""
    def handle(route) -> None:
        asked.append(route.request.url)
        if network == "refused":
            route.abort()
        # "hanging": never answered

    return (lambda url: not url.startswith(server)), handle


def _map_requests(asked: list[str]) -> list[str]:
    return [url for url in asked if "tile" in url or "glyph" in url or url.endswith((".pbf", "style.json"))]


def test_map_at_wijk_and_buurt_level_and_a_buurt_click_opens_its_wijk(server):
    in_nla = _BUURTEN["wijk_id"].notna()
    outside = _central(~in_nla)
    target = _central(_BUURTEN["wijk_id"] == "korrewegwijk")
    with chromium_page(height=1100) as page:
        page.goto(f"{server}/kaart")
        wait_for_app(page)
        _wait_until_drawn(page, _WIJK_LEVEL_AREAS)
        assert sorted(page.evaluate(_NAMES_DRAWN)) == sorted(_NAMES.values())  # every wijk named, at once
        # on a laptop the map keeps the height it was fitted for (ui.map_fit.sized_to_width lowers it on a phone)
        # (less the few px plotly's automargin gives the legend below: 611, as before the box)
        assert MAP_HEIGHT - 12 <= page.evaluate(f"() => {_MAP}.getContainer().clientHeight") <= MAP_HEIGHT
        table = page.locator("[data-testid='stDataFrame'] .dvn-scroller").first
        table.wait_for()
        assert table.evaluate("e => e.scrollHeight <= e.clientHeight + 1")  # all 15 rows, no scrolling
        screenshot(page, "kaart-wijken")
        # The four choices over the map in one row: their labels level (the toggles' stood 8 px lower).
        tops = page.evaluate("""() => [...document.querySelector('[data-testid=stMain] [data-testid=stHorizontalBlock]')
            .querySelectorAll('[data-testid=stColumn] [data-testid=stWidgetLabel]')]
            .map(e => Math.round(e.getBoundingClientRect().top))""")
        assert len(tops) == 4 and len(set(tops)) == 1, tops

        page.get_by_role("radio", name="Buurten").click()
        page.wait_for_url("**niveau=buurt*")
        wait_for_app(page)
        _wait_until_drawn(page, len(_BUURTEN))  # every buurt, whatever its wijk
        screenshot(page, "kaart-buurten")

        _click(page, outside, _buurt_name(outside))
        page.get_by_text("hoort niet bij een NLA-wijk").wait_for()
        assert "/kaart" in page.url

        _hover(page, target, _buurt_name(target))
        assert page.locator(".hoverlayer").get_by_text("Wijk: Korrewegwijk").is_visible()
        screenshot(page, "kaart-buurten-hover")
        _click(page, target, _buurt_name(target))
        _wait_for_wijk_page(page, "korrewegwijk")
        wait_for_app(page)
        small_map = page.locator(".js-plotly-plot").first
        small_map.scroll_into_view_if_needed()
        _wait_until_wijk_drawn(page)
        screenshot(page, "wijk-korrewegwijk-kaart")


@pytest.mark.parametrize(("style", "network"), [("white-bg", "refused"), ("open-street-map", "refused"),
                                                 ("open-street-map", "hanging")])
@pytest.mark.parametrize(("level", "wijk_id"), [("wijk", "oosterpark"), ("buurt", "vinkhuizen")])
def test_a_click_opens_the_wijk_whatever_the_tiles_do(request, style, network, level, wijk_id):
    """Nothing leaves the app (refused, or never answered): the map draws, asks for no tile at its
    first view, and a click on a wijk (or on one of its buurten) opens that wijk's page."""
    url = request.getfixturevalue("osm_server" if style == "open-street-map" else "server")
    buurtcode = _central(_BUURTEN["wijk_id"] == wijk_id)
    asked = []
    with chromium_page(height=1100) as page:
        page.route(*_off_the_app(url, network, asked))
        page.goto(f"{url}/kaart?niveau={level}")
        wait_for_app(page)
        _wait_until_drawn(page, _WIJK_LEVEL_AREAS if level == "wijk" else len(_BUURTEN))
        assert not _map_requests(asked)  # no tile, glyph or style from the network for the first view
        _click(page, buurtcode, _NAMES[wijk_id] if level == "wijk" else _buurt_name(buurtcode))
        _wait_for_wijk_page(page, wijk_id)


def test_zoomed_in_with_hanging_tiles_a_click_still_opens_the_wijk(osm_server):
    """Zoomed in to where the streets show, the map asks the tile server, which never answers: a
    click on a wijk still opens it."""
    buurtcode = _central(_BUURTEN["wijk_id"] == "oosterpark")
    asked = []
    with chromium_page(height=1100) as page:
        page.route(*_off_the_app(osm_server, "hanging", asked))
        page.goto(f"{osm_server}/kaart")
        wait_for_app(page)
        _wait_until_drawn(page, _WIJK_LEVEL_AREAS)
        assert not _map_requests(asked)  # the first view asks for no tile
        centre = _point_at(page, buurtcode)
        page.mouse.move(centre["x"], centre["y"])
        for _ in range(40):  # zoom in on the wijk, past where the streets start (STREETS_ZOOM = 13)
            if page.evaluate(f"() => {_MAP}.getZoom()") >= 13.2:
                break
            page.mouse.wheel(0, -300)
            page.wait_for_timeout(250)
        page.wait_for_function(f"() => {_MAP}.getZoom() >= 13.2 && !{_MAP}.isMoving()")
        page.wait_for_function(f"() => !{_MAP}.loaded()")  # it waits for tiles that never come
        for _ in range(100):  # until the route has seen them asked for (events reach us as we wait)
            if _map_requests(asked):
                break
            page.wait_for_timeout(100)
        assert _map_requests(asked)
        _click(page, buurtcode, "Oosterpark")
        _wait_for_wijk_page(page, "oosterpark")


def test_with_several_municipalities_the_buurt_level_draws_the_one_picked(tmp_path):
    """A package with buurten of two municipalities (the Binnenstad's moved to another): at buurt level the map
    draws Groningen's; picking the other in the Gemeente box draws its buurten, fitted into view, and the URL
    keeps it."""
    import shutil

    import pandas as pd

    from tests.browser import choose_typed

    require_chromium()
    package = tmp_path / "pakket"
    shutil.copytree(EMBEDDED_DIR, package)
    table = pd.read_csv(package / "data" / "buurten.csv", dtype=str, keep_default_na=False)
    moved = (table["wijk_id"] == "") & (table["cbs_wijkcode"] == "WK001400")
    table.loc[moved, "gemeentecode"] = "GM9001"
    table.to_csv(package / "data" / "buurten.csv", index=False)
    environment = {"NLA_DATA": str(package), "NLA_DATABASE_URL": f"sqlite:///{tmp_path}/kaart.sqlite"}
    with streamlit_server(environment) as url, chromium_page(height=1100) as page:
        page.goto(f"{url}/kaart?niveau=buurt&indicator=inwoners")
        wait_for_app(page)
        _wait_until_drawn(page, int((~moved).sum()))  # Groningen's buurten, not the other's
        box = page.get_by_role("combobox", name="Gemeente")
        box.click()
        choose_typed(page, "GM9001", page.locator(".st-key-kaart_gemeente"))
        page.wait_for_url("**gemeente=GM9001*")
        wait_for_app(page)
        _wait_until_drawn(page, int(moved.sum()))  # every one of the other's buurten in view, drawn
        screenshot(page, "kaart-buurten-andere-gemeente")
