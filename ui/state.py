"""What a session is looking at: the package, the language, the wijk, indicator and year.

The wijk, indicator, year and language live in the URL (`?wijk=selwerd&indicator=…&jaar=2014&lang=en`)
so a view can be shared and survives a reload; the session keeps the language and the sidebar's wijk for
the pages a link without them opens.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from app import entry_reads, held_outline, wijk_page_reads
from app.wijk_page_reads import Limits, WijkCards
from domain import freshness, privacy
from domain.examples import still_examples
from domain.slugs import normalise_wijk_param
from domain.texts import LANGUAGES
from nla_data import Loaded, NlaPackage, load_package, package_dir_from_env
from nla_data.database import open_database
from nla_data.settings import settings
from nla_data.store import EntryStore, database_url
from ui import auth

LANG_KEY = "lang"
LANG_PARAM = "lang"
DEFAULT_LANG = "nl"  # not written in the URL
# The wijk chosen in the sidebar, as a wijk id: plain session state, not a widget's key (the picker's
# widget has a key per language, ui.sidebar.wijk_picker, and copies its choice here).
WIJK_KEY = "wijk_picker"
RUN_PACKAGE_KEY = "_package_this_run"  # ui.state.loaded(): the package this run found
RUN_REVISIONS_KEY = "_revisions_this_run"  # ui.state.revision(): the entry store's revisions this run read


def _fingerprint(path: Path) -> tuple:
    """Changes when any file of the package changes, so an edited package is reloaded."""
    files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in {".json", ".csv", ".geojson"})
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(path: str, fingerprint: tuple) -> Loaded:  # noqa: ARG001 - fingerprint is the cache key
    return load_package(path)


def loaded() -> Loaded:
    """The package as read, once per run: the frame's `begin_run()` lets the next run look at the files again.
    (A page asks for the package a dozen times in a run; looking at every file each time cost a wijk page
    about a tenth of its run on the server.)"""
    found = st.session_state.get(RUN_PACKAGE_KEY)
    if found is None:
        path = package_dir_from_env()
        found = _load(str(path), _fingerprint(path) if path.is_dir() else ())
        st.session_state[RUN_PACKAGE_KEY] = found
    return found


def begin_run() -> None:
    """First thing in every run of the frame: the package files, and the entries, may have changed since the
    last run."""
    st.session_state.pop(RUN_PACKAGE_KEY, None)
    st.session_state.pop(RUN_REVISIONS_KEY, None)


def forget_package() -> None:
    """After the package changed on disk (an import): every session reads it again, this run too."""
    st.cache_resource.clear()
    begin_run()


def package_key(pkg: NlaPackage) -> tuple:
    """Which package a cached result belongs to, cheap to compute on every run: a reloaded (edited,
    imported) package is a new object; a change through beheer also clears every resource."""
    return str(pkg.path), pkg.info.version, pkg.info.created, id(pkg)


def package() -> NlaPackage:
    """The valid package; the frame stops before any page runs when there is none."""
    result = loaded()
    assert result.package is not None, "pages run only with a valid package"
    return result.package


def lang() -> str:
    return st.session_state.get(LANG_KEY, DEFAULT_LANG)


def resolve_lang() -> str:
    """The language of this run: the URL's `?lang=` when it names one (a reload, a shared link), else the
    session's; written back into the URL when it is not the default, so a link that dropped it (a page
    switch) does not lose it on the next reload."""
    asked = st.query_params.get(LANG_PARAM)
    if asked in LANGUAGES:
        st.session_state[LANG_KEY] = asked
    current = lang()
    set_params(**{LANG_PARAM: None if current == DEFAULT_LANG else current})
    return current


def set_lang(chosen: str) -> None:
    """The user chose a language: the session and the URL follow."""
    if chosen in LANGUAGES:
        st.session_state[LANG_KEY] = chosen
        set_params(**{LANG_PARAM: None if chosen == DEFAULT_LANG else chosen})


def lang_params() -> dict[str, str]:
    """The query parameter that keeps the language in a link to another page ({} for the default)."""
    current = lang()
    return {} if current == DEFAULT_LANG else {LANG_PARAM: current}


def map_style() -> str:
    return settings().map_style


def wijk_param() -> str | None:
    """The wijk the URL asks for, as given (normalised: `De Wijert` -> `de-wijert`)."""
    return normalise_wijk_param(st.query_params.get("wijk"))


def selected_wijk(pkg: NlaPackage) -> str | None:
    """The URL's wijk when it is a known one, else the one picked in the sidebar (a wijk id, never a label)."""
    wijk = wijk_param()
    if wijk in pkg.wijken.index:
        return wijk
    picked = st.session_state.get(WIJK_KEY)
    return picked if picked in pkg.wijken.index else None


def param(name: str) -> str | None:
    return st.query_params.get(name)


def set_params(**values) -> None:
    """Put values in the URL; None removes a key. Only writes what changed (each write is a browser update)."""
    for key, value in values.items():
        if value is None:
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get(key) != str(value):
            st.query_params[key] = str(value)


