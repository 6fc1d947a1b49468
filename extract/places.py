"""Places named with their descriptor: "реки Волги", "города Феникс", "автономной республики Крым".

A place noun of the lexicon (`ekg:noun` on `ekg:Place` and its subclasses) right before a place name
is part of the mention, as analysts read it and as factRuEval annotates it (loc_descr + loc_name).
The noun must be in apposition: the name agrees with it in case ("реку Нарву") or stays in the
nominative ("района Отрадное"); a name in the genitive after a noun in another case is not its name
("берег Франции"). The name inside is kept in `span._.name`, so the entity is still "Волга".
"""
from __future__ import annotations

from ontology.terms import Category

from .token_columns import morph_get, span_extension

# cases the tagger confuses because the forms coincide ("по реке Волге": dative or locative)
SAME_FORM = {"Loc": "Dat", "Acc": "Nom"}


class PlaceDescriptors:
    """Applied by `extract.mentions.OntologyMentions` after the organisation mechanisms."""

    def __init__(self, mentions, orgs):
        self.mentions, self.orgs = mentions, orgs    # orgs: extract.orgs.OrgDescriptors (adjective helper)

    def place_noun_ending_at(self, doc, last):
        """(start, class IRI) of a place noun of the lexicon ending at `last`, a noun."""
        if doc[last].pos_ != "NOUN":
            return None
        return next(self.mentions.nouns_ending_at(doc, last, Category.PLACE), None)

    def in_apposition(self, noun, name) -> bool:
        case, noun_case = morph_get(name[0], "Case"), morph_get(noun, "Case")
        if "Gen" in case and self.mentions.category(name.label_) == Category.STATE:
            return False   # "региона Молдовы": a region of the state, not a region named so
        return not case or not name[0].is_alpha or "Nom" in case or \
            bool({SAME_FORM.get(c, c) for c in case} & {SAME_FORM.get(c, c) for c in noun_case})

    def __call__(self, doc, spans):
        covered = {t for s in spans for t in range(s.start, s.end)}
        out = []
        for s in spans:
            if self.mentions.category(s.label_) in (Category.PLACE, Category.STATE) and \
                    span_extension(s, "rule") in ("ner", "lexicon") \
                    and s.start > 0 and not doc[s.start].is_sent_start and (s.start - 1) not in covered:
                found = self.place_noun_ending_at(doc, s.start - 1)
                if found and self.in_apposition(doc[s.start - 1], s) \
                        and "Plur" not in morph_get(doc[s.start - 1], "Number"):
                    start = self.orgs.with_adjectives(doc, found[0])
                    if not any(t in covered for t in range(start, s.start)):
                        known = span_extension(s, "known")
                        cls = s.label_ if known or self.mentions.lexicon.is_a(s.label_, found[1]) else found[1]
                        span = self.mentions.make(doc, start, s.end, cls, "place-descriptor", known=known,
                                                  name=(s.start, s.end))
                        covered.update(range(start, s.start))
                        out.append(span)
                        continue
            out.append(s)
        return out
