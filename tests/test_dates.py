"""extract.dates.find_dates on real sentences: precision, normalised value, bounds, qualifier."""
from __future__ import annotations

import datetime as dt

import pytest

from extract.dates import find_dates, month_value, season_value, year_value

JAN22 = dt.date(2026, 1, 22)
OCT10 = dt.date(2025, 10, 10)


def dates(nlp, sentence, ref):
    doc = nlp(sentence)
    return doc, find_dates(doc[:], ref)


@pytest.mark.parametrize("sentence, ref, expected", [
    ("В январе 2026 года объекты были атакованы.", JAN22,
     ("month", "2026-01", "2026-01-01", "2026-01-31", None)),
    ("осенью объекты были атакованы.", JAN22,
     ("season", "2025-autumn", "2025-09-01", "2025-11-30", None)),
    ("Осенью объекты были атакованы.", OCT10,
     ("season", "2025-autumn", "2025-09-01", "2025-11-30", None)),
    ("Зимой объекты были атакованы.", JAN22,
     ("season", "2025-winter", "2025-12-01", "2026-02-28", None)),
    ("Летом 2024 года объекты были атакованы.", JAN22,
     ("season", "2024-summer", "2024-06-01", "2024-08-31", None)),
    ("Танкер атаковали 22 января 2026 года.", JAN22,
     ("day", "2026-01-22", "2026-01-22", "2026-01-22", None)),
    ("Компания основана в 1992 году.", JAN22,
     ("year", "1992", "1992-01-01", "1992-12-31", None)),
    ("С начала 2025 года объекты атакованы.", JAN22,
     ("year", "2025", "2025-01-01", "2025-04-30", "since early")),
    ("Объекты были атакованы в конце 2024 года.", JAN22,
     ("year", "2024", "2024-09-01", "2024-12-31", "late")),
    ("Объекты были атакованы до 2024 года.", JAN22,
     ("year", "2024", "2024-01-01", "2024-12-31", "until")),
    # a day something came after bounds it, as "с" does: not the day it happened
    ("Протесты прекратились после 6 июня 2025 года.", JAN22,
     ("day", "2025-06-06", "2025-06-06", "2025-06-06", "after")),
    ("Объекты были атакованы в марте.", JAN22,     # not reached yet this year: last year's March
     ("month", "2025-03", "2025-03-01", "2025-03-31", None)),
    ("Объекты были атакованы в январе.", JAN22,    # the current month is this year's
     ("month", "2026-01", "2026-01-01", "2026-01-31", None)),
    ("Переговоры прошли в феврале 2024 года.", JAN22,  # leap year
     ("month", "2024-02", "2024-02-01", "2024-02-29", None)),
])
def test_find_dates(baseline_nlp, sentence, ref, expected):
    doc, found = dates(baseline_nlp, sentence, ref)
    assert len(found) == 1, found
    _, _, value = found[0]
    assert (value.precision, value.value, value.begin, value.end, value.qualifier) == expected


@pytest.mark.parametrize("sentence, span", [
    ("В январе 2026 года объекты были атакованы.", "январе 2026 года"),
    ("Танкер атаковали 22 января 2026 года.", "22 января 2026 года"),
    ("Компания основана в 1992 году.", "1992 году"),
    ("осенью объекты были атакованы.", "осенью"),
    ("С начала 2025 года объекты атакованы.", "С начала 2025 года"),
    ("Объекты были атакованы до 2024 года.", "до 2024 года"),
])
def test_token_span_of_the_expression(baseline_nlp, sentence, span):
    doc, [(start, end, _)] = dates(baseline_nlp, sentence, JAN22)
    assert doc[start:end].text == span


@pytest.mark.parametrize("sentence", [
    "Объекты были атакованы в марте.",
    "Компания основана в 1992 году.",
    "Танкер атаковали 22 января 2026 года.",
])
def test_text_is_the_span(baseline_nlp, sentence):
    doc, [(start, end, value)] = dates(baseline_nlp, sentence, JAN22)
    assert value.text == doc[start:end].text


@pytest.mark.parametrize("sentence", [
    "С начала 2025 года объекты атакованы.",
    "Объекты были атакованы до 2024 года.",
    "Протесты прекратились после 6 июня 2025 года.",
])
def test_text_is_the_span_with_since_until(baseline_nlp, sentence):
    doc, [(start, end, value)] = dates(baseline_nlp, sentence, JAN22)
    assert value.text == doc[start:end].text


