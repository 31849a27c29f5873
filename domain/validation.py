"""Check what a frontline worker typed (in a form or a CSV row) before anything is stored.

`check_entry` never raises on any input: it returns the cleaned values and, per field, a message
that can stand next to that field (a domain.messages.Message: Dutch, and English on request). Nothing is
stored unless `errors` is empty. The vocabularies, lengths, amounts and link relations are the package's
(`WijkContext.rules`, read from datapackage.json by nla_data.facts); the rules here are the app's own: which
fields a section has, how a date or an amount is written, which characters are never stored.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from domain import contact
from domain.contact import check_contact
from domain.entries import SECTIONS
from domain.messages import Message, characters, money, number, sections
from nla_data.facts import EntryRules

AMOUNT_TEXT_MAX = 40  # "€ 1.000.000,--" and some spaces; longer is never a valid amount
YEAR_MIN, YEAR_MAX = 1900, 2100

# Which fields belong to which section; the others must stay empty there.
SECTION_FIELDS = {"gebeurt": {"aanpak"}, "netwerk": {"rol"}, "nodig": {"soort_hulp", "bedrag"}}
EDITABLE = ["titel", "beschrijving", "status", "aanpak", "thema", "buurtcode", "straat", "rol", "soort_hulp",
            "bedrag", "startdatum", *contact.FIELDS]
# Never stored and never shown: NUL, soft hyphen, zero-width characters (U+200B-U+200D), the
# left-to-right and right-to-left marks, bidi embeddings and overrides (U+202A-U+202E), the word
# joiner and the bidi isolates (U+2066-U+2069), the byte-order mark. They are invisible, so they
# can hide a duplicate title or turn text around on screen ("Trojan Source").
INVISIBLE = re.compile("[\x00\u00ad\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


@dataclass(frozen=True)
class WijkContext:
    """What a check needs to know: the wijk's buurten and its other entries, and the package's rules."""

    wijk_id: str
    buurtcodes: frozenset[str]
    entries: dict[str, tuple[str, str]] = field(default_factory=dict)  # item_id -> (section, title)
    rules: EntryRules = field(kw_only=True)  # nla_data.facts: the NlaPackage's facts.entry_rules
    # Groningen's date (nla_data.store.now), which consent may not lie after; None: this machine's date
    today: dt.date | None = field(default=None, kw_only=True)


@dataclass
class Checked:
    values: dict
    errors: dict[str, str]

    @property
    def ok(self) -> bool:
        return not self.errors


def title_bounds(rules: EntryRules) -> tuple[int, int | None]:
    """The shortest and longest title the package allows: at least one character, whatever it says."""
    return max(1, rules.shortest("titel")), rules.longest("titel")


def check_entry(raw: dict, section: str, context: WijkContext, item_id: str | None = None) -> Checked:
    """Clean and check one entry of `section`; `item_id` is the entry being edited (None when new)."""
    errors: dict[str, str] = {}
    values: dict = {}
    rules = context.rules
    if section not in SECTIONS:
        return Checked({}, {"sectie": Message("msg.unknown_section", section=_short(section))})

    values["titel"] = _text(raw.get("titel"))
    shortest, longest = title_bounds(rules)
    if values["titel"] is None or len(values["titel"]) < shortest:
        errors["titel"] = Message("msg.title_short", n=characters(shortest))
    elif longest is not None and len(values["titel"]) > longest:
        errors["titel"] = Message("msg.title_long", n=number(len(values["titel"])), max=number(longest))
    elif _duplicate_title(values["titel"], section, context, item_id):
        errors["titel"] = Message("msg.title_taken")

    values["beschrijving"] = _text(raw.get("beschrijving"), keep_newlines=True)
    longest = rules.longest("beschrijving")
    if values["beschrijving"] and longest is not None and len(values["beschrijving"]) > longest:
        errors["beschrijving"] = Message("msg.description_long", n=number(len(values["beschrijving"])),
                                         max=number(longest))

    # A new entry without a status starts at the first one the package lists ("idee").
    default_status = rules.statuses[0] if rules.statuses else None
    values["status"] = _choice(_text(raw.get("status")) or default_status, rules.statuses, "status", errors)
    for name in ("thema", "straat", "rol"):
        values[name] = _text(raw.get(name))
        longest = rules.longest(name)
        if values[name] and longest is not None and len(values[name]) > longest:
            errors[name] = Message("msg.field_long", max=number(longest), n=number(len(values[name])))
    values["aanpak"] = _choice(raw.get("aanpak"), rules.approaches, "aanpak", errors)
    values["soort_hulp"] = _choice(raw.get("soort_hulp"), rules.help_kinds, "soort_hulp", errors)
    values["bedrag"] = _amount(raw.get("bedrag"), errors, rules)
    values["startdatum"] = _date(raw.get("startdatum"), errors)
    values.update(check_contact(raw, section, errors, _text, _date, rules, context.today or dt.date.today()))

    values["buurtcode"] = _text(raw.get("buurtcode"))
    if values["buurtcode"] and values["buurtcode"] not in context.buurtcodes:
        errors["buurtcode"] = Message("msg.not_in_wijk", buurt=_short(values["buurtcode"]))

    for name in ("aanpak", "rol", "soort_hulp", "bedrag"):
        if values[name] is not None and name not in SECTION_FIELDS[section]:
            errors.setdefault(name, Message("msg.not_in_section"))

    values["links"] = _links(raw.get("links"), section, context, item_id, errors)
    return Checked(values, errors)


def _missing(value) -> bool:
    """Nothing filled in: None, an empty text, NaN, NaT, pd.NA (which has no truth value at all)."""
    if value is None or (isinstance(value, str) and value == ""):
        return True
    try:
        return bool(value != value)  # NaN and NaT differ from themselves
    except Exception:  # noqa: BLE001 - pd.NA, arrays, signalling NaN: no answer, so nothing usable
        return True


def _str(value) -> str:
    try:
        return str(value)
    except ValueError:  # an int of more than 4300 digits: Python refuses to write it out
        return ""


def strip_invisible(text: str) -> str:
    return INVISIBLE.sub("", text)


def title_key(title: str) -> str:
    """What makes two titles the same: the same letters, whatever their Unicode form or case."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", strip_invisible(title)).casefold())


