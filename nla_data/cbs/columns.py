"""Which columns of a CBS file mean what, and the figures read from them.

CBS published two generations of the Wijk- en buurtkaart (short upper-case shapefile columns such
as BU_CODE, long lower-case GeoPackage columns such as buurtcode). The columns that say *which*
buurt a row is (codes, names, year, water) are the same for every package and are listed here.
Which column holds which *indicator* is data: each indicator of the package declares its CBS
column names (`cbs_kolommen`, both generations, `;`-separated, any case) and what the file's value
is multiplied by (`schaal`: CBS gives the WOZ value in thousands of euros). So a newer edition with
more columns, or a new indicator, needs a row in the package, not a change here.

A `verhouding` (bijstand per 1.000 inwoners) is not read but computed per buurt from its counts, as
the package defines it: teller / noemer × factor. CBS marks secret or unknown values with large
negative sentinels; those become missing here, never 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from nla_data.aggregate import buurt_ratios
from nla_data.cbs.errors import CbsImportError, _list
from nla_data.problems import CBS_SENTINEL_MAX, Problem, counted, number_text, quote, said

if TYPE_CHECKING:  # geopandas takes a second to import; validating the declarations does not need it
    import geopandas as gpd

# Identity columns, both generations (lower case; matching ignores case) -> our name.
IDENTITY_COLUMNS: dict[str, str] = {
    "bu_code": "buurtcode", "buurtcode": "buurtcode",
    "bu_naam": "buurtnaam", "buurtnaam": "buurtnaam",
    "wk_code": "wijkcode", "wijkcode": "wijkcode",
    "gm_code": "gemeentecode", "gemeentecode": "gemeentecode",
    "jaar": "jaar", "jrstatcode": "jaarstatcode", "jaarstatcode": "jaarstatcode",
    "water": "water",  # JA = water, NEE = land (B = Belgian territory near Baarle-Nassau)
}
IDENTITY = tuple(dict.fromkeys(IDENTITY_COLUMNS.values()))
# Administrative columns we know and do not need: skipped without a report (unless an indicator declares one).
IGNORED = {
    "geometry", "geom", "fid", "id", "objectid", "shape_leng", "shape_length", "shape_area",
    "h2o", "ind_wbi", "indelingswijziging_wijken_en_buurten", "gm_naam", "gemeentenaam",
    "wk_naam", "wijknaam", "postcode", "meest_voorkomende_postcode", "dek_perc", "dekkingspercentage",
    "recs", "gwb_code", "gwb_code_10", "gwb_code_8", "regio", "soort_regio",
}
# Indicator columns are not listed here: the package declares them (indicatoren.cbs_kolommen, schaal).

RESOURCE = "indicatoren"
SEPARATOR = ";"


@dataclass(frozen=True)
class Declared:
    """One CBS column as the package declares it: the indicator it holds and its scale."""

    indicator: str
    scale: float = 1.0


def declared_columns(indicatoren: pd.DataFrame) -> tuple[dict[str, Declared], list[Problem]]:
    """{lower-case CBS column -> Declared} from the indicatoren table, and what is wrong with the declarations.

    A column declared by two indicators, or a column that is an identity column (buurtcode …), is a
    problem of the package; the lookup keeps the first declaration. A `verhouding` is computed from
    its teller and noemer, so declaring columns for it is a problem too. `row` is the line in the
    file (header = 1) when the table has its file order (a RangeIndex, as read); else None.
    """
    lookup: dict[str, Declared] = {}
    problems: list[Problem] = []
    if "cbs_kolommen" not in indicatoren.columns:
        return lookup, problems
    table = indicatoren.reset_index(drop=True) if "indicator" in indicatoren.columns else \
        indicatoren.rename_axis("indicator").reset_index()
    rows = [index + 2 if isinstance(index, (int, np.integer)) else None for index in indicatoren.index]
    for row, record in zip(rows, table.to_dict("records")):
        indicator = str(record["indicator"])
        names = _names(record.get("cbs_kolommen"))
        if names and record.get("aggregatie") == "verhouding":
            problems.append(Problem(RESOURCE, said(f"{indicator} is een verhouding: die wordt per buurt berekend uit "
                                                   "teller en noemer; laat cbs_kolommen leeg",
                                                   f"{indicator} is a ratio (verhouding): it is computed per buurt "
                                                   "from its teller and noemer; leave cbs_kolommen empty"),
                                    row, "cbs_kolommen"))
            continue
        scale = _scale(record.get("schaal"))
        for key, written in names.items():
            if key in IDENTITY_COLUMNS:
                problems.append(Problem(RESOURCE, said(f"CBS-kolom {quote(written)} is de {IDENTITY_COLUMNS[key]} "
                                                       "van een buurt, geen indicator",
                                                       f"CBS column {quote(written)} is the {IDENTITY_COLUMNS[key]} "
                                                       "of a buurt, not an indicator"), row, "cbs_kolommen"))
            elif key in lookup and lookup[key].indicator != indicator:
                problems.append(Problem(RESOURCE, said(f"CBS-kolom {quote(written)} staat al bij indicator "
                                                       f"{quote(lookup[key].indicator)}; een kolom hoort bij één "
                                                       "indicator",
                                                       f"CBS column {quote(written)} is already declared for indicator "
                                                       f"{quote(lookup[key].indicator)}; a column belongs to one "
                                                       "indicator"), row, "cbs_kolommen"))
            else:
                lookup.setdefault(key, Declared(indicator, scale))
    return lookup, problems


def declaration_problems(indicatoren: pd.DataFrame) -> list[Problem]:
    """What is wrong with the CBS column declarations of the indicatoren table (as read: file order)."""
    return declared_columns(indicatoren)[1]


def _names(cell) -> dict[str, str]:
    """The column names of one declaration: lower case -> as written."""
    if not isinstance(cell, str):
        return {}
    names: dict[str, str] = {}
    for part in (part.strip() for part in cell.split(SEPARATOR)):
        if part:
            names.setdefault(part.lower(), part)
    return names


def _scale(cell) -> float:
    try:
        scale = float(cell)
    except (TypeError, ValueError):
        return 1.0
    return scale if np.isfinite(scale) else 1.0


@dataclass
class FileColumns:
    """What `_columns` found in the file."""

    source: dict[str, str]  # our name (identity or indicator) -> the column in the file
    scale: dict[str, float]  # indicator -> what its values are multiplied by
    unknown: list[str]  # columns no indicator declares (reported, not imported)
    secret: dict[str, int] = field(default_factory=dict)  # file column -> values treated as missing

    @property
    def indicators(self) -> list[str]:
        return [ours for ours in self.source if ours in self.scale]


def _columns(gdf: gpd.GeoDataFrame, name: str, declared: dict[str, Declared],
             notes: list[Problem]) -> tuple[gpd.GeoDataFrame, FileColumns]:
    """The file's identity and declared columns under our names (and the geometry); the rest reported."""
    rename, unknown, duplicate, duplicate_en = {}, [], [], []
    taken: dict[str, str] = {}
    scale: dict[str, float] = {}
    geometry = gdf.geometry.name
    for column in gdf.columns:
        if column == geometry:
            continue
        key = str(column).lower()
        ours = IDENTITY_COLUMNS.get(key) or (declared[key].indicator if key in declared else None)
        if ours is None:
            if key not in IGNORED:
                unknown.append(str(column))
            continue
        if ours in taken:
            duplicate.append(f"{column} (al {taken[ours]})")
            duplicate_en.append(f"{column} (already {taken[ours]})")
            continue
        taken[ours] = str(column)
        rename[column] = ours
        if key in declared:
            scale[ours] = declared[key].scale
    if "buurtcode" not in taken:
        raise CbsImportError([Problem(name, said("kolom met de buurtcode ontbreekt (verwacht BU_CODE of buurtcode)",
                                                 "the column with the buurt code is missing (expected BU_CODE or "
                                                 "buurtcode)"),
                                      None, "buurtcode")])
    frame = gdf[[*rename, geometry]].rename(columns=rename)
    frame = frame.set_geometry(geometry).rename_geometry("geometry") if geometry != "geometry" else frame
    if unknown:
        notes.append(Problem(name, said(f"{counted(len(unknown), 'kolom', 'kolommen')} niet geïmporteerd (onbekend): "
                                        f"{_list(unknown, 40)}",
                                        f"{counted(len(unknown), 'column', 'columns', 'en')} not imported (unknown): "
                                        f"{_list(unknown, 40, 'en')}")))
    if duplicate:
        notes.append(Problem(name, said(f"{counted(len(duplicate), 'kolom', 'kolommen')} dubbel, genegeerd: "
                                        f"{', '.join(duplicate)}",
                                        f"{counted(len(duplicate), 'column', 'columns', 'en')} duplicated, ignored: "
                                        f"{', '.join(duplicate_en)}")))
    return frame, FileColumns(source=taken, scale=scale, unknown=unknown)


