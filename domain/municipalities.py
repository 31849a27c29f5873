"""The municipalities a package has buurten of. A package for one city holds one; a package for a region or the
whole country (about 13,000 CBS buurten) holds many, and its map shows the buurten of one municipality at a time
(issue 11: buurt level only for one municipality; the whole country at buurt level was 13,000 areas to draw).
"""

from __future__ import annotations

import pandas as pd


def municipalities(buurten: pd.DataFrame, own: str) -> list[str]:
    """The gemeentecodes of the package's buurten (`buurten`: the package's buurten table): its own
    municipality first, then the others by code."""
    codes = set(buurten["gemeentecode"].dropna().astype(str))
    return ([own] if own in codes else []) + sorted(codes - {own})


def buurtcodes_of(buurten: pd.DataFrame, gemeentecode: str) -> frozenset[str]:
    """The buurtcodes of the municipality's buurten."""
    return frozenset(buurten.loc[buurten["gemeentecode"] == gemeentecode, "buurtcode"].astype(str))


def label(gemeentecode: str, own: str, own_name: str) -> str:
    """How the picker names a municipality: the package's own by its name, another by its code (the package
    holds no names of other municipalities)."""
    return own_name if gemeentecode == own and own_name else gemeentecode
