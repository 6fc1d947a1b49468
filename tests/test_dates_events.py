"""Which event a date is given to (EventExtractor.attach_dates), on news-like sentences: the value, its
precision, and the events of the date's clause that share it."""
from __future__ import annotations

import pytest

from extract.pipeline import extract_documents
from extract.reader import SourceText


def run(nlp, text, date="2026-03-02"):
    source = SourceText(path="t.txt", key="t", title="", date=date, text=text, content_hash="")
    [doc] = extract_documents(nlp, [source])
    return doc


def dates(doc):
    """trigger -> (date as written, precision, value), or None: no date in the text. (The class is the trigger
    stage's business: not asserted here.)"""
    return {e.trigger:
            (e.time.text, e.time.precision, e.time.value) if e.time is not None and e.time.source == "text" else None
            for e in doc.events}


@pytest.mark.parametrize("text, expected", [
    # coordinated verbs with one subject share the date
    ("Подозреваемый был задержан и арестован 5 мая.",
     {"задержан": ("5 мая", "day", "2025-05-05"),
      "арестован": ("5 мая", "day", "2025-05-05")}),
    # a noun event of the clause shares its verb's date
    ("Вице-губернатор погиб в ДТП 30 ноября 2025 года.",
     {"погиб": ("30 ноября 2025 года", "day", "2025-11-30"),
      "ДТП": ("30 ноября 2025 года", "day", "2025-11-30")}),
    # a light verb's noun takes the date the verb governs
    ("13 февраля прокуроры провели допрос бизнесмена.",
     {"допрос": ("13 февраля", "day", "2026-02-13")}),
    # the topic of speech has a time of its own
    ("В понедельник министр заявил об отставке губернатора.",
     {"заявил": ("понедельник", "day", "2026-03-02"), "отставке": None}),
    # verbs joined by "и" share the date; what is called for ("к выборам") has a time of its own
    ("В понедельник, 2 марта 2026 года, премьер-министр подал в отставку и призвал к досрочным выборам.",
     {"подал в отставку": ("понедельник, 2 марта 2026 года", "day", "2026-03-02"),
      "призвал": ("понедельник, 2 марта 2026 года", "day", "2026-03-02"), "выборам": None}),
    ("По предварительным данным, 19 человек погибли и 21 пострадал в результате падения автобуса с моста "
     "в воскресенье, 1 марта 2026 года.",
     {"погибли": ("воскресенье, 1 марта 2026 года", "day", "2026-03-01"),
      "пострадал": ("воскресенье, 1 марта 2026 года", "day", "2026-03-01")}),
    # a resolved date wins over a time of day
    ("Бывший президент умер в 3:40 по местному времени в среду в больнице.",
     {"умер": ("среду", "day", "2026-02-25")}),
    ("Около 10:30 мужчина напал на полицейских.", {"напал": ("10:30", "day", None)}),
    # a verb after ";" is a clause of its own
    ("Дроны атаковали НПЗ; в 2020 году завод модернизировали.", {"атаковали": None}),
    # a coordinated verb with its own subject is a clause of its own
    ("5 мая полиция задержала двоих подозреваемых, а прокуратура возбудила уголовное дело.",
     {"задержала": ("5 мая", "day", "2025-05-05"),
      "возбудила уголовное дело": None}),
    # each of two coordinated verbs keeps the date written beside it
    ("24 февраля он покинул пост губернатора, а 19 апреля ушёл в отставку с поста главы партии.",
     {"покинул пост": ("24 февраля", "day", "2026-02-24"),
      "ушёл в отставку": ("19 апреля", "day", "2025-04-19")}),
    # ... but after "а" with no subject of its own the same subject goes on, at the same time
    ("В начале июня суд оправдал журналиста, а его коллеге смягчил обвинение.",
     {"оправдал": ("начале июня", "month", "2025-06"), "смягчил обвинение": ("начале июня", "month", "2025-06")}),
    # a noun after "после" is before the verb's date; a date after it is its own
    ("Парламент утвердил бюджет в сентябре 2025 года после долгих переговоров.",
     {"переговоров": None}),
    ("Проверки начались после крушения самолета 3 марта 2025 года.",
     {"крушения": ("3 марта 2025 года", "day", "2025-03-03")}),
    # a month with a relative year
    ("Президент осудил визит премьера на острова в ноябре прошлого года.",
     {"визит": ("ноябре прошлого года", "month", "2025-11")}),
    # a month's adjective dates its noun
    ("После мартовских терактов в Брюсселе полиция усилила охрану.",
     {"терактов": ("мартовских", "month", "2026-03")}),
    # ... and no other event when its noun is no trigger
    ("Омбудсмен ушел в отставку после июньской трагедии на озере, в которой утонули 14 детей.",
     {"ушел в отставку": None, "утонули": None}),
    # the parser hangs the date on the gerund after the comma: the date is the visit's, the nearest trigger
    # outside that clause
    ("Премьер также осудил визит на острова президента соседней страны в ноябре прошлого года, назвав его "
     "«грубым оскорблением».",
     {"визит": ("ноябре прошлого года", "month", "2025-11"), "назвав": None}),
    # a participle's date is the date of the noun it describes, read from the date's head word ("четверг")
    ("Два человека получили травмы в результате взрыва, прогремевшего в центре Киева в четверг, "
     "24 августа 2025 года, сообщила полиция.",
     {"взрыва": ("четверг, 24 августа 2025 года", "day", "2025-08-24"), "сообщила": None}),
    # the parser puts the date in the next clause: the date is still the one of the words around it
    ("Как только губернатор в сентябре 2025 года по условиям сделки со следствием покинул свой пост, мэр "
     "объявил о своем участии в выборах.",
     {"покинул свой пост": ("сентябре 2025 года", "month", "2025-09"), "выборах": None}),
])
def test_a_date_dates_the_events_of_its_clause(nlp, text, expected):
    found = dates(run(nlp, text))
    assert {k: found.get(k, "no such event") for k in expected} == expected


