"""The cijfers rows of the imported year: buurt values as read, wijk and municipality totals from
`nla_data.aggregate` (counts summed, shares weighted, a secret never zero), and the notes on totals
that had to be left out."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from nla_data.aggregate import aggregate_to_gemeente, aggregate_to_wijken
from nla_data.problems import Problem

if TYPE_CHECKING:  # only for the annotation: plan imports this module
    from nla_data.cbs.plan import ImportPlan


def _figure_rows(package, values: pd.DataFrame, codes: list[str], known: set[str], municipality: str, year: int):
    """New cijfers rows (strings, as in the CSV) for buurten, wijken and the municipality."""
    bron = f"CBS Wijk- en buurtkaart {year} (kerncijfers)"
    definitions = package.indicatoren
    mapping = package.buurten.set_index("buurtcode")["wijk_id"].astype(object)
    mapping = mapping.where(mapping.notna() & (mapping != ""), None)
    weights = {str(r.indicator): (str(r.aggregatie), r.gewicht if isinstance(r.gewicht, str) else None)
               for r in definitions.itertuples(index=False)}
    columns = ["gebied_type", "gebied_id", "jaar", "indicator", "waarde", "bron", "illustratief", "opmerking"]
    if values.empty:
        return pd.DataFrame(columns=columns), pd.DataFrame()

    rows = []
    for r in values.itertuples(index=False):
        if r.buurtcode in known and not np.isnan(r.waarde):
            rows.append(("buurt", r.buurtcode, r.indicator, r.waarde, ""))
    wijken = aggregate_to_wijken(values, mapping, definitions).rename(columns={"wijk_id": "gebied_id"})
    wijken.insert(0, "gebied_type", "wijk")
    # The municipality: every buurt in the file and every buurt the package knows for it, so that a
    # file without some of the municipality's buurten gives no total rather than a wrong one.
    own = package.buurten.loc[package.buurten["gemeentecode"] == municipality, "buurtcode"]
    everything = list(dict.fromkeys([*codes, *own]))
    gemeente = aggregate_to_gemeente(values, everything, definitions, municipality).rename(
        columns={"gemeentecode": "gebied_id"})
    gemeente.insert(0, "gebied_type", "gemeente")
    aggregates = pd.concat([wijken, gemeente], ignore_index=True)
    for r in aggregates.itertuples(index=False):
        if np.isnan(r.waarde):
            continue
        rule, weight = weights[r.indicator]
        how = "som van de buurten" if rule == "som" else f"gewogen gemiddelde van de buurten (gewicht: {weight})"
        rows.append((r.gebied_type, r.gebied_id, r.indicator, r.waarde, how))
    frame = pd.DataFrame([{
        "gebied_type": kind, "gebied_id": area, "jaar": str(year), "indicator": indicator,
        "waarde": _number(value, indicator), "bron": bron, "illustratief": "false", "opmerking": note,
    } for kind, area, indicator, value, note in rows], columns=columns)
    return frame, aggregates


def _number(value: float, indicator: str) -> str:
    digits = 0 if indicator == "woz_gemiddeld" else 2
    return str(round(float(value), digits) + 0.0)  # + 0.0: never "-0.0"


def _aggregate_notes(plan: ImportPlan, aggregates: pd.DataFrame, kept: int, package, touched: set[str]) -> None:
    """Report the totals left out, for the wijken (and the municipality) the file has buurten of."""
    if aggregates.empty:
        return
    partial = aggregates[aggregates["partial"] & aggregates["gebied_id"].isin(touched)]
    if len(partial):
        names = package.wijken["naam"].astype(object)
        by_area = partial.groupby(["gebied_type", "gebied_id"], sort=True)["indicator"].apply(list)
        shown = [f"{names.get(area, area)}: {', '.join(indicators)}" for (_, area), indicators in by_area.items()]
        plan.notes.append(Problem(plan.source, "geen totaal (niet alle buurten bekend: geheim, onbekend of niet in "
                                               f"het bestand; deels is geen totaal): {'; '.join(shown)}"))
    if kept:
        plan.notes.append(Problem(plan.source, f"{kept} bestaande waarde(n) van {plan.year} blijven staan met hun "
                                               "eigen bron, omdat het bestand er geen (volledige) waarde voor geeft"))
