"""The embedded package against the public facts it is built from (../shared/data).

Boundaries: each NLA wijk's outline is the union of its CBS buurten and the wijken tile the city;
every CBS buurt is in the package with its own boundary. Figures: each aggregation rule on the real
2015 data, the city from CBS's municipal row, the rent limits of the law. And the build script gives
the committed files byte for byte. Tests that read ../shared/data skip when it is absent.
"""

from __future__ import annotations

import csv
import json
import math
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from geo.coverage import coverage_problems
from geo.crs import RD_NEW
from nla_data import EMBEDDED_DIR
from nla_data.aggregate import aggregate_to_gemeente, aggregate_to_wijken
from nla_data.validate import validate_package

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
CBS_BUURTEN = SHARED / "cbs-wijkbuurtkaart-2015-gm0014-buurten.geojson"
CBS_GEMEENTE = SHARED / "cbs-wijkbuurtkaart-2015-gm0014-gemeente.csv"
needs_shared = pytest.mark.skipif(not CBS_BUURTEN.exists(), reason=f"the public facts are not here: {SHARED}")
SQ_M = 1.0  # areas below this (m², in RD New) are rounding


@pytest.fixture(scope="module")
def outlines(package) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """(buurten, wijken) of the package in RD New."""
    return package.buurtgrenzen.to_crs(RD_NEW), package.wijkgrenzen.to_crs(RD_NEW)


@pytest.fixture(scope="module")
def cbs() -> dict:
    return json.loads(CBS_BUURTEN.read_text(encoding="utf-8"))


def figures(package, kind: str, year: int = 2015) -> pd.DataFrame:
    """indicator columns, one row per area of `kind`."""
    rows = package.cijfers[(package.cijfers["gebied_type"] == kind) & (package.cijfers["jaar"] == year)]
    return rows.pivot(index="gebied_id", columns="indicator", values="waarde").astype(float)


def buurt_values(package, year: int = 2015) -> pd.DataFrame:
    rows = package.cijfers[(package.cijfers["gebied_type"] == "buurt") & (package.cijfers["jaar"] == year)]
    return rows.rename(columns={"gebied_id": "buurtcode"})[["buurtcode", "indicator", "waarde"]].astype(
        {"waarde": float})


# --- boundaries -----------------------------------------------------------------------------------


def test_each_wijk_outline_is_the_union_of_its_buurten(package, outlines):
    buurten, wijken = outlines
    assert sorted(wijken["wijk_id"].dropna()) == sorted(package.wijken["wijk_id"])
    for wijk_id, outline in zip(wijken["wijk_id"], wijken.geometry):
        own = buurten[buurten["wijk_id"] == wijk_id] if isinstance(wijk_id, str) else buurten[buurten["wijk_id"].isna()]
        union = shapely.union_all(np.asarray(own.geometry.values))
        assert shapely.symmetric_difference(outline, union).area < SQ_M, wijk_id
    names = dict(zip(package.wijken["wijk_id"], package.wijken["naam"]))
    assert all(names[w] == n for w, n in zip(wijken["wijk_id"], wijken["naam"]) if isinstance(w, str))


def test_wijken_tile_the_city_sharing_their_borders(outlines):
    buurten, wijken = outlines
    # No overlaps, no gaps inside the city, shared borders vertex for vertex.
    assert coverage_problems(wijken, label_col="naam") == []
    assert coverage_problems(buurten, label_col="buurtcode") == []
    city = shapely.union_all(np.asarray(buurten.geometry.values))
    assert shapely.symmetric_difference(shapely.union_all(np.asarray(wijken.geometry.values)), city).area < SQ_M
    assert shapely.get_num_interior_rings(city) == 0 and city.geom_type == "Polygon"


def test_the_boundaries_are_official_with_their_source(package):
    assert package.info.boundaries == "officieel"
    assert "CBS, Wijk- en buurtkaart 2015" in package.info.boundaries_note
    for frame in (package.buurtgrenzen, package.wijkgrenzen):
        assert (frame["status"] == "officieel").all()
        assert (frame["bron"] == "CBS, Wijk- en buurtkaart 2015 (versie 1)").all()


