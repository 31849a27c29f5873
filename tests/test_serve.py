"""serve.py: the launcher warms the caches the visitors' runs use, and every page it warms runs."""

from __future__ import annotations

import gc

import streamlit as st

import serve
from tests.apptest import open_page, texts
from ui import routes, state


def test_warm_runs_every_page_it_warms_without_a_problem():
    assert [path for path, _ in serve.warm_pages()] == [routes.HOME, routes.KAART, routes.WIJK, routes.VERGELIJKEN,
                                                       routes.WONEN, routes.BIJ_TE_WERKEN, routes.RECENT]
    assert serve.warm() == []


def test_a_visitor_after_the_warm_up_finds_the_package_it_loaded(monkeypatch):
    st.cache_resource.clear()
    st.cache_data.clear()
    calls = []
    real = state.load_package
    monkeypatch.setattr(state, "load_package", lambda *args: calls.append(args) or real(*args))

    assert serve.warm([(routes.HOME, {})]) == []
    assert len(calls) == 1  # the warm-up loaded the package
    at = open_page(routes.WIJK, wijk="selwerd")  # a later run, as a visitor's
    assert not at.exception
    assert "Selwerd" in texts(at)
    assert len(calls) == 1  # and the visitor's run found it in the cache


def test_what_the_warm_up_left_alive_is_out_of_the_full_collections_after_each_run(monkeypatch):
    """Streamlit collects all generations after every script run; prepare() freezes the warmed heap out of them,
    and only that: what is made later is collected as before."""
    cached = [{"figuur": n} for n in range(100)]  # stands for what the warm-up put in the caches
    monkeypatch.setattr(serve, "warm", lambda: ["/wonen: stuk"])
    try:
        assert serve.prepare() == ["/wonen: stuk"]  # the warm-up's problems are passed on
        assert not any(obj is cached for obj in gc.get_objects())  # frozen: a full collection skips it
        later = [{"sessie": 1}]
        assert any(obj is later for obj in gc.get_objects())  # a visitor's objects are still collected
    finally:
        gc.unfreeze()
    assert any(obj is cached for obj in gc.get_objects())


def test_a_page_that_fails_is_reported_and_the_warm_up_goes_on(monkeypatch):
    from pages import recent

    def broken() -> None:
        raise RuntimeError("kapot")

    monkeypatch.setattr(recent, "render", broken)
    problems = serve.warm([(routes.RECENT, {}), (routes.WONEN, {})])
    assert len(problems) == 1
    assert problems[0].startswith(f"/{routes.RECENT}: ") and "kapot" in problems[0]
