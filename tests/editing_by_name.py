"""app.editing and app.entry_import for tests that are about editing, not about permissions: the author
is given as a name, as before sign-in existed, and acts as a beheerder (allowed in every wijk).
Permissions themselves are tested in tests/test_permissions.py with real actors. And how a page test
finds the conflict view (AppTest)."""

from __future__ import annotations

from itertools import pairwise

from app import editing as _editing
from app import entry_import as _entry_import
from domain.editing import Invalid, new_item_id  # noqa: F401 - re-exported for the tests
from domain.editing import wijk_context as _wijk_context
from domain.permissions import Actor
from domain.texts import t
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


def close(store, item_id, base_version, reason, author, request_id, rules: EntryRules = RULES):
    return _editing.close(store, item_id, base_version, reason, editor(author), request_id, rules=rules)


def reopen(store, item_id, base_version, author, request_id, rules: EntryRules = RULES):
    return _editing.reopen(store, item_id, base_version, editor(author), request_id, rules=rules)


def restore(store, context, item_id, base_version, version, author, request_id):
    return _editing.restore(store, context, item_id, base_version, version, editor(author), request_id)


def apply_import(plan, store, context, author, request_prefix):
    return _entry_import.apply_import(plan, store, context, editor(author), request_prefix)


def markdowns(block) -> str:
    """What a block of an AppTest page says, without the escapes that keep user text from being markup."""
    return "\n".join(m.value for m in block.markdown).replace("\\", "")


def conflict_columns(at, yours_header: str, theirs: str | None = None):
    """The two columns of the conflict view (their version, headed `theirs`, and the user's), left and right as
    drawn: whichever holds which, so that a test can tell when they are swapped."""
    theirs = theirs or t("edit.their_version")
    columns = list(at.columns)
    for left, right in pairwise(columns):
        heads = [markdowns(column).split("\n")[0] for column in (left, right)]
        if (theirs in heads[0] and yours_header in heads[1]) or (yours_header in heads[0] and theirs in heads[1]):
            return left, right
    raise AssertionError("no conflict view on the page")
