"""Wijkperspectief benchmark: prints figures, judges nothing.

    .venv/bin/python bench/bench.py            (or: make bench)   a few minutes on 2 cores
    .venv/bin/python bench/bench.py --quick    fewer repeats (1 cold start, 2 reruns per page)
    .venv/bin/python bench/bench.py --json bench/output/bench.json

Speed is measured, not assumed: every section has a baseline measured in the same run and the
ratio column is relative to that baseline. There are no thresholds and no asserts.
See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import ast
import ctypes
import gc
import gzip
import json
import logging
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MAP_STYLE = "white-bg"  # no network, as in the tests
os.environ["WIJKPERSPECTIEF_MAP_STYLE"] = MAP_STYLE

# The Netherlands in RD New (EPSG:28992), metres: roughly the land extent incl. the Wadden.
NL_BOX = (13_000.0, 306_000.0, 278_000.0, 619_000.0)
COUNTRY_BUURTEN = 13_000
COUNTRY_WIJKEN = 1_300  # grid binning of ~10 buurten each
SEED = 20150101
IMPORT_SIMPLIFY_M = 5.0  # what import-cbs simplifies a file's buurten by (nla_data.cbs.boundaries.SIMPLIFY_M)
COUNTRY_SIMPLIFY_M = 250.0  # below one pixel (~430 m) of a 620 px wide map of the whole country


# --- output --------------------------------------------------------------------------------------


class Section:
    """One table: rows of (name, value, unit, ratio) plus notes; printed and kept for --json."""

    def __init__(self, title: str):
        self.title, self.rows, self.notes = title, [], []

    def row(self, name: str, value, unit: str = "", ratio: float | str | None = None, cpu_ms: float | None = None,
            **extra) -> None:
        self.rows.append({"name": name, "value": value, "unit": unit, "ratio": ratio, "cpu_ms": cpu_ms, **extra})

    def note(self, text: str) -> None:
        self.notes.append(text)

    def print(self) -> None:
        print(f"\n== {self.title} ==")
        width = max([len(r["name"]) for r in self.rows] + [40])
        cpu = any(r.get("cpu_ms") is not None for r in self.rows)
        print(f"{'name':<{width}}  {'value':>12}  {'unit':<6}  {'cpu ms':>8}  ratio" if cpu
              else f"{'name':<{width}}  {'value':>12}  {'unit':<6}  ratio")
        print("-" * (width + (42 if cpu else 32)))
        for r in self.rows:
            cells = [f"{r['name']:<{width}}", f"{_fmt(r['value']):>12}", f"{r['unit']:<6}"]
            if cpu:
                cells.append(f"{_fmt(r.get('cpu_ms')) if r.get('cpu_ms') is not None else '':>8}")
            print("  ".join(cells + [_ratio(r["ratio"])]).rstrip())
        for text in self.notes:
            print(f"  * {text}")
        sys.stdout.flush()

    def as_dict(self) -> dict:
        return {"title": self.title, "rows": self.rows, "notes": self.notes}


def _fmt(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return f"{value:,}".replace(",", " ")
    if abs(value) >= 1000:
        return f"{value:,.0f}".replace(",", " ")
    if abs(value) >= 100:
        return f"{value:.1f}"
    return f"{value:.3g}" if abs(value) < 1 else f"{value:.2f}"


def _ratio(ratio) -> str:
    if ratio is None:
        return ""
    if isinstance(ratio, str):
        return ratio
    return f"x{ratio:.3g}" if ratio < 100 else f"x{ratio:,.0f}".replace(",", " ")


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def _timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def _clocked(fn, *args, **kwargs):
    """(wall seconds, CPU seconds of this process - all threads, result). On a busy machine the wall
    time grows with other load; the CPU time much less."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn(*args, **kwargs)
    return time.perf_counter() - wall, time.process_time() - cpu, result


def _gz(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=6))


# --- environment ---------------------------------------------------------------------------------


def environment() -> dict:
    import geopandas
    import numpy
    import plotly
    import shapely
    import streamlit

    from nla_data import package_dir_from_env

    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, timeout=10, check=False).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, timeout=10, check=False).stdout.strip()
        commit = commit + ("+dirty" if dirty else "") if commit else "?"
    except (OSError, subprocess.SubprocessError):
        commit = "?"
    mem_gib = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_gib = round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "python": platform.python_version(), "streamlit": streamlit.__version__, "plotly": plotly.__version__,
        "geopandas": geopandas.__version__, "shapely": shapely.__version__, "geos": shapely.geos_version_string,
        "numpy": numpy.__version__, "cpu_count": os.cpu_count(), "cpus_usable": usable, "mem_gib": mem_gib,
        "machine": platform.machine(), "system": platform.system(), "commit": commit,
        "package": str(package_dir_from_env()), "map_style": MAP_STYLE,
        "time": time.strftime("%Y-%m-%d %H:%M:%S %z"), "loadavg": _loadavg(),
        "dont_write_bytecode": bool(os.environ.get("PYTHONDONTWRITEBYTECODE")),
    }


