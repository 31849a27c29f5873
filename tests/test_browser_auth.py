"""Signing in, roles and the lock-out in a real browser: what a frontline worker may do in her own wijk and
not in another, signing out, five wrong passwords, and the data manager's page. Screenshots of every
state of the sidebar's sign-in box in test-output/screenshots/ (auth-*.png)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from nla_data.accounts import MAX_FAILED, Accounts
from tests.browser import (choose_typed, chromium_page, entry_title, menu, require_chromium, screenshot, sidebar,
                           sign_in, sign_out, streamlit_server, submit_sign_in, wait_for_app, wait_for_server_log)
from tests.users import make_users_file
from ui.session_cookie import COOKIE

pytestmark = pytest.mark.browser

HINT = "Log in als frontlijnwerker van deze wijk om items toe te voegen of bij te werken."  # to the public
NOT_HERE = "Items toevoegen of bijwerken doen de frontlijnwerkers van deze wijk."  # signed in, not an editor here
WAIT = 60_000  # a loaded 2-core machine can be slow


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One server for the checks that change nothing but a session (its own database all the same)."""
    require_chromium()
    database = tmp_path_factory.mktemp("auth") / "auth.sqlite"
    with streamlit_server({"NLA_DATABASE_URL": f"sqlite:///{database}"}) as url:
        yield url


def _new_buttons(page):
    """The sections' own "Nieuw" buttons (not the kansen block's "Nieuwe kans", "Nieuwe bedreiging")."""
    return page.locator("[data-testid='stMain']").get_by_role("button", name=re.compile(r"(^|\s)Nieuw$"))


def _pick_wijk(page, name: str, wijk_id: str) -> None:
    """Another wijk through the sidebar picker: the same session, so still signed in."""
    picker = sidebar(page).locator("[data-testid='stSelectbox']")
    picker.click()
    choose_typed(page, name, picker)
    page.wait_for_url(f"**wijk={wijk_id}*")
    page.get_by_role("heading", name=name).wait_for()


def test_frontline_worker_adds_in_her_own_wijk_and_her_name_is_in_the_freshness_line(tmp_path):
    require_chromium()
    title = "Buurtkamer in de Tuinwijk"
    with streamlit_server({"NLA_DATABASE_URL": f"sqlite:///{tmp_path}/tuinwijk.sqlite"}) as url, \
            chromium_page(height=1400) as page:
        page.goto(f"{url}/wijk?wijk=tuinwijk")
        wait_for_app(page)
        page.get_by_role("heading", name="Tuinwijk").wait_for()
        expect(page.get_by_text("Nog niets openbaar vastgelegd")).to_have_count(3)  # the public
        sign_in(page, "fatima")
        expect(page.get_by_text("Nog niets vastgelegd")).to_have_count(3)  # she may see every entry of her wijk
        screenshot(page, "auth-fatima-tuinwijk")
        _new_buttons(page).first.click()
        form = page.locator("[data-testid='stMain'] [data-testid='stForm']")
        form.get_by_label("Titel").fill(title)
        form.get_by_label("Beschrijving").fill("Bewoners openen een buurtkamer in de Tuinwijk.")
        form.get_by_role("button", name="Opslaan").click()
        entry_title(page, title).wait_for()
        wait_for_app(page)
        freshness = page.get_by_text(re.compile(r"^Laatst bijgewerkt: .* door Fatima de Vries$"))
        expect(freshness).to_be_visible(timeout=WAIT)
        sign_out(page)  # the public from here (a reload alone keeps her signed in)
        page.reload()
        wait_for_app(page)
        entry_title(page, title).wait_for()
        expect(page.get_by_text(re.compile(r"^Laatst bijgewerkt: \d\d-\d\d-\d{4}$"))).to_be_visible(timeout=WAIT)
        expect(page.get_by_text("Fatima de Vries")).to_have_count(0)  # the public sees no editor names
        sign_in(page, "fatima")
        expect(freshness).to_be_visible(timeout=WAIT)
        screenshot(page, "auth-fatima-na-herladen")


def _sign_in_cookie(page):
    """The sign-in cookie as the browser holds it, once the page's call has set it (or None)."""
    return next((c for c in page.context.cookies() if c["name"] == COOKIE), None)


def _wait_for_cookie(page, present: bool) -> None:
    """Wait for the browser's cookie jar to hold the sign-in cookie (or no longer hold it)."""
    for _ in range(WAIT // 100):
        if (_sign_in_cookie(page) is not None) == present:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"the sign-in cookie is {'missing' if present else 'still there'}")


def test_a_reload_and_a_second_tab_keep_the_sign_in_and_signing_out_ends_it(server):
    with chromium_page(height=1200) as page:
        page.goto(f"{server}/wijk?wijk=korrewegwijk")
        wait_for_app(page)
        sign_in(page, "fatima")
        _wait_for_cookie(page, True)
        cookie = _sign_in_cookie(page)
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["expires"] == -1, cookie
        assert COOKIE not in page.evaluate("document.cookie")  # no script on the page can read it

        page.reload()
        wait_for_app(page)
        page.get_by_role("heading", name="Korrewegwijk").wait_for()
        expect(sidebar(page).get_by_text("Ingelogd als")).to_be_visible(timeout=WAIT)
        expect(_new_buttons(page)).to_have_count(3, timeout=WAIT)
        screenshot(page, "auth-na-herladen-ingelogd")
        second = page.context.new_page()
        second.goto(f"{server}/vergelijken")
        wait_for_app(second)
        expect(sidebar(second).get_by_text("Fatima de Vries")).to_be_visible(timeout=WAIT)

        sign_out(page)
        _wait_for_cookie(page, False)
        page.reload()
        wait_for_app(page)
        page.get_by_role("heading", name="Korrewegwijk").wait_for()
        sidebar(page).locator("summary", has_text="Inloggen").wait_for()
        expect(sidebar(page).get_by_text("Ingelogd als")).to_have_count(0)
        expect(_new_buttons(page)).to_have_count(0)


