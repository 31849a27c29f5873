"""A process killed in the middle of saving leaves the database as before or after a save, never between.

A child process saves in a loop (large descriptions, new entries with links, changed links) and
prints a line after each save that returned; the test kills it with SIGKILL at random moments, five
times on the same database. After that the database must be intact and consistent, and hold every
save the child reported.
"""

from __future__ import annotations

import hashlib
import json
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from nla_data.store import VERSIONED, EntryStore, Saved

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

# The child: imports first (slow), says "ready", waits for "go", then saves until it is killed.
CHILD = r"""
import hashlib, random, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import sqlalchemy as sa
from nla_data.schema import read_descriptor, resource_descriptor
from nla_data.facts import read_facts
from nla_data.store import EntryStore, Saved
descriptor = read_descriptor(Path(sys.argv[1]) / "nla_data")
schema = resource_descriptor(descriptor, "items")["schema"]
url, run = sys.argv[2], int(sys.argv[3])
print("ready", flush=True)
sys.stdin.readline()
store = EntryStore(sa.create_engine(url, connect_args={"timeout": 30}), schema, read_facts(descriptor).relations)
rng = random.Random(run)
words = ["wijk", "buurt", "bewoners", "moestuin", "budget", "Ĳssel", "café", "€", "\n", "'", '"', ","]
with store.engine.connect() as db:
    ids = list(db.execute(sa.text("SELECT item_id FROM items WHERE wijk_id = 'beijum'")).scalars())
    initiatives = list(db.execute(sa.text(
        "SELECT item_id FROM items WHERE wijk_id = 'beijum' AND sectie = 'gebeurt'")).scalars())
number = 0
while True:
    number += 1
    text = " ".join(rng.choice(words) for _ in range(rng.randint(200, 900)))[:5000]
    digest = hashlib.sha1(text.encode()).hexdigest()
    if number % 4 == 0:
        item_id = f"crash-{run}-{number}"
        result = store.create(item_id, "beijum", {"sectie": "nodig", "titel": f"Behoefte {run}.{number}",
                              "beschrijving": text, "status": "idee", "bedrag": number},
                              rng.sample(initiatives, 2), "Crash", request_id=f"crash-{run}-{number}")
        ids.append(item_id)
    else:
        item_id = rng.choice(ids)
        current = store.item(item_id)
        links = rng.sample(initiatives, rng.randint(0, 2)) if current["sectie"] == "nodig" else None
        result = store.update(item_id, current["versie"], {"beschrijving": text, "titel": f"Titel {run}.{number}"},
                              links, "Crash", request_id=f"crash-{run}-{number}")
    assert isinstance(result, Saved), result
    print(f"saved {result.item_id} {result.version} {digest}", flush=True)
"""


class Child:
    """The child process and the lines it printed (read by a thread, so the test can count them)."""

    def __init__(self, url: str, run: int):
        self.process = subprocess.Popen([sys.executable, "-c", CHILD, str(ROOT), url, str(run)], cwd=ROOT,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True)
        self.lines: list[str] = []
        self.ready = threading.Event()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            if line.strip() == "ready":
                self.ready.set()
            elif line.startswith("saved "):
                self.lines.append(line.split())

    def go(self) -> None:
        assert self.ready.wait(60), self.process.stderr.read() if self.process.poll() is not None else "not ready"
        self.process.stdin.write("go\n")
        self.process.stdin.flush()

    def kill(self) -> list[list[str]]:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        self.reader.join(timeout=30)
        assert self.process.returncode == -signal.SIGKILL, self.process.stderr.read()
        return self.lines


def wait_for(child: Child, saves: int, limit: float = 20) -> None:
    end = time.monotonic() + limit
    while len(child.lines) < saves and child.process.poll() is None and time.monotonic() < end:
        time.sleep(0.002)
    assert child.process.poll() is None, child.process.stderr.read()


def snapshot_of_row(row: sqlite3.Row, links: list[str]) -> dict:
    """What the latest history snapshot must say about an item row (values as JSON has them)."""
    snapshot = {}
    for name in VERSIONED:
        if name == "koppelingen":
            snapshot[name] = sorted(links)
            continue
        value = row[name]
        if isinstance(value, str) and name in ("bevestigd_op", "startdatum"):
            value = value.replace(" ", "T").removesuffix(".000000")  # SQLite text -> isoformat
        snapshot[name] = value
    return snapshot


def check_database(path: Path, reported: list[list[str]]) -> None:
    db = sqlite3.connect(path)
    db.row_factory = sqlite3.Row
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        items = {row["item_id"]: row for row in db.execute("SELECT * FROM items")}
        history: dict[str, dict[int, dict]] = {}
        for row in db.execute("SELECT item_id, versie, momentopname FROM geschiedenis"):
            history.setdefault(row["item_id"], {})[row["versie"]] = json.loads(row["momentopname"])
        links: dict[str, list[str]] = {}
        for row in db.execute("SELECT van_item, naar_item FROM koppelingen"):
            links.setdefault(row["van_item"], []).append(row["naar_item"])
            assert row["naar_item"] in items, "a link to an entry that does not exist"

        assert set(history) <= set(items), "history of an entry that does not exist"
        assert set(links) <= set(items), "a link from an entry that does not exist"
        for item_id, row in items.items():
            versions = history.get(item_id, {})
            assert sorted(versions) == list(range(1, row["versie"] + 1)), (item_id, row["versie"], sorted(versions))
            assert versions[row["versie"]] == snapshot_of_row(row, links.get(item_id, [])), item_id
        for _, item_id, version, digest in reported:  # every save the child saw return is there
            snapshot = history[item_id][int(version)]
            assert hashlib.sha1(snapshot["beschrijving"].encode()).hexdigest() == digest, (item_id, version)
    finally:
        db.close()


def test_killed_writers_leave_a_consistent_database(package, tmp_path):
    path = tmp_path / "crash.sqlite"
    url = f"sqlite:///{path}"
    EntryStore.open(package, url).engine.dispose()  # created and filled from the package, as on first start
    rng = random.Random(20131918)
    reported: list[list[str]] = []
    # Each child imports while the previous one saves: the imports overlap, the saves do not.
    children = [Child(url, run) for run in range(2)]
    try:
        for run in range(5):
            child = children[run]
            child.go()
            if run % 2 == 0:  # after a number of saves
                wait_for(child, rng.randint(5, 60))
            else:  # at a random moment, also in the middle of a save
                wait_for(child, 1)
                time.sleep(rng.uniform(0.0, 0.25))
            if run + 2 < 5:
                children.append(Child(url, run + 2))
            lines = child.kill()
            assert lines, "the child saved nothing before it was killed"
            reported += lines
            check_database(path, reported)
    finally:
        for child in children:
            if child.process.poll() is None:
                child.process.kill()
                child.process.wait(timeout=30)

    store = EntryStore.open(package, url)  # and the app starts on it as usual
    item = store.item(reported[-1][1])
    assert isinstance(store.update(item["item_id"], item["versie"], {"titel": "Na de crash"}, None, "Anna"), Saved)
    store.engine.dispose()
    check_database(path, reported)
