"""nla_data.problems: a data check's message in Dutch and in English (Said), shortened in both, kept through a pickle
(the CBS import's worker and Streamlit's caches pickle problems), and where it is, in either language."""

from __future__ import annotations

import pickle
import warnings

import pytest

from domain.messages import say
from nla_data.problems import (MAX_MESSAGE, MAX_QUOTE, Problem, Said, Untranslated, counted, number_text, said,
                               size_text)


def test_a_message_is_its_dutch_and_says_itself_in_english():
    message = said("bestand ontbreekt: a.csv", "file missing: a.csv")
    assert message == "bestand ontbreekt: a.csv"  # the command line, the logs and the tests read the Dutch
    assert isinstance(message, str)
    assert message.in_("en") == "file missing: a.csv"
    assert message.in_("nl") == "bestand ontbreekt: a.csv"
    assert message.in_("fr") == "bestand ontbreekt: a.csv"  # any other language reads Dutch
    assert say(message, "en") == "file missing: a.csv"  # as the pages ask for any check's message


def test_a_problem_gives_its_message_and_its_place_in_either_language():
    problem = Problem("items", said("lege rij", "empty row"), 12, "titel")
    assert problem.text("en") == "empty row"
    assert problem.text("nl") == "lege rij"
    assert problem.where() == "items, rij 12, veld 'titel'"
    assert problem.where("en") == "items, row 12, field 'titel'"
    assert str(problem) == "items, rij 12, veld 'titel': lege rij"
    assert Problem("items", said("lege rij", "empty row")).where("en") == "items"


def test_a_long_message_is_shortened_in_both_languages():
    problem = Problem("x" * 500, said("n" * 5000, "e" * 5000), 1, "f" * 500)
    assert len(problem.message) == MAX_MESSAGE and problem.message.endswith("…")
    assert len(problem.text("en")) == MAX_MESSAGE and problem.text("en").startswith("e")
    assert len(problem.resource) == MAX_QUOTE + 1 and len(problem.field) == MAX_QUOTE + 1


def test_both_texts_survive_a_pickle():
    problem = Problem("items", said("lege rij", "empty row"), 3)
    again = pickle.loads(pickle.dumps(problem))
    assert again == problem
    assert isinstance(again.message, Said)
    assert again.text("en") == "empty row"


def test_a_message_without_its_english_warns_and_is_shown_in_dutch():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        problem = Problem("items", "alleen Nederlands")
    assert [w.category for w in caught] == [Untranslated]
    assert problem.text("en") == "alleen Nederlands"  # Dutch rather than nothing
    with pytest.raises(Untranslated):  # the suite's setting (pyproject.toml): an untranslated check fails its test
        Problem("items", "alleen Nederlands")


@pytest.mark.parametrize(("count", "lang", "expected"), [
    (1, "nl", "1 rij"), (2, "nl", "2 rijen"), (1200, "nl", "1.200 rijen"),
    (1, "en", "1 row"), (0, "en", "0 rows"), (1200, "en", "1,200 rows")])
def test_counts_are_written_the_way_of_the_language(count, lang, expected):
    assert counted(count, *(("rij", "rijen") if lang == "nl" else ("row", "rows")), lang) == expected


def test_numbers_and_sizes_the_way_of_the_language():
    assert number_text(13_000) == "13.000" and number_text(13_000, "en") == "13,000"
    assert size_text(512 * 1024) == "0,5 MB" and size_text(512 * 1024, "en") == "0.5 MB"
    assert size_text(2048 * 1024 * 1024) == "2.048 MB" and size_text(2048 * 1024 * 1024, "en") == "2,048 MB"
