"""A chart's table alternative in a fold whose content is made and sent only while it is open.

Every chart keeps a table alternative (product.md), folded under it. Streamlit draws a fold's content even
while it is closed, and a table grid costs the browser about 90 ms each to set up: measured in Chromium
(bench/README.md), eight closed folds with a table made a page of eight charts 0.7 s slower (x1.27). A
keyed fold tells the script whether it is open (`on_change="rerun"`): opening it reruns the page, which then
fills it. A keyboard or screen-reader user opens it as before and finds the table in it.
"""

from __future__ import annotations

import streamlit as st


def table_fold(label: str, key: str, *, icon: str = ":material/table:", expanded: bool = False):
    """The fold `label` (keyed `key`), to fill with `with` when it is open; None while it is closed."""
    fold = st.expander(label, expanded=expanded, icon=icon, key=key, on_change="rerun")
    return fold if fold.open else None
