"""When an entry counts as stale, and what 'last seen' is (small frames, one rule per test)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from domain import freshness

NOW = dt.datetime(2026, 7, 1, 12, 0)
OPEN = ("open", "loopt")


def frame(*rows: tuple) -> pd.DataFrame:
    """Rows of (item_id, wijk_id, status, bijgewerkt_op, bevestigd_op)."""
    return pd.DataFrame(rows, columns=["item_id", "wijk_id", "status", "bijgewerkt_op", "bevestigd_op"])


def test_last_seen_is_the_later_of_the_edit_and_the_confirmation():
    items = frame(("a", "w", "open", "2026-01-10", "2026-03-01"),   # confirmed after the edit
                  ("b", "w", "open", "2026-05-01", "2026-03-01"),   # edited after the confirmation
                  ("c", "w", "open", "2026-02-02", None),           # never confirmed
                  ("d", "w", "open", "2026-02-02", "2026-02-02"))   # both on the same day
    assert list(freshness.last_seen(items).dt.strftime("%Y-%m-%d")) == [
        "2026-03-01", "2026-05-01", "2026-02-02", "2026-02-02"]


def test_the_cutoff_is_six_months_back_unless_told_otherwise():
    assert freshness.DEFAULT_STALE_MONTHS == 6
    assert freshness.cutoff(NOW) == pd.Timestamp("2026-01-01 12:00")
    assert freshness.cutoff(NOW, 2) == pd.Timestamp("2026-05-01 12:00")


def test_seen_exactly_at_the_cutoff_is_not_stale_and_a_second_earlier_is():
    items = frame(("at", "w", "open", "2026-01-01 12:00:00", None),
                  ("before", "w", "open", "2026-01-01 11:59:59", None))
    assert list(freshness.stale_mask(items, NOW, open_statuses=OPEN)) == [False, True]


def test_closed_entries_are_never_stale_however_old():
    items = frame(("old-open", "w", "loopt", "2020-01-01", None),
                  ("old-closed", "w", "afgerond", "2020-01-01", None))
    assert list(freshness.stale_mask(items, NOW, open_statuses=OPEN)) == [True, False]


def test_a_recent_confirmation_keeps_an_old_edit_fresh():
    items = frame(("a", "w", "open", "2020-01-01", "2026-06-01"))
    assert not freshness.stale_mask(items, NOW, open_statuses=OPEN).any()


def test_a_shorter_period_makes_an_entry_stale_sooner():
    items = frame(("march", "w", "open", "2026-03-01", None))
    assert list(freshness.stale_mask(items, NOW, open_statuses=OPEN)) == [False]  # within six months
    assert list(freshness.stale_mask(items, NOW, 2, open_statuses=OPEN)) == [True]  # not within two
    assert freshness.stale_entries(items, NOW, open_statuses=OPEN).empty
    assert list(freshness.stale_entries(items, NOW, 2, open_statuses=OPEN)["item_id"]) == ["march"]


def test_stale_entries_are_by_wijk_then_oldest_first_with_when_last_seen():
    items = frame(("new", "b-wijk", "open", "2025-06-01", None),
                  ("fresh", "a-wijk", "open", "2026-06-01", None),
                  ("older", "b-wijk", "open", "2024-01-01", "2025-01-01"),
                  ("oldest", "b-wijk", "open", "2023-01-01", None),
                  ("a-old", "a-wijk", "open", "2025-02-01", None))
    stale = freshness.stale_entries(items, NOW, 3, open_statuses=OPEN)
    assert list(stale["item_id"]) == ["a-old", "oldest", "older", "new"]
    assert list(stale["laatst_gezien"].dt.strftime("%Y-%m-%d")) == [
        "2025-02-01", "2023-01-01", "2025-01-01", "2025-06-01"]
