"""The budget box on the wijk page: each amount under its own label (issue 9: once the ceiling stood
where the cut belongs, and no test noticed)."""

from __future__ import annotations

import pytest

from domain import format as fmt
from domain.texts import t
from tests.apptest import open_page


def _budget_rows(at) -> dict[str, str]:
    labels = {t(key) for key in ("wijk.ceiling", "wijk.cut", "wijk.after_cut", "wijk.needs_total")}
    for table in at.table:
        frame = table.value
        if set(frame.iloc[:, 0]) & labels:
            return {str(label): str(amount).replace("\u00a0", " ") for label, amount in zip(frame.iloc[:, 0],
                                                                                            frame.iloc[:, 1])}
    raise AssertionError("no budget box on the page")


@pytest.mark.parametrize(("wijk_id", "ceiling", "after"), [("selwerd", 900_000, 870_000),
                                                           ("hoogkerk", 100_000, 70_000)])
def test_the_budget_box_shows_each_amount_under_its_own_label(wijk_id, ceiling, after):
    at = open_page("wijk", wijk=wijk_id)
    assert not at.exception, [e.value for e in at.exception]
    rows = _budget_rows(at)
    assert rows[t("wijk.ceiling")] == fmt.money(ceiling, "nl").replace("\u00a0", " ")
    assert rows[t("wijk.cut")] == "€ 30.000"
    assert rows[t("wijk.after_cut")] == fmt.money(after, "nl").replace("\u00a0", " ")
