"""Step 3: write a plan into the package: into a copy next to it first, validate the copy, and only
then swap the changed files in, so that a failed import leaves the package as it was."""

from __future__ import annotations

import os
import re
import shutil
import uuid
from pathlib import Path

from nla_data.cbs.errors import Progress
from nla_data.cbs.files import _sha
from nla_data.cbs.plan import ImportPlan
from nla_data.problems import Problem
from nla_data.schema import DESCRIPTOR, read_descriptor
from nla_data.validate import validate_package


def apply_import(plan: ImportPlan, package_dir: Path | str, progress: Progress | None = None) -> list[Problem]:
    """Write the plan into the package; [] when done. On any problem the package stays as it was."""
    report = progress or (lambda fraction, message: None)
    if plan.problems:
        return list(plan.problems)
    if not plan.files:
        return [Problem(plan.source, "het plan bevat niets om te schrijven")]
    package_dir = Path(package_dir).resolve()
    changed = [path for path, digest in plan.base.items() if _sha(package_dir / path) != digest]
    if changed:
        return [Problem(DESCRIPTOR, f"het pakket is gewijzigd sinds het plan is gemaakt ({', '.join(changed)}); "
                                    "maak het plan opnieuw")]
    staging = package_dir.parent / f".{package_dir.name}.import-{uuid.uuid4().hex[:12]}"
    backup = package_dir.parent / f".{package_dir.name}.backup-{uuid.uuid4().hex[:12]}"
    try:
        report(0.1, "kopie van het pakket maken")
        staging.mkdir()
        _copy_package(package_dir, staging)
        for path, content in plan.files.items():
            (staging / path).parent.mkdir(parents=True, exist_ok=True)
            (staging / path).write_bytes(content)
        report(0.3, "kopie valideren")
        problems = validate_package(staging)
        if problems:
            return problems
        report(0.9, "bestanden vervangen")
        _swap(staging, package_dir, backup, list(plan.files))
    except OSError as error:
        return [Problem(DESCRIPTOR, f"schrijven mislukt, het pakket is niet gewijzigd ({error})")]
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(backup, ignore_errors=True)
    report(1.0, "geïmporteerd")
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
    """Replace each file (os.replace: atomic per file); on a failure put back the ones already replaced."""
    backup.mkdir()
    order = sorted(paths, key=lambda p: p == DESCRIPTOR)  # the descriptor last
    for path in order:
        (backup / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(package_dir / path, backup / path)
    done = []
    try:
        for path in order:
            os.replace(staging / path, package_dir / path)
            done.append(path)
    except OSError:
        for path in reversed(done):
            os.replace(backup / path, package_dir / path)
        raise
