"""Import of the CBS Wijk- en buurtkaart: files in both column generations and all formats, built here.

Nothing is downloaded: each test writes its own small map of a few real Groningen buurten (squares
around their points in RD New), one new buurt code and one buurt of Amsterdam. Imports always go
into a copy of the embedded package, never into nla_data/ itself. The embedded outlines are all
official (CBS 2015); the imports of a whole map start from a copy that marks two wijken's outlines
indicative (`start`), so a test can see that an import leaves the outlines it does not replace as
they were, indicative ones too, and that a map of every buurt makes them all official.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import math
import re
import shutil
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from shapely.geometry import Polygon

from geo.coverage import coverage_problems
from nla_data import EMBEDDED_DIR
from nla_data.__main__ import main
from nla_data.cbs import apply as cbs_apply
from nla_data.cbs_import import CbsImportError, apply_import, prepare_import, read_cbs
from nla_data.geojson import geojson_problems
from nla_data.package import read_package
from nla_data.validate import validate_package
from tests.geo_points import points_from_latlon

YEAR = 2015
SECRET, UNKNOWN = -99999999, -99999997

# buurtcode, naam, wijkcode, gemeente, lat, lon, inwoners, huishoudens, woningen, WOZ (x 1000),
# % koop, % huur corporatie, % huur overige verhuurders, ha land, mannen (a column the import does not know)
BUURTEN = [
    ("BU00141001", "Paddepoel-Zuid", "WK001410", "GM0014", 53.2258, 6.5432,
     4000, 2500, 1000, 150, 50, 40, 10, 55, 1900),
    ("BU00141002", "Paddepoel-Noord", "WK001410", "GM0014", 53.2313, 6.5389,
     5705, 3095, 3000, 130, 10, 70, 20, 66, 2800),
    ("BU00141000", "Selwerd", "WK001410", "GM0014", 53.2336, 6.5511,
     6585, 4065, 3183, 120, SECRET, 60, 20, 82, 3300),
    ("BU00141003", "Zernike Campus", "WK001410", "GM0014", 53.2460, 6.5297, 100, 90, 0, UNKNOWN, UNKNOWN, UNKNOWN,
     UNKNOWN, 187, 60),
    ("BU00140000", "Binnenstad-Noord", "WK001400", "GM0014", 53.2197, 6.5649,
     5000, 4000, 3500, 200, 30, 20, 50, 37, 2500),
    ("BU00149999", "Nieuwbouwbuurt", "WK001499", "GM0014", 53.2050, 6.6600, 50, 20, 20, 250, 100, 0, 0, 12, 25),
    ("BU03630000", "Burgwallen-Oude Zijde", "WK036300", "GM0363", 52.3720, 4.8980, 4000, 3000, 2500, 400, 20, 30, 50,
     50, 2000),
]
FIGURES = ["inwoners", "huishoudens", "woningen", "woz", "koop", "corp", "overig", "opp", "mannen"]
SHORT = {"buurtcode": "BU_CODE", "buurtnaam": "BU_NAAM", "wijkcode": "WK_CODE", "gemeentecode": "GM_CODE",
         "jaar": "JRSTATCODE", "water": "WATER", "gemeentenaam": "GM_NAAM", "inwoners": "AANT_INW",
         "huishoudens": "AANTAL_HH", "woningen": "WONINGEN", "woz": "WOZ", "koop": "P_KOOPWON",
         "corp": "P_HUURCORP", "overig": "P_HUUROVE", "opp": "OPP_LAND", "mannen": "AANT_MAN"}
LONG = {"buurtcode": "buurtcode", "buurtnaam": "buurtnaam", "wijkcode": "wijkcode", "gemeentecode": "gemeentecode",
        "jaar": "jaarstatcode", "water": "water", "gemeentenaam": "gemeentenaam", "inwoners": "aantal_inwoners",
        "huishoudens": "aantal_huishoudens", "woningen": "woningvoorraad", "woz": "gemiddelde_woningwaarde",
        "koop": "percentage_koopwoningen", "corp": "percentage_huurwoningen_in_bezit_woningcorporaties",
        "overig": "percentage_huurwoningen_in_bezit_overige_verhuurders", "opp": "oppervlakte_land_in_ha",
        "mannen": "aantal_mannen"}
HALF = 150.0  # squares of 300 m around each buurt point


def cbs_frame(names: dict[str, str], rows=BUURTEN, year: int = YEAR) -> gpd.GeoDataFrame:
    """The buurten as a CBS map in RD New, with the column names of one generation."""
    table = pd.DataFrame([r[:6] for r in rows], columns=["buurtcode", "buurtnaam", "wijkcode", "gemeentecode",
                                                          "lat", "lon"])
    points = points_from_latlon(table)
    data = {names["buurtcode"]: table["buurtcode"], names["buurtnaam"]: table["buurtnaam"],
            names["wijkcode"]: table["wijkcode"], names["gemeentecode"]: table["gemeentecode"],
            names["gemeentenaam"]: ["Groningen" if g == "GM0014" else "Amsterdam" for g in table["gemeentecode"]],
            names["jaar"]: [f"{year}{c}" for c in table["buurtcode"]], names["water"]: "NEE"}
    for i, figure in enumerate(FIGURES):
        data[names[figure]] = [r[6 + i] for r in rows]
    squares = [shapely.box(p.x - HALF, p.y - HALF, p.x + HALF, p.y + HALF) for p in points.geometry]
    return gpd.GeoDataFrame(data, geometry=squares, crs="EPSG:28992")


def write_gpkg(path: Path, frame: gpd.GeoDataFrame, other_layer_crs: str | None = None) -> Path:
    frame.to_file(path, layer="buurten", driver="GPKG")
    wijk = gpd.GeoDataFrame({"wijkcode": ["WK001410"]}, geometry=[shapely.union_all(frame.geometry.values[:3])],
                            crs=frame.crs)
    wijk.to_crs(other_layer_crs or frame.crs).to_file(path, layer="wijken", driver="GPKG")
    return path


def write_shp(folder: Path, frame: gpd.GeoDataFrame, name: str = "buurt_2015") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    frame.to_file(folder / f"{name}.shp")
    return folder / f"{name}.shp"


def write_zip(path: Path, shp: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for part in shp.parent.glob(f"{shp.stem}.*"):
            archive.write(part, f"WijkBuurtkaart_2015/{part.name}")
    return path


def write_geojson(path: Path, frame: gpd.GeoDataFrame) -> Path:
    frame.to_crs("EPSG:4326").to_file(path, driver="GeoJSON")
    return path


INDICATIVE = ["beijum", "tuinwijk"]  # in the starting package: these wijken's outlines are indicative
INDICATIVE_SOURCE = "indicatief (benaderd), vóór een import"


def mark_indicative(folder: Path, wijk_ids: list[str]) -> None:
    """Make the outlines of `wijk_ids` and of their buurten indicative in the package in `folder`
    (same shapes, status and source of an outline drawn before any CBS import)."""
    buurten = pd.read_csv(folder / "data" / "buurten.csv", dtype=str)
    codes = set(buurten.loc[buurten["wijk_id"].isin(wijk_ids), "buurtcode"])
    for name, key, keys in (("wijkgrenzen", "wijk_id", set(wijk_ids)), ("buurtgrenzen", "buurtcode", codes)):
        path = folder / "data" / f"{name}.geojson"
        data = json.loads(path.read_text(encoding="utf-8"))
        for feature in data["features"]:
            if feature["properties"][key] in keys:
                feature["properties"].update(status="indicatief", bron=INDICATIVE_SOURCE)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    descriptor_path = folder / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    descriptor["wijkperspectief"]["grenzen"] = "indicatief"
    descriptor["wijkperspectief"]["grenzen_toelichting"] = (
        f"Grenzen deels officieel (CBS 2015); {', '.join(wijk_ids)} indicatief (benaderd).")
    descriptor_path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


@pytest.fixture
def pkg(tmp_path: Path) -> Path:
    """A copy of the embedded package (datapackage.json and data/, no code)."""
    target = tmp_path / "pakket"
    target.mkdir()
    shutil.copy2(EMBEDDED_DIR / "datapackage.json", target / "datapackage.json")
    shutil.copytree(EMBEDDED_DIR / "data", target / "data")
    return target


@pytest.fixture(scope="module")
def start(tmp_path_factory) -> Path:
    """A starting package for imports: the embedded one with the outlines of INDICATIVE indicative
    (validated). Tests copy it with `copy_of`, and compare with it."""
    target = tmp_path_factory.mktemp("start") / "pakket"
    target.mkdir()
    shutil.copy2(EMBEDDED_DIR / "datapackage.json", target / "datapackage.json")
    shutil.copytree(EMBEDDED_DIR / "data", target / "data")
    mark_indicative(target, INDICATIVE)
    assert validate_package(target) == []
    return target


def copy_of(start: Path, tmp_path: Path) -> Path:
    """A copy of the starting package to import into."""
    target = tmp_path / "pakket"
    shutil.copytree(start, target)
    return target


def temporary_folders(pkg: Path) -> list[Path]:
    """The staging copies and backups an import makes next to the package (not its lock file)."""
    return [*pkg.parent.glob(f".{pkg.name}.import-*"), *pkg.parent.glob(f".{pkg.name}.backup-*")]


def hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


_READ: dict = {}


def package_at(pkg: Path):
    """The package in `pkg`: read once per content (copies of the same package share it), pointed at `pkg`."""
    key = frozenset(hashes(pkg).items())
    if key not in _READ:
        _READ[key] = read_package(pkg)
    return dataclasses.replace(_READ[key], path=pkg)


def plan_for(pkg: Path, path: Path, **kwargs):
    return prepare_import(path, package_at(pkg), **kwargs)


def cijfers(pkg: Path) -> pd.DataFrame:
    return pd.read_csv(pkg / "data" / "cijfers.csv", dtype={"gebied_id": str})


def embedded_cijfers() -> pd.DataFrame:
    return cijfers(Path(EMBEDDED_DIR))


def planned(plan, relative: str) -> bytes:
    """The content a plan would write to one file of the package."""
    return plan.files[relative]


def value(frame: pd.DataFrame, kind: str, area: str, indicator: str, year: int = YEAR) -> pd.Series:
    hit = frame[(frame.gebied_type == kind) & (frame.gebied_id == area) & (frame.indicator == indicator)
                & (frame.jaar == year)]
    assert len(hit) <= 1
    return hit.iloc[0] if len(hit) else None


def notes_text(plan) -> str:
    return "\n".join(n.message for n in plan.notes)


def features(source, name: str) -> dict:
    """Features by key, from a package folder or from what a plan would write."""
    relative = f"data/{name}.geojson"
    text = source.files[relative].decode() if hasattr(source, "files") else (source / relative).read_text("utf-8")
    key = "wijk_id" if name == "wijkgrenzen" else "buurtcode"
    return {f["properties"][key]: f for f in json.loads(text)["features"]}


def written(source) -> tuple[pd.DataFrame, dict]:
    """(cijfers, descriptor) of a package folder or of a plan."""
    if hasattr(source, "files"):
        return (pd.read_csv(io.BytesIO(source.files["data/cijfers.csv"]), dtype={"gebied_id": str}),
                json.loads(source.files["datapackage.json"]))
    return cijfers(source), json.loads((source / "datapackage.json").read_text(encoding="utf-8"))


# --- a real import, per format -------------------------------------------------------------------


def outline_rd(feature: dict):
    return gpd.GeoSeries([shapely.geometry.shape(feature["geometry"])], crs=4326).to_crs(28992).iloc[0]


def check_imported(source, start: Path, bron_year: int = YEAR) -> None:
    """The outcome of importing the test map into the starting package `start`: in a package folder
    (validated) or in a plan's files."""
    if not hasattr(source, "files"):
        assert validate_package(source) == []
    rows, descriptor = written(source)
    pkg = source
    bron = f"CBS Wijk- en buurtkaart {bron_year} (kerncijfers)"
    # Paddepoel = Paddepoel-Zuid + Paddepoel-Noord, both in the file: counts summed ...
    assert value(rows, "wijk", "paddepoel", "inwoners", bron_year).waarde == 9705
    assert value(rows, "wijk", "paddepoel", "woningen", bron_year).waarde == 4000
    # ... shares weighted by dwellings: (50*1000 + 10*3000) / 4000 = 20, not (50 + 10) / 2 = 30
    assert value(rows, "wijk", "paddepoel", "aandeel_koop", bron_year).waarde == pytest.approx(20.0)
    # (40*1000 + 70*3000) / 4000 = 62.5; private rent (other landlords): (10*1000 + 20*3000) / 4000 = 17.5
    assert value(rows, "wijk", "paddepoel", "aandeel_sociale_huur", bron_year).waarde == pytest.approx(62.5)
    assert value(rows, "wijk", "paddepoel", "aandeel_particuliere_huur", bron_year).waarde == pytest.approx(17.5)
    # WOZ in thousands in the file, euros in the package: (150*1000 + 130*3000) / 4000 = 135 -> 135000
    assert value(rows, "wijk", "paddepoel", "woz_gemiddeld", bron_year).waarde == 135_000
    assert value(rows, "buurt", "BU00141001", "woz_gemiddeld", bron_year).waarde == 150_000
    assert value(rows, "wijk", "paddepoel", "inwoners", bron_year).bron == bron
    assert not value(rows, "wijk", "paddepoel", "inwoners", bron_year).illustratief
    # Selwerd's share of owner-occupied homes is secret: no buurt value, no wijk value, never 0
    assert value(rows, "buurt", "BU00141000", "aandeel_koop", bron_year) is None
    assert value(rows, "wijk", "selwerd", "aandeel_koop", bron_year) is None
    assert value(rows, "wijk", "selwerd", "aandeel_sociale_huur", bron_year).waarde == 60
    # Zernike: no dwellings, shares unknown: its inhabitants are there, its shares are not
    assert value(rows, "buurt", "BU00141003", "inwoners", bron_year).waarde == 100
    assert value(rows, "buurt", "BU00141003", "aandeel_koop", bron_year) is None
    # Tuinwijk, De Wijert: not in the file, no new value
    assert value(rows, "wijk", "de-wijert", "aandeel_koop", bron_year) is None or \
        value(rows, "wijk", "de-wijert", "aandeel_koop", bron_year).bron != bron
    # The other municipality and the new code left no trace
    assert not rows.gebied_id.isin(["BU03630000", "BU00149999", "GM0363"]).any()
    # The municipality total would need all its buurten: the package's 2015 figure stays with its own source
    if bron_year == YEAR:
        gemeente, before = (value(frame, "gemeente", "GM0014", "inwoners") for frame in (rows, embedded_cijfers()))
        assert (gemeente.waarde, gemeente.bron) == (before.waarde, before.bron) and gemeente.bron != bron

    wijken = features(pkg, "wijkgrenzen")
    for wijk in ("paddepoel", "selwerd"):
        props = wijken[wijk]["properties"]
        assert props["status"] == "officieel" and props["bron"] == f"CBS Wijk- en buurtkaart {bron_year}"
    # Wijken without a buurt in the file keep their outline, status and source: an indicative one
    # (Beijum) stays indicative, an official one (De Wijert, CBS 2015) stays official.
    wijken_before = features(start, "wijkgrenzen")
    for wijk, status in (("beijum", "indicatief"), ("tuinwijk", "indicatief"), ("de-wijert", "officieel")):
        assert wijken[wijk]["properties"] == wijken_before[wijk]["properties"]
        assert wijken[wijk]["properties"]["status"] == status
    for wijk in ("beijum", "de-wijert"):  # nothing of the file lies there: the same shape, within a metre or so
        assert shapely.hausdorff_distance(outline_rd(wijken[wijk]), outline_rd(wijken_before[wijk])) < 2
    assert len(wijken) == 16  # 15 wijken and the rest of the city
    buurten = features(pkg, "buurtgrenzen")
    assert buurten["BU00141001"]["properties"]["status"] == "officieel"
    assert "BU00149999" not in buurten and "BU03630000" not in buurten
    # Tuinwijk: not in the file, its indicative outline stays indicative (cut back where the file's buurten lie)
    assert buurten["BU00141005"]["properties"] == features(start, "buurtgrenzen")["BU00141005"]["properties"]
    assert buurten["BU00141005"]["properties"]["status"] == "indicatief"
    assert descriptor["wijkperspectief"]["grenzen"] == "indicatief"  # not every outline is official
    assert str(bron_year) in descriptor["wijkperspectief"]["grenzen_toelichting"]
    # Outlines of the wijken in the file: the square(s) of their buurten, within a few metres
    paddepoel = gpd.GeoSeries([shapely.geometry.shape(wijken["paddepoel"]["geometry"])], crs=4326).to_crs(28992)
    assert paddepoel.area.iloc[0] == pytest.approx(2 * (2 * HALF) ** 2, rel=0.02)


