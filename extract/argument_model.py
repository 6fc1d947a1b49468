"""Event arguments the rules miss, proposed by a small model trained on NEREL train (issue 16).

The events stage's rules read a trigger's own dependents and a few known paths; NEREL marks more people and
bodies as an event's AGENT or PARTICIPANT_IN (a subject several clauses up, a name in a participle's phrase).
Each pair of an event's trigger and an entity mention of its sentence is described by a few dozen categorical
features, hashed (the dependency path between the two, its labels and directions, the mention's preposition
and case from the grammar's words, its entity category, the event class, the token distance, the role the
rules already gave the entity) and by the navec vector of the trigger's lemma; a one-hidden-layer network
gives the probabilities of none / AGENT / PARTICIPANT (bench/train_arguments.py trains it on NEREL train;
the weights ship in extract/models/arguments.npz with the thresholds chosen on a held-out part of train).
The events stage scores the pairs of one sentence with events at a time (`pairs`, `Scorer`), in one matrix product.
"""
from __future__ import annotations

import zlib
from functools import lru_cache
from itertools import chain
from pathlib import Path

import numpy as np
from spacy.attrs import IDX

from ontology.terms import EKG, SEM_NS, local

from . import models
from .lemma_lookup import lemma_column
from .trigger_model import DIM, navec_vector
from .token_columns import columns, morph_get, syntax

STATEMENT = EKG.Statement
SEM_PLACE = SEM_NS + "hasPlace"
WEIGHTS = Path(__file__).parent / "models" / "arguments.npz"
BUCKETS = 1 << 12      # hashed feature rows of the first layer
LABELS = ("none", "agent", "participant")
ACTORS = ("person", "organization", "state")   # who can act or take part (`Category` values): NEREL's AGENT
                                               # and PARTICIPANT_IN are people, bodies and states
WHERE = ("place", "state", "asset", "organization")   # where an event can happen (NEREL's TAKES_PLACE_IN Arg2:
                    # places, states, facilities, a body's building), scored by the place model (PLACE_WEIGHTS)
PLACE_WEIGHTS = Path(__file__).parent / "models" / "places.npz"
PHRASE_ADD_THRESHOLD = 0.3     # the place model's add threshold for a locative place-preposition phrase of an
                               # event the rules gave no place (EventExtractor.add_threshold): NEREL dev places
                               # 90 -> 94 of 200, gold-news hasPlace wrong not up (0.3 everywhere adds 19 there)
PHRASE = ("nmod", "appos", "flat", "flat:name", "flat:foreign")   # a word's links inside one noun phrase
MAX_PATH = 6           # longer paths are one feature ("long"): they seldom join an event and its argument


def bucket(feature: str) -> int:
    """A feature's row: a stable hash (crc32; Python's `hash` differs between processes)."""
    return zlib.crc32(feature.encode("utf-8")) % BUCKETS


_ROWS: dict[str, int] = {}   # feature -> `bucket` of it, for every document: most features recur
ROWS_KEPT = 200_000


def buckets(features: list[str]) -> list[int]:
    """`bucket` of each feature, the known ones looked up in C (a pair has some 40 features, a document a few
    dozen pairs: a Python call per feature was a third of the model's time)."""
    out = list(map(_ROWS.get, features))
    if None in out:
        if len(_ROWS) > ROWS_KEPT:
            _ROWS.clear()
        for k, feature in enumerate(features):
            if out[k] is None:
                out[k] = _ROWS[feature] = bucket(feature)
    return out


def tree(doc) -> tuple[list[int], list[str], dict[int, int]]:
    """Each token's head index and dependency label (lower case), and the token starting at each character
    offset, read once per document: the heads and labels are `token_columns.syntax`'s."""
    memo = columns(doc).memo
    found = memo.get(tree)
    if found is None:
        labels, heads = syntax(doc)
        found = memo[tree] = (heads, [d.lower() for d in labels],
                              {c: i for i, c in enumerate(doc.to_array(IDX).tolist() if len(doc) else [])})
    return found


def _chain(heads: list[int], i: int) -> list[int]:
    """The token and its ancestors up to the root."""
    out = [i]
    while heads[out[-1]] != out[-1] and len(out) < 64:
        out.append(heads[out[-1]])
    return out