@needs_shared
def test_every_cbs_buurt_is_in_the_package_with_exactly_its_boundary(package, cbs):
    ours = package.buurtgrenzen.set_index("buurtcode")
    theirs = {f["properties"]["BU_CODE"]: f for f in cbs["features"]}
    assert len(theirs) == 106 and set(theirs) == set(ours.index) == set(package.buurten["buurtcode"])
    committed = json.loads((EMBEDDED_DIR / "data" / "buurtgrenzen.geojson").read_text(encoding="utf-8"))
    written = {f["properties"]["buurtcode"]: f["geometry"] for f in committed["features"]}
    for code, feature in theirs.items():
        cbs_geom = shapely.from_geojson(json.dumps(feature["geometry"]))
        our_geom = shapely.from_geojson(json.dumps(written[code]))
        # The same coordinates, to the last digit; only the ring direction may differ (RFC 7946).
        assert shapely.equals_exact(shapely.normalize(cbs_geom), shapely.normalize(our_geom), tolerance=0), code
        assert ours.loc[code, "buurtnaam"] == feature["properties"]["BU_NAAM"]


# --- figures: one test per aggregation rule, on the real data -------------------------------------


def test_counts_are_summed(package):
    buurten, wijken = figures(package, "buurt"), figures(package, "wijk")
    mapping = package.buurten.set_index("buurtcode")["wijk_id"]
    for indicator in ("inwoners", "huishoudens", "bijstandsuitkeringen", "opp_land_ha"):
        summed = buurten[indicator].groupby(mapping).sum(min_count=1)
        secret = buurten[indicator].reindex(mapping.index).isna().groupby(mapping).any()
        for wijk_id in package.wijken["wijk_id"]:
            if secret[wijk_id]:
                assert math.isnan(wijken.loc[wijk_id, indicator])  # a secret buurt: no sum
            else:
                assert wijken.loc[wijk_id, indicator] == summed[wijk_id], (wijk_id, indicator)


def test_shares_are_weighted_by_their_base(package):
    buurten, wijken = figures(package, "buurt"), figures(package, "wijk")
    mapping = package.buurten.set_index("buurtcode")["wijk_id"]
    for indicator, base in (("aandeel_65_plus", "inwoners"), ("aandeel_0_14", "inwoners"),
                            ("aandeel_eenpersoonshuishoudens", "huishoudens"),
                            ("gemiddelde_huishoudensgrootte", "huishoudens")):
        known = buurten[[indicator, base]].dropna()
        weighted = (known[indicator] * known[base]).groupby(mapping).sum() / known[base].groupby(mapping).sum()
        assert wijken[indicator].round(2).to_dict() == weighted.round(2).to_dict(), indicator
        assert base in package.cijfers.loc[(package.cijfers["indicator"] == indicator)
                                           & (package.cijfers["gebied_type"] == "wijk"), "opmerking"].iloc[0]


def test_rates_are_computed_from_the_counts(package):
    buurten, wijken = figures(package, "buurt"), figures(package, "wijk")
    mapping = package.buurten.set_index("buurtcode")["wijk_id"]
    rate = buurten["bijstandsuitkeringen"].groupby(mapping).sum() / buurten["inwoners"].groupby(mapping).sum() * 1000
    assert wijken["bijstand_per_1000"].round(2).to_dict() == rate.round(2).to_dict()
    density = buurten["inwoners"].groupby(mapping).sum() / buurten["opp_land_ha"].groupby(mapping).sum() * 100
    assert wijken["bevolkingsdichtheid"].round(2).to_dict() == density.round(2).to_dict()
    # A buurt's own rate from its own counts, never a CBS-rounded one.
    known = buurten.dropna(subset=["bijstandsuitkeringen"])
    known = known[known["inwoners"] > 0]
    assert np.allclose(known["bijstand_per_1000"], known["bijstandsuitkeringen"] / known["inwoners"] * 1000,
                       atol=0.005)


