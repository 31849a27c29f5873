"""domain.contact through check_entry: the kind, who may see it, and contact details only with consent."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from domain.validation import WijkContext, check_entry


@pytest.fixture
def check(package):
    context = WijkContext("korrewegwijk", frozenset(), rules=package.facts.entry_rules)

    def run(section: str = "netwerk", **raw):
        return check_entry({"titel": "Fenna Voorbeeld", **raw}, section, context)

    return run


CONSENT = {"toestemming_op": "2014-01-06", "toestemming_wijze": "mondeling"}


def test_a_person_with_contact_details_and_consent_is_accepted_and_seen_by_the_frontline(check):
    checked = check(soort="persoon", contact_naam="Fenna", contact_email=" Fenna@Voorbeeld.NL ",
                    contact_telefoon="050-1234567", **CONSENT)
    assert checked.errors == {}
    assert checked.values["contact_email"] == "fenna@voorbeeld.nl"
    assert checked.values["zichtbaarheid"] == "frontlijn"  # a person is never public: the default is the frontline
    assert checked.values["toestemming_op"] == dt.date(2014, 1, 6)


def test_a_person_is_never_public(check):
    checked = check(soort="persoon", zichtbaarheid="openbaar")
    assert "nooit openbaar" in checked.errors["zichtbaarheid"]
    assert check(soort="persoon", zichtbaarheid="ingelogd").values["zichtbaarheid"] == "ingelogd"
    assert check(soort="organisatie", zichtbaarheid="openbaar").errors == {}
    assert check(soort="organisatie").values["zichtbaarheid"] is None


def test_an_unknown_kind_or_visibility_names_the_choices(check, package):
    kinds = package.facts.entry_rules.kinds
    assert check(soort="vereniging").errors["soort"] == f"Kies een van: {', '.join(kinds)}."
    assert check(zichtbaarheid="iedereen").errors["zichtbaarheid"].startswith("Kies een van: ")


def test_contact_fields_belong_to_mensen_en_netwerken_only(check):
    checked = check("gebeurt", contact_naam="Fenna", soort="persoon")
    assert checked.errors["contact_naam"] == "Dit veld hoort alleen bij mensen en netwerken."
    assert checked.errors["soort"] == "Dit veld hoort alleen bij mensen en netwerken."
    assert "zichtbaarheid" not in checked.errors and "contact_email" not in checked.errors


@pytest.mark.parametrize(("email", "phone", "wrong"), [
    ("fenna@", None, "contact_email"), ("fenna.voorbeeld.nl", None, "contact_email"),
    (None, "050-12", "contact_telefoon"), (None, "bel me", "contact_telefoon"),
    (None, "+31 (0)50 123 4567 890 12345", "contact_telefoon"), (None, "--- ---", "contact_telefoon"),
])
def test_an_email_or_phone_that_is_none_says_how_to_write_it(check, email, phone, wrong):
    checked = check(soort="persoon", contact_email=email, contact_telefoon=phone, **CONSENT)
    assert list(checked.errors) == [wrong]


@pytest.mark.parametrize("phone", ["0501234567", "+31 50 123 45 67", "(050) 123-4567", "123456"])
def test_phones_as_people_write_them(check, phone):
    assert check(soort="persoon", contact_telefoon=phone, **CONSENT).errors == {}


def test_contact_details_only_with_consent_given_when_and_how(check):
    no_date = check(soort="persoon", contact_naam="Fenna", toestemming_wijze="mondeling")
    assert list(no_date.errors) == ["toestemming_op"] and "toestemming" in no_date.errors["toestemming_op"]
    no_how = check(soort="persoon", contact_naam="Fenna", toestemming_op="2014-01-06")
    assert list(no_how.errors) == ["toestemming_wijze"]
    future = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    later = check(soort="persoon", contact_naam="Fenna", toestemming_op=future, toestemming_wijze="mondeling")
    assert later.errors == {"toestemming_op": "De toestemming kan niet in de toekomst gegeven zijn."}
    today = check(soort="persoon", contact_naam="Fenna", toestemming_op=dt.date.today().isoformat(),
                  toestemming_wijze="mondeling")
    assert today.errors == {}
    assert check(soort="persoon").errors == {}  # no contact details: no consent needed


def test_contact_fields_are_no_longer_than_the_package_allows(check, package):
    rules = package.facts.entry_rules
    longest = rules.longest("contact_naam")
    assert longest is not None
    assert check(soort="persoon", contact_naam="x" * longest, **CONSENT).errors == {}
    too_long = check(soort="persoon", contact_naam="x" * (longest + 1), **CONSENT)
    assert too_long.errors == {"contact_naam": f"Maximaal {longest} tekens (nu {longest + 1})."}
    how = rules.longest("toestemming_wijze")
    assert how is not None
    wordy = check(soort="persoon", contact_naam="Fenna", toestemming_op="2014-01-06",
                  toestemming_wijze="m" * (how + 1))
    assert wordy.errors == {"toestemming_wijze": f"Maximaal {how} tekens (nu {how + 1})."}
    assert check(soort="persoon", contact_naam="Fenna", toestemming_op="2014-01-06",
                 toestemming_wijze="m" * how).errors == {}


def test_how_consent_was_given_is_as_long_as_the_package_asks_and_never_empty(check, package):
    rules = package.facts.entry_rules
    shortest = rules.shortest("toestemming_wijze")
    assert shortest == 3  # the package's minLength
    person = {"soort": "persoon", "contact_naam": "Fenna", "toestemming_op": "2014-01-06"}
    assert list(check(**person, toestemming_wijze="m" * (shortest - 1)).errors) == ["toestemming_wijze"]
    assert check(**person, toestemming_wijze="m" * shortest).errors == {}
    no_minimum = dataclasses.replace(rules, min_length=tuple(
        pair for pair in rules.min_length if pair[0] != "toestemming_wijze"))
    context = WijkContext("korrewegwijk", frozenset(), rules=no_minimum)
    assert check_entry({"titel": "Fenna Voorbeeld", **person, "toestemming_wijze": "x"}, "netwerk",
                       context).errors == {}  # without a minimum one character will do
    assert list(check_entry({"titel": "Fenna Voorbeeld", **person, "toestemming_wijze": " "}, "netwerk",
                            context).errors) == ["toestemming_wijze"]


def test_each_refusal_is_the_sentence_shown_at_its_field(check, package):
    email = check(soort="persoon", contact_email="fenna@", **CONSENT).errors
    assert email == {"contact_email": "Dit is geen e-mailadres; schrijf bijvoorbeeld naam@voorbeeld.nl."}
    phone = check(soort="persoon", contact_telefoon="bel me", **CONSENT).errors
    assert phone == {"contact_telefoon": "Dit is geen telefoonnummer; schrijf bijvoorbeeld 050-1234567."}
    no_date = check(soort="persoon", contact_naam="Fenna", toestemming_wijze="mondeling").errors
    assert no_date == {"toestemming_op": "Contactgegevens alleen met toestemming: vul in wanneer die is gegeven."}
    no_how = check(soort="persoon", contact_naam="Fenna", toestemming_op="2014-01-06").errors
    assert no_how == {"toestemming_wijze": "Vul in hoe de toestemming is gegeven (mondeling, schriftelijk, "
                                           "per e-mail …)."}
    public = check(soort="persoon", zichtbaarheid="openbaar").errors
    assert public == {"zichtbaarheid": "Een persoon is nooit openbaar zichtbaar: kies ingelogd of frontlijn."}
    assert check(zichtbaarheid="iedereen").errors == {"zichtbaarheid": "Kies een van: openbaar, ingelogd, frontlijn."}


def test_a_consent_date_that_does_not_exist_says_how_to_write_one(check):
    checked = check(soort="persoon", contact_naam="Fenna", toestemming_op="31-02-2014", toestemming_wijze="mondeling")
    assert checked.errors == {"toestemming_op": "Deze datum bestaat niet; schrijf bijvoorbeeld 18-09-2013."}


def test_consent_is_judged_by_the_date_the_context_gives_not_this_machines(package):
    """The form gives Groningen's date (nla_data.store.now): just after midnight there, a machine on UTC is still
    on yesterday, and consent given "today" must not be refused as future."""
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    context = WijkContext("korrewegwijk", frozenset(), rules=package.facts.entry_rules, today=tomorrow)
    person = {"titel": "Fenna Voorbeeld", "soort": "persoon", "contact_naam": "Fenna", "toestemming_wijze": "mondeling"}
    assert check_entry({**person, "toestemming_op": tomorrow}, "netwerk", context).errors == {}
    later = check_entry({**person, "toestemming_op": tomorrow + dt.timedelta(days=1)}, "netwerk", context)
    assert later.errors == {"toestemming_op": "De toestemming kan niet in de toekomst gegeven zijn."}
    earlier = dataclasses.replace(context, today=dt.date(2014, 1, 5))
    assert check_entry({**person, "toestemming_op": "2014-01-06"}, "netwerk", earlier).errors == {
        "toestemming_op": "De toestemming kan niet in de toekomst gegeven zijn."}