def _loadavg() -> str:
    try:
        return " ".join(f"{v:.2f}" for v in os.getloadavg())
    except OSError:
        return "?"


# --- 1. cold start -------------------------------------------------------------------------------

def _app_imports() -> str:
    """`import …` of every module dashboard.py imports, read from its source (so new pages count too)."""
    tree = ast.parse((ROOT / "dashboard.py").read_text(encoding="utf-8"))
    modules: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            modules += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module != "__future__":
            base = ROOT.joinpath(*node.module.split("."))
            for alias in node.names:
                is_module = (base / f"{alias.name}.py").is_file() or (base / alias.name / "__init__.py").is_file()
                modules.append(f"{node.module}.{alias.name}" if is_module else node.module)
    return "import " + ", ".join(dict.fromkeys(modules))


APP_MODULES = _app_imports()
COLD_COMMANDS = [
    # (name, code, is_baseline)
    ("python -c pass (interpreter only)", "pass", False),
    ("import streamlit, plotly, geopandas", "import streamlit, plotly, geopandas", True),
    ("third-party deps of the app (+plotly.graph_objects, frictionless)",
     "import streamlit, plotly.graph_objects, geopandas, frictionless", False),
    ("app modules (what dashboard.py imports)", APP_MODULES, False),
    ("app modules + load_package()", APP_MODULES + "; from nla_data import load_package; load_package()", False),
]


def _run_child(code: str, env: dict | None = None) -> tuple[float, int, int, float]:
    """Wall time, exit code, peak RSS (bytes) and CPU time (user + system) of a fresh `python -c code`
    in the repo root."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err,
                                 env=env)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            err.seek(0)
            print(f"  ! child failed ({child.returncode}): {code}\n{err.read().decode(errors='replace')[-800:]}")
    return elapsed, child.returncode, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime  # maxrss: KiB


def cold_start(repeats: int) -> Section:
    section = Section(f"1. Cold start (fresh process, median of {repeats}, round-robin) and load_package "
                      "in-process")
    _run_child(COLD_COMMANDS[-1][1])  # warm the OS file cache and __pycache__ once; not counted
    runs: dict[str, list] = {name: [] for name, _, _ in COLD_COMMANDS}
    for _ in range(repeats):  # round-robin, so drift in machine load hits every command alike
        for name, code, _ in COLD_COMMANDS:
            runs[name].append(_run_child(code))
    results = {name: (statistics.median(r[0] for r in rs), max(r[2] for r in rs), [round(r[0], 3) for r in rs],
                      statistics.median(r[3] for r in rs)) for name, rs in runs.items()}
    base_t, base_rss, _, _ = results[COLD_COMMANDS[1][0]]
    for name, code, is_base in COLD_COMMANDS:
        elapsed, _, runs, cpu = results[name]
        section.row(name, _ms(elapsed), "ms", "baseline" if is_base else elapsed / base_t, cpu_ms=_ms(cpu),
                    runs_s=runs, code=code)
    full_t, full_rss, _, _ = results[COLD_COMMANDS[-1][0]]
    deps_t = results[COLD_COMMANDS[2][0]][0]
    mods_t = results[COLD_COMMANDS[3][0]][0]
    section.row("  added by our modules (app modules - third-party deps)", _ms(mods_t - deps_t), "ms")
    section.row("  added by load_package() (full - app modules)", _ms(full_t - mods_t), "ms")
    # The same with a warm bytecode cache in a temporary directory (never in the repo).
    with tempfile.TemporaryDirectory(prefix="wp-bench-pycache-") as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"PYTHONPYCACHEPREFIX": cache}
        _run_child(COLD_COMMANDS[-1][1], env)  # fills the cache
        cached_runs = [_run_child(COLD_COMMANDS[-1][1], env) for _ in range(repeats)]
    cached = statistics.median(r[0] for r in cached_runs)
    section.row("app modules + load_package(), bytecode cached", _ms(cached), "ms", cached / base_t,
                cpu_ms=_ms(statistics.median(r[3] for r in cached_runs)))
    section.row("peak RSS: import streamlit, plotly, geopandas", round(base_rss / 2**20, 1), "MiB", "baseline")
    section.row("peak RSS: app modules + load_package()", round(full_rss / 2**20, 1), "MiB", full_rss / base_rss)

    # In-process: the first call pays lazy imports (frictionless plugins); then the steady state.
    from nla_data import EMBEDDED_DIR, package_dir_from_env
    from nla_data.package import load_package, read_package
    from nla_data.validate import validate_package

    path = package_dir_from_env()
    first, first_cpu, loaded = _clocked(load_package, path)
    if not loaded.ok:
        section.note(f"load_package found {len(loaded.problems)} problem(s): figures below time a refusal")
    n = max(repeats, 7)

    def median_of(fn) -> tuple[float, float]:
        runs = [_clocked(fn, path)[:2] for _ in range(n)]
        return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)

    total, total_cpu = median_of(load_package)
    validate, validate_cpu = median_of(validate_package)
    section.row("in-process load_package(), first call", _ms(first), "ms", first / total, cpu_ms=_ms(first_cpu))
    section.row(f"in-process load_package(), median of {n}", _ms(total), "ms", "baseline", cpu_ms=_ms(total_cpu))
    section.row("  validate_package()", _ms(validate), "ms", validate / total, cpu_ms=_ms(validate_cpu))
    if loaded.ok:
        read, read_cpu = median_of(read_package)
        section.row("  read_package()", _ms(read), "ms", read / total, cpu_ms=_ms(read_cpu))
    section.note("ratio (of wall time): rows above the in-process block vs `import streamlit, plotly, geopandas`; "
                 "in-process rows vs load_package() median (validate + read ~ 1.0)")
    section.note("cpu ms: user + system CPU time of the child (or of this process), less sensitive to other load")
    section.note(f"package: {path}{' (embedded)' if path == EMBEDDED_DIR.resolve() else ''}")
    section.note(f"app modules = `{APP_MODULES}` (read from dashboard.py)")
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        section.note("PYTHONDONTWRITEBYTECODE is set here: the child rows compile the repo's modules on every "
                     "start; the 'bytecode cached' row shows the start without that")
    return section


# --- 2. page script time (AppTest) ---------------------------------------------------------------


def _quiet_streamlit() -> None:
    """AppTest outside a server logs 'missing ScriptRunContext' warnings on every run and resets
    Streamlit's log level from its config each time; silence warnings for the whole process."""
    logging.disable(logging.WARNING)


