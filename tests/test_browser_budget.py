"""The Budget page in a real browser: the answer, the waterfall and both bar charts drawn for the public; the frontline worker
of the wijk records a decision through the form and the page counts it as granted. Screenshots in
test-output/screenshots/."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from playwright.sync_api import expect

from app import decisions as app_decisions
from domain.permissions import Actor
from domain.texts import t
from nla_data import EMBEDDED_DIR, load_package
from nla_data.database import open_database
from nla_data.decisions import DecisionStore
from nla_data.store import Saved
from tests.browser import (choose_typed, chromium_page, require_chromium, screenshot, sign_in, streamlit_server,
                           wait_for_app)

pytestmark = pytest.mark.browser

_DRAWN = """(count) => { const plots = [...document.querySelectorAll('.js-plotly-plot')];
    return plots.length >= count && plots.every(gd => gd._fullLayout && gd.querySelector('.main-svg')); }"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_chromium()
    database = tmp_path_factory.mktemp("budget") / "budget.sqlite"
    with streamlit_server({"NLA_DATABASE_URL": f"sqlite:///{database}"}) as url:
        yield url


def _metric(page, label: str):
    return page.locator("[data-testid='stMetric']").filter(has_text=label).locator("[data-testid='stMetricValue']")


_WATERFALL = """() => [...document.querySelectorAll('.js-plotly-plot')].some(gd => gd._fullData
    && gd._fullData.some(trace => trace.type === 'waterfall' && trace.x.length === 7)
    && gd.querySelectorAll('.waterfalllayer .point').length === 7)"""


def test_the_public_sees_the_answer_the_waterfall_and_both_charts(server):
    with chromium_page(height=1100) as page:
        page.goto(f"{server}/budget")
        wait_for_app(page)
        page.get_by_role("heading", name=t("bud.question")).wait_for()
        page.wait_for_function(_DRAWN, arg=3, timeout=60_000)
        page.wait_for_function(_WATERFALL, timeout=60_000)  # seven steps, ceiling to balance
        expect(_metric(page, t("bud.after_cut"))).to_have_text("€\u00a08.425.000")
        expect(page.get_by_role("button").filter(has_text=t("report.make_all", n=15))).to_be_visible()
        page.set_viewport_size({"width": 1400, "height": 3000})
        page.wait_for_function(_DRAWN, arg=3, timeout=60_000)
        screenshot(page, "budget")


_WATERFALL_AXIS = """() => {
    const gd = [...document.querySelectorAll('.js-plotly-plot')].find(g => g.querySelector('.waterfalllayer'));
    const ticks = [...gd.querySelectorAll('.xtick text')].map(text => text.getBoundingClientRect())
        .filter(box => box.width > 0);  // drawn, not hidden
    return {plot: gd._fullLayout._size.w, ticks: ticks.map(box => [box.left, box.right]),
            values: gd._fullLayout.xaxis.tickvals}; }"""


def test_on_a_laptop_the_citys_waterfall_reads_by_four_ticks(server):
    """Found on a laptop: the city's € 8.875.000 had two ticks, € 0 and € 5 mln. (the step rounded up)."""
    with chromium_page(1400, 1000) as page:
        page.goto(f"{server}/budget")
        wait_for_app(page)
        page.wait_for_function(_WATERFALL, timeout=60_000)
        axis = page.evaluate(_WATERFALL_AXIS)
        assert axis["values"] == [0, 2_500_000, 5_000_000, 7_500_000], axis
        assert len(axis["ticks"]) == 4, axis  # all labelled
        ticks = sorted(axis["ticks"])
        assert all(right + 20 <= left for (_, right), (left, _) in itertools.pairwise(ticks)), axis


@pytest.mark.parametrize("wijk", ["grunobuurt", "beijum", None])
def test_on_a_phone_the_waterfall_has_room_for_its_bars_and_its_ticks_stand_apart(server, wijk):
    """Found on a phone: for Grunobuurt's € 225.000 the axis read "€ 0€ 100.000200.000" (four full amounts run
    together), and the steps' names on one line left the bars 65 of 358 px. The city's four ticks (a laptop's)
    ran together too: a phone labels every other one."""
    with chromium_page(390, 844) as page:
        page.goto(f"{server}/budget" + (f"?wijk={wijk}" if wijk else ""))
        wait_for_app(page)
        page.wait_for_function(_WATERFALL, timeout=60_000)
        axis = page.evaluate(_WATERFALL_AXIS)
        assert axis["plot"] >= 100, axis  # of the phone's 358 px
        ticks = sorted(axis["ticks"])
        assert len(ticks) == (len(axis["values"]) + 1) // 2 >= 2, axis  # every other one labelled
        assert all(right + 4 <= left for (_, right), (left, _) in itertools.pairwise(ticks)), axis
        page.locator(".js-plotly-plot").filter(has=page.locator(".waterfalllayer")).scroll_into_view_if_needed()
        screenshot(page, f"budget-waterfall-phone-{wijk or 'stad'}")


def test_on_a_phone_the_list_of_needs_shows_their_amounts_and_says_it_scrolls(server):
    """Found on a phone: the city's list of needs showed wijk, need and status; the amounts stood in the fifth
    column, out of view, and nothing said that the table scrolls sideways."""
    with chromium_page(390, 844) as page:
        page.goto(f"{server}/budget")
        wait_for_app(page)
        box = page.locator(".st-key-budget-lines")
        box.scroll_into_view_if_needed()  # down to it, not sideways in it
        heading = box.locator("th").filter(has_text=t("bud.col.amount")).bounding_box()
        assert heading["x"] + heading["width"] <= 390, heading  # in view before any sideways swipe
        expect(page.locator(".st-key-budget-lines-hint")).to_be_visible()
        assert page.evaluate("""() => { const box = document.querySelector('.st-key-budget-lines');
            return box.querySelector('table').getBoundingClientRect().width > box.clientWidth; }""")  # it does scroll
        screenshot(page, "budget-behoeften-phone")


