"""Step 1: read the buurten of a CBS Wijk- en buurtkaart and settle its coordinate system.

Reads a GeoPackage (the buurten layer), a shapefile (also zipped) or a GeoJSON, in RD New or WGS84,
and refuses with problems (Dutch and English) what is not a map with a buurt code and one consistent CRS. The
municipality checks live here too because the reader already filters on the municipality.
"""

from __future__ import annotations

import logging
import re
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyproj import CRS

from geo.crs import RD_NEW, WGS84
from nla_data.cbs.columns import IDENTITY_COLUMNS
from nla_data.cbs.errors import CbsImportError, _list
from nla_data.cbs.limits import check_file, zip_members
from nla_data.problems import Problem, counted, number_text, said

_log = logging.getLogger(__name__)

# Rough boxes of the Netherlands, with a margin, in RD New metres and in WGS84 degrees.
RD_BOX = (-7_000.0, 289_000.0, 300_000.0, 629_000.0)
WGS_BOX = (2.5, 50.5, 7.6, 54.0)


def read_cbs(path: Path | str, municipality: str | None = None) -> gpd.GeoDataFrame:
    """Read the buurten of a CBS Wijk- en buurtkaart, with its columns as they are in the file.

    GeoPackage (the layer whose name contains 'buurt'), shapefile, zip with one of those, GeoJSON.
    The CRS is checked against the coordinates (RD New or WGS84; inferred when the file has none).
    With `municipality` only that municipality is read (faster for the whole country).
    `attrs`: source (file name), layer, notes (list of Problem). Raises CbsImportError.
    """
    path = Path(path)
    name = path.name
    check_file(path)  # exists, a regular file, not too big: before anything opens it
    notes: list[Problem] = []
    source, layer, explicit_crs = _open_source(path, notes)
    try:
        info = pyogrio.read_info(source, layer=layer)
    except Exception as error:  # noqa: BLE001 - any reader failure is "not a map"
        raise CbsImportError([_not_a_map(name, error)]) from None
    if not info.get("geometry_type"):
        raise CbsImportError([Problem(name, said("dit is geen kaart: het bestand heeft geen geometrie (een tabel?). "
                                                 "Gebruik de Wijk- en buurtkaart als GeoPackage, shapefile of GeoJSON",
                                                 "this is not a map: the file has no geometry (a table?). "
                                                 "Use the Wijk- en buurtkaart as a GeoPackage, shapefile or GeoJSON"))])
    fields = [str(f) for f in info.get("fields", [])]
    lower = {f.lower(): f for f in fields}
    code_column = _identity_column(lower, "buurtcode")
    if code_column is None:
        hint = hint_en = ""
        if _identity_column(lower, "wijkcode") or _identity_column(lower, "gemeentecode"):
            hint = " Dit lijkt de wijken- of gemeentekaart: kies de buurtenkaart."
            hint_en = " This looks like the map of wijken or municipalities: choose the map of buurten."
        shown = ", ".join(fields[:12]) + (" …" if len(fields) > 12 else "")
        raise CbsImportError([Problem(name, said(f"kolom met de buurtcode ontbreekt (verwacht BU_CODE of buurtcode; "
                                                 f"gevonden: {shown or 'geen kolommen'}).{hint}",
                                                 f"the column with the buurt code is missing (expected BU_CODE or "
                                                 f"buurtcode; found: {shown or 'no columns'}).{hint_en}"),
                                      None, "buurtcode")])

    where = None
    if municipality:
        municipality = _check_municipality(municipality)
        gm_column = _identity_column(lower, "gemeentecode")
        where = (f"\"{gm_column}\" = '{municipality}'" if gm_column
                 else f"\"{code_column}\" LIKE 'BU{municipality[2:]}%'")
    gdf = _read(source, layer, name, where)
    if where and gdf is not None and len(gdf) == 0:
        codes = _read(source, layer, name, None, columns=[code_column], geometry=False)
        raise CbsImportError([_other_municipality(name, municipality, codes[code_column])])
    if gdf is None:  # the filter was not understood: read everything, plan_import filters
        gdf = _read(source, layer, name, None)
    if not isinstance(gdf, gpd.GeoDataFrame) or gdf.geometry.isna().all():
        raise CbsImportError([Problem(name, said("dit is geen kaart: geen enkele geometrie gevonden",
                                                 "this is not a map: no geometry found at all"))])
    gdf = _settle_crs(gdf, name, explicit_crs, notes)
    gdf.attrs.update(source=name, layer=layer, notes=notes)
    return gdf


def _identity_column(lower: dict[str, str], ours: str) -> str | None:
    """The file's column (either generation) for one of our identity names; `lower`: lower case -> as in the file."""
    return next((lower[key] for key, name in IDENTITY_COLUMNS.items() if name == ours and key in lower), None)


