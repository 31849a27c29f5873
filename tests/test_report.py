"""The council report: one A4 portrait page per wijk with its name, key figures the Dutch way, the map, the
budget and the sections, and no personal data; all 15 in one file; pages rendered to PNG in test-output/."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pandas as pd
import pypdfium2 as pdfium
import pytest

import report
from domain import format as fmt
from domain import indicators as ind
from domain.report import wijk_report
from domain.texts import t
from domain.wijken import budget, ordered_ids
from nla_data import EMBEDDED_DIR, load_package
from nla_data.decisions import DecisionStore
from nla_data.outlook import OutlookStore
from nla_data.store import EntryStore
from tests.test_personal_data import SECRETS
from tests.test_public_scan import EDITORS

PACKAGE = load_package(EMBEDDED_DIR).package
WIJKEN = ordered_ids(PACKAGE.wijken)
OUTPUT = Path(__file__).resolve().parents[1] / "test-output" / "report"
A4 = (595.28, 841.89)  # points
TODAY = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def entries(tmp_path_factory) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The entries with personal data everywhere it can be: editors on every entry, contact details on
    every network entry, and every entry made public (the report must still leave them out)."""
    store = EntryStore.open(PACKAGE, f"sqlite:///{tmp_path_factory.mktemp('report')}/report.sqlite")
    items, links = store.items(), store.links()
    store.engine.dispose()
    items = items.assign(auteur=EDITORS[0], bijgewerkt_door=EDITORS[1], bevestigd_door=EDITORS[2],
                         zichtbaarheid="openbaar")
    network = items["sectie"] == "netwerk"
    items.loc[network, "contact_naam"] = SECRETS[0]
    items.loc[network, "contact_email"] = SECRETS[1]
    items.loc[network, "contact_telefoon"] = SECRETS[2]
    return items, links


@pytest.fixture(scope="module")
def outlook(tmp_path_factory) -> pd.DataFrame:
    """Kansen and bedreigingen for two wijken, recorded in a real store as the wijk page does: test lines, as
    many and as long as a page must hold (the package has none)."""
    store = EntryStore.open(PACKAGE, f"sqlite:///{tmp_path_factory.mktemp('outlook')}/outlook.sqlite")
    lines = OutlookStore(store.engine)
    long = ("Testregel: een lange omschrijving die de volle lengte gebruikt, zodat te zien is of de regel op de "
            "pagina past en netjes wordt afgebroken zonder de secties eronder te verdringen.")
    for wijk_id in ("selwerd", "korrewegwijk"):
        for day, kind, text in ((3, "kans", long), (5, "kans", "Testkans: leegstaande school als buurthuis"),
                                (7, "kans", "Testkans: nieuwe bewonersgroep"), (9, "kans", "Testkans: de nieuwste"),
                                (4, "bedreiging", "Testbedreiging: sluiting van de bibliotheek"),
                                (6, "bedreiging", long)):
            lines.record(wijk_id, {"soort": kind, "tekst": text, "datum": dt.date(2014, 2, day), "status": "open"},
                         EDITORS[0])
    frame = lines.frame()
    store.engine.dispose()
    return frame


@pytest.fixture(scope="module")
def maps() -> dict[str, bytes | None]:
    """Every wijk's map as PNG, drawn once in one Chromium session (kaleido)."""
    return dict(zip(WIJKEN, report.map_images(PACKAGE, WIJKEN), strict=True))


def pdf_text(data: bytes) -> list[str]:
    document = pdfium.PdfDocument(data)
    try:
        return [page.get_textpage().get_text_range().replace("\u00a0", " ").replace("\r", "") for page in document]
    finally:
        document.close()


def page_sizes(data: bytes) -> list[tuple[float, float]]:
    document = pdfium.PdfDocument(data)
    try:
        return [page.get_size() for page in document]
    finally:
        document.close()


def test_every_wijk_map_is_drawn_by_kaleido(maps):
    from PIL import Image

    for wijk_id, png in maps.items():
        assert png is not None and png.startswith(b"\x89PNG"), wijk_id
        image = Image.open(io.BytesIO(png)).convert("RGB")
        assert image.size == (1200, 900)  # 480 × 360 CSS px at scale 2.5
        colours = image.getcolors(maxcolors=1_000_000)
        assert len(colours) > 10, f"{wijk_id}: an empty map"


