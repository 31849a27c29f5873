"""How the entry store scales (issue 11): the embedded package's entries, 10,000 and 100,000.

    .venv/bin/python bench/store_bench.py [--sizes 10000 100000] [--rounds 3] [--saves 50] [--url URL]

`--url` measures another database instead of the temporary SQLite file, e.g. an empty PostgreSQL database
(`postgresql+psycopg://USER@HOST:PORT/DB`): the benchmark fills it, so give it one made for the purpose.

One temporary SQLite database (WAL, synchronous=FULL) grows from the embedded package to each size in
turn: generated entries spread over 14 of the 15 wijken (inserted directly with SQLAlchemy, each with a first
version in the history and, for needs and networks, a link). The quiet wijk, the one with the fewest embedded
entries, keeps them: its rows show what "indexed" means, a wijk's read that does not grow with the city's
entries (at 100,000 the others hold about 7,100 each, and their reads grow with that, not with the total). At each size, in rounds that take the old and
the new way in turn (round-robin, never one before the other), the medians of:

- map counts: the grouped count per wijk, section, status and visibility (EntryStore.kinds, new only);
- wijk read: the entries and links of one wijk read whole (app.entry_reads.wijk_entries), as the wijk page read
  them the first time (cold) until the fifth round on issue 11 (the CSV download still does, on its click);
- the same two for the quiet wijk ("quiet wijk, N entries"), new only;
- wijk page read, cold: old = that whole read and privacy on it (the page before the fifth round), new = what the
  page reads now (app.wijk_page_reads): the wijk's outline (no texts, from one index) and the first page of cards
  (pages.wijk.PAGE_SIZE) per section and open/closed with their links, for the public;
- reload after one save: what the wijk page re-read after someone saved, the old way (all entries and links of
  the city, then privacy on all of them: ui.state.entries/visible_entries) against the new way (the revision of
  the saved wijk, the outline held from before the save with the entries saved since patched in (app.held_outline),
  then its page of cards); the fifth round's way (the outline read whole again) on a row of its own; until the fifth
  round the wijk's earlier whole read was brought up to date instead, 70-146 ms at 100,000 entries, see
  bench/README.md);
- Bij te werken: old (all entries, privacy, domain.freshness on all) against new (the limited stale query,
  app.entry_reads.stale_entries, 20 per wijk);
- Recent: old (all entries, privacy, the 50 latest versions filtered) against new (the query limited to the
  kinds the public may see, app.entry_reads.recent_versions);
- Bij te werken + Recent through ui.state's caches: "old" is the first visitor after a save (both lists read),
  "new" a further visitor or a rerun (the revision read, then a look-up);
- save: app.editing.edit_entry (permission check included), p50 and p95.

Prints a table (and the load average before and after) and writes it as CSV to bench/output/store_bench.csv.
Asserts nothing: no thresholds, the ratios are the figures to read.
"""

from __future__ import annotations

import argparse
import csv
import gc
import datetime as dt
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import editing, entry_reads, held_outline, wijk_page_reads  # noqa: E402
from domain import freshness, privacy  # noqa: E402
from domain.editing import wijk_context  # noqa: E402
from domain.examples import still_examples  # noqa: E402
from domain.permissions import Actor  # noqa: E402
from domain.validation import EDITABLE  # noqa: E402
from nla_data import EMBEDDED_DIR  # noqa: E402
from nla_data.package import read_package  # noqa: E402
from nla_data.store import VERSIONED, EntryStore, Saved, now, saved_per_wijk  # noqa: E402
from pages.wijk import PAGE_SIZE  # noqa: E402

AUTHOR = "Bench Mark"
ACTOR = Actor("bench", AUTHOR, "beheerder")
PUBLIC = Actor()  # who the pages are read for: the public (privacy filters the most)
WORDS = ("wijk buurt bewoners moestuin wijkbudget speeltuin ontmoeting buurtkamer jongeren ouderen "
         "corporatie gemeente vrijwilligers plein groen energie schoonmaak feest overleg").split()
SECTIONS = ["gebeurt", "netwerk", "nodig"]
STALE_MONTHS, STALE_PER_WIJK, RECENT = 6, 20, 50
OUTPUT = ROOT / "bench" / "output" / "store_bench.csv"


