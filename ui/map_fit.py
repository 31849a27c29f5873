"""A city map narrower than it was fitted for (a phone) zoomed out until every wijk shows, in a box that is as much
lower as it is narrower.

The figure opens at a fixed centre and zoom (figures.maps.view_of), chosen for the map's width on a laptop: on a
phone, 390 px wide, part of the wijken fell outside it. Plotly's own `fitbounds` does not fit a map with a
`choroplethmap` trace, and the server does not know how wide the browser draws the map. So the browser fits it:
each map whose figure has `meta.fit` (figures.maps.fit_meta: the bounds and the zoom of the first view) is, after
plotly has drawn it and when it is resized, zoomed out to those bounds if they do not fit at the figure's zoom;
never zoomed in, so a laptop's map stays as it was. Only the view plotly set is changed, not one the user zoomed
or moved to. Below the figure's zoom the map shows the names placed for a phone (figures.maps.map_labels).

A narrower map is also lower (`sized_to_width`): the figure is drawn at the height of a box whose map part is to its
width as the figure's map part is to figures.maps.VIEW_WIDTH, never higher than the figure. On a phone the map kept
a laptop's 620 px of height for a city fitted to 358 px of width: 250 px of empty map above and below it. The box
is sized by CSS (container query units) in the browser, which knows the width; the chart fills it
(`height="stretch"`). Plotly's own relayout of the height went round in a loop with Streamlit's chart element.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import plotly.graph_objects as go
import streamlit as st

from figures.maps import VIEW_WIDTH
from ui import hidden

KEY = "map-fit"
# Once per page (the script stays installed over reruns and page switches): hook every plotly chart as it appears.
SCRIPT = """<script>(() => {
  if (window.__wijkMapFit) return;
  window.__wijkMapFit = true;
  const SAME = 1e-3;
  const fit = (gd) => {
    const wanted = gd.layout && gd.layout.meta && gd.layout.meta.fit;
    const subplot = gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
    const map = subplot && subplot.map;
    if (!wanted || !map) return;
    if (gd.__fitMap !== map) { gd.__fitMap = map; map.on('resize', () => fit(gd)); }
    const [west, south, east, north] = wanted.bounds;
    const camera = map.cameraForBounds([[west, south], [east, north]]);
    if (!camera) return;
    const now = map.getZoom(), zoom = Math.min(wanted.zoom, camera.zoom);
    const ours = Math.abs(now - wanted.zoom) < SAME || Math.abs(now - gd.__fitZoom) < SAME;
    if (ours && Math.abs(now - zoom) >= SAME) map.jumpTo({center: camera.center, zoom: zoom});
    if (ours) gd.__fitZoom = zoom;
  };
  const hook = () => {
    for (const gd of document.querySelectorAll('.js-plotly-plot')) {
      if (!gd.__fitHooked && typeof gd.on === 'function') {
        gd.__fitHooked = true;
        gd.on('plotly_afterplot', () => fit(gd));
        fit(gd);
      }
    }
  };
  let queued = false;
  new MutationObserver(() => {
    if (!queued) { queued = true; requestAnimationFrame(() => { queued = false; hook(); }); }
  }).observe(document.body, {subtree: true, childList: true, attributes: true, attributeFilter: ['class']});
  hook();
})();</script>"""


def fit_maps_to_width() -> None:
    """Install the script (in a hidden container: it takes no room) on a page with a city map."""
    hidden.run_script(KEY, SCRIPT)


@contextmanager
def sized_to_width(figure: go.Figure, key: str) -> Iterator[None]:
    """A box for `figure`, a city map fitted to VIEW_WIDTH px (its height: the map's part and the sources and
    colour bar around it): the chart drawn in it with `height="stretch"` is as high as the figure on a laptop and
    lower where the map is narrower (the frame around the map part stays)."""
    layout = figure.layout
    frame = (layout.margin.t or 0) + (layout.margin.b or 0)
    part = int(layout.height) - frame
    # the outer box's width (100cqw) is the map's: its left and right margins are 0
    height = f"calc({frame}px + min({part}px, {part / VIEW_WIDTH:.4f} * 100cqw))"
    st.html(f"<style>.st-key-{key}{{container-type:inline-size}}"
            f"[data-testid=stLayoutWrapper]:has(>.st-key-{key}-kaart){{flex-basis:{height};height:{height}}}</style>")
    with st.container(key=key), st.container(key=f"{key}-kaart", height=int(layout.height), border=False):
        yield
