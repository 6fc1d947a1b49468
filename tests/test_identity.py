"""Cross-document resolution on names alone (extract/identity.py): exact merges and non-merges."""
import random

from extract.identity import Name, node_of, person_key, resolve, stem
from ontology.lexicon import load_lexicon

GRAMMAR = load_lexicon().grammar
RUSSIA = Name("lex/russia", "place", "Россия", ("РФ", "Российская Федерация"), anchored=True)


def merged(*names: Name) -> dict[str, str]:
    return node_of(resolve(names, GRAMMAR.legal_forms, GRAMMAR.name_function_words))


def person(node: str, label: str) -> Name:
    return Name(node, "person", label)


def test_inflected_surname_and_initials_join_the_full_name():
    result = resolve([person("a", "Владимир Путин"), person("b", "Владимира Путина"), person("c", "Путин"),
                      person("d", "В. Путин"), person("e", "Путина"), person("f", "В.Путин")],
                     GRAMMAR.legal_forms, GRAMMAR.name_function_words)
    assert [(m.node, m.into, m.rule, m.confidence) for m in result] == [
        ("b", "a", "full-name", 0.95), ("c", "a", "surname", 0.85), ("d", "a", "initials", 0.9),
        ("e", "a", "surname", 0.85), ("f", "a", "initials", 0.9)]


def test_two_people_of_one_surname_stay_apart_and_the_surname_alone_joins_neither():
    assert merged(person("a", "Иван Иванов"), person("b", "Пётр Иванов"), person("c", "Иванова"),
                  person("d", "Иванов")) == {}     # either man, or another: a contradiction merges nothing
    # with no full name of that surname, its forms are one
    assert merged(person("c", "Иванова"), person("d", "Иванов")) == {"c": "d"}
    assert merged(person("a", "Иван Иванов"), person("b", "Пётр Иванов"), person("c", "П. Иванов")) == {"c": "b"}
    assert merged(person("a", "Иван Иванов"), person("b", "Игорь Иванов"), person("c", "И. Иванов")) == {}


def test_name_order_patronymic_and_transliteration():
    # the fullest name is the node the others join
    assert merged(person("a", "Борис Грызлов"), person("b", "Грызлов Борис Вячеславович")) == {"a": "b"}
    assert merged(person("a", "Геннадий Зюганов"), person("b", "Геннадий Андреевич Зюганов"),
                  person("c", "Геннадий Андреевич")) == {"a": "b", "c": "b"}
    assert merged(person("a", "Дэвид Камерон"), person("b", "Девид Кэмерон")) == {"b": "a"}
    assert person_key("Асада") == person_key("Ассад") and person_key("Ли") != person_key("Лу")


def test_a_first_name_alone_joins_only_the_one_person_so_named():
    assert merged(person("a", "Мишель Обама"), person("b", "Мишель")) == {"b": "a"}
    assert merged(person("a", "Мишель Обама"), person("b", "Мишель Платини"), person("c", "Мишель")) == {}


def test_company_with_and_without_its_legal_form_and_case():
    assert merged(Name("a", "organization", "ОАО «Газпром»"), Name("b", "organization", "Газпром"),
                  Name("c", "organization", "Газпрома")) == {"a": "b", "c": "b"}
    assert stem("Римского-Корсакова") == "римск-корсаков"


def test_abbreviation_and_state_qualifier():
    names = [RUSSIA, Name("a", "organization", "Федеральная служба безопасности"), Name("b", "organization", "ФСБ"),
             Name("c", "organization", "ФСБ России"), Name("d", "organization", "ФСБ РФ"),
             Name("e", "organization", "Федеральная служба безопасности Российской Федерации")]
    assert merged(*names) == {"b": "a", "c": "e", "d": "e"}   # "ФСБ" alone may be another state's
    # two names with the same initials: the abbreviation joins neither
    assert merged(Name("a", "organization", "Министерство иностранных дел"), Name("b", "organization", "МИД"),
                  Name("c", "organization", "Московский индустриальный дом")) == {}


def test_places_in_any_case_and_lexicon_entities_never_merge():
    assert merged(Name("a", "place", "Москва", anchored=True), Name("b", "place", "Москве")) == {"b": "a"}
    assert merged(Name("a", "place", "Грузия", anchored=True), Name("b", "place", "Грузия", anchored=True)) == {}
    assert merged(RUSSIA, Name("b", "place", "Российская Федерация")) == {"b": "lex/russia"}
    assert merged(Name("a", "person", "Москва"), Name("b", "place", "Москве")) == {}   # another kind of thing


