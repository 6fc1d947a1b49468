"""Relations the text states between entities, as `doc._.relations` (a list of `records.Relation`).

- a person's position: a role noun phrase before the name ("заместитель министра иностранных дел
  Казахстана Алибек Бакаев") gives schema:jobTitle and ekg:holdsPositionIn the organisation or state
  named in it;
- relation triggers from the ontology (объединять -> hasMember, соединять -> connects, эксплуатация
  -> operates, создать -> foundingDate, протяженность -> lengthKm, ...), with their arguments from
  the syntax;
- what an unnamed asset's anchor says: an owner operates it ("терминал КТК"), a place holds it
  ("терминал в Новороссийске"), and a place phrase on an asset ("терминал ... в Черном море").
"""
from __future__ import annotations

import datetime as dt
import re
from operator import or_

from spacy.language import Language
from spacy.tokens import Doc

from ontology.lexicon import OntologyError, load_lexicon
from ontology.terms import SCHEMA_NS as SCHEMA, XSD_NS as XSD, EKG, Category

from .dates import find_dates
from .entities import canonical_ru, romanise, slug
from .events import case_words
from .lemma_lookup import lexicon_matches
from .records import Entity, Relation
from .resolve import Resolver, sentence_bounds
from .to_records import actor_adjectives, adjective_stem
from .token_columns import columns, morph_get, punct, span_extension

Doc.set_extension("relations", default=None, force=True)
Doc.set_extension("positions", default=None, force=True)   # key -> Entity: the posts the text names (ekg:Position)
QUALIFIERS = {"более": "more than", "свыше": "more than", "около": "about", "почти": "almost",
              "менее": "less than", "порядка": "about"}
TITLE_STOPS = {"VERB", "AUX", "PRON", "SCONJ", "CCONJ"}     # parts of speech no title of a name holds
SAME_FORM = {"Acc": "Gen"}     # an animate noun's accusative is its genitive: "сотрудника ГРУ Сергея Скрипаля"
APPOSITION_MARKS = {",", "—", "–", "-"}   # "Y, глава X", "Y — глава X", "Y - глава X": a title in apposition follows
AGE = re.compile(r"летн(?:ий|яя|ее|его|ей|ему|им|ем|юю|ие|их)$")    # "74-летний": a name's age, no title
MULTIPLIERS = {"тыс": 1_000, "тысяча": 1_000, "млн": 1_000_000, "миллион": 1_000_000}


