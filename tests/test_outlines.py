"""Tests for geo.outlines and the committed indicative boundary files."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import Polygon, box, shape

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # plain `pytest` does not put the repo root on sys.path
    sys.path.insert(0, str(ROOT))

from geo import outlines  # noqa: E402

SHARED_CSV = ROOT.parent / "shared" / "data" / "groningen-buurten-2015.csv"
DATA = ROOT / "nla_data" / "data"
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _synthetic_points() -> pd.DataFrame:
    """A jittered 8x6 grid of 'buurten' around Groningen, 5 of them in 3 wijken."""
    rng = np.random.default_rng(14)
    gx, gy = np.meshgrid(np.arange(8) * 900.0, np.arange(6) * 900.0)
    x = 229000 + gx.ravel() + rng.uniform(-250, 250, gx.size)
    y = 579000 + gy.ravel() + rng.uniform(-250, 250, gy.size)
    df = gpd.GeoDataFrame(geometry=gpd.points_from_xy(x, y, crs=outlines.RD_NEW)).to_crs(outlines.WGS84)
    names = [None] * gx.size
    names[10:12], names[20], names[30:32] = ["Noord"] * 2, "Midden", ["Zuid West"] * 2
    return pd.DataFrame(
        {
            "buurtcode": [f"BU9999{i:04d}" for i in range(gx.size)],
            "buurtnaam": [f"Buurt {i}" for i in range(gx.size)],
            "lat": df.geometry.y.round(4),
            "lon": df.geometry.x.round(4),
            "opp_land_ha": rng.uniform(10, 200, gx.size).round(),
            "nla_wijk": names,
        }
    )


@pytest.fixture(scope="module")
def source() -> pd.DataFrame:
    if SHARED_CSV.exists():
        return pd.read_csv(SHARED_CSV, dtype={"buurtcode": str, "nla_wijk": str})
    return _synthetic_points()


@pytest.fixture(scope="module")
def points(source) -> gpd.GeoDataFrame:
    pts = outlines.points_from_latlon(source)
    pts["wijk_id"] = pts["nla_wijk"].str.lower().str.replace(r"[^a-z0-9]+", "-", regex=True)
    return pts


@pytest.fixture(scope="module")
def outline(points) -> Polygon:
    return outlines.city_outline(points, points["opp_land_ha"])


@pytest.fixture(scope="module")
def cells(points, outline) -> gpd.GeoDataFrame:
    return outlines.buurt_cells(points, outline, area_ha=points["opp_land_ha"])


# --- building ---------------------------------------------------------------


def test_outline_is_one_polygon_around_all_points(points, outline):
    assert outline.geom_type == "Polygon" and outline.is_valid
    assert len(outline.interiors) == 0
    assert shapely.contains(outline, np.asarray(points.geometry.values)).all()


def test_cells_partition_the_outline(points, outline, cells):
    assert len(cells) == len(points)
    assert cells.index.equals(points.index)
    assert list(cells.columns) == list(points.columns)
    assert outlines.coverage_problems(cells, outline, label_col="buurtcode") == []
    assert cells.area.sum() == pytest.approx(outline.area, rel=1e-9)


def test_every_point_lies_inside_its_own_cell(points, cells):
    assert cells.contains(points.geometry, align=True).all()


def test_plain_voronoi_also_partitions(points, outline):
    plain = outlines.buurt_cells(points, outline)
    assert plain.attrs["power_weight_scale"] == 0.0
    assert outlines.coverage_problems(plain, outline) == []
    assert plain.contains(points.geometry, align=True).all()


def test_cell_pieces_cut_off_by_a_concave_outline_are_absorbed():
    # A deep notch splits the Voronoi cell of the point left of it in two.
    outline = box(0, 0, 1000, 1000).difference(box(450, 200, 550, 1000))
    xy = np.array([[100, 900], [900, 900], [420, 600], [500, 50]], dtype=float)
    pts = gpd.GeoDataFrame(geometry=gpd.points_from_xy(xy[:, 0], xy[:, 1]), crs=outlines.RD_NEW)
    result = outlines.buurt_cells(pts, outline)
    assert (result.geom_type == "Polygon").all()
    assert result.contains(pts.geometry, align=True).all()
    assert outlines.coverage_problems(result, outline) == []


def test_dissolve_gives_one_feature_per_wijk_plus_the_rest(source, cells):
    wijken = outlines.dissolve_wijken(cells, by="wijk_id", name_col="nla_wijk")
    n_named = source["nla_wijk"].dropna().nunique()
    if SHARED_CSV.exists():
        assert n_named == 15
    assert len(wijken) == n_named + 1
    assert wijken["wijk_id"].iloc[-1] is None
    assert wijken["naam"].iloc[-1] == outlines.REST_NAME
    ids = wijken["wijk_id"].iloc[:-1].tolist()
    assert ids == sorted(ids) and all(SLUG.fullmatch(i) for i in ids)
    assert outlines.coverage_problems(wijken, label_col="naam") == []
    assert wijken.area.sum() == pytest.approx(cells.area.sum(), rel=1e-9)


def test_simplify_and_round_keep_borders_shared(cells):
    simple = outlines.simplify_coverage(cells, 15.0)
    assert shapely.get_num_coordinates(simple.geometry.values).sum() < shapely.get_num_coordinates(
        cells.geometry.values
    ).sum()
    assert outlines.coverage_problems(simple) == []
    rounded = outlines.round_coordinates(simple.to_crs(outlines.WGS84), 5)
    coords = shapely.get_coordinates(rounded.geometry.values)
    assert np.array_equal(coords, np.round(coords, 5))
    assert outlines.coverage_problems(rounded) == []


# --- coverage_problems catches broken input -----------------------------------


def _frame(geoms) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"naam": [f"g{i}" for i in range(len(geoms))]}, geometry=geoms, crs=outlines.RD_NEW)


def test_coverage_problems_accepts_a_clean_grid():
    assert outlines.coverage_problems(_frame([box(0, 0, 100, 100), box(100, 0, 200, 100)])) == []


def test_coverage_problems_detects_overlap():
    problems = outlines.coverage_problems(_frame([box(0, 0, 100, 100), box(90, 0, 200, 100)]), label_col="naam")
    assert any("overlap g0 / g1" in p for p in problems)


def test_coverage_problems_detects_gap():
    ring = [box(0, 0, 300, 100), box(0, 200, 300, 300), box(0, 100, 100, 200), box(200, 100, 300, 200)]
    assert any("gap" in p for p in outlines.coverage_problems(_frame(ring)))
    # Against an outline, a gap along the edge counts too.
    two = _frame([box(0, 0, 100, 100), box(110, 0, 200, 100)])
    assert any("gap" in p for p in outlines.coverage_problems(two, box(0, 0, 200, 100)))


def test_coverage_problems_detects_invalid_and_empty():
    bowtie = Polygon([(0, 0), (100, 100), (100, 0), (0, 100)])
    problems = outlines.coverage_problems(_frame([bowtie, Polygon(), box(200, 0, 300, 100)]), label_col="naam")
    assert any(p.startswith("g0: invalid geometry (Self-intersection") for p in problems)
    assert any(p == "g1: empty geometry" for p in problems)


def test_coverage_problems_detects_borders_that_do_not_match_vertex_for_vertex():
    # No overlap and no gap, but the left box lacks the vertex at (100, 50).
    t_junction = [box(0, 0, 100, 100), box(100, 0, 200, 50), box(100, 50, 200, 100)]
    problems = outlines.coverage_problems(_frame(t_junction), label_col="naam")
    assert len(problems) == 1 and "do not match exactly" in problems[0]


# --- committed files ------------------------------------------------------------


def _load(name: str) -> dict:
    path = DATA / name
    assert path.exists(), f"{path} missing: run scripts/build_outlines.py"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("name", "keys", "max_kb"),
    [
        ("buurtgrenzen.geojson", ["buurtcode", "buurtnaam", "wijk_id", "status", "bron"], 150),
        ("wijkgrenzen.geojson", ["wijk_id", "naam", "status", "bron"], 60),
    ],
)
def test_committed_geojson_is_valid_wgs84(name, keys, max_kb):
    assert (DATA / name).stat().st_size < max_kb * 1024
    data = _load(name)
    assert data["type"] == "FeatureCollection"
    geoms = [shape(f["geometry"]) for f in data["features"]]
    assert {g.geom_type for g in geoms} <= {"Polygon", "MultiPolygon"}
    assert all(g.is_valid and not g.is_empty for g in geoms)
    for feature in data["features"]:
        assert list(feature["properties"]) == keys
        assert feature["properties"]["status"] == "indicatief"
        assert feature["properties"]["bron"].startswith("Indicatief")
    coords = shapely.get_coordinates(geoms)
    assert np.array_equal(coords, np.round(coords, 5))
    # Lon/lat order and a Groningen-sized extent rule out RD or swapped axes.
    assert coords[:, 0].min() > 6.3 and coords[:, 0].max() < 6.8
    assert coords[:, 1].min() > 53.1 and coords[:, 1].max() < 53.35
    gdf = gpd.GeoDataFrame([f["properties"] for f in data["features"]], geometry=geoms, crs=outlines.WGS84)
    assert outlines.coverage_problems(gdf) == []


def test_committed_wijkgrenzen_order_and_rest_feature():
    props = [f["properties"] for f in _load("wijkgrenzen.geojson")["features"]]
    ids = [p["wijk_id"] for p in props]
    assert ids[-1] is None and props[-1]["naam"] == outlines.REST_NAME
    assert None not in ids[:-1] and ids[:-1] == sorted(ids[:-1])
    assert all(SLUG.fullmatch(i) for i in ids[:-1])
    if SHARED_CSV.exists():
        assert len(ids) == 16


def test_committed_files_agree_with_each_other():
    buurten = gpd.read_file(DATA / "buurtgrenzen.geojson").to_crs(outlines.RD_NEW)
    wijken = gpd.read_file(DATA / "wijkgrenzen.geojson").to_crs(outlines.RD_NEW)
    codes = buurten["buurtcode"].tolist()
    assert codes == sorted(codes) and len(set(codes)) == len(codes)
    # Every wijk is exactly the union of its buurten.
    key = buurten["wijk_id"].fillna("")
    merged = buurten.dissolve(key, method="coverage").geometry
    for wijk_id, geom in zip(wijken["wijk_id"].fillna(""), wijken.geometry):
        assert shapely.symmetric_difference(geom, merged[wijk_id]).area < 1.0