def path(heads: list[int], deps: list[str], a: int, b: int) -> list[str]:
    """The dependency path from token a to token b: "^label" for each step up (the label of the word left),
    "vlabel" for each step down (the label of the word reached)."""
    return walk(heads, deps, a, b)[0]


def walk(heads: list[int], deps: list[str], a: int, b: int) -> tuple[list[str], list[int]]:
    """`path` and the words it passes through (both ends aside)."""
    up, down = _chain(heads, a), _chain(heads, b)
    on_up = {t: k for k, t in enumerate(up)}
    k = next((k for k, t in enumerate(down) if t in on_up), None)
    if k is None:
        return ["?"], []
    top = down[k]
    steps = [f"^{deps[t]}" for t in up[:on_up[top]]] + [f"v{deps[t]}" for t in reversed(down[:k])]
    return steps, [t for t in (*up[1:on_up[top] + 1], *down[1:k]) if t not in (a, b)]


def _distance(n: int) -> str:
    size = abs(n)
    step = next(s for s in (1, 2, 3, 5, 8, 12, 10_000) if size <= s)
    return f"{'-' if n < 0 else '+'}{step}"


def features(doc, trigger, cls, mention_root, category: str, rule_role: str, event_roles: set[str],
             frame, preps: frozenset, triggers: frozenset = frozenset()) -> list[str]:
    """The categorical features of one (trigger, mention) pair, as strings (hashed into rows by `bucket`).
    `triggers`: the words of the sentence's other events (one on the path, or nearer the mention, tells
    whose argument it is)."""
    heads, deps, _ = tree(doc)
    cols = columns(doc)
    a, b = trigger.i, mention_root
    steps, through = walk(heads, deps, a, b)
    others = [t for t in triggers if t != a]
    on_path = sum(t in triggers for t in through)
    nearer = any(abs(t - b) < abs(a - b) for t in others)
    full = " ".join(steps) if len(steps) <= MAX_PATH else "long"
    coarse = " ".join(s.split(":")[0] for s in steps) if len(steps) <= MAX_PATH else "long"
    ups = sum(s.startswith("^") for s in steps)
    prep = "+".join(sorted(preps)) or "-"
    case = (morph_get(doc[b], "Case") or ["-"])[0]
    lo, hi = min(a, b), max(a, b)
    between = cols.pos[lo + 1:hi]
    tpos, mpos = cols.pos[a], cols.pos[b]
    lemma = cols.lemma[a].lower()
    klass = local(cls)
    voice = "pass" if "Pass" in morph_get(trigger, "Voice") else "act"
    out = [f"path={full}", f"coarse={coarse}", f"len={min(len(steps), 9)}", f"ups={min(ups, 5)}",
           f"downs={min(len(steps) - ups, 5)}", f"first={steps[0]}", f"last={steps[-1]}",
           f"prep={prep}", f"case={case}", f"prep+case={prep}|{case}", f"mdep={deps[b]}", f"mpos={mpos}",
           f"cat={category}", f"cat+coarse={category}|{coarse}", f"cat+prep={category}|{prep}",
           f"cls={klass}", f"cls+coarse={klass}|{coarse}", f"cls+last={klass}|{steps[-1]}",
           f"frame={frame.name}", f"subj={local(frame.subject_role or '')}",
           f"tpos={tpos}", f"tdep={deps[a]}", f"voice={voice}", f"tpos+coarse={tpos}|{coarse}",
           f"voice+last={voice}|{steps[-1]}", f"dist={_distance(b - a)}", f"tpos+dist={tpos}|{_distance(b - a)}",
           f"rule={rule_role}", f"rule+coarse={rule_role}|{coarse}", f"lemma+coarse={lemma}|{coarse}",
           f"lemma+prep={lemma}|{prep}", f"verbs_between={min(between.count('VERB'), 3)}",
           f"punct_between={min(between.count('PUNCT'), 3)}", f"events_on_path={min(on_path, 2)}",
           f"nearer_event={nearer}", f"nearer+coarse={nearer}|{coarse}", f"others={min(len(others), 3)}"]
    out += [f"has={r}" for r in sorted(event_roles)]
    return out


