"""Local accounts (nla_data.accounts), the users CLI, OIDC claim mapping and session expiry (app.identity)."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from app.identity import ClaimMapping, actor_from_claims, actor_of, expired
from domain.permissions import PUBLIC
from nla_data.accounts import GENERIC_FAILURE, LOCK_MINUTES, MAX_FAILED, AccountError, Accounts, Failed, SignedIn

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "een-goed-wachtwoord"


@pytest.fixture
def accounts(tmp_path) -> Accounts:
    accounts = Accounts(tmp_path / "users.json")
    accounts.add("fatima", "Fatima de Vries", "frontlijnwerker", PASSWORD, ["selwerd"])
    return accounts


def test_a_right_password_signs_in_and_the_file_holds_no_password(accounts):
    result = accounts.authenticate("Fatima ", PASSWORD)
    assert isinstance(result, SignedIn) and result.user.wijken == ("selwerd",)
    text = accounts.path.read_text()
    assert PASSWORD not in text and "$argon2id$" in text
    assert stat.S_IMODE(accounts.path.stat().st_mode) == 0o600


def test_a_wrong_password_and_an_unknown_name_get_the_same_answer(accounts):
    assert accounts.authenticate("fatima", "fout") == Failed(GENERIC_FAILURE)
    assert accounts.authenticate("niemand", "fout") == Failed(GENERIC_FAILURE)
    assert accounts.authenticate("", "") == Failed(GENERIC_FAILURE)
    assert accounts.authenticate("fatima", "x" * 100_000) == Failed(GENERIC_FAILURE)  # no megabyte hashing


def test_too_many_wrong_passwords_lock_the_account_for_a_while(accounts):
    start = dt.datetime(2026, 11, 30, 14, 0)
    for _ in range(MAX_FAILED - 1):
        assert not accounts.authenticate("fatima", "fout", now=start).locked
    locked = accounts.authenticate("fatima", "fout", now=start)
    assert locked.locked and "geblokkeerd tot 14:15" in locked.reason
    # while locked even the right password is refused, without trying it
    assert accounts.authenticate("fatima", PASSWORD, now=start + dt.timedelta(minutes=5)).locked
    later = start + dt.timedelta(minutes=LOCK_MINUTES, seconds=1)
    assert isinstance(accounts.authenticate("fatima", PASSWORD, now=later), SignedIn)
    assert accounts.get("fatima").failed == 0


def test_failed_attempts_from_many_sessions_at_once_are_all_counted(accounts):
    threads = [threading.Thread(target=accounts.authenticate, args=("fatima", "fout")) for _ in range(MAX_FAILED)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert accounts.get("fatima").locked_until is not None


def test_a_disabled_or_removed_account_cannot_sign_in(accounts):
    accounts.update("fatima", active=False)
    assert accounts.authenticate("fatima", PASSWORD) == Failed(GENERIC_FAILURE)
    assert actor_of(accounts.get("fatima")) == PUBLIC
    accounts.remove("fatima")
    assert accounts.get("fatima") is None and actor_of(None) == PUBLIC


@pytest.mark.parametrize("change, message", [
    (dict(username="Fa Tima"), "gebruikersnaam"),
    (dict(role="directeur"), "Onbekende rol"),
    (dict(password="kort"), "minstens 10"),
    (dict(wijken=[]), "minstens één wijk"),
    (dict(name=" "), "naam"),
])
def test_bad_accounts_are_refused_with_a_reason(tmp_path, change, message):
    values = dict(username="nieuw", name="Nieuwe Collega", role="frontlijnwerker", password=PASSWORD,
                  wijken=["beijum"]) | change
    accounts = Accounts(tmp_path / "users.json")
    with pytest.raises(AccountError, match=message):
        accounts.add(**values)
    assert accounts.users() == {}


def test_a_damaged_users_file_is_a_message_not_a_traceback(tmp_path):
    path = tmp_path / "users.json"
    path.write_text("{niet: json")
    with pytest.raises(AccountError, match="beschadigd"):
        Accounts(path).users()


def _cli(*args, stdin: str = "", data_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "WIJKPERSPECTIEF_DATA_DIR": str(data_dir)}
    env.pop("WIJKPERSPECTIEF_USERS", None)
    return subprocess.run([sys.executable, "-m", "nla_data", "users", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=60)


def test_the_cli_adds_changes_disables_and_removes_users(tmp_path):
    empty = _cli("list", data_dir=tmp_path)
    assert empty.returncode == 0 and "Nog geen gebruikers" in empty.stdout  # no default account, no default password
    added = _cli("add", "bea", "--naam", "Bea Beheerder", "--rol", "beheerder", "--password-stdin",
                 stdin=PASSWORD + "\n", data_dir=tmp_path)
    assert added.returncode == 0, added.stderr
    users = json.loads((tmp_path / "users.json").read_text())["gebruikers"]
    assert users["bea"]["role"] == "beheerder" and PASSWORD not in json.dumps(users)
    assert _cli("set", "bea", "--rol", "frontlijnwerker", "--wijk", "beijum", data_dir=tmp_path).returncode == 0
    assert _cli("passwd", "bea", "--password-stdin", stdin="nog-een-goed-wachtwoord\n",
                data_dir=tmp_path).returncode == 0
    assert isinstance(Accounts(tmp_path / "users.json").authenticate("bea", "nog-een-goed-wachtwoord"), SignedIn)
    assert _cli("disable", "bea", data_dir=tmp_path).returncode == 0
    assert " uit " in _cli("list", data_dir=tmp_path).stdout
    assert _cli("remove", "bea", data_dir=tmp_path).returncode == 0
    missing = _cli("remove", "bea", data_dir=tmp_path)
    assert missing.returncode == 1 and "bestaat niet" in missing.stderr and "Traceback" not in missing.stderr


def test_the_cli_refuses_an_unknown_wijk(tmp_path):
    result = _cli("add", "fw", "--naam", "Frontlijn", "--rol", "frontlijnwerker", "--wijk", "selwerdd",
                  "--password-stdin", stdin=PASSWORD + "\n", data_dir=tmp_path)
    assert result.returncode == 1 and "Onbekende wijk: selwerdd." in result.stderr
    assert not (tmp_path / "users.json").exists()


def test_the_cli_refuses_a_weak_password_and_writes_nothing(tmp_path):
    result = _cli("add", "bea", "--naam", "Bea", "--rol", "beheerder", "--password-stdin", stdin="kort\n",
                  data_dir=tmp_path)
    assert result.returncode == 1 and "minstens 10" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "users.json").exists()


# --- OpenID Connect and session expiry --------------------------------------------------------------

def test_oidc_claims_give_the_role_and_wijken(accounts):
    claims = {"sub": "abc", "email": "F@Gemeente.nl", "name": "Fatima", "wijkperspectief_rol": "frontlijnwerker",
              "wijkperspectief_wijken": ["selwerd", "beijum"]}
    actor = actor_from_claims(claims, accounts)
    assert actor.role == "frontlijnwerker" and actor.wijken == {"selwerd", "beijum"} and actor.name == "Fatima"
    custom = actor_from_claims({"email": "x@y.nl", "groups": "wethouder"}, accounts, ClaimMapping(role_claim="groups"))
    assert custom.role == "wethouder"


def test_oidc_without_a_role_claim_maps_by_e_mail_or_stays_public(accounts):
    accounts.add("wim", "Wim Wethouder", "wethouder", None, email="wim@gemeente.nl")
    assert actor_from_claims({"email": "WIM@gemeente.nl"}, accounts).role == "wethouder"
    assert actor_from_claims({"email": "onbekend@gemeente.nl"}, accounts) == PUBLIC
    assert actor_from_claims({"email": "x@y.nl", "wijkperspectief_rol": "koning"}, accounts) == PUBLIC
    # an OIDC-only account has no password: it cannot sign in with the form
    assert accounts.authenticate("wim", "") == Failed(GENERIC_FAILURE)


def test_a_sign_in_expires_after_the_session_time_or_an_idle_hour():
    start = dt.datetime(2026, 11, 30, 9, 0)
    assert not expired(start, start + dt.timedelta(minutes=59), start + dt.timedelta(minutes=60), 600, 60)
    assert expired(start, start, start + dt.timedelta(minutes=61), 600, 60)  # idle
    assert expired(start, start + dt.timedelta(hours=10), start + dt.timedelta(hours=10, minutes=1), 600, 60)
