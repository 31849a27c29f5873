"""The baseline of the browser bench: a bare Streamlit page, a title and one small plotly chart.

    streamlit run bench/bare_app.py

What Streamlit, its frontend and plotly.js cost on their own; bench/browser_bench.py times every page of
the dashboard against this page, served the same way in the same run.
"""

import plotly.graph_objects as go
import streamlit as st

st.title("Bare Streamlit")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[3, 1, 2])), height=240)