def _figures(frame, columns: FileColumns, name: str, indicatoren: pd.DataFrame,
             notes: list[Problem]) -> pd.DataFrame:
    """Long form buurtcode, indicator, waarde (NaN = secret or unknown), in the order of `indicatoren`."""
    numbers: dict[str, pd.Series] = {}
    for indicator in columns.indicators:
        value, unusable = _numeric(frame[indicator])
        if unusable:
            columns.secret[columns.source[indicator]] = unusable
        numbers[indicator] = value * columns.scale[indicator]
    if columns.secret:
        shown = ", ".join(f"{column} {number_text(count)}" for column, count in columns.secret.items())
        shown_en = ", ".join(f"{column} {number_text(count, 'en')}" for column, count in columns.secret.items())
        notes.append(Problem(name, said(f"geheime of onbekende waarden (CBS-codes zoals -99999999) als ontbrekend "
                                        f"behandeld, nooit als 0: {shown}",
                                        f"secret or unknown values (CBS codes such as -99999999) treated as missing, "
                                        f"never as 0: {shown_en}")))
    numbers.update(_ratios(numbers, indicatoren))

    codes = frame["buurtcode"].to_numpy()
    order = indicatoren["indicator"] if "indicator" in indicatoren.columns else indicatoren.index
    rows = [pd.DataFrame({"buurtcode": codes, "indicator": indicator,
                          "waarde": numbers[indicator].to_numpy(dtype=float)})
            for indicator in order if indicator in numbers]
    if not rows:
        declares = "cbs_kolommen" in indicatoren.columns and indicatoren["cbs_kolommen"].notna().any()
        why = "" if declares else " (het pakket noemt bij geen enkele indicator CBS-kolommen: indicatoren.cbs_kolommen)"
        why_en = "" if declares else " (the package names CBS columns for no indicator: indicatoren.cbs_kolommen)"
        notes.append(Problem(name, said(f"het bestand bevat geen kerncijfers die het pakket kent{why}; alleen de "
                                        "grenzen worden geïmporteerd",
                                        f"the file holds no key figures the package knows{why_en}; only the "
                                        "boundaries are imported")))
        return pd.DataFrame({"buurtcode": pd.Series(dtype=object), "indicator": pd.Series(dtype=object),
                             "waarde": pd.Series(dtype=float)})
    return pd.concat(rows, ignore_index=True)


