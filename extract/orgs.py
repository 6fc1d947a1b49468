"""Organisation mentions with their descriptors and owners ("партии «Яблоко»", "МИД Польши", "японского
МИДа"), driven by the lexicon's organisation nouns, never by names. The part that names the organisation is
kept in `span._.name`. The mechanisms and the span convention: docs/DESIGN.md, "Organisations".
"""
from __future__ import annotations

from spacy.tokens import Span

from ontology.terms import EKG, Category

from .token_columns import columns, morph_get, span_extension, span_extensions

Span.set_extension("name", default=None, force=True)

OPEN_QUOTES = {"«", '"', "„", "“"}
CLOSE_QUOTES = {"»", '"', "“", "”"}
# adjectives that do not describe an organisation ("других компаний", "той же партии")
NOT_DESCRIPTIVE = {"другой", "весь", "такой", "каждый", "любой", "сам", "самый", "целый", "один", "этот",
                   "тот", "свой", "наш", "ваш", "мой", "твой", "который", "какой", "некоторый", "многий",
                   "иной", "следующий", "данный", "подобный", "указанный", "новый", "бывший"}


def _latin_or_abbreviation(token) -> bool:
    """Case endings say nothing about these: Natasha guesses their case from the context."""
    return token.is_upper or token.text.isascii() or not token.is_alpha


