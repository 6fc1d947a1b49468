"""Stage contracts: each component writes only what its factory declares (`assigns`), reads what it
declares (`requires`) from stages before it, and keeps nothing from one document to the next."""
from __future__ import annotations

import pickle

from spacy.tokens.underscore import Underscore

from extract.pipeline import extract_documents
from extract.reader import read_source
from tests.conftest import SEED, TEXTS

TOKEN_ATTRS = ("lemma", "pos", "tag", "morph", "head", "dep", "is_sent_start")


def snapshot(doc) -> dict[str, str]:
    """Everything a stage may write, by its name in `assigns`, as text (so later edits in place show)."""
    out = {f"token.{a}": repr([str(getattr(t, a)) for t in doc]) for a in TOKEN_ATTRS}
    out["doc.ents"] = repr([(e.start, e.end, e.label_) for e in doc.ents])
    out["doc.spans"] = repr({k: [(s.start, s.end, s.label_) for s in g] for k, g in doc.spans.items()})
    spans = [s for g in doc.spans.values() for s in g]
    for name, (default, *_) in sorted(Underscore.span_extensions.items()):   # values set, not defaults
        out[f"span._.{name}"] = repr([(s.start, s.end, v) for s in spans if (v := getattr(s._, name)) != default])
    for name in sorted(Underscore.doc_extensions):
        try:
            out[f"doc._.{name}"] = repr(getattr(doc._, name))
        except ValueError:        # doc._.columns before ontology_normalise
            out[f"doc._.{name}"] = "absent"
    return out


def test_each_stage_writes_only_what_it_declares(nlp):
    doc = nlp.make_doc(read_source(SEED).text)
    doc._.article_date = "2026-02-17"
    changed_by = {}
    for name, pipe in nlp.pipeline:
        before = snapshot(doc)
        doc = pipe(doc)
        after = snapshot(doc)
        changed_by[name] = {k for k in after if after[k] != before.get(k)}
        assigns = set(nlp.get_pipe_meta(name).assigns)
        assert changed_by[name] <= assigns, (name, changed_by[name] - assigns)
    # and the ontology stages write what they say they do (a declaration is not left over)
    for name in ("ontology_normalise", "ontology_mentions", "ontology_entities", "ontology_relations",
                 "ontology_events", "ontology_quotes", "ontology_modality"):
        assert changed_by[name], name
    assert changed_by["ontology_quotes"] == {"doc._.speech"}
    assert changed_by["ontology_events"] == {"doc._.events", "doc._.implied_entities"}
    assert changed_by["ontology_modality"] == {"doc._.modality"}
    assert changed_by["event_trigger_model"] == {"doc._.model_triggers"}


def test_each_stage_reads_only_what_earlier_stages_wrote(nlp):
    written = {"doc._.article_date", "doc._.document_key"}      # set by extract_documents before the pipeline
    for name in nlp.pipe_names:
        meta = nlp.get_pipe_meta(name)
        missing = {r for r in meta.requires if r not in written}
        assert not missing, (name, missing)
        written |= set(meta.assigns)


def test_columns_are_kept_beside_the_doc_not_in_it(nlp):
    """`doc._.columns` is read through a getter: nothing of it is in user_data, so it is never serialised."""
    doc = nlp("Танкер «Матильда» атаковали у терминала КТК.")
    assert doc._.columns.lemma[0] == "танкер"
    assert not any("columns" in str(k) for k in doc.user_data)
    restored = pickle.loads(pickle.dumps(doc))
    assert [t.lemma_ for t in restored] == [t.lemma_ for t in doc]


def test_documents_in_either_order_give_the_same_records(nlp):
    """No stage keeps anything from one document for the next."""
    sources = [read_source(SEED), read_source(TEXTS / "tanker_varna.txt"), read_source(TEXTS / "terminal_ust_luga.txt")]
    forward = {d.key: d for d in extract_documents(nlp, sources)}
    backward = {d.key: d for d in extract_documents(nlp, sources[::-1])}
    alone = {d.key: d for s in sources for d in extract_documents(nlp, [s])}
    assert forward == backward == alone
    assert all(d.events for d in forward.values())


def test_adapt_leaves_the_doc_as_the_stages_made_it(nlp):
    """The final decisions (statements, outlet, entities kept) are made on copies: adapting twice is the same."""
    from extract.to_records import to_document
    source = read_source(SEED)
    doc = nlp.make_doc(source.text)
    doc._.article_date = source.date
    doc = nlp(doc)
    events_before = repr(doc._.events)
    lexicon = nlp.get_pipe("ontology_quotes").lexicon
    first, second = to_document(doc, source, "", lexicon), to_document(doc, source, "", lexicon)
    assert first == second and repr(doc._.events) == events_before
    assert first.outlet and any(e.cls.endswith("MediaOutlet") for e in first.entities if e.key == first.outlet)
