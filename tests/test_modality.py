"""Modality of events (extract/modality.py, cues in ontology/modality.ttl), one node per reported event and
the report date (extract/to_records.py), and what the graph writes of them (kg/graph.py)."""
from __future__ import annotations

import pytest

from extract.pipeline import extract_documents
from extract.reader import read_source
from kg.graph import document_triples
from kg.ns import EKG as EKG_RDF
from ontology.terms import EKG

ASSERTED, NEGATED, CONTESTED, THREATENED, HYPOTHETICAL, PLANNED = (
    EKG.Asserted, EKG.Negated, EKG.Contested, EKG.Threatened, EKG.Hypothetical, EKG.Planned)


def records(nlp, tmp_path, text, name="t"):
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return next(extract_documents(nlp, [read_source(path)]))


def event_at(doc, trigger):
    return next(e for e in doc.events if any(m.text == trigger for m in e.triggers()))


@pytest.mark.parametrize("sentence, trigger, modality, cue", [
    # planned: a governing verb or adjective of intention, the future auxiliary, a future tense
    ("Россия и Казахстан планируют подписать соглашение.", "подписать", PLANNED, "планируют"),
    ("Стороны намерены подписать контракт.", "подписать", PLANNED, "намерены"),
    ("Соглашение будет подписано в марте.", "подписано", PLANNED, "будет"),
    # threatened: the threat is asserted, what it threatens is not
    ("Иран пригрозил ударить по танкерам.", "ударить", THREATENED, "пригрозил"),
    ("Иран пригрозил ударить по танкерам.", "пригрозил", ASSERTED, None),
    # hypothetical: a modal verb, a parenthetical "возможно", a condition, the conditional particle
    ("Соглашение может быть подписано в марте.", "подписано", HYPOTHETICAL, "может"),
    ("Соглашение может быть подписано в марте.", "Соглашение", HYPOTHETICAL, "может"),
    ("Если Украина атакует терминал, поставки могут прекратить.", "атакует", HYPOTHETICAL, "Если"),
    ("Если Украина атакует терминал, поставки могут прекратить.", "прекратить", HYPOTHETICAL, "могут"),
    ("Возможно, Украина атаковала терминал.", "атаковала", HYPOTHETICAL, "Возможно"),
    ("Украина атаковала бы терминал.", "атаковала", HYPOTHETICAL, "бы"),
    # negated: a negated governor ("не планируют") is a negation, not a plan
    ("Россия и Казахстан не планируют подписывать соглашение.", "соглашение", NEGATED, "не"),
    # contested: the denial is an event, what it denies is contested
    ("Минобороны опровергло атаку на терминал.", "атаку", CONTESTED, "опровергло"),
    ("Минобороны опровергло атаку на терминал.", "опровергло", ASSERTED, None),
    # a demand or a call asks for what has not happened; the demand itself happened
    ("Демонстранты вышли на площадь, требуя отставки министра.", "отставки", PLANNED, "требуя"),
    ("Генсек ООН призвал прекратить обстрелы.", "обстрелы", PLANNED, "призвал"),
    ("Генсек ООН призвал прекратить обстрелы.", "призвал", ASSERTED, None),
    # an event a noun of intent, demand or rumour governs, or an imminent one, has not happened
    ("Вице-премьер подтвердил информацию о скорой отставке министра.", "отставке", PLANNED, "скорой"),
    ("Пресс-служба сообщила о намерении генерала уйти в отставку.", "уйти в отставку", PLANNED, "намерении"),
    ("Слухи о его отставке циркулировали давно.", "отставке", HYPOTHETICAL, "Слухи"),
    # a refusal, a request or a preparation: the event has not happened
    ("Киев отказывается от возобновления поставок.", "возобновления", NEGATED, "отказывается"),
    ("Министры не смогли подтвердить или опровергнуть эти данные.", "опровергнуть", NEGATED, "не"),
    ("Лига решила просить ООН признать государство.", "признать", PLANNED, "просить"),
    ("Двое задержаны по подозрению в подготовке теракта.", "теракта", PLANNED, "подготовке"),
    # an operation "по" an event is carried out to bring it about: its aim has not happened yet
    ("Силовики проводят операцию по поимке двух подозреваемых.", "поимке", PLANNED, "операцию"),
    # an attempt may not have come off; a future deal has not been made
    ("Боевики предприняли попытку захвата аэропорта.", "захвата", HYPOTHETICAL, "попытку"),
    ("Это уже вторая попытка следователей получить ордер на арест мэра.", "арест", HYPOTHETICAL, "попытка"),
    ("Документ стал основой будущего соглашения о климате.", "соглашения", PLANNED, "будущего"),
    # a draft is not a deal
    ("Согласно проекту соглашения, фонд получит 100 млрд долларов.", "соглашения", PLANNED, "проекту"),
    ("Страны разработали договор из двух частей.", "договор", PLANNED, "разработали"),
    # "без" before the event noun: it did not happen
    ("Две страны остаются без официального мирного договора.", "договора", NEGATED, "без"),
    # the participle of a governor on the noun ("предстоящих": lemma "предстоять"), an obligation ("должен")
    ("Он рассказал о предстоящих переговорах с Киевом.", "переговорах", PLANNED, "предстоящих"),
    ("В Египте 28 ноября должен пройти первый тур выборов.", "тур", PLANNED, "должен"),
    # a statement spoken of is not the speech verb's own mention: its own event, with its own modality
    ("Пресс-секретарь сообщил о готовящемся заявлении министра.", "заявлении", PLANNED, "готовящемся"),
    ("Пресс-секретарь сообщил о готовящемся заявлении министра.", "сообщил", ASSERTED, None),
    # a participle with words of its own is a clause on the noun (acl), its lemma a governor all the same
    ("Он главный соперник президента на предстоящих в 2012 году выборах.", "выборах", PLANNED, "предстоящих"),
    # a name's initial is no conditional particle; an oblique noun's verb negates the action, not the event
    ("Б.Обама назначил нового советника по национальной безопасности.", "назначил", ASSERTED, None),
    ("Оружие и взрывчатые вещества при обыске не обнаружены.", "обыске", ASSERTED, None),
    ("На встрече министры не обсуждали поставки газа.", "встрече", ASSERTED, None),
    ("Взрыва не произошло.", "Взрыва", NEGATED, "не"),
    # a negated stance on an event denies the stance, not the event its object names; a negated holding still
    # negates the talks it holds
    ("Сербия не поддержала санкции против России.", "санкции", ASSERTED, None),
    ("Оппозиция не признала выборы.", "выборы", ASSERTED, None),
    ("Стороны не провели переговоры.", "переговоры", NEGATED, "не"),
    # a governor verb governs its object, not the time of its action
    ("После встречи депутаты опровергли эту информацию.", "встречи", ASSERTED, None),
    ("Палестинцы отказываются от возобновления переговоров.", "возобновления", NEGATED, "отказываются"),
    # a purpose has not happened; a "чтобы" the parse hangs on the sentence's root is no cue of it
    ("Она прилетела в Тель-Авив, чтобы встретиться с активистами.", "встретиться", PLANNED, "чтобы"),
    ("Турция потребовала, чтобы США экстрадировали Гюлена.", "потребовала", ASSERTED, None),
    ("Лидер оппозиции требует, чтобы правительство соблюдало конституцию.", "требует", ASSERTED, None),
    # an event a permit is for takes the modality of the permit's verb ("ордер на арест")
    ("Суд не дал разрешение на арест руководителя компании.", "арест", NEGATED, "не"),
    ("Суд отказался выдать ордер на арест журналиста.", "арест", NEGATED, "отказался"),
    ("Суд выдал ордер на арест главы компании.", "арест", ASSERTED, None),
    # an event a round is of takes the modality of the round's verb ("должен пройти тур выборов": planned); a
    # round that took place leaves it asserted
    ("В Египте 28 ноября должен пройти первый тур парламентских выборов.", "выборов", PLANNED, "должен"),
    ("В Египте 28 ноября прошел первый тур парламентских выборов.", "выборов", ASSERTED, None),
    # the future "будет" the parse takes for a copula of an adverb still makes a future
    ("Кан сообщил, что будет терпеливо, но настойчиво вести переговоры с Россией.", "переговоры", PLANNED, "будет"),
    # asserted controls
    ("Украина атаковала терминал.", "атаковала", ASSERTED, None),
    ("Стороны подписали соглашение.", "подписали", ASSERTED, None),
    ("Беспилотники атаковали нефтебазу, возник пожар.", "пожар", ASSERTED, None),
])
def test_modality_of_a_trigger(nlp, tmp_path, sentence, trigger, modality, cue):
    ev = event_at(records(nlp, tmp_path, sentence), trigger)
    assert (ev.modality, ev.modality_cue) == (modality, cue)


