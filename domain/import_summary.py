"""The CBS import's summary in the page's language (the Beheer page's preview): what the file holds, which
boundaries become official and how many figures change, the wijken by name and the indicators by label.

`nla_data.cbs.plan.describe` writes the same summary in Dutch with the package's ids, for the command line."""

from __future__ import annotations

from collections.abc import Mapping

from domain import format as fmt
from domain.texts import t, tn


def summary_lines(summary: Mapping, wijk_names: Mapping[str, str], indicator_labels: Mapping[str, str],
                  lang: str) -> list[str]:
    """The lines of `summary` (an ImportPlan's) in `lang`; an id without a name or label shows as itself."""
    if not summary:
        return []

    def count(n: int) -> str:
        return fmt.number(n, lang)

    def named(ids) -> str:
        return ", ".join(wijk_names.get(w, w) for w in ids)

    layer = summary.get("laag")
    file_line = t("beheer.cbs.sum.file_layer" if layer else "beheer.cbs.sum.file", lang, year=summary["jaar"],
                  source=summary["bron"], layer=layer, municipality=summary["gemeente"])
    buurten = t("beheer.cbs.sum.buurten", lang, in_file=count(summary["buurten_in_bestand"]),
                placed=count(summary["buurten_geplaatst"]), unplaced=count(len(summary["buurten_niet_geplaatst"])),
                absent=count(len(summary["buurten_niet_in_bestand"])))
    official, partial = summary["wijken_officieel"], summary["wijken_deels"]
    boundaries = tn("beheer.cbs.sum.official", len(official), lang) + (f" ({named(official)})" if official else "")
    if partial:
        boundaries += "; " + t("beheer.cbs.sum.partial", lang, names=named(partial))
    boundaries += "; " + t("beheer.cbs.sum.boundaries", lang, boundaries=t(f"boundaries.{summary['grenzen']}", lang))
    indicators = ", ".join(indicator_labels.get(i, i) for i in summary["indicatoren"])
    figures = t("beheer.cbs.sum.figures", lang, year=summary["jaar"], new=count(summary["cijfers_nieuw"]),
                changed=count(summary["cijfers_gewijzigd"]), same=count(summary["cijfers_gelijk"]),
                indicators=indicators or t("beheer.cbs.sum.no_indicators", lang))
    return [file_line, buurten, boundaries, figures]
