"""User text and data names are shown as text, never as markup, links or formulas.

- `ui.components.literal`: what a user typed goes into st.markdown (and captions, badges, help) as
  plain text: no heading, list, link, e-mail link, HTML or Streamlit directive, and no invisible
  bidi or zero-width characters. Checked with a CommonMark parser (markdown-it-py) and with the
  very regular expressions remark-gfm uses to find e-mail addresses and URLs in text.
- Figures: names from the data (wijk, buurt, indicator, corporation) reach plotly's hover labels,
  tick labels and legends HTML-escaped: plotly renders `<a href>`, `<b>` and friends in those.
- Downloads (CSV and Excel) and the shared CSV rule: a cell Excel would run as a formula is
  neutralised; numbers stay numbers.
"""

from __future__ import annotations

import csv
import dataclasses
import html
import io
import json
import re
import string
import unicodedata

import openpyxl
import pandas as pd
import plotly.utils
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from domain import compare, housing
from domain import indicators as ind
from domain.validation import WijkContext, check_entry
from domain.wijken import with_class
from figures import compare_charts, housing_charts
from figures.maps import NAMES, Layer, overview_map, wijk_map
from nla_data.csv_safety import FORMULA_START, neutralise, neutralise_frame, restore
from nla_data.facts import Label
from tests.editing_by_name import RULES
from ui.components import literal
from ui.downloads import csv_bytes, excel_bytes

FORMULAS = ['=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)", "\tx", "\rx"]
EVIL = '<a href="http://x">klik</a>'
# Bidi overrides and isolates, zero-width characters, word joiner, byte-order mark, soft hyphen.
INVISIBLE = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
             "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\u00ad"]
WORD_JOINER = "\u2060"

# --- literal: user text in markdown ---------------------------------------------------------------

# CommonMark plus the GFM tables and strikethrough Streamlit's markdown has (markdown-it-py has no
# GFM autolink literals: those are checked below with remark-gfm's own regular expressions).
MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])
# mdast-util-gfm-autolink-literal (what Streamlit's remark-gfm runs on the text after escapes and
# entities are resolved): `(https?:\/\/|www(?=\.))…` and `([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)`.
REMARK_URL = re.compile(r"(https?://|www(?=\.))([-.\w]+)", re.IGNORECASE)
REMARK_EMAIL = re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)")


def rendered(text) -> str:
    return MARKDOWN.render(literal(text))


def shown_text(markup: str) -> str:
    """The text a reader sees in rendered HTML (and that remark-gfm searches for links)."""
    assert set(re.findall(r"</?([a-z0-9]+)", markup)) <= {"p", "br"}, markup
    return html.unescape(re.sub(r"<br />\n?", "\n", markup).replace("<p>", "").replace("</p>", ""))


def plain(text: str) -> str:
    """Text as typed minus the invisible characters, whitespace collapsed (markdown joins lines)."""
    cleaned = "".join(c for c in unicodedata.normalize("NFC", text) if c not in [*INVISIBLE, "\x00"])
    return " ".join(cleaned.split())


@pytest.mark.parametrize("text", ["Kop\n===", "Kop\n---", "Kop\r\n===\r\n", "Kop\n= =", "Kop\n  ---", "***",
                                  "# Kop", "- punt", "1. punt", "1) punt", "> citaat", "    code", "a\n\n    code",
                                  "```\ncode\n```", "| a | b |\n|---|---|\n| 1 | 2 |", "[x]: http://x", "<b>vet</b>",
                                  "~~weg~~", "*schuin* _ook_ **vet**", "`code`", "![x](http://x/y.png)",
                                  "&amp; &copy; &#60;", "a\\\nb"])
def test_markup_in_user_text_is_shown_as_text(text):
    markup = rendered(text)
    assert not re.search(r"<(h\d|hr|ul|ol|li|pre|code|blockquote|table|a|img|em|strong|del|b)\b", markup), markup
    assert plain(shown_text(markup)) == plain(text)


def test_setext_underlines_do_not_make_a_heading():
    for underline in ("===", "---"):
        markup = rendered(f"Kop\n{underline}")
        assert "<h" not in markup and "<hr" not in markup
        assert shown_text(markup).split() == ["Kop", underline]


