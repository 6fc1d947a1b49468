"""`kg evaluate`: precision, recall and F1 of extracted mentions against gold annotations.

A predicted mention counts only when its start, end and class all match a gold mention (exact
spans, as in the factRuEval measurement; a closing quote at the end of a span that holds its opening
quote is not compared, since collections disagree on it). The pipeline's ontology classes map to the gold classes
by their place in the ontology: persons → PER, organisations → ORG, states and places → LOC;
assets, events and other classes are not scored there. "Natasha alone" is the natasha package's NER tagger on the raw
text as it ships (`natasha_spans`), run in the same process on the same texts, so every figure has its
baseline beside it.

When the gold (brat) has assets and events, they are scored too, for the pipeline only (Natasha has
neither), by the ontology class's local name:
- assets: exact span (closing quote not compared, as above) and class; and, leniently, a predicted
  asset matches a gold one of the same class whose span it overlaps (one to one);
- event triggers: exact trigger span and event class;
- event roles: a predicted role counts when its event matches a gold event (trigger span and class)
  that has the same role with a filler it overlaps (one to one). The predicted filler is every mention of
  its entity in the document, the trigger of its event (a topic), or the word the role was found on
  when it names no entity, is an anaphoric pronoun, or its entity has no mention in the event's sentence
  (`role_fillers`). Also
  given over the matched events only, which separates role errors from trigger errors.

When the gold also dates its events (a `Time` role), events are scored strictly, as an analyst uses them
(`score_strict`): a gold event is found when a predicted event's trigger overlaps its trigger, has its class,
has every gold role with a filler overlapping the gold filler, and has its date (both none, or the same
normalised value). Beside it, the same with a superclass or subclass of the gold class allowed, and how many
gold events have each part right.
"""
from __future__ import annotations

import hashlib
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from tqdm import tqdm

from extract.gold import CLASSES, GoldDocument
from extract.lemma_lookup import analyzer
from extract.records import UNNAMED_RULES
from ontology.terms import EKG, SCHEMA_NS, Category, local

GOLD_CLASS = {Category.PERSON: "PER", Category.ORGANIZATION: "ORG", Category.STATE: "LOC", Category.PLACE: "LOC"}
Span = tuple[str, int, int, str]   # (document key, start, end, class)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


def score(gold: set[Span], predicted: set[Span]) -> dict[str, Score]:
    """Per gold class and micro-averaged over all ("all")."""
    scores = {c: Score() for c in (*CLASSES, "all")}
    for span in predicted:
        s = scores[span[3]]
        if span in gold:
            s.tp += 1
        else:
            s.fp += 1
    for span in gold - predicted:
        scores[span[3]].fn += 1
    total = scores["all"]
    for c in CLASSES:
        total.tp += scores[c].tp
        total.fp += scores[c].fp
        total.fn += scores[c].fn
    return scores


def errors(gold: set[Span], predicted: set[Span], texts: dict[str, str]) -> Counter:
    """The errors, by kind and text: a wrong boundary or class beside a gold mention, a miss, a false find."""
    found: Counter = Counter()
    by_doc_pred: dict[str, list[Span]] = {}
    for p in predicted:
        by_doc_pred.setdefault(p[0], []).append(p)
    matched_fp = set()
    for g in sorted(gold - predicted):
        doc, start, end, cls = g
        overlap = [p for p in by_doc_pred.get(doc, []) if p not in gold and p[1] < end and start < p[2]]
        text = texts[doc][start:end]
        if any(p[1:3] == (start, end) for p in overlap):
            other = next(p for p in overlap if p[1:3] == (start, end))
            found[("class", f"{cls} taken as {other[3]}", text)] += 1
        elif any(p[3] == cls for p in overlap):
            other = next(p for p in overlap if p[3] == cls)
            found[("boundary", cls, f"{text} ≠ {texts[doc][other[1]:other[2]]}")] += 1
        else:
            found[("missed", cls, text)] += 1
        matched_fp.update(overlap)
    for p in sorted(predicted - gold - matched_fp):
        found[("spurious", p[3], texts[p[0]][p[1]:p[2]])] += 1
    return found


