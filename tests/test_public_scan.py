"""The scan: nothing reachable without signing in — any page, for any wijk, any download — contains an
editor's name, or a contact person's name, e-mail address or phone number from the data."""

from __future__ import annotations

import datetime as dt

import pytest
from google.protobuf import text_format
from streamlit.delta_generator import DeltaGenerator

import streamlit
from domain.validation import INVISIBLE
from nla_data import EMBEDDED_DIR, load_package
from nla_data.decisions import DecisionStore
from nla_data.store import EntryStore
from tests import editing_by_name as editing
from tests.apptest import open_page, sign_in
from tests.test_personal_data import SECRETS

PACKAGE = load_package(EMBEDDED_DIR).package
EDITORS = ["Fatima de Vries", "Bram Bakker", "Voorbeeld (bron 2013)"]
PAGES = [("overzicht", {}), ("kaart", {}), ("vergelijken", {}), ("wonen", {}), ("bijwerken", {}), ("recent", {}),
         ("beheer", {}), ("wijk", {})] + [("wijk", {"wijk": w}) for w in PACKAGE.wijken.index] + [
    ("recent", {"wijk": "selwerd"}), ("bijwerken", {"wijk": "korrewegwijk"}), ("kaart", {"wijk": "selwerd"}),
    ("budget", {}), ("budget", {"wijk": "selwerd"})]


@pytest.fixture(scope="module")
def edited_database(tmp_path_factory):
    """A database in which real people edited and confirmed entries in several wijken."""
    url = f"sqlite:///{tmp_path_factory.mktemp('scan')}/scan.sqlite"
    store = EntryStore.open(PACKAGE, url)
    for name, wijk in (("Fatima de Vries", "selwerd"), ("Bram Bakker", "korrewegwijk"), ("Fatima de Vries", "beijum")):
        context = editing.wijk_context(store.items(), PACKAGE.buurten, wijk)
        first = store.items(wijk).iloc[0]
        item = store.item(first["item_id"])
        saved = editing.edit_entry(store, context, item["item_id"], item["versie"],
                                   {**item, "links": item["koppelingen"], "thema": "Bijgewerkt"}, name, f"scan-{wijk}")
        editing.confirm(store, item["item_id"], saved.version, name, f"scan-confirm-{wijk}")
    # a budget decision Fatima recorded: who decided (a body) is public, who recorded it is not
    DecisionStore(store.engine).record("selwerd", {
        "item_id": "selwerd-nodig-wijkbedrijf-start", "uitkomst": "toegekend", "bedrag": 5_000,
        "datum": dt.date(2014, 3, 1), "criteria": dict.fromkeys(PACKAGE.facts.criteria.keys, True),
        "besloten_door": "Wijkteam Selwerd", "motivering": "Bewoners starten het wijkbedrijf zelf.",
        "boven_budget": False}, "Fatima de Vries")
    store.engine.dispose()
    return url


@pytest.fixture
def downloads(monkeypatch):
    """Every download a page offers, as the bytes a visitor would get."""
    captured: list[bytes] = []
    original = DeltaGenerator.download_button

    def capture(self, label, data, *args, **kwargs):
        content = data() if callable(data) else data
        captured.append(content.encode() if isinstance(content, str) else bytes(content or b""))
        return original(self, label, data, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", capture)
    monkeypatch.setattr(streamlit, "download_button", lambda *a, **k: capture(streamlit._main, *a, **k))
    return captured


def everything_shown(at) -> str:
    """All the page sent to the browser: every element's message, every table's cells."""
    parts = []

    def walk(node):
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(text_format.MessageToString(proto, as_utf8=True))
        for child in getattr(node, "children", {}).values() if isinstance(getattr(node, "children", None), dict) \
                else getattr(node, "children", []) or []:
            walk(child)

    walk(at._tree)  # noqa: SLF001 - the whole tree, not only the element kinds AppTest names
    for frame in at.dataframe:
        parts.append(frame.value.to_csv())
    # markdown escapes user text (`jan\\.voorbeeld\u2060\\@…`): read it as the browser shows it
    return INVISIBLE.sub("", "\n".join(parts).replace("\\\\", "").replace("\\", ""))


@pytest.mark.parametrize("url_path, params", PAGES, ids=[f"{p}-{q.get('wijk', '')}" for p, q in PAGES])
def test_no_personal_data_reaches_the_public(edited_database, downloads, monkeypatch, url_path, params):
    monkeypatch.setenv("NLA_DATABASE_URL", edited_database)
    at = open_page(url_path, **params)
    assert not at.exception, [e.value for e in at.exception]
    for expander_button in [b for b in at.button if b.key and b.key.startswith("btn-history:")]:
        expander_button.click().run()  # the public has no history button; if one appears it is opened
    shown = everything_shown(at) + "\n".join(d.decode("utf-8", "replace") for d in downloads)
    leaked = [secret for secret in SECRETS + EDITORS if secret in shown]
    assert not leaked, leaked


def test_the_scan_would_see_a_name_if_one_were_shown(edited_database, downloads, monkeypatch):
    """The same scan, signed in as an alderman, finds the editors' names: the scan can fail."""
    monkeypatch.setenv("NLA_DATABASE_URL", edited_database)
    at = sign_in(open_page("wijk", wijk="selwerd"), "wim")
    assert "Fatima de Vries" in everything_shown(at)
    budget = sign_in(open_page("budget", wijk="selwerd"), "wim")
    assert "Fatima de Vries" in everything_shown(budget)  # the decision's recorder, for the signed-in
    frontline = sign_in(open_page("wijk", wijk="selwerd"), "fatima")
    assert "jan.voorbeeld@voorbeeld.nl" in everything_shown(frontline)
