"""Accessibility in a real browser: axe-core (WCAG 2.1 A and AA, through axe-playwright-python) on every
page, drawn as a person sees it; any serious or critical violation in the app's own content fails.

What Streamlit itself draws and the app cannot change is left out by a short list of named selectors
(FRAMEWORK), each with the rule it breaks; README.md ("Accessibility") lists them too. A new entry
there needs a reason, not a wider selector."""

from __future__ import annotations

import pytest

from domain.texts import t
from tests.browser import (choose_typed, chromium_page, require_chromium, screenshot, sign_in, streamlit_server,
                           wait_for_app)

pytestmark = pytest.mark.browser

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}

# Streamlit's own parts that axe faults, by name: (selector, rule, why it is not the app's).
FRAMEWORK: list[tuple[str, str, str]] = [
]

# path, the heading that says the page is drawn, how many plotly charts it draws at least
PAGES = [
    ("kaart", t("kaart.question"), 1),
    ("wijk?wijk=selwerd", "Selwerd", 0),
    ("vergelijken?wijk=selwerd", t("cmp.question"), 3),
    ("wonen?wijk=selwerd", t("won.question"), 8),
    ("budget?wijk=selwerd", t("bud.question"), 2),
    ("bijwerken", t("stale.question"), 0),
    ("recent", t("recent.question"), 0),
    ("beheer", t("beheer.cbs.title"), 0),
]
_CHARTS = """(count) => { const plots = [...document.querySelectorAll('.js-plotly-plot')];
    return plots.length >= count && plots.every(gd => gd._fullLayout && gd.querySelector('.main-svg')); }"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_chromium()
    database = tmp_path_factory.mktemp("a11y") / "a11y.sqlite"
    with streamlit_server({"NLA_DATABASE_URL": f"sqlite:///{database}"}) as url:
        yield url


def axe_violations(page) -> list[dict]:
    """axe-core's serious and critical WCAG 2.1 A/AA violations on the page as it is now, without FRAMEWORK's
    elements: one dict per rule with the elements (targets) and what is wrong with the first."""
    from axe_playwright_python.sync_playwright import Axe

    context = {"include": [["body"]], "exclude": [[selector] for selector, _, _ in FRAMEWORK]}
    results = Axe().run(page, context=context,
                        options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]})
    return [{"rule": v["id"], "impact": v["impact"], "help": v["help"],
             "targets": [" ".join(map(str, node["target"])) for node in v["nodes"]],
             "first": v["nodes"][0].get("failureSummary", "") if v["nodes"] else ""}
            for v in results.response["violations"] if v["impact"] in BLOCKING]


@pytest.mark.parametrize(("path", "heading", "charts"), PAGES, ids=[p.split("?")[0] for p, _, _ in PAGES])
def test_no_serious_accessibility_violation(server, path, heading, charts):
    with chromium_page(height=1200) as page:
        page.goto(f"{server}/{path}")
        wait_for_app(page)
        if path == "beheer":
            sign_in(page, "beheer")  # the data manager's page, as the data manager sees it
        page.get_by_role("heading", name=heading).first.wait_for()
        _drawn_without_violations(page, charts, f"a11y-{path.split('?')[0]}")


def _drawn_without_violations(page, charts: int, shot: str) -> None:
    """Once the page's charts are drawn and it is idle: a screenshot, and no serious or critical violation."""
    page.wait_for_function(_CHARTS, arg=charts, timeout=60_000)
    wait_for_app(page)
    violations = axe_violations(page)
    screenshot(page, shot)
    assert not violations, "\n".join(
        f"{v['rule']} ({v['impact']}): {v['help']}; {len(v['targets'])}× e.g. {v['targets'][:3]}\n{v['first']}"
        for v in violations)


