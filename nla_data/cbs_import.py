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
   as it was. `items`, `koppelingen` and `geschiedenis` are never touched.

Which buurten the file does not cover keep their previous (indicative) outline, cut back where the
file's buurten lie; a wijk is "officieel" only when all its buurten come from the file. Buurten
that are not in the package's buurten table ("kan niet plaatsen": new codes) count for the
municipality and the rest of the city, but get no buurt figures and no buurt outline of their own.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyproj import CRS

from geo.outlines import REST_NAME, RD_NEW, WGS84, round_coordinates, simplify_coverage
from nla_data.aggregate import aggregate_to_gemeente, aggregate_to_wijken
from nla_data.problems import CBS_SENTINEL_MAX, Problem
from nla_data.schema import DESCRIPTOR, read_descriptor, resource_descriptor
from nla_data.validate import validate_package

Progress = Callable[[float, str], None]

# --- columns -------------------------------------------------------------------------------------

# Column name in the file (lower case; both generations: short upper-case such as BU_CODE in the
# shapefiles of older years, long lower-case such as buurtcode in the GeoPackages of recent years)
# -> our name. Matching ignores case.
COLUMN_MAP: dict[str, str] = {
    # identity
    "bu_code": "buurtcode", "buurtcode": "buurtcode",
    "bu_naam": "buurtnaam", "buurtnaam": "buurtnaam",
    "wk_code": "wijkcode", "wijkcode": "wijkcode",
    "gm_code": "gemeentecode", "gemeentecode": "gemeentecode",
    "jaar": "jaar", "jrstatcode": "jaarstatcode", "jaarstatcode": "jaarstatcode",
    "water": "water",  # JA = water, NEE = land (B = Belgian territory near Baarle-Nassau)
    # key figures -> indicators of the package
    "aant_inw": "inwoners", "aantal_inwoners": "inwoners",
    "aantal_hh": "huishoudens", "aantal_huishoudens": "huishoudens",
    "woningen": "woningen", "woningvoorraad": "woningen", "aantal_woningen": "woningen",
    "woz": "woz_gemiddeld", "gemiddelde_woningwaarde": "woz_gemiddeld",
    "p_koopwon": "aandeel_koop", "percentage_koopwoningen": "aandeel_koop",
    "p_huurcorp": "aandeel_sociale_huur",
    "percentage_huurwoningen_in_bezit_woningcorporaties": "aandeel_sociale_huur",
    "perc_huurwoningen_in_bezit_woningcorporaties": "aandeel_sociale_huur",
    "percentage_huurwoningen_in_bezit_overige_verhuurders": "aandeel_particuliere_huur",
    "perc_huurwoningen_in_bezit_overige_verhuurders": "aandeel_particuliere_huur",
    "opp_land": "opp_land_ha", "oppervlakte_land_in_ha": "opp_land_ha",
    # helper: all rented dwellings (%), for private rent = rented - corporation-owned
    "p_huurwon": "huur_totaal", "percentage_huurwoningen": "huur_totaal",
}
IDENTITY = ("buurtcode", "buurtnaam", "wijkcode", "gemeentecode", "jaar", "jaarstatcode", "water")
FIGURES = ("inwoners", "huishoudens", "woningen", "woz_gemiddeld", "aandeel_koop", "aandeel_sociale_huur",
           "aandeel_particuliere_huur", "opp_land_ha")
HELPERS = ("huur_totaal",)
# CBS gives the average WOZ value in thousands of euros; the package in euros.
SCALE = {"woz_gemiddeld": 1000.0}
# Administrative columns we know and do not need: skipped without a report.
IGNORED = {
    "geometry", "geom", "fid", "id", "objectid", "shape_leng", "shape_length", "shape_area",
    "h2o", "ind_wbi", "indelingswijziging_wijken_en_buurten", "gm_naam", "gemeentenaam",
    "wk_naam", "wijknaam", "postcode", "meest_voorkomende_postcode", "dek_perc", "dekkingspercentage",
    "recs", "gwb_code", "gwb_code_10", "gwb_code_8", "regio", "soort_regio",
}

# Rough boxes of the Netherlands, with a margin, in RD New metres and in WGS84 degrees.
RD_BOX = (-7_000.0, 289_000.0, 300_000.0, 629_000.0)
WGS_BOX = (2.5, 50.5, 7.6, 54.0)
SIMPLIFY_M = 5.0  # coverage-preserving simplification: shared borders stay shared
DECIMALS = 5  # about 1 m in WGS84
SLIVER_M2 = 500.0  # pieces of a cut-back indicative outline smaller than this are dropped
BUURTCODE = re.compile(r"^BU\d{8}$")


