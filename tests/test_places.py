"""Places with their descriptors (extract.places): exact spans on our own sentences."""
from __future__ import annotations


def mentions(nlp, text):
    doc = nlp(text)
    return [(s.text, s.label_.rsplit("#", 1)[-1], s._.rule) for s in doc.spans["mentions"]], doc


def test_place_noun_before_its_name(nlp):
    found, doc = mentions(nlp, "Танкер прошёл по реке Волге и встал у города Астрахань, в штате Техас горят леса.")
    texts = [f[0] for f in found]
    assert "реке Волге" in texts and "города Астрахань" in texts and "штате Техас" in texts
    [volga] = [s for s in doc.spans["mentions"] if s.text == "реке Волге"]
    assert volga._.rule == "place-descriptor" and doc._.entities[volga._.entity].label_ru == "Волга"


def test_state_in_the_genitive_is_an_owner_not_a_name(nlp):
    found, _ = mentions(nlp, "Власти южного региона Польши закрыли дороги.")
    assert ("Польши", "State") in [f[:2] for f in found]
    assert not any(f[0].endswith("региона Польши") for f in found)


def test_names_split_at_list_separators(nlp, parse):
    """A tagger span over "Монако • Намибия" or "Бенин)" gives the names alone."""
    from spacy.tokens import Span
    doc = parse("Список: Монако • Намибия, Бенин) и (Чили.")
    words = [t.text for t in doc]
    doc.ents = [Span(doc, words.index("Монако"), words.index("Намибия") + 1, label="LOC"),
                Span(doc, words.index("Бенин"), words.index(")") + 1, label="LOC"),
                Span(doc, words.index("(") , words.index("Чили") + 1, label="LOC")]
    doc = nlp.get_pipe("ontology_mentions")(doc)
    assert [s.text for s in doc.spans["mentions"]] == ["Монако", "Намибия", "Бенин", "Чили"]


def test_a_descriptor_makes_an_earlier_person_a_place(nlp):
    """A caption the tagger takes for a person ("Намюр") is the city a later "в городе Намюр" says it is."""
    doc = nlp("Стрельба в Бельгии: трое убитых\nНамюр\nВ бельгийском городе Намюр 29 мая мужчина застрелил двух "
              "полицейских.")
    [key] = {s._.entity for s in doc.spans["mentions"] if "Намюр" in s.text}
    assert doc._.entities[key].cls.rsplit("#", 1)[-1] == "City"
