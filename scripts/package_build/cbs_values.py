"""The 2015 CBS values the package's indicators declare (`cbs_kolommen`, `schaal`), in long form:
per buurt from the CBS Wijk- en buurtkaart, and for the municipality from its own row. Rates
(`verhouding`) are computed from their counts with `nla_data.aggregate.buurt_ratios`, as the import does.
CBS's -99999999 (secret or unknown) is a missing value, never a number."""

from __future__ import annotations

import pandas as pd

from nla_data.aggregate import buurt_ratios
from nla_data.cbs.columns import declared_columns
from nla_data.problems import CBS_SENTINEL_MAX


def declared_values(table: pd.DataFrame, code_column: str, indicatoren: pd.DataFrame) -> pd.DataFrame:
    """Long form buurtcode, indicator, waarde (NaN = secret) of every declared column in `table`, plus
    the rates computed from them. `code_column` names the area (a buurtcode, or the gemeentecode)."""
    declared, problems = declared_columns(indicatoren)
    if problems:
        raise ValueError("; ".join(map(str, problems)))
    found = {}
    for column in table.columns:  # the first declared column of an indicator wins, as in the import
        hit = declared.get(str(column).lower())
        if hit and hit.indicator not in found:
            found[hit.indicator] = (column, hit.scale)
    frames = []
    for indicator in indicatoren["indicator"]:
        if indicator in found:
            column, scale = found[indicator]
            value = pd.to_numeric(table[column], errors="coerce").astype(float)
            value = value.mask(value <= CBS_SENTINEL_MAX).where(lambda v: v >= 0) * scale
            frames.append(pd.DataFrame({"buurtcode": table[code_column].to_numpy(), "indicator": indicator,
                                        "waarde": value.to_numpy()}))
    values = pd.concat(frames, ignore_index=True)
    return pd.concat([values, buurt_ratios(values, indicatoren)], ignore_index=True)
