"""The national map as a user would pick instead: folium's GeoJson in streamlit-folium.

    NATIONAL_INPUTS=DIR streamlit run bench/national_folium_app.py   (a benchmark-only dependency:
    bench/requirements.txt)

The same buurten and values as bench/national_naive_app.py, read on every run, drawn by Leaflet in
streamlit-folium's component, coloured per buurt with a tooltip (name and value). Without a network:
no tile layer, and Leaflet from bench/static/leaflet/ (1.9.3, the version folium 0.20 asks for) instead
of its CDN; folium's other default scripts (jQuery, Bootstrap, markers) are not needed by a GeoJson
layer and are left out for the same reason. `Choropleth` is not used: its legend asks for d3 from a CDN.
Needs `server.enableStaticServing` (the project's .streamlit/config.toml sets it).
"""

import math
import os
import sys
from pathlib import Path

import branca.colormap
import folium
import streamlit as st
from streamlit_folium import st_folium

sys.path.insert(0, str(Path(__file__).resolve().parent))

from national_package import read_inputs

LEAFLET = "/app/static/leaflet/"  # absolute: the component's page lives under /component/…
MISSING = "#d9d9d9"

raw, values = read_inputs(Path(os.environ["NATIONAL_INPUTS"]))
frame = raw.join(values.drop(columns="bron"), on="buurtcode")
frame["waarde"] = frame["waarde"].astype(float)
scale = branca.colormap.linear.YlGnBu_09.scale(0, 100)


def style(feature: dict) -> dict:
    value = feature["properties"]["waarde"]
    missing = value is None or (isinstance(value, float) and math.isnan(value))
    return {"fillColor": MISSING if missing else scale(value), "color": "#ffffff", "weight": 0.5,
            "fillOpacity": 0.85}


st.title("Buurten: streamlit-folium")
m = folium.Map(location=[52.2, 5.3], zoom_start=7, tiles=None)
m.default_js = [("leaflet", LEAFLET + "leaflet.js")]
m.default_css = [("leaflet_css", LEAFLET + "leaflet.css")]
folium.GeoJson(frame, style_function=style,
               tooltip=folium.GeoJsonTooltip(fields=["buurtnaam", "waarde"])).add_to(m)
st_folium(m, height=620, use_container_width=True, returned_objects=[])
