"""figures.lines: texts over lines for plotly, which wraps nothing itself."""

import pyphen
import pytest

from figures.lines import hyphenated, wrapped


def test_wrapped_breaks_at_spaces_and_hyphenates_a_word_longer_than_a_line():
    assert wrapped("Goedkope huurwoningen per laag inkomen", 21) == "Goedkope huurwoningen<br>per laag inkomen"
    assert wrapped("Woningcorporatiebezitspercentage", 17) == "Woningcorporatie-<br>bezitspercentage"
    assert wrapped("Woningcorporatiebezitspercentage", 40) == "Woningcorporatiebezitspercentage"
    assert wrapped("neighbourhoods", 12, "en") == "neighbour-<br>hoods"


def test_wrapped_counts_an_escape_as_the_character_it_shows_and_never_splits_one():
    assert wrapped("A &amp; B", 3) == "A &amp;<br>B"  # "A &" is three characters on the chart
    assert wrapped("Noord &lt;&gt; Zuid", 6) == "Noord<br>&lt;&gt;<br>Zuid"
    assert wrapped("x&amp;" * 8, 5).split("<br>") == ["x&amp;x&amp;x", "&amp;x&amp;x&amp;", "x&amp;x&amp;x", "&amp;"]
    assert wrapped("", 10) == ""


@pytest.mark.parametrize(("lang", "word", "lines"), [
    ("nl", "gereedschapsberging", ["gereedschaps-", "berging"]),
    ("nl", "huurtoeslaggrens", ["huurtoeslag-", "grens"]),
    ("en", "neighbourhoods", ["neighbour-", "hoods"]),
])
def test_hyphenated_breaks_a_long_word_between_syllables_in_the_pages_language(lang, word, lines):
    assert hyphenated(word, 13, lang) == lines


def test_hyphenated_fills_a_line_before_it_breaks_a_word_and_keeps_every_line_within_the_width():
    text = "Waterpunt en gereedschapsberging voor de moestuin van bewoners in Beijum-Oost"
    lines = hyphenated(text, 17)
    assert lines[:2] == ["Waterpunt en ge-", "reedschapsberging"]
    assert all(len(line) <= 17 for line in lines)
    assert "".join(lines).replace(" ", "").replace("-", "") == text.replace(" ", "").replace("-", "")  # nothing lost


def test_hyphenated_cuts_a_word_without_a_break_point_at_the_width_and_keeps_short_texts_whole():
    assert hyphenated("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    assert hyphenated("Selwerd", 17) == ["Selwerd"]
    assert hyphenated("", 17) == []
    assert hyphenated("gereedschapsberging", 13, "xx") == ["gereedschaps-", "berging"]  # unknown language: Dutch


def test_a_very_long_word_breaks_only_where_the_whole_word_allows_and_loses_nothing():
    word = "gereedschapsbergingswaterpuntenonderhoudsovereenkomst" * 400  # 21,200 characters, one word
    lines = hyphenated(word, 17)
    allowed = set(pyphen.Pyphen(lang="nl_NL").positions(word))
    assert all(len(line) <= 17 for line in lines)
    assert "".join(line.removesuffix("-") for line in lines) == word
    breaks = [sum(len(line.removesuffix("-")) for line in lines[:n]) for n in range(1, len(lines))]
    assert set(breaks) <= allowed