def generate(store: EntryStore, package, total: int, rng: random.Random, wijken: list[str] | None = None) -> None:
    """Add entries until the database holds `total`: rows, a first version each, links for needs/networks;
    spread over `wijken` (default: all)."""
    have = len(store.items())
    wijken = wijken or list(package.wijken.index)
    buurten = {w: list(package.buurten.loc[package.buurten["wijk_id"] == w, "buurtcode"]) for w in wijken}
    initiatives: dict[str, list[str]] = {w: [] for w in wijken}
    items, history, links = [], [], []
    start = dt.datetime(2014, 1, 1, 9, 0)
    for number in range(have, total):  # numbered on from what is there: the database grows size by size
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
        store.count_saved(db, saved_per_wijk(history))  # their wijken's revisions change, as with a save
    if store.engine.dialect.name == "postgresql":  # what autovacuum does soon after a bulk load: plans on statistics
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as db:
            db.execute(sa.text("ANALYZE"))


def _plain(value):
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def timed(action) -> float:
    """Milliseconds `action` takes, after a full garbage collection: the garbage of the operation before (the old
    way reads the whole city) is not collected on the next one's time."""
    gc.collect()
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# --- the old way: everything, as ui.state.entries/visible_entries read it before issue 11 -----------

def old_visible(store: EntryStore, package):
    items = store.items()
    items = items.assign(voorbeeld=still_examples(items, package.items))
    return privacy.visible_entries(items, store.links(), PUBLIC)


def old_stale(store: EntryStore, package):
    items, _ = old_visible(store, package)
    return freshness.stale_entries(items, now(), STALE_MONTHS, open_statuses=package.facts.entry_rules.open_statuses)


def old_recent(store: EntryStore, package):
    items, _ = old_visible(store, package)
    visible = set(items["item_id"])
    return [v for v in store.recent(limit=RECENT) if v.item_id in visible]


# --- the new way: one wijk, or a limited query ------------------------------------------------------

PAGE_LIMITS = {(section, flag): PAGE_SIZE for section in SECTIONS for flag in (True, False)}  # the first page


def wijk_page(store: EntryStore, package, wijk_id: str):
    """What the wijk page reads for the public on a server that holds nothing for it (after a start): the wijk's
    revision, its outline as the database keeps it with the saves since patched in (nla_data.outline_snapshots),
    then the first page of cards, over one connection (ui.state.wijk_cards)."""
    with store.reading():
        revision = store.revision(wijk_id)
        outline = held_outline.at_revision(store, package, PUBLIC, wijk_id, revision, None)
        return wijk_page_reads.wijk_cards(store, package, PUBLIC, PAGE_LIMITS, outline.entries)


def whole_page(store: EntryStore, package, wijk_id: str):
    """The same with the outline's rows read whole: before the database kept outlines (and still a wijk's first
    read ever, or the first after an erasure)."""
    with store.reading():
        outline, _ = wijk_page_reads.wijk_outline(store, package, PUBLIC, wijk_id)
        return wijk_page_reads.wijk_cards(store, package, PUBLIC, PAGE_LIMITS, outline)


def old_wijk_page(store: EntryStore, package, wijk_id: str):
    """What it read before: the wijk whole, and privacy on all of it."""
    return privacy.visible_entries(*entry_reads.wijk_entries(store, package, wijk_id), PUBLIC)


def new_reload(store: EntryStore, package, wijk_id: str, held: held_outline.HeldOutline):
    """After a save: the wijk's revision (the cache key a page asks for on every run), the outline held from before
    the save with the entries saved since patched in, then the first page of cards; over one connection, as
    ui.state.wijk_cards reads them."""
    with store.reading():
        revision = store.revision(wijk_id)
        outline = held_outline.at_revision(store, package, PUBLIC, wijk_id, revision, held)
        assert outline.patched, "the bench's save should be patched in"
        return wijk_page_reads.wijk_cards(store, package, PUBLIC, PAGE_LIMITS, outline.entries)


def whole_reload(store: EntryStore, package, wijk_id: str):
    """The fifth round's reload: the revision, then the outline read whole and the first page of cards."""
    store.revision(wijk_id)
    return whole_page(store, package, wijk_id)


def new_stale(store: EntryStore, package):
    return entry_reads.stale_entries(store, package, PUBLIC, now(), STALE_MONTHS, limit=STALE_PER_WIJK)


