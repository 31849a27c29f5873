"""The fields of a *Mensen en netwerken* entry about who it is: its kind (organisation, network, person),
who may see it, and a person's contact details — which may be stored only with recorded consent (date
and how it was given). A person is never public. Called by domain.validation.check_entry.

The kinds and the lengths of the contact fields are the package's (`EntryRules`, from the `items`
schema: the enum of `soort`, maxLength and minLength); how a phone number is written is the app's."""

from __future__ import annotations

import datetime as dt
import re

import validators

from domain.messages import Message, number
from domain.permissions import VISIBILITIES
from nla_data.facts import PERSON, EntryRules

CONTACT = ("contact_naam", "contact_email", "contact_telefoon")
CONSENT = ("toestemming_op", "toestemming_wijze")
FIELDS = ("soort", "zichtbaarheid", *CONTACT, *CONSENT)
_PHONE = re.compile(r"^\+?[0-9 ()\-]{6,24}$")


def check_contact(raw: dict, section: str, errors: dict[str, str], text, date, rules: EntryRules,
                  today: dt.date) -> dict:
    """Cleaned values of FIELDS; messages into `errors`. `text` and `date` are validation's own cleaners;
    `rules` the package's (`WijkContext.rules`); `today` the date consent may not lie after."""
    values = {name: text(raw.get(name)) for name in ("soort", "zichtbaarheid", *CONTACT, "toestemming_wijze")}
    values["toestemming_op"] = date(raw.get("toestemming_op"), errors, "toestemming_op")
    if section != "netwerk":
        for name in FIELDS:
            if values[name] is not None:
                errors.setdefault(name, Message("msg.network_only"))
        return values
    if values["soort"] is not None and values["soort"] not in rules.kinds:
        errors["soort"] = Message("msg.choose_one_of", options=", ".join(rules.kinds))
    if values["zichtbaarheid"] is not None and values["zichtbaarheid"] not in VISIBILITIES:
        errors["zichtbaarheid"] = Message("msg.choose_one_of", options=", ".join(VISIBILITIES))
    if values["soort"] == PERSON:
        if values["zichtbaarheid"] == "openbaar":
            errors["zichtbaarheid"] = Message("msg.person_not_public")
        values["zichtbaarheid"] = values["zichtbaarheid"] or "frontlijn"
    email, phone = values["contact_email"], values["contact_telefoon"]
    if email is not None:
        email = values["contact_email"] = email.lower()
        if not validators.email(email):
            errors["contact_email"] = Message("msg.email")
    if phone is not None and (not _PHONE.match(phone) or sum(c.isdigit() for c in phone) < 6):
        errors["contact_telefoon"] = Message("msg.phone")
    for field in CONTACT:
        longest = rules.longest(field)
        if values[field] is not None and longest is not None and len(values[field]) > longest:
            errors.setdefault(field, Message("msg.field_long", max=number(longest), n=number(len(values[field]))))
    if any(values[n] is not None for n in CONTACT):
        if values["toestemming_op"] is None and "toestemming_op" not in errors:
            errors["toestemming_op"] = Message("msg.consent_when")
        elif values["toestemming_op"] is not None and values["toestemming_op"] > today:
            errors["toestemming_op"] = Message("msg.consent_future")
        how, longest = values["toestemming_wijze"], rules.longest("toestemming_wijze")
        if how is None or len(how) < max(1, rules.shortest("toestemming_wijze")):
            errors["toestemming_wijze"] = Message("msg.consent_how")
        elif longest is not None and len(how) > longest:
            errors["toestemming_wijze"] = Message("msg.field_long", max=number(longest), n=number(len(how)))
    return values
