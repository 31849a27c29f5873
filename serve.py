"""Start the dashboard with warm caches, so the first visitor after a start does not wait for them.

    python serve.py [streamlit options]      (make run; the browser tests start the app this way too)
    python serve.py --server.port 8502

`streamlit run dashboard.py` works as well, but then the first visitor pays for importing the pages and
their libraries and for loading the package (ui.state). Here the frame runs once on each page in this
process before the server starts listening (Streamlit's AppTest: the real script, its real
`st.cache_resource` and `st.cache_data` functions), and then Streamlit's own command takes over in the
same process: the imported modules, the package and the cached figures are the ones the visitors' runs
find; running the map page also writes the maps' outline files (static/geo/, ui/map_files.py) that the
visitors' browsers fetch. A page that fails here is reported on stderr and the server starts anyway; the visitor then sees
the app's own message for it.

After the warm-up the objects alive then (modules, the package, cached figures: about 240,000) are frozen out of
the garbage collector (`gc.freeze`). Streamlit ran a full collection after every script run
(`runner.postScriptGC`); over that heap it took about 150 ms of every visitor's run and every click, after the
freeze under 1 ms, but still ~90 ms once a wijk of 10,000 entries was read (bench/README.md): that collection
is now off (`.streamlit/config.toml`), and Python's own collections skip the frozen heap too. What a visitor's
runs create is still collected.
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DASHBOARD = ROOT / "dashboard.py"


def warm_pages() -> list[tuple[str, dict[str, str]]]:
    """The pages a visitor opens first, with their query parameters: the map, a wijk, the comparisons
    and the lists. The data manager's page needs a sign-in and is left cold."""
    from ui import routes

    return [(routes.HOME, {}), (routes.KAART, {}), (routes.WIJK, {"wijk": "selwerd"}), (routes.VERGELIJKEN, {}),
            (routes.WONEN, {}), (routes.BIJ_TE_WERKEN, {}), (routes.RECENT, {})]


def warm(pages: list[tuple[str, dict[str, str]]] | None = None, timeout: float = 120) -> list[str]:
    """Run the frame once on each page in this process; returns the problems (empty when all ran)."""
    from streamlit.navigation.page import calc_hash
    from streamlit.testing.v1 import AppTest

    problems, components = [], None
    for url_path, params in warm_pages() if pages is None else pages:
        at = AppTest.from_file(str(DASHBOARD), default_timeout=timeout)  # a new session per page, as a visitor
        # Streamlit's custom components are found once (a scan of every installed package's metadata,
        # seconds on a busy machine), not again for each page.
        at._bidi_component_manager = components or at._bidi_component_manager  # noqa: SLF001
        for key, value in params.items():
            at.query_params[key] = value
        at._page_hash = calc_hash(url_path)  # noqa: SLF001 - pages are callables: Streamlit finds them by this hash
        try:
            at.run()
        except Exception as error:  # noqa: BLE001 - warming is an optimisation: the server starts anyway
            problems.append(f"/{url_path}: {type(error).__name__}: {error}")
            continue
        problems += [f"/{url_path}: {e.message}" for e in at.exception]
        components = at._bidi_component_manager  # noqa: SLF001
    return problems


def prepare() -> list[str]:
    """Warm the caches, then freeze what they hold out of the garbage collector's full collections."""
    problems = warm()
    gc.collect()
    gc.freeze()
    return problems


def main(argv: list[str]) -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    started = time.perf_counter()
    problems = prepare()
    try:  # the first page the browser loads: in Dutch, and fetching plotly.js at once (ui/shell.py)
        from ui.shell import serve_from_shell

        serve_from_shell()
    except OSError as error:  # an optimisation too: Streamlit's own page works
        problems.append(f"index.html: {error}")
    print(f"serve.py: caches warmed in {time.perf_counter() - started:.1f} s"
          + (f"; {len(problems)} {'page' if len(problems) == 1 else 'pages'} failed: " + "; ".join(problems) if problems else ""),
          file=sys.stderr, flush=True)

    from streamlit.web import cli

    from ui.session_cookie import install

    install()  # the sign-in cookie's route: a reload keeps a person signed in
    sys.argv = ["streamlit", "run", str(DASHBOARD), *argv]
    sys.exit(cli.main())


if __name__ == "__main__":
    main(sys.argv[1:])
