"""The waterfall's axis: a few round ticks from the lowest level to the highest (figures.budget_charts)."""

from __future__ import annotations

import pandas as pd
import pytest

from domain.budget import STEP_COLUMNS
from figures.budget_charts import money_ticks, waterfall


@pytest.mark.parametrize(("levels", "expected"), [
    ([0, 225_000, 195_000], [0, 100_000, 200_000]),             # Grunobuurt: € 225.000
    ([0, 8_875_000, 8_425_000, 6_000_000], [0, 2_500_000, 5_000_000, 7_500_000]),  # the city: not just € 0, € 5 mln.
    ([0, 870_000, 819_000], [0, 250_000, 500_000, 750_000]),   # a large heavy wijk
    ([0, 420_000, 399_000], [0, 200_000, 400_000]),             # 2,1 steps of 200K beat 4,2 of 100K
    ([0, 900_000, 1_500_000], [0, 500_000, 1_000_000, 1_500_000]),
    ([0, 100_000, -100_000], [-100_000, 0, 100_000]),          # a negative balance: the ticks go below zero
    ([0], [0]),
    ([0, 1], [0, 1]), ([0, 3], [0, 1, 2, 3]),                   # a few euros: a step of € 1
    ([0, 0.2], [0]),                                            # less than a euro: no step below € 1, no error
])
def test_money_ticks_are_round_few_and_cover_the_levels(levels, expected):
    assert money_ticks(levels) == expected


def test_the_waterfall_ticks_follow_its_running_level_not_its_steps():
    """The ceiling is absolute, the cut and the grants move the level, the totals show it: a balance of
    -€ 100.000 puts a tick below zero although no step is that amount."""
    steps = pd.DataFrame([
        ("plafond", "absolute", 120_000), ("korting", "relative", -20_000), ("na_korting", "total", 100_000),
        ("toegekend", "relative", -60_000), ("resterend", "total", 40_000), ("onbesloten", "relative", -140_000),
        ("saldo", "total", -100_000)], columns=STEP_COLUMNS)
    axis = waterfall(steps, "nl").layout.xaxis
    assert list(axis.tickvals) == [-100_000, 0, 100_000]
    assert list(axis.ticktext) == ["€\u00a0-100K", "€\u00a00", "€\u00a0100K"]
