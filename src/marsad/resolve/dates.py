"""Calendar values for time expressions: a `TimeRef` (what the text says) plus the publication
date give an ISO value cut to its precision — `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.

Relative references (yesterday, last week, a bare weekday or month) need the publication date;
without one they stay unresolved, never guessed from the clock. Hijri dates are converted with
the tabular (arithmetical) Islamic calendar, which can be a day off the sighted or Umm al-Qura
calendar; at month precision that rarely matters.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

Value = tuple[str | None, str | None]  # (value, precision)

_NONE: Value = (None, None)
# Day of a Hijri month taken for each phase when only the month is known.
_PHASE_DAY = {"start": 1, "mid": 15, "end": 29, None: 15}


@dataclass(frozen=True, slots=True)
class TimeRef:
    """What a time expression says, before the publication date is brought in."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    hijri: bool = False  # year/month/day are Hijri
    weekday: int | None = None  # date.weekday(): Monday 0 … Sunday 6
    # day, week, month or year: `offset` such units from publication (with a month: its year)
    unit: str | None = None
    offset: int = 0
    # For a weekday or month without a year: -1 the last one strictly before publication ("الماضي"),
    # 0 the current one, +1 the next one strictly after ("المقبل"); None: the usual reading.
    direction: int | None = None
    future: bool = False  # the verb points forward: the next such day or month, not the last
    phase: str | None = None  # start, mid or end (of a Hijri month or year)
    decade: int | None = None  # a decade is recognised but has no value at these precisions


def resolve_date(ref: TimeRef, published: dt.date | None) -> Value:
    """The (value, precision) of `ref`, or (None, None) when it cannot be resolved."""
    if ref.decade is not None:
        return _NONE
    if ref.hijri:
        return _resolve_hijri(ref, published)
    if ref.year is not None:
        return _iso(ref.year, ref.month, ref.day)
    if published is None:
        return _NONE
    if ref.weekday is not None:
        return _iso_date(_weekday_date(ref, published))
    if ref.month is not None:
        return _iso(_year_of_month(ref, published), ref.month, ref.day)
    if ref.unit is not None:
        return _relative(ref.unit, ref.offset, published)
    return _NONE


# ---------------------------------------------------------------- Gregorian

def _iso(year: int, month: int | None = None, day: int | None = None) -> Value:
    if month is None:
        return f"{year:04d}", "year"
    if day is None:
        return f"{year:04d}-{month:02d}", "month"
    try:
        return _iso_date(dt.date(year, month, day))
    except ValueError:  # 31 June: a misreading, not a date
        return _NONE


def _iso_date(date: dt.date) -> Value:
    return date.isoformat(), "day"


def _weekday_date(ref: TimeRef, published: dt.date) -> dt.date:
    """The day a weekday name points to."""
    wd = ref.weekday
    assert wd is not None
    if ref.unit == "day":  # "اليوم (الأحد)", "غدا السبت": the weekday wins, on or before that day
        # (a crawl date can only be later than the day the article was written)
        anchor = published + dt.timedelta(days=ref.offset)
        return anchor - dt.timedelta(days=(anchor.weekday() - wd) % 7)
    if ref.direction is not None and ref.direction < 0:  # الأربعاء الماضي: strictly before
        back = (published.weekday() - wd) % 7 or 7
        return published - dt.timedelta(days=back + 7 * (-ref.direction - 1))
    if ref.direction is not None and ref.direction > 0:  # الأربعاء المقبل: strictly after
        ahead = (wd - published.weekday()) % 7 or 7
        return published + dt.timedelta(days=ahead + 7 * (ref.direction - 1))
    if ref.future:  # سيعقد الأربعاء: that day or the next one
        return published + dt.timedelta(days=(wd - published.weekday()) % 7)
    return published - dt.timedelta(days=(published.weekday() - wd) % 7)


