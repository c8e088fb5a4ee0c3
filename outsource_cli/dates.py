"""What today is for the whole run, and dates written as ISO text (2026-12-01): read and counted.

Dates are stored and compared as ISO text, YYYY-MM-DD with a four-digit year, so that text
order is calendar order. A date is a calendar day, never a moment: nothing here converts
between time zones.
"""

from __future__ import annotations

import os
import re
from datetime import date, timedelta
from typing import Any

EXAMPLE_DATE = "2026-12-01"
"""The date messages show as an example of ISO text."""
TODAY = "today"
"""The word for the run's date: in a date question's `min` and `max`, and in expressions."""

_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_EPOCH_DAY = date(1970, 1, 1)
_SECONDS_PER_DAY = 86_400


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
    if not isinstance(value, str) or not _ISO.fullmatch(value):
        return None
    try:
        return date(int(value[:4]), int(value[5:7]), int(value[8:]))
    except ValueError:  # no such day, such as 2026-02-30 or 0000-01-01
        return None
