"""Remembered sign-ins (nla_data/signins.py): what the file keeps, when a sign-in holds, and that ending one
on any server ends it everywhere."""

from __future__ import annotations

import datetime as dt
import json
import stat

import pytest

from nla_data.signins import SignIns, digest, well_formed

NOW = dt.datetime(2026, 12, 2, 9, 0)


@pytest.fixture
def store(tmp_path):
    return SignIns(tmp_path / "aanmeldingen.json", session_minutes=600, idle_minutes=60)


def test_a_token_finds_its_sign_in_and_the_file_keeps_only_its_hash(store):
    token = store.start("fatima", NOW)
    record = store.find(token, NOW + dt.timedelta(minutes=5))
    assert (record.username, record.since, record.seen) == ("fatima", NOW, NOW)
    text = store.path.read_text()
    assert token not in text and digest(token) in text
    assert json.loads(text)["aanmeldingen"][digest(token)]["gebruiker"] == "fatima"
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600


def test_every_sign_in_gets_its_own_long_random_token(store):
    tokens = {store.start("fatima", NOW) for _ in range(20)}
    assert len(tokens) == 20 and all(len(token) >= 43 and well_formed(token) for token in tokens)


@pytest.mark.parametrize("token", [None, "", "kort", "x" * 101, "é" * 43, "a\nb" * 15, 12345, ["a" * 43]])
def test_a_malformed_or_unknown_token_finds_nothing(store, token):
    store.start("fatima", NOW)
    assert store.find(token, NOW) is None
    assert store.find("a" * 43, NOW) is None


def test_a_sign_in_ends_after_the_session_time_and_after_an_idle_hour(store):
    token = store.start("fatima", NOW)
    assert store.find(token, NOW + dt.timedelta(minutes=60)) is not None  # exactly the idle hour still holds
    assert store.find(token, NOW + dt.timedelta(minutes=61)) is None  # idle
    for minute in range(50, 600, 50):  # active all day: a sign of life every 50 minutes
        assert store.seen(digest(token), NOW + dt.timedelta(minutes=minute))
    assert store.find(token, NOW + dt.timedelta(minutes=600)) is not None
    assert store.find(token, NOW + dt.timedelta(minutes=601)) is None  # the working day is over


def test_ending_a_sign_in_makes_its_token_worthless_for_every_reader(store, tmp_path):
    token = store.start("fatima", NOW)
    other = store.start("bob", NOW)
    another_server = SignIns(store.path, session_minutes=600, idle_minutes=60)
    another_server.end(digest(token), NOW)  # at the test's moment: the others still hold then
    assert store.find(token, NOW) is None
    assert not store.seen(digest(token), NOW)  # a sign of life does not bring it back
    assert store.find(other, NOW).username == "bob"


def test_ended_sign_ins_are_dropped_from_the_file_at_the_next_write(store):
    old = store.start("fatima", NOW)
    store.start("bob", NOW + dt.timedelta(hours=2))
    assert digest(old) not in store.path.read_text()


def test_a_damaged_file_remembers_nobody_and_the_next_sign_in_repairs_it(store):
    store.path.write_text("{niet: json")
    assert store.find("a" * 43, NOW) is None
    token = store.start("fatima", NOW)
    assert store.find(token, NOW).username == "fatima"


def test_sign_ins_on_two_servers_at_once_lose_none(store):
    """Two servers (two instances, two processes' worth of file handles) start and end sign-ins at the same time:
    the lock keeps every one of them."""
    from concurrent.futures import ThreadPoolExecutor

    servers = [SignIns(store.path, session_minutes=600, idle_minutes=60) for _ in range(2)]

    def work(server: SignIns) -> list[str]:
        tokens = [server.start(f"user{n}", NOW) for n in range(25)]
        for token in tokens[::5]:
            server.end(digest(token), NOW)
        return tokens

    with ThreadPoolExecutor(2) as pool:
        made = [token for tokens in pool.map(work, servers) for token in tokens]
    kept = [token for n, token in enumerate(made) if n % 25 % 5]
    assert all(store.find(token, NOW) is not None for token in kept)
    assert len(json.loads(store.path.read_text())["aanmeldingen"]) == len(kept) == 40