def test_a_day_without_its_year_takes_the_story_year(nlp):
    """An article without a date: "12 июня" is in the year of the lead's full date, not unknown."""
    doc = run(nlp, "В среду, 13 июня 2018 года, премьер-министр Грузии подал в отставку. "
                   "12 июня состоялась встреча депутатов правящей партии. "
                   "25 декабря прошлого года самолет рухнул и сгорел.", date=None)
    found = dates(doc)
    assert found["встреча"] == ("12 июня", "day", "2018-06-12")
    assert found["подал в отставку"] == ("среду, 13 июня 2018 года", "day", "2018-06-13")
    crash = [v for trigger, v in found.items() if trigger in ("рухнул", "сгорел")]
    assert crash == [("25 декабря прошлого года", "day", "2017-12-25")] * 2


def test_a_relative_year_counts_from_the_leads_month_and_year(nlp):
    """An article without a date whose lead dates its story by month ("В мае 2018 года"): "в прошлом году" is
    2017; a bare year ("В 2009 году") may be a background's and dates no story."""
    doc = run(nlp, "В мае 2018 года президент Сербии посетил Москву. "
                   "В прошлом году товарооборот между странами вырос на 23 процента.", date=None)
    assert dates(doc)["вырос"] == ("прошлом году", "year", "2017")
    doc = run(nlp, "В 2009 году в Грузии прошли протесты. "
                   "В прошлом году товарооборот между странами вырос на 23 процента.", date=None)
    assert dates(doc)["вырос"] == ("прошлом году", "year", None)


def test_a_month_without_its_year_goes_on_from_the_year_the_sentence_before_states(nlp):
    """The story's first full date is 2010, but "В апреле" follows "В марте 2011 года": April 2011."""
    doc = run(nlp, "Авария произошла 5 декабря 2010 года. В марте 2011 года Перминов прокомментировал слухи. "
                   "В апреле вице-премьер Сергей Иванов подтвердил информацию.", date=None)
    assert dates(doc)["подтвердил"] == ("апреле", "month", "2011-04")


def test_a_bare_weekday_is_the_day_the_article_writes_with_it(nlp):
    """An article without a date: "в понедельник" is the Monday it names with its day; none when it names two."""
    doc = run(nlp, "Мэр города погиб в автокатастрофе в понедельник, 14 октября 2019 года. "
                   "Утром в понедельник мэр открыл в городе новый лицей.", date=None)
    assert dates(doc)["открыл"] == ("понедельник", "day", "2019-10-14")
    doc = run(nlp, "Мэр города погиб в автокатастрофе в понедельник, 14 октября 2019 года. "
                   "Губернатора арестовали в понедельник, 7 октября 2019 года. "
                   "Утром в понедельник мэр посетил больницу.", date=None)
    assert dates(doc)["посетил"] == ("понедельник", "day", None)


def test_without_a_full_date_a_day_keeps_no_value(nlp):
    doc = run(nlp, "12 июня состоялась встреча депутатов правящей партии.", date=None)
    assert dates(doc)["встреча"] == ("12 июня", "day", None)


