"""Command line: `python -m nla_data validate [DIR]`, `python -m nla_data export OUT`,
`python -m nla_data import-cbs PATH [--year YYYY] [--municipality GM0014] [--dry-run] [--into DIR]` and
`python -m nla_data report WIJK_ID|all OUT.pdf`."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from nla_data import person_cli, report_cli, users_cli
from nla_data.package import package_dir_from_env
from nla_data.problems import Problem, counted, said
from nla_data.validate import validate_package


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nla_data", description="Werk met het NLA-datapakket.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="controleer een datapakket")
    check.add_argument("dir", nargs="?", type=Path, help="map met datapackage.json (standaard: NLA_DATA of het ingebouwde pakket)")
    export = commands.add_parser(
        "export", help="schrijf de actuele stand (items, koppelingen, geschiedenis uit de database) als datapakket")
    export.add_argument("out", type=Path, help="nieuwe of lege map voor het pakket")
    export.add_argument("--from", dest="source", type=Path,
                        help="bronpakket (standaard: NLA_DATA of het ingebouwde pakket)")
    export.add_argument("--database",
                        help="database-URL (standaard: NLA_DATABASE_URL of de SQLite in de datamap)")
    export.add_argument("--force", action="store_true", help="vervang een niet-lege map OUT")
    export.add_argument("--include-personal", action="store_true",
                        help="met persoonsgegevens (namen van bewerkers, contactgegevens): alleen voor de beheerder, "
                             "niet om te publiceren; standaard zonder")
    cbs = commands.add_parser(
        "import-cbs", help="importeer de CBS Wijk- en buurtkaart: officiële grenzen en kerncijfers van een jaar")
    cbs.add_argument("path", type=Path, help="GeoPackage, shapefile (ook gezipt) of GeoJSON")
    cbs.add_argument("--year", type=int, help="jaar van de kaart (standaard: uit het bestand)")
    cbs.add_argument("--municipality", help="gemeentecode (standaard: die van het pakket, GM0014)")
    cbs.add_argument("--dry-run", action="store_true", help="laat alleen zien wat er zou veranderen; schrijf niets")
    cbs.add_argument("--into", type=Path, help="map met het pakket (standaard: NLA_DATA of het ingebouwde pakket)")
    users_cli.add_parser(commands)
    person_cli.add_parser(commands)
    report_cli.add_parser(commands)
    args = parser.parse_args(argv)

    if args.command == "users":
        return users_cli.run(args)
    if args.command == "person":
        return person_cli.run(args)
    if args.command == "report":
        return report_cli.run(args)
    if args.command == "export":
        return _export(args)
    if args.command == "import-cbs":
        return _import_cbs(args)
    package_dir = (args.dir or package_dir_from_env()).resolve()
    problems = validate_package(package_dir)
    if not problems:
        print(f"OK: {package_dir} is een geldig datapakket.")
        return 0
    return _report(problems, package_dir)


def _export(args: argparse.Namespace) -> int:
    import sqlalchemy as sa

    from nla_data.database import open_database
    from nla_data.export import check_target, export_package, row_counts, sqlite_file
    from nla_data.package import load_package
    from nla_data.store import database_url

    source = (args.source or package_dir_from_env()).resolve()
    out = args.out.resolve()
    url = args.database or database_url(source)
    try:
        refused = check_target(source, out, args.force, sqlite_file(url))  # before the slow part
    except (sa.exc.ArgumentError, ValueError) as error:
        return _report([Problem("database", said(_masked(f"ongeldige database-URL {url!r}: {error}", url),
                                                 _masked(f"invalid database URL {url!r}: {error}", url)))], source)
    if refused:
        return _report([refused], out)
    loaded = load_package(source)
    if loaded.package is None:
        return _report(loaded.problems, source)
    try:
        store = open_database(loaded.package, url)
        problems = export_package(source, out, store, force=args.force, include_personal=args.include_personal)
    except (sa.exc.SQLAlchemyError, ImportError) as error:  # unreachable database, missing driver
        first = (str(error).splitlines() or [""])[0]
        failed = _masked(f"{url}: {type(error).__name__}: {first}", url)
        return _report([Problem("database", said(failed, failed))], source)
    except OSError as error:  # a folder that cannot be written, a full disk
        return _report([Problem(str(out), said(f"kon niet schrijven: {error}", f"could not write: {error}"))], out)
    if problems:
        print(f"Niet geëxporteerd naar {out}.", file=sys.stderr)
        return _report(problems, out)
    counts = row_counts(out)
    print(f"OK: {counts['items']} items, {counts['koppelingen']} koppelingen en {counts['geschiedenis']} "
          f"geschiedenisregels geëxporteerd naar {out}")
    decided, lines = counts.get("besluiten", 0), counts.get("kansen", 0)
    if decided or lines:
        print(f"    met {decided} {'besluit' if decided == 1 else 'besluiten'} en {lines} "
              f"{'kans of bedreiging' if lines == 1 else 'kansen en bedreigingen'}, elk met de geschiedenis")
    return 0


def _masked(text: str, url: str) -> str:
    """A message about the database at `url` without its password (the URL, the password itself, and
    anything else shaped like `//user:password@`)."""
    from sqlalchemy.engine import make_url

    from nla_data.settings import safe_url

    text = text.replace(url, safe_url(url)).replace(repr(url), repr(safe_url(url)))
    try:
        password = make_url(url).password
    except Exception:  # noqa: BLE001 - an unparsable URL: the pattern below still masks it
        password = None
    if password:
        text = text.replace(str(password), "***")
    return re.sub(r"(//[^:/@\s]*:)[^@\s]*@", r"\1***@", text)


def _import_cbs(args: argparse.Namespace) -> int:
    from nla_data.cbs_import import apply_import, embedded_refused, import_target, prepare_with_time_limit, \
        recover_leftovers
    from nla_data.package import load_package
    from nla_data.settings import EMBEDDED_DIR

    if args.into and args.into.resolve().is_relative_to(EMBEDDED_DIR):
        return _report([embedded_refused()], args.into)
    source = (args.into or package_dir_from_env()).resolve()
    target = import_target(source)  # the embedded package is only read: its import goes to the data directory
    for note in recover_leftovers(target):  # what a killed import left behind
        print(f"Let op: {note.message}", file=sys.stderr)
    loaded = load_package(target if (target / "datapackage.json").is_file() else source)
    if loaded.package is None:
        print("Het pakket zelf is niet geldig; er is niets geïmporteerd.", file=sys.stderr)
        return _report(loaded.problems, loaded.path)
    progress = _ProgressBar()
    plan = prepare_with_time_limit(args.path, loaded.package, year=args.year, municipality=args.municipality,
                                   progress=progress.stage("lezen en plannen", 0.0, 1.0 if args.dry_run else 0.5))
    progress.done()
    if not plan.ok:
        for line in plan.describe():
            if not line.startswith("Probleem:"):
                print(line)
        print(f"Niet geïmporteerd; {target} is niet gewijzigd.", file=sys.stderr)
        return _report(plan.problems, args.path)
    for line in plan.describe():
        print(line)
    if args.dry_run:
        print(f"Proefrun: er is niets geschreven in {target}.")
        return 0
    problems = apply_import(plan, target, progress=progress.stage("schrijven", 0.5, 1.0))
    progress.done()
    if problems:
        print(f"Niet geïmporteerd; {target} is niet gewijzigd.", file=sys.stderr)
        return _report(problems, target)
    print(f"OK: geïmporteerd in {target} ({', '.join(sorted(plan.files))}).")
    if target != source:
        print(f"Het ingebouwde pakket is niet gewijzigd; de app gebruikt voortaan {target}.")
    return 0


class _ProgressBar:
    """A text progress bar on stderr: redrawn in place on a terminal, one line per step otherwise."""

    def __init__(self, width: int = 30):
        self.width, self.tty, self.shown = width, sys.stderr.isatty(), False

    def stage(self, label: str, start: float, end: float):
        def report(fraction: float, message: str) -> None:
            total = start + (end - start) * max(0.0, min(1.0, fraction))
            filled = round(total * self.width)
            line = f"[{'#' * filled}{'.' * (self.width - filled)}] {total:4.0%} {label}: {message}"
            print(f"\r{line:<90}" if self.tty else line, end="" if self.tty else "\n", file=sys.stderr, flush=True)
            self.shown = True
        return report

    def done(self) -> None:
        if self.tty and self.shown:
            print(file=sys.stderr)
        self.shown = False


def _report(problems: list[Problem], where: Path) -> int:
    print(f"{counted(len(problems), 'probleem', 'problemen')} in {where}:", file=sys.stderr)
    for problem in problems:
        print(f"- {problem}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
