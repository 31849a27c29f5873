"""The loaded data package: one immutable object that every layer above reads from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from nla_data.facts import PackageFacts, classify, read_facts
from nla_data.geojson import read_boundaries
from nla_data.problems import Problem, said, shorten
from nla_data.schema import DESCRIPTOR, read_descriptor, read_table, resource_descriptor, resource_file
from nla_data.settings import EMBEDDED_DIR, settings  # noqa: F401 - EMBEDDED_DIR is re-exported
from nla_data.validate import TABULAR, validate_package

if TYPE_CHECKING:  # geopandas and pandas take a second to import; `validate` needs neither here
    import geopandas as gpd
    import pandas as pd


def package_dir_from_env() -> Path:
    """`NLA_DATA=DIR` points the app and the CLI at another package; default: the package imported into
    the data directory, else the embedded one (see nla_data.settings)."""
    return settings().package_dir()


@dataclass(frozen=True)
class PackageInfo:
    name: str
    title: str
    version: str
    created: str
    boundaries: str  # "indicatief" or "officieel"
    boundaries_note: str
    municipality: str
    # Below this share of the base known, a weighted or rate aggregate is left out (nla_data.aggregate).
    min_coverage: float = 0.9


@dataclass(frozen=True)
class NlaPackage:
    path: Path
    info: PackageInfo
    wijken: pd.DataFrame  # indexed by wijk_id
    buurten: pd.DataFrame
    indicatoren: pd.DataFrame  # indexed by indicator, in display order
    cijfers: pd.DataFrame
    huurgrenzen: pd.DataFrame  # rent limits per year (jaar, grens, bedrag, bron, opmerking)
    items: pd.DataFrame
    koppelingen: pd.DataFrame
    geschiedenis: pd.DataFrame
    wijkgrenzen: gpd.GeoDataFrame
    buurtgrenzen: gpd.GeoDataFrame
    facts: PackageFacts  # classes, link relations, entry rules, the municipality's name


@dataclass(frozen=True)
class Loaded:
    """What loading gives: a package, or the problems that stop it from loading."""

    path: Path
    package: NlaPackage | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.package is not None


def load_package(package_dir: Path | str | None = None) -> Loaded:
    """The package in `package_dir` (default: see `package_dir_from_env`), or its problems. Never raises."""
    path = Path(package_dir).resolve() if package_dir else package_dir_from_env()
    try:
        problems = validate_package(path)
        return Loaded(path, None, problems) if problems else Loaded(path, read_package(path))
    except Exception as error:  # noqa: BLE001 - a reader we did not foresee failed: a message, not a traceback
        cause = f"{type(error).__name__}: {shorten(error)}"
        return Loaded(path, None, [Problem(DESCRIPTOR, said(f"pakket kon niet worden gelezen: {cause}",
                                                            f"package could not be read: {cause}"))])


def read_package(path: Path) -> NlaPackage:
    """Read a package that `validate_package` accepted."""
    descriptor = read_descriptor(path)
    tables = {name: read_table(path, resource_descriptor(descriptor, name)) for name in TABULAR}
    extra = descriptor.get("wijkperspectief", {})
    info = PackageInfo(
        name=descriptor.get("name", ""), title=descriptor.get("title", ""),
        version=str(descriptor.get("version", "")), created=str(descriptor.get("created", "")),
        boundaries=extra.get("grenzen", "indicatief"), boundaries_note=extra.get("grenzen_toelichting", ""),
        municipality=extra.get("gemeentecode", ""),
        min_coverage=float(extra.get("minimale_dekking", PackageInfo.min_coverage)),
    )
    boundaries = {name: read_boundaries(resource_file(path, resource_descriptor(descriptor, name)))
                  for name in ("wijkgrenzen", "buurtgrenzen")}
    facts = read_facts(descriptor)
    return NlaPackage(
        path=path, info=info, facts=facts,
        wijken=classify(tables["wijken"], facts.classes).set_index("wijk_id", drop=False),
        buurten=tables["buurten"],
        indicatoren=tables["indicatoren"].sort_values("volgorde").set_index("indicator", drop=False),
        cijfers=tables["cijfers"],
        huurgrenzen=tables["huurgrenzen"],
        items=tables["items"],
        koppelingen=tables["koppelingen"],
        geschiedenis=tables["geschiedenis"],
        wijkgrenzen=boundaries["wijkgrenzen"],
        buurtgrenzen=boundaries["buurtgrenzen"],
    )