def test_a_negated_trigger_is_never_an_event_that_happened(nlp, tmp_path):
    doc = records(nlp, tmp_path, "Украина не атаковала терминал. Соглашение не было подписано.")
    assert not [e for e in doc.events if e.modality == ASSERTED and e.trigger in ("атаковала", "подписано")]


def test_a_negated_event_is_recorded_as_negated(nlp, tmp_path):
    """"не атаковала" is an event the text denies: kept, with its modality, for an analyst to see what was denied."""
    doc = records(nlp, tmp_path, "Россия не подписала соглашение, но атаковала танкер «Астра». Атаки на терминал не было.")
    found = {(e.trigger, e.modality, e.modality_cue) for e in doc.events}
    assert {("подписала", NEGATED, "не"), ("атаковала", ASSERTED, None), ("Атаки", NEGATED, "не")} <= found


def test_the_graph_writes_the_modality_and_its_cue(nlp, tmp_path):
    doc = records(nlp, tmp_path, "Россия и Казахстан планируют подписать соглашение. Украина атаковала терминал.")
    triples = document_triples(doc)
    modality = {str(o) for s, p, o in triples if p == EKG_RDF.modality}
    assert modality == {PLANNED, ASSERTED}
    assert {str(o) for s, p, o in triples if p == EKG_RDF.modalityCue} == {"планируют"}