# --- entries: the live state in the database ------------------------------------------------------

@st.cache_resource(show_spinner=False, max_entries=4)
def _store(path: str, url: str) -> EntryStore:  # noqa: ARG001 - path and url are the cache key
    return open_database(package(), url)


def store() -> EntryStore:
    pkg = package()
    return _store(str(pkg.path), database_url(pkg.path))


# Resources, not data: handed back as they are (no unpickling on every call, several calls per rerun).
# Nobody changes them in place: every page and download derives its own frames from them.
@st.cache_resource(show_spinner=False, max_entries=8)
def _entries(path: str, url: str, revision: tuple) -> tuple[pd.DataFrame, pd.DataFrame]:  # noqa: ARG001
    current = _store(path, url)
    items = current.items()
    # A rewritten example is someone's own entry now: no badge, and stale like any other (domain.examples).
    return items.assign(voorbeeld=still_examples(items, package().items)), current.links()


def entries() -> tuple[pd.DataFrame, pd.DataFrame]:
    """All entries and links as they are now (re-read only when someone saved something)."""
    pkg = package()
    url = database_url(pkg.path)
    return _entries(str(pkg.path), url, _revision(str(pkg.path), url, None))


def visible_entries() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The entries and links the signed-in user (or the public) may see, personal data they may not
    see blanked: what every page shows and every download contains."""
    pkg = package()
    url = database_url(pkg.path)
    actor = auth.actor()
    return _visible(str(pkg.path), url, _revision(str(pkg.path), url, None), repr(actor), actor)


@st.cache_resource(show_spinner=False, max_entries=32)
def _visible(path: str, url: str, revision: tuple, actor_key: str,  # noqa: ARG001 - the cache key
             _actor) -> tuple[pd.DataFrame, pd.DataFrame]:
    items, links = _entries(path, url, revision)
    return privacy.visible_entries(items, links, _actor)


# --- entries of one wijk, and the city-wide pages' limited queries --------------------------------
# A save in one wijk changes that wijk's revision only: the other wijken's cached reads stay valid, and
# nothing reads the whole city after a save (issue 11). The wijk page reads what it draws
# (app.wijk_page_reads): a page of cards, and the wijk's outline for its counts, network and forms, per wijk
# revision and per what privacy lets the user see (app.entry_reads.view_key).

@st.cache_resource(show_spinner=False, max_entries=256)
def _wijk_cards(path: str, url: str, wijk_id: str, revision: tuple, view: str, limits: tuple, _actor) -> WijkCards:
    entry_store = _store(path, url)
    with entry_store.reading():  # the outline (patched after a save) and the cards over one connection (issue 11)
        outline, _ = _wijk_outline(path, url, wijk_id, revision, view, _actor)
        return wijk_page_reads.wijk_cards(entry_store, package(), _actor, dict(limits), outline)


def wijk_cards(wijk_id: str, limits: Limits) -> WijkCards:
    """The cards of the wijk page the user may see: per (section, open) the newest up to its limit."""
    pkg, actor = package(), auth.actor()
    path, url = str(pkg.path), database_url(pkg.path)
    # the revision and, when they are not cached, the outline and the cards over one connection: a server that holds
    # nothing for the wijk took one from the pool (and pinged the database) twice (issue 11)
    with _store(path, url).reading():
        return _wijk_cards(path, url, wijk_id, _revision(path, url, wijk_id), entry_reads.view_key(pkg, actor),
                           tuple(limits.items()), actor)


@st.cache_resource(show_spinner=False, max_entries=64)
def _wijk_outline(path: str, url: str, wijk_id: str, revision: tuple, view: str,
                  _actor) -> tuple[pd.DataFrame, pd.DataFrame]:
    shelf = _outline_shelf(path, url)
    outline = held_outline.at_revision(_store(path, url), package(), _actor, wijk_id, revision,
                                       shelf.get(wijk_id, view))
    shelf.put(wijk_id, view, outline)
    return outline.shown


@st.cache_resource(show_spinner=False, max_entries=4)
def _outline_shelf(path: str, url: str) -> held_outline.Shelf:  # noqa: ARG001 - path and url are the cache key
    """The latest outline per wijk and view, kept across revisions: after a save only the saved entries are read.
    As many as `_wijk_outline` keeps; they share their frames."""
    return held_outline.Shelf(size=64)


def wijk_outline(wijk_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The wijk's entries the user may see without what they say (id, section, title, status, …), and the links
    between them: for the network picture and the forms' link choices."""
    pkg, actor = package(), auth.actor()
    path, url = str(pkg.path), database_url(pkg.path)
    with _store(path, url).reading():  # the revision and, when not cached, the outline over one connection
        return _wijk_outline(path, url, wijk_id, _revision(path, url, wijk_id), entry_reads.view_key(pkg, actor),
                             actor)


@st.cache_resource(show_spinner=False, max_entries=64)
def _entry_card(path: str, url: str, item_id: str, revision: tuple, view: str,  # noqa: ARG001 - the cache key
                _actor) -> tuple:
    return wijk_page_reads.entry_card(_store(path, url), package(), _actor, item_id)


