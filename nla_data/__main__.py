"""Command line: `python -m nla_data validate [DIR]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nla_data.package import package_dir_from_env
from nla_data.validate import validate_package


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nla_data", description="Werk met het NLA-datapakket.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="controleer een datapakket")
    check.add_argument("dir", nargs="?", type=Path, help="map met datapackage.json (standaard: NLA_DATA of het ingebouwde pakket)")
    args = parser.parse_args(argv)

    package_dir = (args.dir or package_dir_from_env()).resolve()
    problems = validate_package(package_dir)
    if not problems:
        print(f"OK: {package_dir} is een geldig datapakket.")
        return 0
    print(f"{len(problems)} probleem/problemen in {package_dir}:", file=sys.stderr)
    for problem in problems:
        print(f"- {problem}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
