"""A table wider than its box says so: in Chromium, on a phone and on a laptop, every grid of Kaart, Vergelijken and
Wonen (their table folds open) shows the caption "Schuif opzij voor meer kolommen." over it when the grid scrolls sideways
(ui.components.wide_table) and hides it when the grid fits. What the grid draws is measured in the browser: its
scroller's width against its content's."""

from __future__ import annotations

import pytest

from tests.browser import chromium_page, require_chromium, screenshot, streamlit_server, wait_for_app
from ui.components import CUT_PX

pytestmark = pytest.mark.browser

# How far below its box's top the box's content (its last child) starts: 0 where the hint is hidden (its empty layout
# wrapper took the box's gap, 16 px).
_LEAD = """const _lead = box => Math.round(box.lastElementChild.getBoundingClientRect().top - box.getBoundingClientRect().top);"""
# Every wide_table box with a drawn grid: its key, how far the grid scrolls sideways, whether its hint shows (not the
# charts that scroll, in a box keyed "…-box": ui.components.scrolls_when_narrow).
_GRIDS = """() => { """ + _LEAD + """ return [...document.querySelectorAll('div[class*="-hint"]')].map(hint => {
    const box = hint.parentElement.closest('div[class*="st-key-"]');
    if (/st-key-[a-z-]+-box/.test(box?.className || '')) return 'chart';
    const scroller = box && box.querySelector('.dvn-scroller');
    return scroller && scroller.clientWidth > 0 ? {
        key: box.getAttribute('class').match(/st-key-([a-z-]+)/)[1],
        scrolls: scroller.scrollWidth - scroller.clientWidth,
        shown: getComputedStyle(hint).display !== 'none', lead: _lead(box)} : null; }); }"""
# The number of boxes whose grids are drawn, or null while any is not.
_DRAWN = f"(n) => {{ const grids = ({_GRIDS})().filter(g => g !== 'chart'); return grids.length === n && grids.every(g => g) ? grids : null; }}"

PAGES = [("/kaart", 0, 1), ("/vergelijken?wijk=selwerd", 2, 3), ("/wonen", 8, 8)]  # path, folds, grids


@pytest.mark.parametrize("width", [390, 1400])
def test_a_grid_says_it_scrolls_sideways_exactly_where_it_does(width):
    require_chromium()
    with streamlit_server() as url, chromium_page(width=width, height=900) as page:
        seen = []
        for path, folds, grids in PAGES:
            page.goto(url + path)
            wait_for_app(page)
            tabled = page.locator("[data-testid=stExpander]").filter(
                has=page.locator("summary", has_text="Tabel"))  # a chart's table fold, not "Wat zie ik?"
            if folds:
                tabled.nth(folds - 1).wait_for()
            for i in range(folds):  # each opening reruns the page, which then fills the fold
                tabled.nth(i).locator("summary").click()
                tabled.nth(i).locator("[data-testid=stDataFrame]").wait_for(timeout=60_000)
            found = page.wait_for_function(_DRAWN, arg=grids, timeout=60_000).json_value()
            seen += [(path, grid) for grid in found]
        screenshot(page, f"brede-tabellen-{width}")
        for path, grid in seen:
            if grid["scrolls"] > CUT_PX:
                assert grid["shown"], f"{path} {grid}: the grid scrolls sideways, nothing says so"
            elif grid["scrolls"] == 0:
                assert not grid["shown"], f"{path} {grid}: the grid fits, yet a caption says it scrolls"
            if not grid["shown"]:
                assert grid["lead"] == 0, f"{path} {grid}: the hidden caption leaves a gap above the grid"
        if width == 390:
            assert all(grid["shown"] for _, grid in seen), seen  # every one of these is wider than a phone
        else:
            assert not any(grid["shown"] for path, grid in seen if path != "/wonen"), seen


# A static table's box (ui.components.wide_static_table): how far its table overflows the box, whether the hint shows.
_STATIC = """(key) => { """ + _LEAD + """ const box = document.querySelector(`.st-key-${key}`);
    const table = box && box.querySelector('table');
    return table ? {overflow: Math.round(table.getBoundingClientRect().width) - box.clientWidth,
                    shown: getComputedStyle(box.querySelector(`.st-key-${key}-hint`)).display !== 'none',
                    lead: _lead(box)} : null; }"""


@pytest.mark.parametrize("width", [390, 1400])
def test_a_static_table_says_it_scrolls_sideways_exactly_where_it_does(width):
    """Budget's list of needs and Recent gewijzigd wrap their cells; on a phone they are still wider than the screen
    (the amounts, what was done, stood out of view) and say so; on a laptop they fit and say nothing."""
    require_chromium()
    with streamlit_server() as url, chromium_page(width=width, height=900) as page:
        for path, key in (("/budget", "budget-lines"), ("/recent", "recent-table")):
            page.goto(url + path)
            wait_for_app(page)
            table = page.wait_for_function(_STATIC, arg=key, timeout=60_000).json_value()
            if table["overflow"] > CUT_PX:
                assert table["shown"], f"{path} {table}: the table scrolls sideways, nothing says so"
            elif table["overflow"] <= 0:
                assert not table["shown"], f"{path} {table}: the table fits, yet a caption says it scrolls"
            assert table["shown"] == (width == 390), (path, table)
            assert table["shown"] or table["lead"] == 0, f"{path} {table}: the hidden caption leaves a gap above it"
