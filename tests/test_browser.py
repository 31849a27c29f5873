"""Click paths in a real browser: a fresh server, Debian's Chromium, screenshots in test-output/."""

from __future__ import annotations

import re

import geopandas as gpd
import pytest
from playwright.sync_api import expect

from domain.texts import t
from nla_data import EMBEDDED_DIR, load_package
from nla_data.store import EntryStore
from tests.browser import (choose_typed, chromium_page, chromium_pages, entry_text, entry_title, menu, menu_labels,
                           require_chromium, screenshot, sidebar, sign_in, streamlit_server, wait_for_app)

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


# Streamlit's own sidebar menu, and every link text the sidebar has shown, from the very first paint on:
# a MutationObserver installed before the page's own scripts run.
_WATCH_SIDEBAR = """
window.__sidebarNav = 0;
window.__sidebarLinks = [];
window.__firstLinks = null;
new MutationObserver(() => {
    if (document.querySelector('[data-testid="stSidebarNav"]')) window.__sidebarNav += 1;
    // a link's text, line by line: an icon's name (e.g. "map") is text in the link as well as its label
    const links = [...document.querySelectorAll('[data-testid="stSidebar"] a')]
        .map(a => a.innerText.split('\\n').map(line => line.trim()).filter(Boolean));
    if (links.length && window.__firstLinks === null) window.__firstLinks = links.map(lines => lines.at(-1));
    for (const line of links.flat()) if (!window.__sidebarLinks.includes(line)) window.__sidebarLinks.push(line);
}).observe(document, {subtree: true, childList: true, characterData: true});
"""
# The files in pages/ and the entrypoint: what Streamlit's legacy multipage menu would list.
_FILE_NAMES = {"dashboard", "beheer", "bijwerken", "kaart", "recent", "vergelijken", "wijk", "wonen"}
_MENU_NL = ["Kaart", "Wijkperspectief", "Vergelijken", "Wonen", "Budget", "Bij te werken", "Recent gewijzigd"]


def _assert_only_the_apps_menu_was_painted(page) -> None:
    assert page.evaluate("window.__sidebarNav") == 0, "Streamlit's own sidebar menu was drawn"
    seen = page.evaluate("window.__sidebarLinks")
    assert not _FILE_NAMES & set(seen), seen
    assert page.evaluate("window.__firstLinks") == _MENU_NL


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


def test_first_paint_after_a_server_start_is_the_apps_own_menu():
    """The first visitor after a start: Streamlit runs its legacy multipage mode for pages/ until the frame
    has called st.navigation. Its menu of file names must never be painted, not even for a moment: the
    first links the sidebar ever shows are the app's own menu."""
    require_chromium()
    with streamlit_server() as url, chromium_page() as page:
        page.add_init_script(_WATCH_SIDEBAR)
        page.goto(url)
        page.wait_for_selector("[data-testid='stSidebar'] a")  # the first paint of any link in the sidebar
        screenshot(page, "eerste-verf")
        wait_for_app(page)
        page.get_by_role("heading", name="Waar staat welke wijk?").wait_for()
        screenshot(page, "eerste-bezoek")
        _assert_only_the_apps_menu_was_painted(page)
        expect(menu_labels(page)).to_have_text(_MENU_NL)


def test_deep_link_on_a_fresh_server_shows_the_whole_frame():
    """A bookmark to /wijk?wijk=… as the very first request must not run pages/wijk.py without the frame,
    nor paint Streamlit's menu of file names first."""
    require_chromium()
    with streamlit_server() as url, chromium_page() as page:
        page.add_init_script(_WATCH_SIDEBAR)
        page.goto(f"{url}/wijk?wijk=selwerd")
        wait_for_app(page)
        page.get_by_role("heading", name="Selwerd").wait_for()
        assert page.get_by_text("Wijkperspectief Groningen").first.is_visible()
        page.get_by_role("heading", name="Wat er gebeurt").wait_for()
        expect(menu(page).get_by_role("link", name="Wijkperspectief")).to_be_visible()
        assert sidebar(page).get_by_text("Datapakket").is_visible()
        _assert_only_the_apps_menu_was_painted(page)
        screenshot(page, "deeplink-wijk-selwerd")


_PLOTLY_LOADS = """() => performance.getEntriesByType('resource').filter(r => r.name.includes('/static/js/PlotlyChart.'))
    .map(r => ({url: r.name, status: r.responseStatus}))"""


