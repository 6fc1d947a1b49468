"""The HTML view in a real browser: Debian's chromium, headless, driven by Playwright.

`make test` installs chromium (apt) and Playwright (PyPI); Playwright never downloads a browser here.
Screenshots for a person to look at are written to build/screenshots/.
"""
from pathlib import Path

import pytest

from kg.network import read_network
from kg.stores import open_store
from kg.view import render_html, write_view
from kg_fixtures import EKG, sample_document
from test_kg_view import make_store

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "build" / "screenshots"
HOSTILE_LABEL = '<img src=x onerror="window.__pwned=1">'
HOSTILE_QUOTE = "</script><script>window.__pwned=2</script>"


class Page:
    """One opened view, with what it asked of the network and what went wrong in it."""

    def __init__(self, browser, html: Path):
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.requests, self.errors, self.dialogs = [], [], []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(html.as_uri())
        self.page.wait_for_function("window.kgView && kgView.isDrawn() && kgView.isStable()", timeout=60_000)

    def js(self, expression, arg=None):
        return self.page.evaluate(expression, arg)

    def node_id(self, label_ru: str) -> int:
        return self.js("l => kgView.data.nodes.find(n => n.kg.label_ru === l).id", label_ru)

    def _point(self, node_id: int) -> tuple[float, float]:
        """Where the node is on the screen (after zooming onto it)."""
        self.js("id => kgView.network.focus(id, {scale: 1.5, animation: false})", node_id)
        box = self.page.locator("#network canvas").bounding_box()
        point = self.js("id => kgView.network.canvasToDOM(kgView.network.getPositions([id])[id])", node_id)
        return box["x"] + point["x"], box["y"] + point["y"]

    def hover(self, node_id: int) -> str:
        """Move the mouse onto a node (from the canvas's empty corner: vis-network says hover on entering a
        node, not while the mouse stays on it) and return the tooltip's text."""
        point = self._point(node_id)
        box = self.page.locator("#network canvas").bounding_box()
        self.page.mouse.move(box["x"] + 3, box["y"] + 3)
        self.page.mouse.move(*point)
        tip = self.page.locator("#tooltip")
        tip.wait_for(state="visible", timeout=10_000)
        return tip.inner_text()

    def click(self, node_id: int) -> str:
        """Click a node and return the details panel's text."""
        self.page.mouse.click(*self._point(node_id))
        return self.page.locator("#details").inner_text()

    def close(self):
        self.page.close()


@pytest.fixture(scope="module")
def seed_view(browser, seed_store, tmp_path_factory):
    html = tmp_path_factory.mktemp("view") / "seed.html"
    store = open_store(seed_store, read_only=True)
    counts = write_view(store, html)
    graph = read_network(store)
    del store
    page = Page(browser, html)
    yield page, graph, counts
    page.close()


def test_seed_view_draws_the_whole_graph(seed_view):
    page, graph, counts = seed_view
    assert counts == (graph.number_of_nodes(), graph.number_of_edges())
    assert page.js("[kgView.data.nodes.length, kgView.data.edges.length]") == list(counts)
    # what vis-network actually placed on the canvas
    assert page.js("[kgView.network.body.nodeIndices.length, kgView.network.body.edgeIndices.length]") == list(counts)
    assert page.page.locator("#status").inner_text() == (
        f"показано узлов: {counts[0]} из {counts[0]}, связей: {counts[1]} из {counts[1]}")
    painted = page.js("""() => { const c = document.querySelector('#network canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i + 3] && (d[i] < 200 || d[i + 1] < 200)) n++; return n; }""")
    assert painted > 5000, "the canvas is (nearly) blank"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(SHOTS / "seed-view.png"))
    assert [u for u in page.requests if not u.startswith(("file:", "data:"))] == []
    assert page.errors == []


def test_tooltip_shows_labels_class_and_source(seed_view):
    page = seed_view[0]
    tip = page.hover(page.node_id("Алибек Бакаев"))
    assert tip.startswith("Алибек Бакаев\nПерсона\n")
    assert "Об этом заявил заместитель министра иностранных дел Казахстана Алибек Бакаев" in tip
    assert "Замминистра МИД Казахстана: у Украины позиции нет по атакам ВСУ на КТК · 2026-01-22" in tip
    assert tip.rstrip().endswith("https://w3id.org/energy-kg/id/entity/alibek-bakayev")


def test_click_shows_every_source_and_link(seed_view):
    page = seed_view[0]
    details = page.click(page.node_id("Delta Supreme"))
    assert details.startswith("Delta Supreme\nСудно\n")
    assert "Источники Reuters сообщали об атаке и на третье судно — Delta Supreme — по пути к терминалу КТК." in details
    assert "Связи\nАтака · 2026-01-22 · Украина → объект воздействия" in details   # an event by its caption


