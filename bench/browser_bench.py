"""Wijkperspectief in a real browser: how long a visitor waits, against a bare Streamlit page.

    .venv/bin/python bench/browser_bench.py            (make bench runs it after bench.py)
    .venv/bin/python bench/browser_bench.py --quick    fewer runs
    .venv/bin/python bench/browser_bench.py --runs 9 --starts 5

Debian's Chromium, driven by Playwright, opens each page in a fresh browser context and times the
navigation until the page's real ready state (the map drawn, the charts laid out, the wijk's key figures
and sections, Streamlit idle). The baseline is bench/bare_app.py (a title and one small plotly chart) on
its own server in the same run; measurements go round-robin, the table gives medians and the ratio
page / bare. A second table times the first visitor after a server start, for the app and for the bare
page. It prints figures and judges nothing; the CSV files go to bench/output/. See bench/README.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import environment  # noqa: E402 - bench/bench.py, beside this file
from domain.texts import t  # noqa: E402

OUTPUT = ROOT / "bench" / "output"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SPLIT = ("script_ms", "after_script_ms")  # the medians of Measured's split, printed beside the time
FIRST = ("first_ms", "first_ratio")  # the first screen's median, and its ratio to the bare page's
VIEWPORT = {"width": 1400, "height": 1000}
STREAMLIT_OPTIONS = ["--server.address", "127.0.0.1", "--server.headless", "true",
                     "--browser.gatherUsageStats", "false"]
# How the app is started: as `make run` and the browser tests start it, and as Streamlit's own command.
APP_LAUNCHERS = {name: command for name, command in {
    "serve.py": [sys.executable, str(ROOT / "serve.py")],
    "streamlit run": [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py")],
}.items() if Path(command[-1]).is_file()}  # an older checkout has no serve.py
BARE_COMMAND = [sys.executable, "-m", "streamlit", "run", str(ROOT / "bench" / "bare_app.py")]
TIMEOUT_MS = 180_000  # a page on a machine with a load of 15 on 2 cores can take a minute

# --- ready states: each a JS function that returns performance.now() (ms since the navigation started)
# at the first animation frame where the page is ready, and false before -----------------------------

# Streamlit idle: connected and no script running (tests/browser.py waits for the same state).
_IDLE = """(() => { const app = document.querySelector('[data-testid="stApp"]');
    return !!app && app.dataset.testScriptState === 'notRunning'
        && app.dataset.testConnectionState === 'CONNECTED'; })()"""
# The frame has drawn its own menu (ui.sidebar.menu).
_FRAME = "!!document.querySelector(\"[data-testid='stSidebar'] .st-key-menu [data-testid='stPageLink']\")"
# At least `n` plotly charts, each laid out at the width of its place (tests/test_browser_wonen.py).
_CHARTS = """((n) => { const plots = [...document.querySelectorAll('.js-plotly-plot')];
    return plots.length >= n && plots.every(gd => gd._fullLayout && gd.querySelector('.main-svg')
        && Math.abs(gd._fullLayout.width - gd.getBoundingClientRect().width) <= 2); })"""
# Per filled trace of the first plotly map: how many areas it asks for, how many lie (partly) in the view,
# and how many MapLibre has drawn (one per area by its centre `ct`), as tests/test_browser_kaart.py counts.
_MAP_TRACES = """(() => {
    const gd = [...document.querySelectorAll('.js-plotly-plot')].find(gd => gd._fullLayout?.map);
    const map = gd?._fullLayout.map._subplot?.map;
    if (!map) return [];
    // Not map.loaded(): it can stay false after everything is drawn (a request of the style that never
    // answers without a network); what counts is what MapLibre has drawn.
    let features;
    try { features = map.queryRenderedFeatures(); } catch (error) { return []; }
    const bounds = map.getBounds();
    return gd._fullData.filter(t => t.type === 'choroplethmap').map(trace => {
        const layer = `plotly-trace-layer-${trace.uid}-fill`;
        const drawn = new Set(features.filter(f => f.layer.id === layer).map(f => JSON.stringify(f.properties.ct)));
        // the outlines by URL (the page's way): plotly keeps the fetched file per URL; the trace's own areas
        const all = typeof trace.geojson === 'string' ? window.PlotlyGeoAssets?.[trace.geojson] : trace.geojson;
        if (!all?.features) return {asked: trace.locations.length, inView: Infinity, drawn: drawn.size};
        // plotly draws no area whose value is missing (px.choropleth_map with NaN): only those with one count
        const asked = new Set(trace.locations.filter((_, i) => !trace.z || Number.isFinite(trace.z[i])));
        const key = trace.featureidkey.replace('properties.', '');
        const inView = all.features.filter(f => asked.has(f.properties[key])).filter(f => {
            const xy = f.geometry.coordinates.flat(Infinity);
            for (let i = 0; i < xy.length; i += 2) if (bounds.contains([xy[i], xy[i + 1]])) return true;
            return false; }).length;
        return {asked: trace.locations.length, inView, drawn: drawn.size}; }); })()"""
# The first chart of the page laid out (the others may still be drawn).
_FIRST_CHART = """(() => { const gd = document.querySelector('.js-plotly-plot');
    return !!gd && !!gd._fullLayout && !!gd.querySelector('.main-svg')
        && Math.abs(gd._fullLayout.width - gd.getBoundingClientRect().width) <= 2; })()"""
# The city map drawn: every area in view of every filled trace.
_MAP_DRAWN = f"(t => t.length > 0 && t.every(x => x.drawn >= x.inView))({_MAP_TRACES})"
# The wijk page's small map drawn: the wijk's own buurten (its second filled trace); the outlines around
# it may lie partly outside the view (tests/test_browser_kaart.py waits the same way).
_WIJK_MAP_DRAWN = f"(t => t.length > 1 && t[1].asked > 0 && t[1].drawn >= t[1].asked)({_MAP_TRACES})"
_HEADING = "!!document.querySelector(\"[data-testid='stMain'] [data-testid='stHeading'] h2, [data-testid='stMain'] h1\")"
# The wijk page: its three sections (their headings, as domain.texts words them) and its key figures
# (tiles whose value is a level-3 heading: at least one row of 4 besides the sections).
_SECTIONS = [t(f"section.{name}", "nl") for name in ("gebeurt", "netwerk", "nodig")]
_WIJK = f"""((sections) => {{
    const h3 = [...document.querySelectorAll("[data-testid='stMain'] h3")].map(h => h.textContent.trim());
    return sections.every(s => h3.includes(s)) && h3.length >= sections.length + 4; }})({json.dumps(_SECTIONS)})"""


def _ready(*conditions: str) -> tuple[str, ...]:
    return conditions


@dataclass(frozen=True)
class Target:
    name: str  # as printed
    path: str  # URL path and query
    conditions: tuple[str, ...]  # JS expressions, all true once ready
    what: str  # the ready state in words, for the table's notes
    # The first screen (ui.md: "every page answers one question in the first screen"): what a visitor sees
    # before the rest of a long page is drawn; by default the ready state without waiting for Streamlit's idle.
    first: tuple[str, ...] = ()

    @property
    def ready(self) -> str:
        """JS: performance.now() (ms since the navigation started) at the first frame where all hold."""
        return _at_frame(self.conditions)

    @property
    def first_screen(self) -> str:
        return _at_frame(self.first or tuple(c for c in self.conditions if c != _IDLE))


def _at_frame(conditions: tuple[str, ...]) -> str:
    return "() => (" + " && ".join(conditions) + ") ? performance.now() : false"


BARE = Target("bare Streamlit page", "/", _ready("!!document.querySelector('h1')", f"{_CHARTS}(1)", _IDLE),
              "title and chart drawn, idle")
PAGES = [
    Target("/kaart", "/kaart", _ready(_FRAME, _MAP_DRAWN, _IDLE), "map drawn (every area in view), idle"),
    Target("/wijk?wijk=selwerd", "/wijk?wijk=selwerd", _ready(_FRAME, _WIJK, _WIJK_MAP_DRAWN, _IDLE),
           "key figures, sections and wijk map drawn, idle"),
    Target("/vergelijken", "/vergelijken", _ready(_FRAME, _HEADING, f"{_CHARTS}(3)", _IDLE), "3 charts drawn, idle",
           first=(_FRAME, _HEADING, _FIRST_CHART)),
    Target("/wonen", "/wonen", _ready(_FRAME, _HEADING, f"{_CHARTS}(8)", _IDLE), "8 charts drawn, idle",
           first=(_FRAME, _HEADING, _FIRST_CHART)),
    Target("/bijwerken", "/bijwerken", _ready(_FRAME, _HEADING, _IDLE), "heading, idle"),
    Target("/recent", "/recent", _ready(_FRAME, _HEADING, _IDLE), "heading, idle"),
]
# The bare page drawing exactly the charts of a chart page (bench/page_charts.py, bench/bare_app.py): the
# page against it is what the app adds to its charts (its frame, its script, its own way of sending them).
# Per page: the ready condition of its charts, in words.
SAME_CHARTS = {"/kaart": (_MAP_DRAWN, "the map drawn (every area in view)"),
               "/vergelijken": (f"{_CHARTS}(3)", "3 charts drawn"), "/wonen": (f"{_CHARTS}(8)", "8 charts drawn")}


def same_charts(path: str) -> Target:
    drawn, words = SAME_CHARTS[path]
    first = ("!!document.querySelector('h1')", drawn if path == "/kaart" else _FIRST_CHART)
    return Target(f"bare + {path}'s charts", f"/?charts={path.strip('/')}",
                  _ready("!!document.querySelector('h1')", drawn, _IDLE), f"title and {words}, idle", first=first)


# The first visitor opens the home page ("/": the map).
FIRST_APP = Target("app", "/", _ready(_FRAME, _MAP_DRAWN, _IDLE), "map drawn, idle")


# --- servers -------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    healthy_s: float  # from the start of the process to the first 200 of /_stcore/health


@contextmanager
def server(command: list[str], env: dict[str, str], healthy_timeout: float = 120) -> Iterator[Server]:
    """Start `command` on a free loopback port, wait until it is healthy, and stop that very process."""
    port = _free_port()
    OUTPUT.mkdir(parents=True, exist_ok=True)
    log = OUTPUT / f"server-{port}.log"
    with open(log, "w") as out:
        started = time.perf_counter()
        process = subprocess.Popen([*command, "--server.port", str(port), *STREAMLIT_OPTIONS], cwd=ROOT,
                                   env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_healthy(url, process, log, healthy_timeout)
        yield Server(url, process, time.perf_counter() - started)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_healthy(url: str, process: subprocess.Popen, log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server stopped: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"server not healthy within {timeout} s: {log}")


# --- one measurement -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Measured:
    ms: float  # navigation start to ready, as the page's own clock says
    first_ms: float  # navigation start to the first screen (Target.first_screen), the same clock
    ws_kib: float  # received over Streamlit's websocket until ready
    # Where the time goes (the test runner's clock, so only roughly aligned with the page's): from the first
    # message the browser sends (its request to run the script) to the last one it receives before ready
    # (the script's end); and from that last message to ready, what the browser draws after the script.
    script_ms: float | None
    after_script_ms: float | None


class Chromium:
    """One Chromium for the run, started again after a page that did not get ready (a software WebGL that
    stopped drawing on a busy machine leaves every later map blank)."""

    def __init__(self, playwright):
        self.playwright, self.browser = playwright, None
        self.start()

    def start(self) -> None:
        if self.browser is not None:
            self.browser.close()
        self.browser = self.playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

    def close(self) -> None:
        self.browser.close()


def measure(chromium: Chromium, url: str, target: Target) -> Measured | None:
    """Open `url + target.path` in a fresh browser context (no cache, no session) and wait until ready;
    None when it did not get ready within TIMEOUT_MS (what was missing is printed, with a screenshot)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context = chromium.browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        received, first_sent, last_received = [0], [None], [None]

        def on_received(payload) -> None:
            received[0] += len(payload)
            last_received[0] = time.perf_counter()

        def on_sent(_payload) -> None:
            if first_sent[0] is None:
                first_sent[0] = time.perf_counter()

        def on_socket(ws) -> None:
            ws.on("framereceived", on_received)
            ws.on("framesent", on_sent)

        page.on("websocket", on_socket)
        navigated = time.perf_counter()
        page.goto(url + target.path, wait_until="commit", timeout=TIMEOUT_MS)
        try:  # the first screen comes no later than ready: both are polled at every frame, one after the other
            first = page.wait_for_function(target.first_screen, polling="raf", timeout=TIMEOUT_MS).json_value()
            ready = page.wait_for_function(target.ready, polling="raf", timeout=TIMEOUT_MS).json_value()
        except PlaywrightTimeout:
            states = [page.evaluate(f"() => !!({condition})") for condition in target.conditions]
            states.append({"map traces": page.evaluate(f"() => {_MAP_TRACES}")})
            OUTPUT.mkdir(parents=True, exist_ok=True)
            shot = OUTPUT / f"not-ready-{re.sub(r'[^a-z0-9]+', '-', target.name.lower()).strip('-')}.png"
            page.screenshot(path=str(shot), full_page=True)
            print(f"\n  {target.name} not ready within {TIMEOUT_MS / 1000:.0f} s: conditions {states} "
                  f"(screenshot {shot.relative_to(ROOT)}); Chromium started again", file=sys.stderr, flush=True)
            context.close()
            chromium.start()
            return None
        script = after = None
        if first_sent[0] is not None and last_received[0] is not None:
            script = (last_received[0] - first_sent[0]) * 1000
            after = float(ready) - (last_received[0] - navigated) * 1000
        return Measured(float(ready), float(first), received[0] / 1024, script, after)
    finally:
        if chromium.browser.is_connected() and context in chromium.browser.contexts:
            context.close()


