"""`kg export --format graphml|gexf|csv`: the view's network, read back with networkx and the csv module."""
import csv

import networkx as nx
import pytest

from kg.cli import main
from kg.network import read_network
from kg.network_export import EDGE_COLUMNS, GEPHI_CSV_NAMES, NODE_COLUMNS, portable_network
from kg.stores import open_store
from kg_fixtures import EKG, EKGR, sample_document, stored

E = EKGR + "entity/"
D1, D2 = EKGR + "doc/sample-1", EKGR + "doc/sample-2"

# The two sample documents: the same four entities, two events each; the position stated in both.
NODES = {  # id: (label, label_en, class, category, degree, documents, document_iris)
    E + "alibek-bakayev": ("Алибек Бакаев", "Alibek Bakayev", EKG + "Person", "actor", 3, 2, f"{D1} {D2}"),
    E + "CPC": ("Каспийский трубопроводный консорциум", "Caspian Pipeline Consortium", EKG + "Consortium",
                "actor", 1, 2, f"{D1} {D2}"),
    E + "Ukraine": ("Украина", "Ukraine", EKG + "State", "actor", 2, 2, f"{D1} {D2}"),
    E + "matilda": ("Матильда", "Matilda", EKG + "Tanker", "asset", 2, 2, f"{D1} {D2}"),
    D1 + "/event/0": ("Заявление", "Statement", EKG + "Statement", "event", 1, 1, D1),
    D1 + "/event/1": ("Атака", "Attack", EKG + "Attack", "event", 2, 1, D1),
    D2 + "/event/0": ("Заявление", "Statement", EKG + "Statement", "event", 1, 1, D2),
    D2 + "/event/1": ("Атака", "Attack", EKG + "Attack", "event", 2, 1, D2),
}
EDGES = {  # (source, target, predicate): (label, label_en, documents, document_iris)
    (D1 + "/event/0", E + "alibek-bakayev", EKG + "agent"): ("агенс", "agent", 1, D1),
    (D1 + "/event/1", E + "Ukraine", EKG + "agent"): ("агенс", "agent", 1, D1),
    (D1 + "/event/1", E + "matilda", EKG + "target"): ("объект воздействия", "target", 1, D1),
    (D2 + "/event/0", E + "alibek-bakayev", EKG + "agent"): ("агенс", "agent", 1, D2),
    (D2 + "/event/1", E + "Ukraine", EKG + "agent"): ("агенс", "agent", 1, D2),
    (D2 + "/event/1", E + "matilda", EKG + "target"): ("объект воздействия", "target", 1, D2),
    (E + "alibek-bakayev", E + "CPC", EKG + "holdsPositionIn"): ("занимает должность в", "holds position in", 2,
                                                                 f"{D1} {D2}"),
}


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("net") / "store"
    store = stored(path, sample_document("sample-1", "h1"), sample_document("sample-2", "h2"))
    store.load_ontology()
    store.close()
    return path


def node_table(rows):
    return {r["id"]: (r["label"], r["label_en"], r["class"], r["category"], int(r["degree"]), int(r["documents"]),
                      r["document_iris"]) for r in rows}


def edge_table(rows):
    return {(r["source"], r["target"], r["predicate"]): (r["label"], r["label_en"], int(r["documents"]),
                                                         r["document_iris"]) for r in rows}


def csv_rows(path):
    """The rows of a CSV file of the export, under the names the GraphML and GEXF files use."""
    names = {v: k for k, v in GEPHI_CSV_NAMES.items()}
    with open(path, encoding="utf-8", newline="") as fh:
        return [{names.get(k, k): v for k, v in row.items()} for row in csv.DictReader(fh)]


def graph_rows(g):
    return ([{"id": n, **d} for n, d in g.nodes(data=True)],
            [{"source": s, "target": o, **d} for s, o, d in g.edges(data=True)])