def test_a_frontline_worker_cannot_add_in_another_wijk(server):
    with chromium_page(height=1400) as page:
        page.goto(f"{server}/wijk?wijk=selwerd")
        wait_for_app(page)
        page.get_by_role("heading", name="Selwerd").wait_for()
        sign_in(page, "fatima")
        expect(_new_buttons(page)).to_have_count(3, timeout=WAIT)  # her own wijk: one per section
        expect(page.get_by_text(NOT_HERE)).to_have_count(0)
        _pick_wijk(page, "Beijum", "beijum")
        page.get_by_text(NOT_HERE).wait_for()
        expect(page.get_by_text(HINT)).to_have_count(0)  # she is signed in: not asked to sign in
        wait_for_app(page)
        expect(_new_buttons(page)).to_have_count(0, timeout=WAIT)
        expect(page.get_by_role("button", name="Bewerken")).to_have_count(0, timeout=WAIT)
        expect(sidebar(page).get_by_text("Ingelogd als")).to_be_visible()
        screenshot(page, "auth-fatima-beijum")


def test_signing_out_brings_back_the_form_and_takes_the_buttons_away(server):
    with chromium_page(height=1400) as page:
        page.goto(f"{server}/wijk?wijk=korrewegwijk")
        wait_for_app(page)
        page.get_by_role("heading", name="Korrewegwijk").wait_for()
        sign_in(page, "fatima")
        expect(sidebar(page).get_by_text("Fatima de Vries")).to_be_visible(timeout=WAIT)
        expect(_new_buttons(page)).to_have_count(3, timeout=WAIT)
        screenshot(page, "auth-ingelogd")
        sign_out(page)
        expect(sidebar(page).get_by_text("Je bent uitgelogd.")).to_be_visible(timeout=WAIT)
        expect(_new_buttons(page)).to_have_count(0, timeout=WAIT)
        expect(page.get_by_text(HINT)).to_be_visible(timeout=WAIT)
        expect(sidebar(page).get_by_text("Ingelogd als")).to_have_count(0)
        screenshot(page, "auth-uitgelogd")


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(tmp_path):
    """With a users file of its own: the lock must not reach the other tests."""
    require_chromium()
    users = tmp_path / "users.json"
    make_users_file(users)
    accounts = Accounts(users)
    with streamlit_server({"WIJKPERSPECTIEF_USERS": str(users)}) as url, chromium_page(height=1200) as page:
        page.goto(f"{url}/wijk?wijk=selwerd")
        wait_for_app(page)
        for attempt in range(1, MAX_FAILED):
            submit_sign_in(page, "fatima", "verkeerd-wachtwoord")
            # The message is the same after every attempt: wait for the count in the users file instead.
            _wait_until(lambda: accounts.get("fatima").failed == attempt, page)
            sidebar(page).get_by_text("Onbekende gebruikersnaam of onjuist wachtwoord.").wait_for()
            wait_for_app(page)
            if attempt == 1:
                screenshot(page, "auth-fout-wachtwoord")
        submit_sign_in(page, "fatima", "verkeerd-wachtwoord")
        sidebar(page).get_by_text("geblokkeerd tot").wait_for()
        wait_for_app(page)
        assert accounts.get("fatima").locked_until is not None
        screenshot(page, "auth-geblokkeerd")

        # A fresh session (the lock is on the account, not the tab), now with the right password.
        page.reload()
        wait_for_app(page)
        expect(sidebar(page).get_by_text("geblokkeerd tot")).to_have_count(0)
        submit_sign_in(page, "fatima")
        # First that the server refused it (its log), then the message: a loaded machine can take long to draw.
        wait_for_server_log(url, "failed sign-in for 'fatima' (locked)", 2, page)
        expect(sidebar(page).get_by_text("geblokkeerd tot")).to_be_visible(timeout=2 * WAIT)
        wait_for_app(page)
        expect(sidebar(page).get_by_text("Ingelogd als")).to_have_count(0)
        expect(_new_buttons(page)).to_have_count(0)
        screenshot(page, "auth-geblokkeerd-juist-wachtwoord")


def _wait_until(condition, page, timeout_ms: int = WAIT) -> None:
    """Poll a condition outside the browser (here: the users file), letting the page run meanwhile."""
    for _ in range(timeout_ms // 100):
        if condition():
            return
        page.wait_for_timeout(100)
    raise AssertionError("the condition did not become true in time")


def test_beheer_is_hidden_and_refused_for_the_public_and_open_for_the_manager(server):
    with chromium_page() as page:
        page.goto(f"{server}/kaart")
        wait_for_app(page)
        navigation = menu(page)
        navigation.get_by_role("link", name="Recent gewijzigd").wait_for()
        expect(navigation.get_by_role("link", name="Beheer")).to_have_count(0)
        page.goto(f"{server}/beheer")
        wait_for_app(page)
        page.get_by_text("Deze pagina is voor de beheerder van de gegevens.").wait_for()
        expect(page.get_by_role("button", name="Controleer het pakket")).to_have_count(0)
        screenshot(page, "auth-beheer-geweigerd")
        sign_in(page, "beheer")
        page.get_by_role("button", name="Controleer het pakket").wait_for()
        expect(page.get_by_text("Deze pagina is voor de beheerder van de gegevens.")).to_have_count(0)
        expect(navigation.get_by_role("link", name="Beheer")).to_have_count(1)
        screenshot(page, "auth-beheer-ingelogd")
