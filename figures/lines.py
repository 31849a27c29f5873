"""Text over several lines for plotly, which wraps neither a title nor an annotation: what does not fit the
chart's width is cut at its edge (on a phone, 390 px wide, the long ones were)."""

from __future__ import annotations

import functools
import html
import textwrap

import pyphen

# pyphen's hyphenation patterns per language of the app (domain.languages)
_PATTERNS = {"nl": "nl_NL", "en": "en_GB"}
# characters after a line's room that decide its break points (the patterns are shorter): pyphen reads the whole
# word it is given on every call, which made a 50,000-character word take minutes (a call per line)
_CONTEXT = 16


def wrapped(words: str, width: int, lang: str = "nl") -> str:
    """`words` as plotly shows them (escaped, `&amp;` for `&`; no markup) over lines of at most `width`
    characters as read (`&amp;` is one), joined by plotly's `<br>`: broken as `hyphenated` breaks them, so a
    word longer than a line is hyphenated where `lang` allows (an imported package's long names), and an
    escape is never split."""
    lines = hyphenated(html.unescape(words), width, lang)
    return "<br>".join(html.escape(line, quote=False) for line in lines) or words


def hyphenated(words: str, width: int, lang: str = "nl") -> list[str]:
    """`words` (plain text, not escaped) as lines of at most `width` characters, broken at spaces; a word longer
    than a line is broken where the language allows it, with a hyphen ("gereedschaps-" / "berging", not "gere" /
    "edschapsberging"), and cut at the width only where it allows none."""
    return _Hyphenating(width, _dictionary(lang)).wrap(words)


@functools.lru_cache(maxsize=len(_PATTERNS) + 1)
def _dictionary(lang: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=_PATTERNS.get(lang, _PATTERNS["nl"]))


class _Hyphenating(textwrap.TextWrapper):
    """textwrap's wrapping at spaces, with pyphen deciding where a word too long for any line breaks."""

    def __init__(self, width: int, dictionary: pyphen.Pyphen) -> None:
        super().__init__(width, break_long_words=True, break_on_hyphens=False)
        self.dictionary = dictionary

    def _handle_long_word(self, reversed_chunks: list[str], cur_line: list[str], cur_len: int, width: int) -> None:
        # what is left of this line: the longest part of the word that fits there, hyphen included
        word, room = reversed_chunks[-1], max(width - cur_len, 1)
        parts = self.dictionary.wrap(word[:room + _CONTEXT], room)
        if parts:
            cur_line.append(parts[0])
            reversed_chunks[-1] = parts[1] + word[room + _CONTEXT:]
        elif not cur_line:  # no break point fits a whole line: cut at the width, as textwrap does
            super()._handle_long_word(reversed_chunks, cur_line, cur_len, width)
        # else the word starts the next line, where it has the whole width
