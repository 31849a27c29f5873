"""Pure domain logic: wijken, classes, budgets, indicators, entries, formatting.

Nothing in this package imports Streamlit or plotly; everything takes plain pandas
objects (or the loaded `NlaPackage`) and returns values.
"""
