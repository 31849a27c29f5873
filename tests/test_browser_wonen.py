"""The Wonen page in a real browser: the answer first, the charts drawn, the year in the URL, the
"Wat zie ik?" with the year's rent limits. Screenshots in test-output/screenshots/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import SHOTS, chromium_page, require_chromium, screenshot, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser

CHARTS = 8  # answer, spread, tenure, corporations, rent classes, WOZ, liveability, energy labels


@pytest.fixture(scope="module")
def server():
    require_chromium()
    with streamlit_server() as url:
        yield url


# Every chart drawn, at the width of its place on the page (after a resize too): plotly has laid it out.
_DRAWN = """(count) => { const plots = [...document.querySelectorAll('.js-plotly-plot')];
    return plots.length >= count && plots.every(gd => gd._fullLayout && gd.querySelector('.main-svg')
        && Math.abs(gd._fullLayout.width - gd.getBoundingClientRect().width) <= 2); }"""


def _wait_for_charts(page, count: int = CHARTS) -> None:
    page.wait_for_function(_DRAWN, arg=count, timeout=60_000)


def test_wonen_answers_first_and_draws_every_chart(server):
    with chromium_page(height=1100) as page:
        page.goto(f"{server}/wonen?wijk=selwerd")
        wait_for_app(page)
        page.get_by_role("heading", name="Is er genoeg betaalbare huur voor de laagste inkomens?").wait_for()
        _wait_for_charts(page)
        # The answer is in the first screen: the sentence and the ranked chart's heading.
        sentence = page.get_by_text("minder goedkope huurwoningen dan huishoudens met een laag inkomen").first
        assert sentence.is_visible() and sentence.bounding_box()["y"] < 1100
        answer = page.get_by_role("heading", name="Goedkope huurwoningen per huishouden met een laag inkomen")
        assert answer.bounding_box()["y"] < 1100
        # (a badge with a help text is in the page twice: once shown, once for its tooltip)
        badges = page.locator("[data-testid='stMain'] [data-testid='stTooltipHoverTarget'] .stMarkdownBadge")
        badges = badges.filter(has_text="illustratief")
        expect(badges).to_have_count(CHARTS)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "wonen-eerste-scherm.png"))
        # The whole page in one picture: Streamlit scrolls inside its own container, so make the window tall.
        page.set_viewport_size({"width": 1400, "height": 7600})
        _wait_for_charts(page)
        screenshot(page, "wonen")
        assert "jaar=2014" in page.url


def test_a_charts_table_is_made_when_its_fold_is_opened_with_the_keyboard(server):
    """The tables under the charts are sent only while their fold is open (ui.table_fold): opening one with
    the keyboard reruns the page and shows the chart's numbers in it, with its downloads; the others stay empty."""
    with chromium_page(height=1100) as page:
        page.goto(f"{server}/wonen")
        wait_for_app(page)
        _wait_for_charts(page)
        folds = page.locator("[data-testid='stMain'] [data-testid='stExpander']").filter(
            has=page.locator("summary", has_text=re.compile(r"^\s*table\s*Tabel\s*$|^\s*Tabel\s*$")))
        expect(folds).to_have_count(CHARTS)
        assert page.locator("[data-testid='stMain'] [data-testid='stDataFrame']").count() == 0
        first = folds.first
        first.locator("summary").focus()
        page.keyboard.press("Enter")
        table = first.locator("[data-testid='stDataFrame']")
        table.wait_for(timeout=60_000)  # the rerun's table, in the opened fold
        expect(first.locator("[data-testid='stDownloadButton']")).to_have_count(2)
        wait_for_app(page)
        assert page.locator("[data-testid='stMain'] [data-testid='stDataFrame']").count() == 1
        # the grid's own table for screen readers (hidden from view): the chart's columns
        expect(table.get_by_role("columnheader", name="Wijk", exact=True, include_hidden=True)).to_have_count(1)
        expect(table.get_by_role("columnheader", name="Klasse", exact=True, include_hidden=True)).to_have_count(1)
        table.scroll_into_view_if_needed()
        screenshot(page, "wonen-tabel-open")


def test_year_picker_writes_the_url_and_what_shows_the_limits(server):
    with chromium_page(height=1100) as page:
        page.goto(f"{server}/wonen?jaar=2014")
        wait_for_app(page)
        _wait_for_charts(page)
        page.locator("[data-testid='stMain'] [data-testid='stButtonGroup'] button").filter(has_text="2012").click()
        page.wait_for_url("**jaar=2012*")
        wait_for_app(page)
        page.get_by_text("In 2012 zijn er").first.wait_for()
        rent = page.get_by_role("heading", name="Huurklassen tegenover huishoudens met een laag inkomen")
        rent.scroll_into_view_if_needed()
        # The "Wat zie ik?" right under the rent classes chart: the limits of 2012 as data.
        expander = page.locator("[data-testid='stExpander']").filter(has_text="Huurgrenzen 2012").first
        expander.locator("summary").click()
        expect(expander.get_by_text("€ 366,37").first).to_be_visible()
        expect(expander.get_by_text("€ 664,66").first).to_be_visible()
        expander.scroll_into_view_if_needed()
        screenshot(page, "wonen-2012-huurgrenzen")


def test_wonen_in_english(server):
    with chromium_page(height=1100) as page:
        page.goto(f"{server}/wonen")
        wait_for_app(page)
        page.locator("[data-testid='stSidebar']").get_by_text("English", exact=True).click()
        page.get_by_role("heading", name="Is there enough affordable rent for the lowest incomes?").wait_for()
        page.wait_for_url("**lang=en*")
        wait_for_app(page)
        _wait_for_charts(page)
        page.get_by_text("have fewer cheap rental homes than low-income households").first.wait_for()
        screenshot(page, "wonen-en")
