"""Issue 9, "Readable": what a new user trips over on Vergelijken, the wijk page's entries and history,
Bij te werken, Recent gewijzigd and Beheer (AppTest, and the pure functions behind them)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re

import pandas as pd
import pytest

from domain import compare, examples, history
from domain.texts import tn
from domain.wijken import with_class
from figures.compare_charts import bar_chart
from figures.palette import wijk_colours
from nla_data import EMBEDDED_DIR, load_package
from nla_data.store import EntryStore, Version
from tests.apptest import open_page, sign_in, texts
from ui.components import literal

PACKAGE = load_package(EMBEDDED_DIR).package
WIJKEN = with_class(PACKAGE.wijken)
CLASS_OF = dict(zip(WIJKEN["wijk_id"], WIJKEN["klasse"]))


def _no_exception(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _chosen(at) -> list[str]:
    value = at.query_params["wijken"]
    value = value[0] if isinstance(value, list) else value
    return [w for w in value.split(",") if w]


def _class(klasse: str) -> list[str]:
    return [w for w, k in CLASS_OF.items() if k == klasse]


# --- Vergelijken: one click to all, my class, none ---------------------------------------------------

def test_all_then_none_then_two_clicks_pick_two_wijken():
    at = open_page("vergelijken")
    _no_exception(at)
    at.button(key="cmp_none").click().run()
    _no_exception(at)
    assert _chosen(at) == []
    assert "Kies minstens **twee** wijken" in texts(at)
    assert not at.get("plotly_chart")
    # two clicks: one chip in each of two classes
    at.pills(key="cmp_wijken_groot-zwaar").set_value(["selwerd"]).run()
    at.pills(key="cmp_wijken_klein-licht").set_value(["tuinwijk"]).run()
    _no_exception(at)
    assert _chosen(at) == ["selwerd", "tuinwijk"]
    assert len(at.get("plotly_chart")) == 3
    at.button(key="cmp_all").click().run()
    assert sorted(_chosen(at)) == sorted(CLASS_OF)


def test_my_class_is_the_class_of_the_wijk_in_the_sidebar():
    at = open_page("vergelijken", wijken="selwerd,tuinwijk", wijk="tuinwijk")
    _no_exception(at)
    button = at.button(key="cmp_mine")
    assert not button.disabled and "klein" in button.label and "(4)" in button.label
    assert "Tuinwijk" in button.help and "zijbalk" in button.help
    button.click().run()
    assert _chosen(at) == _class("klein-licht")


def test_my_class_without_a_wijk_is_that_of_the_frontline_workers_own_wijken():
    at = sign_in(open_page("vergelijken", wijken="selwerd,tuinwijk"), "bea")  # Beijum: groot, zwaar
    _no_exception(at)
    button = at.button(key="cmp_mine")
    assert "jouw wijken (Beijum)" in button.help
    button.click().run()
    assert _chosen(at) == _class("groot-zwaar")


def test_without_a_wijk_or_own_wijken_my_class_says_what_it_needs():
    at = open_page("vergelijken", wijken="selwerd,tuinwijk")
    button = at.button(key="cmp_mine")
    assert button.disabled and "zijbalk" in button.help


def test_my_class_decision():
    mine = compare.my_class(PACKAGE.wijken, "selwerd", own=["tuinwijk"])
    assert mine.reason == compare.CHOSEN_WIJK and mine.classes == ("groot-zwaar",)
    assert mine.wijk_ids == _class("groot-zwaar") and mine.basis == ("selwerd",)
    # a worker in wijken of two classes: both classes, in the package's order
    fatima = compare.my_class(PACKAGE.wijken, None, own=["tuinwijk", "selwerd", "korrewegwijk"])
    assert fatima.reason == compare.OWN_WIJKEN
    assert fatima.classes == ("groot-zwaar", "klein-licht")
    assert fatima.wijk_ids == _class("groot-zwaar") + _class("klein-licht")
    assert compare.my_class(PACKAGE.wijken, None, own=[]) is None
    assert compare.my_class(PACKAGE.wijken, "atlantis", own=[]) is None


# --- Vergelijken: a colour per wijk, labels clear of the lines ----------------------------------------

def _lab(colour: str) -> tuple[float, float, float]:
    """CIELAB of an sRGB hex colour (D65)."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(int(colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _distance(a: str, b: str) -> float:
    return sum((p - q) ** 2 for p, q in zip(_lab(a), _lab(b))) ** 0.5


