"""Each competency question in ontology/queries answered exactly on the graph built from the seed."""
from __future__ import annotations

from pathlib import Path


from kg.stores import open_store

QUERIES = Path(__file__).resolve().parent.parent / "ontology" / "queries"


def rows(seed_store, name, *columns):
    store = open_store(seed_store, create=False)
    text = (QUERIES / name).read_text(encoding="utf-8")
    result = store.query(text)
    out = []
    for solution in result:
        out.append(tuple(None if solution[c] is None else solution[c].value for c in columns))
    return out


def test_every_query_opens_with_its_question():
    files = sorted(QUERIES.glob("*.rq"))
    assert len(files) >= 6
    for f in files:
        assert f.read_text(encoding="utf-8").startswith("# CQ: "), f.name


def test_sparql_clients_read_every_question_as_a_query():
    """SPARQLWrapper guesses the kind of request from the first keyword it finds, comments included (its
    comment stripping misses the second of two comment lines): "removes" in a comment before SELECT made it
    send a question to /update as a MOVE."""
    from SPARQLWrapper import SPARQLWrapper
    for f in sorted(QUERIES.glob("*.rq")):
        client = SPARQLWrapper("http://127.0.0.1:7878/query")
        client.setQuery(f.read_text(encoding="utf-8"))
        assert (client.queryType, client.isSparqlUpdateRequest()) == ("SELECT", False), f.name


def test_cq1_who_is_bakayev(seed_store):
    assert rows(seed_store, "01_who_is_bakayev.rq", "class", "label_ru", "label_en", "title", "of") == [
        ("Person", "Алибек Бакаев", "Alibek Bakayev", "заместитель министра иностранных дел Казахстана",
         "Kazakhstan")]
    [(sentence,)] = rows(seed_store, "01_who_is_bakayev.rq", "sentence")
    assert sentence.startswith("Об этом заявил заместитель министра иностранных дел Казахстана Алибек Бакаев")


def test_cq2_cpc(seed_store):
    answer = rows(seed_store, "02_cpc.rq", "fact", "value")
    facts = set(answer)
    # each name once: a Latin abbreviation found in the text is tagged @en like the lexicon's
    assert [v for f, v in answer if f == "name"] == [
        "CPC", "Caspian Pipeline Consortium", "КТК", "Каспийский трубопроводный консорциум"]
    assert ("founded", "1992") in facts
    assert {v for f, v in facts if f == "unites companies of"} == {"Russia", "United States", "Kazakhstan",
                                                                 "Western Europe"}
    assert ("runs pipeline", "Каспийский магистральный нефтепровод") in facts
    assert ("pipeline length", "more than 1500 km") in facts
    assert {v for f, v in facts if f == "pipeline connects"} == {
        "нефтяные месторождения Западного Казахстана", "морской терминал в Новороссийске"}


def test_cq3_attacks(seed_store):
    got = rows(seed_store, "03_attacks.rq", "asset", "class", "date", "attacker", "place", "instrument")
    assert ("Дельта Хармони", "Tanker", "2026-01", "Ukraine", "морской терминал в Новороссийске", None) in got
    assert ("Матильда", "Tanker", "2026-01", "Ukraine", "морской терминал в Новороссийске", None) in got
    # "объекты консорциума вблизи Новороссийска были атакованы": the place phrase of the clause
    assert ("объекты консорциума", "Facility", "2025-autumn", "Ukraine", "Новороссийск", "дрон") in got
    # no date in its sentence: the article's date, as the report date
    assert ("Delta Supreme", "Vessel", "2026-01-22", "Ukraine", None, None) in got
    assert {r[0] for r in got} == {"Дельта Хармони", "Матильда", "Delta Supreme", "объекты консорциума",
                                   "инфраструктура Каспийского трубопроводного консорциума"}
    assert {r[3] for r in got} == {"Ukraine"}


def test_cq4_what_kazakhstan_did(seed_store):
    got = set(rows(seed_store, "04_kazakhstan_actions.rq", "type", "trigger", "with", "about", "since"))
    # the negotiations of the lead, the "переговорный процесс" and the "контакты" since 2025 are one event
    # (Kazakhstan and Ukraine, about the attacks): the narrower class, the date the text gives, each mention
    assert ("Negotiation", "переговоры", "Ukraine", "атак", "2025-01-01") in got
    assert ("Negotiation", "контакты", "Ukraine", "инфраструктура Каспийского трубопроводного консорциума",
            "2025-01-01") in got
    assert ("Invitation", "Приглашали", "чрезвычайных полномочных послов европейских стран", None,
            "2026-01-22") in got                       # the report date
    assert ("Warning", "предупредил", "Kyiv", "ущербе", "2026-01-22") in got
    assert "Consultation" not in {r[0] for r in got}


def test_cq5_bakayev_statements(seed_store):
    got = rows(seed_store, "05_bakayev_statements.rq", "said", "outlet", "published", "trigger")
    assert {(r[1], r[2]) for r in got} == {("Informburo.kz", "2026-01-22")}
    by_trigger = {r[3]: r[0] for r in got}
    assert by_trigger["сказал"].startswith("Приглашали чрезвычайных полномочных послов европейских стран")
    assert by_trigger["пояснил"].startswith("В первую очередь европейские страны")
    assert by_trigger["заключил"].startswith("Идет переговорный процесс.")
    assert by_trigger["заключил"].endswith("такие работы ведутся")
    assert by_trigger["добавил"] == "позиции Украины по этому вопросу «как таковой нет»"
    # "По словам замминистра, Астана призывает ...": no statement of its own (gold-news convention), Bakayev is the
    # source (reportedBy) of Kazakhstan's appeal (tests/test_pipeline.py)
    assert "словам" not in by_trigger


