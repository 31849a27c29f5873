"""The "Netwerk" part of the wijk page: the network as a clickable picture, the entry a click chose, and the
same links as a table for keyboards and screen readers.

A click sets `?item=<id>` in the URL (shareable; a reload shows the same entry). The chart keeps its
selection after the click, so a selection is acted on once, when it changes: closing the entry then does
not bring it back.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from domain import format as fmt
from domain import network as net
from domain.network_layout import layout
from domain.texts import t
from figures.network_chart import network_chart, traces
from nla_data import NlaPackage
from ui import components, decision_form, routes, state
from ui import editing as edit_ui
from ui.identity_memo import by_identity

ITEM_PARAM = "item"


def chart_key(wijk_id: str) -> str:
    return f"network:{wijk_id}"


def table_key(wijk_id: str) -> str:
    return f"network-table:{wijk_id}"


def table_open_key(wijk_id: str) -> str:
    return f"network-table-open:{wijk_id}"


def _changed(seen_key: str, value) -> bool:
    """Whether a selection differs from the one acted on last (and remember it): a widget keeps its
    selection over reruns, and it is acted on once."""
    if st.session_state.get(seen_key) == value:
        return False
    st.session_state[seen_key] = value
    return True


def render(pkg: NlaPackage, wijk_id: str, wijk_name: str, lang: str) -> None:
    items, links = state.wijk_outline(wijk_id)  # the wijk's entries without what they say, and their links
    decisions = decision_form.frame()
    network, drawn, figure = _picture(items, links, decisions, wijk_id, pkg.facts.entry_rules.open_statuses, lang)
    st.subheader(t("net.title", lang), anchor=False)
    if network.empty:
        editor = edit_ui.can_edit(wijk_id)  # only they are asked to record and link
        st.info(t("net.empty", lang) + (f" {t('net.empty_editor', lang)}" if editor else ""), icon=":material/hub:")
        return
    st.caption(t("net.intro", lang))
    event = st.plotly_chart(figure, on_select="rerun", selection_mode="points", key=chart_key(wijk_id),
                            config={"displayModeBar": False}, width="stretch",
                            alt=t("net.alt", lang, wijk=wijk_name, nodes=fmt.number(len(drawn.nodes), lang),
                                  edges=fmt.number(len(drawn.edges), lang)))
    _follow_click(event, drawn, wijk_id)
    notes = [_source(items, decisions, wijk_id, lang)]
    if len(drawn.nodes) < len(network.nodes):
        notes.insert(0, t("net.focused", lang, shown=fmt.number(len(drawn.nodes), lang),
                          total=fmt.number(len(network.nodes), lang)))
    if any(not n.open for n in network.nodes):
        notes.append(t("net.closed_note", lang))
    if not network.edges:
        notes.insert(0, t("net.no_links" if edit_ui.can_edit(wijk_id) else "net.no_links_reader", lang))
    st.caption(" ".join(notes))
    _chosen(pkg, network, wijk_id, lang)
    # the table is made and sent only while it is open: with thousands of links it was most of the page
    expander = st.expander(t("net.table", lang, n=fmt.number(len(network.edges), lang)), icon=":material/table:",
                           key=table_open_key(wijk_id), on_change="rerun")
    chosen, table = None, None
    if expander.open:
        table = net.link_table(network, pkg.facts.relations, lang)
        with expander:
            st.caption(t("net.table_hint", lang))
            chosen = st.dataframe(table, hide_index=True, width="stretch", key=table_key(wijk_id),
                                  on_select="rerun", selection_mode="single-row", placeholder="")
    rows = list((chosen or {}).get("selection", {}).get("rows", []))
    picked = table.index[rows[0]] if table is not None and rows and 0 <= rows[0] < len(table) else None
    if _changed(f"network-table-seen:{wijk_id}", picked) and picked is not None:
        st.session_state.pop(f"network-node:{wijk_id}", None)
        state.set_params(**{ITEM_PARAM: picked})
        st.rerun()  # the chosen entry is drawn above the table


MAX_DRAWN = 120  # nodes in the picture at most (net.focus): more is no longer readable, nor quick to send


@by_identity(maxsize=64)
def _picture(items: pd.DataFrame, links: pd.DataFrame, decisions: pd.DataFrame, wijk_id: str,
             open_statuses: tuple[str, ...], lang: str) -> tuple[net.Network, net.Network, go.Figure | None]:
    """The wijk's network, the part of it drawn, and the picture, again only when the entries or decisions
    changed (py-spy: building and laying it out was a sixth of a wijk page's run). Shared by the sessions:
    read only."""
    network = net.build(items, links, decisions, wijk_id, open_statuses=open_statuses, lang=lang)
    drawn = net.focus(network, MAX_DRAWN)
    return network, drawn, None if network.empty else network_chart(drawn, layout(drawn), lang)


def _source(items: pd.DataFrame, decisions: pd.DataFrame, wijk_id: str, lang: str) -> str:
    """Where the picture comes from and how recent it is: the last change to an entry or decision shown."""
    moments = list(items.loc[items["wijk_id"] == wijk_id, "bijgewerkt_op"].dropna())
    moments += list(decisions.loc[decisions["wijk_id"] == wijk_id, "vastgelegd_op"].dropna())
    latest = max(pd.to_datetime(pd.Series(moments)), default=None) if moments else None
    return t("net.source", lang, date=fmt.date(latest, lang) if latest is not None else "–")


def clicked_node(event, network: net.Network) -> net.Node | None:
    """The node of the first clicked point: by its customdata, else by its curve and index."""
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    by_id = {n.id: n for n in network.nodes}
    per_trace = traces(network)
    for point in points:
        data = point.get("customdata")
        if isinstance(data, (list, tuple)) and len(data) > 1 and data[1] in by_id:
            return by_id[data[1]]
        curve, index = point.get("curve_number"), point.get("point_index", point.get("point_number"))
        if isinstance(curve, int) and isinstance(index, int) and 0 <= curve < len(per_trace) \
                and 0 <= index < len(per_trace[curve]):
            return per_trace[curve][index]
    return None


def _follow_click(event, network: net.Network, wijk_id: str) -> None:
    node = clicked_node(event, network)
    if _changed(f"network-seen:{wijk_id}", node.id if node is not None else None) and node is not None:
        st.session_state[f"network-node:{wijk_id}"] = node.id
        state.set_params(**{ITEM_PARAM: node.entry})


def _close() -> None:
    state.set_params(**{ITEM_PARAM: None})


def _chosen(pkg: NlaPackage, network: net.Network, wijk_id: str, lang: str) -> None:
    """The entry the click (or the URL) chose, as its card; nothing when it is not one of this wijk's
    entries the viewer may see (a link from another wijk, a person hidden from them)."""
    item_id = state.param(ITEM_PARAM)
    if item_id is None:
        return
    row, links = state.entry_card(wijk_id, item_id)
    if row is None:
        state.set_params(**{ITEM_PARAM: None})
        return
    rows = pd.DataFrame([row]).merge(pkg.buurten[["buurtcode", "buurtnaam"]], on="buurtcode", how="left")
    entry = next(rows.itertuples())
    with st.container(border=True, key=f"network-chosen-{wijk_id}"):
        st.caption(f":material/hub: {t('net.selected', lang)}")
        node = network.node(st.session_state.get(f"network-node:{wijk_id}") or "")
        if node is not None and node.kind == net.DECISION and node.entry == item_id:
            st.caption(t("net.decision_of", lang, decision=components.literal(node.title)))
        components.entry_card(entry, links, pkg.facts.relations, lang,
                              anchor=False)
        row = st.container(horizontal=True, gap="small", vertical_alignment="center")
        with row:
            st.markdown(f"[{t('net.to_card', lang)}](#{components.anchor_id(item_id)})")
            if node is not None and node.kind == net.DECISION:
                routes.link(routes.BUDGET, t("net.to_budget", lang), icon=":material/gavel:", wijk=wijk_id)
            st.button(t("net.close", lang), key=f"network-close:{wijk_id}", on_click=_close, icon=":material/close:")
