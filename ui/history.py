"""An entry's history, readable: in a wide dialog, each version with its moment in words ("18 september
2013 om 14:02"), what it changed by the fields' names and the values' labels (a section's name, a buurt's
name, a linked entry's title, an amount in euros), and "Zet terug" only where that brings something back
(domain.history.restorable: not for a version that only confirmed the entry).

ui.editing decides who may restore and how a restore is done; it passes the button in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
import streamlit as st

from domain import format as fmt
from domain import history
from domain.texts import label, t
from nla_data.store import Version
from ui import state
from ui.components import literal, wide_static_table

LONG_TEXT = 300  # characters of a description shown per version; the rest is elided


def show(entry, versions: list[Version], lang: str, *, restore: Callable[[Version], bool] | None,
         on_close: Callable[[], None]) -> None:
    """Open the dialog with `versions` (newest first) of `entry`. `restore(version)` draws that version's
    restore button and says whether it was clicked; None: the user may not restore."""

    def body() -> None:
        names = _Names.of(entry.wijk_id)
        st.markdown(t("hist.entry", lang, title=literal(entry.titel), section=t(f"section.{entry.sectie}", lang)))
        st.caption(t("hist.intro", lang))
        offered = history.restorable(versions, int(entry.versie)) if restore else set()
        for version in versions:
            with st.container(border=True):
                _version(version, int(entry.versie), names, lang)
                if version.version in offered and restore(version):
                    st.rerun()  # the whole page: the entry, its buttons and this list as they are now

    st.dialog(t("hist.title", lang), width="large", on_dismiss=on_close)(body)()


def _version(version: Version, current: int, names: _Names, lang: str) -> None:
    when = fmt.moment(version.at, lang)
    action = t(f"action.{version.action}", lang)
    if version.version == current:
        action += f" · *{t('hist.current', lang)}*"
    st.markdown(t("hist.version", lang, version=version.version, action=action, when=when, who=literal(version.by)))
    if history.only_confirmed(version):
        st.caption(t("hist.only_confirmed", lang))
        return
    changes = history.shown_changes(version)
    if not changes:
        st.caption(t("hist.nothing_shown", lang))
        return
    # st.table reads its cells as markdown: every value is `literal`, so typed markup stays text.
    rows = pd.DataFrame({
        t("hist.col.field", lang): [_field(name, lang) for name, _, _ in changes],
        t("hist.col.before", lang): [literal(_value(name, old, names, lang)) for name, old, _ in changes],
        t("hist.col.after", lang): [literal(_value(name, new, names, lang)) for name, _, new in changes],
    })
    if all(old in (None, "", []) for _, old, _ in changes):  # a new entry: nothing was there before
        rows = rows.drop(columns=[t("hist.col.before", lang)])
    # a long word (a link, an e-mail address) makes it wider than a phone: then it says that it scrolls sideways
    wide_static_table(f"hist-{version.version}", rows, lang, hide_index=True, border="horizontal")


def _field(name: str, lang: str) -> str:
    return t("field.links" if name == "koppelingen" else f"field.{name}", lang)


class _Names:
    """Names for the codes a history holds: buurten and the wijk's other entries (as the user may see them)."""

    def __init__(self, buurten: dict[str, str], entries: dict[str, str]):
        self.buurten, self.entries = buurten, entries

    @classmethod
    def of(cls, wijk_id: str) -> _Names:
        pkg = state.package()
        buurten = pkg.buurten[pkg.buurten["wijk_id"] == wijk_id]
        items, _ = state.wijk_outline(wijk_id)  # the wijk's entries the user may see, by title
        return cls(dict(zip(buurten["buurtcode"], buurten["buurtnaam"])), dict(zip(items["item_id"], items["titel"])))


def _value(name: str, value, names: _Names, lang: str) -> str:
    """A value as the entry card shows it; a code becomes its name, a moment its date in words."""
    if value is None or value == "" or value == []:
        return "–"
    if name == "sectie":
        return t(f"section.{value}", lang)
    if name in ("status", "aanpak", "soort_hulp", "soort"):
        prefix = {"status": "status", "aanpak": "approach", "soort_hulp": "help", "soort": "kind"}[name]
        return label(prefix, value, lang)
    if name == "zichtbaarheid":
        return label("visibility", value, lang)
    if name == "buurtcode":
        return names.buurten.get(value, str(value))
    if name == "bedrag":
        return fmt.money(value, lang)
    if name == "koppelingen":
        return "; ".join(names.entries.get(target, str(target)) for target in value)
    if name == "bevestigd_op":
        return fmt.moment(_when(value), lang)
    if name == "startdatum":
        return fmt.date(_when(value), lang)
    text = str(value)
    return text if len(text) <= LONG_TEXT else text[:LONG_TEXT - 1] + "…"


def _when(value):
    """A snapshot's ISO text back to a date or datetime; anything else as it is."""
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    return value
