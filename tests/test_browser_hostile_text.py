"""Text typed into an entry is shown as typed, in a real browser: HTML and markdown in a title stay text.
ui.components.literal escapes them for st.markdown (tests/test_readable_pages.py checks the escaped string
in AppTest); here Chromium draws the card, so an `<img onerror>` that ran or a tag that was drawn would show."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import (chromium_page, entry_title, require_chromium, screenshot, sign_in, streamlit_server,
                           wait_for_app)

pytestmark = pytest.mark.browser

ENTRY = "korrewegwijk-wijkstemdag"
HOSTILE = '<img src=x onerror="window.__ran=1"> **vet** <b>dik</b> [link](https://example.org)'


def test_a_title_with_html_and_markdown_is_shown_as_typed_and_runs_nothing(tmp_path):
    require_chromium()
    with streamlit_server({"NLA_DATABASE_URL": f"sqlite:///{tmp_path}/hostile.sqlite"}) as url, \
            chromium_page(height=1400) as page:
        page.goto(f"{url}/wijk?wijk=korrewegwijk")
        wait_for_app(page)
        sign_in(page, "fatima")
        page.locator(f".st-key-btn-edit-{ENTRY} button").click()
        form = page.locator("[data-testid='stMain'] [data-testid='stForm']").filter(has=page.get_by_label("Titel"))
        title = form.get_by_label("Titel")
        title.fill(HOSTILE)
        expect(title).to_have_value(HOSTILE)
        form.get_by_role("button", name="Opslaan").click()
        # The saved title, drawn as the card's bold line, character for character (an invisible word joiner
        # before "://" keeps the address from being made a link: ui.components.literal).
        card = entry_title(page, HOSTILE.replace("://", "\u2060://"))
        card.wait_for()
        wait_for_app(page)
        main = page.locator("[data-testid='stMain']")
        assert page.evaluate("() => window.__ran") is None  # the onerror never ran
        assert main.locator("img[src='x']").count() == 0  # no image was made of it
        assert main.locator("b", has_text="dik").count() == 0  # no tag was drawn
        assert main.locator("a[href='https://example.org']").count() == 0  # no link was made
        screenshot(page, "titel-als-getypt")

        # The same title in the static tables that draw cells as markdown: Budget's lines ("Hoort bij") and
        # Recent gewijzigd. Each waits for the cell that holds the title exactly, then finds nothing it made.
        shown = HOSTILE.replace("://", "\u2060://")
        for path in ("budget?wijk=korrewegwijk", "recent"):
            page.goto(f"{url}/{path}")
            wait_for_app(page)
            cell = page.locator("[data-testid='stTable'] td").filter(has_text=shown)
            cell.first.wait_for()
            assert cell.first.inner_text().strip() == shown, path
            assert page.evaluate("() => window.__ran") is None, path
            main = page.locator("[data-testid='stMain']")
            assert main.locator("img[src='x']").count() == 0, path
            assert main.locator("b", has_text="dik").count() == 0, path
            assert main.locator("a[href='https://example.org']").count() == 0, path
            screenshot(page, f"titel-als-getypt-{path.split('?')[0]}")