class CbsImportError(Exception):
    """The file cannot be imported; `problems` says why, in Dutch."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


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

    @property
    def ok(self) -> bool:
        return not self.problems

    def describe(self) -> list[str]:
        """The summary and the reports as Dutch lines (for the command line and the preview)."""
        return describe(self)


# --- 1. read --------------------------------------------------------------------------------------


def read_cbs(path: Path | str, municipality: str | None = None) -> gpd.GeoDataFrame:
    """Read the buurten of a CBS Wijk- en buurtkaart, with its columns as they are in the file.

    GeoPackage (the layer whose name contains 'buurt'), shapefile, zip with one of those, GeoJSON.
    The CRS is checked against the coordinates (RD New or WGS84; inferred when the file has none).
    With `municipality` only that municipality is read (faster for the whole country).
    `attrs`: source (file name), layer, notes (list of Problem). Raises CbsImportError.
    """
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise CbsImportError([Problem(name, "bestand niet gevonden")])
    notes: list[Problem] = []
    source, layer, explicit_crs = _open_source(path, notes)
    try:
        info = pyogrio.read_info(source, layer=layer)
    except Exception as error:  # noqa: BLE001 - any reader failure is "not a map"
        raise CbsImportError([_not_a_map(name, error)]) from None
    if not info.get("geometry_type"):
        raise CbsImportError([Problem(name, "dit is geen kaart: het bestand heeft geen geometrie (een tabel?). "
                                            "Gebruik de Wijk- en buurtkaart als GeoPackage, shapefile of GeoJSON")])
    fields = [str(f) for f in info.get("fields", [])]
    lower = {f.lower(): f for f in fields}
    code_column = next((lower[k] for k in ("bu_code", "buurtcode") if k in lower), None)
    if code_column is None:
        hint = ""
        if any(k in lower for k in ("wk_code", "wijkcode", "gm_code", "gemeentecode")):
            hint = " Dit lijkt de wijken- of gemeentekaart: kies de buurtenkaart."
        shown = ", ".join(fields[:12]) + (" …" if len(fields) > 12 else "")
        raise CbsImportError([Problem(name, f"kolom met de buurtcode ontbreekt (verwacht BU_CODE of buurtcode; "
                                            f"gevonden: {shown or 'geen kolommen'}).{hint}", None, "buurtcode")])

    where = None
    if municipality:
        municipality = _check_municipality(municipality)
        gm_column = next((lower[k] for k in ("gm_code", "gemeentecode") if k in lower), None)
        where = (f"\"{gm_column}\" = '{municipality}'" if gm_column
                 else f"\"{code_column}\" LIKE 'BU{municipality[2:]}%'")
    gdf = _read(source, layer, name, where)
    if where and gdf is not None and len(gdf) == 0:
        codes = _read(source, layer, name, None, columns=[code_column], geometry=False)
        raise CbsImportError([_other_municipality(name, municipality, codes[code_column])])
    if gdf is None:  # the filter was not understood: read everything, plan_import filters
        gdf = _read(source, layer, name, None)
    if not isinstance(gdf, gpd.GeoDataFrame) or gdf.geometry.isna().all():
        raise CbsImportError([Problem(name, "dit is geen kaart: geen enkele geometrie gevonden")])
    gdf = _settle_crs(gdf, name, explicit_crs, notes)
    gdf.attrs.update(source=name, layer=layer, notes=notes)
    return gdf


def _open_source(path: Path, notes: list[Problem]) -> tuple[str, str | None, bool]:
    """(what pyogrio opens, layer, whether the CRS is declared by the file itself)."""
    name = path.name
    source = str(path)
    inner = name
    if zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as archive:
                members = [m for m in archive.namelist() if not m.endswith("/") and "__MACOSX" not in m]
        except (zipfile.BadZipFile, OSError) as error:
            raise CbsImportError([Problem(name, f"zip-bestand is niet te lezen ({error})")]) from None
        maps = [m for m in members if m.lower().endswith((".shp", ".gpkg", ".geojson", ".json"))]
        if not maps:
            raise CbsImportError([Problem(name, "het zip-bestand bevat geen kaart (.shp, .gpkg of .geojson)")])
        candidates = _zip_choice(maps)
        if len(candidates) > 1:
            shown = ", ".join(sorted(candidates))
            raise CbsImportError([Problem(name, f"het zip-bestand bevat meer dan één kaart ({shown}); "
                                                "pak de buurtenkaart uit of zip alleen die")])
        inner = candidates[0]
        if inner.lower().endswith(".shp"):
            stem = inner[:-4]
            if not any(m.lower() == f"{stem.lower()}.dbf" for m in members):
                raise CbsImportError([Problem(name, f"{inner}: het .dbf-bestand met de kolommen ontbreekt in de zip")])
        source = f"/vsizip/{path.resolve()}/{inner}"
        notes.append(Problem(name, f"gelezen uit de zip: {inner}"))
    layer = None
    if inner.lower().endswith(".gpkg"):
        layer = _buurt_layer(source, name)
    explicit = True
    if inner.lower().endswith((".geojson", ".json")):
        explicit = _geojson_declares_crs(path, inner, source)
    return source, layer, explicit


def _zip_choice(maps: list[str]) -> list[str]:
    """The map(s) to read from a zip. The CBS zip holds a GeoPackage (gemeenten, wijken and buurten
    as layers) and shapefiles per level (buurt_2021_v1.shp, wijk_…, gemeente_…): take the GeoPackage,
    else the buurt shapefile, else a buurt GeoJSON, else whatever single map there is."""
    def stem(member: str) -> str:
        return Path(member).stem.lower()
    gpkg = [m for m in maps if m.lower().endswith(".gpkg")]
    shp = [m for m in maps if m.lower().endswith(".shp") and "buurt" in stem(m) and "wijk" not in stem(m)]
    other = [m for m in maps if m.lower().endswith((".geojson", ".json")) and "buurt" in stem(m)]
    return next((group for group in (gpkg, shp, other) if group), maps)


def _buurt_layer(source: str, name: str) -> str:
    try:
        layers = pyogrio.list_layers(source)
    except Exception as error:  # noqa: BLE001
        raise CbsImportError([_not_a_map(name, error)]) from None
    spatial = [str(n) for n, kind in layers if kind]
    if not spatial:
        raise CbsImportError([Problem(name, "dit is geen kaart: de GeoPackage heeft geen laag met geometrie")])
    crss = {}
    for layer in spatial:
        crs = pyogrio.read_info(source, layer=layer).get("crs")
        crss[layer] = _crs_label(crs)
    if len(set(crss.values())) > 1:
        shown = ", ".join(f"{layer}: {label}" for layer, label in crss.items())
        raise CbsImportError([Problem(name, f"gemengde coördinatenstelsels: de lagen hebben verschillende "
                                            f"stelsels ({shown}); een Wijk- en buurtkaart heeft één stelsel",
                                      None, "crs")])
    buurt = [layer for layer in spatial if "buurt" in layer.lower()]
    if not buurt:
        if len(spatial) == 1:
            return spatial[0]
        raise CbsImportError([Problem(name, f"geen buurtenlaag gevonden (lagen: {', '.join(spatial)})")])
    exact = [layer for layer in buurt if layer.lower() in ("buurten", "buurt")]
    return (exact or sorted(buurt, key=len))[0]


def _geojson_declares_crs(path: Path, inner: str, source: str) -> bool:
    """GeoJSON is WGS84 unless it says otherwise (an old-style top-level "crs" member)."""
    try:
        if source.startswith("/vsizip/"):
            with zipfile.ZipFile(path) as archive, archive.open(inner) as file:
                head = file.read(65536)
        else:
            with open(path, "rb") as file:
                head = file.read(65536)
    except (OSError, zipfile.BadZipFile, KeyError):
        return False
    return b'"crs"' in head


def _read(source: str, layer: str | None, name: str, where: str | None, *, columns=None, geometry=True):
    try:
        return gpd.read_file(source, layer=layer, where=where, columns=columns, read_geometry=geometry,
                             engine="pyogrio")
    except Exception as error:  # noqa: BLE001
        if where:
            return None  # the filter failed; the caller reads everything
        raise CbsImportError([_not_a_map(name, error)]) from None


def _not_a_map(name: str, error: Exception) -> Problem:
    detail = str(error).splitlines()[0] if str(error) else type(error).__name__
    return Problem(name, f"dit is geen leesbare kaart (verwacht een GeoPackage, shapefile, zip of GeoJSON): {detail}")


def _crs_label(crs) -> str:
    if crs is None:
        return "geen"
    try:
        parsed = CRS.from_user_input(crs)
    except Exception:  # noqa: BLE001
        return str(crs)
    epsg = parsed.to_epsg(min_confidence=70)
    return f"EPSG:{epsg}" if epsg else parsed.name


def _kinds(gdf: gpd.GeoDataFrame) -> np.ndarray:
    """Per feature: 'rd', 'wgs', 'other' (from its bounds) or '' (no geometry)."""
    geoms = np.asarray(gdf.geometry.values, dtype=object)
    bounds = shapely.bounds(geoms)
    out = np.full(len(geoms), "other", dtype=object)
    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    for label, (x0, y0, x1, y1) in (("rd", RD_BOX), ("wgs", WGS_BOX)):
        inside = (bounds[:, 0] >= x0) & (bounds[:, 1] >= y0) & (bounds[:, 2] <= x1) & (bounds[:, 3] <= y1)
        out[inside] = label
    out[missing] = ""
    return out


def _settle_crs(gdf: gpd.GeoDataFrame, name: str, explicit: bool, notes: list[Problem]) -> gpd.GeoDataFrame:
    kinds = _kinds(gdf)
    present = kinds[kinds != ""]
    n_rd, n_wgs, n_other = (int((present == k).sum()) for k in ("rd", "wgs", "other"))
    if n_rd and n_wgs:
        raise CbsImportError([Problem(name, f"gemengde coördinatenstelsels: {n_rd} buurt(en) in RD New (meters), "
                                            f"{n_wgs} in WGS84 (graden); zet alles in één stelsel",
                                      None, "crs")])
    declared = gdf.crs if explicit else None
    label = _crs_label(declared)
    if declared is None:
        if n_other or not (n_rd or n_wgs):
            raise CbsImportError([Problem(name, "onbekend coördinatenstelsel: het bestand noemt er geen en de "
                                                "coördinaten liggen niet in Nederland in RD New of WGS84",
                                          None, "crs")])
        crs = RD_NEW if n_rd else WGS84
        if gdf.crs is None or n_rd:
            notes.append(Problem(name, f"het bestand noemt geen coördinatenstelsel; uit de coördinaten afgeleid: "
                                       f"{'RD New (EPSG:28992)' if n_rd else 'WGS84 (EPSG:4326)'}", None, "crs"))
        return gdf.set_crs(crs, allow_override=True)
    if label == "EPSG:28992" or (declared.is_projected and "amersfoort" in declared.name.lower()):
        expected, count = "RD New (EPSG:28992)", n_rd
    elif declared.is_geographic:
        expected, count = f"WGS84 ({label})", n_wgs
    else:  # another projected CRS: trust it if the result lies in the Netherlands
        try:
            moved = gdf.to_crs(RD_NEW)
        except Exception as error:  # noqa: BLE001
            raise CbsImportError([Problem(name, f"coördinatenstelsel {label} is niet om te zetten ({error})",
                                          None, "crs")]) from None
        if (_kinds(moved)[kinds != ""] != "rd").any():
            raise CbsImportError([Problem(name, f"coördinaten passen niet bij het opgegeven stelsel {label}: "
                                                "ze komen niet in Nederland uit", None, "crs")])
        notes.append(Problem(name, f"coördinatenstelsel {label} omgezet naar RD New", None, "crs"))
        return gdf
    wrong = len(present) - count
    if wrong:
        raise CbsImportError([Problem(name, f"gemengde of verkeerde coördinaten: het bestand zegt {expected}, maar "
                                            f"{wrong} van de {len(present)} buurten liggen daarin niet in Nederland",
                                      None, "crs")])
    return gdf


def _check_municipality(code: str) -> str:
    code = str(code).strip().upper()
    if not re.fullmatch(r"GM\d{4}", code):
        raise CbsImportError([Problem("gemeente", f"'{code}' is geen gemeentecode (verwacht GM gevolgd door 4 cijfers, "
                                                  "bijvoorbeeld GM0014)")])
    return code


def _other_municipality(name: str, municipality: str, codes: pd.Series) -> Problem:
    others = pd.Series(codes).dropna().astype(str).str.strip().str.upper().str[2:6]
    counts = others[others.str.fullmatch(r"\d{4}")].value_counts()
    shown = [f"GM{code}" for code in sorted(counts.index)[:8]]
    found = f" (wel: {', '.join(shown)}{', …' if len(counts) > 8 else ''})" if shown else ""
    return Problem(name, f"bevat geen buurten van {municipality}{found}", None, "gemeentecode")


# --- 2. plan --------------------------------------------------------------------------------------


def plan_import(package, gdf: gpd.GeoDataFrame, year: int | None = None, municipality: str | None = None,
                progress: Progress | None = None) -> ImportPlan:
    """Work out the import of `gdf` (from `read_cbs`) into `package` (an NlaPackage). Writes nothing."""
    report = progress or (lambda fraction, message: None)
    name = gdf.attrs.get("source", "bestand")
    plan = ImportPlan(source=name, municipality=municipality or package.info.municipality or "GM0014")
    plan.notes += list(gdf.attrs.get("notes", []))
    try:
        _plan(plan, package, gdf, year, report)
    except CbsImportError as error:
        plan.problems += error.problems
    report(1.0, "klaar" if plan.ok else "niet te importeren")
    return plan


def prepare_import(path: Path | str, package, year: int | None = None, municipality: str | None = None,
                   progress: Progress | None = None) -> ImportPlan:
    """read_cbs + plan_import in one: always a plan (with `problems` when the file cannot be imported)."""
    report = progress or (lambda fraction, message: None)
    municipality = municipality or package.info.municipality or "GM0014"
    report(0.0, "bestand lezen")
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
        raise CbsImportError([Problem(name, f"het pakket gaat over {own}; {plan.municipality} past daar niet bij",
                                      None, "gemeentecode")])
    report(0.05, "kolommen herkennen")
    frame, columns = _columns(gdf, name, plan.notes)
    report(0.1, "buurten van de gemeente kiezen")
    frame = _municipality_rows(frame, plan.municipality, name, plan.notes)
    plan.year = year = _year(frame, year, name, plan.notes)
    frame = _one_row_per_buurt(frame, name, plan.notes)
    report(0.2, "geheime waarden en geometrie controleren")
    values = _figures(frame, columns, name, package, plan.notes)
    frame = _geometry(frame, name, plan.notes)

    known = set(package.buurten["buurtcode"])
    codes = list(frame["buurtcode"])
    unplaced = sorted(set(codes) - known)
    municipality_buurten = package.buurten[package.buurten["gemeentecode"] == plan.municipality]
    absent = sorted(set(municipality_buurten["buurtcode"]) - set(codes))
    if unplaced:
        plan.notes.append(Problem(name, f"{len(unplaced)} buurt(en) kan ik niet plaatsen: ze staan niet in de "
                                        f"buurtentabel van het pakket ({_list(unplaced)}); ze tellen mee voor de "
                                        "gemeente en de rest van de stad, niet voor een NLA-wijk", None, "buurtcode"))
    if absent:
        plan.notes.append(Problem(name, f"{len(absent)} buurt(en) van het pakket staan niet in het bestand "
                                        f"({_list(absent)}); hun grens blijft zoals hij was en wijken en gemeente "
                                        "met zulke buurten krijgen voor dit jaar geen totaal", None, "buurtcode"))

    report(0.35, "grenzen vereenvoudigen")
    buurten_rd = _simplified(frame)
    report(0.55, "wijkgrenzen samenvoegen")
    buurtgrenzen, wijkgrenzen, boundary_facts = _boundaries(package, buurten_rd, absent, year)
    plan.buurtgrenzen, plan.wijkgrenzen = buurtgrenzen, wijkgrenzen
    report(0.7, "cijfers optellen en wegen")
    rows, aggregates = _figure_rows(package, values, codes, known, plan.municipality, year)
    plan.aggregates = aggregates
    cijfers_bytes, changes, kept = _merge_cijfers(package.path, rows, year)
    plan.cijfers, plan.changes = rows, changes
    touched = {mapping_wijk for mapping_wijk in package.buurten.loc[package.buurten["buurtcode"].isin(codes), "wijk_id"]
               if isinstance(mapping_wijk, str) and mapping_wijk} | {plan.municipality}
    _aggregate_notes(plan, aggregates, kept, package, touched)

    report(0.85, "bestanden voorbereiden")
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
        "onbekende_kolommen": list(columns["unknown"]),
        "geheim": dict(columns["secret"]),
    }


def _columns(gdf: gpd.GeoDataFrame, name: str, notes: list[Problem]) -> tuple[gpd.GeoDataFrame, dict]:
    rename, unknown, duplicate = {}, [], []
    taken: dict[str, str] = {}
    geometry = gdf.geometry.name
    for column in gdf.columns:
        if column == geometry:
            continue
        ours = COLUMN_MAP.get(str(column).lower())
        if ours is None:
            if str(column).lower() not in IGNORED:
                unknown.append(str(column))
            continue
        if ours in taken:
            duplicate.append(f"{column} (al {taken[ours]})")
            continue
        taken[ours] = str(column)
        rename[column] = ours
    if "buurtcode" not in taken:
        raise CbsImportError([Problem(name, "kolom met de buurtcode ontbreekt (verwacht BU_CODE of buurtcode)",
                                      None, "buurtcode")])
    frame = gdf[[*rename, geometry]].rename(columns=rename)
    frame = frame.set_geometry(geometry).rename_geometry("geometry") if geometry != "geometry" else frame
    if unknown:
        notes.append(Problem(name, f"{len(unknown)} kolom(men) niet geïmporteerd (onbekend): {_list(unknown, 40)}"))
    if duplicate:
        notes.append(Problem(name, f"kolom(men) dubbel, genegeerd: {', '.join(duplicate)}"))
    return frame, {"source": taken, "unknown": unknown, "secret": {}}


def _municipality_rows(frame, municipality: str, name: str, notes: list[Problem]):
    codes = frame["buurtcode"].astype("string").str.strip().str.upper()
    frame = frame.assign(buurtcode=codes)
    if "gemeentecode" in frame:
        gm = frame["gemeentecode"].astype("string").str.strip().str.upper()
        keep = (gm == municipality).fillna(False)
    else:
        keep = codes.str.startswith(f"BU{municipality[2:]}").fillna(False)
    if not keep.any():
        source = frame["gemeentecode"] if "gemeentecode" in frame else codes
        raise CbsImportError([_other_municipality(name, municipality, source)])
    if (~keep).any():
        notes.append(Problem(name, f"{int((~keep).sum())} buurt(en) van andere gemeenten overgeslagen"))
    frame = frame[keep.to_numpy()].copy()
    bad = frame["buurtcode"].isna() | ~frame["buurtcode"].fillna("").str.fullmatch(BUURTCODE.pattern)
    if bad.any():
        shown = [str(c) for c in frame.loc[bad, "buurtcode"].fillna("(leeg)")]
        notes.append(Problem(name, f"{int(bad.sum())} rij(en) zonder geldige buurtcode overgeslagen: {_list(shown)}",
                             None, "buurtcode"))
        frame = frame[~bad.to_numpy()]
    if frame.empty:
        raise CbsImportError([Problem(name, f"geen enkele geldige buurtcode van {municipality}", None, "buurtcode")])
    return frame


def _year(frame, year: int | None, name: str, notes: list[Problem]) -> int:
    found: set[int] = set()
    column = None
    if "jaar" in frame:
        column = "jaar"
        found = {int(v) for v in pd.to_numeric(frame["jaar"], errors="coerce").dropna()}
    elif "jaarstatcode" in frame:
        column = "jaarstatcode"
        prefix = frame["jaarstatcode"].astype("string").str.extract(r"^\s*(\d{4})", expand=False).dropna()
        found = {int(v) for v in prefix}
    from_name = {int(m) for m in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", name)}
    if year is not None:
        year = int(year)
        if found and year not in found:
            raise CbsImportError([Problem(name, f"jaar {year} past niet bij het bestand: het bestand is van "
                                                f"{', '.join(map(str, sorted(found)))}", None, column)])
        if len(found) > 1:
            notes.append(Problem(name, f"het bestand bevat meerdere jaren ({', '.join(map(str, sorted(found)))}); "
                                       f"alleen {year} wordt gebruikt", None, column))
        if not found and from_name and year not in from_name:
            notes.append(Problem(name, f"let op: de bestandsnaam noemt {', '.join(map(str, sorted(from_name)))}, "
                                       f"geïmporteerd als {year}"))
    elif len(found) == 1:
        year = found.pop()
    elif found:
        raise CbsImportError([Problem(name, f"het bestand bevat meerdere jaren ({', '.join(map(str, sorted(found)))});"
                                            " kies er een met --year", None, column)])
    elif len(from_name) == 1:
        year = next(iter(from_name))
        notes.append(Problem(name, f"jaar {year} afgeleid uit de bestandsnaam"))
    else:
        raise CbsImportError([Problem(name, "het jaar staat niet in het bestand: geef het op met --year")])
    if not 1990 <= year <= 2100:
        raise CbsImportError([Problem(name, f"jaar {year} ligt niet tussen 1990 en 2100")])
    if len(found) > 1:
        if column == "jaar":
            keep = pd.to_numeric(frame["jaar"], errors="coerce") == year
        else:
            keep = frame["jaarstatcode"].astype("string").str.startswith(str(year)).fillna(False)
        frame.drop(index=frame.index[~keep.to_numpy()], inplace=True)
    return year


def _one_row_per_buurt(frame, name: str, notes: list[Problem]):
    """A buurt twice: its water part (WATER = JA) is dropped when it has a land part; other parts are
    merged into one outline with the figures of the first row."""
    dup = frame["buurtcode"].duplicated(keep=False)
    if not dup.any():
        return frame
    if "water" in frame:
        water = frame["water"].astype("string").str.strip().str.upper().eq("JA").fillna(False)
        has_land = frame.loc[~water, "buurtcode"]
        drop = dup & water & frame["buurtcode"].isin(has_land)
        if drop.any():
            notes.append(Problem(name, f"waterdeel van {int(drop.sum())} buurt(en) weggelaten (WATER = JA)", None,
                                 "water"))
            frame = frame[~drop.to_numpy()]
            dup = frame["buurtcode"].duplicated(keep=False)
            if not dup.any():
                return frame
    codes = sorted(set(frame.loc[dup, "buurtcode"]))
    notes.append(Problem(name, f"{len(codes)} buurt(en) staan meer dan eens in het bestand; delen samengevoegd: "
                               f"{_list(codes)}", None, "buurtcode"))
    merged = frame.dissolve(by="buurtcode", aggfunc="first", sort=False).reset_index()
    return merged[frame.columns]


def _figures(frame, columns: dict, name: str, package, notes: list[Problem]) -> pd.DataFrame:
    """Long form buurtcode, indicator, waarde (NaN = secret or unknown) for the package's indicators."""
    source = columns["source"]
    numbers = {}
    secret: dict[str, int] = {}
    for ours in (*FIGURES, *HELPERS):
        if ours not in frame:
            continue
        raw = frame[ours]
        text = raw.astype("string").str.strip().str.replace(",", ".", regex=False)
        value = pd.to_numeric(text, errors="coerce").astype(float)
        is_secret = value <= CBS_SENTINEL_MAX
        negative = (value < 0) & ~is_secret
        garbled = value.isna() & text.notna() & (text != "")
        count = int(is_secret.sum() + negative.sum() + garbled.sum())
        if count:
            secret[source[ours]] = count
        numbers[ours] = value.mask(is_secret | negative) * SCALE.get(ours, 1.0)
    columns["secret"] = secret
    if secret:
        shown = ", ".join(f"{column} {count}" for column, count in secret.items())
        notes.append(Problem(name, f"geheime of onbekende waarden (CBS-codes zoals -99999999) als ontbrekend "
                                   f"behandeld, nooit als 0: {shown}"))
    if "aandeel_particuliere_huur" not in numbers and {"huur_totaal", "aandeel_sociale_huur"} <= set(numbers):
        # Rented dwellings in all minus those of corporations: both as % of all dwellings. Missing if either is.
        numbers["aandeel_particuliere_huur"] = (numbers["huur_totaal"] - numbers["aandeel_sociale_huur"]).clip(lower=0)
        notes.append(Problem(name, f"aandeel particuliere huur berekend als {source['huur_totaal']} min "
                                   f"{source['aandeel_sociale_huur']} (ontbreekt als een van beide ontbreekt)"))
    defined = set(package.indicatoren["indicator"])
    skipped = [f"{ours} ({source.get(ours, 'berekend')})"
               for ours in FIGURES if ours in numbers and ours not in defined]
    if skipped:
        notes.append(Problem(name, f"geen indicator in het pakket, niet geïmporteerd: {', '.join(skipped)}"))
    rows = []
    codes = frame["buurtcode"].to_numpy()
    for indicator in package.indicatoren["indicator"]:
        if indicator in numbers:
            rows.append(pd.DataFrame({"buurtcode": codes, "indicator": indicator,
                                      "waarde": numbers[indicator].to_numpy(dtype=float)}))
    if not rows:
        notes.append(Problem(name, "het bestand bevat geen kerncijfers die het pakket kent; alleen de grenzen "
                                   "worden geïmporteerd"))
        return pd.DataFrame({"buurtcode": pd.Series(dtype=object), "indicator": pd.Series(dtype=object),
                             "waarde": pd.Series(dtype=float)})
    return pd.concat(rows, ignore_index=True)