@needs_shared
def test_a_secret_is_no_value(package, cbs):
    secret = [f["properties"]["BU_CODE"] for f in cbs["features"] if f["properties"]["WWB_UITTOT"] == -99999999]
    assert secret  # tiny buurten: CBS keeps their benefits secret
    rows = package.cijfers
    assert rows[(rows["indicator"] == "bijstandsuitkeringen") & rows["gebied_id"].isin(secret)].empty
    assert (rows["waarde"] >= 0).all()


def test_the_city_from_the_buurten_is_partial_with_its_coverage(package):
    """Summed over the buurten the city's bijstand rate is partial: the secret buurten hold some inhabitants."""
    values = buurt_values(package)
    city = aggregate_to_gemeente(values, package.buurten["buurtcode"], package.indicatoren, "GM0014",
                                 min_coverage=package.info.min_coverage).set_index("indicator")
    buurten = figures(package, "buurt")
    known = buurten["bijstandsuitkeringen"].notna()
    coverage = buurten.loc[known, "inwoners"].sum() / buurten["inwoners"].sum()
    assert 0.9 < coverage < 1
    row = city.loc["bijstand_per_1000"]
    assert row.partial and row.dekking == pytest.approx(coverage)
    assert row.waarde == pytest.approx(buurten.loc[known, "bijstandsuitkeringen"].sum()
                                       / buurten.loc[known, "inwoners"].sum() * 1000)
    assert math.isnan(city.loc["bijstandsuitkeringen", "waarde"])  # a count with a secret buurt: no sum


def test_below_the_minimum_coverage_a_value_is_missing(package):
    """Per CBS wijk (not the NLA ones): WK001405 (Europapark to Roodehaan and Waterhuizen) has five
    buurten with secret benefits, holding about 5 % of its inhabitants."""
    values = buurt_values(package)
    mapping = package.buurten.set_index("buurtcode")["cbs_wijkcode"]

    def rates(min_coverage: float) -> pd.DataFrame:
        out = aggregate_to_wijken(values, mapping, package.indicatoren, min_coverage=min_coverage)
        return out[out["indicator"] == "bijstand_per_1000"].set_index("wijk_id")

    lenient, strict = rates(package.info.min_coverage), rates(0.95)
    wijk = lenient.loc["WK001405"]
    assert wijk.partial and wijk.missing_buurten == 5 and 0.9 < wijk.dekking < 0.95
    assert not math.isnan(wijk.waarde) and math.isnan(strict.loc["WK001405", "waarde"])
    assert lenient.loc[~lenient["partial"], "waarde"].notna().all()
    assert lenient.loc[lenient["dekking"] < package.info.min_coverage, "waarde"].isna().all()


def test_the_city_is_the_municipal_row(package):
    city = figures(package, "gemeente").loc["GM0014"]
    assert city["inwoners"] == 200_336 and city["huishoudens"] == 120_764
    assert city["bijstand_per_1000"] == pytest.approx(11_030 / 200_336 * 1000, abs=0.005)
    assert city["aandeel_65_plus"] == 12
    if CBS_GEMEENTE.exists():
        row = pd.read_csv(CBS_GEMEENTE).iloc[0]
        assert (city["inwoners"], city["huishoudens"], city["bijstandsuitkeringen"], city["aow_uitkeringen"]) == \
            (row["AANT_INW"], row["AANTAL_HH"], row["WWB_UITTOT"], row["A_SOZ_OW"])
    # ETM dwellings have no municipal row and one buurt without an estimate: no city sum, never a low one.
    assert "woningen" not in figures(package, "gemeente", 2016).columns


def test_partial_values_say_so(package):
    rows = package.cijfers
    partial = rows[rows["dekking"].notna()]
    assert (partial["dekking"] < 1).all()
    assert partial["opmerking"].str.contains("gedeeltelijk").all()