def test_every_ascii_punctuation_character_is_backslash_escaped():
    """CommonMark lets every ASCII punctuation character be escaped; escaping them all also covers
    what Streamlit adds (`:red[…]`, `:material/…:`, `$math$`) and whatever a future version adds."""
    for character in string.punctuation:
        assert f"\\{character}" in literal(character), character
    escaped = literal(string.punctuation)
    assert re.sub(r"\\[!-/:-@\[-`{-~]", "", escaped).replace(WORD_JOINER, "") == ""


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.one_of(st.sampled_from(string.punctuation + " \t\n\r\u00a0=-#>*_`~|"),
                                  st.sampled_from(INVISIBLE), st.characters(codec="utf-8")), max_size=60))
def test_any_text_renders_as_exactly_that_text(text):
    markup = rendered(text)
    assert plain(shown_text(markup).replace(WORD_JOINER, "")) == plain(text)


@pytest.mark.parametrize("text", ["jan@voorbeeld.nl", "mail jan.de-vries+wijk@voorbeeld.nl nu", "www.example.com",
                                  "WWW.Example.COM/pad?x=1", "zie http://x.nl/a", "https://example.com",
                                  "(www.example.com)", "mailto:jan@voorbeeld.nl", "jan@voorbeeld.nl\nwww.x.nl"])
def test_email_addresses_and_urls_are_no_links(text):
    """Backslash escapes and entities are resolved *before* remark-gfm looks for autolink literals
    (checked in Chromium: `jan\\@voorbeeld\\.nl` and `jan&#64;voorbeeld.nl` both became mailto links).
    A word joiner (U+2060, invisible) before `@`, `://` and the dot after `www` is what stops them."""
    assert REMARK_EMAIL.search(text) or REMARK_URL.search(text)  # the check below would catch a link
    seen = shown_text(rendered(text))
    assert not REMARK_EMAIL.search(seen) and not REMARK_URL.search(seen), seen
    assert seen.replace(WORD_JOINER, "").split() == text.split()


@pytest.mark.parametrize("character", INVISIBLE)
def test_bidi_and_zero_width_characters_are_not_displayed(character):
    assert literal(f"Wijk{character}feest") == "Wijkfeest"
    assert literal(f"{character}abc{character}") == "abc"


def test_missing_values_are_empty():
    assert literal(None) == "" and literal(pd.NA) == ""
    assert literal(12) == "12"


# --- validation: what is stored ----------------------------------------------------------------------


CONTEXT = WijkContext("selwerd", frozenset({"BU00141000"}), {
    "selwerd-cafe": ("gebeurt", "Café de Wijk"),  # stored composed (NFC)
    "selwerd-creme": ("gebeurt", "Cre\u0300me de la cre\u0300me"),  # stored decomposed, before this rule
}, rules=RULES)


@pytest.mark.parametrize("character", INVISIBLE)
def test_invisible_characters_are_never_stored(character):
    raw = {"titel": f"Wijk{character}feest{character}", "beschrijving": f"{character}Een{character} tekst",
           "thema": f"Groen{character}", "straat": f"{character}Dorpsstraat"}
    checked = check_entry(raw, "gebeurt", CONTEXT)
    assert checked.ok, checked.errors
    values = checked.values
    assert (values["titel"], values["beschrijving"], values["thema"], values["straat"]) == (
        "Wijkfeest", "Een tekst", "Groen", "Dorpsstraat")


def test_a_title_of_only_invisible_characters_is_empty():
    assert check_entry({"titel": "\u200b\u202e\u2060\ufeff"}, "gebeurt", CONTEXT).errors == {
        "titel": "Vul een titel in van minstens 3 tekens."}


def test_titles_are_stored_nfc():
    checked = check_entry({"titel": "Cafe\u0301 op de hoek", "beschrijving": "cre\u0300me"}, "gebeurt", CONTEXT)
    assert checked.ok
    assert checked.values["titel"] == "Café op de hoek" == unicodedata.normalize("NFC", "Cafe\u0301 op de hoek")
    assert checked.values["beschrijving"] == "crème"


@pytest.mark.parametrize("typed", ["Cafe\u0301 de Wijk", "CAFE\u0301 DE WIJK", "Café\u200b de Wijk",
                                   "Crème de la crème", "Cre\u0300me de la cre\u0300me"])
def test_the_same_title_in_another_normal_form_is_a_duplicate(typed):
    assert check_entry({"titel": typed}, "gebeurt", CONTEXT).errors == {
        "titel": "Deze wijk heeft in deze sectie al een item met deze titel."}


