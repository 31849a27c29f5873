"""Beheer — "Is het datapakket in orde en actueel?": check the package, export it, import the CBS map.

For the data manager. Nothing is written until the explicit "Importeren": first a preview of what
changes (buurten, figures, boundaries) and every report; a failed import leaves the package as it was.
The page names no folder of the server (a message that does is shown with the folder left out); the
export is one click, the zip made when it is clicked.
"""

from __future__ import annotations

import io
import re
import runpy
import zipfile
from pathlib import Path

import pandas as pd
import streamlit as st

from app import data_management
from domain import format as fmt
from domain.import_summary import summary_lines
from domain.messages import say
from domain.permissions import MANAGE_DATA, allowed
from domain.texts import label, t, tn
from nla_data.cbs_import import ImportPlan
from nla_data.personal import PersonQuery
from nla_data.validate import validate_package
from ui import auth, decision_form, state
from ui import outlook as outlook_ui
from ui.components import literal
from ui.problems import problem_table
from ui.sidebar import package_title

PLAN_KEY = "beheer:plan"
# The person asked about, kept over reruns; not the form's own key "beheer:person" (a form's key is read-only
# session state: writing it raised StreamlitAPIException, so the search never answered).
ASKED_KEY = "beheer:person-asked"
UPLOAD_KEY = "beheer:upload"


def render() -> None:
    pkg, lang = state.package(), state.lang()
    st.header(t("beheer.question", lang), anchor=False)
    decision = allowed(auth.actor(), MANAGE_DATA)
    if not decision:
        st.warning(t("auth.beheer_only", lang), icon=":material/lock:")
        return
    st.caption(t("beheer.role_note", lang))
    _package_box(pkg, lang)
    _import_box(pkg, lang)
    _personal_box(lang)


def _package_box(pkg, lang: str) -> None:
    with st.container(border=True):
        st.subheader(t("beheer.package", lang), anchor=False)
        info = pkg.info
        st.markdown(t("beheer.package_line", lang, title=package_title(pkg, lang), version=info.version,
                      boundaries=label("boundaries", info.boundaries, lang)))
        left, right = st.columns(2)
        if left.button(t("beheer.validate", lang), icon=":material/rule:", key="beheer:validate"):
            problems = validate_package(pkg.path)
            if problems:
                st.error(t("problems.title", lang), icon=":material/error:")
                problem_table("beheer-validated", problems, lang, _without_paths(lang))
            else:
                st.success(t("beheer.valid", lang), icon=":material/task_alt:")
        with right:
            personal = st.checkbox(t("beheer.include_personal", lang), key="beheer:personal",
                                   help=t("beheer.include_personal_help", lang))
            # One click: Streamlit calls `export` when the button is clicked (on a thread of its own, so it gets
            # what it needs now, not from the session) and the browser saves what it returns.
            actor, store, folder = auth.actor(), state.store(), pkg.path
            st.download_button(t("beheer.export", lang), lambda: export(actor, folder, store, personal, lang),
                               file_name=export_name(personal), mime="application/zip", on_click="ignore",
                               icon=":material/download:", key="beheer:export", help=t("beheer.export_help", lang))


def export_name(personal: bool) -> str:
    return "nla-datapakket-met-persoonsgegevens.zip" if personal else "nla-datapakket.zip"


def export(actor, folder: Path, store, personal: bool, lang: str) -> bytes:
    """The package as a zip (app.data_management.package_zip checks the right and validates the result). When
    the export fails the download cannot turn into an error on the page any more: the zip then holds only
    EXPORT-MISLUKT.txt, saying what is wrong."""
    data, problems = data_management.package_zip(actor, folder, store, personal)
    if not problems:
        return data
    row = t("problems.row", lang).lower()
    lines = [t("beheer.export_failed", lang), ""] + [
        f"- {p.resource}{f' {row} {p.row}' if p.row else ''}{f' ({p.field})' if p.field else ''}: "
        f"{without_paths(p.text(lang), lang)}" for p in problems]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("EXPORT-MISLUKT.txt", "\n".join(lines) + "\n")
    return buffer.getvalue()


# An absolute path of the server (POSIX or Windows) inside a message: the data manager needs the message,
# not where the files live. Two parts or more ("/tmp/x", also GDAL's "/vsizip//tmp/x.zip"), or a Windows path.
_PATH = re.compile(r"(?<![\w.:/])(?:/+[^\s/'\"(),;:]+){2,}/?|\b[A-Za-z]:\\[^\s'\"(),;]+")


