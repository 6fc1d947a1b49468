"""The spaCy pipeline end to end: exact spans, classes, labels, events and relations."""
from __future__ import annotations

import json
import pickle

import pytest

from extract import term
from extract.records import Document


def entity(doc, key):
    return next(e for e in doc.entities if e.key == key)


def mentions_of(doc, key):
    return [(m.start, m.end, m.text) for m in doc.mentions if m.entity == key]


def events(doc, name):
    return [e for e in doc.events if e.type == term(name)]


def roles(event, name):
    """The fillers of a role, once each (a merged event keeps the role of each of its mentions)."""
    return sorted({r.entity or r.value for r in event.roles if r.role.endswith(name)})


def test_pipeline_components_are_registered_stages(nlp):
    assert nlp.pipe_names == ["natasha_morphology", "lemmatizer", "ontology_normalise", "natasha_syntax", "natasha_ner",
                              "event_trigger_model", "ontology_mentions", "ontology_entities", "ontology_relations",
                              "ontology_events", "ontology_quotes", "ontology_modality"]


@pytest.mark.parametrize("key,cls,ru,en,romanised", [
    ("alibek-bakayev", "Person", "Алибек Бакаев", "Alibek Bakayev", True),
    ("kazakhstan", "State", "Казахстан", "Kazakhstan", False),
    ("cpc", "Consortium", "Каспийский трубопроводный консорциум", "Caspian Pipeline Consortium", False),
    ("delta-kharmoni", "Tanker", "Дельта Хармони", "Delta Kharmoni", True),
    ("matilda", "Tanker", "Матильда", "Matilda", True),
    ("delta-supreme", "Vessel", "Delta Supreme", "Delta Supreme", False),      # written in Latin: its own name
    ("kaspiysky-magistralny-nefteprovod", "Pipeline", "Каспийский магистральный нефтепровод",
     "Kaspiysky magistralny nefteprovod", True),
    ("novorossiysk", "Place", "Новороссийск", "Novorossiysk", True),          # the graph writes GeoNames' name
    ("informburo-kz", "MediaOutlet", "Informburo.kz", "Informburo.kz", False),
])
def test_seed_entities(seed_doc, key, cls, ru, en, romanised):
    """Labels, and whether the English one is only a romanisation (kg.graph then tags it ru-Latn)."""
    e = entity(seed_doc, key)
    assert (e.cls, e.label_ru, e.label_en, e.romanised) == (term(cls), ru, en, romanised)


def test_seed_tankers_are_assets_not_organisations(seed_doc):
    assert mentions_of(seed_doc, "delta-kharmoni") == [(1795, 1809, "Дельта Хармони")]
    assert mentions_of(seed_doc, "matilda") == [(1814, 1822, "Матильда")]
    assert mentions_of(seed_doc, "delta-supreme") == [(1986, 1999, "Delta Supreme")]
    assert seed_doc.text[1795:1809] == "Дельта Хармони"


def test_seed_record_names_the_ontology_it_was_extracted_with(seed_doc):
    from extract import VERSION
    from ontology import ontology_digest
    assert (seed_doc.extractor_version, seed_doc.ontology_digest) == (VERSION, ontology_digest())
    assert len(seed_doc.ontology_digest) == 16


def test_seed_one_node_per_entity(seed_doc):
    # inflected forms, the surname alone, and the abbreviation defined in brackets
    assert [t for _, _, t in mentions_of(seed_doc, "alibek-bakayev")] == ["Алибек Бакаев", "Бакаев"]
    cpc = [t for _, _, t in mentions_of(seed_doc, "cpc")]
    assert cpc.count("КТК") == 8 and "Каспийского трубопроводного консорциума" in cpc
    assert {"Казахстана", "Казахстан"} <= {t for _, _, t in mentions_of(seed_doc, "kazakhstan")}
    assert len({e.key for e in seed_doc.entities}) == len(seed_doc.entities)
    assert entity(seed_doc, "cpc").same_as == [] or all("wikidata" in s for s in entity(seed_doc, "cpc").same_as)
    assert entity(seed_doc, "kazakhstan").same_as == ["http://www.wikidata.org/entity/Q232"]


