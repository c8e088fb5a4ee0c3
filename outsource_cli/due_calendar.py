"""The calendar file of `outsource due --ics`: every date an answers file holds, as events.

The file is the same for the same answers file: each event's UID comes from the file's
`created` stamp (or the business name) and what the event is, never from the path or
the clock, and every DTSTAMP is the file's `updated` stamp. A calendar can be rebuilt
from it at any time, and a calendar app that imports it again updates its events rather
than adding copies. icalendar writes the format (escaping, line folding, CRLF).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import icalendar

from . import __version__
from .answers import Answers
from .assessment import Assessment
from .checklist_set import ChecklistSet
from .due import due_dates
from .due_items import DueDates
from .interview import reading_command
from .safe_text import clean

PRODID = f"-//outsource//outsource {__version__}//EN"
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "due.outsource-cli")
"""The namespace of every event's UID (uuid5)."""
FALLBACK_STAMP = datetime(2000, 1, 1, tzinfo=timezone.utc)
"""The DTSTAMP when the answers file has neither an `updated` nor a `created` stamp."""
_ANONYMOUS = "outsource"
"""What UIDs are made from when the file has neither a `created` stamp nor a business."""


@dataclass(frozen=True)
class CalendarEvent:
    """One all-day event of the calendar file."""

    key: str
    """What the event is, stable across runs: 'contract.end', 'review.2027-04-01'."""
    day: date
    summary: str
    description: str
    sequence: int = 0
    """Raised each time the event moves on its own (a contract that renewed by itself)."""
    remind: bool = False
    """Whether a calendar should remind the owner REMIND_DAYS before the day."""


REMIND_DAYS = 7
"""How many days ahead a due item's reminder goes off: time to write a notice letter or
to set a review date with the partner."""


def calendar_events(due: DueDates, answers_file: Path) -> list[CalendarEvent]:
    """Every date of the file: the due items, each recorded review and each answered date
    question (but one whose day a due item already shows), by date."""
    more = f"To see what is due and when, run: {reading_command('due', Path(answers_file.name))}"
    events = [
        CalendarEvent(
            item.key, item.day, item.title, f"{item.advice}\n\n{more}", item.renewals, True
        )
        for item in due.items
    ]
    shown = {(item.source, item.day) for item in due.items if item.source is not None}
    for day in due.reviews:
        events.append(
            CalendarEvent(
                f"review.{day.isoformat()}",
                day,
                "Review with the partner",
                f"The review you recorded for this day.\n\n{more}",
            )
        )
    for answer in due.answered:
        if ((answer.section_id, answer.question_id), answer.day) in shown:
            continue
        events.append(
            CalendarEvent(
                answer.key,
                answer.day,
                answer.prompt,
                f"The date you gave for this question of the section {answer.section_title}."
                f"\n\n{more}",
            )
        )
    return sorted(events, key=lambda event: (event.day, event.key))


@dataclass(frozen=True)
class MadeCalendar:
    """A calendar file's text and how many events it holds."""

    text: str
    events: int


def calendar_text(
    checklist_set: ChecklistSet,
    answers: Answers,
    answers_file: Path,
    assessment: Assessment | None = None,
) -> MadeCalendar:
    """The calendar file (iCalendar, RFC 5545) of every date the answers file holds;
    `assessment` is the owner's answers assessed, when it is at hand.

    The commands its texts name give the answers file by its name alone, as
    `outsource due` does in every description.
    """
    named = Path(answers_file.name)
    due = due_dates(checklist_set, answers, named, assessment=assessment)
    events = calendar_events(due, named)
    return MadeCalendar(calendar_of(due, events), len(events))


def calendar_of(due: DueDates, events: list[CalendarEvent]) -> str:
    """The calendar file of these events."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    name = "Outsourcing dates" + (f": {due.business}" if due.business else "")
    calendar.add("x-wr-calname", clean(name))
    seed = due.created or due.business or _ANONYMOUS
    stamp = file_stamp(due.updated) or file_stamp(due.created) or FALLBACK_STAMP
    # a calendar takes a moved event only with a higher SEQUENCE: the minutes from the
    # fallback stamp to the file's last change grow with every change of the answers,
    # and the renewals with each term that rolled on
    edits = int((stamp - FALLBACK_STAMP).total_seconds() // 60)
    for item in events:
        event = icalendar.Event()
        event.add("uid", str(uuid.uuid5(_NAMESPACE, f"{seed}\n{item.key}")))
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)
        if item.day < date.max:
            event.add("dtend", item.day + timedelta(days=1))
        summary = f"{due.business}: {item.summary}" if due.business else item.summary
        event.add("summary", clean(summary))
        event.add("description", clean(item.description))
        event.add("transp", "TRANSPARENT")  # a reminder: it does not make the day busy
        if edits + item.sequence:
            event.add("sequence", edits + item.sequence)
        if item.remind:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", clean(summary))
            alarm.add("trigger", timedelta(days=-REMIND_DAYS))
            event.add_component(alarm)
        calendar.add_component(event)
    text: str = calendar.to_ical().decode("utf-8")
    return text


def file_stamp(text: str | None) -> datetime | None:
    """A stamp of the answers file (2026-11-23T10:20:00Z) as a moment in UTC; None for
    anything else. A stamp without a time zone counts as UTC."""
    if not text:
        return None
    written = text.strip()
    if written.endswith(("Z", "z")):
        written = written[:-1] + "+00:00"  # Python 3.10 reads no Z
    try:
        moment = datetime.fromisoformat(written)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).replace(microsecond=0)
