"""The map page at wijk and buurt level (AppTest, nl and en), and the map figures themselves:
missing values grey and never 0, partial values said, sources and the *indicatief* mark taken from
the data, Dutch number formats, a click on a buurt that opens its wijk."""

from __future__ import annotations

import itertools
import json

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from domain import map_values as mv
from domain.texts import t
from domain.wijken import with_class
from figures.map_labels import ANCHOR_OFFSETS, METRIC_CRS, metres_per_px, text_size
from figures.map_layers import WRAP
from figures.maps import (NAMES, OVERLAY, PHONE_VIEW_WIDTH, STREETS_ZOOM, VIEW_PADDING, Layer, buurt_map,
                          overview_map, view_of)
from nla_data import EMBEDDED_DIR, load_package
from streamlit.navigation.page import calc_hash
from streamlit.testing.v1 import AppTest

from tests.apptest import APP, open_page, texts

PACKAGE = load_package(EMBEDDED_DIR).package
BUURTEN = PACKAGE.buurtgrenzen
WIJKEN = with_class(PACKAGE.wijken).set_index("wijk_id", drop=False)
BUURT_INDICATORS = mv.indicators_with_values(PACKAGE.cijfers, PACKAGE.indicatoren, "buurt")
WITH_BUURT_VALUES = "inwoners"
WITHOUT_BUURT_VALUES = "goedkope_huur_per_laag_inkomen"  # illustrative, per wijk only


def _open(lang: str, **params) -> AppTest:
    """/kaart with these query parameters, in `lang` from the very first run (as `open_page`)."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    at._page_hash = calc_hash("kaart")  # noqa: SLF001 - as tests.apptest.open_page
    return at.run()


def _no_exception(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _spec(at) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def _filled(spec: dict) -> list[dict]:
    return [trace for trace in spec["data"] if trace["type"] == "choroplethmap"]


def _locations(spec: dict) -> list[str]:
    return [location for trace in _filled(spec) for location in trace["locations"]]


def _param(at, name: str):
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) else value


def _buurt_of(wijk_id: str | None) -> str:
    rows = BUURTEN[BUURTEN["wijk_id"] == wijk_id] if wijk_id else BUURTEN[BUURTEN["wijk_id"].isna()]
    return rows["buurtcode"].iloc[0]


def test_the_embedded_package_has_both_kinds_of_indicator():
    assert WITH_BUURT_VALUES in BUURT_INDICATORS
    assert WITHOUT_BUURT_VALUES not in BUURT_INDICATORS
    assert BUURTEN["wijk_id"].isna().any()  # the city around the NLA wijken


# --- the page -------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("indicator", [WITH_BUURT_VALUES, WITHOUT_BUURT_VALUES])
def test_wijk_level_shows_the_wijken_in_the_whole_city(lang, indicator):
    at = _open(lang, indicator=indicator)
    _no_exception(at)
    spec = _spec(at)
    locations = _locations(spec)
    assert set(WIJKEN.index) <= set(locations)
    assert set(BUURTEN.loc[BUURTEN["wijk_id"].isna(), "buurtcode"]) <= set(locations)  # the rest, grey
    assert spec["layout"]["separators"] == (",." if lang == "nl" else ".,")
    assert t("kaart.no_nla_wijk", lang) in json.dumps(spec, ensure_ascii=False)
    assert _param(at, "indicator") == indicator
    assert at.segmented_control(key="kaart_niveau").value == "wijk"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_buurt_level_colours_every_buurt_with_the_wijk_borders_on_top(lang):
    at = _open(lang, niveau="buurt", indicator=WITH_BUURT_VALUES)
    _no_exception(at)
    spec = _spec(at)
    assert sorted(_locations(spec)) == sorted(BUURTEN["buurtcode"])  # all of them, also outside the NLA
    lines = [trace for trace in spec["data"] if trace["type"] == "scattermap" and trace.get("mode") == "lines"]
    assert any(trace.get("name") == t("kaart.wijk_border", lang) for trace in lines)
    said = json.dumps(spec, ensure_ascii=False)
    assert t("kaart.no_nla_wijk", lang) in said
    assert t("kaart.in_wijk", lang, wijk="Selwerd") in said
    assert not at.info  # no note: this indicator has buurt figures
    assert at.selectbox(key="kaart_indicator").options == [
        PACKAGE.indicatoren.loc[i, f"label_{lang}"] for i in BUURT_INDICATORS]
    assert _param(at, "niveau") == "buurt"
    assert not [box for box in at.selectbox if box.key == "kaart_gemeente"]  # one municipality: nothing to pick


# --- a package with buurten of several municipalities (a region, the country): one at a time -----------

OTHER = "GM9001"


@pytest.fixture
def two_municipalities(tmp_path, monkeypatch):
    """The embedded package with the Binnenstad's buurten (no NLA wijk) put in another municipality."""
    import shutil

    target = tmp_path / "pakket"
    shutil.copytree(EMBEDDED_DIR, target)
    table = pd.read_csv(target / "data" / "buurten.csv", dtype=str, keep_default_na=False)
    moved = (table["wijk_id"] == "") & (table["cbs_wijkcode"] == "WK001400")
    table.loc[moved, "gemeentecode"] = OTHER
    table.to_csv(target / "data" / "buurten.csv", index=False)
    monkeypatch.setenv("NLA_DATA", str(target))
    monkeypatch.setenv("NLA_DATABASE_URL", f"sqlite:///{tmp_path}/kaart.sqlite")
    return set(table.loc[moved, "buurtcode"]), set(table.loc[~moved, "buurtcode"])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_with_several_municipalities_the_buurt_level_shows_the_own_one_first_and_another_when_picked(
        two_municipalities, lang):
    other, own = two_municipalities
    at = _open(lang, niveau="buurt", indicator=WITH_BUURT_VALUES)
    _no_exception(at)
    picker = at.selectbox(key="kaart_gemeente")
    assert picker.options == ["Groningen", OTHER] and picker.value == "GM0014"
    spec = _spec(at)
    assert set(_locations(spec)) == own  # Groningen's buurten only: the other's are not drawn
    city_view = spec["layout"]["map"]["center"]
    table = at.dataframe[0].value
    assert len(table) == len(own)
    at = picker.select(OTHER).run()
    _no_exception(at)
    spec = _spec(at)
    assert set(_locations(spec)) == other
    assert spec["layout"]["map"]["center"] != city_view  # the first view fits the buurten shown
    assert len(at.dataframe[0].value) == len(other)
    assert _param(at, "gemeente") == OTHER
    assert t("kaart.municipality", lang) == at.selectbox(key="kaart_gemeente").label


