"""Streamlit building blocks shared by the pages and the frame: state, sidebar, components."""
