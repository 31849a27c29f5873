"""Benchmark of the CBS import and the compare/housing pages. Prints figures; asserts nothing.

    .venv/bin/python bench/import_bench.py [--buurten 13000]

1. A synthetic Wijk- en buurtkaart of the whole country (about 13,000 buurten in RD New, long
   lower-case columns): Groningen's 106 buurten with their codes and CBS 2015 outlines from the
   package, the others squares of 280 m spread over the country; as a GeoPackage; then:
   reading it whole, `prepare_import` for GM0014 (read with the municipality filter + plan), and
   `apply_import` into a copy of the package. Baseline in the same run: the same steps on a file
   with only the Groningen buurten, so the ratio shows what the other 12,900 buurten cost.
2. Page script times (AppTest, warm cache, median of 5) of /vergelijken and /wonen next to /kaart.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("WIJKPERSPECTIEF_MAP_STYLE", "white-bg")

from geo.crs import RD_NEW
from nla_data import EMBEDDED_DIR
from nla_data.cbs_import import apply_import, prepare_import
from nla_data.package import read_package

NL_RD = (13_000, 306_000, 278_000, 620_000)  # RD New bounding box of the Netherlands (metres)


def country_map(n: int, seed: int = 2013) -> gpd.GeoDataFrame:
    """`n` buurten: Groningen's with their real codes and outlines, the rest squares spread over the country."""
    package = read_package(EMBEDDED_DIR)
    groningen = package.buurten.astype({"buurtcode": str, "buurtnaam": str, "cbs_wijkcode": str})
    outlines = package.buurtgrenzen.to_crs(RD_NEW).set_index("buurtcode").geometry.reindex(groningen["buurtcode"])
    rng = np.random.default_rng(seed)
    others = n - len(groningen)
    x = rng.uniform(NL_RD[0], NL_RD[2], others)
    y = rng.uniform(NL_RD[1], NL_RD[3], others)
    municipality = rng.integers(100, 2000, others)
    codes = [f"BU{m:04d}{i % 10_000:04d}" for i, m in enumerate(municipality)]
    frame = pd.DataFrame({
        "buurtcode": list(groningen["buurtcode"]) + codes,
        "buurtnaam": list(groningen["buurtnaam"]) + [f"Buurt {i}" for i in range(others)],
        "wijkcode": list(groningen["cbs_wijkcode"]) + [f"WK{m:04d}{i % 100:02d}" for i, m in enumerate(municipality)],
        "gemeentecode": ["GM0014"] * len(groningen) + [f"GM{m:04d}" for m in municipality],
        "jaarstatcode": [f"2015{c}" for c in list(groningen["buurtcode"]) + codes],
    })
    total = len(frame)
    frame["aantal_inwoners"] = rng.integers(50, 9000, total)
    frame["aantal_huishoudens"] = (frame["aantal_inwoners"] * rng.uniform(0.4, 0.7, total)).astype(int)
    frame["woningvoorraad"] = (frame["aantal_huishoudens"] * rng.uniform(0.9, 1.1, total)).astype(int)
    frame["gemiddelde_woningwaarde"] = rng.integers(90, 600, total)
    frame["percentage_koopwoningen"] = rng.integers(5, 95, total)
    frame["percentage_huurwoningen_in_bezit_woningcorporaties"] = rng.integers(0, 70, total)
    squares = shapely.box(x - 140, y - 140, x + 140, y + 140)  # 280 m
    return gpd.GeoDataFrame(frame, geometry=np.concatenate([outlines.to_numpy(), squares]), crs=RD_NEW)


def _timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def imports(n: int) -> list[tuple[str, float, float, float]]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="nla-bench-") as folder:
        folder = Path(folder)
        whole = country_map(n)
        small = whole[whole["gemeentecode"] == "GM0014"]
        files = {}
        for name, frame in (("groningen", small), ("land", whole)):
            files[name] = folder / f"{name}.gpkg"
            frame.to_file(files[name], layer="buurten", driver="GPKG")
        size = {name: path.stat().st_size for name, path in files.items()}
        timings = {}
        for name, path in files.items():
            copy = folder / f"pakket-{name}"
            shutil.copytree(EMBEDDED_DIR / "data", copy / "data")
            shutil.copy2(EMBEDDED_DIR / "datapackage.json", copy / "datapackage.json")
            package = read_package(copy)
            _, read_whole = _timed(gpd.read_file, path)
            plan, planning = _timed(prepare_import, path, package, year=2015, municipality="GM0014")
            assert plan.ok, plan.problems
            problems, applying = _timed(apply_import, plan, copy)
            assert not problems, problems
            timings[name] = (read_whole, planning, applying)
        for step, index in (("read the whole file (geopandas)", 0), ("prepare_import GM0014 (read + plan)", 1),
                            ("apply_import (write + validate)", 2)):
            base, big = timings["groningen"][index], timings["land"][index]
            rows.append((step, base, big, big / base))
        rows.append(("file size (MB)", size["groningen"] / 1e6, size["land"] / 1e6,
                     size["land"] / size["groningen"]))
    return rows


def page_times(reruns: int = 5) -> list[tuple[str, float, float]]:
    from streamlit.navigation.page import calc_hash
    from streamlit.testing.v1 import AppTest

    os.environ.setdefault("NLA_DATABASE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='nla-bench-')}/bench.sqlite")
    rows = []
    for url_path, params in (("kaart", {}), ("vergelijken", {}), ("vergelijken", {"wijk": "selwerd"}),
                             ("wonen", {})):
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
        for key, value in params.items():
            at.query_params[key] = value
        at._page_hash = calc_hash(url_path)
        _, first = _timed(at.run)
        warm = [_timed(at.run)[1] for _ in range(reruns)]
        label = f"/{url_path}" + (f"?wijk={params['wijk']}" if params else "")
        rows.append((label, first, statistics.median(warm)))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--buurten", type=int, default=13_000)
    args = parser.parse_args(argv)
    print(f"CBS import: Groningen only (106 buurten) vs the whole country ({args.buurten} buurten)")
    print(f"{'step':40} {'106 (s)':>10} {args.buurten:>9} {'ratio':>8}")
    for step, base, big, ratio in imports(args.buurten):
        print(f"{step:40} {base:10.2f} {big:9.2f} {ratio:7.1f}x")
    print()
    print("Page script time (AppTest, includes the frame)")
    print(f"{'page':32} {'first run (s)':>14} {'warm median (s)':>16}")
    for label, first, warm in page_times():
        print(f"{label:32} {first:14.2f} {warm:16.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