def test_search_in_russian_and_english(seed_view):
    page = seed_view[0]
    search = page.page.locator("#search")
    search.fill("ктк")
    assert "Каспийский трубопроводный консорциум — Консорциум" in page.page.locator("#results").inner_text().split("\n")
    cpc = page.node_id("Каспийский трубопроводный консорциум")
    assert cpc in page.js("kgView.network.getSelectedNodes()")
    search.fill("KAZAKHSTAN")
    assert page.page.locator("#results li").first.inner_text() == "Казахстан — Государство"
    selected = page.js("kgView.network.getSelectedNodes()")
    assert page.node_id("Казахстан") in selected and len(selected) == page.page.locator("#results li").count()
    search.fill("")


def test_class_filter_and_language(seed_view):
    page, graph, (n_nodes, _) = seed_view
    tankers = sorted(d["label_ru"] for _, d in graph.nodes(data=True) if d["cls"] == EKG + "Tanker")
    assert tankers == ["Дельта Хармони", "Матильда"]
    box = page.page.locator(f'#legend input[data-class="{EKG}Tanker"]')
    box.uncheck()
    assert page.js("kgView.visibleNodeIds().length") == n_nodes - 2
    assert page.js("kgView.network.body.nodeIndices.length") == n_nodes - 2
    box.check()
    assert page.js("kgView.visibleNodeIds().length") == n_nodes
    isolated = sum(1 for n in graph if graph.degree(n) == 0)
    assert isolated > 0
    page.page.check("#connected")
    assert page.js("kgView.visibleNodeIds().length") == n_nodes - isolated
    page.page.uncheck("#connected")
    page.page.select_option("#language", "en")
    assert page.js("kgView.nodes.get(%d).label" % page.node_id("Казахстан")) == "Kazakhstan"
    assert "Tanker" in page.page.locator("#legend").inner_text()
    page.page.select_option("#language", "ru")


def test_date_range_filter(browser, tmp_path):
    """The attack happened on 13 January, the statement was published on the 14th."""
    store = make_store(tmp_path / "s")
    html = tmp_path / "v.html"
    write_view(store, html)
    page = Page(browser, html)
    attack, statement = page.node_id("Атака"), page.node_id("Заявление")
    page.page.fill("#date-from", "2026-01-14")
    page.page.dispatch_event("#date-from", "change")
    visible = page.js("kgView.visibleNodeIds()")
    assert statement in visible and attack not in visible and len(visible) == 5
    page.js("kgView.setDateRange('2026-01-01', '2026-01-13')")
    visible = page.js("kgView.visibleNodeIds()")
    assert visible == [attack]
    page.js("kgView.setDateRange('', '')")
    assert len(page.js("kgView.visibleNodeIds()")) == 6
    page.page.check("#connected")       # every node of the sample has a link: nothing hides
    assert len(page.js("kgView.visibleNodeIds()")) == 6
    page.close()


def test_a_date_range_may_hide_the_nodes_without_a_date(seed_view):
    """Issue 18: a date range kept every undated node, so on a corpus of undated articles it filtered almost
    nothing. It still keeps them by default (an undated node is not known to be outside the range), and
    "hide nodes without a date" hides them while a range is set."""
    page, graph, (n_nodes, n_edges) = seed_view
    undated = page.js("kgView.data.nodes.filter(n => !(n.kg.dates || []).length).map(n => n.id)")
    assert undated
    assert page.page.locator("label:has(#undated)").inner_text() == "скрыть узлы без даты"
    page.js("kgView.setDateRange('2026-01-01', '2026-12-31')")
    assert set(undated) <= set(page.js("kgView.visibleNodeIds()"))
    page.page.check("#undated")
    assert not set(undated) & set(page.js("kgView.visibleNodeIds()"))
    page.page.locator("#timeline-all").click()                # no range: nothing is hidden for its dates
    assert len(page.js("kgView.visibleNodeIds()")) == n_nodes
    page.page.uncheck("#undated")
    page.page.select_option("#language", "en")
    assert page.page.locator("label:has(#undated)").inner_text() == "hide nodes without a date"
    page.page.select_option("#language", "ru")


def test_a_construct_querys_facts_follow_the_page_language(browser, tmp_path):
    """A literal a CONSTRUCT gives a node is in its tooltip under the property's label in the page's language."""
    store = make_store(tmp_path / "s")
    html = tmp_path / "v.html"
    write_view(store, html, sparql='CONSTRUCT { ?t ekg:quote "удар по танкеру" } WHERE { ?e ekg:target ?t }')
    page = Page(browser, html)
    matilda = page.node_id("Матильда")
    assert "\nцитата: удар по танкеру\n" in page.hover(matilda)
    page.page.select_option("#language", "en")
    assert "\nquote: удар по танкеру\n" in page.hover(matilda)
    assert page.errors == []
    page.close()


