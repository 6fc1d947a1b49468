"""`kg evaluate` on assets and events: the brat reader's new parts, the scorers by hand, and the
in-domain gold folder (tests/fixtures/gold-domain) with its scores pinned."""
import json
from pathlib import Path

import pytest

from extract.evaluate import (domain_report, evaluate, format_report, local, score_classes, score_overlap,
                              score_roles)
from extract.gold import GoldAsset, GoldDocument, GoldError, GoldEvent, GoldRole, read_brat, read_collection
from extract.records import Document, Event, Mention, Role
from kg.cli import main
from ontology.lexicon import load_lexicon
from ontology.terms import EKG_NS as EKG, SEM_NS as SEM

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DOMAIN = FIXTURES / "gold-domain"

TEXT = "Дроны атаковали танкер «Нева» у Крыма. Об этом заявил Иван Петров."
#       0     6         16              30  34    40   45     52
ANN = """T1\tWeapon 0 5\tДроны
T2\tAttack 6 15\tатаковали
T3\tTanker 16 29\tтанкер «Нева»
T4\tLOC 32 37\tКрыма
T5\tStatement 47 53\tзаявил
T6\tPER 54 65\tИван Петров
T7\tPER 54 58\tИван
E1\tAttack:T2 Instrument:T1 Target:T3 Place:T4
E2\tStatement:T5 Agent:T6 Agent2:T7 Topic:E1
"""


def write_brat(folder, text=TEXT, ann=ANN, name="a"):
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / f"{name}.ann").write_text(ann, encoding="utf-8")
    return folder / f"{name}.txt"


def test_brat_reader_reads_assets_events_and_roles(tmp_path):
    doc = read_brat(write_brat(tmp_path))
    assert [(m.start, m.end, m.cls) for m in doc.mentions] == [(32, 37, "LOC"), (54, 58, "PER"), (54, 65, "PER")]
    assert doc.assets == [GoldAsset(16, 29, EKG + "Tanker")]       # Weapon is only a filler
    attack, statement = doc.events
    assert attack == GoldEvent(6, 15, EKG + "Attack", (GoldRole(EKG + "instrument", 0, 5),
                                                       GoldRole(EKG + "target", 16, 29),
                                                       GoldRole(SEM + "hasPlace", 32, 37)))
    # Agent2 is a second agent; a topic that is an event has its trigger's span
    assert statement == GoldEvent(47, 53, EKG + "Statement", (GoldRole(EKG + "agent", 54, 65),
                                                              GoldRole(EKG + "agent", 54, 58),
                                                              GoldRole(EKG + "topic", 6, 15)))


def test_existing_brat_fixture_keeps_its_mentions_and_ignores_unknown_types():
    doc = read_brat(FIXTURES / "gold" / "pipeline_attack.txt")
    assert len(doc.mentions) == 7 and doc.events == []
    assert doc.assets == []     # its "T8 Slogan" line: no class of the ontology, so not gold


@pytest.mark.parametrize("ann, message", [
    ("T1\tAttak 0 5\tДроны\nE1\tAttak:T1\n", "Attak is not an event class"),
    ("T1\tAttack 6 15\tатаковали\nE1\tAttack:T1 Victim:T1\n", "unknown role 'Victim'"),
    ("T1\tAttack 6 15\tатаковали\nE1\tAttack:T1 Target:T9\n", "filler 'T9'"),
    ("T1\tAttack 6 15\tатаковали\nE1\tAttack:T5\n", r"a\.ann:2: expected 'En"),
])
def test_brat_event_errors_name_the_line(tmp_path, ann, message):
    write_brat(tmp_path, ann=ann)
    with pytest.raises(GoldError, match=message):
        read_collection(tmp_path)


def test_local_names():
    assert (local(EKG + "Tanker"), local(SEM + "hasPlace")) == ("Tanker", "hasPlace")


def test_score_classes_and_overlap_by_hand():
    gold = {("d", 0, 10, "Tanker"), ("d", 20, 30, "Port"), ("d", 40, 50, "Pipeline")}
    predicted = {("d", 0, 10, "Tanker"), ("d", 23, 30, "Port"), ("d", 40, 50, "Terminal"), ("e", 0, 10, "Tanker")}
    s = score_classes(gold, predicted)
    assert (s["Tanker"].tp, s["Tanker"].fp, s["Tanker"].fn) == (1, 1, 0)
    assert (s["Port"].tp, s["Port"].fp, s["Port"].fn) == (0, 1, 1)
    assert (s["Pipeline"].fn, s["Terminal"].fp) == (1, 1)
    assert (s["all"].tp, s["all"].fp, s["all"].fn) == (1, 3, 2)
    o = score_overlap(gold, predicted)      # the Port overlaps; the Terminal is the wrong class
    assert (o.tp, o.fp, o.fn) == (2, 2, 1)
    # one to one: two predicted spans inside one gold span make one match
    o = score_overlap({("d", 0, 10, "Port")}, {("d", 0, 4, "Port"), ("d", 5, 10, "Port")})
    assert (o.tp, o.fp, o.fn) == (1, 1, 0)