def _clear_caches() -> None:
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()


def _app(url_path: str, **params):
    from streamlit.navigation.page import calc_hash
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at._page_hash = calc_hash(url_path)  # no public API for callable pages
    return at


def _page_case(url_path: str, reruns: int, errors: list, **params) -> dict:
    """Cold: caches cleared, new session. Session: new session, warm caches. Warm: reruns of one session."""
    label = f"/{url_path}" + (f"?{'&'.join(f'{k}={v}' for k, v in params.items())}" if params else "")
    _clear_caches()
    at = _app(url_path, **params)
    cold, cold_cpu, _ = _clocked(at.run)
    warm = [_clocked(at.run)[:2] for _ in range(reruns)]
    errors += [f"{label}: {e.value}" for e in at.exception]
    other = _app(url_path, **params)
    session, session_cpu, _ = _clocked(other.run)
    errors += [f"{label} (new session): {e.value}" for e in other.exception]
    return {"label": label, "cold": cold, "session": session, "warm": statistics.median(w for w, _ in warm),
            "cold_cpu": cold_cpu, "session_cpu": session_cpu, "warm_cpu": statistics.median(c for _, c in warm),
            "warm_runs": [round(w, 4) for w, _ in warm]}


def pages(reruns: int) -> tuple[Section, dict]:
    _quiet_streamlit()
    from streamlit.testing.v1 import AppTest

    from nla_data import load_package

    section = Section(f"2. Page script time under AppTest (warm = median of {reruns} reruns)")
    errors: list[str] = []

    # Baselines: the AppTest harness on a one-line script, and on one empty plotly map chart.
    def harness(script: str) -> tuple[float, float]:
        at = AppTest.from_string(script, default_timeout=60)
        at.run()
        runs = [_clocked(at.run)[:2] for _ in range(max(reruns, 5))]
        return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)

    trivial, trivial_cpu = harness("import streamlit as st\nst.write('x')")
    base, base_cpu = harness("import plotly.graph_objects as go\nimport streamlit as st\n"
                   "st.plotly_chart(go.Figure(go.Choroplethmap()), key='m')")

    # The very first run in this process also imports pages/, domain/, ui/ and builds plotly's validators.
    _clear_caches()
    first_at = _app("overzicht")
    first, first_cpu, _ = _clocked(first_at.run)
    errors += [f"first run: {e.value}" for e in first_at.exception]

    kaart = _page_case("overzicht", reruns, errors)
    kaart_sel = _page_case("kaart", reruns, errors, wijk="selwerd")
    budget_city = _page_case("budget", reruns, errors)
    budget_wijk = _page_case("budget", reruns, errors, wijk="selwerd")
    wijken = list(load_package().package.wijken.index)
    # The first Wijk page run pays one-off costs (first badge, table, …); take it out of the loop.
    _clear_caches()
    first_wijk_at = _app("wijk", wijk=wijken[0])
    first_wijk, first_wijk_cpu, _ = _clocked(first_wijk_at.run)
    errors += [f"first wijk run: {e.value}" for e in first_wijk_at.exception]
    per_wijk = [_page_case("wijk", reruns, errors, wijk=w) | {"wijk": w} for w in wijken]

    section.row("harness: AppTest rerun of `st.write('x')`", _ms(trivial), "ms", trivial / base,
                cpu_ms=_ms(trivial_cpu))
    section.row("baseline: AppTest rerun of one empty st.plotly_chart map", _ms(base), "ms", "baseline",
                cpu_ms=_ms(base_cpu))
    section.row("first run in process (imports + cold cache), /overzicht", _ms(first), "ms", first / base,
                cpu_ms=_ms(first_cpu))
    section.row(f"first Wijk page run in process (cold cache), ?wijk={wijken[0]}", _ms(first_wijk), "ms",
                first_wijk / base, cpu_ms=_ms(first_wijk_cpu))
    for name, case in (("Kaart", kaart), ("Kaart", kaart_sel), ("Budget", budget_city), ("Budget", budget_wijk)):
        for key, text in (("cold", "cold (caches cleared)"), ("session", "new session, warm cache"),
                          ("warm", "warm rerun")):
            section.row(f"{name} {case['label']}: {text}", _ms(case[key]), "ms", case[key] / base,
                        cpu_ms=_ms(case[f"{key}_cpu"]), **({"runs_s": case["warm_runs"]} if key == "warm" else {}))
    for key, text in (("cold", "cold (caches cleared)"), ("session", "new session, warm cache"),
                      ("warm", "warm rerun")):
        med = statistics.median(c[key] for c in per_wijk)
        med_cpu = statistics.median(c[f"{key}_cpu"] for c in per_wijk)
        worst = max(per_wijk, key=lambda c: c[key])
        section.row(f"Wijk page, {len(per_wijk)} wijken, {text}: median", _ms(med), "ms", med / base,
                    cpu_ms=_ms(med_cpu))
        section.row(f"Wijk page, {len(per_wijk)} wijken, {text}: max ({worst['wijk']})", _ms(worst[key]), "ms",
                    worst[key] / base, cpu_ms=_ms(worst[f"{key}_cpu"]))
    section.note("ratio vs an AppTest rerun of a script holding one empty plotly map (the framework floor)")
    section.note("cold = st.cache_resource/cache_data cleared, new AppTest session: includes load_package()")
    section.note("times are the script run only: no browser, no websocket, no plotly.js rendering; "
                 "ratio is of wall time; cpu ms = CPU time of this process meanwhile (less sensitive to other load)")
    section.note(f"exceptions during these runs: {len(errors)}" + (f" -> {errors[:3]}" if errors else ""))

    detail = Section("2b. Wijk page per wijk (ms)")
    for case in per_wijk:
        detail.row(f"{case['wijk']}: cold / new session / warm", f"{_ms(case['cold']):.0f} / "
                   f"{_ms(case['session']):.0f} / {_ms(case['warm']):.0f}", "ms")
    return section, {"detail": detail, "per_wijk": per_wijk}