def test_every_chosen_wijk_has_its_own_colour_a_shade_of_its_class():
    colours = wijk_colours(PACKAGE.facts.classes, zip(WIJKEN["wijk_id"], WIJKEN["klasse"]))
    assert len(set(colours.values())) == 15
    closest = min(_distance(a, b) for a, b in itertools.combinations(colours.values(), 2))
    assert closest >= 7, closest  # clearly apart, also for all 15 at once
    # a single wijk of a class keeps the class's own colour; two of one class are far apart in lightness
    from figures.palette import class_colour
    assert wijk_colours(PACKAGE.facts.classes, [("selwerd", "groot-zwaar")]) == {
        "selwerd": class_colour(PACKAGE.facts.classes, "groot-zwaar")}
    two = wijk_colours(PACKAGE.facts.classes, [("selwerd", "groot-zwaar"), ("beijum", "groot-zwaar")])
    assert abs(_lab(two["selwerd"])[0] - _lab(two["beijum"])[0]) > 25


def test_the_two_chosen_wijken_of_one_class_have_two_colours_in_every_chart():
    at = open_page("vergelijken", wijken="selwerd,beijum", extra="aandeel_sociale_huur")
    _no_exception(at)
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert len(charts) == 3
    bars, trend, multiples = charts
    [bar] = [trace for trace in bars["data"] if trace["type"] == "bar" and trace.get("y", [None])[0]]
    assert len(set(bar["marker"]["color"])) == 2
    by_name = dict(zip(bar["y"], bar["marker"]["color"]))
    lines = {trace["name"]: trace["line"]["color"] for trace in trend["data"] if trace.get("name") in by_name}
    assert lines == by_name  # the same wijk, the same colour
    for trace in [t for t in multiples["data"] if t["type"] == "bar" and t.get("y", [None])[0]]:
        assert dict(zip(trace["y"], trace["marker"]["color"])) == by_name


def test_value_labels_stand_in_a_column_clear_of_the_reference_lines():
    chosen = ["selwerd", "beijum", "tuinwijk"]
    indicator = "goedkope_huur_per_laag_inkomen"
    table = compare.comparison_table(PACKAGE.cijfers, PACKAGE.wijken, PACKAGE.indicatoren, indicator, 2014, chosen)
    figure = bar_chart(table, PACKAGE.indicatoren.loc[indicator], "nl", classes=PACKAGE.facts.classes)
    [bars] = [trace for trace in figure.data if trace.type == "bar" and trace.y[0] is not None]
    assert bars.text is None  # no label at the end of a bar, where the city's and the NLA lines run
    labels = {a.y: a.text for a in figure.layout.annotations if a.xref == "paper"}
    assert set(labels) == set(bars.y)
    assert all(a.x == 1 and a.xanchor == "left" for a in figure.layout.annotations if a.xref == "paper")
    assert figure.layout.margin.r >= 16 + 7 * max(len(text) for text in labels.values())
    assert "0,63" in labels["Selwerd"]  # Dutch decimals
    lines = [shape.x0 for shape in figure.layout.shapes]
    assert len(lines) == 2 and max(lines) <= figure.layout.xaxis.range[1]  # the lines stay inside the plot


# --- the wijk page: linked entries are links, a rewritten example is no example ----------------------

@pytest.fixture
def database(tmp_path, monkeypatch) -> EntryStore:
    """A fresh database per test, filled from the embedded package like on first start."""
    url = f"sqlite:///{tmp_path}/entries.sqlite"
    monkeypatch.setenv("NLA_DATABASE_URL", url)
    return EntryStore.open(PACKAGE, url)