def entry_card(wijk_id: str, item_id: str) -> tuple:
    """One entry of the wijk as the user may see it, with `open`, and its links; (None, []) when there is none."""
    pkg, actor = package(), auth.actor()
    path, url = str(pkg.path), database_url(pkg.path)
    row, links = _entry_card(path, url, item_id, _revision(path, url, wijk_id), entry_reads.view_key(pkg, actor),
                             actor)
    return (row, links) if row is not None and row["wijk_id"] == wijk_id else (None, [])


@st.cache_resource(show_spinner=False, max_entries=4)
def _kinds(path: str, url: str, revision: tuple) -> pd.DataFrame:  # noqa: ARG001 - revision is the cache key
    return _store(path, url).kinds()


def visible_kinds() -> pd.DataFrame:
    """How many entries the user may see per wijk, section, status and visibility (one grouped count)."""
    kinds = _all_kinds()
    return kinds[privacy.visible_mask(kinds, auth.actor())] if len(kinds) else kinds


def _all_kinds() -> pd.DataFrame:
    pkg = package()
    url = database_url(pkg.path)
    return _kinds(str(pkg.path), url, _revision(str(pkg.path), url, None))


# Bij te werken and Recent for every visitor: cached per revision (the city's, or the one wijk's when the page
# shows one) and per what privacy lets the user see (app.entry_reads.view_key), so a second visitor with the same
# rights, or a rerun, costs a look-up. A save anywhere changes the city's revision; the revision is read from the
# database on every run, so another server's save is seen too.

def revision(wijk_id: str | None = None) -> tuple:
    """The entries' revision (the city's, or the wijk's): the key of every cached read of them."""
    pkg = package()
    return _revision(str(pkg.path), database_url(pkg.path), wijk_id)


def _revision(path: str, url: str, wijk_id: str | None) -> tuple:
    # read once per run (the frame's `begin_run()` forgets them): a wijk page asked for them a dozen times, a
    # query each; a save reruns the script, so a run never draws with a revision from before its own save
    read = st.session_state.setdefault(RUN_REVISIONS_KEY, {})
    if (url, wijk_id) not in read:
        read[(url, wijk_id)] = _store(path, url).revision(wijk_id)
    return read[(url, wijk_id)]


@st.cache_resource(show_spinner=False, max_entries=64)
def _stale_holder(path: str, url: str, revision: tuple, view: str, months: int,  # noqa: ARG001 - the cache key
                  limit: int, wijk_id: str | None) -> dict:
    """Where the list for this key is kept with the cut-offs it holds for (see `stale_entries`)."""
    return {}


def stale_entries(moment, months: int, *, limit: int, wijk_id: str | None = None) -> pd.DataFrame:
    """What Bij te werken shows the user (app.entry_reads.stale_entries). Time makes entries stale without a
    save: the cached list holds from the cut-off it was read at up to the next open entry's last sign of life
    (EntryStore.next_stale), and is read again once the cut-off passes that."""
    pkg, actor = package(), auth.actor()
    path, url = str(pkg.path), database_url(pkg.path)
    holder = _stale_holder(path, url, _revision(path, url, wijk_id), entry_reads.view_key(pkg, actor), months,
                           limit, wijk_id)
    cut = freshness.cutoff(moment, months).to_pydatetime()
    cached = holder.get("read")
    if cached is not None and cached[0] <= cut and (cached[1] is None or cut <= cached[1]):
        return cached[2]
    current = _store(path, url)
    # the end first: an entry saved between the two reads changes the revision, and the next run reads again
    until = current.next_stale(cut, pkg.facts.entry_rules.open_statuses, wijk_id)
    rows = entry_reads.stale_entries(current, pkg, actor, moment, months, limit=limit, wijk_id=wijk_id)
    holder["read"] = (cut, until, rows)
    return rows


@st.cache_resource(show_spinner=False, max_entries=64)
def _recent(path: str, url: str, revision: tuple, view: str, limit: int,  # noqa: ARG001 - the cache key
            wijk_id: str | None, _actor) -> tuple[list, pd.DataFrame]:
    return entry_reads.recent_versions(_store(path, url), package(), _actor, limit, wijk_id)


def recent_versions(limit: int, wijk_id: str | None = None) -> tuple[list, pd.DataFrame]:
    """The latest versions of entries the user may see, and those entries (for title and wijk)."""
    pkg, actor = package(), auth.actor()
    path, url = str(pkg.path), database_url(pkg.path)
    return _recent(path, url, _revision(path, url, wijk_id), entry_reads.view_key(pkg, actor), limit, wijk_id, actor)


def forget_entries() -> None:
    """Drop every cached read of the entries: after a change the revisions do not see (a person's erasure
    rewrites rows without a new history row)."""
    for cached in (_entries, _visible, _wijk_cards, _wijk_outline, _outline_shelf, _entry_card, _kinds, _stale_holder,
                   _recent):
        cached.clear()
    st.session_state.pop(RUN_REVISIONS_KEY, None)
