"""Command line: `python -m nla_data validate [DIR]` and `python -m nla_data export OUT`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nla_data.package import package_dir_from_env
from nla_data.problems import Problem
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
    export.add_argument("--database", help="database-URL (standaard: NLA_DATABASE_URL of de SQLite naast het bronpakket)")
    export.add_argument("--force", action="store_true", help="vervang een niet-lege map OUT")
    args = parser.parse_args(argv)

    if args.command == "export":
        return _export(args)
    package_dir = (args.dir or package_dir_from_env()).resolve()
    problems = validate_package(package_dir)
    if not problems:
        print(f"OK: {package_dir} is een geldig datapakket.")
        return 0
    return _report(problems, package_dir)


def _export(args: argparse.Namespace) -> int:
    import sqlalchemy as sa

    from nla_data.export import export_package, row_counts
    from nla_data.package import load_package
    from nla_data.store import EntryStore, database_url

    source = (args.source or package_dir_from_env()).resolve()
    out = args.out.resolve()
    loaded = load_package(source)
    if loaded.package is None:
        return _report(loaded.problems, source)
    url = args.database or database_url(source)
    try:
        store = EntryStore.open(loaded.package, url)
        problems = export_package(source, out, store, force=args.force)
    except sa.exc.SQLAlchemyError as error:
        return _report([Problem("database", f"{url}: {type(error).__name__}: {str(error).splitlines()[0]}")], source)
    if problems:
        print(f"Niet geëxporteerd naar {out}.", file=sys.stderr)
        return _report(problems, out)
    counts = row_counts(out)
    print(f"OK: {counts['items']} items, {counts['koppelingen']} koppelingen en {counts['geschiedenis']} "
          f"geschiedenisregels geëxporteerd naar {out}")
    return 0


def _report(problems: list[Problem], where: Path) -> int:
    print(f"{len(problems)} probleem/problemen in {where}:", file=sys.stderr)
    for problem in problems:
        print(f"- {problem}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