def _choose(page, key: str, option: str) -> None:
    """Click the option of the radio with this widget key (Streamlit marks its container `st-key-<key>`);
    returns once that option is checked."""
    radio = page.locator(f".st-key-{key}")
    radio.get_by_text(option, exact=True).click()
    expect(radio.get_by_role("radio", name=option, exact=True)).to_be_checked()


def test_the_frontline_worker_records_a_decision(server):
    with chromium_page(height=1100) as page:
        page.goto(f"{server}/budget?wijk=korrewegwijk")
        wait_for_app(page)
        sign_in(page, "fatima")
        expect(_metric(page, t("bud.granted"))).to_have_text("€\u00a00")
        page.locator("[data-testid='stExpander'] summary").filter(has_text=t("bud.form")).click()
        form = page.locator("[data-testid='stForm']").filter(has_text=t("bud.field.rationale"))
        subject = page.locator(".st-key-decision-korrewegwijk-1-item_id [data-testid='stSelectbox']")
        subject.click()
        choose_typed(page, "Wijkstemdag", subject)  # and the box shows it: a click on an option was once lost (CI, stop 25)
        _choose(page, "decision-korrewegwijk-1-uitkomst", "toegekend")
        for criterion in ("bewoners-actief", "draagvlak", "past-in-wijkperspectief", "geen-regulier-beleid"):
            _choose(page, f"decision-korrewegwijk-1-criterium-{criterion}", "ja")
        for label, value in ((t("bud.field.amount"), "3.500"), (t("bud.field.by"), "Wijkteam Korrewegwijk"),
                             (t("bud.field.rationale"), "Bewoners organiseren de wijkstemdag zelf.")):
            box = form.get_by_role("textbox", name=label, exact=True)
            box.fill(value)
            expect(box).to_have_value(value)
        form.get_by_role("button", name=t("bud.save")).click()
        granted = _metric(page, t("bud.granted"))
        refused = page.locator("[data-testid='stAlertContentError']")
        expect(granted.filter(has_text="3.500").or_(refused).first).to_be_visible(timeout=60_000)
        assert refused.count() == 0, f"the save was refused: {refused.all_inner_texts()}"
        expect(granted).to_have_text("€\u00a03.500")
        expect(page.get_by_role("textbox", name=t("bud.field.rationale"))).to_have_value("")  # a fresh form
        wait_for_app(page)
        screenshot(page, "budget-besluit")


def test_the_frontline_worker_revises_a_decision(tmp_path):
    """A decision of her wijk opens in the revision form; she changes the rationale and saves version 2."""
    require_chromium()
    url_db = f"sqlite:///{tmp_path}/revise.sqlite"
    package = load_package(EMBEDDED_DIR).package
    entries = open_database(package, url_db)
    decisions = DecisionStore(entries.engine)
    saved = app_decisions.record(decisions, package.wijken, entries.items(), package.facts.criteria, "korrewegwijk", {
        "item_id": "korrewegwijk-nodig-wijkstemdag", "uitkomst": "toegekend", "bedrag": "3.500",
        "datum": dt.date(2014, 3, 12), "besloten_door": "Wijkteam Korrewegwijk",
        "motivering": "Bewoners organiseren de wijkstemdag zelf.", "boven_budget": False,
        "criteria": {c: "ja" for c in ("bewoners-actief", "draagvlak", "past-in-wijkperspectief",
                                       "geen-regulier-beleid")}},
        Actor("fatima", "Fatima de Vries", "frontlijnwerker", frozenset({"korrewegwijk"})), None)
    assert isinstance(saved, Saved), saved
    with streamlit_server({"NLA_DATABASE_URL": url_db}) as url, chromium_page(height=1600) as page:
        page.goto(f"{url}/budget?wijk=korrewegwijk")
        wait_for_app(page)
        sign_in(page, "fatima")
        page.locator("[data-testid='stExpander'] summary").filter(has_text=t("bud.revise")).click()
        pick = page.locator(".st-key-revise-pick-korrewegwijk [data-testid='stSelectbox']")
        pick.click()
        choose_typed(page, "wijkstemdag", pick)
        form = page.locator("[data-testid='stForm']").filter(has=page.get_by_role("button", name=t("bud.revise.save")))
        rationale = form.get_by_role("textbox", name=t("bud.field.rationale"))
        # The decision as it is, in the form that the choice opened:
        expect(rationale).to_have_value("Bewoners organiseren de wijkstemdag zelf.", timeout=60_000)
        expect(form.get_by_role("textbox", name=t("bud.field.amount"))).to_have_value("3.500", timeout=60_000)
        wait_for_app(page)
        rationale.fill("Het buurtfonds betaalt de helft mee.")
        form.get_by_role("button", name=t("bud.revise.save")).click()
        page.get_by_text(t("bud.revise.saved", version=2)).wait_for()  # the toast of this save, not there before
        for _ in range(300):  # and the database holds it
            if decisions.decision(saved.item_id)["versie"] == 2:
                break
            page.wait_for_timeout(200)
        assert decisions.decision(saved.item_id)["motivering"] == "Het buurtfonds betaalt de helft mee."
        wait_for_app(page)
        screenshot(page, "budget-besluit-herzien")
    entries.engine.dispose()