HEADLINE_LEAD_BODY = ("date 2026-03-14 Беспилотники атаковали нефтебазу «Тихорецкая»\n\n"
                      "Ночью беспилотники атаковали нефтебазу «Тихорецкая» в Краснодарском крае. "
                      "Атака на нефтебазу «Тихорецкая» вызвала пожар, сообщил губернатор.")


def test_headline_lead_and_body_are_one_event_with_three_mentions(nlp, tmp_path):
    doc = records(nlp, tmp_path, HEADLINE_LEAD_BODY)
    attacks = [e for e in doc.events if e.type == EKG.Attack]
    assert len(attacks) == 1
    assert [m.text for m in attacks[0].triggers()] == ["атаковали", "атаковали", "Атака"]
    assert sorted(m.sentence for m in attacks[0].triggers()) == [0, 1, 2]
    triples = document_triples(doc)
    node = next(s for s, p, o in triples if p == EKG_RDF.trigger and str(s).endswith(f"/event/{attacks[0].index}"))
    assert len([o for s, p, o in triples if s == node and p == EKG_RDF.trigger]) == 3
    derived = {str(o).rsplit("/", 1)[-1] for s, p, o in triples
               if s == node and str(p) == "http://www.w3.org/ns/prov#wasDerivedFrom"}
    assert derived == {"0", "1", "2"}


def test_two_attacks_on_different_targets_stay_two(nlp, tmp_path):
    doc = records(nlp, tmp_path, "Украина атаковала нефтебазу «Тихорецкая». "
                                 "Украина также атаковала порт Новороссийск.")
    attacks = [e for e in doc.events if e.type == EKG.Attack]
    assert len(attacks) == 2 and all(not e.mentions for e in attacks)


def test_an_undated_event_takes_the_report_date(nlp, tmp_path):
    doc = records(nlp, tmp_path, HEADLINE_LEAD_BODY)
    attack = next(e for e in doc.events if e.type == EKG.Attack)
    t = attack.time
    assert (t.value, t.precision, t.begin, t.end, t.source) == ("2026-03-14", "day", "2026-03-14", "2026-03-14",
                                                              "report date")
    triples = document_triples(doc)
    node = next(s for s, p, o in triples if p == EKG_RDF.dateSource and str(o) == "report date")
    assert (node, EKG_RDF.dateValue) in {(s, p) for s, p, o in triples}


def test_a_date_in_the_text_wins_and_says_so(nlp, tmp_path):
    doc = records(nlp, tmp_path, "date 2026-03-14 Атака\n\nУкраина атаковала терминал 12 марта.")
    t = event_at(doc, "атаковала").time
    assert (t.value, t.source) == ("2026-03-12", "text")


def test_without_an_article_date_no_time(nlp, tmp_path):
    doc = records(nlp, tmp_path, "Украина атаковала терминал.")
    assert event_at(doc, "атаковала").time is None


def test_an_event_not_asserted_takes_no_report_date(nlp, tmp_path):
    doc = records(nlp, tmp_path, "date 2026-03-14 Газ\n\nСтороны намерены подписать контракт.")
    assert event_at(doc, "подписать").time is None


@pytest.mark.parametrize("text, trigger, date", [
    ("Министр заявил, что 10 марта дроны атаковали порт.", "атаковали", "10 марта"),
    ("Дроны атаковали порт Новороссийск 10 марта.", "атаковали", "10 марта"),
    ("Танкер, задержанный в январе, атаковали дроны.", "задержанный", "январе"),
    # the date of a clause with no trigger of its own dates no other clause: the report date stands in
    ("Украина атаковала терминал, который работает с 2001 года.", "атаковала", ""),
    ("Дроны атаковали НПЗ, который в 2020 году модернизировали.", "атаковали", ""),
    ("Дроны атаковали НПЗ; в 2020 году завод модернизировали.", "атаковали", ""),
    ("Танкер, задержанный в январе, атаковали дроны.", "атаковали", ""),
])
def test_an_event_takes_the_date_of_its_own_clause(nlp, tmp_path, text, trigger, date):
    doc = records(nlp, tmp_path, f"date 2026-03-14 Новости\n\n{text}")
    t = event_at(doc, trigger).time
    assert (t.text, t.source) == (date, "text" if date else "report date")


def test_a_participle_dates_the_noun_it_describes(nlp, tmp_path):
    doc = records(nlp, tmp_path, "date 2019-06-01 Новости\n\n"
                                 "Он ушел с поста за неделю до атаки, произошедшей 11 сентября 2001 года.")
    assert event_at(doc, "атаки").time.text == "11 сентября 2001 года"
