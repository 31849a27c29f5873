"""Local accounts: a users file in the data directory (never in the repository or the data package).

Passwords are hashed with argon2id (argon2-cffi). After MAX_FAILED wrong passwords in a row an account
is locked for LOCK_MINUTES; an unknown name costs the same work as a known one and gets the same
answer, so sign-in does not tell which names exist. Every change is written atomically (a temporary
file, then os.replace) under an exclusive lock, so two sign-ins at once never lose a count.
A first beheerder is made with the CLI (`python -m nla_data users add …`); there is no default password.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from zoneinfo import ZoneInfo

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from nla_data import private_json

ROLES = ("wethouder", "corporatie", "frontlijnwerker", "beheerder")
MAX_FAILED = 5
LOCK_MINUTES = 15
PASSWORD_MIN = 10
PASSWORD_MAX = 1024  # hashing a megabyte on every attempt would be a way to tire the server
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")
GENERIC_FAILURE = "Onbekende gebruikersnaam of onjuist wachtwoord."
TIMEZONE = ZoneInfo("Europe/Amsterdam")

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("niet-een-echt-wachtwoord")  # verified for unknown names: the same cost


@dataclass(frozen=True)
class User:
    username: str
    name: str
    role: str
    wijken: tuple[str, ...] = ()
    corporatie: str | None = None
    email: str | None = None  # for OpenID Connect: the account a municipal sign-in maps to
    password_hash: str | None = None  # None: this user signs in only through OpenID Connect
    active: bool = True
    failed: int = 0
    locked_until: str | None = None  # ISO datetime
    created: str = ""
    changed: str = ""


@dataclass(frozen=True)
class SignedIn:
    user: User


@dataclass(frozen=True)
class Failed:
    reason: str  # in Dutch, for the command line and the log; a page says it in its own language
    locked: bool = False
    until: dt.datetime | None = None  # locked until then


class AccountError(ValueError):
    """A change the users file refuses (bad name, unknown role, weak password): the message says why."""


def _now() -> dt.datetime:
    """Groningen's wall-clock time, as the rest of the app (a lock 'until 14:15' is a Dutch 14:15)."""
    return dt.datetime.now(TIMEZONE).replace(tzinfo=None, microsecond=0)