def test_a_document_date_dates_no_event(nlp):
    """"Указ от 6 октября": the decree's date, not the date of the statement it cites."""
    doc = run(nlp, "В связи с заявлением губернатора о досрочном прекращении полномочий и в соответствии "
                   "с Федеральным законом от 6 октября 1999 г. указ вступает в силу.")
    assert dates(doc)["заявлением"] is None


def test_the_report_date_is_not_a_date_of_the_text(nlp):
    """An event without a date of its own gets the article's date as the report date, never as written."""
    [ev] = [e for e in run(nlp, "Полиция задержала двоих подозреваемых.").events if e.trigger == "задержала"]
    assert (ev.time.source, ev.time.text, ev.time.value) == ("report date", "", "2026-03-02")


def test_a_founding_date_is_a_known_year(nlp):
    """"в том же году" is read as a date without a value: it is no founding year."""
    def founded(text):
        return [r.value for r in run(nlp, text).relations if r.predicate.endswith("foundingDate")]
    assert founded("Компания Газпром основана в 1989 году.") == ["1989"]
    assert founded("Компания Газпром основана в том же году.") == []


@pytest.mark.parametrize("text, expected", [
    # "Тогда" opening a sentence is the time the sentence before set in its main clause
    ("В 2009 году в Грузии прошли выборы. Тогда митинги длились неделями.",
     {"митинги": ("Тогда", "year", "2009")}),
    ("В мае 2018 года президент Сербии посетил Москву. Тогда же президенты обсудили перспективы развития.",
     {"обсудили": ("Тогда же", "month", "2018-05")}),
    # a date of a subordinate clause sets no time for the next sentence; "тогда как" is no time
    ("Напомним, что 25 декабря в Москве случилось происшествие. Тогда автобус въехал в подземный переход.",
     {"въехал": None}),
    ("В мае 2018 года президент Сербии посетил Москву. Тогда как премьер остался дома, министры обсудили планы.",
     {"обсудили": None}),
])
def test_then_takes_the_time_of_the_sentence_before(nlp, text, expected):
    found = dates(run(nlp, text))
    assert {k: found[k] for k in expected} == expected


@pytest.mark.parametrize("text, expected", [
    # a "когда" clause after a date is of that day, not of the range the date starts
    ("С 14 августа 2013 года, когда власти разогнали лагеря в Каире, в стране были убиты 900 человек.",
     {"разогнали": ("С 14 августа 2013 года", "day", "2013-08-14")}),
    # a present-tense verb in what a dated speech act says happens when it is said; a future one does not
    ("В среду, 13 июня 2018 года, премьер-министр заявил, что покидает свой пост.",
     {"покидает свой пост": ("среду, 13 июня 2018 года", "day", "2018-06-13")}),
    ("В среду, 13 июня 2018 года, премьер-министр заявил, что покинет свой пост.",
     {"покинет свой пост": None}),
])
def test_clauses_of_a_date_and_of_a_dated_statement(nlp, text, expected):
    found = dates(run(nlp, text))
    assert {k: found.get(k) for k in expected} == expected
    if "разогнали" in expected:
        [dispersal] = [e for e in run(nlp, text).events if e.trigger == "разогнали"]
        assert dispersal.time.qualifier is None


@pytest.mark.parametrize("text, expected", [
    # a bare genitive date of a thing says which thing: it dates no event
    ("Израиль отказывается признать государство на основе границ 1967 года.", {"отказывается": None}),
    # a date with its own preposition still dates the verb, wherever the parser hung it
    ("Мурад сдался после преследования властей в среду, 7 января 2015 года.",
     {"сдался": ("среду, 7 января 2015 года", "day", "2015-01-07")}),
    # an event that only describes a person ("участник нападения") is not of the date of that person's verb
    ("Третий участник нападения на редакцию сдался полиции в среду, 7 января 2015 года.",
     {"сдался": ("среду, 7 января 2015 года", "day", "2015-01-07"), "нападения": None}),
    # an event an anniversary is of happened long before the date of the anniversary's clause (CommemorationNouns)
    ("В мае 2018 года министр посетил Минск, приняв участие в торжествах в честь годовщины окончания войны.",
     {"посетил": ("мае 2018 года", "month", "2018-05"), "войны": None}),
    ("В мае 2018 года министр посетил Минск, приняв участие в торжествах в честь годовщины победы в Великой войне.",
     {"посетил": ("мае 2018 года", "month", "2018-05"), "войне": None}),
])
def test_a_date_of_a_thing_dates_no_event(nlp, text, expected):
    found = dates(run(nlp, text))
    assert {k: found.get(k) for k in expected} == expected
