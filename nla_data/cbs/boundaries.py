"""The new outlines: the file's buurten simplified together, the buurten it lacks cut back, and the
NLA wijken dissolved from their buurten through the package's buurt mapping (WGS84, rounded)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.coordinates import counter_clockwise, round_coordinates
from geo.coverage import polygonal, simplify_coverage, union_by
from geo.crs import RD_NEW, WGS84

SIMPLIFY_M = 5.0  # coverage-preserving simplification: shared borders stay shared
DECIMALS = 5  # about 1 m in WGS84
SLIVER_M2 = 500.0  # pieces of a cut-back outline smaller than this are dropped
REST_NAME = "Rest van de gemeente"  # when the package's own outlines have no name for it
_REST = ""  # the key of the rest of the city while dissolving
COLUMNS = ["buurtcode", "buurtnaam", "wijk_id", "status", "bron"]


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
    parts["wijk_id"] = parts["buurtcode"].map(mapping).astype(object).where(parts["buurtcode"].isin(mapping.index))
    parts["known"] = parts["buurtcode"].isin(mapping.index)
    parts["status"] = "officieel"
    parts["bron"] = bron
    given = parts["buurtnaam"] if "buurtnaam" in parts else pd.Series(None, index=parts.index, dtype=object)
    parts["buurtnaam"] = given.where(given.fillna("").astype(str).str.strip() != "", parts["buurtcode"].map(names))
    parts = pd.concat([parts, _cut_back(package, parts, absent, mapping)], ignore_index=True)
    parts = gpd.GeoDataFrame(parts, geometry="geometry", crs=RD_NEW)

    wijken, facts = _wijken(package, parts, bron)
    buurten = parts[parts["known"]].sort_values("buurtcode").reset_index(drop=True)[[*COLUMNS, "geometry"]]
    return _finish(buurten), _finish(wijken), facts


def _cut_back(package, parts: gpd.GeoDataFrame, absent: list[str], mapping: pd.Series) -> gpd.GeoDataFrame:
    """Buurten the file does not have keep their previous outline, cut back where the file's buurten lie."""
    old = package.buurtgrenzen
    old = old[old["buurtcode"].isin(absent)].to_crs(RD_NEW)
    if old.empty:
        return gpd.GeoDataFrame(columns=[*COLUMNS, "known", "geometry"], geometry="geometry", crs=RD_NEW)
    cover = shapely.union_all(np.asarray(parts.geometry.values, dtype=object))
    cut = polygonal(shapely.difference(np.asarray(old.geometry.values, dtype=object), cover), min_area=SLIVER_M2)
    kept = old.assign(wijk_id=old["buurtcode"].map(mapping).astype(object), known=True)
    kept = kept.set_geometry(gpd.GeoSeries(cut, index=old.index, crs=RD_NEW))
    return kept[~kept.geometry.isna()][[*COLUMNS, "known", "geometry"]]


def _wijken(package, parts: gpd.GeoDataFrame, bron: str):
    """The package's wijken (and the rest of the city) as unions of their buurten, each official only
    when all its buurten are; and which wijken the file covered wholly, partly or not at all."""
    keyed = parts.assign(key=parts["wijk_id"].where(parts["wijk_id"].notna(), _REST))
    own = keyed[keyed["key"].isin([*package.wijken["wijk_id"], _REST])]
    merged = union_by(own, "key").set_index("key")
    by_key = own.groupby("key")
    official = by_key["status"].agg(lambda s: (s == "officieel").all()).reindex(merged.index)
    merged["status"] = np.where(official, "officieel", "indicatief")
    merged["bron"] = by_key["bron"].agg(lambda s: _sources(list(dict.fromkeys(s)))).reindex(merged.index)
    from_file = by_key["bron"].agg(lambda s: (s == bron).mean())
    wijk_names = package.wijken["naam"].astype(object)
    merged["naam"] = [wijk_names.get(k, k) if k != _REST else _rest_name(package) for k in merged.index]
    merged = merged.set_geometry(gpd.GeoSeries(polygonal(merged.geometry.values), index=merged.index, crs=RD_NEW))
    merged = merged.reset_index()
    merged["wijk_id"] = pd.Series([k or None for k in merged["key"]], dtype=object)

    wijk_ids = sorted(package.wijken["wijk_id"])
    covered = from_file.reindex(wijk_ids)
    facts = {"official": [w for w in wijk_ids if covered[w] == 1],
             "partial": [w for w in wijk_ids if 0 < covered[w] < 1],
             "untouched": [w for w in wijk_ids if covered[w] == 0]}
    # Wijken without any outline now (no buurt in the file, none kept): their previous outline.
    missing = [w for w in wijk_ids if pd.isna(covered[w])]
    if missing:
        previous = package.wijkgrenzen[package.wijkgrenzen["wijk_id"].isin(missing)].to_crs(RD_NEW)
        merged = pd.concat([merged, previous[["wijk_id", "naam", "status", "bron", "geometry"]]], ignore_index=True)
        facts["untouched"] += missing
    merged = gpd.GeoDataFrame(merged, geometry="geometry", crs=RD_NEW)
    merged["_rest"] = merged["wijk_id"].isna()
    merged = merged.sort_values(["_rest", "wijk_id"], kind="stable").reset_index(drop=True)
    return merged[["wijk_id", "naam", "status", "bron", "geometry"]], facts


def _sources(sources: list[str]) -> str:
    return sources[0] if len(sources) == 1 else "deels " + "; deels ".join(sources)


def _rest_name(package) -> str:
    """The name the package gives the rest of the city (e.g. "Overig Groningen")."""
    previous = package.wijkgrenzen.loc[package.wijkgrenzen["wijk_id"].isna(), "naam"].dropna()
    return str(previous.iloc[0]) if len(previous) else REST_NAME


def _finish(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """WGS84, rounded, counter-clockwise outer rings (RFC 7946), valid (Multi)Polygons."""
    out = round_coordinates(gdf.to_crs(WGS84), DECIMALS)
    out = counter_clockwise(out.set_geometry(gpd.GeoSeries(polygonal(out.geometry.values), index=out.index,
                                                           crs=WGS84)))
    out["wijk_id"] = pd.Series([w if isinstance(w, str) and w else None for w in out["wijk_id"]],
                               index=out.index, dtype=object)
    return out
