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
