"""Domain logic on the embedded package: slugs, classes and budgets, entries, indicators.

The expected facts are those of /work/shared/design/domain.md (report 2013 §2.2, letter
18-09-2013, CBS Kerncijfers wijken en buurten 2015), copied here so that the tests run anywhere.
"""

from __future__ import annotations

import pandas as pd
import pytest

from domain import entries, indicators
from domain.package_text import in_language
from domain.slugs import normalise_wijk_param, slug
from domain.wijken import Budget, budget, budget_totals, ordered_ids, themes, with_class

# wijk_id: (class, ceiling 2011-2014, inhabitants 2015, households 2015) -- domain.md
DOMAIN = {
    "selwerd": ("groot-zwaar", 900_000, 6585, 4065),
    "paddepoel": ("groot-zwaar", 900_000, 9705, 5595),
    "de-wijert": ("groot-zwaar", 900_000, 7815, 4420),
    "beijum": ("groot-zwaar", 900_000, 12845, 6250),
    "lewenborg": ("groot-zwaar", 900_000, 9120, 4270),
    "oosterpark": ("groot-zwaar", 900_000, 11675, 7800),
    "korrewegwijk": ("groot-zwaar", 900_000, 14460, 10300),
    "de-hoogte": ("klein-zwaar", 450_000, 3750, 2375),
    "oosterhoogebrug": ("klein-zwaar", 450_000, 4200, 1925),
    "vinkhuizen": ("groot-licht", 450_000, 11205, 6155),
    "corpus-den-hoorn": ("groot-licht", 450_000, 4490, 2615),
    "kostverloren": ("klein-licht", 225_000, 2215, 1530),
    "grunobuurt": ("klein-licht", 225_000, 2140, 1575),
    "hoogkerk": ("klein-licht", 100_000, 7400, 3325),  # the exception: klein, licht, € 100.000
    "tuinwijk": ("klein-licht", 225_000, 1575, 1005),
}


# --- slugs ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "expected"), [
    ("Corpus den Hoorn", "corpus-den-hoorn"),
    ("De Wijert", "de-wijert"),
    ("Hoogkerk-Zuid", "hoogkerk-zuid"),
    ("Café 't Zwarte Schaap", "cafe-t-zwarte-schaap"),
    ("Ĳsselmeer", "ijsselmeer"),  # the Dutch ij ligature
    ("  Paddepoel   Noord! ", "paddepoel-noord"),
])
def test_slug(name, expected):
    assert slug(name) == expected


@pytest.mark.parametrize("typed", ["de-wijert", "De Wijert", "De_Wijert", "  DE WIJERT ", "DE-WIJERT", "de  wijert",
                                   "dé wijert"])
def test_normalise_wijk_param_accepts_what_people_type(typed):
    assert normalise_wijk_param(typed) == "de-wijert"


@pytest.mark.parametrize("typed", [None, "", "   ", "---", "_", "?!"])
def test_normalise_wijk_param_gives_none_for_nothing(typed):
    assert normalise_wijk_param(typed) is None


def test_every_wijk_id_is_the_slug_of_its_name(package):
    assert [slug(name) for name in package.wijken["naam"]] == list(package.wijken.index)
    assert all(normalise_wijk_param(name) == wijk_id for wijk_id, name in package.wijken["naam"].items())


# --- classes and budgets ---------------------------------------------------------------------------


def test_the_fifteen_wijken_and_their_classes(package):
    classes = with_class(package.wijken)
    assert dict(zip(classes["wijk_id"], classes["klasse"])) == {w: facts[0] for w, facts in DOMAIN.items()}


def test_wijken_are_ordered_by_class_then_name(package):
    ids = ordered_ids(package.wijken)
    assert sorted(ids) == sorted(DOMAIN)
    ranks = [package.facts.classes.keys.index(DOMAIN[w][0]) for w in ids]  # the package's order
    assert ranks == sorted(ranks)
    assert ids[:7] == ["beijum", "de-wijert", "korrewegwijk", "lewenborg", "oosterpark", "paddepoel", "selwerd"]


def test_ceilings_per_wijk(package):
    assert {w: budget(package.wijken, w).ceiling for w in package.wijken.index} == {
        w: facts[1] for w, facts in DOMAIN.items()}


