"""`python -m nla_data person export|erase --email … | --naam …`: everything held about one person, and
erasing a person entirely (history included). Whoever runs this on the server acts as beheerder; the
erasure is logged (in the data directory's audit log) without the personal data."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from nla_data.package import load_package, package_dir_from_env
from nla_data.personal import PersonQuery, erase_person, find_person
from nla_data.problems import counted
from nla_data.settings import safe_url, settings
from nla_data.store import EntryStore, database_url


def add_parser(commands) -> None:
    person = commands.add_parser("person", help="persoonsgegevens (AVG): alles over één persoon, of wissen")
    actions = person.add_subparsers(dest="person_command", required=True)
    for name, text in (("export", "schrijf alles wat over deze persoon is vastgelegd als JSON"),
                       ("erase", "wis deze persoon overal, geschiedenis inbegrepen")):
        action = actions.add_parser(name, help=text)
        action.add_argument("--email", help="e-mailadres van de persoon")
        action.add_argument("--naam", help="volledige naam van de persoon")
        if name == "export":
            action.add_argument("--out", type=Path, help="bestand (standaard: standaarduitvoer)")
        else:
            action.add_argument("--ja", action="store_true", help="echt wissen (zonder: alleen tonen wat er gaat)")


def run(args: argparse.Namespace) -> int:
    query = PersonQuery(email=args.email, name=args.naam)
    problem = query.problem()
    if problem:
        print(f"Fout: {problem.message}.", file=sys.stderr)
        return 1
    loaded = load_package(package_dir_from_env())
    if loaded.package is None:
        print("Het datapakket is niet geldig; eerst `python -m nla_data validate`.", file=sys.stderr)
        return 1
    url = database_url(loaded.package.path)
    try:
        store = EntryStore.open(loaded.package, url)
    except Exception as error:  # noqa: BLE001 - an unreachable database: a message without its password
        print(f"Fout: database {safe_url(url)} niet bereikbaar ({type(error).__name__}).", file=sys.stderr)
        return 1
    found = find_person(store, query)
    if args.person_command == "export":
        text = found.as_json()
        if args.out:
            args.out.write_text(text + "\n", encoding="utf-8")
            print(f"OK: geschreven naar {args.out}.")
        else:
            print(text)
        return 0
    summary = (f"{counted(len(found.als_contact), 'item', 'items')} met contactgegevens, "
               f"{counted(len(found.als_bewerker), 'item', 'items')} als bewerker, "
               f"{counted(len(found.geschiedenis), 'geschiedenisregel', 'geschiedenisregels')}, "
               f"{counted(len(found.vastgelegd), 'regel', 'regels')} als vastlegger van besluiten en kansen")
    if found.empty:
        print("Niets gevonden over deze persoon; er is niets gewist.")
        return 0
    if not args.ja:
        print(f"Gevonden: {summary}. Voeg --ja toe om te wissen.")
        return 0
    erasure = erase_person(store, query, f"beheerder via de opdrachtregel ({getpass.getuser()})",
                           settings().audit_log)
    print(f"OK: gewist (wissing {erasure.erasure_id}): {counted(erasure.entries_removed, 'item', 'items')} "
          f"verwijderd, {counted(erasure.entries_anonymised, 'item', 'items')} geanonimiseerd, "
          f"{counted(erasure.history_rows_changed, 'geschiedenisregel', 'geschiedenisregels')} aangepast. "
          "Vastgelegd in het auditlog, zonder persoonsgegevens.")
    return 0
