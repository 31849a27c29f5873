"""Who sees which entries and whose contact details."""

from __future__ import annotations

from domain import privacy
