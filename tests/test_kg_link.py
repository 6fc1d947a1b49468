"""Cross-document linking of persons named by surname alone."""
import copy

from kg import ONTOLOGY_GRAPH
from kg.graph import doc_iri, document_ntriples
from kg.link import link_entities
from kg.stores.base import MERGES_GRAPH
from kg.stores.local import LocalStore
from kg.validate import validate_store
from kg_fixtures import EKG, EKGR, sample_document

FULL = EKGR + "entity/alibek-bakayev"
SHORT = EKGR + "entity/bakayev"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


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
    """(the store's merge, the set of triples its named graphs state): equal when the merge is exact. The
    index graph, like the link-pending marker, is outside the merge: queries do not see it."""
    import pyoxigraph as ox

    from kg.stores.base import INDEX_GRAPH
    quads = [q for q in store.oxigraph if q.graph_name != ox.NamedNode(INDEX_GRAPH)]
    return ({str(q.triple) for q in quads if isinstance(q.graph_name, ox.DefaultGraph)},
            {str(q.triple) for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)})


def test_surname_joins_the_one_full_name(tmp_path):
    store = build(tmp_path / "s", surname_only("b-first"), sample_document("a-second", "h"))
    assert link_entities(store) == 1
    # the surname node is gone from every document; only the record of its merge names it, with its rule
    assert not store.query(f"ASK {{ <{SHORT}> ?p ?o }}")
    [(record, _)] = values(store, f"SELECT ?s ?p WHERE {{ ?s ?p <{SHORT}> }}")
    assert values(store, f"""SELECT ?p ?o WHERE {{ GRAPH <{MERGES_GRAPH}> {{ <{record}> ?p ?o }} }}""") == sorted([
        (EKG + "confidence", "0.85"), (EKG + "mergedInto", FULL), (EKG + "mergedNode", SHORT),
        (EKG + "rule", "surname"), (RDF_TYPE, EKG + "EntityMerge")])
    assert not any(SHORT in graph for graph in store.documents())
    graph_b = f"<{doc_iri('b-first')}>"
    assert values(store, f"SELECT ?l WHERE {{ GRAPH {graph_b} {{ <{FULL}> skos:altLabel ?l }} }}") == [
        ("Bakayev",), ("Бакаев",)]
    # the mention keeps its own text and sentence, and now names the full person
    assert values(store, f"""SELECT ?t ?s WHERE {{ GRAPH {graph_b} {{ ?m itsrdf:taIdentRef <{FULL}> ;
        nif:anchorOf ?t ; nif:sentence ?s }} }}""") == [("Алибек Бакаев", str(doc_iri("b-first")) + "/sentence/0")]
    assert values(store, f"SELECT ?e WHERE {{ GRAPH {graph_b} {{ ?e ekg:agent <{FULL}> }} }}") == [
        (str(doc_iri("b-first")) + "/event/0",)]
    merge, stated = merge_and_graphs(store)
    assert merge == stated and [t for t in merge if SHORT in t] == [f"<{record}> <{EKG}mergedNode> <{SHORT}>"]
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


def named(key: str, *entities: tuple[str, str, str]):
    """A document naming these (key, class, Russian label) entities, one mention each."""
    from extract.records import Document, Entity, Mention, Sentence
    text = ". ".join(label for _, _, label in entities) + "."
    mentions, at = [], 0
    for k, cls, label in entities:
        mentions.append(Mention(at, at + len(label), label, 0, k, EKG + cls, 0.9, "ner"))
        at += len(label) + 2
    return Document(key=key, path=f"{key}.txt", text=text, content_hash=key,
                    sentences=[Sentence(0, 0, len(text), text)], mentions=mentions,
                    entities=[Entity(k, EKG + cls, label, k) for k, cls, label in entities])