def test_plotly_js_is_loaded_once_through_the_frames_early_import(server):
    """ui/chart_preload: the hidden import at the start of the run names the very module the frontend
    imports for its charts, on a deep link too: one load that answered 200, not a failed one beside a second
    copy. A page without charts loads none."""
    with chromium_page() as page:
        page.goto(f"{server}/wijk?wijk=selwerd")
        wait_for_app(page)
        page.wait_for_function("() => !!document.querySelector('.js-plotly-plot')?._fullLayout")  # a chart drawn
        loads = page.evaluate(_PLOTLY_LOADS)
        assert len(loads) == 1, loads
        assert loads[0]["status"] == 200 and "/static/js/PlotlyChart." in loads[0]["url"]
        # hidden, and so is Streamlit's wrapper around it: no gap above the page's title (it sat 16 px lower)
        assert page.evaluate("""() => { const block = document.querySelector('.st-key-plotly-preload');
            return [getComputedStyle(block).display, getComputedStyle(block.parentElement).display,
                    block.parentElement.dataset.testid]; }""") == ["none", "none", "stLayoutWrapper"]
        page.goto(f"{server}/recent")
        wait_for_app(page)
        page.get_by_role("heading", name=t("recent.question")).wait_for()
        assert page.evaluate(_PLOTLY_LOADS) == []


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
        expect(page.get_by_text("Nog niets openbaar vastgelegd")).to_have_count(3)
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
        # The map coloured by class: its layer of classes drawn (figures.map_layers), not a text elsewhere.
        page.wait_for_function("(name) => { const gd = document.querySelector('.js-plotly-plot');"
                               " return !!gd && !!gd.data && gd.data.some(trace => trace.name === name); }",
                               arg=t("class.title"))
        screenshot(page, "kaart-klassen")
        picker = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']")
        picker.click()
        choose_typed(page, "Lewen", picker)
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
        # a section's own "Nieuw" (the kansen block above has "Nieuwe kans" and "Nieuwe bedreiging")
        page.get_by_role("button", name=re.compile(r"(^|\s)Nieuw$")).first.click()
        form = page.locator("[data-testid='stForm']").filter(has=page.get_by_label("Titel"))
        form.get_by_label("Titel").fill(title)
        # The description holds the title's words too: only the card's own title proves the save landed.
        form.get_by_label("Beschrijving").fill("Elke vrijdag staat de theekar op het plein; buren maken kennis.")
        screenshot(page, "formulier-nieuw")
        form.get_by_role("button", name="Opslaan").click()
        # Saved: the card's own title (the form's fields hold the same words), then the form is gone.
        entry_title(page, title).wait_for()
        expect(form).to_have_count(0)
        wait_for_app(page)
        page.reload()
        wait_for_app(page)
        try:
            entry_title(page, title).wait_for()
            # The newest entry at the top of its section: the first card title under "Wat er gebeurt".
            section = page.locator("[data-testid='stColumn']").filter(
                has=page.get_by_role("heading", name="Wat er gebeurt"))
            first = section.locator("[data-testid='stMarkdownContainer'] strong").first
            expect(first).to_have_text(title)
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


def test_closing_an_entry_closes_its_popover_so_the_next_entry_is_not_one_click_from_closing(tmp_path):
    """Found by hand: after "Sluiten" in an entry's popover, the popover stayed open where the card had been,
    now over the next entry, and one more click closed that one too."""
    require_chromium()
    url_db = f"sqlite:///{tmp_path}/close.sqlite"
    first, second = "korrewegwijk-wijkstemdag", "korrewegwijk-moestuin-indische-buurt"  # the two open initiatives
    with streamlit_server({"NLA_DATABASE_URL": url_db}) as url, chromium_page(height=1600) as page:
        page.goto(f"{url}/wijk?wijk=korrewegwijk")
        wait_for_app(page)
        sign_in(page, "anna")
        # the first entry's "Sluiten" (newest first: the wijkstemdag), found by what a user sees
        page.locator("[data-testid='stMain'] [data-testid='stPopover'] button").filter(
            has_text="Sluiten").first.click()
        body = page.locator("[data-testid='stPopoverBody']")
        body.get_by_text("afgerond", exact=True).click()
        body.locator(f".st-key-btn-close-{first} button").click()
        # Closed: the entry now offers to reopen, folded under "Gesloten" (the state this test is about comes after)
        page.locator(f".st-key-btn-reopen-{first} button").wait_for(state="attached")
        wait_for_app(page)
        try:
            expect(body.filter(visible=True)).to_have_count(0)
            expect(page.locator(f".st-key-btn-close-{second} button")).to_be_hidden()
        finally:
            screenshot(page, "na-sluiten")
    store = EntryStore.open(load_package(EMBEDDED_DIR).package, url_db)
    assert store.item(first)["status"] == "afgerond" and store.item(second)["status"] == "loopt"
    store.engine.dispose()


