"""Streamlit's own words on the page, in the page's language: the skip link, the sidebar's button, the file
box, the tables' toolbar, the pickers' buttons. Streamlit's frontend has them in English only, so a Dutch page
had "Skip to main content", "Upload · 5MB per file" and "Download as CSV" (read aloud by a screen reader too).

The served copy of a frontend file (ui/shell.py `prepare`) gets each English text replaced by a choice made
when it is drawn: Dutch while the page's `<html lang>` is "nl" (the frame sets it on every run, and the first
page from the URL's `?lang=` before the frontend starts), else the English text. A text is replaced only where
it is found exactly as often as written here, in a file that is then still whole; `missing` names the ones
this Streamlit build does not have (tests/test_frontend_texts.py fails on any, so an upgrade is noticed), and
those are left in English.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


def _choice(dutch: str, english: str) -> str:
    """A JavaScript expression: `dutch` on a Dutch page, else `english` (neither may hold a backtick or `${`)."""
    return f"(document.documentElement.lang===`nl`?`{dutch}`:`{english}`)"


@dataclass(frozen=True)
class Text:
    """`old` in the file whose name starts with `file` + ".", `count` times, becomes `new`."""

    file: str
    old: str
    new: str
    count: int = 1


def _literal(file: str, before: str, english: str, dutch: str, count: int = 1) -> Text:
    """A template literal that is the whole text: `before` + `English` (`before` tells it from a name)."""
    return Text(file, f"{before}`{english}`", before + _choice(dutch, english), count)


def _inside(file: str, before: str, english: str, after: str, dutch: str) -> Text:
    """A text inside a template literal, between `before` and `after` (`${…} per file`, `Remove ${e}`)."""
    return Text(file, before + english + after, f"{before}${{{_choice(dutch, english)}}}{after}")


TEXTS = (
    _literal("index", "children:", "Skip to main content", "Naar de hoofdinhoud"),
    _literal("index", '"aria-label":', "Collapse sidebar", "Zijbalk inklappen"),
    _literal("index", '"aria-label":', "Expand sidebar", "Zijbalk uitklappen"),
    _literal("FileUploader", "label:l?`Upload directories`:", "Upload", "Bestand kiezen"),
    _inside("FileUploader", "} ", "per file", "`", "per bestand"),
    _literal("utils", '"aria-label":', "file upload", "bestand kiezen"),
    _inside("utils", ":`", "Remove", " ${e.name}`", "Verwijder"),
    _literal("DataFrame", "label:", "Download as CSV", "Downloaden als CSV"),
    _literal("DataFrame", "label:", "Show/hide columns", "Kolommen tonen of verbergen"),
    _literal("DataFrame", "label:", "Search", "Zoeken"),
    _literal("DataFrame", '"aria-label":', "Close Search", "Zoeken sluiten"),
    _literal("Toolbar", "label:", "Fullscreen", "Volledig scherm"),
    _literal("Toolbar", "label:", "Close fullscreen", "Volledig scherm sluiten"),
    _literal("Selectbox", '"aria-label":', "Clear value", "Keuze wissen"),
    _literal("Selectbox", "children:", "No results", "Geen resultaten"),
    _literal("NumberInput", '"aria-label":', "Clear value", "Waarde wissen"),
    _literal("Multiselect", '"aria-label":', "Clear all", "Alles wissen"),
    _inside("Multiselect", '"aria-label":`', "Remove", " ${e}`", "Verwijder"),
    _literal("Multiselect", "return", "No results", "Geen resultaten", count=2),
    _literal("StreamlitMarkdown", '"aria-label":', "Link to heading", "Link naar deze kop"),
    _literal("StreamlitMarkdown", "?", "Help", "Uitleg"),
    _inside("StreamlitMarkdown", ":`", "Help for", " ${", "Uitleg bij"),
)


def files(folder: Path, texts=TEXTS) -> dict[str, str]:
    """The changed text of each frontend file in `folder` (Streamlit's static/js) that holds any of `texts`."""
    changed: dict[str, str] = {}
    for text in texts:
        path = _holder(folder, text)
        if path is not None:
            source = changed.get(path.name) or path.read_text(encoding="utf-8")
            changed[path.name] = source.replace(text.old, text.new)
    return changed


def missing(folder: Path, texts=TEXTS) -> list[Text]:
    """The texts not found exactly as written in this build (left in English)."""
    return [text for text in texts if _holder(folder, text) is None]


def _holder(folder: Path, text: Text) -> Path | None:
    """The one file named `text.file`.* that holds `text.old` exactly `text.count` times, or None."""
    found = [path for path in sorted(folder.glob(f"{text.file}.*.js"))
             if path.read_text(encoding="utf-8").count(text.old) == text.count]
    return found[0] if len(found) == 1 else None
