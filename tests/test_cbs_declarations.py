"""Which CBS column means which indicator is data: `import-cbs` reads the package's declarations.

Each indicator declares its CBS columns (`cbs_kolommen`, both generations), its scale (`schaal`) and,
for a `verhouding`, its teller, noemer and factor. The maps are built here (tests/test_cbs_import.py
makes the squares around real Groningen buurten); imports go into copies of the embedded package.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from nla_data.__main__ import main
from nla_data.cbs.columns import IDENTITY_COLUMNS, Declared, declaration_problems, declared_columns
from nla_data.cbs_import import apply_import, prepare_import
from nla_data.package import read_package
from nla_data.validate import validate_package
from tests.test_cbs_import import (
    LONG,
    SECRET,
    SHORT,
    cbs_frame,
    cijfers,
    notes_text,
    plan_for,
    value,
    write_gpkg,
    write_shp,
)

HOUSING = ["woningen", "woz_gemiddeld", "aandeel_koop", "aandeel_sociale_huur", "aandeel_particuliere_huur"]
# Per buurt of BUURTEN: bijstand and AOW benefits, % western migration background (not an indicator of the package)
BIJSTAND = [200, 300, SECRET, 0, 150, 5, 100]
AOW = [500, 600, 700, 0, 400, 10, 300]
WEST = [10, 20, 30, SECRET, 12, 0, 15]


def old_generation(year: int = 2016):
    """A map in the short upper-case columns, as the 2015 edition: people and benefits, no housing."""
    frame = cbs_frame(SHORT, year=year)
    frame = frame.drop(columns=["WONINGEN", "WOZ", "P_KOOPWON", "P_HUURCORP", "P_HUUROVE"])
    return frame.assign(WWB_UITTOT=BIJSTAND, A_SOZ_OW=AOW, P_WEST_AL=WEST)


@pytest.fixture
def pkg(broken_package) -> Path:
    """A copy of the embedded package to import into (or to break)."""
    return broken_package()


def rows_of(plan) -> pd.DataFrame:
    """The cijfers a plan would write."""
    return pd.read_csv(io.BytesIO(plan.files["data/cijfers.csv"]), dtype={"gebied_id": str})


# --- the declarations themselves ----------------------------------------------------------------


def table(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame([{"indicator": "", "aggregatie": "som", "cbs_kolommen": None, "schaal": None, **r}
                         for r in rows])


def test_the_lookup_is_case_insensitive_with_a_scale_of_one_unless_declared():
    lookup, problems = declared_columns(table(
        {"indicator": "inwoners", "cbs_kolommen": "AANT_INW; aantal_inwoners"},
        {"indicator": "woz_gemiddeld", "aggregatie": "gewogen", "cbs_kolommen": "WOZ;gemiddelde_woningwaarde",
         "schaal": 1000.0},
        {"indicator": "leefbaarometer", "aggregatie": "gewogen"}))
    assert problems == []
    assert lookup == {"aant_inw": Declared("inwoners"), "aantal_inwoners": Declared("inwoners"),
                      "woz": Declared("woz_gemiddeld", 1000.0),
                      "gemiddelde_woningwaarde": Declared("woz_gemiddeld", 1000.0)}


def test_a_column_declared_by_two_indicators_is_a_problem_with_row_and_field():
    lookup, problems = declared_columns(table(
        {"indicator": "inwoners", "cbs_kolommen": "AANT_INW;aantal_inwoners"},
        {"indicator": "huishoudens", "cbs_kolommen": "AANTAL_HH"},
        {"indicator": "bewoners", "cbs_kolommen": "Aantal_Inwoners"}))
    assert [(p.resource, p.row, p.field) for p in problems] == [("indicatoren", 4, "cbs_kolommen")]
    assert "'Aantal_Inwoners' staat al bij indicator 'inwoners'" in problems[0].message
    assert lookup["aantal_inwoners"] == Declared("inwoners")  # the first declaration is kept


def test_identity_columns_and_declared_ratios_are_problems():
    problems = declaration_problems(table(
        {"indicator": "code", "cbs_kolommen": "BU_CODE"},
        {"indicator": "bijstand_per_1000", "aggregatie": "verhouding", "cbs_kolommen": "P_BIJSTAND"}))
    assert [(p.row, p.field) for p in problems] == [(2, "cbs_kolommen"), (3, "cbs_kolommen")]
    assert "is de buurtcode van een buurt" in problems[0].message
    assert "teller en noemer" in problems[1].message


def test_the_package_declares_each_column_once_and_no_identity_column(package):
    lookup, problems = declared_columns(package.indicatoren)
    assert problems == []
    assert not set(lookup) & set(IDENTITY_COLUMNS)
    assert lookup["woz"] == Declared("woz_gemiddeld", 1000.0)
    assert lookup["p_huurove"].indicator == "aandeel_particuliere_huur"


# --- a newer edition fills the housing indicators -------------------------------------------------


def test_a_newer_edition_fills_the_housing_indicators_with_real_values(pkg, tmp_path):
    plan = plan_for(pkg, write_gpkg(tmp_path / "wijkenbuurten_2019.gpkg", cbs_frame(LONG, year=2019)))
    assert plan.ok, plan.problems
    assert set(HOUSING) <= set(plan.summary["indicatoren"])
    assert not {"woningvoorraad", "gemiddelde_woningwaarde", "percentage_huurwoningen_in_bezit_overige_verhuurders"} \
        & set(plan.summary["onbekende_kolommen"])
    assert apply_import(plan, pkg) == []
    assert validate_package(pkg) == []
    rows = cijfers(pkg)
    expected = {  # Paddepoel-Zuid (1000 dwellings) and Paddepoel-Noord (3000): weighted by woningen
        ("buurt", "BU00141001"): [1000, 150_000, 50, 40, 10],
        ("wijk", "paddepoel"): [4000, 135_000, 20, 62.5, 17.5],
    }
    for (kind, area), numbers in expected.items():
        for indicator, number in zip(HOUSING, numbers):
            row = value(rows, kind, area, indicator, 2019)
            assert row.waarde == pytest.approx(number), (area, indicator)
            assert not row.illustratief and "CBS" in row.bron and "2019" in row.bron


# --- the old generation: counts read, rates computed from them ------------------------------------


def test_the_old_generation_fills_people_benefits_and_rates_from_counts(pkg, tmp_path):
    plan = plan_for(pkg, write_shp(tmp_path / "shp", old_generation(), name="buurt_2016"))
    assert plan.ok, plan.problems
    rows = rows_of(plan)
    assert value(rows, "buurt", "BU00141001", "inwoners", 2016).waarde == 4000
    assert value(rows, "buurt", "BU00141001", "bijstandsuitkeringen", 2016).waarde == 200
    # per buurt: teller / noemer x factor
    assert value(rows, "buurt", "BU00141001", "bijstand_per_1000", 2016).waarde == pytest.approx(50.0)
    assert value(rows, "buurt", "BU00141001", "aow_per_1000", 2016).waarde == pytest.approx(125.0)
    assert value(rows, "buurt", "BU00141001", "bevolkingsdichtheid", 2016).waarde == pytest.approx(4000 / 55 * 100,
                                                                                                  abs=0.01)
    assert value(rows, "buurt", "BU00141003", "bijstand_per_1000", 2016).waarde == 0  # Zernike: 0 of 100
    # per wijk: from the summed counts, not a mean of the buurt rates
    paddepoel = value(rows, "wijk", "paddepoel", "bijstand_per_1000", 2016)
    assert paddepoel.waarde == pytest.approx((200 + 300) / (4000 + 5705) * 1000, abs=0.01)
    assert not paddepoel.illustratief
    # nothing of housing: the edition has no such columns
    assert not set(HOUSING) & set(plan.summary["indicatoren"])


def test_a_secret_count_is_missing_never_zero(pkg, tmp_path):
    plan = plan_for(pkg, write_shp(tmp_path / "shp", old_generation(), name="buurt_2016"))
    assert plan.ok, plan.problems
    rows = rows_of(plan)
    assert "WWB_UITTOT 1" in notes_text(plan)  # Selwerd
    for indicator in ("bijstandsuitkeringen", "bijstand_per_1000"):
        assert value(rows, "buurt", "BU00141000", indicator, 2016) is None
        assert value(rows, "wijk", "selwerd", indicator, 2016) is None  # its only buurt: nothing known
    assert value(rows, "buurt", "BU00141000", "aow_per_1000", 2016).waarde == pytest.approx(700 / 6585 * 1000,
                                                                                           abs=0.01)
    assert not (rows.waarde <= -99_999_990).any()


# --- a new indicator is a row in the package, not a code change -----------------------------------


def add_indicator(folder, **fields) -> None:
    """Append an indicator to the package in `folder`: a copy of aandeel_65_plus with `fields` changed."""
    path = folder / "data" / "indicatoren.csv"
    with open(path, newline="", encoding="utf-8") as file:
        reader = csv.DictReader(file)
        header, rows = reader.fieldnames, list(reader)
    row = dict(next(r for r in rows if r["indicator"] == "aandeel_65_plus"))
    row.update(kerncijfer="false", volgorde=str(max(int(r["volgorde"]) for r in rows) + 1), **fields)
    with open(path, "w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows([*rows, row])


def test_a_new_indicator_row_imports_its_column_without_a_code_change(pkg, tmp_path):
    path = write_shp(tmp_path / "shp", old_generation(), name="buurt_2016")
    before = plan_for(pkg, path)
    assert "P_WEST_AL" in before.summary["onbekende_kolommen"]
    assert "niet geïmporteerd (onbekend)" in notes_text(before) and "P_WEST_AL" in notes_text(before)

    add_indicator(pkg, indicator="aandeel_west", label_nl="Aandeel westerse migratieachtergrond",
                  label_en="Share with a western migration background", aggregatie="gewogen", gewicht="inwoners",
                  cbs_kolommen="P_WEST_AL;percentage_westerse_migratieachtergrond")
    assert validate_package(pkg) == []
    plan = prepare_import(path, read_package(pkg))
    assert plan.ok, plan.problems
    assert "P_WEST_AL" not in plan.summary["onbekende_kolommen"] and "aandeel_west" in plan.summary["indicatoren"]
    assert apply_import(plan, pkg) == []
    rows = cijfers(pkg)
    assert value(rows, "buurt", "BU00141002", "aandeel_west", 2016).waarde == 20
    assert value(rows, "wijk", "paddepoel", "aandeel_west", 2016).waarde == pytest.approx(
        (10 * 4000 + 20 * 5705) / 9705, abs=0.01)
    assert value(rows, "buurt", "BU00141003", "aandeel_west", 2016) is None  # secret


# --- a column declared twice: the package is refused -----------------------------------------------


def declare_twice(folder) -> int:
    """Let huishoudens declare inwoners' column too; the line of huishoudens in indicatoren.csv."""
    path = folder / "data" / "indicatoren.csv"
    with open(path, newline="", encoding="utf-8") as file:
        reader = csv.DictReader(file)
        header, rows = reader.fieldnames, list(reader)
    line = next(i for i, r in enumerate(rows) if r["indicator"] == "huishoudens")
    rows[line]["cbs_kolommen"] += ";aant_inw"
    with open(path, "w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return line + 2


def test_a_column_declared_by_two_indicators_is_refused_by_validate(pkg, capsys):
    line = declare_twice(pkg)
    assert main(["validate", str(pkg)]) == 1
    err = capsys.readouterr().err
    assert f"indicatoren, rij {line}, veld 'cbs_kolommen': CBS-kolom 'aant_inw' staat al bij indicator 'inwoners'" \
        in err, err


def test_a_column_declared_by_two_indicators_is_refused_by_the_import(pkg, tmp_path):
    declare_twice(pkg)
    package = read_package(pkg)  # read without validation
    plan = prepare_import(write_shp(tmp_path / "shp", old_generation(), name="buurt_2016"), package)
    assert not plan.ok
    assert "'aant_inw' staat al bij indicator 'inwoners'" in " | ".join(str(p) for p in plan.problems)