def test_class_ceilings_as_in_the_report(package):
    classes = with_class(package.wijken)
    counts = classes.groupby(["klasse", "plafond_2011_2014"]).size().to_dict()
    assert counts == {("groot-zwaar", 900_000): 7, ("klein-zwaar", 450_000): 2, ("groot-licht", 450_000): 2,
                      ("klein-licht", 225_000): 3, ("klein-licht", 100_000): 1}
    assert classes.loc["hoogkerk", "plafond_2011_2014"] == 100_000


def test_budget_totals(package):
    totals = budget_totals(package.wijken)
    assert totals == Budget(ceiling=8_875_000, cut_2014=450_000)
    assert totals.after_cut == 8_425_000


def test_cut_is_spread_evenly(package):
    assert set(package.wijken["korting_2014"]) == {30_000}
    assert budget(package.wijken, "hoogkerk") == Budget(100_000, 30_000)
    assert budget(package.wijken, "hoogkerk").after_cut == 70_000


@pytest.mark.parametrize(("value", "expected"), [
    ("Groen;Jongeren", ["Groen", "Jongeren"]), (" Groen ; ;Jongeren ", ["Groen", "Jongeren"]),
    ("", []), ("  ", []), (None, []), (pd.NA, []),
])
def test_themes(value, expected):
    assert themes(pd.Series({"themas": value}), "nl") == expected
    assert themes(pd.Series({"themas": value}), "en") == expected  # no English: the Dutch


@pytest.mark.parametrize(("english", "expected"), [
    ("Green space;Young people", ["Green space", "Young people"]), ("", ["Groen", "Jongeren"]),
    ("  ", ["Groen", "Jongeren"]), (None, ["Groen", "Jongeren"]), (float("nan"), ["Groen", "Jongeren"]),
])
def test_themes_in_english_where_the_package_gives_them(english, expected):
    wijk = pd.Series({"themas": "Groen;Jongeren", "themas_en": english})
    assert themes(wijk, "en") == expected
    assert themes(wijk, "nl") == ["Groen", "Jongeren"]


def test_every_wijk_has_its_themes_and_notes_in_english(package):
    """The embedded package gives every Dutch word of a wijk in English, as many themes in the same order."""
    for wijk_id, wijk in package.wijken.iterrows():
        dutch, english = themes(wijk, "nl"), themes(wijk, "en")
        assert len(english) == len(dutch) > 0, wijk_id
        assert not set(english) & set(dutch), wijk_id
        assert in_language(wijk, "frontlijn_toelichting", "en") != wijk["frontlijn_toelichting"], wijk_id
    hoogkerk = package.wijken.loc["hoogkerk"]
    assert in_language(hoogkerk, "klasse_toelichting", "en").startswith("Exception: ceiling € 100,000")
    assert in_language(hoogkerk, "klasse_toelichting", "nl").startswith("Uitzondering: plafond € 100.000")
    assert in_language(package.wijken.loc["selwerd"], "klasse_toelichting", "en") == ""


# --- entries -----------------------------------------------------------------------------------------


def _open(package) -> tuple[str, ...]:
    """The statuses the package declares open (wijkperspectief.statussen)."""
    return package.facts.entry_rules.open_statuses


@pytest.mark.parametrize("wijk_id", ["tuinwijk", "grunobuurt"])
def test_wijk_without_entries(package, wijk_id):
    opened = _open(package)
    assert entries.for_wijk(package.items, wijk_id, open_statuses=opened).empty
    sections = entries.by_section(package.items, wijk_id, open_statuses=opened)
    assert list(sections) == ["gebeurt", "netwerk", "nodig"]
    assert all(frame.empty for frame in sections.values())
    assert entries.open_counts(package.items, wijk_id, open_statuses=opened) == {"gebeurt": 0, "netwerk": 0, "nodig": 0}
    assert entries.needs_total(package.items, wijk_id, open_statuses=opened) == 0


def test_by_section_lists_open_before_closed(package):
    for wijk_id in package.wijken.index:
        sections = entries.by_section(package.items, wijk_id, open_statuses=_open(package))
        for section, rows in sections.items():
            assert (rows["sectie"] == section).all()
            assert list(rows["open"]) == list(rows["status"].isin(_open(package)))
            assert list(rows["open"]) == sorted(rows["open"], reverse=True)  # all open ones, then all closed
        every = pd.concat(sections.values())["item_id"]
        assert sorted(every) == sorted(package.items.loc[package.items["wijk_id"] == wijk_id, "item_id"])