def test_seed_relations(seed_doc):
    rels = {(r.subject, r.predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1], r.object, r.value, r.qualifier)
            for r in seed_doc.relations}
    assert ("alibek-bakayev", "holdsPositionIn", "kazakhstan", None,
            "заместитель министра иностранных дел Казахстана") in rels
    assert ("cpc", "foundingDate", None, "1992", None) in rels
    assert ("kaspiysky-magistralny-nefteprovod", "lengthKm", None, "1500", "more than") in rels
    assert ("cpc", "operates", "kaspiysky-magistralny-nefteprovod", None, None) in rels
    assert {o for s, p, o, v, q in rels if p == "hasMember"} == {"russia", "united-states", "kazakhstan",
                                                                  "western-europe"}
    assert {o for s, p, o, v, q in rels if p == "connects"} == {"oilfield-zapadny-kazakhstan",
                                                                 "terminal-novorossiysk"}


def test_seed_attack_on_tankers(seed_doc):
    [attack] = [e for e in events(seed_doc, "Attack") if e.trigger == "атаковала"]
    assert roles(attack, "agent") == ["ukraine"]
    assert roles(attack, "target") == ["delta-kharmoni", "matilda"]
    # "рядом с терминалом КТК в Черном море": the terminal, and the sea its phrase names
    assert roles(attack, "hasPlace") == ["chernoye-more", "terminal-novorossiysk"]
    assert (attack.time.precision, attack.time.value, attack.time.text) == ("month", "2026-01", "январе 2026 года")
    assert (seed_doc.text[attack.time.char_start:attack.time.char_end], attack.time.source) == \
        ("январе 2026 года", "text")                            # where the text says it
    assert seed_doc.sentences[attack.sentence].text.startswith("В январе 2026 года Украина атаковала танкеры")


def test_seed_autumn_drone_attack(seed_doc):
    [attack] = [e for e in events(seed_doc, "Attack") if e.trigger == "атакованы"]
    assert roles(attack, "target") == ["facility-cpc"]
    assert roles(attack, "instrument") == ["дрон"]
    assert (attack.time.precision, attack.time.value, attack.time.begin, attack.time.end) == \
        ("season", "2025-autumn", "2025-09-01", "2025-11-30")


def test_seed_statements_resolve_speakers(seed_doc):
    said = {e.trigger: e for e in events(seed_doc, "Statement")}
    for trigger in ("заявил", "сказал", "пояснил", "добавил", "заключил"):
        assert roles(said[trigger], "agent") == ["alibek-bakayev"], trigger
        # "Об этом заявил ... Бакаев, передает Informburo.kz": the outlet relays that sentence's statement only;
        # it is the article's outlet (Document.outlet), not each statement's
        assert roles(said[trigger], "reportedBy") == (["informburo-kz"] if trigger == "заявил" else []), trigger
    # "По словам замминистра, Астана призывает ...": no statement of its own, the speaker is the appeal's source
    assert "словам" not in said
    [appeal] = [e for e in events(seed_doc, "Appeal") if e.trigger == "призывает"]
    assert roles(appeal, "agent") == ["kazakhstan"] and roles(appeal, "reportedBy") == ["alibek-bakayev"]
    assert roles(said["сообщали"], "agent") == ["reuters"]
    assert seed_doc.outlet == "informburo-kz"


def test_seed_warning(seed_doc):
    [warning] = events(seed_doc, "Warning")
    assert roles(warning, "agent") == ["kazakhstan"] and roles(warning, "addressee") == ["kyiv"]


def test_records_pickle_and_json_round_trip(seed_doc):
    assert pickle.loads(pickle.dumps(seed_doc)) == seed_doc
    assert Document.from_dict(json.loads(json.dumps(seed_doc.to_dict()))) == seed_doc


def test_unseen_article_other_names(varna_doc):
    """A tanker, a port, an attack and a statement that the seed does not contain."""
    assert entity(varna_doc, "arktik-veyv").cls == term("Tanker")
    assert mentions_of(varna_doc, "arktik-veyv") == [(101, 112, "Арктик Вэйв")]
    assert (entity(varna_doc, "ivan-petrov").label_ru, entity(varna_doc, "ivan-petrov").label_en) == \
        ("Иван Петров", "Ivan Petrov")
    assert [t for _, _, t in mentions_of(varna_doc, "ivan-petrov")] == ["Иван Петров", "Петров"]
    [attack] = [e for e in events(varna_doc, "Attack") if e.sentence == 1]
    assert roles(attack, "target") == ["arktik-veyv"]
    assert (attack.time.precision, attack.time.value) == ("month", "2025-10")
    [quote] = [e for e in events(varna_doc, "Statement") if e.quote]
    assert roles(quote, "agent") == ["ivan-petrov"]
    assert quote.quote == "Экипаж не пострадал, судно продолжает рейс"
    rels = {(r.subject, r.predicate.rsplit("#", 1)[-1], r.object) for r in varna_doc.relations}
    assert ("ivan-petrov", "holdsPositionIn", "bulgaria") in rels
    [warning] = events(varna_doc, "Warning")
    assert roles(warning, "agent") == ["bulgaria"] and roles(warning, "addressee") == ["turkey"]


