"""The import's error, its progress callback and the list formatting its Dutch messages share.

Kept apart so that every step (read, plan, apply) can raise and report without importing another step.
"""

from __future__ import annotations

from collections.abc import Callable

from nla_data.problems import Problem, dutch_number, shorten

Progress = Callable[[float, str], None]


class CbsImportError(Exception):
    """The file cannot be imported; `problems` says why, in Dutch."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def _list(items: list[str], limit: int = 12) -> str:
    items = [shorten(i, 80) for i in items]  # items may come from the file: a code can be any length
    return ", ".join(items[:limit]) + (f" en {dutch_number(len(items) - limit)} meer" if len(items) > limit else "")