def test_an_unknown_section_is_named_whole_up_to_forty_characters_and_shortened_after():
    forty, longer = "s" * 40, "s" * 41
    assert check_entry({"titel": "x"}, forty, CONTEXT).errors == {"sectie": f"Onbekende sectie '{forty}'; kies uit: gebeurt, netwerk of nodig."}
    assert check_entry({"titel": "x"}, longer, CONTEXT).errors == {
        "sectie": f"Onbekende sectie '{'s' * 37}…'; kies uit: gebeurt, netwerk of nodig."}
    assert check_entry({"titel": "x"}, longer, CONTEXT).values == {}  # nothing to save


def test_a_description_keeps_its_lines_a_title_is_one_line_and_nan_is_nothing():
    checked = check_entry({"titel": "Twee\nregels", "beschrijving": "  Eerste regel\r\nTweede  regel  ",
                           "bedrag": float("nan")}, "gebeurt", CONTEXT)
    assert checked.values["titel"] == "Twee regels"
    assert checked.values["beschrijving"] == "Eerste regel\nTweede  regel"
    assert checked.values["bedrag"] is None and "bedrag" not in checked.errors


def test_an_entry_linked_to_itself_is_refused_in_words():
    checked = check_entry({"titel": "Geld", "links": ["selwerd-geld"]}, "nodig", CONTEXT, "selwerd-geld")
    assert checked.errors["links"] == "Een item kan niet aan zichzelf gekoppeld worden."


# --- figures: names from the data ---------------------------------------------------------------------


