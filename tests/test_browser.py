"""Click paths in a real browser: a fresh server, Debian's Chromium, screenshots in test-output/."""

from __future__ import annotations

import geopandas as gpd
import pytest
from playwright.sync_api import expect

from nla_data import EMBEDDED_DIR
from tests.browser import (chromium_page, chromium_pages, entry_text, entry_title, require_chromium, screenshot,
                           sign_in, streamlit_server, wait_for_app)

pytestmark = pytest.mark.browser

# A point inside each wijk, to click on; computed in RD New (metres), clicked in WGS84.
_OUTLINES = gpd.read_file(EMBEDDED_DIR / "data" / "wijkgrenzen.geojson").set_crs("EPSG:4326", allow_override=True)
_INSIDE = _OUTLINES[_OUTLINES["wijk_id"].notna()].set_index("wijk_id").geometry
_INSIDE = _INSIDE.to_crs("EPSG:28992").buffer(-150).representative_point().to_crs("EPSG:4326")

_PROJECT = """([lon, lat]) => {
    const gd = document.querySelector('.js-plotly-plot');
    const map = gd._fullLayout.map._subplot.map;
    const point = map.project([lon, lat]);
    const box = map.getContainer().getBoundingClientRect();
    return {x: box.left + point.x, y: box.top + point.y, loaded: map.loaded()};
}"""


@pytest.fixture(scope="module")
def server():
    require_chromium()
    with streamlit_server() as url:
        yield url


def _click_wijk_on_map(page, wijk_id: str) -> None:
    page.wait_for_selector(".js-plotly-plot .maplibregl-canvas, .js-plotly-plot canvas")
    page.wait_for_function("() => { const gd = document.querySelector('.js-plotly-plot');"
                           " return gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot"
                           " && gd._fullLayout.map._subplot.map.loaded(); }")
    point = _INSIDE[wijk_id]
    target = page.evaluate(_PROJECT, [point.x, point.y])
    page.mouse.move(target["x"], target["y"])
    page.wait_for_timeout(300)
    page.mouse.click(target["x"], target["y"])


def test_deep_link_on_a_fresh_server_shows_the_whole_frame():
    """A bookmark to /wijk?wijk=… as the very first request must not run pages/wijk.py without the frame."""
    require_chromium()
    with streamlit_server() as url, chromium_page() as page:
        page.goto(f"{url}/wijk?wijk=selwerd")
        wait_for_app(page)
        page.get_by_role("heading", name="Selwerd").wait_for()
        assert page.get_by_text("Wijkperspectief Groningen").first.is_visible()
        page.get_by_role("heading", name="Wat er gebeurt").wait_for()
        sidebar = page.locator("[data-testid='stSidebar']")
        assert sidebar.get_by_text("Kaart").first.is_visible()
        assert sidebar.get_by_text("Datapakket").is_visible()
        screenshot(page, "deeplink-wijk-selwerd")


def test_click_a_wijk_on_the_map_and_land_on_its_perspective(server):
    with chromium_page() as page:
        page.goto(f"{server}/kaart")
        wait_for_app(page)
        page.get_by_role("heading", name="Waar staat welke wijk?").wait_for()
        screenshot(page, "kaart")
        _click_wijk_on_map(page, "korrewegwijk")
        page.wait_for_url("**/wijk?wijk=korrewegwijk*")
        page.get_by_role("heading", name="Korrewegwijk").wait_for()
        wait_for_app(page)
        for heading in ("Wat er gebeurt", "Mensen en netwerken", "Wat er nodig is"):
            assert page.get_by_role("heading", name=heading).is_visible()
        assert page.get_by_text("Wijkstemdag").first.is_visible()
        screenshot(page, "wijk-korrewegwijk")


def test_wijk_without_entries_and_unknown_wijk(server):
    with chromium_page() as page:
        page.goto(f"{server}/wijk?wijk=tuinwijk")
        wait_for_app(page)
        page.get_by_role("heading", name="Tuinwijk").wait_for()
        expect(page.get_by_text("Nog niets vastgelegd")).to_have_count(3)
        screenshot(page, "wijk-tuinwijk-leeg")
        page.goto(f"{server}/wijk?wijk=atlantis")
        wait_for_app(page)
        page.get_by_text("Er is geen wijk met de naam").wait_for()
        page.get_by_role("link", name="Selwerd").wait_for()
        screenshot(page, "wijk-onbekend")