@pytest.mark.parametrize("wijk_id", WIJKEN)
def test_one_a4_portrait_page_with_the_wijk_its_figures_and_budget(wijk_id, entries, maps):
    data = report.wijk_pdf(PACKAGE, *entries, [wijk_id], today=TODAY, maps=[maps[wijk_id]])
    assert data.startswith(b"%PDF")
    assert page_sizes(data) == [pytest.approx(A4, abs=0.5)]
    text = " ".join(pdf_text(data)[0].split())
    name = PACKAGE.wijken.loc[wijk_id, "naam"]
    assert name in text
    for figure in ind.key_figures(PACKAGE.cijfers, PACKAGE.indicatoren, "wijk", wijk_id):
        if figure.value is not None:
            shown = fmt.value(figure.value, figure.unit, "nl").replace("\u00a0", " ")
            assert shown + ("*" if figure.illustrative else "") in text, (figure.indicator, shown)
        assert PACKAGE.indicatoren.loc[figure.indicator, "label_nl"] in text
        assert str(figure.year) in text
    money = budget(PACKAGE.wijken, wijk_id)
    for amount in (money.ceiling, money.cut_2014, money.after_cut):
        assert fmt.money(amount, "nl").replace("\u00a0", " ") in text
    for section in ("gebeurt", "netwerk", "nodig"):
        assert t(f"section.{section}", "nl") in text
    assert "Stand van de gegevens" in text and "30-11-2026" in text
    assert "illustratief" in text  # the package's housing figures are illustrative
    leaked = [secret for secret in SECRETS + EDITORS if secret in text]
    assert not leaked, leaked


def test_all_wijken_in_one_file_one_page_each_in_class_order(entries, maps):
    data = report.wijk_pdf(PACKAGE, *entries, WIJKEN, today=TODAY, maps=[maps[w] for w in WIJKEN])
    pages = pdf_text(data)
    assert len(pages) == len(WIJKEN) == 15
    assert page_sizes(data) == [pytest.approx(A4, abs=0.5)] * 15
    for number, (wijk_id, text) in enumerate(zip(WIJKEN, pages), start=1):
        assert PACKAGE.wijken.loc[wijk_id, "naam"] in text
        assert f"pagina {number} van 15" in text


def test_a_later_page_has_no_colour_left_from_the_page_before(entries):
    """The coloured section bars at the bottom of a page do not fill the tables of the next one."""
    data = report.wijk_pdf(PACKAGE, *entries, ["selwerd", "korrewegwijk"], maps=[None, None])
    document = pdfium.PdfDocument(data)
    try:
        image = document[1].render(scale=1).to_pil().convert("RGB")
    finally:
        document.close()
    mm = 72 / 25.4
    tables = image.crop((round(14 * mm), round(55 * mm), round(114 * mm), round(150 * mm)))
    orange = sum(n for n, (r, g, b) in tables.getcolors(maxcolors=1_000_000) if r > 180 and g < 140 and b < 60)
    assert orange < 0.01 * tables.width * tables.height


def test_the_privacy_check_can_fail(entries, maps):
    """The text the checks read is the page's: an entry title shows up, so a leaked name would too."""
    items, links = entries
    title = items[(items["wijk_id"] == "selwerd") & (items["sectie"] == "gebeurt")].iloc[0]["titel"]
    text = " ".join(pdf_text(report.wijk_pdf(PACKAGE, items, links, ["selwerd"], maps=[maps["selwerd"]]))[0].split())
    assert title in text


def test_no_person_on_the_page_even_when_public(entries):
    items, links = entries
    person = items[items["soort"] == "persoon"].iloc[0]
    page = wijk_report(PACKAGE, items, links, person["wijk_id"])
    titles = [entry.title for section in page.sections for entry in section.entries]
    assert person["titel"] not in titles
    assert all(entry.facts.count("persoon") == 0 for section in page.sections for entry in section.entries)


def test_open_entries_first_and_the_rest_counted(entries):
    items, links = entries
    page = wijk_report(PACKAGE, items, links, "korrewegwijk")
    happening = page.sections[0]
    flags = [entry.open for entry in happening.entries]
    assert flags == sorted(flags, reverse=True) and flags[0]
    shown = len(happening.entries) + happening.hidden
    assert shown == ((items["wijk_id"] == "korrewegwijk") & (items["sectie"] == "gebeurt")).sum()


