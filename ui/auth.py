"""Sign-in in the sidebar: local accounts (a form) or the organisation's OpenID Connect (`st.login`,
when `[auth]` is configured in secrets.toml). The frame asks `resolve()` once per run; every page
then reads `actor()`. A sign-in ends after the session time, after an idle hour, or as soon as the
account is disabled or removed.
"""

from __future__ import annotations

import datetime as dt
import logging

import streamlit as st

from app.identity import ClaimMapping, actor_from_claims, actor_of, expired
from domain.permissions import PUBLIC, Actor
from domain.texts import t
from nla_data import signins
from nla_data.accounts import AccountError, Accounts, SignedIn
from nla_data.settings import settings
from ui import session_cookie
from ui.components import literal
from ui.hidden import run_script

AUTH_KEY = "auth"  # {"username", "since", "seen", "token", "stored"} of a local sign-in
COOKIE_KEY = "auth_cookie"  # the cookie call the page still has to make: ("put", token) or ("delete", None)
SEEN_EVERY = dt.timedelta(minutes=1)  # how often a sign of life is written to the remembered sign-in
ACTOR_KEY = "_actor"  # the actor of this run, as resolve() found it
NOTICE_KEY = "auth_notice"
FORM_KEY = "signin"
log = logging.getLogger("wijkperspectief.auth")


def accounts() -> Accounts:
    return Accounts(settings().users_file)


def actor() -> Actor:
    """Who is asking, in this run (the public until someone signs in)."""
    return st.session_state.get(ACTOR_KEY, PUBLIC)


def resolve() -> Actor:
    """Work out who this session is, once per run, before any page runs."""
    current = _oidc_actor() or _local_actor()
    st.session_state[ACTOR_KEY] = current
    return current


def _local_actor() -> Actor:
    now = dt.datetime.now()
    session = st.session_state.get(AUTH_KEY) or _remembered(now)
    if not session:
        return PUBLIC
    config = settings()
    if expired(session["since"], session["seen"], now, config.session_minutes, config.idle_minutes):
        sign_out("auth.expired")
        return PUBLIC
    try:
        current = actor_of(accounts().get(session["username"]))
    except AccountError:
        log.exception("users file unreadable")
        current = PUBLIC
    if not current.signed_in:  # disabled or removed since signing in
        sign_out("auth.revoked")
        return PUBLIC
    session["seen"] = now
    if session.get("token") and now - session["stored"] >= SEEN_EVERY:
        if not _remembered_call(lambda: signins.configured().seen(session["token"], now), True):
            sign_out("auth.signed_out")  # signed out in another tab or on another server
            return PUBLIC
        session["stored"] = now
    return current


def _remembered_call(action, fallback):
    """`action` on the remembered sign-ins; `fallback` when their file cannot be read or written: the sign-in
    goes on, only a reload will not keep it."""
    try:
        return action()
    except OSError:
        log.exception("remembered sign-ins unreadable or not written")
        return fallback


def cookie_token() -> str | None:
    """The sign-in cookie this session's browser sent with its websocket's request, if any."""
    try:
        return st.context.cookies.get(session_cookie.COOKIE)
    except Exception:  # noqa: BLE001 - no browser request behind this session (a test, a warm-up run)
        return None


def _remembered(now: dt.datetime) -> dict | None:
    """A new session (a reload, a second tab) of a browser that signed in: its cookie's sign-in, when it holds."""
    token = cookie_token()
    record = _remembered_call(lambda: signins.configured().find(token, now), None) if token else None
    if record is None:
        return None
    session = {"username": record.username, "since": record.since, "seen": record.seen,
               "token": signins.digest(token), "stored": record.seen}
    st.session_state[AUTH_KEY] = session
    return session


def _oidc_actor() -> Actor | None:
    if not oidc_configured() or not getattr(st.user, "is_logged_in", False):
        return None
    try:
        mapping = ClaimMapping(**{k: v for k, v in dict(st.secrets.get("wijkperspectief", {})).items()
                                  if k in ClaimMapping.__dataclass_fields__})
        return actor_from_claims(dict(st.user.to_dict()), accounts(), mapping)
    except (AccountError, TypeError, ValueError):
        log.exception("OIDC sign-in could not be mapped")
        return PUBLIC


def oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets.toml at all, or an unreadable one: local accounts only
        return False


