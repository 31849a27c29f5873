"""ui.components.wide_table: a caption over a table says that it scrolls sideways where its box is narrower than the
table (a phone; a tablet beside a chart), and CSS hides it where the table fits (test_browser_phone and
test_browser_vergelijken see it shown and hidden)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from domain.texts import t
from ui.components import (CHAR_PX, COLUMN_PAD_PX, CUT_PX, MIN_COLUMN_PX, STATIC_CHAR_PX, STATIC_PAD_PX, table_px,
                           wrapped_table_px)

from pages.vergelijken import NAMES_PX, PANEL_PX
from tests.apptest import open_folds, open_page


def test_a_column_is_as_wide_as_its_longest_text_header_or_cell_and_never_narrower_than_the_grids_least():
    frame = pd.DataFrame({"Wijk": ["Corpus den Hoorn", "Beijum"], "Waarde": ["0,63", "1,11"], "Illustratief": [True, False]})
    assert table_px(frame) == round(3 * COLUMN_PAD_PX + CHAR_PX * (len("Corpus den Hoorn") + len("Waarde") + len("Illustratief")))
    # the headers alone; "Wijk" is narrower than the grid's narrowest column
    assert table_px(frame.iloc[:0]) == round(MIN_COLUMN_PX + 2 * COLUMN_PAD_PX + CHAR_PX * (6 + 12))
    assert table_px(frame.set_index("Wijk"), index=True) == table_px(frame)  # the index counted as a column


def _hint(at, key: str, lang: str, text: str = "table.sideways") -> tuple[str, int]:
    """The caption `text` in the hint's box and the box width (px) from which the CSS hides it."""
    [style] = [h.proto.body for h in at.get("html") if f".st-key-{key}-hint" in h.proto.body]
    [px] = re.findall(r"@container \(min-width:(\d+)px\)", style)
    [caption] = [c.value for c in at.caption if c.value == t(text, lang)]
    return caption, int(px)


@pytest.mark.parametrize("lang, said", [("nl", "Schuif opzij voor meer kolommen."),
                                        ("en", "Swipe sideways for more columns.")])
def test_the_map_table_and_the_comparison_table_say_they_scroll_where_they_do_not_fit(lang, said):
    at = open_page("kaart", lang=lang)
    table = at.dataframe[0].value
    caption, px = _hint(at, "kaart-table", lang)
    assert caption == said and px == int(table_px(table)) - CUT_PX

    at = open_page("vergelijken", lang=lang, wijk="selwerd")
    caption, px = _hint(at, "cmp-table", lang)
    # Gebied, Klasse, Waarde, Index, Rang and Illustratief at the widths the page gives them
    assert caption == said and px == 165 + 90 + 70 + 115 + 50 + 85 - CUT_PX


@pytest.mark.parametrize("page, folds, params", [("vergelijken", "cmp-", {"wijk": "selwerd"}),
                                                 ("wonen", "wonen-table:", {}), ("budget", "budget-", {}),
                                                 ("recent", None, {})])
def test_every_table_of_the_comparison_wonen_budget_and_recent_has_its_hint_with_the_folds_open(page, folds, params):
    """Grids and static tables (Budget's list of needs, Recent gewijzigd) alike."""
    at = open_page(page, **params)
    at = open_folds(at, folds) if folds else at
    grids = [*at.dataframe, *at.table]
    styles = [h.proto.body for h in at.get("html") if "@container (min-width:" in h.proto.body
              and "overflow-x:auto" not in h.proto.body]  # not the charts that scroll (below)
    hints = [c for c in at.caption if c.value == t("table.sideways")]
    assert grids and len(styles) == len(hints) == len(grids), (len(grids), len(styles), len(hints))
    widths = [int(px) for style in styles for px in re.findall(r"min-width:(\d+)px", style)]
    assert all(150 < px < 2000 for px in widths), widths  # a width estimated from the table, not 0 or a runaway


@pytest.mark.parametrize("lang, said", [("nl", "Schuif opzij voor de andere indicatoren."),
                                        ("en", "Swipe sideways for the other indicators.")])
def test_the_indicators_side_by_side_say_they_scroll_where_their_panels_do_not_fit(lang, said):
    """Four indicators side by side need the wijken's names and four panels: narrower, they scroll sideways and a
    caption says so (test_browser_phone sees it on a phone, test_browser_vergelijken hidden on a laptop)."""
    at = open_page("vergelijken", lang=lang, wijk="selwerd")
    caption, px = _hint(at, "cmp-multiples", lang, "cmp.multiples_sideways")
    assert caption == said and px == NAMES_PX + 4 * PANEL_PX
    [style] = [h.proto.body for h in at.get("html") if ".st-key-cmp-multiples-hint" in h.proto.body]
    assert f".st-key-cmp-multiples>*{{min-width:{px}px}}" in style  # the panels keep that width and scroll


def test_a_static_table_is_as_narrow_as_its_longest_words():
    """st.table wraps its cells: a column is as narrow as its longest word, header or cell; a no-break space
    (`€ 25.000`) joins."""
    frame = pd.DataFrame({"Wijk": ["Oosterhoogebrug", "Selwerd"], "Behoefte": ["Ruimte voor bewonersbijeenkomsten", "x"],
                          "Bedrag": ["€\u00a025.000", "€\u00a0500"]})
    longest = len("Oosterhoogebrug") + len("bewonersbijeenkomsten") + len("€\u00a025.000")
    assert wrapped_table_px(frame) == round(3 * STATIC_PAD_PX + STATIC_CHAR_PX * longest)