def test_an_empty_wijk_invites_and_a_missing_map_says_so(entries):
    items, links = entries
    empty = PACKAGE.wijken[~PACKAGE.wijken.index.isin(items["wijk_id"])].index[0]  # Tuinwijk, Grunobuurt
    text = " ".join(pdf_text(report.wijk_pdf(PACKAGE, items, links, [empty], maps=[None]))[0].split())
    assert t("report.no_map", "nl") in text
    assert "Nog niets openbaar vastgelegd" in text  # the report holds public entries only
    assert t("section.purpose.nodig", "nl") in text  # and says what would go in the section


def test_without_decisions_the_page_says_none_are_recorded(entries):
    page = wijk_report(PACKAGE, *entries, "selwerd")
    assert page.decisions == (t("report.no_decisions", "nl"),)
    assert t("bud.granted", "nl") not in dict(page.budget_lines)


def _decisions(tmp_path, *rows: dict) -> pd.DataFrame:
    """Decisions recorded in a real store (as /budget does), then read back as the report gets them."""
    store = EntryStore.open(PACKAGE, f"sqlite:///{tmp_path}/decisions.sqlite")
    decisions = DecisionStore(store.engine)
    for row in rows:
        decisions.record(row.pop("wijk_id"), {"criteria": dict.fromkeys(PACKAGE.facts.criteria.keys, True),
                                              "besloten_door": "Comité Q", "motivering": "Openbare motivering.",
                                              "boven_budget": False, **row}, "Fatima de Vries")
    frame = decisions.frame()
    store.engine.dispose()
    return frame


def test_the_wijks_decisions_are_on_its_page_newest_first_with_granted_and_remaining(entries, tmp_path):
    decisions = _decisions(
        tmp_path,
        {"wijk_id": "selwerd", "item_id": "selwerd-nodig-wijkbedrijf-start", "uitkomst": "toegekend",
         "bedrag": 12_000, "datum": dt.date(2014, 2, 3)},
        {"wijk_id": "selwerd", "item_id": "selwerd-nodig-groen-afspraken", "uitkomst": "afgewezen",
         "bedrag": 0, "datum": dt.date(2014, 5, 6)},
        {"wijk_id": "beijum", "item_id": "selwerd-nodig-wijkbedrijf-start", "uitkomst": "toegekend",
         "bedrag": 99_000, "datum": dt.date(2014, 6, 1)})
    page = wijk_report(PACKAGE, *entries, "selwerd", decisions=decisions)
    assert page.decisions == (
        f"afgewezen {fmt.money(0)} · Afspraken met de gemeente over onderhoudsniveau en verantwoordelijkheid, 06-05-2014",
        f"toegekend {fmt.money(12_000)} · Startbudget voor het wijkbedrijf: begeleiding en gereedschap, 03-02-2014")
    money = dict(page.budget_lines)
    after_cut = budget(PACKAGE.wijken, "selwerd").after_cut
    assert money[t("bud.granted", "nl")] == fmt.money(12_000)  # beijum's grant is not selwerd's
    assert money[t("bud.remaining", "nl")] == fmt.money(after_cut - 12_000)
    text = " ".join(pdf_text(report.wijk_pdf(PACKAGE, *entries, ["selwerd"], maps=[None], decisions=decisions))[0]
                    .split())
    assert "toegekend € 12.000 · Startbudget voor het wijkbedrijf" in text
    assert "Fatima" not in text and "Comité Q" not in text  # who decided or recorded it is not printed


def test_many_decisions_are_counted_after_the_newest(entries, tmp_path):
    rows = [{"wijk_id": "selwerd", "item_id": "selwerd-nodig-wijkbedrijf-start", "uitkomst": "toegekend",
             "bedrag": 100 * day, "datum": dt.date(2014, 1, day)} for day in range(1, 8)]
    page = wijk_report(PACKAGE, *entries, "selwerd", decisions=_decisions(tmp_path, *rows))
    assert len(page.decisions) == 5 and page.decisions[0].startswith(f"toegekend {fmt.money(700)} ")
    assert page.decisions[-1] == "+ 3 besluiten meer op de budgetpagina"


