"""Small Streamlit pieces used on several pages: header, chips, figure tiles, entry cards, problems."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
import re

import pandas as pd
import streamlit as st

from domain import format as fmt
from domain.entries import Link
from domain.indicators import Figure
from domain.texts import label, t
from domain.validation import INVISIBLE
from domain.wijken import class_explanation
from nla_data import NlaPackage
from nla_data.facts import ClassScheme, Relations, SourceNames
from nla_data.settings import settings
from ui import scroll_region

# Colours of the class chips by the class's place in the package's order: Streamlit's badge palette,
# chosen to echo figures.palette.CLASS_PALETTE.
CLASS_BADGE = ("red", "orange", "blue", "violet", "green", "yellow", "primary")
STATUS_BADGE = {"loopt": "green", "gepland": "blue", "idee": "violet", "afgerond": "gray", "gestopt": "gray",
                "niet-meer-relevant": "gray"}

# CommonMark lets every ASCII punctuation character be backslash-escaped: escaping them all leaves no
# markdown (setext `===`/`---` included), HTML, entity or Streamlit directive (`:red[…]`, `$…$`).
_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")
# Streamlit's remark-gfm finds e-mail addresses and URLs in the text *after* escapes and entities are
# resolved (`jan\@x\.nl` and `jan&#64;x.nl` still become links; checked in Chromium): an invisible
# word joiner before `@` and `://` and after `www` is what keeps them text.
_AUTOLINK = re.compile(r"(?=@)|(?=://)|(?<=www)(?=\.)", re.IGNORECASE)
_WORD_JOINER = "\u2060"
_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)


def literal(text) -> str:
    """User text for st.markdown, shown as typed: markup and HTML are escaped, never interpreted;
    no links, and no invisible bidi or zero-width characters (domain.validation.INVISIBLE)."""
    if text is None or text is pd.NA:
        return ""
    plain = INVISIBLE.sub("", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", _AUTOLINK.sub(_WORD_JOINER, plain))
    # Leading spaces would start an indented code block: keep the indent, as no-break spaces.
    escaped = _INDENT.sub(lambda indent: indent.group().replace("\t", "    ").replace(" ", "\u00a0"), escaped)
    return escaped.replace("\n", "  \n")


def header(lang: str, package: NlaPackage | None) -> None:
    """The app's name with the city and its number of wijken, as the package says; without a package
    (it could not be loaded) the name alone."""
    if package is None:
        st.markdown(f"#### {t('app.name', lang)}")
        return
    st.markdown(f"#### {t('app.title', lang, gemeente=literal(package.facts.municipality_name))}")
    st.caption(t("app.subtitle", lang, n=fmt.number(len(package.wijken), lang)))


def class_chip(klasse: str, classes: ClassScheme, lang: str, *, sources: SourceNames) -> None:
    position = classes.position(klasse)
    st.badge(literal(classes.label(klasse, lang)), icon=":material/category:",
             color="gray" if position is None else CLASS_BADGE[position % len(CLASS_BADGE)],
             help=class_explanation(classes, lang, escape=sourced(sources, lang)))


def sourced(sources: SourceNames, lang: str) -> Callable[[str], str]:
    """`literal`, with the sources the package names in Dutch named in `lang` where it gives their English name:
    the `escape` of the domain's texts that quote a package's sources (domain.wijken.budget_source, …)."""
    return lambda words: literal(sources(words, lang))


def figure_tile(label: str, figure: Figure, lang: str, definition: str = "", *, sources: SourceNames) -> None:
    """A key figure: label, value, year; the source on hover (in `lang` where the package names it so); a
    visible marker when it is illustrative."""
    value = fmt.value(figure.value, figure.unit, lang) if figure.value is not None else t("value.missing", lang)
    source_name = sources(figure.source, lang)
    caption = f"{figure.year or '–'} · {literal(short_source(source_name))}"
    if figure.illustrative:
        caption = f"⚠️ {figure.year or '–'} · {t('value.illustrative', lang)}"
    elif figure.partial:
        caption += " · " + t("value.partial", lang, share=fmt.percent(100 * figure.coverage, lang, 0))
    source = t("value.source", lang, source=source_name)
    how = f"\n\n{figure.note}" if figure.note else ""  # how the wijk value was made, e.g. the base of a mean
    with st.container(border=True, height="stretch"):
        st.caption(literal(label), help=literal(f"{definition}\n\n{source}{how}".strip()))
        st.markdown(f"### {value}")
        st.caption(caption)


def short_source(source: str) -> str:
    """The publisher of a source, for a caption: "CBS" of "CBS, Wijk- en buurtkaart 2015 (versie 1)"."""
    return source.split(",")[0].split("(")[0].strip() or source


def figure_line(label: str, figure: Figure, lang: str, definition: str = "", *, sources: SourceNames) -> None:
    """A key figure on one line, for narrow panels: `Inwoners: **14.460** (2015)`."""
    value = fmt.value(figure.value, figure.unit, lang) if figure.value is not None else t("value.missing", lang)
    marker = f" · ⚠️ {t('value.illustrative', lang)}" if figure.illustrative else ""
    if figure.partial:
        marker += " · " + t("value.partial", lang, share=fmt.percent(100 * figure.coverage, lang, 0))
    source = t("value.source", lang, source=sources(figure.source, lang))
    st.markdown(f"{literal(label)}: **{value}** ({figure.year or '–'}{marker})",
                help=f"{definition}\n\n{source}".strip())


def entry_card(entry, links: list[Link], relations: Relations, lang: str, stale_note: str | None = None,
               anchor: bool = True) -> None:
    """One entry of a wijkperspectief (a row of `domain.entries.for_wijk`, with `open`): title, chips,
    description, links (named as the package's `relations` say), freshness (inside the caller's box).
    The title carries the anchor `#item-<id>` that a linked entry's link scrolls to (not a second copy of
    the card, `anchor=False`: an id is once on a page)."""
    # The only HTML is the empty anchor; the title is `literal`, so its markup stays text.
    st.markdown(f"{_anchor(entry.item_id) if anchor else ''}**{literal(entry.titel)}**", unsafe_allow_html=True)
    chips = st.container(horizontal=True, gap="small")
    with chips:
        colour = STATUS_BADGE.get(entry.status, "blue" if entry.open else "gray")  # a status the package adds
        st.badge(literal(label("status", entry.status, lang)), color=colour)
        if pd.notna(entry.aanpak):
            st.badge(literal(label("approach", entry.aanpak, lang)), color="blue", icon=":material/handshake:")
        if pd.notna(entry.soort_hulp):
            st.badge(literal(label("help", entry.soort_hulp, lang)), color="orange",
                     icon=":material/volunteer_activism:")
        if pd.notna(entry.thema):
            st.badge(literal(entry.thema), color="gray", icon=":material/label:")
        kind = getattr(entry, "soort", None)
        if isinstance(kind, str) and kind:
            st.badge(literal(label("kind", kind, lang)), color="gray", icon=KIND_ICON.get(kind, ":material/groups:"))
        shown_to = getattr(entry, "zichtbaarheid", None)
        if isinstance(shown_to, str) and shown_to in ("ingelogd", "frontlijn"):
            st.badge(t(f"visibility.{shown_to}", lang), color="violet", icon=":material/visibility_lock:",
                     help=t("visibility.help", lang))
        if entry.voorbeeld:
            st.badge(t("wijk.example", lang), color="yellow", icon=":material/history_edu:")
        if stale_note:
            st.badge(t("edit.stale", lang), color="red", icon=":material/schedule:", help=stale_note)
    if pd.notna(entry.beschrijving):
        st.markdown(literal(entry.beschrijving))
    details = []
    if pd.notna(entry.rol):
        details.append(literal(entry.rol))
    if pd.notna(entry.bedrag):
        details.append(t("wijk.amount", lang, amount=fmt.money(entry.bedrag, lang)))
    contact = _contact(entry, lang)
    if contact:
        details.append(contact)
    place = [literal(p) for p in (entry.buurtnaam, entry.straat) if pd.notna(p)]
    if place:
        details.append(":material/place: " + ", ".join(place))
    for link in links:
        details.append(f"↳ {literal(relations.label(link.relation, link.outgoing, lang))}: "
                       f"[*{literal(link.title)}*](#{anchor_id(link.item_id)})")
    if details:
        st.markdown("  \n".join(details))
    st.caption(_freshness(entry, lang))


def anchor_id(item_id: str) -> str:
    """The HTML id of an entry's card on the wijk page (`item-<id>`, only letters, digits, - and _)."""
    return "item-" + re.sub(r"[^A-Za-z0-9_-]", "-", str(item_id))