def new_recent(store: EntryStore, package):
    return entry_reads.recent_versions(store, package, PUBLIC, RECENT)


def page_reads(store: EntryStore, package):
    """Bij te werken and Recent as the pages read them through ui.state's caches (per revision and per what the
    user may see): the public's lists."""
    from ui import auth, state

    auth.actor = lambda: PUBLIC  # no Streamlit session here: the public, as the other rows
    state.begin_run()  # a new run: the revisions are read again
    state.stale_entries(now(), STALE_MONTHS, limit=STALE_PER_WIJK)
    state.recent_versions(RECENT)


def save_one(store: EntryStore, package, item_id: str, number: int, rng: random.Random) -> float:
    item = store.item(item_id)
    raw = {**{k: item[k] for k in EDITABLE}, "links": item["koppelingen"],
           "beschrijving": f"Bijgewerkt ({number}): " + " ".join(rng.choice(WORDS) for _ in range(60))}
    context = wijk_context(store.items(item["wijk_id"]), package.buurten, item["wijk_id"], package.facts.entry_rules)
    outcome = []
    took = timed(lambda: outcome.append(editing.edit_entry(store, context, item_id, item["versie"], raw, ACTOR,
                                                           f"bench-save-{number}-{time.time_ns()}")))
    assert isinstance(outcome[0], Saved), outcome[0]
    return took


def quiet_wijk(store: EntryStore, package) -> str:
    """The wijk with the fewest entries of the embedded package, one at least (the generator leaves it alone)."""
    counts = store.items()["wijk_id"].value_counts()
    return min((w for w in package.wijken.index if counts.get(w, 0)), key=lambda w: (counts[w], w))


