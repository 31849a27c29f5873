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
    if "voorbeeld" not in items.columns:
        return pd.Series(False, index=items.index)
    marked = items["voorbeeld"].fillna(False).astype(bool)
    if not marked.any():  # a page of cards without examples: no words compared at all
        return pd.Series(False, index=items.index)
    source = originals.drop_duplicates("item_id").set_index("item_id")
    # only the marked entries the package knows are compared (a few dozen): not every entry of a large wijk
    candidates = items[marked & items["item_id"].isin(source.index)]
    if candidates.empty:
        return pd.Series(False, index=items.index)
    known = source.loc[candidates["item_id"]]  # their originals, in the candidates' order
    same = pd.Series(True, index=candidates.index)
    for name in REWRITTEN:
        if name not in source.columns:
            continue
        before = pd.Series(known[name].map(_words).to_numpy(object), index=candidates.index)
        now = candidates[name].map(_words) if name in candidates.columns else pd.Series("", index=candidates.index)
        same &= before.notna() & (before == now)
    return same.reindex(items.index, fill_value=False).astype(bool)
