"""Personal data in the entries (AVG/GDPR): keep it out of what is published, find everything held about
one person, erase a person entirely, and log each erasure without the personal data.

Personal data here: the names of editors (`auteur`, `bijgewerkt_door`, `bevestigd_door`, the history's
`door`; also who recorded a budget decision or a kans or bedreiging, nla_data.records — who *decided*
is part of the public decision and stays) and a person's contact details
(`contact_*`, `toestemming_*`), also inside the history's JSON snapshots and changes. Entries of `soort` persoon are about one person as a whole.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

import sqlalchemy as sa

from nla_data import records
from nla_data.problems import Problem, said
from nla_data.store import EntryStore, now

EDITOR_FIELDS = ("auteur", "bijgewerkt_door", "bevestigd_door")
CONTACT_FIELDS = ("contact_naam", "contact_email", "contact_telefoon", "toestemming_op", "toestemming_wijze")
# Who recorded a decision or an outlook line, per resource of nla_data.records.
RECORDERS = (("besluiten", "vastgelegd_door"), ("besluiten_geschiedenis", "door"),
             ("kansen", "vastgelegd_door"), ("kansen_geschiedenis", "door"))
HIDDEN = "afgeschermd"  # what an editor's name becomes in an export without personal data
ERASED = "gewist persoon"  # what a name becomes after an erasure


# --- exports without personal data ----------------------------------------------------------------

def strip_personal(state: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The export's rows without personal data: person entries left out (with their links and history),
    editor names replaced by 'afgeschermd', contact details and consent emptied, also in the history."""
    items = state.get("items", [])
    persons = {row["item_id"] for row in items if row.get("soort") == "persoon"}
    stripped = {"items": [_without_personal(row) for row in items if row["item_id"] not in persons]}
    stripped["koppelingen"] = [row for row in state.get("koppelingen", [])
                               if row["van_item"] not in persons and row["naar_item"] not in persons]
    stripped["geschiedenis"] = [_history_without_personal(row) for row in state.get("geschiedenis", [])
                                if row["item_id"] not in persons]
    for name, column in RECORDERS:  # who recorded a decision or an outlook line (who decided is public)
        if name in state:
            stripped[name] = [{**row, column: HIDDEN} for row in state[name]]
    return {**state, **stripped}


def _without_personal(row: dict) -> dict:
    clean = dict(row)
    for name in EDITOR_FIELDS:
        if clean.get(name) not in (None, ""):
            clean[name] = HIDDEN
    for name in CONTACT_FIELDS:
        if name in clean:
            clean[name] = None
    return clean


def _history_without_personal(row: dict) -> dict:
    clean = {**row, "door": HIDDEN}
    clean["momentopname"] = json.dumps(_without_personal(json.loads(row["momentopname"])), ensure_ascii=False)
    changes = json.loads(row["wijzigingen"])
    for name in EDITOR_FIELDS + CONTACT_FIELDS:
        if name in changes:
            changes[name] = [None if v is None else (HIDDEN if name in EDITOR_FIELDS else None)
                             for v in changes[name]]
    clean["wijzigingen"] = json.dumps(changes, ensure_ascii=False)
    return clean


# --- one person: find, export, erase ----------------------------------------------------------------

@dataclass(frozen=True)
class PersonQuery:
    """A person as the beheerder names them: an e-mail address and/or a full name (exact, any case)."""

    email: str | None = None
    name: str | None = None

    def problem(self) -> Problem | None:
        if not (self.email or "").strip() and len((self.name or "").strip()) < 3:
            return Problem("persoon", said("geef een e-mailadres of een volledige naam (minstens 3 tekens)",
                                           "give an e-mail address or a full name (at least 3 characters)"))
        return None

    def matches(self, value) -> bool:
        if not isinstance(value, str) or not value.strip():
            return False
        folded = value.strip().casefold()
        return folded in {v.strip().casefold() for v in (self.email, self.name) if v and v.strip()}


@dataclass(frozen=True)
class PersonData:
    """All that the store holds about one person."""

    als_contact: list[dict]  # entries with their contact details
    als_bewerker: list[dict]  # entries they made, changed or confirmed (id, wijk, which fields)
    geschiedenis: list[dict]  # versions they made or that mention them
    vastgelegd: list[dict] = ()  # decisions and outlook lines (and their versions) they recorded

    @property
    def empty(self) -> bool:
        return not (self.als_contact or self.als_bewerker or self.geschiedenis or self.vastgelegd)

    def as_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, default=str)


def find_person(store: EntryStore, query: PersonQuery) -> PersonData:
    with store.engine.connect() as db:
        items = [dict(r) for r in db.execute(sa.select(store.items_t)).mappings()]
        history = [dict(r) for r in db.execute(sa.select(store.history_t)).mappings()]
    as_contact = [row for row in items if any(query.matches(row.get(f)) for f in ("contact_naam", "contact_email"))]
    as_editor = [{"item_id": row["item_id"], "wijk_id": row["wijk_id"],
                  "velden": [f for f in EDITOR_FIELDS if query.matches(row.get(f))]}
                 for row in items if any(query.matches(row.get(f)) for f in EDITOR_FIELDS)]
    mentioned = [{k: v for k, v in row.items() if k != "request_id"} for row in history
                 if query.matches(row["door"]) or _mentions(row, query)]
    return PersonData(as_contact, as_editor, mentioned, _recorded(store, query))