def test_a_link_to_another_municipality_opens_it_and_an_unknown_one_falls_back_to_the_own(two_municipalities):
    other, own = two_municipalities
    at = _open("nl", niveau="buurt", indicator=WITH_BUURT_VALUES, gemeente=OTHER)
    _no_exception(at)
    assert set(_locations(_spec(at))) == other
    at = _open("nl", niveau="buurt", indicator=WITH_BUURT_VALUES, gemeente="GM0000")
    _no_exception(at)
    assert at.selectbox(key="kaart_gemeente").value == "GM0014"
    assert set(_locations(_spec(at))) == own


def test_the_wijk_level_of_several_municipalities_has_no_picker(two_municipalities):
    at = _open("nl", niveau="wijk")
    _no_exception(at)
    assert not [box for box in at.selectbox if box.key == "kaart_gemeente"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_buurt_level_says_so_when_the_indicator_has_no_buurt_values(lang):
    at = _open(lang, niveau="buurt", indicator=WITHOUT_BUURT_VALUES)
    _no_exception(at)
    note = at.info[0].value.replace("\\", "")  # names are escaped for markdown
    assert PACKAGE.indicatoren.loc[WITHOUT_BUURT_VALUES, f"label_{lang}"] in note
    shown = at.selectbox(key="kaart_indicator").value
    assert shown in BUURT_INDICATORS
    assert PACKAGE.indicatoren.loc[shown, f"label_{lang}"] in note
    assert _param(at, "indicator") == shown
    assert sorted(_locations(_spec(at))) == sorted(BUURTEN["buurtcode"])


def test_switching_the_level_writes_the_url_and_back():
    at = open_page("kaart")
    at.segmented_control(key="kaart_niveau").set_value("buurt").run()
    _no_exception(at)
    assert _param(at, "niveau") == "buurt"
    assert sorted(_locations(_spec(at))) == sorted(BUURTEN["buurtcode"])
    assert WITHOUT_BUURT_VALUES not in at.selectbox(key="kaart_indicator").options
    at.segmented_control(key="kaart_niveau").set_value("wijk").run()
    _no_exception(at)
    assert _param(at, "niveau") == "wijk"
    assert set(WIJKEN.index) <= set(_locations(_spec(at)))


def test_back_at_wijk_level_the_indicator_and_year_chosen_there_return():
    year = max(PACKAGE.cijfers.loc[PACKAGE.cijfers["indicator"] == WITHOUT_BUURT_VALUES, "jaar"])
    at = open_page("kaart", indicator=WITHOUT_BUURT_VALUES, jaar=str(int(year) - 1))
    at.segmented_control(key="kaart_niveau").set_value("buurt").run()
    assert at.selectbox(key="kaart_indicator").value != WITHOUT_BUURT_VALUES  # no buurt values: another is shown
    at.segmented_control(key="kaart_niveau").set_value("wijk").run()
    _no_exception(at)
    assert at.selectbox(key="kaart_indicator").value == WITHOUT_BUURT_VALUES
    assert at.selectbox(key="kaart_jaar").value == int(year) - 1
    assert (_param(at, "indicator"), str(_param(at, "jaar"))) == (WITHOUT_BUURT_VALUES, str(int(year) - 1))


def test_buurt_level_in_class_mode():
    at = open_page("kaart", niveau="buurt", kleur="klasse")
    _no_exception(at)
    said = json.dumps(_spec(at), ensure_ascii=False)
    assert "groot, zwaar" in said and "klein, licht" in said


def test_clicking_a_buurt_opens_its_wijk():
    buurtcode = _buurt_of("korrewegwijk")
    at = open_page("kaart", niveau="buurt")
    at.session_state["kaart_map_buurt"] = {"selection": {"points": [{"location": buurtcode, "curve_number": 0}],
                                                         "point_indices": [0], "box": [], "lasso": []}}
    at.run()
    _no_exception(at)
    assert at.header[0].value == "Korrewegwijk"
    assert _param(at, "wijk") == "korrewegwijk"


@pytest.mark.parametrize("level", ["wijk", "buurt"])
def test_clicking_a_buurt_outside_the_nla_stays_on_the_map_with_a_note(level):
    buurtcode = _buurt_of(None)
    at = open_page("kaart", niveau=level)
    key = "kaart_map_buurt" if level == "buurt" else "kaart_map"
    at.session_state[key] = {"selection": {"points": [{"location": buurtcode, "curve_number": 0}],
                                           "point_indices": [0], "box": [], "lasso": []}}
    at.run()
    _no_exception(at)
    assert at.header[0].value == "Waar staat welke wijk?"
    assert "hoort niet bij een NLA-wijk" in texts(at)


def test_a_buurt_click_carries_its_wijk_in_the_figure_too():
    at = open_page("kaart", niveau="buurt")
    spec = _spec(at)
    trace = _filled(spec)[0]
    wijk_of = dict(zip(BUURTEN["buurtcode"], BUURTEN["wijk_id"].fillna("")))
    assert all(row[-1] == wijk_of[code] for code, row in zip(trace["locations"], trace["customdata"]))


# --- the figures ----------------------------------------------------------------------------------

def _buurt_values(waarde: dict, dekking: dict | None = None) -> pd.DataFrame:
    frame = pd.DataFrame(index=pd.Index(BUURTEN["buurtcode"]))
    frame["waarde"] = pd.array([waarde.get(code) for code in frame.index], dtype="Float64")
    frame["bron"] = "Testbron"
    frame["illustratief"] = False
    frame["dekking"] = pd.array([(dekking or {}).get(code) for code in frame.index], dtype="Float64")
    return frame


def _buurt_figure(values: pd.DataFrame, layer: Layer, buurten=BUURTEN, lang: str = "nl"):
    return buurt_map(buurten, PACKAGE.wijkgrenzen, values, layer, wijk_names=dict(WIJKEN["naam"]),
                     classes=dict(WIJKEN["klasse"]), lang=lang, style="white-bg")


LAYER = Layer("inwoners", "Inwoners", "aantal", 2015, None, "inwoners", "Testbron")


def test_missing_and_secret_values_are_grey_never_zero():
    codes = list(BUURTEN["buurtcode"])
    known = {code: 1000.0 + i for i, code in enumerate(codes[2:])}  # codes[0]: no row; codes[1]: secret
    figure = _buurt_figure(_buurt_values(known), LAYER)
    coloured, missing = [trace for trace in figure.data if trace.type == "choroplethmap"]
    assert set(missing.locations) == {codes[0], codes[1]}
    assert codes[0] not in coloured.locations and 0 not in coloured.z
    assert missing.name == "geen gegevens" and missing.showlegend
    assert all("geen gegevens" in row[1] for row in missing.customdata)


def test_partial_values_say_how_much_of_the_base_they_cover():
    code = BUURTEN["buurtcode"].iloc[0]
    figure = _buurt_figure(_buurt_values({c: 10.0 for c in BUURTEN["buurtcode"]}, {code: 0.97}), LAYER)
    hover = dict(zip(figure.data[0].locations, (row[1] for row in figure.data[0].customdata)))
    assert "gedeeltelijk: 97% van de inwoners" in hover[code]
    assert sum("gedeeltelijk" in text for text in hover.values()) == 1


def test_values_and_ticks_in_dutch_and_the_better_direction():
    layer = Layer("bijstand_per_1000", "Bijstand per 1.000 inwoners", "per_1000_inwoners", 2015, False, "inwoners")
    figure = _buurt_figure(_buurt_values({c: 1234.5 for c in BUURTEN["buurtcode"]}), layer)
    assert "1.234,5 per 1.000 inwoners (2015)" in figure.data[0].customdata[0][1]
    assert "lager is beter" in figure.data[0].colorbar.title.text
    assert figure.layout.separators == ",."
    english = _buurt_figure(_buurt_values({c: 1234.5 for c in BUURTEN["buurtcode"]}), layer, lang="en")
    assert "1,234.5 per 1,000 inhabitants (2015)" in english.data[0].customdata[0][1]
    assert english.layout.separators == ".,"


def test_sources_on_the_map_come_from_the_data():
    buurten = BUURTEN.assign(bron="CBS, Wijk- en buurtkaart 2015", status="officieel")
    figure = _buurt_figure(_buurt_values({c: 1.0 for c in BUURTEN["buurtcode"]}), LAYER, buurten)
    (note,) = figure.layout.annotations
    assert note.text.count("Bron:") == 1
    assert "Bron: CBS, Wijk- en buurtkaart 2015 (grenzen)" in note.text
    assert "Testbron (Inwoners, 2015)" in note.text


@pytest.mark.parametrize("status", ["indicatief", "officieel"])
def test_the_indicative_mark_follows_the_data(status):
    buurten = BUURTEN.assign(status=status)
    outlines = PACKAGE.wijkgrenzen.assign(status=status)
    values = _buurt_values({c: 1.0 for c in BUURTEN["buurtcode"]})
    hover = json.dumps([[list(row) for row in trace.customdata] for trace in _buurt_figure(values, LAYER, buurten).data
                        if trace.customdata is not None])
    wijk_values = mv.area_values(PACKAGE.cijfers, "wijk", WIJKEN.index, "inwoners", 2015)
    wijk_values = WIJKEN[["wijk_id", "naam", "klasse"]].join(wijk_values.set_axis(WIJKEN.index))
    overview = overview_map(outlines, wijk_values.reset_index(drop=True), LAYER, buurten=buurten, style="white-bg")
    hover += json.dumps([[list(row) for row in trace.customdata] for trace in overview.data
                         if trace.customdata is not None])
    assert ("grenzen indicatief" in hover) == (status == "indicatief")


def test_the_geometry_sent_carries_only_the_id():
    figure = _buurt_figure(_buurt_values({c: 1.0 for c in BUURTEN["buurtcode"]}), LAYER)
    for feature in figure.data[0].geojson["features"]:
        assert set(feature["properties"]) == {"buurtcode"}


# --- nothing from the network; a name for every wijk ---------------------------------------------

def _overview(style: str = "white-bg", lang: str = "nl"):
    values = mv.area_values(PACKAGE.cijfers, "wijk", WIJKEN.index, "inwoners", 2015)
    values = WIJKEN[["wijk_id", "naam", "klasse"]].join(values.set_axis(WIJKEN.index)).reset_index(drop=True)
    return overview_map(PACKAGE.wijkgrenzen, values, LAYER, buurten=BUURTEN, style=style, lang=lang,
                        classes=PACKAGE.facts.classes)


def _both_levels(style: str):
    return {"wijk": _overview(style),
            "buurt": buurt_map(BUURTEN, PACKAGE.wijkgrenzen, _buurt_values({c: 1.0 for c in BUURTEN["buurtcode"]}),
                               LAYER, wijk_names=dict(WIJKEN["naam"]), style=style)}


@pytest.mark.parametrize("style", ["white-bg", "open-street-map"])
def test_the_city_map_asks_the_network_for_nothing_at_its_first_view(style):
    """Streamlit hears of a click only once plotly has drawn the map, which waits for every tile and
    glyph: the map's own style has no glyph server, no style.json, and streets only from a zoom the
    map does not open at."""
    for level, figure in _both_levels(style).items():
        spec = figure.to_plotly_json()["layout"]["map"]
        own = spec["style"]
        assert isinstance(own, dict), level  # never a named plotly style: those load glyphs and tiles
        assert "glyphs" not in own and "sprite" not in own
        remote = {name: source for name, source in own["sources"].items() if "tiles" in source or "url" in source}
        if style == "white-bg":
            assert not remote
        else:
            assert set(remote) == {"osm"}
            (streets,) = [layer for layer in own["layers"] if layer.get("source") == "osm"]
            assert streets["minzoom"] == STREETS_ZOOM > spec["zoom"] + 1
        ids = [layer["id"] for layer in own["layers"]]
        assert all(trace.below == OVERLAY for trace in figure.data), level  # the names on top of every trace
        assert ids.index(OVERLAY) < min(i for i, name in enumerate(ids) if name.startswith(f"{NAMES}-"))


def _label_boxes(figure, zoom: float):
    """Per name shown at `zoom`: (naam, box in RD New metres, leader or None), from the map's style."""
    own = figure.layout.map.style
    groups = {layer["filter"][2]: layer for layer in own["layers"] if layer["id"].startswith(f"{NAMES}-")}
    leaders = {tuple(f["geometry"]["coordinates"][-1]): f["geometry"]["coordinates"]
               for f in own["sources"][OVERLAY]["data"]["features"]}
    lat = float(figure.layout.map.center.lat)
    scale = metres_per_px(zoom, lat)
    shown = []
    for feature in own["sources"][NAMES]["data"]["features"]:
        layer = groups[feature["properties"]["groep"]]
        if not layer["minzoom"] <= zoom < layer["maxzoom"]:
            continue
        lon, lat_ = feature["geometry"]["coordinates"]
        point = gpd.GeoSeries([shapely.Point(lon, lat_)], crs="EPSG:4326").to_crs(METRIC_CRS).iloc[0]
        width, height = (v * scale for v in text_size(feature["properties"]["naam"]))
        dx, dy = ANCHOR_OFFSETS[feature["properties"]["anker"]]
        box = shapely.box(point.x + (dx - 0.5) * width, point.y + (dy - 0.5) * height,
                          point.x + (dx + 0.5) * width, point.y + (dy + 0.5) * height)
        leader = leaders.get((lon, lat_))
        if leader is not None:
            leader = gpd.GeoSeries([shapely.LineString(leader)], crs="EPSG:4326").to_crs(METRIC_CRS).iloc[0]
        shown.append((feature["properties"]["naam"].replace("-\n", "").replace("\n", " "), box, leader))
    return shown


def _wijk_shapes():
    wijken = PACKAGE.wijkgrenzen[PACKAGE.wijkgrenzen["wijk_id"].notna()].to_crs(METRIC_CRS)
    return dict(zip(wijken["naam"], wijken.geometry))


def test_every_wijk_is_named_at_the_first_view_clear_of_every_border_and_name():
    figure = _overview()
    zoom = figure.layout.map.zoom
    shown = _label_boxes(figure, zoom)
    shapes = _wijk_shapes()
    assert sorted(name for name, _, _ in shown) == sorted(WIJKEN["naam"])  # Vinkhuizen and Tuinwijk too
    for name, box, leader in shown:
        if leader is None:  # inside its wijk, clear of its border
            assert shapes[name].contains(box), name
        else:  # beside it on free ground, its leader line crossing no other wijk
            assert not any(shape.intersects(box) for shape in shapes.values()), name
            assert not any(shape.intersects(leader) for other, shape in shapes.items() if other != name), name
            assert leader.distance(shapes[name]) < 1
    for (a, box_a, _), (b, box_b, _) in itertools.combinations(shown, 2):
        assert not box_a.intersects(box_b), (a, b)


def test_on_a_phone_every_wijk_fits_and_the_names_shown_are_clear_of_borders_and_each_other():
    """The browser zooms a narrower map out to `meta.fit` (ui.map_fit); at a phone's zoom the names are those
    placed for it: fewer (the rest in the hover), each inside its wijk or beside it on free ground."""
    figure = _overview()
    fit = figure.layout.meta["fit"]
    assert fit["zoom"] == figure.layout.map.zoom
    west, south, east, north = fit["bounds"]
    wijken = PACKAGE.wijkgrenzen[PACKAGE.wijkgrenzen["wijk_id"].notna()]
    assert shapely.box(west, south, east, north).contains(wijken.to_crs("EPSG:4326").union_all())
    shapes = _wijk_shapes()
    for width in (PHONE_VIEW_WIDTH, 358):  # the narrowest map placed for, and the map at 390 px wide
        zoom = view_of(wijken, padding=VIEW_PADDING, width_px=width, height_px=620)["zoom"]
        assert zoom < fit["zoom"]
        shown = _label_boxes(figure, zoom)
        assert len(shown) >= 8, width
        assert len({name for name, _, _ in shown}) == len(shown)  # one name per wijk at a zoom
        for name, box, leader in shown:
            if leader is None:
                assert shapes[name].contains(box), name
            else:
                assert not any(shape.intersects(box) for shape in shapes.values()), name
        for (a, box_a, _), (b, box_b, _) in itertools.combinations(shown, 2):
            assert not box_a.intersects(box_b), (a, b)


def test_zoomed_in_a_name_moves_inside_its_wijk_and_at_buurt_level_names_are_inside_only():
    shapes = _wijk_shapes()
    overview = _overview()
    close = _label_boxes(overview, 14.0)
    assert sorted(name for name, _, _ in close) == sorted(WIJKEN["naam"])
    assert all(leader is None and shapes[name].contains(box) for name, box, leader in close)
    figure = _both_levels("white-bg")["buurt"]
    first = _label_boxes(figure, figure.layout.map.zoom)
    assert 0 < len(first) < len(WIJKEN)  # the rest in the hover ("Wijk: …") until zoomed in
    assert all(leader is None and shapes[name].contains(box) for name, box, leader in first)
    assert not figure.layout.map.style["sources"][OVERLAY]["data"]["features"]


def test_the_map_is_big_and_its_legend_and_sources_lie_beside_it():
    figure = _overview()
    assert figure.layout.height - figure.layout.margin.t - figure.layout.margin.b >= 620
    (note,) = figure.layout.annotations
    assert note.y == 1 and note.yanchor == "bottom"  # above the map
    assert figure.data[-1].colorbar.y < 0 and figure.layout.legend.y < 0  # under it


@pytest.mark.parametrize(("unit", "prefix", "suffix"), [("euro", "€\u00a0", ""), ("procent", "", "%")])
def test_colour_bar_ticks_in_dutch(unit, prefix, suffix):
    layer = Layer("x", "X", unit, 2015, True)
    figure = _buurt_figure(_buurt_values({c: 150000.0 + i for i, c in enumerate(BUURTEN["buurtcode"])}), layer)
    bar = figure.data[0].colorbar
    assert (bar.tickprefix or "", bar.ticksuffix or "") == (prefix, suffix)
    assert bar.tickformat == ",~r" and figure.layout.separators == ",."  # € 150.000, 0,6
    assert "hoger is beter" in bar.title.text


def test_a_long_indicator_name_is_hyphenated_in_the_colour_bar_title_and_nothing_of_it_lost():
    # an imported package's name with a word longer than the bar's lines: plotly would cut it at the map's edge
    word = "Woningcorporatiebezitspercentage"
    layer = Layer("x", f"{word} & meer", "procent", 2015, True)
    title = _buurt_figure(_buurt_values({c: 10.0 for c in BUURTEN["buurtcode"]}), layer).data[0].colorbar.title.text
    lines = title.split("<br>")
    assert lines[:2] == ["Woningcorporatiebezitspercen-", "tage &amp; meer"]
    assert all(len(line.replace("&amp;", "&")) <= WRAP for line in lines[:2])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_table_has_every_wijk_and_says_its_source_once(lang):
    at = _open(lang, indicator=WITH_BUURT_VALUES)
    _no_exception(at)
    table = at.dataframe[0].value
    assert len(table) == len(WIJKEN)
    assert t("col.source", lang) not in table.columns  # one source: said once, under the table
    source = PACKAGE.cijfers.query("indicator == @WITH_BUURT_VALUES and gebied_type == 'wijk'")["bron"].iloc[0]
    source = PACKAGE.facts.source_names(source, lang)  # in English where the package names it so
    assert source != "" and (lang == "nl") == ("(versie 1)" in source)
    assert sum(source in caption.value for caption in at.caption) == 1
    assert t("kaart.keyboard", lang) in texts(at)  # the map without a mouse: the sidebar's picker


def test_the_buurt_file_of_a_municipality_holds_its_buurten_only(two_municipalities):
    from ui.map_files import GEO_DIR, URL_PREFIX

    other, _ = two_municipalities
    spec = _spec(_open("nl", niveau="buurt", indicator=WITH_BUURT_VALUES, gemeente=OTHER))
    urls = {trace["geojson"] for trace in _filled(spec)}
    assert len(urls) == 1 and next(iter(urls)).startswith(URL_PREFIX)
    held = json.loads((GEO_DIR / next(iter(urls)).removeprefix(URL_PREFIX)).read_text(encoding="utf-8"))
    assert {feature["properties"]["buurtcode"] for feature in held["features"]} == other


PHONE_TEXT_WIDTH = 390 - 2 * 16  # px: a phone's screen less Streamlit's margins


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_on_a_phone_the_colour_bar_title_and_the_sources_are_not_cut(lang):
    """Plotly neither wraps a title nor an annotation: a colour bar half the map wide (180 px on a phone) under a
    title of 220 px showed its middle, and the sources ran off the right edge. Each line is measured as the
    labels are (figures.map_labels.text_size, 12 px), against the bar's fixed length and a phone's width."""
    layer = Layer("goedkoop", "Goedkope huurwoningen per laag inkomen", "verhouding", 2014, True)
    values = _buurt_values({c: 0.5 + i / 100 for i, c in enumerate(BUURTEN["buurtcode"])})
    values["bron"] = "Illustratief voorbeeld (gegenereerd), geen officiële statistiek"
    figure = _buurt_figure(values, layer, BUURTEN.assign(bron="CBS, Wijk- en buurtkaart 2015 (versie 1)"), lang=lang)
    bar = figure.data[0].colorbar
    title = bar.title.text.split("<br>")
    assert bar.lenmode == "pixels" and len(title) == 3  # the label wrapped over two lines, then the year
    assert max(text_size(line, 12)[0] for line in title) <= bar.len
    assert bar.len <= 0.62 * PHONE_TEXT_WIDTH  # room for the legend beside it ("geen NLA-wijk")
    (note,) = figure.layout.annotations
    lines = note.text.split("<br>")
    assert len(lines) >= 3 and max(text_size(line, 12)[0] for line in lines) <= PHONE_TEXT_WIDTH
    # the room above and below the map follows the lines: the map itself keeps its height
    assert figure.layout.margin.t == 8 + 15 * len(lines) and figure.layout.margin.b == 78 + 15
    assert figure.layout.height - figure.layout.margin.t - figure.layout.margin.b == 620


@pytest.mark.parametrize(("lang", "shown"), [("nl", "12.345"), ("en", "12,345")])
@pytest.mark.parametrize("wijk", [None, "selwerd"])
def test_the_open_entries_are_counted_the_dutch_way(monkeypatch, lang, shown, wijk):
    """Beside the map, the open entries per section were written as Python writes them: 12345."""
    from ui import state

    kinds = pd.DataFrame({"wijk_id": ["selwerd", "selwerd"], "sectie": ["gebeurt", "nodig"],
                          "status": ["loopt", "idee"], "zichtbaarheid": ["openbaar", "openbaar"],
                          "aantal": [12_345, 2]})
    monkeypatch.setattr(state, "visible_kinds", lambda: kinds)
    at = _open(lang, **({"wijk": wijk} if wijk else {}))
    assert not at.exception
    assert f"{t('section.gebeurt', lang)}: **{shown}**" in texts(at).replace("\\", "")
