"""ui.components.wide_table: a caption over a table says that it scrolls sideways where its box is narrower than the
table (a phone; a tablet beside a chart), and CSS hides it where the table fits (test_browser_phone and
test_browser_vergelijken see it shown and hidden)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from ui.components import CHAR_PX, COLUMN_PAD_PX, CUT_PX, table_px

from tests.apptest import open_page


def test_a_column_is_as_wide_as_its_longest_text_header_or_cell():
    frame = pd.DataFrame({"Wijk": ["Corpus den Hoorn", "Beijum"], "Waarde": ["0,63", "1,11"], "Illustratief": [True, False]})
    assert table_px(frame) == 3 * COLUMN_PAD_PX + CHAR_PX * (len("Corpus den Hoorn") + len("Waarde") + len("Illustratief"))
    assert table_px(frame.iloc[:0]) == 3 * COLUMN_PAD_PX + CHAR_PX * (4 + 6 + 12)  # the headers alone


def _hint(at, key: str) -> tuple[str, int]:
    """The caption in the hint's box and the box width (px) from which the CSS hides it."""
    [style] = [h.proto.body for h in at.get("html") if f".st-key-{key}-hint" in h.proto.body]
    [px] = re.findall(r"@container \(min-width:(\d+)px\)", style)
    [caption] = [c.value for c in at.caption if c.value.startswith(("Schuif", "Swipe"))]
    return caption, int(px)


@pytest.mark.parametrize("lang, said", [("nl", "Schuif de tabel opzij voor de andere kolommen."),
                                        ("en", "Swipe the table sideways for the other columns.")])
def test_the_map_table_and_the_comparison_table_say_they_scroll_where_they_do_not_fit(lang, said):
    at = open_page("kaart", lang=lang)
    table = at.dataframe[0].value
    caption, px = _hint(at, "kaart-table")
    assert caption == said and px == int(table_px(table)) - CUT_PX

    at = open_page("vergelijken", lang=lang, wijk="selwerd")
    caption, px = _hint(at, "cmp-table")
    # Gebied, Klasse, Waarde, Index, Rang and Illustratief at the widths the page gives them
    assert caption == said and px == 165 + 90 + 70 + 115 + 50 + 85 - CUT_PX