def test_the_view_network_itself_is_not_writable_and_the_portable_one_is(store_path):
    """Why the export exists: the view's attributes (lists, None, dicts) break both writers."""
    network = read_network(open_store(store_path, read_only=True))
    with pytest.raises(ValueError):            # a list is taken for GEXF time spells
        nx.write_gexf(network, "/dev/null")
    with pytest.raises((TypeError, nx.NetworkXError)):
        nx.write_graphml(network, "/dev/null")
    portable = portable_network(network)
    types = {type(v) for _, d in portable.nodes(data=True) for v in d.values()}
    types |= {type(v) for *_, d in portable.edges(data=True) for v in d.values()}
    assert types == {str, int}
    assert all(set(d) == set(NODE_COLUMNS) - {"id"} for _, d in portable.nodes(data=True))
    assert all(set(d) == set(EDGE_COLUMNS) - {"source", "target"} for *_, d in portable.edges(data=True))


@pytest.mark.parametrize("fmt, read", [("graphml", lambda p: nx.read_graphml(p, force_multigraph=True)),
                                       ("gexf", nx.read_gexf)])
def test_graphml_and_gexf_read_back_with_networkx(store_path, tmp_path, capsys, fmt, read):
    out = tmp_path / f"graph.{fmt}"
    assert main(["export", "--store", str(store_path), "--format", fmt, "--out", str(out)]) == 0
    assert capsys.readouterr().err == f"wrote {out} (8 nodes, 7 edges, {fmt})\n"
    nodes, edges = graph_rows(read(out))
    assert node_table(nodes) == NODES
    assert edge_table(edges) == EDGES


def test_csv_is_two_files_in_the_out_folder(store_path, tmp_path, capsys):
    out = tmp_path / "network"
    assert main(["export", "--store", str(store_path), "--format", "csv", "--out", str(out)]) == 0
    assert capsys.readouterr().err == f"wrote {out / 'nodes.csv'}, {out / 'edges.csv'} (8 nodes, 7 edges, csv)\n"
    assert sorted(p.name for p in out.iterdir()) == ["edges.csv", "nodes.csv"]
    nodes, edges = (out / "nodes.csv").read_text(encoding="utf-8"), (out / "edges.csv").read_text(encoding="utf-8")
    assert nodes.splitlines()[0] == ("Id,Label,label_ru,label_en,kind,class,class_label,category,degree,documents,"
                                     "document_iris,dates,reports")
    assert edges.splitlines()[0] == "Source,Target,predicate,Label,label_ru,label_en,documents,document_iris,sentence"
    assert node_table(csv_rows(out / "nodes.csv")) == NODES
    rows = csv_rows(out / "edges.csv")
    assert edge_table(rows) == EDGES
    attack = next(r for r in rows if r["predicate"] == EKG + "target" and r["source"].startswith(D1))
    assert attack["sentence"] == "Украина атаковала танкер «Матильда» 13 января 2026 года."


