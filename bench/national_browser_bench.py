"""The national map in Chromium: navigation to the map drawn, the app against the naive way and folium.

    .venv/bin/python bench/national_browser_bench.py            (make bench runs it)
    .venv/bin/python bench/national_browser_bench.py --quick    2 runs per case
    .venv/bin/python bench/national_browser_bench.py --buurten 200 --runs 1 --warmups 0   (a check that it runs)

bench.py's 13,000 synthetic buurten (in some 330 synthetic municipalities) coloured by an indicator, three
ways, each on its own server in the same run, round-robin (the order turns each round), after one visit each
that is not counted:
1. naive (the baseline): bench/national_naive_app.py, `px.choropleth_map` on the unsimplified outlines
   with every property, uncached;
2. folium: bench/national_folium_app.py, folium's GeoJson in streamlit-folium (bench/requirements.txt);
3. app: the real Kaart page (started as `make run` starts it) on a national package that
   bench/national_package.py writes, the outlines a static file named by URL: at buurt level, which shows
   one municipality's buurten at a time (`/kaart?niveau=buurt&…`: Groningen's, the first a visitor sees;
   `&gemeente=…`: the largest synthetic one), and at wijk level (`/kaart`: the NLA wijken coloured, the
   country's ~1,350 other wijk outlines around them).
Timed as bench/browser_bench.py times a page (its Chromium, servers and ready states): the page's own clock
at the first frame where the map is drawn (plotly: every area in view drawn by MapLibre; folium: a Leaflet
path for every buurt) and Streamlit is idle. It prints figures and judges nothing; CSV to bench/output/.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import browser_bench as bb
import national_package

from bench import COUNTRY_BUURTEN, environment

BENCH = ROOT / "bench"
NAIVE_COMMAND = [sys.executable, "-m", "streamlit", "run", str(BENCH / "national_naive_app.py")]
FOLIUM_COMMAND = [sys.executable, "-m", "streamlit", "run", str(BENCH / "national_folium_app.py")]
BARE_COMMAND = bb.BARE_COMMAND  # Streamlit's own floor: a title and one small chart
APP_LAUNCHER, APP_COMMAND = next(iter(bb.APP_LAUNCHERS.items()))
HEALTHY_S = 600  # serve.py warms the pages on the national package before it listens
SPLIT = bb.SPLIT

_TITLE = "!!document.querySelector('h1')"
# streamlit-folium's map: Leaflet draws each buurt as an SVG path in its component's frame (same origin).
_LEAFLET_DRAWN = """((n) => {
    const frame = [...document.querySelectorAll('iframe')].find(f => (f.title || '').includes('folium'));
    const doc = frame?.contentDocument;
    return !!doc && doc.querySelectorAll('.leaflet-overlay-pane path').length >= n; })"""


def targets(made: national_package.NationalPackage) -> list[bb.Target]:
    """Naive first: the baseline of the ratio column."""
    return [
        bb.Target("naive: px.choropleth_map", "/", bb._ready(_TITLE, bb._IDLE, bb._MAP_DRAWN),
                  "map drawn (every area in view), idle"),
        bb.Target("folium: streamlit-folium", "/", bb._ready(_TITLE, bb._IDLE, f"{_LEAFLET_DRAWN}({made.n_synthetic})"),
                  f"a Leaflet path per buurt ({made.n_synthetic}), idle"),
        bb.Target("app: /kaart buurt level, Groningen", made.kaart_path,
                  bb._ready(bb._FRAME, bb._IDLE, bb._MAP_DRAWN), "map drawn (every area in view), idle"),
        bb.Target(f"app: /kaart buurt level, {made.other}", made.other_path,
                  bb._ready(bb._FRAME, bb._IDLE, bb._MAP_DRAWN), "map drawn (every area in view), idle"),
        bb.Target("app: /kaart wijk level", "/kaart", bb._ready(bb._FRAME, bb._IDLE, bb._MAP_DRAWN),
                  "map drawn (every area in view), idle"),
        bb.BARE,  # no map at all: what any Streamlit page costs in the same run (the floor of the ratios)
    ]


def run(chromium: bb.Chromium, cases: list[tuple[bb.Target, str]], runs: int, warmups: int = 1) -> list[dict]:
    for _ in range(warmups):  # the servers' first runs, not counted
        for target, url in cases:
            bb.measure(chromium, url, target)
    raw = []
    for number in range(runs):
        shift = number % len(cases)
        for target, url in cases[shift:] + cases[:shift]:
            got = bb.measure(chromium, url, target)
            raw.append({"table": "national", "target": target.name, "run": number + 1,
                        "ms": round(got.ms, 1) if got else None, "ws_kib": round(got.ws_kib, 1) if got else None,
                        **bb._split(got)})
            print(".", end="", flush=True)
    print()
    return raw


def with_folium_ratio(rows: list[dict]) -> list[dict]:
    """The ratio column is against naive (the first row); add the one against folium."""
    folium = next((row["median_ms"] for row in rows if row["target"].startswith("folium")), None)
    return [{**row, "ratio_vs_folium": round(row["median_ms"] / folium, 2) if row["median_ms"] and folium else None}
            for row in rows]


def outline_files() -> list[Path]:
    """The outlines the app wrote for the national package (ui/map_files.py): the newest of each level."""
    from ui.map_files import GEO_DIR

    newest = {}
    for path in sorted(GEO_DIR.glob("*.geojson"), key=lambda p: p.stat().st_mtime):
        newest[path.name.split("-")[0]] = path
    return list(newest.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 runs per case")
    parser.add_argument("--runs", type=int, help="measured runs per case (default 5)")
    parser.add_argument("--warmups", type=int, default=1, help="visits per case before the timed ones (default 1)")
    parser.add_argument("--output", type=Path, default=bb.OUTPUT, help="where the CSV files go (bench/output/)")
    parser.add_argument("--buurten", type=int, default=COUNTRY_BUURTEN, help="synthetic buurten (default 13000)")
    args = parser.parse_args(argv)
    runs = args.runs or (2 if args.quick else 5)
    if not Path(bb.CHROMIUM).exists():
        print(f"no Chromium at {bb.CHROMIUM}: apt-get install chromium (or set CHROMIUM=…)", file=sys.stderr)
        return 2
    try:
        import streamlit_folium  # noqa: F401
    except ImportError:
        print("streamlit-folium missing: .venv/bin/pip install -r bench/requirements.txt", file=sys.stderr)
        return 2
    from importlib.metadata import version

    from playwright.sync_api import sync_playwright

    info = environment()
    load = " ".join(f"{v:.2f}" for v in os.getloadavg())
    print(f"Wijkperspectief national map in Chromium  {info['time']}  commit {info['commit']}"
          f"{'  [--quick]' if args.quick else ''}")
    print(f"env: chromium {bb.CHROMIUM}, streamlit {info['streamlit']}, plotly {info['plotly']}, "
          f"streamlit-folium {version('streamlit-folium')}, folium {version('folium')}, {info['cpus_usable']} usable "
          f"CPUs; map style white-bg; load average {load}")
    work = Path(tempfile.mkdtemp(prefix="wijkperspectief-national-"))
    started = time.perf_counter()
    try:  # the package and the app's data directory are thrown away, also after a failure
        made = national_package.write(work, args.buurten)
        print(f"national package: {made.n_buurten} buurten ({made.n_synthetic} synthetic + Groningen's), "
              f"{made.n_wijk_outlines} wijk outlines, written in {time.perf_counter() - started:.1f} s")
        inputs = str(made.buurten_geojson.parent)
        env = {**os.environ, "WIJKPERSPECTIEF_MAP_STYLE": "white-bg", "NATIONAL_INPUTS": inputs}
        env.pop("NLA_DATABASE_URL", None)
        app_env = {**env, "NLA_DATA": str(made.package), "WIJKPERSPECTIEF_DATA_DIR": str(work / "data")}
        naive, folium, *apps, bare = targets(made)
        with sync_playwright() as playwright:
            chromium = bb.Chromium(playwright)
            try:
                with (bb.server(NAIVE_COMMAND, env) as naive_server, bb.server(FOLIUM_COMMAND, env) as folium_server,
                      bb.server(APP_COMMAND, app_env, healthy_timeout=HEALTHY_S) as app_server,
                      bb.server(BARE_COMMAND, env) as bare_server):
                    print(f"servers healthy after {naive_server.healthy_s:.1f} s (naive), "
                          f"{folium_server.healthy_s:.1f} s (folium), {app_server.healthy_s:.1f} s (app, "
                          f"{APP_LAUNCHER} warming the pages); "
                          f"{runs} runs of {3 + len(apps)} cases ", end="", flush=True)
                    raw = run(chromium, [(naive, naive_server.url), (folium, folium_server.url),
                                         *[(app, app_server.url) for app in apps], (bare, bare_server.url)],
                              runs, args.warmups)
            finally:
                chromium.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    kinds = [(target.name, target) for target in (naive, folium, *apps, bare)]
    rows = with_folium_ratio(bb._summarise("national", raw, kinds, extra=SPLIT))
    bb._print(f"National map, {made.n_synthetic} synthetic buurten in {made.n_municipalities} synthetic "
              f"municipalities: navigation to the map drawn (ratio = case / naive; naive and folium draw every "
              f"buurt, the app at buurt level one municipality's: Groningen's {made.n_buurten - made.n_synthetic}, "
              f"{made.other}'s {made.n_other})", rows, (*SPLIT, "ratio_vs_folium"))
    for path in outline_files():
        data = path.read_bytes()
        print(f"  app's outlines by URL (HTTP, once per browser, not in ws KiB): {path.name} "
              f"{len(data) / 1024:.0f} KiB, gzip {len(gzip.compress(data)) / 1024:.0f} KiB")
    medians = {row["target"]: row["median_ms"] for row in rows}
    naive_ms, folium_ms = medians[naive.name], medians[folium.name]
    for app in apps:
        app_ms = medians[app.name]
        print(f"  {app.name}: faster than naive ×{naive_ms / app_ms:.2f}, than folium ×{folium_ms / app_ms:.2f}"
              if app_ms and naive_ms and folium_ms else f"  {app.name}: a case had no run that got ready")
    if medians[bare.name] and naive_ms:
        print(f"  a bare Streamlit page (no map): {medians[bare.name]:.0f} ms, naive / bare ×"
              f"{naive_ms / medians[bare.name]:.2f}: no Streamlit page can be ×5 faster than naive when naive is "
              f"less than ×5 a page with nothing on it")
    print(f"\nnational browser bench took {time.perf_counter() - started:.0f} s; load average now "
          + " ".join(f"{v:.2f}" for v in os.getloadavg()))
    args.output.mkdir(parents=True, exist_ok=True)
    bb._write_csv(args.output / "national_browser_bench.csv",
                  [{"commit": info["commit"], "buurten": made.n_synthetic, **row} for row in rows])
    bb._write_csv(args.output / "national_browser_bench_runs.csv", [{"commit": info["commit"], **row} for row in raw])
    print(f"figures written to {args.output / 'national_browser_bench.csv'} and national_browser_bench_runs.csv")
    return 0


if __name__ == "__main__":
    sys.exit(main())