# --- the two tables ------------------------------------------------------------------------------


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _summarise(table: str, raw: list[dict], kinds: list[tuple[str, Target]], extra: tuple[str, ...] = ()) -> list[dict]:
    """Per kind: median, fastest, slowest of the runs that got ready, how many did not, and the ratio of
    the median to the first kind's (the bare page)."""
    def ready(name: str) -> list[dict]:
        return [r for r in raw if r["target"] == name and r["ms"] is not None]

    bare = _median([r["ms"] for r in ready(kinds[0][0])])
    rows = []
    for name, target in kinds:
        mine = ready(name)
        ms = [r["ms"] for r in mine]
        median = _median(ms)
        ratio = "baseline" if name == kinds[0][0] else (round(median / bare, 2) if median and bare else None)
        row = {"table": table, "target": name, "median_ms": _int(median), "min_ms": _int(min(ms, default=None)),
               "max_ms": _int(max(ms, default=None)), "n": len(ms),
               "failed": sum(1 for r in raw if r["target"] == name and r["ms"] is None), "ratio": ratio,
               "ws_kib": _int(_median([r["ws_kib"] for r in mine]))}
        for key in extra:
            value = _median([r[key] for r in raw if r["target"] == name and r.get(key) is not None])
            row[key] = None if value is None else round(value, 1)
        if "first_ms" in extra:
            bare_first = _median([r["first_ms"] for r in ready(kinds[0][0])])
            first = row["first_ms"]
            row["first_ratio"] = (None if not first or not bare_first else
                                  "baseline" if name == kinds[0][0] else round(first / bare_first, 2))
        rows.append({**row, "ready": target.what})
    return rows


