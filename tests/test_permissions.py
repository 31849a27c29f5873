"""The permission matrix: every role × every write action, through the action itself (app.editing,
app.entry_import), not through the UI — what is allowed is saved, what is refused writes nothing."""

from __future__ import annotations

import pytest

from app import editing, entry_import
from domain.editing import wijk_context
from domain.entry_csv import plan_import, read_csv_bytes
from domain.permissions import (ACTIONS, APP, EDIT_ENTRIES, IMPORT_ENTRIES, MANAGE_DATA, MANAGE_PERSONAL,
                                MANAGE_USERS, PUBLIC, RECORD_DECISION, VIEW_CONTACT, VIEW_EDITORS, VIEW_ENTRY, Action, Actor,
                                Refused, allowed, entry, require, wijk)
from nla_data.store import EntryStore, Saved
from tests.editing_by_name import RULES

WIJK, OTHER = "korrewegwijk", "beijum"
INITIATIVE = "korrewegwijk-wijkstemdag"

ACTORS = {
    "publiek": PUBLIC,
    "wethouder": Actor("wim", "Wim Wethouder", "wethouder"),
    "corporatie": Actor("cora", "Cora Corporatie", "corporatie", corporatie="Nijestee"),
    "frontlijn-eigen-wijk": Actor("fatima", "Fatima de Vries", "frontlijnwerker", frozenset({WIJK, "selwerd"})),
    "frontlijn-andere-wijk": Actor("bea", "Bea van Beijum", "frontlijnwerker", frozenset({OTHER})),
    "beheerder": Actor("beheer", "Bea Beheerder", "beheerder"),
    "onbekende-rol": Actor("x", "Iemand", "directeur"),
}
MAY_EDIT = {"frontlijn-eigen-wijk", "beheerder"}


@pytest.fixture
def store(tmp_path, package) -> EntryStore:
    global BUURTEN
    BUURTEN = package.buurten
    return EntryStore.open(package, f"sqlite:///{tmp_path}/perm.sqlite")


BUURTEN = None  # the package's buurten, set by the store fixture (the package is loaded once per run)


def _context(store):
    return wijk_context(store.items(), BUURTEN, WIJK, RULES)


def _add(store, actor):
    return editing.add_entry(store, _context(store), "gebeurt", {"titel": "Buurtfeest in de Korrewegwijk"}, actor,
                             None, set(store.items()["item_id"]))


def _edit(store, actor):
    item = store.item(INITIATIVE)
    return editing.edit_entry(store, _context(store), INITIATIVE, item["versie"],
                              {**item, "links": item["koppelingen"], "thema": "Anders"}, actor, None)


def _confirm(store, actor):
    return editing.confirm(store, INITIATIVE, store.item(INITIATIVE)["versie"], actor, None)


def _close(store, actor):
    return editing.close(store, INITIATIVE, store.item(INITIATIVE)["versie"], "afgerond", actor, None, rules=RULES)


def _reopen(store, actor):
    closer = ACTORS["beheerder"]
    closed = editing.close(store, INITIATIVE, store.item(INITIATIVE)["versie"], "afgerond", closer, None,
                           rules=RULES)
    assert isinstance(closed, Saved)
    return editing.reopen(store, INITIATIVE, closed.version, actor, None, rules=RULES)


def _restore(store, actor):
    edited = _edit(store, ACTORS["beheerder"])
    assert isinstance(edited, Saved)
    return editing.restore(store, _context(store), INITIATIVE, edited.version, 1, actor, None)


def _import(store, actor):
    parsed = read_csv_bytes(b"item_id;sectie;titel;status\r\n;nodig;Koffie voor de bewonersavond;idee\r\n")
    plan = plan_import(parsed, WIJK, store.items(), store.links(), BUURTEN, RULES)
    return entry_import.apply_import(plan, store, _context(store), actor, "csv:perm")


WRITES = {"toevoegen": _add, "bewerken": _edit, "bevestigen": _confirm, "sluiten": _close, "heropenen": _reopen,
          "herstellen": _restore, "csv-import": _import}


def _state(store):
    return store.items().to_dict("records"), store.history_frame().to_dict("records")


