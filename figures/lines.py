"""Text over several lines for plotly, which wraps neither a title nor an annotation: what does not fit the
chart's width is cut at its edge (on a phone, 390 px wide, the long ones were)."""

from __future__ import annotations

import textwrap


def wrapped(words: str, width: int) -> str:
    """`words` over lines of at most `width` characters (plotly's `<br>`), broken at spaces only (a long word
    stays whole; an escaped `&amp;` is never split)."""
    return "<br>".join(textwrap.wrap(words, width, break_long_words=False, break_on_hyphens=False)) or words