def test_the_result_does_not_depend_on_the_order_of_the_names():
    names = [person("a", "Владимир Путин"), person("c", "Путин"), person("d", "В. Путин"),
             person("x", "Иван Иванов"), person("y", "Пётр Иванов"), person("z", "Иванова"), RUSSIA,
             Name("o1", "organization", "ОАО «Газпром»"), Name("o2", "organization", "Газпрома"),
             Name("p", "place", "РФ"), Name("q", "organization", "ФСБ России")]
    expected = resolve(names, GRAMMAR.legal_forms, GRAMMAR.name_function_words)
    for seed in range(5):
        shuffled = names[:]
        random.Random(seed).shuffle(shuffled)
        assert resolve(shuffled, GRAMMAR.legal_forms, GRAMMAR.name_function_words) == expected


def test_a_place_by_the_first_part_of_its_name_and_the_weakest_step_of_a_chain():
    result = resolve([Name("a", "place", "Рио"), Name("b", "place", "Рио-де-Жанейро"), Name("c", "place", "Гэмпшир"),
                      Name("d", "place", "Нью-Гэмпшир")])
    assert [(m.node, m.into, m.rule, m.confidence) for m in result] == [("a", "b", "place-part", 0.7)]
    result = resolve([Name("a", "organization", "Федеральная служба безопасности"), Name("b", "organization", "ФСБ"),
                      Name("c", "organization", "Федеральную службу безопасности")],
                     GRAMMAR.legal_forms, GRAMMAR.name_function_words)
    assert [(m.node, m.into, m.rule) for m in result] == [("b", "a", "abbreviation"), ("c", "a", "name")]


CUBA = "http://www.wikidata.org/entity/Q241"


def test_nodes_of_one_item_join_and_of_two_items_never():
    """owl:sameAs one item: one node whatever the names ("same-item"); two items: no name joins them, and a
    name shared with both joins neither (a contradiction merges nothing); the order of the names is no matter."""
    names = [Name("a", "place", "Куба", same_as=(CUBA,)), Name("b", "place", "Республика Куба", same_as=(CUBA,)),
             Name("c", "place", "Кубы")]
    result = resolve(names)
    assert [(m.node, m.into, m.rule, m.confidence) for m in result] == [
        ("a", "b", "same-item", 0.95), ("c", "b", "name", 0.9)]
    assert resolve(names[::-1]) == result
    georgia, state = "http://www.wikidata.org/entity/Q230", "http://www.wikidata.org/entity/Q1428"
    assert merged(Name("a", "place", "Грузия", same_as=(georgia,)), Name("b", "place", "Грузии", same_as=(state,)),
                  Name("c", "place", "Грузия")) == {}
    assert merged(Name("a", "place", "Грузия", same_as=(georgia,)), Name("b", "place", "Грузии")) == {"b": "a"}


def test_an_item_is_an_index_key():
    """`kg.link` finds the nodes of a new node's item through the index, as those of its names."""
    from extract.identity import index_keys, words_of
    keys = index_keys(Name("a", "place", "Республика Куба", same_as=(CUBA,)), words_of([]))
    assert f"place|item:{CUBA}" in keys and "place|республик куб" in keys


def test_a_compound_abbreviation_is_its_full_name():
    """"Госдума" is "Государственная дума" (the first part "гос" of the grammar's compound parts), "Минобороны
    России" "Министерство обороны России"; "Минск" is no ministry (its rest is too short)."""
    org = lambda node, label: Name(node, "organization", label)   # noqa: E731
    merged = node_of(resolve([org("a", "Госдума"), org("b", "Государственной думы"), org("c", "Минобороны"),
                              org("d", "Министерство обороны"), org("e", "Минск"), org("f", "Министерство ск")],
                             GRAMMAR.legal_forms, GRAMMAR.name_function_words, compounds=GRAMMAR.compound_parts))
    assert merged == {"a": "b", "c": "d"}


def test_an_initial_of_two_letters_for_one_sound():
    """"Дж.Коми" and "Дж. Коми" are "Джеймс Коми" ("Дж." is Джеймс, Джон, Джордж), not "Дмитрий Коми" of the
    same initial letter; "Д.Коми" is either, so neither."""
    assert merged(person("a", "Дж.Коми"), person("b", "Дж. Коми"), person("c", "Джеймс Коми"),
                  person("d", "Дмитрий Коми"), person("e", "Д.Коми")) == {"a": "c", "b": "c"}


def test_a_place_named_with_the_noun_of_its_kind_is_the_place():
    """"Республики Башкортостан" is "Башкортостан" (the grammar's place kind nouns), "город Павия" "Павия"; a
    name of two words that is no kind and a name is not cut ("Новая Зеландия" stays apart from "Зеландия")."""
    place = lambda node, label: Name(node, "place", label)   # noqa: E731
    merged = node_of(resolve([place("a", "Башкортостан"), place("b", "Республики Башкортостан"),
                              place("c", "Павия"), place("d", "город Павия"), place("e", "Новая Зеландия"),
                              place("f", "Зеландия")], GRAMMAR.legal_forms, GRAMMAR.name_function_words,
                             place_kinds=GRAMMAR.place_kind_nouns))
    assert merged == {"a": "b", "c": "d"}
