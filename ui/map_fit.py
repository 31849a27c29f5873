"""A city map narrower than it was fitted for (a phone) zoomed out until every wijk shows.

The figure opens at a fixed centre and zoom (figures.maps.view_of), chosen for the map's width on a laptop: on a
phone, 390 px wide, part of the wijken fell outside it. Plotly's own `fitbounds` does not fit a map with a
`choroplethmap` trace, and the server does not know how wide the browser draws the map. So the browser fits it:
each map whose figure has `meta.fit` (figures.maps.fit_meta: the bounds and the zoom of the first view) is, after
plotly has drawn it and when it is resized, zoomed out to those bounds if they do not fit at the figure's zoom;
never zoomed in, so a laptop's map stays as it was. Only the view plotly set is changed, not one the user zoomed
or moved to. Below the figure's zoom the map shows the names placed for a phone (figures.maps.map_labels).
"""

from __future__ import annotations

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