def test_illustrative_rows_stay_flagged(package):
    rows = package.cijfers
    illustrative = rows[rows["bron"].str.startswith("Illustratief")]
    assert len(illustrative) and illustrative["illustratief"].all()
    assert not rows.loc[rows["jaar"] == 2015, "illustratief"].any()


# --- declarations -----------------------------------------------------------------------------------


def test_key_figures_in_their_order(package):
    key = package.indicatoren[package.indicatoren["kerncijfer"]].sort_values("volgorde")["indicator"]
    assert list(key) == ["inwoners", "huishoudens", "aandeel_65_plus", "bijstand_per_1000", "woningen",
                         "aandeel_sociale_huur", "goedkope_huur_per_laag_inkomen", "leefbaarometer"]


def test_a_rate_needs_its_counts_and_a_weighted_mean_its_base(broken_package):
    pkg = broken_package()
    path = pkg / "data" / "indicatoren.csv"
    with open(path, encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    header = rows[0]
    for line in rows[1:]:
        if line[0] == "bijstand_per_1000":
            line[header.index("noemer")] = ""
        if line[0] == "aandeel_65_plus":
            line[header.index("gewicht")] = ""
    with open(path, "w", encoding="utf-8", newline="") as file:
        csv.writer(file, lineterminator="\n").writerows(rows)
    problems = [(p.resource, p.field, p.message) for p in validate_package(pkg)]
    assert ("indicatoren", "noemer", "aggregatie 'verhouding' vraagt om noemer") in problems
    assert ("indicatoren", "gewicht", "aggregatie 'gewogen' vraagt om gewicht") in problems


# --- rent limits --------------------------------------------------------------------------------------


def test_rent_limits_of_the_law(package):
    limits = package.huurgrenzen.set_index(["jaar", "grens"])
    assert limits.loc[(2011, "aftoppingsgrens_laag"), "bedrag"] == 517.64
    assert limits.loc[(2012, "aftoppingsgrens_laag"), "bedrag"] == 524.37
    assert sorted(set(package.huurgrenzen["jaar"])) == list(range(2011, 2017))
    assert limits.loc[(2013, "bron")].str.contains("Wet op de huurtoeslag").all()
    assert limits.loc[(2016, "opmerking")].str.contains("secundaire bron").all()
    assert not package.huurgrenzen["opmerking"].fillna("").str.contains("controleer").any()


# --- the build ------------------------------------------------------------------------------------------


@needs_shared
def test_the_build_gives_the_committed_files(tmp_path):
    out = tmp_path / "data"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_package.py"), "--shared", str(SHARED),
                    "--out", str(out)], check=True, capture_output=True, cwd=tmp_path)
    built = sorted(p.name for p in out.iterdir())
    assert built == ["buurten.csv", "buurtgrenzen.geojson", "cijfers.csv", "huurgrenzen.csv", "indicatoren.csv",
                     "wijken.csv", "wijkgrenzen.geojson"]
    for name in built:
        assert (out / name).read_bytes() == (EMBEDDED_DIR / "data" / name).read_bytes(), name


def test_aggregated_rows_name_their_base_in_words(package):
    """The note of a wijk value says how it was made, with the indicators' Dutch names, not their codes."""
    notes = package.cijfers[(package.cijfers["gebied_type"] == "wijk") & (package.cijfers["gebied_id"] == "selwerd")
                            & (package.cijfers["jaar"] == 2015)].set_index("indicator")["opmerking"]
    assert notes["aandeel_65_plus"] == "gewogen gemiddelde van de buurten (basis: inwoners)"
    assert notes["aow_per_1000"] == "berekend uit aantallen: AOW-uitkeringen / inwoners × 1.000"
    assert "landoppervlakte" in notes["bevolkingsdichtheid"] and "opp_land_ha" not in notes["bevolkingsdichtheid"]
    assert notes["inwoners"] == "som van de buurten"
