"""Import the official CBS Wijk- en buurtkaart into the data package: exact boundaries and key figures.

    python -m nla_data import-cbs PATH [--year YYYY] [--municipality GM0014] [--dry-run] [--into DIR]

Three steps, so that a page can show a preview before anything is written:

1. `read_cbs(path)` reads a GeoPackage (the buurten layer), a shapefile (also zipped) or a GeoJSON,
   in RD New or WGS84, and checks that it is a map with a buurt code column and one consistent
   coordinate system. It raises `CbsImportError` (Dutch problems) when it is not.
2. `plan_import(package, gdf, year, municipality, progress)` works out everything in memory: the
   municipality's buurten (CBS secret values as missing), their exact boundaries, the NLA wijken
   dissolved from them through the package's buurt mapping, and the figures of that year for
   buurten, wijken and the municipality (`nla_data.aggregate`: counts summed, shares weighted by
   their base, a secret never zero). The plan holds the new file contents, a summary, the changes and
   the reports (`notes`); `problems` are the defects that block the import.
3. `apply_import(plan, package_dir)` writes the files into a copy of the package next to it,
   validates the copy and only then swaps the changed files in. A failed import leaves the package
   as it was. `items`, `koppelingen` and `geschiedenis` are never touched. The embedded package is
   never written: `import_target` gives the package in the data directory instead.

An upload is untrusted: `prepare_upload` refuses files over MAX_UPLOAD_BYTES, zips are checked from
their directory before GDAL opens them (`nla_data.cbs.limits`), and reading and planning run in a
child process that is stopped after TIME_LIMIT_S seconds (`nla_data.cbs.worker`).

Which buurten the file does not cover keep their previous (indicative) outline, cut back where the
file's buurten lie; a wijk is "officieel" only when all its buurten come from the file. Buurten
that are not in the package's buurten table ("kan niet plaatsen": new codes) count for the
municipality and the rest of the city, but get no buurt figures and no buurt outline of their own.
"""

import tempfile
from pathlib import Path

from nla_data.cbs.apply import apply_import, embedded_refused, import_target, recover_leftovers
from nla_data.cbs.boundaries import DECIMALS, SIMPLIFY_M, SLIVER_M2
from nla_data.cbs.columns import IDENTITY, IDENTITY_COLUMNS, IGNORED, declared_columns
from nla_data.cbs.errors import CbsImportError, Progress
from nla_data.cbs.limits import MAX_UPLOAD_BYTES, check_upload
from nla_data.cbs.plan import ImportPlan, describe, plan_import, prepare_import
from nla_data.cbs.read import RD_BOX, WGS_BOX, read_cbs
from nla_data.cbs.rows import BUURTCODE
from nla_data.cbs.worker import TIME_LIMIT_S, prepare_with_time_limit

# The code lives in nla_data.cbs, one job a module; this module keeps the public names where callers
# (the beheer page, the command line, tests, bench) import them from. The constants are re-exported for
# reading only: to change one for a test, patch the module that uses it (e.g. nla_data.cbs.boundaries).
__all__ = [
    "BUURTCODE", "DECIMALS", "IDENTITY", "IDENTITY_COLUMNS", "IGNORED", "RD_BOX", "SIMPLIFY_M", "SLIVER_M2", "TIME_LIMIT_S", "WGS_BOX", "CbsImportError", "ImportPlan", "MAX_UPLOAD_BYTES",
    "Progress", "apply_import", "describe", "embedded_refused", "import_target", "plan_import", "prepare_import",
    "prepare_upload", "prepare_with_time_limit", "read_cbs", "recover_leftovers", "declared_columns",
]


def prepare_upload(name: str, data: bytes, package, year: int | None = None, municipality: str | None = None,
                   progress: Progress | None = None, time_limit: float | None = None) -> ImportPlan:
    """`prepare_import` for an uploaded file, in a child process with a time limit (default TIME_LIMIT_S):
    its bytes under its own name (no folders) in a temp dir. Always a plan; writes nothing."""
    name = Path(str(name).replace("\\", "/")).name or "upload.gpkg"
    try:
        check_upload(name, len(data))
    except CbsImportError as error:
        return ImportPlan(source=name, municipality=municipality or package.info.municipality or "GM0014",
                          year=year, problems=error.problems)
    with tempfile.TemporaryDirectory(prefix="nla-cbs-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return prepare_with_time_limit(path, package, year=year, municipality=municipality, progress=progress,
                                       time_limit=time_limit)