@pytest.mark.parametrize("action", WRITES)
@pytest.mark.parametrize("who", ACTORS)
def test_every_role_and_write_action(store, who, action):
    actor = ACTORS[who]
    before = None
    if action in ("toevoegen", "bewerken", "bevestigen", "sluiten", "csv-import"):
        before = _state(store)
    result = WRITES[action](store, actor)
    if who in MAY_EDIT:
        saved = result.saved[0].result if action == "csv-import" else result
        assert isinstance(saved, Saved), result
        history = store.history(saved.item_id)[0]
        assert history.by == actor.name  # the recorded editor is the signed-in user
    else:
        assert isinstance(result, Refused) and result.reason, result
        if before is not None:
            assert _state(store) == before, "a refused action wrote something"


def test_a_frontline_worker_may_not_touch_another_wijks_entry_even_with_that_wijks_context(store):
    """Passing the other wijk's context does not help: the entry's own wijk decides."""
    actor = ACTORS["frontlijn-andere-wijk"]
    item = store.item(INITIATIVE)
    own_context = wijk_context(store.items(), BUURTEN, OTHER, RULES)
    result = editing.edit_entry(store, own_context, INITIATIVE, item["versie"], {**item, "thema": "X"}, actor, None)
    assert isinstance(result, Refused)
    assert store.item(INITIATIVE)["versie"] == item["versie"]


# --- the decisions themselves ----------------------------------------------------------------------

EXPECTED = {  # action -> roles allowed (on the frontline worker's own wijk where it matters)
    EDIT_ENTRIES: MAY_EDIT, IMPORT_ENTRIES: MAY_EDIT, RECORD_DECISION: MAY_EDIT,
    MANAGE_DATA: {"beheerder"}, MANAGE_USERS: {"beheerder"}, MANAGE_PERSONAL: {"beheerder"},
    VIEW_EDITORS: {"wethouder", "corporatie", "frontlijn-eigen-wijk", "frontlijn-andere-wijk", "beheerder"},
    VIEW_CONTACT: {"frontlijn-eigen-wijk", "beheerder"},
}


@pytest.mark.parametrize("action", list(EXPECTED), ids=lambda a: a.name)
@pytest.mark.parametrize("who", ACTORS)
def test_the_decision_matrix(who, action):
    resource = {"wijk": wijk(WIJK), "entry": entry(WIJK, "frontlijn"), "app": APP}[action.resource_kind]
    decision = allowed(ACTORS[who], action, resource)
    assert bool(decision) == (who in EXPECTED[action]), decision
    assert decision.reason


@pytest.mark.parametrize("visibility, roles", [
    ("openbaar", set(ACTORS) - set()),
    ("ingelogd", set(ACTORS) - {"publiek", "onbekende-rol"}),
    ("frontlijn", {"frontlijn-eigen-wijk", "beheerder"}),
])
@pytest.mark.parametrize("who", ACTORS)
def test_who_sees_an_entry(who, visibility, roles):
    assert bool(allowed(ACTORS[who], VIEW_ENTRY, entry(WIJK, visibility))) == (who in roles)


def test_every_action_is_declared_once_with_a_resource_kind():
    assert len({a.name for a in ACTIONS}) == len(ACTIONS)
    assert all(a.resource_kind in ("app", "wijk", "entry") and a.description for a in ACTIONS)


def test_a_wrong_resource_is_refused_with_a_reason():
    decision = allowed(ACTORS["beheerder"], EDIT_ENTRIES, APP)
    assert not decision and "wijk" in decision.reason


def test_a_refused_view_says_who_may_see_it():
    frontline_entry = entry(WIJK, "frontlijn")
    assert allowed(PUBLIC, VIEW_ENTRY, frontline_entry).reason == "dit item is alleen zichtbaar voor wie is ingelogd"
    assert allowed(ACTORS["frontlijn-andere-wijk"], VIEW_ENTRY, frontline_entry).reason == (
        "dit item is alleen zichtbaar voor de frontlijnwerkers van de wijk")
    assert allowed(ACTORS["wethouder"], VIEW_CONTACT, frontline_entry).reason == (
        "contactgegevens zijn alleen zichtbaar voor de frontlijnwerkers van de wijk")
    assert allowed(PUBLIC, VIEW_ENTRY, entry(WIJK, "openbaar")).reason == "openbaar item"  # granted says why too


