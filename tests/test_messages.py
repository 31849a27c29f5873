"""The checks' messages in the user's language (domain.messages): Dutch text, English on request, for an entry, a
person's contact details, a budget decision and a kans or bedreiging; and in the forms of an English page."""

from __future__ import annotations

import datetime as dt

import pytest

from domain import decisions, outlook
from domain.messages import Message, say
from domain.texts_messages import TEXTS
from domain.validation import WijkContext, check_entry
from nla_data import EMBEDDED_DIR, load_package
from nla_data.store import EntryStore
from tests.apptest import open_page, sign_in

PACKAGE = load_package(EMBEDDED_DIR).package
CONTEXT = WijkContext("korrewegwijk", frozenset({"BU00141100"}), {"korrewegwijk-wijkstemdag": ("gebeurt", "Stemdag")},
                      rules=PACKAGE.facts.entry_rules, today=dt.date(2014, 1, 1))
BAD_ENTRIES = [
    ("gebeurt", {"titel": "ab", "beschrijving": "x" * 30_000, "status": "misschien", "thema": "t" * 201,
                 "bedrag": "12,50", "startdatum": "2150-01-01", "buurtcode": "BU99", "links": "elders"}),
    ("nodig", {"titel": "x" * 200, "bedrag": "-5", "links": "korrewegwijk-wijkstemdag;korrewegwijk-nodig-x"}),
    ("nodig", {"titel": "Geld", "bedrag": "9" * 60, "startdatum": "31-02-2014", "soort_hulp": "alles"}),
    ("netwerk", {"titel": "Fenna", "soort": "persoon", "zichtbaarheid": "openbaar", "contact_email": "fenna",
                 "contact_telefoon": "12", "toestemming_op": "2015-01-01", "toestemming_wijze": "m" * 300}),
    ("netwerk", {"titel": "Fenna", "soort": "persoon", "contact_naam": "Fenna"}),
    ("wensen", {"titel": "Iets"}),
]


def _messages():
    for section, raw in BAD_ENTRIES:
        yield from check_entry(raw, section, CONTEXT).errors.values()
    context = decisions.DecisionContext("korrewegwijk", {"x": "X"}, PACKAGE.facts.criteria, 100, 1000)
    refused = decisions.check_decision({"uitkomst": "?", "bedrag": "200", "datum": "gisteren"}, context)
    yield from refused.errors.values()
    yield from decisions.check_decision({"uitkomst": "toegekend", "bedrag": 500, "datum": dt.date(1980, 1, 1),
                                         "motivering": "kort", "besloten_door": "x" * 300}, context).errors.values()
    rules = PACKAGE.facts.outlook
    yield from outlook.check_line({"soort": "?", "tekst": ""}, rules, dt.date(2014, 1, 1)).errors.values()
    yield from outlook.check_line({"soort": "kans", "tekst": "x" * 500, "datum": dt.date(2015, 1, 1)}, rules,
                                  dt.date(2014, 1, 1)).errors.values()


def test_every_message_of_a_check_can_say_itself_in_english():
    messages = list(_messages())
    assert len(messages) >= 25
    assert all(isinstance(m, Message) for m in messages), [m for m in messages if not isinstance(m, Message)]
    keys = {m.key for m in messages}
    assert len(keys) >= 25, keys
    for message in messages:
        english = say(message, "en")
        assert english != str(message), message.key
        assert say(message, "nl") == str(message)
    assert all(dutch and english for dutch, english in TEXTS.values())


def test_counts_amounts_and_dates_are_written_the_way_of_each_language():
    errors = check_entry({"titel": "x" * 20_001}, "gebeurt", CONTEXT).errors
    assert errors["titel"] == "De titel is 20.001 tekens; het maximum is 120."
    assert say(errors["titel"], "en") == "The title is 20,001 characters; the maximum is 120."
    amount = check_entry({"titel": "Geld", "bedrag": "2.000.000"}, "nodig", CONTEXT).errors["bedrag"]
    assert amount == "Het bedrag moet tussen € 0 en € 1.000.000 liggen."
    assert say(amount, "en") == "The amount must lie between €0 and €1,000,000."
    later = outlook.check_line({"soort": "kans", "tekst": "Een nieuwe kans", "datum": dt.date(2015, 1, 1)},
                               PACKAGE.facts.outlook, dt.date(2014, 3, 1)).errors["datum"]
    assert later == "Deze datum ligt in de toekomst; kies 01-03-2014 of eerder."
    assert say(later, "en").startswith("This date lies in the future; choose ")
    links = check_entry({"titel": "Iets", "links": "korrewegwijk-wijkstemdag"}, "gebeurt", CONTEXT).errors["links"]
    assert "'" in say(links, "en") and " or " not in str(links)


