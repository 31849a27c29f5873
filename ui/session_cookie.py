"""The sign-in cookie: a reload keeps a person signed in, and no script on the page can read it.

Streamlit's script cannot set a cookie, and a cookie set by the page's own JavaScript cannot be HttpOnly.
So the server gets one route of ours (`install()`, called by serve.py before Streamlit starts):

- `PUT  <base>/_wp/aanmelding` with `{"token": …}`: sets the cookie `wijkperspectief_sessie` (HttpOnly,
  SameSite=Strict, Secure behind https, no expiry date: it goes when the browser closes) for a token the
  server knows and that still holds (nla_data/signins.py); anything else is refused and sets nothing;
- `DELETE <base>/_wp/aanmelding`: ends the sign-in of the cookie on the server and clears the cookie.

Both refuse a request from another site (its `Origin` is not this host). The page calls them once, after a
sign-in and after signing out (`put_script`, `delete_script`, run by ui/auth.py in a hidden element). A new
session (a reload) finds the cookie in `st.context.cookies`: the cookies of its websocket's request.
Without serve.py (`streamlit run dashboard.py`) the route is missing: sign-in works, a reload signs out.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from urllib.parse import urlsplit

from nla_data import signins

COOKIE = "wijkperspectief_sessie"
ROUTE = "_wp/aanmelding"
log = logging.getLogger("wijkperspectief.auth")


def route_path(base_url: str) -> str:
    base = (base_url or "").strip("/")
    return f"/{base}/{ROUTE}" if base else f"/{ROUTE}"


def _cookie_path(base_url: str) -> str:
    base = (base_url or "").strip("/")
    return f"/{base}" if base else "/"


def same_origin(headers) -> bool:
    """A request the app's own page sent: its Origin names this host (a browser always sends Origin with a
    PUT or DELETE from a page; another site's page cannot make it name ours)."""
    origin, host = headers.get("origin"), headers.get("host")
    return bool(origin and host) and urlsplit(origin).netloc.lower() == host.lower()


def _secure(request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto", "").lower() == "https"


def routes(base_url: str, store=None) -> list:
    """The route, for Starlette. `store`: the sign-ins (default: the configured ones, read at each request)."""
    from starlette.responses import Response
    from starlette.routing import Route

    def current():
        return store if store is not None else signins.configured()

    def answer(status: int):
        return Response(status_code=status, headers={"Cache-Control": "no-store"})

    async def handle(request):
        if not same_origin(request.headers):
            return answer(403)
        try:
            return await answered(request)
        except OSError:  # the sign-ins' file unreadable or not written: no cookie, the sign-in itself goes on
            log.exception("sign-in cookie: remembered sign-ins unreadable or not written")
            return answer(503)

    async def answered(request):
        if request.method == "DELETE":
            token = request.cookies.get(COOKIE)
            if signins.well_formed(token):
                current().end(signins.digest(token))
            response = answer(204)
            response.delete_cookie(COOKIE, path=_cookie_path(base_url), secure=_secure(request), httponly=True,
                                   samesite="strict")
            return response
        try:
            body = json.loads(await request.body())
        except ValueError:
            return answer(400)
        token = body.get("token") if isinstance(body, dict) else None
        if current().find(token, dt.datetime.now()) is None:
            log.warning("sign-in cookie refused: unknown or ended token")
            return answer(404)
        response = answer(204)
        response.set_cookie(COOKIE, token, path=_cookie_path(base_url), secure=_secure(request), httponly=True,
                            samesite="strict")
        return response

    return [Route(route_path(base_url), handle, methods=["PUT", "DELETE"])]


def install() -> None:
    """Put the route before Streamlit's own (its static files answer every other path)."""
    from streamlit import config
    from streamlit.web.server.starlette import starlette_app

    streamlit_routes = starlette_app.create_streamlit_routes
    if getattr(streamlit_routes, "with_sign_in_cookie", False):
        return

    def with_ours(runtime):
        return [*routes(config.get_option("server.baseUrlPath")), *streamlit_routes(runtime)]

    with_ours.with_sign_in_cookie = True
    starlette_app.create_streamlit_routes = with_ours


def put_script(base_url: str, token: str) -> str:
    """The page's call that has the cookie set (the token only travels to this page's own server)."""
    return _call(base_url, "PUT", json.dumps({"token": token}))


def delete_script(base_url: str) -> str:
    return _call(base_url, "DELETE", None)


def _call(base_url: str, method: str, body: str | None) -> str:
    options = {"method": method, "credentials": "same-origin", "cache": "no-store"}
    if body is not None:
        options |= {"headers": {"Content-Type": "application/json"}, "body": body}
    address = json.dumps(route_path(base_url))
    arguments = json.dumps(options).replace("</", "<\\/")  # inside a <script>: "</" must not end it early
    return f"<script>fetch({address}, {arguments}).catch(() => {{}});</script>"
