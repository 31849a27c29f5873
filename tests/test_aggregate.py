"""Buurt values to wijk values: counts summed, shares weighted by their base, secrets never zero.

Every expected number is computed by hand in the comment next to it.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from nla_data.aggregate import aggregate_to_gemeente, aggregate_to_wijken

DEFINITIONS = pd.DataFrame({
    "indicator": ["inwoners", "huishoudens", "woningen", "aandeel_koop", "woz_gemiddeld", "leefbaarometer",
                  "gemiddelde_grootte"],
    "aggregatie": ["som", "som", "som", "gewogen", "gewogen", "gewogen", "gewogen"],
    "gewicht": [None, None, None, "woningen", "woningen", "inwoners", "huishoudens"],
})


def values(rows: dict[str, dict[str, float | None]]) -> pd.DataFrame:
    """{buurtcode: {indicator: value}} -> long form; None = secret (NaN)."""
    return pd.DataFrame([{"buurtcode": code, "indicator": name, "waarde": math.nan if v is None else v}
                         for code, figures in rows.items() for name, v in figures.items()])


def result(frame: pd.DataFrame, area: str, indicator: str, key: str = "wijk_id") -> pd.Series:
    hit = frame[(frame[key] == area) & (frame["indicator"] == indicator)]
    assert len(hit) == 1, hit
    return hit.iloc[0]


MAPPING = pd.Series({"BU1": "noord", "BU2": "noord", "BU3": "zuid", "BU4": None})


def test_share_is_weighted_by_dwellings_not_averaged():
    data = values({"BU1": {"woningen": 1000, "aandeel_koop": 50},
                   "BU2": {"woningen": 3000, "aandeel_koop": 10},
                   "BU3": {"woningen": 200, "aandeel_koop": 80}})
    out = aggregate_to_wijken(data, MAPPING, DEFINITIONS)
    # (0.50 * 1000 + 0.10 * 3000) / 4000 = 800 / 4000 = 20 %, not (50 + 10) / 2 = 30 %
    assert result(out, "noord", "aandeel_koop").waarde == pytest.approx(20.0)
    assert result(out, "noord", "woningen").waarde == 4000  # 1000 + 3000
    assert result(out, "zuid", "aandeel_koop").waarde == pytest.approx(80.0)
    assert not out["partial"].any()
    assert set(out["wijk_id"]) == {"noord", "zuid"}  # BU4 has no wijk: left out


def test_each_indicator_uses_its_own_base():
    data = values({"BU1": {"inwoners": 100, "woningen": 10, "huishoudens": 50, "leefbaarometer": 4.0,
                           "woz_gemiddeld": 100_000, "gemiddelde_grootte": 2.0},
                   "BU2": {"inwoners": 300, "woningen": 30, "huishoudens": 100, "leefbaarometer": 8.0,
                           "woz_gemiddeld": 200_000, "gemiddelde_grootte": 3.0}})
    out = aggregate_to_wijken(data, MAPPING[["BU1", "BU2"]], DEFINITIONS)
    # by inhabitants: (4*100 + 8*300) / 400 = 2800 / 400 = 7.0
    assert result(out, "noord", "leefbaarometer").waarde == pytest.approx(7.0)
    # by dwellings: (100000*10 + 200000*30) / 40 = 7_000_000 / 40 = 175_000
    assert result(out, "noord", "woz_gemiddeld").waarde == pytest.approx(175_000)
    # by households: (2*50 + 3*100) / 150 = 400 / 150 = 2.6667
    assert result(out, "noord", "gemiddelde_grootte").waarde == pytest.approx(400 / 150)
    assert result(out, "noord", "inwoners").waarde == 400


def test_secret_count_makes_the_sum_missing_not_smaller():
    data = values({"BU1": {"inwoners": 1200}, "BU2": {"inwoners": None}, "BU3": {"inwoners": 800}})
    out = aggregate_to_wijken(data, MAPPING, DEFINITIONS)
    noord = result(out, "noord", "inwoners")
    assert math.isnan(noord.waarde)  # not 1200: BU2 is secret, not zero
    assert noord.partial and noord.missing_buurten == 1 and noord.buurten == 2
    zuid = result(out, "zuid", "inwoners")
    assert zuid.waarde == 800 and not zuid.partial


def test_cbs_sentinel_is_a_secret_too():
    data = values({"BU1": {"inwoners": 1200}, "BU2": {"inwoners": -99999997}})
    noord = result(aggregate_to_wijken(data, MAPPING[["BU1", "BU2"]], DEFINITIONS), "noord", "inwoners")
    assert math.isnan(noord.waarde) and noord.partial


def test_secret_share_with_dwellings_makes_the_mean_missing():
    data = values({"BU1": {"woningen": 1000, "aandeel_koop": 50}, "BU2": {"woningen": 3000, "aandeel_koop": None}})
    noord = result(aggregate_to_wijken(data, MAPPING[["BU1", "BU2"]], DEFINITIONS), "noord", "aandeel_koop")
    assert math.isnan(noord.waarde) and noord.partial and noord.missing_buurten == 1


def test_missing_weight_makes_the_mean_missing():
    data = values({"BU1": {"woningen": 1000, "aandeel_koop": 50}, "BU2": {"woningen": None, "aandeel_koop": 10}})
    noord = result(aggregate_to_wijken(data, MAPPING[["BU1", "BU2"]], DEFINITIONS), "noord", "aandeel_koop")
    assert math.isnan(noord.waarde) and noord.partial and noord.missing_buurten == 1


def test_weight_indicator_absent_everywhere_makes_the_mean_missing():
    data = values({"BU1": {"aandeel_koop": 50}, "BU2": {"aandeel_koop": 10}})
    noord = result(aggregate_to_wijken(data, MAPPING[["BU1", "BU2"]], DEFINITIONS), "noord", "aandeel_koop")
    assert math.isnan(noord.waarde) and noord.missing_buurten == 2


def test_buurt_without_dwellings_does_not_need_a_share():
    # An industrial estate: 0 dwellings, CBS leaves its share empty. It weighs nothing: 50 %.
    data = values({"BU1": {"woningen": 1000, "aandeel_koop": 50}, "BU2": {"woningen": 0, "aandeel_koop": None}})
    noord = result(aggregate_to_wijken(data, MAPPING[["BU1", "BU2"]], DEFINITIONS), "noord", "aandeel_koop")
    assert noord.waarde == pytest.approx(50.0) and not noord.partial


def test_area_without_any_weight_has_no_mean():
    data = values({"BU1": {"woningen": 0, "aandeel_koop": None}, "BU2": {"woningen": 0, "aandeel_koop": None}})
    noord = result(aggregate_to_wijken(data, MAPPING[["BU1", "BU2"]], DEFINITIONS), "noord", "aandeel_koop")
    assert math.isnan(noord.waarde) and not noord.partial


def test_buurt_absent_from_the_data_counts_as_missing():
    # The data has only BU1; wijk noord also has BU2: its sum would be wrong, so it is missing.
    data = values({"BU1": {"inwoners": 1200, "woningen": 500, "aandeel_koop": 40}})
    out = aggregate_to_wijken(data, MAPPING, DEFINITIONS)
    for indicator in ("inwoners", "woningen", "aandeel_koop"):
        row = result(out, "noord", indicator)
        assert math.isnan(row.waarde) and row.partial and row.missing_buurten == 1
    assert result(out, "zuid", "inwoners").missing_buurten == 1  # BU3 absent altogether


def test_gemeente_total_over_all_buurten():
    data = values({"BU1": {"inwoners": 100, "woningen": 1000, "aandeel_koop": 50},
                   "BU2": {"inwoners": 200, "woningen": 3000, "aandeel_koop": 10},
                   "BU9": {"inwoners": 5, "woningen": 0, "aandeel_koop": None}})
    out = aggregate_to_gemeente(data, ["BU1", "BU2", "BU9"], DEFINITIONS, "GM0014")
    assert result(out, "GM0014", "inwoners", "gemeentecode").waarde == 305
    assert result(out, "GM0014", "aandeel_koop", "gemeentecode").waarde == pytest.approx(20.0)
    secret = values({"BU1": {"inwoners": 100}, "BU2": {"inwoners": None}})
    total = result(aggregate_to_gemeente(secret, ["BU1", "BU2"], DEFINITIONS, "GM0014"), "GM0014", "inwoners",
                   "gemeentecode")
    assert math.isnan(total.waarde) and total.partial


def test_works_with_the_package_definitions(package):
    data = values({"BU00141001": {"woningen": 1000, "aandeel_sociale_huur": 60, "inwoners": 2000},
                   "BU00141002": {"woningen": 3000, "aandeel_sociale_huur": 20, "inwoners": 6000}})
    mapping = package.buurten.set_index("buurtcode")["wijk_id"]
    out = aggregate_to_wijken(data, mapping, package.indicatoren)
    # (60*1000 + 20*3000) / 4000 = 120000 / 4000 = 30 %
    assert result(out, "paddepoel", "aandeel_sociale_huur").waarde == pytest.approx(30.0)
    assert result(out, "paddepoel", "inwoners").waarde == 8000
    assert math.isnan(result(out, "selwerd", "inwoners").waarde)  # Selwerd is not in the data
    assert list(out.columns) == ["wijk_id", "indicator", "waarde", "partial", "missing_buurten", "buurten"]


def test_undefined_indicator_is_refused():
    with pytest.raises(KeyError, match="zonder definitie"):
        aggregate_to_wijken(values({"BU1": {"onbekend": 1}}), MAPPING, DEFINITIONS)