@pytest.mark.parametrize(("action", "reads"), [(EDIT_ENTRIES, "het wijkperspectief lezen, niet wijzigen"),
                                               (RECORD_DECISION, "besluiten lezen, niet vastleggen")])
def test_a_refused_change_says_whether_the_wijk_or_the_role_is_wrong(action, reads):
    assert allowed(ACTORS["frontlijn-andere-wijk"], action, wijk(WIJK)).reason == (
        "je bent geen frontlijnwerker van deze wijk")
    assert allowed(ACTORS["wethouder"], action, wijk(WIJK)).reason == f"de rol wethouder kan {reads}"
    assert allowed(ACTORS["beheerder"], action, wijk(WIJK)).reason == "beheerder"


def test_the_public_is_asked_to_log_in_to_change_the_wijk_or_record_a_decision():
    for action in (EDIT_ENTRIES, IMPORT_ENTRIES):
        assert allowed(PUBLIC, action, wijk(WIJK)).reason == "log in om het wijkperspectief bij te werken"
    assert allowed(PUBLIC, RECORD_DECISION, wijk(WIJK)).reason == (
        "log in om een besluit over het wijkbudget vast te leggen")


def test_a_granted_view_says_why_for_the_log():
    assert allowed(ACTORS["wethouder"], VIEW_ENTRY, entry(WIJK, "ingelogd")).reason == "ingelogd"
    assert allowed(ACTORS["beheerder"], VIEW_ENTRY, entry(WIJK, "frontlijn")).reason == "ingelogd"
    assert allowed(ACTORS["frontlijn-eigen-wijk"], VIEW_ENTRY, entry(WIJK, "frontlijn")).reason == (
        "frontlijnwerker van deze wijk")


def test_a_granted_contact_view_says_why_for_the_log():
    contact = entry(WIJK, "frontlijn")
    assert allowed(ACTORS["beheerder"], VIEW_CONTACT, contact).reason == "beheerder"
    assert allowed(ACTORS["frontlijn-eigen-wijk"], VIEW_CONTACT, contact).reason == "frontlijnwerker van deze wijk"


@pytest.mark.parametrize("action", [EDIT_ENTRIES, IMPORT_ENTRIES, RECORD_DECISION])
def test_a_granted_change_in_ones_own_wijk_says_why_for_the_log(action):
    assert allowed(ACTORS["frontlijn-eigen-wijk"], action, wijk(WIJK)).reason == "frontlijnwerker van deze wijk"


@pytest.mark.parametrize("action", [MANAGE_DATA, MANAGE_USERS, MANAGE_PERSONAL])
def test_management_says_who_may_do_it(action):
    assert allowed(ACTORS["beheerder"], action, APP).reason == "beheerder"
    assert allowed(ACTORS["wethouder"], action, APP).reason == "alleen een beheerder mag dit"
    assert allowed(PUBLIC, action, APP).reason == "log in als beheerder"


def test_an_action_the_matrix_does_not_know_is_refused_with_its_name():
    unknown = Action("archive-wijk", "een wijk archiveren", "app")
    decision = allowed(ACTORS["beheerder"], unknown, APP)
    assert not decision and decision.reason == "onbekende actie archive-wijk"


def test_a_refused_export_or_erasure_raises_with_the_reason_word_for_word():
    """Who may not manage the data gets the same reason the matrix gives; the beheerder just goes ahead."""
    with pytest.raises(PermissionError) as refused:
        require(ACTORS["wethouder"], MANAGE_DATA)
    assert str(refused.value) == "alleen een beheerder mag dit"
    with pytest.raises(PermissionError) as refused:
        require(PUBLIC, MANAGE_PERSONAL)
    assert str(refused.value) == "log in als beheerder"
    assert require(ACTORS["beheerder"], MANAGE_PERSONAL) is None
