"""Vergelijken in a real browser: a deep link with ?wijk=, the table and the three charts, a chip click
that lands in the URL; screenshots in test-output/screenshots/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import chromium_page, require_chromium, screenshot, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser

_CHARTS = "() => document.querySelectorAll('.js-plotly-plot').length >= 3"
# The bar chart (the first) names this wijk among its bars: the redrawn chart, not the one before the click.
_BARS_NAME = """(name) => { const gd = document.querySelector('.js-plotly-plot');
    return !!gd && !!gd.data && gd.data.some(trace => trace.type === 'bar' && Array.isArray(trace.y)
        && trace.y.map(String).includes(name)); }"""
_TRACES = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => gd.data.map(trace => ({
    type: trace.type, name: trace.name || '', connectgaps: trace.connectgaps,
    y: Array.isArray(trace.y) ? trace.y.filter(v => v !== null).map(String) : [],
    patterns: trace.marker && trace.marker.pattern ? [].concat(trace.marker.pattern.shape) : []})))"""

# The trend chart (the second) drawn with all fifteen wijken: its legend's entries and its scrollbar's height.
_TREND_LEGEND = """() => { const gd = document.querySelectorAll('.js-plotly-plot')[1];
    const items = gd ? gd.querySelectorAll('.legend .traces').length : 0;
    if (items < 22) return null;
    const bar = gd.querySelector('.legend .scrollbar');
    return {items, scrollbar: bar ? Number(bar.getAttribute('height')) || 0 : 0}; }"""


def test_compare_selwerd_with_its_class(tmp_path):
    require_chromium()
    with streamlit_server() as url, chromium_page(height=1400) as page:
        page.goto(f"{url}/vergelijken?wijk=selwerd")
        wait_for_app(page)
        page.get_by_role("heading", name="Hoe verhouden de wijken zich?").wait_for()
        page.wait_for_function(_CHARTS, timeout=60_000)
        wait_for_app(page)

        # The table: the city first with index 100, then the NLA wijken, then the seven groot-zwaar wijken.
        table = page.locator("[data-testid='stDataFrame']").first
        table.wait_for()
        assert table.is_visible()
        # A laptop has room for the table's columns: the phone's "scrolls sideways" caption is there but hidden.
        expect(page.locator(".st-key-cmp-table-hint")).to_have_count(1)
        assert not page.locator(".st-key-cmp-table-hint").is_visible()
        # and the indicators side by side fit: nothing scrolls, their caption for a phone is hidden
        expect(page.locator(".st-key-cmp-multiples-hint")).to_have_count(1)
        assert not page.locator(".st-key-cmp-multiples-hint").is_visible()
        assert page.locator(".st-key-cmp-multiples").evaluate("e => e.scrollWidth - e.clientWidth") == 0
        # the hidden caption takes no room: the panels start at their box's top (its empty wrapper kept a 16 px gap)
        tops = [page.locator(f".st-key-cmp-multiples{part}").bounding_box()["y"] for part in ("-box", "")]
        assert tops[0] == tops[1], tops
        page.wait_for_url("**wijken=*selwerd*")
        assert "indicator=goedkope_huur_per_laag_inkomen" in page.url

        charts = page.evaluate(_TRACES)
        assert len(charts) == 3
        bars, trend, multiples = charts
        bar_names = [name for trace in bars if trace["type"] == "bar" for name in trace["y"]]
        assert "Selwerd" in bar_names and "Beijum" in bar_names and "Tuinwijk" not in bar_names
        assert any("/" in trace["patterns"] for trace in bars)  # illustrative bars are hatched
        lines = [trace for trace in trend if trace["type"] == "scatter" and trace["name"]]
        assert {"Selwerd", "Groningen (stad)", "Gemiddelde NLA-wijken"} <= {trace["name"] for trace in lines}
        assert all(trace["connectgaps"] is False for trace in lines)  # a missing year is a gap
        assert sum(1 for trace in multiples if trace["type"] == "bar" and trace["y"]) == 4
        chart_text = page.locator(".js-plotly-plot").first.inner_text()
        assert "Groningen (stad): 0,63" in chart_text  # Dutch decimals in the legend
        screenshot(page, "vergelijken-selwerd")

        # The comparison table as CSV for Dutch Excel: BOM, semicolons, decimal comma, the city first.
        with page.expect_download() as download:
            page.locator("[data-testid='stDownloadButton']").nth(0).get_by_role("button").click()
        data = (tmp_path / "tabel.csv")
        download.value.save_as(data)
        raw = data.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        lines = raw.decode("utf-8-sig").splitlines()
        assert lines[0].startswith("Gebied;Code;Klasse;Indicator")
        assert lines[1].startswith("Groningen (stad);GM0014;") and ";100,0;" in lines[1]
        with page.expect_download() as download:
            page.locator("[data-testid='stDownloadButton']").nth(1).get_by_role("button").click()
        assert download.value.suggested_filename == "vergelijken-goedkope-huur-per-laag-inkomen-2014.xlsx"

        # A chip: add De Hoogte; the URL follows.
        page.get_by_role("button", name="De Hoogte").click()
        page.wait_for_url("**de-hoogte*")
        page.wait_for_function(_BARS_NAME, arg="De Hoogte", timeout=60_000)
        wait_for_app(page)

        # "Wat zie ik?" opens with the definition and the source (inside the expander, once it is open).
        expander = page.locator("[data-testid='stExpander']").filter(has_text="Wat zie ik?").first
        expander.locator("summary").click()
        expect(expander.get_by_text("Definitie.")).to_be_visible()
        expect(expander.get_by_text("Bron.").first).to_be_visible()
        screenshot(page, "vergelijken-selwerd-de-hoogte")

        # All fifteen: the trend chart's legend shows every wijk and both lines whole, without scrolling (at a
        # fixed 460 px it scrolled, and Tuinwijk and the two lines were hidden).
        page.goto(f"{url}/vergelijken")
        wait_for_app(page)
        legend = page.wait_for_function(_TREND_LEGEND, timeout=60_000).json_value()
        assert legend == {"items": 15 + 2 + 5, "scrollbar": 0}, legend  # wijken, lines, the groups' titles