# Charts and tables (shown, or folded in an expander named "Tabel …"/"… table") in the order of the page:
# each chart must have a table of its own right after it or right before it, with no other chart between.
# The wijk page's small map is not among the checked pages: its buurten are named in the caption under it.
_CHART_TABLES = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const charts = [...main.querySelectorAll('.js-plotly-plot')].map(e => ['chart', e]);
    const tables = [...main.querySelectorAll('[data-testid="stDataFrame"], [data-testid="stTable"]')]
        .filter(e => !e.closest('[data-testid="stExpander"]')).map(e => ['table', e]);
    const folded = [...main.querySelectorAll('[data-testid="stExpander"]')]
        .filter(e => /tabel|table/i.test(e.querySelector('summary').innerText)).map(e => ['table', e]);
    const all = [...charts, ...tables, ...folded].sort((a, b) =>
        a[1].compareDocumentPosition(b[1]) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1);
    const used = new Set();
    return all.map(([kind], i) => {
        if (kind !== 'chart') return null;
        for (const j of [i + 1, i - 1]) {
            if (all[j] && all[j][0] === 'table' && !used.has(j)) { used.add(j); return true; }
        }
        return false;
    }).filter(found => found !== null);
}"""


def test_every_chart_has_a_table_next_to_it(server):
    """A chart is no text: next to each chart, the same numbers as a table (shown, or folded in an
    expander named after it), for a screen reader and for copying."""
    with chromium_page(height=1200) as page:
        for path, heading, charts in PAGES:
            if not charts:
                continue
            page.goto(f"{server}/{path}")
            wait_for_app(page)
            page.get_by_role("heading", name=heading).first.wait_for()
            page.wait_for_function(_CHARTS, arg=charts, timeout=60_000)
            wait_for_app(page)
            found = page.evaluate(_CHART_TABLES)
            assert len(found) >= charts and all(found), f"/{path}: charts without a table: {found}"


def test_the_map_can_be_used_with_the_keyboard(server):
    """Without a mouse: Tab to the sidebar's wijk picker, type a name, Enter; the map's panel shows that
    wijk; Tab to its link and Enter opens the wijk's perspective."""
    with chromium_page(height=1200) as page:
        page.goto(f"{server}/kaart")
        wait_for_app(page)
        page.get_by_role("heading", name=t("kaart.question")).wait_for()
        _tab_until(page, "() => !!document.activeElement.closest("
                         "'[data-testid=\"stSidebar\"] [data-testid=\"stSelectbox\"]')")
        choose_typed(page, "Beijum")
        page.wait_for_url("**wijk=beijum*")
        wait_for_app(page)
        _tab_until(page, "() => document.activeElement.tagName === 'A'"
                         f" && document.activeElement.innerText.trim().endsWith({t('kaart.open')!r})")
        screenshot(page, "a11y-kaart-toetsenbord")
        page.keyboard.press("Enter")
        page.wait_for_url("**/wijk?*wijk=beijum*")
        page.get_by_role("heading", name="Beijum").wait_for()


def _tab_until(page, focused: str, presses: int = 80) -> None:
    """Press Tab until the focused element is the one `focused` (a JS predicate) describes."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate(focused):
            return
    raise AssertionError(f"not reached with {presses} × Tab: {focused}")


PHONE = ["kaart", "wijk?wijk=selwerd", "vergelijken?wijk=selwerd"]


@pytest.mark.parametrize("path", PHONE, ids=[p.split("?")[0] for p in PHONE])
def test_no_serious_accessibility_violation_on_a_phone(server, path):
    """At 390 px some parts scroll sideways inside the page (the charts of panels side by side): a region that
    scrolls must be reachable with the keyboard (axe: scrollable-region-focusable), as everything else."""
    heading, charts = next((h, c) for p, h, c in PAGES if p == path)
    with chromium_page(width=390, height=844) as page:
        page.goto(f"{server}/{path}")
        wait_for_app(page)
        page.get_by_role("heading", name=heading).first.wait_for()
        _drawn_without_violations(page, charts, f"a11y-telefoon-{path.split('?')[0]}")
