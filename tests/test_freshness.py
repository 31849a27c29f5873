"""When an entry counts as stale, and what 'last seen' is."""

from __future__ import annotations

from domain import freshness
