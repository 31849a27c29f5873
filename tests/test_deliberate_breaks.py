"""Small breaks that once went unnoticed by the suite (issue 9), each with the test that now catches it.

The other breaks the issue lists are caught in tests/test_stale_actions.py (conflict view columns,
conflict versus "no longer exists", the time in the conflict message, "last seen" and confirmations)
and tests/test_entry_csv_view.py (the CSV box on the wijk page, which fails rather than skips); the budget
box in tests/test_budget_box.py (a page test, kept apart so that `make mutate` can run the fast ones).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from domain import freshness, housing
from domain.wijken import size_tension
from nla_data import EMBEDDED_DIR
from nla_data.facts import read_classes

# --- closed entries are never stale -------------------------------------------------------------------

OPEN, CLOSED = ("idee", "loopt"), ("afgerond", "gestopt")
MOMENT = dt.datetime(2014, 6, 1)


def _entries(*statuses: str, seen: str = "2013-01-01") -> pd.DataFrame:
    return pd.DataFrame({"item_id": [f"e{i}" for i in range(len(statuses))], "wijk_id": "w",
                         "status": list(statuses), "bijgewerkt_op": pd.Timestamp(seen), "bevestigd_op": pd.NaT})


def test_a_closed_entry_is_not_stale_however_old():
    items = _entries(*OPEN, *CLOSED)
    mask = freshness.stale_mask(items, MOMENT, 6, open_statuses=OPEN)
    assert mask.tolist() == [True, True, False, False]
    listed = freshness.stale_entries(items, MOMENT, 6, open_statuses=OPEN)
    assert listed["item_id"].tolist() == ["e0", "e1"]


def test_the_packages_closed_entries_are_never_listed_as_stale(package):
    rules = package.facts.entry_rules
    listed = freshness.stale_entries(package.items, dt.datetime(2100, 1, 1), 6, open_statuses=rules.open_statuses)
    closed = package.items[package.items["status"].isin(rules.closed_statuses)]
    assert len(closed) > 0  # the package has closed entries to leave out
    assert set(listed["status"]) <= set(rules.open_statuses)
    assert len(listed) == len(package.items) - len(closed)


# --- "below 1,0" is strictly below -------------------------------------------------------------------

def _affordability(ratios: list[float | None]) -> housing.Affordability:
    table = pd.DataFrame({"verhouding": ratios})
    return housing.Affordability(table, city=1.0, city_cheap=None, city_low_income=None)


def test_a_wijk_at_exactly_one_cheap_home_per_household_is_not_below_one():
    result = _affordability([0.99, 1.0, 1.01, None])
    assert result.below_one == 1
    assert result.below_city == 1  # the city at 1,0: equal is not below either
    assert result.known == 3


# --- the 2.500-dwelling size threshold ----------------------------------------------------------------

# dwellings 2016 (approx.) and the size the source gives each wijk -- /work/shared/design/domain.md
DWELLINGS = {
    "selwerd": (3183, "groot"), "paddepoel": (5825, "groot"), "de-wijert": (4283, "groot"),
    "beijum": (6122, "groot"), "lewenborg": (4208, "groot"), "oosterpark": (7328, "groot"),
    "korrewegwijk": (7799, "groot"), "de-hoogte": (2360, "klein"), "oosterhoogebrug": (1948, "klein"),
    "vinkhuizen": (5102, "groot"), "corpus-den-hoorn": (2754, "groot"), "kostverloren": (1372, "klein"),
    "grunobuurt": (1156, "klein"), "hoogkerk": (3303, "klein"), "tuinwijk": (878, "klein"),
}


def test_the_threshold_is_declared_in_the_package_with_its_source():
    import json

    declared = json.loads((EMBEDDED_DIR / "datapackage.json").read_text(encoding="utf-8"))
    size = declared["wijkperspectief"]["klassen"]["grootte"]
    assert size["drempel_woningen"] == 2500
    assert size["bron"] == "Rapport SocioQuest/RUG 2013, §2.2"
    classes = read_classes(declared["wijkperspectief"]["klassen"])
    assert (classes.threshold, classes.size.source) == (2500, "Rapport SocioQuest/RUG 2013, §2.2")


def test_more_than_2500_dwellings_is_large_2500_itself_is_small(package):
    classes = package.facts.classes
    assert [classes.size_for(n) for n in (2499, 2500, 2501)] == ["klein", "klein", "groot"]


def test_the_fifteen_wijken_sizes_and_the_one_tension_the_source_keeps(package):
    """By the threshold every wijk has the size the source gives it, except Hoogkerk (klein, 3.303 dwellings)."""
    assert dict(package.wijken["grootte"]) == {w: size for w, (_, size) in DWELLINGS.items()}
    tensions = {w: size_tension(size, n, package.facts.classes) for w, (n, size) in DWELLINGS.items()}
    assert {w: s for w, s in tensions.items() if s is not None} == {"hoogkerk": "groot"}
