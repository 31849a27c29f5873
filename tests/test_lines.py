"""figures.lines: texts over lines for plotly, which wraps nothing itself."""

import pyphen
import pytest

from figures.lines import hyphenated, wrapped


def test_wrapped_breaks_at_spaces_only():
    assert wrapped("Goedkope huurwoningen per laag inkomen", 21) == "Goedkope huurwoningen<br>per laag inkomen"
    assert wrapped("Woningcorporatiebezitspercentage", 10) == "Woningcorporatiebezitspercentage"
    assert wrapped("A &amp; B", 3) == "A<br>&amp;<br>B"


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
