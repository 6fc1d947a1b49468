"""The view's event table in a real browser (chromium through Playwright, as tests/test_view_browser.py): one row
per event the other panels keep, sortable, a row selects its event, CSV of the rows shown, both languages.
Screenshots for a person to look at are written to build/screenshots/."""
import csv
import io

import pytest

from kg.stores import open_store
from kg.view import write_view
from test_view_browser import HOSTILE_LABEL, SHOTS, Page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def seed_page(browser, seed_store, tmp_path_factory):
    html = tmp_path_factory.mktemp("events") / "seed.html"
    write_view(open_store(seed_store, read_only=True), html)
    page = Page(browser, html)
    page.page.wait_for_function("window.kgEvents && kgTimeline.isDrawn()", timeout=30_000)
    yield page
    page.close()


@pytest.fixture(autouse=True)
def every_filter_off(seed_page):
    """Each test starts from the whole table, whatever the one before it left."""
    yield
    seed_page.page.select_option("#language", "ru")
    seed_page.js("""() => { kgTimeline.showAll();
        Object.keys(kgView.data.classes).forEach(c => kgView.setClassVisible(c, true)); }""")
    seed_page.page.locator("#map-all").click()


def table(page) -> list[list[str]]:
    """The table as the analyst reads it: the header, then each row's cells."""
    return page.js("""[...document.querySelectorAll('#event-table tr')]
                      .map(tr => [...tr.children].map(c => c.textContent))""")


def test_every_event_is_a_row_with_its_roles_place_and_source(seed_page):
    rows = table(seed_page)
    assert rows[0] == ["Дата ▲", "Класс", "Кто", "Кого / с кем", "Где", "Источник", "Предложение", "Сообщений"]
    assert {r[7] for r in rows[1:]} == {"1"}          # the seed merges no events
    assert len(rows) == 1 + 19
    assert seed_page.page.locator("#events-status").inner_text() == "показано событий: 19 из 19"
    headline = "2026-01-22 · Замминистра МИД Казахстана: у Украины позиции нет по атакам ВСУ на КТК"
    assert rows[2][:6] == ["2025-09-01 – 2025-11-30", "Атака", "Украина", "объект воздействия: объекты консорциума",
                           "Новороссийск", headline]
    assert rows[3][:5] == ["2026-01-01 – 2026-01-31", "Атака", "Украина",
                           "объект воздействия: Дельта Хармони, Матильда", "Черное море; морской терминал в Новороссийске"]
    assert rows[3][6].startswith("В январе 2026 года Украина атаковала танкеры")
    # dated only by the report: marked so; the one event with no date at all comes last
    assert seed_page.js("document.querySelectorAll('#event-table td.report-date').length") == 15
    assert rows[-1][:3] == ["", "Заявление", "Украина"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    seed_page.page.locator("#events-box").screenshot(path=str(SHOTS / "seed-event-table.png"))
    assert [u for u in seed_page.requests if not u.startswith(("file:", "data:"))] == []
    assert seed_page.errors == []


def test_a_click_on_a_header_sorts_and_again_reverses(seed_page):
    page = seed_page.page
    page.locator("#event-table th[data-column=cls]").click()
    classes = [r[1] for r in table(seed_page)[1:]]
    assert classes == sorted(classes, key=str.lower) and classes[0] == "Атака"
    page.locator("#event-table th[data-column=cls]").click()
    assert [r[1] for r in table(seed_page)[1:]] == classes[::-1]
    assert page.locator("#event-table th[data-column=cls]").get_attribute("aria-sort") == "descending"
    page.locator("#event-table th[data-column=date]").click()
    assert table(seed_page)[1][0] == "2025-01-01 – 2025-04-30"


def test_the_table_follows_the_legend_the_timeline_and_the_map(seed_page):
    seed_page.js("kgView.setClassVisible('https://w3id.org/energy-kg/ont#Statement', false)")
    assert "Заявление" not in [r[1] for r in table(seed_page)[1:]] and len(table(seed_page)) == 1 + 12
    seed_page.js("kgView.setClassVisible('https://w3id.org/energy-kg/ont#Statement', true)")
    seed_page.js("kgTimeline.setWindow('2025-08-01', '2025-12-31')")
    assert [r[0] for r in table(seed_page)[1:]] == ["2025-09-01 – 2025-11-30"]
    seed_page.page.locator("#timeline-all").click()
    seed_page.js("kgMap.showArea([[40, 45], [56, 90]])")          # Kazakhstan: the events at Новороссийск go
    assert "Новороссийск" not in [r[4] for r in table(seed_page)[1:]] and len(table(seed_page)) == 1 + 17
    seed_page.page.locator("#map-all").click()
    assert len(table(seed_page)) == 1 + 19


def test_a_row_selects_its_event_in_the_network(seed_page):
    row = seed_page.page.locator("#event-table tbody tr").nth(1)
    row.click()
    node = int(row.get_attribute("data-id"))
    assert seed_page.js("kgView.network.getSelectedNodes()") == [node]
    assert seed_page.js(f"kgView.data.nodes.find(n => n.id === {node}).kg.label_ru") == "Атака"
    assert row.get_attribute("class") == "selected"


def test_csv_of_the_rows_shown(seed_page):
    seed_page.js("kgView.setClassVisible('https://w3id.org/energy-kg/ont#Statement', false)")
    with seed_page.page.expect_download() as download:
        seed_page.page.locator("#events-csv").click()
    seed_page.js("kgView.setClassVisible('https://w3id.org/energy-kg/ont#Statement', true)")
    assert download.value.suggested_filename == "events.csv"
    text = download.value.path().read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0] == ["Дата", "Класс", "Кто", "Кого / с кем", "Где", "Источник", "Предложение", "Сообщений", "url",
                       "iri"]
    assert len(rows) == 1 + 12
    attack = next(r for r in rows if r[0] == "2026-01-01 – 2026-01-31")
    assert attack[1:5] == ["Атака", "Украина", "объект воздействия: Дельта Хармони, Матильда",
                           "Черное море; морской терминал в Новороссийске"]
    assert attack[7] == "1" and attack[9].startswith("https://w3id.org/energy-kg/id/doc/")


