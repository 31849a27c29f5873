"""The wijk page with many entries in one wijk (issue 11: "< 300 ms at any count"), in Chromium and on the server.

    .venv/bin/python bench/wijk_page_bench.py                      # 1,000 and 10,000 entries, 3 runs each
    .venv/bin/python bench/wijk_page_bench.py --sizes 1000 10000 100000 --runs 5

For each size a temporary SQLite database holds the embedded package's entries plus that many generated
entries in Tuinwijk (which has none of its own): the three sections, needs and networks linked to
initiatives, as bench/store_bench.py generates them. One server (`serve.py`, as `make run` starts it) per
size, and one on the package alone: the baseline, the same page of the same wijk with no entries. Round-robin,
a fresh browser context each time (a new session, nothing cached in the browser), the page's own clock from the
navigation until its sections and key figures are drawn and Streamlit is idle (as bench/browser_bench.py
times /wijk), then:

- **ms**: navigation to ready, the median; **ratio** against the page with no entries;
- **script_ms**: the server's part (first websocket message sent to the last received before ready);
- **ws KiB**: what the browser received over the websocket;
- **more_ms**: one click on the first section's "Meer tonen" until the next PAGE_SIZE cards are drawn (a rerun);
- **read_ms**: in this process, the cold read of what the page reads for the public (app.wijk_page_reads: the
  wijk's outline and the first page of cards, bench/store_bench.py's `wijk_page`), the median of 3: what the
  first visitor of the wijk after a start pays on the server. The outline comes from the database's kept copy
  (nla_data.outline_snapshots), which the first of the three reads whole and keeps.

Prints the table and writes bench/output/wijk_page_bench.csv. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "bench"), str(ROOT)]

# bench/, beside this file
from browser_bench import (  # noqa: E402
    _FRAME, _IDLE, _WIJK, CHROMIUM, OUTPUT, Chromium, Target, _write_csv, measure, server)
from store_bench import generate, wijk_page  # noqa: E402

from bench import environment  # noqa: E402
from domain import format as fmt  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402
from domain.texts import t  # noqa: E402
from nla_data import EMBEDDED_DIR  # noqa: E402
from nla_data.package import read_package  # noqa: E402
from nla_data.store import EntryStore  # noqa: E402
from pages.wijk import PAGE_SIZE  # noqa: E402

WIJK = "tuinwijk"  # no entries in the package: every card is generated
PAGE = Target(f"/wijk?wijk={WIJK}", f"/wijk?wijk={WIJK}", (_FRAME, _WIJK, _IDLE), "key figures and sections, idle")
SERVE = [sys.executable, str(ROOT / "serve.py")]


def database(folder: Path, size: int) -> str:
    """A SQLite database with the package's entries and `size` generated ones in WIJK; its URL."""
    package = read_package(EMBEDDED_DIR)
    url = f"sqlite:///{folder / 'entries.sqlite'}"
    store = EntryStore.open(package, url)
    store.seed_if_empty(package)
    if size:
        generate(store, package, len(store.items()) + size, random.Random(20131216), wijken=[WIJK])
    store.engine.dispose()
    return url


def cold_read_ms(url: str, rounds: int = 3) -> float:
    package = read_package(EMBEDDED_DIR)
    times = []
    for _ in range(rounds):
        store = EntryStore.open(package, url)
        started = time.perf_counter()
        wijk_page(store, package, WIJK)
        times.append((time.perf_counter() - started) * 1000)
        store.engine.dispose()
    return statistics.median(times)


MORE_WAIT_MS = 15_000  # how long a "Meer tonen" may take to appear after the page is ready