def _recorded(store: EntryStore, query: PersonQuery) -> list[dict]:
    """The rows of the decisions, the outlook and their histories that name this person as who recorded them."""
    records.ensure_tables(store.engine)
    found = []
    with store.engine.connect() as db:
        for name, column in RECORDERS:
            table = records.TABLES[name]
            for row in db.execute(sa.select(table)).mappings():
                if query.matches(row[column]):
                    found.append({"bron": name, **{k: v for k, v in row.items() if k != "request_id"}})
    return found


def _mentions(history_row: dict, query: PersonQuery) -> bool:
    snapshot = json.loads(history_row["momentopname"])
    changes = json.loads(history_row["wijzigingen"])
    values = list(snapshot.values()) + [v for pair in changes.values() if isinstance(pair, list) for v in pair]
    return any(query.matches(v) for v in values)


@dataclass(frozen=True)
class Erasure:
    erasure_id: str
    entries_removed: int
    entries_anonymised: int
    history_rows_changed: int


def erase_person(store: EntryStore, query: PersonQuery, by: str, audit_log: Path) -> Erasure:
    """Erase one person in one transaction: their person entries (with links and whole history) go; in
    other entries their name and contact details become 'gewist persoon' / empty, history included.
    The audit log gets who erased, when and how much — never whom."""
    found = find_person(store, query)
    persons = {row["item_id"] for row in found.als_contact if row.get("soort") == "persoon"}
    anonymised = 0
    history_changed = 0
    records.ensure_tables(store.engine)  # they exist from here on, for the transaction below
    with store.engine.begin() as db:
        if persons:
            ids = sorted(persons)
            links = store.links_t.c
            db.execute(store.links_t.delete().where(links.van_item.in_(ids) | links.naar_item.in_(ids)))
            history_changed += db.execute(store.history_t.delete().where(store.history_t.c.item_id.in_(ids))).rowcount
            db.execute(store.items_t.delete().where(store.items_t.c.item_id.in_(ids)))
        for row in db.execute(sa.select(store.items_t)).mappings().all():
            changes = _erased_fields(dict(row), query)
            if changes:
                db.execute(store.items_t.update().where(store.items_t.c.item_id == row["item_id"]).values(**changes))
                anonymised += 1
        for row in db.execute(sa.select(store.history_t)).mappings().all():
            changes = _erased_history(dict(row), query)
            if changes:
                db.execute(store.history_t.update().where(store.history_t.c.item_id == row["item_id"],
                                                          store.history_t.c.versie == row["versie"]).values(**changes))
                history_changed += 1
        history_changed += _erase_recorder(db, query, ERASED)
        store.note_erasure(db)  # every server's cached reads of the entries are read again
    erasure = Erasure(uuid.uuid4().hex[:12], len(persons), anonymised, history_changed)
    log_event(audit_log, "persoon-gewist", by, {"wissing": erasure.erasure_id, "items_verwijderd": len(persons),
                                                "items_geanonimiseerd": anonymised,
                                                "geschiedenisregels": history_changed})
    return erasure


def _erase_recorder(db, query: PersonQuery, erased: str) -> int:
    """Within the erasure's transaction: decisions, outlook lines and their versions recorded by this person
    name `erased` instead; the number of rows changed."""
    changed = 0
    for name, column in RECORDERS:
        table = records.TABLES[name]
        names = [n for n in db.execute(sa.select(table.c[column]).distinct()).scalars() if query.matches(n)]
        if names:
            changed += db.execute(table.update().where(table.c[column].in_(names)).values({column: erased})).rowcount
    return changed


def _erased_fields(row: dict, query: PersonQuery) -> dict:
    changes = {f: ERASED for f in EDITOR_FIELDS if query.matches(row.get(f))}
    if any(query.matches(row.get(f)) for f in ("contact_naam", "contact_email")):
        changes.update({f: None for f in CONTACT_FIELDS})
    return changes


def _erased_history(row: dict, query: PersonQuery) -> dict:
    changes = {}
    if query.matches(row["door"]):
        changes["door"] = ERASED
    snapshot, diff = json.loads(row["momentopname"]), json.loads(row["wijzigingen"])
    contact = any(query.matches(snapshot.get(f)) for f in ("contact_naam", "contact_email")) or any(
        query.matches(v) for f in ("contact_naam", "contact_email") for v in diff.get(f, []) or [])
    new_snapshot = {k: (ERASED if query.matches(v) else v) for k, v in snapshot.items()}
    new_diff = {k: ([ERASED if query.matches(x) else x for x in v] if isinstance(v, list) else v)
                for k, v in diff.items()}
    if contact:
        for name in CONTACT_FIELDS:
            if name in new_snapshot:
                new_snapshot[name] = None
            if name in new_diff:
                new_diff[name] = [None for _ in new_diff[name]]
    if new_snapshot != snapshot:
        changes["momentopname"] = json.dumps(new_snapshot, ensure_ascii=False)
    if new_diff != diff:
        changes["wijzigingen"] = json.dumps(new_diff, ensure_ascii=False)
    return changes


# --- the audit log ----------------------------------------------------------------------------------

def log_event(audit_log: Path, action: str, by: str, details: dict) -> None:
    """Append one line of JSON: when, what, by whom (a role or account, never the person concerned)."""
    audit_log.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    line = {"tijdstip": now().isoformat(), "actie": action, "door": by, **details}
    with open(audit_log, "a", encoding="utf-8") as out:
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
