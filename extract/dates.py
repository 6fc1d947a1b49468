"""Temporal expressions in Russian with their precision, relative to the article's date.

"22 января 2026 года" -> day; "в январе 2026 года" -> month; "осенью" -> season (the latest
autumn that began before the article); "в 1992 году" -> year; "с начала 2025 года" -> year with
the qualifier "since" and "early". Works on lemmas, so any case form matches.

An expression without a year in an article without a date ("осенью", "17 февраля") keeps its text and
precision but gets no value: its year is unknown, and the day of the build must not stand in for it.
"""
from __future__ import annotations

import calendar
import datetime as dt
from typing import Optional

from .records import TimeValue

MONTHS = {m: i for i, m in enumerate(
    ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
     "ноябрь", "декабрь"], 1)}
SEASONS = {"зима": "winter", "зимой": "winter", "весна": "spring", "весной": "spring",
           "лето": "summer", "летом": "summer", "осень": "autumn", "осенью": "autumn"}
SEASON_MONTHS = {"winter": (12, 2), "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11)}
QUALIFIERS = {"начало": "early", "конец": "late", "середина": "mid"}
SINCE, UNTIL = {"с", "со"}, {"до", "к"}


def year_of(token) -> Optional[int]:
    if token.like_num and token.text.isdigit() and len(token.text) == 4 and 1900 <= int(token.text) <= 2100:
        return int(token.text)
    return None


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


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


def year_value(year: int, qualifier: Optional[str], text: str) -> TimeValue:
    begin, end = f"{year:04d}-01-01", f"{year:04d}-12-31"
    if qualifier == "early":
        end = f"{year:04d}-04-30"
    elif qualifier == "late":
        begin = f"{year:04d}-09-01"
    return TimeValue(text=text, precision="year", value=f"{year:04d}", begin=begin, end=end, qualifier=qualifier)


def find_dates(span, ref: Optional[dt.date]) -> list[tuple[int, int, TimeValue]]:
    """(start token, end token, value) of each temporal expression in a span (a sentence)."""
    doc, found, i = span.doc, [], span.start
    while i < span.end:
        t = doc[i]
        lemma = t.lemma_.lower()
        start, value = i, None
        if lemma in MONTHS or lemma in SEASONS:
            day = int(doc[i - 1].text) if i > span.start and doc[i - 1].text.isdigit() and \
                int(doc[i - 1].text) <= 31 else None
            start = i - 1 if day else i
            j, year = i + 1, None
            if j < span.end and year_of(doc[j]):
                year, j = year_of(doc[j]), j + 1
            if j < span.end and doc[j].lemma_ in ("год", "г."):
                j += 1
            text = doc[start:j].text
            value = month_value(MONTHS[lemma], year, day, ref, text) if lemma in MONTHS \
                else season_value(SEASONS[lemma], year, ref, text)
            i = j
        elif year_of(t) and (i + 1 < span.end and doc[i + 1].lemma_ in ("год", "г.")):
            qualifier = None
            if i > span.start and doc[i - 1].lemma_ in QUALIFIERS:
                qualifier, start = QUALIFIERS[doc[i - 1].lemma_], i - 1
            value = year_value(year_of(t), qualifier, doc[start:i + 2].text)
            i += 2
        else:
            i += 1
            continue
        if start > span.start and doc[start - 1].lower_ in SINCE | UNTIL:
            value.qualifier = "since" if doc[start - 1].lower_ in SINCE else "until"
            if value.precision == "year" and doc[start].lemma_ == "начало":
                value.qualifier = "since early"
            start -= 1
            value.text = doc[start:i].text
        found.append((start, i, value))
    return found
