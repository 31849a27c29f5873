"""Build the indicative buurt and wijk outlines of Groningen as GeoJSON.

Usage (from the repo root):
    .venv/bin/python scripts/build_outlines.py [--shared ../shared/data/groningen-buurten-2015.csv]

Writes nla_data/data/buurtgrenzen.geojson and nla_data/data/wijkgrenzen.geojson
(WGS84, compact, coordinates rounded to 5 decimals, deterministic order).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo import outlines  # noqa: E402

try:
    from domain.slugs import slug as _shared_slug  # noqa: E402
except ImportError:  # the lead adds domain/slugs.py later
    _shared_slug = None

DEFAULT_CSV = ROOT.parent / "shared" / "data" / "groningen-buurten-2015.csv"
OUT_DIR = ROOT / "nla_data" / "data"
STATUS = "indicatief"
BRON = "Indicatief: Voronoi-indeling van CBS-buurtpunten 2015, begrensd door een benaderde stadscontour"

# Tuned by eye and on area: these give an outline of ~88 km², near the
# municipality's 2015 size (~84 km² including water) without squeezing the
# rural edge buurten. 15 m simplification keeps both files well under budget.
OUTLINE_FACTOR = 1.15
OUTLINE_HULL_RATIO = 0.2
OUTLINE_CLOSE_M = 300.0
SIMPLIFY_M = 15.0
DECIMALS = 5


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.strip().lower()).strip("-")


slug = _shared_slug or _slug


def build(csv_path: Path) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, dict]:
    """Return (buurten, wijken) in WGS84, rounded, plus build facts for the summary."""
    df = pd.read_csv(csv_path, dtype={"buurtcode": str, "nla_wijk": str}).sort_values("buurtcode")
    df["wijk_id"] = df["nla_wijk"].map(lambda n: slug(n) if isinstance(n, str) and n.strip() else None)
    points = outlines.points_from_latlon(df).reset_index(drop=True)

    outline = outlines.city_outline(
        points, points["opp_land_ha"], factor=OUTLINE_FACTOR, hull_ratio=OUTLINE_HULL_RATIO, close_m=OUTLINE_CLOSE_M
    )
    cells = outlines.buurt_cells(points, outline, area_ha=points["opp_land_ha"])
    facts = {"outline_km2": outline.area / 1e6, "weight_scale": cells.attrs.get("power_weight_scale")}
    cells = outlines.simplify_coverage(cells, SIMPLIFY_M)

    # Wijken are dissolved from the simplified cells so their borders coincide
    # exactly with the buurt borders drawn on top of them.
    wijken = outlines.dissolve_wijken(cells, by="wijk_id", name_col="nla_wijk")
    buurten = cells[["buurtcode", "buurtnaam", "wijk_id", "geometry"]]
    return _finish(buurten), _finish(wijken), facts


def _finish(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    out = outlines.round_coordinates(gdf.to_crs(outlines.WGS84), DECIMALS)
    # RFC 7946 wants counter-clockwise exterior rings.
    oriented = shapely.orient_polygons(out.geometry.values, exterior_cw=False)
    out = out.set_geometry(gpd.GeoSeries(oriented, index=out.index, crs=out.crs))
    out["status"] = STATUS
    out["bron"] = BRON
    return out


def to_geojson(gdf: gpd.GeoDataFrame, columns: list[str]) -> str:
    features = [
        {
            "type": "Feature",
            "properties": {k: (None if pd.isna(v) else v) for k, v in props.items()},
            "geometry": shapely.geometry.mapping(geom),
        }
        for props, geom in zip(gdf[columns].to_dict("records"), gdf.geometry)
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_CSV, help="groningen-buurten-2015.csv")
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)

    buurten, wijken, facts = build(args.shared)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    files = {
        "buurtgrenzen.geojson": (buurten, ["buurtcode", "buurtnaam", "wijk_id", "status", "bron"], "buurtcode"),
        "wijkgrenzen.geojson": (wijken, ["wijk_id", "naam", "status", "bron"], "naam"),
    }
    print(f"outline {facts['outline_km2']:.1f} km², power weight scale {facts['weight_scale']}")
    failed = False
    for name, (gdf, columns, label) in files.items():
        path = args.out_dir / name
        path.write_text(to_geojson(gdf, columns) + "\n", encoding="utf-8")
        # Check what was written, not what was in memory.
        written = gpd.read_file(path)
        problems = outlines.coverage_problems(written, label_col=label)
        failed |= bool(problems)
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: "
              f"{len(written)} features, {path.stat().st_size / 1024:.1f} KB, "
              f"{'no coverage problems' if not problems else f'{len(problems)} problem(s)'}")
        for problem in problems:
            print(f"  - {problem}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