def test_pipe_over_many_texts_matches_one_by_one(nlp, seed_doc, varna_doc):
    from conftest import SEED, TEXTS
    from extract.pipeline import extract_documents
    from extract.reader import read_source
    sources = [read_source(SEED), read_source(TEXTS / "tanker_varna.txt")] * 2
    docs = list(extract_documents(nlp, sources))
    assert [d.key for d in docs] == [seed_doc.key, varna_doc.key] * 2
    assert docs[0] == seed_doc and docs[3] == varna_doc


def test_ontology_components_one_by_one(nlp):
    """Mentions alone: an asset noun with a quoted name makes an asset of the noun's class."""
    doc = nlp.make_doc("Судно «Северный ветер» вошло в порт.")
    for name in ["natasha_morphology", "lemmatizer", "ontology_normalise", "natasha_syntax", "natasha_ner",
                 "ontology_mentions"]:
        doc = nlp.get_pipe(name)(doc)
    spans = [(s.text, s.label_.rsplit("#", 1)[-1], s._.rule) for s in doc.spans["mentions"]]
    assert spans == [("Северный ветер", "Vessel", "asset-quoted")]


def test_unseen_terminal_attack_and_seizure(ust_luga_doc):
    """Another wording: an owner named with its descriptor, a headline without a full stop, a seizure."""
    doc = ust_luga_doc
    keys = {e.key for e in doc.entities}
    assert "ust-luge" in keys and not any("noch" in k for k in keys)   # the headline's name stops at the line break
    terminal = entity(doc, "terminal-ust-luge")
    assert (terminal.cls, terminal.label_ru) == (term("Terminal"), "терминал в Усть-Луге")
    rels = {(r.subject, r.predicate.rsplit("#", 1)[-1], r.object) for r in doc.relations}
    assert {("novatek", "operates", "terminal-ust-luge"), ("terminal-ust-luge", "locatedIn", "ust-luge"),
            ("sergey-lavrov", "holdsPositionIn", "mid-rossii")} <= rels
    [attack] = [e for e in events(doc, "Attack") if "атаковали" in {m.text for m in e.triggers()}]
    assert roles(attack, "target") == ["terminal-ust-luge"]
    # "Ночью" is a time, not an instrument; the drones are (grammar.ttl WeaponNouns)
    assert roles(attack, "instrument") == ["беспилотник"]
    assert (attack.time.precision, attack.time.value) == ("day", "2026-03-04")
    [seizure] = events(doc, "Detention")                       # "задержано": a Seizure that holds the vessel
    assert (roles(seizure, "target"), roles(seizure, "agent"), roles(seizure, "hasPlace")) == \
        (["eventin"], ["germany"], ["baltiyskoye-more"])
    assert entity(doc, "eventin").cls == term("Vessel")
    [quote] = [e for e in events(doc, "Statement") if e.trigger == "подчеркнул"]
    assert roles(quote, "agent") == ["sergey-lavrov"]


def test_cached_lemmatizer_gives_spacys_lemmas(nlp, seed_doc):
    """The cache changes the time, not one lemma: the seed lemmatised by spaCy's own lemmatizer agrees."""
    from spacy.lang.ru.lemmatizer import RussianLemmatizer

    from extract.cached_lemmatizer import CachedRussianLemmatizer
    assert isinstance(nlp.get_pipe("lemmatizer"), CachedRussianLemmatizer)
    doc = nlp.get_pipe("natasha_morphology")(nlp.make_doc(seed_doc.text))
    spacy_lemmatizer = RussianLemmatizer(nlp.vocab, None, "plain", mode="pymorphy3", overwrite=True)
    expected = [t.lemma_ for t in spacy_lemmatizer(doc)]
    cached = nlp.get_pipe("lemmatizer")
    assert [t.lemma_ for t in cached(doc)] == expected
    assert [t.lemma_ for t in cached(doc)] == expected        # the second time from the cache
    assert "атаковать" in expected                            # a verb form lemmatised, as before
    fresh = CachedRussianLemmatizer(nlp.vocab, None, "fresh", mode="pymorphy3", overwrite=True)
    assert [t.lemma_ for t in fresh(doc)] == expected          # each form new to it: read by `lemma_of`
    assert len(fresh._answers) > 100


