"""The view's timeline and map in a real browser (chromium through Playwright, as tests/test_view_browser.py):
they render offline with the seed, and filtering one filters the others and the network.
Screenshots for a person to look at are written to build/screenshots/."""
import pytest

from kg.network import read_network
from kg.spacetime import annotate
from kg.stores import open_store
from kg.view import write_view
from test_view_browser import SHOTS, Page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def seed_page(browser, seed_store, tmp_path_factory):
    html = tmp_path_factory.mktemp("spacetime") / "seed.html"
    store = open_store(seed_store, read_only=True)
    write_view(store, html)
    graph = annotate(store, read_network(store))
    del store
    page = Page(browser, html)
    page.page.wait_for_function("window.kgTimeline && kgTimeline.isDrawn()", timeout=30_000)
    yield page, graph
    page.close()


def ids_of(page, graph, test):
    """The page's node ids of the graph's nodes that pass `test`."""
    iris = {iri for iri, d in graph.nodes(data=True) if test(d)}
    return sorted(page.js("iris => kgView.data.nodes.filter(n => iris.includes(n.kg.iri)).map(n => n.id)", sorted(iris)))


def test_timeline_and_map_render_offline(seed_page):
    page, graph = seed_page
    dated = [d for _, d in graph.nodes(data=True) if d.get("when")]
    reported = [d for d in dated if d["when"]["source"] == "report date"]
    assert (len(dated), len(reported)) == (18, 15)
    # every dated event is an item drawn on the timeline, the report-dated ones marked
    assert page.js("document.querySelectorAll('#timeline .vis-item:not(.vis-dot):not(.vis-line)').length") == 18
    assert page.js("document.querySelectorAll('#timeline .vis-item.report-date:not(.vis-dot):not(.vis-line)').length") == 15
    assert page.page.locator("#timeline-status").inner_text() == \
        "показано датированных событий: 18 из 18 (по дате сообщения: 15); без даты: 1"
    assert "Атака · 2025-09-01 – 2025-11-30" in page.js("document.getElementById('timeline').textContent")
    # the basemap: Natural Earth's countries as SVG paths, and one circle per point
    points = {tuple(d["geo"][:2]) for _, d in graph.nodes(data=True) if d.get("geo")}
    assert len(points) == 7
    assert page.js("kgMap.markerCount()") == 7
    assert page.js("document.querySelectorAll('#map path.leaflet-interactive').length") == 176 + 7    # countries, circles
    assert page.page.locator("#map-status").inner_text() == "узлов с координатами: 9 из 9, точек: 7"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.page.wait_for_timeout(500)          # vis-timeline lays its items out in animation frames
    page.page.screenshot(path=str(SHOTS / "seed-timeline-map.png"))
    page.page.locator("#spacetime").screenshot(path=str(SHOTS / "seed-timeline-map-panels.png"))
    page.page.locator("#timeline-box").screenshot(path=str(SHOTS / "seed-timeline.png"))   # the README's
    page.page.locator("#map-box").screenshot(path=str(SHOTS / "seed-map.png"))
    assert [u for u in page.requests if not u.startswith(("file:", "data:"))] == []
    assert page.errors == []


def test_timeline_period_filters_network_and_map(seed_page):
    page, graph = seed_page
    everything = len(page.js("kgView.visibleNodeIds()"))
    report_dated = ids_of(page, graph, lambda d: d.get("when", {}).get("source") == "report date")
    autumn_attack = ids_of(page, graph, lambda d: d.get("when", {}).get("begin") == "2025-09-01")
    page.js("kgTimeline.setWindow('2025-08-01', '2025-12-31')")
    visible = set(page.js("kgView.visibleNodeIds()"))
    assert not visible & set(report_dated) and set(autumn_attack) <= visible
    assert page.page.locator("#date-from").input_value() == "2025-08-01"
    assert page.page.locator("#date-to").input_value() == "2025-12-30"
    # the map keeps only what the period keeps: the autumn attack at Новороссийск, and the places named then
    assert page.js("kgMap.markerCount()") < 7
    page.page.locator("#timeline-all").click()
    assert len(page.js("kgView.visibleNodeIds()")) == everything and page.js("kgMap.markerCount()") == 7


