"""Which rows of the file are imported: the municipality's buurten of one year, once each, with a
valid area geometry in RD New. Every row dropped or repaired is reported in `notes`."""

from __future__ import annotations

import re

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.coverage import polygonal
from geo.crs import RD_NEW
from nla_data.cbs.errors import CbsImportError, _list
from nla_data.cbs.read import _kinds, _other_municipality
from nla_data.problems import Problem, counted, said

BUURTCODE = re.compile(r"^BU\d{8}$")


def _buurten(count, one_verb: str = "", other_verb: str = "", lang: str = "nl") -> str:
    """'1 buurt', '3 buurten', or with a verb that agrees: '1 buurt ligt', '3 buurten liggen'; the number
    written the way of `lang` (the English messages say "buurt" too: '1,200 buurten lie')."""
    return counted(int(count), f"buurt {one_verb}".strip(), f"buurten {other_verb}".strip(), lang)


def _municipality_rows(frame, municipality: str, name: str, notes: list[Problem]):
    codes = frame["buurtcode"].astype("string").str.strip().str.upper()
    frame = frame.assign(buurtcode=codes)
    if "gemeentecode" in frame:
        gm = frame["gemeentecode"].astype("string").str.strip().str.upper()
        keep = (gm == municipality).fillna(False)
    else:
        keep = codes.str.startswith(f"BU{municipality[2:]}").fillna(False)
    if not keep.any():
        source = frame.get("gemeentecode", codes)
        raise CbsImportError([_other_municipality(name, municipality, source)])
    if (~keep).any():
        notes.append(Problem(name, said(f"{_buurten((~keep).sum())} van andere gemeenten overgeslagen",
                                        f"{_buurten((~keep).sum(), lang='en')} of other municipalities skipped")))
    frame = frame[keep.to_numpy()].copy()
    bad = frame["buurtcode"].isna() | ~frame["buurtcode"].fillna("").str.fullmatch(BUURTCODE.pattern)
    if bad.any():
        shown = [str(c) for c in frame.loc[bad, "buurtcode"].fillna("(leeg)")]
        shown_en = [str(c) for c in frame.loc[bad, "buurtcode"].fillna("(empty)")]
        notes.append(Problem(name, said(f"{counted(int(bad.sum()), 'rij', 'rijen')} zonder geldige buurtcode "
                                        f"overgeslagen: {_list(shown)}",
                                        f"{counted(int(bad.sum()), 'row', 'rows', 'en')} without a valid buurt code "
                                        f"skipped: {_list(shown_en, lang='en')}"), None, "buurtcode"))
        frame = frame[~bad.to_numpy()]
    if frame.empty:
        raise CbsImportError([Problem(name, said(f"geen enkele geldige buurtcode van {municipality}",
                                                 f"not a single valid buurt code of {municipality}"),
                                      None, "buurtcode")])
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
    years = ", ".join(map(str, sorted(found)))  # a year is written without a thousands separator, in both
    if year is not None:
        year = int(year)
        if found and year not in found:
            raise CbsImportError([Problem(name, said(f"jaar {year} past niet bij het bestand: het bestand is van "
                                                     f"{years}",
                                                     f"year {year} does not match the file: the file is from {years}"),
                                          None, column)])
        if len(found) > 1:
            notes.append(Problem(name, said(f"het bestand bevat meerdere jaren ({years}); alleen {year} wordt gebruikt",
                                            f"the file holds several years ({years}); only {year} is used"),
                                 None, column))
        if not found and from_name and year not in from_name:
            named = ", ".join(map(str, sorted(from_name)))
            notes.append(Problem(name, said(f"let op: de bestandsnaam noemt {named}, geïmporteerd als {year}",
                                            f"note: the file name says {named}, imported as {year}")))
    elif len(found) == 1:
        year = found.pop()
    elif found:
        raise CbsImportError([Problem(name, said(f"het bestand bevat meerdere jaren ({years}); kies er een met --year",
                                                 f"the file holds several years ({years}); choose one with --year"),
                                      None, column)])
    elif len(from_name) == 1:
        year = next(iter(from_name))
        notes.append(Problem(name, said(f"jaar {year} afgeleid uit de bestandsnaam",
                                        f"year {year} inferred from the file name")))
    else:
        raise CbsImportError([Problem(name, said("het jaar staat niet in het bestand: geef het op met --year",
                                                 "the year is not in the file: give it with --year"))])
    if not 1990 <= year <= 2100:
        raise CbsImportError([Problem(name, said(f"jaar {year} ligt niet tussen 1990 en 2100",
                                                 f"year {year} is not between 1990 and 2100"))])
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
            notes.append(Problem(name, said(f"waterdeel van {_buurten(drop.sum())} weggelaten (WATER = JA)",
                                            f"water part of {_buurten(drop.sum(), lang='en')} left out (WATER = JA)"),
                                 None, "water"))
            frame = frame[~drop.to_numpy()]
            dup = frame["buurtcode"].duplicated(keep=False)
            if not dup.any():
                return frame
    codes = sorted(set(frame.loc[dup, "buurtcode"]))
    notes.append(Problem(name, said(f"{_buurten(len(codes), 'staat', 'staan')} meer dan eens in het bestand; "
                                    f"delen samengevoegd: {_list(codes)}",
                                    f"{_buurten(len(codes), 'appears', 'appear', 'en')} more than once in the file; "
                                    f"parts merged: {_list(codes, lang='en')}"), None, "buurtcode"))
    merged = frame.dissolve(by="buurtcode", aggfunc="first", sort=False).reset_index()
    return merged[frame.columns]


