"""What today is for the whole run, and dates written as ISO text (2026-12-01): read and counted.

Dates are stored and compared as ISO text, YYYY-MM-DD with a four-digit year, so that text
order is calendar order. A date is a calendar day, never a moment: nothing here converts
between time zones.
"""

from __future__ import annotations

import calendar
import os
import re
from datetime import date, timedelta
from typing import Any

from .quoting import quoted
from .validation import describe

EXAMPLE_DATE = "2026-12-01"
"""The date messages show as an example of ISO text."""
TODAY = "today"
"""The word for the run's date: in a date question's `min` and `max`, and in expressions."""

ISO_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
"""The shape of a date written as ISO text; read_iso says whether it names a real day."""
_EPOCH_DAY = date(1970, 1, 1)
_SECONDS_PER_DAY = 86_400
_TOO_EARLY = f"the date would be before {date.min.isoformat()}"
_TOO_LATE = f"the date would be after {date.max.isoformat()}"


class _Today:
    """The run's date once it is known: set by code, or read from the computer once."""

    chosen: date | None = None
    computer: date | None = None


_TODAY = _Today()


def today() -> date:
    """The date of this run, the one every part of outsource reads as today.

    It is the date given to `set_today` (tests, a `--date` option); else the date in
    SOURCE_DATE_EPOCH, for reproducible runs; else the computer's local calendar date, read
    once, so that a run that passes midnight keeps one date throughout.
    """
    if _TODAY.chosen is not None:
        return _TODAY.chosen
    epoch = _epoch_date(os.environ.get("SOURCE_DATE_EPOCH", ""))
    if epoch is not None:
        return epoch
    if _TODAY.computer is None:
        _TODAY.computer = date.today()
    return _TODAY.computer


def set_today(day: date | None) -> None:
    """Make `day` today for the rest of the run; None goes back to the usual date."""
    _TODAY.chosen = day
    _TODAY.computer = None


def _epoch_date(text: str) -> date | None:
    """The day of a SOURCE_DATE_EPOCH (seconds since 1970-01-01, as the standard counts
    them, without leap seconds), or None when it is not a whole number of seconds that
    falls within the years 1970 to 9999."""
    text = text.strip()
    if not re.fullmatch(r"[0-9]{1,15}", text):
        return None
    days = int(text) // _SECONDS_PER_DAY
    if days > date.max.toordinal() - _EPOCH_DAY.toordinal():
        return None
    return _EPOCH_DAY + timedelta(days=days)


def read_iso(value: Any) -> date | None:
    """The date in text written exactly as YYYY-MM-DD, such as 2026-12-01; None for anything
    else, such as 2026-12-1, 2026-02-30 or a date with a time."""
    if not isinstance(value, str) or not ISO_SHAPE.fullmatch(value):
        return None
    try:
        return date(int(value[:4]), int(value[5:7]), int(value[8:]))
    except ValueError:  # no such day, such as 2026-02-30 or 0000-01-01
        return None


MONTH_NAMES = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
"""The English month names, January first."""


def real_date(year: int, month: int, day: int) -> date:
    """The date, or ValueError saying in plain words why there is no such day."""
    if not 1 <= month <= 12:
        raise ValueError(f"There is no month {month}: months go from 1 to 12.")
    if year < 1:
        raise ValueError("There is no year 0000: the first year is 0001.")
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError(f"{year} has no {day} {MONTH_NAMES[month - 1]}.")
    return date(year, month, day)


def no_such_day(value: Any) -> str | None:
    """For text written as YYYY-MM-DD that names no day, such as 2027-02-30, the words
    that say so ("2027-02-30 is not a day of the calendar: 2027 has no 30 February");
    None for anything else."""
    if not isinstance(value, str) or not ISO_SHAPE.fullmatch(value) or read_iso(value):
        return None
    try:
        real_date(int(value[:4]), int(value[5:7]), int(value[8:]))
    except ValueError as why:
        reason = str(why).rstrip(".")
        return f"{value} is not a day of the calendar: {reason[:1].lower()}{reason[1:]}"
    return None  # pragma: no cover - read_iso reads every real day


# --- the filters of expressions ---------------------------------------------------------


class DateProblem(ValueError):
    """A date filter cannot count with its values; the message says why in plain words."""


def days_between(start: Any, end: Any) -> int | None:
    """`start | days_between(end)`: the whole days from start to end, negative when end is
    earlier; none when either is none."""
    if start is None or end is None:
        return None
    return (_date_input(end) - _date_input(start)).days


def add_days(day: Any, days: Any) -> str | None:
    """`day | add_days(n)`: the date n days later (earlier when n is negative), as ISO text;
    none when either is none."""
    if day is None or days is None:
        return None
    ordinal = _date_input(day).toordinal() + _whole(days, "add_days", "days")
    return date.fromordinal(_within_calendar(ordinal)).isoformat()


def add_months(day: Any, months: Any) -> str | None:
    """`day | add_months(n)`: the same day n months later, or that month's last day when it
    is shorter (2026-01-31 gives 2026-02-28), as ISO text; none when either is none."""
    if day is None or months is None:
        return None
    start = _date_input(day)
    month_number = start.year * 12 + start.month - 1 + _whole(months, "add_months", "months")
    year, month = divmod(month_number, 12)
    if year < date.min.year:
        raise DateProblem(_TOO_EARLY)
    if year > date.max.year:
        raise DateProblem(_TOO_LATE)
    last_day = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last_day)).isoformat()


DATE_FILTERS = {"days_between": days_between, "add_days": add_days, "add_months": add_months}
"""The filters expressions count dates with, by name."""


def _date_input(value: Any) -> date:
    """A filter's date, read from ISO text; ValueError says what is expected."""
    day = read_iso(value)
    if day is None:
        shown = quoted(value) if isinstance(value, str) else describe(value)
        raise DateProblem(f"{shown} is not a date written as {EXAMPLE_DATE}")
    return day


def _whole(value: Any, name: str, unit: str) -> int:
    """A filter's count of days or months: a whole number (4.0 counts as 4)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise DateProblem(f"{name} needs a whole number of {unit}, not {describe(value)}")


def _within_calendar(ordinal: int) -> int:
    """A day's number (1 is 0001-01-01), or ValueError when it is outside the years 1 to
    9999, which every date must be in."""
    if ordinal < date.min.toordinal():
        raise DateProblem(_TOO_EARLY)
    if ordinal > date.max.toordinal():
        raise DateProblem(_TOO_LATE)
    return ordinal
