"""The NLA wijken: their classes, the order we show them in, and their budgets.

How many wijken there are, their classes (in order, with labels), the size threshold and the
budgets all come from the package: `NlaPackage.wijken` (each wijk's `klasse` and `klasse_volgorde`
are set on load, nla_data.facts.classify) and `NlaPackage.facts.classes`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from domain import format as fmt
from domain.package_text import in_language
from domain.texts import t

if TYPE_CHECKING:
    from nla_data.facts import ClassScheme


def with_class(wijken: pd.DataFrame) -> pd.DataFrame:
    """The wijken ordered by class (in the package's order), then name; `klasse` is each one's class."""
    return wijken.sort_values(["klasse_volgorde", "naam"])  # on several columns pandas keeps ties in order


def ordered_ids(wijken: pd.DataFrame) -> list[str]:
    """Wijk ids grouped by class (as in the sidebar picker)."""
    return list(with_class(wijken)["wijk_id"])


def class_explanation(classes: ClassScheme, lang: str, escape: Callable[[str], str] = str) -> str:
    """How a wijk gets its class: the size threshold and the sources, as the package declares them.
    `escape` quotes the package's words for where the text is shown (ui.components.literal: markdown)."""
    weights = f" {t('word.or', lang)} ".join(classes.weight.label(v, lang) for v in classes.weight.values)
    return t("class.explain", lang, above=escape(classes.size.label(classes.above, lang).capitalize()),
             below=escape(classes.size.label(classes.below, lang)), threshold=fmt.number(classes.threshold, lang),
             size_source=escape(classes.size.source or "–"), weights=escape(weights.capitalize()),
             weight_source=escape(classes.weight.source or "–"))


def size_tension(grootte: str, dwellings: float | None, classes: ClassScheme) -> str | None:
    """The size the package's threshold gives a wijk with this many dwellings, when it differs from the
    size its source gives it (Hoogkerk: *klein* in the source, more than 2,500 dwellings in its buurten)."""
    if dwellings is None or pd.isna(dwellings):
        return None
    expected = classes.size_for(dwellings)
    return expected if expected != grootte else None


def themes(wijk: pd.Series, lang: str) -> list[str]:
    """A wijk's themes in `lang`: `"Groen;Jongeren"` -> `["Groen", "Jongeren"]` (`themas_en` in English, where the
    package gives it)."""
    value = in_language(wijk, "themas", lang)
    return [theme.strip() for theme in value.split(";") if theme.strip()]


@dataclass(frozen=True)
class Budget:
    ceiling: int  # wijkbudget ceiling 2011-2014
    cut_2014: int  # the cut of the letter of 18-09-2013

    @property
    def after_cut(self) -> int:
        return self.ceiling - self.cut_2014


def budget(wijken: pd.DataFrame, wijk_id: str) -> Budget:
    row = wijken.loc[wijk_id]
    return Budget(int(row["plafond_2011_2014"]), int(row["korting_2014"]))


def budget_totals(wijken: pd.DataFrame) -> Budget:
    """All wijken together (in Groningen's source: € 8.875.000 ceiling and € 450.000 cut)."""
    return Budget(int(wijken["plafond_2011_2014"].sum()), int(wijken["korting_2014"].sum()))


def budget_source(wijken: pd.DataFrame, lang: str, wijk_id: str | None = None,
                  escape: Callable[[str], str] = str) -> str:
    """Where the budgets come from and what the cut was in total, over how many wijken (evenly or not),
    from the package: the wijk's `bron` (or every wijk's), the sum of `korting_2014`, the number of wijken.
    `escape` quotes the source for where the text is shown (ui.components.literal: markdown)."""
    sources = [wijken.loc[wijk_id, "bron"]] if wijk_id is not None else list(wijken["bron"])
    source = "; ".join(dict.fromkeys(str(s) for s in sources if pd.notna(s))) or "–"
    cuts = wijken["korting_2014"]
    key = "wijk.budget_source" if cuts.nunique() == 1 else "wijk.budget_source_uneven"
    return t(key, lang, source=escape(source), cut=fmt.money(budget_totals(wijken).cut_2014, lang), n=len(wijken))


def outline_note(wijkgrenzen: pd.DataFrame, wijk_id: str, lang: str, escape: Callable[[str], str] = str) -> str:
    """Where the wijk's outline comes from, as the package says: its source (quoted by `escape`, as in
    `budget_source`), *indicatief* only when it is, and "no figure" when the package has no outline."""
    own = wijkgrenzen[wijkgrenzen["wijk_id"] == wijk_id]
    if own.empty:
        return t("value.missing", lang)
    feature = own.iloc[0]
    if feature.get("status") == "indicatief":
        return t("value.outlines_indicative", lang)
    source = feature.get("bron")
    return t("wijk.outlines_source", lang, source=escape(str(source) if pd.notna(source) and source else "–"))
