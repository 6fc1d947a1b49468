"""The view counts events, not reports: the reports of one ekg:MergedEvent (kg.event_link) are one node of the
network (kg.network), of the timeline and map (kg.spacetime), of the exports (kg.network_export)."""
import pytest

from extract.records import Role
from kg.event_link import link_events
from kg.graph import doc_iri
from kg.network import focus, from_query, read_network
from kg.network_export import portable_network
from kg.view import build_network
from kg_fixtures import EKG, EKGR, sample_document, stored
from test_event_link import second_report

E = EKGR + "entity/"
A, B = str(doc_iri("a-first")), str(doc_iri("b-second"))
REPORT_A, REPORT_B = A + "/event/1", B + "/event/1"
SENTENCE = "Украина атаковала танкер «Матильда» 13 января 2026 года."


def two_reports_store(path, merge=True):
    """Two outlets report the attack; the second also names the consortium a target (a role only it has)."""
    b = second_report("b-second")
    b.title = "Танкер «Матильда» атакован"
    b.events[1].roles.append(Role(EKG + "target", entity="ktk"))
    store = stored(path, sample_document("a-first"), b)
    if merge:
        assert link_events(store) == 1
    return store


@pytest.fixture(scope="module")
def merged_store(tmp_path_factory):
    return two_reports_store(tmp_path_factory.mktemp("merged") / "s")


def merged_iri(store):
    [m] = [r["m"].value for r in store.query("SELECT ?m WHERE { GRAPH ?g { ?m a ekg:MergedEvent } }")]
    return m


def test_one_node_for_the_merged_event_with_both_reports_sources_and_the_union_of_roles(merged_store):
    g = read_network(merged_store)
    m = merged_iri(merged_store)
    events = sorted((iri, d["cls"].rsplit("#")[-1]) for iri, d in g.nodes(data=True) if d["kind"] == "event")
    assert events == sorted([(m, "Attack"), (A + "/event/0", "Statement"), (B + "/event/0", "Statement")])
    attack = g.nodes[m]
    assert (attack["reports"], attack["report_iris"], attack["label_en"]) == (2, [REPORT_A, REPORT_B], "Attack")
    assert attack["documents"] == [A, B] and attack["dates"] == ["2026-01-13"]
    assert [(s["doc"], s["headline"], s["sentence"], s["mark"]) for s in attack["sources"]] == [
        (A, "Атака на танкер", SENTENCE, [8, 17]), (B, "Танкер «Матильда» атакован", SENTENCE, [8, 17])]
    # the union of the reports' roles, each once, stated by the documents that state it
    assert sorted((o, p.rsplit("#")[-1], d["documents"]) for _, o, p, d in g.out_edges(m, keys=True, data=True)) == [
        (E + "CPC", "target", [B]), (E + "Ukraine", "agent", [A, B]), (E + "matilda", "target", [A, B])]
    assert g.edges[m, E + "CPC", EKG + "target"]["sentence"] == SENTENCE
    assert REPORT_A not in g and REPORT_B not in g
    assert g.graph["classes"][EKG + "Attack"]["count"] == 1


def test_an_event_not_merged_stays_as_it_is(tmp_path):
    g = read_network(two_reports_store(tmp_path / "s", merge=False))
    assert REPORT_A in g and REPORT_B in g and "reports" not in g.nodes[REPORT_A]
    assert g.graph["merged_events"] == {}


def test_focus_query_timeline_map_and_export_see_the_merged_event_once(merged_store):
    m = merged_iri(merged_store)
    whole = read_network(merged_store)
    assert set(focus(whole, "Матильда", 1)) == {E + "matilda", m}
    assert set(focus(whole, REPORT_B, 1)) == {m, E + "matilda", E + "Ukraine", E + "CPC"}   # a report finds its event
    # a query naming a report shows the merged event, with the role it returns
    sub = from_query(merged_store, whole, f"CONSTRUCT {{ <{REPORT_B}> ekg:target ?t }} WHERE {{ GRAPH ?g {{ "
                                          f"<{REPORT_B}> ekg:target ?t }} }}")
    assert sorted(sub.edges(keys=True)) == [(m, E + "CPC", EKG + "target"), (m, E + "matilda", EKG + "target")]
    assert sub.nodes[m]["reports"] == 2
    sub = from_query(merged_store, whole, "SELECT ?e WHERE { GRAPH ?g { ?e a ekg:Attack } }")
    assert list(sub) == [m]
    g = build_network(merged_store)
    assert g.nodes[m]["when"] == {"begin": "2026-01-13", "end": "2026-01-13", "precision": "day", "source": "text"}
    portable = portable_network(g)
    assert (portable.nodes[m]["reports"], portable.nodes[m]["document_iris"]) == (2, f"{A} {B}")
    assert portable.nodes[E + "matilda"]["reports"] == 0 and portable.nodes[A + "/event/0"]["reports"] == 1


def network_data(g):
    """A network's nodes and edges with all they carry, to compare two readings."""
    return (sorted((n, repr(sorted(d.items()))) for n, d in g.nodes(data=True)),
            sorted((u, v, k, repr(sorted(d.items()))) for u, v, k, d in g.edges(keys=True, data=True)),
            g.graph["merged_events"], g.graph["reports"])


def test_a_page_read_a_batch_of_graphs_a_query_is_the_store_read_whole(merged_store, monkeypatch):
    """`select` reads SCOPE_BATCH document graphs a query (a UNION of them); graph by graph, or both in one,
    the network of the store's two documents is the network read over the whole store, merged event and the
    sentence of each edge (the first saying it, of the first document) included."""
    import kg.network
    whole = network_data(read_network(merged_store))
    for batch in (1, 2):
        monkeypatch.setattr(kg.network, "SCOPE_BATCH", batch)
        assert network_data(read_network(merged_store, graphs=[B, A])) == whole


def test_a_page_holds_the_merged_events_of_its_reports_alone(merged_store):
    """A page of one document reads the merged events of its own reports only: a merged event with one report
    on the page is that report, as it is."""
    g = read_network(merged_store, graphs=[A])
    assert g.graph["merged_events"] == {} and REPORT_A in g and REPORT_B not in g
