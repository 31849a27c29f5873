"""The data manager uploads a CBS map on /beheer in a real browser: preview first, then import."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import (chromium_page, require_chromium, screenshot, sidebar, sign_in, streamlit_server,
                           wait_for_app)
from tests.test_cbs_import import LONG, cbs_frame, hashes, pkg, write_geojson  # noqa: F401 - pkg is a fixture

pytestmark = pytest.mark.browser


def test_upload_preview_and_import_a_cbs_map(pkg, tmp_path):  # noqa: F811
    require_chromium()
    upload = write_geojson(tmp_path / "wijkbuurtkaart_2015.geojson", cbs_frame(LONG))
    before = hashes(pkg)
    environment = {"NLA_DATA": str(pkg), "NLA_DATABASE_URL": f"sqlite:///{tmp_path}/beheer.sqlite"}
    with streamlit_server(environment) as url, chromium_page(height=1800) as page:
        page.goto(f"{url}/beheer")
        wait_for_app(page)
        sign_in(page, "beheer")  # the page is for the data manager only
        page.get_by_role("heading", name="CBS Wijk- en buurtkaart importeren").wait_for()
        page.locator("input[type='file']").first.set_input_files(str(upload))
        preview = page.get_by_role("button", name="Bekijk wat er verandert")
        expect(preview).to_be_enabled(timeout=60_000)  # enabled once the upload has arrived
        wait_for_app(page)
        preview.click()
        page.get_by_text("Samenvatting").wait_for(timeout=60_000)
        wait_for_app(page)
        assert hashes(pkg) == before, "the preview writes nothing"
        screenshot(page, "beheer-voorbeeld")
        page.get_by_role("button", name="Importeren").click()
        page.get_by_text("Geïmporteerd: CBS Wijk- en buurtkaart 2015.").wait_for(timeout=60_000)
        screenshot(page, "beheer-geimporteerd")
    assert hashes(pkg) != before


def test_a_refused_map_says_why_in_english_and_whole(pkg, tmp_path):  # noqa: F811
    """Seen in Chromium: the reason a file was refused was Dutch on the English page, and cut off at its grid
    cell's edge ("…found: code_x"). Now it is English, in a table whose cells wrap: the whole reason is on screen."""
    require_chromium()
    upload = write_geojson(tmp_path / "kaart_2015.geojson", cbs_frame(LONG).rename(columns={"buurtcode": "code_x"}))
    environment = {"NLA_DATA": str(pkg), "NLA_DATABASE_URL": f"sqlite:///{tmp_path}/beheer.sqlite"}
    with streamlit_server(environment) as url, chromium_page(height=1400) as page:  # the table in the screenshot
        page.goto(f"{url}/beheer")
        wait_for_app(page)
        sign_in(page, "beheer")
        sidebar(page).get_by_text("English", exact=True).click()
        page.get_by_role("heading", name="Import the CBS Wijk- en buurtkaart").wait_for()
        page.locator("input[type='file']").first.set_input_files(str(upload))
        preview = page.get_by_role("button", name="Preview the changes")
        expect(preview).to_be_enabled(timeout=60_000)
        wait_for_app(page)
        preview.click()
        reason = page.locator("[data-testid=stTable] td", has_text="the column with the buurt code is missing")
        reason.wait_for(timeout=60_000)  # the refusal's row, drawn
        said = reason.inner_text()
        assert "expected BU_CODE or buurtcode; found: code_x" in said and said.rstrip().endswith("map of buurten.")
        assert reason.evaluate("cell => cell.scrollWidth <= cell.clientWidth"), "the reason runs past its cell"
        assert reason.bounding_box()["height"] > 40  # wrapped over lines, not cut on one
        expect(page.get_by_text("In kaart_2015.geojson:", exact=True)).to_be_visible()  # the file, named once
        screenshot(page, "beheer-geweigerd-en")