def test_by_section_example(package):
    gebeurt = entries.by_section(package.items, "beijum", open_statuses=_open(package))["gebeurt"]
    assert list(gebeurt["open"]) == [True, True, True, True, False]
    assert sorted(gebeurt["status"][:4]) == ["gepland", "idee", "loopt", "loopt"]
    assert gebeurt["status"].iloc[-1] == "niet-meer-relevant"


def test_open_counts(package):
    items, opened = package.items, _open(package)
    # the netwerk counts include the three fictional example persons (korrewegwijk, beijum, selwerd)
    assert entries.open_counts(items, "korrewegwijk", open_statuses=opened) == {"gebeurt": 2, "netwerk": 3, "nodig": 2}
    assert entries.open_counts(items, "beijum", open_statuses=opened) == {"gebeurt": 4, "netwerk": 3, "nodig": 1}
    city = entries.open_counts(items, open_statuses=opened)
    assert city == {"gebeurt": 19, "netwerk": 17, "nodig": 11}
    per_wijk = [entries.open_counts(items, w, open_statuses=opened) for w in package.wijken.index]
    assert {s: sum(c[s] for c in per_wijk) for s in entries.SECTIONS} == city


def test_links_of_both_directions(package):
    into = entries.links_of("korrewegwijk-wijkstemdag", package.items, package.koppelingen)
    assert into == [
        entries.Link("korrewegwijk-nodig-wijkstemdag", "Budget voor de organisatie van de volgende wijkstemdag",
                     "hoort-bij", outgoing=False),
        entries.Link("korrewegwijk-wijkteam", "Wijkteam Korrewegwijk", "neemt-deel-aan", outgoing=False),
        entries.Link("korrewegwijk-contact-wijkstemdag", "Bewoner in de organisatie van de wijkstemdag",
                     "neemt-deel-aan", outgoing=False),
    ]
    out = entries.links_of("korrewegwijk-nodig-wijkstemdag", package.items, package.koppelingen)
    assert out == [entries.Link("korrewegwijk-wijkstemdag", "Wijkstemdag: bewoners stemmen over het wijkbudget",
                                "hoort-bij", outgoing=True)]
    assert entries.links_of("tuinwijk-bestaat-niet", package.items, package.koppelingen) == []


def test_links_index_gives_every_entry_what_links_of_gives_it(package):
    items, links = package.items, package.koppelingen
    for wijk_id in package.wijken.index:
        own = items.loc[items["wijk_id"] == wijk_id, "item_id"]
        index = entries.links_index(own, items, links)
        assert set(index) <= set(own)
        for item_id in own:
            assert index.get(item_id, []) == entries.links_of(item_id, items, links), item_id
    # a link to an entry that is not there (hidden, or erased) keeps its id as its title, as in links_of
    dangling = pd.DataFrame({"van_item": ["korrewegwijk-wijkstemdag"], "naar_item": ["weg"], "relatie": ["hoort-bij"]})
    assert entries.links_index(["korrewegwijk-wijkstemdag"], items, dangling) == {
        "korrewegwijk-wijkstemdag": [entries.Link("weg", "weg", "hoort-bij", True)]}


def test_a_link_from_or_to_an_entry_that_is_not_there_keeps_its_id_as_its_title(package):
    items = package.items
    dangling = pd.DataFrame({"van_item": ["korrewegwijk-wijkstemdag", "weg"],
                             "naar_item": ["verdwenen", "korrewegwijk-wijkstemdag"], "relatie": ["hoort-bij"] * 2})
    expected = [entries.Link("verdwenen", "verdwenen", "hoort-bij", True),
                entries.Link("weg", "weg", "hoort-bij", False)]
    assert entries.links_of("korrewegwijk-wijkstemdag", items, dangling) == expected
    assert entries.links_index(["korrewegwijk-wijkstemdag"], items, dangling) == {"korrewegwijk-wijkstemdag": expected}


@pytest.mark.parametrize(("wijk_id", "total"), [
    ("selwerd", 25_000),  # 25.000 planned + an idea without amount
    ("oosterpark", 10_800),  # 6.000 + 4.800
    ("korrewegwijk", 3_500),
    ("beijum", 0),  # its only amount belongs to a completed (closed) need
    ("tuinwijk", 0),
])
def test_needs_total_counts_open_needs_only(package, wijk_id, total):
    assert entries.needs_total(package.items, wijk_id, open_statuses=_open(package)) == total


# --- indicators ----------------------------------------------------------------------------------------


