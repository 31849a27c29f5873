"""The Wonen page under AppTest: every year, English, the URL's year, the answer sentence computed from
the data, "Wat zie ik?" with the year's rent limits, a table for every chart, and illustrative badges
only where values are illustrative."""

from __future__ import annotations

import json

import pytest

from domain import housing
from domain.texts import t
from nla_data import EMBEDDED_DIR, load_package
from tests.apptest import fold_keys, open_folds, open_page, texts

PACKAGE = load_package(EMBEDDED_DIR).package
YEARS = housing.years(PACKAGE.cijfers)
CHARTS = 8  # answer, spread, tenure, corporations, rent classes, WOZ, liveability, energy labels
BADGE = ":orange-badge[:material/science: illustratief]"


def _no_exception(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _figure(at, index: int) -> dict:
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def _trace_names(at, index: int) -> list[str]:
    return [str(trace.get("name", "")).replace("\u00a0", " ") for trace in _figure(at, index)["data"]]


def _answer(year: int, lang: str = "nl", note: bool = True) -> str:
    result = housing.affordability(PACKAGE.cijfers, PACKAGE.wijken, year, PACKAGE.info.municipality)
    return t("won.answer.sentence", lang, year=year, below=result.below_one, known=result.known,
             note=t("won.illustrative_figures", lang) if note else "")


def test_there_are_years_to_show():
    assert YEARS == [2011, 2012, 2013, 2014]


@pytest.mark.parametrize("year", YEARS)
def test_wonen_renders_every_year_with_the_answer_first(year):
    at = open_page("wonen", jaar=str(year))
    _no_exception(at)
    assert at.header[0].value == "Is er genoeg betaalbare huur voor de laagste inkomens?"
    subheaders = [s.value for s in at.subheader]
    assert subheaders[0] == "Goedkope huurwoningen per huishouden met een laag inkomen"  # the answer first
    assert subheaders[1:] == ["Hoe zijn ze over de stad verdeeld?", "Woningvoorraad naar eigendom",
                              "Sociale huurwoningen per corporatie",
                              "Huurklassen tegenover huishoudens met een laag inkomen", "Gemiddelde WOZ-waarde",
                              "Leefbaarheid", "Energielabels"]
    said = texts(at)
    assert _answer(year) in said
    assert "Het krapst:" in said and "In de hele stad:" in said
    assert len(at.get("plotly_chart")) == CHARTS
    labels = [e.label for e in at.expander]
    assert labels.count("Wat zie ik?") == CHARTS and labels.count("Tabel") == CHARTS
    assert said.count(BADGE) == CHARTS  # every chart's values are illustrative in the embedded package
    for index in range(CHARTS):  # and the figure says so itself, so a saved picture stays honest
        assert "illustratieve cijfers" in _figure(at, index)["layout"]["xaxis"]["title"]["text"]
    assert at.query_params["jaar"] in (str(year), [str(year)])
    assert at.button_group(key="wonen_jaar").value == year


@pytest.mark.parametrize("year", YEARS)
def test_what_do_i_see_has_definition_source_year_caveat_and_the_years_rent_limits(year):
    at = open_page("wonen", jaar=str(year))
    said = texts(at)
    definition = PACKAGE.indicatoren.loc["goedkope_huur_per_laag_inkomen"]
    assert definition["definitie_nl"] in said
    assert f"Bron: {definition['bron']}" in said
    assert f"Peiljaar: {year}" in said
    assert f"Kanttekening: {definition['kanttekening']}" in said
    assert f"Huurgrenzen {year}" in said
    limits = PACKAGE.huurgrenzen[PACKAGE.huurgrenzen["jaar"] == year]
    assert len(limits) == 4
    for row in limits.itertuples():
        amount = f"€ {row.bedrag:.2f}".replace(".", ",")
        # each limit with its source: the article of the law and the year's text of it
        assert f"**{amount}** ({row.bron})" in said, amount
        assert "Wet op de huurtoeslag" in row.bron and f"tekst van {year}-" in row.bron
        if isinstance(row.opmerking, str):  # a row's note travels with it
            assert f"({row.bron}) — *{row.opmerking}*" in said
    assert "Besluit huurprijzen woonruimte" in said  # why the law's maximum is the liberalisatiegrens
    assert "controleer" not in said and "secundaire bron" not in said  # every year shown is from the law


def test_the_rent_class_chart_names_the_years_limits():
    at = open_page("wonen", jaar="2012")
    assert _trace_names(at, 4) == ["tot € 366,37", "€ 366,37 – € 524,37", "€ 524,37 – € 664,66",
                                   "boven € 664,66", "Huishoudens met een laag inkomen"]


def test_every_chart_has_a_table_with_downloads():
    at = open_page("wonen", jaar="2014")
    _no_exception(at)
    # folded under each chart, and made only when its fold is opened (ui.table_fold)
    assert [e.label for e in at.expander].count("Tabel") == CHARTS
    assert not at.dataframe and not at.get("download_button")
    assert len(fold_keys(at, "wonen-table:")) == CHARTS
    open_folds(at, "wonen-table:")
    _no_exception(at)
    tables = [frame.value for frame in at.dataframe]
    assert len(tables) == CHARTS
    answer = tables[0]
    assert len(answer) == 16 and answer.iloc[-1]["Wijk"] == "Groningen (hele stad)"
    assert list(answer["Wijk"][:15]) == list(
        housing.affordability(PACKAGE.cijfers, PACKAGE.wijken, 2014, PACKAGE.info.municipality).table["naam"])
    assert {"Peiljaar", "Illustratief"} <= set(answer.columns)
    assert len(at.get("download_button")) == 2 * CHARTS


def test_year_from_the_url_and_back_into_it():
    at = open_page("wonen")
    _no_exception(at)
    assert at.query_params["jaar"] in ("2014", ["2014"])  # the latest year by default
    at.button_group(key="wonen_jaar").set_value(2011).run()
    _no_exception(at)
    assert at.query_params["jaar"] in ("2011", ["2011"])
    assert _answer(2011) in texts(at)


@pytest.mark.parametrize("asked", ["1999", "abc", ""])
def test_an_unknown_year_falls_back_to_the_latest(asked):
    at = open_page("wonen", jaar=asked)
    _no_exception(at)
    assert _answer(2014) in texts(at)


def test_selected_wijk_is_highlighted_in_the_charts():
    at = open_page("wonen", wijk="selwerd")
    _no_exception(at)
    for index in range(CHARTS):
        assert "<b>▶ Selwerd</b>" in _figure(at, index)["layout"]["yaxis"]["ticktext"]


def test_wonen_in_english():
    at = open_page("wonen", jaar="2013")
    at.session_state["lang"] = "en"
    at.run()
    _no_exception(at)
    assert at.header[0].value == "Is there enough affordable rent for the lowest incomes?"
    said = texts(at)
    assert _answer(2013, "en") in said
    assert "Rent limits 2013" in said and "€374.44" in said
    assert said.count(":orange-badge[:material/science: illustrative]") == CHARTS
    assert [e.label for e in at.expander].count("What am I looking at?") == CHARTS
    assert "Dwellings with energy label E, F or G" in said  # indicator labels from the package, in English
    assert _figure(at, 0)["layout"]["separators"] == ".,"


def test_dutch_number_format_in_the_charts():
    at = open_page("wonen")
    assert all(_figure(at, index)["layout"]["separators"] == ",." for index in range(CHARTS))


def test_no_badge_where_values_are_official(broken_package, monkeypatch):
    """A package whose housing figures are not illustrative shows no badge and no '(illustratieve cijfers)'."""
    pkg = broken_package()
    cijfers = pkg / "data" / "cijfers.csv"
    cijfers.write_text(cijfers.read_text(encoding="utf-8").replace(",true,", ",false,"), encoding="utf-8")
    monkeypatch.setenv("NLA_DATA", str(pkg))
    at = open_page("wonen")
    _no_exception(at)
    said = texts(at)
    assert BADGE not in said and "illustratieve cijfers" not in said
    for index in range(CHARTS):
        assert "illustratieve" not in json.dumps(_figure(at, index)["layout"]["xaxis"])
    assert _answer(2014, note=False) in said


def test_a_year_without_rent_limits_names_the_limits(broken_package, monkeypatch):
    pkg = broken_package()
    limits = pkg / "data" / "huurgrenzen.csv"
    lines = limits.read_text(encoding="utf-8").splitlines()
    limits.write_text("\n".join(line for line in lines if not line.startswith("2013,")) + "\n", encoding="utf-8")
    monkeypatch.setenv("NLA_DATA", str(pkg))
    at = open_page("wonen", jaar="2013")
    _no_exception(at)
    said = texts(at)
    assert "Voor 2013 staan er geen huurgrenzen in het datapakket" in said
    assert _trace_names(at, 4)[0] == "tot de kwaliteitskortingsgrens"


def test_a_package_without_housing_figures_says_so(broken_package, monkeypatch):
    pkg = broken_package()
    cijfers = pkg / "data" / "cijfers.csv"
    lines = cijfers.read_text(encoding="utf-8").splitlines()
    cijfers.write_text("\n".join(line for line in lines if ",goedkope_huur_per_laag_inkomen," not in line) + "\n",
                       encoding="utf-8")
    monkeypatch.setenv("NLA_DATA", str(pkg))
    at = open_page("wonen")
    _no_exception(at)
    assert "geen cijfers over goedkope huurwoningen" in at.info[0].value

