"""The naive national map, the browser bench's baseline: plotly express on the outlines as read.

    NATIONAL_INPUTS=DIR streamlit run bench/national_naive_app.py

What one writes first: the buurten read from their GeoJSON on every run (unsimplified, every property),
`px.choropleth_map` with the whole GeoJSON in the figure, nothing cached (bench.py section 5's
`_naive_map`). bench/national_browser_bench.py times it against the Kaart page and streamlit-folium;
DIR is what bench/national_package.py writes beside the package (`inputs/`).
"""

import os
import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/ itself: bench.py and national_package.py

from national_package import read_inputs

from bench import _naive_map

raw, values = read_inputs(Path(os.environ["NATIONAL_INPUTS"]))
st.title("Buurten: px.choropleth_map")
st.plotly_chart(_naive_map(raw, values))
