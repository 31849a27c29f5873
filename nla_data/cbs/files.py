"""The new contents of the package files (cijfers CSV, descriptor, GeoJSON outlines) as bytes, and
the hash that lets apply_import see whether a file changed after the plan was made."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from nla_data.csv_safety import neutralise
from nla_data.problems import counted, dutch_number
from nla_data.schema import read_descriptor, resource_descriptor


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

    # Old rows stay as the file has them; the new rows' text gets the spreadsheet apostrophe where needed
    # (nla_data.csv_safety), as in every CSV the app writes.
    text = [f["name"] for f in resource_descriptor(descriptor, "cijfers")["schema"]["fields"]
            if f.get("type", "string") == "string" and f["name"] in rows.columns]
    new = rows[old.columns].copy()
    new[text] = new[text].map(lambda cell: neutralise(cell) if isinstance(cell, str) else cell)
    merged = pd.concat([old[~replaced], new], ignore_index=True)
    merged = merged.sort_values(
        ["indicator", "jaar", "gebied_type", "gebied_id"], kind="stable",
        key=lambda c: c.map(_TYPE_ORDER).fillna(9) if c.name == "gebied_type"
        else (pd.to_numeric(c, errors="coerce") if c.name == "jaar" else c))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(list(old.columns))
    writer.writerows(merged.values.tolist())
    return buffer.getvalue().encode("utf-8"), changes, kept


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
            f"Grenzen deels officieel: {dutch_number(placed)} buurten en {counted(official, 'NLA-wijk', 'NLA-wijken')} "
            f"uit de {source} (geïmporteerd op {today}); de overige grenzen zijn indicatief (benaderd).")
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


def _sha(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""