class OrgDescriptors:
    """Applied by `extract.mentions.OntologyMentions` to the named spans (known actors and Natasha's)."""

    def __init__(self, mentions):
        self.mentions = mentions               # the OntologyMentions: noun_at, category, make
        lexicon = mentions.lexicon
        self.plural_heads = {key.split()[-1] for key in lexicon.plural_nouns}
        self.state_adjectives = {adj for a in lexicon.actors if lexicon.category(a.cls) == Category.STATE
                                 for adj in a.adjectives} | set(lexicon.state_adjectives)   # ontology/states.ttl

    # -- phrases -------------------------------------------------------------------------------
    def plural(self, phrase) -> bool:
        """A plural descriptor names several organisations ("российских банков"), not one, unless the
        lexicon says the noun names one in the plural (`ekg:pluralNoun`: "властей", "вооружённых сил").
        The number is the head's: the first noun of the phrase ("министерства финансов" is one)."""
        head = next((t for t in phrase if t.pos_ in ("NOUN", "PROPN")), phrase[-1])
        return "Plur" in morph_get(head, "Number") and head.lemma_.replace("ё", "е") not in self.plural_heads

    def org_noun_ending_at(self, doc, last):
        """(start, class IRI) of an organisation noun of the lexicon whose last token is `last`."""
        return next(((i, cls) for i, cls in self.mentions.nouns_ending_at(doc, last, Category.ORGANIZATION)
                     if doc[i].pos_ in ("NOUN", "PROPN", "ADJ")), None)

    def with_adjectives(self, doc, start):
        """Move `start` left over the adjectives that qualify the noun there ("ежемесячной газеты")."""
        case = set(morph_get(doc[start], "Case"))
        while start > 0 and not doc[start].is_sent_start and doc[start - 1].pos_ == "ADJ" \
                and doc[start - 1].lemma_ not in NOT_DESCRIPTIVE and doc[start - 1].is_alpha \
                and case & set(morph_get(doc[start - 1], "Case")):   # agrees; a short form ("способен") has no case
            start -= 1
        return start

    def descriptor_before(self, doc, end, covered):
        """(start, class) of the descriptor phrase that ends just before token `end`, else None.

        A chain of organisation nouns counts as one descriptor ("отделения движения «X»"), with the
        adjectives before its first noun. Tokens inside another mention are never a descriptor.
        """
        if end <= 0 or doc[end].is_sent_start or (end - 1) in covered:
            return None
        found = self.org_noun_ending_at(doc, end - 1)
        if found is None:
            return None
        start, cls = found
        start = self.with_adjectives(doc, start)
        while start > 0 and not doc[start].is_sent_start and (start - 1) not in covered \
                and "Gen" in morph_get(doc[start], "Case"):
            before = self.org_noun_ending_at(doc, start - 1)
            if before is None:
                break
            start = self.with_adjectives(doc, before[0])
        if any(t in covered for t in range(start, end)):
            return None
        return start, cls

    def quoted_after(self, doc, i):
        """(start, end) of the words of a quoted name opening at token i, else None."""
        text = columns(doc).text      # asked of every token: no spaCy Token unless a quote opens here
        if i >= len(text) or text[i] not in OPEN_QUOTES:
            return None
        for j in range(i + 1, min(i + 12, len(text))):
            if text[j] in CLOSE_QUOTES and j > i + 1:
                return i + 1, j
            if doc[j].is_sent_start or text[j] in OPEN_QUOTES or "\n" in text[j]:
                return None
        return None

    # -- mechanisms ----------------------------------------------------------------------------
    def organisation_class(self, span, descriptor_cls):
        """A known actor keeps its class; otherwise the descriptor's, unless the name says more."""
        if span is not None and (span._.known or (self.mentions.category(span.label_) == Category.ORGANIZATION
                                                  and self.mentions.lexicon.is_a(span.label_, descriptor_cls))):
            return span.label_
        return descriptor_cls

    def with_descriptors(self, doc, spans):
        """Descriptor + quoted name, descriptor + organisation name in apposition."""
        starts = {s.start: s for s in spans}
        bare = [s for s in spans if self.bare_noun(doc, s)]
        covered = {t for s in spans if s not in bare for t in range(s.start, s.end)}
        out = {(s.start, s.end): s for s in spans}
        by_start: dict[int, list] = {}       # look-ups per quoted name, not scans of every span
        for s in spans:
            by_start.setdefault(s.start, []).append(s)
        inside = {t for s in spans for t in range(s.start + 1, s.end)}   # tokens a span runs over from before

        def add(span):
            for b in bare:        # Natasha's "Комиссия" of "Комиссия ЕС" is the descriptor now
                if span.start <= b.start and b.end <= span.end:
                    out.pop((b.start, b.end), None)
            out[(span.start, span.end)] = span
        text = columns(doc).text
        i, length = 0, len(doc)     # read once: the loop looks at every token
        while i < length:
            if text[i] not in OPEN_QUOTES and i not in starts:   # nothing opens here (most words): one look
                i += 1
                continue
            name = self.quoted_after(doc, i)
            if name is not None:
                found = self.descriptor_before(doc, i, covered)
                inner = [s for k in range(name[0], name[1] + 1) for s in by_start.get(k, ()) if s.end <= name[1] + 1]
                if found and i not in inside:     # no span starts before the quote and runs into it
                    start, cls = found
                    exact = next((s for s in inner if (s.start, s.end) in
                                  {name, (name[0] - 1, name[1]), (name[0] - 1, name[1] + 1)}), None)
                    for s in inner:
                        out.pop((s.start, s.end), None)
                    span = self.mentions.make(doc, start, name[1] + 1, self.organisation_class(exact, cls), "org-descriptor",
                                       known=span_extension(exact, "known") if exact is not None else None,
                                       quoted=True, name=name)
                    add(span)
                    i = name[1] + 1
                    continue
            s = starts.get(i)
            if s is not None and self.mentions.category(s.label_) == Category.ORGANIZATION and \
                    span_extension(s, "rule") != "ner-abbreviation":
                found = self.descriptor_before(doc, i, covered)
                if found and self.in_apposition(doc, found[0], s):
                    start, cls = found
                    out.pop((s.start, s.end), None)
                    span = self.mentions.make(doc, start, s.end, self.organisation_class(s, cls), "org-descriptor",
                                       known=span_extension(s, "known"), name=(s.start, s.end))
                    add(span)
                elif found and not self.plural(doc[found[0]:i]):
                    # "Комиссия ЕС", "банк Газпрома": a body of an organisation; both are mentions
                    add(self.mentions.make(doc, found[0], s.end, found[1], "org-owner"))
            i += 1
        return list(out.values())

    def bare_noun(self, doc, span):
        """A span of Natasha's that is only an organisation noun of the lexicon ("Комиссия"): no name."""
        cls, n = self.mentions.noun_at(doc, span.start)     # kept per document: read before the extensions,
        if not cls or n != len(span):                        # which are looked up anew on every read
            return False
        rule, known = span_extensions(span, ("rule", "known"))
        if rule != "ner" or known:
            return False
        return self.mentions.category(cls) == Category.ORGANIZATION

    def descriptor_class(self, doc, name):
        """The class of the organisation noun right before a name (ekg:Organization when none)."""
        found = self.org_noun_ending_at(doc, name.start - 1)
        return found[1] if found else EKG.Organization

    def in_apposition(self, doc, descriptor_start, name):
        """"компании Microsoft", "компании Роснефть": the name does not depend on the descriptor
        as a genitive ("акционеры компании Газпрома" would name the company's owner)."""
        if name._.known and not self.mentions.lexicon.is_a(name.label_, self.descriptor_class(doc, name)):
            return False   # "войска НАТО": the alliance's troops, not troops named NATO
        first = name[0]
        if _latin_or_abbreviation(first):
            return True
        return "Gen" not in morph_get(first, "Case") or "Gen" in morph_get(doc[descriptor_start], "Case")

    def with_owners(self, doc, spans):
        """An organisation followed by its owner in the genitive: "МИД Польши", "правительства Израиля".

        The organisation is a name Natasha found ("Конгресса" США) or a bare descriptor of the lexicon;
        the owner is a state or a place, or after a bare descriptor also a person ("пресс-служба
        Кадырова"). The owner stays a mention of its own.
        """
        covered = {t for s in spans for t in range(s.start, s.end)}
        out = list(spans)
        ending_at: dict[int, object] = {}     # token -> the first span ending there: one look-up per owner
        for s in spans:
            ending_at.setdefault(s.end, s)
        for owner in sorted(spans, key=lambda s: s.start):
            if self.mentions.category(owner.label_) not in (Category.STATE, Category.PLACE, Category.PERSON) or owner.start == 0:
                continue
            if "Gen" not in morph_get(owner[0], "Case") + morph_get(owner[-1], "Case"):
                continue
            before = ending_at.get(owner.start)
            if before is not None and self.mentions.category(owner.label_) != Category.PERSON:
                rule, known, name, quoted = span_extensions(before, ("rule", "known", "name", "quoted"))
                if self.mentions.category(before.label_) != Category.ORGANIZATION or rule == "noun-anaphora" \
                        or known or (name and quoted):
                    continue
                out.remove(before)
                out.append(self.mentions.make(doc, before.start, owner.end, before.label_, "org-owner"))
                continue
            if before is not None or (owner.start - 1) in covered:
                continue
            found = self.org_noun_ending_at(doc, owner.start - 1)
            if found is None or self.plural(doc[found[0]:owner.start]):
                continue
            start = self.with_adjectives(doc, found[0])
            if any(t in covered for t in range(start, owner.start)):
                continue
            out.append(self.mentions.make(doc, start, owner.end, found[1], "org-owner"))
            covered.update(range(start, owner.start))
        return out

    def with_parent_orgs(self, doc, spans):
        """An organisation Natasha found, then the one it belongs to, in the genitive: "Парламентской
        ассамблеи Совета Европы", "Палаты представителей Конгресса США". One mention runs over both,
        and the parent stays a mention of its own."""
        out = list(spans)
        for parent in sorted(spans, key=lambda s: s.start):
            if self.mentions.category(parent.label_) != Category.ORGANIZATION or \
                    span_extension(parent, "rule") == "noun-anaphora":
                continue
            if not (_latin_or_abbreviation(parent[0]) or "Gen" in morph_get(parent[0], "Case")):
                continue
            body = next((s for s in out if s.end == parent.start and s is not parent), None)
            if body is None:
                continue
            rule, known = span_extensions(body, ("rule", "known"))
            if rule != "ner" or known or body[-1].is_punct or \
                    self.mentions.category(body.label_) != Category.ORGANIZATION or self.plural(body):
                continue
            out.remove(body)
            out.append(self.mentions.make(doc, body.start, parent.end, body.label_, "org-owner"))
        return out

    def named_after(self, doc, spans):
        """"Театра им. Йозефа Бойса", "университета имени Ломоносова": the person an organisation is
        named after is part of its name (and stays a person mention of its own)."""
        by_start = {s.start: s for s in spans}
        covered = {t for s in spans for t in range(s.start, s.end)}
        out = list(spans)
        for token in (doc[i] for i, w in enumerate(columns(doc).lower) if w in ("им", "имени") and i > 0):
            k = token.i + 1 + (1 if token.i + 1 < len(doc) and doc[token.i + 1].text == "." else 0)
            person = by_start.get(k)
            if person is None or self.mentions.category(person.label_) != Category.PERSON:
                continue
            org = next((s for s in out if s.end in (token.i, k) and s.start < token.i
                        and self.mentions.category(s.label_) == Category.ORGANIZATION), None)
            if org is not None:
                out.remove(org)
                span = self.mentions.make(doc, org.start, person.end, org.label_, "org-descriptor", known=org._.known)
            else:
                found = self.org_noun_ending_at(doc, token.i - 1)
                if found is None or (token.i - 1) in covered:
                    continue
                start = self.with_adjectives(doc, found[0])
                span = self.mentions.make(doc, start, person.end, found[1], "org-descriptor")
            out.append(span)
        return out

    def with_state_adjectives(self, doc, spans):
        """"японского МИДа", "российской сборной": a state's adjective makes a descriptor specific."""
        covered = {t for s in spans for t in range(s.start, s.end)}
        out = list(spans)
        cols = columns(doc)
        for token in (doc[i] for i, (pos, lemma) in enumerate(zip(cols.pos, cols.lemma))
                      if pos == "ADJ" and lemma in self.state_adjectives and i not in covered):
            j = token.i + 1
            while j < len(doc) and doc[j].pos_ == "ADJ" and j not in covered:
                j += 1
            if j >= len(doc):
                continue
            cls, n = self.mentions.noun_at(doc, j)
            name = next((s for s in out if s.start == j), None)
            if j in covered:   # "японского МИДа": Natasha's name is the descriptor itself
                if name is not None and cls and self.mentions.category(name.label_) == Category.ORGANIZATION \
                        and name.end == j + n and not name._.known:
                    out.remove(name)
                    out.append(self.mentions.make(doc, self.with_adjectives(doc, token.i), name.end, name.label_,
                                           "org-adjective"))
                continue
            if not cls or self.mentions.category(cls) != Category.ORGANIZATION or cls == EKG.Organization \
                    or self.plural(doc[j:j + n]):
                continue
            end = j + n
            if end < len(doc) and (doc[end].text in OPEN_QUOTES or end in covered):
                continue   # a name follows: the other mechanisms' case
            start = self.with_adjectives(doc, token.i)
            out.append(self.mentions.make(doc, start, end, cls, "org-adjective"))
            covered.update(range(start, end))
        return out

    def __call__(self, doc, named):
        # "СМИ", "банки": Natasha's span is a plural organisation noun, a kind of organisation, no name
        named = [s for s in named if not (self.bare_noun(doc, s) and self.plural(s))]
        spans = self.with_descriptors(doc, named)
        spans = self.with_owners(doc, spans)
        spans = self.with_parent_orgs(doc, spans)
        spans = self.named_after(doc, spans)
        spans = self.with_state_adjectives(doc, spans)
        return sorted(spans, key=lambda s: (s.start, s.end))
