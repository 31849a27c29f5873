"""The package's own words in the user's language.

A text column of the package (`themas`, `kanttekening`, …) is Dutch; the package may give it in English beside it
(`themas_en`). Where the English is missing or empty, the Dutch is shown: a word of the package is never lost."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd


def in_language(row: Mapping, column: str, lang: str) -> str:
    """`row[column]` in `lang` (stripped); in English `row[column + "_en"]` where it is given; "" when neither is."""
    for name in ([f"{column}_en"] if lang == "en" else []) + [column]:
        text = row.get(name)
        if text is not None and not pd.isna(text) and str(text).strip():
            return str(text).strip()
    return ""
