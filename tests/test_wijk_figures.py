"""The wijk page's key figures: the real 2015 CBS figures next to the (still illustrative) housing figures,
each with its year and source, and a partial value saying how much of its base it covers."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from tests.apptest import open_page, texts


def _tiles(at) -> str:
    return texts(at).replace("\\", "")  # markdown escapes, e.g. "1\\.000"


def test_the_wijk_page_shows_real_cbs_figures_with_year_and_source():
    at = open_page("wijk", wijk="selwerd")
    shown = _tiles(at)
    for label in ("Inwoners", "Huishoudens", "Aandeel 65 jaar en ouder", "Bijstand per 1.000 inwoners"):
        assert label in shown
    assert "6.585" in shown and "4.065" in shown  # CBS 2015: sums of Selwerd's buurt
    assert "2015 · CBS" in shown
    assert "⚠️ 2014 · illustratief" in shown  # the housing figures keep their badge
    assert "Grenzen: CBS, Wijk- en buurtkaart 2015" in shown
    assert "indicatief" not in shown.replace("illustratief", "")


def test_the_wijk_page_in_english_keeps_the_source():
    at = open_page("wijk", wijk="beijum")
    at.session_state["lang"] = "en"
    shown = _tiles(at.run())
    assert "Inhabitants" in shown and "2015 · CBS" in shown and "Boundaries: CBS" in shown


@pytest.fixture
def partial_package(tmp_path, monkeypatch):
    """The embedded package with Selwerd's share of people aged 65+ known for part of its base only."""
    from tests.conftest import EMBEDDED_DIR

    copy = tmp_path / "pakket"
    shutil.copytree(EMBEDDED_DIR, copy)
    path = copy / "data" / "cijfers.csv"
    cijfers = pd.read_csv(path, dtype=str, keep_default_na=False)
    row = (cijfers["gebied_id"] == "selwerd") & (cijfers["indicator"] == "aandeel_65_plus")
    cijfers.loc[row, "dekking"] = "0.93"
    cijfers.loc[row, "opmerking"] = "gedeeltelijk: 93 % van de inwoners"
    cijfers.to_csv(path, index=False, lineterminator="\n")
    monkeypatch.setenv("NLA_DATA", str(copy))
    return copy


def test_a_partial_figure_says_so(partial_package):
    at = open_page("wijk", wijk="selwerd")
    assert "gedeeltelijk: 93% van de basis bekend" in _tiles(at)