# --- 3. map payload ------------------------------------------------------------------------------


def _figure_json(figure) -> str:
    import plotly.io

    return plotly.io.to_json(figure, validate=False)  # what st.plotly_chart puts in its message


def _geojson_copies(figure) -> int:
    """Traces that each carry a full copy of the wijk outlines."""
    return sum(1 for trace in figure.data if getattr(trace, "featureidkey", None) == "properties.wijk_id")


def _build(fn, *args, repeats: int = 3, **kwargs):
    """Median build time over a few builds (the first pays one-off costs) and the last figure."""
    times, figure = [], None
    for _ in range(repeats):
        elapsed, figure = _timed(fn, *args, **kwargs)
        times.append(elapsed)
    return statistics.median(times), figure


def embedded_values(pkg) -> tuple:
    """The values frame and layer the Kaart page builds for its default indicator and latest year."""
    from domain import indicators as ind
    from domain.wijken import with_class
    from figures.maps import Layer
    from pages.kaart import DEFAULT_INDICATOR

    indicator = DEFAULT_INDICATOR if DEFAULT_INDICATOR in pkg.indicatoren.index else pkg.indicatoren.index[0]
    year = ind.latest_year(pkg.cijfers, indicator)
    definition = pkg.indicatoren.loc[indicator]
    layer = Layer(indicator, definition["label_nl"], definition["eenheid"], year)
    classed = with_class(pkg.wijken).set_index("wijk_id", drop=False)
    values = ind.wijk_values(pkg.cijfers, classed, indicator, year)
    values = values.assign(klasse=with_class(pkg.wijken).set_index("wijk_id")["klasse"])
    return values, layer


