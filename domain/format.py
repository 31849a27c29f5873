"""Numbers, money and dates the Dutch way (€ 1.234.567, 18-09-2013), or the English way, via Babel."""

from __future__ import annotations

import datetime as dt
import math
from functools import lru_cache

import pandas as pd
from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import NumberPattern, format_compact_currency, format_currency, format_decimal, parse_pattern

from domain.languages import DUTCH

LOCALES = {"nl": "nl_NL", "en": "en_GB"}
MISSING = "–"


def _lang(lang: str) -> str:
    """A language this module knows; any other is Dutch."""
    return lang if lang in LOCALES else "nl"


def _locale(lang: str) -> str:
    return LOCALES[_lang(lang)]


def _missing(value) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def number(value, lang: str = DUTCH, decimals: int = 0) -> str:
    if _missing(value):
        return MISSING
    return format_decimal(value, format=_number_pattern(decimals), locale=_parsed_locale(lang))


# Parsed once: Babel parses the locale and the pattern on every call, most of the time of a number (a
# map of 13,000 buurten formats one per hover text).
@lru_cache(maxsize=None)
def _parsed_locale(lang: str) -> Locale:
    return Locale.parse(_locale(lang))


@lru_cache(maxsize=None)
def _number_pattern(decimals: int) -> NumberPattern:
    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals > 0 else ""))


def money(value, lang: str = DUTCH, cents: bool = False) -> str:
    """Whole euros: `€ 1.234.567` (nl, with a no-break space so it never wraps), `€1,234,567` (en);
    with `cents`: `€ 389,05` / `€389.05` (rents, rent limits). Below zero the Dutch way, `€ -450.000`
    (CLDR's Dutch pattern), and `-€450,000` in English."""
    if _missing(value):
        return MISSING
    digits = "#,##0" + (".00" if cents else "")
    pattern = f"¤\u00a0{digits};¤\u00a0-{digits}" if _lang(lang) == "nl" else f"¤{digits}"
    return format_currency(value, "EUR", format=pattern, currency_digits=False, locale=_locale(lang))


def money_short(value, lang: str = DUTCH) -> str:
    """A round amount on an axis, short (CLDR): `€ 10K`, `€ 1,5 mln.` (nl), `€10k`, `€1.5m` (en): four ticks of
    `€ 1.000.000` do not fit a phone's narrow chart. One decimal at most, so that a tick at 2.500.000 does not
    read `€ 2 mln.`. Below zero as `money` writes it: `€ -50K` (nl), `-€50k` (en)."""
    if _missing(value):
        return MISSING
    short = format_compact_currency(abs(value), "EUR", locale=_locale(lang), fraction_digits=1).replace(" ", "\u00a0")
    if value >= 0:
        return short
    return short.replace("€\u00a0", "€\u00a0-", 1) if _lang(lang) == "nl" else "-" + short


def percent(value, lang: str = DUTCH, decimals: int = 1) -> str:
    """`value` is already a percentage (45.7 -> `45,7%`)."""
    if _missing(value):
        return MISSING
    return number(value, lang, decimals) + "%"


def date(value, lang: str = DUTCH) -> str:
    """`18-09-2013` in both languages: the format the users know from Dutch documents."""
    if _missing(value) or value is pd.NaT:
        return MISSING
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        value = value.date() if not isinstance(value, pd.Timestamp) else value.to_pydatetime().date()
    return format_date(value, "dd-MM-yyyy", locale=_locale(lang))


def datetime(value, lang: str = DUTCH) -> str:
    """`18-09-2013 14:02`."""
    if _missing(value) or value is pd.NaT:
        return MISSING
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    return format_datetime(value, "dd-MM-yyyy HH:mm", locale=_locale(lang))


def moment(value, lang: str = DUTCH) -> str:
    """`18 september 2013 om 14:02` (nl), `18 September 2013 at 14:02` (en): a moment in a sentence or a
    history, where the month in words reads faster than `18-09-2013`; a table column has `datetime`."""
    if _missing(value) or value is pd.NaT:
        return MISSING
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    pattern = "d MMMM yyyy 'om' HH:mm" if _lang(lang) == "nl" else "d MMMM yyyy 'at' HH:mm"
    return format_datetime(value, pattern, locale=_locale(lang))


def plural(count, lang: str = DUTCH) -> str:
    """The CLDR plural category of `count` in `lang` (Babel): `one` (1 item) or `other` (0, 7 items).
    Texts with a count have a key per category: `t(f"stale.count.{plural(n)}", n=number(n))`."""
    return Locale.parse(_locale(lang)).plural_form(count)


# Decimals shown per unit of an indicator (the `eenheid` enum of the package); counts, areas and
# densities are whole numbers.
DECIMALS = {"verhouding": 2, "score": 1, "personen": 1, "per_1000_inwoners": 1}


def value(amount, unit: str, lang: str = DUTCH) -> str:
    """A value in the unit of its indicator: `€ 150.000` (euro), `45,7%` (procent), `1,6` (personen),
    `55,1` (per_1000_inwoners), `2.560` (per_km2, aantal, hectare)."""
    if unit == "euro":
        return money(amount, lang)
    if unit == "procent":
        return percent(amount, lang)
    return number(amount, lang, DECIMALS.get(unit, 0))