def _markdowns(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_linked_entries_link_to_the_entry_card_on_the_page(database):
    at = open_page("wijk", wijk="korrewegwijk")
    _no_exception(at)
    said = _markdowns(at)
    # every card carries its anchor; a link names the other entry and points at that anchor
    assert '<span id="item-korrewegwijk-wijkstemdag"' in said
    title = literal("Wijkstemdag: bewoners stemmen over het wijkbudget")
    assert f"[*{title}*](#item-korrewegwijk-wijkstemdag)" in said
    assert "](#item-korrewegwijk-nodig-wijkstemdag)" in said  # and back, from the initiative to its need


def test_a_title_with_markup_stays_text_next_to_its_anchor(database):
    at = _editor("anna")
    at.button(key="btn-edit:korrewegwijk-wijkstemdag").click().run()
    at.text_input(key="edit-korrewegwijk-wijkstemdag:titel").input('<img src=x onerror=alert(1)> **vet**')
    _submit(at)
    _no_exception(at)
    [title] = [m.value for m in at.markdown if 'id="item-korrewegwijk-wijkstemdag"' in m.value]
    assert len(re.findall(r"(?<!\\)<", title)) == 2  # the anchor's two tags, nothing of the title
    assert "\\<img" in title and "\\*\\*vet\\*\\*" in title


def _editor(name: str, wijk: str = "korrewegwijk"):
    return sign_in(open_page("wijk", wijk=wijk), name)


def _submit(at):
    next(b for b in at.button if b.label == "Opslaan" and b.key.startswith("FormSubmitter")).click()
    return at.run()


EXAMPLE_BADGE = "voorbeeld uit de bron (2013)"


def test_a_rewritten_example_loses_its_badge(database):
    entry = "korrewegwijk-wijkstemdag"
    at = _editor("anna")
    before = _markdowns(at).count(EXAMPLE_BADGE)
    at.button(key=f"btn-confirm:{entry}").click().run()  # a confirmation keeps it an example
    assert _markdowns(at).count(EXAMPLE_BADGE) == before
    at.button(key=f"btn-edit:{entry}").click().run()
    at.text_area(key=f"edit-{entry}:beschrijving").input("In 2015 stemmen bewoners opnieuw, nu ook online.")
    _submit(at)
    _no_exception(at)
    assert database.item(entry)["beschrijving"].startswith("In 2015")
    assert _markdowns(at).count(EXAMPLE_BADGE) == before - 1


def test_still_examples_decides_by_the_words_of_title_and_description():
    items = PACKAGE.items.copy()
    first, second, third = items.index[:3]
    items.loc[first, "titel"] = "Een eigen titel"
    items.loc[second, "beschrijving"] = "  " + " \n".join(str(items.loc[second, "beschrijving"]).split()) + " "
    items.loc[third, "bevestigd_door"] = "Anna"
    new = items.iloc[[0]].assign(item_id="korrewegwijk-nieuw")
    result = examples.still_examples(pd.concat([items, new], ignore_index=True), PACKAGE.items)
    assert not result.iloc[0]  # rewritten title
    assert result.iloc[1]  # the same words, other spacing
    assert result.iloc[2]  # a confirmation changes no words
    assert not result.iloc[-1]  # not from the package: never an example
    assert result.iloc[3:-1].all()


# --- the history: readable, and no restore of a version that only confirmed ----------------------

def test_history_is_in_words_and_offers_no_restore_of_a_confirmation(database):
    entry = "korrewegwijk-wijkstemdag"
    at = _editor("anna")
    at.button(key=f"btn-confirm:{entry}").click().run()  # version 2: only confirmed
    at.button(key=f"btn-edit:{entry}").click().run()
    at.text_input(key=f"edit-{entry}:titel").input("Wijkstemdag 2015")
    _submit(at)  # version 3
    at.button(key=f"btn-history:{entry}").click().run()
    _no_exception(at)
    keys = {b.key for b in at.button}
    assert f"restore:{entry}:1" in keys
    assert f"restore:{entry}:2" not in keys  # nothing to bring back
    assert f"restore:{entry}:3" not in keys  # the current version
    said = texts(at)
    assert "Bevestigd als nog actueel; er is niets gewijzigd." in said
    moment = database.history(entry)[0].at
    assert f"{moment.day} {MONTHS[moment.month - 1]} {moment.year} om {moment:%H:%M}" in said  # Dutch, in words
    created = next(table.value for table in at.table if "Werd" in table.value.columns and len(table.value) > 3)
    cells = dict(zip(created["Veld"], created["Werd"]))
    assert cells["Sectie"] == "Wat er gebeurt"  # the section's name, not its code
    assert cells["Status"] == "loopt" and cells["Aanpak"] == "stimuleren"
    # each version's table says on a phone that it scrolls sideways, where its longest words do not fit
    changed = [table for table in at.table if "Veld" in table.value.columns]
    boxes = {h.proto.body.split("{")[0].removeprefix("<style>") for h in at.get("html") if ".st-key-hist-" in h.proto.body}
    assert len(changed) == 2 and boxes == {".st-key-hist-1", ".st-key-hist-3"}, (len(changed), boxes)
    at.button(key=f"restore:{entry}:1").click().run()
    _no_exception(at)
    assert database.item(entry)["titel"].startswith("Wijkstemdag: bewoners")
    assert not any(b.key.startswith("restore:") for b in at.button if b.key)  # the history closed


MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]


