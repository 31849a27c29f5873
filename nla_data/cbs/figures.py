"""The cijfers rows of the imported year: buurt values as read (rates computed from their counts),
wijk and municipality values from `nla_data.aggregate` (counts summed, shares weighted, rates from
counts, a secret never zero, partial values with their coverage), and the notes on values that are
partial or had to be left out."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from nla_data.aggregate import aggregate_to_gemeente, aggregate_to_wijken, basis_note, coverage_cell
from nla_data.problems import ENGLISH, Problem, counted, said

if TYPE_CHECKING:  # only for the annotation: plan imports this module
    from nla_data.cbs.plan import ImportPlan

COLUMNS = ["gebied_type", "gebied_id", "jaar", "indicator", "waarde", "bron", "illustratief", "opmerking", "dekking"]


def _figure_rows(package, values: pd.DataFrame, codes: list[str], known: set[str], municipality: str, year: int):
    """New cijfers rows (strings, as in the CSV) for buurten, wijken and the municipality, and the
    aggregates (also the missing ones) for the notes."""
    if values.empty:
        return pd.DataFrame(columns=COLUMNS), pd.DataFrame()
    definitions = package.indicatoren
    min_coverage = package.info.min_coverage
    mapping = package.buurten.set_index("buurtcode")["wijk_id"].astype(object)
    mapping = mapping.where(mapping.notna() & (mapping != ""), None)
    wijken = aggregate_to_wijken(values, mapping, definitions, min_coverage=min_coverage)
    wijken = wijken.rename(columns={"wijk_id": "gebied_id"}).assign(gebied_type="wijk")
    # The municipality: every buurt in the file and every buurt the package knows for it, so that a
    # file without some of the municipality's buurten gives no total rather than a wrong one.
    own = package.buurten.loc[package.buurten["gemeentecode"] == municipality, "buurtcode"]
    everything = list(dict.fromkeys([*codes, *own]))
    gemeente = aggregate_to_gemeente(values, everything, definitions, municipality, min_coverage=min_coverage)
    gemeente = gemeente.rename(columns={"gemeentecode": "gebied_id"}).assign(gebied_type="gemeente")
    aggregates = pd.concat([wijken, gemeente], ignore_index=True)

    buurten = values[values["buurtcode"].isin(known) & values["waarde"].notna()]
    buurten = buurten.rename(columns={"buurtcode": "gebied_id"}).assign(gebied_type="buurt", dekking=np.nan)
    area_values = aggregates[aggregates["waarde"].notna()]
    frame = pd.concat([buurten, area_values], ignore_index=True)
    frame["opmerking"] = _notes(frame, definitions)
    frame["waarde"] = [_number(v, i) for v, i in zip(frame["waarde"], frame["indicator"])]
    frame["dekking"] = frame["dekking"].map(coverage_cell)
    frame = frame.assign(jaar=str(year), bron=f"CBS Wijk- en buurtkaart {year} (kerncijfers)", illustratief="false")
    return frame[COLUMNS].reset_index(drop=True), aggregates


def _notes(frame: pd.DataFrame, definitions: pd.DataFrame) -> list[str]:
    """The base of each value in words; a buurt's own value has none, except a rate computed here."""
    by_name = definitions.set_index(definitions["indicator"].astype(str)) if "indicator" in definitions.columns \
        else definitions
    notes = []
    for kind, indicator, dekking in zip(frame["gebied_type"], frame["indicator"], frame["dekking"]):
        definition = by_name.loc[indicator]
        if kind == "buurt" and definition["aggregatie"] != "verhouding":
            notes.append("")
        else:
            notes.append(basis_note(definition, None if kind == "buurt" else dekking, by_name))
    return notes


def _number(value: float, indicator: str) -> str:
    digits = 0 if indicator == "woz_gemiddeld" else 2
    return str(round(float(value), digits) + 0.0)  # + 0.0: never "-0.0"


def _aggregate_notes(plan: ImportPlan, aggregates: pd.DataFrame, kept: int, package, touched: set[str]) -> None:
    """Report the values left out and the partial ones, for the wijken (and the municipality) the file
    has buurten of."""
    if aggregates.empty:
        return
    mine = aggregates[aggregates["partial"] & aggregates["gebied_id"].isin(touched)]
    names = package.wijken["naam"].astype(object)
    left_out = mine[mine["waarde"].isna()]
    if len(left_out):
        min_coverage = package.info.min_coverage
        plan.notes.append(Problem(plan.source, said(
            "geen waarde (niet alle buurten bekend: geheim, onbekend of niet in het bestand; een som ontbreekt dan, "
            f"een gemiddelde of verhouding onder {_percent(min_coverage)} van de basis ook): "
            f"{_by_area(left_out, names)}",
            "no value (not all buurten known: secret, unknown or not in the file; a sum is then missing, and so is "
            f"an average or ratio below {_percent(min_coverage, ENGLISH)} of its base): {_by_area(left_out, names)}")))
    partial = mine[mine["waarde"].notna()]
    if len(partial):
        plan.notes.append(Problem(plan.source, said(
            "gedeeltelijk (berekend over de buurten met een bekende waarde, met hun deel van de basis als dekking): "
            f"{_by_area(partial, names)}",
            "partial (computed over the buurten with a known value, with their share of the base as coverage): "
            f"{_by_area(partial, names)}")))
    if kept:
        stay = counted(kept, "bestaande waarde", "bestaande waarden")
        stay += f" van {plan.year} " + ("blijft staan met haar" if kept == 1 else "blijven staan met hun")
        stay_en = counted(kept, "existing value", "existing values", ENGLISH)
        stay_en += f" of {plan.year} " + ("stays with its" if kept == 1 else "stay with their")
        plan.notes.append(Problem(plan.source, said(
            f"{stay} eigen bron, omdat het bestand er geen (volledige) waarde voor geeft",
            f"{stay_en} own source, because the file gives no (complete) value for "
            + ("it" if kept == 1 else "them"))))


def _by_area(frame: pd.DataFrame, names: pd.Series) -> str:
    by_area = frame.groupby(["gebied_type", "gebied_id"], sort=True)["indicator"].apply(list)
    return "; ".join(f"{names.get(area, area)}: {', '.join(indicators)}" for (_, area), indicators in by_area.items())


def _percent(share: float, lang: str = "nl") -> str:
    """0.5 -> '50 %' (Dutch), '50%' (English)."""
    return f"{share * 100:g}%" if lang == ENGLISH else f"{share * 100:g} %"
