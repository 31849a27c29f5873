"""What a page computes from cached frames, kept as long as it is asked with those very frames.

The entries, links and decisions a page reads are cached resources (ui.state, ui.decision_form): the same
objects on every run until a save makes new ones. A result computed from them (the network of a wijk and its
picture) is then the same too; it is kept under the identity of its frames and the other (hashable)
arguments. The frames are held with the result, so their ids cannot be taken by other objects while the
entry lives; the oldest entries go first. Results are shared by every session: callers only read them.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

import pandas as pd

R = TypeVar("R")
_FRAMES = (pd.DataFrame, pd.Series)


def by_identity(maxsize: int = 64) -> Callable[[Callable[..., R]], Callable[..., R]]:
    def decorate(function: Callable[..., R]) -> Callable[..., R]:
        results: OrderedDict[tuple, tuple[tuple, R]] = OrderedDict()
        lock = threading.Lock()

        @functools.wraps(function)
        def memo(*args) -> R:
            key = tuple(("frame", id(a)) if isinstance(a, _FRAMES) else a for a in args)
            with lock:
                found = results.get(key)
                if found is not None:
                    results.move_to_end(key)
                    return found[1]
            result = function(*args)
            with lock:
                results[key] = (args, result)  # the frames are held: their ids stay theirs
                while len(results) > maxsize:
                    results.popitem(last=False)
            return result

        memo.cache_clear = results.clear  # type: ignore[attr-defined]
        return memo

    return decorate