def without_paths(message: str, lang: str) -> str:
    return _PATH.sub(t("beheer.server_folder", lang), str(message))


def _without_paths(lang: str):
    """A problem's message in `lang`, without the server's paths."""
    return lambda problem: without_paths(problem.text(lang), lang)


def _import_box(pkg, lang: str) -> None:
    with st.container(border=True):
        st.subheader(t("beheer.cbs.title", lang), anchor=False)
        st.markdown(t("beheer.cbs.intro", lang))
        upload = st.file_uploader(t("beheer.cbs.upload", lang), type=["gpkg", "zip", "geojson", "json"],
                                  help=t("beheer.cbs.upload_help", lang), key=UPLOAD_KEY)
        left, right = st.columns(2)
        year = left.number_input(t("beheer.cbs.year", lang), min_value=1990, max_value=2100, value=None, step=1,
                                 help=t("beheer.cbs.year_help", lang), key="beheer:year")
        municipality = right.text_input(t("beheer.cbs.municipality", lang), value=pkg.info.municipality or "GM0014",
                                        max_chars=6, key="beheer:gm")
        if st.button(t("beheer.cbs.plan", lang), disabled=upload is None, icon=":material/preview:",
                     key="beheer:plan-button"):
            st.session_state[PLAN_KEY] = _plan(upload, pkg, int(year) if year else None, municipality, lang)
        plan: ImportPlan | None = st.session_state.get(PLAN_KEY)
        if plan is not None:
            _preview(plan, lang)
            if plan.ok and st.button(t("beheer.cbs.apply", lang), type="primary", icon=":material/upload:",
                                     key="beheer:apply"):
                _apply(plan, pkg, lang)


def _plan(upload, pkg, year: int | None, municipality: str, lang: str) -> ImportPlan:
    bar = st.progress(0.0, text=t("beheer.cbs.planning", lang))
    # Read and planned in a child process with a time limit; the upload's size was checked by Streamlit
    # (server.maxUploadSize) and is checked again there.
    plan = data_management.plan_cbs_upload(
        auth.actor(), upload.name, upload.getvalue(), pkg, year, municipality.strip().upper() or None,
        progress=lambda fraction, message: _step(bar, fraction, message, lang))
    bar.empty()
    return plan


def _step(bar, fraction: float, message, lang: str) -> None:
    """The import's progress: how far, and its step in the page's language (the steps say themselves in both)."""
    bar.progress(min(max(fraction, 0.0), 1.0), text=say(message, lang))


def _preview(plan: ImportPlan, lang: str) -> None:
    if not plan.ok:
        st.error(t("beheer.cbs.problems", lang), icon=":material/error:")
        problem_table("beheer-refused", plan.problems, lang, _without_paths(lang))
        return
    st.markdown(f"**{t('beheer.cbs.summary', lang)}**")
    pkg = state.package()
    lines = summary_lines(plan.summary, dict(pkg.wijken["naam"]), dict(pkg.indicatoren[f"label_{lang}"]), lang)
    st.markdown("\n".join(f"- {literal(without_paths(line, lang))}" for line in lines))
    if plan.notes:
        with st.expander(t("beheer.cbs.notes", lang, n=fmt.number(len(plan.notes), lang))):
            problem_table("beheer-notes", plan.notes, lang, _without_paths(lang))
    if not plan.changes.empty:
        with st.expander(t("beheer.cbs.changes", lang, n=fmt.number(len(plan.changes), lang)), expanded=True):
            st.dataframe(_changes_table(plan.changes, pkg, lang), hide_index=True, width="stretch",
                         placeholder="")
    st.caption(t("beheer.cbs.partial", lang))


def _apply(plan: ImportPlan, pkg, lang: str) -> None:
    bar = st.progress(0.0, text=t("beheer.cbs.applying", lang))
    # The embedded package is only read: its import goes to the data directory, which the app then uses.
    problems = data_management.apply_cbs_import(auth.actor(), plan, pkg.path,
                                                progress=lambda fraction, message: _step(bar, fraction, message, lang))
    bar.empty()
    if problems:
        st.error(t("beheer.cbs.failed", lang), icon=":material/error:")
        problem_table("beheer-failed", problems, lang, _without_paths(lang))
        return
    del st.session_state[PLAN_KEY]
    st.success(t("beheer.cbs.applied", lang, year=plan.year), icon=":material/task_alt:")
    state.forget_package()  # the package changed on disk: every session reads it again


