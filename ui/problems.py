"""A data check's problems on a page: a broken package, a refused CBS file, the import's notes, a failed import.

Each problem's message says itself in the page's language (nla_data.problems.Said). A short list is a table whose
messages wrap, so that a long message is read whole (a grid cut "…the column with the buurt code is missing
(expected BU_CODE or buurtcode; found: code_x" at its cell's edge); the file is named once above it when all
problems are in one, and a row or field column only shows when a problem has one. A long list (a package with
hundreds of wrong cells) stays a grid, which can be searched, sorted and downloaded.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from domain.texts import t, tn
from nla_data import Loaded
from nla_data.problems import Problem
from ui.components import literal, wide_dataframe, wide_static_table

LONG_LIST = 50  # more problems than this are a grid to search in


def problem_table(box: str, problems: list[Problem], lang: str,
                  message: Callable[[Problem], str] | None = None) -> None:
    """`problems` in the box keyed `box`, each said by `message` (by default its text in `lang`)."""
    said = message or (lambda problem: problem.text(lang))
    if len(problems) > LONG_LIST:
        wide_dataframe(box, _frame(problems, said, lang), lang, hide_index=True)
        return
    files = {problem.resource for problem in problems}
    # st.table reads its cells as markdown, and a message quotes the file (a cell, a column name): all `literal`
    frame = _frame(problems, said, lang, resource=len(files) != 1, as_text=True).map(literal)
    if len(files) == 1:
        st.caption(t("problems.in_file", lang, file=literal(next(iter(files)))))
    wide_static_table(box, frame, lang, hide_index=True)


def _frame(problems: list[Problem], said: Callable[[Problem], str], lang: str, *, resource: bool = True,
           as_text: bool = False) -> pd.DataFrame:
    """The table: file (unless `resource` is False), row and field where any problem has one, the message. `as_text`
    writes the rows as text ("" where none: a static table shows a missing number as "<NA>")."""
    columns = {}
    if resource:
        columns[t("problems.resource", lang)] = [p.resource for p in problems]
    rows = [p.row for p in problems]
    if not as_text:
        columns[t("problems.row", lang)] = pd.array(rows, dtype="Int64")
    elif any(row is not None for row in rows):
        columns[t("problems.row", lang)] = ["" if row is None else str(row) for row in rows]
    if not as_text or any(p.field for p in problems):
        columns[t("problems.field", lang)] = [p.field or "" for p in problems]
    columns[t("problems.message", lang)] = [said(p) for p in problems]
    return pd.DataFrame(columns)


def problems_page(result: Loaded, lang: str) -> None:
    """Why the package cannot be loaded: every problem with file, row and field. Never a traceback."""
    st.error(f"**{t('problems.title', lang)}**", icon=":material/database:")
    st.markdown(tn("problems.intro", len(result.problems), lang, path=literal(result.path)))
    problem_table("package-problems", result.problems, lang)
