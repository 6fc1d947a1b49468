"""Events from short sentences: the ontology's frames (inherited by subclasses), multiword triggers, roles
from syntax (participles, infinitive complements, coordination, pronouns, clause places) and speakers.
The sentences are written for these tests, not taken from a corpus."""
from __future__ import annotations

import shutil

import pytest

from extract.pipeline import extract_documents
from extract.quotes import QuoteExtractor
from extract.reader import SourceText
from extract.relations import RelationExtractor
from ontology import ONTOLOGY_DIR
from ontology.lexicon import OntologyError, load_lexicon
from ontology.terms import EKG


def run(nlp, text):
    source = SourceText(path="t.txt", key="t", title="", date="2026-03-02", text=text, content_hash="")
    [doc] = extract_documents(nlp, [source])
    return doc


def events_of(doc, cls):
    return [e for e in doc.events if e.type == EKG[cls]]


def role_table(event):
    """(role local name, entity key) of an event's entity roles, sorted."""
    return sorted((r.role.rsplit("#", 1)[-1].rsplit("/", 1)[-1], r.entity) for r in event.roles if r.entity)


FRAMES = [
    # a subclass reads roles as its parent does: Attack's "на X"/"по X" target, and its agent carried over
    ("Авианалет на порт Бердянск начался ночью.", "Airstrike", "Авианалет", {("target", "berdyansk")}),
    ("Армия Украины обстреляла Донецк. Обстрел продолжался до утра.", "Shelling", "Обстрел",
     {("agent", "armiya-ukrainy")}),
    # undergoer events: the subject of an intransitive trigger is the target, not the agent
    ("В Казани умер Иван Петров.", "Death", "умер", {("target", "ivan-petrov"), ("hasPlace", "kazan")}),
    ("Вечером загорелся танкер «Астра».", "Fire", "загорелся", {("target", "astra")}),
]

PHRASES = [
    # multiword triggers: the phrase is the trigger, longest match wins over its single words
    ("Министр Иван Петров подал в отставку.", "Resignation", "подал в отставку", {("agent", "ivan-petrov")}),
    ("Атака беспилотников на танкер «Астра» сорвала погрузку.", "DroneAttack", "Атака беспилотников",
     {("target", "astra")}),
    ("Компания «Вега» объявила о вводе в эксплуатацию терминала.", "Commissioning", "вводе в эксплуатацию", set()),
    # the object inside a phrase ("ранение") leaves its verb intransitive: the subject undergoes it
    ("Иван Петров получил ранение.", "Casualties", "получил ранение", {("target", "ivan-petrov")}),
]

SYNTAX = [
    # participles: a passive one's noun is the target
    ("Атакованный танкер «Астра» отбуксировали в порт.", "Attack", "Атакованный", {("target", "astra")}),
    # infinitive complement: the governing verb's subject acts
    ("Украина решила атаковать нефтебазу в Брянске.", "Attack", "атаковать",
     {("agent", "ukraine"), ("target", "storagefacility-bryansk")}),
    # coordinated verbs share their subject; coordinated objects are two targets
    ("Украина атаковала и захватила танкеры «Астра» и «Вега».", "Seizure", "захватила",
     {("agent", "ukraine"), ("target", "astra"), ("target", "vega")}),
    # a place in the clause, with the preposition "во"
    ("Во Франции прогремел взрыв.", "Explosion", "взрыв", {("hasPlace", "france")}),
    # a place the parse hangs on another word of the clause, and one in a clause on the noun
    ("Скончался 29 марта польский композитор Иван Петров в Кракове.", "Death", "Скончался",
     {("target", "ivan-petrov"), ("hasPlace", "krakov")}),
    ("Выборы, которые пройдут в Индонезии, станут крупнейшими.", "Election", "Выборы",
     {("hasPlace", "indoneziya")}),
    # "они": the nearest actor before, the whole mention ("Власти Ирана", not "Ирана")
    ("Власти Ирана готовились к удару. Они атаковали танкер «Астра».", "Attack", "атаковали",
     {("agent", "vlasti-irana"), ("target", "astra")}),
    # a past-tense verb with no subject: the latest person it agrees with in gender
    ("Анна Петрова стала моделью. В 2010 году подписала контракт с агентством «Вега».", "Agreement",
     "подписала", {("agent", "anna-petrova")}),
    ("Марк Холлис был музыкантом. Умер в 2019 году.", "Death", "Умер", {("target", "mark-khollis")}),
    # a place right after a noun event, wherever the parse hangs it
    ("Число жертв стрельбы в Канаде достигло 16 человек.", "Attack", "стрельбы", {("hasPlace", "canada")}),
    # a noun event in its verb's phrase: the verb's subject took part
    ("Иван Петров принял участие в переговорах в Москве.", "Negotiation", "переговорах",
     {("hasActor", "ivan-petrov"), ("hasPlace", "moscow")}),
]