def test_no_dates(baseline_nlp):
    _, found = dates(baseline_nlp, "В 2025 объекты были атакованы 300 раз.", JAN22)
    assert found == []


def test_two_dates_in_one_sentence(baseline_nlp):
    doc, found = dates(baseline_nlp, "КТК был создан в 1992 году, а осенью его атаковали.", JAN22)
    assert [(doc[s:e].text, v.value) for s, e, v in found] == [("1992 году", "1992"), ("осенью", "2025-autumn")]


def test_only_inside_the_span(baseline_nlp):
    doc = baseline_nlp("В 1992 году создан КТК. Осенью его атаковали.")
    second = list(doc.sents)[1]
    assert [v.value for _, _, v in find_dates(second, JAN22)] == ["2025-autumn"]


@pytest.mark.parametrize("sentence, expected", [
    ("Осенью объекты были атакованы.", ("season", "Осенью")),
    ("Объекты были атакованы в марте.", ("month", "марте")),
    ("Танкер атаковали 17 февраля.", ("day", "17 февраля")),
])
def test_without_the_article_date_a_date_without_year_has_no_value(baseline_nlp, sentence, expected):
    """The year is unknown: no value, not one computed from the day of the build."""
    _, [(_, _, value)] = dates(baseline_nlp, sentence, None)
    assert (value.precision, value.text, value.value, value.begin, value.end) == (*expected, None, None, None)


def test_without_the_article_date_a_date_with_its_year_is_whole(baseline_nlp):
    _, [(_, _, value)] = dates(baseline_nlp, "Танкер атаковали 17 февраля 2025 года.", None)
    assert (value.precision, value.value, value.begin, value.end) == ("day", "2025-02-17", "2025-02-17", "2025-02-17")


# --- the value builders directly ----------------------------------------------------------

@pytest.mark.parametrize("season, ref, value", [
    ("autumn", dt.date(2025, 9, 1), "2025-autumn"),     # begins on the article's day
    ("autumn", dt.date(2025, 8, 31), "2024-autumn"),
    ("spring", dt.date(2026, 1, 22), "2025-spring"),
    ("winter", dt.date(2025, 12, 1), "2025-winter"),
    ("winter", dt.date(2025, 11, 30), "2024-winter"),
])
def test_season_without_year_is_the_latest_begun(season, ref, value):
    assert season_value(season, None, ref, "x").value == value


def test_winter_end_in_a_leap_year():
    v = season_value("winter", 2023, None, "зимой")
    assert (v.begin, v.end) == ("2023-12-01", "2024-02-29")


def test_month_value_with_day_and_no_year():
    v = month_value(3, None, 8, JAN22, "8 марта")
    assert (v.precision, v.value, v.begin, v.end) == ("day", "2025-03-08", "2025-03-08", "2025-03-08")


@pytest.mark.parametrize("qualifier, begin, end", [
    (None, "2025-01-01", "2025-12-31"), ("early", "2025-01-01", "2025-04-30"),
    ("late", "2025-09-01", "2025-12-31"), ("mid", "2025-01-01", "2025-12-31"),
])
def test_year_value_bounds(qualifier, begin, end):
    v = year_value(2025, qualifier, "2025 года")
    assert (v.precision, v.value, v.begin, v.end, v.qualifier) == ("year", "2025", begin, end, qualifier)


# --- recognition by the libraries and the relative layer (issue 16.4) ------------------------

WED = dt.date(2026, 3, 18)      # a Wednesday
MON = dt.date(2026, 3, 16)


