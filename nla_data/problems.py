"""A problem in a data package, said so that the data manager can find and fix it, in Dutch and in English.

A problem's message is a `Said`: a `str` whose text is Dutch (the command line, the logs and the tests read it) that
also says itself in English (`in_("en")`), as domain.messages.Message does for the forms' checks (this layer lies
below domain.texts, so the two texts are written where the message is made). A message made without its English
is shown in Dutch and warns (`Untranslated`; the test suite turns that warning into an error)."""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

from babel.numbers import format_decimal

# CBS codes secret or missing values as large negative numbers; they are never real values.
CBS_SENTINEL_MAX = -99_999_990

# A message quotes at most this much of a cell, a name or a path: a 100,000-character cell must not
# become a 100,000-character message (a page, a log line and a terminal all choke on it).
MAX_QUOTE = 200
# And no message is longer than this, whatever it quotes.
MAX_MESSAGE = 1000


def shorten(text: object, limit: int = MAX_QUOTE) -> str:
    """The text, cut at `limit` characters with "…" when longer."""
    text = str(text)
    return text if len(text) <= limit else text[:limit] + "…"


def quote(value: object, limit: int = MAX_QUOTE) -> str:
    """A value as a message quotes it: between single quotes, at most `limit` characters."""
    return f"'{shorten(value, limit)}'"


MB = 1024 * 1024  # as Streamlit counts its upload limit (server.maxUploadSize)


ENGLISH = "en"  # as domain.languages names it; any other language reads Dutch
_LOCALES = {ENGLISH: "en_GB"}


class Said(str):
    """A message in Dutch (the `str` itself) and in English (`english`), made from both at once."""

    english: str

    def __new__(cls, dutch: str, english: str) -> Said:  # noqa: PYI034 - always a Said, never a subclass
        message = super().__new__(cls, dutch)
        message.english = str(english)
        return message

    def __getnewargs__(self) -> tuple[str, str]:  # pickled (a cache, the CBS import's worker) with both texts
        return str(self), self.english

    def in_(self, lang: str) -> str:
        return self.english if lang == ENGLISH else str(self)


def said(dutch: str, english: str) -> Said:
    """A data check's message in Dutch and English: `said(f"bestand ontbreekt: {x}", f"file missing: {x}")`."""
    return Said(dutch, english)


class Untranslated(UserWarning):
    """A problem was made with a Dutch message only: the English pages show it in Dutch."""


def counted(count: int, one: str, other: str, lang: str = "nl") -> str:
    """A count with its noun, the number written the way of `lang` (Dutch unless English): `counted(1, "rij",
    "rijen")` -> "1 rij", `counted(1200, ...)` -> "1.200 rijen", `counted(1200, "row", "rows", "en")` ->
    "1,200 rows" (the data checks' words; the pages use domain.texts.tn)."""
    return f"{number_text(count, lang)} {one if count == 1 else other}"


def number_text(count: int, lang: str = "nl") -> str:
    """A whole number the way of `lang`, for messages: 13000 -> '13.000' (Dutch), '13,000' (English)."""
    return format_decimal(count, locale=_LOCALES.get(lang, "nl_NL"))


def dutch_number(count: int) -> str:
    """A whole number the Dutch way, for messages: 13000 -> '13.000'."""
    return number_text(count)


def size_text(size: int, lang: str = "nl") -> str:
    """A file size the way of `lang`, in MB: '201 MB', '0,5 MB', '2.048 MB' (English '0.5 MB', '2,048 MB')."""
    return f"{format_decimal(size / MB, '#,##0.#', locale=_LOCALES.get(lang, 'nl_NL'))} MB"


