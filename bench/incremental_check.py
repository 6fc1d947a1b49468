"""Whether a store's event-merges and names graphs are what event merging and name choosing over the whole
store give (after incremental builds), and the index's last join of each merged event and whether its reports are
alike (`kg.event_link.merged_quads`) too:
python bench/incremental_check.py STORE"""
import sys
import pyoxigraph as ox
from kg.stores.local import LocalStore
from kg.stores.base import EVENT_MERGES_GRAPH, INDEX_GRAPH, NAMES_GRAPH
from kg.event_identity import clusters
from kg.event_link import (_ALIKE, _LAST_JOIN, cluster_ntriples, event_classes, merged_quads, store_places,
                           store_reports)
from kg.link import chosen_names
s = LocalStore(sys.argv[1], read_only=True)
def graph(g): return sorted(str(q.triple) for q in s.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(g)))
def parse(nt): return sorted(str(t) for t in ox.parse(nt, ox.RdfFormat.N_TRIPLES)) if nt else []
classes = event_classes(s)
reports = store_reports(s, classes)
found = clusters(reports, classes, store_places(s))
em = parse("".join(cluster_ntriples(c) for c in found))
print("event merges equal to whole:", graph(EVENT_MERGES_GRAPH) == em, len(em))
by_event = {r.event: r for r in reports}
merged = sorted(str(q) for c in found for q in merged_quads(c, by_event))
held = sorted(str(q) for p in (_LAST_JOIN, _ALIKE) for q in s.index_quads(None, p))
print("last joins and alike reports equal to whole:", held == merged, len(found), "merged events,",
      sum(q.predicate == _ALIKE for c in found for q in merged_quads(c, by_event)), "alike")
print("names equal to whole:", graph(NAMES_GRAPH) == parse(chosen_names(s)[1]))
