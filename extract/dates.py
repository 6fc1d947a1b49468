"""Temporal expressions in Russian with their precision, relative to the article's date.

Recognition comes from two libraries and a thin layer of the project's own rules:
- natasha's `DatesExtractor` reads absolute dates. Its grammar costs several milliseconds a sentence and, on
  dates written with a month name or "году", finds what the rules find, so it runs only on sentences holding
  what the rules do not read: "15.01.2026", a glued "1912г.", a number beside a no-break space;
- dateparser reads relative ones ("вчера", "в понедельник", "две недели назад"), only on the few words before
  a cue word (about a millisecond each);
- the rules keep the project's precision and season layer and read, on lemmas (any case form): month dates
  ("22 января 2026 года", "в апреле 2024-го", "в ноябре прошлого года", "в конце мая"), years ("в 1992 году",
  a bare "в 2017 возглавит"), seasons ("осенью" -> the latest autumn that began before the article), decades
  ("в 1990-е годы", "в начале 2000-х", "в 90-х"), qualifiers ("с начала 2025 года": "since early"), ranges
  ("с 1 по 5 марта", "1-5 марта", "с 2005 по 2008 год", "август — сентябрь 2014"), "в ночь на 14 марта",
  "накануне" and "на прошлой неделе", "в прошлом месяце", "в этом году", adjectives ("мартовских терактов",
  "вчерашнего", "субботней", "прошлогоднем"). Weekdays are the latest such day on or before the article's date
  (dateparser takes the week before when the article falls on that weekday). A time told from another event's
  ("на следующий день", "две недели спустя", "за две минуты до") is kept as written, without a value.
Where expressions overlap, the longest wins; on a tie, the rules' (they carry qualifiers).

"В ночь на 14 марта" is the night from the 13th to the 14th: precision day, value the 14th (the day the text
names, as timelines date such attacks), begin the 13th, end the 14th, qualifier "night before".
A range has the precision of its ends (day, month, year) and the value "begin/end" (an ISO 8601 interval).

An expression that needs the year or the article's date ("осенью", "17 февраля", "вчера") in an article without
a date keeps its text and precision but gets no value: the day of the build must not stand in for it. The
events stage passes the year of the article's first full date (`story_year`) instead, as a reader takes it.
"""
from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
from functools import lru_cache
from typing import Optional

from ontology.lexicon import load_lexicon

from . import models
from .records import TimeValue
from .token_columns import columns, text as doc_text

