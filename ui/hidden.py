"""Elements the browser runs but nobody sees (a module import, the page's language): a keyed container that
takes no space, not even the column's gap around it."""

from __future__ import annotations

import streamlit as st


def style(key: str) -> str:
    """CSS hiding the container `key` and Streamlit's layout wrapper around it (else the 16 px gap stays)."""
    return f"<style>.st-key-{key},[data-testid=stLayoutWrapper]:has(>.st-key-{key}){{display:none}}</style>"


def run_script(key: str, html: str, parent=st) -> None:
    """`html` (with its <script>) in a hidden container `key` of `parent` (st, or st.sidebar)."""
    with parent.container(key=key):
        st.html(style(key) + html, unsafe_allow_javascript=True)
