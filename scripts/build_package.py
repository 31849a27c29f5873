"""Build the data files of the embedded package from the public facts in ../shared/data.

    .venv/bin/python scripts/build_package.py [--shared ../shared/data] [--out nla_data/data]

Writes wijken, buurten, indicatoren, cijfers and huurgrenzen (CSV) and buurtgrenzen and wijkgrenzen
(GeoJSON). Deterministic: the same input gives the same bytes. `make data` runs it, then validates.
The facts come from:

- the 2013 source (classes, budget ceilings, the 2014 cut): `package_build.areas`;
- the CBS Wijk- en buurtkaart 2015 (versie 1): buurt boundaries and the 2015 figures per buurt, and
  its municipal row for the city; which column holds which indicator is declared per indicator
  (`package_build.indicators`), and wijk values come from `nla_data.aggregate`, as in the import;
- the ETM 2016 dwelling estimate and the NLA wijk of each buurt: `groningen-buurten-2015.csv`;
- the rent limits 2011–2016 (Wet op de huurtoeslag; 2016 from secondary sources);
- illustrative housing and affordability figures for 2011–2014, generated with a fixed seed and
  flagged `illustratief=true` in every row, until real figures are imported.

The app never reads ../shared/data: what it needs is copied into the package here.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from package_build import sources
from package_build.areas import build_buurten, build_wijken
from package_build.boundaries import BUURT_PROPERTIES, WIJK_PROPERTIES, buurtgrenzen, wijkgrenzen
from package_build.cbs_values import declared_values
from package_build.figures import cbs_rows, dwelling_rows
from package_build.illustrative import illustrative_rows
from package_build.indicators import build_indicatoren
from package_build.rent_limits import build_huurgrenzen
from package_build.rows import cijfers_table

from nla_data.cbs.files import _geojson  # the import writes its GeoJSON the same way

OUT = ROOT / "nla_data" / "data"
DESCRIPTOR = ROOT / "nla_data" / "datapackage.json"
YEAR = 2015


def build(shared: Path) -> dict[str, pd.DataFrame | bytes]:
    """Every data file of the package, by file name: tables as frames, boundaries as GeoJSON bytes."""
    table = pd.read_csv(shared / sources.SHARED_BUURTEN, dtype={"buurtcode": str})
    raw = json.loads((shared / sources.SHARED_BOUNDARIES).read_text(encoding="utf-8"))
    municipal = pd.read_csv(shared / sources.SHARED_MUNICIPALITY, dtype={"GM_CODE": str})
    min_coverage = json.loads(DESCRIPTOR.read_text(encoding="utf-8"))["wijkperspectief"]["minimale_dekking"]

    wijken = build_wijken()
    buurten = build_buurten(table)
    indicatoren = build_indicatoren()
    mapping = buurten.set_index("buurtcode")["wijk_id"].where(lambda w: w != "")
    cbs = pd.DataFrame([f["properties"] for f in raw["features"]])
    rows = cbs_rows(declared_values(cbs, "BU_CODE", indicatoren), declared_values(municipal, "GM_CODE", indicatoren),
                    mapping, indicatoren, min_coverage, YEAR, sources.CBS_KAART)
    rows += dwelling_rows(table, mapping, indicatoren, min_coverage)
    rows += illustrative_rows(table, wijken)

    buurt_outlines = buurtgrenzen(raw, buurten, sources.CBS_KAART)
    wijk_outlines = wijkgrenzen(buurt_outlines, wijken.set_index("wijk_id")["naam"], f"Overig {sources.GEMEENTENAAM}",
                                sources.CBS_KAART)
    return {
        "wijken.csv": wijken, "buurten.csv": buurten, "indicatoren.csv": indicatoren,
        "cijfers.csv": cijfers_table(rows),
        "huurgrenzen.csv": build_huurgrenzen(pd.read_csv(shared / sources.SHARED_RENT_LIMITS)),
        "buurtgrenzen.geojson": _geojson(buurt_outlines, BUURT_PROPERTIES),
        "wijkgrenzen.geojson": _geojson(wijk_outlines, WIJK_PROPERTIES),
    }


def write(files: dict[str, pd.DataFrame | bytes], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = out / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            content.to_csv(path, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        rows = f"{len(content)} rijen" if not isinstance(content, bytes) else f"{len(content) / 1024:.0f} kB"
        print(f"{path}: {rows}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data", help="the public facts")
    parser.add_argument("--out", type=Path, default=OUT, help="where the data files go (default: the package's)")
    args = parser.parse_args(argv)
    write(build(args.shared), args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