@pytest.mark.parametrize("sentence, ref, expected", [
    # absolute
    ("Договор подписан 15.01.2026.", WED, ("15.01.2026", "day", "2026-01-15", "2026-01-15", "2026-01-15", None)),
    ("Договор подписан 15.01.2026.", None, ("15.01.2026", "day", "2026-01-15", "2026-01-15", "2026-01-15", None)),
    ("В 1912г. завод построили.", WED, ("1912г.", "year", "1912", "1912-01-01", "1912-12-31", None)),
    ("В 2007\xa0году завод построили.", WED, ("2007\xa0году", "year", "2007", "2007-01-01", "2007-12-31", None)),
    ("Болонья основана в 1088 году.", WED, ("1088 году", "year", "1088", "1088-01-01", "1088-12-31", None)),
    ("Объекты атаковали в январе.", WED, ("январе", "month", "2026-01", "2026-01-01", "2026-01-31", None)),
    ("Это случилось в апреле 2024-го.", WED, ("апреле 2024-го", "month", "2024-04", "2024-04-01", "2024-04-30", None)),
    ("Завод построен в 2024 году.", WED, ("2024 году", "year", "2024", "2024-01-01", "2024-12-31", None)),
    ("В 1990-е годы завод построили.", WED, ("1990-е годы", "decade", "1990s", "1990-01-01", "1999-12-31", None)),
    ("В 1980-е завод строили.", WED, ("1980-е", "decade", "1980s", "1980-01-01", "1989-12-31", None)),
    ("В начале 2000-х завод закрыли.", WED, ("начале 2000-х", "decade", "2000s", "2000-01-01", "2009-12-31", "early")),
    ("Он родился в 1976, а потом уехал.", WED, ("1976", "year", "1976", "1976-01-01", "1976-12-31", None)),
    ("В 1979–1980 годы завод строили.", WED, ("1979–1980 годы", "year", "1979/1980", "1979-01-01", "1980-12-31", None)),
    # relative to the article's date
    ("Вчера дроны атаковали НПЗ.", WED, ("Вчера", "day", "2026-03-17", "2026-03-17", "2026-03-17", None)),
    ("Сегодня дроны атаковали НПЗ.", WED, ("Сегодня", "day", "2026-03-18", "2026-03-18", "2026-03-18", None)),
    ("Завтра министр посетит Астану.", WED, ("Завтра", "day", "2026-03-19", "2026-03-19", "2026-03-19", None)),
    ("Накануне министр заявил о переговорах.", WED,
     ("Накануне", "day", "2026-03-17", "2026-03-17", "2026-03-17", None)),
    ("В понедельник дроны атаковали НПЗ.", WED,
     ("понедельник", "day", "2026-03-16", "2026-03-16", "2026-03-16", None)),
    ("В понедельник дроны атаковали НПЗ.", MON,       # on or before the article's date
     ("понедельник", "day", "2026-03-16", "2026-03-16", "2026-03-16", None)),
    ("В четверг дроны атаковали НПЗ.", WED, ("четверг", "day", "2026-03-12", "2026-03-12", "2026-03-12", None)),
    ("Две недели назад танкер задержали.", WED,
     ("Две недели назад", "day", "2026-03-04", "2026-03-04", "2026-03-04", None)),
    ("Три года назад завод закрыли.", WED, ("Три года назад", "year", "2023", "2023-01-01", "2023-12-31", None)),
    ("Неделю назад 36-летний журналист был задержан.", WED,       # NEREL dev: dateparser alone misses it
     ("Неделю назад", "day", "2026-03-11", "2026-03-11", "2026-03-11", None)),
    ("Несколько дней назад танкер задержали.", WED, ("Несколько дней назад", "day", None, None, None, None)),
    ("Три года тому назад завод закрыли.", WED,
     ("Три года тому назад", "year", "2023", "2023-01-01", "2023-12-31", None)),
    ("Сообщение появилось в воскресенье на сайте.", WED,
     ("воскресенье", "day", "2026-03-15", "2026-03-15", "2026-03-15", None)),
    ("На прошлой неделе танкер задержали.", WED,
     ("прошлой неделе", "week", "2026-W11", "2026-03-09", "2026-03-15", None)),
    ("В прошлом месяце цены выросли.", WED, ("прошлом месяце", "month", "2026-02", "2026-02-01", "2026-02-28", None)),
    ("В прошлом году цены выросли.", WED, ("прошлом году", "year", "2025", "2025-01-01", "2025-12-31", None)),
    ("С начала этого года цены выросли.", WED,
     ("С начала этого года", "year", "2026", "2026-01-01", "2026-04-30", "since early")),
    ("В следующем году цены вырастут.", WED, ("следующем году", "year", "2027", "2027-01-01", "2027-12-31", None)),
    ("В прошлом месяце цены выросли.", dt.date(2026, 1, 5),
     ("прошлом месяце", "month", "2025-12", "2025-12-01", "2025-12-31", None)),
    ("На этой неделе танкер задержали.", WED, ("этой неделе", "week", "2026-W12", "2026-03-16", "2026-03-22", None)),
    # nights and ranges
    ("В ночь на 14 марта дроны атаковали НПЗ.", WED,
     ("ночь на 14 марта", "day", "2026-03-14", "2026-03-13", "2026-03-14", "night before")),
    ("В ночь на 1 марта дроны атаковали НПЗ.", WED,
     ("ночь на 1 марта", "day", "2026-03-01", "2026-02-28", "2026-03-01", "night before")),
    ("С 1 по 5 марта шли переговоры.", WED,
     ("С 1 по 5 марта", "day", "2026-03-01/2026-03-05", "2026-03-01", "2026-03-05", None)),
    ("С 1 февраля по 5 марта шли переговоры.", WED,
     ("С 1 февраля по 5 марта", "day", "2026-02-01/2026-03-05", "2026-02-01", "2026-03-05", None)),
    ("Переговоры шли с 28 февраля до 2 марта 2024 года.", WED,
     ("с 28 февраля до 2 марта 2024 года", "day", "2024-02-28/2024-03-02", "2024-02-28", "2024-03-02", None)),
    ("Переговоры шли с 20 декабря по 5 января 2025 года.", WED,
     ("с 20 декабря по 5 января 2025 года", "day", "2024-12-20/2025-01-05", "2024-12-20", "2025-01-05", None)),
    ("Переговоры шли 1-5 марта 2025 года.", WED,
     ("1-5 марта 2025 года", "day", "2025-03-01/2025-03-05", "2025-03-01", "2025-03-05", None)),
    # without the article's date: text and precision, no value
    ("Вчера дроны атаковали НПЗ.", None, ("Вчера", "day", None, None, None, None)),
    ("Накануне министр заявил о переговорах.", None, ("Накануне", "day", None, None, None, None)),
    ("В понедельник дроны атаковали НПЗ.", None, ("понедельник", "day", None, None, None, None)),
    ("Две недели назад танкер задержали.", None, ("Две недели назад", "day", None, None, None, None)),
    ("На прошлой неделе танкер задержали.", None, ("прошлой неделе", "week", None, None, None, None)),
    ("В прошлом году цены выросли.", None, ("прошлом году", "year", None, None, None, None)),
    ("В ночь на 14 марта дроны атаковали НПЗ.", None,
     ("ночь на 14 марта", "day", None, None, None, "night before")),
    ("С 1 по 5 марта шли переговоры.", None, ("С 1 по 5 марта", "day", None, None, None, None)),
])
def test_recognised(baseline_nlp, sentence, ref, expected):
    doc, found = dates(baseline_nlp, sentence, ref)
    assert len(found) == 1, found
    start, end, v = found[0]
    assert (doc[start:end].text, v.precision, v.value, v.begin, v.end, v.qualifier) == expected
    assert v.text == doc[start:end].text


