"""The modality cues of the ontology (modality.ttl) as plain Python, for `extract.modality`.

Read once per folder with rdflib, like `ontology.lexicon`; extraction sees only strings and dicts.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

from . import _dir, ontology_graph
from .lexicon import normalize
from .terms import EKG, EKG_NS


@dataclass(frozen=True)
class ModalityCues:
    governors: dict[str, str]        # lemma -> Modality IRI ("планировать" -> ekg:Planned)
    modifiers: dict[str, str]        # lemma or form -> Modality IRI ("не" -> ekg:Negated)
    future_auxiliaries: frozenset[str]
    time_prepositions: frozenset[str]   # "после X", "во время X": X is the time of its verb's action
    permit_nouns: frozenset[str]     # "разрешение", "ордер": "не дал разрешение на арест" negates the arrest
    order: tuple[str, ...]           # the Modality IRIs, the first wins when cues meet
    round_nouns: frozenset[str]      # "тур", "раунд": "должен пройти первый тур выборов" plans the elections
    stance_verbs: frozenset[str]     # "поддержать", "признать": "не поддержала санкции" leaves the sanctions asserted

    def rank(self, modality: str) -> int:
        return self.order.index(modality) if modality in self.order else len(self.order)


def load_modality_cues(ontology_dir: Optional[Union[str, Path]] = None) -> ModalityCues:
    return _load(str(_dir(ontology_dir).resolve()))


@functools.lru_cache(maxsize=None)
def _load(folder: str) -> ModalityCues:
    from rdflib import URIRef

    g = ontology_graph(folder)

    def words(prop: str) -> dict[str, str]:
        return {normalize(str(o)): str(s) for s, o in sorted(g.subject_objects(URIRef(EKG[prop])))}
    ranks = {str(s): int(o) for s, o in g.subject_objects(URIRef(EKG.modalityRank))}
    order = tuple(sorted(ranks, key=ranks.get))
    def collection(name: str) -> frozenset[str]:
        return frozenset(normalize(str(o)) for o in g.objects(URIRef(EKG_NS + name), URIRef(EKG_NS + "grammarWord")))
    return ModalityCues(governors=words("governorLemma"), modifiers=words("modifierWord"),
                        future_auxiliaries=frozenset(words("futureAuxiliary")),
                        time_prepositions=frozenset(words("timePreposition")), order=order,
                        permit_nouns=collection("PermitNouns"), round_nouns=collection("RoundNouns"),
                        stance_verbs=collection("StanceVerbs"))