def _anchor(item_id: str) -> str:
    # scroll-margin: a link lands with the title below Streamlit's fixed top bar, not under it
    return f'<span id="{anchor_id(item_id)}" style="scroll-margin-top: 4.5rem"></span>'


KIND_ICON = {"organisatie": ":material/corporate_fare:", "netwerk": ":material/hub:", "persoon": ":material/person:"}


def _contact(entry, lang: str) -> str | None:
    """A person's contact details, with the consent they rest on; present only for those allowed to see
    them (domain.privacy blanks them for everyone else)."""
    parts = [literal(v) for v in (getattr(entry, name, None) for name in ("contact_naam", "contact_email",
                                                                          "contact_telefoon")) if _filled(v)]
    if not parts:
        return None
    consent = getattr(entry, "toestemming_op", None)
    how = getattr(entry, "toestemming_wijze", None)
    note = t("contact.consent", lang, date=fmt.date(consent, lang) if _filled(consent) else "–",
             how=literal(how) if _filled(how) else "–")
    return f":material/contact_phone: {' · '.join(parts)} ({note})"


def _filled(value) -> bool:
    return value is not None and not (isinstance(value, float) and value != value) and value is not pd.NA \
        and value is not pd.NaT and str(value) != ""


def _freshness(entry, lang: str) -> str:
    updated = t("wijk.updated", lang, date=fmt.date(entry.bijgewerkt_op, lang))
    if pd.notna(entry.bevestigd_op):
        date = fmt.date(entry.bevestigd_op, lang)
        confirmed = (t("wijk.confirmed_date", lang, date=date) if pd.isna(entry.bevestigd_door)  # the public: no names
                     else t("wijk.confirmed", lang, date=date, who=literal(entry.bevestigd_door)))
    else:
        confirmed = t("wijk.not_confirmed", lang) if entry.open else ""
    return " · ".join(part for part in (updated, confirmed) if part)


