"""The Vergelijken page under AppTest: every way in (default, ?wijk= for each wijk, a chosen set, too few,
unknown ids, English), the table with the city as 100, the URL in step with the choices, the downloads."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from domain import compare
from nla_data import EMBEDDED_DIR, load_package
from tests.apptest import open_page, texts
from ui.downloads import csv_bytes, excel_bytes

PACKAGE = load_package(EMBEDDED_DIR).package
WIJKEN = list(PACKAGE.wijken.index)
QUESTION = "Hoe verhouden de wijken zich?"


def _no_exception(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _param(at, name: str) -> str:
    value = at.query_params[name]
    return value[0] if isinstance(value, list) else value


def _chosen(at) -> list[str]:
    return _param(at, "wijken").split(",")


def _table(at) -> pd.DataFrame:
    """The comparison table as shown (the first dataframe on the page)."""
    value = at.dataframe[0].value
    return value.data if hasattr(value, "data") else value


def _downloads(at) -> list[str]:
    return [button.label for button in at.get("download_button")]


def test_default_compares_all_15_with_the_city_as_100():
    at = open_page("vergelijken")
    _no_exception(at)
    assert at.header[0].value == QUESTION
    assert sorted(_chosen(at)) == sorted(WIJKEN)
    table = _table(at)
    assert len(table) == 2 + 15  # the city, the NLA wijken, then every wijk
    assert table.iloc[0]["gebied"] == "Groningen (stad)"
    assert table.iloc[0]["index"] == "100"
    assert table.iloc[1]["gebied"] == "Gemiddelde NLA-wijken"
    assert list(table["rang"].iloc[2:]) == sorted(table["rang"].iloc[2:])  # ranked, best first
    said = texts(at)
    assert "illustratief" in said
    assert "Door de jaren heen" in [s.value for s in at.subheader]
    assert len(at.get("plotly_chart")) == 3  # bars, trend, small multiples
    assert _downloads(at).count("CSV") == 3 and _downloads(at).count("Excel") == 3


@pytest.mark.parametrize("wijk_id", WIJKEN)
def test_wijk_in_the_url_is_compared_with_its_class_peers(wijk_id):
    at = open_page("vergelijken", wijk=wijk_id)
    _no_exception(at)
    peers = compare.class_peers(PACKAGE.wijken, wijk_id)
    assert sorted(_chosen(at)) == sorted(peers)
    table = _table(at)
    assert PACKAGE.wijken.loc[wijk_id, "naam"] in set(table["gebied"])
    assert len(table) == 2 + len(peers)
    assert table.iloc[0]["index"] == "100"


def test_a_selection_of_two_from_the_url():
    at = open_page("vergelijken", wijken="selwerd,beijum", indicator="leefbaarometer", jaar="2012")
    _no_exception(at)
    table = _table(at)
    assert list(table["gebied"][:2]) == ["Groningen (stad)", "Gemiddelde NLA-wijken"]
    assert set(table["gebied"][2:]) == {"Selwerd", "Beijum"}
    assert sorted(table["rang"][2:]) == [1, 2]
    assert at.selectbox(key="cmp_indicator").value == "leefbaarometer"
    assert at.selectbox(key="cmp_jaar").value == 2012
    assert "Leefbaarheid (Leefbaarometer), 2012" in [s.value for s in at.subheader]


def test_fewer_than_two_says_so_without_an_exception():
    at = open_page("vergelijken", wijken="selwerd")
    _no_exception(at)
    assert any("minstens **twee** wijken" in info.value for info in at.info)
    assert not at.dataframe  # no table for a single wijk
    assert not _downloads(at)


def test_clearing_the_chips_leaves_the_message_and_the_url_empty():
    at = open_page("vergelijken", wijken="selwerd,beijum")
    at.button_group(key="cmp_wijken_groot-zwaar").set_value([]).run()
    _no_exception(at)
    assert any("(nu 0)" in info.value for info in at.info)
    assert _param(at, "wijken") == ""
    at.button(key="cmp_all").click().run()  # quick pick: all 15 again
    _no_exception(at)
    assert sorted(_chosen(at)) == sorted(WIJKEN)


def test_unknown_ids_in_the_url_are_ignored_with_a_note():
    at = open_page("vergelijken", wijken="selwerd,atlantis,Beijum")
    _no_exception(at)
    assert any("atlantis" in warning.value for warning in at.warning)
    assert set(_table(at)["gebied"][2:]) == {"Selwerd", "Beijum"}
    assert sorted(_chosen(at)) == ["beijum", "selwerd"]  # the URL is cleaned up

    only_unknown = open_page("vergelijken", wijken="atlantis,nergens")
    _no_exception(only_unknown)
    assert any("atlantis, nergens" in warning.value for warning in only_unknown.warning)
    assert sorted(_chosen(only_unknown)) == sorted(WIJKEN)  # nothing usable: the default


def test_choosing_chips_writes_the_url():
    at = open_page("vergelijken", wijk="tuinwijk")
    _no_exception(at)
    assert sorted(_chosen(at)) == sorted(compare.class_peers(PACKAGE.wijken, "tuinwijk"))
    at.button_group(key="cmp_wijken_klein-zwaar").set_value(["de-hoogte"]).run()
    _no_exception(at)
    assert "de-hoogte" in _chosen(at) and "tuinwijk" in _chosen(at)


def test_another_wijk_in_the_sidebar_resets_to_its_class_peers():
    at = open_page("vergelijken", wijk="selwerd")
    at.query_params["wijk"] = "tuinwijk"  # what the sidebar picker does
    at.run()
    _no_exception(at)
    assert sorted(_chosen(at)) == sorted(compare.class_peers(PACKAGE.wijken, "tuinwijk"))


def test_extra_indicators_from_the_url_and_none():
    at = open_page("vergelijken", extra="inwoners,woz_gemiddeld,onbekend")
    _no_exception(at)
    assert at.multiselect(key="cmp_extra").value == ["inwoners", "woz_gemiddeld"]
    none = open_page("vergelijken", extra="")
    _no_exception(none)
    assert none.multiselect(key="cmp_extra").value == []
    assert len(none.get("plotly_chart")) == 2  # no small multiples without extra indicators
    assert _downloads(none).count("CSV") == 2


def test_counts_show_the_total_of_the_nla_wijken():
    at = open_page("vergelijken", indicator="inwoners")
    _no_exception(at)
    table = _table(at)
    assert list(table["gebied"][:3]) == ["Groningen (stad)", "NLA-wijken samen", "Gemiddelde per NLA-wijk"]
    assert table.iloc[0]["index"] == "100"
    assert _param(at, "jaar") == "2015"  # the only year with inhabitants


def test_english():
    at = open_page("vergelijken", wijk="selwerd")
    at.session_state["lang"] = "en"
    at.run()
    _no_exception(at)
    assert at.header[0].value == "How do the neighbourhoods compare?"
    table = _table(at)
    assert table.iloc[0]["gebied"] == "Groningen (city)"
    assert table.iloc[0]["index"] == "100"
    assert "Over the years" in [s.value for s in at.subheader]
    assert "illustrative" in texts(at)


def test_download_bytes_open_in_dutch_excel():
    frame = pd.DataFrame({"Gebied": ["Groningen (stad)", "Selwerd"], "Waarde": [0.63, float("nan")],
                          "Rang": pd.array([pd.NA, 1], dtype="Int64"), "Bron": ["CBS; ë", None]})
    data = csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == "Gebied;Waarde;Rang;Bron"
    assert text.splitlines()[1] == 'Groningen (stad);0,63;;"CBS; ë"'
    assert text.splitlines()[2] == "Selwerd;;1;"  # missing stays empty, never 0
    book = openpyxl.load_workbook(io.BytesIO(excel_bytes(frame, "Goedkope huur: per/laag [inkomen] 2014 en meer")))
    sheet = book.worksheets[0]
    assert len(sheet.title) <= 31 and ":" not in sheet.title
    assert [c.value for c in sheet[1]] == ["Gebied", "Waarde", "Rang", "Bron"]
    assert sheet["B2"].value == 0.63 and sheet["B3"].value is None and sheet["C3"].value == 1


def test_every_download_rounds_its_values_as_the_main_table_does(monkeypatch):
    import pages.vergelijken as page

    sent = {}
    monkeypatch.setattr(page, "download_buttons", lambda df, name, lang, **kw: sent.setdefault(name, df))
    _no_exception(open_page("vergelijken", indicator="goedkope_huur_per_laag_inkomen"))
    assert len(sent) == 3, list(sent)
    for name, frame in sent.items():
        values = frame.select_dtypes("number").to_numpy(dtype=float).ravel()
        values = values[~pd.isna(values)]
        assert len(values), name
        # a ratio to 3 decimals (the trend); no value with the float's 15 decimals (the NLA average was one)
        assert all(abs(v * 1000 - round(v * 1000)) < 1e-6 for v in values), (name, values)


@pytest.mark.parametrize(("wijken", "said"), [("selwerd,beijum", True), ("selwerd,hoogkerk", False)])
def test_the_shades_within_a_class_are_explained_when_two_chosen_wijken_share_one(wijken, said):
    """The legend has one swatch per class; two wijken of one class get two shades of it: a caption says so, only
    then (Selwerd and Beijum are both groot, zwaar; Hoogkerk is klein, licht)."""
    klasse = PACKAGE.wijken["klasse"]
    first, second = wijken.split(",")
    assert (klasse[first] == klasse[second]) == said
    at = open_page("vergelijken", wijken=wijken)
    _no_exception(at)
    assert ("Elke wijk heeft haar eigen tint van de kleur van haar klasse (zie de legenda)." in texts(at)) == said