def mention_root(heads: list[int], start: int, end: int) -> int:
    """The mention's word its others hang on (the first, when several do)."""
    return next((i for i in range(start, end) if not start <= heads[i] < end or heads[i] == i), start)


def phrase_chain(heads: list[int], deps: list[str], root: int) -> list[int]:
    """The word and the words whose noun phrase it is part of ("Казахстана" in "Президент Казахстана"; "Петрова"
    in "по словам Петрова"), up to three steps."""
    out = [root]
    while len(out) < 4 and deps[out[-1]] in PHRASE and heads[out[-1]] != out[-1]:
        out.append(heads[out[-1]])
    return out


def said_or_taken(doc, key: str, chain: list[int], role_words: dict[int, set], grammar, case_words) -> bool:
    """Whether a mention is no candidate whatever the model says: the word of another entity's role or inside
    its phrase ("Президент Казахстана Токаев заявил": the holder acts, not the state), in a source phrase ("по
    словам главы X", "согласно X": grammar.ttl's source words), or where one comes from ("вернулся с Украины":
    an origin preposition with the genitive)."""
    lemmas = lemma_column(doc)     # with the word's other possible lemmas: "по данным" is often left "данным"
    for i in chain:
        preps = case_words(doc[i])
        if role_words.get(i, set()) - {key} or "согласно" in preps or \
                (preps & grammar.source_preps and {lemmas[i][0], *lemmas[i][1]} & grammar.source_nouns) or \
                (preps & grammar.origin_preps and "Gen" in morph_get(doc[i], "Case")):
            return True
    return False


def pairs(doc, res, lexicon, events, tokens, case_words, kinds=ACTORS) -> list[tuple]:
    """(event number, mention span, entity key, trigger lemma, features) of each event's trigger with each
    mention of a person, body or state in its sentence, outside the trigger and the phrases the rules took as
    roles ("Вице-губернатор Тверской области": the region is part of a role already). `case_words(token)`
    gives a phrase's preposition (the events stage's, with the grammar's place adverbs). With `kinds` WHERE,
    the mentions of places, states, facilities and bodies, for the place model: no mention is ruled out as said or
    taken (a source's place may still be where it happened), and two features more say whether the rules made
    the mention the event's own place or another event's of the sentence."""
    heads, deps, at = tree(doc)
    cols = columns(doc)
    out = []
    by_sentence: dict[int, set[int]] = {}
    for token in tokens:
        by_sentence.setdefault(res.sent_of[token.i], set()).add(token.i)
    for n, (ev, token) in enumerate(zip(events, tokens)):
        mentions = res.in_sentence(res.sent_of[token.i])
        if not mentions:
            continue
        if lexicon.is_a(ev.type, STATEMENT):    # a speech act: its speaker is the quotes stage's (NEREL marks
            continue                            # few statements as events)
        frame = lexicon.frame(ev.type)
        given = {}
        for r in ev.roles:
            if r.entity:
                given.setdefault(r.entity, local(r.role))
        event_roles = {local(r.role) for r in ev.roles}
        phrases = [(r.start, r.end) for r in ev.roles if not r.entity and r.end > r.start]
        role_words: dict[int, set] = {}
        for r in ev.roles:
            if r.entity and r.start in at:
                role_words.setdefault(at[r.start], set()).add(r.entity)
        seen = set()
        for m in mentions:
            key = res.entity_of(m)
            if not key or m.start <= token.i < m.end or (key, m.start) in seen or \
                    any(a < m.end_char and m.start_char < b for a, b in phrases):
                continue
            seen.add((key, m.start))
            try:
                category = str(res.category(key))
            except KeyError:
                continue
            if category not in kinds:
                continue
            root = mention_root(heads, m.start, m.end)
            if kinds == ACTORS and \
                    said_or_taken(doc, key, phrase_chain(heads, deps, root), role_words, lexicon.grammar, case_words):
                continue
            feats = features(doc, token, ev.type, root, category, given.get(key, "-"), event_roles, frame,
                             case_words(doc[root]), frozenset(by_sentence[res.sent_of[token.i]]))
            if kinds != ACTORS:
                feats += place_features(events, n, key, category)
            out.append((n, m, key, cols.lemma[token.i].lower(), feats))
    return out