def test_every_form_of_a_name_is_one_node_across_documents(tmp_path):
    """Путин three ways, two Ивановs apart, a company with and without its legal form."""
    store = build(tmp_path / "s",
                  named("a", ("vladimir-putin", "Person", "Владимир Путин"), ("ivan-ivanov", "Person", "Иван Иванов"),
                        ("oao-gazprom", "Company", "ОАО «Газпром»")),
                  named("b", ("vladimira-putina", "Person", "Владимира Путина"), ("gazprom", "Company", "Газпром"),
                        ("petr-ivanov", "Person", "Пётр Иванов")),
                  named("c", ("v-putin", "Person", "В. Путин"), ("putin", "Person", "Путин"),
                        ("ivanov", "Person", "Иванов")))
    assert link_entities(store) == 4
    assert values(store, f"SELECT DISTINCT ?p WHERE {{ ?p a <{EKG}Person> }}") == [
        (EKGR + "entity/ivan-ivanov",), (EKGR + "entity/ivanov",), (EKGR + "entity/petr-ivanov",),
        (EKGR + "entity/vladimir-putin",)]
    assert values(store, f"""SELECT DISTINCT ?o WHERE {{ GRAPH ?g {{ ?o a <{EKG}Company> }}
        FILTER(?g != <{ONTOLOGY_GRAPH}>) }}""") == [(EKGR + "entity/gazprom",)]
    assert values(store, f"""SELECT ?merged ?rule WHERE {{ GRAPH <{MERGES_GRAPH}> {{
        [] ekg:mergedNode ?merged ; ekg:rule ?rule }} }}""") == [
        (EKGR + "entity/oao-gazprom", "name"), (EKGR + "entity/putin", "surname"),
        (EKGR + "entity/v-putin", "initials"), (EKGR + "entity/vladimira-putina", "full-name")]
    assert values(store, f"""SELECT ?l WHERE {{ <{EKGR}entity/vladimir-putin> skos:altLabel ?l
        FILTER(lang(?l) = "ru") }}""") == [("В. Путин",), ("Владимира Путина",), ("Путин",)]
    merge, stated = merge_and_graphs(store)
    assert merge == stated
    assert validate_store(store) == []
    assert link_entities(store) == 0


def test_a_document_naming_both_keeps_one_confidence(tmp_path):
    """"Путин" and "Владимир Путин" as two entities of one document: merged, the node keeps the full name's
    ekg:confidence only (a functional property: one per document graph), and the store validates."""
    doc = named("a", ("vladimir-putin", "Person", "Владимир Путин"), ("putin", "Person", "Путин"))
    doc.entities[1].confidence = 0.5
    store = build(tmp_path / "s", doc)
    assert link_entities(store) == 1
    assert values(store, f"""SELECT ?c WHERE {{ GRAPH <{doc_iri('a')}> {{
        <{EKGR}entity/vladimir-putin> ekg:confidence ?c }} }}""") == [("1",)]
    merge, stated = merge_and_graphs(store)
    assert merge == stated and validate_store(store) == []


def test_a_server_rewrites_a_graph_naming_both_the_same_way():
    import pyoxigraph as ox

    from kg.stores.base import renamed_graph
    doc = named("a", ("vladimir-putin", "Person", "Владимир Путин"), ("putin", "Person", "Путин"))
    doc.entities[1].confidence = 0.5
    triples = [q.triple for q in ox.parse(document_ntriples(doc), ox.RdfFormat.N_TRIPLES)]
    text = renamed_graph(triples, EKGR + "entity/putin", EKGR + "entity/vladimir-putin")
    assert f"<{EKGR}entity/vladimir-putin> <{EKG}confidence>" in text and '"0.5"' not in text


# ---------------------------------------------------------------- one prefLabel per language

NASA = EKGR + "entity/nasa"
SKOS_PREF, SKOS_ALT = "http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2004/02/skos/core#altLabel"


def pref_labels(store, node, language="ru"):
    """The node's skos:prefLabels in a language, over the merge (what queries and the view read)."""
    return values(store, f"""SELECT ?l WHERE {{ <{node}> skos:prefLabel ?l FILTER(lang(?l) = "{language}") }}""")


def names_graph(store):
    from kg.stores.base import NAMES_GRAPH
    return values(store, f"SELECT ?s ?p ?o WHERE {{ GRAPH <{NAMES_GRAPH}> {{ ?s ?p ?o }} }}")