def test_figure_picks_the_latest_year(package):
    latest = indicators.figure(package.cijfers, package.indicatoren, "aandeel_sociale_huur", "wijk", "selwerd")
    assert latest.year == 2014 == indicators.latest_year(package.cijfers, "aandeel_sociale_huur")
    assert latest.value == pytest.approx(51.1)
    assert latest.unit == "procent" and latest.illustrative
    earlier = indicators.figure(package.cijfers, package.indicatoren, "aandeel_sociale_huur", "wijk", "selwerd",
                                2012)
    assert earlier.year == 2012 and earlier.value == pytest.approx(52.3)


def test_a_figure_carries_the_remark_on_its_value(package):
    cijfers = package.cijfers.copy()
    row = ((cijfers["indicator"] == "aandeel_sociale_huur") & (cijfers["gebied_id"] == "selwerd")
           & (cijfers["jaar"] == 2014))
    cijfers["opmerking"] = cijfers["opmerking"].astype(object)
    cijfers.loc[row, "opmerking"] = "Geschat uit de buurten"
    remarked = indicators.figure(cijfers, package.indicatoren, "aandeel_sociale_huur", "wijk", "selwerd")
    assert remarked.note == "Geschat uit de buurten"
    cijfers.loc[row, "opmerking"] = None
    assert indicators.figure(cijfers, package.indicatoren, "aandeel_sociale_huur", "wijk", "selwerd").note == ""


def test_figure_without_a_value_is_none(package):
    no_year = indicators.figure(package.cijfers, package.indicatoren, "inwoners", "wijk", "selwerd", 2011)
    assert no_year.value is None and no_year.year == 2011
    no_area = indicators.figure(package.cijfers, package.indicatoren, "inwoners", "wijk", "atlantis")
    assert no_area.value is None and no_area.year is None and not no_area.illustrative
    assert no_area.unit == no_year.unit == package.indicatoren.loc["inwoners", "eenheid"]  # "no value" in its unit
    assert no_area.source == no_year.source == package.indicatoren.loc["inwoners", "bron"]  # and its source
    assert indicators.latest_year(package.cijfers, "bestaat-niet") is None


def test_key_figures_say_which_values_are_illustrative(package):
    figures = {f.indicator: f for f in indicators.key_figures(package.cijfers, package.indicatoren, "wijk",
                                                              "tuinwijk")}
    # Which figures, and in which order, is the package's choice (indicatoren.kerncijfer, volgorde).
    assert list(figures) == ["inwoners", "huishoudens", "aandeel_65_plus", "bijstand_per_1000", "woningen",
                             "aandeel_sociale_huur", "goedkope_huur_per_laag_inkomen", "leefbaarometer"]
    assert not figures["inwoners"].illustrative and figures["inwoners"].value == 1575
    assert figures["inwoners"].source.startswith("CBS")
    for real in ("huishoudens", "aandeel_65_plus", "bijstand_per_1000"):
        assert not figures[real].illustrative and figures[real].year == 2015 and figures[real].value is not None
    assert figures["aandeel_sociale_huur"].illustrative


def test_key_figures_follow_the_package(package):
    indicatoren = package.indicatoren.assign(kerncijfer=False)
    indicatoren.loc[["leefbaarometer", "inwoners"], "kerncijfer"] = True
    assert indicators.key_indicators(indicatoren) == ["inwoners", "leefbaarometer"]
    assert indicators.key_indicators(indicatoren.drop(columns="kerncijfer")) == []


def test_key_figures_that_share_an_order_number_keep_the_packages_order(package):
    # A package may number its groups rather than each indicator: within a number, the package's own order.
    indicatoren = package.indicatoren.copy()
    groups = list(dict.fromkeys(indicatoren["groep"]))
    indicatoren["kerncijfer"] = True
    indicatoren["volgorde"] = pd.array([len(groups) - groups.index(g) for g in indicatoren["groep"]], dtype="Int64")
    expected = [i for g in reversed(groups) for i in indicatoren.index[indicatoren["groep"] == g]]
    assert indicators.key_indicators(indicatoren) == expected


def test_an_indicator_with_an_empty_key_figure_flag_is_no_key_figure(package):
    indicatoren = package.indicatoren.assign(kerncijfer=pd.array([pd.NA] * len(package.indicatoren), dtype="boolean"))
    indicatoren.loc["inwoners", "kerncijfer"] = True
    indicatoren.loc["leefbaarometer", "kerncijfer"] = False
    assert indicators.key_indicators(indicatoren) == ["inwoners"]


