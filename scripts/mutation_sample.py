"""Estimate the killed share of mutants in domain/ and nla_data/store.py from a random sample.

A full `make mutate` runs every mutant (about 7.000 in these two scopes; hours on two cores). A simple
random sample of n mutants per scope gives the same share within a known margin: the Wilson 95 % interval
printed next to it (n = 300: about ±3 to ±5 points). The sample is drawn with a fixed seed from mutmut's
own list of mutants, so two runs on the same code check the same mutants, and a test added for a survivor
shows up in the next run's figure.

    python scripts/mutation_sample.py [--per-scope 300] [--children 2] [--seed 2013] [--survivors]
                                      [--postgres] [--fresh-stats] [--batch 20]

`--postgres` starts one throw-away PostgreSQL cluster for the run (tests/databases.py) and gives it to the tests
as NLA_TEST_POSTGRES_URL, so the store's PostgreSQL-only code is mutation-tested too (without it the PostgreSQL
variants skip under mutmut, and a mutant of that code survives unseen); the store's part then takes about twice
as long. `--fresh-stats` maps every test to the functions it reaches again (mutmut only maps tests that are new:
a function added later is known only to the tests added with it).

It lets mutmut generate the mutants and map the tests (a run of no mutant), draws the sample, runs it
(`mutmut run NAME ...`), then prints per scope: killed / checked, the share, its interval, and the
surviving mutants by function (`mutmut show NAME` shows one).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import random
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from mutmut.stats import status_by_exit_code

SCOPES = {"domain/": lambda source: source.startswith("domain/"),
          "nla_data/store.py": lambda source: source == "nla_data/store.py"}
SOURCE_DIRS = ("domain", "nla_data")  # pyproject.toml [tool.mutmut] source_paths
KILLED = {"killed", "timeout", "caught by type check"}
NOT_RUN = {"not checked", "skipped", "check was interrupted by user"}
MUTMUT = [sys.executable, "-m", "mutmut"]


def sync_data(root: Path) -> list[str]:
    """mutmut copies the Python files of the source paths into mutants/, but not the data beside them (the
    package's datapackage.json and CSVs under nla_data/): copy what is new or changed, so the tests in
    mutants/ read the package as it is now, not as it was when mutants/ was first made."""
    copied = []
    for source in SOURCE_DIRS:
        for path in sorted((root / source).rglob("*")):
            if not path.is_file() or path.suffix in (".py", ".pyc") or "__pycache__" in path.parts:
                continue
            target = root / "mutants" / path.relative_to(root)
            if not target.exists() or target.read_bytes() != path.read_bytes():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
                copied.append(path.relative_to(root).as_posix())
    return copied


def mutants(root: Path) -> dict[str, tuple[str, str]]:
    """Every generated mutant: name -> (source path, status now)."""
    found = {}
    for meta in sorted((root / "mutants").glob("**/*.py.meta")):
        source = meta.relative_to(root / "mutants").as_posix().removesuffix(".meta")
        for name, code in json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].items():
            found[name] = (source, status_by_exit_code[code])
    return found


def draw(found: dict[str, tuple[str, str]], per_scope: int, seed: int) -> dict[str, list[str]]:
    """A seeded simple random sample of mutant names per scope."""
    picked = {}
    for scope, belongs in SCOPES.items():
        names = sorted(name for name, (source, _) in found.items() if belongs(source))
        picked[scope] = sorted(random.Random(seed).sample(names, min(per_scope, len(names))))
    return picked


def batches(names: list[str], size: int, seed: int) -> list[list[str]]:
    """`names` in a seeded random order, `size` at a time."""
    order, size = sorted(names), max(size, 1)
    random.Random(seed).shuffle(order)
    return [order[start:start + size] for start in range(0, len(order), size)]


def wilson(killed: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a share (95 % with z = 1,96)."""
    if n == 0:
        return (0.0, 1.0)
    p = killed / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def summary(scope: str, names: list[str], found: dict[str, tuple[str, str]], total: int) -> list[str]:
    statuses = Counter(found[name][1] for name in names)
    checked = sum(n for status, n in statuses.items() if status not in NOT_RUN)
    killed = sum(statuses[status] for status in KILLED)
    low, high = wilson(killed, checked)
    share = f"{100 * killed / checked:5.1f} %" if checked else "   – "
    rest = ", ".join(f"{status} {n}" for status, n in sorted(statuses.items()) if status not in KILLED)
    lines = [f"{scope:<20} {share}  (95 %: {100 * low:4.1f}–{100 * high:4.1f} %)  killed {killed} / checked "
             f"{checked} of a sample of {len(names)} from {total} mutants;  {rest}"]
    survivors = Counter(name.rsplit("__mutmut_", 1)[0] for name in names
                        if found[name][1] not in KILLED | NOT_RUN)
    lines += [f"    {n:>3} surviving  {function}" for function, n in survivors.most_common()]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-scope", type=int, default=300)
    parser.add_argument("--children", type=int, default=2)
    parser.add_argument("--seed", type=int, default=2013)
    parser.add_argument("--report-only", action="store_true", help="count the last run's results, run nothing")
    parser.add_argument("--sync-only", action="store_true", help="copy the package's data into mutants/, run nothing")
    parser.add_argument("--scope", choices=list(SCOPES), help="run only this part's sample (both are reported)")
    parser.add_argument("--survivors", action="store_true",
                        help="run again only the sampled mutants that were not killed (after adding tests for them)")
    parser.add_argument("--postgres", action="store_true",
                        help="test on a PostgreSQL cluster of the run's own as well as on SQLite")
    parser.add_argument("--fresh-stats", action="store_true", help="map every test to what it reaches again")
    parser.add_argument("--batch", type=int, default=20,
                        help="mutants per mutmut run, in random order: a run stopped early checked a random part")
    args = parser.parse_args(argv)
    root = Path.cwd()
    if stale_stats(root / "mutants", fresh=args.fresh_stats, postgres=args.postgres and not args.report_only):
        (root / "mutants" / "mutmut-stats.json").unlink(missing_ok=True)
        (root / "mutants" / POSTGRES_MAPPED).unlink(missing_ok=True)
    if args.postgres and not args.report_only and not args.sync_only:
        with postgres_cluster():
            return _run(args, root)
    return _run(args, root)


POSTGRES_MAPPED = "mapped-with-postgres"  # in mutants/: the tests were mapped with a cluster, its variants too


def stale_stats(mutants_dir: Path, *, fresh: bool, postgres: bool) -> bool:
    """Whether the tests must be mapped to the functions again: asked for, or a run with PostgreSQL on a mapping made
    without it. There the PostgreSQL variants had skipped, so they reached no function; mutmut maps only tests it has
    not seen, and would run none of them for any mutant (a store sample once "survived" an upsert without a conflict
    target, which only PostgreSQL refuses)."""
    return fresh or (postgres and not (mutants_dir / POSTGRES_MAPPED).exists())


@contextlib.contextmanager
def postgres_cluster() -> Iterator[str]:
    """A throw-away PostgreSQL cluster for the run, its URL in the environment that mutmut and the tests it
    runs inherit; stopped when the run is done."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.databases import POSTGRES_URL_ENV, _Cluster  # noqa: PLC0415 - only --postgres needs them

    cluster = _Cluster()
    os.environ[POSTGRES_URL_ENV] = cluster.url
    try:
        yield cluster.url
    finally:
        os.environ.pop(POSTGRES_URL_ENV, None)
        cluster.stop()


def _run(args: argparse.Namespace, root: Path) -> int:
    if (root / "mutants").is_dir():
        copied = sync_data(root)
        if copied:
            files = "1 databestand" if len(copied) == 1 else f"{len(copied)} databestanden"
            print(f"{files} bijgewerkt in mutants/: {', '.join(copied[:5])}")
    if args.sync_only:
        return 0
    if not args.report_only:
        # generate the mutants and map the tests; the name matches no mutant, so none is run yet
        subprocess.run([*MUTMUT, "run", "--max-children", str(args.children), "no-mutant-has-this-name"], check=False)
        if args.postgres and (root / "mutants" / "mutmut-stats.json").exists():
            (root / "mutants" / POSTGRES_MAPPED).touch()
    found = mutants(root)
    if not found:
        print("Geen mutanten gevonden (mutants/**/*.meta).", file=sys.stderr)
        return 1
    picked = draw(found, args.per_scope, args.seed)
    if not args.report_only:
        names = [name for scope, group in picked.items() if args.scope in (None, scope) for name in group
                 if not args.survivors or found[name][1] not in KILLED]
        # mutmut runs the names it is given in its own order (by function): in shuffled batches, a run stopped
        # early has checked a random part of the sample, and the report counts what was checked
        for batch in batches(names, args.batch, args.seed):
            subprocess.run([*MUTMUT, "run", "--max-children", str(args.children), *batch], check=False)
        found = mutants(root)
    totals = Counter(scope for source, _ in found.values() for scope, belongs in SCOPES.items() if belongs(source))
    print(f"\nSteekproef van mutanten (seed {args.seed}, {args.per_scope} per deel):")
    for scope, names in picked.items():
        print("\n".join(summary(scope, names, found, totals[scope])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