# Months and seasons are the ontology's words (ontology/grammar.ttl, the package's: they do not vary by corpus).
MONTHS = dict(load_lexicon().grammar.months)      # lemma -> 1..12
SEASONS = dict(load_lexicon().grammar.seasons)    # word -> winter, spring, summer, autumn
SEASON_MONTHS = {"winter": (12, 2), "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11)}
QUALIFIERS = {"начало": "early", "конец": "late", "середина": "mid"}
SINCE, UNTIL = {"с", "со"}, {"до", "к"}
AFTER = {"после"}     # "прекратились после 6 июня": a bound, not the day it happened
WEEKDAYS = {d: i for i, d in enumerate(
    ["понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"])}
WEEKDAYS["воскресение"] = 6     # the lemmatizer's reading of "в воскресенье"
RELATIVE_WORDS = {"вчера", "сегодня", "завтра", "позавчера", "послезавтра", "назад"}
# adjectives of a day or year before the article's ("вчерашнего матча", "субботней молитвы", "прошлогоднем параде")
DAY_ADJECTIVES = {"сегодняшний": 0, "вчерашний": 1, "позавчерашний": 2}
WEEKDAY_ADJECTIVES = {"пятничный": 4, "субботний": 5, "воскресный": 6}
YEAR_ADJECTIVES = {"прошлогодний": 1}
UNIT_PRECISION = {"день": "day", "сутки": "day", "неделя": "day", "месяц": "month", "год": "year", "лет": "year"}
DAY_PARTS = {"утром", "днем", "днём", "вечером", "ночью"}
PAST, THIS, NEXT = {"прошлый", "прошедший"}, {"этот", "текущий", "нынешний"}, {"следующий", "будущий"}
ADJECTIVES = PAST | THIS | NEXT
# a time told from another event's ("на следующий день", "в тот же день", "две недели спустя", "через месяц",
# "за две минуты до вылета"): written, but its value is not known from the article's date
ANAPHORIC = {"следующий", "другой", "тот"}
AFTER_UNITS = {"спустя", "через", "за"}
UNITS = {**UNIT_PRECISION, "час": "day", "минута": "day"}
# a time of day ("около 10:30", "в 10.25 по местному времени", "около 8 утра", "в 3 часа ночи", "в полночь"):
# written, without a value (the day is another expression's)
CLOCK = re.compile(r"^([01]?\d|2[0-3])[.:]([0-5]\d)$")
CLOCK_PREPOSITIONS = {"в", "около", "примерно", "после", "до", "к"}
DAY_PART_GENITIVES = {"утра", "вечера", "ночи"}
MIDDAY = {"полночь": "00:00", "полдень": "12:00"}
RULE_WORDS = {*MONTHS, *SEASONS, *ADJECTIVES, *DAY_ADJECTIVES, *WEEKDAY_ADJECTIVES, *YEAR_ADJECTIVES, *ANAPHORIC,
              *AFTER_UNITS, *MIDDAY, "накануне"}       # a token the rules may start at, besides digits
YEAR = re.compile(r"^((?:1\d|20)\d\d)(?:-(?:го|м|й|ом))?$")       # "2024", "2024-го"
DECADE = re.compile(r"^((?:1[89]|20)?\d)0-(?:е|х|ые|ых)$")         # "1990-е", "1990-х", "90-х"
DAY_RANGE = re.compile(r"^(\d{1,2})\s*[-–—]\s*(\d{1,2})$")         # "1-5", "1–5"
# what natasha reads and the rules do not: "15.01.2026", "1912г.", a number beside a no-break space (a token
# of its own, which the rules do not step over)
CUE_NUMBER = re.compile(r"(?<!\d)(?:\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}г)(?!\d)|\d\xa0|\xa0\d")
DASHES = {"-", "–", "—"}
YEAR_RANGE = re.compile(r"^((?:1[89]|20)\d\d)[-–—]((?:1[89]|20)\d\d)$")   # "1979–1980"


def year_of(token) -> Optional[int]:
    m = YEAR.match(token.text)
    return int(m.group(1)) if m else None


def day_of(token) -> Optional[int]:
    return int(token.text) if token.text.isdigit() and 1 <= int(token.text) <= 31 else None


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def day_value(day: Optional[dt.date], text: str, precision: str = "day") -> TimeValue:
    """A resolved day (None: the article's date is unknown) at day, month or year precision."""
    if day is None:
        return TimeValue(text=text, precision=precision, value=None, begin=None, end=None)
    if precision == "month":
        return month_value(day.month, day.year, None, None, text)
    if precision == "year":
        return year_value(day.year, None, text)
    iso = day.isoformat()
    return TimeValue(text=text, precision="day", value=iso, begin=iso, end=iso)


def season_value(season: str, year: Optional[int], ref: Optional[dt.date], text: str) -> TimeValue:
    first, last = SEASON_MONTHS[season]
    if year is None:
        if ref is None:
            return TimeValue(text=text, precision="season", value=None, begin=None, end=None)
        year = ref.year
        if dt.date(year, first, 1) > ref:   # not begun yet this year: the previous one
            year -= 1
        if year < 1:                        # before an article dated in year 1: no such year
            return TimeValue(text=text, precision="season", value=None, begin=None, end=None)
    end_year = year + 1 if season == "winter" else year
    return TimeValue(text=text, precision="season", value=f"{year:04d}-{season}",
                     begin=f"{year:04d}-{first:02d}-01",
                     end=f"{end_year:04d}-{last:02d}-{last_day(end_year, last):02d}")


def month_value(month: int, year: Optional[int], day: Optional[int], ref, text) -> TimeValue:
    if year is None:
        if ref is None:
            return TimeValue(text=text, precision="day" if day else "month", value=None, begin=None, end=None)
        year = ref.year if month <= ref.month else ref.year - 1
        if year < 1:
            return TimeValue(text=text, precision="day" if day else "month", value=None, begin=None, end=None)
    if day and day > last_day(year, month):   # "31 февраля": no such day, the month is what is sure
        day = None
    if day:
        iso = f"{year:04d}-{month:02d}-{day:02d}"
        return TimeValue(text=text, precision="day", value=iso, begin=iso, end=iso)
    return TimeValue(text=text, precision="month", value=f"{year:04d}-{month:02d}",
                     begin=f"{year:04d}-{month:02d}-01", end=f"{year:04d}-{month:02d}-{last_day(year, month):02d}")


def part_of_month(value: TimeValue, qualifier: str) -> TimeValue:
    """"в начале мая": the month, qualified, its bounds the first ten days ("в середине": the next ten,
    "в конце": the rest)."""
    value.qualifier = qualifier
    if value.value is not None:
        first, last = {"early": (1, 10), "mid": (11, 20), "late": (21, int(value.end[8:]))}[qualifier]
        value.begin, value.end = f"{value.value}-{first:02d}", f"{value.value}-{last:02d}"
    return value


def year_value(year: int, qualifier: Optional[str], text: str) -> TimeValue:
    begin, end = f"{year:04d}-01-01", f"{year:04d}-12-31"
    if qualifier == "early":
        end = f"{year:04d}-04-30"
    elif qualifier == "late":
        begin = f"{year:04d}-09-01"
    return TimeValue(text=text, precision="year", value=f"{year:04d}", begin=begin, end=end, qualifier=qualifier)


def decade_value(first_year: int, text: str) -> TimeValue:
    return TimeValue(text=text, precision="decade", value=f"{first_year // 10}0s",
                     begin=f"{first_year}-01-01", end=f"{first_year + 9}-12-31")


def range_value(month: int, year: Optional[int], first: int, last: int, ref, text) -> TimeValue:
    """"с 1 по 5 марта": precision day, value "begin/end", the bounds."""
    a, b = month_value(month, year, first, ref, text), month_value(month, year, last, ref, text)
    if a.value is None or b.value is None or a.value > b.value:
        return TimeValue(text=text, precision="day", value=None, begin=None, end=None)
    return TimeValue(text=text, precision="day", value=f"{a.value}/{b.value}", begin=a.value, end=b.value)


def night_value(month: int, year: Optional[int], day: int, ref, text) -> TimeValue:
    """"в ночь на 14 марта": the 14th, bounded by the evening of the 13th."""
    v = month_value(month, year, day, ref, text)
    v.qualifier = "night before"
    if v.value is not None:
        v.begin = (dt.date.fromisoformat(v.value) - dt.timedelta(days=1)).isoformat()
    return v


# ---------------------------------------------------------------- the project's rules (on tokens)

def relative_year(doc, j, span, ref, story) -> tuple[int, Optional[int]]:
    """"прошлого года" after a month (tokens j, j+1): (the token after it, the year, None if unknown)."""
    back = 1 if doc[j].lemma_ in PAST else -1 if doc[j].lemma_ in NEXT else 0
    base = ref.year if ref else story
    return j + 2, (base - back if base else None)


def month_rule(doc, i, span, ref, story=None):
    """A month or season at token i with its day before and its year after (or a range, or a night)."""
    lemma = doc[i].lemma_.lower()
    if doc[i].pos_ == "ADJ" and lemma in MONTHS:       # "мартовских терактов": that month, not a name's word
        if doc[i].text[0].isupper() and i > span.start:     # "Октябрьской революции"
            return None
        return i, i + 1, month_value(MONTHS[lemma], story, None, ref, doc[i].text)
    j, year = i + 1, None
    if j < span.end and year_of(doc[j]):
        year, j = year_of(doc[j]), j + 1
    elif j + 1 < span.end and doc[j].lemma_ in ADJECTIVES and doc[j + 1].lemma_ == "год":   # "ноября прошлого года"
        j, year = relative_year(doc, j, span, ref, story)
        if year is None:                  # neither the article's date nor the story's year: no value
            return i, j, TimeValue(text=doc[i:j].text, precision="month", value=None, begin=None, end=None)
    if j < span.end and doc[j].lemma_ in ("год", "г."):
        j += 1
    year = year or story
    if lemma in SEASONS:
        return i, j, season_value(SEASONS[lemma], year, ref, doc[i:j].text)
    month, prev = MONTHS[lemma], doc[i - 1] if i > span.start else None
    hyphen = DAY_RANGE.match(prev.text) if prev is not None else None
    if hyphen:                                                             # "1-5 марта"
        first, last = int(hyphen.group(1)), int(hyphen.group(2))
        return i - 1, j, range_value(month, year, first, last, ref, doc[i - 1:j].text)
    day = day_of(prev) if prev is not None else None
    if day is None and prev is not None and prev.lemma_ in QUALIFIERS:          # "в конце мая"
        return i - 1, j, part_of_month(month_value(month, year, None, ref, doc[i - 1:j].text), QUALIFIERS[prev.lemma_])
    if day is None:
        return i, j, month_value(month, year, None, ref, doc[i:j].text)
    k = i - 1                                                              # index of the day
    if k - 3 >= span.start and doc[k - 1].lower_ in ("по", "до") and day_of(doc[k - 2]) \
            and doc[k - 3].lower_ in SINCE:                               # "с 1 по 5 марта"
        return k - 3, j, range_value(month, year, day_of(doc[k - 2]), day, ref, doc[k - 3:j].text)
    if k - 2 >= span.start and doc[k - 1].lower_ == "на" and doc[k - 2].lemma_ == "ночь":  # "в ночь на 14 марта"
        return k - 2, j, night_value(month, year, day, ref, doc[k - 2:j].text)
    return k, j, month_value(month, year, day, ref, doc[k:j].text)


def relative_rule(doc, i, span, ref, story=None):
    """"накануне", "на прошлой неделе", "в прошлом месяце", "в этом году" (this one also from the story's year
    when the article's date is unknown)."""
    t = doc[i]
    if t.lemma_ == "накануне" and t.dep_ != "case":        # the adverb; "накануне выборов" is not the day before
        return i, i + 1, day_value(ref - dt.timedelta(days=1) if ref else None, t.text)
    if t.lemma_ in DAY_ADJECTIVES or t.lemma_ in WEEKDAY_ADJECTIVES or t.lemma_ in YEAR_ADJECTIVES:
        return adjective_rule(t, ref, story)
    if t.lemma_ not in ADJECTIVES or i + 1 >= span.end or doc[i + 1].lemma_ not in ("неделя", "месяц", "год"):
        return None
    unit, text = doc[i + 1].lemma_, doc[i:i + 2].text
    back = 1 if t.lemma_ in PAST else -1 if t.lemma_ in NEXT else 0
    precision = {"неделя": "week", "месяц": "month", "год": "year"}[unit]
    if unit == "год" and (ref or story):                  # "с начала этого года": "since early"
        qualifier = QUALIFIERS.get(doc[i - 1].lemma_) if i > span.start else None
        start = i - bool(qualifier)
        return start, i + 2, year_value((ref.year if ref else story) - back, qualifier, doc[start:i + 2].text)
    if ref is None:
        return i, i + 2, TimeValue(text=text, precision=precision, value=None, begin=None, end=None)
    if unit == "месяц":
        months = ref.year * 12 + ref.month - 1 - back
        return i, i + 2, month_value(months % 12 + 1, months // 12, None, None, text)
    monday = ref - dt.timedelta(days=ref.weekday() + 7 * back)
    iso = monday.isocalendar()
    return i, i + 2, TimeValue(text=text, precision="week", value=f"{iso[0]}-W{iso[1]:02d}",
                               begin=monday.isoformat(), end=(monday + dt.timedelta(days=6)).isoformat())


def adjective_rule(t, ref, story):
    """"вчерашнего матча" (a day), "субботней молитвы" (the latest Saturday), "прошлогоднем параде" (a year)."""
    if t.lemma_ in YEAR_ADJECTIVES:
        base = ref.year if ref else story
        if base is None:
            return t.i, t.i + 1, TimeValue(text=t.text, precision="year", value=None, begin=None, end=None)
        return t.i, t.i + 1, year_value(base - YEAR_ADJECTIVES[t.lemma_], None, t.text)
    if t.lemma_ in DAY_ADJECTIVES:
        day = ref - dt.timedelta(days=DAY_ADJECTIVES[t.lemma_]) if ref else None
    else:
        day = ref - dt.timedelta(days=(ref.weekday() - WEEKDAY_ADJECTIVES[t.lemma_]) % 7) if ref else None
    return t.i, t.i + 1, day_value(day, t.text)


def before(doc, i, span, *words) -> bool:
    return i > span.start and doc[i - 1].lower_ in words


def after(doc, i, span, lemma) -> bool:
    return i + 1 < span.end and doc[i + 1].lemma_ == lemma


def decade_rule(doc, i, span, ref=None, story=None):
    """"1990-е годы", "в 1980-е", "в начале 2000-х", "в 90-х годах": not a bare "90-х" of a list of numbers."""
    qualifier = QUALIFIERS.get(doc[i - 1].lemma_) if i > span.start else None
    if not (after(doc, i, span, "год") or qualifier or before(doc, i, span, "в", "с", "до", "к")):
        return None
    start, stop = i - bool(qualifier), i + 1 + after(doc, i, span, "год")
    first = century(int(DECADE.match(doc[i].text).group(1) + "0"), ref.year if ref else story)
    if first is None:
        return start, stop, TimeValue(text=doc[start:stop].text, precision="decade", value=None, begin=None,
                                      end=None, qualifier=qualifier)
    value = decade_value(first, doc[start:stop].text)
    value.qualifier = qualifier
    return start, stop, value


def century(decade: int, base: Optional[int]) -> Optional[int]:
    """"90-х" is the 1990s, "00-х" the 2000s; "10-х" the 2010s if they began by the article's (or story's)
    year, else the 1910s; without that year, the 1910s and 1920s are not told from the 2010s and 2020s."""
    if decade >= 100:
        return decade
    if base is not None:
        return 2000 + decade if 2000 + decade <= base else 1900 + decade
    return 1900 + decade if decade >= 30 else 2000 if decade == 0 else None


def anaphoric_rule(doc, i, span):
    """"на следующий день", "в тот же день", "через две недели", "за две минуты до", "две недели спустя"."""
    t, j = doc[i], i + 1

    def unit_at(k):
        return k < span.end and doc[k].lemma_ in UNITS

    def counted(k):          # the token after "[число] единица" starting at k, or None
        if k < span.end and (doc[k].like_num or doc[k].pos_ == "NUM" or doc[k].lemma_ == "несколько"):
            k += 1
        return k + 1 if unit_at(k) else None
    if t.lemma_ in ANAPHORIC:
        j += j < span.end and doc[j].lower_ == "же"
        if not unit_at(j) or (t.lemma_ == "следующий" and doc[j].lemma_ != "день"):   # "в следующем году": the
            return None                                                                # article's next year
        stop = j + 1
    elif t.lower_ == "спустя":
        k = i - 1
        if k < span.start or not unit_at(k):
            return None
        start = k - (k > span.start and (doc[k - 1].like_num or doc[k - 1].pos_ == "NUM"))
        return start, i + 1, TimeValue(text=doc[start:i + 1].text, precision=UNITS[doc[k].lemma_], value=None,
                                       begin=None, end=None)
    else:
        stop = counted(j)
        if stop is None or (t.lower_ == "за" and not (stop < span.end and doc[stop].lower_ == "до")):
            return None       # "за год" is a while, "за неделю до выборов" a time
    unit = next(doc[k].lemma_ for k in range(i, stop) if doc[k].lemma_ in UNITS)
    return i, stop, TimeValue(text=doc[i:stop].text, precision=UNITS[unit], value=None, begin=None, end=None)


def clock_rule(doc, i, span):
    """A time of day after "в", "около": its text, qualifier "at HH:MM", no value."""
    t, stop, at = doc[i], None, None
    if t.lemma_ in MIDDAY:
        stop, at = i + 1, MIDDAY[t.lemma_]
    elif CLOCK.match(t.text) and not (i + 1 < span.end and doc[i + 1].pos_ == "NOUN"):   # not "в 10.25 раза"
        stop, at = i + 1, "{:02d}:{}".format(int(CLOCK.match(t.text).group(1)), CLOCK.match(t.text).group(2))
    elif i + 2 < span.end and doc[i + 1].text == ":" and CLOCK.match(f"{t.text}:{doc[i + 2].text}"):   # "10:30"
        stop, at = i + 3, f"{int(t.text):02d}:{doc[i + 2].text}"
    elif i + 1 < span.end and t.text.isdigit() and int(t.text) <= 24 and \
            (doc[i + 1].lemma_ == "час" or doc[i + 1].lower_ in DAY_PART_GENITIVES):         # "в 3 часа ночи"
        stop = i + 2 + (i + 2 < span.end and doc[i + 1].lemma_ == "час" and doc[i + 2].lower_ in DAY_PART_GENITIVES)
        evening = doc[stop - 1].lower_ == "вечера" and int(t.text) < 12                    # "в 5 вечера": 17:00
        at = f"{int(t.text) + 12 * evening:02d}:00"
    if stop is None:
        return None
    if stop + 2 < span.end and doc[stop].lower_ == "по" and doc[stop + 2].lemma_ == "время":   # "по местному
        stop += 3                                                                                 # времени"
    return i, stop, TimeValue(text=doc[i:stop].text, precision="day", value=None, begin=None, end=None,
                              qualifier=f"at {at}")


def bare_year(doc, i, span) -> bool:
    """A year without "году": "в 1976,", "в 2017 возглавит", a headline's "кинофестиваля 2017" (a year of
    this or the last century after a noun, ending the phrase); not "в 1500 метрах", "№ 2017"."""
    t = doc[i]
    if not year_of(t):
        return False
    ends = i + 1 == span.end or doc[i + 1].is_punct
    if before(doc, i, span, *SINCE, *UNTIL, "в", "по"):           # "с 2005 по 2008 год"
        return ends or doc[i + 1].pos_ in ("VERB", "AUX") or \
            (before(doc, i, span, *SINCE) and doc[i + 1].lower_ in ("по", "до"))
    return ends and t.text[:2] in ("19", "20") and i > span.start and doc[i - 1].pos_ in ("NOUN", "PROPN") \
        and doc[i - 1].lower_ not in ("№", "номер")


def rule_dates(span, ref, story=None):
    doc, found, i = span.doc, [], span.start
    cues = cue_tokens(span)
    while i < span.end:
        if cues is not None and not cues[i]:      # neither a digit nor a date word: no spaCy Token for it
            i += 1
            continue
        t, hit = doc[i], None
        lemma = t.lemma_.lower()
        if not t.text[0].isdigit() and lemma not in RULE_WORDS:     # most tokens: one look
            i += 1
            continue
        if lemma in MONTHS or lemma in SEASONS:
            hit = month_rule(doc, i, span, ref, story)
        elif year_of(t) and i + 1 < span.end and doc[i + 1].lemma_ in ("год", "г."):
            start, qualifier = i, None
            if i > span.start and doc[i - 1].lemma_ in QUALIFIERS:
                qualifier, start = QUALIFIERS[doc[i - 1].lemma_], i - 1
            hit = start, i + 2, year_value(year_of(t), qualifier, doc[start:i + 2].text)
        elif DECADE.match(t.text):
            hit = decade_rule(doc, i, span, ref, story)
        elif YEAR_RANGE.match(t.text) and (after(doc, i, span, "год") or before(doc, i, span, "в")):
            first, last = (int(y) for y in YEAR_RANGE.match(t.text).groups())
            stop = i + 1 + after(doc, i, span, "год")
            if first < last:
                hit = i, stop, TimeValue(text=doc[i:stop].text, precision="year", value=f"{first}/{last}",
                                         begin=f"{first}-01-01", end=f"{last}-12-31")
        elif bare_year(doc, i, span):
            hit = i, i + 1, year_value(year_of(t), None, t.text)
        elif lemma in ANAPHORIC or lemma in AFTER_UNITS:
            hit = anaphoric_rule(doc, i, span)
        if hit is None and (t.like_num or lemma in MIDDAY) and before(doc, i, span, *CLOCK_PREPOSITIONS):
            hit = clock_rule(doc, i, span)
        if hit is None and lemma in RULE_WORDS:
            hit = relative_rule(doc, i, span, ref, story)
        if hit is None:
            i += 1
            continue
        found.append(hit)
        i = hit[1]
    return found


# ---------------------------------------------------------------- the libraries (on characters)

@lru_cache(maxsize=1)
def natasha_dates():
    """natasha's date grammar over the process's one MorphVocab (`models.morph_vocab`, which the entities stage
    reads too): a second one would load pymorphy2's dictionaries again."""
    from natasha import DatesExtractor
    return DatesExtractor(models.morph_vocab())


def tokens_of(span, start: int, stop: int):
    """Token range of a character range of the span's text, or None."""
    chars = span.doc.char_span(span.start_char + start, span.start_char + stop, alignment_mode="expand")
    return (chars.start, chars.end) if chars is not None and len(chars) else None


def natasha_matches(span, text: str) -> tuple:
    """(start, stop, year, month, day) of each date natasha's grammar finds in a span's text, kept for the
    document: a sentence is read again with the story's year (`story_year`), and the grammar costs milliseconds."""
    try:
        memo = columns(span.doc).memo
    except ValueError:
        memo = {}
    key = (natasha_matches, span.start, span.end)
    if key not in memo:
        memo[key] = tuple((m.start, m.stop, m.fact.year, m.fact.month, m.fact.day) for m in natasha_dates()(text))
    return memo[key]


def span_text(span) -> str:
    """`span.text`, cut from the document's text when it is kept (spaCy joins the span's tokens on every read)."""
    try:
        return doc_text(span.doc)[span.start_char:span.end_char]
    except ValueError:
        return span.text


def natasha_found(span, ref, story=None):
    """Absolute dates the rules do not read (CUE_NUMBER). Run only on sentences that hold one, since
    natasha's grammar costs several milliseconds a sentence, and on the rest it finds what the rules find."""
    text = span_text(span)
    if not CUE_NUMBER.search(text):
        return []
    out = []
    for start, stop, year, month, day in natasha_matches(span, text):
        where = tokens_of(span, start, stop)
        if where is None or (month is None and year is None):
            continue
        text = span.doc[where[0]:where[1]].text
        if month is not None:
            out.append((*where, month_value(month, year or story, day, ref, text)))
        elif year is not None:                         # "2013 года", without its month
            out.append((*where, year_value(year, None, text)))
    return out


def ago_found(span, ref, covered):
    """"неделю назад", "несколько дней назад" where dateparser found nothing (a number word it does not know,
    or a neighbour that spoils its parse): the phrase alone goes to dateparser; "несколько" has no value."""
    doc, out = span.doc, []
    for cue in (t for t in span if t.lemma_ == "назад" and t.i not in covered):
        unit = cue.i - 1 - (cue.i - 1 > span.start and doc[cue.i - 1].lower_ == "тому")
        if unit < span.start or doc[unit].lemma_ not in UNIT_PRECISION:
            continue
        start = unit - 1 if unit > span.start and (doc[unit - 1].like_num or doc[unit - 1].lemma_ == "несколько") \
            else unit
        text, precision = doc[start:cue.i + 1].text, UNIT_PRECISION[doc[unit].lemma_]
        when = None
        if ref and doc[start].lemma_ != "несколько":
            phrase = " ".join(t.text for t in doc[start:cue.i + 1] if t.lower_ != "тому")
            hits = search_relative(phrase, dt.datetime.combine(ref, dt.time()))
            when = hits[0][1].date() if hits else None
            if when is None:
                continue
        out.append((start, cue.i + 1, day_value(when, text, precision)))
    return out


def warm_up() -> None:
    """dateparser compiles its Russian patterns on first use (about 0.4 s), and natasha's grammar loads pymorphy2
    (about 0.5 s): a stage that reads dates calls this when the pipeline is built, as models are loaded then, so
    no document pays for it (in a benchmark of 400 texts, 2 ms a document)."""
    natasha_dates()
    for phrase in ("вчера", "в понедельник", "две недели назад"):
        search_relative(phrase, dt.datetime(2000, 1, 1))


@lru_cache(maxsize=2048)
def parse_relative(text: str, base: dt.datetime) -> tuple:
    """dateparser's (text, datetime) pairs in Russian text, past dates preferred, relative to `base`. Kept: a
    sentence is read again with the story's year, and dateparser takes about a millisecond a call."""
    from dateparser.search import search_dates
    settings = {"PREFER_DATES_FROM": "past", "RELATIVE_BASE": base, "RETURN_AS_TIMEZONE_AWARE": False}
    return tuple(search_dates(text, languages=["ru"], settings=settings) or ())


# Bases far apart in weekday, month length and leap years (2000 is a leap year, 2100 is not): an expression
# read as the same days from each of them ("вчера", "три дня назад") is read so from every base; months,
# years and weekdays ("месяц назад", "13 лет назад", "в субботу") are not.
PROBE_BASES = (dt.datetime(2001, 1, 1), dt.datetime(2004, 3, 18), dt.datetime(2101, 5, 10))


@lru_cache(maxsize=4096)
def relative_reading(text: str) -> tuple[Optional[tuple], Optional[tuple]]:
    """(the texts dateparser finds, their offsets from the base) for words read the same from any base; an
    offset is None where they are not days, the texts None where they differ by base. The few words around a
    cue ("Сегодня", "в субботу") recur from article to article under other dates, so kept by the words alone."""
    readings = [parse_relative(text, base) for base in PROBE_BASES]
    texts = {tuple(t for t, _ in hits) for hits in readings}
    if len(texts) != 1:
        return None, None
    offsets = {tuple(when - base for _, when in hits) for base, hits in zip(PROBE_BASES, readings)}
    return texts.pop(), offsets.pop() if len(offsets) == 1 else None


def search_relative(text: str, base: dt.datetime) -> tuple:
    """`parse_relative`, from the words' offsets in days when they are such (`relative_reading`)."""
    texts, offsets = relative_reading(text)
    if offsets is None or base.time() != dt.time():
        return parse_relative(text, base)
    try:
        return tuple((found, base + offset) for found, offset in zip(texts, offsets))
    except OverflowError:     # a base at the calendar's edge ("0001-01-01" and "вчера"): dateparser's own answer
        return parse_relative(text, base)


def found_texts(text: str, base: dt.datetime) -> tuple:
    """`search_relative`'s texts, with their datetimes only where they differ by base (None otherwise): a
    weekday's day is counted from the article's date ("в субботу"), dateparser's datetime is not read."""
    texts, _ = relative_reading(text)
    if texts is None:
        return search_relative(text, base)
    return tuple((found, None) for found in texts)


def dateparser_found(span, ref):
    """Relative days: "вчера", "в понедельник", "две недели назад". dateparser reads only a few words around
    each cue word (its cost grows with the text, and a sentence without a cue costs nothing)."""
    flags = cue_tokens(span)
    if flags is None:
        cues = [t for t in span if t.lemma_ in RELATIVE_WORDS or t.lemma_ in WEEKDAYS]
    else:                                         # read from the columns: a spaCy Token only for a cue
        lemmas = columns(span.doc).lemma
        cues = [span.doc[i] for i in range(span.start, span.end)
                if flags[i] and (lemmas[i] in RELATIVE_WORDS or lemmas[i] in WEEKDAYS)]
    if not cues:
        return []
    base = dt.datetime.combine(ref, dt.time()) if ref else dt.datetime(2000, 1, 1)
    out, doc = [], span.doc
    for cue in cues:
        if any(s <= cue.i < e for s, e, _ in out):
            continue
        window = doc[max(span.start, cue.i - (3 if cue.lemma_ == "назад" else 1)):cue.i + 1]   # "две недели назад"
        cursor = 0
        read = found_texts if cue.lemma_ in WEEKDAYS else search_relative
        for text, when in read(window.text, base):
            at = window.text.find(text, cursor)
            where = tokens_of(window, at, at + len(text)) if at >= 0 else None
            if where is None or not where[0] <= cue.i < where[1]:   # absolute dates are natasha's business
                continue
            cursor = at + len(text)
            start, stop = where[0], cue.i + 1         # dateparser runs on past the cue ("три года назад 10")
            if cue.lemma_ in WEEKDAYS:                # the latest such weekday on or before the article's date
                day = ref - dt.timedelta(days=(ref.weekday() - WEEKDAYS[cue.lemma_]) % 7) if ref else None
                start += doc[start].pos_ == "ADP"     # "в понедельник": the expression is the weekday
                out.append((start, stop, day_value(day, doc[start:stop].text)))
                continue
            units = [UNIT_PRECISION[t.lemma_] for t in doc[start:stop] if t.lemma_ in UNIT_PRECISION]
            out.append((start, stop, day_value(when.date() if ref else None, doc[start:stop].text,
                                               units[0] if units else "day")))
    return out + ago_found(span, ref, {i for s, e, _ in out for i in range(s, e)})


# ---------------------------------------------------------------- together

def merge(found):
    """The longest of overlapping expressions; on a tie the first given (the rules')."""
    keep = []
    for s, e, v in sorted(found, key=lambda h: (-(h[1] - h[0]))):
        if all(e <= ks or s >= ke for ks, ke, _ in keep):
            keep.append((s, e, v))
    return sorted(keep, key=lambda h: h[0])


def since_until(span, start, stop, value):
    """"с 2025 года", "до 2024 года", "после 6 июня": the preposition joins the expression as its qualifier."""
    doc = span.doc
    if value.qualifier not in (None, *QUALIFIERS.values()) or start <= span.start \
            or doc[start - 1].lower_ not in SINCE | UNTIL | AFTER:
        return start
    word = doc[start - 1].lower_
    if word in AFTER and doc[start].pos_ == "ADJ" and not doc[start].like_num:
        return start        # "после мартовских терактов": the adjective dates its noun, "после" is the noun's
    since = "since" if word in SINCE else "after" if word in AFTER else "until"
    value.qualifier = f"{since} {value.qualifier}" if value.qualifier else since   # "с начала" -> "since early"
    value.text = doc[start - 1:stop].text
    return start - 1


def cue_tokens(span) -> list[Optional[bool]] | None:
    """Per token of the document, read for the span's tokens: may a reader above start at it (a digit in it, or a
    lemma of RULE_WORDS, RELATIVE_WORDS or WEEKDAYS)? Kept in the document's columns (None without them) and
    filled a sentence at a time, as sentences are read: the events stage reads only those with an event, so
    the others' words are never looked at (a token not read yet is None). A sentence with no such token holds
    no date, and most sentences are such."""
    try:
        cols = columns(span.doc)
    except ValueError:
        return None
    cues = cols.memo.get(cue_tokens)
    if cues is None:
        cues = cols.memo[cue_tokens] = [None] * len(cols.text)
    start, end = span.start, span.end
    if None in cues[start:end]:
        if len(_CUES) > CUES_KEPT:
            _CUES.clear()
        words = list(zip(cols.text[start:end], cols.lemma[start:end]))
        found = list(map(_CUES.get, words))       # known words (most, words recur) in C
        if None in found:
            found = [cue if cue is not None else _cue(word) for cue, word in zip(found, words)]
        cues[start:end] = found
    return cues


DIGIT = re.compile(r"\d")
_CUES: dict[tuple[str, str], bool] = {}   # (text, lemma) -> `cue_tokens`' answer, for every document: words recur
CUES_KEPT = 200_000


def _cue(word: tuple[str, str]) -> bool:
    text, lemma = word
    found = _CUES[word] = (lemma.lower() in RULE_WORDS or lemma in RELATIVE_WORDS or lemma in WEEKDAYS
                           or text[:1].isdigit() or DIGIT.search(text) is not None)
    return found


def find_dates(span, ref: Optional[dt.date], story: Optional[int] = None) -> list[tuple[int, int, TimeValue]]:
    """(start token, end token, value) of each temporal expression in a span (a sentence).
    Each value carries its character offsets in the document and the source "text".
    `story`: the year the article states for its story (`story_year`), for a day or month written without its
    year ("12 июня", "в ноябре прошлого года") when the article's date is unknown; relative days stay unknown."""
    doc, out = span.doc, []
    cues = cue_tokens(span)
    if cues is not None and not any(cues[span.start:span.end]):
        return []
    found = merge(rule_dates(span, ref, story) + natasha_found(span, ref, story) + dateparser_found(span, ref))
    weekday_at = None
    for n, (start, stop, value) in enumerate(found):
        if doc[start].lemma_ in WEEKDAYS and n + 1 < len(found) and found[n + 1][2].precision == "day" \
                and all(t.is_punct or t.lower_ in DAY_PARTS for t in doc[stop:found[n + 1][0]]):
            weekday_at = start                        # "в понедельник днем, 24 января": the date says which
            continue
        if weekday_at is not None:
            start, weekday_at = weekday_at, None
            value.text = doc[start:stop].text
        start = since_until(span, start, stop, value)
        value.char_start, value.char_end, value.source = doc[start].idx, doc[stop - 1].idx + len(doc[stop - 1]), "text"
        out.append((start, stop, value))
    return join_clock(doc, join_ranges(doc, out))


def join_ranges(doc, found):
    """"с 1 февраля по 5 марта", "с 2005 по 2008 год", "август — сентябрь 2014": a date since (or before a
    dash) and the date after "по"/"до" (or the dash), of one precision, are one range; a first date without
    its year takes the end's."""
    out = []
    for start, stop, value in found:
        if out and ranged(doc, out[-1], start, value):
            first = with_end_year(out.pop()[2], value)
            both = first.value is not None and value.value is not None and first.value < value.value
            value = TimeValue(text=doc[first_start(doc, first):stop].text, precision=first.precision,
                              value=f"{first.value}/{value.value}" if both else None,
                              begin=first.begin if both else None, end=value.end if both else None,
                              char_start=first.char_start, char_end=value.char_end, source="text")
            start = first_start(doc, first)
        out.append((start, stop, value))
    return out


def join_clock(doc, found):
    """"в субботу около полудня", "27 октября в 10:30": a day and the time of day after it are one expression,
    the day's value with the time as qualifier."""
    out = []
    for start, stop, value in found:
        if out and (value.qualifier or "").startswith("at ") and out[-1][2].precision == "day" \
                and out[-1][2].qualifier is None \
                and all(t.is_punct or t.lower_ in CLOCK_PREPOSITIONS or t.lower_ in DAY_PARTS
                        for t in doc[out[-1][1]:start]):
            first_start_, _, day = out.pop()
            day.text, day.qualifier, day.char_end = doc[first_start_:stop].text, value.qualifier, value.char_end
            start, value = first_start_, day
        out.append((start, stop, value))
    return out


def ranged(doc, previous, start, value) -> bool:
    """Whether a date ends the range `previous` begins."""
    _, stop, first = previous
    if first.precision != value.precision or first.precision not in ("day", "month", "year") \
            or value.qualifier not in (None, "until"):
        return False
    if first.qualifier == "since":
        return stop < len(doc) and doc[stop].lower_ in ("по", "до") and start in (stop, stop + 1)
    return first.qualifier is None and value.qualifier is None and start == stop + 1 and doc[stop].text in DASHES


def with_end_year(first: TimeValue, end: TimeValue) -> TimeValue:
    """"с 20 декабря по 5 января 2025 года": the first date without its year is in the end's (or the one before)."""
    if not first.value or not end.value or first.precision == "year" or re.search(r"\d{4}", first.text):
        return first
    year = int(end.value[:4]) - (first.value[5:] > end.value[5:])
    month, day = int(first.value[5:7]), int(first.value[8:10]) if first.precision == "day" else None
    fixed = month_value(month, year, day, None, first.text)
    fixed.char_start, fixed.char_end, fixed.source = first.char_start, first.char_end, first.source
    return fixed


def story_year(dates) -> Optional[int]:
    """The year of the article's first full date ("в среду, 13 июня 2018 года") or month with its year ("В мае
    2018 года президент посетил Москву"): a story's lead dates it, and a later "12 июня" or "в прошлом году"
    counts from it, as a reader does. A bare year ("В 2009 году ...") is as often a background's."""
    return next((int(v.value[:4]) for _, _, v in dates if v.precision in ("day", "month") and v.value
                 and re.search(r"\d{4}", v.text)), None)


def stated_year(dates) -> Optional[int]:
    """The year of the last month or day a sentence writes with its year ("В марте 2011 года ..."): the next
    sentence's bare "В апреле" goes on from it, as a reader takes it, rather than from the story's first date."""
    return next((int(v.value[:4]) for _, _, v in reversed(dates) if v.precision in ("day", "month") and v.value
                 and v.qualifier is None and re.search(r"\d{4}", v.text)), None)


def named_weekdays(doc, found: list[list]) -> list[list]:
    """A bare weekday ("Утром в понедельник мэр открыл лицей") in an article without a date is the day the
    article writes with that weekday ("погиб в понедельник, 14 октября 2019 года"), as a reader takes it: `found`
    is the document's dates by sentence (`find_dates`), given back with such weekdays valued. None when the
    article names that weekday with two days, or with a day of another weekday."""
    named: dict[str, set] = {}
    for start, stop, value in (d for dates in found for d in dates):
        lemma = doc[start].lemma_
        if lemma in WEEKDAYS and stop - start > 1 and value.precision == "day" and value.value and \
                dt.date.fromisoformat(value.value).weekday() == WEEKDAYS[lemma]:
            named.setdefault(lemma, set()).add((value.value, value.begin, value.end))
    if not named:
        return found

    def valued(start, stop, value):
        days = named.get(doc[start].lemma_, ())
        if value.value is not None or stop - start != 1 or len(days) != 1:
            return start, stop, value
        day, begin, end = next(iter(days))
        return start, stop, dataclasses.replace(value, value=day, begin=begin, end=end)
    return [[valued(*d) for d in dates] for dates in found]


def first_start(doc, value) -> int:
    return doc.char_span(value.char_start, value.char_end, alignment_mode="expand").start