def test_geopackage_with_long_columns(start, tmp_path):
    pkg = copy_of(start, tmp_path)
    path = write_gpkg(tmp_path / "wijkenbuurten_2015.gpkg", cbs_frame(LONG))
    steps = []
    plan = plan_for(pkg, path, progress=lambda f, m: steps.append((f, m)))
    assert plan.ok, plan.problems
    assert plan.year == YEAR and plan.summary["laag"] == "buurten"
    text = notes_text(plan)
    assert "aantal_mannen" in text  # a column it does not know, reported once
    assert "gemeentenaam" not in text and "water" not in text  # administrative: quiet
    assert "BU00149999" in text and "kan ik niet plaatsen" in text
    assert "(en)" not in text  # counted in words: "1 buurt", "3 buurten", never "buurt(en)"
    assert "percentage_koopwoningen 2" in text  # Selwerd secret, Zernike unknown
    assert "Selwerd: aandeel_koop" in text  # a partial aggregate is reported, not computed
    assert re.search(r"\b\d+ bestaande waarden van 2015 blijven staan met hun eigen bron", text)
    assert steps[0][0] <= steps[-1][0] == 1.0 and len(steps) > 5
    applied = []
    assert apply_import(plan, pkg, progress=lambda f, m: applied.append((f, m))) == []
    # every step says itself in Dutch and English: the /beheer progress bar follows the page's language
    assert [(m, m.in_("en")) for _, m in steps + applied][-1] == ("geïmporteerd", "imported")
    assert all(m.in_("en") != m for _, m in steps + applied), [m for _, m in steps + applied]
    check_imported(pkg, start)
    # items, koppelingen and geschiedenis are never touched
    for name in ("items.csv", "koppelingen.csv", "geschiedenis.csv", "wijken.csv", "buurten.csv", "indicatoren.csv"):
        assert (pkg / "data" / name).read_bytes() == (EMBEDDED_DIR / "data" / name).read_bytes()
    assert not temporary_folders(pkg)