def _geometry(frame, name: str, notes: list[Problem]):
    """In RD New, 2D, valid (Multi)Polygons; empty or non-area geometries block the import."""
    frame = frame.to_crs(RD_NEW)
    geoms = shapely.force_2d(np.asarray(frame.geometry.values, dtype=object))
    codes = frame["buurtcode"].to_numpy()
    empty = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    if empty.any():
        raise CbsImportError([Problem(name, f"lege geometrie bij {int(empty.sum())} buurt(en): "
                                            f"{_list(list(codes[empty]))}", None, "geometry")])
    kinds = shapely.get_type_id(geoms)
    flat = ~np.isin(kinds, (3, 6))
    if flat.any():
        shown = [f"{c} ({g.geom_type})" for c, g in zip(codes[flat], geoms[flat])]
        raise CbsImportError([Problem(name, f"geometrie is geen vlak bij {int(flat.sum())} buurt(en): "
                                            f"{_list(shown)}", None, "geometry")])
    invalid = ~shapely.is_valid(geoms)
    if invalid.any():
        reasons = [f"{c} ({shapely.is_valid_reason(g)})" for c, g in zip(codes[invalid], geoms[invalid])]
        geoms[invalid] = [_polygonal(shapely.make_valid(g)) for g in geoms[invalid]]
        broken = [c for c, g in zip(codes[invalid], geoms[invalid]) if g is None or g.is_empty]
        if broken:
            raise CbsImportError([Problem(name, f"ongeldige geometrie die niet te herstellen is: {_list(broken)}",
                                          None, "geometry")])
        notes.append(Problem(name, f"ongeldige geometrie hersteld bij {int(invalid.sum())} buurt(en): "
                                   f"{_list(reasons)}", None, "geometry"))
    outside = _kinds(gpd.GeoDataFrame(geometry=geoms, crs=RD_NEW)) != "rd"
    if outside.any():
        raise CbsImportError([Problem(name, f"{int(outside.sum())} buurt(en) liggen niet in Nederland: "
                                            f"{_list(list(codes[outside]))}", None, "geometry")])
    return frame.set_geometry(gpd.GeoSeries(geoms, index=frame.index, crs=RD_NEW))