def document_with(events, mentions=()):
    """A predicted document of TEXT holding only these events and mentions."""
    return Document(key="d", path="d.txt", text=TEXT, content_hash="", extractor_version="",
                    mentions=list(mentions), events=events)


def test_score_roles_by_hand():
    gold = GoldDocument("d", "d.txt", TEXT, [], events=[
        GoldEvent(6, 15, EKG + "Attack", (GoldRole(EKG + "instrument", 0, 5), GoldRole(EKG + "target", 16, 29),
                                          GoldRole(SEM + "hasPlace", 32, 37))),
        GoldEvent(47, 53, EKG + "Statement", (GoldRole(EKG + "agent", 54, 65), GoldRole(EKG + "topic", 6, 15))),
        GoldEvent(60, 65, EKG + "Warning", (GoldRole(EKG + "agent", 54, 65),))])   # never found
    mentions = [Mention(24, 28, "Нева", 0, "neva", EKG + "Tanker", 1.0, "asset-quoted"),
                Mention(54, 65, "Иван Петров", 1, "petrov", EKG + "Person", 1.0, "ner")]
    events = [
        Event(0, EKG + "Attack", "атаковали", 6, 15, 0, roles=[
            Role(EKG + "agent", value="Дроны", start=0, end=5),          # gold says instrument: fp
            Role(EKG + "target", entity="neva", start=16, end=22),       # "танкер" overlaps: tp
            Role(SEM + "hasPlace", entity="crimea", start=32, end=37)]),  # tp
        Event(1, EKG + "Statement", "заявил", 47, 53, 1, roles=[
            Role(EKG + "agent", entity="petrov", start=0, end=0),        # its mention overlaps: tp
            Role(EKG + "topic", event=0)]),                              # the attack's trigger: tp
        Event(2, EKG + "Attack", "Дроны", 0, 5, 0, roles=[              # no such gold event: fp
            Role(EKG + "target", entity="neva", start=16, end=22)])]
    s = score_roles([gold], [document_with(events, mentions)])
    assert list(s)[-2:] == ["all", "matched events"]
    assert (s["all"].tp, s["all"].fp, s["all"].fn) == (4, 2, 2)   # fn: the instrument, the warning's agent
    assert (s["target"].tp, s["target"].fp) == (1, 1)
    assert (s["agent"].tp, s["agent"].fp, s["agent"].fn) == (1, 1, 1)
    assert (s["instrument"].fn, s["hasPlace"].tp, s["topic"].tp) == (1, 1, 1)
    m = s["matched events"]        # only the attack and the statement
    assert (m.tp, m.fp, m.fn) == (4, 1, 1)


def test_domain_report_only_what_the_gold_has():
    record = document_with([Event(0, EKG + "Attack", "атаковали", 6, 15, 0)])
    no_events = GoldDocument("d", "d.txt", TEXT, [], assets=[GoldAsset(16, 29, EKG + "Tanker")])
    lexicon = load_lexicon()
    report = domain_report([no_events], [record], lexicon, {"d": TEXT}, top=5)
    assert set(report) == {"assets"}
    assert report["assets"]["overlap"]["fn"] == 1
    assert domain_report([GoldDocument("d", "d.txt", TEXT, [])], [record], lexicon, {"d": TEXT}, top=5) == {}


# Regression numbers: what the pipeline scores on tests/fixtures/gold-domain at the time of writing.
# They are not targets; change them when extraction changes (and say why in the commit).
DOMAIN_ASSETS = {"all": (3, 4, 26), "Tanker": (0, 2, 9), "Pipeline": (1, 1, 6), "Refinery": (1, 0, 2),
                 "Terminal": (1, 0, 1), "Port": (0, 0, 3), "PumpingStation": (0, 0, 2), "Facility": (0, 1, 1),
                 "StorageFacility": (0, 0, 1), "Infrastructure": (0, 0, 1)}
