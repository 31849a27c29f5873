"""An entry's history as a reader needs it: which fields a version changed, whether it only confirmed the
entry, and which earlier versions are worth bringing back.

A version is a row of the store's history (`nla_data.store.Version`: `version`, `action`, `changes`
field -> [old, new], `snapshot` of the versioned fields); these functions read only those attributes.
"""

from __future__ import annotations

from collections.abc import Iterable

CONFIRMATION = frozenset({"bevestigd_op", "bevestigd_door"})  # "nog actueel": a date and a name, no content
# What the history shows, in the order of the form. Contact details are left out: they are personal data
# that only the wijk's frontline sees, and the history is open to every signed-in user.
SHOWN = ("sectie", "titel", "beschrijving", "status", "aanpak", "thema", "buurtcode", "straat", "rol", "soort",
         "zichtbaarheid", "soort_hulp", "bedrag", "startdatum", "koppelingen", "bevestigd_op", "bevestigd_door")


def only_confirmed(version) -> bool:
    """True when the version changed nothing but who confirmed it and when (a "Bevestigen" click, or a
    confirmation of the same words): bringing it back would bring back nothing."""
    changed = {name for name, (old, new) in version.changes.items() if old != new}
    return version.action == "bevestigd" or bool(changed) and changed <= CONFIRMATION


def shown_changes(version) -> list[tuple[str, object, object]]:
    """`(field, old, new)` of what the version changed, in the form's order, without contact details and
    without a field that was empty and stays empty (a new entry lists only what it was given)."""
    return [(name, *version.changes[name]) for name in SHOWN
            if name in version.changes and version.changes[name][0] != version.changes[name][1]
            and not (_empty(version.changes[name][0]) and _empty(version.changes[name][1]))]


def _empty(value) -> bool:
    return value is None or value == "" or value == []


def restorable(versions: Iterable, current: int) -> set[int]:
    """The versions to offer "Zet terug" for: every earlier version except one that only confirmed the entry
    (its content is that of the version before it, which is offered itself)."""
    return {v.version for v in versions if v.version != current and not only_confirmed(v)}
