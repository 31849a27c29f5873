"""Every setting the app reads from its environment, read here and nowhere else.

Live data is not source: the entries database, the users file, the audit log and imported packages
live in a data directory outside the git tree (`WIJKPERSPECTIEF_DATA_DIR`, default
`$XDG_DATA_HOME/wijkperspectief` or `~/.local/share/wijkperspectief`). The shipped package
(`nla_data/`) is only ever read.
"""

from __future__ import annotations

import functools
import json
import os
import re
import stat as stat_module
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

EMBEDDED_DIR = Path(__file__).resolve().parent

PACKAGE_ENV = "NLA_DATA"
DATABASE_ENV = "NLA_DATABASE_URL"
DATA_DIR_ENV = "WIJKPERSPECTIEF_DATA_DIR"
USERS_ENV = "WIJKPERSPECTIEF_USERS"
MAP_STYLE_ENV = "WIJKPERSPECTIEF_MAP_STYLE"  # tests set "white-bg": no network at all
STALE_MONTHS_ENV = "WIJKPERSPECTIEF_STALE_MONTHS"
SESSION_MINUTES_ENV = "WIJKPERSPECTIEF_SESSION_MINUTES"
IDLE_MINUTES_ENV = "WIJKPERSPECTIEF_IDLE_MINUTES"
RAISE_ENV = "WIJKPERSPECTIEF_RAISE_ERRORS"  # tests set it: an error must fail the test, not be hidden

DEFAULT_STALE_MONTHS = 6
DEFAULT_SESSION_MINUTES = 10 * 60  # a working day: then sign in again
DEFAULT_IDLE_MINUTES = 60  # no click for an hour: signed out (a laptop left open in a meeting room)
IMPORTED_PACKAGE = "pakket"  # inside the data directory: the package as the data manager last imported it


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    package_override: Path | None  # NLA_DATA
    database_override: str | None  # NLA_DATABASE_URL
    users_file: Path
    map_style: str
    stale_months: int
    session_minutes: int
    idle_minutes: int
    raise_errors: bool

    @property
    def signins_file(self) -> Path:
        """Remembered sign-ins (nla_data/signins.py), beside the accounts they belong to."""
        return self.users_file.with_name("aanmeldingen.json")

    @property
    def audit_log(self) -> Path:
        return self.data_dir / "audit.jsonl"

    @property
    def imported_package(self) -> Path:
        return self.data_dir / IMPORTED_PACKAGE

    def package_dir(self) -> Path:
        """NLA_DATA when set; else the package the data manager imported into the data directory;
        else the embedded one."""
        if self.package_override is not None:
            return self.package_override
        if (self.imported_package / "datapackage.json").is_file():
            return self.imported_package.resolve()
        return EMBEDDED_DIR

    def database_url(self, package_dir: Path | str | None = None) -> str:
        """NLA_DATABASE_URL, or a SQLite file in the data directory named after the package."""
        if self.database_override:
            return self.database_override
        name = _package_name(Path(package_dir) if package_dir else self.package_dir())
        return f"sqlite:///{self.data_dir / f'{name}.sqlite'}"


def settings() -> Settings:
    """The settings in force now (cheap: a few environment look-ups)."""
    env = os.environ
    data_dir = Path(env.get(DATA_DIR_ENV) or _default_data_dir()).expanduser().resolve()
    return Settings(
        data_dir=data_dir,
        package_override=Path(env[PACKAGE_ENV]).expanduser().resolve() if env.get(PACKAGE_ENV) else None,
        database_override=env.get(DATABASE_ENV) or None,
        users_file=Path(env.get(USERS_ENV) or data_dir / "users.json").expanduser().resolve(),
        map_style=env.get(MAP_STYLE_ENV) or "open-street-map",
        stale_months=_positive(env.get(STALE_MONTHS_ENV), DEFAULT_STALE_MONTHS),
        session_minutes=_positive(env.get(SESSION_MINUTES_ENV), DEFAULT_SESSION_MINUTES),
        idle_minutes=_positive(env.get(IDLE_MINUTES_ENV), DEFAULT_IDLE_MINUTES),
        raise_errors=env.get(RAISE_ENV) == "1",
    )


def ensure_data_dir(path: Path | None = None) -> Path:
    """Create the data directory (only its owner may read it: it holds accounts and personal data)."""
    path = path or settings().data_dir
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def safe_url(url: str) -> str:
    """A database URL fit for a message: the password masked."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparsable URL: show no part that could be a password
        return re.sub(r"//[^@/]*@", "//***@", str(url))


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "wijkperspectief"


def _positive(value: str | None, default: int) -> int:
    return int(value) if value and value.isdigit() and int(value) > 0 else default


def _package_name(package_dir: Path) -> str:
    """The package's name, for its database file. Asked for on every read of the entries, so the descriptor
    is read again only when it changed (py-spy: reading it each time was 8 % of a wijk page's run)."""
    descriptor = package_dir / "datapackage.json"
    try:
        found = descriptor.stat()
    except OSError:
        return _name_in(descriptor, None)
    return _name_in(descriptor, (found.st_mtime_ns, found.st_size, found.st_mode))


@functools.lru_cache(maxsize=16)
def _name_in(descriptor: Path, stat: tuple | None) -> str:
    try:  # only a small regular file is read (the validator says what is wrong with any other)
        small = stat is not None and stat_module.S_ISREG(stat[2]) and stat[1] <= 5 * 1024 * 1024
        name = json.loads(descriptor.read_text(encoding="utf-8")).get("name") if small else None
    except (OSError, ValueError, AttributeError):
        name = None
    return re.sub(r"[^a-z0-9-]+", "-", str(name or "wijkperspectief").lower()).strip("-") or "wijkperspectief"