def test_cached_lemmatizer_reads_each_part_of_speech_as_spacy_does(nlp):
    """`lemma_of` follows spaCy's steps for each kind of token: punctuation (« as "), a lookup for the parts of
    speech spaCy does not compare (ADV, ADP, CCONJ...), features compared for nouns, verbs, pronouns, numbers."""
    from spacy.lang.ru.lemmatizer import RussianLemmatizer

    from extract.cached_lemmatizer import CachedRussianLemmatizer
    text = ("«Газпром» вчера сообщил, что двое его сотрудников были задержаны в Москве; она же заявила: "
            "«Мы не знаем, где они». Пять танкеров и три судна ушли из портов Турции 12 мая 2024 года.")
    doc = nlp.get_pipe("natasha_morphology")(nlp.make_doc(text))
    expected = [t.lemma_ for t in RussianLemmatizer(nlp.vocab, None, "plain", mode="pymorphy3",
                                                    overwrite=True)(doc)]
    fresh = CachedRussianLemmatizer(nlp.vocab, None, "fresh", mode="pymorphy3", overwrite=True)
    assert [t.lemma_ for t in fresh(doc)] == expected
    assert {"PUNCT", "ADV", "ADP", "NOUN", "VERB", "PRON", "NUM"} <= {t.pos_ for t in doc}
    assert expected[0] == '"' and "задержать" in expected


def test_names_normalised_as_natashas_normaliser_does(nlp, seed_doc):
    """`entities.normalize` / `syntax_normalize` keep each word's inflection (`inflected`) but give natasha's
    own labels, for every mention of the seed read either way."""
    from natasha.norm import normalize, syntax_normalize

    from extract import entities, models
    doc = nlp(seed_doc.text)
    spans = list(doc.spans["mentions"])
    assert len(spans) > 10
    for span in spans:
        tokens = entities.norm_tokens(span)
        assert entities.normalize(tokens) == normalize(models.morph_vocab(), tokens)
        assert entities.syntax_normalize(tokens) == syntax_normalize(models.morph_vocab(), tokens)
    tokens = entities.norm_tokens(nlp("Встреча с Алибеком Бакаевым прошла.")[2:4])
    assert entities.normalize(tokens) == "Алибек Бакаев"


# --- the outlet a document's front matter names ---------------------------------------------------

def _with_front_matter(nlp, tmp_path, outlet: str, body: str) -> Document:
    from extract.pipeline import extract_documents
    from extract.reader import read_source
    path = tmp_path / "fm.txt"
    path.write_text(f"---\noutlet: {outlet}\nlanguage: ru\ndate: 2026-03-14\n---\n{body}\n", encoding="utf-8")
    [doc] = extract_documents(nlp, [read_source(path)])
    return doc


def test_front_matter_outlet_unknown_is_a_new_media_outlet(nlp, tmp_path):
    doc = _with_front_matter(nlp, tmp_path, "Вечерний Новосибирск", "Министр энергетики России провел совещание в Москве.")
    [outlet] = [e for e in doc.entities if e.key == doc.outlet]
    assert (outlet.key, outlet.cls, outlet.label_ru, outlet.label_en, outlet.romanised) == (
        "vecherny-novosibirsk", term("MediaOutlet"), "Вечерний Новосибирск", "Vecherny Novosibirsk", True)
    assert (doc.metadata, doc.language) == ({"outlet": "Вечерний Новосибирск", "language": "ru",
                                             "date": "2026-03-14"}, "ru")


def test_front_matter_outlet_the_text_names_too_is_one_node(nlp, tmp_path):
    """A text that relays Informburo.kz, and the same name (any case) in the front matter: one entity, not two."""
    body = "Казахстан ведет переговоры с Украиной, передает Informburo.kz."
    doc = _with_front_matter(nlp, tmp_path, "informburo.kz", body)
    assert [e.key for e in doc.entities if e.label_ru == "Informburo.kz"] == [doc.outlet]
    assert next(e for e in doc.entities if e.key == doc.outlet).cls == term("MediaOutlet")


