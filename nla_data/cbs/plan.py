"""Step 2: work out an import in memory (ImportPlan) so that a page can preview it before anything
is written; `describe` turns a plan into the Dutch lines of that preview."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from nla_data.cbs.boundaries import _boundaries, _simplified
from nla_data.cbs.columns import _columns, _figures, declared_columns
from nla_data.cbs.errors import CbsImportError, Progress, _list
from nla_data.cbs.figures import _aggregate_notes, _figure_rows
from nla_data.cbs.files import _descriptor_bytes, _geojson, _merge_cijfers, _sha
from nla_data.cbs.read import _check_municipality, read_cbs
from nla_data.cbs.rows import _geometry, _municipality_rows, _one_row_per_buurt, _year
from nla_data.problems import Problem, counted, dutch_number, said
from nla_data.schema import DESCRIPTOR, read_descriptor, resource_descriptor


@dataclass
class ImportPlan:
    """Everything an import would change, worked out in memory; nothing is written yet."""

    source: str
    municipality: str
    year: int | None = None
    problems: list[Problem] = field(default_factory=list)  # block the import
    notes: list[Problem] = field(default_factory=list)  # reported, do not block
    summary: dict = field(default_factory=dict)
    changes: pd.DataFrame = field(default_factory=pd.DataFrame)  # cijfers: old and new value
    cijfers: pd.DataFrame = field(default_factory=pd.DataFrame)  # the rows written for this year
    aggregates: pd.DataFrame = field(default_factory=pd.DataFrame)  # wijk/gemeente, also missing ones
    buurtgrenzen: gpd.GeoDataFrame | None = None  # as written (WGS84)
    wijkgrenzen: gpd.GeoDataFrame | None = None
    files: dict[str, bytes] = field(default_factory=dict)  # path in the package -> new content
    base: dict[str, str] = field(default_factory=dict)  # path -> sha256 of the content planned from
    package_dir: str | None = None  # the package planned from (a new target starts as a copy of it)

    @property
    def ok(self) -> bool:
        return not self.problems

    def describe(self) -> list[str]:
        """The summary and the reports as Dutch lines (for the command line and the preview)."""
        return describe(self)


def plan_import(package, gdf: gpd.GeoDataFrame, year: int | None = None, municipality: str | None = None,
                progress: Progress | None = None) -> ImportPlan:
    """Work out the import of `gdf` (from `read_cbs`) into `package` (an NlaPackage). Writes nothing."""
    report = progress or (lambda fraction, message: None)
    name = gdf.attrs.get("source", "bestand")
    plan = ImportPlan(source=name, municipality=municipality or package.info.municipality or "GM0014",
                      package_dir=str(package.path))
    plan.notes += list(gdf.attrs.get("notes", []))
    try:
        _plan(plan, package, gdf, year, report)
    except CbsImportError as error:
        plan.problems += error.problems
    report(1.0, said("klaar", "done") if plan.ok else said("niet te importeren", "cannot be imported"))
    return plan


def prepare_import(path: Path | str, package, year: int | None = None, municipality: str | None = None,
                   progress: Progress | None = None) -> ImportPlan:
    """read_cbs + plan_import in one: always a plan (with `problems` when the file cannot be imported)."""
    report = progress or (lambda fraction, message: None)
    municipality = municipality or package.info.municipality or "GM0014"
    report(0.0, said("bestand lezen", "reading the file"))
    try:
        gdf = read_cbs(path, municipality)
    except CbsImportError as error:
        return ImportPlan(source=Path(path).name, municipality=municipality, year=year, problems=error.problems)
    return plan_import(package, gdf, year, municipality, progress)


def _plan(plan: ImportPlan, package, gdf: gpd.GeoDataFrame, year: int | None, report: Progress) -> None:
    name = plan.source
    plan.municipality = _check_municipality(plan.municipality)
    own = package.info.municipality
    if own and plan.municipality != own:
        raise CbsImportError([Problem(name, said(f"het pakket gaat over {own}; {plan.municipality} past daar niet bij",
                                                 f"the package is about {own}; {plan.municipality} does not fit it"),
                                      None, "gemeentecode")])
    report(0.05, said("kolommen herkennen", "recognising the columns"))
    declared, wrong = declared_columns(package.indicatoren)
    if wrong:  # a validated package has none; one read without validation might
        raise CbsImportError(wrong)
    frame, columns = _columns(gdf, name, declared, plan.notes)
    report(0.1, said("buurten van de gemeente kiezen", "choosing the municipality's buurten"))
    frame = _municipality_rows(frame, plan.municipality, name, plan.notes)
    plan.year = year = _year(frame, year, name, plan.notes)
    frame = _one_row_per_buurt(frame, name, plan.notes)
    report(0.2, said("geheime waarden en geometrie controleren", "checking secret values and geometry"))
    values = _figures(frame, columns, name, package.indicatoren, plan.notes)
    frame = _geometry(frame, name, plan.notes)

    known = set(package.buurten["buurtcode"])
    codes = list(frame["buurtcode"])
    unplaced = sorted(set(codes) - known)
    municipality_buurten = package.buurten[package.buurten["gemeentecode"] == plan.municipality]
    absent = sorted(set(municipality_buurten["buurtcode"]) - set(codes))
    if unplaced:
        one = len(unplaced) == 1
        counts = "telt" if one else "tellen"
        plan.notes.append(Problem(name, said(
            f"{counted(len(unplaced), 'buurt', 'buurten')} kan ik niet plaatsen: niet in de buurtentabel van het "
            f"pakket ({_list(unplaced)}); {counts} mee voor de gemeente en de rest van de stad, niet voor een NLA-wijk",
            f"I cannot place {counted(len(unplaced), 'buurt', 'buurten', 'en')}: not in the package's buurten table "
            f"({_list(unplaced, lang='en')}); {'it counts' if one else 'they count'} towards the municipality and the "
            "rest of the city, not towards an NLA neighbourhood"), None, "buurtcode"))
    if absent:
        one = len(absent) == 1
        stand = counted(len(absent), "buurt van het pakket staat", "buurten van het pakket staan")
        stand_en = counted(len(absent), "buurt of the package is", "buurten of the package are", "en")
        plan.notes.append(Problem(name, said(
            f"{stand} niet in het bestand ({_list(absent)}); de grens blijft zoals hij was en wijken en gemeente "
            "met zulke buurten krijgen voor dit jaar geen totaal",
            f"{stand_en} not in the file ({_list(absent, lang='en')}); "
            f"{'its boundary stays as it was' if one else 'their boundaries stay as they were'}, and neighbourhoods "
            "and the municipality with such buurten get no total for this year"), None, "buurtcode"))

    report(0.35, said("grenzen vereenvoudigen", "simplifying the boundaries"))
    buurten_rd = _simplified(frame)
    report(0.55, said("wijkgrenzen samenvoegen", "merging the neighbourhood boundaries"))
    buurtgrenzen, wijkgrenzen, boundary_facts = _boundaries(package, buurten_rd, absent, year)
    plan.buurtgrenzen, plan.wijkgrenzen = buurtgrenzen, wijkgrenzen
    report(0.7, said("cijfers optellen en wegen", "adding up and weighting the figures"))
    rows, aggregates = _figure_rows(package, values, codes, known, plan.municipality, year)
    plan.aggregates = aggregates
    cijfers_bytes, changes, kept = _merge_cijfers(package.path, rows, year)
    plan.cijfers, plan.changes = rows, changes
    touched = {mapping_wijk for mapping_wijk in package.buurten.loc[package.buurten["buurtcode"].isin(codes), "wijk_id"]
               if isinstance(mapping_wijk, str) and mapping_wijk} | {plan.municipality}
    _aggregate_notes(plan, aggregates, kept, package, touched)

    report(0.85, said("bestanden voorbereiden", "preparing the files"))
    descriptor = read_descriptor(package.path)
    paths = {resource: resource_descriptor(descriptor, resource)["path"]
             for resource in ("cijfers", "wijkgrenzen", "buurtgrenzen")}
    complete = (wijkgrenzen["status"] == "officieel").all() and not absent
    plan.files = {
        paths["buurtgrenzen"]: _geojson(buurtgrenzen, ["buurtcode", "buurtnaam", "wijk_id", "status", "bron"]),
        paths["wijkgrenzen"]: _geojson(wijkgrenzen, ["wijk_id", "naam", "status", "bron"]),
        paths["cijfers"]: cijfers_bytes,
        DESCRIPTOR: _descriptor_bytes(descriptor, year, complete, len(codes) - len(unplaced), boundary_facts),
    }
    plan.base = {path: _sha(package.path / path) for path in plan.files}
    plan.summary = {
        "bron": name, "laag": gdf.attrs.get("layer"), "jaar": year, "gemeente": plan.municipality,
        "buurten_in_bestand": len(codes), "buurten_geplaatst": len(codes) - len(unplaced),
        "buurten_niet_geplaatst": unplaced, "buurten_niet_in_bestand": absent,
        "wijken_officieel": boundary_facts["official"], "wijken_deels": boundary_facts["partial"],
        "wijken_zonder_buurten_in_bestand": boundary_facts["untouched"],
        "grenzen": "officieel" if complete else "indicatief",
        "indicatoren": sorted(set(values["indicator"])) if len(values) else [],
        "cijfers_nieuw": int((changes["oud"].isna()).sum()) if len(changes) else 0,
        "cijfers_gewijzigd": int(((changes["oud"].notna()) & (changes["oud"] != changes["nieuw"])).sum())
        if len(changes) else 0,
        "cijfers_gelijk": int((changes["oud"] == changes["nieuw"]).sum()) if len(changes) else 0,
        "cijfers_blijven_staan": kept,
        "onbekende_kolommen": list(columns.unknown),
        "geheim": dict(columns.secret),
    }


def describe(plan: ImportPlan) -> list[str]:
    s = plan.summary
    lines = []
    if s:
        layer = f", laag {s['laag']}" if s.get("laag") else ""
        lines.append(f"CBS Wijk- en buurtkaart {s['jaar']} uit {s['bron']}{layer}, gemeente {s['gemeente']}")
        lines.append(f"Buurten: {dutch_number(s['buurten_in_bestand'])} in het bestand, "
                     f"{dutch_number(s['buurten_geplaatst'])} in het pakket, "
                     f"{dutch_number(len(s['buurten_niet_geplaatst']))} niet te plaatsen, "
                     f"{dutch_number(len(s['buurten_niet_in_bestand']))} van het pakket niet in het bestand")
        lines.append(f"Wijkgrenzen officieel: {counted(len(s['wijken_officieel']), 'wijk', 'wijken')}"
                     + (f" ({', '.join(s['wijken_officieel'])})" if s["wijken_officieel"] else "")
                     + (f"; deels: {', '.join(s['wijken_deels'])}" if s["wijken_deels"] else "")
                     + f"; grenzen van het pakket worden: {s['grenzen']}")
        lines.append(f"Cijfers {s['jaar']}: {dutch_number(s['cijfers_nieuw'])} nieuw, "
                     f"{dutch_number(s['cijfers_gewijzigd'])} gewijzigd, {dutch_number(s['cijfers_gelijk'])} gelijk "
                     f"({', '.join(s['indicatoren']) or 'geen indicatoren'})")
    lines += [f"Let op: {note.message}" for note in plan.notes]
    lines += [f"Probleem: {problem}" for problem in plan.problems]
    return lines
