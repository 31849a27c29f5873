"""Personal data (AVG): contact details only with consent, who sees what, exports without personal data,
a person's data exported and erased (history included), the erasure logged without the person."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pandas as pd
import pytest
import sqlalchemy as sa

from app import data_management
from domain.permissions import PUBLIC, Actor
from domain.privacy import visible_entries
from domain.validation import WijkContext, check_entry
from nla_data import EMBEDDED_DIR, load_package
from nla_data.export import export_package
from nla_data.personal import ERASED, HIDDEN, PersonQuery, erase_person, find_person
from nla_data.schema import read_descriptor, resource_descriptor
from nla_data.store import EntryStore
from tests import editing_by_name as editing

PERSONS = {"selwerd-contact-wijkbedrijf": "jan.voorbeeld@voorbeeld.nl",
           "korrewegwijk-contact-wijkstemdag": "fenna.voorbeeld@voorbeeld.nl",
           "beijum-contact-zzp": "sam.voorbeeld@voorbeeld.nl"}
SECRETS = ["Jan Voorbeeld", "jan.voorbeeld@voorbeeld.nl", "050-0000001", "Fenna Voorbeeld",
           "fenna.voorbeeld@voorbeeld.nl", "050-0000002", "Sam Voorbeeld", "sam.voorbeeld@voorbeeld.nl", "050-0000003"]
FATIMA = Actor("fatima", "Fatima de Vries", "frontlijnwerker", frozenset({"selwerd"}))
WIM = Actor("wim", "Wim Wethouder", "wethouder")
BEHEER = Actor("beheer", "Bea Beheerder", "beheerder")


@pytest.fixture
def store(database_url, package) -> EntryStore:
    return EntryStore.open(package, database_url)


# --- the rules of the form ------------------------------------------------------------------------

CONTEXT = WijkContext("selwerd", frozenset(), rules=editing.RULES)


@pytest.mark.parametrize("raw, field", [
    ({"contact_naam": "Jan"}, "toestemming_op"),
    ({"contact_email": "jan@voorbeeld.nl", "toestemming_op": "01-10-2013"}, "toestemming_wijze"),
    ({"contact_email": "jan@", "toestemming_op": "01-10-2013", "toestemming_wijze": "mondeling"}, "contact_email"),
    ({"contact_telefoon": "bel me", "toestemming_op": "01-10-2013", "toestemming_wijze": "mondeling"},
     "contact_telefoon"),
    ({"contact_naam": "Jan", "toestemming_op": (dt.date.today() + dt.timedelta(days=2)).isoformat(),
      "toestemming_wijze": "mondeling"}, "toestemming_op"),
    ({"soort": "persoon", "zichtbaarheid": "openbaar"}, "zichtbaarheid"),
    ({"zichtbaarheid": "iedereen"}, "zichtbaarheid"),
    ({"soort": "vereniging"}, "soort"),
])
def test_contact_details_need_consent_and_a_person_is_never_public(raw, field):
    checked = check_entry({"titel": "Aanspreekpunt", **raw}, "netwerk", CONTEXT)
    assert field in checked.errors, checked.errors


def test_contact_details_belong_only_to_network_entries():
    checked = check_entry({"titel": "Moestuin", "contact_naam": "Jan"}, "gebeurt", CONTEXT)
    assert "contact_naam" in checked.errors


def test_a_person_with_consent_is_accepted_and_defaults_to_frontline_only():
    checked = check_entry({"titel": "Aanspreekpunt", "soort": "persoon", "contact_email": "Jan@Voorbeeld.nl",
                           "contact_telefoon": "050-1234567", "toestemming_op": "01-10-2013",
                           "toestemming_wijze": "mondeling"}, "netwerk", CONTEXT)
    assert checked.ok, checked.errors
    assert checked.values["zichtbaarheid"] == "frontlijn" and checked.values["contact_email"] == "jan@voorbeeld.nl"


# --- who sees what ----------------------------------------------------------------------------------

def _seen(store, actor):
    items, _ = visible_entries(store.items(), store.links(), actor)
    return items.set_index("item_id")


def test_the_public_sees_no_person_no_unpublished_network_and_no_editor(store):
    seen = _seen(store, PUBLIC)
    assert not set(PERSONS) & set(seen.index)
    assert set(seen.loc[seen["sectie"] == "netwerk", "zichtbaarheid"]) == {"openbaar"}
    assert seen["auteur"].isna().all() and seen["bijgewerkt_door"].isna().all() and seen["bevestigd_door"].isna().all()
    assert seen["contact_email"].isna().all()


def test_an_alderman_sees_signed_in_entries_but_no_contact_details(store):
    seen = _seen(store, WIM)
    assert "korrewegwijk-contact-wijkstemdag" in seen.index  # visible to the signed in
    assert "selwerd-contact-wijkbedrijf" not in seen.index  # frontline only
    assert seen[["contact_naam", "contact_email", "contact_telefoon"]].isna().all().all()
    assert seen["bijgewerkt_door"].notna().all()


def test_a_frontline_worker_sees_the_contact_details_of_their_own_wijk_only(store):
    seen = _seen(store, FATIMA)
    assert seen.loc["selwerd-contact-wijkbedrijf", "contact_email"] == "jan.voorbeeld@voorbeeld.nl"
    assert "beijum-contact-zzp" not in seen.index
    assert pd_isna(seen.loc["korrewegwijk-contact-wijkstemdag", "contact_email"])
    everything = _seen(store, BEHEER)
    assert set(PERSONS) <= set(everything.index) and everything["contact_email"].notna().sum() == 3


def pd_isna(value) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)


# --- exports ----------------------------------------------------------------------------------------

def _export_text(store, tmp_path, include_personal: bool) -> str:
    out = tmp_path / ("met" if include_personal else "zonder")
    assert export_package(EMBEDDED_DIR, out, store, include_personal=include_personal) == []
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(out.rglob("*")) if path.is_file())


def test_the_default_export_holds_no_personal_data_and_the_explicit_one_everything(store, tmp_path, package):
    item = store.item("selwerd-wijkbedrijf")
    editing.edit_entry(store, editing.wijk_context(store.items(), package.buurten, "selwerd"), item["item_id"],
                       item["versie"], {**item, "links": item["koppelingen"], "thema": "Werk"}, "Fatima de Vries", "r1")
    without = _export_text(store, tmp_path, include_personal=False)
    for secret in SECRETS + ["Fatima de Vries", "Voorbeeld (bron 2013)"]:
        assert secret not in without, secret
    assert HIDDEN in without
    with_personal = _export_text(store, tmp_path, include_personal=True)
    for secret in SECRETS + ["Fatima de Vries"]:
        assert secret in with_personal, secret


def test_only_a_beheerder_may_export_or_see_personal_data(store, package):
    for actor in (PUBLIC, WIM, FATIMA):
        with pytest.raises(PermissionError):
            data_management.package_zip(actor, EMBEDDED_DIR, store)
        with pytest.raises(PermissionError):
            data_management.person_data(actor, store, PersonQuery(email=PERSONS["selwerd-contact-wijkbedrijf"]))
        with pytest.raises(PermissionError):
            data_management.erase(actor, store, PersonQuery(email=PERSONS["selwerd-contact-wijkbedrijf"]))
    assert store.item("selwerd-contact-wijkbedrijf") is not None


# --- one person: export and erase --------------------------------------------------------------------

def test_everything_about_one_person_and_erasing_them_with_their_history(store, package, tmp_path):
    context = editing.wijk_context(store.items(), package.buurten, "selwerd")
    item = store.item("selwerd-wijkbedrijf")
    editing.edit_entry(store, context, item["item_id"], item["versie"],
                       {**item, "links": item["koppelingen"], "thema": "Werk"}, "Jan Voorbeeld", "by-jan")
    jan = PersonQuery(email="JAN.voorbeeld@voorbeeld.nl", name="Jan Voorbeeld")
    found = find_person(store, jan)
    assert [r["item_id"] for r in found.als_contact] == ["selwerd-contact-wijkbedrijf"]
    assert [r["item_id"] for r in found.als_bewerker] == ["selwerd-wijkbedrijf"]
    assert {r["item_id"] for r in found.geschiedenis} == {"selwerd-contact-wijkbedrijf", "selwerd-wijkbedrijf"}
    assert "jan.voorbeeld@voorbeeld.nl" in found.as_json()

    log = tmp_path / "audit.jsonl"
    erasure = erase_person(store, jan, "beheer", log)
    assert erasure.entries_removed == 1 and erasure.entries_anonymised == 1
    assert store.item("selwerd-contact-wijkbedrijf") is None
    assert not store.history("selwerd-contact-wijkbedrijf")
    assert "selwerd-contact-wijkbedrijf" not in set(store.links()["van_item"])
    assert store.item("selwerd-wijkbedrijf")["bijgewerkt_door"] == ERASED
    with store.engine.connect() as db:
        everything = json.dumps([dict(r) for r in db.execute(sa.select(store.history_t)).mappings()], default=str)
        everything += json.dumps([dict(r) for r in db.execute(sa.select(store.items_t)).mappings()], default=str)
    assert "Jan Voorbeeld" not in everything and "jan.voorbeeld" not in everything
    assert find_person(store, jan).empty
    [line] = log.read_text().splitlines()
    logged = json.loads(line)
    assert logged["actie"] == "persoon-gewist" and logged["door"] == "beheer" and logged["items_verwijderd"] == 1
    assert "Jan" not in line and "voorbeeld.nl" not in line


def test_a_vague_query_is_refused():
    assert PersonQuery(name="Ja").problem() is not None
    assert PersonQuery().problem() is not None
    assert PersonQuery(email="jan@voorbeeld.nl").problem() is None


def test_the_embedded_examples_are_plainly_fictional_and_consented():
    descriptor = read_descriptor(EMBEDDED_DIR)
    path = EMBEDDED_DIR / resource_descriptor(descriptor, "items")["path"]
    with open(path, encoding="utf-8") as file:
        rows = [r for r in csv.DictReader(file) if r["contact_email"] or r["contact_naam"] or r["contact_telefoon"]]
    assert {r["item_id"] for r in rows} == set(PERSONS)
    for row in rows:
        assert row["contact_email"].endswith("@voorbeeld.nl") and row["voorbeeld"] == "true"
        assert row["toestemming_op"] and row["toestemming_wijze"] and row["zichtbaarheid"] != "openbaar"


def test_a_database_of_the_previous_version_gets_the_new_columns(new_database, package):
    url = new_database("old")
    schema = resource_descriptor(read_descriptor(EMBEDDED_DIR), "items")["schema"]
    old_schema = {**schema, "fields": [f for f in schema["fields"] if f["name"] not in (
        "soort", "zichtbaarheid", "contact_naam", "contact_email", "contact_telefoon", "toestemming_op",
        "toestemming_wijze")]}
    old = EntryStore(sa.create_engine(url), old_schema)
    old.metadata.create_all(old.engine)
    with old.engine.begin() as db:
        row = {k: v for k, v in store_row(package).items() if k in old.items_t.c}
        db.execute(old.items_t.insert().values(**row))
    old.engine.dispose()
    upgraded = EntryStore.open(package, url)
    assert upgraded.item(row["item_id"])["titel"] == row["titel"]
    assert "contact_email" in upgraded.items().columns


def store_row(package) -> dict:
    first = package.items.iloc[0].to_dict()
    return {k: (None if pd_isna(v) else (v.to_pydatetime() if hasattr(v, "to_pydatetime") else v))
            for k, v in first.items()}


def test_only_a_beheerder_may_plan_or_apply_a_cbs_import(package, tmp_path):
    from nla_data.cbs.plan import ImportPlan  # noqa: F401 - the plan is never reached: refused first

    for actor in (PUBLIC, WIM, FATIMA):
        with pytest.raises(PermissionError):
            data_management.plan_cbs_upload(actor, "kaart.gpkg", b"x", package, 2015, "GM0014")
        with pytest.raises(PermissionError):
            data_management.apply_cbs_import(actor, object(), package.path)


def test_the_command_line_counts_what_it_found_and_erased_in_dutch_words(tmp_path, monkeypatch, capsys):
    """`python -m nla_data person erase`: "1 item", "0 items", "1 geschiedenisregel", never "item(s)"."""
    from nla_data.__main__ import main  # noqa: PLC0415 - the command line, in this process

    url = f"sqlite:///{tmp_path}/entries.sqlite"
    monkeypatch.setenv("NLA_DATABASE_URL", url)
    monkeypatch.setenv("WIJKPERSPECTIEF_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("NLA_DATA", raising=False)
    store = EntryStore.open(load_package(EMBEDDED_DIR).package, url)
    store.create("selwerd-netwerk-joke", "selwerd", {"sectie": "netwerk", "status": "loopt", "titel": "Buren",
                                                     "contact_naam": "Joke Testpersoon"}, [], "Mia")
    assert main(["person", "erase", "--naam", "Joke Testpersoon"]) == 0
    assert capsys.readouterr().out.strip() == (
        "Gevonden: 1 item met contactgegevens, 0 items als bewerker, 1 geschiedenisregel, 0 regels als vastlegger "
        "van besluiten en kansen. Voeg --ja toe om te wissen.")
    assert main(["person", "erase", "--naam", "Joke Testpersoon", "--ja"]) == 0
    said = capsys.readouterr().out.strip()
    assert said.startswith("OK: gewist (wissing ") and said.endswith(
        "): 0 items verwijderd, 1 item geanonimiseerd, 1 geschiedenisregel aangepast. Vastgelegd in het auditlog, "
        "zonder persoonsgegevens."), said
