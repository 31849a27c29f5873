"""The import's error, its progress callback and the list formatting its messages (Dutch and English) share.

Kept apart so that every step (read, plan, apply) can raise and report without importing another step.
"""

from __future__ import annotations

from collections.abc import Callable

from nla_data.problems import ENGLISH, Problem, number_text, shorten

Progress = Callable[[float, str], None]  # the fraction done and the step, a Said (Dutch and English)


class CbsImportError(Exception):
    """The file cannot be imported; `problems` says why, in Dutch and English."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def _list(items: list[str], limit: int = 12, lang: str = "nl") -> str:
    """The first `limit` items, then how many more ('… en 3 meer'; with lang="en" '… and 3 more')."""
    items = [shorten(i, 80) for i in items]  # items may come from the file: a code can be any length
    if len(items) <= limit:
        return ", ".join(items)
    more = f"and {number_text(len(items) - limit, lang)} more" if lang == ENGLISH else \
        f"en {number_text(len(items) - limit, lang)} meer"
    return ", ".join(items[:limit]) + f" {more}"
