"""Bij te werken in Chromium: confirming the 2013 examples one after another keeps their fold open."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import chromium_page, require_chromium, screenshot, sign_in, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser


def _examples_fold(page):
    return page.locator("[data-testid='stMain'] [data-testid='stExpander']").filter(
        has=page.locator("summary", has_text="Voorbeelden uit de bron (2013)"))


def _count(fold) -> int:
    return int(re.search(r"(\d+) items?", fold.locator("summary").inner_text()).group(1))


def test_confirming_examples_one_after_another_keeps_their_fold_open(tmp_path):
    require_chromium()
    with streamlit_server({"NLA_DATABASE_URL": f"sqlite:///{tmp_path}/bijwerken.sqlite"}) as url, \
            chromium_page(height=1400) as page:
        page.goto(f"{url}/bijwerken")
        wait_for_app(page)
        sign_in(page, "fatima")
        fold = _examples_fold(page)
        before = _count(fold)
        fold.locator("summary").click()
        for confirmed in (1, 2):  # her wijken's examples: each click confirms one, and the fold stays open
            fold.get_by_role("button", name="Bevestigen").first.click()
            expect(fold.locator("summary")).to_contain_text(f"{before - confirmed} item")  # the count fell: saved
            wait_for_app(page)
            expect(fold.locator("details")).to_have_attribute("open", "")
            expect(fold.get_by_role("button", name="Bevestigen").first).to_be_visible()
        screenshot(page, "bijwerken-voorbeelden-open-na-bevestigen")
