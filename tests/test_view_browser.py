"""The HTML view in a real browser: Debian's chromium, headless, driven by Playwright.

`make test` installs chromium (apt) and Playwright (PyPI); Playwright never downloads a browser here.
Screenshots for a person to look at are written to build/screenshots/.
"""
from pathlib import Path

import pytest

from kg.network import read_network
from kg.stores import open_store
from kg.view import write_view
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
        """Move the mouse onto a node and return the tooltip's text."""
        self.page.mouse.move(*self._point(node_id))
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
    assert "Связи\nАтака → объект воздействия" in details


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