def test_a_partial_figure_says_how_much_of_its_base_it_covers(package):
    row = {"gebied_type": "wijk", "gebied_id": "selwerd", "jaar": 2030, "indicator": "aandeel_65_plus",
           "waarde": 14.0, "bron": "CBS", "illustratief": False, "opmerking": "gedeeltelijk", "dekking": 0.93}
    cijfers = pd.concat([package.cijfers, pd.DataFrame([row])], ignore_index=True)
    partial = indicators.figure(cijfers, package.indicatoren, "aandeel_65_plus", "wijk", "selwerd")
    assert partial.year == 2030 and partial.partial and partial.coverage == 0.93
    whole = indicators.figure(package.cijfers, package.indicatoren, "aandeel_65_plus", "wijk", "selwerd")
    assert not whole.partial and whole.coverage is None


def test_wijk_values_has_all_fifteen_wijken(package):
    values = indicators.wijk_values(package.cijfers, package.wijken, "leefbaarometer", 2014)
    assert list(values.index) == list(package.wijken.index)
    assert values["waarde"].notna().all() and values["illustratief"].all()


def test_wijk_values_keeps_a_wijk_without_value(package):
    cijfers = package.cijfers[package.cijfers["gebied_id"] != "tuinwijk"]
    values = indicators.wijk_values(cijfers, package.wijken, "inwoners", 2015)
    assert len(values) == 15
    assert pd.isna(values.loc["tuinwijk", "waarde"])
    assert values.drop(index="tuinwijk")["waarde"].notna().all()


def test_cbs_2015_wijk_totals_match_the_source(package):
    c = package.cijfers
    rows = c[(c["gebied_type"] == "wijk") & (c["jaar"] == 2015)]
    table = rows.pivot(index="gebied_id", columns="indicator", values="waarde")
    assert {w: (int(table.loc[w, "inwoners"]), int(table.loc[w, "huishoudens"])) for w in table.index} == {
        w: (facts[2], facts[3]) for w, facts in DOMAIN.items()}
    assert not rows[rows["indicator"].isin(["inwoners", "huishoudens"])]["illustratief"].any()


def test_cbs_2015_wijk_totals_are_the_sum_of_their_buurten(package):
    c = package.cijfers
    buurt_wijk = dict(zip(package.buurten["buurtcode"], package.buurten["wijk_id"]))
    for indicator in ("inwoners", "huishoudens"):
        buurten = c[(c["gebied_type"] == "buurt") & (c["jaar"] == 2015) & (c["indicator"] == indicator)]
        if buurten.empty:
            pytest.skip("no buurt values in this package")
        sums = buurten.groupby(buurten["gebied_id"].map(buurt_wijk))["waarde"].sum()
        column = 2 if indicator == "inwoners" else 3
        assert {w: int(v) for w, v in sums.items()} == {w: facts[column] for w, facts in DOMAIN.items()}


def test_the_years_of_an_indicator_are_the_wijken_years_unless_another_level_is_asked():
    from domain import indicators as ind

    cijfers = pd.DataFrame({"indicator": ["x", "x", "x", "y"], "gebied_type": ["wijk", "buurt", "wijk", "wijk"],
                            "jaar": [2014, 2011, 2012, 2010]})
    assert ind.years(cijfers, "x") == [2012, 2014]
    assert ind.years(cijfers, "x", "buurt") == [2011]
    assert ind.latest_year(cijfers, "x") == 2014 and ind.latest_year(cijfers, "z") is None


def test_entries_of_a_wijk_open_first_newest_first_then_by_id():
    moment = pd.Timestamp("2014-01-01")
    items = pd.DataFrame({"item_id": ["b", "a", "c", "d"], "wijk_id": ["w", "w", "w", "x"],
                          "status": ["loopt", "loopt", "afgerond", "loopt"],
                          "bijgewerkt_op": [moment, moment, moment + pd.Timedelta(days=1), moment]})
    rows = entries.for_wijk(items, "w", open_statuses=["loopt"])
    assert list(rows["item_id"]) == ["a", "b", "c"] and list(rows["open"]) == [True, True, False]


