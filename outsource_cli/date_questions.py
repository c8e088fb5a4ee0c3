"""Questions answered with a date, such as when a contract ends: stored as 2026-12-01."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal

from pydantic import Field

from . import dates
from .dates import EXAMPLE_DATE, MONTH_NAMES, TODAY, no_such_day, read_iso, real_date
from .format_types import ExpressionText, RuleProblem
from .questions import SKIP, BaseQuestion
from .validation import describe

_BOUND_DESCRIPTION = (
    "A date written as 2026-12-01 (year-month-day), the word today, or section.question of "
    "a date question asked before this one."
)
_REFERENCE = re.compile(r"[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*")
"""A bound that names another date question, such as contract.start_date."""


class DateQuestion(BaseQuestion):
    """A question answered with a calendar date.

    Whatever form the owner types (1 Dec 2026, 25/12/2026, today), the answer is kept as
    ISO text, 2026-12-01, in memory, in the answers file and in the reports, which show
    it as it is. A `min` or `max` of `today` is checked only when an answer is given, so
    that an answers file saved yesterday still loads today. A bound that names another date
    question (`min: contract.start_date`) is checked against that answer by the interview,
    and a file whose two dates disagree loads with a warning (date_order.py).
    """

    type: Literal["date"]
    min: str | None = Field(None, description="The earliest answer. " + _BOUND_DESCRIPTION)
    max: str | None = Field(
        None, description="The latest answer, not before `min`. " + _BOUND_DESCRIPTION
    )
    score: ExpressionText | None = Field(
        None,
        description="Expression using `value` (the date as text, such as '2026-12-01'), "
        "clamped to 0..1; unscored without one.",
    )
    default: str | None = Field(None, description="A date written as 2026-12-01 (year-month-day).")

    # --- loading --------------------------------------------------------------------

    def rule_problems(self) -> list[RuleProblem]:
        problems = super().rule_problems()
        for key in ("min", "max"):
            bound = getattr(self, key)
            if bound is not None and bound != TODAY and read_iso(bound) is None:
                if _REFERENCE.fullmatch(bound):
                    continue  # another date question: checked with the whole set
                impossible = no_such_day(bound)
                problems.append(
                    (
                        (key,),
                        f"'{key}': {impossible}"
                        if impossible
                        else f"'{key}' must be a date written as {EXAMPLE_DATE} (year-month-day), "
                        f"the word {TODAY} or section.question of a date question, not "
                        f"{describe(bound)}",
                    )
                )
        low, high = self._bounds(with_today=False)
        default = read_iso(self.default)
        if low is not None and high is not None and low > high:
            problems.append((("max",), f"'max' ({self.max}) must not be before 'min' ({self.min})"))
        elif default is not None and not self._fits(default, with_today=False):
            problems.append(
                (
                    ("default",),
                    f"default {self.default} must be a date{self._limits(with_today=False)}",
                )
            )
        return problems

    def answer_bounds(self) -> tuple[str | None, str | None]:
        """The date questions (section.question) this one's answer must not come before
        (`min`) and after (`max`); None for a bound that is not another question."""
        return tuple(  # type: ignore[return-value]
            bound if bound is not None and _REFERENCE.fullmatch(bound) else None
            for bound in (self.min, self.max)
        )

    def _bounds(self, *, with_today: bool) -> tuple[date | None, date | None]:
        """The earliest and latest answers; a bound of `today` counts only `with_today`,
        and a bound that is not a date (a problem reported on loading) never counts."""
        return self._bound(self.min, with_today), self._bound(self.max, with_today)

    @staticmethod
    def _bound(text: str | None, with_today: bool) -> date | None:
        if text == TODAY:
            return dates.today() if with_today else None
        return read_iso(text)

    def _fits(self, day: date, *, with_today: bool) -> bool:
        low, high = self._bounds(with_today=with_today)
        return (low is None or day >= low) and (high is None or day <= high)

    def _limits(self, *, with_today: bool) -> str:
        """The bounds in words, after 'a date': ' on or after 2026-12-02 (today)'."""
        low, high = self._bounds(with_today=with_today)
        low_text = _bound_text(low, self.min)
        high_text = _bound_text(high, self.max)
        if low_text and high_text:
            return f" from {low_text} to {high_text}"
        if low_text:
            return f" on or after {low_text}"
        return f" on or before {high_text}" if high_text else ""

    # --- the interview --------------------------------------------------------------

    def no_date_fits(self) -> bool:
        """Whether no date can be given today: a bound of today has passed the other bound
        (`min: today` with a `max` already past), so the range is empty."""
        low, high = self._bounds(with_today=True)
        return low is not None and high is not None and low > high

    def parse_reply(self, typed: str) -> str:
        if self.no_date_fits():
            raise ValueError(
                f"No date fits this question any more: press {SKIP} to leave it unanswered."
            )
        day = dates.today() if typed.lower() == TODAY else _typed_date(typed)
        if day is None:
            raise ValueError(f"{self.how_to_answer()}.")
        if not self._fits(day, with_today=True):
            raise ValueError(f"Type a date{self._limits(with_today=True)}.")
        return day.isoformat()

    def enter_answer(self) -> Any:
        if self.no_date_fits():
            return self.parse_reply("")  # says that no date fits
        answer = super().enter_answer()
        day = read_iso(answer)
        if day is not None and not self._fits(day, with_today=True):  # a bound of today
            raise ValueError(f"Type a date{self._limits(with_today=True)}")
        return answer

    def how_to_answer(self) -> str:
        low, high = self._bounds(with_today=True)
        if self.no_date_fits():
            allowed = self._limits(with_today=True)
            return (
                f"No date fits this question any more: it allows dates{allowed}; press {SKIP}"
                " to leave it unanswered and tell whoever wrote the checklist"
            )
        example = low or high or date.fromisoformat(EXAMPLE_DATE)
        na = ", or na if it does not apply" if self.allow_na else ""  # replies.NA
        return f"Type a date{self._limits(with_today=True)}, such as {_both_forms(example)}{na}"

    def input_hint(self) -> str:
        return "Date (YYYY-MM-DD)" + (", or na" if self.allow_na else "")

    def pick_hint(self) -> str | None:
        # shown once under the question: every reply after it is refused in a few words
        return self.how_to_answer() if self.no_date_fits() else None

    # --- the answers file and the report ---------------------------------------------

    def _checked(self, raw: Any) -> str:
        day = read_iso(raw)
        if day is None:
            raise ValueError(
                no_such_day(raw)
                or f"expected a date written as {EXAMPLE_DATE} (year-month-day), not "
                f"{describe(raw)}"
            )
        low, high = self._bounds(with_today=False)
        if low is not None and day < low:
            raise ValueError(f"expected a date on or after {low.isoformat()}, not {raw}")
        if high is not None and day > high:
            raise ValueError(f"expected a date on or before {high.isoformat()}, not {raw}")
        return str(raw)

    # --- scoring ----------------------------------------------------------------------

    def is_scored(self) -> bool:
        return self.score is not None

    @property
    def score_expression(self) -> str | None:
        return self.score


_MONTHS: dict[str, int] = {
    **{name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    **{name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    "sept": 9,
}
"""English month names, in full or as three letters (and Sept), by month number."""

_ORDINAL = r"(?:st|nd|rd|th)?"
_BETWEEN = r"(?:\s*,\s*|\s+)"
"""What may come between day, month and year: spaces, or a comma."""
_TYPED_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_DAY_MONTH_YEAR = re.compile(rf"([0-9]{{1,2}}){_ORDINAL}\s+([a-z]+)\.?{_BETWEEN}([0-9]+)")
_MONTH_DAY_YEAR = re.compile(rf"([a-z]+)\.?\s+([0-9]{{1,2}}){_ORDINAL}{_BETWEEN}([0-9]+)")
_NUMERIC = re.compile(r"([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]+)")
"""Day and month in either order, then the year, the same separator between each."""


def _typed_date(typed: str) -> date | None:
    """The date in a reply, in any of the forms the interview accepts; None when the reply
    is in none of them, and ValueError when it is in one but names no single real date."""
    text = typed.strip().lower()
    found = _TYPED_ISO.fullmatch(text)
    if found:
        return real_date(int(found[1]), int(found[2]), int(found[3]))
    found = _DAY_MONTH_YEAR.fullmatch(text)
    if found:
        return real_date(_year(found[3]), _month(found[2]), int(found[1]))
    found = _MONTH_DAY_YEAR.fullmatch(text)
    if found:
        return real_date(_year(found[3]), _month(found[1]), int(found[2]))
    found = _NUMERIC.fullmatch(text)
    if found:
        return _numeric_date(text, int(found[1]), int(found[3]), _year(found[4]))
    return None


def _numeric_date(text: str, first: int, second: int, year: int) -> date:
    """A date written with numbers only, such as 25/12/2026, read only when it cannot be
    misread: people write the day first in some countries and the month first in others."""
    day_first = _date_or_none(year, second, first)
    month_first = _date_or_none(year, first, second)
    if day_first is None and month_first is None:
        if second <= 12:
            return real_date(year, second, first)  # raises, saying why
        if first <= 12:
            return real_date(year, first, second)
        raise ValueError(f"{text} has no month: one of its first two numbers must be 1 to 12.")
    if day_first is None or month_first is None or day_first == month_first:
        found = day_first or month_first
        assert found is not None
        return found
    raise ValueError(
        f"{text} could be {first} {MONTH_NAMES[second - 1]} or {second} "
        f"{MONTH_NAMES[first - 1]}. Type it with the month as a word "
        f"({_words(day_first)} or {_words(month_first)}), or as year-month-day "
        f"({day_first.isoformat()} or {month_first.isoformat()})."
    )


def _year(text: str) -> int:
    if len(text) == 2:
        raise ValueError(
            "Type the year with all four digits, as in 1 Dec 2026 or 2026-12-01 (year-month-day)."
        )
    if len(text) != 4:
        raise ValueError(f"{text} is not a year: type the year with four digits, as in 2026.")
    return int(text)


def _month(word: str) -> int:
    number = _MONTHS.get(word)
    if number is None:
        raise ValueError(
            f"'{word}' is not a month: write it in English, in full or as its first three "
            "letters, as in 1 December 2026 or 1 Dec 2026."
        )
    return number


def _date_or_none(year: int, month: int, day: int) -> date | None:
    try:
        return real_date(year, month, day)
    except ValueError:
        return None


def _words(day: date) -> str:
    """A date as 1 Dec 2026."""
    return f"{day.day} {MONTH_NAMES[day.month - 1][:3]} {day.year:04d}"


def _both_forms(day: date) -> str:
    """A date in the two forms messages suggest: 2026-12-01 or 1 Dec 2026."""
    return f"{day.isoformat()} or {_words(day)}"


def _bound_text(day: date | None, written: str | None) -> str:
    """A bound as messages show it: 2026-12-02, or 2026-12-02 (today)."""
    if day is None:
        return ""
    return day.isoformat() + (f" ({TODAY})" if written == TODAY else "")