@pytest.mark.parametrize("text, cls, trigger, expected", FRAMES + PHRASES + SYNTAX)
def test_event_roles(nlp, text, cls, trigger, expected):
    doc = run(nlp, text)
    [event] = [e for e in events_of(doc, cls) if trigger in {m.text for m in e.triggers()}]   # one node per event
    assert set(role_table(event)) >= expected, role_table(event)
    assert len(events_of(doc, cls)) == 1 or cls in ("Shelling", "Attack")


def test_undergoer_subject_is_never_the_agent(nlp):
    [death] = events_of(run(nlp, "В Казани умер Иван Петров."), "Death")
    assert not any(r.role == EKG.agent for r in death.roles)


def test_multiword_trigger_replaces_its_words(nlp):
    doc = run(nlp, "Атака беспилотников на танкер «Астра» сорвала погрузку.")
    assert [e.type for e in doc.events] == [EKG.DroneAttack]
    [event] = doc.events
    assert doc.text[event.start:event.end] == "Атака беспилотников"


SPEAKERS = [
    # a title resolves to the person the document names with it, else to no entity: never the state
    ("Президент Казахстана Касым-Жомарт Токаев прибыл в Москву. Президент Казахстана заявил, что "
     "переговоры продолжатся.", "kasym-zhomart-tokayev"),
    ("Президент Казахстана заявил, что переговоры продолжатся.", None),
]


@pytest.mark.parametrize("text, speaker", SPEAKERS)
def test_statement_speaker_is_the_title_holder(nlp, text, speaker):
    [statement] = [e for e in run(nlp, text).events if e.type == EKG.Statement and e.trigger == "заявил"]
    agents = [r.entity for r in statement.roles if r.role == EKG.agent and r.entity]
    assert agents == ([speaker] if speaker else [])


def test_outlet_reports_and_never_speaks(nlp):
    """A guard (extract.to_records already did this): the outlet of "..., передает ТАСС" reports, never speaks."""
    doc = run(nlp, "Министр Иван Петров встретился с послами. Он заявил, что санкции будут сняты, передает ТАСС.")
    [statement] = [e for e in doc.events if e.type == EKG.Statement]
    assert role_table(statement) == [("agent", "ivan-petrov"), ("reportedBy", "tass")]


def test_frames_are_inherited():
    lex = load_lexicon()
    attack = lex.frame(EKG.Attack)
    assert attack.name == "AttackFrame" and attack.target_preps == {"на", "по"} and attack.carries_agent
    for cls in ("Airstrike", "DroneAttack", "Shelling", "Killing"):
        assert lex.frame(EKG[cls]) == attack, cls
    for cls in ("Death", "Fire", "Damage", "Casualties", "Accident"):
        assert lex.frame(EKG[cls]).subject_role == EKG.target, cls
    assert lex.frame(EKG.Visit).object_role == "http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace"
    assert lex.frame(EKG.Warning).object_role == EKG.addressee


def test_grammar_words_come_from_the_ontology():
    g = load_lexicon().grammar
    assert g.months["март"] == 3 and g.seasons["зимой"] == "winter"
    assert {"в", "во", "рядом"} <= g.place_preps and "на" in g.surface_preps
    assert g.pronouns == {"он": "Masc", "она": "Fem", "они": "Plur"}
    assert g.quote_marks == (("«", "»"),)