def test_english_labels_focus_and_stdout(store_path, capsys):
    assert main(["export", "--store", str(store_path), "--format", "graphml", "--lang", "en",
                 "--focus", "Матильда", "--hops", "1"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    import io
    g = nx.read_graphml(io.BytesIO(out.encode("utf-8")), force_multigraph=True)
    assert {n: d["label"] for n, d in g.nodes(data=True)} == {
        E + "matilda": "Matilda", D1 + "/event/1": "Attack", D2 + "/event/1": "Attack"}
    assert {d["label"] for *_, d in g.edges(data=True)} == {"target"}


def test_csv_needs_a_folder_and_rdf_options_stay_rdf(store_path, capsys):
    assert main(["export", "--store", str(store_path), "--format", "csv"]) == 2
    assert capsys.readouterr().err == ("error: --format csv writes two files, nodes.csv and edges.csv: name their "
                                       "folder with --out DIR\n")
    assert main(["export", "--store", str(store_path), "--format", "nt", "--focus", "Матильда"]) == 2
    assert capsys.readouterr().err == ("error: --focus and --query shape a network: they go with --format "
                                       "graphml|gexf|csv\n")
    assert main(["export", "--store", str(store_path), "--format", "gexf", "--include-ontology"]) == 2
    assert capsys.readouterr().err == ("error: --include-ontology goes with the RDF formats; the network has no "
                                       "ontology nodes\n")
    assert main(["export", "--store", str(store_path), "--format", "gexf", "--focus", "Atlantis"]) == 1
    assert capsys.readouterr().err.startswith("error: no node is labelled or named 'Atlantis'")


def test_query_shapes_the_network(store_path, tmp_path, capsys):
    rq = tmp_path / "agents.rq"
    rq.write_text("SELECT ?e ?a WHERE { ?e ekg:agent ?a ; a ekg:Attack }", encoding="utf-8")
    out = tmp_path / "agents"
    assert main(["export", "--store", str(store_path), "--format", "csv", "--out", str(out), "--query", str(rq)]) == 0
    assert edge_table(csv_rows(out / "edges.csv")) == {k: v for k, v in EDGES.items()
                                                      if k[0].endswith("/event/1") and k[2] == EKG + "agent"}
    rq.write_text("SELECT ?l WHERE { ?e ekg:agent ?a . ?a skos:prefLabel ?l }", encoding="utf-8")
    assert main(["export", "--store", str(store_path), "--format", "gexf", "--out", str(tmp_path / "l.gexf"),
                 "--query", str(rq)]) == 0
    assert capsys.readouterr().err.endswith("(2 nodes, 0 edges, gexf)\n")      # the agents the labels name
    rq.write_text("SELECT ?d WHERE { ?e sem:hasEarliestBeginTimeStamp ?d }", encoding="utf-8")
    assert main(["export", "--store", str(store_path), "--format", "gexf", "--out", str(tmp_path / "l.gexf"),
                 "--query", str(rq)]) == 0
    assert capsys.readouterr().err.endswith("(0 nodes, 0 edges, gexf)\nnote: the query returned no entity or "
                                            "event IRIs, nor a label of one; SELECT the nodes themselves "
                                            "(?event ?target)\n")


def test_seed_network_reads_back_whole(seed_store, tmp_path):
    """On the seed as built by `kg build`: the GEXF and the CSV hold exactly the view's nodes and edges."""
    network = read_network(open_store(seed_store, read_only=True))
    expected_nodes = {n: (d["label_ru"], d["cls"] or "", network.degree(n), len(d["documents"]))
                      for n, d in network.nodes(data=True)}
    expected_edges = sorted((s, o, k, len(d["documents"])) for s, o, k, d in network.edges(keys=True, data=True))
    assert main(["export", "--store", str(seed_store), "--format", "gexf", "--out", str(tmp_path / "s.gexf")]) == 0
    assert main(["export", "--store", str(seed_store), "--format", "csv", "--out", str(tmp_path / "csv")]) == 0
    nodes, edges = graph_rows(nx.read_gexf(tmp_path / "s.gexf"))
    csv_nodes, csv_edges = csv_rows(tmp_path / "csv" / "nodes.csv"), csv_rows(tmp_path / "csv" / "edges.csv")
    for node_rows, edge_rows in ((nodes, edges), (csv_nodes, csv_edges)):
        assert {r["id"]: (r["label"], r["class"], int(r["degree"]), int(r["documents"]))
                for r in node_rows} == expected_nodes
        assert sorted((r["source"], r["target"], r["predicate"], int(r["documents"]))
                      for r in edge_rows) == expected_edges
    ktk = next(r for r in csv_nodes if r["label_en"] == "Caspian Pipeline Consortium")
    assert (ktk["class"], ktk["category"], ktk["documents"]) == (EKG + "Consortium", "actor", "1")
    assert int(ktk["degree"]) == sum(1 for r in csv_edges if ktk["id"] in (r["source"], r["target"]))


def test_characters_xml_cannot_hold_read_back_as_replacement(tmp_path):
    """A label with control characters (a scanned or pasted text): lxml refused the GraphML, and ElementTree
    wrote a GEXF no reader opens."""
    doc = sample_document()
    next(e for e in doc.entities if e.key == "matilda").label_ru = "Мат\x01ильда\x0b"
    store = stored(tmp_path / "s", doc)
    store.load_ontology()
    del store
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        out = tmp_path / f"g.{fmt}"
        assert main(["export", "--store", str(tmp_path / "s"), "--format", fmt, "--out", str(out)]) == 0
        assert read(out).nodes[E + "matilda"]["label"] == "Мат\ufffdильда\ufffd"