@pytest.mark.parametrize("text, short, person", [
    ("Основатель Apple Стив Джобс умер в среду. Стив болел раком.", "Стив", "stiv-dzhobs"),
    ("Сергей Скрипаль и Юлия Скрипаль отравлены в Солсбери. Юлия пришла в себя.", "Юлия", "yuliya-skripal"),
    ("Борис Березовский умер в Лондоне. Борис Абрамович жил там с 2000 года.", "Борис Абрамович",
     "boris-berezovsky"),
    ("Сергей Скрипаль и Сергей Шнуров встретились. Сергей ушёл.", "Сергей", "sergey"),
])
def test_a_first_name_alone_is_the_one_full_name_of_the_document_with_it(nlp, text, short, person):
    """"Стив" after "Стив Джобс", "Борис Абрамович" after "Борис Березовский": the person named in full before;
    with two full names of that first name ("Сергей Скрипаль", "Сергей Шнуров"), a person of its own."""
    doc = nlp(text)
    assert [s._.entity for s in doc.spans["mentions"] if s.text == short] == [person]


def test_a_state_named_by_its_adjective_is_a_mention_of_it(nlp, tmp_path):
    """"российских шпионов", "в британском Солсбери": mentions of Russia and the United Kingdom (rule
    state-adjective), with their Wikidata links; "российско-кубинских" (a compound) and an adjective inside a
    name ("Российская Федерация") are not; the name measure leaves them out."""
    from extract.evaluate import pipeline_spans
    from extract.gold import GoldDocument
    from extract.pipeline import extract_documents
    from extract.reader import read_source
    from ontology.lexicon import load_lexicon
    path = tmp_path / "a.txt"
    path.write_text("США обменяли российских шпионов. В британском Солсбери отравлен Скрипаль. Российская "
                    "Федерация развивает российско-кубинские отношения. Он служил в украинской армии.",
                    encoding="utf-8")
    [doc] = extract_documents(nlp, [read_source(path)])
    adjectives = [(m.start, m.end, m.text, m.entity) for m in doc.mentions if m.rule == "state-adjective"]
    assert adjectives == [(13, 23, "российских", "russia"), (35, 45, "британском", "united-kingdom"),
                          (148, 158, "украинской", "ukraine")]    # its lemma is "украинской": the stem is read
    assert [m.start for m in doc.mentions] == sorted(m.start for m in doc.mentions)
    assert entity(doc, "united-kingdom").same_as == ["http://www.wikidata.org/entity/Q145"]
    gold = GoldDocument(key="a", path=str(path), text=doc.text, mentions=[])
    spans = {(s, e) for _, s, e, _ in pipeline_spans(load_lexicon(), [gold], [doc])}
    assert (13, 23) not in spans and (0, 3) in spans


def test_the_adjective_of_a_state_outside_the_lexicon_names_it(nlp, tmp_path):
    """"афганских боевиков", "мексиканской полиции": mentions of Afghanistan and Mexico (ontology/states.ttl),
    the one node of Afghanistan the text also names, which the graph links to its Wikidata item."""
    from extract.pipeline import extract_documents
    from extract.reader import read_source
    from kg.graph import document_same_as
    path = tmp_path / "a.txt"
    path.write_text("Отряд афганских боевиков перешел границу. Власти Афганистана это отрицают. Глава "
                    "мексиканской полиции ушел в отставку.", encoding="utf-8")
    [doc] = extract_documents(nlp, [read_source(path)])
    adjectives = [(m.text, m.entity) for m in doc.mentions if m.rule == "state-adjective"]
    assert adjectives == [("афганских", "afganistan"), ("мексиканской", "meksika")]
    assert [m.entity for m in doc.mentions if m.text == "Афганистана"] == ["afganistan"]
    links = document_same_as(doc)
    assert links["afganistan"] == ["http://www.wikidata.org/entity/Q889"]
    assert links["meksika"] == ["http://www.wikidata.org/entity/Q96"]