def unexpected_error(lang: str) -> None:
    """No traceback reaches the user: a plain message here, the details in the server log."""
    if settings().raise_errors:
        raise
    logging.getLogger("wijkperspectief").exception("page failed")
    st.error(t("error.unexpected", lang), icon=":material/error:")


PHONE_PX = 640  # Streamlit puts columns under each other below this width


def two_per_row_when_narrow(key: str):
    """A container whose rows of st.columns (tiles of key figures) show two side by side on a phone, where
    Streamlit stacks every column alone: eight tiles were 1.100 px of scrolling before the wijk's content. Its
    CSS is a style-only st.html, as in `scrolls_when_narrow`; wider screens keep their columns."""
    half = "calc(50% - 0.5rem)"
    st.html(f"<style>@media (max-width:{PHONE_PX}px){{"
            f".st-key-{key} [data-testid=stHorizontalBlock]{{flex-wrap:wrap;gap:1rem}}"
            f".st-key-{key} [data-testid=stColumn]{{flex:1 1 {half} !important;min-width:{half} !important;"
            f"width:{half} !important}}}}</style>")
    return st.container(key=key)


def every_other_tick_when_narrow(key: str) -> None:
    """On a phone, the x axis of the chart keyed `key` labels every other tick only: the figure does not know the
    width it gets, and the ticks a laptop's axis reads well by (€ 0, € 2,5 mln., € 5 mln., € 7,5 mln.) ran together
    on a phone's 180 px. A style-only st.html, as in `two_per_row_when_narrow`; the grid lines stay."""
    st.html(f"<style>@media (max-width:{PHONE_PX}px){{"
            f".st-key-{key} .xaxislayer-above .xtick:nth-child(even) text{{display:none}}}}</style>")


def wide_dataframe(box: str, frame: pd.DataFrame, lang: str, *, width_px: int | None = None, **options) -> None:
    """`st.dataframe(frame, **options)` as wide as the page allows, in the `wide_table` box keyed `box` (the grid's
    own `key`, if any, goes in `options`). `width_px` is the grid's own width (the columns' widths the caller gave in
    `column_config`), by default `table_px` of `frame` and of its index unless `hide_index`. An empty grid draws
    nothing while it loads (`placeholder`)."""
    if width_px is None:
        width_px = table_px(frame, index=not options.get("hide_index", False))
    with wide_table(box, width_px, lang):
        st.dataframe(frame, width="stretch", placeholder="", **options)


def wide_static_table(box: str, frame: pd.DataFrame, lang: str, **options) -> None:
    """`st.table(frame, **options)`, whose cells wrap, in the `wide_table` box keyed `box`: narrower than its longest
    words (`wrapped_table_px`), on a phone, it scrolls sideways and says so."""
    with wide_table(box, wrapped_table_px(frame), lang):
        st.table(frame, **options)


