"""Read the package descriptor and turn CSV text into typed pandas columns, as the schema says.

The schema in `datapackage.json` is the one place where types are declared; this module only
follows it, so a new field needs no code.
"""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path, PurePosixPath

import pandas as pd

from nla_data.csv_safety import restore
from nla_data.problems import MB, Problem, Said, quote, said, size_text

DESCRIPTOR = "datapackage.json"

# A package is untrusted input: nothing is read before its place, kind and size are checked.
MAX_DESCRIPTOR_BYTES = 5 * MB  # the embedded one is about 30 kB
MAX_RESOURCE_BYTES = 200 * MB  # per CSV or GeoJSON file
MAX_DEPTH = 32  # nesting of the descriptor's JSON; the embedded one needs 8

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")  # http://, https://, file://, s3://, ...
_BOM = b"\xef\xbb\xbf"
_TOO_DEEP = object()


class PackageFileError(ValueError):
    """A package file that was not read: outside the package, not a regular file, too big, not JSON."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def read_descriptor(package_dir: Path) -> dict:
    """The descriptor as JSON, after checking that it is a regular file of a sane size.

    Raises PackageFileError (a ValueError) with a problem (in Dutch and English); the result is any JSON value, which
    `nla_data.validate` checks before anything trusts its shape."""
    path = Path(package_dir) / DESCRIPTOR
    refused = file_problem(path, MAX_DESCRIPTOR_BYTES, DESCRIPTOR,
                           missing=said(f"bestand ontbreekt in {package_dir}", f"file missing from {package_dir}"))
    if refused:
        raise PackageFileError(Problem(DESCRIPTOR, refused))
    raw = path.read_bytes()
    if raw.startswith(_BOM):
        raise PackageFileError(Problem(DESCRIPTOR, said("het bestand begint met een BOM (byte order mark); "
                                                        "sla het op als UTF-8 zonder BOM",
                                                        "the file starts with a BOM (byte order mark); "
                                                        "save it as UTF-8 without a BOM")))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise PackageFileError(Problem(DESCRIPTOR, said(f"geen geldige UTF-8-tekst (byte {error.start + 1}); "
                                                        "sla het bestand op als UTF-8",
                                                        f"not valid UTF-8 text (byte {error.start + 1}); "
                                                        "save the file as UTF-8"))) from None
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        at, at_en = f"regel {error.lineno}, kolom {error.colno}", f"line {error.lineno}, column {error.colno}"
        raise PackageFileError(Problem(DESCRIPTOR, said(f"geen geldige JSON ({at}: {error.msg})",
                                                        f"not valid JSON ({at_en}: {error.msg})"))) from None
    except _Constant as error:  # NaN, Infinity
        raise PackageFileError(Problem(DESCRIPTOR, said(f"geen geldige JSON ({error})",
                                                        f"not valid JSON ({error.name} is not a valid JSON value)"))
                               ) from None
    except ValueError as error:
        raise PackageFileError(Problem(DESCRIPTOR, said(f"geen geldige JSON ({error})",
                                                        f"not valid JSON ({error})"))) from None
    except RecursionError:
        data = _TOO_DEEP
    if data is _TOO_DEEP or _too_deep(data):
        raise PackageFileError(Problem(DESCRIPTOR, said(f"geen geldige pakketbeschrijving: te diep genest (meer dan "
                                                        f"{MAX_DEPTH} niveaus)",
                                                        f"not a valid package description: nested too deeply (more "
                                                        f"than {MAX_DEPTH} levels)")))
    return data


def resource_descriptor(descriptor: dict, name: str) -> dict:
    return next(r for r in descriptor["resources"] if r["name"] == name)


def path_problem(package_dir: Path, resource: dict, limit: int = MAX_RESOURCE_BYTES) -> Problem | None:
    """Why the file of a resource must not be read, or None: a path that leaves the package (`..`,
    absolute, `~`, a symbolic link pointing out), an internet address, no regular file, too big."""
    name = str(resource.get("name") or DESCRIPTOR)
    path = resource.get("path")
    if not isinstance(path, str) or not path.strip():
        return Problem(name, said("pad ontbreekt of is geen tekst", "path is missing or is not text"), None, "path")
    if _URL.match(path):
        return Problem(name, said(f"pad {quote(path)} is een internetadres; een pakket bevat zijn bestanden zelf "
                                  "(er wordt niets gedownload)",
                                  f"path {quote(path)} is an internet address; a package contains its own files "
                                  "(nothing is downloaded)"), None, "path")
    parts = PurePosixPath(path.replace("\\", "/"))
    if parts.is_absolute() or path.startswith("~") or re.match(r"^[A-Za-z]:", path) or ".." in parts.parts:
        return Problem(name, said(f"pad {quote(path)} ligt buiten de pakketmap; gebruik een pad binnen de map, "
                                  "zoals data/cijfers.csv",
                                  f"path {quote(path)} is outside the package folder; use a path inside the folder, "
                                  "such as data/cijfers.csv"), None, "path")
    root = Path(package_dir).resolve()
    try:
        real = (root / path).resolve()
    except (OSError, RuntimeError) as error:  # a symbolic link loop, a name too long
        cause = getattr(error, "strerror", None) or error
        return Problem(name, said(f"pad {quote(path)} is niet te volgen ({cause})",
                                  f"path {quote(path)} cannot be followed ({cause})"), None, "path")
    if not real.is_relative_to(root):
        return Problem(name, said(f"pad {quote(path)} verwijst via een symbolische koppeling naar een bestand buiten "
                                  "de pakketmap",
                                  f"path {quote(path)} leads through a symbolic link to a file outside "
                                  "the package folder"), None, "path")
    refused = file_problem(real, limit, path, missing=said(f"bestand ontbreekt: {path}", f"file missing: {path}"))
    return Problem(name, refused) if refused else None


def file_problem(path: Path, limit: int, shown: str, missing: Said) -> Said | None:
    """Why `path` (`shown` as the package names it) must not be read: missing, no regular file, bigger
    than `limit` bytes; or None. Only looks at the file's metadata: a FIFO or a device is never opened."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return missing
    except OSError as error:
        cause = error.strerror or error
        return said(f"bestand {quote(shown)} is niet te lezen ({cause})",
                    f"file {quote(shown)} cannot be read ({cause})")
    if not stat.S_ISREG(info.st_mode):
        folder = stat.S_ISDIR(info.st_mode)
        kind = "een map" if folder else "een apparaat, pipe of socket"
        kind_en = "a folder" if folder else "a device, pipe or socket"
        return said(f"{quote(shown)} is geen gewoon bestand maar {kind}",
                    f"{quote(shown)} is not a regular file but {kind_en}")
    if info.st_size > limit:
        size, size_en = size_text(info.st_size), size_text(info.st_size, "en")
        return said(f"bestand {quote(shown)} is te groot ({size}; hoogstens {size_text(limit)})",
                    f"file {quote(shown)} is too big ({size_en}; at most {size_text(limit, 'en')})")
    return None


