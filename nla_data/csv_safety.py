"""The one rule for text cells in files people open in a spreadsheet (OWASP: CSV injection).

Excel, LibreOffice and Google Sheets run a cell that starts with `=`, `+`, `-` or `@` as a formula,
and a leading tab or carriage return can hide such a start. Every text cell the app writes for a
spreadsheet goes through `neutralise`: such a cell gets a leading apostrophe, which spreadsheets
read as "this is text". `restore` undoes it when a file comes back (the wijk CSV import).

The rule is reversible: a cell that already starts with apostrophes followed by a formula start
gets one more, so `restore(neutralise(x)) == x` for every text, also one that starts with `'=`.
Only text is touched: numbers (a negative amount) stay numbers.
"""

from __future__ import annotations

import re

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NEUTRALISE = re.compile(r"'*[=+\-@\t\r]")
_NEUTRALISED = re.compile(r"'+[=+\-@\t\r]")


def is_formula_like(cell: str) -> bool:
    """Would a spreadsheet run it (or would `restore` change it back): it needs the apostrophe."""
    return bool(_NEUTRALISE.match(cell))


def neutralise(cell: str) -> str:
    """`=SUM(A1)` -> `'=SUM(A1)`; any other text as it is."""
    return "'" + cell if is_formula_like(cell) else cell


def restore(cell: str) -> str:
    """The inverse of `neutralise`: `'=SUM(A1)` -> `=SUM(A1)`, `''=x` -> `'=x`; any other text as it is."""
    return cell[1:] if _NEUTRALISED.match(cell) else cell


def neutralise_value(value):
    """A cell of any type: only a text is neutralised."""
    return neutralise(value) if isinstance(value, str) else value


def neutralise_frame(frame: pd.DataFrame, *, index: bool = True) -> pd.DataFrame:
    """A copy with every text cell neutralised, the column names and (with `index`) the index too.

    Numeric, boolean and date columns are left as they are, so `-1` stays the number -1; text
    columns keep their dtype and their missing values.
    """
    out = frame.copy()
    for position, (_, column) in enumerate(out.items()):
        if _is_text(column):
            if isinstance(column.dtype, pd.CategoricalDtype):
                column = column.astype(object)
            cells = [neutralise_value(value) for value in column]
            out.isetitem(position, pd.Series(cells, index=column.index, dtype=column.dtype, name=column.name))
    out.columns = _labels(out.columns)
    if index:
        out.index = _labels(out.index)
    return out


def _is_text(column: pd.Series) -> bool:
    dtype = column.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        dtype = dtype.categories.dtype
    return dtype == object or isinstance(dtype, pd.StringDtype)


def _labels(labels: pd.Index) -> pd.Index:
    """Column names or index values (a header row or first column in the file) neutralised too."""
    if isinstance(labels, pd.MultiIndex):
        return pd.MultiIndex.from_tuples([tuple(neutralise_value(v) for v in key) for key in labels],
                                         names=[neutralise_value(name) for name in labels.names])
    return labels.map(neutralise_value).rename(neutralise_value(labels.name))
