"""'CSV exporteren / importeren' on the wijk page: download the wijk's entries, upload an edited
file, see what it would add, change and refuse, and only then import.

Session keys (per wijk), so a test can drive the import without a real upload:
- `entry_csv:data:{wijk_id}`  the bytes of the file being previewed (set it to preview a file);
- `entry_csv:plan:{wijk_id}`  the plan shown in the last run: the confirm button applies exactly
  that plan, with the versions the editor saw, so a colleague's save in between is a conflict;
- `entry_csv:prefix:{wijk_id}` the request-id prefix of this upload: a second click saves nothing twice;
- `entry_csv:result:{wijk_id}` what the last import did, shown until the next upload.
"""

from __future__ import annotations

import uuid

import pandas as pd
import streamlit as st

from app import entry_reads
from app.entry_import import ApplyResult, apply_import
from domain import editing, privacy
from domain import format as fmt
from domain.entry_csv import (
    GEWEIGERD,
    ONGEWIJZIGD,
    TOEVOEGEN,
    WIJZIGEN,
    CsvError,
    ImportPlan,
    export_csv,
    plan_import,
    read_csv_bytes,
)
from domain.messages import say
from domain.permissions import IMPORT_ENTRIES, Actor, Refused, allowed, wijk
from domain.texts import t
from nla_data import NlaPackage
from nla_data.store import EntryStore, now
from ui import auth, state
from ui.components import literal


def _t(key: str, lang: str, **values) -> str:
    return t(f"csv.{key}", lang, **values)


def _rows(n: int, lang: str) -> str:
    return _t("rows.1", lang) if n == 1 else _t("rows.n", lang, n=fmt.number(n, lang))


def data_key(wijk_id: str) -> str:
    return f"entry_csv:data:{wijk_id}"


def _key(name: str, wijk_id: str) -> str:
    return f"entry_csv:{name}:{wijk_id}"


def render(pkg: NlaPackage, wijk_id: str, lang: str) -> None:
    data = st.session_state.get(data_key(wijk_id))
    result = st.session_state.get(_key("result", wijk_id))
    # keyed and tracked: the box stays as the user left it over the reruns of an upload (untracked, it was sometimes
    # folded shut right after a file was chosen, hiding its preview); open by itself while it holds a file or a result
    opened = _key("open", wijk_id)
    if data is not None or result is not None:
        st.session_state.setdefault(opened, True)
    with st.expander(_t("title", lang), icon=":material/table_view:", key=opened, on_change="rerun"):
        st.caption(_t("intro", lang))
        _downloads(wijk_id, lang)
        if not allowed(auth.actor(), IMPORT_ENTRIES, wijk(wijk_id)):
            return
        _uploader(wijk_id, lang)
        if result is not None:
            _result(result, lang)
        data = st.session_state.get(data_key(wijk_id))
        if data is not None:
            _preview(pkg, wijk_id, data, *state.visible_entries(), lang)  # an import knows every id: rare, whole


def _downloads(wijk_id: str, lang: str) -> None:
    stamp = now().strftime("%Y%m%d")
    store, package, actor = state.store(), state.package(), auth.actor()  # the callables run outside the script
    row = st.container(horizontal=True, gap="small")
    with row:
        st.download_button(_t("excel", lang), lambda: csv_data(store, package, actor, wijk_id, excel=True),
                           file_name=f"wijkperspectief-{wijk_id}-{stamp}-excel.csv", mime="text/csv",
                           key=_key("download-excel", wijk_id), icon=":material/download:", on_click="ignore")
        st.download_button(_t("plain", lang), lambda: csv_data(store, package, actor, wijk_id, excel=False),
                           file_name=f"wijkperspectief-{wijk_id}-{stamp}.csv", mime="text/csv",
                           key=_key("download-plain", wijk_id), icon=":material/download:", on_click="ignore")


def csv_data(store: EntryStore, package: NlaPackage, actor: Actor, wijk_id: str, *, excel: bool) -> bytes:
    """The wijk's entries as `actor` may see them, as CSV: read when the button is clicked, not whenever the
    page is drawn (a wijk of 10,000 entries took 0.2 s to read whole, issue 11)."""
    items, links = privacy.visible_entries(*entry_reads.wijk_entries(store, package, wijk_id), actor)
    return export_csv(items, links, wijk_id, excel=excel)


def _uploader(wijk_id: str, lang: str) -> None:
    """Take a newly uploaded file's bytes; removing the file from the uploader drops the preview."""
    generation = st.session_state.get(_key("generation", wijk_id), 0)  # a new key empties the uploader
    uploaded = st.file_uploader(_t("upload", lang), type=["csv"], max_upload_size=5,
                                key=f"entry_csv:file:{wijk_id}:{generation}")
    seen_key = _key("seen", wijk_id)
    if uploaded is not None and st.session_state.get(seen_key) != uploaded.file_id:
        st.session_state[seen_key] = uploaded.file_id
        st.session_state[data_key(wijk_id)] = uploaded.getvalue()
        st.session_state[_key("prefix", wijk_id)] = _new_prefix()
        st.session_state.pop(_key("result", wijk_id), None)
    elif uploaded is None and st.session_state.pop(seen_key, None) is not None:
        _forget(wijk_id)


def _new_prefix() -> str:
    return f"csv:{uuid.uuid4().hex}"


def _forget(wijk_id: str) -> None:
    for name in ("data", "plan", "prefix", "seen"):
        st.session_state.pop(_key(name, wijk_id), None)


