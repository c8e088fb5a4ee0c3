"""The dates that matter after signing, as plain data: each item due, each date answered,
and everything `outsource due` shows (due.py works them out)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .words import plural


@dataclass(frozen=True)
class DueItem:
    """One date that matters after signing, with what it means."""

    key: str
    """Stable across runs: 'review.next', 'contract.notice', 'contract.end',
    'contract.price_review'."""
    day: date
    title: str
    """What the day is, in plain words."""
    detail: str
    """What the day means today: what to do, or what it means that it has passed."""
    advice: str
    """What to do on or before the day, in words that do not depend on today (for a
    calendar)."""
    days: int
    """Days from today to the day: negative when it has passed."""
    overdue: bool
    """The day has passed and something still needs doing."""
    source: tuple[str, str] | None = None
    """The date question (section id, question id) whose answer is this very day."""
    renewals: int = 0
    """How many times the contract renewed by itself to reach this day (0: as answered)."""

    @property
    def when(self) -> str:
        """'in 12 days', 'tomorrow', 'today', 'overdue by 3 days', '4 days ago'."""
        if self.overdue:
            return f"overdue by {plural(-self.days, 'day')}"
        if self.days in (0, 1):
            return ("today", "tomorrow")[self.days]
        if self.days < 0:
            return f"{plural(-self.days, 'day')} ago"
        return f"in {plural(self.days, 'day')}"


@dataclass(frozen=True)
class DatedAnswer:
    """An answered date question of the owner's sections."""

    section_id: str
    question_id: str
    day: date
    section_title: str
    prompt: str
    """The question as the answers fit it."""

    @property
    def key(self) -> str:
        """Stable across runs: 'answer.SECTION.QUESTION'."""
        return f"answer.{self.section_id}.{self.question_id}"


@dataclass(frozen=True)
class DueDates:
    """Everything `outsource due` shows and its calendar file holds."""

    today: date
    items: tuple[DueItem, ...]
    """Overdue items first (oldest first), then the others by date."""
    notes: tuple[str, ...]
    """What to answer to get the dates that are missing, and the stage."""
    answered: tuple[DatedAnswer, ...]
    """Every answered date question, in interview order."""
    reviews: tuple[date, ...]
    """The days of the recorded reviews, oldest first."""
    business: str | None
    created: str | None
    updated: str | None
    stage: str | None

    @property
    def overdue(self) -> tuple[DueItem, ...]:
        """The items that are overdue, oldest first."""
        return tuple(item for item in self.items if item.overdue)