def test_english_report(entries, maps):
    text = pdf_text(report.wijk_pdf(PACKAGE, *entries, ["beijum"], lang="en", maps=[maps["beijum"]]))[0]
    assert "Key figures" in text and "What is happening" in text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_key_figures_column_headings_are_not_broken_over_lines(entries, lang):
    """"source" was 'sour' over 'ce': its column was narrower than the word at the headings' size."""
    lines = pdf_text(report.wijk_pdf(PACKAGE, *entries, ["hoogkerk"], lang=lang, maps=[None]))[0].split("\n")
    heading = lines.index(t("report.key_figures", lang))
    first_row = next(at for at, line in enumerate(lines) if line.endswith("[1]"))
    assert " ".join(lines[heading + 1:first_row]).split() == [t("report.year", lang), t("report.source", lang)]


def test_the_open_kansen_and_bedreigingen_are_on_the_page_short_and_without_names(entries, outlook):
    text = " ".join(pdf_text(report.wijk_pdf(PACKAGE, *entries, ["selwerd"], maps=[None], outlook=outlook))[0]
                    .split())
    assert "Kansen en bedreigingen" in text and "Bedreigingen" in text
    assert "09-02-2014 · Testkans: de nieuwste" in text and "06-02-2014 · Testregel: een lange" in text and "04-02-2014 · Testbedreiging: sluiting" in text
    assert "+ 1 meer op de wijkpagina" in text  # four kansen, three on the page
    assert "zonder de secties eronder te verdringen" not in text  # a long line is cut short
    assert not [name for name in EDITORS if name in text]


def test_without_kansen_the_page_says_none_are_recorded(entries):
    text = " ".join(pdf_text(report.wijk_pdf(PACKAGE, *entries, ["tuinwijk"], maps=[None]))[0].split())
    assert t("out.empty", "nl") in text


@pytest.mark.parametrize("wijk_id", ["selwerd", "korrewegwijk", "de-wijert", "tuinwijk"])
def test_page_renders_to_png_for_a_look(wijk_id, entries, maps, outlook):
    """The page as a printer would see it, saved for a person to look at (test-output/report/)."""
    data = report.wijk_pdf(PACKAGE, *entries, [wijk_id], today=TODAY, maps=[maps[wijk_id]], outlook=outlook)
    document = pdfium.PdfDocument(data)
    try:
        image = document[0].render(scale=150 / 72).to_pil().convert("RGB")
    finally:
        document.close()
    OUTPUT.mkdir(parents=True, exist_ok=True)
    image.save(OUTPUT / f"{wijk_id}.png")
    width, height = image.size
    assert width == pytest.approx(A4[0] * 150 / 72, abs=1) and height == pytest.approx(A4[1] * 150 / 72, abs=1)
    right_margin = image.crop((width - 20, 0, width, height))  # nothing cut off at the right edge
    assert right_margin.getextrema() == ((255, 255), (255, 255), (255, 255))


# --- the command line ------------------------------------------------------------------------------

def test_cli_writes_one_wijk(tmp_path, capsys, monkeypatch):
    from nla_data.__main__ import main

    monkeypatch.setenv("NLA_DATABASE_URL", f"sqlite:///{tmp_path}/cli.sqlite")
    out = tmp_path / "selwerd.pdf"
    assert main(["report", "Selwerd", str(out)]) == 0  # a name as typed works too
    assert "1 pagina geschreven" in capsys.readouterr().out
    assert len(pdf_text(out.read_bytes())) == 1 and "Selwerd" in pdf_text(out.read_bytes())[0]
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


def test_cli_writes_all_wijken(tmp_path, capsys, monkeypatch, maps):
    from nla_data.__main__ import main

    monkeypatch.setenv("NLA_DATABASE_URL", f"sqlite:///{tmp_path}/cli.sqlite")
    monkeypatch.setattr(report, "map_images", lambda pkg, ids, lang="nl": [maps[w] for w in ids])  # drawn above
    out = tmp_path / "alle-wijken.pdf"
    assert main(["report", "all", str(out)]) == 0
    assert "15 pagina's geschreven" in capsys.readouterr().out
    assert len(pdf_text(out.read_bytes())) == 15


@pytest.mark.parametrize("wijk, where, message", [
    ("nergens", "ok.pdf", "Onbekende wijk 'nergens'. Kies een van: "),
    ("selwerd", "geen-map/uit.pdf", "bestaat niet. Er is niets geschreven."),
    ("selwerd", ".", "dat is een map. Er is niets geschreven."),
])
def test_cli_refuses_with_a_dutch_message(tmp_path, capsys, monkeypatch, wijk, where, message):
    from nla_data.__main__ import main

    monkeypatch.setattr(report, "wijk_pdf", lambda *a, **k: pytest.fail("nothing is made"))
    before = sorted(tmp_path.rglob("*"))
    assert main(["report", wijk, str(tmp_path / where)]) == 1
    captured = capsys.readouterr()
    assert message in captured.err and "Traceback" not in captured.err
    assert sorted(tmp_path.rglob("*")) == before


