"""Whether a store's event-merges and names graphs are what event merging and name choosing over the whole
store give (after incremental builds):  python bench/incremental_check.py STORE"""
import sys
import pyoxigraph as ox
from kg.stores.local import LocalStore
from kg.stores.base import EVENT_MERGES_GRAPH, NAMES_GRAPH
from kg.event_link import event_clusters, cluster_ntriples
from kg.link import chosen_names
s = LocalStore(sys.argv[1], read_only=True)
def graph(g): return sorted(str(q.triple) for q in s.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(g)))
def parse(nt): return sorted(str(t) for t in ox.parse(nt, ox.RdfFormat.N_TRIPLES)) if nt else []
em = parse("".join(cluster_ntriples(c) for c in event_clusters(s)))
print("event merges equal to whole:", graph(EVENT_MERGES_GRAPH) == em, len(em))
print("names equal to whole:", graph(NAMES_GRAPH) == parse(chosen_names(s)[1]))