def place_features(events, n: int, key: str, category: str) -> list[str]:
    """Whether the rules made the mention the event's place, and another event's of its sentence (a place is
    seldom two events' unless they are one scene)."""
    ev = events[n]
    own = any(r.role == SEM_PLACE and r.entity == key for r in ev.roles)
    other = any(m != n and e.sentence == ev.sentence and
                any(r.role == SEM_PLACE and r.entity == key for r in e.roles) for m, e in enumerate(events))
    has_place = any(r.role == SEM_PLACE for r in ev.roles)
    return [f"own_place={own}", f"other_place={other}", f"has_place={has_place}",
            f"own+other={own}|{other}|{has_place}", f"cat+other={category}|{other}"]


@lru_cache(maxsize=None)
def load(path: str = str(WEIGHTS)) -> dict:
    """The shipped weights, read once per process (float32 arrays and the thresholds)."""
    with np.load(path) as data:
        return {k: data[k].astype(np.float32) for k in data.files}


def vector(word: str) -> np.ndarray:
    """The word's navec vector with a last component 1 when navec does not know it (the trigger model's)."""
    v = np.zeros(DIM + 1, np.float32)
    navec_vector(models.embedding(), word, v)
    return v


def hidden(table: np.ndarray, rows: list[list[int]], lemma_rows: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """The first layer's input: the sum of the hashed features' rows of `table` (its last row zero, for
    padding) and the lemma's projection, in one gather."""
    lengths = np.fromiter(map(len, rows), np.int64, len(rows))
    width = int(lengths.max())
    index = np.full((len(rows), width), len(table) - 1, dtype=np.int64)
    index[np.arange(width) < lengths[:, None]] = np.fromiter(chain.from_iterable(rows), np.int64, int(lengths.sum()))
    return table[index].sum(axis=1) + lemma_rows + bias


def probabilities(weights: dict, h_in: np.ndarray) -> np.ndarray:
    """Softmax over (none, agent, participant) from the first layer's input."""
    z = np.maximum(h_in, 0.0) @ weights["w2"] + weights["b2"]
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class Scorer:
    """The model with its weights, projecting each trigger lemma's vector once (cached): no per-document state."""

    def __init__(self, weights: dict):
        self.weights = weights
        self.add_threshold = float(weights["add_threshold"])
        self.drop_threshold = float(weights["drop_threshold"])
        # an entity category's own add threshold where the weights carry one (`add_threshold_organization`):
        # chosen on the held-out part of NEREL train, where the model's bodies are as precise lower down
        self.add_thresholds = {c: float(weights[f"add_threshold_{c}"]) for c in ACTORS
                               if f"add_threshold_{c}" in weights}
        self.projection = lru_cache(maxsize=8192)(self._projection)
        w1 = weights["w1"]
        self.table = np.vstack([w1, np.zeros((1, w1.shape[1]), np.float32)])    # the padding row last

    def adds(self, p, category) -> bool:
        """Whether the probabilities (none, agent, participant) of a pair the rules gave no role make it an
        argument: at the entity category's own add threshold, else the model's."""
        return p[1] + p[2] >= self.add_thresholds.get(category, self.add_threshold)

    def _projection(self, lemma: str) -> np.ndarray:
        return vector(lemma) @ self.weights["wv"]

    def __call__(self, found: list[tuple]) -> np.ndarray:
        """(none, agent, participant) probabilities of each pair of `pairs`."""
        if not found:
            return np.zeros((0, 3), np.float32)
        rows = [buckets(p[4]) for p in found]
        lemmas = np.stack([self.projection(p[3]) for p in found])
        return probabilities(self.weights, hidden(self.table, rows, lemmas, self.weights["b1"]))


@lru_cache(maxsize=2)
def scorer(weights: Path = WEIGHTS) -> Scorer | None:
    """The shipped model (the argument model; the place model with PLACE_WEIGHTS), or None when its weights are
    not there (the rules alone)."""
    return Scorer(load(str(weights))) if weights.exists() else None