class Accounts:
    """The users file. Each call reads the file again: a disabled user is refused at their next step."""

    def __init__(self, path: Path | str):
        self.path = Path(path)

    # --- reading -------------------------------------------------------------------------------

    def users(self) -> dict[str, User]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        try:
            raw = json.loads(text).get("gebruikers", {})
            return {name: User(**{**values, "wijken": tuple(values.get("wijken", ()))}) for name, values in raw.items()}
        except (ValueError, TypeError, AttributeError) as error:
            raise AccountError(f"{self.path}: het gebruikersbestand is beschadigd ({type(error).__name__})") from error

    def get(self, username: str) -> User | None:
        return self.users().get(str(username or "").strip().lower())

    def by_email(self, email: str) -> User | None:
        wanted = str(email or "").strip().lower()
        return next((u for u in self.users().values() if wanted and (u.email or "").lower() == wanted), None)

    # --- signing in ----------------------------------------------------------------------------

    def authenticate(self, username: str, password: str, now: dt.datetime | None = None) -> SignedIn | Failed:
        now = now or _now()
        username = str(username or "").strip().lower()
        password = str(password or "")
        if len(password) > PASSWORD_MAX:
            return Failed(GENERIC_FAILURE)
        with self._locked() as users:
            user = users.get(username)
            if user is None or not user.active or user.password_hash is None:
                _verify(_DUMMY_HASH, password)
                return Failed(GENERIC_FAILURE)
            if user.locked_until and dt.datetime.fromisoformat(user.locked_until) > now:
                until = dt.datetime.fromisoformat(user.locked_until)
                return Failed(_locked_message(until), locked=True, until=until)
            if _verify(user.password_hash, password):
                rehash = _hasher.check_needs_rehash(user.password_hash)
                users[username] = replace(user, failed=0, locked_until=None,
                                          password_hash=_hasher.hash(password) if rehash else user.password_hash)
                return SignedIn(users[username])
            failed = user.failed + 1
            if failed >= MAX_FAILED:
                until = now + dt.timedelta(minutes=LOCK_MINUTES)
                users[username] = replace(user, failed=0, locked_until=until.isoformat())
                return Failed(_locked_message(until), locked=True, until=until)
            users[username] = replace(user, failed=failed)
            return Failed(GENERIC_FAILURE)

    # --- managing ------------------------------------------------------------------------------

    def add(self, username: str, name: str, role: str, password: str | None, wijken: list[str] = (),
            corporatie: str | None = None, email: str | None = None) -> User:
        username = str(username or "").strip().lower()
        if not USERNAME.match(username):
            raise AccountError("Een gebruikersnaam heeft 2–40 tekens: kleine letters, cijfers, punt, streepje.")
        if password is None and not email:
            raise AccountError("Geef een wachtwoord, of een e-mailadres voor inloggen via de organisatie (OIDC).")
        moment = _now().isoformat()
        user = _checked(User(username, " ".join(str(name or "").split()), role, tuple(dict.fromkeys(wijken)),
                             corporatie or None, (email or "").strip().lower() or None,
                             _hash(password) if password is not None else None, created=moment, changed=moment))
        with self._locked() as users:
            if username in users:
                raise AccountError(f"De gebruiker {username} bestaat al.")
            users[username] = user
        return user

    def update(self, username: str, **changes) -> User:
        """Change name, role, wijken, corporatie, email or active; `password` is hashed first."""
        if "password" in changes:
            changes["password_hash"] = _hash(changes.pop("password"))
            changes.update(failed=0, locked_until=None)
        if "wijken" in changes:
            changes["wijken"] = tuple(dict.fromkeys(changes["wijken"]))
        with self._locked() as users:
            user = users.get(username)
            if user is None:
                raise AccountError(f"De gebruiker {username} bestaat niet.")
            users[username] = _checked(replace(user, **changes, changed=_now().isoformat()))
            return users[username]

    def remove(self, username: str) -> None:
        with self._locked() as users:
            if users.pop(username, None) is None:
                raise AccountError(f"De gebruiker {username} bestaat niet.")

    # --- the file ------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self):
        """Read-modify-write under an exclusive lock; written only when the block ends without error."""
        with private_json.exclusive(self.path):
            users = self.users()
            before = dict(users)
            yield users
            if users != before:
                private_json.write(self.path, {"versie": 1, "gebruikers": {
                    name: {**asdict(user), "wijken": list(user.wijken)} for name, user in sorted(users.items())}})


def _checked(user: User) -> User:
    if user.role not in ROLES:
        raise AccountError(f"Onbekende rol {user.role!r}; kies uit: {', '.join(ROLES)}.")
    if len(user.name) < 2:
        raise AccountError("Geef de naam van de gebruiker (die komt bij elke wijziging in de geschiedenis).")
    if user.role == "frontlijnwerker" and not user.wijken:
        raise AccountError("Een frontlijnwerker hoort bij minstens één wijk (--wijk).")
    if user.role == "corporatie" and not user.corporatie:
        raise AccountError("Een corporatiegebruiker hoort bij een corporatie (--corporatie).")
    return user


def _hash(password: str) -> str:
    password = str(password or "")
    if len(password) < PASSWORD_MIN:
        raise AccountError(f"Een wachtwoord heeft minstens {PASSWORD_MIN} tekens.")
    if len(password) > PASSWORD_MAX:
        raise AccountError(f"Een wachtwoord heeft hoogstens {PASSWORD_MAX} tekens.")
    return _hasher.hash(password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _locked_message(until: dt.datetime) -> str:
    return f"Te vaak een onjuist wachtwoord: geblokkeerd tot {until:%H:%M}. Of vraag de beheerder."