def payload(pkg) -> tuple[Section, dict]:
    import geopandas as gpd

    from figures.maps import Layer, overview_map, wijk_map
    from nla_data.schema import read_descriptor, resource_descriptor

    section = Section("3. Map payload (plotly.io.to_json, as st.plotly_chart sends it)")
    values, layer = embedded_values(pkg)
    descriptor = read_descriptor(pkg.path)
    texts = {name: (pkg.path / resource_descriptor(descriptor, name)["path"]).read_text(encoding="utf-8")
             for name in ("wijkgrenzen", "buurtgrenzen")}
    base = len(texts["wijkgrenzen"].encode())
    for name, text in texts.items():
        size = len(text.encode())
        section.row(f"input {name}.geojson", size, "B", "baseline" if name == "wijkgrenzen" else size / base)
        section.row(f"input {name}.geojson, gzip", _gz(text), "B", _gz(text) / base)

    figures = {}
    cases = [("overview, indicator mode", layer, None), ("overview, indicator mode, selected=selwerd", layer,
                                                         "selwerd"), ("overview, class mode", Layer(None), None)]
    for name, case_layer, selected in cases:
        build, figure = _build(overview_map, pkg.wijkgrenzen, values, case_layer, selected=selected,
                               style=MAP_STYLE, buurten=pkg.buurtgrenzen, classes=pkg.facts.classes)
        serial, text = _timed(_figure_json, figure)
        figures[name] = {"bytes": len(text.encode()), "gzip": _gz(text), "build_s": build, "json_s": serial,
                         "geojson_copies": _geojson_copies(figure)}
        f = figures[name]
        section.row(f"{name}", f["bytes"], "B", f["bytes"] / base, geojson_copies=f["geojson_copies"])
        section.row(f"{name}, gzip", f["gzip"], "B", f["gzip"] / base)
        section.row(f"{name}: copies of the wijk outlines in it", f["geojson_copies"], "")
        section.row(f"{name}: build / to_json", f"{_ms(build):.0f} / {_ms(serial):.0f}", "ms")

    metric = pkg.wijkgrenzen.dropna(subset=["wijk_id"]).to_crs("EPSG:28992")
    largest = metric.loc[metric.area.idxmax(), "wijk_id"]
    sizes = {}
    for wijk_id in pkg.wijken.index:  # as the Wijk page draws it
        outlines = pkg.wijkgrenzen.assign(klasse=pkg.wijken.loc[wijk_id, "klasse"])
        text = _figure_json(wijk_map(pkg.buurtgrenzen, outlines, wijk_id, style=MAP_STYLE,
                                     classes=pkg.facts.classes))
        sizes[wijk_id] = (len(text.encode()), _gz(text))
    biggest = max(sizes, key=lambda w: sizes[w][0])
    section.row(f"wijk map, largest wijk by area ({largest})", sizes[largest][0], "B", sizes[largest][0] / base)
    section.row(f"wijk map, largest wijk by area ({largest}), gzip", sizes[largest][1], "B", sizes[largest][1] / base)
    section.row(f"wijk map, largest payload of all wijken ({biggest})", sizes[biggest][0], "B",
                sizes[biggest][0] / base)
    section.note("ratio vs the size of wijkgrenzen.geojson on disk; the overview map is built as the Kaart page "
                 "builds it: the wijken, and the city's buurten outside them around")
    section.note("every Choroplethmap trace that fills wijken carries its own copy of their outlines (borders and "
                 "the selection are line traces); build = median of 3")
    vertices = int(gpd.GeoSeries(pkg.wijkgrenzen.geometry).count_coordinates().sum())
    return section, {"figures": figures, "wijk_vertices": vertices, "n_areas": len(pkg.wijkgrenzen)}


# --- 4. growth to the whole country --------------------------------------------------------------


