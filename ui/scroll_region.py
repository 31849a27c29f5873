"""A container that may scroll sideways made a region the keyboard reaches: focusable (`tabindex=0`, so the
arrow keys scroll it once it has focus), with the role `region` and a name for a screen reader.

Streamlit gives a container no attributes of its own, so a script sets them: installed once per page (it stays
over reruns and page switches), it keeps a list of keys and names and sets the attributes on every container
`.st-key-<key>` that appears, also when Streamlit draws it anew."""

from __future__ import annotations

import json

from ui import hidden

SCRIPT = """<script>(() => {
  const regions = window.__wijkScrollRegions = window.__wijkScrollRegions || {};
  Object.assign(regions, %s);
  if (window.__wijkScrollRegionsObserved) { window.__wijkScrollRegionsApply(); return; }
  window.__wijkScrollRegionsObserved = true;
  const apply = window.__wijkScrollRegionsApply = () => {
    for (const [key, label] of Object.entries(regions)) {
      for (const box of document.querySelectorAll('.st-key-' + key)) {
        if (box.getAttribute('tabindex') !== '0') box.setAttribute('tabindex', '0');
        if (box.getAttribute('role') !== 'region') box.setAttribute('role', 'region');
        if (box.getAttribute('aria-label') !== label) box.setAttribute('aria-label', label);
      }
    }
  };
  let queued = false;
  new MutationObserver(() => {
    if (!queued) { queued = true; requestAnimationFrame(() => { queued = false; apply(); }); }
  }).observe(document.body, {subtree: true, childList: true});
  apply();
})();</script>"""


def focusable(key: str, label: str) -> None:
    """Make the container `key` a focusable region named `label` (in a hidden container: it takes no room)."""
    hidden.run_script(f"{key}-region", SCRIPT % json.dumps({key: label}).replace("</", "<\\/"))  # no </script> in it