def _evil(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    return frame.assign(**{column: [f"{name} {EVIL}" for name in frame[column]]})


@pytest.fixture(scope="module")
def evil(package):
    """The package's frames with markup in every wijk, buurt and indicator name (copies: the
    session's package stays as it is)."""
    indicatoren = package.indicatoren.copy()
    for lang in ("nl", "en"):
        indicatoren[f"label_{lang}"] = [f"{label} {EVIL}" for label in indicatoren[f"label_{lang}"]]
    classes = package.facts.classes
    evil_classes = dataclasses.replace(classes, classes=tuple(
        dataclasses.replace(c, label=Label(f"{c.label.nl} {EVIL}", f"{c.label.en} {EVIL}")) for c in classes.classes))
    return {"wijken": _evil(package.wijken, "naam"), "wijkgrenzen": _evil(package.wijkgrenzen, "naam"),
            "buurtgrenzen": _evil(package.buurtgrenzen, "buurtnaam"), "indicatoren": indicatoren,
            "cijfers": package.cijfers, "huurgrenzen": package.huurgrenzen, "municipality": package.info.municipality,
            "classes": evil_classes}


def rendered_strings(figure) -> str:
    """Everything plotly renders as (HTML-capable) SVG text: the whole figure, except the map's name
    labels, which MapLibre draws as plain text (plotly passes them through without reading markup),
    whether a text trace or the names layer of the map's own style."""
    spec = figure.to_plotly_json()
    for trace in spec["data"]:
        if trace.get("type") == "scattermap" and trace.get("mode") == "text":
            trace.pop("text")
    style = spec["layout"].get("map", {}).get("style")
    if isinstance(style, dict):
        style["sources"].pop(NAMES, None)
    return json.dumps(spec, cls=plotly.utils.PlotlyJSONEncoder, ensure_ascii=False)


def assert_escaped(figure) -> None:
    text = rendered_strings(figure)
    assert "<a " not in text and "</a>" not in text
    assert "&lt;a href" in text
    assert "&amp;lt;" not in text  # escaped once, not twice


def _layer(evil, indicator: str, year: int) -> Layer:
    definition = evil["indicatoren"].loc[indicator]
    return Layer(indicator, definition["label_nl"], definition["eenheid"], year)


def _map_values(evil, indicator: str, year: int) -> pd.DataFrame:
    wijken = with_class(evil["wijken"]).set_index("wijk_id", drop=False)
    values = ind.wijk_values(evil["cijfers"], wijken, indicator, year)
    return values.assign(klasse=wijken["klasse"])


@pytest.mark.parametrize("by_class", [False, True])
def test_map_hover_escapes_wijk_and_indicator_names(evil, by_class):
    indicator, year = "aandeel_sociale_huur", 2014
    layer = Layer(None) if by_class else _layer(evil, indicator, year)
    figure = overview_map(evil["wijkgrenzen"], _map_values(evil, indicator, year), layer, style="white-bg",
                          classes=evil["classes"], selected="selwerd")
    assert_escaped(figure)
    names = [row[0] for trace in figure.data if trace.customdata is not None for row in trace.customdata]
    assert f"Selwerd {html.escape(EVIL, quote=False)}" in names


def test_buurt_map_hover_escapes_buurt_names(evil):
    outlines = evil["wijkgrenzen"].assign(klasse="groot-zwaar")
    figure = wijk_map(evil["buurtgrenzen"], outlines, "selwerd", style="white-bg", classes=evil["classes"])
    assert_escaped(figure)
    buurten = [trace for trace in figure.data if trace.customdata is not None][0]
    assert all(name.endswith("&lt;a href=\"http://x\"&gt;klik&lt;/a&gt;") for name in buurten.customdata)


def test_compare_charts_escape_wijk_and_indicator_names(evil):
    chosen = ["selwerd", "beijum", "korrewegwijk"]
    indicator, year = "aandeel_sociale_huur", 2014
    definition = evil["indicatoren"].loc[indicator]
    labels = {"city_label": "Groningen", "nla_total_label": "NLA", "nla_label": "Gemiddelde"}
    table = compare.comparison_table(evil["cijfers"], evil["wijken"], evil["indicatoren"], indicator, year, chosen,
                                     **labels)
    assert_escaped(compare_charts.bar_chart(table, definition, "nl", classes=evil["classes"]))

    city = compare.city_id(evil["cijfers"])
    trend = compare.trend_frame(evil["cijfers"], indicator, [city, *chosen])
    nla = compare.nla_trend(evil["cijfers"], evil["wijken"], evil["indicatoren"], indicator)
    areas = with_class(evil["wijken"])[["wijk_id", "naam", "klasse"]].rename(columns={"wijk_id": "gebied_id"})
    assert_escaped(compare_charts.trend_chart(trend, nla, areas, definition, "nl", city_id=city,
                                              classes=evil["classes"], city_label=EVIL))

    frame = compare.multiples_frame(evil["cijfers"], evil["wijken"], evil["indicatoren"],
                                    [indicator, "woz_gemiddeld"], year, chosen)
    assert_escaped(compare_charts.small_multiples(frame, evil["indicatoren"], "nl", classes=evil["classes"]))


def test_housing_charts_escape_wijk_corporation_and_indicator_names(evil):
    cijfers, wijken, municipality, year = evil["cijfers"], evil["wijken"], evil["municipality"], 2014
    result = housing.affordability(cijfers, wijken, year, municipality)
    assert_escaped(housing_charts.affordability_bars(result.table, result.city, classes=evil["classes"],
                                                     selected="selwerd"))
    assert_escaped(housing_charts.spread_dumbbell(housing.spread(cijfers, wijken, year, municipality).table))
    assert_escaped(housing_charts.tenure_bars(housing.tenure(cijfers, wijken, year, municipality, "Groningen")))
    stock = housing.corporation_stock(cijfers, evil["indicatoren"], wijken, year, municipality, "Groningen")
    figure = housing_charts.corporation_bars(stock)
    assert_escaped(figure)
    assert any(trace.name and trace.name.startswith("Nijestee &lt;a") for trace in figure.data)
    rents = housing.rent_classes(cijfers, wijken, evil["huurgrenzen"], year, municipality, "Groningen")
    assert_escaped(housing_charts.rent_class_bars(rents.homes, rents.households, year))
    rows, city = housing.ranked(cijfers, wijken, "woz_gemiddeld", year, municipality)
    assert_escaped(housing_charts.value_bars(rows, city, "euro", "WOZ", classes=evil["classes"], selected="selwerd"))
    assert_escaped(housing_charts.energy_label_bars(
        housing.energy_labels(cijfers, wijken, year, municipality, "Groningen")))


# --- the one rule for formula cells -----------------------------------------------------------------------


@pytest.mark.parametrize("cell", FORMULAS)
def test_a_cell_that_a_spreadsheet_would_run_gets_an_apostrophe(cell):
    assert neutralise(cell) == "'" + cell
    assert restore(neutralise(cell)) == cell


@pytest.mark.parametrize("cell", ["", "abc", "1500", "Buurt = fijn", " =x", "'abc", "€ -5", "'"])
def test_other_cells_stay_as_they_are(cell):
    assert neutralise(cell) == cell
    assert restore(cell) == cell


def test_an_apostrophe_the_user_typed_survives_the_round_trip():
    assert neutralise("'=x") == "''=x" and restore("''=x") == "'=x"


@given(st.text(alphabet=st.sampled_from("'=+-@\t\rab 1"), max_size=8))
def test_restore_undoes_neutralise_and_nothing_neutralised_starts_a_formula(cell):
    assert restore(neutralise(cell)) == cell
    assert not neutralise(cell).startswith(FORMULA_START)


def _table() -> pd.DataFrame:
    return pd.DataFrame({
        "titel": pd.Series(FORMULAS + ["gewoon", None], dtype="string"),
        "naam": pd.Series(FORMULAS + ["gewoon", None], dtype=object),
        "getal": [-1, -2, 3, -4, 5, -6, 7, 8],
        "fractie": [-1.5, 0.25, None, -3.0, 4.0, 5.0, 6.0, 7.0],
        "geheel": pd.array([-1, None, 3, 4, 5, 6, 7, 8], dtype="Int64"),
    })


def test_neutralise_frame_touches_text_only():
    frame = neutralise_frame(_table())
    assert list(frame["titel"][:6]) == ["'" + cell for cell in FORMULAS]
    assert list(frame["naam"][:6]) == ["'" + cell for cell in FORMULAS]
    assert frame["titel"][6] == frame["naam"][6] == "gewoon"
    assert frame["titel"][7] is pd.NA and pd.isna(frame["naam"][7])
    assert list(frame.dtypes) == list(_table().dtypes)
    pd.testing.assert_frame_equal(frame[["getal", "fractie", "geheel"]], _table()[["getal", "fractie", "geheel"]])


def test_csv_download_neutralises_text_cells_and_keeps_negative_numbers():
    rows = list(csv.reader(io.StringIO(csv_bytes(_table()).decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == ["titel", "naam", "getal", "fractie", "geheel"]
    for row, cell in zip(rows[1:7], FORMULAS):
        assert row[0] == row[1] == "'" + cell
    assert [row[2] for row in rows[1:]] == ["-1", "-2", "3", "-4", "5", "-6", "7", "8"]
    assert rows[1][3] == "-1,5" and rows[1][4] == "-1"


def test_csv_download_neutralises_the_header_and_the_index_too():
    frame = pd.DataFrame({"=kolom": [1]}, index=pd.Index(["@wijk"], name="-gebied"))
    rows = list(csv.reader(io.StringIO(csv_bytes(frame, index=True).decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows == [["'-gebied", "'=kolom"], ["'@wijk", "1"]]


def test_excel_download_stores_formula_text_as_text_and_numbers_as_numbers():
    """In .xlsx the apostrophe is Excel's own *quote prefix*: the cell holds the text as typed, is shown
    as typed, and stays text when someone edits it; nothing is ever stored as a formula."""
    book = openpyxl.load_workbook(io.BytesIO(excel_bytes(_table())))
    sheet = book.active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    for row, typed in zip(sheet.iter_rows(min_row=2, max_row=7), FORMULAS):
        for cell in row[:2]:
            # XML turns a carriage return into a line feed on reading: "\rx" comes back as "\nx".
            assert (cell.value, cell.data_type, cell.quotePrefix) == (typed.replace("\r", "\n"), "s", True)
    assert [sheet.cell(row=r, column=3).value for r in range(2, 10)] == [-1, -2, 3, -4, 5, -6, 7, 8]
    assert sheet["D2"].value == -1.5 and sheet["E2"].value == -1
    assert not sheet["A8"].quotePrefix  # "gewoon" is just text


def test_an_amount_of_forty_characters_is_read_and_one_more_is_refused_unread():
    forty = "0" * 36 + "1500"
    assert check_entry({"titel": "Geld", "bedrag": forty}, "nodig", CONTEXT).values["bedrag"] == 1500
    refused = check_entry({"titel": "Geld", "bedrag": "0" + forty}, "nodig", CONTEXT)
    assert refused.errors["bedrag"].startswith("Het bedrag is te groot")