def test_shapefile_with_short_columns_through_the_command(start, tmp_path, capsys):
    pkg = copy_of(start, tmp_path)
    shp = write_shp(tmp_path / "shp", cbs_frame(SHORT, year=2017), name="buurt_2017")
    assert main(["import-cbs", str(shp), "--year", "2017", "--into", str(pkg)]) == 0
    out, err = capsys.readouterr()
    assert "CBS Wijk- en buurtkaart 2017" in out and "AANT_MAN" in out
    assert "%" in err  # progress on stderr
    check_imported(pkg, start, 2017)
    rows = cijfers(pkg)
    assert value(rows, "wijk", "paddepoel", "inwoners").bron == \
        value(embedded_cijfers(), "wijk", "paddepoel", "inwoners").bron  # another year: 2015 untouched


def test_zipped_shapefile(start, tmp_path):
    pkg = copy_of(start, tmp_path)
    shp = write_shp(tmp_path / "shp", cbs_frame(SHORT))
    path = write_zip(tmp_path / "WijkBuurtkaart_2015_v3.zip", shp)
    plan = plan_for(pkg, path)
    assert plan.ok, plan.problems
    assert "buurt_2015.shp" in notes_text(plan)
    check_imported(plan, start)  # the same outcome as the shapefile itself (applied in the test above)