@contextmanager
def wide_table(key: str, width_px: int, lang: str) -> Iterator[None]:
    """A box for a table `width_px` wide (its columns' widths): where the box is narrower, on a phone or beside a
    chart on a tablet, a caption over the table says that it scrolls sideways (the grid keeps its columns' widths and
    showed nothing but a column cut at its edge); where it fits, CSS hides the caption (a container query on the
    box's own width, which the browser knows and the server does not). A few pixels cut off a last column hide
    nothing worth a caption (`CUT_PX`). The caption keeps clear of the right end, where the grid's toolbar (view,
    download, search, full screen) appears over it on hover or a tap (`TOOLBAR_PX`)."""
    st.html(f"<style>.st-key-{key}{{container-type:inline-size}}.st-key-{key}-hint{{padding-right:{TOOLBAR_PX}px}}"
            f"{_hint_hidden_from(key, int(width_px) - CUT_PX)}</style>")
    with st.container(key=key):
        with st.container(key=f"{key}-hint"):
            st.caption(t("table.sideways", lang))
        yield


def _hint_hidden_from(key: str, width_px: int) -> str:
    """CSS: the caption `{key}-hint` hidden where its box is at least `width_px` wide, with the layout wrapper Streamlit
    puts around it: hidden alone, the empty wrapper kept the box's gap of 16 px above what follows."""
    return (f"@container (min-width:{width_px}px){{.st-key-{key}-hint,"
            f"[data-testid=stLayoutWrapper]:has(>.st-key-{key}-hint){{display:none}}}}")


def table_px(frame: pd.DataFrame, *, index: bool = False) -> int:
    """About how wide Streamlit's grid draws `frame` with its columns sized to their contents (and its index, when
    shown): each column as wide as its longest text, header or cell, at the grid's 14 px font, and its padding."""
    columns = [(str(name), frame[name]) for name in frame.columns]
    return round(sum(max(MIN_COLUMN_PX, COLUMN_PAD_PX + CHAR_PX * max([len(name), *(len(str(v)) for v in values)]))
                     for name, values in ([("", frame.index)] if index else []) + columns))


def wrapped_table_px(frame: pd.DataFrame) -> int:
    """About how narrow a static table (st.table) of `frame` can be: its cells wrap, so each column is as wide as
    its longest word, header or cell, and its padding (the browser's min-content width of the table). A no-break
    space joins (`€ 25.000`), as the browser has it (str.split would break there)."""
    return round(sum(STATIC_PAD_PX + STATIC_CHAR_PX * max(len(word) for text in [name, *map(str, frame[name])]
                                                            for word in re.split(r"[ \t\n]+", text))
                     for name in frame.columns))


# fitted in Chromium to Budget's list of needs, 476 and 614 px wide at their narrowest (the longest words: the
# needs' wijk names, "Oosterhoogebrug", and the bigger letters of a static table's 16 px font)
STATIC_CHAR_PX, STATIC_PAD_PX = 7.6, 10
CHAR_PX, COLUMN_PAD_PX = 6.2, 16  # an average character of the grid's 14 px font; a cell's padding
MIN_COLUMN_PX = 50  # the grid's narrowest column
CUT_PX = 20  # of a table's width, the most a box may cut off without a caption that the table scrolls
TOOLBAR_PX = 120  # the grid's toolbar of four buttons, 112 px measured in Chromium, and a gap


@contextmanager
def scrolls_when_narrow(key: str, min_width_px: int, label: str, hint: str) -> Iterator[None]:
    """A container for what is unreadable narrower than `min_width_px` (a chart of panels side by side): on a
    narrower screen, a phone, it keeps that width and scrolls sideways inside the page, and a caption over it, `hint`,
    says so (the panels cut at the screen's edge looked like all there was); on a wider one nothing changes and the
    caption is hidden (a container query, as in `wide_table`). Its CSS is a style-only st.html, which Streamlit puts
    where it takes no room. A region that scrolls must be reachable with the keyboard (WCAG 2.1.1; axe:
    scrollable-region-focusable): a script makes the container a focusable region named `label`
    (ui.scroll_region), as it appears and after every redraw."""
    st.html(f"<style>.st-key-{key}-box{{container-type:inline-size}}.st-key-{key}{{overflow-x:auto}}"
            f".st-key-{key}>*{{min-width:{int(min_width_px)}px}}.st-key-{key}-hint{{padding-right:{TOOLBAR_PX}px}}"
            f"{_hint_hidden_from(key, int(min_width_px))}</style>")
    scroll_region.focusable(key, label)
    with st.container(key=f"{key}-box"):
        with st.container(key=f"{key}-hint"):
            st.caption(hint)
        with st.container(key=key):
            yield