def test_the_adjective_an_organisations_name_opens_with_names_its_state_or_city(nlp, tmp_path):
    """"Российского антидопингового агентства", "Большом московском цирке": the adjectives before the name's
    noun are mentions of Russia and Moscow (rule state-adjective); a quoted name's are not ("«Тульский
    вестник»": the paper's name)."""
    from extract.pipeline import extract_documents
    from extract.reader import read_source
    path = tmp_path / "a.txt"
    path.write_text("Глава Российского антидопингового агентства выступил в Большом московском цирке. Газета "
                    "«Тульский вестник» написала об этом.", encoding="utf-8")
    [doc] = extract_documents(nlp, [read_source(path)])
    assert [(m.text, m.entity) for m in doc.mentions if m.rule == "state-adjective"] == [
        ("Российского", "russia"), ("московском", "moscow")]


def test_the_adjective_of_a_place_descriptor_names_its_state(nlp, tmp_path):
    """"в итальянской провинции Феррара", "в македонском городе Скопье": the descriptor's adjective is a mention
    of Italy and of North Macedonia (rule state-adjective) beside the place's."""
    from extract.pipeline import extract_documents
    from extract.reader import read_source
    path = tmp_path / "a.txt"
    path.write_text("Авария произошла в итальянской провинции Феррара. Она родилась в македонском городе Скопье.",
                    encoding="utf-8")
    [doc] = extract_documents(nlp, [read_source(path)])
    assert [(m.text, m.entity, m.rule) for m in doc.mentions] == [
        ("итальянской", "italy", "state-adjective"), ("Феррара", "ferrara", "place-descriptor"),
        ("македонском", "severnaya-makedoniya", "state-adjective"), ("Скопье", "skopye", "place-descriptor")]


@pytest.mark.parametrize("text, again, person", [
    ("Песков подписал указ о наградах. Указ, который подписал Дмитрий Песков, вступит в силу завтра.",
     "Песков", "dmitry-peskov"),
    ("Умер Сергей Бодров  Сергей Бодров 3 мая скончался в Москве.", "Сергей Бодров", "sergey-bodrov"),
])
def test_a_name_natasha_missed_is_the_person_named_so_elsewhere_in_the_document(nlp, text, again, person):
    """A surname opening a text before the full name, and a name repeated right after itself (a headline, then a
    caption): mentions of that person, each once."""
    doc = nlp(text)
    found = [(s.text, s._.entity) for s in doc.spans["mentions"] if s.text == again]
    assert found and all(key == person for _, key in found)


def test_runs_of_consecutive_words_as_names_again_reads_them():
    """`names_again` takes each run of consecutive candidate words as one name."""
    from extract.mentions import runs
    assert runs([3, 4, 7, 9, 10, 11]) == [(3, 5), (7, 8), (9, 12)]
    assert runs([]) == []


def test_a_place_named_by_its_adjective_is_a_mention_of_it(nlp, tmp_path):
    """"московского клуба" (a city of the lexicon), "тамбовских сел" (a city the text names): mentions of
    Moscow and Tambov (rule state-adjective); "советского кино" is no place's."""
    from extract.pipeline import extract_documents
    from extract.reader import read_source
    path = tmp_path / "a.txt"
    path.write_text("Болельщик московского клуба погиб. Жители тамбовских сел приехали в Тамбов смотреть "
                    "советское кино.", encoding="utf-8")
    [doc] = extract_documents(nlp, [read_source(path)])
    adjectives = [(m.text, m.entity) for m in doc.mentions if m.rule == "state-adjective"]
    assert adjectives == [("московского", "moscow"), ("тамбовских", "tambov")]
    assert entity(doc, "moscow").same_as == ["http://www.wikidata.org/entity/Q649"]


def test_the_state_adjective_of_an_organisation_noun_is_a_mention_of_the_state_too(nlp, tmp_path):
    """"американскую компанию", "российские власти" (organisations by their state's adjective, extract/orgs.py):
    the adjective is a mention of the state inside the organisation's (rule state-adjective)."""
    from extract.pipeline import extract_documents
    from extract.reader import read_source
    path = tmp_path / "a.txt"
    path.write_text("Суд обязал американскую компанию выплатить штраф, сообщили российские власти.", encoding="utf-8")
    [doc] = extract_documents(nlp, [read_source(path)])
    assert [(m.text, m.rule, m.entity) for m in doc.mentions
            if m.text.split()[0] in ("американскую", "российские")] == [
        ("американскую компанию", "org-adjective", "amerikanskaya-kompaniya"),
        ("американскую", "state-adjective", "united-states"),
        ("российские власти", "org-adjective", "rossiyskiye-vlasti"),
        ("российские", "state-adjective", "russia")]