def test_hostile_text_is_shown_not_run(browser, tmp_path):
    doc = sample_document()
    doc.entities[3].label_ru = HOSTILE_LABEL           # the tanker
    doc.events[0].quote = HOSTILE_QUOTE
    store = make_store(tmp_path / "s", doc)
    html = tmp_path / "v.html"
    write_view(store, html)
    page = Page(browser, html)
    tanker = page.node_id(HOSTILE_LABEL)
    assert page.hover(tanker).startswith(HOSTILE_LABEL + "\n")
    assert page.click(tanker).startswith(HOSTILE_LABEL + "\n")
    assert HOSTILE_QUOTE in page.hover(page.node_id("Заявление"))
    page.page.locator("#search").fill("<img")
    assert page.page.locator("#results").inner_text().startswith(HOSTILE_LABEL)
    assert page.js("window.__pwned === undefined") is True
    assert page.page.locator("#details img, #results img, #tooltip img").count() == 0
    assert page.dialogs == [] and page.errors == []
    assert [u for u in page.requests if not u.startswith(("file:", "data:"))] == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(SHOTS / "hostile-text.png"))
    page.close()


CYRILLIC_WORD = r"[А-Яа-яЁё]+"


def test_one_language_at_a_time(seed_view):
    """English switches every word of the page's own: title, controls, legend, status, canvas and edge
    labels, tooltips, the details panel; Russian switches them back."""
    import re
    page, graph, (n_nodes, n_edges) = seed_view
    bakayev = page.node_id("Алибек Бакаев")
    page.page.select_option("#language", "en")
    assert page.js("[document.documentElement.lang, document.title]") == ["en", "Energy security knowledge graph"]
    assert page.page.locator("header").inner_text().startswith(
        f"Energy security knowledge graph\n{n_nodes} of {n_nodes} nodes, {n_edges} of {n_edges} edges shown")
    # the only Russian word left among the controls is the language's own name in the language menu
    assert re.findall(CYRILLIC_WORD, page.page.locator("#controls").inner_text()) == ["русский"]
    assert page.js("document.getElementById('search').placeholder") == "КТК, Kazakhstan, tanker…"
    assert page.page.locator("#details").inner_text() == "Click a node or an edge to see where it comes from."
    edge_labels = page.js("kgView.edges.get().map(e => e.label)")
    assert {"has place", "agent"} <= set(edge_labels) and "hasPlace" not in edge_labels   # SEM's too
    assert not [l for l in edge_labels if re.search(CYRILLIC_WORD, l)]
    captions = page.js("kgView.nodes.get().map(n => n.label)")
    assert "Kazakhstan" in captions and not [c for c in captions if c.startswith(("Атака", "Заявление"))]
    assert any(re.fullmatch(r"Attack · 2026-01-\d\d · .+", c) for c in captions)
    tip = page.hover(bakayev)
    assert tip.startswith("Alibek Bakayev\nPerson\n") and "Об этом заявил" in tip   # the sentence stays as written
    details = page.click(bakayev)
    assert details.startswith("Alibek Bakayev\nPerson\n") and "\nLinks\n" in details
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(SHOTS / "seed-view-en.png"))
    page.page.select_option("#language", "ru")
    assert page.js("document.documentElement.lang") == "ru"
    assert "Участники" in page.page.locator("#legend").inner_text() and "Actors" not in page.page.locator("#controls").inner_text()
    assert page.hover(bakayev).startswith("Алибек Бакаев\nПерсона\n")
    edge_labels = page.js("kgView.edges.get().map(e => e.label)")
    assert "место" in edge_labels and not [l for l in edge_labels if re.search("[A-Za-z]", l)]


def fills_canvas(page, low: float, high: float) -> bool:
    """The shown nodes span the canvas's width or its height, whichever binds the fit (the timeline and the map
    below the network take part of the page's height)."""
    box = page.js("""() => { const ids = kgView.visibleNodeIds(), p = kgView.network.getPositions(ids);
        const d = ids.map(i => kgView.network.canvasToDOM(p[i])), xs = d.map(q => q.x), ys = d.map(q => q.y);
        return [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)]; }""")
    canvas = page.page.locator("#network canvas").bounding_box()
    w, h = canvas["width"], canvas["height"]
    return (0 <= box[0] < w * low and w * high < box[1] <= w) or (0 <= box[2] < h * low and h * high < box[3] <= h)