def _relative(unit: str, offset: int, published: dt.date) -> Value:
    """`offset` units from publication, at the unit's precision — except weeks, which straddle
    months: "last week" is the month of the day seven days before publication."""
    if unit == "day":
        return _iso_date(published + dt.timedelta(days=offset))
    if unit == "week":
        date = published + dt.timedelta(days=7 * offset)
        return _iso(date.year, date.month)
    if unit == "month":
        index = published.year * 12 + published.month - 1 + offset
        return _iso(index // 12, index % 12 + 1)
    return _iso(published.year + offset)


def _year_of_month(ref: TimeRef, published: dt.date) -> int:
    """The year of a month (and day) named without one."""
    month, year = ref.month, published.year
    assert month is not None
    here = (published.month, published.day if ref.day is not None else 0)
    there = (month, ref.day or 0)
    if ref.unit == "year":  # أبريل من العام الماضي
        return year + ref.offset
    if ref.direction == 0:
        return year
    if ref.direction is not None and ref.direction < 0:  # آذار الماضي: the last one before now
        return year if there < here else year - 1
    if ref.direction is not None and ref.direction > 0:  # آذار المقبل: the next one after now
        return year if month > published.month else year + 1
    if ref.future:
        return year if month >= published.month else year + 1
    return year if month <= published.month else year - 1  # the most recent, this month included


# ---------------------------------------------------------------- Hijri

# Day number (proleptic Gregorian ordinal) of the day before 1 Muharram 1 AH, civil epoch
# (16 July 622 Julian), as in Reingold & Dershowitz, Calendrical Calculations.
_HIJRI_EPOCH = 227014


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of a Hijri date in the tabular Islamic calendar (leap years 2, 5, 7, 10,
    13, 16, 18, 21, 24, 26, 29 of each 30)."""
    ordinal = (_HIJRI_EPOCH + (year - 1) * 354 + (3 + 11 * year) // 30
               + 29 * (month - 1) + month // 2 + day)
    return dt.date.fromordinal(ordinal)


def _hijri_month_days(year: int, month: int) -> int:
    if month < 12:
        start_next = hijri_to_gregorian(year, month + 1, 1)
    else:
        start_next = hijri_to_gregorian(year + 1, 1, 1)
    return (start_next - hijri_to_gregorian(year, month, 1)).days


def _hijri_year_of(date: dt.date) -> int:
    """The Hijri year in which `date` falls."""
    year = int((date.toordinal() - _HIJRI_EPOCH) / 354.367) + 1
    while hijri_to_gregorian(year, 1, 1) > date:
        year -= 1
    while hijri_to_gregorian(year + 1, 1, 1) <= date:
        year += 1
    return year


def _hijri_year_of_month(ref: TimeRef, published: dt.date) -> int:
    """The Hijri year of a Hijri month named without one: the last one begun by publication,
    or, looking forward, the next one."""
    month = ref.month
    assert month is not None
    this_year = _hijri_year_of(published)
    candidates = (this_year - 1, this_year, this_year + 1)
    starts = {y: hijri_to_gregorian(y, month, 1) for y in candidates}
    ends = {y: starts[y] + dt.timedelta(days=_hijri_month_days(y, month) - 1) for y in candidates}
    if ref.direction is not None and ref.direction < 0:  # رمضان الماضي: over before publication
        return max(y for y in candidates if ends[y] < published)
    if ref.direction is not None and ref.direction > 0:
        return min(y for y in candidates if starts[y] > published)
    if ref.future:
        return min(y for y in candidates if ends[y] >= published)
    return max(y for y in candidates if starts[y] <= published)


def _resolve_hijri(ref: TimeRef, published: dt.date | None) -> Value:
    year = ref.year
    if year is None:
        if published is None or ref.month is None:
            return _NONE
        if ref.unit == "year":  # صفر للعام المقبل: the Hijri year after the current one
            year = _hijri_year_of(published) + ref.offset
        else:
            year = _hijri_year_of_month(ref, published)
    if ref.month is None:  # a Hijri year straddles two Gregorian ones: take its phase's
        month, day = {"start": (1, 1), "end": (12, 29)}.get(ref.phase or "", (6, 15))
        return _iso(hijri_to_gregorian(year, month, day).year)
    if ref.day is not None:
        # day 30 of a month the tabular calendar gives 29 days is the next day, not an error
        return _iso_date(hijri_to_gregorian(year, ref.month, ref.day)) if 1 <= ref.day <= 30 else _NONE
    # a month alone: the Gregorian month of its phase (mid: the one holding most of it)
    day = min(_PHASE_DAY[ref.phase], _hijri_month_days(year, ref.month))
    date = hijri_to_gregorian(year, ref.month, day)
    return _iso(date.year, date.month)
