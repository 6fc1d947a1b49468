"""The spaCy pipeline: Natasha's models inside `spacy.blank("ru")`, then the ontology's components.

    tokenizer (razdel) -> natasha_morphology -> lemmatizer (pymorphy3, cached) [-> ontology_normalise]
    -> natasha_syntax -> natasha_ner [-> event_trigger_model]
    -> ontology_mentions -> ontology_entities -> ontology_relations -> ontology_events -> ontology_quotes
    -> ontology_modality

Every stage is a registered factory, so the pipeline can also be assembled from a spaCy config. Each
declares what it reads and writes (`requires` / `assigns`, the table in docs/DESIGN.md "Stage contracts");
the stages propose, and `extract.to_records` makes the final decisions when it turns the Doc into records.
"""
from __future__ import annotations

import gc
import os
from typing import Iterable, Iterator

# Natasha's models multiply small matrices: OpenBLAS's extra threads spin more than they help (bench/RESULTS.md,
# "Figures behind settings in the code").
# One thread per process, set before numpy loads; more cores are used by `kg build --workers N`.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import spacy  # noqa: E402  (after the thread settings)
from ontology import ontology_digest  # noqa: E402

from . import (cached_lemmatizer, entities, events, mentions, modality, morphology, ner,  # noqa: F401  (factories)
               quotes, relations, syntax, token_columns, tokens, trigger_model)
from .to_records import to_document
from .reader import MAX_CHARS
from .records import Document

ONTOLOGY_STAGES = ("ontology_mentions", "ontology_entities", "ontology_relations", "ontology_events", "ontology_quotes",
                   "ontology_modality")


def build_nlp(ontology_dir=None, *, ontology: bool = True) -> spacy.Language:
    """The full pipeline; `ontology=False` stops after Natasha's stages (the baseline)."""
    nlp = spacy.blank("ru", config={"nlp": {"tokenizer": {"@tokenizers": "natasha_tokenizer.v1"}}})
    nlp.max_length = MAX_CHARS    # whatever the reader accepts; memory stays bounded (sentences are cut)
    nlp.add_pipe("natasha_morphology")
    nlp.add_pipe("cached_lemmatizer", name="lemmatizer", config={"mode": "pymorphy3", "overwrite": True})
    if ontology:
        nlp.add_pipe("ontology_normalise")   # lemmas as the lexicon writes them, token columns: read once
    nlp.add_pipe("natasha_syntax")
    nlp.add_pipe("natasha_ner")
    if ontology:
        nlp.add_pipe("event_trigger_model")   # triggers no rule lists, proposed (bench/RESULTS.md "Trigger model")
        config = {"ontology_dir": str(ontology_dir) if ontology_dir else None}
        for name in ONTOLOGY_STAGES:
            nlp.add_pipe(name, config=config)
        nlp.meta["ontology_digest"] = ontology_digest(ontology_dir)
    nlp.initialize()
    settle_garbage_collector()
    return nlp


GC_YOUNG = 50_000   # allocations between two collections of the youngest generation (Python's default: 700)


def settle_garbage_collector() -> None:
    """The models and lexicons just loaded live as long as the process: moved out of the cyclic collector's
    reach (`gc.freeze`), a full collection no longer walks them all (the collections cost 0.53 s on 170
    documents, 0.20 s frozen: 2 ms a document; bench/RESULTS.md "Extraction speed"). Objects are still freed
    by reference counting; only cycles among them would stay.
    The caches filled while extracting (lemmas, word analyses, projections) are long-lived too, and a document
    allocates many small objects: at Python's default a young collection ran every 700 of them and the full
    ones it set off walked the growing caches (5.5 ms a document on 400 texts under load, 2.9 of it three
    full collections); collecting the young every GC_YOUNG allocations, the other two thresholds as they were
    (10, 10), it is 1.3 ms and no full collection. A document leaves about 600 tracked objects behind (cache
    entries): at 5,000 the young were collected 48 times on 400 documents and the middle generation 4 times
    (18 ms each), 0.44-0.47 ms a document; at 50,000 4 times and never, 0.20-0.21 ms (bench/RESULTS.md).
    Only cyclic garbage waits longer; peak memory on those 400 documents is the same (464 MB)."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(GC_YOUNG, middle, old)


def extract_documents(nlp, sources: Iterable, batch_size: int = 16) -> Iterator[Document]:
    """One `Document` record per source text, in order."""
    def docs():
        for source in sources:
            doc = nlp.make_doc(source.text)
            doc._.article_date = source.date
            doc._.document_key = source.key   # the document's own nodes' keys name it (EntityLinker.link_local)
            yield doc, source
    pending = docs()
    lexicon = nlp.get_pipe("ontology_quotes").lexicon if "ontology_quotes" in nlp.pipe_names else None
    digest = nlp.meta.get("ontology_digest", "")   # read once: spaCy builds `nlp.meta` anew on every read
    for doc, source in nlp.pipe(pending, as_tuples=True, batch_size=batch_size):
        yield to_document(doc, source, digest, lexicon)
