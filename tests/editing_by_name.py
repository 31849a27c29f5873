"""app.editing and app.entry_import for tests that are about editing, not about permissions: the author
is given as a name, as before sign-in existed, and acts as a beheerder (allowed in every wijk).
Permissions themselves are tested in tests/test_permissions.py with real actors."""

from __future__ import annotations

from app import editing as _editing
from app import entry_import as _entry_import
from domain.editing import Invalid, new_item_id  # noqa: F401 - re-exported for the tests
from domain.editing import wijk_context as _wijk_context
from domain.permissions import Actor
from nla_data import EMBEDDED_DIR
from nla_data.facts import EntryRules, read_facts
from nla_data.schema import read_descriptor

RULES = read_facts(read_descriptor(EMBEDDED_DIR)).entry_rules  # the embedded package's entry rules


def wijk_context(items, buurten, wijk_id, rules: EntryRules = RULES):
    """domain.editing.wijk_context with the embedded package's rules, unless a test brings its own."""
    return _wijk_context(items, buurten, wijk_id, rules)


def editor(name: str) -> Actor:
    return Actor(username="test-" + "".join(c for c in name.lower() if c.isalnum())[:30] or "test", name=name,
                 role="beheerder")


def add_entry(store, context, section, raw, author, request_id, taken_ids):
    return _editing.add_entry(store, context, section, raw, editor(author), request_id, taken_ids)


def edit_entry(store, context, item_id, base_version, raw, author, request_id):
    return _editing.edit_entry(store, context, item_id, base_version, raw, editor(author), request_id)


def confirm(store, item_id, base_version, author, request_id):
    return _editing.confirm(store, item_id, base_version, editor(author), request_id)


def close(store, item_id, base_version, reason, author, request_id):
    return _editing.close(store, item_id, base_version, reason, editor(author), request_id)


def reopen(store, item_id, base_version, author, request_id):
    return _editing.reopen(store, item_id, base_version, editor(author), request_id)


def restore(store, context, item_id, base_version, version, author, request_id):
    return _editing.restore(store, context, item_id, base_version, version, editor(author), request_id)


def apply_import(plan, store, context, author, request_prefix):
    return _entry_import.apply_import(plan, store, context, editor(author), request_prefix)
