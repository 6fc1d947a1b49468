"""Entity mentions typed by the ontology, as `doc.spans["mentions"]`.

Five mechanisms, all driven by the ontology's lexicon rather than by names:
- known actors: the lexicon's labels matched on lemmas (any case form) and on lower-cased text;
- Natasha's PER/ORG/LOC spans, typed by the lexicon (a known actor, a descriptor noun before the
  name, a place noun inside it), with "Long Name (ABBR)" split into two linked mentions;
- assets: an asset noun of the lexicon with a quoted name (танкер «X» и «Y»), a capitalised or Latin
  name (судно — Delta Supreme), capitalised adjectives before it (Каспийский нефтепровод), or an
  owner / place it belongs to (терминал КТК, месторождения Западного Казахстана);
- a person's name again where Natasha tagged none: a word (or words) of a name it tagged elsewhere in the
  document, ending with its surname ("Путин подписал..." as a text's first words, before "Владимир Путин");
- noun anaphora: an organisation noun with no name of its own ("консорциум") refers to the latest
  entity of that class in the document; the noun of a state's one body ("полиция", `ekg:soleNoun`) with none
  before is a mention of its own.
Each span's label is the ontology class IRI; `span._.rule` and `span._.confidence` say how it was found.
"""
from __future__ import annotations

from itertools import compress, repeat
from operator import itemgetter, or_

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ontology.lexicon import Lexicon, load_lexicon
from ontology.terms import EKG, Category

from .token_columns import columns, morph_get, set_span_extensions, span_extension, span_extensions
from .lemma_lookup import analyzer, normal_forms
from .orgs import OrgDescriptors
from .places import PlaceDescriptors
from .identity import person_key
from .records import SOLE_NOUN_RULE

OPEN_QUOTES = {"«", '"', "„", "“", "'"}
CLOSE_QUOTES = {"»", '"', "“", "”", "'"}
DASHES = {"—", "–", "-", ":"}
SEPARATORS = {"•", "·", "|", ";"}
NEAR_PREPS = {"в", "на", "вблизи", "около", "близ", "под", "у"}

CONFIDENCE = {"lexicon": 0.95, "asset-quoted": 0.9, "asset-name": 0.85, "asset-adjective": 0.8,
              "asset-anchor": 0.75, "ner": 0.8, "ner-abbreviation": 0.85, "noun-anaphora": 0.6, SOLE_NOUN_RULE: 0.5,
              "name-again": 0.7,
              "org-descriptor": 0.85, "org-owner": 0.8, "org-adjective": 0.7, "place-descriptor": 0.8}

for _name, _default in (("rule", ""), ("confidence", 0.0), ("known", None), ("anchor", None),
                        ("quoted", False), ("alias_of", None), ("entity", None)):
    Span.set_extension(_name, default=_default, force=True)


QUOTE_MARKS = frozenset(OPEN_QUOTES | CLOSE_QUOTES)


def quote_mark(text: str) -> bool:
    """A token's text of quote marks only: «, », ", '' (Wikinews writes quotes as two apostrophes). Read on the
    columns' strings: no spaCy Token per word."""
    return bool(text) and all(c in QUOTE_MARKS for c in text)


def abbreviates(name, abbreviation) -> bool:
    """Whether a word in brackets after a name can be its abbreviation: it starts with the first letter of a
    word of the name ("Газпромнефть (ГПН)", "Компания Нордтрансойл (НТО)"), or it is in Latin letters and the
    name is not ("Рус-Рейтинг (RusRating)"). A place or an owner in brackets is none: "Вирджинии (США)",
    "Верховный суд России (ВС)" (Natasha's span before the bracket is "России")."""
    initials = {t.text[0].casefold() for t in name if t.text[:1].isalpha()}
    short = next((c for c in abbreviation.text if c.isalpha()), "")
    if not initials or not short:
        return False
    return short.casefold() in initials or (short.isascii() and not any(c.isascii() for c in initials))


def runs(indices: list[int]) -> list[tuple[int, int]]:
    """(start, end) of each run of consecutive numbers in a sorted list: [3, 4, 7] -> [(3, 5), (7, 8)]."""
    out = []
    for i in indices:
        if out and out[-1][1] == i:
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out