DOMAIN_ASSETS_OVERLAP = (6, 1, 23)
# "может быть подписано", "могут прекратить": not asserted, not counted (the gold marks only what happened);
# "обсудили" (Consultation) is one event with the "переговоры" of its sentence: the narrower class, Negotiation.
# Halt and Interception: events the gold does not mark yet (README); Casualties and Commissioning are the phrases
# "получил ранения" and "ввода в эксплуатацию", matched whole since multiword triggers are (the gold marks neither);
# the Fire the trained trigger component once proposed is gone (a person noun or a word of an event is no trigger).
# Statements: "По его словам" and "сообщило агентство Tasnim" are no statements (README), the speaker or the outlet
# is the reportedBy of the events they relay (the gold marks it once: the other 4 count as false)
# Fire's false positive: "Пожар локализован", the trigger model's "локализован" at 0.93 (its threshold since the
# held-out sweep of bench/RESULTS.md "Missed events on held-out train"), under 0.95 before
# "Стороны обсудили" after "ведут переговоры": gold-domain's Negotiation; "обсудить" is a Consultation trigger
# (gold-news marks it so), and each mention now keeps its own trigger's class
DOMAIN_TRIGGERS = {"all": (38, 13, 1), "Attack": (8, 1, 0), "Statement": (14, 0, 0), "Fire": (5, 1, 0),
                   "Damage": (1, 0, 0), "Negotiation": (2, 1, 1), "Consultation": (0, 1, 0), "Agreement": (1, 0, 0), "Appeal": (2, 0, 0),
                   "Demand": (1, 0, 0), "Warning": (2, 0, 0), "Detention": (1, 0, 0), "Meeting": (1, 0, 0),
                   "Halt": (0, 3, 0), "Supply": (0, 2, 0), "Interception": (0, 1, 0), "Contract": (0, 1, 0),
                   "Casualties": (0, 1, 0), "Commissioning": (0, 1, 0)}
# two phrase fillers gold-domain leaves unmarked (it marks named fillers): "заявил журналистам" (addressee) and
# "атак на гражданские суда" (target), people and things no entity names, kept as phrases
# (and that spurious "локализован" brings a spurious target, "Пожар")
# the argument model adds no role here: its speaker guard (events.said_by) keeps "назвал удар" the rules'
# the two agents of "Стороны обсудили" go with its class (Consultation, gold Negotiation: DOMAIN_TRIGGERS)
# session 15: "Пожар … локализован" no longer its own target; the pipeline's commissioning "ввода в эксплуатацию"
# takes the minister as hasActor, not agent (neither in the gold)
DOMAIN_ROLES = {"all": (51, 21, 16), "matched events": (51, 11, 13), "agent": (27, 3, 2), "target": (5, 11, 6),
                "hasPlace": (7, 0, 1), "topic": (4, 0, 5), "addressee": (4, 2, 1), "instrument": (3, 0, 1),
                "reportedBy": (1, 4, 0), "hasActor": (0, 1, 0)}
DOMAIN_MENTIONS = {"PER": (8, 0, 0), "ORG": (17, 4, 1), "LOC": (33, 0, 0), "all": (58, 4, 1)}


def counts(section: dict) -> dict:
    return {c: (s["tp"], s["fp"], s["fn"]) for c, s in section.items()}


@pytest.mark.slow
def test_evaluate_in_domain_gold(nlp):
    docs = read_collection(DOMAIN)
    assert len(docs) == 7
    assert (sum(len(d.assets) for d in docs), sum(len(d.events) for d in docs)) == (29, 39)
    report = evaluate(docs, nlp)
    assert {c: counts(report["pipeline"])[c] for c in DOMAIN_MENTIONS} == DOMAIN_MENTIONS
    assert counts(report["assets"]["exact"]) == DOMAIN_ASSETS
    o = report["assets"]["overlap"]
    assert (o["tp"], o["fp"], o["fn"]) == DOMAIN_ASSETS_OVERLAP
    assert counts(report["events"]["triggers"]) == DOMAIN_TRIGGERS
    assert counts(report["events"]["roles"]) == DOMAIN_ROLES
    text = format_report(report)
    for heading in ("Assets (pipeline only", "Event triggers (pipeline only)", "Event roles (event matched",
                    "most frequent trigger errors:"):
        assert heading in text
    assert json.loads(json.dumps(report, ensure_ascii=False)) == report


@pytest.mark.slow
def test_cli_json_has_the_domain_sections(capsys):
    assert main(["evaluate", str(DOMAIN), "--format", "json", "--limit", "1"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["documents"] == 1 and {"assets", "events"} <= set(report)
    assert set(report["events"]) == {"triggers", "roles", "errors"}


def test_role_filler_is_the_entity_not_the_word_it_was_found_on():
    # "атаковали станцию ... в Тамбовской области": the role was found on "станцию" but names the region,
    # which has its own mention in the sentence: the region is the filler, so the target is wrong
    text = "Дроны атаковали станцию «Никольская» в Тамбовской области."
    gold = GoldDocument("d", "d.txt", text, [], events=[
        GoldEvent(6, 15, EKG + "Attack", (GoldRole(EKG + "target", 16, 36),))])
    region = Mention(39, 57, "Тамбовской области", 0, "tambov", EKG + "Region", 1.0, "ner")
    wrong = Event(0, EKG + "Attack", "атаковали", 6, 15, 0, roles=[Role(EKG + "target", entity="tambov",
                                                                         start=16, end=23)])
    s = score_roles([gold], [document_with([wrong], [region])])
    assert (s["all"].tp, s["all"].fp, s["all"].fn) == (0, 1, 1)
    # an entity with no mention in the sentence (a pronoun, an adjective): the word counts
    s = score_roles([gold], [document_with([wrong])])
    assert (s["all"].tp, s["all"].fp, s["all"].fn) == (1, 0, 0)
