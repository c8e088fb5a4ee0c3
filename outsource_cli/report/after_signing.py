"""The readiness report's part for an arrangement that is running: the latest review and
the dates coming up, counted from the report's date.

It is made only at the stage `working`, with checklists that have a review section; the
trend and the dates themselves are `outsource reviews` and `outsource due`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypedDict

from ..answers import Answers
from ..assessment import Assessment
from ..checklist_set import ChecklistSet
from ..interview import reading_command, review_command
from ..trend import ReviewData, latest_review
from ..verdicts import RUNNING_STAGE
from .data import report_date


class DueData(TypedDict):
    """One date coming up (or overdue), as `outsource due` shows it."""

    key: str
    date: str
    title: str
    days: int
    """Days from the report's date: negative once the day has passed."""
    when: str
    """The same in words: 'in 12 days', 'today', 'overdue by 3 days', '4 days ago'."""
    overdue: bool


class CommandsData(TypedDict):
    """The commands that record a review, show the trend and list the dates."""

    review: str
    reviews: str
    due: str


class AfterSigningData(TypedDict):
    """The report's key `after_signing` (docs/report-data.md)."""

    reviews_held: int
    latest_review: ReviewData | None
    due: list[DueData]
    commands: CommandsData


def after_signing_data(
    checklist_set: ChecklistSet,
    answers: Answers,
    assessment: Assessment,
    answers_file: Path,
) -> AfterSigningData | None:
    """The part for a running arrangement, or None at another stage or without reviews'
    questions in the checklists."""
    if assessment.stage != RUNNING_STAGE or not checklist_set.review_sections:
        return None
    from ..due import due_dates  # the dates' module, only for a running arrangement

    due = due_dates(checklist_set, answers, answers_file, day=report_date(), assessment=assessment)
    latest = latest_review(checklist_set, answers, report_date().isoformat())
    return {
        "reviews_held": len(answers.reviews),
        "latest_review": None if latest is None else latest[0],
        "due": [
            {
                "key": item.key,
                "date": item.day.isoformat(),
                "title": item.title,
                "days": item.days,
                "when": item.when,
                "overdue": item.overdue,
            }
            for item in due.items
        ],
        "commands": {
            "review": review_command(None, answers_file),
            "reviews": reading_command("reviews", answers_file),
            "due": reading_command("due", answers_file),
        },
    }
