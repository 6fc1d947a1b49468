"""Hostile text where a browser shows it: a document title, an entity label and an entity IRI in the view, and
the same in the answers of `kg serve`'s query form. Shown as text, never run, never a link."""
from __future__ import annotations

import pytest
from kg_fixtures import sample_document, stored
from test_kg_view import make_store
from test_serve import Served
from test_view_browser import Page

from kg.view import write_view

TITLE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> "} ; DROP ALL ; INSERT DATA {"'
LABEL = '<img src=x onerror="window.__pwned=3">'
IRI = "javascript:window.__pwned=4"      # a lexicon may give any IRI
pytestmark = pytest.mark.browser


def hostile_document():
    doc = sample_document()
    doc.title = TITLE
    tanker = doc.entities[3]
    tanker.label_ru, tanker.iri = LABEL, IRI
    return doc


def assert_nothing_ran(page):
    assert page.js("window.__pwned === undefined") is True
    assert page.page.locator("a[href^='javascript'], #details img, #tooltip img, #results img").count() == 0
    assert page.dialogs == [] and page.errors == []


def test_title_label_and_iri_in_the_view(browser, tmp_path):
    store = make_store(tmp_path / "s", hostile_document())
    write_view(store, tmp_path / "v.html")
    page = Page(browser, tmp_path / "v.html")
    tanker = page.node_id(LABEL)
    tip = page.hover(tanker)
    assert tip.startswith(LABEL + "\n") and f"{TITLE} · 2026-01-14" in tip and tip.rstrip().endswith(IRI)
    details = page.click(tanker)
    assert TITLE in details and IRI in details
    assert_nothing_ran(page)
    page.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile-serve") / "store"
    store = stored(path, hostile_document())
    store.close()
    del store
    s = Served(path, path.parent / "serve.log")
    yield s
    assert s.stop() == 0, s.output()


@pytest.mark.server
def test_title_and_iri_in_the_query_form(served, browser):
    page = browser.new_page()
    errors, dialogs = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(served.url + "/form")
    page.locator("#sparql").fill("PREFIX schema: <https://schema.org/>\nPREFIX ekg: <https://w3id.org/energy-kg/ont#>\n"
                                 "SELECT ?title ?tanker WHERE { ?d schema:headline ?title . ?tanker a ekg:Tanker }")
    page.locator("#run").click()
    page.locator("#results td").first.wait_for(timeout=30_000)
    assert page.locator("#results td").all_inner_texts() == [TITLE + "@ru", IRI]
    view = served.request("GET", "/view")[3].decode("utf-8")
    assert "<script>window.__pwned" not in view and LABEL not in view      # escaped in the page's data
    page.goto(served.url + "/view")
    page.wait_for_function("window.kgView && kgView.isDrawn() && kgView.isStable()", timeout=60_000)
    assert LABEL in page.evaluate("kgView.data.nodes.map(n => n.kg.label_ru)")
    assert page.evaluate("window.__pwned === undefined") is True
    assert page.locator("a[href^='javascript'], img").count() == 0
    assert errors == [] and dialogs == []
    page.close()


@pytest.mark.server
def test_title_and_iri_in_the_yasgui_page(served, browser):
    """YASR draws the answer: the title is text, the javascript: IRI no link (and the policy would not run it)."""
    page = browser.new_page()
    errors, dialogs = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(served.url + "/")
    page.wait_for_function("window.kgQuery !== undefined")
    query = ("PREFIX schema: <https://schema.org/>\nPREFIX ekg: <https://w3id.org/energy-kg/ont#>\n"
             "SELECT ?title ?tanker WHERE { ?d schema:headline ?title . ?tanker a ekg:Tanker }")
    page.evaluate("q => void kgQuery.yasgui.getTab().setQuery(q)", query)
    page.locator(".tabPanel.active .yasqe_queryButton").click()
    cells = page.locator(".tabPanel.active .yasr table.dataTable tbody td")
    cells.first.wait_for(timeout=30_000)
    texts = cells.all_inner_texts()
    assert any(TITLE in t for t in texts) and any(IRI in t for t in texts)
    assert page.evaluate("window.__pwned === undefined") is True
    assert page.locator("a[href^='javascript'], .yasr img").count() == 0
    assert errors == [] and dialogs == []
    page.close()
