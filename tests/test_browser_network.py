"""The wijk's network in a real browser: a busy wijk's network is drawn, a click on a node opens that entry
(the URL names it and its card is shown under the picture). Screenshot in test-output/screenshots/."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from domain.texts import t
from nla_data import EMBEDDED_DIR, load_package
from nla_data.decisions import DecisionStore
from nla_data.store import EntryStore
from tests import editing_by_name as editing
from tests.browser import chromium_page, require_chromium, screenshot, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser

WIJK = "korrewegwijk"
# More than the wijk has in the package: organisations and needs around its initiatives, and decisions.
EXTRA = [("netwerk", {"titel": "Huurdersvereniging Indische buurt", "soort": "organisatie", "zichtbaarheid": "openbaar",
                      "rol": "Praat mee over de buurtkamer"}, ["korrewegwijk-buurtkamer-professorenbuurt",
                                                              "korrewegwijk-moestuin-indische-buurt"]),
         ("netwerk", {"titel": "Moestuinnetwerk Groningen", "soort": "netwerk", "zichtbaarheid": "openbaar"},
          ["korrewegwijk-moestuin-indische-buurt"]),
         ("netwerk", {"titel": "Basisschool De Tweemaster", "soort": "organisatie", "zichtbaarheid": "openbaar"},
          ["korrewegwijk-wijkstemdag", "korrewegwijk-zeepkistavond"]),
         ("nodig", {"titel": "Sleutel van de buurtkamer voor bewoners", "soort_hulp": "ruimte"},
          ["korrewegwijk-buurtkamer-professorenbuurt"]),
         ("nodig", {"titel": "Geluidsinstallatie voor de zeepkistavond", "soort_hulp": "geld", "bedrag": 750},
          ["korrewegwijk-zeepkistavond"]),
         ("nodig", {"titel": "Tuingereedschap en zaden", "soort_hulp": "geld", "bedrag": 400},
          ["korrewegwijk-moestuin-indische-buurt"])]


def seed(url: str) -> None:
    package = load_package(EMBEDDED_DIR).package
    store = EntryStore.open(package, url)
    taken = set(store.items()["item_id"])
    for number, (section, raw, links) in enumerate(EXTRA):
        context = editing.wijk_context(store.items(), package.buurten, WIJK)
        saved = editing.add_entry(store, context, section, {"status": "loopt", **raw, "links": links}, "Bram Bakker",
                                  f"network-seed-{number}", taken)
        assert not isinstance(saved, editing.Invalid), saved
        taken.add(saved.item_id)
    decisions = DecisionStore(store.engine)
    for need, amount in (("korrewegwijk-nodig-wijkstemdag", 3_500), ("korrewegwijk-nodig-moestuin-grond", 0)):
        decisions.record(WIJK, {"item_id": need, "uitkomst": "toegekend" if amount else "afgewezen", "bedrag": amount,
                                "datum": dt.date(2014, 3, 1), "criteria": dict.fromkeys(package.facts.criteria.keys, True),
                                "besloten_door": "Wijkteam Korrewegwijk", "motivering": "Besloten in het wijkteam.",
                                "boven_budget": False}, "Bram Bakker")
    store.engine.dispose()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_chromium()
    url = f"sqlite:///{tmp_path_factory.mktemp('network')}/network.sqlite"
    seed(url)
    with streamlit_server({"NLA_DATABASE_URL": url}) as address:
        yield address


# The screen position of the point whose customdata names `nodeId`, in the plot that has it.
_POINT = """(nodeId) => {
    for (const gd of document.querySelectorAll('.js-plotly-plot')) {
        if (!gd._fullLayout || !gd.data) continue;
        for (const trace of gd.data) {
            const index = (trace.customdata || []).findIndex(d => d && d[1] === nodeId);
            if (index < 0) continue;
            const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
            const box = gd.querySelector('.main-svg').getBoundingClientRect();
            return {x: box.left + xa._offset + xa.d2p(trace.x[index]),
                    y: box.top + ya._offset + ya.d2p(trace.y[index])};
        }
    }
    return null; }"""


_SCROLL = """(nodeId) => { for (const gd of document.querySelectorAll('.js-plotly-plot'))
    if ((gd.data || []).some(tr => (tr.customdata || []).some(d => d && d[1] === nodeId)))
        gd.scrollIntoView({block: 'start'}); }"""


def test_a_click_on_a_node_opens_the_entry(server):
    with chromium_page(height=1200) as page:
        page.goto(f"{server}/wijk?wijk={WIJK}")
        wait_for_app(page)
        page.get_by_role("heading", name=t("net.title"), exact=True).scroll_into_view_if_needed()
        page.wait_for_function(f"() => ({_POINT})('korrewegwijk-stip') !== null", timeout=60_000)
        page.evaluate(_SCROLL, "korrewegwijk-stip")
        page.wait_for_timeout(300)  # let the scroll settle before measuring
        screenshot(page, "netwerk-korrewegwijk")
        point = page.evaluate(_POINT, "korrewegwijk-stip")
        page.mouse.move(point["x"], point["y"])
        page.mouse.click(point["x"], point["y"])
        chosen = page.locator(f".st-key-network-chosen-{WIJK}")
        expect(chosen).to_contain_text("Stip Korrewegwijk", timeout=30_000)
        expect(chosen).to_contain_text(t("net.selected"))
        expect(page).to_have_url(re.compile(r"[?&]item=korrewegwijk-stip(&|$)"))
        wait_for_app(page)
        chosen.scroll_into_view_if_needed()
        screenshot(page, "netwerk-gekozen")