def _geometry(frame, name: str, notes: list[Problem]):
    """In RD New, 2D, valid (Multi)Polygons; empty or non-area geometries block the import."""
    frame = frame.to_crs(RD_NEW)
    geoms = shapely.force_2d(np.asarray(frame.geometry.values, dtype=object))
    codes = frame["buurtcode"].to_numpy()
    empty = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    if empty.any():
        raise CbsImportError([Problem(name, said(f"lege geometrie bij {_buurten(empty.sum())}: "
                                                 f"{_list(list(codes[empty]))}",
                                                 f"empty geometry for {_buurten(empty.sum(), lang='en')}: "
                                                 f"{_list(list(codes[empty]), lang='en')}"), None, "geometry")])
    kinds = shapely.get_type_id(geoms)
    flat = ~np.isin(kinds, (3, 6))
    if flat.any():
        shown = [f"{c} ({g.geom_type})" for c, g in zip(codes[flat], geoms[flat])]
        raise CbsImportError([Problem(name, said(f"geometrie is geen vlak bij {_buurten(flat.sum())}: "
                                                 f"{_list(shown)}",
                                                 f"geometry is not an area for {_buurten(flat.sum(), lang='en')}: "
                                                 f"{_list(shown, lang='en')}"), None, "geometry")])
    invalid = ~shapely.is_valid(geoms)
    if invalid.any():
        reasons = [f"{c} ({shapely.is_valid_reason(g)})" for c, g in zip(codes[invalid], geoms[invalid])]
        geoms[invalid] = polygonal(geoms[invalid])  # made valid; None where no area is left
        broken = shapely.is_missing(geoms) | shapely.is_empty(geoms)
        if broken.any():
            raise CbsImportError([Problem(name, said("ongeldige geometrie die niet te herstellen is: "
                                                     f"{_list(list(codes[broken]))}",
                                                     "invalid geometry that cannot be repaired: "
                                                     f"{_list(list(codes[broken]), lang='en')}"), None, "geometry")])
        notes.append(Problem(name, said(f"ongeldige geometrie hersteld bij {_buurten(invalid.sum())}: "
                                        f"{_list(reasons)}",
                                        f"invalid geometry repaired for {_buurten(invalid.sum(), lang='en')}: "
                                        f"{_list(reasons, lang='en')}"), None, "geometry"))
    outside = _kinds(gpd.GeoDataFrame(geometry=geoms, crs=RD_NEW)) != "rd"
    if outside.any():
        raise CbsImportError([Problem(name, said(f"{_buurten(outside.sum(), 'ligt', 'liggen')} niet in Nederland: "
                                                 f"{_list(list(codes[outside]))}",
                                                 f"{_buurten(outside.sum(), 'lies', 'lie', 'en')} outside the "
                                                 f"Netherlands: {_list(list(codes[outside]), lang='en')}"),
                                      None, "geometry")])
    return frame.set_geometry(gpd.GeoSeries(geoms, index=frame.index, crs=RD_NEW))