def test_geojson_in_wgs84(start, tmp_path):
    pkg = copy_of(start, tmp_path)
    path = write_geojson(tmp_path / "buurten.geojson", cbs_frame(LONG))
    plan = plan_for(pkg, path)
    assert plan.ok, plan.problems
    assert "coördinatenstelsel" not in notes_text(plan)  # WGS84 is what GeoJSON is
    check_imported(plan, start)


def test_rd_geojson_without_crs_is_recognised(pkg, tmp_path):
    path = tmp_path / "buurten_rd.geojson"
    frame = cbs_frame(LONG)
    data = json.loads(frame.to_json())
    data.pop("crs", None)
    path.write_text(json.dumps(data), encoding="utf-8")
    plan = plan_for(pkg, path)
    assert plan.ok, plan.problems
    assert "afgeleid: RD New" in notes_text(plan)


def test_shapefile_without_prj_is_recognised_as_rd(pkg, tmp_path):
    shp = write_shp(tmp_path / "shp", cbs_frame(SHORT))
    shp.with_suffix(".prj").unlink()
    gdf = read_cbs(shp)
    assert gdf.crs.to_epsg() == 28992
    assert "afgeleid" in gdf.attrs["notes"][0].message


def test_dry_run_changes_nothing(pkg, tmp_path, capsys):
    path = write_gpkg(tmp_path / "wijkenbuurten_2015.gpkg", cbs_frame(LONG))
    before = hashes(pkg)
    assert main(["import-cbs", str(path), "--dry-run", "--into", str(pkg)]) == 0
    out, _ = capsys.readouterr()
    assert "Proefrun" in out and "Paddepoel" in out or "paddepoel" in out
    assert hashes(pkg) == before
    assert not temporary_folders(pkg)