def without_closing_quote(spans: set[Span], texts: dict[str, str]) -> set[Span]:
    """Spans compared without a closing quote at their end when they hold the opening one.

    Collections disagree: factRuEval ends "компании «Арктикгаз" at the name, brat annotators often
    take "Компания «Северный поток»" with its quote. Either way it is the same mention.
    """
    out = set()
    for key, start, end, cls in spans:
        text = texts[key][start:end]
        if len(text) > 1 and text[-1] in "»”\"" and any(q in text[:-1] for q in "«„“\""):
            end -= 1
        out.add((key, start, end, cls))
    return out


def gold_spans(docs: list[GoldDocument]) -> set[Span]:
    return {(d.key, m.start, m.end, m.cls) for d in docs for m in d.mentions}


def _source(doc: GoldDocument):
    from extract.reader import SourceText
    return SourceText(path=doc.path, key=doc.key, title="", date=None, text=doc.text,
                      content_hash=hashlib.sha256(doc.text.encode("utf-8")).hexdigest())


def _bar(items, desc: str, progress: bool):
    """A progress bar on stderr over `items`; none when stderr is not a terminal (a log) or without `progress`."""
    return tqdm(items, desc=desc, unit="doc", file=sys.stderr, disable=None if progress else True)


def extract_records(nlp, docs: list[GoldDocument], progress: bool = True) -> tuple[list, list[dict]]:
    """The pipeline's records (extract.records.Document) for the gold texts, in order, and its failures.

    One document at a time, as `kg build` does: a document the pipeline fails on scores as one where
    nothing was found (an empty record), and is named with its error, instead of stopping the measurement."""
    from extract.pipeline import extract_documents
    from extract.records import Document
    records, failures = [], []
    for gold in _bar(docs, "pipeline", progress):
        try:
            [record] = extract_documents(nlp, [_source(gold)])
        except Exception as exc:  # one bad document must not stop the measurement
            record = Document(key=gold.key, path=gold.path, text=gold.text)
            failures.append({"document": gold.key, "error": f"{type(exc).__name__}: {exc}"})
        records.append(record)
    return records, failures


def pipeline_spans(lexicon, docs: list[GoldDocument], records: list) -> set[Span]:
    """Mentions the full pipeline extracted, in gold classes.

    A mention with a descriptor is compared as the gold marks it: descriptor and name together where the
    gold has that span (factRuEval and the project's gold: "компании «Арктикгаз»", "штате Колорадо"), else
    its name alone (NEREL marks names without descriptors: "Колорадо"). Either way one span per mention.
    A state named by its adjective ("российских", rule "state-adjective") is no name: left out, as
    factRuEval leaves it (NEREL marks it a COUNTRY; the measure stays over names, as it was). So is a state's
    one body named by its bare noun ("полиция", "правительство", rule "org-noun"): NEREL marks it an ORG,
    factRuEval does not (none of 25 on factru-dev); counted, NEREL dev ORG was 0.716 instead of 0.681 and
    factru-dev ORG 0.745 instead of 0.748."""
    spans = set()
    for gold, record in zip(docs, records):
        marked = without_closing_quote(gold_spans([gold]), {gold.key: gold.text})
        for m in record.mentions:
            if m.rule in UNNAMED_RULES:
                continue
            cls = GOLD_CLASS.get(lexicon.category(m.cls)) if m.cls in lexicon.classes else None
            if cls:
                phrase = (gold.key, *m.phrase(gold.text), cls)
                as_marked = without_closing_quote({phrase}, {gold.key: gold.text}) <= marked
                spans.add(phrase if as_marked else (gold.key, m.start, m.end, cls))
    return spans


def _overlaps(spans, targets) -> bool:
    """Whether any of `spans` overlaps any of `targets` (the spans of a gold argument)."""
    return targets is not None and any(s < b and a < e for s, e in spans for a, b in targets)


