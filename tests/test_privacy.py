"""Who sees which entries and whose personal data (small frames, one rule per test)."""

from __future__ import annotations

import pandas as pd
import pytest

from domain import privacy
from domain.permissions import PUBLIC, Actor

ALDERMAN = Actor("w", "Wim Wethouder", "wethouder")
FRONTLINE = Actor("f", "Fenna Frontlijn", "frontlijnwerker", frozenset({"oosterpoort"}))
ADMIN = Actor("b", "Bea Beheer", "beheerder")


def frame(*rows: tuple) -> pd.DataFrame:
    """Rows of (item_id, wijk_id, sectie, zichtbaarheid, auteur, contact_naam)."""
    return pd.DataFrame(rows, columns=["item_id", "wijk_id", "sectie", "zichtbaarheid", "auteur", "contact_naam"])


ITEMS = frame(("pub", "oosterpoort", "gebeurt", None, "Anna", None),
              ("net", "oosterpoort", "netwerk", "", "Anna", "Piet Puk"),
              ("own", "oosterpoort", "netwerk", "frontlijn", "Bram", "Kees Kok"),
              ("other", "korrewegwijk", "netwerk", "frontlijn", "Bram", "Els Eik"),
              ("open-net", "korrewegwijk", "netwerk", "openbaar", "Bram", None))
LINKS = pd.DataFrame([("pub", "net"), ("pub", "open-net"), ("own", "other")], columns=["van_item", "naar_item"])


def test_an_entry_without_its_own_visibility_takes_its_sections_default():
    items = frame(("a", "w", "gebeurt", None, "", None), ("b", "w", "nodig", "", "", None),
                  ("c", "w", "netwerk", None, "", None), ("d", "w", "onbekend", None, "", None),
                  ("e", "w", "netwerk", "openbaar", "", None))
    assert list(privacy.visibility(items)) == ["openbaar", "openbaar", "ingelogd", "ingelogd", "openbaar"]


def test_without_a_visibility_column_every_entry_has_its_sections_default():
    items = frame(("a", "w", "gebeurt", None, "", None), ("c", "w", "netwerk", None, "", None))
    assert list(privacy.visibility(items.drop(columns="zichtbaarheid"))) == ["openbaar", "ingelogd"]


def test_who_sees_which_rows():
    def seen(actor):
        return list(ITEMS.loc[privacy.visible_mask(ITEMS, actor), "item_id"])
    assert seen(PUBLIC) == ["pub", "open-net"]
    assert seen(ALDERMAN) == ["pub", "net", "open-net"]
    assert seen(FRONTLINE) == ["pub", "net", "own", "open-net"]
    assert seen(ADMIN) == ["pub", "net", "own", "other", "open-net"]


def test_the_public_sees_no_editor_and_no_contact_and_only_links_between_visible_entries():
    rows, links = privacy.visible_entries(ITEMS, LINKS, PUBLIC)
    assert list(rows["item_id"]) == ["pub", "open-net"]
    assert rows["auteur"].isna().all() and rows["contact_naam"].isna().all()
    assert list(map(tuple, links.itertuples(index=False))) == [("pub", "open-net")]


def test_a_frontline_worker_sees_editors_and_only_their_own_wijks_contacts():
    rows, links = privacy.visible_entries(ITEMS, LINKS, FRONTLINE)
    by_id = rows.set_index("item_id")
    assert list(by_id["auteur"]) == ["Anna", "Anna", "Bram", "Bram"]
    assert by_id.loc["net", "contact_naam"] == "Piet Puk" and by_id.loc["own", "contact_naam"] == "Kees Kok"
    assert pd.isna(by_id.loc["open-net", "contact_naam"])
    assert list(map(tuple, links.itertuples(index=False))) == [("pub", "net"), ("pub", "open-net")]


def test_an_alderman_sees_editors_but_no_contact_details():
    rows, _ = privacy.visible_entries(ITEMS, LINKS, ALDERMAN)
    assert list(rows["auteur"]) == ["Anna", "Anna", "Bram"]
    assert rows["contact_naam"].isna().all()


def test_the_input_frame_is_left_as_it_was():
    before = ITEMS.copy()
    privacy.visible_entries(ITEMS, LINKS, PUBLIC)
    pd.testing.assert_frame_equal(ITEMS, before)