def test_full_coverage_makes_all_boundaries_official(start, tmp_path):
    """A file with every buurt of the package (their current outlines as the 'CBS' shapes), imported
    into a package with indicative outlines: all of them become official."""
    pkg = copy_of(start, tmp_path)
    package = package_at(pkg)
    shapes = package.buurtgrenzen.to_crs(28992).set_index("buurtcode").geometry
    table = package.buurten.set_index("buurtcode")
    facts = cijfers(pkg)
    facts = facts[(facts.gebied_type == "buurt") & (facts.jaar == 2015)].pivot(
        index="gebied_id", columns="indicator", values="waarde")
    frame = gpd.GeoDataFrame({
        "buurtcode": shapes.index, "buurtnaam": table.loc[shapes.index, "buurtnaam"].astype(str).to_numpy(),
        "gemeentecode": "GM0014", "jaarstatcode": [f"2016{c}" for c in shapes.index],
        "aantal_inwoners": facts["inwoners"].reindex(shapes.index).fillna(SECRET).to_numpy(),
        "aantal_huishoudens": facts["huishoudens"].reindex(shapes.index).fillna(SECRET).to_numpy(),
    }, geometry=shapes.to_numpy(), crs="EPSG:28992")
    path = write_gpkg(tmp_path / "wijkenbuurten_2016.gpkg", frame)
    plan = plan_for(pkg, path)
    assert plan.ok, plan.problems
    assert plan.summary["grenzen"] == "officieel" and len(plan.summary["wijken_officieel"]) == 15
    assert apply_import(plan, pkg) == []
    assert validate_package(pkg) == []
    descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["wijkperspectief"]["grenzen"] == "officieel"
    assert "CBS Wijk- en buurtkaart 2016" in descriptor["wijkperspectief"]["grenzen_toelichting"]
    assert {"title": "CBS Wijk- en buurtkaart 2016"} in descriptor["sources"]
    wijken = gpd.read_file(pkg / "data" / "wijkgrenzen.geojson")
    assert (wijken["status"] == "officieel").all() and wijken["bron"].eq("CBS Wijk- en buurtkaart 2016").all()
    assert coverage_problems(gpd.read_file(pkg / "data" / "buurtgrenzen.geojson"), label_col="buurtcode") == []
    rows = cijfers(pkg)
    old = cijfers(Path(EMBEDDED_DIR))
    missing = facts["inwoners"].isna().sum()
    total = value(rows, "gemeente", "GM0014", "inwoners", 2016)
    if missing:  # a buurt without a 2015 figure is secret here: the total is missing, never too small
        assert total is None
    else:  # a file of buurten only: the city is the sum of its buurten ...
        assert total.waarde == facts["inwoners"].sum()
    # ... while the package's 2015 city figure stays CBS's own municipal row (200336), not the sum of
    # the buurt figures (199620), which CBS rounds to 5 each
    city_2015 = value(rows, "gemeente", "GM0014", "inwoners")
    assert (city_2015.waarde, city_2015.bron) == tuple(value(old, "gemeente", "GM0014", "inwoners")[["waarde", "bron"]])
    assert value(rows, "wijk", "paddepoel", "inwoners", 2016).waarde == \
        value(old, "wijk", "paddepoel", "inwoners").waarde


def test_invalid_geometry_is_repaired_and_reported(pkg, tmp_path):
    frame = cbs_frame(LONG)
    x0, y0, x1, y1 = frame.geometry.iloc[4].bounds  # Binnenstad-Noord as a bow-tie
    frame.loc[4, "geometry"] = Polygon([(x0, y0), (x1, y1), (x1, y0), (x0, y1), (x0, y0)])
    assert not frame.geometry.iloc[4].is_valid
    plan = plan_for(pkg, write_gpkg(tmp_path / "wijkenbuurten_2015.gpkg", frame))
    assert plan.ok, plan.problems
    assert "ongeldige geometrie hersteld" in notes_text(plan) and "BU00140000" in notes_text(plan)
    for name, key in (("buurtgrenzen", "buurtcode"), ("wijkgrenzen", "wijk_id")):
        out = tmp_path / f"{name}.geojson"
        out.write_bytes(plan.files[f"data/{name}.geojson"])
        assert geojson_problems(name, out, key, None) == []
    repaired = shapely.geometry.shape(features(plan, "buurtgrenzen")["BU00140000"]["geometry"])
    assert repaired.is_valid and repaired.geom_type == "MultiPolygon"  # the two triangles of the bow-tie