def _simplified(frame) -> gpd.GeoDataFrame:
    """All the file's buurten simplified together (shared borders stay shared); RD New."""
    out = frame[["buurtcode", *(["buurtnaam"] if "buurtnaam" in frame else []), "geometry"]].copy()
    try:
        simple = simplify_coverage(out, SIMPLIFY_M)
        geoms = np.asarray(simple.geometry.values, dtype=object)
        if (shapely.is_empty(geoms) | ~shapely.is_valid(geoms)).any():
            raise ValueError("simplification broke a geometry")
        return simple.reset_index(drop=True)
    except Exception:  # noqa: BLE001 - not a clean coverage: keep the exact shapes
        return out.reset_index(drop=True)


def _boundaries(package, buurten_rd: gpd.GeoDataFrame, absent: list[str], year: int):
    """New buurtgrenzen and wijkgrenzen (WGS84, rounded) and which wijken became official."""
    bron = f"CBS Wijk- en buurtkaart {year}"
    mapping = package.buurten.set_index("buurtcode")["wijk_id"].astype(object)
    mapping = mapping.where(mapping.notna() & (mapping != ""), None)
    names = package.buurten.set_index("buurtcode")["buurtnaam"].astype(object)

    parts = buurten_rd.copy()
    parts["wijk_id"] = [mapping.get(c) if c in mapping.index else None for c in parts["buurtcode"]]
    parts["known"] = parts["buurtcode"].isin(mapping.index)
    parts["status"] = "officieel"
    parts["bron"] = bron
    if "buurtnaam" not in parts:
        parts["buurtnaam"] = None
    parts["buurtnaam"] = [n if isinstance(n, str) and n.strip() else names.get(c)
                          for c, n in zip(parts["buurtcode"], parts["buurtnaam"])]

    # Buurten the file does not have keep their previous outline, cut back where the file's buurten lie.
    old = package.buurtgrenzen
    old = old[old["buurtcode"].isin(absent)]
    if len(old):
        cover = shapely.union_all(np.asarray(parts.geometry.values, dtype=object))
        old_rd = old.to_crs(RD_NEW)
        kept = []
        for row, geom in zip(old_rd.itertuples(), old_rd.geometry):
            cut = _polygonal(shapely.difference(geom, cover), drop_below=SLIVER_M2)
            if cut is None:
                continue
            kept.append({"buurtcode": row.buurtcode, "buurtnaam": row.buurtnaam, "wijk_id": mapping.get(row.buurtcode),
                         "known": True, "status": row.status, "bron": row.bron, "geometry": cut})
        if kept:
            parts = pd.concat([parts, gpd.GeoDataFrame(kept, geometry="geometry", crs=RD_NEW)], ignore_index=True)
    parts = gpd.GeoDataFrame(parts, geometry="geometry", crs=RD_NEW)

    wijk_names = package.wijken["naam"].astype(object)
    rows = []
    facts = {"official": [], "partial": [], "untouched": []}
    for wijk_id in sorted(package.wijken["wijk_id"]):
        own = parts[parts["wijk_id"] == wijk_id]
        from_file = own["bron"] == bron
        if own.empty:
            continue
        if from_file.all():
            facts["official"].append(wijk_id)
        elif from_file.any():
            facts["partial"].append(wijk_id)
        else:
            facts["untouched"].append(wijk_id)
        rows.append(_dissolved(own, wijk_id, wijk_names.get(wijk_id, wijk_id)))
    rest = parts[parts["wijk_id"].isna()]
    if len(rest):
        rows.append(_dissolved(rest, None, REST_NAME))
    wijken = gpd.GeoDataFrame(rows, geometry="geometry", crs=RD_NEW)
    # Wijken without any outline now (no buurt in the file, none kept): their previous outline.
    missing = [w for w in package.wijken["wijk_id"] if w not in set(wijken["wijk_id"].dropna())]
    if missing:
        previous = package.wijkgrenzen[package.wijkgrenzen["wijk_id"].isin(missing)].to_crs(RD_NEW)
        extra = [{"wijk_id": r.wijk_id, "naam": r.naam, "status": r.status, "bron": r.bron, "geometry": g}
                 for r, g in zip(previous.itertuples(), previous.geometry)]
        wijken = pd.concat([wijken, gpd.GeoDataFrame(extra, geometry="geometry", crs=RD_NEW)], ignore_index=True)
        facts["untouched"] += missing
    wijken["_rest"] = wijken["wijk_id"].isna()
    wijken = wijken.sort_values(["_rest", "wijk_id"], kind="stable").drop(columns="_rest").reset_index(drop=True)

    buurten = parts[parts["known"]].sort_values("buurtcode").reset_index(drop=True)
    buurten = buurten[["buurtcode", "buurtnaam", "wijk_id", "status", "bron", "geometry"]]
    return _finish(buurten), _finish(wijken), facts