def test_only_confirmed_and_restorable():
    def version(number, action, changes):
        return Version("x", number, dt.datetime(2015, 1, number), "Anna", action, changes, {})

    created = version(1, "aangemaakt", {"titel": [None, "A"], "status": [None, "loopt"]})
    confirmed = version(2, "bevestigd", {"bevestigd_op": [None, "2015-01-02T10:00:00"],
                                         "bevestigd_door": [None, "Anna"]})
    restored_confirmation = version(3, "hersteld", {"bevestigd_door": ["Anna", "Bob"]})
    edited = version(4, "bewerkt", {"titel": ["A", "B"], "bevestigd_door": ["Bob", "Anna"]})
    assert [history.only_confirmed(v) for v in (created, confirmed, restored_confirmation, edited)] == [
        False, True, True, False]
    assert history.restorable([edited, restored_confirmation, confirmed, created], current=4) == {1}
    assert [name for name, *_ in history.shown_changes(edited)] == ["titel", "bevestigd_door"]


# --- Bij te werken: a total, plurals, the examples apart, a confirm per row ----------------------------

REAL = "korrewegwijk-wijkstemdag"  # made a real (non-example) entry from long ago by `_one_real_stale_entry`


def _one_real_stale_entry(database: EntryStore) -> None:
    """As if a frontline worker had written this entry themselves in 2013 and nobody looked at it since."""
    with database.engine.begin() as db:
        db.execute(database.items_t.update().where(database.items_t.c.item_id == REAL).values(voorbeeld=False))


def test_plural_counts_the_dutch_way():
    assert tn("stale.items", 1, "nl") == "1 item"
    assert tn("stale.items", 7, "nl") == "7 items"
    assert tn("stale.items", 0, "nl") == "0 items"
    assert tn("stale.items", 1200, "nl") == "1.200 items"
    assert tn("stale.wijken", 1, "nl") == "1 wijk" and tn("stale.wijken", 3, "nl") == "3 wijken"
    assert tn("stale.items", 1, "en") == "1 entry" and tn("stale.items", 2, "en") == "2 entries"