def test_a_node_two_documents_label_differently_has_one_pref_label(tmp_path):
    """"NASA" in one document, "НАСА" in two: the union has one Russian prefLabel, the Cyrillic one; the other
    form stays an altLabel of the document that gave it; the store validates and the merge stays exact."""
    from kg.link import choose_names
    store = build(tmp_path / "s", named("a", ("nasa", "Organization", "NASA")),
                  named("b", ("nasa", "Organization", "НАСА")), named("c", ("nasa", "Organization", "НАСА")))
    assert pref_labels(store, NASA) == [("NASA",), ("НАСА",)]
    assert choose_names(store) == 1
    assert pref_labels(store, NASA) == [("НАСА",)]
    assert values(store, f"SELECT ?l WHERE {{ GRAPH <{doc_iri('a')}> {{ <{NASA}> skos:altLabel ?l }} }}") == [("NASA",)]
    assert values(store, f"SELECT ?l WHERE {{ GRAPH <{doc_iri('b')}> {{ <{NASA}> skos:prefLabel ?l }} }}") == [
        ("nasa",), ("НАСА",)]
    assert names_graph(store) == [(NASA, SKOS_ALT, "NASA"), (NASA, SKOS_PREF, "НАСА")]
    merge, stated = merge_and_graphs(store)
    assert merge == stated and validate_store(store) == []
    assert choose_names(store) == 1 and pref_labels(store, NASA) == [("НАСА",)]     # again: the same


def test_the_chosen_name_does_not_depend_on_the_order_of_documents(tmp_path):
    from kg.link import choose_names
    docs = [named("a", ("sbornaya-rossii", "Organization", "сборная России")),
            named("b", ("sbornaya-rossii", "Organization", "Сборная России")),
            named("c", ("sbornaya-rossii", "Organization", "сборная России"))]
    found = []
    for n, order in enumerate((docs, docs[::-1])):
        store = build(tmp_path / str(n), *order)
        choose_names(store)
        found.append(names_graph(store))
        store.close()
    assert found[0] == found[1]
    assert (EKGR + "entity/sbornaya-rossii", SKOS_PREF, "Сборная России") in found[0]   # capitalised, though fewer


def test_the_nominative_is_chosen_over_a_case_form(tmp_path):
    from kg.link import choose_names
    node = EKGR + "entity/kaluga"
    store = build(tmp_path / "s", named("a", ("kaluga", "Organization", "Калуге")),
                  named("b", ("kaluga", "Organization", "Калуге")), named("c", ("kaluga", "Organization", "Калуга")))
    choose_names(store)
    assert pref_labels(store, node) == [("Калуга",)]


def test_a_name_chosen_from_a_document_since_removed_gives_way(tmp_path):
    """The documents that gave "НАСА" are gone: "NASA", demoted before, is the document's prefLabel again."""
    from kg.link import choose_names
    store = build(tmp_path / "s", named("a", ("nasa", "Organization", "NASA")),
                  named("b", ("nasa", "Organization", "НАСА")))
    choose_names(store)
    store.drop_graph(str(doc_iri("b")))
    choose_names(store)
    assert pref_labels(store, NASA) == [("NASA",)]
    assert values(store, f"SELECT ?l WHERE {{ GRAPH <{doc_iri('a')}> {{ <{NASA}> skos:prefLabel ?l }} }}") == [
        ("NASA",), ("nasa",)]
    merge, stated = merge_and_graphs(store)
    assert merge == stated and validate_store(store) == []


def test_a_server_relabels_a_graph_the_same_way():
    import pyoxigraph as ox

    from kg.stores.base import relabelled_graph
    triples = [q.triple for q in ox.parse(document_ntriples(named("a", ("nasa", "Organization", "NASA"))),
                                          ox.RdfFormat.N_TRIPLES)]
    text = relabelled_graph(triples, {NASA: {"ru": ox.Literal("НАСА", language="ru")}}, set())
    assert f'<{NASA}> <{SKOS_ALT}> "NASA"@ru' in text and f'<{NASA}> <{SKOS_PREF}> "NASA"@ru' not in text
    back = relabelled_graph([q.triple for q in ox.parse(text, ox.RdfFormat.N_TRIPLES)],
                            {NASA: {"ru": ox.Literal("NASA", language="ru")}}, {(NASA, ox.Literal("NASA", language="ru"))})
    assert f'<{NASA}> <{SKOS_PREF}> "NASA"@ru' in back