def occupations(docs: list[GoldDocument], records: list) -> dict:
    """factRuEval's Occupation facts against the pipeline's position relations.

    A predicted occupation is a `ekg:holdsPositionIn` relation (person, position, organisation or
    place) or a `schema:jobTitle` with no such relation. It matches a gold fact when the person has a
    mention overlapping the gold Who, the position text overlaps the gold Position (when both are
    given), and the organisation or place has a mention overlapping the gold Where (when the gold has one).
    """
    holds, title = EKG.holdsPositionIn, SCHEMA_NS + "jobTitle"
    gold_n = pred_n = gold_hit = pred_hit = 0
    for gold, record in zip(docs, records):
        spans: dict[str, list[tuple[int, int]]] = {}
        for m in record.mentions:
            spans.setdefault(m.entity, []).append((m.start, m.end))
        with_place = {(r.subject, r.sentence) for r in record.relations if r.predicate == holds}
        predicted = [(r.subject, r.qualifier, r.object) for r in record.relations if r.predicate == holds]
        predicted += [(r.subject, r.value, None) for r in record.relations
                      if r.predicate == title and (r.subject, r.sentence) not in with_place]

        def match(p, g) -> bool:
            who, position, where = p
            if not _overlaps(spans.get(who, []), g.who):
                return False
            if g.position and position:
                said = [gold.text[a:b].casefold() for a, b in g.position]
                if not any(p in position.casefold() or position.casefold() in p for p in said):
                    return False
            return g.where is None or (where is not None and _overlaps(spans.get(where, []), g.where))

        gold_n += len(gold.occupations)
        pred_n += len(predicted)
        gold_hit += sum(any(match(p, g) for p in predicted) for g in gold.occupations)
        pred_hit += sum(any(match(p, g) for g in gold.occupations) for p in predicted)
    precision = pred_hit / pred_n if pred_n else 0.0
    recall = gold_hit / gold_n if gold_n else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"gold": gold_n, "predicted": pred_n, "precision": round(precision, 4), "recall": round(recall, 4),
            "f1": round(f1, 4)}


def natasha_spans(docs: list[GoldDocument], progress: bool = True) -> set[Span]:
    """Natasha alone, the baseline: the natasha package's NER tagger on the raw text, as it ships.

    Not the project's `natasha_ner` stage, which already mends the tagger (a name never crosses a line break)."""
    from extract.models import ner_tagger
    tagger = ner_tagger()
    return {(gold.key, span.start, span.stop, span.type)
            for gold in _bar(docs, "Natasha", progress)
            for span in (tagger(gold.text).spans if gold.text.strip() else ()) if span.type in CLASSES}


def b_cubed(gold: dict, predicted: dict) -> dict:
    """B-cubed precision, recall and F1 of `predicted` (mention -> cluster) against `gold` (mention -> cluster)."""
    gold_c, pred_c = defaultdict(set), defaultdict(set)
    for m, c in gold.items():
        gold_c[c].add(m)
    for m, c in predicted.items():
        pred_c[c].add(m)
    p = r = 0.0
    for m in gold:
        both = len(gold_c[gold[m]] & pred_c[predicted[m]])
        p += both / len(pred_c[predicted[m]])
        r += both / len(gold_c[gold[m]])
    n = len(gold)
    p, r = (p / n, r / n) if n else (0.0, 0.0)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "nodes": len({predicted[m] for m in gold})}


def grouping(docs: list[GoldDocument], records: list, lexicon=None) -> dict:
    """How well mentions are grouped into entities: B-cubed against the gold coreference.

    Scored over the gold mentions the pipeline found with the exact span (whatever the class), within
    each document, as the gold groups are. `nodes` is the number of distinct person, organisation and
    place nodes the pipeline makes for the documents with coreference (one store), beside the number
    of gold entities per document summed.
    """
    def scored(cls: str) -> bool:
        return lexicon is None or (cls in lexicon.classes and lexicon.category(cls) in GOLD_CLASS)

    gold_of, pred_of = {}, {}
    for gold, record in zip(docs, records):
        found = {(m.start, m.end): m.entity for m in record.mentions}
        for m in record.mentions:    # a mention with its descriptor, as factRuEval marks it
            found.setdefault(m.phrase(gold.text), m.entity)
        for m in gold.mentions:
            if m.entity and (m.start, m.end) in found:
                gold_of[(gold.key, m.start, m.end)] = (gold.key, m.entity)
                pred_of[(gold.key, m.start, m.end)] = (gold.key, found[(m.start, m.end)])

    b3 = b_cubed(gold_of, pred_of)
    return {"mentions": len(gold_of), "b3_precision": b3["precision"], "b3_recall": b3["recall"], "b3_f1": b3["f1"],
            "nodes": len({e.iri or e.key for gold, record in zip(docs, records) for e in record.entities
                          if scored(e.cls) and any(m.entity for m in gold.mentions)}),
            "gold_entities": len({(d.key, m.entity) for d in docs for m in d.mentions if m.entity})}