def test_bij_te_werken_gives_a_total_with_the_examples_apart(database):
    _one_real_stale_entry(database)
    at = open_page("bijwerken")
    _no_exception(at)
    said = texts(at)
    assert "**1 item** om na te kijken, in 1 wijk." in said
    examples_stale = int(re.search(r"Daarnaast (\d+) items uit de bron van 2013", said).group(1))
    assert examples_stale > 20  # the public's share of the package's 2013 examples, all old
    assert "item(s)" not in said and "(s)" not in said
    [expander] = [e for e in at.expander if e.label.startswith("Voorbeelden")]
    assert expander.label == f"Voorbeelden uit de bron (2013): {examples_stale} items"
    assert at.subheader[0].value == "Korrewegwijk"  # the real one first, above the examples
    assert not [b for b in at.button if b.key and b.key.startswith("stale-confirm:")]  # the public confirms nothing
    assert "Frontlijnwerkers van een wijk zien hier" in said


def test_oldest_first_and_own_wijken_first(database):
    at = sign_in(open_page("bijwerken"), "bea")  # Beijum
    _no_exception(at)
    boxes = [s.value for s in at.subheader]
    assert boxes[0] == "Beijum"
    keys = [b.key for b in at.button if b.key and b.key.startswith("stale-confirm:")]
    assert keys and all(k.startswith("stale-confirm:beijum-") for k in keys)  # only her own wijk's
    items = database.items()
    seen = dict(zip(items["item_id"], pd.to_datetime(items["bijgewerkt_op"])))
    shown = [k.split(":", 1)[1] for k in keys]
    from domain.freshness import last_seen
    order = last_seen(items.set_index("item_id").loc[shown].reset_index())
    assert list(order) == sorted(order), "oldest first"
    assert seen  # the database has the entries


def test_a_confirm_on_bij_te_werken_writes_one_history_row(database):
    _one_real_stale_entry(database)
    at = sign_in(open_page("bijwerken"), "anna")
    _no_exception(at)
    rows = len(database.history_frame())
    version = database.item(REAL)["versie"]
    at.button(key=f"stale-confirm:{REAL}").click().run()
    _no_exception(at)
    assert len(database.history_frame()) == rows + 1
    latest = database.history(REAL)[0]
    assert (latest.action, latest.by, latest.version) == ("bevestigd", "Anna", version + 1)
    assert database.item(REAL)["bevestigd_door"] == "Anna"
    assert any("is nog actueel" in toast.value for toast in at.toast)
    assert f"stale-confirm:{REAL}" not in {b.key for b in at.button}  # no longer stale
    assert "Geen items ouder dan" in texts(at)


def test_a_confirm_of_an_entry_changed_since_the_list_was_drawn_is_refused(database):
    _one_real_stale_entry(database)
    at = sign_in(open_page("bijwerken"), "anna")
    seen = database.item(REAL)["versie"]
    database.update(REAL, seen, {"beschrijving": "Bob schreef iets nieuws."}, None, "Bob", "bob-1")
    rows = len(database.history_frame())
    at.button(key=f"stale-confirm:{REAL}").click().run()
    _no_exception(at)
    assert len(database.history_frame()) == rows  # nothing written
    warning = " ".join(w.value for w in at.warning)
    assert "Niet bevestigd: Bob heeft" in warning and "Open het item in de wijk" in warning


# --- Recent gewijzigd: every column readable, who changed it for those who may see names -------------

