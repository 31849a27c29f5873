"""ui.identity_memo: a result kept while it is asked with the very same frames, computed again for new ones."""

from __future__ import annotations

import pandas as pd

from ui.identity_memo import by_identity


def _counted(maxsize: int = 64):
    calls = []

    @by_identity(maxsize=maxsize)
    def total(items: pd.DataFrame, wijk_id: str, lang: str) -> int:
        calls.append((wijk_id, lang))
        return int(items.loc[items["wijk_id"] == wijk_id, "n"].sum())

    return total, calls


def test_the_same_frames_and_arguments_are_computed_once():
    total, calls = _counted()
    items = pd.DataFrame({"wijk_id": ["beijum", "beijum", "selwerd"], "n": [1, 2, 5]})
    assert total(items, "beijum", "nl") == 3
    assert total(items, "beijum", "nl") == 3
    assert calls == [("beijum", "nl")]
    assert total(items, "selwerd", "nl") == 5 and total(items, "beijum", "en") == 3  # other arguments: anew
    assert len(calls) == 3


def test_a_new_frame_after_a_save_is_computed_anew_even_when_it_looks_the_same():
    total, calls = _counted()
    before = pd.DataFrame({"wijk_id": ["beijum"], "n": [1]})
    assert total(before, "beijum", "nl") == 1
    after = before.copy()
    after.loc[0, "n"] = 4  # a save makes new frames (ui.state): a new object
    assert total(after, "beijum", "nl") == 4
    assert total(before.copy(), "beijum", "nl") == 1  # equal content, another object: computed, not guessed
    assert len(calls) == 3


def test_the_oldest_results_go_first_and_their_frames_with_them():
    total, calls = _counted(maxsize=2)
    frames = [pd.DataFrame({"wijk_id": ["beijum"], "n": [n]}) for n in range(3)]
    for frame in frames:
        total(frame, "beijum", "nl")
    total(frames[2], "beijum", "nl")  # still kept
    assert len(calls) == 3
    total(frames[0], "beijum", "nl")  # the oldest was dropped
    assert len(calls) == 4
