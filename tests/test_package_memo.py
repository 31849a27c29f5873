"""ui.package_memo: what pages derive from the package, once per package version; ui.state: the package
files looked at once per run, and an edited package seen on the next run."""

from __future__ import annotations

import gc
import shutil

import pytest

from nla_data import EMBEDDED_DIR, load_package
from nla_data.settings import PACKAGE_ENV
from tests.apptest import open_page, texts
from ui import package_memo, state
from ui.package_memo import per_package, wijken_by_class


@pytest.fixture(scope="module")
def pkg():
    return load_package(EMBEDDED_DIR).package


def test_a_derivation_runs_once_per_package_and_arguments(pkg):
    calls = []

    @per_package
    def names(package, lang):
        calls.append(lang)
        return [f"{n} ({lang})" for n in package.wijken["naam"]]

    first = names(pkg, "nl")
    assert names(pkg, "nl") is first  # the same object: computed once
    assert names(pkg, "en") is not first and calls == ["nl", "en"]  # other arguments: computed apart
    assert first[0].endswith("(nl)")


def test_two_derivations_with_the_same_arguments_do_not_share_results(pkg):
    @per_package
    def count(package):
        return len(package.wijken)

    @per_package
    def first_name(package):
        return package.wijken["naam"].iloc[0]

    assert count(pkg) == 15
    assert first_name(pkg) == pkg.wijken["naam"].iloc[0]


def test_a_new_package_version_is_derived_anew_and_the_old_results_go_with_it():
    old, new = load_package(EMBEDDED_DIR).package, load_package(EMBEDDED_DIR).package
    calls = []

    @per_package
    def ids(package):
        calls.append(id(package))
        return list(package.wijken.index)

    assert ids(old) == ids(new)
    assert calls == [id(old), id(new)]  # a reloaded package is a new object: nothing stale carries over
    old_id = id(old)
    del old
    gc.collect()
    assert old_id not in package_memo._results  # noqa: SLF001 - the results were dropped with their package


def test_the_wijken_by_class_are_the_pickers_order_indexed_by_id(pkg):
    wijken = wijken_by_class(pkg)
    assert list(wijken.index) == list(wijken["wijk_id"])
    order = list(zip(wijken["klasse_volgorde"], wijken["naam"]))
    assert order == sorted(order)
    assert wijken_by_class(pkg) is wijken


def test_one_run_of_a_wijk_page_looks_at_the_package_files_once(monkeypatch):
    open_page("wijk", wijk="selwerd")  # caches filled
    calls = []
    real = state._fingerprint  # noqa: SLF001
    monkeypatch.setattr(state, "_fingerprint", lambda path: calls.append(path) or real(path))
    at = open_page("wijk", wijk="selwerd")
    assert not at.exception
    assert len(calls) == 1  # it asked for the package about a dozen times
    at.run()
    assert len(calls) == 2  # and the next run looks again


def test_an_edited_package_is_shown_on_the_next_run_of_the_same_session(tmp_path, monkeypatch):
    copy = tmp_path / "pakket"
    shutil.copytree(EMBEDDED_DIR, copy, ignore=shutil.ignore_patterns("*.py", "__pycache__", "cbs"))
    monkeypatch.setenv(PACKAGE_ENV, str(copy))
    at = open_page("wijk", wijk="selwerd")
    assert not at.exception and "Selwerd" in texts(at)
    wijken = copy / "data" / "wijken.csv"
    wijken.write_text(wijken.read_text(encoding="utf-8").replace("selwerd,Selwerd,", "selwerd,Selwerdpark,"),
                      encoding="utf-8")
    at.run()
    assert not at.exception
    assert "Selwerdpark" in texts(at)