def measure(store: EntryStore, package, rounds: int, saves: int, rng: random.Random, quiet: str
            ) -> dict[str, tuple]:
    """Per operation: (old median or None, new median) in milliseconds."""
    ids = list(store.items()["item_id"])
    wijken = [w for w in package.wijken.index if w != quiet]  # the "other" wijk read is a busy one
    quiet_count = len(store.items(quiet))
    samples: dict[str, list[float]] = {}

    def add(name: str, value: float) -> None:
        samples.setdefault(name, []).append(value)

    for wijk_id in package.wijken.index:  # an earlier visit (any server, any view) kept each wijk's outline
        wijk_page(store, package, wijk_id)

    for number in range(rounds):
        item_id = rng.choice(ids)
        saved_in, other = store.item(item_id)["wijk_id"], rng.choice(wijken)
        held = held_outline.read(store, package, PUBLIC, saved_in, store.revision(saved_in))  # a page seen before
        save_one(store, package, item_id, number, rng)  # one save, then what the pages re-read
        add("wijk read (entries+links of one wijk)", timed(lambda w=other: entry_reads.wijk_entries(store, package, w)))
        add("quiet read", timed(lambda: entry_reads.wijk_entries(store, package, quiet)))
        add("quiet page", timed(lambda: wijk_page(store, package, quiet)))
        add("wijk page read, cold: old", timed(lambda w=other: old_wijk_page(store, package, w)))
        add("wijk page read, cold: new", timed(lambda w=other: wijk_page(store, package, w)))
        add("wijk page read, cold, rows", timed(lambda w=other: whole_page(store, package, w)))
        add("reload after one save: old", timed(lambda: old_visible(store, package)))
        add("reload after one save: new", timed(lambda w=saved_in, h=held: new_reload(store, package, w, h)))
        add("reload, outline read whole", timed(lambda w=saved_in: whole_reload(store, package, w)))
        add("Bij te werken: old", timed(lambda: old_stale(store, package)))
        add("Bij te werken: new", timed(lambda: new_stale(store, package)))
        add("Recent: old", timed(lambda: old_recent(store, package)))
        add("Recent: new", timed(lambda: new_recent(store, package)))
        add("kinds", timed(store.kinds))
        add("page reads: first visitor", timed(lambda: page_reads(store, package)))
        add("page reads: further visitor", timed(lambda: page_reads(store, package)))
    save_times = [save_one(store, package, rng.choice(ids), 1000 + number, rng) for number in range(saves)]
    result = {"wijk read (entries+links of one wijk)": (None, statistics.median(samples[
        "wijk read (entries+links of one wijk)"]))}
    result[f"wijk read, quiet wijk ({quiet} holds {quiet_count})"] = (None, statistics.median(samples["quiet read"]))
    result[f"wijk page read, cold, quiet wijk ({quiet_count})"] = (None, statistics.median(samples["quiet page"]))
    for name in ("wijk page read, cold", "reload after one save", "Bij te werken", "Recent"):
        result[name] = (statistics.median(samples[f"{name}: old"]), statistics.median(samples[f"{name}: new"]))
    result["wijk page read, cold, outline rows read whole"] = (None, statistics.median(
        samples["wijk page read, cold, rows"]))
    result["reload after one save, outline read whole (fifth round)"] = (None, statistics.median(
        samples["reload, outline read whole"]))
    result["map counts (kinds, after a save)"] = (None, statistics.median(samples["kinds"]))
    # old = the first visit after a save (a miss: both lists read), new = every further visit or rerun (a hit)
    result["Bij te werken + Recent, cached (ui.state)"] = (statistics.median(samples["page reads: first visitor"]),
                                                         statistics.median(samples["page reads: further visitor"]))
    result["save p50"] = (None, statistics.median(save_times))
    result["save p95"] = (None, percentile(save_times, 0.95))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000],
                        help="entry counts after the embedded package's (default 10000 100000)")
    parser.add_argument("--rounds", type=int, default=3, help="old/new rounds per size (medians over them)")
    parser.add_argument("--saves", type=int, default=50, help="saves timed per size for p50/p95")
    parser.add_argument("--url", help="an empty database to measure instead of a temporary SQLite file")
    args = parser.parse_args(argv)
    package = read_package(EMBEDDED_DIR)
    rng = random.Random(2013)
    load_before = os.getloadavg()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        url = args.url or f"sqlite:///{Path(tmp) / 'entries.sqlite'}"
        os.environ["NLA_DATABASE_URL"] = url  # where ui.state's page reads look
        store = EntryStore.open(package, url)
        quiet = quiet_wijk(store, package)
        for size in [None, *args.sizes]:
            if size is not None:
                started = time.perf_counter()
                generate(store, package, size, rng, [w for w in package.wijken.index if w != quiet])
                print(f"  generated up to {size} entries in {time.perf_counter() - started:.1f} s", flush=True)
            count = int(store.kinds()["aantal"].sum())
            for operation, (old, new) in measure(store, package, args.rounds, args.saves, rng, quiet).items():
                rows.append({"entries": count, "operation": operation, "old_ms": old, "new_ms": new,
                             "ratio": None if old is None else old / new})
            print(f"  measured at {count} entries (load {os.getloadavg()[0]:.1f})", flush=True)
        store.engine.dispose()
    load_after = os.getloadavg()

    database = (f"SQLite {sqlite3.sqlite_version}, WAL + synchronous=FULL" if url.startswith("sqlite")
                else f"{store.engine.dialect.name} {'.'.join(map(str, store.engine.dialect.server_version_info))}")
    print(f"\nEntry store benchmark - Python {sys.version.split()[0]}, {database}; "
          f"{args.rounds} rounds old/new in turn, {args.saves} saves per size; "
          f"{os.cpu_count()} CPUs, load average {load_before[0]:.1f} before, {load_after[0]:.1f} after")
    header = f"{'entries':>8}  {'operation':<48} {'old (ms)':>10} {'new (ms)':>10} {'old/new':>8}"
    print(header)
    print("-" * len(header))
    for row in rows:
        old = "" if row["old_ms"] is None else f"{row['old_ms']:.1f}"
        ratio = "" if row["ratio"] is None else f"{row['ratio']:.0f}x" if row["ratio"] >= 10 else f"{row['ratio']:.1f}x"
        print(f"{row['entries']:>8}  {row['operation']:<48} {old:>10} {row['new_ms']:>10.1f} {ratio:>8}")
    print("\nmedians, wall clock; old = all entries of the city read and filtered (before issue 11), "
          "new = per wijk / limited query, measured in the same rounds.")
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    with OUTPUT.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=["entries", "operation", "old_ms", "new_ms", "ratio", "load_before",
                                                 "load_after"])
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "load_before": f"{load_before[0]:.2f}", "load_after": f"{load_after[0]:.2f}"})
    print(f"written: {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