def test_recent_is_a_table_nothing_cut_off_with_who_changed_it(database):
    entry = "korrewegwijk-wijkstemdag"
    at = _editor("anna")
    at.button(key=f"btn-edit:{entry}").click().run()
    at.text_input(key=f"edit-{entry}:titel").input("Wijkstemdag 2015")
    _submit(at)
    at.button(key=f"btn-confirm:{entry}").click().run()
    recent = sign_in(open_page("recent"), "wim")
    _no_exception(recent)
    assert not recent.dataframe  # a scrolling grid cuts long titles off; a table wraps them
    # a date and "(versie 3)" each stay on one line: no-break hyphens and spaces
    table = recent.table[0].value.map(lambda cell: cell.replace("\u00a0", " ").replace("\u2011", "-"))
    assert list(table.columns) == ["Wanneer", "Door", "Wijk", "Item", "Wat", "Velden"]
    confirmed, edited = table.iloc[0], table.iloc[1]
    assert (confirmed["Door"], confirmed["Wat"], confirmed["Velden"]) == ("Anna", "bevestigd (versie 3)", "–")
    assert (edited["Wijk"], edited["Item"], edited["Velden"]) == ("Korrewegwijk", "Wijkstemdag 2015", "Titel")
    assert re.fullmatch(r"\d{2}-\d{2}-\d{4} \d{2}:\d{2}", confirmed["Wanneer"])  # 18-09-2013 14:02, the Dutch way
    assert "De laatste wijzigingen, de nieuwste eerst, met wie ze deed." in texts(recent)
    public = open_page("recent")
    assert "Door" not in public.table[0].value.columns


def test_recent_of_only_new_entries_has_no_column_of_dashes(database):
    at = open_page("recent")  # a fresh install: the 2013 examples, each only created
    _no_exception(at)
    table = at.table[0].value
    assert list(table.columns) == ["Wanneer", "Wijk", "Item", "Wat"]
    assert set(table["Wat"].str.replace("\u00a0", " ")) == {"aangemaakt (versie 1)"}


# --- Beheer: no server path, export in one click, Dutch numbers and plurals -------------------------

def test_beheer_names_no_folder_of_the_server_and_exports_in_one_click(database):
    at = sign_in(open_page("beheer"), "beheer")
    _no_exception(at)
    said = texts(at)
    assert str(PACKAGE.path) not in said and str(EMBEDDED_DIR) not in said and "map:" not in said
    [export] = at.get("download_button")
    assert export.proto.label == "Download het hele pakket (zip)"
    assert not [b for b in at.button if b.key in ("beheer:export", "beheer:zip")]  # no "prepare, then download"


def test_the_export_is_made_on_click_and_a_failed_one_says_why_without_paths(database, monkeypatch):
    import io
    import zipfile

    from app import data_management
    from nla_data.problems import Problem, said
    from pages import beheer
    from tests.editing_by_name import editor

    admin = editor("Bea Beheerder")  # a beheerder
    with zipfile.ZipFile(io.BytesIO(beheer.export(admin, PACKAGE.path, database, False, "nl"))) as archive:
        assert "datapackage.json" in archive.namelist()
    broken = [Problem("datapackage.json", said(f"er staat geen pakket in {PACKAGE.path}/export",
                                               f"there is no package in {PACKAGE.path}/export")),
              Problem("items", said("lege rij", "empty row"), 7)]
    monkeypatch.setattr(data_management, "package_zip", lambda *args: (b"", broken))
    told = {}
    for lang in ("nl", "en"):
        with zipfile.ZipFile(io.BytesIO(beheer.export(admin, PACKAGE.path, database, False, lang))) as archive:
            assert archive.namelist() == ["EXPORT-MISLUKT.txt"]
            told[lang] = archive.read("EXPORT-MISLUKT.txt").decode("utf-8")
    assert "De export is mislukt" in told["nl"] and "er staat geen pakket in de map op de server" in told["nl"]
    assert "- items rij 7: lege rij" in told["nl"]
    # in English the failure, the place and the problem all in English
    assert "there is no package in the folder on the server" in told["en"], told["en"]
    assert "- items row 7: empty row" in told["en"]
    assert all(str(PACKAGE.path) not in text for text in told.values())


def test_texts_have_no_plural_in_brackets():
    from domain import texts_beheer, texts_bijhouden
    for module in (texts_beheer, texts_bijhouden):
        for key, pair in module.TEXTS.items():
            assert not any(mark in text for text in pair for mark in ("(s)", "(en)", "(y/ies)")), key
    assert tn("beheer.items", 1) == "1 item" and tn("beheer.history_rows", 2) == "2 geschiedenisregels"
