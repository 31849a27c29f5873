"""A national package for the browser bench: the embedded package plus bench.py's synthetic buurten.

    .venv/bin/python bench/national_package.py DIR [--buurten 13000]

The package model holds any number of buurten (buurten.csv, buurtgrenzen.geojson, buurt figures in
cijfers.csv), but its wijken are the NLA wijken with their classes, budgets and texts (wijken.csv,
domain/): a synthetic wijk cannot be one. So the ~1,300 synthetic wijken go into wijkgrenzen.geojson
as outlines without a wijk_id, the way the package holds "the rest of the city"; the 15 NLA wijken and
Groningen's 106 CBS buurten stay as they are. Every synthetic buurt gets a value of one indicator
(`INDICATOR`, `YEAR`; a tenth missing), marked `illustratief`: the figures are invented, and a synthetic
municipality (`GM9000` and up, not CBS codes): the synthetic wijken grouped two by two on their grid, about 330
municipalities of some 40 buurten (the Netherlands had 393 municipalities in 2015), so the Kaart page shows the
buurten of one municipality at a time as it would for the real country.

Beside the package (`inputs/`) the same buurten as the naive and folium apps read them: the outlines
unsimplified with every property (`buurten.geojson`) and the values (`waarden.csv`). The package holds
them as the Kaart page draws them at national size: coverage-simplified at 250 m, 5 decimals (bench.py
section 5's `_national_inputs`).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import COUNTRY_BUURTEN, _national_inputs, synthetic_country
from nla_data import EMBEDDED_DIR

INDICATOR, YEAR = "aandeel_0_14", 2015  # a buurt figure the embedded package has for its 106 buurten
SOURCE = "synthetisch (benchmark)"
FIRST_GEMEENTE = 9000  # synthetic municipalities are GM9000 and up: no CBS municipality has such a code


@dataclass(frozen=True)
class NationalPackage:
    package: Path  # NLA_DATA for the app
    buurten_geojson: Path  # unsimplified, every property: the naive and folium apps read it
    values_csv: Path  # buurtcode, waarde (empty: missing), bron, illustratief
    n_buurten: int  # in the package (synthetic and Groningen's)
    n_synthetic: int
    n_wijk_outlines: int  # in wijkgrenzen (NLA wijken, the rest of Groningen, the synthetic wijken)
    n_municipalities: int  # synthetic ones
    other: str  # the synthetic municipality with the most buurten
    n_other: int  # its buurten

    @property
    def kaart_path(self) -> str:
        """The Kaart page at buurt level, coloured by the indicator: Groningen's buurten, the package's own
        municipality, as a first visit shows them."""
        return f"/kaart?niveau=buurt&indicator={INDICATOR}&jaar={YEAR}"

    @property
    def other_path(self) -> str:
        """The same for the buurten of another (synthetic) municipality."""
        return f"{self.kaart_path}&gemeente={self.other}"


def municipality_of(wijk_id: str) -> str:
    """A synthetic wijk's (`w07-12`: its cell on bench.synthetic_country's grid) synthetic municipality: the
    wijken grouped two by two on the grid."""
    column, row = (int(part) for part in wijk_id[1:].split("-"))
    return f"GM{FIRST_GEMEENTE + (column // 2) * 20 + row // 2}"  # grid of at most 40 x 40: four digits


def write(target: Path, n: int = COUNTRY_BUURTEN) -> NationalPackage:
    """The package in `target/package` and the apps' inputs in `target/inputs` (made again every call)."""
    raw, drawn, wijken, values = _national_inputs(synthetic_country(n))
    package, inputs = target / "package", target / "inputs"
    shutil.rmtree(package, ignore_errors=True)
    (package / "data").mkdir(parents=True)
    shutil.copy2(EMBEDDED_DIR / "datapackage.json", package / "datapackage.json")
    for path in (EMBEDDED_DIR / "data").iterdir():
        shutil.copy2(path, package / "data" / path.name)
    data = package / "data"

    centres = drawn.to_crs("EPSG:28992").geometry.centroid.to_crs("EPSG:4326")
    area_ha = drawn.to_crs("EPSG:28992").geometry.area / 10_000
    gemeenten = pd.Series([municipality_of(w) for w in drawn["wijk_id"]], index=drawn.index)
    rows = pd.DataFrame({"buurtcode": drawn["buurtcode"], "buurtnaam": drawn["buurtnaam"],
                         "cbs_wijkcode": [f"WK{code[4:10]}" for code in drawn["buurtcode"]],
                         "gemeentecode": gemeenten, "wijk_id": "", "toewijzing": "",
                         "lat": centres.y.round(4).clip(50.7, 53.7), "lon": centres.x.round(4).clip(3.3, 7.3),
                         "opp_land_ha": area_ha.round().astype(int)})
    _append_csv(data / "buurten.csv", rows)
    known = values["waarde"].dropna()
    _append_csv(data / "cijfers.csv", pd.DataFrame({
        "gebied_type": "buurt", "gebied_id": known.index, "jaar": YEAR, "indicator": INDICATOR,
        "waarde": known.to_numpy(), "bron": SOURCE, "illustratief": "true", "opmerking": "", "dekking": ""}))
    properties = {"wijk_id": None, "status": "officieel", "bron": SOURCE}
    n_buurten = _append_features(data / "buurtgrenzen.geojson",
                                 drawn[["buurtcode", "buurtnaam", "geometry"]].assign(**properties))
    n_wijken = _append_features(data / "wijkgrenzen.geojson", wijken[["naam", "geometry"]].assign(**properties))

    shutil.rmtree(inputs, ignore_errors=True)
    inputs.mkdir(parents=True)
    (inputs / "buurten.geojson").write_text(raw.to_json(drop_id=True), encoding="utf-8")
    values.reset_index().to_csv(inputs / "waarden.csv", index=False)
    sizes = gemeenten.value_counts()  # most buurten first; of equals the first met
    return NationalPackage(package, inputs / "buurten.geojson", inputs / "waarden.csv", n_buurten, len(raw), n_wijken,
                           len(sizes), str(sizes.index[0]), int(sizes.iloc[0]))


def read_inputs(inputs: Path):
    """The naive and folium apps' inputs, read every run (uncached): the outlines (a GeoDataFrame, every
    property) and the values indexed by buurtcode."""
    import geopandas as gpd

    raw = gpd.read_file(inputs / "buurten.geojson")
    values = pd.read_csv(inputs / "waarden.csv", dtype={"buurtcode": str}).set_index("buurtcode")
    return raw, values


def _append_csv(path: Path, rows: pd.DataFrame) -> None:
    head = pd.read_csv(path, nrows=0).columns.tolist()
    rows[head].to_csv(path, mode="a", header=False, index=False)


def _append_features(path: Path, frame) -> int:
    """Add the frame's features (WGS84) to a FeatureCollection; how many it holds now."""
    collection = json.loads(path.read_text(encoding="utf-8"))
    collection["features"] += json.loads(frame.to_json(drop_id=True))["features"]
    path.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return len(collection["features"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--buurten", type=int, default=COUNTRY_BUURTEN)
    args = parser.parse_args(argv)
    made = write(args.target, args.buurten)
    print(f"{made.package}: {made.n_buurten} buurten ({made.n_synthetic} synthetic), "
          f"{made.n_wijk_outlines} wijk outlines; inputs {made.buurten_geojson.parent}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
