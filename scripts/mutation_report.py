"""The killed share of mutmut's last run, per package and per module (`make mutate` prints it).

Reads mutmut's own results (`mutants/<file>.meta`, one per mutated source file) and its status names
(mutmut.stats). Killed = a test failed (or timed out) on the mutant; the share is killed / checked,
where checked is every mutant that was run, including those no selected test reaches ("no tests":
nothing would notice them, so they count as survivors). Mutants not yet checked are listed apart.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

PACKAGES = ("domain", "nla_data")
HIGHLIGHT = ("nla_data/store.py",)  # a module with its own goal (issue 9: >= 90 % like domain/)
KILLED = {"killed", "timeout", "caught by type check"}
NOT_RUN = {"not checked", "skipped", "check was interrupted by user"}


def statuses(root: Path) -> dict[str, Counter]:
    """Source path (`domain/format.py`) -> count per mutmut status."""
    found: dict[str, Counter] = {}
    for meta in sorted((root / "mutants").glob("**/*.py.meta")):
        source = meta.relative_to(root / "mutants").as_posix().removesuffix(".meta")
        if source.split("/")[0] not in PACKAGES:
            continue
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        if codes:
            found[source] = Counter(status_by_exit_code[code] for code in codes.values())
    return found


def share(counts: Counter) -> tuple[int, int, float | None]:
    """(killed, checked, killed/checked); None when nothing was checked."""
    checked = sum(n for status, n in counts.items() if status not in NOT_RUN)
    killed = sum(counts[status] for status in KILLED)
    return killed, checked, (killed / checked if checked else None)


def line(name: str, counts: Counter) -> str:
    killed, checked, part = share(counts)
    shown = f"{100 * part:5.1f} %" if part is not None else "    – "
    rest = ", ".join(f"{status} {n}" for status, n in sorted(counts.items()) if status not in KILLED)
    return f"{name:<34} {shown}  {killed:>5} / {checked:<5} {rest}"


def report(found: dict[str, Counter]) -> str:
    rows = [f"{'':<34} killed  killed / checked  (the rest by status)"]
    for package in PACKAGES:
        modules = {path: c for path, c in found.items() if path.startswith(f"{package}/")}
        total = sum(modules.values(), Counter())
        rows.append("")
        rows.append(line(f"{package}/ (total)", total))
        rows += [line(f"  {path}", counts) for path, counts in modules.items()]
    rows.append("")
    rows += [line(path, found.get(path, Counter())) for path in HIGHLIGHT]
    return "\n".join(rows)


def main(root: Path = Path(".")) -> int:
    found = statuses(root)
    if not found:
        print("Geen resultaten van mutmut gevonden (mutants/*.meta): eerst `mutmut run`.", file=sys.stderr)
        return 1
    print(report(found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
