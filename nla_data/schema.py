"""Read the package descriptor and turn CSV text into typed pandas columns, as the schema says.

The schema in `datapackage.json` is the one place where types are declared; this module only
follows it, so a new field needs no code.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

DESCRIPTOR = "datapackage.json"


def read_descriptor(package_dir: Path) -> dict:
    return json.loads((package_dir / DESCRIPTOR).read_text(encoding="utf-8"))


def resource_descriptor(descriptor: dict, name: str) -> dict:
    return next(r for r in descriptor["resources"] if r["name"] == name)


def read_table(package_dir: Path, resource: dict) -> pd.DataFrame:
    """A tabular resource as a DataFrame with the schema's types (missing values as <NA>)."""
    text = pd.read_csv(package_dir / resource["path"], dtype=str, keep_default_na=False,
                       encoding=resource.get("encoding", "utf-8"))
    return typed(text, resource["schema"])


def typed(text: pd.DataFrame, schema: dict) -> pd.DataFrame:
    frame = pd.DataFrame(index=text.index)
    for field in schema["fields"]:
        name, kind = field["name"], field.get("type", "string")
        column = text[name].where(text[name] != "", None) if name in text else pd.Series(None, index=text.index)
        frame[name] = _convert(column, kind)
    return frame


def _convert(column: pd.Series, kind: str) -> pd.Series:
    if kind == "integer":
        return pd.to_numeric(column).astype("Int64")
    if kind == "number":
        return pd.to_numeric(column).astype("Float64")
    if kind == "boolean":
        return column.map({"true": True, "false": False, "True": True, "False": False}).astype("boolean")
    if kind == "date":
        return pd.to_datetime(column, format="%Y-%m-%d").dt.date.astype(object).where(column.notna(), None)
    if kind == "datetime":
        return pd.to_datetime(column, format="ISO8601")
    return column.astype("string")
