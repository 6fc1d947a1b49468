import io

from kg.summary import counts, summarize
from kg_fixtures import sample_document, stored


def test_summary(tmp_path):
    store = stored(tmp_path / "s", sample_document("a", "a"), sample_document("b", "b"))
    c = counts(store)
    assert c["documents"] == 2
    assert dict(c["events"]) == {"Attack": 2, "Statement": 2}
    assert sum(n for _, n in c["entities"]) == 4  # the same 4 entities in both documents
    queries = tmp_path / "queries"
    queries.mkdir()
    (queries / "02_targets.rq").write_text("# CQ: Which assets were attacked?\n"
                                          "SELECT DISTINCT ?name WHERE { ?e a ekg:Attack ; ekg:target ?t . "
                                          "?t skos:prefLabel ?name FILTER(lang(?name) = 'en') }\n", encoding="utf-8")
    (queries / "01_bad.rq").write_text("# CQ: broken\nSELECT WHERE {", encoding="utf-8")
    out = io.StringIO()
    assert summarize(store, out, queries) == 1
    text = out.getvalue()
    assert "documents: 2" in text
    assert text.index("CQ (01_bad.rq): broken") < text.index("CQ (02_targets.rq): Which assets were attacked?")
    assert "Matilda" in text and "invalid SPARQL" in text