def score_classes(gold: set[Span], predicted: set[Span]) -> dict[str, Score]:
    """Exact matches per class (whatever classes occur) and micro-averaged over all ("all")."""
    scores = {c: Score() for c in sorted({s[3] for s in gold | predicted})}
    scores["all"] = Score()
    for span in predicted:
        hit = span in gold
        for key in (span[3], "all"):
            scores[key].tp += hit
            scores[key].fp += not hit
    for span in gold - predicted:
        scores[span[3]].fn += 1
        scores["all"].fn += 1
    return scores


def score_overlap(gold: set[Span], predicted: set[Span]) -> Score:
    """One-to-one matches of the same class whose spans overlap (exact matches are paired first)."""
    free = set(gold)
    result = Score()
    for p in sorted(predicted, key=lambda p: (p not in gold, p)):
        g = p if p in free else next((g for g in sorted(free) if g[0] == p[0] and g[3] == p[3]
                                      and g[1] < p[2] and p[1] < g[2]), None)
        if g is None:
            result.fp += 1
        else:
            free.discard(g)
            result.tp += 1
    result.fn = len(free)
    return result


def gold_assets(docs: list[GoldDocument]) -> set[Span]:
    return {(d.key, a.start, a.end, local(a.cls)) for d in docs for a in d.assets}


def pipeline_assets(lexicon, docs: list[GoldDocument], records: list) -> set[Span]:
    """The pipeline's mentions of asset classes."""
    return {(gold.key, m.start, m.end, local(m.cls)) for gold, record in zip(docs, records)
            for m in record.mentions if m.cls in lexicon.classes and lexicon.category(m.cls) == Category.ASSET}


def gold_triggers(docs: list[GoldDocument]) -> set[Span]:
    return {(d.key, e.start, e.end, local(e.cls)) for d in docs for e in d.events}


def asserted(event) -> bool:
    return event.modality in (None, EKG.Asserted)


def scored_events(record) -> list:
    """The events the graph counts as having happened (asserted), one per trigger mention, each with the
    roles found in its own sentence (and its outlet, wherever it is named) and the date its report gives: gold
    marks every mention as its own event."""
    out = []
    for ev in filter(asserted, record.events):
        if not ev.mentions:
            out.append(ev)
            continue
        for m in ev.triggers():
            sent = record.sentences[m.sentence] if m.sentence < len(record.sentences) else None
            named = {x.entity for x in record.mentions if x.sentence == m.sentence}
            roles = [r for r in ev.roles if sent is None or sent.start <= r.start < sent.end or r.entity in named
                     or r.role == EKG.reportedBy]    # "Об этом сообщает X": the outlet relays the whole event
            roles = [r for n, r in enumerate(roles) if not any((o.role, o.entity, o.event, o.value) ==
                                                               (r.role, r.entity, r.event, r.value) for o in roles[:n])]
            out.append(replace(ev, start=m.start, end=m.end, sentence=m.sentence, trigger=m.text, roles=roles,
                               mentions=[], time=m.time or ev.time,     # the date its own report gives
                               type=m.type or ev.type))                 # and the class its own word names
    return out


def pipeline_triggers(docs: list[GoldDocument], records: list) -> set[Span]:
    return {(gold.key, e.start, e.end, local(e.type)) for gold, record in zip(docs, records)
            for e in scored_events(record)}


