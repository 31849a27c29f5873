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
    # `== True`, not fillna(False): the mark may come as floats with NaN, which a bool cannot fill
    marked = items["voorbeeld"].eq(True).fillna(False).astype(bool).to_numpy()
    if not marked.any():  # a page of cards without examples: no words compared at all
        return pd.Series(False, index=items.index)
    # plain Python on the few marked rows: pandas' look-ups in the package's items cost more than the words
    first: dict = {}
    for position, item_id in enumerate(originals["item_id"].to_numpy(object)):
        first.setdefault(item_id, position)  # an id given twice: its first row, as drop_duplicates keeps
    names = [name for name in REWRITTEN if name in originals.columns]
    before = {name: originals[name].to_numpy(object) for name in names}
    now = {name: items[name].to_numpy(object) if name in items.columns else None for name in names}

    def unchanged(row: int, original: int) -> bool:
        return all(_words(before[name][original]) == (_words(now[name][row]) if now[name] is not None else "")
                   for name in names)

    ids = items["item_id"].to_numpy(object)
    return pd.Series([bool(is_marked) and item_id in first and unchanged(row, first[item_id])
                      for row, (is_marked, item_id) in enumerate(zip(marked, ids))], index=items.index, dtype=bool)