def _dissolved(parts: gpd.GeoDataFrame, wijk_id, naam: str) -> dict:
    official = (parts["status"] == "officieel").all()
    sources = list(dict.fromkeys(parts["bron"]))
    geom = _polygonal(shapely.union_all(np.asarray(parts.geometry.values, dtype=object)))
    return {"wijk_id": wijk_id, "naam": naam, "status": "officieel" if official else "indicatief",
            "bron": sources[0] if len(sources) == 1 else "deels " + "; deels ".join(sources), "geometry": geom}


def _finish(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """WGS84, rounded, counter-clockwise outer rings (RFC 7946), valid (Multi)Polygons."""
    out = round_coordinates(gdf.to_crs(WGS84), DECIMALS)
    geoms = [_polygonal(g) for g in out.geometry.values]
    geoms = shapely.orient_polygons(np.asarray(geoms, dtype=object), exterior_cw=False)
    out = out.set_geometry(gpd.GeoSeries(geoms, index=out.index, crs=WGS84))
    out["wijk_id"] = pd.Series([w if isinstance(w, str) and w else None for w in out["wijk_id"]],
                               index=out.index, dtype=object)
    return out


def _polygonal(geom, drop_below: float = 0.0):
    """The (Multi)Polygon part of a geometry, valid; None when nothing of area is left."""
    if geom is None or geom.is_empty:
        return None
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    polygons = [p for p in shapely.get_parts(shapely.get_parts(geom)) if p.geom_type in ("Polygon", "MultiPolygon")]
    polygons = [q for p in polygons for q in shapely.get_parts(p)]
    if drop_below and polygons:
        largest = max(polygons, key=lambda p: p.area)
        polygons = [p for p in polygons if p.area >= drop_below or p is largest]
        if largest.area < drop_below:
            return None
    if not polygons:
        return None
    merged = polygons[0] if len(polygons) == 1 else shapely.union_all(polygons)
    if not merged.is_valid:
        merged = shapely.make_valid(merged)
        merged = shapely.union_all([p for p in shapely.get_parts(merged) if p.geom_type in ("Polygon", "MultiPolygon")])
    return merged if not merged.is_empty else None


def _figure_rows(package, values: pd.DataFrame, codes: list[str], known: set[str], municipality: str, year: int):
    """New cijfers rows (strings, as in the CSV) for buurten, wijken and the municipality."""
    bron = f"CBS Wijk- en buurtkaart {year} (kerncijfers)"
    definitions = package.indicatoren
    mapping = package.buurten.set_index("buurtcode")["wijk_id"].astype(object)
    mapping = mapping.where(mapping.notna() & (mapping != ""), None)
    weights = {str(r.indicator): (str(r.aggregatie), r.gewicht if isinstance(r.gewicht, str) else None)
               for r in definitions.itertuples(index=False)}
    columns = ["gebied_type", "gebied_id", "jaar", "indicator", "waarde", "bron", "illustratief", "opmerking"]
    if values.empty:
        return pd.DataFrame(columns=columns), pd.DataFrame()

    rows = []
    for r in values.itertuples(index=False):
        if r.buurtcode in known and not np.isnan(r.waarde):
            rows.append(("buurt", r.buurtcode, r.indicator, r.waarde, ""))
    wijken = aggregate_to_wijken(values, mapping, definitions).rename(columns={"wijk_id": "gebied_id"})
    wijken.insert(0, "gebied_type", "wijk")
    # The municipality: every buurt in the file and every buurt the package knows for it, so that a
    # file without some of the municipality's buurten gives no total rather than a wrong one.
    own = package.buurten.loc[package.buurten["gemeentecode"] == municipality, "buurtcode"]
    everything = list(dict.fromkeys([*codes, *own]))
    gemeente = aggregate_to_gemeente(values, everything, definitions, municipality).rename(
        columns={"gemeentecode": "gebied_id"})
    gemeente.insert(0, "gebied_type", "gemeente")
    aggregates = pd.concat([wijken, gemeente], ignore_index=True)
    for r in aggregates.itertuples(index=False):
        if np.isnan(r.waarde):
            continue
        rule, weight = weights[r.indicator]
        how = "som van de buurten" if rule == "som" else f"gewogen gemiddelde van de buurten (gewicht: {weight})"
        rows.append((r.gebied_type, r.gebied_id, r.indicator, r.waarde, how))
    frame = pd.DataFrame([{
        "gebied_type": kind, "gebied_id": area, "jaar": str(year), "indicator": indicator,
        "waarde": _number(value, indicator), "bron": bron, "illustratief": "false", "opmerking": note,
    } for kind, area, indicator, value, note in rows], columns=columns)
    return frame, aggregates


def _number(value: float, indicator: str) -> str:
    digits = 0 if indicator == "woz_gemiddeld" else 2
    return str(round(float(value), digits) + 0.0)  # + 0.0: never "-0.0"


_TYPE_ORDER = {"gemeente": 0, "wijk": 1, "buurt": 2}


def _merge_cijfers(package_dir: Path, rows: pd.DataFrame, year: int) -> tuple[bytes, pd.DataFrame, int]:
    """The cijfers file with the new rows in place of those with the same area, year and indicator."""
    descriptor = read_descriptor(package_dir)
    path = package_dir / resource_descriptor(descriptor, "cijfers")["path"]
    old = pd.read_csv(path, dtype=str, keep_default_na=False)
    key = ["gebied_type", "gebied_id", "jaar", "indicator"]
    old_keyed = old.set_index(key)
    new_keys = pd.MultiIndex.from_frame(rows[key]) if len(rows) else pd.MultiIndex.from_tuples([], names=key)
    replaced = old_keyed.index.isin(new_keys)

    changes = rows[["gebied_type", "gebied_id", "indicator", "waarde"]].rename(columns={"waarde": "nieuw"}).copy()
    changes["nieuw"] = changes["nieuw"].astype(float)
    before = old_keyed.loc[old_keyed.index.isin(new_keys), ["waarde", "bron"]]
    lookup = {k: (v, b) for k, v, b in zip(before.index, before["waarde"], before["bron"])}
    previous = [lookup.get(tuple(k)) for k in rows[key].itertuples(index=False, name=None)]
    changes["oud"] = [float(p[0]) if p and p[0] != "" else np.nan for p in previous]
    changes["oud_bron"] = [p[1] if p else None for p in previous]
    changes = changes[["gebied_type", "gebied_id", "indicator", "oud", "nieuw", "oud_bron"]].reset_index(drop=True)

    # Old rows of this year for the imported indicators that the import leaves standing (no new value).
    imported = set(rows["indicator"]) if len(rows) else set()
    same_year = (old["jaar"] == str(year)) & old["indicator"].isin(imported)
    kept = int((same_year & ~replaced).sum())

    merged = pd.concat([old[~replaced], rows[old.columns]], ignore_index=True)
    merged = merged.sort_values(
        ["indicator", "jaar", "gebied_type", "gebied_id"], kind="stable",
        key=lambda c: c.map(_TYPE_ORDER).fillna(9) if c.name == "gebied_type"
        else (pd.to_numeric(c, errors="coerce") if c.name == "jaar" else c))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(list(old.columns))
    writer.writerows(merged.values.tolist())
    return buffer.getvalue().encode("utf-8"), changes, kept


def _aggregate_notes(plan: ImportPlan, aggregates: pd.DataFrame, kept: int, package, touched: set[str]) -> None:
    """Report the totals left out, for the wijken (and the municipality) the file has buurten of."""
    if aggregates.empty:
        return
    partial = aggregates[aggregates["partial"] & aggregates["gebied_id"].isin(touched)]
    if len(partial):
        names = package.wijken["naam"].astype(object)
        by_area = partial.groupby(["gebied_type", "gebied_id"], sort=True)["indicator"].apply(list)
        shown = [f"{names.get(area, area)}: {', '.join(indicators)}" for (_, area), indicators in by_area.items()]
        plan.notes.append(Problem(plan.source, "geen totaal (niet alle buurten bekend: geheim, onbekend of niet in "
                                               f"het bestand; deels is geen totaal): {'; '.join(shown)}"))
    if kept:
        plan.notes.append(Problem(plan.source, f"{kept} bestaande waarde(n) van {plan.year} blijven staan met hun "
                                               "eigen bron, omdat het bestand er geen (volledige) waarde voor geeft"))


def _descriptor_bytes(descriptor: dict, year: int, complete: bool, placed: int, facts: dict) -> bytes:
    descriptor = json.loads(json.dumps(descriptor))
    extra = descriptor.setdefault("wijkperspectief", {})
    today = dt.date.today().isoformat()
    source = f"CBS Wijk- en buurtkaart {year}"
    if complete:
        extra["grenzen"] = "officieel"
        extra["grenzen_toelichting"] = (
            f"Buurtgrenzen: {source} (officieel), vereenvoudigd tot op enkele meters; NLA-wijken samengevoegd uit "
            f"hun CBS-buurten volgens de buurtentabel. Geïmporteerd op {today}.")
        label = source
    else:
        extra["grenzen"] = "indicatief"
        official = len(facts["official"])
        extra["grenzen_toelichting"] = (
            f"Grenzen deels officieel: {placed} buurten en {official} NLA-wijk(en) uit de {source} "
            f"(geïmporteerd op {today}); de overige grenzen zijn indicatief (benaderd).")
        label = f"deels {source}, deels indicatief"
    for resource in descriptor.get("resources", []):
        if resource.get("name") in ("wijkgrenzen", "buurtgrenzen") and isinstance(resource.get("title"), str):
            resource["title"] = re.sub(r"\s*\([^)]*\)\s*$", "", resource["title"]) + f" ({label})"
    sources = descriptor.setdefault("sources", [])
    if not any(isinstance(s, dict) and s.get("title") == source for s in sources):
        sources.append({"title": source})
    return (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _geojson(gdf: gpd.GeoDataFrame, columns: list[str]) -> bytes:
    features = [
        {"type": "Feature",
         "properties": {k: (None if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA else v)
                        for k, v in props.items()},
         "geometry": shapely.geometry.mapping(geom)}
        for props, geom in zip(gdf[columns].astype(object).to_dict("records"), gdf.geometry)
    ]
    text = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


# --- 3. apply -------------------------------------------------------------------------------------


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


def _sha(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


# --- reporting ------------------------------------------------------------------------------------


def _list(items: list[str], limit: int = 12) -> str:
    items = [str(i) for i in items]
    return ", ".join(items[:limit]) + (f" en {len(items) - limit} meer" if len(items) > limit else "")


def describe(plan: ImportPlan) -> list[str]:
    s = plan.summary
    lines = []
    if s:
        layer = f", laag {s['laag']}" if s.get("laag") else ""
        lines.append(f"CBS Wijk- en buurtkaart {s['jaar']} uit {s['bron']}{layer}, gemeente {s['gemeente']}")
        lines.append(f"Buurten: {s['buurten_in_bestand']} in het bestand, {s['buurten_geplaatst']} in het pakket, "
                     f"{len(s['buurten_niet_geplaatst'])} niet te plaatsen, "
                     f"{len(s['buurten_niet_in_bestand'])} van het pakket niet in het bestand")
        lines.append(f"Wijkgrenzen officieel: {len(s['wijken_officieel'])} wijk(en)"
                     + (f" ({', '.join(s['wijken_officieel'])})" if s["wijken_officieel"] else "")
                     + (f"; deels: {', '.join(s['wijken_deels'])}" if s["wijken_deels"] else "")
                     + f"; grenzen van het pakket worden: {s['grenzen']}")
        lines.append(f"Cijfers {s['jaar']}: {s['cijfers_nieuw']} nieuw, {s['cijfers_gewijzigd']} gewijzigd, "
                     f"{s['cijfers_gelijk']} gelijk ({', '.join(s['indicatoren']) or 'geen indicatoren'})")
    lines += [f"Let op: {note.message}" for note in plan.notes]
    lines += [f"Probleem: {problem}" for problem in plan.problems]
    return lines
