"""domain.history: what a version changed, whether it only confirmed the entry, what may be brought back."""

from __future__ import annotations

import datetime as dt

from domain.history import only_confirmed, restorable, shown_changes
from nla_data.store import Version

AT = dt.datetime(2014, 1, 6, 10, 0)


def version(number: int, action: str, **changes) -> Version:
    return Version("x", number, AT, "Anna", action, {k: list(v) for k, v in changes.items()}, {})


def test_a_confirm_click_only_confirms_whatever_it_records():
    assert only_confirmed(version(2, "bevestigd", bevestigd_op=(None, "2014-01-06"), bevestigd_door=(None, "Anna")))
    assert only_confirmed(version(2, "bevestigd"))


def test_an_edit_that_changed_only_who_confirmed_counts_as_a_confirmation():
    assert only_confirmed(version(3, "bewerkt", bevestigd_door=("Bob", "Anna")))
    assert only_confirmed(version(3, "bewerkt", bevestigd_op=("2013-01-01", "2014-01-06"), titel=("A", "A")))


def test_an_edit_of_the_words_or_an_edit_that_changed_nothing_is_not_a_confirmation():
    assert not only_confirmed(version(3, "bewerkt", titel=("A", "B"), bevestigd_door=("Bob", "Anna")))
    assert not only_confirmed(version(3, "bewerkt"))  # nothing changed: not "only a confirmation"
    assert not only_confirmed(version(3, "hersteld", titel=("A", "A")))


def test_shown_changes_in_the_forms_order_without_contact_details_or_empty_to_empty():
    shown = shown_changes(version(2, "bewerkt", status=("idee", "loopt"), titel=("Oud", "Nieuw"),
                                  contact_email=("a@b.nl", "c@d.nl"), thema=(None, ""), straat=("", "Dorpsstraat"),
                                  koppelingen=([], []), rol=("x", "x"), bedrag=(None, 0)))
    assert shown == [("titel", "Oud", "Nieuw"), ("status", "idee", "loopt"), ("straat", "", "Dorpsstraat"),
                     ("bedrag", None, 0)]


def test_a_field_that_was_emptied_is_shown_as_a_change():
    """Clearing a description, a street or the links is a change the reader sees, with what was there before."""
    shown = shown_changes(version(3, "bewerkt", beschrijving=("Samen koken", ""), straat=("Dorpsstraat", None),
                                  koppelingen=(["korrewegwijk-moestuin"], [])))
    assert shown == [("beschrijving", "Samen koken", ""), ("straat", "Dorpsstraat", None),
                     ("koppelingen", ["korrewegwijk-moestuin"], [])]


def test_restorable_is_every_earlier_version_but_the_ones_that_only_confirmed():
    versions = [version(1, "aangemaakt", titel=(None, "A")), version(2, "bevestigd"),
                version(3, "bewerkt", titel=("A", "B")), version(4, "bewerkt", titel=("B", "C"))]
    assert restorable(versions, current=4) == {1, 3}
    assert restorable(versions, current=3) == {1, 4}
    assert restorable([], current=1) == set()
