"""Step 3: write a plan into a package: into a copy next to it first, validate the copy, and only
then swap the changed files in, so that a failed import leaves the package as it was.

The shipped package (`nla_data/`) is only ever read: an import of it goes into the data directory
(`import_target`), as a whole new package that appears at once. One import at a time per package
(a lock file next to it); what a killed import left behind is cleaned up, or put back, by the next.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import uuid
from pathlib import Path

from nla_data.cbs.errors import Progress
from nla_data.cbs.files import _sha
from nla_data.cbs.plan import ImportPlan
from nla_data.problems import Problem, said, shorten
from nla_data.schema import DESCRIPTOR, read_descriptor
from nla_data.settings import EMBEDDED_DIR, ensure_data_dir, settings
from nla_data.validate import validate_package

MANIFEST = ".wissel.json"  # in a backup folder: the files being swapped and their new sha256


class _RollbackFailed(Exception):
    def __init__(self, backup: Path):
        super().__init__(str(backup))
        self.backup = backup


def import_target(package_dir: Path | str) -> Path:
    """Where an import into the package at `package_dir` is written: that package itself, except the
    embedded one, which is only ever read: then the package in the data directory."""
    package_dir = Path(package_dir).resolve()
    return settings().imported_package if _is_embedded(package_dir) else package_dir


def apply_import(plan: ImportPlan, package_dir: Path | str, progress: Progress | None = None) -> list[Problem]:
    """Write the plan into the package at `package_dir`; [] when done. On any problem the package stays
    as it was. A `package_dir` without a package yet (the data directory's, the first time) becomes a
    copy of the package the plan was made from, with the plan applied. Never the embedded package."""
    report = progress or (lambda fraction, message: None)
    if plan.problems:
        return list(plan.problems)
    if not plan.files:
        return [Problem(plan.source, said("het plan bevat niets om te schrijven", "the plan holds nothing to write"))]
    target = Path(package_dir).resolve()
    if _is_embedded(target):
        return [embedded_refused()]
    source = target if (target / DESCRIPTOR).is_file() else Path(plan.package_dir or target)
    if not (source / DESCRIPTOR).is_file():
        return [Problem(DESCRIPTOR, said(f"er staat geen pakket in {target}", f"there is no package in {target}"))]
    ensure_data_dir(target.parent)
    try:
        with _locked(target):
            _recover(target)
            return _apply(plan, source, target, report)
    except BlockingIOError:
        return [Problem(DESCRIPTOR, said(f"er loopt al een import in {target}; probeer het straks opnieuw",
                                         f"an import into {target} is already running; try again later"))]


def embedded_refused() -> Problem:
    imported = settings().imported_package
    return Problem(DESCRIPTOR, said(f"het ingebouwde pakket ({EMBEDDED_DIR}) wordt nooit gewijzigd; een import komt in "
                                    f"de datamap ({imported}) of in een andere map (--into)",
                                    f"the built-in package ({EMBEDDED_DIR}) is never changed; an import goes into "
                                    f"the data folder ({imported}) or into another folder (--into)"))


def recover_leftovers(package_dir: Path | str) -> list[Problem]:
    """Clean up after an import that was killed (notes of what was done; [] when there was nothing)."""
    target = Path(package_dir).resolve()
    if _is_embedded(target) or not _leftovers(target):
        return []
    try:
        with _locked(target):
            return _recover(target)
    except BlockingIOError:
        return []  # an import is running: its folders are not leftovers


def _apply(plan: ImportPlan, source: Path, target: Path, report: Progress) -> list[Problem]:
    changed = [path for path, digest in plan.base.items() if _sha(source / path) != digest]
    if changed:
        return [Problem(DESCRIPTOR, said(f"het pakket is gewijzigd sinds het plan is gemaakt ({', '.join(changed)}); "
                                         "maak het plan opnieuw",
                                         f"the package has changed since the plan was made ({', '.join(changed)}); "
                                         "make the plan again"))]
    staging = _sibling(target, "import")
    try:
        report(0.1, said("kopie van het pakket maken", "copying the package"))
        staging.mkdir()
        _copy_package(source, staging)
        for path, content in plan.files.items():
            (staging / path).parent.mkdir(parents=True, exist_ok=True)
            (staging / path).write_bytes(content)
        report(0.3, said("kopie valideren", "validating the copy"))
        problems = validate_package(staging)
        if problems:
            return problems
        report(0.9, said("bestanden vervangen", "replacing the files"))
        if source == target:
            _swap(staging, target, _sibling(target, "backup"), list(plan.files))
        else:  # a new package: it appears whole, at once
            os.rename(staging, target)
    except _RollbackFailed as failed:
        return [Problem(DESCRIPTOR, said(f"schrijven mislukt en niet alles kon worden teruggezet; de oude bestanden "
                                         f"staan in {failed.backup} en worden bij de volgende import teruggezet",
                                         f"writing failed and not everything could be put back; the old files are in "
                                         f"{failed.backup} and will be put back at the next import"))]
    except Exception as error:  # noqa: BLE001 - whatever failed, the package is as it was: say so
        reason = f"{type(error).__name__}: {shorten(error)}"
        return [Problem(DESCRIPTOR, said(f"schrijven mislukt, het pakket is niet gewijzigd ({reason})",
                                         f"writing failed, the package was not changed ({reason})"))]
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    report(1.0, said("geïmporteerd", "imported"))
    return []


def _copy_package(source: Path, target: Path) -> None:
    """datapackage.json and every local resource file (not the code or database next to them)."""
    shutil.copy2(source / DESCRIPTOR, target / DESCRIPTOR)
    for resource in read_descriptor(source).get("resources", []):
        paths = resource.get("path")
        for path in [paths] if isinstance(paths, str) else paths or []:
            if re.match(r"^[a-z][a-z0-9+.-]*://", path):
                continue
            file = (source / path).resolve()
            if file.is_relative_to(source) and file.is_file():
                (target / path).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(file, target / path)


def _swap(staging: Path, package_dir: Path, backup: Path, paths: list[str]) -> None:
    """Replace each file (os.replace: atomic per file). On any failure, even an interrupt, put back the
    ones already replaced; a process killed halfway leaves the backup with its manifest for `_recover`."""
    order = sorted(paths, key=lambda p: p == DESCRIPTOR)  # the descriptor last
    backup.mkdir()
    for path in order:
        (backup / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(package_dir / path, backup / path)
    manifest = json.dumps({path: _sha(staging / path) for path in order})
    (backup / f"{MANIFEST}.tmp").write_text(manifest, encoding="utf-8")
    os.replace(backup / f"{MANIFEST}.tmp", backup / MANIFEST)  # from here on a killed swap can be undone
    done = []
    try:
        for path in order:
            os.replace(staging / path, package_dir / path)
            done.append(path)
    except BaseException:
        try:
            for path in reversed(done):  # copies, not renames: the backup stays whole until all is back
                shutil.copy2(backup / path, package_dir / path)
        except BaseException:
            raise _RollbackFailed(backup) from None
        shutil.rmtree(backup, ignore_errors=True)
        raise
    shutil.rmtree(backup, ignore_errors=True)


def _recover(target: Path) -> list[Problem]:
    """Remove the staging copies of killed imports; a backup whose swap did not finish is put back first
    (its manifest lists the new content of each file: if not all files have it, the swap was cut short)."""
    notes = []
    for backup in sorted(target.parent.glob(f".{target.name}.backup-*")):
        try:
            manifest = json.loads((backup / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            manifest = {}  # killed while making the backup: the package was not touched yet
        if manifest and any(_sha(target / path) != digest for path, digest in manifest.items()):
            for path in manifest:
                if (backup / path).is_file():
                    os.replace(backup / path, target / path)
            notes.append(Problem(DESCRIPTOR, said(f"een onderbroken import is teruggedraaid ({backup.name})",
                                                  f"an interrupted import was rolled back ({backup.name})")))
        shutil.rmtree(backup, ignore_errors=True)
    for staging in target.parent.glob(f".{target.name}.import-*"):
        shutil.rmtree(staging, ignore_errors=True)
    return notes


@contextlib.contextmanager
def _locked(target: Path):
    """Hold the import lock of the package at `target` (a file next to it); BlockingIOError when taken.
    The operating system releases it when the process ends, however it ends."""
    with open(target.parent / f".{target.name}.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _leftovers(target: Path) -> list[Path]:
    if not target.parent.is_dir():
        return []
    return [*target.parent.glob(f".{target.name}.backup-*"), *target.parent.glob(f".{target.name}.import-*")]


def _sibling(target: Path, kind: str) -> Path:
    return target.parent / f".{target.name}.{kind}-{uuid.uuid4().hex[:12]}"


def _is_embedded(path: Path) -> bool:
    return path == EMBEDDED_DIR or path.is_relative_to(EMBEDDED_DIR)
