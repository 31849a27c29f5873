"""Bij te werken and Recent cached for every visitor (issue 11, found with py-spy on a real server): a second
visitor with the same rights, or a rerun, reads nothing; a save anywhere (also through another server on the
same database) is seen on the next run; a cached list is never handed to someone who may see less; time
passing makes an entry stale without any save. Both backends (tests/databases.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from app import entry_reads
from domain import freshness, privacy
from domain.permissions import Actor
from domain.texts import t
from nla_data import EMBEDDED_DIR, load_package
from nla_data.store import EntryStore
from tests.apptest import open_page, sign_in, texts

PRIVATE = "Contact met Jan Jansen"  # an entry only selwerd's frontline workers may see


@pytest.fixture(scope="module")
def package():
    return load_package(EMBEDDED_DIR).package


@pytest.fixture
def url(package, new_database, monkeypatch) -> str:
    url = new_database("pages")
    monkeypatch.setenv("NLA_DATABASE_URL", url)
    EntryStore.open(package, url)
    return url


def other_server(package, url: str) -> EntryStore:
    """A store of its own engine on the same database: what a second app server saves through."""
    return EntryStore.open(package, url)


def count_calls(monkeypatch, name: str) -> list:
    calls: list = []
    real = getattr(entry_reads, name)
    monkeypatch.setattr(entry_reads, name, lambda *a, **k: calls.append(a[2:]) or real(*a, **k))
    return calls


def shown_titles(at) -> list[str]:
    return list(at.table[0].value[t("recent.item", "nl")]) if len(at.table) else []


def test_a_second_visitor_and_a_rerun_read_nothing(url, monkeypatch):
    recent_reads = count_calls(monkeypatch, "recent_versions")
    stale_reads = count_calls(monkeypatch, "stale_entries")

    first = open_page("recent")
    second = open_page("recent")  # another session, same rights
    first.run()
    open_page("bijwerken")
    listed = open_page("bijwerken")

    assert len(recent_reads) == 1
    assert len(stale_reads) == 1
    assert shown_titles(second) == shown_titles(first) and shown_titles(first)
    assert "Selwerd" in texts(listed)  # the 2013 examples are still listed from the cache


def test_another_servers_save_shows_on_the_next_run(package, url):
    recent, stale = open_page("recent"), open_page("bijwerken")
    assert "Buurtfeest op het plein" not in shown_titles(recent)
    elsewhere = other_server(package, url)

    elsewhere.create("tuinwijk-feest", "tuinwijk", {"sectie": "gebeurt", "titel": "Buurtfeest op het plein",
                                                    "status": "loopt"}, [], "Ali")
    with elsewhere.engine.begin() as db:  # seen last in 2020: stale
        db.execute(elsewhere.items_t.update().where(elsewhere.items_t.c.item_id == "tuinwijk-feest")
                   .values(bijgewerkt_op=dt.datetime(2020, 1, 1)))

    assert shown_titles(recent.run())[0] == "Buurtfeest op het plein"
    assert "**Buurtfeest op het plein**" in texts(stale.run())


def test_a_save_in_one_wijk_does_not_read_another_wijks_recent_again(package, url, monkeypatch):
    reads = count_calls(monkeypatch, "recent_versions")
    beijum, city = open_page("recent", wijk="beijum"), open_page("recent")
    assert len(reads) == 2

    other_server(package, url).create("selwerd-nieuw", "selwerd", {"sectie": "gebeurt", "titel": "Nieuw in Selwerd",
                                                                   "status": "idee"}, [], "Ali")
    beijum.run()
    city.run()

    assert len(reads) == 3  # the city's list again, Beijum's from the cache
    assert [r[-1] for r in reads[2:]] == [None]
    assert "Nieuw in Selwerd" not in shown_titles(beijum)
    assert shown_titles(city)[0] == "Nieuw in Selwerd"


@pytest.mark.parametrize("first", ["fatima", "public", "bob"])
def test_a_cached_recent_never_shows_another_scopes_private_entries(package, url, first):
    other_server(package, url).create("selwerd-jan", "selwerd", {"sectie": "netwerk", "titel": PRIVATE,
                                                                 "status": "loopt", "zichtbaarheid": "frontlijn",
                                                                 "rol": "Bewoner"}, [], "Fatima de Vries")

    def recent_of(who: str):
        at = open_page("recent")
        return at if who == "public" else sign_in(at, who)

    order = [first] + [who for who in ("fatima", "public", "bob") if who != first]
    seen = {who: shown_titles(recent_of(who)) for who in order}

    assert seen["fatima"][0] == PRIVATE  # a frontline worker of Selwerd
    assert PRIVATE not in seen["public"]
    assert PRIVATE not in seen["bob"]  # a frontline worker of another wijk


def test_forget_entries_drops_the_cached_lists(package, url):
    from ui import state

    at = open_page("recent")
    elsewhere = other_server(package, url)
    with elsewhere.engine.begin() as db:  # an erasure rewrites a row without a history row: no new revision
        db.execute(elsewhere.items_t.update().values(titel="Gewist"))
    assert "Gewist" not in shown_titles(at.run())

    state.forget_entries()

    assert set(shown_titles(at.run())) == {"Gewist"}


# --- the cached Bij te werken list as time passes ----------------------------------------------------------

def test_the_cached_stale_list_follows_the_clock_and_counts_as_the_domain_rule(package, url, monkeypatch):
    from ui import auth, state

    monkeypatch.setattr(auth, "actor", lambda: Actor())
    store = other_server(package, url)
    moments = [dt.datetime(2025, 6, 1, 12, 0, 0), dt.datetime(2025, 6, 1, 12, 0, 1), dt.datetime(2025, 7, 1)]
    for number, moment in enumerate(moments):
        store.create(f"beijum-klok-{number}", "beijum", {"sectie": "gebeurt", "titel": f"Klok {number}",
                                                         "status": "loopt"}, [], "Ali")
        with store.engine.begin() as db:
            db.execute(store.items_t.update().where(store.items_t.c.item_id == f"beijum-klok-{number}")
                       .values(bijgewerkt_op=moment))
    reads = count_calls(monkeypatch, "stale_entries")
    opened = package.facts.entry_rules.open_statuses
    everything = privacy.visible_entries(store.items().assign(voorbeeld=False), store.links(), Actor())[0]

    # six months after each moment, to the second: the first entry turns stale just after it, then the next
    for now, stale_ones in [(dt.datetime(2025, 12, 1, 12, 0, 0), []),
                            (dt.datetime(2025, 12, 1, 12, 0, 0), []),
                            (dt.datetime(2025, 12, 1, 12, 0, 1), ["Klok 0"]),
                            (dt.datetime(2025, 12, 20), ["Klok 0", "Klok 1"]),
                            (dt.datetime(2026, 1, 1, 0, 0, 1), ["Klok 0", "Klok 1", "Klok 2"])]:
        rows = state.stale_entries(now, 6, limit=100)
        listed = rows[rows["wijk_id"] == "beijum"]
        assert [title for title in listed["titel"] if title.startswith("Klok")] == stale_ones
        rule = freshness.stale_entries(everything, now, 6, open_statuses=opened)
        examples = rows["voorbeeld"].astype(bool)  # the 2013 examples stand apart, each listed
        real = rows[~examples].drop_duplicates("wijk_id").set_index("wijk_id")["wijk_totaal"]
        counted = real.add(rows[examples].groupby("wijk_id").size(), fill_value=0).astype(int).to_dict()
        assert counted == rule.groupby("wijk_id").size().to_dict()  # exact, per wijk

    assert len(reads) == 4  # the repeated moment and nothing in between came from the cache


def test_another_servers_erasure_is_seen_without_a_save(package, url, tmp_path):
    """An erasure writes no history row: it is counted apart, so every server's revisions change with it."""
    from nla_data.personal import PersonQuery, erase_person

    elsewhere = other_server(package, url)
    elsewhere.create("selwerd-piet", "selwerd", {"sectie": "gebeurt", "titel": "Moestuin", "status": "loopt"}, [],
                     "Piet Paulusma")
    wijk, recent = sign_in(open_page("wijk", wijk="selwerd"), "wim"), sign_in(open_page("recent"), "wim")
    before = (elsewhere.revision(), elsewhere.revision("selwerd"), elsewhere.revision("beijum"))
    assert "Piet Paulusma" in texts(wijk) and "Piet Paulusma" in list(recent.table[0].value[t("recent.who", "nl")])

    erase_person(elsewhere, PersonQuery(name="Piet Paulusma"), "beheer", tmp_path / "audit.jsonl")

    after = (elsewhere.revision(), elsewhere.revision("selwerd"), elsewhere.revision("beijum"))
    assert all(b != a for b, a in zip(before, after))
    assert "Piet Paulusma" not in texts(wijk.run())
    assert "Piet Paulusma" not in list(recent.run().table[0].value[t("recent.who", "nl")])
