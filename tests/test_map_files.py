"""The map's outlines by URL: the figures of /kaart and /wijk name a GeoJSON file served by Streamlit
(`static/geo/`) and carry only ids and values; the file holds one feature per area with its id only,
is named by its content and written once; the class layer is one trace; a real server serves it."""

from __future__ import annotations

import json
import os
import urllib.request

import pytest
import shapely

from figures.map_geometry import BUURT_KEY, WIJK_KEY, area_ids, file_name, geojson_bytes
from nla_data import EMBEDDED_DIR, load_package
from tests.apptest import open_page
from ui.map_files import GEO_DIR, KEEP_OLD, KEEP_PARTIAL, URL_PREFIX, remove_old, write_once

PACKAGE = load_package(EMBEDDED_DIR).package
WIJK_IDS = set(PACKAGE.wijken.index)


def _spec(at) -> dict:
    assert not at.exception, [e.value for e in at.exception]
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def _filled(spec: dict) -> list[dict]:
    return [trace for trace in spec["data"] if trace["type"] == "choroplethmap"]


def _file_of(url: str) -> dict:
    assert url.startswith(URL_PREFIX), url
    return json.loads((GEO_DIR / url.removeprefix(URL_PREFIX)).read_text(encoding="utf-8"))


def _no_outlines_in(spec: dict) -> None:
    """Neither a filled trace nor a line trace nor the style carries an area's outline."""
    text = json.dumps(spec)
    assert '"Polygon"' not in text and '"MultiPolygon"' not in text
    for trace in spec["data"]:
        assert [x for x in trace.get("lon", []) if x is not None] == [], trace.get("name")


@pytest.mark.parametrize("params", [{}, {"kleur": "klasse"}, {"niveau": "buurt"},
                                    {"niveau": "buurt", "kleur": "klasse"}, {"wijk": "selwerd"}])
def test_the_kaart_figure_names_its_outlines_by_url_and_carries_none(params):
    spec = _spec(open_page("kaart", **params))
    filled = _filled(spec)
    assert filled
    for trace in filled:
        assert isinstance(trace["geojson"], str)
        features = _file_of(trace["geojson"])["features"]
        key = trace["featureidkey"].removeprefix("properties.")
        assert set(trace["locations"]) <= {f["properties"][key] for f in features}
    _no_outlines_in(spec)
    # the borders (the NLA wijken at buurt level, the selected wijk) are lines of the map's style, from the file
    borders = [layer for layer in spec["layout"]["map"]["style"]["layers"] if layer["id"].startswith("grenzen-")]
    if params.get("niveau") == "buurt" or "wijk" in params:
        assert borders
    for layer in borders:
        assert spec["layout"]["map"]["style"]["sources"][layer["source"]]["data"].startswith(URL_PREFIX)


@pytest.mark.parametrize("params", [{"niveau": "buurt"}, {"niveau": "buurt", "wijk": "selwerd"}])
def test_at_buurt_level_the_borders_come_from_a_file_of_the_nla_wijken_alone(params):
    """The borders over the buurten need the NLA wijken only: for a country the file of every wijk is 684 KiB."""
    spec = _spec(open_page("kaart", **params))
    style = spec["layout"]["map"]["style"]
    borders = [layer for layer in style["layers"] if layer["id"].startswith("grenzen-")]
    assert borders
    for layer in borders:
        held = _file_of(style["sources"][layer["source"]]["data"])["features"]
        assert sorted(f["properties"][WIJK_KEY] for f in held) == sorted(WIJK_IDS)


def test_the_selected_wijk_is_outlined_from_the_file():
    spec = _spec(open_page("kaart", wijk="selwerd"))
    layers = [layer for layer in spec["layout"]["map"]["style"]["layers"] if layer["id"].startswith("grenzen-")]
    assert [layer["filter"] for layer in layers] == [["in", ["get", WIJK_KEY], ["literal", ["selwerd"]]]]


def test_the_wijk_page_map_names_its_outlines_by_url():
    at = open_page("wijk", wijk="selwerd")
    spec = _spec(at)
    own = [t for t in _filled(spec) if t["featureidkey"] == f"properties.{BUURT_KEY}"]
    assert own and set(own[0]["locations"]) == set(PACKAGE.buurtgrenzen.query("wijk_id == 'selwerd'")["buurtcode"])
    _no_outlines_in(spec)


def test_class_mode_is_one_trace_for_all_wijken():
    spec = _spec(open_page("kaart", kleur="klasse"))
    with_wijken = [t for t in _filled(spec) if set(t["locations"]) & WIJK_IDS]
    assert len(with_wijken) == 1
    assert set(with_wijken[0]["locations"]) == WIJK_IDS
    ticks = with_wijken[0]["colorbar"]["ticktext"]
    assert ticks == [PACKAGE.facts.classes.label(k, "nl") for k in PACKAGE.facts.classes.keys]