def _int(value: float | None) -> int | None:
    return None if value is None else round(value)


def _split(got: Measured | None) -> dict:
    def rounded(value: float | None) -> float | None:
        return None if value is None else round(value)
    return {"script_ms": rounded(got.script_ms) if got else None,
            "after_script_ms": rounded(got.after_script_ms) if got else None,
            "first_ms": rounded(got.first_ms) if got else None}


def warm_pages(chromium: Chromium, app_url: str, bare_url: str, runs: int) -> tuple[list[dict], list[dict]]:
    """Every page and the bare one, `runs` times round-robin (the order turns each round), after one visit
    of each that is not counted (the servers' first runs)."""
    targets = [(BARE, bare_url)] + [(page, app_url) for page in PAGES]
    targets += [(same_charts(path), bare_url) for path in SAME_CHARTS]
    for target, url in targets:
        measure(chromium, url, target)
    raw: list[dict] = []
    for run in range(runs):
        shift = run % len(targets)
        for target, url in targets[shift:] + targets[:shift]:
            got = measure(chromium, url, target)
            raw.append({"table": "warm", "target": target.name, "run": run + 1,
                        "ms": round(got.ms, 1) if got else None, "ws_kib": round(got.ws_kib, 1) if got else None,
                        **_split(got)})
            print(".", end="", flush=True)
    print()
    return _summarise("warm", raw, [(target.name, target) for target, _ in targets], extra=(*SPLIT, "first_ms")), raw


