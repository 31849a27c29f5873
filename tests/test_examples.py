"""domain.examples: an example of the source stays one until someone rewrites its words."""

from __future__ import annotations

import warnings

import pandas as pd

from domain.examples import still_examples

ORIGINALS = pd.DataFrame({"item_id": ["a", "b", "c"], "titel": ["Wijkstemdag", "Moestuin", "Buurtkamer"],
                          "beschrijving": ["Bewoners stemmen.", "Samen tuinieren.", None]})


def live(**columns) -> pd.DataFrame:
    base = {"item_id": ["a", "b", "c"], "titel": ["Wijkstemdag", "Moestuin", "Buurtkamer"],
            "beschrijving": ["Bewoners stemmen.", "Samen tuinieren.", None], "voorbeeld": [True, True, True]}
    return pd.DataFrame({**base, **columns})


def test_untouched_examples_stay_examples():
    assert still_examples(live(), ORIGINALS).tolist() == [True, True, True]


def test_a_new_title_or_description_makes_it_someones_own():
    rewritten = live(titel=["Wijkstemdag 2014", "Moestuin", "Buurtkamer"],
                     beschrijving=["Bewoners stemmen.", "Samen tuinieren in de wijk.", None])
    assert still_examples(rewritten, ORIGINALS).tolist() == [False, False, True]
    described = live(beschrijving=["Bewoners stemmen.", "Samen tuinieren.", "Nu met koffie."])
    assert still_examples(described, ORIGINALS).tolist() == [True, True, False]


def test_spacing_and_line_breaks_are_not_a_rewrite():
    respaced = live(titel=["  Wijkstemdag ", "Moestuin", "Buurtkamer"],
                    beschrijving=["Bewoners\nstemmen.", "Samen  tuinieren.", float("nan")])
    assert still_examples(respaced, ORIGINALS).tolist() == [True, True, True]


def test_only_entries_the_package_marks_and_knows_are_examples():
    unmarked = live(voorbeeld=[False, None, True])
    assert still_examples(unmarked, ORIGINALS).tolist() == [False, False, True]
    unknown = live(item_id=["a", "nieuw", "c"])
    assert still_examples(unknown, ORIGINALS).tolist() == [True, False, True]
    no_column = live().drop(columns="voorbeeld")
    assert still_examples(no_column, ORIGINALS).tolist() == [False, False, False]


def test_a_live_table_without_a_description_column_compares_it_as_empty():
    without = live().drop(columns="beschrijving")
    assert still_examples(without, ORIGINALS).tolist() == [False, False, True]
    originals_without = ORIGINALS.drop(columns="beschrijving")
    assert still_examples(live(), originals_without).tolist() == [True, True, True]


def test_an_entry_whose_mark_is_unknown_is_no_example():
    missing = live(voorbeeld=[True, float("nan"), False])
    assert still_examples(missing, ORIGINALS).tolist() == [True, False, False]
    nullable = live(voorbeeld=pd.array([True, pd.NA, True], dtype="boolean"))
    assert still_examples(nullable, ORIGINALS).tolist() == [True, False, True]


def test_a_mark_read_as_numbers_with_gaps_is_decided_without_a_warning():
    """A database may give the mark as 1.0 / NaN: 1.0 is an example, NaN is not, and no pandas warning (a later
    pandas raises where this one warns) is given."""
    numbers = live(voorbeeld=[1.0, float("nan"), 0.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert still_examples(numbers, ORIGINALS).tolist() == [True, False, False]