def _open_source(path: Path, notes: list[Problem]) -> tuple[str, str | None, bool]:
    """(what pyogrio opens, layer, whether the CRS is declared by the file itself)."""
    name = path.name
    source = str(path)
    inner = name
    if zipfile.is_zipfile(path):
        # Sizes, ratios and names are checked from the zip's directory before GDAL unpacks anything.
        members = [m for m in zip_members(path) if "__MACOSX" not in m]
        maps = [m for m in members if m.lower().endswith((".shp", ".gpkg", ".geojson", ".json"))]
        nested = [m for m in members if m.lower().endswith(".zip")]
        if not maps and nested:
            raise CbsImportError([Problem(name, said(
                f"het zip-bestand bevat alleen weer een zip-bestand "
                f"({_list(nested, 3)}); pak dat eerst uit en kies het bestand daarin",
                f"the zip file only holds another zip file ({_list(nested, 3, 'en')}); "
                "unpack that first and choose the file inside it"))])
        if not maps:
            raise CbsImportError([Problem(name, said("het zip-bestand bevat geen kaart (.shp, .gpkg of .geojson)",
                                                     "the zip file holds no map (.shp, .gpkg or .geojson)"))])
        candidates = _zip_choice(maps)
        if len(candidates) > 1:
            shown = ", ".join(sorted(candidates))
            raise CbsImportError([Problem(name, said(f"het zip-bestand bevat meer dan één kaart ({shown}); "
                                                     "pak de buurtenkaart uit of zip alleen die",
                                                     f"the zip file holds more than one map ({shown}); "
                                                     "unpack the map of buurten or zip only that one"))])
        inner = candidates[0]
        if inner.lower().endswith(".shp"):
            stem = inner[:-4]
            if not any(m.lower() == f"{stem.lower()}.dbf" for m in members):
                raise CbsImportError([Problem(name, said(
                    f"{inner}: het .dbf-bestand met de kolommen ontbreekt in de zip",
                    f"{inner}: the .dbf file with the columns is missing from the zip"))])
        source = f"/vsizip/{path.resolve()}/{inner}"
        notes.append(Problem(name, said(f"gelezen uit de zip: {inner}", f"read from the zip: {inner}")))
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
        raise CbsImportError([Problem(name, said("dit is geen kaart: de GeoPackage heeft geen laag met geometrie",
                                                 "this is not a map: the GeoPackage has no layer with geometry"))])
    crss = {}
    for layer in spatial:
        crs = pyogrio.read_info(source, layer=layer).get("crs")
        crss[layer] = _crs_label(crs)
    if len(set(crss.values())) > 1:
        shown = ", ".join(f"{layer}: {label}" for layer, label in crss.items())
        raise CbsImportError([Problem(name, said(f"gemengde coördinatenstelsels: de lagen hebben verschillende "
                                                 f"stelsels ({shown}); een Wijk- en buurtkaart heeft één stelsel",
                                                 f"mixed coordinate reference systems: the layers have different "
                                                 f"systems ({shown}); a Wijk- en buurtkaart has one system"),
                                      None, "crs")])
    buurt = [layer for layer in spatial if "buurt" in layer.lower()]
    if not buurt:
        if len(spatial) == 1:
            return spatial[0]
        raise CbsImportError([Problem(name, said(f"geen buurtenlaag gevonden (lagen: {', '.join(spatial)})",
                                                 f"no layer of buurten found (layers: {', '.join(spatial)})"))])
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


# What GDAL's own reasons mean, said in Dutch and English (not quoted: its text names the file by its path on
# the server): (part of GDAL's text, Dutch, English)
_GDAL_REASONS = (("not recognized as being in a supported file format", "de inhoud is geen kaartformaat dat ik ken",
                  "the content is not a map format I know"),
                 ("does not exist in the file system", "het bestand is beschadigd of onvolledig",
                  "the file is damaged or incomplete"),
                 ("no such file", "het bestand is beschadigd of onvolledig", "the file is damaged or incomplete"))
_OTHER_REASON = ("het bestand is beschadigd of heeft een ander formaat", "the file is damaged or in another format")