def test_the_input_frame_is_left_as_it_was_when_every_row_is_visible_and_blanked():
    public = ITEMS[privacy.visible_mask(ITEMS, PUBLIC)].reset_index(drop=True).assign(contact_naam="Piet Puk")
    before = public.copy()
    rows, _ = privacy.visible_entries(public, LINKS, PUBLIC)
    assert len(rows) == len(public) and rows["auteur"].isna().all() and rows["contact_naam"].isna().all()
    pd.testing.assert_frame_equal(public, before)
    # the blanked columns of one dtype share a blank: writing to one leaves the other blank
    assert rows["auteur"].dtype == rows["contact_naam"].dtype
    rows.loc[rows.index[0], "auteur"] = "Mia"
    assert rows["auteur"].notna().sum() == 1 and rows["contact_naam"].isna().all()


@pytest.mark.parametrize("all_visible", [False, True])
def test_contact_details_no_row_may_show_are_blanked_as_where_blanks_them(all_visible):
    """Blanked at once when no row may show them: the values and dtypes of blanking row by row (`where`): NaN in
    an object column, the dtype's NA in the others."""
    import datetime as dt

    import numpy as np

    items = ITEMS.assign(toestemming_op=pd.Series([dt.date(2013, 9, 18)] * len(ITEMS), dtype=object),
                         contact_telefoon=pd.array(["050"] * len(ITEMS), dtype="string"))
    if all_visible:
        items = items[privacy.visible_mask(items, PUBLIC)]
    rows, _ = privacy.visible_entries(items, LINKS, PUBLIC)
    for column in ("contact_naam", "toestemming_op", "contact_telefoon"):
        expected = items.loc[rows.index, column].where(np.zeros(len(rows), dtype=bool))
        pd.testing.assert_series_equal(rows[column], expected)
    assert all(value != value for value in rows["toestemming_op"])  # NaN, not None: as `where` leaves it


def test_who_may_see_every_rows_contact_details_gets_them_as_they_were():
    rows, _ = privacy.visible_entries(ITEMS, LINKS, ADMIN)
    pd.testing.assert_frame_equal(rows, ITEMS)


def test_nothing_visible_is_an_empty_frame_not_an_error():
    only_frontline = ITEMS[ITEMS["zichtbaarheid"] == "frontlijn"]
    rows, links = privacy.visible_entries(only_frontline, LINKS, ALDERMAN)
    assert rows.empty and links.empty


def test_visible_kinds_are_the_kinds_a_row_of_which_the_actor_may_see():
    kinds = pd.DataFrame([("oosterpoort", "netwerk", None), ("oosterpoort", "netwerk", "frontlijn"),
                          ("korrewegwijk", "netwerk", "frontlijn"), ("korrewegwijk", "gebeurt", None)],
                         columns=["wijk_id", "sectie", "zichtbaarheid"])
    assert privacy.visible_kinds(kinds, PUBLIC) == {("korrewegwijk", "gebeurt", None)}
    assert privacy.visible_kinds(kinds, FRONTLINE) == {
        ("oosterpoort", "netwerk", None), ("oosterpoort", "netwerk", "frontlijn"), ("korrewegwijk", "gebeurt", None)}
    assert privacy.visible_kinds(kinds.iloc[:0], ADMIN) == frozenset()


def test_who_may_see_editors_and_contacts():
    assert [privacy.may_see_editors(a) for a in (PUBLIC, ALDERMAN, FRONTLINE)] == [False, True, True]
    assert privacy.may_see_contact(FRONTLINE, "oosterpoort") is True
    assert privacy.may_see_contact(FRONTLINE, "korrewegwijk") is False
    assert privacy.may_see_contact(ALDERMAN, "oosterpoort") is False
    assert privacy.may_see_contact(ADMIN, "korrewegwijk") is True


def test_what_each_viewer_may_not_see_of_a_wijk_and_what_its_empty_sections_say():
    from domain.texts import empty_section, t

    cases = {(PUBLIC, "oosterpoort"): {"ingelogd", "frontlijn"}, (ALDERMAN, "oosterpoort"): {"frontlijn"},
             (FRONTLINE, "oosterpoort"): set(), (FRONTLINE, "korrewegwijk"): {"frontlijn"},
             (ADMIN, "korrewegwijk"): set()}
    for (actor, wijk), unseen in cases.items():
        assert privacy.unseen_visibilities(actor, wijk) == unseen, (actor.role, wijk)
    purpose = t("section.purpose.nodig")
    assert empty_section("nodig", {"ingelogd", "frontlijn"}) == f"{t('section.none.openbaar')} {purpose}"
    assert empty_section("nodig", {"frontlijn"}) == f"{t('section.none.frontlijn')} {purpose}"
    assert empty_section("nodig") == f"{t('section.none')} {purpose}" == (
        "Nog niets vastgelegd. Hier staat wat er nodig is om ideeën ruimte te geven: geld, ruimte, toestemming, "
        "contacten of kennis.")
    assert empty_section("nodig", {"frontlijn"}, "en").startswith("Nothing you may see")