def ontology_copy(tmp_path, extra: str):
    for path in ONTOLOGY_DIR.glob("*.ttl"):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "zz_extra.ttl").write_text(
        "@prefix ekg: <https://w3id.org/energy-kg/ont#> .\n" + extra, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("extra, message", [
    ("ekg:Shelling ekg:frame ekg:NoSuchFrame .\n", "unknown frame"),
    ('ekg:locatedIn ekg:triggerLemma "располагаться"@ru .\n', "no ekg:frame"),
    ('ekg:locatedIn ekg:triggerLemma "располагаться"@ru ; ekg:frame ekg:AttackFramee .\n', "unknown frame"),
])
def test_an_unknown_frame_fails_at_load(tmp_path, extra, message):
    with pytest.raises(OntologyError, match=message):
        load_lexicon(ontology_copy(tmp_path, extra))


def test_a_relation_frame_without_a_rule_fails(tmp_path):
    lex = load_lexicon(ontology_copy(tmp_path, 'ekg:PlaceFrame a ekg:Frame .\n'
                                               'ekg:locatedIn ekg:triggerLemma "располагаться"@ru ; '
                                               'ekg:frame ekg:PlaceFrame .\n'))
    with pytest.raises(OntologyError, match="PlaceFrame"):
        RelationExtractor(lex)


def test_a_topic_noun_takes_no_part_or_place_from_the_clause(nlp):
    """A guard on the clause rules above (it passed before them): a topic is not part of its clause's event."""
    doc = run(nlp, "Компания «Вега» провела в Москве переговоры о продлении контракта.")
    [contract] = events_of(doc, "Contract")
    assert role_table(contract) == []
    [talks] = events_of(doc, "Negotiation")
    assert ("hasPlace", "moscow") in role_table(talks)


def test_quote_marks_come_from_the_grammar(tmp_path):
    text = "“Мы готовы”, — сказал он."
    assert QuoteExtractor(load_lexicon()).quote.search(text) is None
    lex = load_lexicon(ontology_copy(tmp_path, '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
                                               'ekg:CurlyQuotes a skos:Concept ; ekg:openingMark "“" ; '
                                               'ekg:closingMark "”" .\n'))
    match = QuoteExtractor(lex).quote.search(text)
    assert match is not None and "Мы готовы" in match.groups()


def test_an_animate_genitive_is_a_participant_phrase(nlp):
    [arrest] = events_of(run(nlp, "Арест журналиста вызвал возмущение."), "Arrest")
    assert [(r.role, r.value) for r in arrest.roles] == [("http://semanticweb.cs.vu.nl/2009/11/sem/hasActor",
                                                            "журналиста")]


def test_a_participle_standing_for_people_is_no_event(nlp):
    """"погибших" here are the dead, not a death: the explosion is the event; "погибли" is one."""
    doc = run(nlp, "Число погибших при взрыве на шахте выросло до двенадцати.")
    assert [(e.trigger, e.type) for e in doc.events] == [("взрыве", EKG.Explosion)]
    assert [e.trigger for e in run(nlp, "При взрыве на шахте погибли двенадцать горняков.").events
            if e.type == EKG.Death] == ["погибли"]


def test_a_noun_merged_into_its_verb_stays_a_mention(nlp):
    [detention] = run(nlp, "Полиция задержала мужчину, задержание сняли на видео.").events
    assert [m.text for m in detention.triggers()] == ["задержала", "задержание"]


def test_a_proposed_adjective_gives_its_noun_and_a_phrase_word_no_second_event(nlp):
    """The trained component marks "Олимпийские" of "Олимпийские игры": the noun is the trigger. "мира" of
    "чемпионат мира" is a word of the trigger's phrase, not an event of its own."""
    assert [e.trigger for e in run(nlp, "В Лондоне открылись летние Олимпийские игры.").events] == ["игры"]
    assert [e.trigger for e in run(nlp, "Хоккеисты сборной выиграли чемпионат мира.").events] == ["чемпионат"]


def test_what_an_event_is_about_is_no_second_event(nlp):
    """The trained component marks "самолёт" of "самолёт разбился" (NEREL spans take in such words): the
    subject of a trigger is its argument, not an event."""
    doc = run(nlp, "Пассажирский самолёт разбился при посадке в аэропорту.")
    assert [(e.trigger, e.type) for e in doc.events] == [("разбился", EKG.Accident)]