@pytest.mark.parametrize("seed", range(6))
def test_the_newest_per_part_are_the_heads_of_the_wijks_order(seed):
    """`outline_page` picks per (section, open) the first `limit` of `for_wijk`'s order, on moments with many ties
    and unknown ones, for limits below, at and above a part's size; it counts each part and the open needs."""
    import random

    rng = random.Random(seed)
    moments = [pd.Timestamp("2014-01-01") + pd.Timedelta(days=rng.randrange(4)) for _ in range(3)] + [pd.NaT]
    count = 60
    items = pd.DataFrame({"item_id": [f"e{rng.randrange(10 ** 6):06d}" for _ in range(count)], "wijk_id": "w",
                          "sectie": [rng.choice(entries.SECTIONS) for _ in range(count)],
                          "status": [rng.choice(["loopt", "afgerond"]) for _ in range(count)],
                          "bedrag": pd.array([rng.choice([None, 0, 5, 1200]) for _ in range(count)], dtype="Int64"),
                          "bijgewerkt_op": pd.to_datetime([rng.choice(moments) for _ in range(count)])})
    items = items.drop_duplicates("item_id").reset_index(drop=True)
    ordered = entries.for_wijk(items, "w", open_statuses=["loopt"])
    limits = {(section, flag): rng.choice([0, 1, 2, 5, 100]) for section in entries.SECTIONS for flag in (True, False)}
    part = {(section, flag): ordered[(ordered["sectie"] == section) & (ordered["open"] == flag)]
            for section in entries.SECTIONS for flag in (True, False)}
    page = entries.outline_page(items, ["loopt"], limits)
    assert page.chosen == [(item_id, flag) for (section, flag), limit in limits.items()
                           for item_id in part[(section, flag)]["item_id"][:limit]]
    assert page.counts == {key: len(rows) for key, rows in part.items()}
    assert page.needs_total == entries.needs_total(items, "w", open_statuses=["loopt"]) > 0
    empty = entries.outline_page(items.iloc[:0], ["loopt"], limits)
    assert empty.chosen == [] and set(empty.counts.values()) == {0} and empty.needs_total == 0


def test_area_values_are_of_that_indicator_in_that_year_only():
    from domain.map_values import area_values

    cijfers = pd.DataFrame({"gebied_type": ["wijk"] * 3, "gebied_id": ["a", "a", "b"], "jaar": [2014, 2015, 2015],
                            "indicator": ["x", "x", "y"], "waarde": [1.0, 2.0, 3.0], "bron": "T",
                            "illustratief": False, "opmerking": None})
    values = area_values(cijfers, "wijk", ["a", "b"], "x", 2015)
    assert values.loc["a", "waarde"] == 2.0 and pd.isna(values.loc["b", "waarde"])


def test_the_class_explanation_says_when_a_source_is_not_given(package):
    import dataclasses

    from domain.wijken import class_explanation

    classes = package.facts.classes
    unsourced = dataclasses.replace(classes, size=dataclasses.replace(classes.size, source=""),
                                    weight=dataclasses.replace(classes.weight, source=None))
    text = class_explanation(unsourced, "nl")
    assert classes.size.source not in text and classes.weight.source not in text
    assert text == "Groot: meer dan 2.500 woningen, klein: niet meer (bron: –). Zwaar of licht volgens –."


def test_the_municipalities_of_a_package_are_its_own_first_then_by_code_each_with_its_buurten():
    from domain import municipalities

    buurten = pd.DataFrame({"buurtcode": ["BU1", "BU2", "BU3", "BU4", "BU5"],
                            "gemeentecode": ["GM9002", "GM0014", "GM9001", "GM0014", None]})
    assert municipalities.municipalities(buurten, "GM0014") == ["GM0014", "GM9001", "GM9002"]
    assert municipalities.municipalities(buurten, "GM0003") == ["GM0014", "GM9001", "GM9002"]  # not among them
    assert municipalities.buurtcodes_of(buurten, "GM0014") == frozenset({"BU2", "BU4"})
    assert municipalities.buurtcodes_of(buurten, "GM0000") == frozenset()
    assert municipalities.label("GM0014", "GM0014", "Groningen") == "Groningen"
    assert municipalities.label("GM9001", "GM0014", "Groningen") == "GM9001"
    assert municipalities.label("GM0014", "GM0014", "") == "GM0014"  # a package without its name: the code


def test_needs_total_skips_rows_without_a_wijk_section_or_status_and_counts_no_amount_as_nothing():
    items = pd.DataFrame({"wijk_id": pd.array(["w", "w", "w", None, "w"], dtype="string"),
                          "sectie": pd.array(["nodig", "nodig", None, "nodig", "nodig"], dtype="string"),
                          "status": pd.array(["idee", None, "idee", "idee", "idee"], dtype="string"),
                          "bedrag": pd.array([100, 200, 400, 800, None], dtype="Int64")})
    assert entries.needs_total(items, "w", open_statuses={"idee"}) == 100
