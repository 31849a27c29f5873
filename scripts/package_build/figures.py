"""The real cijfers rows: the 2015 CBS figures and the 2016 dwelling estimate, per buurt, per NLA wijk
and for the city.

Wijk values come from `nla_data.aggregate`, the code the import uses: counts summed, shares
weighted by their base, rates from counts, partial values with their coverage (`dekking`). The
city's 2015 values are CBS's own municipal row, not a sum of rounded and partly secret buurt values.
"""

from __future__ import annotations

import pandas as pd

from nla_data.aggregate import aggregate_to_gemeente, aggregate_to_wijken, basis_note, coverage_cell
from package_build.rows import row
from package_build.sources import ETM, GEMEENTE

MUNICIPAL_NOTE = "cijfer van CBS voor de hele gemeente, geen optelling van buurten"
MUNICIPAL_COUNTS = "uit de cijfers van CBS voor de hele gemeente"
APPROXIMATE = "bij benadering"


def cbs_rows(buurt_values: pd.DataFrame, municipal_values: pd.DataFrame, mapping: pd.Series,
             indicatoren: pd.DataFrame, min_coverage: float, year: int, source: str) -> list[dict]:
    """Rows for every known value: buurten as CBS gives them (rates computed), wijken aggregated,
    the city from the municipal row."""
    definitions = indicatoren.set_index("indicator", drop=False)
    rows = []
    for code, indicator, value in _known(buurt_values):
        ratio = definitions.loc[indicator, "aggregatie"] == "verhouding"
        rows.append(row("buurt", code, year, indicator, value, source, False,
                        basis_note(definitions.loc[indicator], definitions=definitions) if ratio else ""))
    wijken = aggregate_to_wijken(buurt_values, mapping, indicatoren, min_coverage=min_coverage)
    for r in wijken[wijken["waarde"].notna()].itertuples(index=False):
        rows.append(row("wijk", r.wijk_id, year, r.indicator, r.waarde, source, False,
                        basis_note(definitions.loc[r.indicator], r.dekking, definitions), coverage_cell(r.dekking)))
    for _, indicator, value in _known(municipal_values):
        ratio = definitions.loc[indicator, "aggregatie"] == "verhouding"
        note = (f"{basis_note(definitions.loc[indicator], definitions=definitions)}, {MUNICIPAL_COUNTS}" if ratio
                else MUNICIPAL_NOTE)
        rows.append(row("gemeente", GEMEENTE, year, indicator, value, source, False, note))
    return rows


def dwelling_rows(shared: pd.DataFrame, mapping: pd.Series, indicatoren: pd.DataFrame, min_coverage: float,
                  year: int = 2016) -> list[dict]:
    """Dwellings per buurt from the ETM 2016 estimate, summed to wijken and the city. A buurt without an
    estimate leaves the sum of its area missing (the city's, here: Ebbingekwartier has none)."""
    values = pd.DataFrame({"buurtcode": shared["buurtcode"], "indicator": "woningen",
                           "waarde": shared["woningen_2016_approx"].astype(float)})
    rows = [row("buurt", code, year, "woningen", value, ETM, False, APPROXIMATE)
            for code, _, value in _known(values)]
    wijken = aggregate_to_wijken(values, mapping, indicatoren, min_coverage=min_coverage)
    gemeente = aggregate_to_gemeente(values, shared["buurtcode"], indicatoren, GEMEENTE, min_coverage=min_coverage)
    for kind, frame, key in (("wijk", wijken, "wijk_id"), ("gemeente", gemeente, "gemeentecode")):
        for r in frame[frame["waarde"].notna()].itertuples(index=False):
            rows.append(row(kind, getattr(r, key), year, "woningen", r.waarde, ETM, False,
                            f"som van de buurten; {APPROXIMATE}"))
    return rows


def _known(values: pd.DataFrame):
    known = values[values["waarde"].notna()]
    return zip(known["buurtcode"], known["indicator"], known["waarde"])
