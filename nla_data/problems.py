"""A problem in a data package, said so that the data manager can find and fix it."""

from __future__ import annotations

import re
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


def counted(count: int, one: str, other: str) -> str:
    """A count with its noun in Dutch, the number written the Dutch way: `counted(1, "rij", "rijen")` ->
    "1 rij", `counted(1200, ...)` -> "1.200 rijen" (the command line's words; the pages use domain.texts.tn)."""
    return f"{dutch_number(count)} {one if count == 1 else other}"


def dutch_number(count: int) -> str:
    """A whole number the Dutch way, for messages: 13000 -> '13.000'."""
    return format_decimal(count, locale="nl_NL")


def size_text(size: int) -> str:
    """A file size the Dutch way, in MB: '201 MB', '0,5 MB', '2.048 MB'."""
    return f"{format_decimal(size / MB, '#,##0.#', locale='nl_NL')} MB"


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
        object.__setattr__(self, "message", shorten(self.message, MAX_MESSAGE - 1))
        if self.field is not None:
            object.__setattr__(self, "field", shorten(self.field))

    def where(self) -> str:
        parts = [self.resource]
        if self.row is not None:
            parts.append(f"rij {self.row}")
        if self.field:
            parts.append(f"veld '{self.field}'")
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
        message = (f"waarde {shorten(cell)} is een CBS-code voor 'geheim of onbekend', geen getal; "
                   "laat de cel leeg")
    elif kind == "type-error":
        expected = note.split('"')[1].split("/")[0] if '"' in note else note
        message = f"waarde {quote(cell)} is {_TYPE_NL.get(expected, f'geen geldige waarde van het type {expected}')}"
    elif kind == "constraint-error":
        message = f"waarde {quote(cell)} voldoet niet aan de regel: {_constraint_nl(note)}"
    elif kind == "missing-cell":
        message = "cel ontbreekt (te weinig kolommen in deze rij)"
    elif kind == "extra-cell":
        message = "te veel kolommen in deze rij"
    elif kind in ("primary-key", "unique-error"):
        key = ", ".join(primary_key or [])
        if kind == "primary-key" and key:
            field = key
        same = note.replace("the same as in the row at position", "dezelfde als in rij")
        message = f"dubbele {'sleutel' if key and field == key else 'waarde'}: {same}"
    elif kind == "foreign-key":
        message = f"verwijst naar iets dat niet bestaat ({_foreign_nl(note)})"
    elif kind == "missing-label":
        message = f"kolom {quote(field or note)} ontbreekt in het bestand"
    elif kind == "extra-label":
        label = getattr(error, "label", None) or note
        field = label or None
        message = f"kolom {quote(label)} staat niet in het schema"
    elif kind == "incorrect-label":
        message = (f"kolomkop {quote(getattr(error, 'label', None) or note)} klopt niet met het schema "
                   f"(verwacht {quote(field)})")
    elif kind == "duplicate-label":
        message = f"kolomkop staat er twee keer in ({note})"
    elif kind == "blank-row":
        message = "lege rij"
    elif kind == "scheme-error" and "No such file" in note:
        missing = note.split(": ", 1)[-1].strip("'")
        message = f"bestand ontbreekt: {missing}"
    elif kind in ("scheme-error", "format-error", "encoding-error", "source-error"):
        message = f"bestand is niet te lezen ({note})"
    else:
        message = f"{kind}: {note}"
    return Problem(resource=resource, message=message, row=row, field=field)


# with the article's agreement: "het getal" is "geen geldig getal", "de datum" is "geen geldige datum"
_TYPE_NL = {"integer": "geen geldig geheel getal", "number": "geen geldig getal",
            "boolean": "geen geldige waarheidswaarde (true/false)", "date": "geen geldige datum (JJJJ-MM-DD)",
            "datetime": "geen geldige datum en tijd (JJJJ-MM-DDTuu:mm:ss)", "string": "geen geldige tekst"}


def _short_quotes(note: str) -> str:
    """Frictionless quotes cells in double quotes inside its notes: each quoted part shortened."""
    note = re.sub(r'"([^"]{%d,})"' % (MAX_QUOTE + 1), lambda m: f'"{shorten(m.group(1))}"', str(note))
    return shorten(note, MAX_MESSAGE // 2)


def _constraint_nl(note: str) -> str:
    return (note.replace('constraint "required" is "True"', "verplicht veld is leeg")
            .replace('constraint "minimum" is', "minimaal")
            .replace('constraint "maximum" is', "maximaal")
            .replace('constraint "minLength" is', "minimale lengte")
            .replace('constraint "maxLength" is', "maximale lengte")
            .replace('constraint "enum" is', "toegestaan zijn")
            .replace('constraint "pattern" is', "patroon")
            .replace('constraint "unique" is "True"', "waarde moet uniek zijn"))


def _foreign_nl(note: str) -> str:
    return (note.replace("for ", "").replace("values ", "waarde ")
            .replace("not found in the lookup table", "niet gevonden in").replace(" as ", " als "))
