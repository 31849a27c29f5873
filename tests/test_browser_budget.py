"""The Budget page in a real browser: the answer, the waterfall and both bar charts drawn for the public; the frontline worker
of the wijk records a decision through the form and the page counts it as granted. Screenshots in
test-output/screenshots/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from domain.texts import t
from tests.browser import chromium_page, require_chromium, screenshot, sign_in, streamlit_server, wait_for_app

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


def _choose(page, key: str, option: str) -> None:
    """Click the option of the radio with this widget key (Streamlit marks its container `st-key-<key>`)."""
    page.locator(f".st-key-{key}").get_by_text(option, exact=True).click()


def test_the_frontline_worker_records_a_decision(server):
    with chromium_page(height=1100) as page:
        page.goto(f"{server}/budget?wijk=korrewegwijk")
        wait_for_app(page)
        sign_in(page, "fatima")
        expect(_metric(page, t("bud.granted"))).to_have_text("€\u00a00")
        page.locator("[data-testid='stExpander'] summary").filter(has_text=t("bud.form")).click()
        form = page.locator("[data-testid='stForm']").filter(has_text=t("bud.field.rationale"))
        form.get_by_label(t("bud.field.subject")).click()
        page.get_by_role("option").filter(has_text="wijkstemdag").first.click()
        _choose(page, "decision-korrewegwijk-1-uitkomst", "toegekend")
        for criterion in ("bewoners-actief", "draagvlak", "past-in-wijkperspectief", "geen-regulier-beleid"):
            _choose(page, f"decision-korrewegwijk-1-criterium-{criterion}", "ja")
        form.get_by_role("textbox", name=t("bud.field.amount")).fill("3.500")
        form.get_by_role("textbox", name=t("bud.field.by"), exact=True).fill("Wijkteam Korrewegwijk")
        form.get_by_role("textbox", name=t("bud.field.rationale")).fill("Bewoners organiseren de wijkstemdag zelf.")
        form.get_by_role("button", name=t("bud.save")).click()
        expect(_metric(page, t("bud.granted"))).to_have_text("€\u00a03.500")
        expect(page.get_by_role("textbox", name=t("bud.field.rationale"))).to_have_value("")  # a fresh form
        wait_for_app(page)
        screenshot(page, "budget-besluit")
