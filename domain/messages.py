"""A message for the user from a check (domain.validation, .contact, .decisions, .outlook): a `str` whose text is
Dutch, the language the checks, the tests, the CSV reasons and the logs read, that can also say itself in English
(`in_(lang)`, or `say(message, lang)` for any message), from its key in domain.texts_messages and the same values.

A value that is written differently per language (a count, an amount, a date, a section's name) is given as a
function of the language (`number`, `money`, `date`, `sections`), so each language writes it its own way:
"20.000 tekens" / "20,000 characters".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from domain import format as fmt
from domain.languages import DUTCH
from domain.texts import t, tn
from nla_data.problems import Said


class Message(str):
    """The Dutch text of `key` with `values`; `in_(lang)` gives it in `lang`."""

    key: str
    values: dict

    def __new__(cls, key: str, **values) -> Message:  # noqa: PYI034 - always a Message, never a subclass
        message = super().__new__(cls, _render(key, DUTCH, values))
        message.key, message.values = key, values
        return message

    def in_(self, lang: str) -> str:
        return _render(self.key, lang, self.values)


def say(message, lang: str) -> str:
    """A check's message in `lang`: a Message (or a data check's nla_data.problems.Said) in that language, any other
    text as it is."""
    return message.in_(lang) if isinstance(message, Message | Said) else str(message)


def _render(key: str, lang: str, values: dict) -> str:
    return t(key, lang, **{name: value(lang) if callable(value) else value for name, value in values.items()})


def number(value: int) -> Callable[[str], str]:
    return lambda lang: fmt.number(value, lang)


def characters(value: int) -> Callable[[str], str]:
    """`3 tekens`, `1 teken` / `3 characters`, `1 character`."""
    return lambda lang: tn("msg.characters", value, lang)


def money(value: int) -> Callable[[str], str]:
    return lambda lang: fmt.money(value, lang).replace("\u00a0", " ")  # a message may wrap anywhere


def date(value: dt.date) -> Callable[[str], str]:
    return lambda lang: fmt.date(value, lang)


def sections(names: Iterable[str]) -> Callable[[str], str]:
    """`'Wat er gebeurt'`, or `'Wat er nodig is' of 'Mensen en netwerken'` (in English: "… or …")."""
    names = tuple(dict.fromkeys(names))
    return lambda lang: (" or " if lang == "en" else " of ").join(f"'{t(f'section.{name}', lang)}'" for name in names)


def per_language(nl: str, en: str) -> Callable[[str], str]:
    """A value the package gives in both languages (a criterion's label)."""
    return lambda lang: en if lang == "en" else nl