def test_search_by_lemma_and_in_sentences(seed_view):
    page = seed_view[0]
    search, results = page.page.locator("#search"), page.page.locator("#results")
    search.fill("бакаеву")                        # dative: pymorphy3's forms of the label's words
    assert results.locator("li").first.inner_text() == "Алибек Бакаев — Персона"
    search.fill("Казахстаном")
    found = results.inner_text().split("\n")
    assert {"Казахстан — Государство", "Западный Казахстан — Место", "МИД Казахстана — Государственный орган"} <= set(found)
    assert page.js("kgView.searchHits('Казахстаном').labels.length") == len([f for f in found if "(в предложении" not in f])
    search.fill("заместителю")        # the post's label, and Bakayev's sentence «заявил заместитель министра»
    hits = results.locator("li[data-match=sentence]")
    assert "Алибек Бакаев — Персона (в предложении источника)" in hits.all_inner_texts()
    assert results.locator("li[data-match=label]").all_inner_texts() == [
        "заместитель министра иностранных дел Казахстана — Должность"]
    assert page.page.locator("#tooltip").is_hidden()      # none left over from an earlier hover
    assert page.node_id("Алибек Бакаев") in page.js("kgView.network.getSelectedNodes()")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(SHOTS / "search-lemma.png"))
    search.fill("")


def test_a_filter_lays_the_rest_out_again(seed_view):
    """"Only nodes with links" hides the isolated nodes and lays the others out anew, then stays still."""
    page, graph, (n_nodes, _) = seed_view
    before = page.js("kgView.network.getPositions()")
    layouts = page.js("kgView.layouts()")
    page.page.check("#connected")
    page.page.wait_for_function(f"kgView.layouts() === {layouts + 1} && kgView.isStable()", timeout=60_000)
    after = page.js("kgView.network.getPositions()")
    shown = page.js("kgView.visibleNodeIds()")
    assert len(shown) == n_nodes - sum(1 for n in graph if graph.degree(n) == 0)
    moved = [i for i in shown if abs(after[str(i)]["x"] - before[str(i)]["x"]) + abs(after[str(i)]["y"] - before[str(i)]["y"]) > 5]
    assert len(moved) > len(shown) // 2
    # physics is off again (nodes stay where they are dragged) and the shown nodes fill the canvas
    assert page.js("kgView.network.physics.physicsEnabled") is False
    assert fills_canvas(page, 0.2, 0.8)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(SHOTS / "links-only-relayout.png"))
    page.page.uncheck("#connected")
    page.page.wait_for_function(f"kgView.layouts() === {layouts + 2} && kgView.isStable()", timeout=60_000)
    assert len(page.js("kgView.visibleNodeIds()")) == n_nodes


def test_a_large_graph_is_laid_out_again_without_physics(browser, seed_store, tmp_path):
    """Above the physics limit the filter's new layout is layout.js's grid Fruchterman-Reingold: the nodes
    move, fill the canvas, physics stays off, nothing fails."""
    store = open_store(seed_store, read_only=True)
    graph = read_network(store)
    del store
    html = tmp_path / "large.html"
    html.write_text(render_html(graph, physics_limit=10), encoding="utf-8")
    page = Page(browser, html)
    assert page.js("kgView.data.options.physics.enabled") is False
    before = page.js("kgView.network.getPositions()")
    page.page.check("#connected")
    assert page.js("[kgView.layouts(), kgView.isStable(), kgView.network.physics.physicsEnabled]") == [1, True, False]
    shown = page.js("kgView.visibleNodeIds()")
    after = page.js("kgView.network.getPositions()")
    assert len(shown) == sum(1 for n in graph if graph.degree(n))
    assert sum(1 for i in shown if after[str(i)] != before[str(i)]) == len(shown)
    assert fills_canvas(page, 0.25, 0.75)
    # linked nodes end up nearer each other than nodes in general
    mean = page.js("""() => { const p = kgView.network.getPositions(kgView.visibleNodeIds());
        const d = (a, b) => Math.hypot(p[a].x - p[b].x, p[a].y - p[b].y), ids = Object.keys(p);
        const linked = kgView.edges.get().filter(e => p[e.from] && p[e.to]).map(e => d(e.from, e.to));
        let all = 0, n = 0; for (const a of ids) for (const b of ids) if (a < b) { all += d(a, b); n++; }
        return [linked.reduce((s, v) => s + v, 0) / linked.length, all / n]; }""")
    assert mean[0] < mean[1] / 2
    assert page.errors == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(SHOTS / "large-relayout.png"))
    page.close()
