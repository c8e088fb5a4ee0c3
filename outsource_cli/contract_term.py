"""A contract's term counted in dates: the current term of a contract that renews by itself.

Dates are days of the calendar (dates.py); a month later is the same day of the month, or
the month's last day when it is shorter, as `add_months` counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .dates import add_days, add_months, read_iso


@dataclass(frozen=True)
class Term:
    """The end of a contract's current term."""

    end: date
    renewals: int = 0
    """How many whole terms the contract renewed by itself to reach this end (0: none)."""
    renewed_on: date | None = None
    """The last day it renewed by itself, when it did: the end of the term before."""


def moved(day: date, *, days: int = 0, months: int = 0) -> date | None:
    """The day so many days, then months, later (month ends clamp); None outside the
    calendar (before the year 1 or after 9999)."""
    try:
        return read_iso(add_months(add_days(day.isoformat(), days), months))
    except ValueError:
        return None


def current_term(end: date, months: int | None, renews: bool, today: date) -> Term:
    """The term that runs on `today`: the one ending on `end`, or, when the contract renews
    by itself for `months` at a time and `end` has passed, the first later end of a whole
    term on or after today.

    Each end is counted from `end`, so month ends do not drift: a yearly term ending on
    29 February 2028 ends on 28 February 2029, then on 28 February 2030 ... and on 29
    February 2032 again. Without a known term length, or past the year 9999, the end
    stays as it is, passed or not.
    """
    if not renews or months is None or months < 1 or end >= today:
        return Term(end)
    passed = (today.year - end.year) * 12 + today.month - end.month
    renewals = max(1, passed // months)  # never more than needed: the loop adds the rest
    while True:
        rolled = moved(end, months=renewals * months)
        if rolled is None:
            return Term(end)
        if rolled >= today:
            return Term(rolled, renewals, moved(end, months=(renewals - 1) * months))
        renewals += 1


def notice_day(end: date, notice_days: int) -> date | None:
    """The last day to give notice: `notice_days` days before the term ends."""
    return moved(end, days=-notice_days)


def end_after_notice(
    end: date, months: int | None, notice_days: int, given: date
) -> tuple[date, int] | None:
    """When a contract that renews by itself ends after notice given on `given`: the end of
    the first term (from the one ending on `end`, `months` at a time) whose last day to give
    notice is on or after that day, with how many times it renewed to get there. None when
    that cannot be known (notice given too late for the first term, and no term length)."""
    renewals = 0
    while True:
        term_end = moved(end, months=renewals * (months or 0))
        if term_end is None:
            return None
        deadline = notice_day(term_end, notice_days)
        if deadline is not None and deadline >= given:
            return term_end, renewals
        if not months or months < 1:
            return None
        renewals += 1