def _not_a_map(name: str, error: Exception) -> Problem:
    text = str(error).lower()
    dutch, english = next(((dutch, english) for gdal, dutch, english in _GDAL_REASONS if gdal in text), _OTHER_REASON)
    _log.info("CBS import: %s is not readable: %s", name, error)  # GDAL's own words, for the server's log
    return Problem(name, said(f"dit is geen leesbare kaart (verwacht een GeoPackage, shapefile, zip of GeoJSON): "
                              f"{dutch}",
                              f"this is not a readable map (expected a GeoPackage, shapefile, zip or GeoJSON): "
                              f"{english}"))


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
        raise CbsImportError([Problem(name, said(
            f"gemengde coördinatenstelsels: {counted(n_rd, 'buurt', 'buurten')} "
            f"in RD New (meters), {number_text(n_wgs)} in WGS84 (graden); zet alles in één stelsel",
            f"mixed coordinate reference systems: {counted(n_rd, 'buurt', 'buurten', 'en')} "
            f"in RD New (metres), {number_text(n_wgs, 'en')} in WGS84 (degrees); put everything in one system"),
                                      None, "crs")])
    declared = gdf.crs if explicit else None
    label = _crs_label(declared)
    if declared is None:
        if n_other or not (n_rd or n_wgs):
            raise CbsImportError([Problem(name, said("onbekend coördinatenstelsel: het bestand noemt er geen en de "
                                                     "coördinaten liggen niet in Nederland in RD New of WGS84",
                                                     "unknown coordinate reference system: the file names none and the "
                                                     "coordinates do not lie in the Netherlands in RD New or WGS84"),
                                          None, "crs")])
        crs = RD_NEW if n_rd else WGS84
        if gdf.crs is None or n_rd:
            inferred = "RD New (EPSG:28992)" if n_rd else "WGS84 (EPSG:4326)"
            notes.append(Problem(name, said("het bestand noemt geen coördinatenstelsel; uit de coördinaten afgeleid: "
                                            f"{inferred}",
                                            f"the file names no coordinate reference system; inferred from the "
                                            f"coordinates: {inferred}"), None, "crs"))
        return gdf.set_crs(crs, allow_override=True)
    if label == "EPSG:28992" or (declared.is_projected and "amersfoort" in declared.name.lower()):
        expected, count = "RD New (EPSG:28992)", n_rd
    elif declared.is_geographic:
        expected, count = f"WGS84 ({label})", n_wgs
    else:  # another projected CRS: trust it if the result lies in the Netherlands
        try:
            moved = gdf.to_crs(RD_NEW)
        except Exception as error:  # noqa: BLE001
            raise CbsImportError([Problem(name, said(f"coördinatenstelsel {label} is niet om te zetten ({error})",
                                                     f"coordinate reference system {label} cannot be converted "
                                                     f"({error})"),
                                          None, "crs")]) from None
        if (_kinds(moved)[kinds != ""] != "rd").any():
            raise CbsImportError([Problem(name, said(f"coördinaten passen niet bij het opgegeven stelsel {label}: "
                                                     "ze komen niet in Nederland uit",
                                                     f"the coordinates do not fit the stated system {label}: "
                                                     "they do not end up in the Netherlands"), None, "crs")])
        notes.append(Problem(name, said(f"coördinatenstelsel {label} omgezet naar RD New",
                                        f"coordinate reference system {label} converted to RD New"), None, "crs"))
        return gdf
    wrong = len(present) - count
    if wrong:
        raise CbsImportError([Problem(name, said(
            f"gemengde of verkeerde coördinaten: het bestand zegt {expected}, maar "
            f"{number_text(wrong)} van de {number_text(len(present))} buurten liggen daarin niet in Nederland",
            f"mixed or wrong coordinates: the file says {expected}, but in that system {number_text(wrong, 'en')} "
            f"of the {number_text(len(present), 'en')} buurten lie outside the Netherlands"),
                                      None, "crs")])
    return gdf


def _check_municipality(code: str) -> str:
    code = str(code).strip().upper()
    if not re.fullmatch(r"GM\d{4}", code):
        raise CbsImportError([Problem("gemeente", said(f"'{code}' is geen gemeentecode (verwacht GM gevolgd door 4 "
                                                       "cijfers, bijvoorbeeld GM0014)",
                                                       f"'{code}' is not a municipality code (expected GM followed by "
                                                       "4 digits, for example GM0014)"))])
    return code


def _other_municipality(name: str, municipality: str, codes: pd.Series) -> Problem:
    others = pd.Series(codes).dropna().astype(str).str.strip().str.upper().str[2:6]
    counts = others[others.str.fullmatch(r"\d{4}")].value_counts()
    shown = [f"GM{code}" for code in sorted(counts.index)[:8]]
    listed = f"{', '.join(shown)}{', …' if len(counts) > 8 else ''}"
    return Problem(name, said(f"bevat geen buurten van {municipality}" + (f" (wel: {listed})" if shown else ""),
                              f"holds no buurten of {municipality}" + (f" (found instead: {listed})" if shown else "")),
                   None, "gemeentecode")