def anaphoric(word: str) -> bool:
    """Whether a role's own word is an anaphoric pronoun ("его", "она", "который"): it names no entity of its own,
    so it cannot stand for another one than the role's."""
    return " " not in word.strip() and "Anph" in analyzer().parse(word.strip().lower())[0].tag


def role_fillers(record, event, role) -> list[tuple[int, int]]:
    """Where a predicted role's filler is: its entity's mentions, its event's trigger, its own span.

    The own span (the word the role was found on) counts for a phrase, for an anaphoric pronoun ("согласиться
    с его отставкой", "Поповкин, который был уволен": the gold marks the pronoun even where the entity is named
    in the sentence), and for an entity with no mention in the event's sentence ("Стороны", an adjective:
    "украинских"); otherwise the word may govern another entity than the one the role names ("станцию ... в
    Тамбовской области")."""
    mentions = [m for m in record.mentions if role.entity and m.entity == role.entity]
    spans = [m.phrase(record.text) for m in mentions]    # with its descriptor: "в штате Колорадо"
    if role.end > role.start and (anaphoric(record.text[role.start:role.end]) or
                                  not any(m.sentence == event.sentence for m in mentions)):
        spans.append((role.start, role.end))
    if role.event is not None and 0 <= role.event < len(record.events):
        spans.append((record.events[role.event].start, record.events[role.event].end))
    return spans


def score_roles(docs: list[GoldDocument], records: list) -> dict[str, Score]:
    """Roles per role name and "all"; "matched events" counts only the roles of events found exactly."""
    scores: dict[str, Score] = {"all": Score(), "matched events": Score()}

    def count(name: str, field: str, matched: bool):
        for key in (name, "all") + (("matched events",) if matched else ()):
            s = scores.setdefault(key, Score())
            setattr(s, field, getattr(s, field) + 1)

    for gold, record in zip(docs, records):
        open_roles = {}
        for e in gold.events:
            open_roles.setdefault((e.start, e.end, local(e.cls)), []).extend(e.roles)
        events = scored_events(record)
        found = {(ev.start, ev.end, local(ev.type)) for ev in events} & set(open_roles)
        for ev in events:
            available = open_roles.get((ev.start, ev.end, local(ev.type)))
            for role in ev.roles:
                fillers = role_fillers(record, ev, role)
                hit = next((g for g in available or [] if g.role == role.role
                            and any(s < g.end and g.start < e for s, e in fillers)), None)
                if hit is not None:
                    available.remove(hit)
                count(local(role.role), "tp" if hit is not None else "fp", available is not None)
        for key, rest in open_roles.items():
            for g in rest:
                count(local(g.role), "fn", key in found)
    return {k: scores[k] for k in sorted(scores, key=lambda k: (k in ("all", "matched events"), k))}


def date_matches(gold: str | None, time, written: str = "") -> bool:
    """Whether a predicted event's time (records.TimeValue or None) gives the gold date.

    Both none, or the same value; a gold date without its year (`--03-14`, `--11`) takes any year, or a
    prediction with no value (year unknown) whose text is the gold's as written, give or take a preposition.
    The article's date given as the report date is not the event's own date: it counts as none; nor is a range's
    start ("с апреля 2017 года погибли": qualifier "since") or a day it came after ("после 6 июня": "after"),
    which the gold does not give (its README, "Dates")."""
    if time is not None and (time.source == "report date" or (time.qualifier or "").startswith(("since", "after"))):
        time = None
    value = time.value if time is not None else None
    if gold is None or value is None:
        if gold is None or not gold.startswith("--") or time is None:
            return gold is None and value is None
        said = [re.sub(r"^(в|во|на|с|к)\s+", "", t.casefold().strip(" ,.")) for t in (time.text, written)]
        return bool(said[0]) and (said[0] in said[1] or said[1] in said[0])
    if gold.startswith("--"):
        return re.fullmatch(r"\d{4}" + re.escape(gold[1:]), value) is not None
    return value == gold


def _roles_right(gold_event, record, event) -> bool:
    """Every gold role has a predicted role of the same property whose filler overlaps the gold filler."""
    fillers = [(r.role, role_fillers(record, event, r)) for r in event.roles]
    return all(any(role == g.role and any(s < g.end and g.start < e for s, e in spans) for role, spans in fillers)
               for g in gold_event.roles)