def test_a_text_that_is_no_message_is_said_as_it_is():
    assert say("Niet toegestaan.", "en") == "Niet toegestaan."


@pytest.fixture
def database(tmp_path, monkeypatch) -> EntryStore:
    url = f"sqlite:///{tmp_path}/entries.sqlite"
    monkeypatch.setenv("NLA_DATABASE_URL", url)
    return EntryStore.open(PACKAGE, url)


def _submit(at, label: str):
    next(b for b in at.button if b.label == label and b.key.startswith("FormSubmitter")).click()
    return at.run()


def _said(at) -> list[str]:
    assert not at.exception, [e.value for e in at.exception]
    return [e.value.replace("\\", "") for e in at.error]


def test_an_english_entry_form_says_what_is_wrong_in_english_and_keeps_what_was_typed(database):
    at = sign_in(open_page("wijk", wijk="tuinwijk", lang="en"), "fatima")
    at.button(key="btn:new-tuinwijk-nodig").click().run()
    at.text_input(key="new-tuinwijk-nodig:titel").input("ab")
    at.text_input(key="new-tuinwijk-nodig:bedrag").input("-5")
    said = _said(_submit(at, "Save"))
    assert "Enter a title of at least 3 characters." in said
    assert "An amount cannot be negative: enter an amount in whole euros, € 0 or more." in said
    assert not [m for m in said if "Vul" in m or "bedrag" in m]
    assert at.text_input(key="new-tuinwijk-nodig:bedrag").value == "-5"
    assert database.items("tuinwijk").empty


def test_an_english_budget_decision_form_says_what_is_wrong_in_english(database):
    at = sign_in(open_page("budget", wijk="korrewegwijk", lang="en"), "fatima")
    said = _said(_submit(at, next(b.label for b in at.button if b.key.startswith("FormSubmitter"))))
    assert "Choose the need or initiative the decision is about." in said
    assert "Give a public rationale: why was this decision taken?" in said
    assert any(m.startswith("Answer this criterion: ") for m in said)
    assert not [m for m in said if "Kies" in m or "Vul" in m or "Beantwoord" in m]


def test_an_english_kans_form_says_what_is_wrong_in_english(database):
    at = sign_in(open_page("wijk", wijk="korrewegwijk", lang="en"), "fatima")
    at.button(key="btn:outlook-new-korrewegwijk-kans").click().run()
    said = _said(_submit(at, "Save"))
    assert said == ["Describe it in a short sentence."]


def test_every_refusal_says_why_in_english_too():
    from domain import permissions as p

    actors = [p.Actor(), *(p.Actor(username=r, name=r, role=r, wijken=frozenset({"selwerd"})) for r in p.ROLES)]
    resources = [p.wijk("beijum"), p.wijk("selwerd"), p.APP, *(p.entry("beijum", v) for v in p.VISIBILITIES)]
    refusals = [decision.reason for actor in actors for action in p.ACTIONS for resource in resources
                if not (decision := p.allowed(actor, action, resource))
                and resource.kind == action.resource_kind]
    assert len({str(r) for r in refusals}) >= 10
    for reason in refusals:
        assert isinstance(reason, Message), reason
        assert say(reason, "en") != str(reason) and say(reason, "nl") == str(reason)
    assert "the role alderman can read the wijkperspectief, not change it" in {say(r, "en") for r in refusals}


def test_no_text_key_is_defined_twice():
    """domain.texts merges its modules into one table: a key defined twice silently takes the last text (the
    checks' "csv.unreadable" once replaced the CSV box's own)."""
    import ast
    import importlib
    import pkgutil
    from collections import Counter
    from pathlib import Path

    import domain

    base = ast.parse((Path(domain.__file__).parent / "texts.py").read_text(encoding="utf-8"))
    table = next(node.value for node in ast.walk(base) if isinstance(node, ast.AnnAssign)
                 and getattr(node.target, "id", None) == "_TEXTS")
    keys = [key.value for key in table.keys]
    for module in pkgutil.iter_modules(domain.__path__):
        if module.name.startswith("texts_"):
            keys += list(importlib.import_module(f"domain.{module.name}").TEXTS)
    assert len(keys) > 500
    assert [key for key, count in Counter(keys).items() if count > 1] == []