def test_the_lexicon_name_is_chosen_and_the_node_still_linked(tmp_path):
    """Documents write "РИА «Новости»" for the lexicon's РИА Новости: the lexicon's name is the prefLabel, the
    documents' form an altLabel everywhere, and the node is still read for linking and counted by class."""
    from kg.link import choose_names, store_names
    from kg.summary import ENTITIES_BY_CLASS
    ria = EKGR + "entity/ria-novosti"
    store = build(tmp_path / "s", named("a", ("ria-novosti", "MediaOutlet", "РИА «Новости»")),
                  named("b", ("ria-novosti", "MediaOutlet", "РИА «Новости»")))
    assert choose_names(store) == 2                                      # ru and en
    assert pref_labels(store, ria) == [("РИА Новости",)] and pref_labels(store, ria, "en") == [("RIA Novosti",)]
    assert not store.query(f"ASK {{ GRAPH <{doc_iri('a')}> {{ <{ria}> skos:prefLabel ?l }} }}")
    [name] = [n for n in store_names(store) if n.node == ria]
    assert (name.label, name.anchored) == ("РИА Новости", True)
    assert (EKG + "MediaOutlet", "1") in {(r["c"].value, r["n"].value) for r in store.query(ENTITIES_BY_CLASS)}
    merge, stated = merge_and_graphs(store)
    assert merge == stated and validate_store(store) == []


# ---------------------------------------------------------------- linking k new documents through the index

STEPS = [
    named("a", ("vladimir-putin", "Person", "Владимир Путин"), ("ivan-ivanov", "Person", "Иван Иванов"),
          ("oao-gazprom", "Company", "ОАО «Газпром»"),
          ("fsb-full", "GovernmentBody", "Федеральная служба безопасности")),
    named("b", ("vladimira-putina", "Person", "Владимира Путина"), ("gazprom", "Company", "Газпром"),
          ("fsb", "GovernmentBody", "ФСБ"), ("petr-sidorov", "Person", "Пётр Сидоров")),
    named("c", ("v-putin", "Person", "В. Путин"), ("putin", "Person", "Путин"), ("sidorov", "Person", "Сидоров"),
          ("ivanov", "Person", "Иванов"), ("rio-full", "City", "Рио-де-Жанейро")),
    named("d", ("rio", "City", "Рио"), ("gazproma", "Company", "Газпрома"), ("sidorova", "Person", "Сидорова")),
    named("e", ("putin", "Person", "Путин"), ("ivana-ivanova", "Person", "Ивана Иванова")),
    # the events of two outlets, one report merged (Бакаев of one, Алибек Бакаев of the other)
    sample_document("g", content_hash="g"),
    surname_only("h"),
    # two forms of one node (a name to choose), "f" rewritten without it (the name chosen again)
    named("f", ("nasa", "Organization", "NASA"), ("vladimir-putin", "Person", "Владимир Путин")),
    named("i", ("nasa", "Organization", "НАСА")),
    named("f", ("vladimir-putin", "Person", "Владимир Путин")),
]


def linked_build(store, *docs, whole: bool = False) -> int:
    """What `kg build` does with these documents: mark, write, link (only their names, or `whole`)."""
    from kg.link import link_if_pending
    store.load_ontology()
    store.set_link_pending(True)
    for doc in docs:
        store.replace_document(str(doc_iri(doc.key)), document_ntriples(doc))
    if whole:   # what link_if_pending does after a build that removed documents: every step over the whole store
        from kg.event_link import link_events
        from kg.link import choose_names
        done = link_entities(store)
        link_events(store)
        choose_names(store)
        store.set_link_pending(False)
        return done
    return link_if_pending(store)


def state_of(store):
    """Everything linking decides: the document graphs and the ontology, the merges, the index, the count."""
    import pyoxigraph as ox

    from kg.stores.base import INDEX_GRAPH
    from kg.stores.base import EVENT_MERGES_GRAPH, NAMES_GRAPH
    graphs = {g: sorted(str(q) for q in store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(g)))
              for g in (MERGES_GRAPH, INDEX_GRAPH, NAMES_GRAPH, EVENT_MERGES_GRAPH)}
    return sorted(str(q) for q in store.quads(include_ontology=True)), graphs, store.triple_count()


