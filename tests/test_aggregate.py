"""Buurt values to wijk values: counts summed, shares weighted by their base, rates from counts,
secrets never zero, partial values with their coverage, below the minimum coverage missing.

Every expected number is computed by hand in the comment next to it.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from nla_data.aggregate import aggregate_to_gemeente, aggregate_to_wijken, basis_note, buurt_ratios

DEFINITIONS = pd.DataFrame({
    "indicator": ["inwoners", "huishoudens", "woningen", "aandeel_koop", "woz_gemiddeld", "leefbaarometer",
                  "gemiddelde_grootte", "bijstand", "bijstand_per_1000", "opp_land_ha", "dichtheid"],
    "aggregatie": ["som", "som", "som", "gewogen", "gewogen", "gewogen", "gewogen", "som", "verhouding", "som",
                   "verhouding"],
    "gewicht": [None, None, None, "woningen", "woningen", "inwoners", "huishoudens", None, None, None, None],
    "teller": [None] * 8 + ["bijstand", None, "inwoners"],
    "noemer": [None] * 8 + ["inwoners", None, "opp_land_ha"],
    "factor": [None] * 8 + [1000, None, 100],
})
MIN = 0.9  # what the embedded package declares (wijkperspectief.minimale_dekking)


def values(rows: dict[str, dict[str, float | None]]) -> pd.DataFrame:
    """{buurtcode: {indicator: value}} -> long form; None = secret (NaN)."""
    return pd.DataFrame([{"buurtcode": code, "indicator": name, "waarde": math.nan if v is None else v}
                         for code, figures in rows.items() for name, v in figures.items()])


def wijken(data: pd.DataFrame, mapping: pd.Series, definitions: pd.DataFrame = DEFINITIONS,
           min_coverage: float = MIN) -> pd.DataFrame:
    return aggregate_to_wijken(data, mapping, definitions, min_coverage=min_coverage)


def result(frame: pd.DataFrame, area: str, indicator: str, key: str = "wijk_id") -> pd.Series:
    hit = frame[(frame[key] == area) & (frame["indicator"] == indicator)]
    assert len(hit) == 1, hit
    return hit.iloc[0]


MAPPING = pd.Series({"BU1": "noord", "BU2": "noord", "BU3": "zuid", "BU4": None})
NOORD = MAPPING[["BU1", "BU2"]]


# --- som ----------------------------------------------------------------------------------------


def test_counts_are_summed():
    data = values({"BU1": {"inwoners": 1200}, "BU2": {"inwoners": 300}, "BU3": {"inwoners": 800}})
    noord = result(wijken(data, MAPPING), "noord", "inwoners")
    assert noord.waarde == 1500 and noord.dekking == 1.0 and not noord.partial  # 1200 + 300


def test_secret_count_makes_the_sum_missing_not_smaller():
    data = values({"BU1": {"inwoners": 1200}, "BU2": {"inwoners": None}, "BU3": {"inwoners": 800}})
    out = wijken(data, MAPPING)
    noord = result(out, "noord", "inwoners")
    assert math.isnan(noord.waarde) and math.isnan(noord.dekking)  # not 1200: BU2 is secret, not zero
    assert noord.partial and noord.missing_buurten == 1 and noord.buurten == 2
    zuid = result(out, "zuid", "inwoners")
    assert zuid.waarde == 800 and not zuid.partial


def test_cbs_sentinel_is_a_secret_too():
    data = values({"BU1": {"inwoners": 1200}, "BU2": {"inwoners": -99999997}})
    noord = result(wijken(data, NOORD), "noord", "inwoners")
    assert math.isnan(noord.waarde) and noord.partial


# --- gewogen ------------------------------------------------------------------------------------


def test_share_is_weighted_by_dwellings_not_averaged():
    data = values({"BU1": {"woningen": 1000, "aandeel_koop": 50},
                   "BU2": {"woningen": 3000, "aandeel_koop": 10},
                   "BU3": {"woningen": 200, "aandeel_koop": 80}})
    out = wijken(data, MAPPING)
    # (0.50 * 1000 + 0.10 * 3000) / 4000 = 800 / 4000 = 20 %, not (50 + 10) / 2 = 30 %
    assert result(out, "noord", "aandeel_koop").waarde == pytest.approx(20.0)
    assert result(out, "noord", "woningen").waarde == 4000  # 1000 + 3000
    assert result(out, "zuid", "aandeel_koop").waarde == pytest.approx(80.0)
    assert not out["partial"].any() and (out["dekking"] == 1.0).all()
    assert set(out["wijk_id"]) == {"noord", "zuid"}  # BU4 has no wijk: left out


def test_each_indicator_uses_its_own_base():
    data = values({"BU1": {"inwoners": 100, "woningen": 10, "huishoudens": 50, "leefbaarometer": 4.0,
                           "woz_gemiddeld": 100_000, "gemiddelde_grootte": 2.0},
                   "BU2": {"inwoners": 300, "woningen": 30, "huishoudens": 100, "leefbaarometer": 8.0,
                           "woz_gemiddeld": 200_000, "gemiddelde_grootte": 3.0}})
    out = wijken(data, NOORD)
    # by inhabitants: (4*100 + 8*300) / 400 = 2800 / 400 = 7.0
    assert result(out, "noord", "leefbaarometer").waarde == pytest.approx(7.0)
    # by dwellings: (100000*10 + 200000*30) / 40 = 7_000_000 / 40 = 175_000
    assert result(out, "noord", "woz_gemiddeld").waarde == pytest.approx(175_000)
    # by households: (2*50 + 3*100) / 150 = 400 / 150 = 2.6667
    assert result(out, "noord", "gemiddelde_grootte").waarde == pytest.approx(400 / 150)
    assert result(out, "noord", "inwoners").waarde == 400


def test_secret_share_is_partial_with_the_coverage_of_its_base():
    # BU2's share is secret; BU1 holds 9500 of the 10000 dwellings: 95 % coverage, above the 90 % minimum.
    data = values({"BU1": {"woningen": 9500, "aandeel_koop": 40}, "BU2": {"woningen": 500, "aandeel_koop": None}})
    noord = result(wijken(data, NOORD), "noord", "aandeel_koop")
    assert noord.waarde == pytest.approx(40.0)  # over the known buurt only, never as if BU2 were 0 %
    assert noord.dekking == pytest.approx(0.95) and noord.partial and noord.missing_buurten == 1


def test_secret_share_below_the_minimum_coverage_is_missing():
    # BU1 holds 1000 of the 4000 dwellings: 25 % coverage, below 90 %.
    data = values({"BU1": {"woningen": 1000, "aandeel_koop": 50}, "BU2": {"woningen": 3000, "aandeel_koop": None}})
    noord = result(wijken(data, NOORD), "noord", "aandeel_koop")
    assert math.isnan(noord.waarde) and noord.dekking == pytest.approx(0.25) and noord.partial
    # The minimum is the caller's (the package's minimale_dekking), not a number in the code.
    lenient = result(wijken(data, NOORD, min_coverage=0.2), "noord", "aandeel_koop")
    assert lenient.waarde == pytest.approx(50.0)


def test_missing_weight_makes_the_mean_missing():
    # BU2's base is unknown, so the coverage cannot be measured.
    data = values({"BU1": {"woningen": 1000, "aandeel_koop": 50}, "BU2": {"woningen": None, "aandeel_koop": 10}})
    noord = result(wijken(data, NOORD), "noord", "aandeel_koop")
    assert math.isnan(noord.waarde) and math.isnan(noord.dekking) and noord.partial and noord.missing_buurten == 1


def test_weight_indicator_absent_everywhere_makes_the_mean_missing():
    data = values({"BU1": {"aandeel_koop": 50}, "BU2": {"aandeel_koop": 10}})
    noord = result(wijken(data, NOORD), "noord", "aandeel_koop")
    assert math.isnan(noord.waarde) and noord.missing_buurten == 2


def test_buurt_without_dwellings_does_not_need_a_share():
    # An industrial estate: 0 dwellings, CBS leaves its share empty. It weighs nothing: 50 %, complete.
    data = values({"BU1": {"woningen": 1000, "aandeel_koop": 50}, "BU2": {"woningen": 0, "aandeel_koop": None}})
    noord = result(wijken(data, NOORD), "noord", "aandeel_koop")
    assert noord.waarde == pytest.approx(50.0) and noord.dekking == 1.0 and not noord.partial


def test_area_without_any_weight_has_no_mean():
    data = values({"BU1": {"woningen": 0, "aandeel_koop": None}, "BU2": {"woningen": 0, "aandeel_koop": None}})
    noord = result(wijken(data, NOORD), "noord", "aandeel_koop")
    assert math.isnan(noord.waarde) and not noord.partial


# --- verhouding ---------------------------------------------------------------------------------


def test_rate_is_computed_from_the_counts_not_averaged():
    data = values({"BU1": {"inwoners": 1000, "bijstand": 10, "opp_land_ha": 50},
                   "BU2": {"inwoners": 3000, "bijstand": 90, "opp_land_ha": 150}})
    out = wijken(data, NOORD)
    # (10 + 90) / (1000 + 3000) * 1000 = 25 per 1.000, not the mean of 10 and 30 = 20
    assert result(out, "noord", "bijstand_per_1000").waarde == pytest.approx(25.0)
    # 4000 inhabitants / 200 ha * 100 = 2000 per km²
    assert result(out, "noord", "dichtheid").waarde == pytest.approx(2000.0)
    assert result(out, "noord", "bijstand_per_1000").dekking == 1.0


def test_secret_count_makes_the_rate_partial_with_the_coverage_of_its_noemer():
    # BU2's bijstand is secret; BU1 has 9700 of the 10000 inhabitants: 97 % coverage.
    data = values({"BU1": {"inwoners": 9700, "bijstand": 97}, "BU2": {"inwoners": 300, "bijstand": None}})
    noord = result(wijken(data, NOORD), "noord", "bijstand_per_1000")
    assert noord.waarde == pytest.approx(10.0)  # 97 / 9700 * 1000, not 97 / 10000 * 1000 = 9.7
    assert noord.dekking == pytest.approx(0.97) and noord.partial


def test_secret_count_below_the_minimum_leaves_the_rate_missing():
    data = values({"BU1": {"inwoners": 500, "bijstand": 5}, "BU2": {"inwoners": 500, "bijstand": None}})
    noord = result(wijken(data, NOORD), "noord", "bijstand_per_1000")
    assert math.isnan(noord.waarde) and noord.dekking == pytest.approx(0.5)


def test_buurt_without_inhabitants_does_not_need_a_count():
    data = values({"BU1": {"inwoners": 1000, "bijstand": 20}, "BU2": {"inwoners": 0, "bijstand": None}})
    noord = result(wijken(data, NOORD), "noord", "bijstand_per_1000")
    assert noord.waarde == pytest.approx(20.0) and not noord.partial and noord.dekking == 1.0


def test_rate_per_buurt_from_its_counts():
    data = values({"BU1": {"inwoners": 2000, "bijstand": 30}, "BU2": {"inwoners": 0, "bijstand": 0},
                   "BU3": {"inwoners": 500, "bijstand": None}})
    rates = buurt_ratios(data, DEFINITIONS).set_index("buurtcode")["waarde"]
    assert rates["BU1"] == pytest.approx(15.0)  # 30 / 2000 * 1000
    assert math.isnan(rates["BU2"]) and math.isnan(rates["BU3"])  # no inhabitants: no rate; secret: missing


# --- areas and definitions ----------------------------------------------------------------------


def test_buurt_absent_from_the_data_counts_as_missing():
    # The data has only BU1; wijk noord also has BU2: its sum would be wrong, so it is missing.
    data = values({"BU1": {"inwoners": 1200, "woningen": 500, "aandeel_koop": 40}})
    out = wijken(data, MAPPING)
    for indicator in ("inwoners", "woningen", "aandeel_koop"):
        row = result(out, "noord", indicator)
        assert math.isnan(row.waarde) and row.partial and row.missing_buurten == 1
    assert result(out, "zuid", "inwoners").missing_buurten == 1  # BU3 absent altogether


def test_gemeente_over_all_buurten():
    data = values({"BU1": {"inwoners": 100, "woningen": 1000, "aandeel_koop": 50},
                   "BU2": {"inwoners": 200, "woningen": 3000, "aandeel_koop": 10},
                   "BU9": {"inwoners": 5, "woningen": 0, "aandeel_koop": None}})
    out = aggregate_to_gemeente(data, ["BU1", "BU2", "BU9"], DEFINITIONS, "GM0014", min_coverage=MIN)
    assert result(out, "GM0014", "inwoners", "gemeentecode").waarde == 305
    assert result(out, "GM0014", "aandeel_koop", "gemeentecode").waarde == pytest.approx(20.0)
    secret = values({"BU1": {"inwoners": 100}, "BU2": {"inwoners": None}})
    total = result(aggregate_to_gemeente(secret, ["BU1", "BU2"], DEFINITIONS, "GM0014", min_coverage=MIN),
                   "GM0014", "inwoners", "gemeentecode")
    assert math.isnan(total.waarde) and total.partial


def test_works_with_the_package_definitions(package):
    data = values({"BU00141001": {"woningen": 1000, "aandeel_sociale_huur": 60, "inwoners": 2000,
                                  "bijstandsuitkeringen": 40},
                   "BU00141002": {"woningen": 3000, "aandeel_sociale_huur": 20, "inwoners": 6000,
                                  "bijstandsuitkeringen": 80}})
    mapping = package.buurten.set_index("buurtcode")["wijk_id"]
    out = wijken(data, mapping, package.indicatoren, package.info.min_coverage)
    # (60*1000 + 20*3000) / 4000 = 120000 / 4000 = 30 %
    assert result(out, "paddepoel", "aandeel_sociale_huur").waarde == pytest.approx(30.0)
    assert result(out, "paddepoel", "inwoners").waarde == 8000
    assert result(out, "paddepoel", "bijstand_per_1000").waarde == pytest.approx(15.0)  # 120 / 8000 * 1000
    assert math.isnan(result(out, "selwerd", "inwoners").waarde)  # Selwerd is not in the data
    assert list(out.columns) == ["wijk_id", "indicator", "waarde", "dekking", "partial", "missing_buurten", "buurten"]


def test_the_note_names_the_base(package):
    definitions = package.indicatoren
    assert basis_note(definitions.loc["inwoners"]) == "som van de buurten"
    assert basis_note(definitions.loc["aandeel_eenpersoonshuishoudens"]) == \
        "gewogen gemiddelde van de buurten (basis: huishoudens)"
    assert basis_note(definitions.loc["bijstand_per_1000"]) == \
        "berekend uit aantallen: bijstandsuitkeringen / inwoners × 1.000"
    assert basis_note(definitions.loc["aandeel_65_plus"], 0.976).endswith("; gedeeltelijk: 97 % van de inwoners")


def test_undefined_indicator_is_refused():
    with pytest.raises(KeyError, match="zonder definitie"):
        wijken(values({"BU1": {"onbekend": 1}}), MAPPING)
