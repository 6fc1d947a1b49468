"""Organisation mentions with descriptors and owners (extract.orgs): exact spans on our own sentences."""
from __future__ import annotations

import pytest


def mentions(nlp, text):
    doc = nlp(text)
    return [(s.text, s.label_.rsplit("#", 1)[-1], s._.rule) for s in doc.spans["mentions"]], doc


def labels(doc):
    return {k: e.label_ru for k, e in doc._.entities.items()}


def test_descriptor_before_a_quoted_name(nlp):
    """The descriptor and its adjectives are inside; the closing quote is not; the entity is the name."""
    found, doc = mentions(nlp, "Представитель партии «Зеленый мир» выступил в редакции ежемесячной газеты "
                               "«Вечерний город». Позже «Зеленый мир» опроверг слухи.")
    assert ("партии «Зеленый мир»", "PoliticalParty", "org-descriptor") in found
    assert ("ежемесячной газеты «Вечерний город»", "MediaOutlet", "org-descriptor") in found
    spans = {t: s._.entity for s in doc.spans["mentions"] for t in [s.text]}
    assert spans["партии «Зеленый мир»"] == spans["Зеленый мир"] == "zeleny-mir"
    assert labels(doc)["zeleny-mir"] == "Зеленый мир"


def test_descriptor_found_where_the_name_alone_is_missed(nlp):
    found, _ = mentions(nlp, "Компания «Северный поток» сообщила о ремонте.")
    assert found[0] == ("Компания «Северный поток»", "Company", "org-descriptor")


def test_known_actor_with_its_descriptor_keeps_its_link(nlp):
    found, doc = mentions(nlp, "Акционеры компании «Газпром» собрались в Москве.")
    [gazprom] = [s for s in doc.spans["mentions"] if s.text.startswith("компании")]
    assert (gazprom.text, gazprom._.entity) == ("компании «Газпром»", "gazprom")


def test_closing_quote_is_not_part_of_the_name(nlp):
    found, _ = mentions(nlp, "Об этом сообщило ОАО «Ромашка».")
    assert [f[0] for f in found if f[1] == "Company"] == ["ОАО «Ромашка»"]


def test_descriptor_in_apposition_to_a_name(nlp):
    found, doc = mentions(nlp, "Контракт подписали с немецкой компанией Siemens.")
    assert ("немецкой компанией Siemens", "Company", "org-descriptor") in found
    assert labels(doc)["siemens"] == "Siemens"


@pytest.mark.parametrize("text,org,owner", [
    ("МИД Польши осудил нападение.", "МИД Польши", "Польши"),
    ("Решение правительства Израиля вызвало споры.", "правительства Израиля", "Израиля"),
    ("Мэрия Варшавы закрыла мост.", "Мэрия Варшавы", "Варшавы"),
])
def test_owner_in_the_genitive(nlp, text, org, owner):
    """An organisation and its owner make one organisation; the owner stays a place of its own."""
    found, _ = mentions(nlp, text)
    assert (org, "GovernmentBody", "org-owner") in found
    assert owner in [f[0] for f in found if f[1] in ("State", "City", "Place")]


def test_a_state_that_ends_an_organisations_name_is_a_mention_of_its_own(nlp):
    """"Банк России", "ФТС РФ" tagged as one name: the state it ends with, after a noun, is a mention of that
    state too (the tagger's name stays whole); "Единой России" (an adjective agrees with it) is the party's
    name only."""
    found, doc = mentions(nlp, "Банк России отозвал лицензию. ФТС РФ задержала груз. Лидер «Единой России» "
                               "выступил.")
    assert [(s.text, s.start_char, s._.entity) for s in doc.spans["mentions"] if s.text in ("России", "РФ")] == [
        ("России", 5, "russia"), ("РФ", 34, "russia")]
    assert [f for f in found if f[0] == "Банк России"] == [("Банк России", "Company", "ner")]


def test_short_adjective_is_not_a_descriptor(nlp):
    found, _ = mentions(nlp, "Никто не способен правительство Франции убедить.")
    assert ("правительство Франции", "GovernmentBody", "org-owner") in found


def test_state_adjective_before_a_descriptor(nlp):
    found, doc = mentions(nlp, "Представитель японского МИДа и российской сборной прибыли в Сеул.")
    assert ("японского МИДа", "GovernmentBody", "org-adjective") in found
    assert ("российской сборной", "SportsTeam", "org-adjective") in found


def test_genitive_name_after_a_descriptor_is_not_apposition(nlp):
    """"банк Газпрома" is the company's bank, not a bank named Газпром: two mentions, two entities."""
    found, doc = mentions(nlp, "Говорят, что банк Газпрома выдал кредит, а профсоюз Лукойла против.")
    assert [f[:2] for f in found] == [("банк Газпрома", "Company"), ("Газпрома", "Company"),
                                      ("профсоюз Лукойла", "Organization"), ("Лукойла", "Company")]
    assert [s._.entity for s in doc.spans["mentions"]][1::2] == ["gazprom", "lukoil"]