def test_linking_the_new_documents_through_the_index_decides_as_linking_the_whole_store(tmp_path, monkeypatch):
    """Issue 19: a build links only the names its documents touch (kg.link.new_merges), and after every build
    the store is the one linking the whole store gives: graphs, merges, index, names, event merges and triple
    count alike. The whole store is never read on the incremental path (store_names would, and choosing the
    names of every node)."""
    import kg.event_link
    import kg.link
    fast, whole = LocalStore(tmp_path / "fast"), LocalStore(tmp_path / "whole")
    made = []
    label_forms = kg.link.label_forms

    def forms_of_some(store, nodes=None):
        assert nodes is not None, "every node's labels read"
        return label_forms(store, nodes)
    store_places = kg.event_link.store_places

    def places_of_some(store, places=None):
        assert places is not None, "every event's places read"
        return store_places(store, places)
    for i, doc in enumerate(STEPS):
        if i:
            monkeypatch.setattr(kg.link, "store_names", lambda store: (_ for _ in ()).throw(AssertionError("scan")))
            monkeypatch.setattr(kg.link, "label_forms", forms_of_some)
            monkeypatch.setattr(kg.event_link, "store_places", places_of_some)
        made.append(linked_build(fast, doc))
        monkeypatch.undo()
        assert linked_build(whole, doc, whole=True) == made[-1]
        assert state_of(fast) == state_of(whole)
    assert made == [0, 3, 4, 3, 2, 0, 1, 0, 0, 0]      # the first build has no index: it links the whole store once
    merge, stated = merge_and_graphs(fast)
    assert merge == stated and validate_store(fast) == []
    assert len(values(fast, "SELECT ?m WHERE { ?m a ekg:MergedEvent }")) == 1   # g's and h's report of one event
    documents = set(fast.documents())       # the count is of the documents' triples, not the chosen names'
    assert fast.triple_count() == len([q for q in fast.quads() if q.graph_name.value in documents])
    assert values(fast, f"""SELECT ?merged ?into ?rule WHERE {{ GRAPH <{MERGES_GRAPH}> {{
        [] ekg:mergedNode ?merged ; ekg:mergedInto ?into ; ekg:rule ?rule }} }}""") == [
        (EKGR + f"entity/{a}", EKGR + f"entity/{b}", rule) for a, b, rule in [
            ("bakayev", "alibek-bakayev", "surname"), ("fsb", "fsb-full", "abbreviation"), ("gazproma", "gazprom", "name"),
            ("ivana-ivanova", "ivan-ivanov", "full-name"), ("ivanov", "ivan-ivanov", "surname"),
            ("oao-gazprom", "gazprom", "name"), ("putin", "vladimir-putin", "surname"),
            ("rio", "rio-full", "place-part"), ("sidorov", "petr-sidorov", "surname"),
            ("sidorova", "petr-sidorov", "surname"), ("v-putin", "vladimir-putin", "initials"),
            ("vladimira-putina", "vladimir-putin", "full-name")]]   # "Путин" of e merged again, recorded once


def test_building_a_then_b_gives_the_store_of_building_both_at_once(tmp_path):
    """Two builds (the second linked through the index) and one build of all: the same quads, merges and count."""
    once, twice = LocalStore(tmp_path / "once"), LocalStore(tmp_path / "twice")
    linked_build(once, *STEPS[:3])
    linked_build(twice, *STEPS[:2])
    linked_build(twice, STEPS[2])
    assert state_of(once)[0] == state_of(twice)[0] and state_of(once)[2] == state_of(twice)[2]
    assert sorted(str(q.triple) for q in once.oxigraph.quads_for_pattern(None, None, None, ox_graph(MERGES_GRAPH))) \
        == sorted(str(q.triple) for q in twice.oxigraph.quads_for_pattern(None, None, None, ox_graph(MERGES_GRAPH)))


def ox_graph(iri):
    import pyoxigraph as ox
    return ox.NamedNode(iri)


