"""`kg evaluate` on NEREL's brat annotation: the reader, and every NEREL measure against hand-counted numbers.

tests/fixtures/nerel/meeting.* is an invented document in NEREL's form (a leading newline counted by the
offsets, a discontinuous EVENT, R relations, N links with a NULL); the records below are written by hand,
so the expected counts do not move when extraction changes."""
import json
import re
from pathlib import Path

import pytest

from extract.evaluate_nerel import date_span, nerel_report
from extract.gold import GoldError, GoldRelation, GoldSpan, read_brat
from extract.records import Document, Entity, Event, Mention, Relation, Role, Sentence, TimeValue
from kg.cli import main
from ontology.lexicon import load_lexicon

NEREL = Path(__file__).resolve().parent / "fixtures" / "nerel"
EKG, SEM = "https://w3id.org/energy-kg/ont#", "http://semanticweb.cs.vu.nl/2009/11/sem/"


@pytest.fixture(scope="module")
def gold():
    return read_brat(NEREL / "meeting.txt")


def test_reader_keeps_types_parts_relations_and_links(gold):
    assert gold.text.startswith("\nВ понедельник")
    assert [(gold.text[m.start:m.end], m.cls) for m in gold.mentions] == [
        ("Талса", "LOC"), ("Нордлайн", "ORG"), ("Иван Петров", "PER"), ("Анной Котовой", "PER"),
        ("Берлине", "LOC"), ("Петров", "PER")]
    assert gold.annotations["T11"] == GoldSpan("EVENT", ((129, 138), (146, 151)))
    assert [gold.text[a:b] for a, b in gold.annotations["T11"].parts] == ["произошёл", "взрыв"]
    assert (gold.annotations["T11"].start, gold.annotations["T11"].end) == (129, 151)
    assert len(gold.relations) == 12 and gold.relations[7] == GoldRelation("WORKPLACE", "T3", "T4")
    assert gold.links == {"T5": "Q111", "T4": "Q222", "T2": "Q44989", "T8": "NULL", "T10": "Q64", "T3": "Q30185"}