def strict_events(record) -> list:
    """The predicted events as the gold marks them: asserted ones, one per trigger mention with the roles of its
    own sentence (`scored_events`), and the date only where its sentence writes it (the gold dates a mention
    by its own clause or sentence: a later mention of a dated event has none)."""
    out = []
    for ev in scored_events(record):
        sent = record.sentences[ev.sentence].text if ev.sentence < len(record.sentences) else None
        if ev.time is not None and ev.time.text and sent is not None and ev.time.text not in sent:
            ev = replace(ev, time=None)
        out.append(ev)
    return out


def score_strict(docs: list[GoldDocument], records: list, lexicon=None) -> dict:
    """Events as an analyst uses them: trigger, class, every role and the date, all right.

    Each gold event takes, one to one, the predicted event mention (`strict_events`: asserted, one per trigger
    mention) overlapping its trigger that gets the most parts right. `strict` counts gold events with all four
    right (precision over all predicted event mentions);
    `lenient` allows a superclass or subclass of the gold class (`lexicon.is_a` either way);
    `parts` counts gold events with a trigger found and with each part right (`dated`: the date right on a
    gold event that has one)."""
    def related(a: str, b: str) -> bool:
        return a == b or (lexicon is not None and (lexicon.is_a(a, b) or lexicon.is_a(b, a)))

    parts = Counter()
    strict, lenient, predicted, gold_n = 0, 0, 0, 0
    for gold, record in zip(docs, records):
        free = strict_events(record)
        predicted += len(free)
        gold_n += len(gold.events)
        for g in gold.events:
            written = gold.text[g.date_span[0]:g.date_span[1]] if g.date_span else ""

            def judge(ev):
                return (local(ev.type) == local(g.cls), related(ev.type, g.cls), _roles_right(g, record, ev),
                        date_matches(g.date, ev.time, written))
            candidates = [(judge(ev), ev) for ev in free if ev.start < g.end and g.start < ev.end]
            if not candidates:
                continue
            (cls, near, roles, date), best = max(candidates, key=lambda c: (c[0][0] and all(c[0][2:]), all(c[0][1:]),
                                                                            sum(c[0])))
            free.remove(best)
            parts.update({"trigger": 1, "class": cls, "class or near": near, "roles": roles, "date": date,
                          "dated": date and g.date is not None})
            strict += cls and roles and date
            lenient += near and roles and date

    def row(tp: int) -> dict:
        return Score(tp=tp, fp=predicted - tp, fn=gold_n - tp).as_dict()
    return {"gold": gold_n, "predicted": predicted,
            "gold roles": sum(len(e.roles) for d in docs for e in d.events),
            "gold dates": sum(e.date is not None for d in docs for e in d.events),
            "strict": row(strict), "lenient": row(lenient),
            "parts": {k: parts[k] for k in ("trigger", "class", "class or near", "roles", "date", "dated")}}


def domain_report(docs: list[GoldDocument], records: list, lexicon, texts: dict[str, str], top: int) -> dict:
    """Assets and events, when the gold has them (pipeline only)."""
    out = {}
    if any(d.assets for d in docs):
        gold = without_closing_quote(gold_assets(docs), texts)
        ours = without_closing_quote(pipeline_assets(lexicon, docs, records), texts)
        out["assets"] = {"exact": {c: s.as_dict() for c, s in score_classes(gold, ours).items()},
                         "overlap": score_overlap(gold, ours).as_dict(),
                         "errors": _error_list(errors(gold, ours, texts), top)}
    if any(d.events for d in docs):
        gold, ours = gold_triggers(docs), pipeline_triggers(docs, records)
        out["events"] = {"triggers": {c: s.as_dict() for c, s in score_classes(gold, ours).items()},
                         "roles": {c: s.as_dict() for c, s in score_roles(docs, records).items()},
                         "errors": _error_list(errors(gold, ours, texts), top)}
    if any(e.date for d in docs for e in d.events):   # a gold that dates its events: score them whole
        out["events strict"] = score_strict(docs, records, lexicon)
    return out


