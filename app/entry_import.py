"""Apply a planned CSV import of a wijk's entries (domain.entry_csv plans it): only the rows the plan
accepted, each through app.editing — the same permission check and validation as the forms — in its
own transaction."""

from __future__ import annotations

from dataclasses import dataclass, replace

from app import editing
from domain.editing import Unchanged
from domain.entry_csv import TOEVOEGEN, ImportPlan, _cell, _column
from domain.messages import Message, say
from domain.permissions import IMPORT_ENTRIES, Actor, Refused, allowed, wijk
from domain.validation import WijkContext
from nla_data.store import Conflict, EntryStore, Missing, Saved


@dataclass(frozen=True)
class RowOutcome:
    number: int
    kind: str  # toevoegen / wijzigen
    title: str | None
    result: editing.Result

    @property
    def saved(self) -> bool:
        return isinstance(self.result, Saved)

    @property
    def message(self) -> Message:
        """What became of the row (domain.messages: Dutch, and English on request)."""
        result = self.result
        if isinstance(result, Saved):
            if result.repeated:
                return Message("csvmsg.out_repeated")
            if self.kind == TOEVOEGEN:
                return Message("csvmsg.out_added", item=result.item_id)
            return Message("csvmsg.out_saved", version=result.version)
        if isinstance(result, Unchanged):
            return Message("csvmsg.out_unchanged")
        if isinstance(result, Conflict):
            return Message("csvmsg.out_conflict", who=result.changed_by, when=_cell("", result.changed_at))
        if isinstance(result, Missing):
            return Message("csvmsg.out_missing")
        if isinstance(result, Refused):
            return Message("csvmsg.out_refused", reason=lambda lang: say(result.reason, lang))
        errors = dict(result.errors)
        return Message("csvmsg.out_invalid",
                       errors=lambda lang: " ".join(f"{_column(k)}: {say(v, lang)}" for k, v in errors.items()))


@dataclass(frozen=True)
class ApplyResult:
    outcomes: list[RowOutcome]

    @property
    def saved(self) -> list[RowOutcome]:
        return [o for o in self.outcomes if o.saved and not o.result.repeated]

    @property
    def repeated(self) -> list[RowOutcome]:
        return [o for o in self.outcomes if o.saved and o.result.repeated]

    @property
    def failed(self) -> list[RowOutcome]:
        return [o for o in self.outcomes if not o.saved]


def apply_import(plan: ImportPlan, store: EntryStore, context: WijkContext, actor: Actor,
                 request_prefix: str) -> ApplyResult | Refused:
    """Save the accepted rows, each in its own transaction, in file order.

    A row's request id is `{request_prefix}:{row number}`: applying the same plan again finds
    every saved row and saves nothing twice. Later rows are checked against what earlier rows
    saved (a new title, a freed title).
    """
    decision = allowed(actor, IMPORT_ENTRIES, wijk(context.wijk_id))
    if not decision:
        return Refused(decision.reason)
    taken = set(store.items()["item_id"])
    entries = dict(context.entries)
    outcomes = []
    for row in plan.to_apply:
        request_id = f"{request_prefix}:{row.number}"
        current = replace(context, entries=dict(entries))
        if row.kind == TOEVOEGEN:
            result = editing.add_entry(store, current, row.section, row.raw, actor, request_id, taken)
        else:
            result = editing.edit_entry(store, current, row.item_id, row.base_version, row.raw, actor, request_id)
        if isinstance(result, Saved):
            taken.add(result.item_id)
            entries[result.item_id] = (row.section, row.title)
        outcomes.append(RowOutcome(row.number, row.kind, row.title, result))
    return ApplyResult(outcomes)