def test_reader_refuses_a_broken_relation_and_skips_stray_lines(tmp_path):
    (tmp_path / "a.txt").write_text("Иван пришёл.", encoding="utf-8")
    (tmp_path / "a.ann").write_text("T1\tPERSON 0 4\tИван\nслучайная строка\nN1\tReference T1 Wikidata:Q1\tИван\n",
                                    encoding="utf-8")
    assert read_brat(tmp_path / "a.txt").links == {"T1": "Q1"}
    (tmp_path / "a.ann").write_text("T1\tPERSON 0 4\tИван\nR1\tAGENT Arg1:T1\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"a\.ann:2: expected 'Rn"):
        read_brat(tmp_path / "a.txt")


def records_for(gold) -> Document:
    """What a pipeline might say about meeting.txt: some of it right, some wrong, some missing."""
    text = gold.text

    def span(s: str, after: int = 0) -> tuple[int, int]:
        i = text.index(s, after)
        return i, i + len(s)

    def mention(s, entity, cls, sentence, after=0):
        return Mention(*span(s, after), s, sentence, entity, EKG + cls, 1.0, "test")

    mentions = [mention("Талса", "tulsa", "City", 0), mention("Нордлайн", "nordline", "Company", 0),
                mention("Иван Петров", "petrov", "Person", 0), mention("Анной Котовой", "kotova", "Person", 0),
                mention("Берлине", "berlin", "City", 1), mention("Петров", "petrov", "Person", 2, after=130)]
    entities = [Entity("tulsa", EKG + "City", "Талса", "Tulsa", same_as=["http://www.wikidata.org/entity/Q44989"]),
                Entity("nordline", EKG + "Company", "Нордлайн", "Nordline"),
                Entity("petrov", EKG + "Person", "Иван Петров", "Ivan Petrov",
                       same_as=["http://www.wikidata.org/entity/Q999"]),   # the wrong item
                Entity("kotova", EKG + "Person", "Анна Котова", "Anna Kotova"),
                Entity("berlin", EKG + "City", "Берлин", "Berlin", same_as=["http://www.wikidata.org/entity/Q64"])]
    relations = [Relation("petrov", EKG + "holdsPositionIn", "nordline", qualifier="президент")]
    events = [
        Event(0, EKG + "Meeting", "встретился", *span("встретился"), 0,
              roles=[Role(EKG + "agent", "petrov", start=60, end=71), Role(EKG + "addressee", "kotova", start=95, end=108),
                     Role(SEM + "hasPlace", "tulsa", start=24, end=29)],
              time=TimeValue("В понедельник", "day", None, None, None)),
        Event(1, EKG + "Attack", "взрыв", *span("взрыв"), 1,
              roles=[Role(EKG + "instrument", None, value="мощный", start=139, end=145),   # no gold argument there
                     Role(SEM + "hasPlace", "tulsa", start=24, end=29)]),                 # the wrong place, no date
        Event(2, EKG + "Statement", "заявил", *span("заявил"), 2, roles=[Role(EKG + "agent", "petrov")]),
        Event(3, EKG + "Seizure", "что ", *span("что "), 2),   # ends where переговоры begins: touches, no overlap
    ]
    ends = [text.index(".", 1) + 1, text.index(".", 120) + 1, len(text)]
    sentences = [Sentence(i, a, b, text[a:b]) for i, (a, b) in enumerate(zip([1, *ends[:2]], ends))]
    return Document(key="meeting", path="meeting.txt", text=text, sentences=sentences, mentions=mentions,
                    entities=entities, relations=relations, events=events)


def test_every_measure_by_hand(gold):
    report = nerel_report([gold], [records_for(gold)], load_lexicon())
    e = report["events"]
    # встретился and произошёл…взрыв found (the trigger overlaps the second part), переговоры not
    assert e["recall"] == {"gold": 3, "found": 2, "recall": 0.6667}
    # Meeting and Attack over a gold EVENT, Seizure not; the statement apart
    assert e["precision"] == {"predicted": 3, "right": 2, "precision": 0.6667}
    assert e["statements"] == {"predicted": 1, "right": 0, "precision": 0.0}
    assert e["by_class"]["Seizure"] == {"predicted": 1, "over_gold_event": 0}
    a = report["arguments"]
    # AGENT Петров and PARTICIPANT_IN Котова of встретился found; Нордлайн of переговоры not;
    # the PARTICIPANT_IN of a CRIME (убийства) is no event argument
    assert a["recall"] == {"gold": 3, "found": 2, "recall": 0.6667}
    assert a["by_type"] == {"AGENT": {"gold": 1, "found": 1, "recall": 1.0},
                            "PARTICIPANT_IN": {"gold": 2, "found": 1, "recall": 0.5}}
    # agent and addressee of the Meeting right, the Attack's instrument ("мощный") wrong; places and
    # the statement (over no gold EVENT) not counted
    assert a["precision"] == {"predicted": 3, "right": 2, "precision": 0.6667}
    assert report["time"] == {"gold": 2, "found": 1, "recall": 0.5, "predicted_with_date": 1, "date_located": 1}
    assert report["place"] == {"gold": 2, "found": 1, "recall": 0.5}
    # президент (WORKS_AS: Иван Петров) — Нордлайн found through holdsPositionIn; Котова — Берлин not
    assert report["workplace"] == {"gold": 2, "found": 1, "recall": 0.5}
    # Q44989 and Q64 right, Q111 (Q999 given) and Q222 (none) not; the NULL link and the PROFESSION aside
    wikidata = report["wikidata"]
    assert {k: v for k, v in wikidata.items() if k != "by_type"} == {
        "gold": 4, "found": 2, "recall": 0.5, "null_links": 1, "recall_all_links": 0.4}
    # by type and cause: Петров has the wrong item, Нордлайн is found with none, both cities are right
    assert wikidata["by_type"] == {
        "PERSON": {"gold": 1, "found": 0, "recall": 0.0, "no_entity": 0, "no_qid": 0, "wrong_qid": 1},
        "ORGANIZATION": {"gold": 1, "found": 0, "recall": 0.0, "no_entity": 0, "no_qid": 1, "wrong_qid": 0},
        "COUNTRY": {"gold": 0, "found": 0, "recall": 0.0, "no_entity": 0, "no_qid": 0, "wrong_qid": 0},
        "CITY": {"gold": 2, "found": 2, "recall": 1.0, "no_entity": 0, "no_qid": 0, "wrong_qid": 0}}


def test_the_wikidata_measure_scores_the_links_it_is_given(gold):
    """`kg evaluate` passes the graph's links (kg.graph.document_same_as): Нордлайн given Q222 by them counts."""
    record = records_for(gold)
    links = {e.key: list(e.same_as) for e in record.entities} | {"nordline": ["http://www.wikidata.org/entity/Q222"]}
    report = nerel_report([gold], [record], load_lexicon(), same_as=lambda r: links)
    assert report["wikidata"]["recall"] == 0.75 and report["wikidata"]["recall_all_links"] == 0.6
    assert report["wikidata"]["by_type"]["ORGANIZATION"]["found"] == 1


def test_date_is_found_nearest_its_trigger(gold):
    record = records_for(gold)
    record.text = record.text.replace("мощный", "15 марта")   # the same date twice in one sentence
    event = record.events[1]
    event.time = TimeValue("15 марта", "day", None, None, None)
    assert date_span(record, event) == (139, 147)
    event.time = TimeValue("в ночь на 14 марта", "day", None, None, None)   # not written in the sentence
    assert date_span(record, event) is None


def test_cli_prints_the_nerel_measures(capsys):
    assert main(["evaluate", str(NEREL), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    nerel = report["nerel"]
    assert [nerel[k]["gold"] for k in ("time", "place", "workplace", "wikidata")] == [2, 2, 2, 4]
    assert nerel["events"]["recall"]["gold"] == nerel["arguments"]["recall"]["gold"] == 3
    assert set(report["strict"]["natasha"]) >= {"PER f1", "ORG f1", "LOC f1", "f1"}
    assert main(["evaluate", str(NEREL)]) == 0
    table = capsys.readouterr().out
    assert "EVENT mentions found" in table and "WORKPLACE pairs as a relation" in table
    # the QID line split by type, each with why its links are missed
    assert re.search(r"^  CITY +\d of +2 .*\(missed: no entity \d, no QID \d, wrong QID \d\)$", table, re.M)


IDENTITY_DOCS = {   # text, gold (type, text, QID), predicted (text, entity key, class, label)
    "a": ("Владимир Путин встретился с Иваном Петровым в Москве.",
          [("PERSON", "Владимир Путин", "Q7747"), ("PERSON", "Иваном Петровым", "Q1"), ("CITY", "Москве", "Q649")],
          [("Владимир Путин", "vladimir-putin", "Person", "Владимир Путин"),
           ("Иваном Петровым", "ivan-petrov", "Person", "Иван Петров"), ("Москве", "moscow", "City", "Москва")]),
    "b": ("Путин прилетел в Москву. В. Путин заявил.",
          [("PERSON", "Путин", "Q7747"), ("CITY", "Москву", "Q649"), ("PERSON", "В. Путин", "Q7747")],
          [("Путин", "putin", "Person", "Путин"), ("Москву", "moscow", "City", "Москва"),
           ("В. Путин", "v-putin", "Person", "В. Путин")]),
    "c": ("Сергей Петров посетил Газпром. Петрова там ждали русские.",
          [("PERSON", "Сергей Петров", "Q2"), ("ORGANIZATION", "Газпром", "Q102673"), ("PERSON", "Петрова", "Q2"),
           ("NATIONALITY", "русские", "Q49542")],
          [("Сергей Петров", "sergey-petrov", "Person", "Сергей Петров"), ("Петрова", "petrova", "Person", "Петрова")]),
}


def identity_collection(tmp_path):
    """Three brat documents and hand-made records: Путин three ways, two Петровs, Москва, an unfound Газпром."""
    from extract.gold import read_collection
    moscow = "https://w3id.org/energy-kg/id/entity/moscow"
    records = []
    for key, (text, gold, predicted) in IDENTITY_DOCS.items():
        lines = [f"T{i}\t{t} {text.index(s)} {text.index(s) + len(s)}\t{s}" for i, (t, s, _) in enumerate(gold, 1)]
        lines += [f"N{i}\tReference T{i} Wikidata:{q}\t{s}" for i, (_, s, q) in enumerate(gold, 1)]
        (tmp_path / f"{key}.txt").write_text(text, encoding="utf-8")
        (tmp_path / f"{key}.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
        mentions = [Mention(text.index(s), text.index(s) + len(s), s, 0, k, EKG + c, 1.0, "test")
                    for s, k, c, _ in predicted]
        entities = [Entity(k, EKG + c, label, label, iri=moscow if k == "moscow" else None)
                    for _, k, c, label in {p[1]: p for p in predicted}.values()]
        records.append(Document(key=key, path=f"{key}.txt", text=text, mentions=mentions, entities=entities))
    return read_collection(tmp_path), records


def test_identity_b_cubed_by_hand(tmp_path):
    """Gold: Q7747 {a1, b1, b3}, Q1 {a2}, Q649 {a3, b2}, Q2 {c1, c3}, Q102673 {c2}: nine mentions.
    Before: every node pure (P 1); Путин's three mentions are three nodes (recall 1/3 each), the Петровs two
    (1/2 each): R = (1 + 1 + 2 + 1 + 1) / 9. After: "Путин" and "В. Путин" join "Владимир Путин"; "Петрова"
    has two full names to join (Иван, Сергей), so joins neither: R = (3 + 1 + 2 + 1 + 1) / 9. The unfound
    Газпром is a singleton: left out, R = 7 / 8 over the found. The NATIONALITY "русские" is no node of the
    graph: outside the measure, only in the all-types line, a singleton there (R = 9 / 10)."""
    docs, records = identity_collection(tmp_path)
    report = nerel_report(docs, records, load_lexicon())["identity"]
    assert (report["mentions"], report["items"], report["found"], report["merges"]) == (9, 5, 8, 2)
    assert report["before"] == {"precision": 1.0, "recall": 0.6667, "f1": 0.8, "nodes": 8}
    assert report["after"] == {"precision": 1.0, "recall": 0.8889, "f1": 0.9412, "nodes": 6}
    assert report["after_found"] == {"precision": 1.0, "recall": 0.875, "f1": 0.9333, "nodes": 5}
    from extract.evaluate_nerel import identity_lines
    assert identity_lines(report)[0].endswith("B-cubed over 9 linked mentions of 5 items: P 1.000 R 0.889 "
                                              "F1 0.941 (6 nodes)")
    assert identity_lines(report)[3].endswith("10 mentions of 6 items: P 1.000 R 0.900 F1 0.947 (7 nodes)")


def test_a_post_no_person_holds_is_the_phrase_its_relation_spans(gold):
    """A Position node ("президент компании «Нордлайн»") ekg:positionIn Нордлайн meets WORKPLACE(президент,
    Нордлайн) by the phrase its relation spans (30..58 covers the PROFESSION T3); spanning elsewhere it does not."""
    from extract.evaluate_nerel import workplaces
    record = records_for(gold)
    post = Entity("prezident-nordlayn", EKG + "Position", "президент компании «Нордлайн»", "president")
    record.entities.append(post)
    record.relations = [Relation(post.key, EKG + "positionIn", "nordline", start=30, end=58)]
    assert workplaces([gold], [record]) == {"gold": 2, "found": 1, "recall": 0.5}
    record.relations = [Relation(post.key, EKG + "positionIn", "nordline", start=153, end=159)]
    assert workplaces([gold], [record]) == {"gold": 2, "found": 0, "recall": 0.0}


def test_a_documents_own_node_is_no_name_to_join():
    """Two documents' bare "Правительство" (Entity.local, rule org-noun) are two nodes: the identity measure
    resolves no name of theirs, as kg/link.py does not; a named one is resolved."""
    from extract.evaluate_nerel import record_names
    from ontology.terms import EKG_NS
    cls = EKG_NS + "GovernmentBody"
    records = [Document(key=k, path=f"{k}.txt", text="Правительство ввело налог.", entities=[
        Entity(f"pravitelstvo-{k}", cls, "Правительство", "Pravitelstvo", local=True)]) for k in ("a", "b")]
    records.append(Document(key="c", path="c.txt", text="Правительство Словении.", entities=[
        Entity("pravitelstvo-slovenii", cls, "Правительство Словении", "Pravitelstvo Slovenii")]))
    assert [n.node for n in record_names(records, load_lexicon(), same_as=lambda r: {})] == [
        "entity/pravitelstvo-slovenii"]
