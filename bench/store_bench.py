"""How the entry store scales: 10,000 entries against the 55 of the embedded package.

    .venv/bin/python bench/store_bench.py [--entries 10000] [--saves 200]

Both databases are temporary SQLite files. The large one is the embedded package plus generated
entries spread over the 15 wijken (inserted directly with SQLAlchemy, each with a first version in
the history and, for needs and networks, a link). Measured through the same calls the pages make:
a save (app.editing.edit_entry, permission check included), a confirm, the history of one entry, all entries, the entries of
one wijk, the latest changes and the revision key the pages cache on. Prints a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import editing  # noqa: E402
from domain.editing import wijk_context  # noqa: E402
from domain.permissions import Actor  # noqa: E402
from domain.validation import EDITABLE  # noqa: E402
from nla_data import EMBEDDED_DIR  # noqa: E402
from nla_data.package import read_package  # noqa: E402
from nla_data.store import VERSIONED, EntryStore, Saved  # noqa: E402

AUTHOR = "Bench Mark"
ACTOR = Actor("bench", AUTHOR, "beheerder")
WORDS = ("wijk buurt bewoners moestuin wijkbudget speeltuin ontmoeting buurtkamer jongeren ouderen "
         "corporatie gemeente vrijwilligers plein groen energie schoonmaak feest overleg").split()
SECTIONS = ["gebeurt", "netwerk", "nodig"]


def generate(store: EntryStore, package, total: int, rng: random.Random) -> None:
    """Add entries until the database holds `total`: rows, a first version each, links for needs/networks."""
    have = len(store.items())
    wijken = list(package.wijken.index)
    buurten = {w: list(package.buurten.loc[package.buurten["wijk_id"] == w, "buurtcode"]) for w in wijken}
    initiatives: dict[str, list[str]] = {w: [] for w in wijken}
    items, history, links = [], [], []
    start = dt.datetime(2014, 1, 1, 9, 0)
    for number in range(total - have):
        wijk = wijken[number % len(wijken)]
        section = SECTIONS[(number // len(wijken)) % 3]
        item_id = f"{wijk}-gen-{number}"
        moment = start + dt.timedelta(minutes=7 * number)
        row = {name: None for name in store.types}
        row.update(
            item_id=item_id, wijk_id=wijk, sectie=section, titel=f"{rng.choice(WORDS).capitalize()} {number}",
            beschrijving=" ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 120))),
            status=rng.choice(["loopt", "gepland", "idee", "afgerond"]), thema=rng.choice(WORDS),
            buurtcode=rng.choice(buurten[wijk]) if buurten[wijk] and rng.random() < 0.5 else None,
            auteur=AUTHOR, aangemaakt_op=moment, bijgewerkt_op=moment, bijgewerkt_door=AUTHOR, versie=1,
            voorbeeld=False)
        targets = []
        if section == "gebeurt":
            row["aanpak"] = rng.choice(["stimuleren", "faciliteren", "coproduceren"])
            initiatives[wijk].append(item_id)
        elif section == "nodig":
            row.update(soort_hulp=rng.choice(["geld", "ruimte", "contact"]), bedrag=rng.randint(0, 50_000))
        else:
            row["rol"] = "Bewonersgroep"
        if section != "gebeurt" and initiatives[wijk]:
            targets = [rng.choice(initiatives[wijk])]
            links += [{"van_item": item_id, "naar_item": t,
                       "relatie": "hoort-bij" if section == "nodig" else "neemt-deel-aan"} for t in targets]
        snapshot = {name: _plain(row.get(name)) for name in VERSIONED if name != "koppelingen"}
        snapshot["koppelingen"] = targets
        items.append(row)
        history.append({"item_id": item_id, "versie": 1, "wijk_id": wijk, "tijdstip": moment, "door": AUTHOR,
                        "actie": "aangemaakt", "wijzigingen": json.dumps({k: [None, v] for k, v in snapshot.items()
                                                                           if v not in (None, [])}, ensure_ascii=False),
                        "momentopname": json.dumps(snapshot, ensure_ascii=False), "request_id": None})
    with store.engine.begin() as db:
        for table, rows in ((store.items_t, items), (store.links_t, links), (store.history_t, history)):
            for chunk in range(0, len(rows), 2000):
                db.execute(table.insert(), rows[chunk:chunk + 2000])


def _plain(value):
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def summary(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(store: EntryStore, package, saves: int, rng: random.Random) -> dict[str, tuple[float, float]]:
    items = store.items()
    ids = list(items["item_id"])
    wijken = list(package.wijken.index)
    rules = package.facts.entry_rules
    contexts = {w: wijk_context(items, package.buurten, w, rules) for w in wijken}  # as a page has it
    results = {}

    save_times = []
    for number in range(saves):
        item_id = rng.choice(ids)
        item = store.item(item_id)
        raw = {**{k: item[k] for k in EDITABLE}, "links": item["koppelingen"],
               "beschrijving": f"Bijgewerkt ({number}): " + " ".join(rng.choice(WORDS) for _ in range(60))}
        context = contexts[item["wijk_id"]]
        outcome = []
        save_times.append(timed(lambda: outcome.append(editing.edit_entry(
            store, context, item_id, item["versie"], raw, ACTOR, f"bench-save-{number}"))))
        assert isinstance(outcome[0], Saved), outcome[0]
    results["save (edit_entry)"] = summary(save_times)

    confirm_times = []
    for number in range(saves):
        item = store.item(rng.choice(ids))
        confirm_times.append(timed(lambda: editing.confirm(store, item["item_id"], item["versie"], ACTOR,
                                                           f"bench-confirm-{number}")))
    results["confirm"] = summary(confirm_times)
    results["history(item)"] = summary([timed(lambda: store.history(rng.choice(ids))) for _ in range(saves)])
    results["items() all"] = summary([timed(store.items) for _ in range(7)])
    results["items(wijk_id)"] = summary([timed(lambda: store.items(rng.choice(wijken))) for _ in range(30)])
    results["links() all"] = summary([timed(store.links) for _ in range(7)])
    results["recent(50)"] = summary([timed(lambda: store.recent(50)) for _ in range(30)])
    results["revision()"] = summary([timed(store.revision) for _ in range(100)])
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--saves", type=int, default=200)
    args = parser.parse_args(argv)
    package = read_package(EMBEDDED_DIR)
    rng = random.Random(2013)
    with tempfile.TemporaryDirectory() as tmp:
        small = EntryStore.open(package, f"sqlite:///{Path(tmp) / 'small.sqlite'}")
        large = EntryStore.open(package, f"sqlite:///{Path(tmp) / 'large.sqlite'}")
        start = time.perf_counter()
        generate(large, package, args.entries, rng)
        setup = time.perf_counter() - start
        sizes = {name: (len(s.items()), len(s.history_frame()), len(s.links())) for name, s in
                 (("small", small), ("large", large))}
        baseline = measure(small, package, args.saves, random.Random(1))
        scaled = measure(large, package, args.saves, random.Random(1))
        file_mb = (Path(tmp) / "large.sqlite").stat().st_size / 1e6
        small.engine.dispose()
        large.engine.dispose()

    print(f"Entry store benchmark - Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, "
          f"WAL + synchronous=FULL, {args.saves} saves/confirms/history lookups per database")
    for name, (n_items, n_history, n_links) in sizes.items():
        print(f"  {name}: {n_items} entries, {n_history} history rows, {n_links} links (before the run)")
    print(f"  large database generated in {setup:.1f} s, {file_mb:.1f} MB after the run")
    print()
    few, many = sizes["small"][0], sizes["large"][0]
    header = (f"{'operation':<20} {f'{few}: median':>11} {f'{few}: p95':>9} {f'{many}: median':>13} "
              f"{f'{many}: p95':>10} {'ratio':>7}")
    print(header)
    print("-" * len(header))
    for operation, (median, p95) in baseline.items():
        big_median, big_p95 = scaled[operation]
        print(f"{operation:<20} {median:>9.2f}ms {p95:>7.2f}ms {big_median:>11.2f}ms {big_p95:>8.2f}ms "
              f"{big_median / median:>6.1f}x")
    print(f"\nratio = median with {many} entries / median with {few}. Times in milliseconds, wall clock.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