@dataclass(frozen=True)
class Problem:
    """One defect: which resource (file), which row (line in the file, header = 1), which field.

    Every part is capped in length: the parts may come from an untrusted file."""

    resource: str
    message: str
    row: int | None = None
    field: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "resource", shorten(self.resource))
        if isinstance(self.message, Said):
            message = Said(shorten(self.message, MAX_MESSAGE - 1), shorten(self.message.english, MAX_MESSAGE - 1))
        else:
            warnings.warn(f"a problem without its English: {shorten(self.message, 80)}", Untranslated, stacklevel=3)
            message = shorten(self.message, MAX_MESSAGE - 1)
        object.__setattr__(self, "message", message)
        if self.field is not None:
            object.__setattr__(self, "field", shorten(self.field))

    def text(self, lang: str) -> str:
        """The message in `lang` (Dutch where it has no English)."""
        return self.message.in_(lang) if isinstance(self.message, Said) else str(self.message)

    def where(self, lang: str = "nl") -> str:
        english = lang == ENGLISH
        parts = [self.resource]
        if self.row is not None:
            parts.append(f"{'row' if english else 'rij'} {self.row}")
        if self.field:
            parts.append(f"{'field' if english else 'veld'} '{self.field}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.where()}: {self.message}"


def is_cbs_sentinel(value: object) -> bool:
    try:
        return float(str(value).replace(",", ".")) <= CBS_SENTINEL_MAX
    except ValueError:
        return False


def from_frictionless(resource: str, error, primary_key: list[str] | None = None) -> Problem:
    """Translate a frictionless error into a Dutch problem with row and field."""
    row = getattr(error, "row_number", None)
    # Row-level errors (foreign key) name their fields in `field_names`.
    field = getattr(error, "field_name", None) or ", ".join(getattr(error, "field_names", None) or []) or None
    cell = getattr(error, "cell", None)
    note = _short_quotes(getattr(error, "note", ""))  # a note may repeat the cell
    kind = error.type
    if kind in ("constraint-error", "type-error") and cell is not None and is_cbs_sentinel(cell):
        message = said(f"waarde {shorten(cell)} is een CBS-code voor 'geheim of onbekend', geen getal; laat de cel leeg",
                       f"value {shorten(cell)} is a CBS code for 'secret or unknown', not a number; leave the cell empty")
    elif kind == "type-error":
        expected = note.split('"')[1].split("/")[0] if '"' in note else note
        message = said(f"waarde {quote(cell)} is {_TYPE_NL.get(expected, f'geen geldige waarde van het type {expected}')}",
                       f"value {quote(cell)} is {_TYPE_EN.get(expected, f'not a valid value of type {expected}')}")
    elif kind == "constraint-error":
        message = said(f"waarde {quote(cell)} voldoet niet aan de regel: {_constraint(note)}",
                       f"value {quote(cell)} breaks the rule: {_constraint(note, ENGLISH)}")
    elif kind == "missing-cell":
        message = said("cel ontbreekt (te weinig kolommen in deze rij)", "cell missing (too few columns in this row)")
    elif kind == "extra-cell":
        message = said("te veel kolommen in deze rij", "too many columns in this row")
    elif kind in ("primary-key", "unique-error"):
        key = ", ".join(primary_key or [])
        if kind == "primary-key" and key:
            field = key
        same = note.replace("the same as in the row at position", "dezelfde als in rij")
        same_en = note.replace("the same as in the row at position", "the same as in row")
        is_key = key and field == key
        message = said(f"dubbele {'sleutel' if is_key else 'waarde'}: {same}",
                       f"duplicate {'key' if is_key else 'value'}: {same_en}")
    elif kind == "foreign-key":
        message = said(f"verwijst naar iets dat niet bestaat ({_foreign_nl(note)})",
                       f"refers to something that does not exist ({_foreign_en(note)})")
    elif kind == "missing-label":
        message = said(f"kolom {quote(field or note)} ontbreekt in het bestand",
                       f"column {quote(field or note)} is missing from the file")
    elif kind == "extra-label":
        label = getattr(error, "label", None) or note
        field = label or None
        message = said(f"kolom {quote(label)} staat niet in het schema", f"column {quote(label)} is not in the schema")
    elif kind == "incorrect-label":
        label = getattr(error, "label", None) or note
        message = said(f"kolomkop {quote(label)} klopt niet met het schema (verwacht {quote(field)})",
                       f"column heading {quote(label)} does not match the schema (expected {quote(field)})")
    elif kind == "duplicate-label":
        message = said(f"kolomkop staat er twee keer in ({note})", f"column heading appears twice ({note})")
    elif kind == "blank-row":
        message = said("lege rij", "empty row")
    elif kind == "scheme-error" and "No such file" in note:
        missing = note.split(": ", 1)[-1].strip("'")
        message = said(f"bestand ontbreekt: {missing}", f"file missing: {missing}")
    elif kind in ("scheme-error", "format-error", "encoding-error", "source-error"):
        message = said(f"bestand is niet te lezen ({note})", f"file cannot be read ({note})")
    else:
        message = said(f"{kind}: {note}", f"{kind}: {note}")
    return Problem(resource=resource, message=message, row=row, field=field)


# with the article's agreement: "het getal" is "geen geldig getal", "de datum" is "geen geldige datum"
_TYPE_NL = {"integer": "geen geldig geheel getal", "number": "geen geldig getal",
            "boolean": "geen geldige waarheidswaarde (true/false)", "date": "geen geldige datum (JJJJ-MM-DD)",
            "datetime": "geen geldige datum en tijd (JJJJ-MM-DDTuu:mm:ss)", "string": "geen geldige tekst"}


_TYPE_EN = {"integer": "not a valid whole number", "number": "not a valid number",
            "boolean": "not a valid truth value (true/false)", "date": "not a valid date (YYYY-MM-DD)",
            "datetime": "not a valid date and time (YYYY-MM-DDThh:mm:ss)", "string": "not a valid text"}


def _short_quotes(note: str) -> str:
    """Frictionless quotes cells in double quotes inside its notes: each quoted part shortened."""
    note = re.sub(r'"([^"]{%d,})"' % (MAX_QUOTE + 1), lambda m: f'"{shorten(m.group(1))}"', str(note))
    return shorten(note, MAX_MESSAGE // 2)


# frictionless's words for a broken constraint, in Dutch and English
_CONSTRAINTS = {'constraint "required" is "True"': ("verplicht veld is leeg", "required field is empty"),
                'constraint "minimum" is': ("minimaal", "at least"),
                'constraint "maximum" is': ("maximaal", "at most"),
                'constraint "minLength" is': ("minimale lengte", "minimum length"),
                'constraint "maxLength" is': ("maximale lengte", "maximum length"),
                'constraint "enum" is': ("toegestaan zijn", "allowed are"),
                'constraint "pattern" is': ("patroon", "pattern"),
                'constraint "unique" is "True"': ("waarde moet uniek zijn", "the value must be unique")}


def _constraint(note: str, lang: str = "nl") -> str:
    for words, said_as in _CONSTRAINTS.items():
        note = note.replace(words, said_as[lang == ENGLISH])
    return note


def _foreign_nl(note: str) -> str:
    return (note.replace("for ", "").replace("values ", "waarde ")
            .replace("not found in the lookup table", "niet gevonden in").replace(" as ", " als "))


def _foreign_en(note: str) -> str:
    return note.replace("for ", "").replace("values ", "value ").replace("not found in the lookup table", "not found in")