def test_a_lexicon_place_new_to_the_store_rekeys_only_the_names_ending_with_it(tmp_path, monkeypatch):
    """Issue 19: "ТК Брюсселя" and "Транспортная компания Брюсселя" are two names until Брюссель, a lexicon
    place, is named: then both end with a state, "ТК" is the abbreviation of "Транспортная компания" there, and
    they are one. The build that brings Брюссель re-keys those two names through the index without linking the
    whole store, and gives the store linking the whole store gives, and the store one build of all gives."""
    import kg.link
    from extract.records import Entity
    company = named("a", ("tk-full", "Company", "Транспортная компания Брюсселя"), ("gazprom", "Company", "Газпром"))
    short = named("b", ("tk", "Company", "ТК Брюсселя"), ("petr-sidorov", "Person", "Пётр Сидоров"))
    city = named("c", ("bryussel", "City", "Брюссель"), ("sidorov", "Person", "Сидоров"))
    city.entities[0] = Entity("bryussel", EKG + "City", "Брюссель", "Brussels", iri=EKGR + "entity/brussels")
    fast, whole, once = (LocalStore(tmp_path / n) for n in ("fast", "whole", "once"))
    assert linked_build(fast, company, short) == 0 and linked_build(whole, company, short, whole=True) == 0
    monkeypatch.setattr(kg.link, "store_names", lambda store: (_ for _ in ()).throw(AssertionError("scan")))
    rekey = kg.link._rekeyed
    rekeyed = []
    monkeypatch.setattr(kg.link, "_rekeyed", lambda *a: rekeyed.append(rekey(*a)) or rekeyed[-1])
    assert linked_build(fast, city) == 2           # Сидоров of c joins Пётр Сидоров; ТК Брюсселя joins its full name
    monkeypatch.undo()
    assert sorted(rekeyed[0]) == [EKGR + "entity/tk", EKGR + "entity/tk-full"]   # not Газпром, not the people
    assert linked_build(whole, city, whole=True) == 2
    assert state_of(fast) == state_of(whole)
    linked_build(once, company, short, city)
    assert state_of(once)[0] == state_of(fast)[0]
    assert values(fast, f"""SELECT ?merged ?into ?rule WHERE {{ GRAPH <{MERGES_GRAPH}> {{
        [] ekg:mergedNode ?merged ; ekg:mergedInto ?into ; ekg:rule ?rule }} }}""") == values(once, f"""
        SELECT ?merged ?into ?rule WHERE {{ GRAPH <{MERGES_GRAPH}> {{
        [] ekg:mergedNode ?merged ; ekg:mergedInto ?into ; ekg:rule ?rule }} }}""") == [
        (EKGR + "entity/sidorov", EKGR + "entity/petr-sidorov", "surname"),
        (EKGR + "entity/tk", EKGR + "entity/tk-full", "abbreviation")]
    rewritten = named("c", ("sidorov", "Person", "Сидоров"))   # Брюссель named no more: a state no more
    monkeypatch.setattr(kg.link, "store_names", lambda store: (_ for _ in ()).throw(AssertionError("scan")))
    monkeypatch.setattr(kg.link, "_rekeyed", lambda *a: rekeyed.append(rekey(*a)) or rekeyed[-1])
    assert linked_build(fast, rewritten) == 1
    monkeypatch.undo()
    assert sorted(rekeyed[-1]) == [EKGR + "entity/tk-full"]     # its keys without the state again
    assert linked_build(whole, rewritten, whole=True) == 1 and state_of(fast) == state_of(whole)


def test_an_abbreviation_is_never_merged_into_a_post_of_the_same_initials(tmp_path):
    """"МИД Казахстана" and the post "министр иностранных дел Казахстана" (its initials spell МИД): a post is
    no organisation's full name, so the ministry stays itself (it was merged into the post in the seed)."""
    store = build(tmp_path / "s", named("a", ("mid", "GovernmentBody", "МИД"),
                                        ("ministr", "Position", "министр иностранных дел")),
                  named("b", ("mid", "GovernmentBody", "МИД")))
    assert link_entities(store) == 0
    assert values(store, 'SELECT ?l WHERE { ?e a ekg:GovernmentBody ; skos:prefLabel ?l FILTER(lang(?l) = "ru") }') == [("МИД",)]


