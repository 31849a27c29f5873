"""What pages compute from the package alone, once per package version instead of on every run.

A package version is one object for every session (ui.state loads it as a cached resource; a new or edited
package is a new object), so a plain dictionary per package object, dropped with it, is the cache: a
lookup costs a dictionary access, where `st.cache_resource` hashes its arguments on every call. The
results are shared by every session and every run: callers only read them.

py-spy on the real server (bench/README.md) found a new session's run of /kaart spending about a third of
its time on such derivations (the wijken ordered by class, the map's values, the city's figures, which
indicators and years have values), each done again on every run.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable, Hashable
from typing import TypeVar

import pandas as pd

from domain.wijken import with_class
from nla_data import NlaPackage

R = TypeVar("R")
_results: dict[int, dict] = {}  # id(package) -> {(function, args): result}


def per_package(function: Callable[..., R]) -> Callable[..., R]:
    """`function(pkg, *args)` with hashable args, computed once per package object and args."""

    @functools.wraps(function)
    def memo(pkg: NlaPackage, *args: Hashable) -> R:
        mine = _results.get(id(pkg))
        if mine is None:
            mine = _results.setdefault(id(pkg), {})
            weakref.finalize(pkg, _results.pop, id(pkg), None)  # a replaced package takes its results along
        key = (function, args)
        if key not in mine:
            mine[key] = function(pkg, *args)
        return mine[key]

    return memo


@per_package
def wijken_by_class(pkg: NlaPackage) -> pd.DataFrame:
    """The wijken in the picker's order (domain.wijken.with_class), indexed by wijk id."""
    return with_class(pkg.wijken).set_index("wijk_id", drop=False)
