"""Signing in and out in the sidebar (AppTest): a wrong password, the lock-out, sign-out, an expired
session, an account disabled while signed in. Each with its own users file."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.texts import t
from nla_data.accounts import MAX_FAILED
from tests.apptest import open_page, sign_in, texts
from tests.users import make_users_file
from ui.auth import AUTH_KEY


@pytest.fixture
def users(tmp_path, monkeypatch):
    path = tmp_path / "users.json"
    monkeypatch.setenv("WIJKPERSPECTIEF_USERS", str(path))
    return make_users_file(path)


def _signed_in_as(at) -> str | None:
    session = at.session_state[AUTH_KEY] if AUTH_KEY in at.session_state else None
    return session["username"] if session else None


def test_sign_in_shows_who_and_sign_out_ends_it(users):
    at = sign_in(open_page("wijk", wijk="selwerd"), "fatima")
    assert not at.exception
    assert _signed_in_as(at) == "fatima"
    assert "Ingelogd als **Fatima de Vries** · frontlijnwerker" in texts(at)
    at.button(key="auth:sign-out").click().run()
    assert _signed_in_as(at) is None
    assert t("auth.signed_out") in texts(at)
    assert "btn:new-selwerd-gebeurt" not in {b.key for b in at.button}


def test_a_wrong_password_keeps_the_name_and_says_so_without_telling_which_part(users):
    at = sign_in(open_page(), "fatima", "verkeerd-wachtwoord")
    assert _signed_in_as(at) is None
    assert [e.value for e in at.error] == ["Onbekende gebruikersnaam of onjuist wachtwoord."]
    assert at.text_input(key="signin:username").value == "fatima"
    unknown = sign_in(open_page(), "niemand", "verkeerd-wachtwoord")
    assert [e.value for e in unknown.error] == ["Onbekende gebruikersnaam of onjuist wachtwoord."]


def test_too_many_attempts_lock_the_account_even_for_the_right_password(users):
    at = open_page()
    for _ in range(MAX_FAILED):
        at = sign_in(at, "bob", "verkeerd-wachtwoord")
    assert any("geblokkeerd tot" in e.value for e in at.error)
    at = sign_in(at, "bob")
    assert _signed_in_as(at) is None and any("geblokkeerd tot" in e.value for e in at.error)


def test_a_failed_sign_in_is_explained_in_english_on_an_english_page(users):
    at = sign_in(open_page(lang="en"), "fatima", "verkeerd-wachtwoord")
    assert [e.value for e in at.error] == ["Unknown user name or wrong password."]
    for _ in range(MAX_FAILED - 1):
        at = sign_in(at, "fatima", "verkeerd-wachtwoord")
    (said,) = [e.value for e in at.error]
    assert said.startswith("A wrong password too often: locked until ") and "geblokkeerd" not in said


def test_an_expired_session_is_signed_out_with_a_message(users):
    at = sign_in(open_page(), "wim")
    old = dt.datetime.now() - dt.timedelta(hours=11)
    at.session_state[AUTH_KEY] = {"username": "wim", "since": old, "seen": dt.datetime.now()}
    at.run()
    assert _signed_in_as(at) is None and t("auth.expired") in texts(at)
    idle = sign_in(open_page(), "wim")
    idle.session_state[AUTH_KEY] = {"username": "wim", "since": dt.datetime.now(),
                                    "seen": dt.datetime.now() - dt.timedelta(minutes=61)}
    idle.run()
    assert _signed_in_as(idle) is None


def test_an_account_disabled_while_signed_in_loses_access_at_the_next_click(users):
    at = sign_in(open_page("wijk", wijk="korrewegwijk"), "bob")
    assert "btn:new-korrewegwijk-gebeurt" in {b.key for b in at.button}
    users.update("bob", active=False)
    at.run()
    assert _signed_in_as(at) is None and t("auth.revoked") in texts(at)
    assert "btn:new-korrewegwijk-gebeurt" not in {b.key for b in at.button}


def test_a_corporation_user_sees_their_own_corporation_highlighted(users):
    at = sign_in(open_page("wonen"), "cora")
    assert not at.exception
    assert "Je eigen corporatie, Nijestee, staat in kleur" in texts(at)
    [chart] = [c for c in at.get("plotly_chart") if "Nijestee" in c.proto.spec]
    import json

    traces = json.loads(chart.proto.spec)["data"]
    colours = {trace["name"]: trace["marker"]["color"] for trace in traces}
    assert colours["Nijestee"] != "#D3D7DB" and {c for n, c in colours.items() if n != "Nijestee"} == {"#D3D7DB"}
    public = open_page("wonen")
    assert "Je eigen corporatie" not in texts(public)


PAGES = ["overzicht", "vergelijken", "wonen", "bijwerken", "recent", "beheer"]
WIJKEN = ["selwerd", "beijum", "tuinwijk"]  # own wijk with a person entry, another wijk, an empty wijk


@pytest.mark.parametrize("who", ["wim", "fatima", "beheer"])  # (every page for the public: test_pages.py)
@pytest.mark.parametrize("page", PAGES + [f"wijk:{w}" for w in WIJKEN])
def test_every_page_renders_for_every_role(users, who, page):
    url_path, _, wijk = page.partition(":")
    at = sign_in(open_page(url_path, **({"wijk": wijk} if wijk else {})), who)
    assert not at.exception, [e.value for e in at.exception]
    assert _signed_in_as(at) == who


# --- a reload keeps the sign-in (nla_data/signins.py, ui/session_cookie.py) -----------------------------

def _remembered_token(at) -> str:
    """The token the page hands to the browser for its cookie (the hidden call in the sidebar)."""
    import re

    [script] = [h.proto.body for h in at.get("html") if "_wp/aanmelding" in h.proto.body]
    return re.search(r'\\"token\\": \\"([^\\]+)\\"', script).group(1)


def test_a_new_session_with_the_cookie_is_signed_in_and_signing_out_ends_it_everywhere(users, monkeypatch):
    from nla_data import signins
    from ui import auth

    at = sign_in(open_page("wijk", wijk="korrewegwijk"), "bob")
    token = _remembered_token(at)
    assert signins.configured().find(token, dt.datetime.now()).username == "bob"
    at.run()
    assert not [h for h in at.get("html") if "_wp/aanmelding" in h.proto.body]  # the cookie is set once

    monkeypatch.setattr(auth, "cookie_token", lambda: token)  # a reload: a new session, the same browser
    reloaded = open_page("wijk", wijk="korrewegwijk")
    assert _signed_in_as(reloaded) == "bob"
    assert "btn:new-korrewegwijk-gebeurt" in {b.key for b in reloaded.button}

    reloaded.button(key="auth:sign-out").click().run()
    assert _signed_in_as(reloaded) is None
    assert signins.configured().find(token, dt.datetime.now()) is None  # ended on the server
    assert any('"method": "DELETE"' in h.proto.body for h in reloaded.get("html"))  # and the cookie cleared
    assert _signed_in_as(open_page()) is None  # the old cookie signs nobody in

    at.session_state[AUTH_KEY]["stored"] -= dt.timedelta(minutes=2)  # the first tab's next sign of life
    at.run()
    assert _signed_in_as(at) is None and t("auth.signed_out") in texts(at)


def test_a_cookie_does_not_outlive_the_account_or_the_idle_hour(users, monkeypatch):
    from nla_data import signins
    from ui import auth

    token = signins.configured().start("bob", dt.datetime.now() - dt.timedelta(minutes=61))
    monkeypatch.setattr(auth, "cookie_token", lambda: token)
    assert _signed_in_as(open_page()) is None  # idle too long
    token = signins.configured().start("bob", dt.datetime.now())
    users.update("bob", active=False)
    at = open_page()
    assert _signed_in_as(at) is None and t("auth.revoked") in texts(at)
    assert signins.configured().find(token, dt.datetime.now()) is None
    monkeypatch.setattr(auth, "cookie_token", lambda: "niet-een-token-van-ons-maar-lang-genoeg")
    assert _signed_in_as(open_page()) is None


def test_without_a_writable_sign_in_file_signing_in_and_out_still_work(users, monkeypatch, tmp_path):
    """The remembered sign-ins' file cannot be written (its place is taken by a folder): no traceback, the
    person is signed in (only a reload will not keep it) and can sign out."""
    from nla_data import signins

    blocked = tmp_path / "aanmeldingen.json"
    blocked.mkdir()
    monkeypatch.setattr(signins, "configured", lambda: signins.SignIns(blocked, 600, 60))
    at = sign_in(open_page("wijk", wijk="korrewegwijk"), "bob")
    assert not at.exception and _signed_in_as(at) == "bob"
    assert not [h for h in at.get("html") if "_wp/aanmelding" in h.proto.body]  # no token to hand out
    at.session_state[AUTH_KEY]["stored"] -= dt.timedelta(minutes=2)
    at.run()
    assert not at.exception and _signed_in_as(at) == "bob"
    at.button(key="auth:sign-out").click().run()
    assert not at.exception and _signed_in_as(at) is None and t("auth.signed_out") in texts(at)
    from ui import auth

    monkeypatch.setattr(auth, "cookie_token", lambda: "a" * 43)  # a reload with a cookie: the public, no traceback
    reloaded = open_page()
    assert not reloaded.exception and _signed_in_as(reloaded) is None


def test_a_sign_of_life_that_cannot_be_written_does_not_sign_out(users, monkeypatch, tmp_path):
    from nla_data import signins

    at = sign_in(open_page("wijk", wijk="korrewegwijk"), "bob")
    assert at.session_state[AUTH_KEY]["token"]
    blocked = tmp_path / "elders.json"
    blocked.mkdir()
    monkeypatch.setattr(signins, "configured", lambda: signins.SignIns(blocked, 600, 60))
    at.session_state[AUTH_KEY]["stored"] -= dt.timedelta(minutes=2)
    at.run()
    assert not at.exception and _signed_in_as(at) == "bob"


def _section_notes(at) -> dict[str, str]:
    """Per section heading of the wijk page, the note an empty section shows ("" when it has cards)."""
    notes = {section: "" for section in ("gebeurt", "netwerk", "nodig")}
    for info in at.info:
        for section in notes:
            if info.value.endswith(t(f"section.purpose.{section}")):
                notes[section] = info.value
    return notes


def test_an_empty_looking_section_says_what_the_viewer_may_not_see(users):
    # Vinkhuizen's one network entry is for signed-in users: the public must not read "nothing recorded"
    public = open_page("wijk", wijk="vinkhuizen")
    assert _section_notes(public)["netwerk"].startswith(t("section.none.openbaar"))
    assert "Bewonersgroepen in Vinkhuizen" not in texts(public)
    at = sign_in(open_page("wijk", wijk="vinkhuizen"), "wim")
    assert not at.exception
    assert "Bewonersgroepen in Vinkhuizen" in texts(at)
    assert _section_notes(at)["netwerk"] == ""  # he sees the entry: no note
    # Tuinwijk has no entries: an alderman may not see what is for its frontline workers only, Fatima sees all
    assert t("wijk.no_update.openbaar") in [c.value for c in open_page("wijk", wijk="tuinwijk").caption]
    for username, variant in (("wim", ".frontlijn"), ("fatima", "")):
        at = sign_in(open_page("wijk", wijk="tuinwijk"), username)
        notes = _section_notes(at)
        assert notes == {section: f"{t('section.none' + variant)} {t(f'section.purpose.{section}')}"
                         for section in notes}, username
        assert t("wijk.no_update" + variant) in [c.value for c in at.caption], username