def test_cq6_cpc_asset_events_in_date_order(seed_store):
    got = rows(seed_store, "06_cpc_asset_events.rq", "begin", "type", "asset", "role")
    assert all(r[0] for r in got)       # every asserted event has a time: its own, or the report date
    assert list(dict.fromkeys(got)) == [    # one row per sentence that reports the event
        ("2025-01-01", "Negotiation", "инфраструктура Каспийского трубопроводного консорциума", "topic"),
        ("2025-09-01", "Attack", "объекты консорциума", "target"),
        ("2026-01-01", "Attack", "морской терминал в Новороссийске", "place"),
        ("2026-01-22", "Attack", "инфраструктура Каспийского трубопроводного консорциума", "target"),
    ]


# ------------------------------------------------------------------ questions with parameters, for any corpus

def asked(seed_store, name, *columns, **params):
    """The answer of a saved question by name, with its parameters, as `kg query NAME --param k=v` runs it."""
    from kg.query import prepared
    store = open_store(seed_store, create=False)
    sparql, _ = prepared(name, params)
    return [tuple(None if s[c] is None else s[c].value for c in columns) for s in store.query(sparql)]


def test_cq3_attacks_on_one_target_by_any_of_its_labels(seed_store):
    assert {r[:3] for r in asked(seed_store, "03_attacks", "asset", "class", "date", target="матильда")} == {
        ("Матильда", "Tanker", "2026-01")}
    assert {r[0] for r in asked(seed_store, "03_attacks", "asset", target="Delta Supreme")} == {"Delta Supreme"}
    assert asked(seed_store, "03_attacks", "asset", target="Матильд") == []   # a label, not part of one


def test_cq7_attacks_on_the_assets_of_an_operator(seed_store):
    got = asked(seed_store, "07_operator_asset_attacks", "operated_by", "asset", "class", "date", "attacker",
                operator="КТК")
    assert sorted(set(got)) == [
        ("Каспийский трубопроводный консорциум", "инфраструктура Каспийского трубопроводного консорциума",
         "Infrastructure", "2026-01-22", "Ukraine"),
        ("Каспийский трубопроводный консорциум", "объекты консорциума", "Facility", "2025-autumn", "Ukraine")]
    assert asked(seed_store, "07_operator_asset_attacks", "asset", operator="Caspian Pipeline Consortium") \
        == asked(seed_store, "07_operator_asset_attacks", "asset", operator="КТК")
    assert asked(seed_store, "07_operator_asset_attacks", "asset", operator="Газпром") == []


def test_cq8_statements_by_a_person(seed_store):
    got = asked(seed_store, "08_statements_by", "speaker", "said", "trigger", "date", person="Alibek Bakayev")
    assert {r[0] for r in got} == {"Алибек Бакаев"} and {r[3] for r in got} == {"2026-01-22"}
    assert sorted(r[2] for r in got) == ["добавил", "заключил", "заявил", "пояснил", "сказал"]
    assert {r[2]: r[1] for r in got}["добавил"] == "позиции Украины по этому вопросу «как таковой нет»"
    assert asked(seed_store, "08_statements_by", "said", person="алибек бакаев") == \
        asked(seed_store, "08_statements_by", "said", person="Alibek Bakayev")
    # an outlet is not a person
    assert asked(seed_store, "08_statements_by", "said", person="Reuters") == []


def test_cq9_events_at_a_place_or_inside_it(seed_store):
    got = asked(seed_store, "09_events_at_place", "at", "type", "date", place="Новороссийск")
    assert got == [("Новороссийск", "Attack", "2025-autumn"),
                   ("морской терминал в Новороссийске", "Attack", "2026-01")]
    assert asked(seed_store, "09_events_at_place", "at", "type", "date", place="Black Sea") == []
    assert {r[0] for r in asked(seed_store, "09_events_at_place", "at")} == {
        "Новороссийск", "морской терминал в Новороссийске", "Черное море"}   # "у Украины" is no place of an attack


def test_cq10_events_in_a_period_overlap_it(seed_store):
    got = asked(seed_store, "10_events_in_period", "begin", "end", "type", "trigger", since="2025-01-01",
                until="2025-12-31")
    assert got == [("2025-01-01", "2025-04-30", "Negotiation", "переговорный"),
                   ("2025-01-01", "2025-04-30", "Negotiation", "переговоры"),
                   ("2025-01-01", "2025-04-30", "Negotiation", "контакты"),
                   ("2025-09-01", "2025-11-30", "Attack", "атакованы")]
    # January 2026 is a month: it overlaps a period that starts on the 23rd; the 22nd's events end before it
    assert {(r[0], r[2]) for r in asked(seed_store, "10_events_in_period", "begin", "end", "type",
                                        since="2026-01-23")} == {("2026-01-01", "Attack")}
    everything = asked(seed_store, "10_events_in_period", "begin")
    assert len(everything) > len(got) and min(everything) == ("2025-01-01",)
