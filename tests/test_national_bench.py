"""The national browser bench (bench/national_browser_bench.py) at a tiny size, so it cannot rot: the naive
map, streamlit-folium and the real Kaart page on a generated national package each get drawn in Chromium
and land in the CSV. It times nothing that is asserted: the benchmark is the judge of speed."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser import REQUIRED, require_chromium

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]


def test_national_bench_draws_every_case(tmp_path):
    require_chromium()
    try:
        import streamlit_folium  # noqa: F401
    except ImportError:
        message = "streamlit-folium missing: make bench-install (bench/requirements.txt)"
        pytest.fail(message) if REQUIRED else pytest.skip(message)

    done = subprocess.run([sys.executable, str(ROOT / "bench" / "national_browser_bench.py"), "--buurten", "200",
                           "--runs", "1", "--warmups", "0", "--output", str(tmp_path)],
                          check=False, cwd=ROOT, capture_output=True, text=True, timeout=300)

    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    with open(tmp_path / "national_browser_bench.csv", encoding="utf-8") as table:
        rows = {row["target"]: row for row in csv.DictReader(table)}
    apps = {name for name in rows if name.startswith("app: ")}
    assert set(rows) - apps == {"naive: px.choropleth_map", "folium: streamlit-folium", "bare Streamlit page"}
    assert {name.split(", ")[-1] for name in apps if "buurt level" in name} >= {"Groningen"}
    assert len(apps) == 3 and "app: /kaart wijk level" in apps
    for name, row in rows.items():
        assert (row["n"], row["failed"]) == ("1", "0"), f"{name} not drawn: {done.stderr[-2000:]}"
        assert float(row["median_ms"]) > 0 and float(row["ws_kib"]) > 0
    assert rows["naive: px.choropleth_map"]["ratio"] == "baseline"
    assert "buurten-" in done.stdout  # the app's outlines went by URL, as a file