def _preview(pkg: NlaPackage, wijk_id: str, data: bytes, items: pd.DataFrame, links: pd.DataFrame,
             lang: str) -> None:
    parsed = read_csv_bytes(data)
    if isinstance(parsed, CsvError):
        st.session_state.pop(_key("plan", wijk_id), None)
        st.error(f"{_t('unreadable', lang)}  \n{literal(say(parsed.message, lang))}", icon=":material/error:")
        return
    plan = plan_import(parsed, wijk_id, items, links, pkg.buurten, pkg.facts.entry_rules)
    st.session_state[_key("plan", wijk_id)] = plan
    st.session_state.setdefault(_key("prefix", wijk_id), _new_prefix())
    st.caption(_t("read_as", lang, encoding=parsed.encoding, delimiter=_t(f"delimiter.{parsed.delimiter}", lang)))
    if plan.unknown_columns:
        st.warning(_t("ignored", lang, names=literal(", ".join(plan.unknown_columns))), icon=":material/info:")
    st.markdown(_t("counts", lang, add=len(plan.of(TOEVOEGEN)), change=len(plan.of(WIJZIGEN)),
                   same=len(plan.of(ONGEWIJZIGD)), refused=len(plan.of(GEWEIGERD))))
    _tables(plan, lang)
    _confirm_button(wijk_id, plan, lang)


def _tables(plan: ImportPlan, lang: str) -> None:
    """User text goes into st.dataframe only: it shows text literally, never as markup."""
    added = plan.of(TOEVOEGEN)
    if added:
        st.markdown(f"**{_t('to_add', lang)}**")
        st.dataframe(pd.DataFrame({_t("col.row", lang): [r.number for r in added],
                                   _t("col.section", lang): [t(f"section.{r.section}", lang) for r in added],
                                   _t("col.title", lang): [r.title for r in added]}), hide_index=True, placeholder="")
    changed = [(r, name, old, new) for r in plan.of(WIJZIGEN) for name, (old, new) in r.changes.items()]
    if changed:
        st.markdown(f"**{_t('to_change', lang)}**")
        st.dataframe(pd.DataFrame({_t("col.row", lang): [r.number for r, *_ in changed],
                                   _t("col.item", lang): [r.title for r, *_ in changed],
                                   _t("col.field", lang): [name for _, name, _, _ in changed],
                                   _t("col.old", lang): [old for *_, old, _ in changed],
                                   _t("col.new", lang): [new for *_, new in changed]}), hide_index=True, placeholder="")
    refused = [(r, name, reason) for r in plan.of(GEWEIGERD) for name, reason in r.reasons.items()]
    if refused:  # one line per reason: a row can be refused for several columns at once
        st.markdown(f"**{_t('refused', lang)}**")
        st.dataframe(pd.DataFrame({_t("col.row", lang): [r.number for r, _, _ in refused],
                                   _t("col.title", lang): [r.title or r.item_id or "" for r, _, _ in refused],
                                   _t("col.field", lang): [name for _, name, _ in refused],
                                   _t("col.reason", lang): [say(reason, lang) for *_, reason in refused]}),
                     hide_index=True, placeholder="")
        st.caption(_t("refused_note", lang))


def _confirm_button(wijk_id: str, plan: ImportPlan, lang: str) -> None:
    count = len(plan.to_apply)
    if count == 0:
        st.info(_t("nothing", lang), icon=":material/info:")
        return
    label = _t("confirm_one", lang) if count == 1 else _t("confirm", lang, n=fmt.number(count, lang))
    st.button(label, key=_key("confirm", wijk_id), type="primary", icon=":material/upload:",
              on_click=_apply, args=(wijk_id,))


def _apply(wijk_id: str) -> None:
    """On the click, before the rerun: apply the plan the editor saw (not one made after the click)."""
    plan: ImportPlan | None = st.session_state.get(_key("plan", wijk_id))
    prefix = st.session_state.get(_key("prefix", wijk_id))
    if plan is None or prefix is None or plan.wijk_id != wijk_id:
        return  # a second click after the import: the plan is gone, nothing to do
    items = state.store().outline(wijk_id)  # all of the wijk: a new title must not clash with one this user cannot see
    pkg = state.package()
    context = editing.wijk_context(items, pkg.buurten, wijk_id, pkg.facts.entry_rules, today=now().date())
    st.session_state[_key("result", wijk_id)] = apply_import(plan, state.store(), context, auth.actor(), prefix)
    _forget(wijk_id)
    generation = _key("generation", wijk_id)
    st.session_state[generation] = st.session_state.get(generation, 0) + 1


def _result(result: ApplyResult | Refused, lang: str) -> None:
    """What the import did, per row: saved, saved before, or why not (a colleague saved in between)."""
    if isinstance(result, Refused):
        st.error(t("auth.refused", lang, reason=say(result.reason, lang)), icon=":material/lock:")
        return
    if result.saved:
        st.success(_t("saved", lang, rows=_rows(len(result.saved), lang)), icon=":material/check_circle:")
    if result.repeated:
        st.info(_t("repeated", lang, rows=_rows(len(result.repeated), lang)), icon=":material/info:")
    if result.failed:
        st.warning(_t("failed", lang, rows=_rows(len(result.failed), lang)), icon=":material/sync_problem:")
    if result.outcomes:
        st.dataframe(pd.DataFrame({_t("col.row", lang): [o.number for o in result.outcomes],
                                   _t("col.title", lang): [o.title or "" for o in result.outcomes],
                                   _t("col.outcome", lang): [say(o.message, lang) for o in result.outcomes]}),
                     hide_index=True, placeholder="")