def resource_file(package_dir: Path, resource: dict) -> Path:
    """The file of a resource, checked (see `path_problem`); raises PackageFileError."""
    problem = path_problem(package_dir, resource)
    if problem:
        raise PackageFileError(problem)
    return Path(package_dir) / resource["path"]


def read_table(package_dir: Path, resource: dict) -> pd.DataFrame:
    """A tabular resource as a DataFrame with the schema's types (missing values as <NA>)."""
    text = pd.read_csv(resource_file(package_dir, resource), dtype=str, keep_default_na=False,
                       encoding=resource.get("encoding", "utf-8"))
    return typed(text, resource["schema"])


class _Constant(ValueError):
    """NaN, Infinity or -Infinity in the descriptor: Python reads them, JSON does not have them."""

    def __init__(self, name: str):
        super().__init__(f"{name} is geen geldige JSON-waarde")
        self.name = name


def _no_constant(name: str):
    raise _Constant(name)


def _too_deep(data) -> bool:
    """Nested deeper than MAX_DEPTH (checked without recursion: the data may be nested very deep)."""
    stack = [(data, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


def typed(text: pd.DataFrame, schema: dict) -> pd.DataFrame:
    frame = pd.DataFrame(index=text.index)
    for field in schema["fields"]:
        name, kind = field["name"], field.get("type", "string")
        column = text[name].where(text[name] != "", None) if name in text else pd.Series(None, index=text.index)
        if kind == "string":  # the apostrophe the app writes before a formula-like text (nla_data.csv_safety)
            column = column.map(lambda cell: restore(cell) if isinstance(cell, str) else cell)
        frame[name] = _convert(column, kind)
    return frame


def _convert(column: pd.Series, kind: str) -> pd.Series:
    if kind == "integer":
        return pd.to_numeric(column).astype("Int64")
    if kind == "number":
        return pd.to_numeric(column).astype("Float64")
    if kind == "boolean":
        return column.map({"true": True, "false": False, "True": True, "False": False}).astype("boolean")
    if kind == "date":
        return pd.to_datetime(column, format="%Y-%m-%d").dt.date.astype(object).where(column.notna(), None)
    if kind == "datetime":
        return pd.to_datetime(column, format="ISO8601")
    return column.astype("string")
