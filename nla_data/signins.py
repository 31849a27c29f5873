"""Remembered sign-ins: a reload of the page does not sign a person out.

A sign-in gets a random token (`secrets.token_urlsafe`, 256 bits). The browser keeps it in an HttpOnly
cookie (ui/session_cookie.py); this file, beside the users file in the data directory, keeps only its
SHA-256 with the user name, the moment of signing in and the last sign of life. So a copy of the file
signs nobody in, every app server on the same data directory knows the sign-in, and signing out ends it
on the server (the cookie is then worth nothing, even where the browser kept it). A sign-in ends, as in
the session itself, after the session time or an idle spell (`app.identity.expired`); ended ones are
dropped at the next write.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from nla_data import private_json
from nla_data.settings import settings

TOKEN_BYTES = 32
TOKEN_MAX = 100  # token_urlsafe(32) is 43 characters; a longer cookie is not one of ours


@dataclass(frozen=True)
class Remembered:
    username: str
    since: dt.datetime
    seen: dt.datetime


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def well_formed(token: object) -> bool:
    return isinstance(token, str) and 20 <= len(token) <= TOKEN_MAX and token.isascii() and token.isprintable()


def configured() -> SignIns:
    """The sign-ins beside the users file, with the session and idle times in force."""
    config = settings()
    return SignIns(config.signins_file, config.session_minutes, config.idle_minutes)


class SignIns:
    """The file of remembered sign-ins. `live(record, now)` says whether one still holds."""

    def __init__(self, path: Path | str, session_minutes: int, idle_minutes: int):
        self.path = Path(path)
        self.session = dt.timedelta(minutes=session_minutes)
        self.idle = dt.timedelta(minutes=idle_minutes)

    def live(self, record: Remembered, now: dt.datetime) -> bool:
        return now - record.since <= self.session and now - record.seen <= self.idle

    def start(self, username: str, now: dt.datetime) -> str:
        """Remember a new sign-in; returns its token (to be put in the cookie, and nowhere else)."""
        token = secrets.token_urlsafe(TOKEN_BYTES)
        with self._locked(now) as records:
            records[digest(token)] = Remembered(username, now, now)
        return token

    def find(self, token: object, now: dt.datetime) -> Remembered | None:
        """The sign-in of `token` while it holds; None for an unknown, ended or malformed token."""
        if not well_formed(token):
            return None
        record = self._read().get(digest(token))
        return record if record is not None and self.live(record, now) else None

    def seen(self, token_digest: str, now: dt.datetime) -> bool:
        """A sign of life; False when the sign-in is no longer known (ended here or on another server)."""
        with self._locked(now) as records:
            record = records.get(token_digest)
            if record is None:
                return False
            records[token_digest] = Remembered(record.username, record.since, now)
            return True

    def end(self, token_digest: str, now: dt.datetime | None = None) -> None:
        """Forget a sign-in; the others that no longer hold at `now` (the clock's, unless given) go with it."""
        with self._locked(now) as records:
            records.pop(token_digest, None)

    # --- the file ------------------------------------------------------------------------------

    def _read(self) -> dict[str, Remembered]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8")).get("aanmeldingen", {})
            return {key: Remembered(value["gebruiker"], dt.datetime.fromisoformat(value["sinds"]),
                                    dt.datetime.fromisoformat(value["gezien"])) for key, value in raw.items()}
        except FileNotFoundError:  # none yet (an unreadable file raises OSError: the caller decides)
            return {}
        except (ValueError, TypeError, KeyError, AttributeError):
            return {}  # a damaged file remembers nobody: everyone signs in again, and the next write repairs it

    @contextlib.contextmanager
    def _locked(self, now: dt.datetime | None):
        """Read under the lock, yield the records, write them back when they changed (ended ones dropped)."""
        with private_json.exclusive(self.path):
            records = self._read()
            before = dict(records)
            yield records
            now = now or dt.datetime.now()
            kept = {key: record for key, record in records.items() if self.live(record, now)}
            if kept != before:
                private_json.write(self.path, {"versie": 1, "aanmeldingen": {
                    key: {"gebruiker": r.username, "sinds": r.since.isoformat(), "gezien": r.seen.isoformat()}
                    for key, r in sorted(kept.items())}})
