"""The new outlines: the file's buurten simplified together, the buurten it lacks cut back, and the
NLA wijken dissolved from their buurten through the package's buurt mapping (WGS84, rounded)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.outlines import REST_NAME, RD_NEW, WGS84, round_coordinates, simplify_coverage

SIMPLIFY_M = 5.0  # coverage-preserving simplification: shared borders stay shared
DECIMALS = 5  # about 1 m in WGS84
SLIVER_M2 = 500.0  # pieces of a cut-back indicative outline smaller than this are dropped


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
