"""The wijk page bench (bench/wijk_page_bench.py) at a tiny size, so it cannot rot: the page with no entries and
with 90 in one wijk (30 a section: a "Meer tonen" to click) is drawn in Chromium and lands in the CSV. It
asserts no time: the benchmark is the judge of speed."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser import require_chromium

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]


def test_wijk_page_bench_draws_the_page_and_clicks_more(tmp_path):
    require_chromium()
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "wijk_page_bench.py"), "--sizes", "90", "--runs", "1",
                           "--output", str(tmp_path)], check=False, cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    with open(tmp_path / "wijk_page_bench.csv", encoding="utf-8") as table:
        rows = {int(row["entries in wijk"]): row for row in csv.DictReader(table)}
    assert set(rows) == {0, 90}
    for size, row in rows.items():
        assert row["failed"] == "0" and float(row["ms"]) > 0 and float(row["ws KiB"]) > 0, (size, done.stdout)
    assert rows[0]["ratio"] == "x1.00" and rows[0]["more_ms"] == ""  # nothing to unfold without entries
    assert float(rows[90]["more_ms"]) > 0  # the click drew the next cards
    assert float(rows[90]["ws KiB"]) > float(rows[0]["ws KiB"])  # the cards were sent
