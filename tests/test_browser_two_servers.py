"""Two app servers on one database, as behind a load balancer: once on a shared SQLite file, once on PostgreSQL
(tests/databases.py). Each server has its own caches; what one saves, the other must show after a reload (its
cache is keyed by the wijk's revision, read from the database), and two edits of one entry from the same
version through different servers give one save and one conflict: nothing is lost."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from nla_data.store import EntryStore
from tests.browser import (chromium_pages, entry_text, require_chromium, screenshot, sign_in, streamlit_server,
                           wait_for_app)

pytestmark = pytest.mark.browser

ENTRY = "korrewegwijk-wijkstemdag"
VIA_A = "Via server A: de wijkstemdag komt elk jaar terug."
SECOND_A = "Anna via server A, tweede keer."
BOB_B = "Bobs tekst via server B, die bewaard moet blijven."


def _open_the_form(page) -> object:
    page.locator(f".st-key-btn-edit-{ENTRY} button").click()
    form = page.locator("[data-testid='stMain'] [data-testid='stForm']").filter(has=page.get_by_label("Beschrijving"))
    form.get_by_label("Beschrijving").wait_for()
    return form


def _save(page, form, text: str) -> None:
    form.get_by_label("Beschrijving").fill(text)
    expect(form.get_by_label("Beschrijving")).to_have_value(text)
    form.get_by_role("button", name="Opslaan").click()


def test_two_servers_on_one_database_see_each_others_saves_and_lose_no_edit(database_url, backend, package):
    require_chromium()
    database = {"NLA_DATABASE_URL": database_url}
    base = next(int(v) for i, v in zip(package.items["item_id"], package.items["versie"]) if i == ENTRY)
    wijk = "/wijk?wijk=korrewegwijk"
    with (streamlit_server(database) as server_a, streamlit_server(database) as server_b,
          chromium_pages(2, height=1600) as (anna, bob)):
        # Bob's server B has read (and cached) Korrewegwijk before Anna saves through server A.
        bob.goto(f"{server_b}{wijk}")
        wait_for_app(bob)
        bob.get_by_role("heading", name="Korrewegwijk").wait_for()
        anna.goto(f"{server_a}{wijk}")
        wait_for_app(anna)
        sign_in(anna, "anna")
        form = _open_the_form(anna)
        _save(anna, form, VIA_A)
        entry_text(anna, VIA_A).wait_for()
        expect(form).to_have_count(0, timeout=60_000)

        bob.reload()
        wait_for_app(bob)
        try:
            entry_text(bob, VIA_A).wait_for()  # server B's cache learned of server A's save
            entry_text(bob, VIA_A).scroll_into_view_if_needed()
        finally:
            screenshot(bob, f"twee-servers-{backend}-b-ziet-a")

        # Both open the form at the same version (base + 1), through different servers; Anna saves first.
        sign_in(bob, "bob")
        bob_form = _open_the_form(bob)
        anna_form = _open_the_form(anna)
        _save(anna, anna_form, SECOND_A)
        entry_text(anna, SECOND_A).wait_for()
        expect(anna_form).to_have_count(0, timeout=60_000)
        _save(bob, bob_form, BOB_B)
        bob.get_by_text("Iemand anders heeft dit item om").wait_for(timeout=60_000)
        expect(bob_form.get_by_label("Beschrijving")).to_have_value(BOB_B)  # Bob's text is kept in his form
        bob.get_by_text("Hun versie (nu opgeslagen)").scroll_into_view_if_needed()
        screenshot(bob, f"twee-servers-{backend}-conflict")

    store = EntryStore.open(package, database_url)
    try:
        item = store.item(ENTRY)
        history = store.history(ENTRY)
        assert (item["versie"], item["beschrijving"]) == (base + 2, SECOND_A)
        assert [(v.version, v.by, v.snapshot["beschrijving"]) for v in history[:2]] == [
            (base + 2, "Anna", SECOND_A), (base + 1, "Anna", VIA_A)]
        assert len(history) == base + 2  # one row per save: Bob's refused edit wrote nothing
    finally:
        store.engine.dispose()