def first_visitors(chromium: Chromium, env: dict[str, str], starts: int) -> tuple[list[dict], list[dict]]:
    """Start a server, wait for /_stcore/health, time the first navigation to the ready state, stop the
    server; for the bare page and for the app as each launcher starts it, `starts` times round-robin."""
    kinds = [("bare Streamlit page", BARE_COMMAND, BARE)]
    kinds += [(f"app, {name}", command, FIRST_APP) for name, command in APP_LAUNCHERS.items()]
    raw: list[dict] = []
    for run in range(starts):
        shift = run % len(kinds)
        for name, command, target in kinds[shift:] + kinds[:shift]:
            with server(command, env) as started:
                got = measure(chromium, started.url, target)
            raw.append({"table": "first", "target": name, "run": run + 1, "ms": round(got.ms, 1) if got else None,
                        "healthy_s": round(started.healthy_s, 2), "ws_kib": round(got.ws_kib, 1) if got else None,
                        **_split(got)})
            print(".", end="", flush=True)
    print()
    return _summarise("first", raw, [(name, target) for name, _, target in kinds], extra=("healthy_s", *SPLIT)), raw


def _print(title: str, rows: list[dict], extras: tuple[str, ...] = ()) -> None:
    print(f"\n{title}")
    head = f"  {'':<30}{'median ms':>10}{'min':>7}{'max':>7}{'n':>4}{'failed':>7}{'ratio':>10}{'ws KiB':>8}"
    print(head + "".join(f"{extra:>16}" for extra in extras) + "  ready when")
    for row in rows:
        ratio = row["ratio"] if isinstance(row["ratio"], str) or row["ratio"] is None else f"x{row['ratio']:.2f}"
        cells = [row["median_ms"], row["min_ms"], row["max_ms"], row["n"], row["failed"], ratio, row["ws_kib"]]
        cells = ["–" if cell is None else cell for cell in cells]
        line = (f"  {row['target']:<30}{cells[0]:>10}{cells[1]:>7}{cells[2]:>7}{cells[3]:>4}{cells[4]:>7}"
                f"{cells[5]:>10}{cells[6]:>8}")
        cells = "".join(f"{'–' if row[extra] is None else row[extra]:>16}" for extra in extras)
        print(line + cells + f"  {row['ready']}")


