"""No page shows a missing value as a programmer's word ("nan", "None", "NaT", "<NA>"): optional fields left
empty (a need without a kind of help or an amount, an entry without a theme, street or buurt) are shown empty
or said in words, on every page, for every wijk, in Dutch and in English, for the public and signed in.
pandas turns an empty text into NaN in places where a page checked for None: this found "nan" on the budget page."""

from __future__ import annotations

import json
import re

import pypdfium2 as pdfium
import pytest

import report
from nla_data import EMBEDDED_DIR, load_package
from nla_data.store import EntryStore
from domain.texts import t
from tests.apptest import open_page, sign_in

PACKAGE = load_package(EMBEDDED_DIR).package
WIJKEN = list(PACKAGE.wijken.index)
SPARSE = "korrewegwijk"  # the wijk that gets entries with only their required fields
# a whole word, so that "financiering" or "Nanne" are no match
MARKER = re.compile(r"(?<![\w-])(nan|NaN|None|NaT|<NA>|null)(?![\w-])")


@pytest.fixture
def database(tmp_path, monkeypatch) -> EntryStore:
    """A fresh database, and in SPARSE one entry per section with nothing but what an entry must have."""
    url = f"sqlite:///{tmp_path}/entries.sqlite"
    monkeypatch.setenv("NLA_DATABASE_URL", url)
    store = EntryStore.open(PACKAGE, url)
    bare = {"gebeurt": {"status": "idee", "titel": "Iets zonder thema"},
            "netwerk": {"status": "loopt", "titel": "Een netwerk zonder rol"},
            "nodig": {"status": "idee", "titel": "Koffie zonder soort hulp", "bedrag": 1200}}
    for section, values in bare.items():
        store.create(f"{SPARSE}-{section}-kaal", SPARSE, {"sectie": section, **values}, [], "Mia")
    store.create(f"{SPARSE}-nodig-zonder-bedrag", SPARSE, {"sectie": "nodig", "status": "idee",
                                                            "titel": "Hulp zonder bedrag"}, [], "Mia")
    return store


def _shown(at) -> list[str]:
    """What the page shows in words: texts, alerts, metrics, tables' cells and headers, and the charts' texts."""
    parts = []
    for kind in ("markdown", "caption", "header", "subheader", "title", "info", "warning", "error", "success",
                 "metric", "expander", "button", "selectbox", "multiselect", "radio"):
        for element in getattr(at, kind):
            parts += [str(getattr(element, attribute)) for attribute in ("value", "label")
                      if getattr(element, attribute, None) is not None]
    for table in [*at.dataframe, *at.table]:
        frame = table.value
        # a missing cell is drawn empty (the rank of the city's row, the vergelijken screenshot); a text is drawn
        # as it is, so a text "nan" is what a reader would see
        parts += [str(c) for c in frame.columns] + [v for v in frame.to_numpy(object).ravel() if isinstance(v, str)]
    for chart in at.get("plotly_chart"):
        parts += _chart_texts(json.loads(chart.proto.spec))
    return parts


def _chart_texts(spec: dict) -> list[str]:
    """The words a chart draws or shows on hover: its traces' names, texts and templates, its titles."""
    texts = []
    for trace in spec.get("data", []):
        for key in ("name", "text", "hovertext", "hovertemplate", "texttemplate"):
            value = trace.get(key)
            texts += [str(v) for v in value] if isinstance(value, list) else [] if value is None else [str(value)]
    layout = spec.get("layout", {})
    texts += [json.dumps(a.get("text", "")) for a in layout.get("annotations", [])]
    return texts


# English words that are the whole of a label, not a missing value: the compare page's "None" (pick none)
WORDS = {t("cmp.none", "en")}


def _no_markers(at, where: str) -> None:
    assert not at.exception, [e.value for e in at.exception]
    found = sorted({text[:120] for text in _shown(at) if MARKER.search(text) and text not in WORDS})
    assert not found, f"{where}: {found}"


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("page", ["wijk", "budget"])
def test_every_wijk_shows_no_missing_marker(database, page, lang):
    for wijk_id in WIJKEN:
        _no_markers(open_page(page, wijk=wijk_id, lang=lang), f"/{page}?wijk={wijk_id}&lang={lang}")


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("page", ["overzicht", "vergelijken", "wonen", "budget", "bijwerken", "recent"])
def test_every_city_page_shows_no_missing_marker(database, page, lang):
    _no_markers(open_page(page, lang=lang), f"/{page}?lang={lang}")


@pytest.mark.parametrize("username", ["beheer", "anna"])
def test_signed_in_the_sparse_wijk_and_the_lists_show_no_missing_marker(database, username):
    """Signed in, a page shows more (editors, contact, forms): still no marker."""
    for page, params in (("wijk", {"wijk": SPARSE}), ("budget", {"wijk": SPARSE}), ("bijwerken", {}),
                         ("recent", {}), ("beheer", {})):
        at = sign_in(open_page(page, **params), username)
        _no_markers(at, f"/{page} as {username}")


def test_the_sparse_entries_are_on_the_pages_this_checks(database):
    """The check above reads the pages with the bare entries on them, not pages without them."""
    assert "Iets zonder thema" in "\n".join(_shown(open_page("wijk", wijk=SPARSE)))
    signed_in = sign_in(open_page("wijk", wijk=SPARSE), "beheer")
    assert "Een netwerk zonder rol" in "\n".join(_shown(signed_in))
    lines = open_page("budget", wijk=SPARSE)
    assert "Koffie zonder soort hulp" in "\n".join(_shown(lines))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_printed_page_of_the_sparse_wijk_shows_no_missing_marker(database, lang):
    """The council's PDF page says the same entries in words: no "nan" either (the map left out: not drawn here)."""
    document = pdfium.PdfDocument(report.wijk_pdf(PACKAGE, database.items(), database.links(), [SPARSE], lang=lang,
                                                  maps=[None]))
    text = "\n".join(page.get_textpage().get_text_range() for page in document)
    assert "Koffie zonder soort hulp" in text or "Iets zonder thema" in text  # the bare entries are on it
    assert not MARKER.search(text), MARKER.findall(text)


@pytest.mark.parametrize("section", ["gebeurt", "netwerk", "nodig"])
def test_the_edit_form_of_a_bare_entry_starts_empty_and_saving_it_writes_no_marker(database, section):
    """The form of an entry with only its required fields shows its empty fields empty; saved as it stands, no
    field gets the text of a missing value (a "nan" saved once would be shown and exported for good)."""
    item_id = f"{SPARSE}-{section}-kaal"
    at = sign_in(open_page("wijk", wijk=SPARSE), "anna")
    at.button(key=f"btn-edit:{item_id}").click().run()
    fields = [*at.text_input, *at.text_area, *at.selectbox, *at.multiselect]
    values = {f.key: f.value for f in fields if str(f.key).startswith(f"edit-{item_id}:")}
    assert values, "the edit form is open"
    assert not [v for v in values.values() if MARKER.search(str(v)) and v is not None], values
    # one field filled in, the others saved as they stand (a save without a change writes nothing at all)
    at.text_area(key=f"edit-{item_id}:beschrijving").input("Nu met een uitleg.")
    next(b for b in at.button if b.label == "Opslaan" and b.key.startswith("FormSubmitter")).click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    saved = database.items_by_id([item_id]).iloc[0]
    assert saved["versie"] == 2 and saved["beschrijving"] == "Nu met een uitleg."
    texts = {name: value for name, value in saved.items() if isinstance(value, str)}
    assert not {name: v for name, v in texts.items() if MARKER.search(v)}, texts