class RelationExtractor:
    def __init__(self, lexicon):
        self.lexicon = lexicon
        self.person = EKG.Person
        self.place_preps = lexicon.grammar.place_preps | lexicon.grammar.surface_preps
        self.posts = lexicon.grammar.post_nouns | {n for n, c in lexicon.nouns.items() if c == EKG.Person}
        self.quote_marks = {q for pair in lexicon.grammar.quote_marks for q in pair} | {'"', "«", "»", "„", "“", "”"}
        # a state's relational adjective ("российский", "китайского"): its stem -> the state's key
        self.state_of_adjective = {stem: a.iri.rsplit("/", 1)[-1] for stem, a in actor_adjectives(lexicon).items()
                                   if lexicon.category(a.cls) == Category.STATE}
        # each relation trigger's frame (ontology) picks the rule that reads its arguments
        self.handlers = {"ConnectsFrame": self.connects, "MembershipFrame": self.membership,
                         "OperatorFrame": self.operator, "FoundingFrame": self.founding,
                         "LengthFrame": self.length}
        unknown = set(lexicon.relation_frames.values()) - set(self.handlers)
        if unknown:
            raise OntologyError(f"relation frames with no rule in extract/relations.py: {sorted(unknown)}")

    def propose_relation(self, out, sent_of, token, subject, predicate, obj=None, value=None, datatype=None,
            qualifier=None, confidence=0.7, rule="", status=None):
        if not subject or subject == obj:
            return
        r = Relation(subject=subject, predicate=predicate, object=obj, value=value, datatype=datatype,
                     qualifier=qualifier, sentence=sent_of[token.i] if token is not None else 0,
                     start=token.idx if token is not None else 0,
                     end=token.idx + len(token) if token is not None else 0, confidence=confidence, rule=rule,
                     status=status)
        if not any((x.subject, x.predicate, x.object, x.value) == (subject, predicate, obj, value) for x in out):
            out.append(r)

    def bare_post(self, lemma: str) -> str:
        """A post's lemma without its title prefix ("экс-президент" -> "президент")."""
        prefix, hyphen, rest = lemma.partition("-")
        return rest if hyphen and prefix in self.lexicon.grammar.title_prefixes else lemma

    def is_post(self, lemma: str) -> bool:
        """A noun that names a post: a person role noun of the lexicon or a post noun of the grammar, also behind
        a title prefix ("вице-губернатор", "экс-президент")."""
        return self.bare_post(lemma) in self.posts

    def honorary(self, lemmas, i: int) -> bool:
        """A title of honour, no post: the post noun i after a word of the grammar's ekg:HonoraryWords ("народный
        артист России", "заслуженного врача РФ"); not before a post in a state's service ("народный депутат
        Украины": a member of parliament)."""
        grammar = self.lexicon.grammar
        return i > 0 and lemmas[i - 1].lower().replace("ё", "е") in grammar.honorary_words and \
            self.bare_post(lemmas[i].lower()) not in grammar.state_post_nouns

    def status(self, lemmas, lower, a: int, b: int) -> str | None:
        """"former", "acting" or "candidate" when a word of the title [a, b), or one of the two before it, says so
        ("бывший глава", "экс-президент", "исполняющий обязанности президента", "врио", "кандидат в президенты")."""
        grammar = self.lexicon.grammar
        for i in range(max(a - 2, 0), b):
            words = {lemmas[i].lower(), lower[i], lemmas[i].lower().partition("-")[0]}
            if words & grammar.former_words:
                return "former"
            if words & grammar.acting_words:
                return "acting"
            if words & grammar.candidate_words:
                return "candidate"
        return None

    def workplaces(self, phrase, res) -> list[str]:
        """The entities a title names where its post is, each from its own mention ("президенты России и Сербии":
        not Сербия from "России"), no common noun read as a body named before ("представитель пресс-службы
        посольства США": not the government of the sentence before); behind a preposition an organisation only ("защитник в НХЛ", "депутат от
        «ЕР»"), no place ("журналисты на улицах Парижа")."""
        keys, behind = [], False
        for t in phrase:
            behind = behind or t.pos_ == "ADP"
            mention = res.mention_of(t)
            if mention is None or span_extension(mention, "rule") == "noun-anaphora":
                continue                            # "пресс-службы", "компании" taken for a body named before
            key = res.entity_of(mention)
            if key and key not in keys and self.workplace(res, key) and \
                    (not behind or res.category(key) == Category.ORGANIZATION):
                keys.append(key)
        return keys

    def workplace(self, res, key) -> bool:
        """Where a post can be: an organisation, a state, or a region or city (its administration: "губернатор
        Кемеровской области", "мэр Уфы"), or a place of no narrower class ("глава Чечни": a name the NER calls a
        location and the lexicon does not know); no river, street or other place of a kind."""
        category = res.category(key)
        if category in (Category.ORGANIZATION, Category.STATE):
            return True
        entity = res.doc._.entities.get(key)
        return category == Category.PLACE and entity is not None and \
            (entity.cls == EKG.Place or any(self.lexicon.is_a(entity.cls, c) for c in (EKG.City, EKG.Region)))

    def adjective_state(self, doc, res, i, pos, lower):
        """(first word, state key) of a state's adjective just before post noun i ("китайский лидер", "российского
        премьера", "бывший российский министр финансов"): the state the post is in, when the phrase names no body
        of its own; up to two adjectives back, none inside a mention; None else, and for a post outside a state's
        service (the grammar's ekg:StatePostNouns), where the adjective is a nationality ("бельгийский тренер")."""
        if self.bare_post(doc[i].lemma_.lower()) not in self.lexicon.grammar.state_post_nouns:
            return None
        for j in range(i - 1, max(i - 3, -1), -1):
            if pos[j] != "ADJ" or res.mention_of(doc[j]) is not None:
                return None
            key = self.state_of_adjective.get(adjective_stem(lower[j]))
            if key is not None and doc[j].head.i == i:
                return j, key
        return None

    def state_of_title(self, doc, res, phrase, first, lower):
        """The state a title names by a noun of the grammar's ekg:StateTitleNouns ("лидер страны", "глава
        государства"): the state of the noun's own adjective ("глава российского государства"), else the one
        state the sentence named before the title ("В Эстонии ... победил глава государства"); None when it named
        none or several, or the noun is in a mention of its own."""
        nouns = self.lexicon.grammar.state_title_nouns
        noun = next((t for t in phrase if t.lemma_.lower() in nouns and res.mention_of(t) is None), None)
        if noun is None:
            return None
        for child in noun.children:
            key = self.state_of_adjective.get(adjective_stem(lower[child.i])) if child.dep_ == "amod" else None
            if key is not None:
                return key
        states = {res.entity_of(m) for m in res.mentions if first <= m.start < phrase.start and
                  res.entity_of(m) and res.category(res.entity_of(m)) == Category.STATE}
        return states.pop() if len(states) == 1 else None

    def posts_before(self, doc, i, first, walk, lemmas, res) -> tuple[list[int], int]:
        """The posts among the words a title walks over back from word i, nearest first, and where the walk stopped:
        before `first`, at a word no title holds, or at a person."""
        posts = []
        while i >= first and walk[i] and not self.person_at(doc[i], res):
            if self.is_post(lemmas[i].lower()):
                posts.append(i)
            i -= 1
        return posts, i

    def title_before(self, m, first, walk, pos, lemmas, res):
        """(start, end) of the title written before a name ("заместитель министра иностранных дел Казахстана
        Алибек Бакаев", "лидер «Лиги» Маттео Сальвини"), or None. A verb, a pronoun, a conjunction or any punctuation
        but quotes ends it ("Президент Казахстана провел переговоры с Путиным", "президент Франции и Путин")."""
        posts, _ = self.posts_before(m.doc, self.before_age(m.start, first, lemmas), first, walk, lemmas, res)
        if not posts:
            return None
        # the furthest post the name agrees with: "советник канцлера Германии Ангелы Меркель" is Меркель's
        # "канцлера", "заместитель министра ... Алибек Бакаев" Бакаев's "заместитель"
        start = next((p for p in reversed(posts) if self.agree(m.doc[p], m.root)), posts[-1])
        if self.kin_before(m, start, lemmas) or self.owned_name(m, start):
            return None
        return start, self.before_age(m.start, first, lemmas) + 1

    def joined_titles(self, doc, res, out, sent_of, m, start, first, walk, pos, lemmas, lower, used, holder_of):
        """The titles joined by commas before the title that starts at `start` are the name's too ("председатель КНР,
        генеральный секретарь ЦК КПК Ли Мин": Ли's posts in apposition, both): ekg:holdsPositionIn the body each
        names, rule title-joined. None when the first of them follows a name ("Путин, президент России, ...": that
        name's) or the name is followed by the next title of a list ("президент Франции, канцлер Германии Ангела
        Меркель и премьер Италии Марио Монти": a list of people, some unnamed)."""
        after = m.end + 1
        if after < len(doc) and lemmas[m.end] in (",", "и") and (self.is_post(lemmas[after].lower()) or
                                                               (pos[after] == "ADJ" and after + 1 < len(doc) and
                                                                self.is_post(lemmas[after + 1].lower()))):
            return
        titles = []
        while True:
            while start - 1 > first and walk[start - 1] and pos[start - 1] == "ADJ":
                start -= 1                         # "генеральный секретарь": the title's first word
            if start - 1 <= first or lemmas[start - 1] != ",":
                break
            posts, i = self.posts_before(doc, start - 2, first, walk, lemmas, res)
            if not posts or not self.agree(doc[posts[-1]], m.root):
                return
            titles.append(doc[posts[-1]:start - 1])
            start = posts[-1]
        if titles and (i < first or not self.person_at(doc[i], res)) and \
                not (lemmas[i] == "," and i > first and self.person_at(doc[i - 1], res)):
            for title in titles:
                used.update(range(title.start, title.end))
                holder_of.setdefault(title.start, res.entity_of(m))
                orgs = self.workplaces(title, res) if not self.honorary(lemmas, title.start) else []
                if orgs:
                    self.propose_relation(out, sent_of, title[0], res.entity_of(m), EKG.holdsPositionIn, orgs[0],
                                          qualifier=canonical_ru(title, Category.ORGANIZATION), confidence=0.7,
                                          rule="title-joined",
                                          status=self.status(lemmas, lower, title.start, title.end))

    def listed_after_body(self, doc, res, out, sent_of, m, first, quote):
        """The people listed after an organisation and a colon or a dash ("спортсмены клуба «Торпедо»: Ольга Иванова,
        Анна Петрова и Мария Котова", "руководство «Газпрома» — Алексей Миллер, Виталий Маркелов"): each of them, the
        first name `m` and the names conjoined to it, two at least, ekg:holdsPositionIn the organisation (rule
        list-after-body); a single name after a colon ("«Коммерсант»: Иванов заявил") is no list."""
        k = m.start - 1
        if k - 1 < first or doc[k].text not in (":", *APPOSITION_MARKS):
            return
        k -= 1
        while k > first and quote[k]:
            k -= 1
        body = res.mention_of(doc[k])
        key = res.entity_of(body) if body is not None and span_extension(body, "rule") != "noun-anaphora" else None
        if not key or res.category(key) != Category.ORGANIZATION:
            return
        names = [m.root, *(c for c in m.root.children if c.dep_ == "conj" and c.i > m.root.i)]
        people = [p for t in names if (p := res.entity_at(t)) and res.category(p) == Category.PERSON]
        if len(people) >= 2:
            for person in people:
                self.propose_relation(out, sent_of, m.root, person, EKG.holdsPositionIn, key, confidence=0.65,
                                      rule="list-after-body")

    @staticmethod
    def shared_title(m, plural):
        """(title, body, status) of a plural title before the name this name is conjoined to ("сотрудники полиции
        Люсиль Гарсия и Сорайя Белкакеми": Белкакеми's too), else None; a singular title is its first name's only
        ("президент России Путин и Си Цзиньпин")."""
        node = m.root
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
            if node.i in plural:
                return plural[node.i]
        return None

    @staticmethod
    def before_age(name: int, first: int, lemmas) -> int:
        """The last word a title before a name can end on: the word before the name's age and a comma before it
        ("президент Туниса, 74-летний Зин эль-Абидин Бен-Али", "президент Туниса 74-летний ...": "Туниса")."""
        j = name - 1
        while j >= first and AGE.search(lemmas[j].lower()):
            j -= 1
        return j - 1 if first <= j < name - 1 and lemmas[j] == "," else j

    def person_at(self, token, res) -> bool:
        mention = res.mention_of(token)
        return mention is not None and res.category(res.entity_of(mention)) == Category.PERSON

    @staticmethod
    def agree(post, name) -> bool:
        """The post and the name are in one case (or either has none)."""
        post_case, name_case = morph_get(post, "Case"), morph_get(name, "Case")
        return not (post_case and name_case) or bool({SAME_FORM.get(c, c) for c in post_case} &
                                                     {SAME_FORM.get(c, c) for c in name_case})

    def kin_before(self, m, start, lemmas) -> bool:
        """A noun no post before the post, and the post in another case than the name ("супруга президента США
        Мишель Обама"): the post is someone else's, the name the noun's before it. A title and its name agree ("лидеру ИГ Абу Бакру",
        "губернатора области Михальчука"), but for a post after "исполняющий обязанности" or "кандидат в"."""
        grammar = self.lexicon.grammar
        if any(lemmas[j].lower() in grammar.acting_words | grammar.candidate_words or lemmas[j].lower() == "обязанность"
               for j in range(max(start - 2, 0), start)):
            return False
        before = m.doc[start - 1] if start > 0 else None
        if before is None or before.pos_ not in ("NOUN", "PROPN") or self.is_post(lemmas[start - 1].lower()):
            return False
        return not self.agree(m.doc[start], m.root)

    def owned_name(self, m, start) -> bool:
        """The name hangs in the genitive on a noun of the title that is no post ("экс-директор ФБР из
        администрации Билла Клинтона Луис Фри" read as one name's title): the title is not the name's."""
        head = m.root.head
        return m.root.dep_ == "nmod" and start <= head.i < m.start and head.pos_ == "NOUN" and \
            not self.is_post(head.lemma_.lower())

    def affiliation(self, doc, m, res, last, lower):
        """The organisation a person is said to be from, right after the name ("Джонатан Тэплин из Университета
        Южной Калифорнии", "Петров из «Спартака»": a preposition of the grammar's ekg:AffiliationPrepositions, the
        body's phrase hanging on the name or on the title the name is in apposition to); None for a name that is a verb's object ("исключил Грызлова из
        Совета"), a place ("Петров из Москвы") or a common noun taken for a body named before."""
        j = m.end
        if j >= last or lower[j] not in self.lexicon.grammar.affiliation_preps or m.root.dep_ == "obj":
            return None
        k = j + 1
        while k < last and lower[k] in self.quote_marks:
            k += 1
        body = res.mention_of(doc[k]) if k < last else None
        head = body.root.head.i if body is not None else -1   # the name, or the title it is in apposition to
        if body is None or body._.rule == "noun-anaphora" or \
                not (m.start <= head < m.end or (m.root.dep_ == "appos" and head == m.root.head.i)):
            return None
        key = res.entity_of(body)
        return key if key and res.category(key) == Category.ORGANIZATION else None

    def title_after(self, doc, m, last, walk, pos, lemmas, res):
        """(start, end) of a title in apposition after a name ("Y, глава X", "Y — руководитель X"): after a comma or
        a dash, a post noun within three words, up to the next verb, pronoun, conjunction or punctuation but quotes.
        None when the phrase runs into another person's name ("с Путиным, главой Казахстана Токаевым": Токаев's)."""
        j = m.end
        if j >= last or doc[j].text not in APPOSITION_MARKS:
            return None
        start, i = j + 1, j + 1
        post = None
        while i < last and walk[i]:
            if post is None and self.is_post(lemmas[i].lower()):
                post = i
            elif post is None and (i - start >= 3 or pos[i] in ("NOUN", "PROPN")):
                return None                         # "Y — дочь генерала ВВС": the post is not Y's
            other = res.mention_of(doc[i])
            if other is not None and res.category(res.entity_of(other)) == Category.PERSON:
                return None
            i += 1
        return (start, i) if post is not None else None

    def walk_joined_nouns(self, doc, res, walk, lemmas, pos):
        """Let a title walk over "и" between two common nouns of a body's name ("директор центра спорта и образования
        «Вымпел» Олег Жуков", "комитета по науке и технологиям"): the second the conjunct of the first, neither a
        post nor a person's; "президент Франции и Владимир Путин", "министр обороны и глава штаба" stay two."""
        for i, lemma in enumerate(lemmas):
            if lemma != "и" or pos[i] != "CCONJ":
                continue
            second = doc[i].head
            one = second.head
            if second.dep_ == "conj" and one.i < i < second.i and pos[one.i] == pos[second.i] == "NOUN" and \
                    not any(self.is_post(lemmas[t.i].lower()) or self.person_at(t, res) for t in (one, second)):
                walk[i] = True

    @staticmethod
    def walk_abbreviations(walk, texts):
        """Let a title walk over a body's abbreviation in brackets ("глава Европейского союза борцов (ЕСБ) Ларс
        Нильсон"): the brackets around one to three words, none a verb or a number ("(1996—2003)", "(238)"), are walked
        over as the words are."""
        for i, t in enumerate(texts):
            if t != "(":
                continue
            close = next((j for j in range(i + 2, min(i + 5, len(texts))) if texts[j] == ")"), None)
            if close is not None and all(walk[j] and not any(c.isdigit() for c in texts[j])
                                         for j in range(i + 1, close)):
                walk[i] = walk[close] = True

    def positions(self, doc, res, out, sent_of):
        """A person's post, from a title before the name or in apposition after it: schema:jobTitle, and
        ekg:holdsPositionIn the organisation or state the title names (its status when the title says
        "бывший", "исполняющий обязанности", "кандидат")."""
        # the walks read plain lists: no spaCy Token per word
        cols = columns(doc)
        lemmas, pos = cols.lemma, cols.pos
        lower, texts = cols.lower, cols.text
        stops = list(map(or_, punct(doc), map(str.isspace, texts)))    # is_punct or is_space (a text of spaces)
        quote = [t in self.quote_marks for t in texts]
        # the words a title walks over: no punctuation but quotes, no verb, pronoun or conjunction (TITLE_STOPS)
        walk = [(not stop or q) and p not in TITLE_STOPS for stop, q, p in zip(stops, quote, pos)]
        self.walk_abbreviations(walk, texts)
        self.walk_joined_nouns(doc, res, walk, lemmas, pos)
        bounds = sentence_bounds(doc)              # sentence number -> its first token, its end
        first, last = [start for start, _ in bounds], [end for _, end in bounds]
        used: set[int] = set()                     # the words of the titles a person holds
        holder_of: dict[int, str] = {}             # a title's first word -> the person it is the title of
        plural: dict[int, tuple] = {}              # a name's root -> (title, body, status) of its title in the plural
        for m in res.mentions:
            if span_extension(m, "rule") == "noun-anaphora" or res.category(res.entity_of(m)) != Category.PERSON:
                continue
            n = sent_of[m.start]
            span, rule = self.title_before(m, first[n], walk, pos, lemmas, res), "title-before-name"
            if span is None:
                span, rule = self.title_after(doc, m, last[n], walk, pos, lemmas, res), "title-after-name"
            body = self.affiliation(doc, m, res, last[n], lower)
            if body:
                self.propose_relation(out, sent_of, doc[m.end], res.entity_of(m), EKG.holdsPositionIn, body,
                                      confidence=0.65, rule="from-body")
            self.listed_after_body(doc, res, out, sent_of, m, first[n], quote)
            if span is None:
                shared = self.shared_title(m, plural)
                if shared:
                    self.propose_relation(out, sent_of, m.root, res.entity_of(m), EKG.holdsPositionIn, shared[1],
                                          qualifier=shared[0], confidence=0.7, rule="title-shared", status=shared[2])
                continue
            used.update(range(*span))
            title = doc[span[0]:span[1]]
            while len(title) > 1 and quote[title.end - 1] and not any(quote[title.start:title.end - 1]):
                title = title[:-1]                 # a dangling quote mark is no part of the title
            holder_of.setdefault(title.start, res.entity_of(m))
            honour = self.honorary(lemmas, title.start) or self.honorary(lemmas, title.start + 1)
            orgs = self.workplaces(title, res) if not honour else []     # "X - народный артист РТ": an honour
            if not orgs and (found := self.adjective_state(doc, res, title.start, pos, lower)):
                title, orgs = doc[found[0]:title.end], [found[1]]   # "китайский лидер Ху Цзиньтао": China's
            if not orgs and (state := self.state_of_title(doc, res, title, first[n], lower)):
                orgs = [state]                     # "В Венесуэле ... лидер страны Уго Чавес": Venezuela's
            title_ru = canonical_ru(title, Category.ORGANIZATION)
            status = self.status(lemmas, lower, title.start, title.end)
            self.propose_relation(out, sent_of, title[0], res.entity_of(m), SCHEMA + "jobTitle", value=title_ru,
                     confidence=0.8, rule=rule, status=status)
            if rule == "title-before-name":
                self.joined_titles(doc, res, out, sent_of, m, title.start, first[n], walk, pos, lemmas, lower,
                                   used, holder_of)
            if orgs:
                self.propose_relation(out, sent_of, title[0], res.entity_of(m), EKG.holdsPositionIn, orgs[0],
                         qualifier=title_ru, confidence=0.8, rule=rule, status=status)
                if rule == "title-before-name" and any(self.is_post(lemmas[j].lower()) and "Plur" in
                                                       morph_get(doc[j], "Number") for j in range(title.start, title.end)):
                    plural[m.root.i] = (title_ru, orgs[0], status)
        candidates = [i for i, lemma in enumerate(lemmas) if pos[i] == "NOUN"
                      and self.is_post(lemma.lower()) and res.mention_of(doc[i]) is None]
        posts = {}
        inside = 0     # the end of the last post's phrase: a post noun within it is part of that post
        for i in candidates:
            if i < inside:     # "Заместитель министра обороны России": one post, the deputy's, not the minister's
                continue
            end, named = self.phrase_end(doc, res, i, last[sent_of[i]], walk, pos, lower)
            inside = end
            holder = self.predicate_holder(doc[i], res) if not named and i not in used else None
            orgs, start = (self.workplaces(doc[i + 1:end], res) if not self.honorary(lemmas, i) else []), i
            if not orgs and (found := self.adjective_state(doc, res, i, pos, lower)):
                start, orgs = found[0], [found[1]]          # "российского премьера": Russia's
            told = None                     # the state a noun of the title stands for: the node's label names it
            if not orgs and (state := self.state_of_title(doc, res, doc[i + 1:end], first[sent_of[i]], lower)):
                orgs, told = [state], state                 # "премьер-министр страны": the state named before
            if not orgs:
                continue
            # the post's node, whoever holds it: "избран президентом Египта" names the post as "президент Египта" does
            key = self.post(doc, res, out, posts, i, end, orgs, lemmas, lower, start, told)
            if holder:
                self.propose_relation(out, sent_of, doc[i], holder, EKG.holdsPositionIn, orgs[0],
                                      qualifier=canonical_ru(doc[start:end], Category.ORGANIZATION), confidence=0.7,
                                      rule="post-predicate", status=self.status(lemmas, lower, i, end))
            holder = holder or holder_of.get(i)    # "Президент России Владимир Путин": Путин holds the post
            if holder:
                self.propose_relation(out, sent_of, doc[i], holder, EKG.holdsPosition, key, confidence=0.8,
                                      rule="title-holder")
        self.work_verbs(doc, res, out, sent_of, lemmas, pos)
        return posts

    def work_verbs(self, doc, res, out, sent_of, lemmas, pos):
        """A person who heads or works in a body by a verb of the grammar's ekg:WorkVerbs: "X возглавляет Y",
        "X руководит Y", "X работал в Y", "X, который служил в Y", "возглавляющий Y X": ekg:holdsPositionIn the
        first organisation, state or region of the verb's object (behind a preposition an organisation only)."""
        verbs = self.lexicon.grammar.work_verbs
        for i, lemma in enumerate(lemmas):
            if pos[i] == "VERB" and lemma.lower() in self.lexicon.grammar.team_verbs:
                self.team(doc[i], res, out, sent_of)
            if lemma.lower() in self.lexicon.grammar.at_the_head_nouns and i > 0 and lemmas[i - 1].lower() == "в":
                self.at_the_head(doc[i], res, out, sent_of)
            if pos[i] != "VERB" or lemma.lower() not in verbs:
                continue
            verb = doc[i]
            if "Pass" in morph_get(verb, "Voice"):
                self.headed_by(verb, res, out, sent_of)
                continue
            holder = self.verb_holder(verb, res)
            if holder is None:
                continue
            for child in verb.children:
                if child.dep_ not in ("obj", "obl", "iobj"):
                    continue
                orgs = self.workplaces(doc[child.left_edge.i:child.i + 1], res) or \
                    self.workplaces(doc[child.left_edge.i:child.right_edge.i + 1], res)
                if orgs:
                    for org in self.conjoined_bodies(child, orgs[0], res):
                        self.propose_relation(out, sent_of, verb, holder, EKG.holdsPositionIn, org,
                                              confidence=0.65, rule="work-verb")
                    break

    def conjoined_bodies(self, phrase, first, res) -> list[str]:
        """The body a verb's object names and those conjoined to it ("тренировал клубы «Аль-Джазира», «Генк» и
        «Андерлехт»": all three), each an organisation of its own mention."""
        keys = [first]
        for t in phrase.subtree:
            if t.dep_ in ("conj", "appos") and (t.head.i == phrase.i or res.entity_at(t.head) in keys):
                key = res.entity_at(t)
                if key and key not in keys and res.category(key) == Category.ORGANIZATION:
                    keys.append(key)
        return keys

    def team(self, verb, res, out, sent_of):
        """A player and his club by a verb of the grammar's ekg:TeamVerbs and its preposition ("Томашик,
        выступающий за шведский клуб «Дален»", "Нолан играл за «Оттаву»"): ekg:holdsPositionIn the organisation the
        phrase behind the preposition names ("выступил за отмену санкций": none)."""
        holder = self.verb_holder(verb, res)
        if holder is None:
            return
        for child in verb.children:
            if child.dep_ == "obl" and case_words(child, self.place_preps) & self.lexicon.grammar.team_preps:
                orgs = self.workplaces(verb.doc[child.left_edge.i:child.i + 1], res)
                if orgs:
                    self.propose_relation(out, sent_of, verb, holder, EKG.holdsPositionIn, orgs[0],
                                          confidence=0.65, rule="team-verb")
                    return

    def at_the_head(self, noun, res, out, sent_of):
        """"оставил Рауля Кастро во главе Коммунистической партии Кубы", "Кастро остается во главе Госсовета": the
        person "во главе" is said of heads the body in the genitive after it: the verb's object, else its subject, or
        the name the phrase hangs on; ekg:holdsPositionIn the first organisation, state or region of the phrase.
        None for "во главе с X" (the head of a group, no body)."""
        doc = noun.doc
        if noun.i + 1 >= len(doc) or doc[noun.i + 1].pos_ == "ADP":
            return
        body = noun.head.head if noun.dep_ == "fixed" else noun    # the parser fixes "во главе": the body is "в"'s head
        if body.i <= noun.i:
            body = next((c for c in noun.children if c.dep_ == "nmod" and c.i > noun.i), None)
            if body is None:
                return
        orgs = self.workplaces(doc[noun.i + 1:body.i + 1], res) or \
            self.workplaces(doc[noun.i + 1:body.right_edge.i + 1], res)
        if not orgs:
            return
        holder, node = None, body.head
        if node.pos_ in ("NOUN", "PROPN"):         # "Рауля Кастро во главе", "деятельность Рауля Кастро во главе"
            holder = self.office_holder(node, res)
        elif node.pos_ in ("VERB", "AUX"):
            holder = self.verb_person(node, res, (("obj",), ("nsubj", "nsubj:pass")))
        if holder:
            self.propose_relation(out, sent_of, noun, holder, EKG.holdsPositionIn, orgs[0], confidence=0.65,
                                  rule="at-the-head")

    def headed_by(self, verb, res, out, sent_of):
        """"Имарат Кавказ, возглавляемый Доку Умаровым": the body a passive participle hangs on is headed by the
        person in its instrumental."""
        if verb.dep_ not in ("acl", "amod"):
            return
        org = res.entity_at(verb.head)
        if not org or not self.workplace(res, org):
            return
        for child in verb.children:
            key = res.entity_at(child) if child.dep_.split(":")[0] in ("obl", "obj", "nmod") else None
            if key and res.category(key) == Category.PERSON and "Ins" in morph_get(child, "Case"):
                self.propose_relation(out, sent_of, verb, key, EKG.holdsPositionIn, org, confidence=0.65,
                                      rule="work-verb")
                return

    def verb_holder(self, verb, res):
        """The person a verb of working is said of: its subject ("Путин возглавляет ..."), the noun a relative
        clause ("Иванов, который работал в ...") or a participle ("возглавляющий ... Иванов") hangs on, else the
        subject of the verb it is joined to ("пришел в компанию и возглавил ее")."""
        grammar = self.lexicon.grammar
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubj:pass"):
                if child.lemma_.lower() in grammar.relative_pronouns and verb.dep_ == "acl:relcl":
                    child = verb.head
                return self.person_of(child, res)
        if verb.dep_ in ("acl", "amod"):
            key = res.entity_at(verb.head) or self.named_in_apposition(verb.head, res)
            return key if key and res.category(key) == Category.PERSON else None
        if verb.dep_ == "conj" and verb.head.pos_ == "VERB":
            return self.verb_holder(verb.head, res)
        return None

    def person_of(self, token, res):
        """The person a verb's subject or object names: its mention's, the name's in apposition to a post ("Главой
        страны стала вице-президент Джойс Банда"), or the one a singular personal pronoun stands for ("До этого он
        был гендиректором «Колмара»": `Resolver.pronoun`); None else."""
        key = res.entity_at(token) or self.named_in_apposition(token, res)
        if key is None and token.pos_ == "PRON" and "Plur" not in morph_get(token, "Number"):
            key = res.pronoun(token)
        return key if key and res.category(key) == Category.PERSON else None

    def named_in_apposition(self, noun, res):
        """The entity of the name in apposition to a post noun ("представитель Чехии Милан Томашик, выступающий
        ...": the participle hangs on the post, the name on it), else None."""
        if not self.is_post(noun.lemma_.lower()):
            return None
        return next((k for c in noun.children if c.dep_ == "appos" and (k := res.entity_at(c))), None)

    def predicate_holder(self, post, res):
        """The person a post is said of by its verb: "X стал заместителем губернатора", "назначить X председателем
        комитета", "Помпео, который стал госсекретарем США" (a post in the instrumental on the verb; its object when
        it has one, else its subject, else the noun its participle is on: "Чинавата, занимавшего пост"), "X был
        директором центра" (the post's own subject, by a copula), "X на посту главы ЦРУ" (the post in the genitive of
        an office noun); None else."""
        grammar = self.lexicon.grammar
        node = post
        if "Gen" in morph_get(post, "Case") and post.head.lemma_.lower() in grammar.office_nouns:
            node = post.head
        elif "Ins" not in morph_get(post, "Case"):
            return None
        elif any(c.dep_ == "cop" for c in post.children):     # "Петров был директором центра": the post's subject
            return self.verb_person(post, res, (("nsubj", "nsubj:pass"),))
        verb = node.head
        if node is not post and verb.i != node.i and verb.pos_ in ("NOUN", "PROPN"):
            return self.office_holder(verb, res)
        if verb.i == node.i or verb.pos_ not in ("VERB", "AUX", "ADJ"):
            return None
        # "Чинавата, занимавшего пост": a subject of a participle not in the nominative is the parser's error
        if not ("Part" in morph_get(verb, "VerbForm") and morph_get(verb, "Case") and "Nom" not in morph_get(verb, "Case")):
            # a verb's object is the one the post is said of ("Медведев назначил Бастрыкина председателем", "предложил
            # кандидатуру Аллена на пост": no one named), else its subject ("Главой Малави стала Джойс Банда", "Петров
            # занимал пост главы ЦРУ": the office is the object)
            objects = any(c.dep_ == "obj" and c.i != node.i for c in verb.children)
            holder = self.verb_person(verb, res, (("obj",),) if objects else (("nsubj", "nsubj:pass"),))
            if holder:
                return holder
        if verb.dep_ in ("acl", "amod") and self.agree(verb, verb.head) and morph_get(verb, "Case"):
            key = res.entity_at(verb.head)     # "Таксина Чинавата, занимавшего пост премьер-министра": the noun
            if key and res.category(key) == Category.PERSON:      # the participle agrees with
                return key
        return None

    def verb_person(self, verb, res, dep_order):
        """The first person among the verb's dependents of each group of `dep_order` in turn ("obj" before the
        subject, or the other way; `person_of`); a relative pronoun stands for the noun its clause is on ("Помпео,
        который стал ..."). None when no group names one."""
        for deps in dep_order:
            for child in verb.children:
                if child.dep_ in deps:
                    if child.lemma_.lower() in self.lexicon.grammar.relative_pronouns and verb.dep_ == "acl:relcl":
                        child = verb.head
                    key = self.person_of(child, res)
                    if key:
                        return key
        return None

    @staticmethod
    def office_holder(noun, res):
        """The person an office ("на посту главы X", "во главе X") hangs on with no verb: the name itself ("Бахтадзе на
        посту премьер-министра") or the name in the genitive of an action noun ("назначение Мамуки Бахтадзе на пост
        премьер-министра", "деятельность Рауля Кастро во главе партии"); None else."""
        key = res.entity_at(noun)
        if key and res.category(key) == Category.PERSON:
            return key
        if noun.pos_ != "NOUN":
            return None
        for child in noun.children:
            key = res.entity_at(child) if child.dep_ == "nmod" and "Gen" in morph_get(child, "Case") else None
            if key and res.category(key) == Category.PERSON:
                return key
        return None

    def phrase_end(self, doc, res, i, last, walk, pos, lower):
        """(end, named) of a post noun's phrase ("президентом Египта" of "избран президентом Египта в 2012 году"):
        its own words up to a verb, a pronoun, a conjunction, punctuation but quotes, or a person's name (`named`:
        the phrase is a title before that name, "президента АРЕ Мохаммеда Мурси")."""
        end, last = i + 1, max(min(last, doc[i].right_edge.i + 1), i + 1)
        named = False
        while end < last and walk[end]:
            other = res.mention_of(doc[end])
            if other is not None and res.category(res.entity_of(other)) == Category.PERSON:
                named = True
                break
            end += 1
        while end > i + 1 and lower[end - 1] in self.quote_marks and \
                not any(w in self.quote_marks for w in lower[i + 1:end - 1]):
            end -= 1                               # a dangling quote mark is no part of the phrase
        while named and end > i + 1 and AGE.search(lower[end - 1]):
            end -= 1                               # "президента Туниса 74-летнего Бен-Али": the holder's age
        return end, named

    def post(self, doc, res, out, posts, i, end, orgs, lemmas, lower, start=None, told=None):
        """A post ("президента Египта", "сотрудников посольства США", also the title of a named holder): an
        ekg:Position node (its label the post noun's lemma and the words after it, after the lemma of a state's
        adjective before it from `start`: "российский премьер") ekg:positionIn the organisation, state, region or
        city named in the phrase [start, end); the relation's span is the phrase. A state the title `told` by a
        noun ("лидер страны") is named in the label too ("лидер страны (Венесуэла)"): the node is that state's
        post, not one of every document's "лидер страны". Returns the node's key."""
        start = i if start is None else start
        label = " ".join([*(lemmas[j].lower() for j in range(start, i)), lemmas[i].lower(),
                          doc[i + 1:end].text]).strip()
        if told and (state := res.doc._.entities.get(told)) is not None:
            label = f"{label} ({state.label_ru})"
        entity = posts.setdefault(slug(label), Entity(key=slug(label), cls=EKG.Position, label_ru=label,
                                                     label_en=romanise(label), confidence=0.7))
        out.append(Relation(subject=entity.key, predicate=EKG.positionIn, object=orgs[0], qualifier=label,
                            sentence=res.sent_of[i], start=doc[start].idx, end=doc[end - 1].idx + len(doc[end - 1]),
                            confidence=0.7, rule="post-phrase", status=self.status(lemmas, lower, start, end)))
        return entity.key

    def governing_subject(self, token, res):
        """The subject of the clause a noun sits in: "КТК был создан для ... эксплуатации ..." -> КТК."""
        node = token
        while node.head.i != node.i and node.pos_ != "VERB":
            node = node.head
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubj:pass"):
                return res.entities(child), node
        return [], node

    def subject_of(self, token, res, category=None):
        subjects = [k for c in token.children if c.dep_ in ("nsubj", "nsubj:pass") for k in res.entities(c)]
        pron = next((c for c in token.children if c.dep_ in ("nsubj", "nsubj:pass") and c.pos_ == "PRON"), None)
        if pron is not None and category:    # "Он соединяет ...": the latest entity of the expected kind
            latest = res.latest(pron.i, category)
            subjects = [latest] if latest else []
        return subjects

    def triggered(self, doc, res, out, sent_of, ref):
        for token, predicate in lexicon_matches(doc, self.lexicon.relation_triggers):
            if predicate and res.mention_of(token) is None:
                self.handlers[self.lexicon.relation_frames[predicate]](doc, res, out, sent_of, ref, token, predicate)

    def connects(self, doc, res, out, sent_of, ref, token, predicate):
        subjects = self.subject_of(token, res, Category.ASSET)
        objects = [k for c in token.children if c.dep_ in ("obj", "obl") for k in res.entities(c)]
        for s in subjects:
            for o in objects:
                self.propose_relation(out, sent_of, token, s, predicate, o, rule="trigger-verb")

    def membership(self, doc, res, out, sent_of, ref, token, predicate):
        subjects = self.subject_of(token, res, Category.ORGANIZATION)
        obj = next((c for c in token.children if c.dep_ == "obj"), None)
        if obj is None:
            return
        members = [k for t in obj.subtree for k in res.entities(t, depth=0)
                   if res.category(k) in (Category.STATE, Category.ORGANIZATION, Category.PLACE)]
        for s in subjects:
            for o in dict.fromkeys(members):
                self.propose_relation(out, sent_of, token, s, predicate, o, qualifier=canonical_ru(
                    doc[obj.i:obj.i + 1], Category.ORGANIZATION), rule="trigger-verb")

    def operator(self, doc, res, out, sent_of, ref, token, predicate):
        subjects, _ = self.governing_subject(token, res)
        nmods = [c for c in token.children if c.dep_ == "nmod"] or \
                [c for c in token.head.children if c.dep_ == "nmod" and token.dep_ == "conj"]
        objects = [k for c in nmods for k in res.entities(c) if res.category(k) == Category.ASSET]
        for s in subjects:
            for o in objects:
                self.propose_relation(out, sent_of, token, s, predicate, o, rule="trigger-noun")

    def founding(self, doc, res, out, sent_of, ref, token, predicate):
        subjects = self.subject_of(token, res) if "Pass" in morph_get(token, "Voice") or \
            any(c.dep_ == "nsubj:pass" for c in token.children) else \
            [k for c in token.children if c.dep_ == "obj" for k in res.entities(c)]
        years = [v for s, e, v in find_dates(token.sent, ref)     # one known year: not "в том же году", "2005/2008"
                 if v.precision == "year" and v.value and "/" not in v.value
                 and any(a.i == token.i for a in doc[s:e][-1].ancestors)]
        for s in subjects:
            for v in years[:1]:
                self.propose_relation(out, sent_of, token, s, predicate, value=v.value, datatype=XSD + "gYear",
                         rule="trigger-verb")

    def length(self, doc, res, out, sent_of, ref, token, predicate):
        owners = [k for k in res.entities(token.head, depth=0) if res.category(k) == Category.ASSET]
        value, qualifier = self.quantity(token)
        for s in owners[:1]:
            if value is not None:
                self.propose_relation(out, sent_of, token, s, predicate, value=value, datatype=XSD + "decimal",
                         qualifier=qualifier, rule="trigger-noun")

    def quantity(self, token):
        """"протяженностью более 1,5 тыс. км" -> ("1500", "more than")."""
        words = token.doc[token.i + 1:min(token.i + 9, token.sent.end)]   # linear: parses of numbers are unreliable
        number, qualifier, mult = None, None, 1
        for t in words:
            if t.lower_ in QUALIFIERS and number is None:
                qualifier = QUALIFIERS[t.lower_]
            elif number is None and re.fullmatch(r"\d+(?:[.,]\d+)?", t.text):
                number = float(t.text.replace(",", "."))
            elif number is not None and t.lower_.rstrip(".") in MULTIPLIERS:
                mult = MULTIPLIERS[t.lower_.rstrip(".")]
            elif number is not None and t.lower_ in ("км", "километр"):
                break
        if number is None:
            return None, None
        value = number * mult
        return (str(int(value)) if value == int(value) else str(value)), qualifier

    def anchors(self, doc, res, out, sent_of):
        at = {}                       # (start, end) -> the first mention there: one look-up per asset
        for s in res.mentions:
            at.setdefault((s.start, s.end), s)
        for m in res.mentions:
            key = res.entity_of(m)
            if res.category(key) != Category.ASSET:
                continue
            own_anchor = res.anchor[(m.start, m.end)]
            if own_anchor:
                anchor = at.get(tuple(own_anchor))
                if anchor is not None:
                    anchor_key = res.entity_of(anchor)
                    cat = res.category(anchor_key)
                    if cat in (Category.PLACE, Category.STATE):
                        self.propose_relation(out, sent_of, m[0], key, EKG.locatedIn, anchor_key,
                                 confidence=0.75, rule="asset-anchor")
                    elif cat == Category.ORGANIZATION:
                        self.propose_relation(out, sent_of, m[0], anchor_key, EKG.operates, key,
                                 confidence=0.6, rule="asset-anchor")
            head = m[0] if own_anchor else m.root
            for child in head.children:
                if child.dep_ in ("nmod", "obl") and case_words(child, self.place_preps) & self.place_preps:
                    for k in res.entities(child):
                        if res.category(k) in (Category.PLACE,) and k != key:
                            self.propose_relation(out, sent_of, child, key, EKG.locatedIn, k,
                                     confidence=0.7, rule="asset-place-phrase")

    def __call__(self, doc):
        res = Resolver(doc, self.lexicon)
        ref = dt.date.fromisoformat(doc._.article_date) if doc._.article_date else None
        sent_of = res.sent_of
        out: list[Relation] = []
        doc._.positions = self.positions(doc, res, out, sent_of)
        self.triggered(doc, res, out, sent_of, ref)
        self.anchors(doc, res, out, sent_of)
        doc._.relations = out
        return doc


@Language.factory("ontology_relations", assigns=["doc._.relations", "doc._.positions"],
                  requires=["doc._.columns", "doc.spans", "span._.entity", "span._.anchor", "span._.rule",
                            "doc._.entities", "doc._.article_date", "token.lemma", "token.pos", "token.morph",
                            "token.dep"],
                  default_config={"ontology_dir": None})
def create_relations(nlp, name, *, ontology_dir):
    return RelationExtractor(load_lexicon(ontology_dir))
