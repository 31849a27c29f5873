"""Is an entry still current? Each entry shows when it was last confirmed; open entries not
confirmed for a while (default six months) are marked as possibly out of date. Which statuses are
open is the package's (`NlaPackage.facts.entry_rules.open_statuses`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

import pandas as pd

DEFAULT_STALE_MONTHS = 6  # the app's setting (WIJKPERSPECTIEF_STALE_MONTHS) is read in nla_data.settings


def last_seen(items: pd.DataFrame) -> pd.Series:
    """When someone last looked at each entry: its confirmation, or a later edit (an edit confirms too)."""
    confirmed = pd.to_datetime(items["bevestigd_op"])
    updated = pd.to_datetime(items["bijgewerkt_op"])
    return confirmed.where(confirmed.notna() & (confirmed > updated), updated)


def cutoff(moment: dt.datetime, months: int | None = None) -> pd.Timestamp:
    """Seen before this moment is stale."""
    return pd.Timestamp(moment) - pd.DateOffset(months=months or DEFAULT_STALE_MONTHS)


def stale_mask(items: pd.DataFrame, moment: dt.datetime, months: int | None = None, *,
               open_statuses: Collection[str]) -> pd.Series:
    """True for open entries not confirmed or edited in the last `months`."""
    return items["status"].isin(list(open_statuses)) & (last_seen(items) < cutoff(moment, months))


def stale_entries(items: pd.DataFrame, moment: dt.datetime, months: int | None = None, *,
                  open_statuses: Collection[str]) -> pd.DataFrame:
    """Open entries to look at again, oldest first, with `laatst_gezien`."""
    rows = items[stale_mask(items, moment, months, open_statuses=open_statuses)]
    return rows.assign(laatst_gezien=last_seen(rows)).sort_values(["wijk_id", "laatst_gezien"])