def _text(value, keep_newlines: bool = False) -> str | None:
    """Text as it is stored: NFC (so `é` is one character however it was typed), no invisible
    characters, line ends as `\n`; one line unless `keep_newlines`."""
    if _missing(value):
        return None
    text = strip_invisible(unicodedata.normalize("NFC", _str(value))).replace("\r\n", "\n")
    text = text.strip() if keep_newlines else " ".join(text.split())
    return text or None


def _short(value) -> str:
    text = _str(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _choice(value, options: tuple[str, ...], name: str, errors: dict) -> str | None:
    """One of `options` (as the package's enum lists them); any text when the package lists none."""
    text = _text(value)
    if text is None:
        return None
    if not options:
        return text
    normalised = text.lower().replace(" ", "-")
    if normalised not in options:
        errors[name] = Message("msg.choose_one_of", options=", ".join(options))
        return None
    return normalised


# Digits 0-9 only: Python's \d and int() also take other scripts' digits ("١٢٣" would be stored as 123); any
# space (a no-break one too, as amounts are shown). "1500.00", as a spreadsheet in English writes it, is whole
# euros as "1500,00" is.
_AMOUNT = re.compile(r"^(?:€\s*)?([0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,-{1,2}|,00|\.00)?$")
_NUMBER_LIKE = re.compile(r"[€\s0-9.,]+(?:,-{1,2})?")
# A minus (hyphen-minus, the minus sign, a dash) before or after the euro sign: a negative amount.
_NEGATIVE = re.compile(r"^(?:€\s*)?[-\u2212\u2013]\s*(?:€\s*)?[0-9][0-9.,]*(?:,-{1,2})?$")
NEGATIVE_AMOUNT = Message("msg.amount_negative")


def _amount(value, errors: dict, rules: EntryRules) -> int | None:
    """Whole euros as people write them: 1500, 1.500, € 1.500, 1.500,-; never decimals or negatives;
    within the package's minimum and maximum of `bedrag`."""
    if _missing(value):
        return None
    lowest, highest = max(0, rules.amount_min or 0), rules.amount_max
    too_big = (Message("msg.amount_too_big_max", max=money(highest)) if highest is not None
               else Message("msg.amount_too_big"))
    if isinstance(value, bool):
        errors["bedrag"] = Message("msg.amount_whole")
        return None
    if isinstance(value, int):
        amount = value
    elif isinstance(value, float) and value.is_integer():
        amount = int(value)
    else:
        text = _str(value).strip()
        if len(text) > AMOUNT_TEXT_MAX:  # before the pattern and int(): thousands of digits are no amount
            errors["bedrag"] = (too_big if _NUMBER_LIKE.fullmatch(text)
                                else Message("msg.amount_example"))
            return None
        if _NEGATIVE.match(text):
            errors["bedrag"] = NEGATIVE_AMOUNT
            return None
        match = _AMOUNT.match(text)
        if not match:
            errors["bedrag"] = Message("msg.amount_example")
            return None
        amount = int(match.group(1).replace(".", ""))
    if amount < 0:
        errors["bedrag"] = NEGATIVE_AMOUNT
        return None
    if amount < lowest or (highest is not None and amount > highest):
        errors["bedrag"] = (Message("msg.amount_between", low=money(lowest), high=money(highest))
                            if highest is not None else Message("msg.amount_at_least", low=money(lowest)))
        return None
    return amount


def _date(value, errors: dict, name: str = "startdatum") -> dt.date | None:
    """A date that exists, between 1900 and 2100: a date object, `2013-09-18` or `18-09-2013`."""
    if _missing(value):
        return None
    parsed = None
    if isinstance(value, dt.datetime):
        parsed = value.date()
    elif isinstance(value, dt.date):
        parsed = value
    else:
        text = _str(value).strip()
        for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y") if len(text) <= 20 else ():
            try:
                parsed = dt.datetime.strptime(text, pattern).date()
                break
            except ValueError:
                continue
    if parsed is None:
        errors[name] = Message("msg.date_unknown")
        return None
    if not YEAR_MIN <= parsed.year <= YEAR_MAX:
        errors[name] = Message("msg.date_years", first=YEAR_MIN, last=YEAR_MAX)
        return None
    return parsed


def _duplicate_title(title: str, section: str, context: WijkContext, item_id: str | None) -> bool:
    key = title_key(title)
    return any(other_section == section and title_key(other_title) == key and other_id != item_id
               for other_id, (other_section, other_title) in context.entries.items())


def _links(value, section: str, context: WijkContext, item_id: str | None, errors: dict) -> list[str]:
    """Links go from an entry to one of the same wijk, between the sections the package's relation
    declares (a need belongs to an initiative, a network takes part in one)."""
    if _missing(value):
        return []
    if isinstance(value, str):
        value = value.split(";")
    elif not isinstance(value, (list, tuple, set, frozenset)):
        value = [value]  # one odd value (a number, a date): one target that will not be found
    targets = [_text(v) for v in value]
    targets = [v for v in targets if v]
    relations = context.rules.relations
    relation = relations.from_section(section)
    if targets and relation is None:
        owners = [s for r in relations.relations for s in r.sources]
        errors["links"] = (Message("msg.links_only_from", sections=sections(owners)) if owners
                           else Message("msg.links_none"))
        return []
    for target in targets:
        if target == item_id:
            errors["links"] = Message("msg.link_self")
        elif target not in context.entries:
            errors["links"] = Message("msg.link_unknown", item=_short(target))
        elif context.entries[target][0] not in relation.targets:
            errors["links"] = Message("msg.link_wrong_section", title=_short(context.entries[target][1]),
                                      sections=sections(relation.targets))
    return list(dict.fromkeys(targets))