# --- the wijk page -----------------------------------------------------------------------------------

@pytest.mark.parametrize("page", ["wijk", "budget"])
def test_wijk_and_budget_page_make_the_report_on_click(monkeypatch, maps, page):
    from tests.apptest import open_page
    from ui import downloads

    made = []

    def fake_maps(pkg, ids, lang="nl"):
        made.append(tuple(ids))
        return [maps[w] for w in ids]

    monkeypatch.setattr(report, "map_images", fake_maps)
    downloads._report_pdf.clear()  # noqa: SLF001 - made once per key for every page: start from nothing
    at = open_page(page, wijk="beijum")
    assert not at.exception
    button = at.button(key="btn-report:beijum")
    assert button.label == t("report.make", "nl") and made == []  # nothing made before the click
    at = button.click().run()
    assert not at.exception
    assert made == [("beijum",)]
    assert "download-report-beijum" in str(at.get("download_button"))


def test_the_budget_page_for_the_city_makes_one_pdf_of_every_wijk(monkeypatch, maps):
    from tests.apptest import open_page
    from ui import downloads

    made, pdfs = [], []
    real_pdf = report.wijk_pdf

    def fake_maps(pkg, ids, lang="nl"):
        made.append(tuple(ids))
        return [maps[w] for w in ids]

    def keep_pdf(*args, **kwargs):
        pdfs.append(real_pdf(*args, **kwargs))
        return pdfs[-1]

    monkeypatch.setattr(report, "map_images", fake_maps)
    monkeypatch.setattr(report, "wijk_pdf", keep_pdf)
    downloads._report_pdf.clear()  # noqa: SLF001 - start from nothing
    at = open_page("budget")
    assert not at.exception
    button = at.button(key="btn-report:alle-wijken")
    assert button.label == "Rapport van alle 15 wijken maken (PDF)" and made == []
    at = button.click().run()
    assert not at.exception
    assert made == [tuple(WIJKEN)]  # every wijk, in the package's order, in one go
    assert "download-report-alle-wijken" in str(at.get("download_button"))
    (pdf,) = pdfs
    pages = pdf_text(pdf)
    names = PACKAGE.wijken.loc[WIJKEN, "naam"]
    assert len(pages) == 15 and all(name in page for name, page in zip(names, pages, strict=True))
    assert all(width < height for width, height in page_sizes(pdf))  # A4 portrait, page after page


def test_the_report_is_dated_by_groningens_day_on_the_page_and_the_command_line(monkeypatch, maps, tmp_path):
    """The report's "Gemaakt op" is Groningen's date (nla_data.store.now), as every moment the store writes: a
    machine on UTC is still on yesterday just after midnight there, and a report made then said it was made before
    its newest edit."""
    import nla_data.store
    from nla_data.__main__ import main
    from tests.apptest import open_page
    from ui import downloads

    groningen = dt.datetime(2031, 1, 2, 0, 30)  # a day this machine's clock is not on
    dated = []
    real_pdf = report.wijk_pdf

    def keep_date(*args, **kwargs):
        dated.append(kwargs["today"])
        return real_pdf(*args, **kwargs)

    monkeypatch.setattr(report, "map_images", lambda pkg, ids, lang="nl": [maps[w] for w in ids])
    monkeypatch.setattr(report, "wijk_pdf", keep_date)
    monkeypatch.setattr(nla_data.store, "now", lambda: groningen)
    monkeypatch.setattr(downloads, "now", lambda: groningen)
    downloads._report_pdf.clear()  # noqa: SLF001 - start from nothing
    at = open_page("wijk", wijk="beijum")
    at.button(key="btn-report:beijum").click().run()
    assert not at.exception
    monkeypatch.setenv("NLA_DATABASE_URL", f"sqlite:///{tmp_path}/cli.sqlite")
    out = tmp_path / "beijum.pdf"
    assert main(["report", "beijum", str(out)]) == 0
    assert dated == [dt.date(2031, 1, 2)] * 2
    assert "Gemaakt op 02-01-2031." in pdf_text(out.read_bytes())[0].replace("\r\n", " ").replace("\n", " ")