def test_the_files_exist_after_the_warm_up_with_one_feature_per_area_and_only_its_id():
    import serve
    from ui import routes

    assert serve.warm([(routes.KAART, {})]) == []
    for frame, key in ((PACKAGE.wijkgrenzen, WIJK_KEY), (PACKAGE.buurtgrenzen, BUURT_KEY)):
        level = "wijken" if key == WIJK_KEY else "buurten"
        path = GEO_DIR / file_name(level, geojson_bytes(frame, key))
        assert path.exists(), sorted(p.name for p in GEO_DIR.glob("*"))
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        assert [f["properties"] for f in features] == [{key: i} for i in area_ids(frame, key)]
        assert len(features) == len(frame)
        coordinates = shapely.get_coordinates(shapely.from_geojson(json.dumps(features[0]["geometry"])))
        assert (abs(coordinates * 1e5 - (coordinates * 1e5).round()) < 1e-6).all()  # 5 decimals


def test_the_name_changes_with_the_geometry_and_only_then():
    frame = PACKAGE.wijkgrenzen
    moved = frame.copy()
    moved.loc[moved.index[0], "geometry"] = shapely.affinity.translate(moved.geometry.iloc[0], xoff=0.001)
    same = file_name("wijken", geojson_bytes(frame.copy(), WIJK_KEY))
    assert same == file_name("wijken", geojson_bytes(frame, WIJK_KEY))
    assert file_name("wijken", geojson_bytes(moved, WIJK_KEY)) != same
    # a name property does not change it: the file holds the ids only
    assert file_name("wijken", geojson_bytes(frame.assign(naam="x"), WIJK_KEY)) == same


def test_a_file_is_written_once_and_never_rewritten(tmp_path):
    path = tmp_path / "geo" / "wijken-abc.geojson"
    write_once(path, b"{}")
    first = path.stat().st_mtime_ns
    os.utime(path, ns=(first - 10**9, first - 10**9))
    write_once(path, b"other")
    assert path.read_bytes() == b"{}" and path.stat().st_mtime_ns == first - 10**9
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


def _aged(path, seconds: float, now: float):
    path.write_bytes(b"{}")
    os.utime(path, (now - seconds, now - seconds))
    return path


def test_old_versions_go_after_a_week_and_the_files_in_use_never(tmp_path):
    now = 1_800_000_000.0
    in_use = _aged(tmp_path / "wijken-current.geojson", KEEP_OLD * 3, now)  # old, but in use
    old = _aged(tmp_path / "wijken-old.geojson", KEEP_OLD + 60, now)
    recent = _aged(tmp_path / "buurten-previous.geojson", KEEP_OLD - 60, now)  # a page may still show it
    partial = _aged(tmp_path / ".wijken-x.geojson.abc.tmp", KEEP_PARTIAL + 60, now)  # an interrupted write
    busy = _aged(tmp_path / ".wijken-y.geojson.def.tmp", KEEP_PARTIAL - 60, now)  # a write going on
    other = _aged(tmp_path / "readme.txt", KEEP_OLD * 3, now)  # not one of ours
    removed = remove_old(tmp_path, keep={in_use}, now=now)
    assert sorted(removed) == sorted([old, partial])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in (in_use, recent, busy, other))


def test_a_file_removed_while_the_server_runs_is_written_again():
    at = open_page("kaart")
    url = _filled(_spec(at))[0]["geojson"]
    path = GEO_DIR / url.removeprefix(URL_PREFIX)
    path.unlink()
    at.run()
    assert _filled(_spec(at))[0]["geojson"] == url and path.exists()


def test_the_shipped_package_is_not_written():
    before = {p: p.stat().st_mtime_ns for p in EMBEDDED_DIR.rglob("*") if p.is_file()}
    _spec(open_page("kaart", niveau="buurt"))
    assert {p: p.stat().st_mtime_ns for p in EMBEDDED_DIR.rglob("*") if p.is_file()} == before


@pytest.mark.browser
def test_a_real_server_serves_the_file():
    from tests.browser import streamlit_server

    name = file_name("wijken", geojson_bytes(PACKAGE.wijkgrenzen, WIJK_KEY))
    with streamlit_server() as url:
        with urllib.request.urlopen(f"{url}/app/static/geo/{name}", timeout=30) as response:
            data = json.loads(response.read())
            kind = response.headers["Content-Type"]
    assert kind.startswith("application/geo+json")
    assert len(data["features"]) == len(PACKAGE.wijkgrenzen)
    assert {f["properties"]["wijk_id"] for f in data["features"]} >= WIJK_IDS
