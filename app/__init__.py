"""The service layer: what pages ask for, checked and carried out.

Each write path asks `domain.permissions.allowed` itself (a hidden button is not security), then
lets the domain decide (validate, plan, diff) and the store write. Pages call this layer; it never
imports Streamlit.
"""