def test_an_ontology_changed_since_the_index_makes_the_next_build_link_the_whole_store(tmp_path):
    """Event classes, lexicon names and anchors come from the ontology graph: when it was rewritten since the
    index was written, the documents' keys and choices may all change, so the next linking reads the whole store."""
    from kg.stores.base import ontology_sources
    store = LocalStore(tmp_path / "s")
    linked_build(store, STEPS[0])
    store.set_link_pending(True)
    assert store.pending_documents() == []
    store.load_ontology(files=ontology_sources()[:1])     # another ontology: the core without the lexicon
    assert store.pending_documents() is None
    store.load_ontology()
    linked_build(store, STEPS[1], whole=True)   # the whole store linked: the index written anew, the mark gone
    store.set_link_pending(True)
    assert store.pending_documents() == []


def test_merging_a_node_renames_it_in_document_graphs_only(tmp_path):
    """A node with a chosen name ("NASA" / "НАСА": the names graph) merged into another: the documents' triples
    move to the node kept, the names graph's choice for the merged node goes (no altLabel of the kept node
    there), and the merge stays exact."""
    from kg.link import choose_names
    other = EKGR + "entity/nasa-agency"
    store = build(tmp_path / "s", named("a", ("nasa", "Organization", "NASA")),
                  named("b", ("nasa", "Organization", "НАСА")),
                  named("c", ("nasa-agency", "Organization", "Агентство НАСА")))
    assert choose_names(store) == 1 and names_graph(store) == [(NASA, SKOS_ALT, "NASA"), (NASA, SKOS_PREF, "НАСА")]
    assert store.merge_node(NASA, other)
    assert names_graph(store) == []
    assert values(store, f"SELECT ?l WHERE {{ GRAPH <{doc_iri('b')}> {{ <{other}> skos:altLabel ?l }} }}") == [
        ("nasa",), ("НАСА",)]
    assert values(store, f"SELECT ?p WHERE {{ <{NASA}> ?p ?o }}") == []
    merge, stated = merge_and_graphs(store)
    assert merge == stated


def test_merging_a_node_changes_only_the_graphs_that_named_it(tmp_path):
    """Store.merge_node renames in the graphs naming the merged node only, each as base.renamed_graph does it
    (its "НАСА" an altLabel of the node kept, not kept twice where that graph has it as a prefLabel too); a graph
    naming the kept node alone is left as it is, were it to hold one of its labels as both (no document graph is
    written so: it is not read)."""
    import pyoxigraph as ox

    from kg.stores.base import renamed_graph
    other = EKGR + "entity/nasa-agency"
    store = build(tmp_path / "s", named("a", ("nasa", "Organization", "НАСА"), ("nasa-agency", "Organization", "НАСА")),
                  named("c", ("nasa-agency", "Organization", "Агентство НАСА")))
    alone = f'<{other}> <{SKOS_PREF}> "Агентство НАСА"@ru .\n<{other}> <{SKOS_ALT}> "Агентство НАСА"@ru .\n'
    store.replace_document(str(doc_iri("d")), alone)

    def graph(key):
        return [q.triple for q in store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(str(doc_iri(key))))]

    def text(triples):
        return "".join(sorted(f"{t} .\n" for t in triples))
    before = {key: graph(key) for key in "acd"}
    assert store.merge_node(NASA, other)
    renamed = renamed_graph(before["a"], NASA, other)
    assert text(graph("a")) == renamed and f'<{other}> <{SKOS_ALT}> "НАСА"@ru' not in renamed
    assert text(graph("c")) == text(before["c"]) and text(graph("d")) == text(before["d"])
    merge, stated = merge_and_graphs(store)
    assert merge == stated


def test_a_builds_labels_are_counted_only_where_the_choice_reads_the_counts(tmp_path):
    """kg.link.label_forms of some nodes (a build's): "НАСА" in two documents and "NASA" in one are counted (no
    lexicon label: the choice reads how many documents give each); Russia's "России" and "Россия" are not (0):
    the lexicon's label is chosen whatever the counts. The names chosen are those of counting every label."""
    from kg.link import chosen_names, label_forms
    russia = EKGR + "entity/russia"
    store = build(tmp_path / "s", named("a", ("nasa", "Organization", "НАСА"), ("russia", "Country", "России")),
                  named("b", ("nasa", "Organization", "НАСА"), ("russia", "Country", "Россия")),
                  named("c", ("nasa", "Organization", "NASA")))
    forms, lexicon = label_forms(store, [NASA, russia])
    assert {label.value: n for label, n in forms[(NASA, "ru")].items()} == {"НАСА": 2, "NASA": 1}
    assert {label.value: n for label, n in forms[(russia, "ru")].items()} == {"России": 0, "Россия": 0}
    assert lexicon[(russia, "ru")].value == "Россия"
    every = chosen_names(store)
    assert chosen_names(store, [NASA, russia]) == ([c for c in every[0] if c[0] in (NASA, russia)], every[1])


