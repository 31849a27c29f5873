"""Which entries are still the source's examples.

The package marks the entries taken from the 2013 report and letter as `voorbeeld`. Once a frontline
worker rewrites one (another title or description), it describes their wijk in their words: it is no
longer an example and loses the badge, and Bij te werken counts it with the real entries. A
confirmation, a new status or a link leaves the words as they were, so the entry stays an example.
"""

from __future__ import annotations

import pandas as pd

REWRITTEN = ("titel", "beschrijving")  # the fields whose words make an entry someone's own


def _words(value) -> str:
    """The text as read: the same words whatever the spacing or line breaks; missing is empty."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return " ".join(str(value).split())


def still_examples(items: pd.DataFrame, originals: pd.DataFrame) -> pd.Series:
    """For each row of `items` (the live entries): marked `voorbeeld` and its title and description still
    those of `originals` (the package's `items`, by `item_id`). An entry the package does not know is no
    example (nobody but the package makes examples)."""
    marked = items["voorbeeld"].fillna(False).astype(bool) if "voorbeeld" in items.columns else False
    source = originals.drop_duplicates("item_id").set_index("item_id")
    same = pd.Series(True, index=items.index)
    for name in REWRITTEN:
        before = items["item_id"].map(source[name].map(_words)) if name in source.columns else None
        if before is None:
            continue
        now = items[name].map(_words) if name in items.columns else pd.Series("", index=items.index)
        same &= before.notna() & (before == now)
    known = items["item_id"].isin(source.index)
    return (same & known & marked).astype(bool)
