"""ui.frontend_texts: Streamlit's own words are put in the page's language in the served copy of its frontend.
Every text is found in the installed Streamlit exactly as written (an upgrade that changes one fails here), and
nothing else in a file changes. In Chromium: the Dutch words on a Dutch page, the English ones on an English
page, also before the frame's first run (the URL's ?lang=)."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit
from playwright.sync_api import expect

from ui import frontend_texts
from ui.frontend_texts import TEXTS, Text

JS = Path(streamlit.__file__).parent / "static" / "static" / "js"


@pytest.mark.parametrize("text", TEXTS, ids=lambda text: f"{text.file}:{text.old[-30:]}")
def test_every_text_is_in_the_installed_streamlit_as_often_as_written(text):
    assert text not in frontend_texts.missing(JS), f"{text.old!r} is not {text.count}× in one {text.file}.*.js"


def test_a_changed_file_differs_only_in_its_texts():
    changed = frontend_texts.files(JS)
    assert {name.split(".")[0] for name in changed} == {text.file for text in TEXTS}
    for name, source in changed.items():
        original = (JS / name).read_text(encoding="utf-8")
        for text in (t for t in TEXTS if name.startswith(f"{t.file}.")):
            assert source.count(text.new) >= text.count and text.old not in source
            original = original.replace(text.old, text.new)
        assert source == original


def test_the_choice_is_dutch_on_a_dutch_page_and_english_otherwise():
    [skip] = [text for text in TEXTS if "Skip to main content" in text.old]
    assert skip.new == 'children:(document.documentElement.lang===`nl`?`Naar de hoofdinhoud`:`Skip to main content`)'
    [inside] = [text for text in TEXTS if text.file == "Multiselect" and "Remove" in text.old]
    assert inside.new == '"aria-label":`${(document.documentElement.lang===`nl`?`Verwijder`:`Remove`)} ${e}`'


@pytest.mark.parametrize(("files", "count"), [({"A.1.js": "x`Hi`x"}, 2), ({"A.1.js": "`Hi`", "A.2.js": "`Hi`"}, 1),
                                               ({"B.1.js": "`Hi`"}, 1), ({"A.1.js": "`Hello`"}, 1)])
def test_a_text_not_found_exactly_as_written_is_left_alone(tmp_path, files, count):
    for name, source in files.items():
        (tmp_path / name).write_text(source, encoding="utf-8")
    text = Text("A", "`Hi`", "`Hallo`", count)
    assert frontend_texts.missing(tmp_path, (text,)) == [text]
    assert frontend_texts.files(tmp_path, (text,)) == {}


def test_two_texts_in_one_file_are_both_changed(tmp_path):
    (tmp_path / "A.1.js").write_text("a:`Hi`,b:`Bye`", encoding="utf-8")
    texts = (Text("A", "a:`Hi`", "a:`Hallo`"), Text("A", "b:`Bye`", "b:`Dag`"))
    assert frontend_texts.files(tmp_path, texts) == {"A.1.js": "a:`Hallo`,b:`Dag`"}


@pytest.mark.browser
def test_streamlits_words_follow_the_page_language_in_chromium():
    from tests.browser import chromium_page, require_chromium, screenshot, sign_in, streamlit_server, wait_for_app

    require_chromium()
    with streamlit_server() as url, chromium_page(height=1200) as page:
        page.goto(f"{url}/kaart?lang=en")  # English from the URL, before the frame has run once
        wait_for_app(page)
        expect(page.get_by_text("Skip to main content")).to_have_count(1)
        expect(page.get_by_role("button", name="Download as CSV")).to_have_count(1, timeout=60_000)
        expect(page.locator("[aria-label='Collapse sidebar']")).to_have_count(1)  # shown on hovering the sidebar

        page.goto(f"{url}/kaart")
        wait_for_app(page)
        expect(page.get_by_text("Naar de hoofdinhoud")).to_have_count(1)
        table = page.locator("[data-testid='stDataFrame']").first
        table.hover()
        expect(page.get_by_role("button", name="Downloaden als CSV")).to_be_visible(timeout=60_000)
        expect(page.get_by_role("button", name="Zoeken", exact=True)).to_be_visible()
        expect(page.get_by_role("button", name="Volledig scherm", exact=True)).to_be_visible()
        expect(page.locator("[aria-label='Zijbalk inklappen']")).to_have_count(1)
        expect(page.get_by_text("Skip to main content")).to_have_count(0)
        table.hover()
        screenshot(page, "streamlit-woorden-nl")

        page.goto(f"{url}/wijk?wijk=selwerd")
        wait_for_app(page)
        sign_in(page, "beheer")
        page.locator("summary", has_text="CSV exporteren / importeren").click()
        uploader = page.locator("[data-testid='stFileUploader']").first
        expect(uploader.get_by_role("button", name="Bestand kiezen", exact=True)).to_be_visible(timeout=60_000)
        expect(uploader.get_by_text("5MB per bestand")).to_be_visible()
        expect(uploader.get_by_text("per file")).to_have_count(0)
        uploader.scroll_into_view_if_needed()
        screenshot(page, "streamlit-woorden-bestand")