def _numeric(raw: pd.Series) -> tuple[pd.Series, int]:
    """The column as numbers, and how many cells were a CBS code, negative or not a number (now NaN)."""
    text = raw.astype("string").str.strip().str.replace(",", ".", regex=False)
    value = pd.to_numeric(text, errors="coerce").astype(float)
    is_secret = value <= CBS_SENTINEL_MAX
    negative = (value < 0) & ~is_secret
    garbled = value.isna() & text.notna() & (text != "")
    return value.mask(is_secret | negative), int(is_secret.sum() + negative.sum() + garbled.sum())


def _ratios(numbers: dict[str, pd.Series], indicatoren: pd.DataFrame) -> dict[str, pd.Series]:
    """Each `verhouding` whose teller and noemer the file gave, per buurt, as the package computes it
    everywhere (`nla_data.aggregate.buurt_ratios`: teller / noemer × factor, missing where either is
    missing or the noemer is 0); Series aligned with the file's rows, like `numbers`."""
    if not numbers or "aggregatie" not in indicatoren.columns:
        return {}
    index = next(iter(numbers.values())).index
    rows = np.arange(len(index))  # a row's key: its place in the file
    counts = pd.concat([pd.DataFrame({"buurtcode": rows, "indicator": indicator, "waarde": value.to_numpy(dtype=float)})
                        for indicator, value in numbers.items()], ignore_index=True)
    rates = buurt_ratios(counts, indicatoren)
    return {str(indicator): pd.Series(rate.set_index("buurtcode")["waarde"].reindex(rows).to_numpy(), index=index)
            for indicator, rate in rates.groupby("indicator", sort=False)}