# --- bad input: a clear message and nothing changed ----------------------------------------------


def bad_text(tmp_path: Path) -> Path:
    path = tmp_path / "kaart.txt"
    path.write_text("Dit is geen kaart.\n", encoding="utf-8")
    return path


def bad_csv(tmp_path: Path) -> Path:
    path = tmp_path / "buurten.csv"
    path.write_text("buurtcode,aantal_inwoners\nBU00141001,4000\n", encoding="utf-8")
    return path


def bad_no_code(tmp_path: Path) -> Path:
    return write_gpkg(tmp_path / "wijken_2015.gpkg", cbs_frame(LONG).rename(columns={"buurtcode": "code"}))


def bad_other_municipality(tmp_path: Path) -> Path:
    return write_shp(tmp_path / "shp", cbs_frame(SHORT, rows=BUURTEN[-1:]))


def bad_empty_geometry(tmp_path: Path) -> Path:
    frame = cbs_frame(LONG)
    frame.loc[1, "geometry"] = None
    return write_gpkg(tmp_path / "wijkenbuurten_2015.gpkg", frame)


def bad_mixed_geojson(tmp_path: Path) -> Path:
    wgs = json.loads(cbs_frame(LONG).to_crs(4326).to_json())
    rd = json.loads(cbs_frame(LONG).to_json())
    wgs["features"][1]["geometry"] = rd["features"][1]["geometry"]  # one buurt in RD metres
    path = tmp_path / "buurten_2015.geojson"
    path.write_text(json.dumps(wgs), encoding="utf-8")
    return path


def bad_mixed_layers(tmp_path: Path) -> Path:
    return write_gpkg(tmp_path / "wijkenbuurten_2015.gpkg", cbs_frame(LONG), other_layer_crs="EPSG:4326")


def bad_declared_wrong(tmp_path: Path) -> Path:
    frame = cbs_frame(LONG).set_crs("EPSG:4326", allow_override=True)  # says WGS84, holds RD metres
    return write_gpkg(tmp_path / "wijkenbuurten_2015.gpkg", frame)


def bad_year(tmp_path: Path) -> Path:
    return write_gpkg(tmp_path / "wijkenbuurten.gpkg", cbs_frame(LONG, year=2016))


def bad_zip(tmp_path: Path) -> Path:
    path = tmp_path / "kaart.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("leesmij.txt", "geen kaart")
    return path


