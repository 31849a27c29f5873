"""One cijfers row, and the cijfers table in its fixed order."""

from __future__ import annotations

import pandas as pd

COLUMNS = ["gebied_type", "gebied_id", "jaar", "indicator", "waarde", "bron", "illustratief", "opmerking", "dekking"]
_KIND_ORDER = {"gemeente": 0, "wijk": 1, "buurt": 2}


def row(kind: str, area: str, year: int, indicator: str, value: float, source: str, illustrative: bool,
        note: str = "", dekking: str = "") -> dict:
    return {"gebied_type": kind, "gebied_id": area, "jaar": year, "indicator": indicator,
            "waarde": round(float(value), 2), "bron": source, "illustratief": "true" if illustrative else "false",
            "opmerking": note, "dekking": dekking}


def cijfers_table(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.sort_values(["indicator", "jaar", "gebied_type", "gebied_id"],
                             key=lambda c: c.map(_KIND_ORDER) if c.name == "gebied_type" else c).reset_index(drop=True)
