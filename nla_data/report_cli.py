"""`python -m nla_data report WIJK_ID OUT.pdf` (or `report all OUT.pdf`): the council report as a file.

The entries are the live ones (the database the app uses), as the public sees them: the file has no
personal data. Everything is checked before the slow part, and the file is written whole or not at all.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ALL = "all"


def add_parser(commands) -> None:
    report = commands.add_parser("report", help="maak het wijkrapport voor de gemeenteraad (PDF, één A4 per wijk)")
    report.add_argument("wijk", help=f"wijk-id (bijv. selwerd, de-wijert) of '{ALL}' voor alle wijken in één PDF")
    report.add_argument("out", type=Path, help="het PDF-bestand dat wordt geschreven")
    report.add_argument("--lang", choices=("nl", "en"), default="nl", help="taal van het rapport (standaard: nl)")
    report.add_argument("--from", dest="source", type=Path,
                        help="datapakket (standaard: NLA_DATA of het ingebouwde pakket)")
    report.add_argument("--database", help="database-URL (standaard: NLA_DATABASE_URL of de SQLite in de datamap)")


def run(args: argparse.Namespace) -> int:
    from domain.slugs import normalise_wijk_param
    from domain.texts import t, tn
    from domain.wijken import ordered_ids
    from nla_data.package import load_package, package_dir_from_env

    lang = args.lang
    source = (args.source or package_dir_from_env()).resolve()
    loaded = load_package(source)
    if loaded.package is None:
        print(f"Het datapakket in {source} is niet geldig; er is geen rapport gemaakt.", file=sys.stderr)
        for problem in loaded.problems:
            print(f"- {problem}", file=sys.stderr)
        return 1
    pkg = loaded.package
    asked = normalise_wijk_param(args.wijk)
    if args.wijk.strip().lower() == ALL:
        wijk_ids = ordered_ids(pkg.wijken)
    elif asked in pkg.wijken.index:
        wijk_ids = [asked]
    else:
        print(t("report.cli_unknown", lang, wijk=args.wijk, known=", ".join(ordered_ids(pkg.wijken))), file=sys.stderr)
        return 1
    out = args.out.expanduser().resolve()
    refused = unwritable(out)
    if refused:
        print(t("report.cli_unwritable", lang, path=out, reason=refused), file=sys.stderr)
        return 1
    try:
        data = _pdf(pkg, args.database, wijk_ids, lang)
    except Exception as error:  # noqa: BLE001 - a database that cannot be read: a message, not a traceback
        first = (str(error).splitlines() or [""])[0]
        print(t("report.cli_failed", lang, reason=f"{type(error).__name__}: {first}"), file=sys.stderr)
        return 1
    try:
        write_whole(out, data)
    except OSError as error:
        print(t("report.cli_unwritable", lang, path=out, reason=error.strerror or error), file=sys.stderr)
        return 1
    print(tn("report.cli_done", len(wijk_ids), lang, path=out))
    return 0


def _pdf(pkg, database: str | None, wijk_ids: list[str], lang: str) -> bytes:
    import report
    from nla_data.decisions import DecisionStore
    from nla_data.outlook import OutlookStore
    from nla_data.settings import safe_url
    from nla_data.database import open_database
    from nla_data.store import database_url, now

    url = database or database_url(pkg.path)
    try:
        store = open_database(pkg, url)
        items, links = store.items(), store.links()
        decisions = DecisionStore(store.engine).frame()
        outlook = OutlookStore(store.engine).frame()
    except Exception as error:
        raise RuntimeError(f"database {safe_url(url)}: {type(error).__name__}") from error
    finally:
        if "store" in locals():
            store.engine.dispose()
    return report.wijk_pdf(pkg, items, links, wijk_ids, lang=lang, today=now().date(), decisions=decisions,
                           outlook=outlook)


def unwritable(out: Path) -> str | None:
    """Why `out` cannot be written (in Dutch), or None: checked before the report is made."""
    if out.is_dir():
        return "dat is een map"
    if not out.parent.is_dir():
        return f"de map {out.parent} bestaat niet"
    if not os.access(out.parent, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        return "geen schrijfrechten"
    return None


def write_whole(out: Path, data: bytes) -> None:
    """Write through a temporary file beside `out`, then rename: never half a PDF."""
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # as an ordinary new file, not mkstemp's 0600
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
