"""The map in a real browser: the city at wijk and buurt level, drawn (MapLibre's rendered features,
not a text that was already there), a click on a buurt that opens its wijk; screenshots of both
levels and of the wijk page in test-output/screenshots/."""

from __future__ import annotations

import geopandas as gpd
import pytest

from nla_data import EMBEDDED_DIR
from tests.browser import chromium_page, require_chromium, screenshot, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser

_BUURTEN = gpd.read_file(EMBEDDED_DIR / "data" / "buurtgrenzen.geojson").set_crs("EPSG:4326", allow_override=True)
_METRIC = _BUURTEN.to_crs("EPSG:28992")
# A point well inside each buurt (30 m from its edge where it can), computed in RD New, clicked in WGS84.
_INSIDE = gpd.GeoSeries([inner if not inner.is_empty else whole for inner, whole in
                         zip(_METRIC.buffer(-30).representative_point(), _METRIC.representative_point())],
                        index=_BUURTEN["buurtcode"], crs="EPSG:28992").to_crs("EPSG:4326")

# Wijk level: the NLA wijken and, around them, the buurten of no NLA wijk.
_WIJK_LEVEL_AREAS = int(_BUURTEN["wijk_id"].nunique() + _BUURTEN["wijk_id"].isna().sum())
_MAP = "document.querySelector('.js-plotly-plot')?._fullLayout?.map?._subplot?.map"
# Per filled trace: how many areas it asks for, and how many MapLibre has drawn (plotly keeps no ids
# in the drawn features: one per area by its centre `ct`, split parts and tiles counted once).
_DRAWN = f"""() => {{
    const gd = document.querySelector('.js-plotly-plot');
    const map = {_MAP};
    if (!map || !map.loaded()) return [];
    const features = map.queryRenderedFeatures();
    return gd._fullData.filter(t => t.type === 'choroplethmap').map(trace => {{
        const layer = `plotly-trace-layer-${{trace.uid}}-fill`;
        const drawn = new Set(features.filter(f => f.layer.id === layer).map(f => JSON.stringify(f.properties.ct)));
        return {{asked: trace.locations.length, drawn: drawn.size}};
    }});
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


def _central(mask) -> str:
    """The buurt of `mask` nearest the middle of the city: away from the map's legend and source box."""
    middle = _METRIC.union_all().centroid
    candidates = _METRIC[mask]
    return candidates.loc[candidates.representative_point().distance(middle).idxmin(), "buurtcode"]


def _wait_until_drawn(page, areas: int) -> None:
    """Until MapLibre has drawn every area of the map's filled traces, and those are `areas` in all."""
    page.wait_for_function(f"""() => {{ const traces = ({_DRAWN})();
        return traces.reduce((n, t) => n + t.asked, 0) === {areas} && traces.every(t => t.drawn >= t.asked); }}""")


def _wait_until_wijk_drawn(page) -> None:
    """The wijk page's small map: until the wijk's buurten (its second filled trace) are drawn; the
    outlines around it may lie partly outside the view."""
    page.wait_for_function(f"""() => {{ const traces = ({_DRAWN})();
        return traces.length > 1 && traces[1].asked > 0 && traces[1].drawn >= traces[1].asked; }}""")


def _point_at(page, buurtcode: str) -> dict:
    point = _INSIDE[buurtcode]
    return page.evaluate(_PROJECT, [point.x, point.y])


def _hover_buurt(page, buurtcode: str) -> None:
    """Move the mouse onto the buurt until plotly shows its hover label (name and wijk)."""
    target = _point_at(page, buurtcode)
    page.mouse.move(target["x"] - 3, target["y"])
    page.mouse.move(target["x"], target["y"])
    name = _BUURTEN.set_index("buurtcode").loc[buurtcode, "buurtnaam"]
    page.locator(".hoverlayer").get_by_text(name).wait_for()


def _click_buurt(page, buurtcode: str) -> None:
    _hover_buurt(page, buurtcode)
    target = _point_at(page, buurtcode)
    page.mouse.click(target["x"], target["y"])


def test_map_at_wijk_and_buurt_level_and_a_buurt_click_opens_its_wijk(server):
    in_nla = _BUURTEN["wijk_id"].notna()
    outside = _central(~in_nla)
    target = _central(_BUURTEN["wijk_id"] == "korrewegwijk")
    with chromium_page(height=1100) as page:
        page.goto(f"{server}/kaart")
        wait_for_app(page)
        _wait_until_drawn(page, _WIJK_LEVEL_AREAS)
        screenshot(page, "kaart-wijken")

        page.get_by_role("radio", name="Buurten").click()
        page.wait_for_url("**niveau=buurt*")
        wait_for_app(page)
        _wait_until_drawn(page, len(_BUURTEN))  # every buurt, whatever its wijk
        screenshot(page, "kaart-buurten")

        _click_buurt(page, outside)
        page.get_by_text("hoort niet bij een NLA-wijk").wait_for()
        assert "/kaart" in page.url

        _hover_buurt(page, target)
        assert page.locator(".hoverlayer").get_by_text("Wijk: Korrewegwijk").is_visible()
        screenshot(page, "kaart-buurten-hover")
        _click_buurt(page, target)
        page.wait_for_url("**/wijk?wijk=korrewegwijk*")
        page.get_by_role("heading", name="Korrewegwijk").wait_for()
        wait_for_app(page)
        small_map = page.locator(".js-plotly-plot").first
        small_map.scroll_into_view_if_needed()
        _wait_until_wijk_drawn(page)
        screenshot(page, "wijk-korrewegwijk-kaart")
