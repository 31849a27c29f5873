"""The sign-in cookie's route (ui/session_cookie.py), called as the browser calls it: the cookie is set only
for a token the server knows, is HttpOnly and SameSite=Strict, and a call from another site sets or ends
nothing. And the route is in Streamlit's server, before its static files."""

from __future__ import annotations

import asyncio
import datetime as dt
import json

import pytest
from starlette.routing import Router

from nla_data.signins import SignIns, digest
from ui import session_cookie
from ui.session_cookie import COOKIE

HOST = "127.0.0.1:8501"
OWN = f"http://{HOST}"


@pytest.fixture
def store(tmp_path):
    return SignIns(tmp_path / "aanmeldingen.json", session_minutes=600, idle_minutes=60)


def call(store, method: str, body: bytes = b"", origin: str | None = OWN, cookie: str | None = None,
         base: str = "", https: bool = False):
    """One request through the route; the status and the Set-Cookie header (or None)."""
    headers = [(b"host", HOST.encode())]
    headers += [(b"origin", origin.encode())] if origin else []
    headers += [(b"cookie", f"{COOKIE}={cookie}".encode())] if cookie else []
    headers += [(b"x-forwarded-proto", b"https")] if https else []
    scope = {"type": "http", "method": method, "path": session_cookie.route_path(base), "headers": headers,
             "scheme": "http", "server": ("127.0.0.1", 8501), "client": ("127.0.0.1", 5000), "query_string": b"",
             "root_path": "", "http_version": "1.1"}
    sent = []

    async def receive():
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message):
        sent.append(message)

    asyncio.run(Router(routes=session_cookie.routes(base, store))(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    cookies = [v.decode() for k, v in start["headers"] if k == b"set-cookie"]
    return start["status"], (cookies[0] if cookies else None)


def put(store, token, **options):
    return call(store, "PUT", json.dumps({"token": token}).encode(), **options)


def test_a_known_token_gets_an_httponly_strict_session_cookie(store):
    token = store.start("fatima", dt.datetime.now())
    status, cookie = put(store, token)
    assert status == 204
    parts = [p.strip().lower() for p in cookie.split(";")]
    assert parts[0] == f"{COOKIE}={token}".lower()
    assert {"httponly", "samesite=strict", "path=/"} <= set(parts)
    assert not any(p.startswith(("expires", "max-age")) for p in parts)  # gone when the browser closes
    assert "secure" not in parts  # plain http on the loopback: a Secure cookie would never come back


def test_behind_https_the_cookie_is_secure_and_under_a_base_path_its_path_is_that(store):
    token = store.start("fatima", dt.datetime.now())
    status, cookie = put(store, token, https=True, base="/nla/")
    assert status == 204 and "secure" in cookie.lower() and "path=/nla" in cookie.lower()


@pytest.mark.parametrize("token", ["a" * 43, "", None, 7])
def test_an_unknown_or_malformed_token_sets_no_cookie(store, token):
    store.start("fatima", dt.datetime.now())
    assert put(store, token) == (404, None)


def test_an_ended_sign_in_sets_no_cookie(store):
    token = store.start("fatima", dt.datetime.now() - dt.timedelta(hours=2))  # idle for two hours
    assert put(store, token) == (404, None)


@pytest.mark.parametrize(("body", "status"), [(b"", 400), (b"{niet json", 400), (b"\xff", 400), (b"[1, 2]", 404),
                                              (b'"token"', 404), (b'{"token": {"a": 1}}', 404)])
def test_a_broken_body_is_refused_and_sets_nothing(store, body, status):
    assert call(store, "PUT", body) == (status, None)


@pytest.mark.parametrize("origin", [None, "https://evil.example", "http://127.0.0.1:9999", "null"])
def test_another_site_can_neither_set_nor_end_a_sign_in(store, origin):
    token = store.start("fatima", dt.datetime.now())
    assert put(store, token, origin=origin) == (403, None)
    assert call(store, "DELETE", cookie=token, origin=origin) == (403, None)
    assert store.find(token, dt.datetime.now()) is not None


def test_delete_ends_the_sign_in_on_the_server_and_clears_the_cookie(store):
    token = store.start("fatima", dt.datetime.now())
    status, cookie = call(store, "DELETE", cookie=token)
    assert status == 204 and cookie.startswith(f'{COOKIE}=""') and "max-age=0" in cookie.lower()
    assert store.find(token, dt.datetime.now()) is None
    assert put(store, token) == (404, None)  # and it cannot be set again


def test_delete_without_a_cookie_only_clears(store):
    token = store.start("fatima", dt.datetime.now())
    assert call(store, "DELETE")[0] == 204
    assert store.find(token, dt.datetime.now()) is not None


def test_the_route_comes_before_streamlits_own_in_the_server(monkeypatch):
    from streamlit.web.server.starlette import starlette_app

    monkeypatch.setattr(starlette_app, "create_streamlit_routes", lambda runtime: ["streamlit"])
    session_cookie.install()
    session_cookie.install()  # twice is once
    routes = starlette_app.create_streamlit_routes(None)
    assert [getattr(r, "path", r) for r in routes] == ["/_wp/aanmelding", "streamlit"]


def test_the_page_calls_the_route_of_its_own_server_and_a_token_cannot_end_the_script():
    script = session_cookie.put_script("nla", "abc</script><script>alert(1)")
    assert script.startswith('<script>fetch("/nla/_wp/aanmelding", ') and script.count("</script>") == 1
    assert '"method": "PUT"' in script and '"credentials": "same-origin"' in script
    assert '"method": "DELETE"' in session_cookie.delete_script("") and digest("x") not in script


def test_an_unreadable_sign_in_file_sets_no_cookie_and_raises_nothing(tmp_path):
    blocked = tmp_path / "aanmeldingen.json"
    blocked.mkdir()
    store = SignIns(blocked, session_minutes=600, idle_minutes=60)
    assert put(store, "a" * 43) == (503, None)
    assert call(store, "DELETE", cookie="a" * 43) == (503, None)