def cyrillic(text: str) -> bool:
    """Whether a text has a Cyrillic letter."""
    return any("\u0400" <= c <= "\u04ff" for c in text)


def label_tokens(nlp_vocab, lemmatize, label: str) -> Doc:
    words = label.replace("(", " ").replace(")", " ").split()
    return Doc(nlp_vocab, words=words, lemmas=[lemmatize(w) for w in words])


class OntologyMentions:
    def __init__(self, nlp, lexicon: Lexicon):
        morph = analyzer()   # the process's one pymorphy3 analyzer (extract.lemma_lookup)
        self.lexicon = lexicon
        self.by_lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.by_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.known = {a.iri: a for a in lexicon.actors}

        def lemmatize(word):
            return morph.parse(word)[0].normal_form.replace("ё", "е")

        for actor in lexicon.actors:
            labels = {actor.label_ru, actor.label_en, *actor.alt_labels} - {""}
            self.by_lemma.add(actor.iri, [label_tokens(nlp.vocab, lemmatize, l) for l in labels])
            self.by_lower.add(actor.iri, [nlp.make_doc(l) for l in labels])
        self.max_noun_words = max((len(n.split()) for n in lexicon.nouns), default=1)
        self.noun_prefixes = {n.rsplit(" ", 1)[0] for n in lexicon.nouns if " " in n}
        self.noun_starts = {n.split(" ", 1)[0] for n in [*lexicon.nouns, *lexicon.plural_nouns]}
        self.orgs = OrgDescriptors(self)
        self.places = PlaceDescriptors(self, self.orgs)

    # -- helpers -------------------------------------------------------------------------------
    def noun_at(self, doc, i):
        """(class IRI, n_tokens) of the longest lexicon noun starting at token i, else (None, 0).

        A plural noun of the lexicon (`ekg:pluralNoun`, "власти") counts only in the plural.
        Every mechanism asks for the same tokens: the answers are kept with the document's columns.
        A position past the last token (the word after a text's final noun) starts no noun."""
        nouns = self.nouns(doc)
        return nouns[i] if 0 <= i < len(nouns) else (None, 0)

    def nouns(self, doc) -> list:
        """`noun_at` of every token, found once per document and kept with its columns."""
        cols = columns(doc)
        nouns = cols.memo.get(self)
        if nouns is None:
            lemmas = cols.lemma
            nouns = cols.memo[self] = [(None, 0)] * len(lemmas)
            # most words start no lexicon noun: the few that may (a noun's first lemma, or a hyphen in the word)
            # are picked in C, without a Python step per word
            may = map(or_, map(self.noun_starts.__contains__, lemmas), map(str.__contains__, cols.text, repeat("-")))
            for i in compress(range(len(lemmas)), may):
                nouns[i] = self._noun_at(doc, i)
        return nouns

    def nouns_ending_at(self, doc, last, category):
        """(start, class IRI) of the lexicon nouns of `category` whose last token is `last`, longest first."""
        for n in range(self.max_noun_words, 0, -1):
            i = last - n + 1
            if i >= 0:
                cls, k = self.noun_at(doc, i)
                if k == n and self.category(cls) == category:
                    yield i, cls

    def _noun_at(self, doc, i):
        cols = columns(doc)
        lemmas, pos = cols.lemma, cols.pos
        if lemmas[i] not in self.noun_starts and "-" not in cols.text[i]:
            return None, 0       # no lexicon noun starts with this word (most words): skip the lookups below
        for n in range(self.max_noun_words, 0, -1):
            if i + n > len(lemmas) or pos[i + n - 1] not in ("NOUN", "PROPN", "ADJ", "X"):
                continue
            key = " ".join(lemmas[i:i + n])
            if key in self.lexicon.nouns:
                return self.lexicon.nouns[key], n
            if key in self.lexicon.plural_nouns and "Plur" in morph_get(doc[i + n - 1], "Number"):
                return self.lexicon.plural_nouns[key], n    # "власти Таиланда": one body, named in the plural
            # the contextual lemmatizer leaves some words as they are ("интернет-издания",
            # "министерства финансов"): try pymorphy3's own normal forms of the last word
            prefix = key.rsplit(" ", 1)[0] if n > 1 else ""
            if (n == 1 and "-" in doc[i].text) or (n > 1 and prefix in self.noun_prefixes):
                last = doc[i + n - 1]
                form = next((f for f in normal_forms(last.lower_)
                             if " ".join(filter(None, (prefix, f))) in self.lexicon.nouns), None)
                if form:
                    return self.lexicon.nouns[" ".join(filter(None, (prefix, form)))], n
        return None, 0

    def category(self, cls):
        return self.lexicon.category(cls)

    def make(self, doc, start, end, cls, rule, **ext):
        span = Span(doc, start, end, label=cls)
        set_span_extensions(span, rule=rule, confidence=CONFIDENCE[rule], **ext)
        return span

    # -- mechanisms ----------------------------------------------------------------------------
    def known_actors(self, doc):
        matches = self.by_lemma(doc) + self.by_lower(doc)
        spans = []
        for match_id, start, end in matches:
            iri = doc.vocab.strings[match_id]
            actor = self.known[iri]
            if end - start == 1 and doc[start].is_lower and len(doc[start]) <= 3:
                continue  # short lower-case words ("рк") are not abbreviations
            spans.append(self.make(doc, start, end, actor.cls, "lexicon", known=iri))
        return filter_spans(spans)

    def ner_class(self, doc, ent):
        label = ent.label_
        if label == "PER":
            return EKG.Person
        if label == "LOC":
            for token in reversed(ent):
                cls, _ = self.noun_at(doc, token.i)
                if cls and self.category(cls) == Category.PLACE:
                    return cls
            if ent.start > 0:
                cls, _ = self.noun_at(doc, ent.start - 1)
                if cls and self.category(cls) == Category.PLACE:
                    return cls
            return EKG.Place
        # ORG: a descriptor noun inside it ("Министерство обороны") or just before it ("компания «X»")
        for i in [ent.start] + [max(ent.start - k, 0) for k in (1, 2)]:
            cls, n = self.noun_at(doc, i)
            if cls and self.category(cls) == Category.ORGANIZATION:
                return cls
        return EKG.Organization

    @staticmethod
    def separated(doc, ents):
        """Natasha's spans split at list separators ("Монако • Намибия" is two names) and without a
        bracket left open at their edge ("Бенин)"): the tagger runs over both in lists."""
        text = columns(doc).text       # read as strings: a word is a space when its text is (spaCy's is_space)
        for ent in ents:
            i = ent.start
            for j in [k for k in range(ent.start, ent.end) if text[k] in SEPARATORS] + [ent.end]:
                a, b = i, j
                while a < b and (text[a] in "()" or text[a].isspace()):
                    a += 1
                while b > a and (text[b - 1] == "(" or text[b - 1].isspace() or
                                 (text[b - 1] == ")" and "(" not in text[a:b - 1])):
                    b -= 1
                # a quote the span does not close or open is not part of the name: "''Samsung Electronics",
                # "Исламское государство»" (the tagger runs over one quote of a pair)
                k = a
                while k < b and quote_mark(text[k]):
                    k += 1
                a = k if not any(quote_mark(text[x]) for x in range(k, b)) else a
                k = b
                while k > a and quote_mark(text[k - 1]):
                    k -= 1
                b = k if not any(quote_mark(text[x]) for x in range(a, k)) else b
                if b > a:
                    yield Span(doc, a, b, label=ent.label_)
                i = j + 1

    @staticmethod
    def repeated(doc, ent):
        """A person's span of one name written twice, as the two names: "Фидель Кастро  Фидель Кастро" (a
        headline, then a photo caption) is two mentions, else the second one stands for no gold mention."""
        words = [t.i for t in ent if not t.is_space]
        half = len(words) // 2
        if ent.label_ != "PER" or half < 1 or len(words) != 2 * half \
                or [doc[i].text for i in words[:half]] != [doc[i].text for i in words[half:]]:
            return [ent]
        return [Span(doc, words[0], words[half - 1] + 1, label="PER"), Span(doc, words[half], ent.end, label="PER")]

    def ner_mentions(self, doc):
        spans = []
        for ent in (half for ent in self.separated(doc, doc.ents) for half in self.repeated(doc, ent)):
            tokens = [t for t in ent]
            if ent.label_ == "LOC" and len(ent) == 1 and ent[0].pos_ == "ADJ":
                continue  # a lone adjective ("Каспийского") is part of a longer name, not a place
            if "(" in [t.text for t in tokens] and tokens[-1].text == ")":
                k = [t.text for t in tokens].index("(")
                long = self.make(doc, ent.start, ent.start + k, self.ner_class(doc, ent), "ner")
                spans.append(long)
                owned = self.owning_place(long)    # "агентство США (USADA)": the agency's name in brackets
                inner = Span(doc, ent.start + k + 1, ent.end - 1, label="ORG" if owned else ent.label_)
                # empty brackets ("Жа Жа Габор ()") hold none
                if len(inner) and abbreviates(long, inner) and not owned:
                    spans.append(self.make(doc, inner.start, inner.end, long.label_, "ner-abbreviation",
                                           alias_of=(long.start, long.end)))
                elif len(inner):     # "Минтранса России (Росавтодору)": another name
                    spans.append(self.make(doc, inner.start, inner.end, self.ner_class(doc, inner), "ner"))
                continue
            described = self.described(doc, ent) if ent.label_ == "ORG" else None
            if described is not None:    # "ОАО «Газпром»": descriptor and quoted name in one span of Natasha's
                cls, name = described
                span = self.make(doc, ent.start, ent.end, self.orgs.organisation_class(None, cls), "org-descriptor",
                                 quoted=True)
                span._.name = name
                spans.append(span)
                continue
            spans.append(self.make(doc, ent.start, ent.end, self.ner_class(doc, ent), "ner"))
        # an abbreviation in brackets right after a name Natasha found alone: "Газпромнефть (ГПН)"; not a
        # person's ("Уилл Смит (США)": a country), nor a name Natasha gives another class, nor a place owning the
        # noun before it ("агентство США (USADA)": the agency's abbreviation)
        other = {(s.start, s.label_) for s in spans}
        for span in list(spans):
            e = span.end
            if e + 2 < len(doc) and doc[e].text == "(" and doc[e + 2].text == ")" and doc[e + 1].is_upper \
                    and span.label_ != EKG.Person and not any(k == e + 1 and c != span.label_ for k, c in other) \
                    and abbreviates(span, doc[e + 1:e + 2]) and not self.owning_place(span):
                spans.append(self.make(doc, e + 1, e + 2, span.label_, "ner-abbreviation",
                                       alias_of=(span.start, span.end)))
        self.original_script_names(doc, spans)
        return spans

    def owning_place(self, span) -> bool:
        """A place or state named in the genitive after a noun ("агентство США", "мэрия Москвы"): what follows
        it in brackets names the noun's phrase, not the place."""
        root = span.root
        return self.lexicon.category(span.label_) in (Category.PLACE, Category.STATE) and root.dep_ == "nmod" \
            and root.head.i < span.start and root.head.pos_ in ("NOUN", "PROPN")   # "Министерство" is a PROPN

    @staticmethod
    def original_script_names(doc, spans):
        """A person's name in brackets right after their Russian name, written in another script ("Нилуфар
        Рахмани (نیلوفر رحمانی или Niloofar Rahmani)"): the same person (`alias_of`), not a second one a
        pronoun could stand for."""
        by_start = {s.start: s for s in spans if s.label_ == EKG.Person}
        for span in list(by_start.values()):
            inner = by_start.get(span.end + 1)
            if inner is None or doc[span.end].text != "(" or inner.end >= len(doc) or doc[inner.end].text != ")":
                continue
            if cyrillic(span.text) and not cyrillic(next((c for c in inner.text if c.isalpha()), "")):
                inner._.alias_of = (span.start, span.end)

    def owners_inside(self, doc, named, known):
        """The lexicon's state or place that ends an organisation's name in the genitive after a noun ("Банк
        России", "Сбербанка России", "ФТС РФ"), as a mention of its own: the name says whose the organisation is,
        as "МИД Польши" does when the tagger marks the two apart (`extract.orgs` `with_owners`), and the state is
        one node with its other mentions. Not a word of the name that agrees with an adjective before it
        ("Единой России": the party's name, not Russia's)."""
        if not known:
            return []
        at = {(s.start, s.end) for s in named}
        pos = columns(doc).pos
        ends = {s.end: s.start for s in named if self.category(s.label_) == Category.ORGANIZATION}
        return [k for k in known
                if self.category(k.label_) in (Category.STATE, Category.PLACE) and (k.start, k.end) not in at
                and ends.get(k.end, k.start) < k.start and pos[k.start - 1] in ("NOUN", "PROPN")
                and (k[0].is_upper or "Gen" in morph_get(k[0], "Case"))]

    def names_again(self, doc, named):
        """A person's name where Natasha tagged none, written as a mention of that person in the same document
        names them: the words not in any mention, capitalised, each a word of one person's name (the same
        person key: "Фаяда", "Фаяд") and the last one its surname. Natasha misses a surname that opens a text
        ("Путин подписал указ ...", a headline) and a name repeated right after the same one (a headline,
        then a photo caption: "Умер Фидель Кастро  Фидель Кастро"). It stands for the mention with the most
        words (`alias_of`), linked before it whatever their order (`extract.entities`)."""
        text = columns(doc).text
        covered = {t for s in named for t in range(s.start, s.end)}
        surnames, words = {}, {}       # person key -> the longest mention of a person with that surname / word
        for span in sorted((s for s in named if s.label_ == EKG.Person), key=lambda s: (-len(s), s.start)):
            keys = [person_key(text[i]) for i in range(span.start, span.end) if text[i].isalpha()]
            if keys:
                surnames.setdefault(keys[-1], span)
                for key in keys:
                    words.setdefault(key, span)
        if not words:
            return []
        # the words that may be a name's: capitalised (picked in C: most words are not), of letters, not all
        # capitals, in no mention, a word of a person's name; each run of them, with a surname last, is one
        found = [i for i in compress(range(len(text)), map(str.isupper, map(itemgetter(slice(0, 1)), text)))
                 if i not in covered and text[i].isalpha() and not text[i].isupper() and person_key(text[i]) in words]
        spans = []
        for start, end in runs(found):
            by = surnames.get(person_key(text[end - 1]))
            if by is not None and all(words[person_key(text[k])] is by for k in range(start, end)):
                spans.append(self.make(doc, start, end, EKG.Person, "name-again", alias_of=(by.start, by.end)))
        return spans

    def described(self, doc, ent):
        """(class, (start, end) of the name) when a span is an organisation noun of the lexicon (with its
        adjectives) and a quoted name: "ОАО «Газпром»", "ФК «Спартак»", "Концерн «Майкрософт»"; else None."""
        q = next((t.i for t in ent if t.text in OPEN_QUOTES), None)
        if q is None or q == ent.start:
            return None
        close = next((t.i for t in doc[q + 1:ent.end] if t.text in CLOSE_QUOTES), ent.end)
        found = self.orgs.org_noun_ending_at(doc, q - 1)
        if close <= q + 1 or close < ent.end - 1 or found is None:
            return None
        start, cls = found
        if not (self.orgs.with_adjectives(doc, start) <= ent.start <= start):
            return None
        return cls, (q + 1, close)

    def quoted_name(self, doc, i):
        """If a quoted name opens at token i, return (start, end) of its inside, else None."""
        if i >= len(doc) or doc[i].text not in OPEN_QUOTES:
            return None
        for j in range(i + 1, min(i + 12, len(doc))):
            if doc[j].text in CLOSE_QUOTES:
                return (i + 1, j) if j > i + 1 else None
            if doc[j].is_sent_start:
                return None
        return None

    def capitalised_name(self, doc, i):
        j = i
        while j < len(doc) and (doc[j].is_title or doc[j].is_upper or doc[j].like_num) \
                and not doc[j].is_punct and (j == i or not doc[j].is_sent_start):
            j += 1
        return (i, j) if j > i and not doc[i].like_num else None

    def asset_mentions(self, doc, others):
        by_token = {}
        for span in others:
            for t in range(span.start, span.end):
                by_token[t] = span
        spans = []
        nouns = self.nouns(doc)
        i, length = 0, len(doc)     # read once: the loop looks at every token
        while i < length:
            cls, n = nouns[i]
            if not cls or self.category(cls) != Category.ASSET or doc[i].pos_ == "ADJ":
                i += 1
                continue
            head = doc[i + n - 1]
            j = i + n
            while j < len(doc) and doc[j].text in DASHES:
                j += 1
            found = False
            # a) quoted names, possibly coordinated: танкеры «А» и «Б»
            q = self.quoted_name(doc, j)
            while q:
                spans.append(self.make(doc, q[0], q[1], cls, "asset-quoted", quoted=True))
                found = True
                k = q[1] + 1
                if k < len(doc) and doc[k].lower_ in ("и", ",", "или"):
                    q = self.quoted_name(doc, k + 1)
                else:
                    q = None
            # b) a capitalised or Latin name that is not an owner in the genitive: судно — Delta Supreme
            if not found and j < len(doc):
                other = by_token.get(j)
                name = (other.start, other.end) if other is not None and other.start == j else \
                    self.capitalised_name(doc, j)
                owner = other is not None and (other._.known or self.category(other.label_) == Category.PLACE or
                                               "Gen" in morph_get(doc[j], "Case"))
                if name and not owner:
                    spans.append(self.make(doc, name[0], name[1], cls, "asset-name"))
                    found = True
            # c) capitalised adjectives before the noun: Каспийский магистральный нефтепровод
            if not found:
                k = i
                while k > 0 and doc[k - 1].pos_ == "ADJ" and not doc[k - 1].is_space:
                    k -= 1
                caps = [t for t in doc[k:i] if t.is_title and not t.is_sent_start]
                if caps:
                    first = caps[0].i
                    spans.append(self.make(doc, first, head.i + 1, cls, "asset-adjective"))
                    found = True
            # d) an owner or a place it belongs to: терминал КТК, терминалом в Новороссийске
            if not found:
                anchor = self.anchor_after(doc, head, by_token)
                if anchor is not None:
                    k = i
                    while k > 0 and doc[k - 1].pos_ == "ADJ" and doc[k - 1].head.i == head.i:
                        k -= 1
                    spans.append(self.make(doc, k, anchor.end, cls, "asset-anchor",
                                           anchor=(anchor.start, anchor.end)))
            i = j if found else i + n
        return spans

    def anchor_after(self, doc, head, by_token):
        """The entity mention the asset noun governs: a genitive owner or a place after a preposition."""
        j = head.i + 1
        if j < len(doc) and doc[j].lower_ in NEAR_PREPS:
            other = by_token.get(j + 1)
            if other is not None and other.start == j + 1 and self.category(other.label_) in (Category.PLACE, Category.STATE):
                return other
            return None
        cls, n = self.noun_at(doc, j)    # an owner with its descriptor: "терминал компании «Новатэк»"
        if cls and self.category(cls) == Category.ORGANIZATION and "Gen" in morph_get(doc[j], "Case"):
            k = j + n + (1 if j + n < len(doc) and doc[j + n].text in OPEN_QUOTES else 0)
            other = by_token.get(k)
            if other is not None and other.start == k and self.category(other.label_) == Category.ORGANIZATION:
                return other
        other = by_token.get(j)
        if other is not None and other.start == j and "Gen" in morph_get(doc[j], "Case") + morph_get(doc[other.end - 1], "Case"):
            return other
        if other is not None and other.start == j and other._.known:
            return other
        return None

    def noun_anaphora(self, doc, named):
        """Organisation nouns without a name of their own refer to the latest entity of that class; a noun
        of the one body of its kind a state has (`ekg:soleNoun`: "правительство", "полиция") with none before
        is a mention of its own (`SOLE_NOUN_RULE`), as NEREL marks it an ORG. It is that document's government
        or police: one node of the document (`EntityLinker.link_local`: its bare mentions are one), which never
        joins another document's, neither by its key nor by its name (kg/link.py `local_nodes`): the bare
        "правительство" of an article on Israel and of one on Russia are two governments."""
        covered = {t for s in named for t in range(s.start, s.end)}
        people = {s.start for s in named if self.category(s.label_) == Category.PERSON}
        spans = []
        ordered = sorted(named, key=lambda s: s.start)
        nouns, lemmas = self.nouns(doc), columns(doc).lemma
        for token in (doc[i] for i, pos in enumerate(columns(doc).pos)      # a Token only for a lexicon noun
                      if pos == "NOUN" and i not in covered and nouns[i][0]):
            cls, n = nouns[token.i]
            if not cls or self.category(cls) != Category.ORGANIZATION:
                continue
            sole = self.lexicon.sole_nouns.get(" ".join(lemmas[token.i:token.i + n]))
            if cls == EKG.Organization and not sole:
                continue
            after = token.i + n
            if after < len(doc) and (doc[after].text in OPEN_QUOTES or doc[after].is_title) and after not in people:
                continue  # "компания «X»", "компания Газпром": a descriptor ("полиции Иван Петров": no name of it)
            if "Plur" in morph_get(token, "Number"):
                continue  # "другие компании": several, not the one named before
            antecedents = [s for s in ordered if s.start < token.i and self.lexicon.is_a(s.label_, cls)]
            if antecedents and cls != EKG.Organization:
                target = antecedents[-1]
                spans.append(self.make(doc, token.i, token.i + 1, target.label_, "noun-anaphora",
                                       alias_of=(target.start, target.end)))
            elif sole:
                spans.append(self.make(doc, token.i, token.i + n, sole, SOLE_NOUN_RULE))
        return spans

    def __call__(self, doc):
        known = self.known_actors(doc)
        ner = self.ner_mentions(doc)
        # the longer span wins; at equal length the lexicon's typing wins
        rules = [span_extension(s, "rule") for s in ner]
        named = filter_spans(known + [s for s, r in zip(ner, rules) if r == "ner-abbreviation"] +
                             [s for s, r in zip(ner, rules) if r == "ner"])
        known_at = [((k.start, k.end), k) for k in known]
        for span in named:   # a Natasha span that is exactly a known actor (or names one) keeps the known link
            known_iri, name = span_extensions(span, ("known", "name"))
            if not known_iri:
                here = ((span.start, span.end), name)
                for at, k in known_at:
                    if at in here:
                        set_span_extensions(span, known=span_extension(k, "known"))
        named = self.orgs(doc, named)    # "компании «X»", "МИД Польши", "японского МИДа" (extract.orgs)
        named = self.places(doc, named)  # "реки Волги", "города Феникс" (extract.places)
        named += self.owners_inside(doc, named, known)
        named += self.names_again(doc, named)
        assets = self.asset_mentions(doc, named)
        names = [a for a in assets if span_extension(a, "rule") != "asset-anchor"]
        asset_tokens = {t for a in names for t in range(a.start, a.end)}
        # an asset name overrides what Natasha called it (tankers come out as ORG)
        named = [s for s in named if not any(t in asset_tokens for t in range(s.start, s.end))]
        anaphora = self.noun_anaphora(doc, named + names)
        mentions = sorted(named + names + anaphora, key=lambda s: (s.start, s.end))
        anchored = [a for a in assets if span_extension(a, "rule") == "asset-anchor"
                    and not any(t in asset_tokens for t in range(a.start, a.end))]
        # noun anaphora may itself anchor an asset ("объекты консорциума")
        by_token = {t: s for s in mentions for t in range(s.start, s.end)}
        in_anchored = {t for a in anchored for t in range(a.start, a.end)}   # grows below with `anchored`
        nouns = self.nouns(doc)
        for token in (doc[i] for i, pos in enumerate(columns(doc).pos) if pos == "NOUN" and nouns[i][0]):
            cls, n = nouns[token.i]
            if cls and self.category(cls) == Category.ASSET and token.i not in by_token and token.i not in in_anchored:
                nxt = by_token.get(token.i + n)
                if nxt is not None and nxt._.rule == "noun-anaphora":
                    anchored.append(self.make(doc, token.i, nxt.end, cls, "asset-anchor",
                                              anchor=(nxt.start, nxt.end)))
                    in_anchored.update(range(token.i, nxt.end))
        doc.spans["mentions"] = sorted(mentions + anchored, key=lambda s: (s.start, s.end))
        return doc


@Language.factory("ontology_mentions",
                  assigns=["doc.spans", "span._.rule", "span._.confidence", "span._.known", "span._.anchor",
                           "span._.quoted", "span._.alias_of", "span._.name"],
                  requires=["doc._.columns", "doc.ents", "token.lemma", "token.pos", "token.morph", "token.dep",
                            "token.is_sent_start"],
                  default_config={"ontology_dir": None})
def create_mentions(nlp, name, *, ontology_dir):
    return OntologyMentions(nlp, load_lexicon(ontology_dir))
