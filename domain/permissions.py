"""Who may do what: one function, `allowed(actor, action, resource)`, that every read filter and every
write path calls (below the UI: a hidden button is not security).

Actions are declared once, with the kind of resource they apply to; a decision carries its reason, so
that a refusal can explain itself to the user and be audited.

- the public (not signed in): figures, maps, and the entries that are public;
- wethouder, corporatie: read everything except contact details;
- frontlijnwerker of one or more wijken: edit the entries of those wijken, see their contact details, record
  budget decisions there;
- beheerder: data management, users, personal data, all wijken.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.messages import Message, per_language
from nla_data.accounts import ROLES

VISIBILITIES = ("openbaar", "ingelogd", "frontlijn")  # who may see an entry: the public, signed-in users, its editors


@dataclass(frozen=True)
class Actor:
    """Who is asking. `username` None is the public; `name` is what the history records."""

    username: str | None = None
    name: str = ""
    role: str | None = None
    wijken: frozenset[str] = field(default_factory=frozenset)  # a frontlijnwerker's wijken
    corporatie: str | None = None  # a corporatie user's own corporation

    @property
    def signed_in(self) -> bool:
        return self.username is not None and self.role in ROLES


PUBLIC = Actor()


@dataclass(frozen=True)
class Resource:
    """What an action is about: a wijk, one entry of a wijk (with its visibility), or the whole app."""

    kind: str  # "app", "wijk", "entry"
    wijk_id: str | None = None
    visibility: str = "openbaar"


APP = Resource("app")


def wijk(wijk_id: str) -> Resource:
    return Resource("wijk", wijk_id)


def entry(wijk_id: str, visibility: str | None) -> Resource:
    return Resource("entry", wijk_id, visibility if visibility in VISIBILITIES else "openbaar")


@dataclass(frozen=True)
class Action:
    name: str
    description: str
    resource_kind: str  # the kind of resource it applies to


VIEW_ENTRY = Action("view-entry", "een item van het wijkperspectief zien", "entry")
VIEW_CONTACT = Action("view-contact", "contactgegevens van een persoon zien", "entry")
VIEW_EDITORS = Action("view-editors", "zien wie iets heeft gewijzigd (namen en geschiedenis)", "app")
EDIT_ENTRIES = Action("edit-entries", "items van een wijk toevoegen, bewerken, bevestigen, sluiten, heropenen en "
                                      "herstellen", "wijk")
IMPORT_ENTRIES = Action("import-entries", "items van een wijk uit een CSV-bestand importeren", "wijk")
RECORD_DECISION = Action("record-decision", "een besluit over het wijkbudget vastleggen", "wijk")
MANAGE_DATA = Action("manage-data", "het datapakket valideren, importeren en exporteren", "app")
MANAGE_USERS = Action("manage-users", "gebruikers beheren", "app")
MANAGE_PERSONAL = Action("manage-personal", "persoonsgegevens exporteren en wissen", "app")

ACTIONS = (VIEW_ENTRY, VIEW_CONTACT, VIEW_EDITORS, EDIT_ENTRIES, IMPORT_ENTRIES, RECORD_DECISION, MANAGE_DATA,
           MANAGE_USERS, MANAGE_PERSONAL)
WRITE_ACTIONS = (EDIT_ENTRIES, IMPORT_ENTRIES, RECORD_DECISION, MANAGE_DATA, MANAGE_USERS, MANAGE_PERSONAL)


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str

    def __bool__(self) -> bool:
        return self.allowed


def allowed(actor: Actor, action: Action, resource: Resource = APP) -> Decision:
    """May `actor` do `action` on `resource`? The answer says why (in Dutch, for the user and the log; a refusal
    as a domain.messages.Message, which the pages show in the user's language)."""
    if resource.kind != action.resource_kind:
        return Decision(False, f"'{action.description}' gaat over een {action.resource_kind}, niet over een "
                               f"{resource.kind}")
    role = actor.role if actor.signed_in else None
    own = resource.wijk_id is not None and resource.wijk_id in actor.wijken
    if action is VIEW_ENTRY:
        if resource.visibility == "openbaar":
            return Decision(True, "openbaar item")
        if role is None:
            return Decision(False, Message("perm.entry_signed_in"))
        if resource.visibility == "ingelogd" or role == "beheerder":
            return Decision(True, "ingelogd")
        if role == "frontlijnwerker" and own:
            return Decision(True, "frontlijnwerker van deze wijk")
        return Decision(False, Message("perm.entry_frontline"))
    if action is VIEW_CONTACT:
        if role == "beheerder":
            return Decision(True, "beheerder")
        if role == "frontlijnwerker" and own:
            return Decision(True, "frontlijnwerker van deze wijk")
        return Decision(False, Message("perm.contact"))
    if action is VIEW_EDITORS:
        if role is None:
            return Decision(False, Message("perm.editors"))
        return Decision(True, "ingelogd")
    if action in (EDIT_ENTRIES, IMPORT_ENTRIES):
        if role is None:
            return Decision(False, Message("perm.edit_sign_in"))
        if role == "beheerder":
            return Decision(True, "beheerder")
        if role == "frontlijnwerker" and own:
            return Decision(True, "frontlijnwerker van deze wijk")
        if role == "frontlijnwerker":
            return Decision(False, Message("perm.not_your_wijk"))
        return Decision(False, Message("perm.edit_role", role=_role(role)))
    if action is RECORD_DECISION:
        if role is None:
            return Decision(False, Message("perm.decide_sign_in"))
        if role == "beheerder":
            return Decision(True, "beheerder")
        if role == "frontlijnwerker" and own:
            return Decision(True, "frontlijnwerker van deze wijk")
        if role == "frontlijnwerker":
            return Decision(False, Message("perm.not_your_wijk"))
        return Decision(False, Message("perm.decide_role", role=_role(role)))
    if action in (MANAGE_DATA, MANAGE_USERS, MANAGE_PERSONAL):
        if role == "beheerder":
            return Decision(True, "beheerder")
        return Decision(False, Message("perm.manage_only") if role else Message("perm.manage_sign_in"))
    return Decision(False, f"onbekende actie {action.name}")


def _role(role: str):
    from domain.texts import t

    return per_language(t(f"role.{role}", "nl"), t(f"role.{role}", "en"))


@dataclass(frozen=True)
class Refused:
    """What a write path answers when `allowed` said no (nothing was written)."""

    reason: str


def require(actor: Actor, action: Action, resource: Resource = APP) -> None:
    """For paths that cannot answer with a value (exports, erasure): raise PermissionError when refused."""
    decision = allowed(actor, action, resource)
    if not decision:
        raise PermissionError(decision.reason)
