"""`python -m nla_data users …`: add, change, disable, enable, unlock, remove and list accounts.

Passwords are asked twice on the terminal (never an argument, which would end up in the shell's
history), or read from standard input with `--password-stdin` for scripts.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from nla_data.accounts import ROLES, AccountError, Accounts
from nla_data.settings import settings


def add_parser(commands) -> None:
    users = commands.add_parser("users", help="beheer de gebruikers (het gebruikersbestand in de datamap)")
    actions = users.add_subparsers(dest="users_command", required=True)
    add = actions.add_parser("add", help="nieuwe gebruiker")
    add.add_argument("username")
    add.add_argument("--naam", required=True, help="volledige naam (komt in de geschiedenis)")
    add.add_argument("--rol", required=True, choices=ROLES)
    add.add_argument("--wijk", action="append", default=[], help="wijk_id; herhaal voor meer wijken (frontlijnwerker)")
    add.add_argument("--corporatie", help="de eigen corporatie (rol corporatie)")
    add.add_argument("--email", help="e-mailadres voor inloggen via de organisatie (OpenID Connect)")
    add.add_argument("--geen-wachtwoord", action="store_true", help="alleen inloggen via OpenID Connect")
    add.add_argument("--password-stdin", action="store_true", help="lees het wachtwoord van standaardinvoer")
    change = actions.add_parser("set", help="wijzig rol, naam, wijken, corporatie of e-mail")
    change.add_argument("username")
    change.add_argument("--naam")
    change.add_argument("--rol", choices=ROLES)
    change.add_argument("--wijk", action="append", help="vervangt de wijken; herhaal voor meer wijken")
    change.add_argument("--corporatie")
    change.add_argument("--email")
    password = actions.add_parser("passwd", help="nieuw wachtwoord (heft ook een blokkade op)")
    password.add_argument("username")
    password.add_argument("--password-stdin", action="store_true")
    for name, text in (("disable", "zet een gebruiker uit (kan niet meer inloggen)"), ("enable", "zet weer aan"),
                       ("unlock", "hef een blokkade na te veel mislukte pogingen op"), ("remove", "verwijder")):
        actions.add_parser(name, help=text).add_argument("username")
    actions.add_parser("list", help="toon alle gebruikers (zonder wachtwoorden)")


def run(args: argparse.Namespace) -> int:
    accounts = Accounts(settings().users_file)
    try:
        return _run(accounts, args)
    except AccountError as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, EOFError):
        print("\nAfgebroken; er is niets gewijzigd.", file=sys.stderr)
        return 1


def _run(accounts: Accounts, args: argparse.Namespace) -> int:
    command = args.users_command
    if getattr(args, "wijk", None):
        _check_wijken(args.wijk)
    if command == "list":
        users = accounts.users()
        if not users:
            print(f"Nog geen gebruikers in {accounts.path}. Maak een beheerder: "
                  "python -m nla_data users add NAAM --naam 'Volledige naam' --rol beheerder")
        for user in users.values():
            state = "aan" if user.active else "uit"
            extra = ", ".join(user.wijken) or user.corporatie or ""
            print(f"{user.username:<20} {user.role:<16} {state:<4} {user.name}" + (f" ({extra})" if extra else ""))
        return 0
    if command == "add":
        password = None if args.geen_wachtwoord else _password(args.password_stdin)
        user = accounts.add(args.username, args.naam, args.rol, password, args.wijk, args.corporatie, args.email)
        print(f"OK: gebruiker {user.username} ({user.role}) toegevoegd aan {accounts.path}.")
        return 0
    if command == "set":
        changes = {key: value for key, value in (("name", args.naam), ("role", args.rol), ("wijken", args.wijk),
                                                  ("corporatie", args.corporatie), ("email", args.email))
                   if value is not None}
        if not changes:
            print("Fout: niets te wijzigen; geef --naam, --rol, --wijk, --corporatie of --email.", file=sys.stderr)
            return 1
        accounts.update(args.username, **changes)
    elif command == "passwd":
        accounts.update(args.username, password=_password(args.password_stdin))
    elif command in ("disable", "enable"):
        accounts.update(args.username, active=command == "enable")
    elif command == "unlock":
        accounts.update(args.username, failed=0, locked_until=None)
    elif command == "remove":
        accounts.remove(args.username)
    print(f"OK: {args.username} {_DONE[command]}.")
    return 0


_DONE = {"set": "gewijzigd", "passwd": "heeft een nieuw wachtwoord", "disable": "uitgezet", "enable": "aangezet",
         "unlock": "gedeblokkeerd", "remove": "verwijderd"}


def _check_wijken(wijken: list[str]) -> None:
    """A frontline worker's wijken must exist in the package (a typo would give them no wijk at all)."""
    from nla_data.package import load_package, package_dir_from_env

    loaded = load_package(package_dir_from_env())
    if loaded.package is None:
        return  # the package has problems of its own; `validate` tells them
    unknown = [w for w in wijken if w not in loaded.package.wijken.index]
    if unknown:
        said = "Onbekende wijk" if len(unknown) == 1 else "Onbekende wijken"
        raise AccountError(f"{said}: {', '.join(unknown)}. Kies uit: {', '.join(loaded.package.wijken.index)}.")


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Wachtwoord: ")
    if getpass.getpass("Nog een keer: ") != first:
        raise AccountError("De twee wachtwoorden zijn niet gelijk.")
    return first