def test_body_of_a_known_organisation(nlp):
    """"Комиссия ЕС" is a body of the EU, "войска НАТО" its forces (ekg:pluralNoun): each is a mention,
    and so is the owner; plural "банки ЕС" are several banks, no mention."""
    found, _ = mentions(nlp, "Комиссия ЕС оштрафовала банки ЕС, а войска НАТО покинули базу.")
    assert [f[:2] for f in found] == [("Комиссия ЕС", "GovernmentBody"), ("ЕС", "InternationalOrganization"),
                                      ("ЕС", "InternationalOrganization"), ("войска НАТО", "ArmedForces"),
                                      ("НАТО", "InternationalOrganization")]


def test_plural_descriptors_are_not_one_organisation(nlp):
    found, _ = mentions(nlp, "Компания «Ромашка» заявила, что российские компании и другие банки поддержат её.")
    assert [f[0] for f in found] == ["Компания «Ромашка»"]


def test_plural_noun_that_names_one_body(nlp):
    """ekg:pluralNoun: "власти" are one body; in the singular "власть" is no organisation."""
    found, _ = mentions(nlp, "Власти Норвегии ввели запрет. Власть денег велика.")
    assert [f[:3] for f in found if f[1] != "State"] == [("Власти Норвегии", "GovernmentBody", "org-owner")]


def test_lexicon_reads_plural_nouns():
    from ontology.lexicon import load_lexicon
    lex = load_lexicon()
    assert lex.plural_nouns["власть"].endswith("#GovernmentBody") and "власть" not in lex.nouns


def test_bare_noun_of_a_states_sole_body_is_a_mention(nlp):
    """ekg:soleNoun: "полиция", "правительство" with no entity of the class before are mentions of their own,
    each one entity whatever its case; a bare "суд" or "компания" is none; "парламент" (a noun on
    ekg:Organization) too, as a government body."""
    found, doc = mentions(nlp, "Полиция задержала двоих. Суд отпустил их, а правительство ввело налог. "
                               "Представитель полиции выступил в парламенте.")
    assert [f for f in found if f[2] == "org-noun"] == [
        ("Полиция", "GovernmentBody", "org-noun"), ("правительство", "GovernmentBody", "org-noun"),
        ("полиции", "GovernmentBody", "org-noun"), ("парламенте", "GovernmentBody", "org-noun")]
    assert "Суд" not in [f[0] for f in found]
    spans = [s._.entity for s in doc.spans["mentions"] if s.text.lower().startswith("полици")]
    assert len(spans) == 2 and spans[0] == spans[1]
    assert labels(doc)[spans[0]] == "Полиция"


def test_sole_noun_after_a_body_of_its_class_refers_back(nlp):
    """An entity of the class named before: the bare noun is that entity, not a new one."""
    found, doc = mentions(nlp, "Правительство Словении ввело налог. Позже правительство отменило его.")
    assert [f[2] for f in found if f[0] == "правительство"] == ["noun-anaphora"]


def test_lexicon_reads_sole_nouns():
    from ontology.lexicon import load_lexicon
    lex = load_lexicon()
    assert lex.sole_nouns["полиция"].endswith("#GovernmentBody") and "суд" not in lex.sole_nouns


def test_organisation_of_an_organisation(nlp):
    """A body Natasha found, then its parent in the genitive: one mention over both, and the parent (and the
    place the parent's name ends with, `test_a_state_that_ends_an_organisations_name_is_a_mention_of_its_own`)."""
    found, _ = mentions(nlp, "Делегаты Парламентской ассамблеи Совета Европы приехали в Осло.")
    assert [f[:2] for f in found if f[1] != "City"] == [
        ("Парламентской ассамблеи Совета Европы", "Organization"), ("Совета Европы", "Organization"),
        ("Европы", "Region")]


def test_named_after_a_person(nlp):
    found, _ = mentions(nlp, "Спектакль Театра им. Йозефа Бойса отменили.")
    assert [f[:2] for f in found] == [("Театра им. Йозефа Бойса", "Organization"), ("Йозефа Бойса", "Person")]


def test_hyphenated_descriptor_left_unlemmatised(nlp):
    """The contextual lemmatizer leaves "интернет-издания" as it is; pymorphy3's own forms find it."""
    found, _ = mentions(nlp, "Об этом сообщили журналисты интернет-издания Techcrunch.")
    assert found == [("интернет-издания Techcrunch", "MediaOutlet", "org-descriptor")]


def test_descriptor_keeps_an_organisation_apart_from_a_place_of_its_name(nlp):
    doc = nlp("Туристы приехали в Баварию. Клуб «Бавария» выиграл матч, а Бавария встретила гостей.")
    linked = [(s.text, s._.entity) for s in doc.spans["mentions"]]
    assert linked == [("Баварию", "bavariya"), ("Клуб «Бавария»", "bavariya-organization"), ("Бавария", "bavariya")]
    assert doc._.entities["bavariya-organization"].label_ru == "Бавария"