def _error_list(found: Counter, top: int) -> list[dict]:
    return [{"kind": k, "class": c, "text": t, "count": n} for (k, c, t), n in found.most_common(top)]


def evaluate(docs: list[GoldDocument], nlp, top: int = 15, progress: bool = True, same_as=None) -> dict:
    """The whole report as plain data (what `--format json` prints); `progress`: the bars on stderr;
    `same_as(record) -> {entity key: sameAs IRIs}`: the links the graph gives each entity (`kg evaluate`
    passes kg.graph.document_same_as), else the record's own."""
    texts = {d.key: d.text for d in docs}
    records, failures = extract_records(nlp, docs, progress)
    lexicon = nlp.get_pipe("ontology_mentions").lexicon   # the ontology the pipeline was built with
    raw = {"gold": gold_spans(docs), "pipeline": pipeline_spans(lexicon, docs, records),
           "natasha": natasha_spans(docs, progress)}
    gold, ours, base = (without_closing_quote(raw[k], texts) for k in ("gold", "pipeline", "natasha"))
    s_ours, s_base = score(gold, ours), score(gold, base)
    strict = {}
    for name in ("pipeline", "natasha"):   # the measurement: every character compared
        s = score(raw["gold"], raw[name])
        strict[name] = s["all"].as_dict() | {f"{c} f1": round(s[c].f1, 4) for c in CLASSES}
    return {
        "documents": len(docs),
        "failed": failures,
        "gold_mentions": len(gold),
        "mapping": {"gold": "factRuEval Person→PER, Org→ORG, Location/LocOrg→LOC; brat by type name",
                    "pipeline": "ontology person→PER, organization→ORG, state/place→LOC"},
        "pipeline": {c: s.as_dict() for c, s in s_ours.items()},
        "natasha": {c: s.as_dict() for c, s in s_base.items()},
        "f1_ratio": {c: round(s_ours[c].f1 / s_base[c].f1, 3) if s_base[c].f1 else None for c in s_ours},
        "strict": strict,
        "occupation": occupations(docs, records),
        "grouping": grouping(docs, records, lexicon),
        "errors": _error_list(errors(gold, ours, texts), top),
    } | domain_report(docs, records, lexicon, texts, top) | nerel(docs, records, lexicon, same_as)


def nerel(docs: list[GoldDocument], records: list, lexicon, same_as=None) -> dict:
    """NEREL's event, argument, time, place, position and Wikidata measures, when the gold has relations."""
    if not any(d.relations or d.links for d in docs):
        return {}
    from extract.evaluate_nerel import nerel_report, record_same_as
    return {"nerel": nerel_report(docs, records, lexicon, same_as or record_same_as)}


