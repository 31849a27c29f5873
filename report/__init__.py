"""The council report: a one-page A4 PDF per wijk (or one file with all of them).

`wijk_pdf(pkg, items, links, ["selwerd"])`: the domain gathers each page (`domain.report`), the small map
of each wijk (`figures.maps.wijk_map`, offline style) becomes a PNG through kaleido (`report.images`), and
`report.pdf` places it all. `items` and `links` are the entries; only what the public may see is used.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pandas as pd

from domain import privacy
from domain.permissions import PUBLIC
from domain.report import WijkReport, wijk_report
from figures.maps import OFFLINE_STYLE, wijk_map
from report import images, pdf

if TYPE_CHECKING:
    from nla_data import NlaPackage

__all__ = ["map_images", "reports", "wijk_pdf"]


def reports(pkg: NlaPackage, items: pd.DataFrame, links: pd.DataFrame, wijk_ids: list[str], *, lang: str = "nl",
            today: dt.date | None = None, decisions: pd.DataFrame | None = None,
            outlook: pd.DataFrame | None = None) -> list[WijkReport]:
    """The content of each wijk's page, from the entries as the public sees them (whoever asks), the budget
    decisions and the kansen and bedreigingen (public: anyone may read them)."""
    public_items, public_links = privacy.visible_entries(items, links, PUBLIC)
    return [wijk_report(pkg, public_items, public_links, wijk_id, lang=lang, today=today, decisions=decisions,
                        outlook=outlook) for wijk_id in wijk_ids]


def map_images(pkg: NlaPackage, wijk_ids: list[str], *, lang: str = "nl") -> list[bytes | None]:
    """The small map of each wijk as a PNG (None where it could not be drawn), in one browser session."""
    figures = []
    for wijk_id in wijk_ids:
        outlines = pkg.wijkgrenzen.assign(klasse=pkg.wijken.loc[wijk_id, "klasse"])
        figures.append(wijk_map(pkg.buurtgrenzen, outlines, wijk_id, lang=lang, style=OFFLINE_STYLE,
                                height=pdf.MAP_PX[1], classes=pkg.facts.classes))
    return images.png_images(figures, width=pdf.MAP_PX[0], height=pdf.MAP_PX[1], scale=2.5)


def wijk_pdf(pkg: NlaPackage, items: pd.DataFrame, links: pd.DataFrame, wijk_ids: list[str], *, lang: str = "nl",
             today: dt.date | None = None, maps: list[bytes | None] | None = None,
             decisions: pd.DataFrame | None = None, outlook: pd.DataFrame | None = None) -> bytes:
    """One page per wijk in `wijk_ids` (in that order). `maps`: PNGs already made (else made here);
    `decisions`: the recorded budget decisions (`nla_data.decisions.DecisionStore.frame()`); `outlook`: the
    kansen and bedreigingen (`nla_data.outlook.OutlookStore.frame()`)."""
    pages = reports(pkg, items, links, wijk_ids, lang=lang, today=today, decisions=decisions, outlook=outlook)
    return pdf.render(pages, maps if maps is not None else map_images(pkg, wijk_ids, lang=lang))
