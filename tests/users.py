"""Test accounts, in a users file of their own (made once per test run, outside any real data directory)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from nla_data.accounts import Accounts

PASSWORD = "test-wachtwoord-123"
# username: (name, role, wijken, corporatie)
USERS = {
    "beheer": ("Bea Beheerder", "beheerder", [], None),
    "fatima": ("Fatima de Vries", "frontlijnwerker", ["tuinwijk", "korrewegwijk", "selwerd"], None),
    "anna": ("Anna", "frontlijnwerker", ["korrewegwijk", "tuinwijk"], None),
    "bob": ("Bob", "frontlijnwerker", ["korrewegwijk"], None),
    "bea": ("Bea van Beijum", "frontlijnwerker", ["beijum"], None),
    "wim": ("Wim Wethouder", "wethouder", [], None),
    "cora": ("Cora Corporatie", "corporatie", [], "Nijestee"),
}


def make_users_file(path: Path) -> Accounts:
    accounts = Accounts(path)
    for username, (name, role, wijken, corporatie) in USERS.items():
        if accounts.get(username) is None:
            accounts.add(username, name, role, PASSWORD, wijken, corporatie)
    return accounts


def install() -> Path:
    """Point the app at a fresh test users file (inherited by servers the browser tests start)."""
    if not os.environ.get("WIJKPERSPECTIEF_USERS"):
        folder = Path(tempfile.mkdtemp(prefix="wijkperspectief-users-"))
        os.environ["WIJKPERSPECTIEF_USERS"] = str(folder / "users.json")
    path = Path(os.environ["WIJKPERSPECTIEF_USERS"])
    make_users_file(path)
    return path
