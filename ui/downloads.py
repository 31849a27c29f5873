"""Every table as a download: CSV for Dutch Excel and a real .xlsx, both built in memory.

Dutch Excel opens a CSV by double-click only when it is UTF-8 *with* a byte-order mark (else
`Ã«` instead of `ë`), separated by semicolons, with a decimal comma. The .xlsx keeps numbers as
numbers, so nothing depends on the reader's locale.

A text cell a spreadsheet would run as a formula (`=…`, `+…`, `-…`, `@…`; nla_data.csv_safety) is
never a formula: in the CSV it gets a leading apostrophe, in the .xlsx it is stored as text with
Excel's own quote prefix (the hidden apostrophe Excel sets when someone types `'=…`), so it shows
as written and stays text when edited. Numbers are not touched: -1 stays the number -1.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pandas as pd
import streamlit as st

from domain import format as fmt
from domain.texts import t
from domain.wijken import ordered_ids
from nla_data.csv_safety import is_formula_like, neutralise_frame
from nla_data.store import now

CSV_MIME = "text/csv"
EXCEL_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def csv_bytes(df: pd.DataFrame, *, index: bool = False) -> bytes:
    """UTF-8 with BOM, `;` between fields, `,` as decimal mark; missing values are empty cells."""
    text = neutralise_frame(df, index=index).to_csv(sep=";", decimal=",", index=index, na_rep="",
                                                    lineterminator="\r\n")
    return text.encode("utf-8-sig")


def sheet_name(name: str) -> str:
    """Excel's rules: at most 31 characters, none of `[]:*?/\\`, not empty."""
    cleaned = _SHEET_FORBIDDEN.sub(" ", str(name)).strip().strip("'")
    return (cleaned or "Tabel")[:31]


def excel_bytes(df: pd.DataFrame, sheet: str = "Tabel", *, index: bool = False) -> bytes:
    """An .xlsx (openpyxl) with one sheet; the header row frozen and the columns wide enough to read."""
    buffer = io.BytesIO()
    frame = _excel_safe(df)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        name = sheet_name(sheet)
        frame.to_excel(writer, sheet_name=name, index=index)
        worksheet = writer.sheets[name]
        worksheet.freeze_panes = "B2" if index else "A2"
        _text_stays_text(worksheet)
        for column in worksheet.columns:
            width = max(len(str(cell.value)) if cell.value is not None else 0 for cell in column)
            worksheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 60)
    return buffer.getvalue()


def _text_stays_text(worksheet) -> None:
    """openpyxl stores a text starting with `=` as a formula: every such text (the same rule as the
    CSV's apostrophe) becomes a plain text cell with Excel's quote prefix."""
    for row in worksheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and is_formula_like(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True


def _excel_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Nullable and string columns as plain objects, so <NA> becomes an empty cell, not an error."""
    frame = df.copy()
    for name in frame.columns:
        column = frame[name]
        if isinstance(column.dtype, pd.api.extensions.ExtensionDtype) or column.dtype == object:
            frame[name] = column.astype(object).where(column.notna(), None)
    return frame


def file_stem(name: str) -> str:
    """`"Vergelijken: aandeel sociale huur 2014"` -> `"vergelijken-aandeel-sociale-huur-2014"`."""
    stem = re.sub(r"[^0-9A-Za-z]+", "-", name).strip("-").lower()
    return stem or "tabel"


def download_buttons(df: pd.DataFrame, name: str, lang: str, *, sheet: str | None = None,
                     index: bool = False) -> None:
    """Two buttons side by side, CSV and Excel, for `df`; `name` makes the file names and the keys.

    The bytes are built only when someone clicks (deferred), not on every rerun.
    """
    stem = file_stem(name)
    row = st.container(horizontal=True, gap="small", vertical_alignment="center")
    with row:
        st.caption(t("cmp.download_label", lang), width="content")
        st.download_button(t("cmp.download_csv", lang), data=lambda: csv_bytes(df, index=index),
                           file_name=f"{stem}.csv", mime=CSV_MIME, key=f"download-{stem}-csv",
                           icon=":material/download:", on_click="ignore",
                           help=t("cmp.download_help_csv", lang))
        st.download_button(t("cmp.download_excel", lang), data=lambda: excel_bytes(df, sheet or name, index=index),
                           file_name=f"{stem}.xlsx", mime=EXCEL_MIME, key=f"download-{stem}-xlsx",
                           icon=":material/table_view:", on_click="ignore",
                           help=t("cmp.download_help_excel", lang))


PDF_MIME = "application/pdf"


@st.cache_data(show_spinner=False, max_entries=32)
def _report_pdf(package: tuple, wijk_ids: tuple[str, ...], revision: tuple, lang: str, today: dt.date) -> bytes:
    import report  # kaleido and fpdf2 only when someone asks for a report
    from ui import decision_form, state
    from ui import outlook as outlook_ui

    items, links = state.entries()
    return report.wijk_pdf(state.package(), items, links, list(wijk_ids), lang=lang, today=today,
                           decisions=decision_form.frame(), outlook=outlook_ui.frame())


def report_button(wijk_id: str | None, lang: str) -> None:
    """The council report (one A4 per wijk, without personal data, whoever is signed in) of one wijk, or with
    `None` of every wijk in one PDF: made on the first click (each map takes a browser, some seconds per
    wijk), then offered as a download; kept per package version, wijken and state of the entries, decisions
    and kansen and bedreigingen, so a later visitor gets it at once until someone saves one."""
    from ui import decision_form, state
    from ui import outlook as outlook_ui

    pkg = state.package()
    wijk_ids = (wijk_id,) if wijk_id is not None else tuple(ordered_ids(pkg.wijken))
    name = wijk_id or "alle-wijken"
    texts = ("report.make", "report.making", "report.download") if wijk_id else (
        "report.make_all", "report.making_all", "report.download_all")
    revision = (state.revision(), decision_form.store().revision(),  # entries and budget decisions
                outlook_ui.store().revision())  # kansen and bedreigingen
    # the day too: the report says when it was made (Groningen's date, as the store's moments)
    key = (state.package_key(pkg), wijk_ids, revision, lang, now().date())
    made = st.session_state.setdefault("reports_made", set())
    count = fmt.number(len(wijk_ids), lang)
    if key not in made:
        if not st.button(t(texts[0], lang, n=count), key=f"btn-report:{name}", icon=":material/picture_as_pdf:",
                         help=t("report.download_help", lang)):
            return
        with st.spinner(t(texts[1], lang, n=count)):
            _report_pdf(*key)
        made.add(key)
    st.download_button(t(texts[2], lang, n=count), data=_report_pdf(*key), file_name=f"wijkrapport-{name}.pdf",
                       mime=PDF_MIME, key=f"download-report-{name}", icon=":material/download:",
                       on_click="ignore", help=t("report.download_help", lang))
