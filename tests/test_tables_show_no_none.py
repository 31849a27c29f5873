"""Every table of the app says nothing for a missing value: Streamlit's st.dataframe writes "None" in a cell
without a value unless it is given a `placeholder` (found on the Beheer page: "None" in the row column of the
CBS import's problems). Checked on the source, so a table added later cannot forget it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted([*ROOT.glob("pages/*.py"), *ROOT.glob("ui/*.py"), ROOT / "dashboard.py"])


def _table_calls(path: Path, names: tuple[str, ...] = ("dataframe",)) -> list[ast.Call]:
    """The calls of `st.dataframe` (or of another of `names`) in `path`."""
    return [node for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(node, ast.Call)
            and (node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)) in names]


def test_the_app_has_tables_to_check():
    """Its grids: st.dataframe, ui.components.wide_dataframe (whose st.dataframe the test below checks in
    ui/components.py) and ui.problems.problem_table (a grid through wide_dataframe when the list is long; a short
    one is a static table with "" where a problem has no row: tests/test_problem_table.py)."""
    assert sum(len(_table_calls(path, ("dataframe", "wide_dataframe", "problem_table"))) for path in SOURCES) >= 20



@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_table_has_a_placeholder_for_a_missing_value(path):
    missing = [call.lineno for call in _table_calls(path) if "placeholder" not in {k.arg for k in call.keywords}]
    assert missing == [], f"{path.relative_to(ROOT)}: st.dataframe without placeholder= on lines {missing}"
