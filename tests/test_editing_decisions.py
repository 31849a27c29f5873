"""domain.editing: the context an entry is checked in, a new entry's id, what differs in a conflict."""

from __future__ import annotations

import numpy as np
import pandas as pd

from domain.editing import Difference, differences, new_item_id, wijk_context
from nla_data.facts import EntryRules

RULES = EntryRules(statuses=("idee",))


def test_the_context_holds_only_this_wijks_buurten_and_entries():
    items = pd.DataFrame({"item_id": ["a-1", "b-1", "a-2"], "wijk_id": ["a", "b", "a"],
                          "sectie": ["gebeurt", "nodig", "netwerk"], "titel": ["Een", "Twee", "Drie"]})
    buurten = pd.DataFrame({"buurtcode": ["BU1", "BU2", "BU3"], "wijk_id": ["a", "b", "a"]})
    context = wijk_context(items, buurten, "a", RULES)
    assert context.wijk_id == "a" and context.rules is RULES
    assert context.buurtcodes == frozenset({"BU1", "BU3"})
    assert context.entries == {"a-1": ("gebeurt", "Een"), "a-2": ("netwerk", "Drie")}


def test_a_new_id_is_the_wijk_and_the_slug_of_the_title_numbered_when_taken():
    assert new_item_id("beijum", "Moestuin aan de Beijumerweg!", set()) == "beijum-moestuin-aan-de-beijumerweg"
    taken = {"beijum-moestuin", "beijum-moestuin-2"}
    assert new_item_id("beijum", "Moestuin", taken) == "beijum-moestuin-3"
    assert new_item_id("beijum", "!!!", set()) == "beijum"  # a title without letters: the wijk's own id
    assert new_item_id("beijum", "!!!", {"beijum"}) == "beijum-2"
    long = new_item_id("beijum", "x" * 100, set())
    assert long == "beijum-" + "x" * 60


def test_differences_treat_empty_missing_and_text_numbers_alike_and_keep_the_fields_order():
    theirs = {"titel": "A", "bedrag": 1500, "thema": None, "status": "loopt", "koppelingen": ("b", "a")}
    yours = {"titel": "A", "bedrag": "1500", "thema": "", "status": "idee", "beschrijving": float("nan"),
             "koppelingen": ["a", "b"], "straat": np.nan}
    assert differences(theirs, yours, ["status", "titel", "bedrag", "thema", "beschrijving", "koppelingen",
                                       "straat"]) == [Difference("status", "loopt", "idee")]
    assert differences({"thema": pd.NA}, {"thema": None}, ["thema"]) == []
    assert differences({"koppelingen": ["a"]}, {"koppelingen": ["a", "b"]}, ["koppelingen"]) == [
        Difference("koppelingen", ["a"], ["a", "b"])]
    assert differences({"bedrag": 0}, {}, ["bedrag"]) == [Difference("bedrag", 0, None)]