def test_ministries_named_by_their_field(nlp):
    """Multiword descriptors of the lexicon ("министерство оборона"), found even where the contextual
    lemmatizer leaves a word as it is ("финансов"); the head noun decides the number."""
    found, _ = mentions(nlp, "Об этом сообщили в министерстве обороны Украины и в российском министерстве финансов.")
    assert [f[:3] for f in found] == [("министерстве обороны Украины", "GovernmentBody", "org-owner"),
                                      ("Украины", "State", "ner"),
                                      ("российском министерстве финансов", "GovernmentBody", "org-adjective")]


def test_adjectives_must_agree_with_the_descriptor(nlp):
    found, _ = mentions(nlp, "Вчера подконтрольный российскому правительству фонд купил акции.")
    assert found == [("российскому правительству", "GovernmentBody", "org-adjective")]


def test_plural_kind_of_organisation_is_no_name(nlp):
    """Natasha tags "СМИ" (the media) as an organisation; it is a kind, in the plural."""
    found, _ = mentions(nlp, "Российские СМИ пишут, что МИД Польши возразил.")
    assert [f[0] for f in found] == ["МИД Польши", "Польши"]


def test_known_actor_written_with_yo(nlp):
    """The lexicon writes ё as е; a text with ё still names the known actor."""
    doc = nlp("Вооружённые силы Украины атаковали нефтебазу.")
    assert [(s.text, s._.entity) for s in doc.spans["mentions"]][0] == \
        ("Вооружённые силы Украины", "armed-forces-of-ukraine")


def test_a_bare_sole_noun_is_a_node_of_its_document_only(nlp):
    """Two articles' bare "Правительство" are two governments: each document's node has a key naming the
    document (and is `local`: kg/link.py joins no name to it); in one document its bare mentions are one node;
    a named "Правительство России" keeps the key of its name."""
    from extract.pipeline import extract_documents
    from extract.reader import SourceText
    texts = {"israel-1": "Правительство ввело налог. Позже правительство отменило его.",
             "russia-2": "Правительство утвердило бюджет.",
             "named-3": "Правительство России утвердило бюджет."}
    docs = {d.key: d for d in extract_documents(nlp, [SourceText(f"{k}.txt", k, "", None, t, k)
                                                      for k, t in texts.items()])}
    bare = {k: [(m.text, m.entity) for m in docs[k].mentions if m.rule == "org-noun"] for k in ("israel-1", "russia-2")}
    assert bare == {"israel-1": [("Правительство", "pravitelstvo-israel-1"), ("правительство", "pravitelstvo-israel-1")],
                    "russia-2": [("Правительство", "pravitelstvo-russia-2")]}
    [israel] = [e for e in docs["israel-1"].entities if e.key == "pravitelstvo-israel-1"]
    assert (israel.label_ru, israel.local) == ("Правительство", True)
    import pickle

    from extract.records import Document
    assert Document.from_dict(docs["israel-1"].to_dict()) == pickle.loads(pickle.dumps(docs["israel-1"])) == docs["israel-1"]
    named = {e.label_ru: (e.key, e.local) for e in docs["named-3"].entities}
    assert named["Правительство России"] == ("pravitelstvo-rossii", False)


def test_a_sole_noun_read_from_a_string_is_scoped_by_its_text(nlp):
    """A Doc made from a string (no source key): the text's hash scopes the key, so two texts give two nodes."""
    one, two = nlp("Правительство ввело налог."), nlp("Правительство отменило налог.")
    keys = [[s._.entity for s in d.spans["mentions"] if s._.rule == "org-noun"] for d in (one, two)]
    assert all(len(k) == 1 and k[0].startswith("pravitelstvo-doc-") for k in keys) and keys[0] != keys[1]


def test_an_organisation_without_its_state_is_the_one_the_document_names_with_it(nlp):
    """"МИД" after "Министерство иностранных дел Польши" (its initials), "Сейм" after "Сейм Польши": that
    state's; with two states' ministries, "МИД" is neither."""
    _, doc = mentions(nlp, "Министерство иностранных дел Польши выступило с заявлением. В МИД пояснили, что "
                           "Сейм Польши рассмотрит закон. Сейм соберется в среду.")
    keys = {s.text: s._.entity for s in doc.spans["mentions"]}
    assert keys["МИД"] == keys["Министерство иностранных дел Польши"] == "ministerstvo-inostrannykh-del-polshi"
    assert keys["Сейм"] == keys["Сейм Польши"]
    _, doc = mentions(nlp, "МИД Польши и МИД Литвы обменялись нотами. МИД сообщил об этом.")
    assert [s._.entity for s in doc.spans["mentions"] if s.text == "МИД"] == ["mid"]
