"""Facts about the city live in the package, once: another city's package shows that city.

A copy of the embedded package is turned into "Zuidstad" with three wijken, another size threshold,
other class names and labels in another order, another relation label; the pages show those. The
entry checks use the package's vocabularies and limits, a status counts as open or closed as the package
declares it; validate holds the declarations to the tables.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from app import editing as service
from domain import entries, freshness
from domain.texts import keys, t
from domain.validation import WijkContext, check_entry
from domain.wijken import class_explanation, ordered_ids, size_tension
from figures.palette import CLASS_PALETTE, class_colours
from nla_data import load_package
from nla_data.store import EntryStore, Saved
from nla_data.validate import validate_package
from tests.apptest import open_page, texts
from tests.editing_by_name import RULES, editor

KEEP = ["korrewegwijk", "beijum", "hoogkerk"]  # with links; a groot-zwaar and a klein-licht one
# Other keys, labels and order than Groningen's: the report's fourth class first.
CLASSES = [("D", "klein", "licht", "Kleine lichte wijk", "Small light area"),
           ("A", "groot", "zwaar", "Grote zware wijk", "Large heavy area"),
           ("B", "klein", "zwaar", "Kleine zware wijk", "Small heavy area"),
           ("C", "groot", "licht", "Grote lichte wijk", "Large light area")]


# --- building another city's package -------------------------------------------------------------------

def _descriptor(pkg: Path) -> dict:
    return json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))


def _write_descriptor(pkg: Path, descriptor: dict) -> None:
    (pkg / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")


def _field(descriptor: dict, resource: str, name: str) -> dict:
    schema = next(r for r in descriptor["resources"] if r["name"] == resource)["schema"]
    return next(f for f in schema["fields"] if f["name"] == name)


def _rows(pkg: Path, name: str) -> list[dict]:
    with (pkg / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def _write_rows(pkg: Path, name: str, rows: list[dict], header: list[str] | None = None) -> None:
    path = pkg / "data" / f"{name}.csv"
    if header is None:
        with path.open(encoding="utf-8", newline="") as file:
            header = next(csv.reader(file))
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _only_wijken(pkg: Path, keep: list[str]) -> None:
    """The package with only these wijken: the others' rows, entries and outlines go, their buurten stay
    (outside the NLA)."""
    _write_rows(pkg, "wijken", [r for r in _rows(pkg, "wijken") if r["wijk_id"] in keep])
    buurten = _rows(pkg, "buurten")
    for row in buurten:
        if row["wijk_id"] and row["wijk_id"] not in keep:
            row["wijk_id"], row["toewijzing"] = "", ""
    _write_rows(pkg, "buurten", buurten)
    cijfers = _rows(pkg, "cijfers")
    _write_rows(pkg, "cijfers", [r for r in cijfers if r["gebied_type"] != "wijk" or r["gebied_id"] in keep])
    items = [r for r in _rows(pkg, "items") if r["wijk_id"] in keep]
    ids = {r["item_id"] for r in items}
    _write_rows(pkg, "items", items)
    links = _rows(pkg, "koppelingen")
    _write_rows(pkg, "koppelingen", [r for r in links if r["van_item"] in ids and r["naar_item"] in ids])
    _write_rows(pkg, "geschiedenis", [r for r in _rows(pkg, "geschiedenis") if r["item_id"] in ids])
    for name in ("wijkgrenzen", "buurtgrenzen"):
        path = pkg / "data" / f"{name}.geojson"
        collection = json.loads(path.read_text(encoding="utf-8"))
        features = collection["features"]
        if name == "wijkgrenzen":
            features = [f for f in features if f["properties"]["wijk_id"] in (None, *keep)]
        for feature in features:
            if feature["properties"]["wijk_id"] not in (None, *keep):
                feature["properties"]["wijk_id"] = None
        collection["features"] = features
        path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")


def _zuidstad(make, threshold: int = 3000) -> Path:
    pkg = make()
    descriptor = _descriptor(pkg)
    descriptor["title"] = "Wijkperspectief Zuidstad"
    extra = descriptor["wijkperspectief"]
    extra["gemeentenaam"] = "Zuidstad"
    extra["klassen"]["grootte"]["drempel_woningen"] = threshold
    extra["klassen"]["volgorde"] = [{"klasse": key, "grootte": size, "zwaarte": weight, "label_nl": nl, "label_en": en}
                                    for key, size, weight, nl, en in CLASSES]
    hoort_bij = next(r for r in extra["relaties"] if r["relatie"] == "hoort-bij")
    hoort_bij.update(label_nl="is nodig voor", terug_nl="heeft nodig")
    extra["kansen"]["bron"] = "Raadsbrief Zuidstad over de wijken, 01-03-2015"
    _write_descriptor(pkg, descriptor)
    _only_wijken(pkg, KEEP)
    return pkg


@pytest.fixture
def zuidstad(broken_package, tmp_path, monkeypatch) -> Path:
    pkg = _zuidstad(broken_package)
    monkeypatch.setenv("NLA_DATA", str(pkg))
    monkeypatch.setenv("NLA_DATABASE_URL", f"sqlite:///{tmp_path}/zuidstad.sqlite")  # its own entries
    return pkg


# --- the package's facts on the pages ---------------------------------------------------------------------

def test_the_other_citys_package_is_valid(zuidstad):
    assert validate_package(zuidstad) == []
    pkg = load_package(zuidstad).package
    assert pkg.facts.classes.keys == ["D", "A", "B", "C"] and pkg.facts.classes.threshold == 3000
    assert ordered_ids(pkg.wijken) == ["hoogkerk", "beijum", "korrewegwijk"]  # class D first, then A by name


def test_the_wijk_page_shows_the_other_citys_facts(zuidstad):
    at = open_page("wijk", wijk="hoogkerk")
    assert not at.exception
    said = texts(at)
    assert "Wijkperspectief Zuidstad" in said and "Nieuw Lokaal Akkoord — 3 wijken" in said
    assert "Groningen" not in said and "15 wijken" not in said
    assert "Raadsbrief Zuidstad" in said  # where the kansen and bedreigingen were asked for: the package says
    assert "Kleine lichte wijk" in said  # the class chip, with the package's label
    assert "€ 90.000 samen, gelijk verdeeld over de 3 wijken" in said  # 3 × € 30.000 from wijken.csv
    # Hoogkerk: *klein* in the source, 3.303 dwellings in its buurten: above this package's threshold too.
    assert "de grens is 3.000" in said and "2.500" not in said


def test_below_the_packages_threshold_there_is_no_tension(broken_package, tmp_path, monkeypatch):
    monkeypatch.setenv("NLA_DATA", str(_zuidstad(broken_package, threshold=4000)))
    monkeypatch.setenv("NLA_DATABASE_URL", f"sqlite:///{tmp_path}/hoger.sqlite")
    at = open_page("wijk", wijk="hoogkerk")
    assert not at.exception
    assert "de grens is" not in texts(at)


def test_the_wijk_list_and_the_links_follow_the_package(zuidstad):
    at = open_page("wijk")
    assert not at.exception
    said = texts(at)
    assert "Kies hieronder een van de 3 NLA-wijken" in said
    assert [label for label in ("Kleine lichte wijk", "Grote zware wijk") if label in said]
    at = open_page("wijk", wijk="korrewegwijk")
    said = texts(at)
    assert "is nodig voor" in said and "heeft nodig" in said  # the package's labels of hoort-bij
    assert "hoort bij" not in said


def test_the_subtitle_and_the_city_on_the_map_page(zuidstad):
    at = open_page("kaart")
    assert not at.exception
    said = texts(at)
    assert "Nieuw Lokaal Akkoord — 3 wijken" in said and "Zuidstad (hele stad)" in said


def test_the_embedded_package_still_says_groningen_and_its_threshold():
    at = open_page("wijk", wijk="hoogkerk")
    said = texts(at)
    assert "Wijkperspectief Groningen" in said and "Nieuw Lokaal Akkoord — 15 wijken" in said
    assert "€ 450.000 samen, gelijk verdeeld over de 15 wijken" in said
    assert "de grens is 2.500" in said


def test_the_corporations_and_where_their_names_come_from_are_the_packages(broken_package, tmp_path, monkeypatch):
    """The wonen page names the corporations by their indicators' labels and says where each name comes
    from by its caveat: a package that renames one shows that name and that caveat, and no text of the app
    names a corporation."""
    pkg = broken_package()
    indicatoren = _rows(pkg, "indicatoren")
    renamed = next(r for r in indicatoren if r["indicator"] == "corporatiebezit_nijestee")
    renamed.update({name: renamed[name].replace("Nijestee", "Zuidwonen") for name in renamed})
    renamed["kanttekening"] = "Genoemd in het convenant van 2020."
    _write_rows(pkg, "indicatoren", indicatoren)
    monkeypatch.setenv("NLA_DATA", str(pkg))
    monkeypatch.setenv("NLA_DATABASE_URL", f"sqlite:///{tmp_path}/wonen.sqlite")
    at = open_page("wonen", jaar="2014")
    assert not at.exception
    said = texts(at)
    assert "**Corporatiebezit: Zuidwonen**" in said and "Kanttekening: Genoemd in het convenant van 2020." in said
    assert "Nijestee" not in said
    assert "Kanttekening: Genoemd in de brief van 2013." in said  # De Huismeesters and Lefier, as the package says
    assert "van elk van de 5 corporaties" in said
    words = "\n".join(t(key, lang) for key in keys() for lang in ("nl", "en"))
    assert not [r["label_nl"] for r in indicatoren if r["indicator"].startswith("corporatiebezit_")
                and r["label_nl"].split(": ")[-1] in words]


# --- classes: colours by place, the explanation from the package --------------------------------------------

def test_class_colours_follow_the_packages_order_whatever_the_names(zuidstad):
    classes = load_package(zuidstad).package.facts.classes
    assert class_colours(classes) == dict(zip(["D", "A", "B", "C"], CLASS_PALETTE))
    assert classes.label("A", "en") == "Large heavy area" and classes.label("onbekend", "nl") == "onbekend"


def test_the_class_explanation_and_the_tension_use_the_threshold(zuidstad, package):
    classes = load_package(zuidstad).package.facts.classes
    assert "meer dan 3.000 woningen" in class_explanation(classes, "nl")
    assert "more than 3,000 dwellings" in class_explanation(classes, "en")
    assert "meer dan 2.500 woningen" in class_explanation(package.facts.classes, "nl")
    assert size_tension("klein", 3303, classes) == "groot"
    assert size_tension("klein", 2999, classes) is None and size_tension("groot", 2999, classes) == "klein"
    assert size_tension("klein", None, classes) is None and size_tension("groot", float("nan"), classes) is None


# --- entries: the package's vocabularies and limits ---------------------------------------------------------

def _with_status(make, status: str, group: str = "open") -> Path:
    """The package with one status more, declared open or closed (`group`: open, afgesloten)."""
    pkg = make()
    descriptor = _descriptor(pkg)
    _field(descriptor, "items", "status")["constraints"]["enum"].append(status)
    descriptor["wijkperspectief"]["statussen"][group].append(status)
    _field(descriptor, "items", "titel")["constraints"]["maxLength"] = 81  # the longest title has 71
    _write_descriptor(pkg, descriptor)
    return pkg


def test_a_status_the_package_adds_is_accepted(broken_package):
    pkg_dir = _with_status(broken_package, "gepauzeerd")
    items = _rows(pkg_dir, "items")
    items[0]["status"] = "gepauzeerd"
    _write_rows(pkg_dir, "items", items)
    loaded = load_package(pkg_dir)
    assert loaded.problems == []
    rules = loaded.package.facts.entry_rules
    assert "gepauzeerd" in rules.statuses
    context = WijkContext("selwerd", frozenset(), rules=rules)
    assert check_entry({"titel": "Moestuin", "status": "gepauzeerd"}, "gebeurt", context).ok
    embedded = WijkContext("selwerd", frozenset(), rules=RULES)
    assert "status" in check_entry({"titel": "Moestuin", "status": "gepauzeerd"}, "gebeurt", embedded).errors


PAUSED = "beijum-moestuin"  # an open entry of Beijum (gebeurt), no amount


@pytest.mark.parametrize("group", ["open", "afgesloten"])
def test_a_status_the_package_adds_is_open_or_closed_as_it_declares(broken_package, tmp_path, group):
    pkg_dir = _with_status(broken_package, "gepauzeerd", group)
    items = _rows(pkg_dir, "items")
    next(r for r in items if r["item_id"] == PAUSED)["status"] = "gepauzeerd"
    _write_rows(pkg_dir, "items", items)
    package = load_package(pkg_dir).package
    rules, is_open = package.facts.entry_rules, group == "open"
    assert rules.is_open("gepauzeerd") is is_open
    opened = rules.open_statuses
    shown = entries.for_wijk(package.items, "beijum", open_statuses=opened).set_index("item_id")
    assert bool(shown.loc[PAUSED, "open"]) is is_open
    # The embedded package counts 4 open entries of Beijum's gebeurt, this one among them.
    assert entries.open_counts(package.items, "beijum", open_statuses=opened)["gebeurt"] == (4 if is_open else 3)
    late = freshness.stale_entries(package.items, dt.datetime(2030, 1, 1), 6, open_statuses=opened)
    assert (PAUSED in set(late["item_id"])) is is_open
    # Closing with it as the reason: only a closed status is a reason.
    store = EntryStore.open(package, f"sqlite:///{tmp_path}/gepauzeerd.sqlite")
    base = store.item("beijum-zzp-initiatieven")["versie"]
    closed = service.close(store, "beijum-zzp-initiatieven", base, "gepauzeerd", editor("Anna"), "r1", rules=rules)
    assert isinstance(closed, Saved) is not is_open


def test_a_reopened_entry_goes_to_the_packages_first_open_status(broken_package, tmp_path):
    """An entry that was never open (closed in the package) is reopened to the first status the package
    lists as open; one that was, to its own."""
    pkg_dir = broken_package()
    descriptor = _descriptor(pkg_dir)
    descriptor["wijkperspectief"]["statussen"]["open"] = ["idee", "gepland", "loopt"]
    _write_descriptor(pkg_dir, descriptor)
    package = load_package(pkg_dir).package
    rules = package.facts.entry_rules
    store = EntryStore.open(package, f"sqlite:///{tmp_path}/heropend.sqlite")
    closed = package.items[package.items["status"] == "niet-meer-relevant"]["item_id"].iloc[0]
    reopened = service.reopen(store, closed, store.item(closed)["versie"], editor("Anna"), "r1", rules=rules)
    assert isinstance(reopened, Saved) and store.item(closed)["status"] == "idee"
    base = store.item(PAUSED)["versie"]  # "loopt" in the package
    done = service.close(store, PAUSED, base, "afgerond", editor("Anna"), "r2", rules=rules)
    service.reopen(store, PAUSED, done.version, editor("Anna"), "r3", rules=rules)
    assert store.item(PAUSED)["status"] == "loopt"


def test_the_kinds_and_contact_lengths_are_the_packages(broken_package):
    pkg_dir = broken_package()
    descriptor = _descriptor(pkg_dir)
    _field(descriptor, "items", "soort")["constraints"]["enum"].append("vereniging")
    _field(descriptor, "items", "contact_naam")["constraints"]["maxLength"] = 31
    _field(descriptor, "items", "toestemming_wijze")["constraints"]["minLength"] = 8
    _write_descriptor(pkg_dir, descriptor)
    loaded = load_package(pkg_dir)
    assert loaded.problems == []
    context = WijkContext("selwerd", frozenset(), rules=loaded.package.facts.entry_rules)
    consent = {"toestemming_op": "01-10-2013", "toestemming_wijze": "mondeling"}
    assert check_entry({"titel": "Buurtvereniging", "soort": "vereniging"}, "netwerk", context).ok
    too_long = check_entry({"titel": "Aanspreekpunt", "contact_naam": "x" * 31, **consent}, "netwerk", context)
    assert too_long.errors == {"contact_naam": "Maximaal 30 tekens (nu 31)."}
    short = check_entry({"titel": "Aanspreekpunt", "contact_naam": "Jan", **consent, "toestemming_wijze": "mail"},
                        "netwerk", context)
    assert set(short.errors) == {"toestemming_wijze"}
    embedded = WijkContext("selwerd", frozenset(), rules=RULES)
    assert "soort" in check_entry({"titel": "Buurtvereniging", "soort": "vereniging"}, "netwerk", embedded).errors
    assert check_entry({"titel": "Aanspreekpunt", "contact_naam": "x" * 31, **consent}, "netwerk", embedded).ok
    assert "contact_naam" in check_entry({"titel": "Aanspreekpunt", "contact_naam": "x" * 121, **consent}, "netwerk",
                                         embedded).errors


def test_the_title_limit_is_the_packages(broken_package):
    rules = load_package(_with_status(broken_package, "gepauzeerd")).package.facts.entry_rules
    assert rules.longest("titel") == 80  # maxLength 81 less the room for the apostrophe
    checked = check_entry({"titel": "x" * 90}, "gebeurt", WijkContext("selwerd", frozenset(), rules=rules))
    assert checked.errors == {"titel": "De titel is 90 tekens; het maximum is 80."}
    assert check_entry({"titel": "x" * 90}, "gebeurt", WijkContext("selwerd", frozenset(), rules=RULES)).ok


def test_a_new_link_gets_the_packages_relation(broken_package, tmp_path):
    pkg_dir = broken_package()
    descriptor = _descriptor(pkg_dir)
    next(r for r in descriptor["wijkperspectief"]["relaties"] if r["relatie"] == "hoort-bij")["relatie"] = "dient"
    enum = _field(descriptor, "koppelingen", "relatie")["constraints"]["enum"]
    enum[enum.index("hoort-bij")] = "dient"
    _write_descriptor(pkg_dir, descriptor)
    links = _rows(pkg_dir, "koppelingen")
    for link in links:
        link["relatie"] = "dient" if link["relatie"] == "hoort-bij" else link["relatie"]
    _write_rows(pkg_dir, "koppelingen", links)
    loaded = load_package(pkg_dir)
    assert loaded.problems == []
    store = EntryStore.open(loaded.package, f"sqlite:///{tmp_path}/dient.sqlite")
    need = {"sectie": "nodig", "titel": "Stoelen", "status": "idee"}
    store.create("korrewegwijk-nodig-stoelen", "korrewegwijk", need, ["korrewegwijk-wijkstemdag"], "Anna")
    saved = store.links()
    assert saved.loc[saved["van_item"] == "korrewegwijk-nodig-stoelen", "relatie"].tolist() == ["dient"]


# --- validate: the declarations against the tables ---------------------------------------------------------

def _problems(pkg: Path, lang: str = "nl") -> str:
    """The package's problems, one a line: "where: message" in Dutch, the messages alone in English."""
    return "\n".join(str(p) if lang == "nl" else p.text(lang) for p in validate_package(pkg))