def test_nodes_of_one_item_are_one_and_of_two_items_never(tmp_path):
    """owl:sameAs one Wikidata item: one node whatever the names, found through the index ("same-item");
    a third node of the first one's name but another item stays apart (a contradiction merges nothing);
    built one document at a time or all linked at once, the same store."""
    def company(key, node, label, qid):
        doc = named(key, (node, "Company", label))
        doc.entities[0].same_as = [f"http://www.wikidata.org/entity/{qid}"]
        return doc
    docs = [company("a", "akme", "Акме", "Q1"), company("b", "akme-holding", "Группа Акме Холдинг", "Q1"),
            company("c", "akme-2", "Акме", "Q2")]
    fast, whole = LocalStore(tmp_path / "fast"), LocalStore(tmp_path / "whole")
    assert [linked_build(fast, doc) for doc in docs] == [0, 1, 0]
    assert [linked_build(whole, doc, whole=True) for doc in docs] == [0, 1, 0]
    assert state_of(fast) == state_of(whole)
    assert values(fast, f"""SELECT ?merged ?into ?rule ?c WHERE {{ GRAPH <{MERGES_GRAPH}> {{
        [] ekg:mergedNode ?merged ; ekg:mergedInto ?into ; ekg:rule ?rule ; ekg:confidence ?c }} }}""") == [
        (EKGR + "entity/akme", EKGR + "entity/akme-holding", "same-item", "0.95")]
    assert values(fast, f"""SELECT DISTINCT ?o WHERE {{ GRAPH ?g {{ ?o a <{EKG}Company> }}
        FILTER(?g != <{ONTOLOGY_GRAPH}>) }}""") == [(EKGR + "entity/akme-2",), (EKGR + "entity/akme-holding",)]


def bare_government(key: str):
    """A document whose "правительство" is a bare noun (rule org-noun): its own node, keyed by the document."""
    from extract.records import Document, Entity, Mention, Sentence
    text = "Правительство ввело налог."
    node = f"pravitelstvo-{key}"
    return Document(key=key, path=f"{key}.txt", text=text, content_hash=key,
                    sentences=[Sentence(0, 0, len(text), text)],
                    mentions=[Mention(0, 13, "Правительство", 0, node, EKG + "GovernmentBody", 0.5, "org-noun")],
                    entities=[Entity(node, EKG + "GovernmentBody", "Правительство", "Pravitelstvo", local=True)])


def test_a_bare_government_joins_no_other_documents_node(tmp_path):
    """Two articles' bare "Правительство" (and a third's named "Правительство", not local) share a name but
    are three governments: linking the whole store or through the index merges none and indexes no local node."""
    docs = [bare_government("a"), bare_government("b"),
            named("c", ("pravitelstvo", "GovernmentBody", "Правительство"))]
    store = build(tmp_path / "s", *docs)
    assert link_entities(store) == 0
    assert values(store, f"SELECT DISTINCT ?o WHERE {{ ?o a <{EKG}GovernmentBody> }}") == [
        (EKGR + "entity/pravitelstvo",), (EKGR + "entity/pravitelstvo-a",), (EKGR + "entity/pravitelstvo-b",)]
    fast = LocalStore(tmp_path / "fast")
    assert [linked_build(fast, doc) for doc in docs] == [0, 0, 0]
    import pyoxigraph as ox

    from kg.stores.base import INDEX_GRAPH
    indexed = {q.subject.value for q in fast.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(INDEX_GRAPH))}
    assert EKGR + "entity/pravitelstvo" in indexed and EKGR + "entity/pravitelstvo-a" not in indexed
