"""Whether a store's event-merges and names graphs are what event merging and name choosing over the whole
store give (after incremental builds), and the index's last join of each merged event (`kg.event_link`) too:
python bench/incremental_check.py STORE"""
import sys
import pyoxigraph as ox
from kg.stores.local import LocalStore
from kg.stores.base import EVENT_MERGES_GRAPH, INDEX_GRAPH, NAMES_GRAPH
from kg.event_identity import weakest
from kg.event_link import _LAST_JOIN, event_clusters, cluster_ntriples, last_join_quad, merged_iri
from kg.link import chosen_names
s = LocalStore(sys.argv[1], read_only=True)
def graph(g): return sorted(str(q.triple) for q in s.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(g)))
def parse(nt): return sorted(str(t) for t in ox.parse(nt, ox.RdfFormat.N_TRIPLES)) if nt else []
found = event_clusters(s)
em = parse("".join(cluster_ntriples(c) for c in found))
print("event merges equal to whole:", graph(EVENT_MERGES_GRAPH) == em, len(em))
last = sorted(str(last_join_quad(merged_iri(c), weakest(c.joins))) for c in found)
print("last joins equal to whole:", sorted(str(q) for q in s.index_quads(None, _LAST_JOIN)) == last, len(last))
print("names equal to whole:", graph(NAMES_GRAPH) == parse(chosen_names(s)[1]))