def test_english_headers_and_classes(seed_page):
    seed_page.page.select_option("#language", "en")
    rows = table(seed_page)
    assert rows[0][1:] == ["Class", "Who", "Whom / with whom", "Where", "Source", "Sentence", "Reports"]
    assert rows[0][0] in ("Date ▲", "Date ▼")
    assert "Attack" in [r[1] for r in rows[1:]]
    assert seed_page.page.locator("#events-title").inner_text() == "Events"
    seed_page.page.select_option("#language", "ru")
    assert table(seed_page)[0][1] == "Класс"


def test_document_text_and_urls_stay_inert(browser, tmp_path):
    """A label is text, and a source URL links only when it is a web address (never javascript:)."""
    from kg_fixtures import sample_document
    from test_kg_view import make_store

    doc = sample_document()
    doc.entities[2].label_ru = HOSTILE_LABEL                # Украина, the attack's agent
    doc.metadata = {"url": "javascript:window.__pwned=1"}
    html = tmp_path / "v.html"
    write_view(make_store(tmp_path / "s", doc), html)
    page = Page(browser, html)
    try:
        assert HOSTILE_LABEL in [cell for row in table(page) for cell in row]
        assert page.js("document.querySelectorAll('#event-table a, #event-table img').length") == 0
        page.page.locator("#event-table tbody td").first.click()
        assert page.js("window.__pwned") is None and page.errors == []
    finally:
        page.close()


def test_an_event_two_documents_report_is_one_row_of_two_reports(browser, tmp_path):
    """The reports of an ekg:MergedEvent are one node (kg.network): one row, "2" reports, the union of their roles;
    its details give the count and each report's sentence with its document."""
    from test_view_merged import SENTENCE, two_reports_store

    html = tmp_path / "merged.html"
    write_view(two_reports_store(tmp_path / "s"), html)
    page = Page(browser, html)
    try:
        page.page.wait_for_function("window.kgEvents && kgTimeline.isDrawn()", timeout=30_000)
        rows = table(page)
        assert [r[1] for r in rows[1:]].count("Атака") == 1 and len(rows) == 1 + 3    # the attack, two statements
        [attack] = [r for r in rows[1:] if r[1] == "Атака"]
        assert (attack[0], attack[2], attack[3], attack[7]) == (
            "2026-01-13", "Украина", "объект воздействия: Каспийский трубопроводный консорциум, Матильда", "2")
        assert sorted(r[7] for r in rows[1:]) == ["1", "1", "2"]
        assert page.page.locator("#events-status").inner_text() == "показано событий: 3 из 3"
        node = page.js("""+[...document.querySelectorAll('#event-table tbody tr')]
                          .find(tr => tr.children[1].textContent === 'Атака').dataset.id""")
        details = page.click(node)
        assert "\nсообщений: 2\n" in details and details.count(SENTENCE) == 2
        assert "Атака на танкер · 2026-01-14" in details and "Танкер «Матильда» атакован · 2026-01-14" in details
        assert page.js("kgTimeline.items.length") == 1 and page.errors == []     # the attack, once (statements: no date)
    finally:
        page.close()