def sign_out(notice: str | None = None) -> None:
    session = st.session_state.pop(AUTH_KEY, None)
    if session and session.get("token"):
        _remembered_call(lambda: signins.configured().end(session["token"]), None)  # the cookie is worth nothing now
        st.session_state[COOKIE_KEY] = ("delete", None)
    st.session_state[ACTOR_KEY] = PUBLIC
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(("mode:", "open:", "req:"))]:
        del st.session_state[key]  # no half-open form of the previous user stays behind
    if notice:
        st.session_state[NOTICE_KEY] = notice


# --- the sidebar box -------------------------------------------------------------------------------

def sidebar_box(lang: str, wijk_names: dict[str, str] | None = None) -> None:
    """`wijk_names`: wijk_id -> name, to say a frontline worker's wijken by name."""
    _cookie_call()
    box = st.sidebar.container(border=True)
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        box.info(t(notice, lang), icon=":material/logout:")
    current = actor()
    if current.signed_in:
        _signed_in(box, current, lang, wijk_names or {})
    else:
        _sign_in_form(box, lang)


def _cookie_call() -> None:
    """Have the browser set or clear the sign-in cookie, once (ui/session_cookie.py)."""
    call = st.session_state.pop(COOKIE_KEY, None)
    if call is None:
        return
    base = st.get_option("server.baseUrlPath")
    method, token = call
    script = session_cookie.put_script(base, token) if method == "put" else session_cookie.delete_script(base)
    run_script("auth-cookie", script, parent=st.sidebar)


def _signed_in(box, current: Actor, lang: str, wijk_names: dict[str, str]) -> None:
    role = t(f"role.{current.role}", lang)
    box.markdown(t("auth.signed_in_as", lang, name=literal(current.name), role=role))
    if current.wijken:
        names = sorted(wijk_names.get(w, w) for w in current.wijken)
        box.caption(t("auth.wijken", lang, wijken=literal(", ".join(names))))
    if current.corporatie:
        box.caption(t("auth.corporatie", lang, corporatie=literal(current.corporatie)))
    if box.button(t("auth.sign_out", lang), key="auth:sign-out", icon=":material/logout:"):
        if current.username and current.username.startswith("oidc:"):
            st.logout()
        sign_out("auth.signed_out")
        st.rerun()


def _sign_in_form(box, lang: str) -> None:
    if oidc_configured():
        if box.button(t("auth.oidc", lang), key="auth:oidc", icon=":material/badge:", type="primary"):
            st.login()
        if getattr(st.user, "is_logged_in", False):
            box.warning(t("auth.no_role", lang), icon=":material/person_off:")
    with box.expander(t("auth.sign_in", lang), icon=":material/login:",
                      expanded=bool(st.session_state.get(f"{FORM_KEY}:error"))):
        with st.form(FORM_KEY, border=False, enter_to_submit=True):
            username = st.text_input(t("auth.username", lang), key=f"{FORM_KEY}:username", max_chars=40,
                                     autocomplete="username")
            password = st.text_input(t("auth.password", lang), key=f"{FORM_KEY}:password", type="password",
                                     max_chars=1024, autocomplete="current-password")
            submitted = st.form_submit_button(t("auth.sign_in", lang), type="primary", icon=":material/login:",
                                              key="auth:submit")
    error = st.session_state.get(f"{FORM_KEY}:error")
    if error:  # under the box, full width: a lock-out message must be readable at a glance
        box.error(error, icon=":material/lock:")
    if submitted:
        _try(username, password)


def _try(username: str, password: str) -> None:
    try:
        result = accounts().authenticate(username, password)
    except AccountError as error:
        log.error("sign-in impossible: %s", error)
        st.session_state[f"{FORM_KEY}:error"] = t("auth.unavailable", st.session_state.get("lang", "nl"))
        st.rerun()
    if isinstance(result, SignedIn):
        now = dt.datetime.now()
        token = _remembered_call(lambda: signins.configured().start(result.user.username, now), None)
        st.session_state[AUTH_KEY] = {"username": result.user.username, "since": now, "seen": now,
                                      "token": signins.digest(token) if token else None, "stored": now}
        if token:
            st.session_state[COOKIE_KEY] = ("put", token)
        st.session_state.pop(f"{FORM_KEY}:error", None)
        st.session_state.pop(f"{FORM_KEY}:password", None)
        log.info("signed in: %s", result.user.username)
    else:
        log.warning("failed sign-in for %r%s", str(username)[:40], " (locked)" if result.locked else "")
        lang = st.session_state.get("lang", "nl")
        st.session_state[f"{FORM_KEY}:error"] = (t("auth.locked", lang, time=f"{result.until:%H:%M}")
                                                 if result.locked and result.until else t("auth.failed", lang))
    st.rerun()
