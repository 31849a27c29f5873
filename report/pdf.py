"""The council report as PDF (fpdf2): one A4 portrait page per wijk, placed from a `domain.report.WijkReport`.

It only places what the domain gathered and formatted; it reads no data. The font (Liberation Sans,
shipped in `fonts/`) covers every character the texts use (€, –, ë, the no-break space in amounts), so
the page looks the same on any machine.
"""

from __future__ import annotations

import io
from pathlib import Path

from fpdf import FPDF, FontFace

from domain import format as fmt
from domain.report import KeyFigure, ReportEntry, ReportSection, WijkReport
from domain.texts import t

FONTS = Path(__file__).parent / "fonts"
FONT = "Sans"
PAGE_W, PAGE_H = 210, 297  # mm, A4 portrait
MARGIN = 14
WIDTH = PAGE_W - 2 * MARGIN
LEFT_W = 100  # key figures and budget; the map beside them
GAP = 6
MAP_W = WIDTH - LEFT_W - GAP
MAP_H = round(MAP_W * 0.75)
MAP_PX = (480, 360)  # CSS pixels of the exported map: the same 4:3 as its place on the page
FOOTER_Y = PAGE_H - 16
INK, MUTED, RULE, WARN = (31, 42, 46), (96, 104, 110), (200, 204, 208), (150, 90, 0)
SECTION_COLOURS = ((0, 114, 178), (0, 158, 115), (213, 94, 0))  # one per section, as the app's chips