def synthetic_country(n: int = COUNTRY_BUURTEN, seed: int = SEED):
    """n synthetic buurten covering the NL box in RD New: the GEOS Voronoi cells of n uniform points,
    clipped to the box (a coverage without gaps or overlaps, as CBS buurten are), grouped into ~1,300
    'wijken' by a square grid (~10 buurten per grid cell)."""
    import geopandas as gpd
    import numpy as np
    import shapely

    rng = np.random.default_rng(seed)
    minx, miny, maxx, maxy = NL_BOX
    x, y = rng.uniform(minx, maxx, n), rng.uniform(miny, maxy, n)
    points, box = shapely.points(x, y), shapely.box(*NL_BOX)
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(points), extend_to=box))
    cells = shapely.intersection(cells, box)
    point_i, cell_i = shapely.STRtree(cells).query(points, predicate="within")
    order = np.empty(n, dtype=int)
    order[point_i] = cell_i  # each point's own cell, in the points' order
    grid = math.sqrt((maxx - minx) * (maxy - miny) / COUNTRY_WIJKEN)
    gx, gy = ((x - minx) // grid).astype(int), ((y - miny) // grid).astype(int)
    return gpd.GeoDataFrame({"buurtcode": [f"BU{i:08d}" for i in range(n)],
                             "wijk_id": [f"w{a:02d}-{b:02d}" for a, b in zip(gx, gy)]},
                            geometry=cells[order], crs="EPSG:28992")


def _rss_kib(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _reset_peak_rss() -> bool:
    """Linux: writing 5 to clear_refs resets VmHWM (peak RSS) to the current RSS."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _release_freed_memory() -> None:
    """Collect garbage and hand freed heap pages back to the OS (glibc), so a later run has to fault
    its memory in again and shows up in the peak RSS instead of reusing already resident pages."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _measured(fn, *args, **kwargs):
    """(seconds, peak memory growth in bytes, how it was measured, result).

    Peak RSS growth (VmHWM after - VmRSS before) counts everything, GEOS's heap included; where
    the peak cannot be reset, tracemalloc's peak (Python and numpy allocations only) is used."""
    _release_freed_memory()
    before = _rss_kib("VmRSS")
    if before is not None and _reset_peak_rss():
        start = time.perf_counter()
        result = fn(*args, **kwargs)
        elapsed = time.perf_counter() - start
        return elapsed, max(0, (_rss_kib("VmHWM") or before) - before) * 1024, "peak RSS growth", result
    tracemalloc.start()
    try:
        start = time.perf_counter()
        result = fn(*args, **kwargs)
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return elapsed, peak, "tracemalloc peak", result


def _mib(n_bytes: float) -> float:
    return round(n_bytes / 2**20, 1)


def _wijken_of(buurten):
    """The wijken as the build and the import make them: the coverage union of their buurten."""
    from geo.coverage import union_by

    return union_by(buurten, "wijk_id")


def country(pkg, groningen_payload: dict) -> Section:
    import numpy as np
    import pandas as pd

    from figures.maps import Layer, overview_map
    from geo.coordinates import round_coordinates
    from geo.coverage import simplify_coverage
    from geo.crs import RD_NEW, WGS84

    section = Section(f"4. Growth to the whole country ({COUNTRY_BUURTEN} synthetic buurten, "
                      f"~{COUNTRY_WIJKEN} wijken)")
    # Baseline: Groningen's 106 CBS buurten from the package, in RD New; the wijken as the build makes them
    # (the rest of the city is one more area, as in wijkgrenzen.geojson).
    g_buurten = pkg.buurtgrenzen.to_crs(RD_NEW).assign(wijk_id=lambda f: f["wijk_id"].fillna("rest"))
    n_g = len(g_buurten)
    g_simp_t, _, _, _ = _measured(simplify_coverage, g_buurten, IMPORT_SIMPLIFY_M)
    g_diss_t, g_diss_mem, how, g_wijken = _measured(_wijken_of, g_buurten)
    g_buurt_vertices = int(g_buurten.geometry.count_coordinates().sum())
    section.row(f"Groningen: simplify_coverage({IMPORT_SIMPLIFY_M:.0f} m), {n_g} CBS buurten", _ms(g_simp_t), "ms",
                "baseline")
    section.row(f"Groningen: coverage union, {n_g} buurten -> {len(g_wijken)} areas", _ms(g_diss_t), "ms",
                "baseline")
    section.row("  memory", _mib(g_diss_mem), "MiB", "baseline")
    section.row("Groningen: vertices per buurt (CBS, as published)", round(g_buurt_vertices / n_g), "", "baseline")

    made_t, _, _, buurten = _measured(synthetic_country)
    n_wijken = buurten["wijk_id"].nunique()
    vertices = int(buurten.geometry.count_coordinates().sum())
    section.row(f"making the synthetic buurten: shapely.voronoi_polygons, {len(buurten)} points", _ms(made_t), "ms")
    section.row("synthetic: vertices per buurt", round(vertices / len(buurten)), "",
                vertices / len(buurten) / (g_buurt_vertices / n_g))
    simp_t, _, _, _ = _measured(simplify_coverage, buurten, IMPORT_SIMPLIFY_M)
    section.row(f"simplify_coverage({IMPORT_SIMPLIFY_M:.0f} m), {len(buurten)} buurten", _ms(simp_t), "ms",
                simp_t / g_simp_t)
    diss_t, diss_mem, _, wijken = _measured(_wijken_of, buurten)
    section.row(f"coverage union, {len(buurten)} buurten -> {len(wijken)} wijken", _ms(diss_t), "ms",
                diss_t / g_diss_t)
    section.row("  memory", _mib(diss_mem), "MiB", diss_mem / max(g_diss_mem, 1) if g_diss_mem else None)

    # Payload if all wijken were drawn on the overview map.
    classes = pkg.facts.classes
    rng = np.random.default_rng(SEED + 1)
    wgs = wijken.to_crs(WGS84).assign(naam=[f"Wijk {i:04d}" for i in range(len(wijken))], status="officieel",
                                      bron="synthetisch")  # the properties of wijkgrenzen.geojson
    values = pd.DataFrame({
        "wijk_id": wgs["wijk_id"], "naam": wgs["naam"],
        "klasse": np.array(classes.keys)[rng.integers(0, len(classes.keys), len(wgs))],
        "waarde": np.round(rng.uniform(0, 100, len(wgs)), 1), "illustratief": rng.random(len(wgs)) < 0.1,
        "bron": "synthetisch"})
    layer = Layer("synthetisch", "Synthetische indicator", "procent", 2015)
    g_fig = groningen_payload["figures"]
    g_vertices = groningen_payload["wijk_vertices"]
    section.row(f"Groningen: vertices in wijkgrenzen ({groningen_payload['n_areas']} features)", g_vertices, "",
                "baseline")
    for label, tolerance in (("no simplification", None),
                             (f"simplify_coverage {COUNTRY_SIMPLIFY_M:.0f} m", COUNTRY_SIMPLIFY_M)):
        drawn = wgs if tolerance is None else simplify_coverage(wgs, tolerance)
        drawn = round_coordinates(drawn, 5)  # as the build writes its GeoJSON
        vertices = int(drawn.geometry.count_coordinates().sum())
        section.row(f"country, {label}: vertices ({len(drawn)} wijken)", vertices, "", vertices / g_vertices)
        for mode, mode_layer, ref in (("indicator", layer, "overview, indicator mode"),
                                      ("class", Layer(None), "overview, class mode")):
            build, figure = _build(overview_map, drawn, values, mode_layer, style=MAP_STYLE, classes=classes,
                                   repeats=1)
            serial, text = _timed(_figure_json, figure)
            size, zipped = len(text.encode()), _gz(text)
            section.row(f"country, {label}, {mode} mode: figure JSON", round(size / 1024), "KiB",
                        size / g_fig[ref]["bytes"])
            section.row(f"country, {label}, {mode} mode: gzip", round(zipped / 1024), "KiB",
                        zipped / g_fig[ref]["gzip"])
            section.row(f"country, {label}, {mode} mode: build / to_json",
                        f"{_ms(build):.0f} / {_ms(serial):.0f}", "ms",
                        (build + serial) / (g_fig[ref]["build_s"] + g_fig[ref]["json_s"]))
    section.note("ratio vs the Groningen baseline of the same kind measured above (its CBS buurten, or the "
                 "section 3 figure of the same mode)")
    section.note(f"synthetic: {COUNTRY_BUURTEN} uniform points in the NL box (RD New), their Voronoi cells as "
                 f"buurten, {n_wijken} grid wijken, seed {SEED}")
    section.note(f"memory = {how}" + (" (VmHWM after - VmRSS before; GEOS included)" if how == "peak RSS growth"
                                      else " (Python and numpy only)"))
    section.note("country maps: every synthetic buurt lies in a wijk, so nothing is drawn around the wijken")
    section.note("Voronoi cells have fewer vertices than the package's CBS buurten (see 'vertices per buurt'; "
                 "those are already simplified for the map): real outlines of the country cost more")
    return section


# --- 5. the national map: the app's figure against the naive way --------------------------------


def _national_inputs(buurten_rd):
    """The synthetic country as the Kaart page's buurt level gets it: buurten and wijken in WGS84 with
    the package's properties, an indicator value per buurt (a tenth missing), the wijk names."""
    import numpy as np
    import pandas as pd

    from geo.coordinates import round_coordinates
    from geo.coverage import simplify_coverage
    from geo.crs import WGS84

    rng = np.random.default_rng(SEED + 2)
    n = len(buurten_rd)
    raw = buurten_rd.to_crs(WGS84).assign(buurtnaam=[f"Buurt {i:05d}" for i in range(n)], status="officieel",
                                          bron="synthetisch", gemeentecode="GM0000", jaar=2015)
    wijken = _wijken_of(buurten_rd).to_crs(WGS84)
    wijken = wijken.assign(naam=[f"Wijk {i:04d}" for i in range(len(wijken))], status="officieel", bron="synthetisch")
    drawn = round_coordinates(simplify_coverage(raw, COUNTRY_SIMPLIFY_M), 5)
    waarde = np.round(rng.uniform(0, 100, n), 1)
    waarde[rng.random(n) < 0.1] = np.nan
    values = pd.DataFrame({"waarde": waarde, "bron": "synthetisch", "illustratief": False},
                          index=pd.Index(raw["buurtcode"], name="buurtcode"))
    return raw, drawn, round_coordinates(simplify_coverage(wijken, COUNTRY_SIMPLIFY_M), 5), values


def _naive_map(raw, values):
    """What a developer writes first: plotly express on the outlines as read, every property in the
    GeoJSON, nothing cached."""
    import plotly.express as px

    frame = raw.join(values.drop(columns="bron"), on="buurtcode")
    return px.choropleth_map(frame, geojson=json.loads(frame.to_json()), locations="buurtcode",
                             featureidkey="properties.buurtcode", color="waarde", hover_name="buurtnaam",
                             hover_data=["wijk_id", "bron"], map_style=MAP_STYLE, zoom=6,
                             center={"lat": 52.2, "lon": 5.3}, opacity=0.85)


def national_map(repeats: int) -> Section:
    import inspect

    from figures import maps

    section = Section(f"5. The national map at buurt level ({COUNTRY_BUURTEN} synthetic buurten coloured): "
                      f"figure build + to_json, median of {repeats}, round-robin")
    raw, drawn, wijken, values = _national_inputs(synthetic_country())
    layer = maps.Layer("synthetisch", "Synthetische indicator", "procent", 2015)
    names = dict(zip(wijken["wijk_id"], wijken["naam"]))
    by_url = "geometry" in inspect.signature(maps.buurt_map).parameters
    cases = {"naive: px.choropleth_map, unsimplified, all properties": lambda: _naive_map(raw, values),
             "app: buurt_map, geometry embedded (the report's way)":
                 lambda: maps.buurt_map(drawn, wijken, values, layer, wijk_names=names, style=MAP_STYLE)}
    if by_url:
        from figures.map_geometry import MapGeometry

        geometry = MapGeometry(wijken="app/static/geo/wijken-x.geojson", buurten="app/static/geo/buurten-x.geojson")
        label_t, labels = _timed(maps.map_labels, wijken, beside=False)
        section.row("app: the wijken's names placed, once per package version (cached by the page)", _ms(label_t),
                    "ms")
        cases["app: buurt_map, geometry by URL, names cached (the page's way)"] = lambda: maps.buurt_map(
            drawn, wijken, values, layer, wijk_names=names, style=MAP_STYLE, geometry=geometry, labels=labels)
    times = {name: [] for name in cases}
    sizes = {}
    from figures.map_layers import unit_value

    for _ in range(repeats):
        for name, build in cases.items():
            unit_value.cache_clear()  # uncached: the formatted values are remembered across builds
            start = time.perf_counter()
            text = _figure_json(build())
            times[name].append(time.perf_counter() - start)
            sizes[name] = (len(text.encode()), _gz(text))
    base = "naive: px.choropleth_map, unsimplified, all properties"
    base_t = statistics.median(times[base])
    for name in cases:
        med = statistics.median(times[name])
        section.row(f"{name}: build + to_json", _ms(med), "ms", "baseline" if name == base else med / base_t)
        section.row(f"{name}: JSON", round(sizes[name][0] / 1024), "KiB",
                    "baseline" if name == base else sizes[name][0] / sizes[base][0])
        section.row(f"{name}: JSON gzip", round(sizes[name][1] / 1024), "KiB",
                    "baseline" if name == base else sizes[name][1] / sizes[base][1])
    for name in cases:
        if name != base:
            section.note(f"{name}: {base_t / statistics.median(times[name]):.1f}x faster than naive")
    if by_url:
        from figures.map_geometry import geojson_bytes

        elapsed, data = _timed(geojson_bytes, drawn, "buurtcode")
        section.row("app: the buurten GeoJSON file, made once per package version", _ms(elapsed), "ms")
        section.row("app: the buurten GeoJSON file", round(len(data) / 1024), "KiB")
        section.row("app: the buurten GeoJSON file, gzip", round(len(gzip.compress(data)) / 1024), "KiB")
    section.note(f"load average at the end: {_loadavg()}")
    return section


# --- main ----------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Wijkperspectief benchmark (prints figures, no thresholds)")
    parser.add_argument("--quick", action="store_true", help="fewer repeats (1 cold start, 2 reruns per page)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write all figures to this JSON file")
    parser.add_argument("--only-national-map", action="store_true", help="section 5 only")
    args = parser.parse_args(argv)
    if args.only_national_map:
        section = national_map(3 if args.quick else 5)
        section.print()
        return 0

    started = time.perf_counter()
    repeats, reruns = (1, 2) if args.quick else (3, 5)
    env = environment()
    print(f"Wijkperspectief bench  {env['time']}  commit {env['commit']}" + ("  [--quick]" if args.quick else ""))
    print(f"env: python {env['python']}, streamlit {env['streamlit']}, plotly {env['plotly']}, "
          f"geopandas {env['geopandas']}, shapely {env['shapely']} (GEOS {env['geos']}), numpy {env['numpy']}; "
          f"{env['cpu_count']} CPUs ({env['cpus_usable']} usable), {env['mem_gib']} GiB RAM, "
          f"{env['system']} {env['machine']}; map style {env['map_style']}; load average {env['loadavg']}"
          + ("; PYTHONDONTWRITEBYTECODE=1" if env["dont_write_bytecode"] else ""))
    sys.stdout.flush()

    sections = []
    s1 = cold_start(repeats)
    s1.print()
    sections.append(s1)

    s2, page_detail = pages(reruns)
    s2.print()
    page_detail["detail"].print()
    sections += [s2, page_detail["detail"]]

    from nla_data import load_package

    pkg = load_package().package
    s3, groningen_payload = payload(pkg)
    s3.print()
    sections.append(s3)

    s4 = country(pkg, groningen_payload)
    s4.print()
    sections.append(s4)

    s5 = national_map(2 if args.quick else 3)
    s5.print()
    sections.append(s5)

    total = time.perf_counter() - started
    print(f"\nbench took {total:.0f} s; load average now {_loadavg()}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"env": env, "quick": args.quick, "seconds": total,
                                         "sections": [s.as_dict() for s in sections]}, indent=2, default=str),
                             encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