def more_ms(chromium: Chromium, url: str) -> float | None:
    """Open the page, click the first "Meer tonen" and time until the cards of the next page are drawn."""
    context = chromium.browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        page.goto(url + PAGE.path)
        page.wait_for_function(PAGE.ready, timeout=180_000)
        pattern = re.escape(t("wijk.more", "nl", hidden="NNN")).replace("NNN", r"([\d.]+)")  # Dutch: 1.234
        # waited for, not read once: the page can be ready (cards and map drawn) a moment before the buttons come
        try:
            first = page.wait_for_function("""(pattern) => { const found = [...document.querySelectorAll(
                "[data-testid='stMain'] button")].map(b => b.textContent.match(new RegExp(pattern))).find(m => m);
                return found ? parseInt(found[1].replaceAll(".", "")) : null; }""", arg=pattern,
                timeout=MORE_WAIT_MS).json_value()
        except PlaywrightTimeout:  # a wijk without more cards than a page has no such button
            return None
        shown = t("wijk.more", "nl", hidden=fmt.number(first - PAGE_SIZE, "nl")) if first > PAGE_SIZE else None
        started = time.perf_counter()
        page.get_by_role("button", name=t("wijk.more", "nl", hidden=fmt.number(first, "nl"))).first.click()
        if shown:  # the same section's button now hides PAGE_SIZE fewer
            page.get_by_role("button", name=shown).first.wait_for(timeout=180_000)
        page.wait_for_function(_IDLE, timeout=180_000)
        return (time.perf_counter() - started) * 1000
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="the wijk page with many entries (prints figures, no thresholds)")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--output", type=Path, default=OUTPUT, help="folder for wijk_page_bench.csv")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"no Chromium at {CHROMIUM}: apt-get install chromium (or set CHROMIUM=…)", file=sys.stderr)
        return 2
    from contextlib import ExitStack

    from playwright.sync_api import sync_playwright

    info = environment()
    print(f"wijk page bench  {info['time']}  commit {info['commit']}; load average "
          + " ".join(f"{v:.2f}" for v in os.getloadavg()))
    sizes = [0, *args.sizes]
    rows: dict[int, dict] = {}
    with sync_playwright() as playwright, ExitStack() as stack:  # the servers stop first, then Playwright
        urls = {}
        for size in sizes:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="wijk-page-bench-")))
            started = time.perf_counter()
            db = database(folder, size)
            rows[size] = {"entries in wijk": size, "generate_s": round(time.perf_counter() - started, 1),
                          "read_ms": round(cold_read_ms(db), 1)}
            env = {**os.environ, "WIJKPERSPECTIEF_MAP_STYLE": "white-bg", "WIJKPERSPECTIEF_DATA_DIR": str(folder),
                   "NLA_DATABASE_URL": db}
            urls[size] = stack.enter_context(server(SERVE, env, healthy_timeout=600)).url
            print(f"  {size:>7,} entries: generated in {rows[size]['generate_s']} s, cold wijk read "
                  f"{rows[size]['read_ms']} ms, server ready", flush=True)
        chromium = Chromium(playwright)
        stack.callback(chromium.close)
        for size in sizes:  # each page once, not counted: the server's caches as a visitor after the first finds them
            measure(chromium, urls[size], PAGE)
        got: dict[int, list] = {size: [] for size in sizes}
        more: dict[int, list] = {size: [] for size in sizes}
        for run in range(args.runs):
            order = sizes[run % len(sizes):] + sizes[:run % len(sizes)]
            for size in order:
                got[size].append(measure(chromium, urls[size], PAGE))
                clicked = more_ms(chromium, urls[size])
                if clicked is not None:
                    more[size].append(clicked)
            print(f"  round {run + 1} of {args.runs}", flush=True)
    base = statistics.median(m.ms for m in got[0] if m)
    table = []
    for size in sizes:
        done = [m for m in got[size] if m]
        ms = statistics.median(m.ms for m in done) if done else None
        table.append({**rows[size], "ms": round(ms) if ms else None,
                      "ratio": f"x{ms / base:.2f}" if ms else None,
                      "script_ms": round(statistics.median(m.script_ms for m in done if m.script_ms)) if done else None,
                      "ws KiB": round(statistics.median(m.ws_kib for m in done)) if done else None,
                      "more_ms": round(statistics.median(more[size])) if more[size] else None,
                      "failed": args.runs - len(done)})
    columns = ["entries in wijk", "ms", "ratio", "script_ms", "ws KiB", "more_ms", "read_ms", "failed"]
    print("\n" + "".join(f"{c:>16}" for c in columns))
    for row in table:
        print("".join(f"{'' if row[c] is None else row[c]:>16}" for c in columns))
    print(f"\nload average now {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    args.output.mkdir(parents=True, exist_ok=True)
    _write_csv(args.output / "wijk_page_bench.csv", [{"commit": info["commit"], **row} for row in table])
    return 0


if __name__ == "__main__":
    sys.exit(main())