def test_a_chosen_csv_file_is_previewed_in_the_box_that_stays_open(tmp_path):
    """Found by hand: after a file was chosen, the "CSV exporteren / importeren" box was sometimes folded shut,
    hiding the preview; a user saw nothing happen."""
    require_chromium()
    upload = tmp_path / "nieuw.csv"
    upload.write_text("sectie;titel;status\nnodig;Koffie voor de bewonersavond;idee\n", encoding="utf-8")
    with streamlit_server({"NLA_DATABASE_URL": f"sqlite:///{tmp_path}/csv.sqlite"}) as url, \
            chromium_page(height=1600) as page:
        page.goto(f"{url}/wijk?wijk=korrewegwijk")
        wait_for_app(page)
        sign_in(page, "anna")
        box = page.locator("[data-testid='stExpander']").filter(has_text="CSV exporteren / importeren")
        box.locator("summary").click()
        box.locator("input[type='file']").wait_for(state="attached")
        wait_for_app(page)
        box.locator("input[type='file']").set_input_files(str(upload))
        button = box.get_by_role("button", name="Importeer 1 rij")  # the preview's own button: its state
        try:
            button.wait_for()
            wait_for_app(page)
            expect(button).to_be_visible()
            expect(box.locator("[data-testid='stExpanderDetails']")).to_be_visible()
        finally:
            screenshot(page, "csv-voorbeeld")


def test_one_click_switches_the_language_and_a_reload_keeps_it(server):
    with chromium_page() as page:
        page.goto(f"{server}/kaart")
        wait_for_app(page)
        page.get_by_role("heading", name="Waar staat welke wijk?").wait_for()
        assert page.evaluate("document.documentElement.lang") == "nl"  # ui.shell: the page says it is Dutch
        sidebar(page).get_by_text("English", exact=True).click()
        page.get_by_role("heading", name="Where does each neighbourhood stand?").wait_for()
        page.wait_for_function("document.documentElement.lang === 'en'")  # and follows the choice
        page.wait_for_url("**lang=en*")
        wait_for_app(page)
        page.reload()  # a new session: the language comes from the URL
        wait_for_app(page)
        page.get_by_role("heading", name="Where does each neighbourhood stand?").wait_for()
        page.wait_for_function("document.documentElement.lang === 'en'")
        expect(menu_labels(page)).to_have_text(
            ["Map", "Neighbourhood perspective", "Compare", "Housing", "Budget", "To review", "Recently changed"])
        sidebar(page).get_by_text("Nederlands", exact=True).click()
        page.get_by_role("heading", name="Waar staat welke wijk?").wait_for()
        page.wait_for_function("document.documentElement.lang === 'nl'")
        page.wait_for_url(lambda url: "lang=" not in url)  # Dutch is the default: not in the URL


def test_a_wijk_picked_in_dutch_stays_picked_in_english(server):
    """Issue 9: pick Beijum in Dutch, switch to English, open the wijk page: the URL said
    `wijk=Beijum+·+groot,+zwaar` (the picker's old label came back as its value) and the page said there is
    no such wijk. Now the URL keeps the id, the page shows Beijum in English, and so does a reload."""
    with chromium_page() as page:
        page.goto(f"{server}/kaart")
        wait_for_app(page)
        picker = sidebar(page).locator("[data-testid='stSelectbox']")
        picker.click()
        choose_typed(page, "Beijum", picker)
        page.wait_for_url("**wijk=beijum*")
        expect(picker.get_by_role("combobox")).to_have_value("Beijum · groot, zwaar")
        wait_for_app(page)
        sidebar(page).get_by_text("English", exact=True).click()
        expect(picker.get_by_role("combobox")).to_have_value("Beijum · large, heavy")
        page.wait_for_url("**lang=en*")
        wait_for_app(page)
        menu(page).get_by_role("link", name="Neighbourhood perspective").click()
        page.wait_for_url("**/wijk?*")
        page.get_by_role("heading", name="Beijum").wait_for()
        page.get_by_role("heading", name="What is happening").wait_for()
        wait_for_app(page)
        assert "wijk=beijum" in page.url and "lang=en" in page.url, page.url
        expect(page.get_by_text("There is no neighbourhood called")).to_have_count(0)
        screenshot(page, "wijk-beijum-en")
        page.reload()
        wait_for_app(page)
        page.get_by_role("heading", name="What is happening").wait_for()
        page.get_by_role("heading", name="Beijum").wait_for()
        expect(picker.get_by_role("combobox")).to_have_value("Beijum · large, heavy")
        # The data package box in English too (the package's own title is Dutch: shown on hover).
        expect(sidebar(page).get_by_text("Data package")).to_be_visible()
        expect(sidebar(page).get_by_text("Wijkperspectief Groningen — Nieuw Lokaal Akkoord — 15 neighbourhoods")
               ).to_be_visible()


def test_a_deep_link_in_english(server):
    with chromium_page() as page:
        page.goto(f"{server}/wijk?wijk=selwerd&lang=en")
        wait_for_app(page)
        page.get_by_role("heading", name="Selwerd").wait_for()
        page.get_by_role("heading", name="What is happening").wait_for()
        # A link on the page keeps the language.
        menu(page).get_by_role("link", name="Compare").click()
        page.get_by_role("heading", name="How do the neighbourhoods compare?").wait_for()
        assert "lang=en" in page.url, page.url