# The first chart's bars (the comparison): their wijken and colours, or null while it is not drawn.
_BAR_COLOURS = """() => { const gd = document.querySelector('.js-plotly-plot');
    const bars = gd && gd.data ? gd.data.filter(trace => trace.type === 'bar' && Array.isArray(trace.y)
        && trace.y.length && trace.y[0] !== null) : [];
    return bars.length ? {names: bars[0].y.map(String), colours: [].concat(bars[0].marker.color)} : null; }"""


def test_none_then_two_clicks_compare_two_wijken_in_two_colours():
    """Issue 9: picking two wijken is "Geen" and two clicks, not thirteen; two wijken of one class get two
    colours, and their values stand clear of the city's and the NLA wijken's lines."""
    require_chromium()
    with streamlit_server() as url, chromium_page(height=1400) as page:
        page.goto(f"{url}/vergelijken")
        page.get_by_role("heading", name="Hoe verhouden de wijken zich?").wait_for()
        wait_for_app(page)
        page.get_by_role("button", name="Geen").click()
        page.get_by_text("Kies minstens").wait_for()
        page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length === 0")  # no charts
        page.get_by_role("button", name="Selwerd").click()
        page.wait_for_url("**wijken=selwerd*")
        page.get_by_role("button", name="Beijum").click()
        page.wait_for_function(f"() => {{ const b = ({_BAR_COLOURS})(); return !!b && b.names.length === 2; }}",
                               timeout=60_000)
        wait_for_app(page)
        bars = page.evaluate(_BAR_COLOURS)
        assert sorted(bars["names"]) == ["Beijum", "Selwerd"]  # both groot, zwaar
        assert len(set(bars["colours"])) == 2, bars["colours"]
        assert "wijken=beijum%2Cselwerd" in page.url
        labels = page.locator(".js-plotly-plot").first.locator(".annotation-text").all_text_contents()
        assert "0,63" in labels and "0,60" in labels  # the values, in their column right of the plot
        screenshot(page, "vergelijken-geen-dan-twee")