def format_report(report: dict) -> str:
    lines = [f"{report['documents']} documents, {report['gold_mentions']} gold mentions (exact span and class)",
             *(f"the pipeline failed on {f['document']} (scored as nothing found): {f['error']}"
               for f in report["failed"]), "",
             f"{'class':<6} {'gold':>5}   {'pipeline P':>10} {'R':>6} {'F1':>6}   {'Natasha P':>9} {'R':>6} {'F1':>6}"
             f"   {'F1 ratio':>8}"]
    for c in (*CLASSES, "all"):
        o, b = report["pipeline"][c], report["natasha"][c]
        ratio = report["f1_ratio"][c]
        lines.append(f"{c:<6} {o['tp'] + o['fn']:>5}   {o['precision']:>10.3f} {o['recall']:>6.3f} {o['f1']:>6.3f}"
                     f"   {b['precision']:>9.3f} {b['recall']:>6.3f} {b['f1']:>6.3f}"
                     f"   {ratio if ratio is not None else '-':>8}")
    st = report["strict"]
    lines.append("strict F1 (closing quote compared too), pipeline / Natasha: "
                 + " · ".join(f"{c} {st['pipeline'][c + ' f1']:.3f} / {st['natasha'][c + ' f1']:.3f}" for c in CLASSES)
                 + f" · all {st['pipeline']['f1']:.3f} / {st['natasha']['f1']:.3f}")
    occ, grp = report["occupation"], report["grouping"]
    if occ["gold"]:   # factRuEval's facts and coreference; brat gold has neither
        lines += ["", f"Occupation facts: {occ['gold']} gold, {occ['predicted']} predicted position relations; "
                      f"P {occ['precision']:.3f} R {occ['recall']:.3f} F1 {occ['f1']:.3f} (Natasha has no relations)"]
    if grp["gold_entities"]:
        lines += [f"Entity grouping (B-cubed over {grp['mentions']} gold mentions found exactly): "
                  f"P {grp['b3_precision']:.3f} R {grp['b3_recall']:.3f} F1 {grp['b3_f1']:.3f}; "
                  f"{grp['nodes']} entity nodes for the collection, "
                  f"{grp['gold_entities']} gold entities (per document)"]
    lines += ["", "most frequent errors of the pipeline:"] + _format_errors(report["errors"])
    if "assets" in report:
        a = report["assets"]
        lines += ["", f"Assets (pipeline only; Natasha has none): {a['exact']['all']['tp'] + a['exact']['all']['fn']} "
                      "gold, exact span and class", *_format_scores(a["exact"], "class"),
                  _format_row("overlap", a["overlap"]) + "   (span overlaps, same class)",
                  "most frequent asset errors:", *_format_errors(a["errors"])]
    if "events" in report:
        e = report["events"]
        lines += ["", f"Event triggers (pipeline only): {e['triggers']['all']['tp'] + e['triggers']['all']['fn']} "
                      "gold, exact trigger span and event class", *_format_scores(e["triggers"], "class"),
                  "", "Event roles (event matched, filler overlaps the gold filler)", *_format_scores(e["roles"], "role"),
                  "most frequent trigger errors:", *_format_errors(e["errors"])]
    if "events strict" in report:
        lines += _format_strict(report["events strict"])
    if "nerel" in report:
        from extract.evaluate_nerel import format_nerel
        lines += format_nerel(report["nerel"])
    return "\n".join(lines)


def _format_strict(st: dict) -> list[str]:
    n = st["gold"]
    share = lambda k: f"{st['parts'][k]} ({st['parts'][k] / n:.1%})" if n else "0"  # noqa: E731
    return ["", f"Events strict (trigger overlaps, class, every gold role, the event's own date): {n} gold events "
                f"with {st['gold roles']} roles and {st['gold dates']} dates, {st['predicted']} predicted",
            f"{'measure':<16} {'gold':>5} {'found':>6}   {'P':>6} {'R':>6} {'F1':>6}   {'tp':>4} {'fp':>4} {'fn':>4}",
            _format_row("strict", st["strict"]),
            _format_row("lenient", st["lenient"]) + "   (a superclass or subclass of the gold class)",
            "gold events with each part right: trigger " + share("trigger") + " · class " + share("class")
            + " · class or near " + share("class or near") + " · roles " + share("roles") + " · date " + share("date"),
            f"gold dates given to their event: {st['parts']['dated']} of {st['gold dates']}"]


def _format_row(name: str, s: dict) -> str:
    return (f"{name:<16} {s['tp'] + s['fn']:>5} {s['tp'] + s['fp']:>6}   {s['precision']:>6.3f} {s['recall']:>6.3f} "
            f"{s['f1']:>6.3f}   {s['tp']:>4} {s['fp']:>4} {s['fn']:>4}")


def _format_scores(scores: dict, head: str) -> list[str]:
    """A table of Score dicts; "all" and other summary rows last."""
    names = [c for c in scores if c not in ("all", "matched events")] + [c for c in ("all", "matched events") if c in scores]
    return [f"{head:<16} {'gold':>5} {'found':>6}   {'P':>6} {'R':>6} {'F1':>6}   {'tp':>4} {'fp':>4} {'fn':>4}",
            *(_format_row(c, scores[c]) for c in names)]


def _format_errors(found: list[dict]) -> list[str]:
    return [f"  {e['count']:>3}  {e['kind']:<8} {e['class']:<16} {e['text']}" for e in found]