class _Page(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.set_auto_page_break(False)  # one page per wijk: what does not fit is counted, not spilled
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.add_font(FONT, "", FONTS / "LiberationSans-Regular.ttf")
        self.add_font(FONT, "B", FONTS / "LiberationSans-Bold.ttf")
        self.add_font(FONT, "I", FONTS / "LiberationSans-Italic.ttf")
        self.set_creator("Wijkperspectief")


def render(reports: list[WijkReport], maps: list[bytes | None], *, title: str | None = None) -> bytes:
    """One page per report, with its map (PNG bytes, or None: the page says the map is missing)."""
    pdf = _Page()
    pdf.set_title(title or (reports[0].name if len(reports) == 1 else reports[0].kicker))
    pdf.set_lang("nl" if reports[0].lang == "nl" else "en")
    for number, (report, image) in enumerate(zip(reports, maps, strict=True), start=1):
        pdf.add_page()
        _page(pdf, report, image, number, len(reports))
    out = io.BytesIO()
    pdf.output(out)
    return out.getvalue()


def _page(pdf: _Page, report: WijkReport, image: bytes | None, number: int, pages: int) -> None:
    lang = report.lang
    pdf.set_fill_color(255, 255, 255)  # the section bars of the page before set it; tables fill with it
    _text(pdf, 8, MUTED)
    pdf.set_xy(MARGIN, MARGIN - 2)
    pdf.cell(WIDTH, 4, report.kicker)
    pdf.set_xy(MARGIN, MARGIN + 3)
    _text(pdf, 22, INK, "B")
    pdf.cell(WIDTH, 10, report.name)
    pdf.set_xy(MARGIN, MARGIN + 14)
    _text(pdf, 9.5, INK)
    pdf.multi_cell(WIDTH, 4.6, "  ·  ".join(report.chips), align="L")
    if report.themes:
        _text(pdf, 9, INK)
        pdf.set_x(MARGIN)
        pdf.multi_cell(WIDTH, 4.4, f"{t('report.themes', lang)}: {report.themes}", align="L")
    if report.profile_note:
        _text(pdf, 7.5, WARN, "I")
        pdf.set_x(MARGIN)
        pdf.multi_cell(WIDTH, 3.6, report.profile_note, align="L")
    top = pdf.get_y() + 3
    pdf.set_draw_color(*RULE)
    pdf.line(MARGIN, top - 1.5, PAGE_W - MARGIN, top - 1.5)

    left_end = _left_column(pdf, report, top)
    right_end = _map(pdf, report, image, top)
    outlook_top = max(left_end, right_end) + 4
    pdf.line(MARGIN, outlook_top - 2, PAGE_W - MARGIN, outlook_top - 2)
    sections_top = _outlook(pdf, report, outlook_top) + 4
    pdf.line(MARGIN, sections_top - 2, PAGE_W - MARGIN, sections_top - 2)
    _sections(pdf, report.sections, sections_top, lang)
    _footer(pdf, report, number, pages)


def _left_column(pdf: _Page, report: WijkReport, top: float) -> float:
    lang = report.lang
    pdf.set_xy(MARGIN, top)
    _heading(pdf, t("report.key_figures", lang), LEFT_W)
    _text(pdf, 8.5, INK)
    pdf.set_right_margin(PAGE_W - MARGIN - LEFT_W)
    headings = FontFace(family=FONT, emphasis="", size_pt=7, color=MUTED)
    with pdf.table(width=LEFT_W, col_widths=(58, 21, 10, 11), align="LEFT", line_height=4.2,
                   text_align=("LEFT", "RIGHT", "CENTER", "CENTER"), borders_layout="HORIZONTAL_LINES",
                   headings_style=headings, padding=(0.6, 1, 0.6, 1)) as table:
        table.row(["", "", t("report.year", lang), t("report.source", lang)])
        for figure in report.key_figures:
            table.row(_figure_cells(figure))
    y = pdf.get_y() + 1
    _text(pdf, 6.8, MUTED)
    pdf.set_xy(MARGIN, y)
    sources = "  ".join(f"[{i}] {source}" for i, source in enumerate(report.sources, start=1))
    pdf.multi_cell(LEFT_W, 3.1, f"{t('report.sources', lang)}: {sources}", align="L")
    if report.illustrative_note:
        _text(pdf, 6.8, WARN, "I")
        pdf.set_x(MARGIN)
        pdf.multi_cell(LEFT_W, 3.1, report.illustrative_note, align="L")

    pdf.set_xy(MARGIN, pdf.get_y() + 3)
    _heading(pdf, report.budget_title, LEFT_W)
    _text(pdf, 8.5, INK)
    with pdf.table(width=LEFT_W, col_widths=(70, 30), align="LEFT", line_height=4.4, first_row_as_headings=False,
                   text_align=("LEFT", "RIGHT"), borders_layout="HORIZONTAL_LINES", padding=(0.6, 1, 0.6, 1)) as table:
        for label, amount in report.budget_lines:
            table.row([label, amount])
    _text(pdf, 6.8, MUTED)
    pdf.set_xy(MARGIN, pdf.get_y() + 1)
    pdf.multi_cell(LEFT_W, 3.1, report.budget_source, align="L")
    _text(pdf, 7.5, INK, "B")
    pdf.set_xy(MARGIN, pdf.get_y() + 1)
    pdf.cell(LEFT_W, 3.6, t("report.decisions", lang), new_x="LMARGIN", new_y="NEXT")
    _text(pdf, 7.5, INK)
    for line in report.decisions:
        pdf.set_x(MARGIN)
        pdf.multi_cell(LEFT_W, 3.4, line, align="L")
    pdf.set_right_margin(MARGIN)
    return pdf.get_y()


def _figure_cells(figure: KeyFigure) -> list[str]:
    value = f"{figure.value}*" if figure.illustrative else figure.value
    return [figure.label, value, figure.year, f"[{figure.source}]"]


def _map(pdf: _Page, report: WijkReport, image: bytes | None, top: float) -> float:
    x = MARGIN + LEFT_W + GAP
    pdf.set_xy(x, top)
    _heading(pdf, t("report.map", report.lang), MAP_W, x=x)
    y = pdf.get_y()
    if image is not None:
        pdf.image(io.BytesIO(image), x=x, y=y, w=MAP_W, h=MAP_H)
    pdf.set_draw_color(*RULE)
    pdf.rect(x, y, MAP_W, MAP_H)
    if image is None:
        _text(pdf, 8, MUTED, "I")
        pdf.set_xy(x, y + MAP_H / 2 - 2)
        pdf.cell(MAP_W, 4, t("report.no_map", report.lang), align="C")
    _text(pdf, 6.8, MUTED)
    pdf.set_xy(x, y + MAP_H + 1)
    pdf.multi_cell(MAP_W, 3.1, f"{t('report.buurten', report.lang)}: {report.buurten}", align="L")
    pdf.set_x(x)
    pdf.multi_cell(MAP_W, 3.1, report.outline_note, align="L")
    return pdf.get_y()


OUTLOOK_W = (WIDTH - GAP) / 2


def _outlook(pdf: _Page, report: WijkReport, top: float) -> float:
    """The open kansen and bedreigingen, one half of the width per kind, each line with its date; a band of a
    few lines (the domain keeps them short and few), so the sections below keep their room."""
    lang = report.lang
    if not report.outlook:
        return top - 4  # the package declares no outlook: no band
    pdf.set_xy(MARGIN, top)
    _text(pdf, 9.5, INK, "B")
    pdf.cell(WIDTH, 4.6, report.outlook_title, new_x="LMARGIN", new_y="NEXT")
    if not any(kind.lines for kind in report.outlook):
        _text(pdf, 7.5, MUTED, "I")
        pdf.set_x(MARGIN)
        pdf.multi_cell(WIDTH, 3.4, report.outlook_empty, align="L")
        return pdf.get_y()
    start, end = pdf.get_y() + 0.4, pdf.get_y()
    for i, kind in enumerate(report.outlook):
        x = MARGIN + i * (OUTLOOK_W + GAP)
        pdf.set_xy(x, start)
        _text(pdf, 7.8, INK, "B")
        pdf.cell(OUTLOOK_W, 3.6, kind.title, new_x="LEFT", new_y="NEXT")
        if not kind.lines:
            _text(pdf, 7, MUTED, "I")
            pdf.multi_cell(OUTLOOK_W, 3.1, t("out.empty_kind", lang, kind=kind.title.lower()), align="L")
        _text(pdf, 7, INK)
        for line in kind.lines:
            pdf.set_x(x)
            pdf.multi_cell(OUTLOOK_W, 3.1, line, align="L")
        if kind.hidden:
            _text(pdf, 7, MUTED, "I")
            pdf.set_x(x)
            pdf.cell(OUTLOOK_W, 3.1, t("report.outlook_more", lang, n=fmt.number(kind.hidden, lang)),
                     new_x="LEFT", new_y="NEXT")
        end = max(end, pdf.get_y())
    return end


SECTION_W = (WIDTH - 2 * GAP) / 3
TITLE_SIZE, FACTS_SIZE = 8.3, 6.8
TITLE_LINE, FACTS_LINE = 3.5, 3.0
ENTRY_GAP = 1.8


def _sections(pdf: _Page, sections: tuple[ReportSection, ...], top: float, lang: str) -> None:
    bottom = FOOTER_Y - 4
    for i, section in enumerate(sections):
        x = MARGIN + i * (SECTION_W + GAP)
        colour = SECTION_COLOURS[i % len(SECTION_COLOURS)]
        pdf.set_fill_color(*colour)
        pdf.rect(x, top, SECTION_W, 1.2, style="F")
        pdf.set_fill_color(255, 255, 255)
        pdf.set_xy(x, top + 2)
        _text(pdf, 10.5, INK, "B")
        pdf.cell(SECTION_W, 5, section.title, new_x="LEFT", new_y="NEXT")
        _text(pdf, 7, MUTED)
        pdf.cell(SECTION_W, 3.6, section.counts, new_x="LEFT", new_y="NEXT")
        pdf.set_y(pdf.get_y() + 1)
        if not section.entries:
            _text(pdf, 7.5, MUTED, "I")
            pdf.set_x(x)
            pdf.multi_cell(SECTION_W, 3.3, section.empty, align="L")
            continue
        hidden = section.hidden
        for drawn, entry in enumerate(section.entries):
            if pdf.get_y() + _entry_height(pdf, entry) > bottom - 4:
                hidden += len(section.entries) - drawn
                break
            _entry(pdf, x, entry)
        if hidden:
            _text(pdf, 7, MUTED, "I")
            pdf.set_x(x)
            pdf.cell(SECTION_W, 3.4, t("report.more", lang, n=fmt.number(hidden, lang)))


def _entry(pdf: _Page, x: float, entry: ReportEntry) -> None:
    for text, size, line, style, colour in _entry_lines(entry):
        _text(pdf, size, colour, style)
        pdf.set_x(x)
        pdf.multi_cell(SECTION_W, line, text, align="L")
    pdf.set_y(pdf.get_y() + ENTRY_GAP)


def _entry_height(pdf: _Page, entry: ReportEntry) -> float:
    height = ENTRY_GAP
    for text, size, line, style, colour in _entry_lines(entry):
        _text(pdf, size, colour, style)
        height += line * len(pdf.multi_cell(SECTION_W, line, text, dry_run=True, output="LINES"))
    return height


def _entry_lines(entry: ReportEntry) -> list[tuple[str, float, float, str, tuple[int, int, int]]]:
    """Title, facts and (for an open entry) the start of its description: text, size, line height, style, colour."""
    lines = [(entry.title, TITLE_SIZE, TITLE_LINE, "B", INK if entry.open else MUTED),
             (entry.facts, FACTS_SIZE, FACTS_LINE, "", MUTED)]
    if entry.summary:
        lines.append((entry.summary, FACTS_SIZE, FACTS_LINE, "", INK))
    return lines


def _footer(pdf: _Page, report: WijkReport, number: int, pages: int) -> None:
    pdf.set_draw_color(*RULE)
    pdf.line(MARGIN, FOOTER_Y - 1.5, PAGE_W - MARGIN, FOOTER_Y - 1.5)
    _text(pdf, 7, MUTED)
    pdf.set_xy(MARGIN, FOOTER_Y)
    pdf.multi_cell(WIDTH - 25, 3.2, f"{report.data_date} {report.privacy_note}", align="L")
    pdf.set_xy(PAGE_W - MARGIN - 25, FOOTER_Y)
    pdf.cell(25, 3.2, t("report.page", report.lang, page=number, pages=pages), align="R")


def _heading(pdf: _Page, text: str, width: float, x: float = MARGIN) -> None:
    _text(pdf, 10.5, INK, "B")
    pdf.set_x(x)
    pdf.cell(width, 5.5, text, new_x="LEFT", new_y="NEXT")


def _text(pdf: _Page, size: float, colour: tuple[int, int, int], style: str = "") -> None:
    pdf.set_font(FONT, style, size)
    pdf.set_text_color(*colour)