def _personal_box(lang: str) -> None:
    """AVG: all that is held about one person, as a file for them; and erasing them, history included."""
    with st.container(border=True):
        st.subheader(t("beheer.person.title", lang), anchor=False)
        st.markdown(t("beheer.person.intro", lang))
        with st.form("beheer:person", border=False, enter_to_submit=True):
            left, right = st.columns(2)
            email = left.text_input(t("beheer.person.email", lang), key="beheer:person-email", max_chars=254)
            name = right.text_input(t("beheer.person.name", lang), key="beheer:person-name", max_chars=120)
            look = st.form_submit_button(t("beheer.person.find", lang), icon=":material/person_search:",
                                         key="beheer:person-find")
        query = PersonQuery(email=email or None, name=name or None)
        if look:
            problem = query.problem()
            st.session_state[ASKED_KEY] = None if problem else query
            if problem:
                st.error(problem.text(lang), icon=":material/error:")
        asked: PersonQuery | None = st.session_state.get(ASKED_KEY)
        if asked is None:
            return
        found = data_management.person_data(auth.actor(), state.store(), asked)
        if found.empty:
            st.info(t("beheer.person.none", lang), icon=":material/info:")
            return
        st.markdown(t("beheer.person.found", lang, contact=tn("beheer.items", len(found.als_contact), lang),
                      editor=tn("beheer.items", len(found.als_bewerker), lang),
                      history=tn("beheer.history_rows", len(found.geschiedenis), lang),
                      recorded=tn("beheer.recorded", len(found.vastgelegd), lang)))
        st.download_button(t("beheer.person.download", lang), found.as_json(), file_name="persoonsgegevens.json",
                           mime="application/json", icon=":material/download:", key="beheer:person-download")
        sure = st.checkbox(t("beheer.person.sure", lang), key="beheer:person-sure")
        if st.button(t("beheer.person.erase", lang), type="primary", disabled=not sure,
                     icon=":material/delete_forever:",
                     key="beheer:person-erase"):
            erasure = data_management.erase(auth.actor(), state.store(), asked)
            st.session_state[ASKED_KEY] = None
            st.cache_data.clear()  # an erasure may change rows without changing the store's revision
            state.forget_entries()  # the entries are cached as resources, per wijk too
            decision_form.forget()  # and so are the decisions
            outlook_ui.forget()  # and the kansen and bedreigingen
            st.success(t("beheer.person.erased", lang, id=erasure.erasure_id,
                         removed=tn("beheer.items", erasure.entries_removed, lang),
                         anonymised=tn("beheer.items", erasure.entries_anonymised, lang),
                         history=tn("beheer.history_rows", erasure.history_rows_changed, lang)),
                       icon=":material/task_alt:")


def _changes_table(changes: pd.DataFrame, pkg, lang: str) -> pd.DataFrame:
    """The figures an import changes, in words: the area by its name (a buurt and a municipality with their
    code), the indicator by its label, the values in its unit the Dutch way (or the English), '–' where none."""
    names = {("wijk", wijk): name for wijk, name in pkg.wijken["naam"].items()}
    names |= {("buurt", code): f"{name} ({code})" for code, name in zip(pkg.buurten["buurtcode"],
                                                                          pkg.buurten["buurtnaam"], strict=True)}
    definitions = pkg.indicatoren

    def shown(amount, indicator: str) -> str:
        if pd.isna(amount):
            return fmt.MISSING
        unit = definitions.loc[indicator, "eenheid"] if indicator in definitions.index else "aantal"
        return fmt.value(amount, unit, lang)

    kinds, areas, indicators = changes["gebied_type"], changes["gebied_id"], changes["indicator"]
    return pd.DataFrame({
        t("beheer.cbs.col_kind", lang): [t(f"beheer.cbs.kind.{kind}", lang) for kind in kinds],
        t("beheer.cbs.col_area", lang): [names.get((kind, area), area) for kind, area in zip(kinds, areas, strict=True)],
        t("beheer.cbs.col_indicator", lang): [definitions.loc[i, f"label_{lang}"] if i in definitions.index else i
                                             for i in indicators],
        t("beheer.cbs.col_old", lang): [shown(v, i) for v, i in zip(changes["oud"], indicators, strict=True)],
        t("beheer.cbs.col_new", lang): [shown(v, i) for v, i in zip(changes["nieuw"], indicators, strict=True)],
        t("beheer.cbs.col_old_source", lang): changes["oud_bron"].fillna("").to_list(),
    })


if __name__ == "__main__":
    # Opened directly (a deep link on a fresh server runs this file alone): run the frame instead.
    runpy.run_path(str(Path(__file__).resolve().parents[1] / "dashboard.py"), run_name="__main__")
