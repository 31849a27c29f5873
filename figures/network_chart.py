"""The wijk's network as a plotly figure: lines for the links, a marker per entry or decision, coloured and
shaped by kind (colour and shape both, so the kinds differ without colour too), a short label under each
marker and the whole title on hover. Positions come from domain.network_layout.

Each point carries `customdata` = [entry to open, node id, full title]: the page reads the clicked point's
entry from it. Titles are people's text: escaped, since plotly reads a little HTML in labels and hovers.
"""

from __future__ import annotations

import html
import re
import textwrap

import plotly.graph_objects as go

from domain.network import KINDS, Network, Node, kind_label
from domain.network_layout import Layout
from domain.texts import label, t
from figures.lines import hyphenated

# Okabe–Ito colours and distinct symbols per kind.
STYLE = {"organisatie": ("#0072B2", "square"), "netwerk": ("#56B4E9", "hexagon"), "persoon": ("#CC79A7", "circle"),
         "initiatief": ("#009E73", "star"), "behoefte": ("#E69F00", "triangle-up"),
         "besluit": ("#000000", "diamond")}
EDGE_COLOUR = "#9E9E9E"
# a marker (18 px) and four lines of label at 11 px (about 57 px) under it, with room before the next row's marker:
# at 110 px, and heads 0.75 row above the first row, a phone's picture of a few nodes was mostly empty space
ROW_PX = 90
HEAD_Y = 0.45  # where the columns' heads stand (their bottom), in rows above the first row
TOP_Y = 0.95  # the top of the picture, in rows above the first row: the heads' two lines
BELOW_LAST = 0.8  # the room under the last row for its four lines of label, in rows
MARGIN_TOP, MARGIN_BOTTOM = 40, 10  # pixels; the legend above
# characters per line under a marker, and lines: a label stays inside its column on a phone too (three
# columns of about 110 px at 390 px wide), where labels of 24 characters ran into their neighbours; four lines,
# where three cut most titles of the 2013 examples short ("Bewoners onderhouden een deel van het…")
LABEL_WIDTH, LABEL_LINES = 17, 4
# characters per line of a column's head: "Mensen en / netwerken" stays inside its column on a phone too
# (four columns of about 85 px at 390 px wide), where on one line the heads ran together
HEAD_WIDTH = 10
CLOSED_OPACITY = 0.4


def short_label(title: str) -> str:
    """At most LABEL_LINES lines of about LABEL_WIDTH characters, cut with an ellipsis; escaped."""
    # Only ordinary white space folds: the no-break space in "€ 5.000" keeps the amount on one line. A word longer
    # than a line breaks where Dutch allows it, with a hyphen (an entry's title is Dutch, whatever the page's language).
    # Only the start is wrapped: more than fits LABEL_LINES lines still makes more lines, so the ellipsis.
    start = str(title)[:(LABEL_WIDTH + 1) * (LABEL_LINES + 1)]
    lines = hyphenated(re.sub(r"[ \t\r\n]+", " ", start), LABEL_WIDTH) or [""]
    if len(lines) > LABEL_LINES:
        lines = lines[:LABEL_LINES]
        lines[-1] = lines[-1][:LABEL_WIDTH - 1].rstrip() + "…"
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def column_head(text: str) -> str:
    """A column's head in bold, on lines of about HEAD_WIDTH characters; escaped."""
    lines = textwrap.wrap(text, HEAD_WIDTH, break_long_words=False) or [""]
    return "<br>".join(f"<b>{html.escape(line, quote=False)}</b>" for line in lines)


def traces(network: Network) -> list[list[Node]]:
    """The nodes behind each trace of `network_chart`, in its order (the lines first, with none): a clicked
    point's curve and index name its node."""
    return [[]] + [nodes for kind in KINDS if (nodes := [n for n in network.nodes if n.kind == kind])]


def network_chart(network: Network, layout: Layout, lang: str = "nl") -> go.Figure:
    figure = go.Figure()
    where = {n: (x, y) for n, x, y in layout.positions}
    xs, ys = [], []
    for edge in network.edges:
        (x0, y0), (x1, y1) = where[edge.source], where[edge.target]
        xs += [x0, x1, None]
        ys += [y0, y1, None]
    figure.add_scatter(x=xs, y=ys, mode="lines", line=dict(color=EDGE_COLOUR, width=1.5), hoverinfo="skip",
                       showlegend=False, name="links")
    for nodes in traces(network)[1:]:
        kind = nodes[0].kind
        colour, symbol = STYLE[kind]
        hover = [f"<b>{html.escape(n.title, quote=False)}</b><br>{kind_label(kind, lang)}"
                 + ("" if n.kind == "besluit" else f" · {html.escape(label('status', n.status, lang), quote=False)}")
                 for n in nodes]
        figure.add_scatter(
            x=[where[n.id][0] for n in nodes], y=[where[n.id][1] for n in nodes], mode="markers+text",
            name=kind_label(kind, lang), text=[short_label(n.title) for n in nodes], textposition="bottom center",
            textfont=dict(size=11, color="#222222"), hovertext=hover, hoverinfo="text",
            customdata=[[n.entry, n.id, n.title] for n in nodes],
            marker=dict(color=colour, symbol=symbol, size=18, line=dict(color="#FFFFFF", width=1.5),
                        opacity=[1.0 if n.open else CLOSED_OPACITY for n in nodes]),
            selected=dict(marker=dict(size=24)),
            # after a click the other points step back a little, their labels stay readable
            unselected=dict(marker=dict(opacity=0.55), textfont=dict(color="#444444")))
    width = max(len(layout.columns), 1)
    for i, layer in enumerate(layout.columns):
        figure.add_annotation(x=i, y=HEAD_Y, text=column_head(t(f"net.column.{layer}", lang)), showarrow=False,
                              font=dict(size=13, color="#444444"), yanchor="bottom")
    figure.update_layout(
        template="plotly_white",
        height=int(MARGIN_TOP + MARGIN_BOTTOM + ROW_PX * (layout.rows - 1 + BELOW_LAST + TOP_Y)),
        margin=dict(l=10, r=10, t=MARGIN_TOP, b=MARGIN_BOTTOM), dragmode=False, clickmode="event+select", hovermode="closest",
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0, title_text="",
                    itemclick=False, itemdoubleclick=False),
        hoverlabel=dict(align="left"))
    figure.update_xaxes(visible=False, range=[-0.6, width - 0.4], fixedrange=True)
    # a row is ROW_PX high whatever the number of rows
    figure.update_yaxes(visible=False, range=[-(layout.rows - 1 + BELOW_LAST), TOP_Y], fixedrange=True)
    return figure