def test_before_an_event_is_not_the_day_before(baseline_nlp):
    """"накануне выборов" is a preposition: no date of its own."""
    assert dates(baseline_nlp, "Накануне выборов министр заявил о переговорах.", WED)[1] == []


@pytest.mark.parametrize("sentence, date", [
    ("В понедельник, 27 апреля 2020 года, танкер задержали.", ("понедельник, 27 апреля 2020 года", "2020-04-27")),
    ("Встреча пройдет в понедельник днем, 24 января.", ("понедельник днем, 24 января", "2026-01-24")),  # factru
])
def test_a_weekday_with_its_date_is_one_expression_valued_by_the_date(baseline_nlp, sentence, date):
    doc, found = dates(baseline_nlp, sentence, WED)
    assert [(doc[s:e].text, v.value) for s, e, v in found] == [date]
    assert found[0][2].text == date[0]


def test_character_offsets_and_source(baseline_nlp):
    text = "Договор подписан 15.01.2026, а с 2025 года действует запрет."
    doc, found = dates(baseline_nlp, text, WED)
    assert [(text[v.char_start:v.char_end], v.source) for _, _, v in found] == \
        [("15.01.2026", "text"), ("с 2025 года", "text")]


def test_a_day_the_month_does_not_have_gives_the_month():
    """"31 февраля 2024 года" was the xsd:date "2024-02-31", which no store or parser accepts as a date."""
    v = month_value(2, 2024, 31, None, "31 февраля 2024 года")
    assert (v.precision, v.value, v.begin, v.end) == ("month", "2024-02", "2024-02-01", "2024-02-29")
    assert month_value(2, 2024, 29, None, "29 февраля").value == "2024-02-29"


@pytest.mark.parametrize("value", [month_value(3, None, 4, dt.date(1, 1, 1), "4 марта"),
                                   month_value(3, None, None, dt.date(1, 1, 1), "в марте"),
                                   season_value("autumn", None, dt.date(1, 1, 1), "осенью")])