def test_dragging_the_timeline_filters_the_network(seed_page):
    """As an analyst would: drag the timeline to the left, so the report date (the latest) leaves the view."""
    page, graph = seed_page
    everything = len(page.js("kgView.visibleNodeIds()"))
    box = page.page.locator("#timeline .vis-panel.vis-top").bounding_box()      # the date axis
    y = box["y"] + box["height"] / 2
    page.page.mouse.move(box["x"] + 100, y)
    page.page.mouse.down()
    page.page.mouse.move(box["x"] + 100 + box["width"] * 0.6, y, steps=8)
    page.page.mouse.up()
    page.page.wait_for_function("document.getElementById('date-to').value !== ''")
    assert page.page.locator("#date-to").input_value() < "2026-01-22"
    assert len(page.js("kgView.visibleNodeIds()")) < everything
    page.page.locator("#timeline-all").click()
    assert len(page.js("kgView.visibleNodeIds()")) == everything


def test_map_area_filters_network_and_timeline(seed_page):
    page, graph = seed_page
    everything = len(page.js("kgView.visibleNodeIds()"))
    located_far = ids_of(page, graph, lambda d: d.get("geo") and not (40 <= d["geo"][0] <= 56 and 45 <= d["geo"][1] <= 90))
    unlocated = ids_of(page, graph, lambda d: not d.get("geo"))
    page.js("kgMap.showArea([[40, 45], [56, 90]])")          # Kazakhstan and round it
    visible = set(page.js("kgView.visibleNodeIds()"))
    assert set(unlocated) <= visible                          # a node without a point is not hidden by an area
    assert not visible & set(located_far)
    assert {page.node_id("Казахстан"), page.node_id("Астана")} <= visible
    assert page.node_id("Новороссийск") not in visible and page.node_id("Украина") not in visible
    # the two events at Новороссийск leave the timeline
    assert len(page.js("kgTimeline.shownIds()")) == 16
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(SHOTS / "seed-map-filter.png"))
    page.page.locator("#map-all").click()
    assert len(page.js("kgView.visibleNodeIds()")) == everything and len(page.js("kgTimeline.shownIds()")) == 18


def test_clicking_a_country_filters_to_it(seed_page):
    page, graph = seed_page
    everything = len(page.js("kgView.visibleNodeIds()"))
    page.js("""() => { kgMap.map.eachLayer(l => { if (l.feature && l.feature.properties.name === 'Kazakhstan')
                                                      l.fire('click'); }); }""")
    visible = set(page.js("kgView.visibleNodeIds()"))
    outside = page.js("""() => { const b = kgMap.map.getBounds();
        return kgView.data.nodes.filter(n => n.kg.geo && !b.contains([n.kg.geo[0], n.kg.geo[1]])).map(n => n.id); }""")
    assert page.js("kgMap.map.getBounds().contains([48.2, 67.3])") is True
    assert page.node_id("Астана") in visible and page.node_id("США") in outside and page.node_id("Россия") in outside
    assert not visible & set(outside)
    page.page.uncheck("#map-filter")                          # the filter off: everything again
    assert len(page.js("kgView.visibleNodeIds()")) == everything
    page.page.check("#map-filter")
    page.page.locator("#map-all").click()
    assert len(page.js("kgView.visibleNodeIds()")) == everything


def test_hostile_place_label_on_the_map_is_text(browser, tmp_path):
    """A place's label from a document reaches the map's tooltip as text, never as HTML."""
    from kg_fixtures import sample_document
    from test_kg_view import make_store
    from test_view_browser import HOSTILE_LABEL

    doc = sample_document()
    doc.entities[2].label_ru = HOSTILE_LABEL          # Украина: the lexicon's English name still places it
    html = tmp_path / "v.html"
    write_view(make_store(tmp_path / "s", doc), html)
    page = Page(browser, html)
    assert page.js("kgMap.markerCount()") == 1
    point = page.js("""() => { const [p] = kgMap.layer.getLayers(); const xy = kgMap.map.latLngToContainerPoint(p.getLatLng());
                               const box = document.getElementById('map').getBoundingClientRect();
                               return [box.x + xy.x, box.y + xy.y]; }""")
    page.page.mouse.move(*point)
    tip = page.page.locator(".leaflet-tooltip")
    tip.wait_for(state="visible", timeout=10_000)
    assert tip.inner_text() == HOSTILE_LABEL
    assert page.js("window.__pwned === undefined") is True
    assert page.page.locator("#map img, .leaflet-tooltip img").count() == 0
    assert page.errors == [] and [u for u in page.requests if not u.startswith(("file:", "data:"))] == []
    page.close()


