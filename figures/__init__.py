"""Figure builders: plotly figures from domain data. No Streamlit, no file access."""
