"""Cross-document linking of persons named by surname alone."""
import copy

from kg.graph import doc_iri, document_ntriples
from kg.link import link_entities
from kg.stores.local import LocalStore
from kg.validate import validate_store
from kg_fixtures import EKG, EKGR, sample_document

FULL = EKGR + "entity/alibek-bakayev"
SHORT = EKGR + "entity/bakayev"


def surname_only(key: str, full_name: str | None = None):
    """The sample article as another outlet wrote it: the person is "Бакаев", or another full name."""
    doc = copy.deepcopy(sample_document(key, content_hash=key))
    person = doc.entities[0]
    if full_name:
        person.key, person.label_ru, person.label_en = "erlan-bakayev", full_name, "Erlan Bakayev"
    else:
        person.key, person.label_ru, person.label_en = "bakayev", "Бакаев", "Bakayev"
    for m in doc.mentions:
        if m.entity == "alibek-bakayev":
            m.entity = person.key
    for ev in doc.events:
        for role in ev.roles:
            if role.entity == "alibek-bakayev":
                role.entity = person.key
    for rel in doc.relations:
        if rel.subject == "alibek-bakayev":
            rel.subject = person.key
    return doc


def build(path, *docs):
    store = LocalStore(path)
    for doc in docs:
        store.replace_document(str(doc_iri(doc.key)), document_ntriples(doc))
    store.load_ontology()
    return store


def values(store, sparql):
    return sorted(tuple(t.value for t in row) for row in store.query(sparql))


def merge_and_graphs(store):
    """(the store's merge, the set of triples its named graphs state): equal when the merge is exact."""
    import pyoxigraph as ox
    quads = list(store.oxigraph)
    return ({str(q.triple) for q in quads if isinstance(q.graph_name, ox.DefaultGraph)},
            {str(q.triple) for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)})


def test_surname_joins_the_one_full_name(tmp_path):
    store = build(tmp_path / "s", surname_only("b-first"), sample_document("a-second", "h"))
    assert link_entities(store) == 1
    assert values(store, f"SELECT * WHERE {{ {{ <{SHORT}> ?p ?o }} UNION {{ ?s ?p <{SHORT}> }} }}") == []
    graph_b = f"<{doc_iri('b-first')}>"
    assert values(store, f"SELECT ?l WHERE {{ GRAPH {graph_b} {{ <{FULL}> skos:altLabel ?l }} }}") == [
        ("Bakayev",), ("Бакаев",)]
    # the mention keeps its own text and sentence, and now names the full person
    assert values(store, f"""SELECT ?t ?s WHERE {{ GRAPH {graph_b} {{ ?m itsrdf:taIdentRef <{FULL}> ;
        nif:anchorOf ?t ; nif:sentence ?s }} }}""") == [("Алибек Бакаев", str(doc_iri("b-first")) + "/sentence/0")]
    assert values(store, f"SELECT ?e WHERE {{ GRAPH {graph_b} {{ ?e ekg:agent <{FULL}> }} }}") == [
        (str(doc_iri("b-first")) + "/event/0",)]
    merge, stated = merge_and_graphs(store)
    assert merge == stated and not any(SHORT in t for t in merge)
    assert values(store, f"SELECT ?l WHERE {{ <{FULL}> skos:altLabel ?l }}") == [("Bakayev",), ("Бакаев",)]
    assert validate_store(store) == []
    assert link_entities(store) == 0      # nothing left to do


def test_two_full_names_with_that_surname_contradict(tmp_path):
    store = build(tmp_path / "s", surname_only("b"), sample_document("a", "h"), surname_only("c", "Ерлан Бакаев"))
    assert link_entities(store) == 0
    assert values(store, f"SELECT DISTINCT ?l WHERE {{ <{SHORT}> skos:prefLabel ?l FILTER(lang(?l) = 'ru') }}") == [
        ("Бакаев",)]
    assert values(store, f"SELECT DISTINCT ?p WHERE {{ ?p a <{EKG}Person> }}") == [
        (EKGR + "entity/alibek-bakayev",), (SHORT,), (EKGR + "entity/erlan-bakayev",)]
