"""Beheer — "Is het datapakket in orde en actueel?": check the package, export it, import the CBS map.

For the data manager. Nothing is written until the explicit "Importeren": first a preview of what
changes (buurten, figures, boundaries) and every report; a failed import leaves the package as it was.
"""

from __future__ import annotations

import runpy
from pathlib import Path

import pandas as pd
import streamlit as st

from domain.permissions import MANAGE_DATA, allowed
from domain.texts import t
from nla_data.cbs_import import ImportPlan, apply_import, prepare_upload
from nla_data.export import export_zip
from nla_data.validate import validate_package
from ui import auth, state
from ui.components import literal

PLAN_KEY = "beheer:plan"
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


def _package_box(pkg, lang: str) -> None:
    with st.container(border=True):
        st.subheader(t("beheer.package", lang), anchor=False)
        info = pkg.info
        st.markdown(t("beheer.package_line", lang, title=literal(info.title), version=info.version,
                      path=literal(pkg.path), boundaries=info.boundaries))
        left, right = st.columns(2)
        if left.button(t("beheer.validate", lang), icon=":material/rule:", key="beheer:validate"):
            problems = validate_package(pkg.path)
            if problems:
                st.error(t("problems.title", lang), icon=":material/error:")
                st.dataframe(_problem_table(problems, lang), hide_index=True, width="stretch")
            else:
                st.success(t("beheer.valid", lang), icon=":material/task_alt:")
        if right.button(t("beheer.export", lang), icon=":material/archive:", key="beheer:export"):
            data, problems = export_zip(pkg.path, state.store())
            if problems:
                st.error(t("beheer.export_failed", lang), icon=":material/error:")
                st.dataframe(_problem_table(problems, lang), hide_index=True, width="stretch")
            else:
                st.download_button(t("beheer.download_zip", lang), data, file_name="nla-datapakket.zip",
                                   mime="application/zip", icon=":material/download:", key="beheer:zip")


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
    plan = prepare_upload(upload.name, upload.getvalue(), pkg, year=year,
                          municipality=municipality.strip().upper() or None,
                          progress=lambda fraction, message: bar.progress(min(max(fraction, 0.0), 1.0), text=message))
    bar.empty()
    return plan


def _preview(plan: ImportPlan, lang: str) -> None:
    if not plan.ok:
        st.error(t("beheer.cbs.problems", lang), icon=":material/error:")
        st.dataframe(_problem_table(plan.problems, lang), hide_index=True, width="stretch")
        return
    st.markdown(f"**{t('beheer.cbs.summary', lang)}**")
    st.markdown("\n".join(f"- {literal(line)}" for line in plan.describe()))
    if plan.notes:
        with st.expander(t("beheer.cbs.notes", lang, n=len(plan.notes))):
            st.dataframe(_problem_table(plan.notes, lang), hide_index=True, width="stretch")
    if not plan.changes.empty:
        with st.expander(t("beheer.cbs.changes", lang, n=len(plan.changes)), expanded=True):
            st.dataframe(plan.changes, hide_index=True, width="stretch")
    st.caption(t("beheer.cbs.partial", lang))


def _apply(plan: ImportPlan, pkg, lang: str) -> None:
    bar = st.progress(0.0, text=t("beheer.cbs.applying", lang))
    problems = apply_import(plan, pkg.path, progress=lambda fraction, message: bar.progress(
        min(max(fraction, 0.0), 1.0), text=message))
    bar.empty()
    if problems:
        st.error(t("beheer.cbs.failed", lang), icon=":material/error:")
        st.dataframe(_problem_table(problems, lang), hide_index=True, width="stretch")
        return
    del st.session_state[PLAN_KEY]
    st.success(t("beheer.cbs.applied", lang, year=plan.year), icon=":material/task_alt:")
    st.cache_resource.clear()  # the package changed on disk: every session reads it again


def _problem_table(problems, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        t("problems.resource", lang): [p.resource for p in problems],
        t("problems.row", lang): pd.array([p.row for p in problems], dtype="Int64"),
        t("problems.field", lang): [p.field or "" for p in problems],
        t("problems.message", lang): [p.message for p in problems],
    })


if __name__ == "__main__":
    # Opened directly (a deep link on a fresh server runs this file alone): run the frame instead.
    runpy.run_path(str(Path(__file__).resolve().parents[1] / "dashboard.py"), run_name="__main__")