def test_the_wijken_enums_must_list_the_declared_values(broken_package):
    pkg = broken_package()
    descriptor = _descriptor(pkg)
    _field(descriptor, "wijken", "grootte")["constraints"]["enum"].append("middel")
    _write_descriptor(pkg, descriptor)
    assert "veld 'grootte': de enum moet precies de waarden van wijkperspectief.klassen.grootte" in _problems(pkg)


def test_a_wijk_needs_a_declared_class(broken_package):
    pkg = broken_package()
    descriptor = _descriptor(pkg)
    classes = descriptor["wijkperspectief"]["klassen"]
    classes["volgorde"] = [c for c in classes["volgorde"] if c["klasse"] != "klein-licht"]
    _write_descriptor(pkg, descriptor)
    said = _problems(pkg)
    assert "geen klasse voor grootte 'klein' en zwaarte 'licht'" in said
    assert said.count("geen klasse") == 4  # the four klein-licht wijken, each with its row


def test_the_classes_and_relations_must_be_declared(broken_package):
    pkg = broken_package()
    descriptor = _descriptor(pkg)
    del descriptor["wijkperspectief"]["klassen"]
    _write_descriptor(pkg, descriptor)
    assert "'klassen' ontbreekt" in _problems(pkg)
    assert _problems(pkg, "en") == "wijkperspectief: 'klassen' is missing"  # the JSON Schema's check, in English