def test_clicking_a_point_or_an_event_selects_it_in_the_network(seed_page):
    page, graph = seed_page
    astana = page.node_id("Астана")
    page.js("""id => { for (const p of kgMap.points.values())
                         if (p.nodes.some(n => n.id === id)) p.marker.fire('click'); }""", astana)
    assert page.js("kgView.network.getSelectedNodes()") == [astana]
    [autumn] = ids_of(page, graph, lambda d: d.get("when", {}).get("begin") == "2025-09-01")
    page.js("id => kgTimeline.timeline.emit('select', {items: [id], event: null})", autumn)   # as a click does
    assert page.js("kgView.network.getSelectedNodes()") == [autumn]


def test_the_language_switch_relabels_the_panels(seed_page):
    page, graph = seed_page
    page.page.select_option("#language", "en")
    text = page.js("document.getElementById('timeline').textContent")
    assert "Attack · 2025-09-01 – 2025-11-30" in text and "Атака" not in text
    astana = page.js("""() => { for (const p of kgMap.points.values())
        if (p.nodes.some(n => n.kg.label_ru === 'Астана')) return p.marker.getTooltip().getContent().textContent; }""")
    assert astana == "Astana"
    page.page.select_option("#language", "ru")
    assert "Атака · 2025-09-01 – 2025-11-30" in page.js("document.getElementById('timeline').textContent")


def test_the_panels_status_and_tooltips_speak_the_page_language(seed_page):
    """Issue 18: one language at a time, tooltips included: the timeline's and the map's status lines, an
    item's title, a point's tooltip and a country's name follow the page's language, not English always."""
    page, graph = seed_page
    tip = """() => { for (const p of kgMap.points.values())
        if (p.nodes.some(n => n.kg.label_ru === 'Новороссийск')) return p.marker.getTooltip().getContent().textContent; }"""
    country = """() => { let name; kgMap.map.eachLayer(l => { if (l.feature && l.feature.id === '398')
        name = l.getTooltip().getContent().textContent; }); return name; }"""
    title = """() => [...document.querySelectorAll('#timeline .vis-item-content span')].map(s => s.title)"""
    assert page.js("kgView.language()") == "ru"
    assert page.page.locator("#timeline-status").inner_text() == \
        "показано датированных событий: 18 из 18 (по дате сообщения: 15); без даты: 1"
    assert page.page.locator("#map-status").inner_text() == "узлов с координатами: 9 из 9, точек: 7"
    assert page.js(tip).startswith("Новороссийск") and "событий: 2: Атака" in page.js(tip)
    assert page.js(country) == "Казахстан"
    zoom = "[...document.querySelectorAll('#map .leaflet-control-zoom a')].map(a => a.title + '|' + a.ariaLabel)"
    assert page.js(zoom) == ["Приблизить|Приблизить", "Отдалить|Отдалить"]
    titles = page.js(title)
    assert "дата сообщения: в тексте даты нет" in titles and "сезон, по тексту: «осенью»" in titles
    page.page.select_option("#language", "en")
    assert page.page.locator("#timeline-status").inner_text() == \
        "18 of 18 dated events shown (15 by report date); 1 without a date"
    assert page.page.locator("#map-status").inner_text() == "9 of 9 located nodes at 7 points"
    assert page.js(tip).startswith("Novorossiysk") and "2 events: Attack" in page.js(tip)
    assert page.js(country) == "Kazakhstan" and page.js(zoom) == ["Zoom in|Zoom in", "Zoom out|Zoom out"]
    titles = page.js(title)
    assert "dated by the report: the text gives no date" in titles and "season given in the text: «осенью»" in titles
    page.page.select_option("#language", "ru")
    assert page.js(country) == "Казахстан" and page.js(tip).startswith("Новороссийск")