BAD = {
    "tekstbestand": (bad_text, "geen leesbare kaart"),
    "csv": (bad_csv, "geen kaart"),
    "geen buurtcode": (bad_no_code, "kolom met de buurtcode ontbreekt"),
    "andere gemeente": (bad_other_municipality, "bevat geen buurten van GM0014 (wel: GM0363)"),
    "lege geometrie": (bad_empty_geometry, "lege geometrie bij 1 buurt: BU00141002"),
    "gemengd RD en WGS84": (bad_mixed_geojson, "gemengde coördinatenstelsels"),
    "lagen in verschillende stelsels": (bad_mixed_layers, "gemengde coördinatenstelsels"),
    "stelsel klopt niet": (bad_declared_wrong, "het bestand zegt WGS84"),
    "jaar past niet": (bad_year, "jaar 2015 past niet bij het bestand"),
    "zip zonder kaart": (bad_zip, "bevat geen kaart"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_is_refused_with_a_clear_message(case, pkg, tmp_path):
    make, message = BAD[case]
    path = make(tmp_path)
    before = hashes(pkg)
    plan = plan_for(pkg, path, year=2015)
    assert not plan.ok
    assert message in " | ".join(str(p) for p in plan.problems), plan.problems
    assert apply_import(plan, pkg) == plan.problems  # refused: nothing written
    assert hashes(pkg) == before


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_is_refused_in_english_too(case, pkg, tmp_path):
    plan = plan_for(pkg, BAD[case][0](tmp_path), year=2015)
    assert plan.problems
    for problem in plan.problems:
        assert problem.text("en") != problem.text("nl"), problem


def test_a_year_that_does_not_match_the_file_is_refused_in_english(pkg, tmp_path):
    [problem] = plan_for(pkg, bad_year(tmp_path), year=2015).problems
    assert problem.text("nl") == "jaar 2015 past niet bij het bestand: het bestand is van 2016"
    assert problem.text("en") == "year 2015 does not match the file: the file is from 2016"
    assert problem.where("en") == "wijkenbuurten.gpkg, field 'jaarstatcode'"


def test_rows_without_a_valid_buurt_code_are_counted_the_english_way_in_english():
    from nla_data.cbs.rows import _municipality_rows

    notes = []
    codes = ["BU00141001", *(f"BU0014-{number}" for number in range(1_200))]
    kept = _municipality_rows(pd.DataFrame({"buurtcode": codes}), "GM0014", "buurten.gpkg", notes)
    assert list(kept["buurtcode"]) == ["BU00141001"]
    [note] = notes
    first = ", ".join(codes[1:13])
    assert note.text("nl") == f"1.200 rijen zonder geldige buurtcode overgeslagen: {first} en 1.188 meer"
    assert note.text("en") == f"1,200 rows without a valid buurt code skipped: {first} and 1,188 more"


def test_bad_input_through_the_command_changes_nothing(pkg, tmp_path, capsys):
    before = hashes(pkg)
    assert main(["import-cbs", str(bad_mixed_geojson(tmp_path)), "--into", str(pkg)]) == 1
    _, err = capsys.readouterr()
    assert "gemengde coördinatenstelsels" in err and "niet gewijzigd" in err
    assert hashes(pkg) == before


def test_read_cbs_raises_for_a_map_without_buurt_codes(tmp_path):
    with pytest.raises(CbsImportError, match="buurtenkaart"):
        read_cbs(bad_no_code(tmp_path))


def test_municipality_not_of_the_package_is_refused(pkg, tmp_path):
    path = write_gpkg(tmp_path / "wijkenbuurten_2015.gpkg", cbs_frame(LONG))
    plan = plan_for(pkg, path, municipality="GM0363")
    assert not plan.ok and "het pakket gaat over GM0014" in str(plan.problems[0])


# --- a failed write leaves the package as it was -------------------------------------------------


def test_invalid_result_leaves_the_package_byte_identical(pkg, tmp_path):
    plan = plan_for(pkg, write_gpkg(tmp_path / "wijkenbuurten_2015.gpkg", cbs_frame(LONG)))
    path = next(p for p in plan.files if p.endswith("cijfers.csv"))
    plan.files[path] = plan.files[path] + b"wijk,nergens,2015,inwoners,-5,x,false,\n"
    before = hashes(pkg)
    problems = apply_import(plan, pkg)
    assert problems and any("nergens" in str(p) or "minimaal" in str(p) for p in problems)
    assert hashes(pkg) == before
    assert not temporary_folders(pkg)


def test_failure_while_swapping_puts_everything_back(pkg, tmp_path, monkeypatch):
    plan = plan_for(pkg, write_gpkg(tmp_path / "wijkenbuurten_2015.gpkg", cbs_frame(LONG)))
    before = hashes(pkg)
    real_replace, calls = cbs_apply.os.replace, []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == 3:  # the third file fails: the first two must be put back
            raise OSError("schijf vol")
        return real_replace(src, dst)

    monkeypatch.setattr(cbs_apply.os, "replace", flaky)
    monkeypatch.setattr(cbs_apply, "validate_package", lambda folder: [])  # the swap is under test here
    problems = apply_import(plan, pkg)
    assert problems and "schijf vol" in str(problems[0]) and "niet gewijzigd" in str(problems[0])
    assert hashes(pkg) == before


def test_stale_plan_is_refused(pkg, tmp_path):
    plan = plan_for(pkg, write_gpkg(tmp_path / "wijkenbuurten_2015.gpkg", cbs_frame(LONG)))
    with open(pkg / "data" / "cijfers.csv", "a", encoding="utf-8") as file:
        file.write("")  # unchanged content is fine ...
    assert plan.base and all(plan.base.values())
    (pkg / "data" / "wijkgrenzen.geojson").write_text(
        (pkg / "data" / "wijkgrenzen.geojson").read_text(encoding="utf-8") + "\n", encoding="utf-8")  # ... this not
    before = hashes(pkg)
    problems = apply_import(plan, pkg)
    assert problems and "gewijzigd sinds het plan" in str(problems[0])
    assert hashes(pkg) == before


def test_plan_reports_changes_for_the_preview(pkg, tmp_path):
    plan = plan_for(pkg, write_gpkg(tmp_path / "wijkenbuurten_2015.gpkg", cbs_frame(LONG)))
    changes = plan.changes.set_index(["gebied_type", "gebied_id", "indicator"])
    # The 2015 inhabitants of Paddepoel were 9705 already: same value, new source
    assert changes.loc[("wijk", "paddepoel", "inwoners"), "oud"] == 9705
    assert changes.loc[("wijk", "paddepoel", "inwoners"), "nieuw"] == 9705
    assert math.isnan(changes.loc[("wijk", "paddepoel", "aandeel_koop"), "oud"])  # new for 2015
    partial = plan.aggregates.set_index(["gebied_type", "gebied_id", "indicator"])
    assert partial.loc[("wijk", "selwerd", "aandeel_koop"), "partial"]
    assert partial.loc[("gemeente", "GM0014", "inwoners"), "partial"]
    assert plan.describe()[0].startswith("CBS Wijk- en buurtkaart 2015")


def test_water_part_of_a_buurt_is_left_out(pkg, tmp_path):
    frame = cbs_frame(LONG)
    water = frame.iloc[[0]].copy()
    water["water"] = "JA"
    water["geometry"] = water.geometry.translate(0, -2 * HALF)  # the lake next to Paddepoel-Zuid
    frame = pd.concat([frame, water], ignore_index=True)
    plan = plan_for(pkg, write_gpkg(tmp_path / "wijkenbuurten_2015.gpkg", frame))
    assert plan.ok, plan.problems
    assert "waterdeel van 1 buurt weggelaten" in notes_text(plan)
    land = gpd.GeoSeries([shapely.geometry.shape(features(plan, "buurtgrenzen")["BU00141001"]["geometry"])],
                         crs=4326).to_crs(28992)
    assert land.area.iloc[0] == pytest.approx((2 * HALF) ** 2, rel=0.02)


def test_year_comes_from_the_file_name_or_must_be_given(pkg, tmp_path):
    frame = cbs_frame(SHORT).drop(columns="JRSTATCODE")
    named = plan_for(pkg, write_shp(tmp_path / "a", frame, name="buurt_2018"))
    assert named.ok and named.year == 2018 and "afgeleid uit de bestandsnaam" in notes_text(named)
    unnamed = plan_for(pkg, write_shp(tmp_path / "b", frame, name="buurten"))
    assert not unnamed.ok and "--year" in str(unnamed.problems[0])
    given = plan_for(pkg, write_shp(tmp_path / "b", frame, name="buurten"), year=2019)
    assert given.ok and given.year == 2019


def test_zip_as_cbs_distributes_it_reads_the_geopackage(tmp_path):
    frame = cbs_frame(LONG)
    gpkg = write_gpkg(tmp_path / "WijkBuurtkaart_2015_v1.gpkg", frame)
    shp = write_shp(tmp_path / "SHP", cbs_frame(SHORT), name="buurt_2015_v1")
    wijk = write_shp(tmp_path / "SHP", cbs_frame(SHORT).rename(columns={"BU_CODE": "X"}), name="wijk_2015_v1")
    path = tmp_path / "WijkBuurtkaart_2015_v1.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(gpkg, gpkg.name)
        for part in [*shp.parent.glob("buurt_2015_v1.*"), *wijk.parent.glob("wijk_2015_v1.*")]:
            archive.write(part, f"SHP/{part.name}")
        archive.writestr("kwb-2015.csv", "gwb_code,a\n")
    gdf = read_cbs(path)
    assert "WijkBuurtkaart_2015_v1.gpkg" in gdf.attrs["notes"][0].message and gdf.attrs["layer"] == "buurten"
    assert "buurtcode" in gdf.columns and len(gdf) == len(BUURTEN)


@pytest.mark.parametrize(("kept", "said"), [
    (1, "1 bestaande waarde van 2015 blijft staan met haar eigen bron"),
    (2, "2 bestaande waarden van 2015 blijven staan met hun eigen bron"),
    (1200, "1.200 bestaande waarden van 2015 blijven staan met hun eigen bron")])
def test_the_values_kept_are_counted_in_words_that_agree(kept, said):
    from types import SimpleNamespace

    from nla_data.cbs.figures import _aggregate_notes

    plan = SimpleNamespace(source="wijkenbuurten_2015.gpkg", year=2015, notes=[])
    aggregates = pd.DataFrame({"gebied_type": ["wijk"], "gebied_id": ["selwerd"], "indicator": ["inwoners"],
                               "waarde": [6585.0], "partial": [False]})
    _aggregate_notes(plan, aggregates, kept, SimpleNamespace(wijken=pd.DataFrame({"naam": ["Selwerd"]})), {"selwerd"})
    assert [note.message for note in plan.notes] == [
        f"{said}, omdat het bestand er geen (volledige) waarde voor geeft"]


@pytest.mark.parametrize(("kept", "said"), [
    (1, "1 existing value of 2015 stays with its own source, because the file gives no (complete) value for it"),
    (1200, "1,200 existing values of 2015 stay with their own source, because the file gives no (complete) value "
           "for them")])
def test_the_values_kept_are_counted_in_english_words_that_agree(kept, said):
    from types import SimpleNamespace

    from nla_data.cbs.figures import _aggregate_notes

    plan = SimpleNamespace(source="wijkenbuurten_2015.gpkg", year=2015, notes=[])
    aggregates = pd.DataFrame({"gebied_type": ["wijk"], "gebied_id": ["selwerd"], "indicator": ["inwoners"],
                               "waarde": [6585.0], "partial": [False]})
    _aggregate_notes(plan, aggregates, kept, SimpleNamespace(wijken=pd.DataFrame({"naam": ["Selwerd"]})), {"selwerd"})
    assert [note.text("en") for note in plan.notes] == [said]


def bad_zip_bytes(tmp_path: Path) -> Path:
    path = tmp_path / "kapot.zip"
    path.write_bytes(b"PK\x03\x04" + b"geen zip" * 8)
    return path


def renamed_text(tmp_path: Path) -> Path:
    path = tmp_path / "nep.gpkg"
    path.write_text("Dit is een tekstbestand met een andere naam.\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("make", [bad_zip_bytes, renamed_text, bad_text])
def test_an_unreadable_file_is_explained_in_dutch_without_the_servers_paths(make, pkg, tmp_path):
    """GDAL's own reason is English and names the file by its path on the server ("'/vsizip//tmp/…/kapot.zip'
    does not exist in the file system"): the message says in Dutch what is wrong and names no path."""
    from pages.beheer import without_paths

    plan = plan_for(pkg, make(tmp_path), year=2015)
    assert not plan.ok
    said = " | ".join(without_paths(p.message, "nl") for p in plan.problems)
    assert "dit is geen leesbare kaart" in said, said
    for english in ("not recognized", "does not exist", "file system", "driver", "/vsizip", str(tmp_path)):
        assert english not in said, said
    assert said.count(":") == 1, said  # "…GeoJSON): <the reason in Dutch>", nothing after it


def test_a_server_path_is_left_out_of_a_message_even_with_gdals_double_slash():
    from pages.beheer import without_paths

    assert without_paths("'/vsizip//tmp/abc/kapot.zip' bestaat niet", "nl") == "'de map op de server' bestaat niet"
    assert without_paths("zie https://www.cbs.nl/nl-nl/dossier", "nl") == "zie https://www.cbs.nl/nl-nl/dossier"