def test_class_view_and_sidebar_picker(server):
    with chromium_page() as page:
        page.goto(f"{server}/kaart?kleur=klasse")
        wait_for_app(page)
        page.get_by_text("groot, zwaar").first.wait_for()
        screenshot(page, "kaart-klassen")
        picker = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']")
        picker.click()
        page.keyboard.type("Lewen")
        page.keyboard.press("Enter")
        wait_for_app(page)
        page.wait_for_url("**wijk=lewenborg*")
        page.get_by_role("heading", name="Lewenborg").wait_for()


def test_frontline_worker_adds_an_entry_and_sees_it_after_a_reload(tmp_path):
    """The whole edit path in a browser, on its own database: sign in, '+ Nieuw', form, save, reload.
    Korrewegwijk has entries already: the new one is drawn first (newest first)."""
    require_chromium()
    database = {"NLA_DATABASE_URL": f"sqlite:///{tmp_path}/browser.sqlite"}
    title = "Theekar op het plein"
    with streamlit_server(database) as url, chromium_page(height=1400) as page:
        page.goto(f"{url}/wijk?wijk=korrewegwijk")
        wait_for_app(page)
        page.get_by_role("heading", name="Korrewegwijk").wait_for()
        sign_in(page, "anna")
        page.get_by_role("button", name="Nieuw").first.click()
        form = page.locator("[data-testid='stForm']").filter(has=page.get_by_label("Titel"))
        form.get_by_label("Titel").fill(title)
        # The description holds the title's words too: only the card's own title proves the save landed.
        form.get_by_label("Beschrijving").fill("Elke vrijdag staat de theekar op het plein; buren maken kennis.")
        screenshot(page, "formulier-nieuw")
        form.get_by_role("button", name="Opslaan").click()
        entry_title(page, title).wait_for()
        wait_for_app(page)
        page.reload()
        wait_for_app(page)
        try:
            entry_title(page, title).wait_for()
            section = page.locator("[data-testid='stColumn']").filter(
                has=page.get_by_role("heading", name="Wat er gebeurt"))
            first = section.locator("[data-testid='stMarkdownContainer'] strong").first
            assert first.inner_text() == title  # the newest entry at the top of its section
        finally:
            screenshot(page, "na-opslaan-en-herladen")


def test_conflict_message_in_the_browser(tmp_path):
    """Two browsers edit the same entry; the second sees the conflict, both versions and keeps its text."""
    require_chromium()
    database = {"NLA_DATABASE_URL": f"sqlite:///{tmp_path}/conflict.sqlite"}
    entry = "korrewegwijk-wijkstemdag"
    with streamlit_server(database) as url, chromium_pages(2, height=1600) as (anna, bob):
        for page, username in ((anna, "anna"), (bob, "bob")):
            page.goto(f"{url}/wijk?wijk=korrewegwijk")
            wait_for_app(page)
            sign_in(page, username)
            page.locator(f".st-key-btn-edit-{entry} button").click()
            page.locator("[data-testid='stMain'] [data-testid='stForm']").get_by_label("Beschrijving").wait_for()
        anna_form = anna.locator("[data-testid='stForm']").filter(has=anna.get_by_label("Beschrijving"))
        anna_form.get_by_label("Beschrijving").fill("Annas nieuwe tekst over de wijkstemdag.")
        anna_form.get_by_role("button", name="Opslaan").click()
        # Saved: the card itself shows the new text (not the form field it was typed in; the toast may
        # already be gone on a slow machine), and the form is closed.
        entry_text(anna, "Annas nieuwe tekst over de wijkstemdag.").wait_for()
        expect(anna_form).to_have_count(0, timeout=60_000)
        bob_form = bob.locator("[data-testid='stForm']").filter(has=bob.get_by_label("Beschrijving"))
        bob_form.get_by_label("Beschrijving").fill("Bobs tekst, die bewaard moet blijven.")
        bob_form.get_by_role("button", name="Opslaan").click()
        bob.get_by_text("Iemand anders heeft dit item om").wait_for(timeout=60_000)
        expect(bob_form.get_by_label("Beschrijving")).to_have_value(
            "Bobs tekst, die bewaard moet blijven.")
        bob.get_by_text("Hun versie (nu opgeslagen)").scroll_into_view_if_needed()
        screenshot(bob, "conflict")


def test_one_click_switches_the_language(server):
    with chromium_page() as page:
        page.goto(f"{server}/kaart")
        wait_for_app(page)
        page.get_by_role("heading", name="Waar staat welke wijk?").wait_for()
        page.locator("[data-testid='stSidebar']").get_by_text("English", exact=True).click()
        page.get_by_role("heading", name="Where does each neighbourhood stand?").wait_for()
        wait_for_app(page)
        page.get_by_role("heading", name="Where does each neighbourhood stand?").wait_for()
