"""Kansen en bedreigingen in a real browser: the frontline worker of the wijk adds a kans through the form on
the wijk page; after a reload the saved line is there, dated, for anyone. Screenshots in
test-output/screenshots/ (kansen-*.png)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from domain import format as fmt
from domain.texts import t
from nla_data.store import now
from tests.browser import chromium_page, require_chromium, screenshot, sign_in, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser

TEXT = "Braakliggend terrein aan de Korreweg voor een moestuin"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_chromium()
    database = tmp_path_factory.mktemp("kansen") / "kansen.sqlite"
    with streamlit_server({"NLA_DATABASE_URL": f"sqlite:///{database}"}) as url:
        yield url


def _saved_line(page):
    """The line as the block shows it once saved: date and text in a line's box (not the form's field)."""
    return page.locator("[class*='st-key-outlook-line-'] [data-testid='stMarkdownContainer'] p").filter(
        has_text=re.compile(rf"^{re.escape(fmt.date(now().date()))} · {re.escape(TEXT)}$"))


def test_the_frontline_worker_adds_a_kans_and_it_is_there_after_a_reload(server):
    with chromium_page(height=1400) as page:
        page.goto(f"{server}/wijk?wijk=korrewegwijk")
        wait_for_app(page)
        block = page.locator(".st-key-outlook")
        expect(block.get_by_text(t("out.empty"))).to_be_visible()  # the public: nothing yet, no buttons
        sign_in(page, "fatima")
        block.get_by_role("button", name=t("out.new", kind="kans")).click()
        form = block.locator("[data-testid='stForm']")
        field = form.get_by_role("textbox", name=t("out.field.tekst"))
        field.fill(TEXT)
        expect(field).to_have_value(TEXT)
        form.get_by_role("button", name=t("edit.save")).click()
        expect(_saved_line(page)).to_have_count(1)
        expect(block.locator("[data-testid='stForm']")).to_have_count(0)  # the form closed after saving
        wait_for_app(page)
        block.scroll_into_view_if_needed()
        screenshot(page, "kansen-opgeslagen")
        page.reload()
        wait_for_app(page)
        expect(_saved_line(page)).to_have_count(1)  # stored, not just drawn
        expect(page.locator(".st-key-outlook").get_by_text("Kansen", exact=True)).to_be_visible()
        page.locator(".st-key-outlook").scroll_into_view_if_needed()
        screenshot(page, "kansen-na-herladen")


def test_the_history_of_the_saved_kans_names_who_recorded_it(server):
    """Runs after the test above, on the same server: the line it saved has a history of one version."""
    with chromium_page(height=1400) as page:
        page.goto(f"{server}/wijk?wijk=korrewegwijk")
        wait_for_app(page)
        sign_in(page, "fatima")
        line = page.locator("[class*='st-key-outlook-line-']").filter(has_text=TEXT)
        line.get_by_role("button", name=t("edit.history")).click()
        dialog = page.get_by_role("dialog")
        expect(dialog.get_by_text("Versie 1")).to_be_visible()
        expect(dialog.get_by_text("Fatima de Vries")).to_be_visible()
        expect(dialog.get_by_text(TEXT).first).to_be_visible()
        wait_for_app(page)
        screenshot(page, "kansen-geschiedenis")
