"""How long the council report takes and how big it is: one wijk, and all 15 in one file.

    .venv/bin/python bench/report_bench.py [--repeat 2]

Split into the parts that differ in cost: gathering the content (domain.report), drawing the maps
(kaleido + Chromium: starting the browser is most of it), and placing the pages (fpdf2). Each row is
the median of `--repeat` runs; the load average is printed because a busy machine is slow. Prints a
table; asserts nothing. The entries are those of the embedded package, in a temporary SQLite file.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import report
from domain.wijken import ordered_ids
from nla_data import EMBEDDED_DIR, load_package
from nla_data.store import EntryStore
from report import pdf


def timed(function, repeat: int):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="runs per row (median)")
    args = parser.parse_args()
    pkg = load_package(EMBEDDED_DIR).package
    with tempfile.TemporaryDirectory() as folder:
        store = EntryStore.open(pkg, f"sqlite:///{folder}/bench.sqlite")
        items, links = store.items(), store.links()
        store.engine.dispose()
    everyone = ordered_ids(pkg.wijken)
    print(f"load average {', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs; "
          f"median of {args.repeat} run(s)")
    rows = []
    for label, ids in (("1 wijk (selwerd)", ["selwerd"]), (f"alle {len(everyone)} wijken", everyone)):
        content, pages = timed(lambda ids=ids: report.reports(pkg, items, links, ids), args.repeat)
        drawing, maps = timed(lambda ids=ids: report.map_images(pkg, ids), args.repeat)
        placing, data = timed(lambda pages=pages, maps=maps: pdf.render(pages, maps), args.repeat)
        whole, _ = timed(lambda ids=ids: report.wijk_pdf(pkg, items, links, ids), args.repeat)
        rows.append((label, content, drawing, placing, whole, len(data), sum(m is None for m in maps)))
    print(f"{'report':<18} {'content s':>10} {'maps s':>8} {'pdf s':>7} {'whole s':>8} {'size kB':>8} "
          f"{'no map':>7}")
    for label, content, drawing, placing, whole, size, missing in rows:
        print(f"{label:<18} {content:>10.2f} {drawing:>8.2f} {placing:>7.2f} {whole:>8.2f} {size / 1024:>8.0f} "
              f"{missing:>7}")


if __name__ == "__main__":
    main()
