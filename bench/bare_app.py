"""The baseline of the browser bench: a bare Streamlit page, a title and one small plotly chart.

    streamlit run bench/bare_app.py

What Streamlit, its frontend and plotly.js cost on their own; bench/browser_bench.py times every page of
the dashboard against this page, served the same way in the same run.

With `?charts=<page>` and BARE_CHARTS_DIR set, it draws instead the charts that page of the dashboard sends
(bench/page_charts.py wrote them there as <page>.json), in their order, under the title: the same charts
without the app (no frame, no package, no caches), so the bench can tell what the app adds to its charts.
"""

import json
import os
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

st.title("Bare Streamlit")
page, folder = st.query_params.get("charts"), os.environ.get("BARE_CHARTS_DIR")
if page and folder and (Path(folder) / f"{Path(page).name}.json").is_file():
    for chart in json.loads((Path(folder) / f"{Path(page).name}.json").read_text(encoding="utf-8")):
        st.plotly_chart(json.loads(chart["spec"]), config=json.loads(chart["config"] or "{}"),
                        theme=chart["theme"] or None)
else:
    st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[3, 1, 2])), height=240)