def test_links_go_the_way_their_relation_declares(broken_package):
    pkg = broken_package()
    descriptor = _descriptor(pkg)
    hoort_bij = next(r for r in descriptor["wijkperspectief"]["relaties"] if r["relatie"] == "hoort-bij")
    hoort_bij["van"], hoort_bij["naar"] = ["gebeurt"], ["nodig"]
    _write_descriptor(pkg, descriptor)
    assert "relatie 'hoort-bij' hoort tussen secties gebeurt → nodig, niet nodig → gebeurt" in _problems(pkg)
    assert "relation 'hoort-bij' belongs between sections gebeurt → nodig, not nodig → gebeurt" in _problems(pkg, "en")


def test_each_status_is_declared_open_or_closed_once(broken_package):
    pkg = broken_package()
    descriptor = _descriptor(pkg)
    statuses = descriptor["wijkperspectief"]["statussen"]
    statuses["open"].remove("idee")
    statuses["afgesloten"].append("loopt")
    _write_descriptor(pkg, descriptor)
    said = _problems(pkg)
    assert "wijkperspectief.statussen: status 'loopt' staat er meer dan één keer in" in said
    assert ("wijkperspectief.statussen: status 'loopt' appears more than once; a status is open or afgesloten"
            in _problems(pkg, "en"))
    assert "veld 'status': de enum moet precies de waarden van wijkperspectief.statussen noemen" in said


def test_the_statuses_must_be_declared_and_a_person_must_be_a_kind(broken_package):
    pkg = broken_package()
    descriptor = _descriptor(pkg)
    del descriptor["wijkperspectief"]["statussen"]
    _write_descriptor(pkg, descriptor)
    assert "'statussen' ontbreekt" in _problems(pkg)
    pkg = broken_package()
    descriptor = _descriptor(pkg)
    _field(descriptor, "items", "soort")["constraints"]["enum"].remove("persoon")
    _write_descriptor(pkg, descriptor)
    assert "veld 'soort': de enum moet 'persoon' noemen" in _problems(pkg)


def test_the_relation_enum_and_sections_must_match_the_declaration(broken_package):
    pkg = broken_package()
    descriptor = _descriptor(pkg)
    descriptor["wijkperspectief"]["relaties"][0]["van"] = ["ergens"]
    _field(descriptor, "koppelingen", "relatie")["constraints"]["enum"].append("kent")
    _write_descriptor(pkg, descriptor)
    said = _problems(pkg)
    assert "onbekende sectie 'ergens'" in said
    assert "veld 'relatie': de enum moet precies de waarden van wijkperspectief.relaties" in said