def test_before_an_article_of_year_1_the_year_is_unknown(value):
    """The previous year of an article dated 0001-01-01 is year 0, which no xsd date has ("0-03-04")."""
    assert (value.value, value.begin, value.end) == (None, None, None)


def test_years_before_1000_have_four_digits():
    """xsd:gYearMonth and xsd:date need a year of four digits ("1-01" is ill-typed)."""
    v = month_value(1, None, None, dt.date(1, 1, 20), "в январе")
    assert (v.value, v.begin, v.end) == ("0001-01", "0001-01-01", "0001-01-31")
    v = season_value("winter", 999, None, "зимой")
    assert (v.value, v.begin, v.end) == ("0999-winter", "0999-12-01", "1000-02-28")


# --- forms of news dates that were missed (issue 16.4) ---------------------------------------------

@pytest.mark.parametrize("sentence, ref, expected", [
    ("Премьер осудил визит в ноябре прошлого года.", WED,
     ("ноябре прошлого года", "month", "2025-11", "2025-11-01", "2025-11-30", None)),
    ("Премьер осудил визит в ноябре прошлого года.", None, ("ноябре прошлого года", "month", None, None, None, None)),
    ("Самолет рухнул 25 декабря прошлого года.", WED,
     ("25 декабря прошлого года", "day", "2025-12-25", "2025-12-25", "2025-12-25", None)),
    ("После мартовских терактов усилили охрану.", WED, ("мартовских", "month", "2026-03", "2026-03-01", "2026-03-31", None)),
    ("После Октябрьской революции полицию отменили.", WED, None),     # a name's word, not a month
    ("Имам был застрелен после субботней молитвы.", WED,
     ("субботней", "day", "2026-03-14", "2026-03-14", "2026-03-14", None)),
    ("На прошлогоднем параде ему вручили орден.", WED,
     ("прошлогоднем", "year", "2025", "2025-01-01", "2025-12-31", None)),
    ("Победитель вчерашнего турнира получил приз.", WED,
     ("вчерашнего", "day", "2026-03-17", "2026-03-17", "2026-03-17", None)),
    ("Преступления произошли в 90-ых годах.", WED, ("90-ых годах", "decade", "1990s", "1990-01-01", "1999-12-31", None)),
    ("Завод построили в 10-х годах.", WED, ("10-х годах", "decade", "2010s", "2010-01-01", "2019-12-31", None)),
    ("Завод построили в 30-е годы.", WED, ("30-е годы", "decade", "1930s", "1930-01-01", "1939-12-31", None)),
    ("Завод построили в 20-е годы.", None, ("20-е годы", "decade", None, None, None, None)),
    ("В конце мая суд оправдал его.", WED, ("конце мая", "month", "2025-05", "2025-05-21", "2025-05-31", "late")),
    ("В начале марта 2024 года суд оправдал его.", WED,
     ("начале марта 2024 года", "month", "2024-03", "2024-03-01", "2024-03-10", "early")),
    ("Жюри кинофестиваля в 2017 возглавит Педро Альмодовар", WED,
     ("2017", "year", "2017", "2017-01-01", "2017-12-31", None)),
    ("Фильм получил главный приз кинофестиваля 2017", WED, ("2017", "year", "2017", "2017-01-01", "2017-12-31", None)),
    ("Группа находилась в 1500 метрах от дома.", WED, None),
    ("Указ № 2017.", WED, None),
    ("Министр был уволен на следующий день после юбилея.", WED, ("следующий день", "day", None, None, None, None)),
    ("В тот же день он предстал перед судом.", WED, ("тот же день", "day", None, None, None, None)),
    ("Две недели спустя политик принес присягу.", WED, ("Две недели спустя", "day", None, None, None, None)),
    ("Его арестовали за две минуты до вылета.", WED, ("за две минуты", "day", None, None, None, None)),
    ("За год компания заработала миллион.", WED, None),     # a while, not a time
    ("В следующем году цены вырастут.", WED, ("следующем году", "year", "2027", "2027-01-01", "2027-12-31", None)),
])
def test_news_forms(baseline_nlp, sentence, ref, expected):
    doc, found = dates(baseline_nlp, sentence, ref)
    got = [(doc[s:e].text, v.precision, v.value, v.begin, v.end, v.qualifier) for s, e, v in found]
    assert got == ([expected] if expected else [])