def _print_added(rows: list[dict]) -> None:
    """The chart pages against the bare page drawing the same charts: what the app adds besides its charts."""
    by_name = {row["target"]: row for row in rows}
    print("\n1b. the chart pages against the bare page drawing the same charts (what the app adds to its charts)")
    heads = [("page ms", 10), ("same charts", 13), ("ratio", 8), ("first screen", 14), ("same charts", 13), ("ratio", 8)]
    print(f"  {'':<30}" + "".join(f"{head:>{width}}" for head, width in heads))
    for path in SAME_CHARTS:
        page, same = by_name.get(path), by_name.get(same_charts(path).name)
        if not page or not same:
            continue
        cells = []
        for key in ("median_ms", "first_ms"):
            mine, theirs = page.get(key), same.get(key)
            cells += [mine, theirs, f"x{mine / theirs:.2f}" if mine and theirs else None]
        cells = ["–" if cell is None else cell for cell in cells]
        print(f"  {path:<30}{cells[0]:>10}{cells[1]:>13}{cells[2]:>8}{cells[3]:>14}{cells[4]:>13}{cells[5]:>8}")


def _write_csv(path: Path, rows: list[dict]) -> None:
    fields = list(dict.fromkeys(key for row in rows for key in row))
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Wijkperspectief in Chromium (prints figures, no thresholds)")
    parser.add_argument("--quick", action="store_true", help="3 runs per page and 2 server starts per kind")
    parser.add_argument("--runs", type=int, help="measurements per page on the warm servers (default 7)")
    parser.add_argument("--starts", type=int, help="server starts per kind for the first visitor (default 3)")
    parser.add_argument("--skip-first", action="store_true", help="only the warm table")
    args = parser.parse_args(argv)
    runs = args.runs or (3 if args.quick else 7)
    starts = args.starts or (2 if args.quick else 3)
    if not Path(CHROMIUM).exists():
        print(f"no Chromium at {CHROMIUM}: apt-get install chromium (or set CHROMIUM=…)", file=sys.stderr)
        return 2

    from playwright.sync_api import sync_playwright

    env_info = environment()
    print(f"Wijkperspectief browser bench  {env_info['time']}  commit {env_info['commit']}"
          f"{'  [--quick]' if args.quick else ''}")
    print(f"env: chromium {CHROMIUM}, streamlit {env_info['streamlit']}, plotly {env_info['plotly']}, "
          f"{env_info['cpus_usable']} usable CPUs; map style white-bg; load average {os.getloadavg()[0]:.2f} "
          f"{os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    data_dir = tempfile.mkdtemp(prefix="wijkperspectief-bench-")  # never the real database or users
    env = {**os.environ, "WIJKPERSPECTIEF_MAP_STYLE": "white-bg", "WIJKPERSPECTIEF_DATA_DIR": data_dir}
    env.pop("NLA_DATABASE_URL", None)
    started = time.perf_counter()
    summaries, raws = [], []
    with sync_playwright() as playwright:
        chromium = Chromium(playwright)
        try:
            launcher, command = next(iter(APP_LAUNCHERS.items()))
            charts_dir = Path(data_dir) / "charts"  # the chart pages' charts, for the bare page to draw
            subprocess.run([sys.executable, str(ROOT / "bench" / "page_charts.py"), str(charts_dir),
                            *(path.strip("/") for path in SAME_CHARTS)], env=env, check=True, capture_output=True)
            with server(command, env) as app, server(BARE_COMMAND, {**env, "BARE_CHARTS_DIR": str(charts_dir)}) as bare:
                print(f"warm servers ({launcher}): {runs} runs of {len(PAGES) + 1} pages ", end="", flush=True)
                summary, raw = warm_pages(chromium, app.url, bare.url, runs)
            _print("1. warm server, fresh browser context: navigation to ready (ratio = page / bare); first_ms: "
                   "to the first screen (the heading and first chart of a long page)", summary, (*SPLIT, *FIRST))
            summaries += summary
            raws += raw
            _print_added(summary)
            if not args.skip_first:
                print(f"\nfirst visitor: {starts} starts of each server ", end="", flush=True)
                summary, raw = first_visitors(chromium, env, starts)
                _print("2. first visitor after a server start: navigation to ready, after /_stcore/health "
                       "(ratio = app / bare)", summary, ("healthy_s", *SPLIT))
                summaries += summary
                raws += raw
        finally:
            chromium.close()
    print(f"\nbrowser bench took {time.perf_counter() - started:.0f} s; load average now "
          + " ".join(f"{v:.2f}" for v in os.getloadavg()))
    OUTPUT.mkdir(parents=True, exist_ok=True)
    _write_csv(OUTPUT / "browser_bench.csv", [{"commit": env_info["commit"], **row} for row in summaries])
    _write_csv(OUTPUT / "browser_bench_runs.csv", [{"commit": env_info["commit"], **row} for row in raws])
    print(f"figures written to {OUTPUT / 'browser_bench.csv'} and browser_bench_runs.csv")
    return 0


if __name__ == "__main__":
    sys.exit(main())