def test_a_day_without_its_year_takes_the_story_year(baseline_nlp):
    doc = baseline_nlp("12 июня состоялась встреча, а в конце мая начались протесты.")
    found = find_dates(doc[:], None, story=2018)
    assert [(v.text, v.value) for _, _, v in found] == [("12 июня", "2018-06-12"), ("конце мая", "2018-05")]
    assert [v.value for _, _, v in find_dates(doc[:], None)] == [None, None]


@pytest.mark.parametrize("sentence, expected", [
    ("С 2005 по 2008 год он был министром.", ("С 2005 по 2008 год", "year", "2005/2008", "2005-01-01", "2008-12-31")),
    ("С 2005 года по 2008 год он был министром.",
     ("С 2005 года по 2008 год", "year", "2005/2008", "2005-01-01", "2008-12-31")),
    ("Бои шли с августа по октябрь 2014 года.",
     ("с августа по октябрь 2014 года", "month", "2014-08/2014-10", "2014-08-01", "2014-10-31")),
    ("Он участвовал в боях (август — сентябрь 2014).",
     ("август — сентябрь 2014", "month", "2014-08/2014-09", "2014-08-01", "2014-09-30")),
    ("Он участвовал в боях (сентябрь 2014 — январь 2015 годов).",
     ("сентябрь 2014 — январь 2015 годов", "month", "2014-09/2015-01", "2014-09-01", "2015-01-31")),
])
def test_ranges_of_months_and_years(baseline_nlp, sentence, expected):
    doc, found = dates(baseline_nlp, sentence, WED)
    assert [(v.text, v.precision, v.value, v.begin, v.end) for _, _, v in found] == [expected]


@pytest.mark.parametrize("sentence, expected", [
    ("Около 10:30 мужчина напал на полицейских.", ("10:30", "at 10:30")),
    ("Он умер в 3:40 по местному времени.", ("3:40 по местному времени", "at 03:40")),
    ("Он умер в 10.25 по местному времени.", ("10.25 по местному времени", "at 10:25")),
    ("Стрелок открыл огонь около 8 утра.", ("8 утра", "at 08:00")),
    ("В 3 часа ночи их арестовали.", ("3 часа ночи", "at 03:00")),
    ("Встреча началась в 5 вечера.", ("5 вечера", "at 17:00")),
    ("В полночь произошла авария.", ("полночь", "at 00:00")),
    ("Цены выросли в 10.25 раза.", None),
    ("Он работал в течение 5 часов.", None),
])
def test_a_time_of_day_is_written_without_a_value(baseline_nlp, sentence, expected):
    doc, found = dates(baseline_nlp, sentence, WED)
    assert [(v.text, v.qualifier) for _, _, v in found] == ([expected] if expected else [])
    assert all((v.precision, v.value) == ("day", None) for _, _, v in found)


def test_a_day_and_its_time_of_day_are_one_expression(baseline_nlp):
    doc, found = dates(baseline_nlp, "В субботу около полудня в номер ворвались двое.", WED)
    assert [(v.text, v.value, v.qualifier) for _, _, v in found] == [("субботу около полудня", "2026-03-14", "at 12:00")]


@pytest.mark.parametrize("text", ["Сегодня", "«Вчера", "три дня назад", "две недели назад", "месяц назад",
                                  "13 лет назад", "4 года назад", "в субботу"])
def test_search_relative_reads_as_dateparser_from_any_base(text):
    """Words read once as day offsets (`relative_reading`) give dateparser's own answer from other bases,
    month ends and leap days included; months, years and weekdays are not taken for day offsets."""
    from extract.dates import parse_relative, relative_reading, search_relative
    for base in (dt.datetime(2012, 3, 1), dt.datetime(2013, 3, 1), dt.datetime(2019, 12, 31), dt.datetime(2021, 5, 3)):
        assert search_relative(text, base) == parse_relative.__wrapped__(text, base)
    texts, offsets = relative_reading(text)
    assert (offsets is None) == (text in ("месяц назад", "13 лет назад", "4 года назад", "в субботу"))
    assert texts is not None


def test_a_relative_day_from_the_calendars_first_day_is_nothing_not_a_crash():
    """"вчера" from 0001-01-01 has no day before it: dateparser finds nothing there, and so does the offset kept
    by the words alone (which overflowed)."""
    from extract.dates import search_relative
    assert search_relative("вчера", dt.datetime(1, 1, 1)) == ()
    assert search_relative("вчера", dt.datetime(2020, 1, 1)) == (("вчера", dt.datetime(2019, 12, 31)),)
