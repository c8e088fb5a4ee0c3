"""What is due after signing, and when: the next review, the notice day, the contract's end.

`outsource due` and its calendar file read these. The dates come from the built-in
questions named here (the contract's dates, the review rhythm) and the reviews recorded
in the answers file; a set of checklists without them gives fewer items, never an error.
Values the checklists compute (the end of the first term, the notice deadline) are read
from the assessment; only rolling a renewed contract on to its current term is counted in
Python (contract_term.py).
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import answers as answers_module
from .answers import Answers
from .assessed_values import AssessedValues
from .assessment import Assessment, assess
from .checklist_set import ChecklistSet
from .contract_term import Term, current_term, moved, notice_day
from .dates import read_iso, today
from .formats import DEFAULT_ANSWERS_FILE
from .words import plural

REVIEW_NEXT = "review.next"
CONTRACT_NOTICE = "contract.notice"
CONTRACT_END = "contract.end"
PRICE_REVIEW = "contract.price_review"
_KEY_ORDER = (REVIEW_NEXT, CONTRACT_NOTICE, CONTRACT_END, PRICE_REVIEW)
"""The items in the order they are shown when two fall on the same day."""

RHYTHMS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}
"""The answers to communication.review_every, in months between two reviews."""
_RHYTHM_WORDS = {
    1: "every month",
    3: "every three months",
    6: "every six months",
    12: "once a year",
}
_USUAL_RHYTHM = 3
"""The months between reviews when the owner has not chosen: the question's default."""

_CONTRACT = "contract"
_CHECK_CONTRACT = "outsource check contract"


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


@dataclass(frozen=True)
class LoadedDue:
    """An answers file read and checked, what is due from it, and the reading's warnings."""

    answers: Answers
    due: DueDates
    warnings: tuple[str, ...]


def load_due(answers_file: Path, checklist_set: ChecklistSet) -> LoadedDue:
    """Read and check an answers file and work out what is due from today."""
    loaded = answers_module.load(answers_file, checklist_set)
    due = due_dates(checklist_set, loaded.answers, answers_file)
    return LoadedDue(loaded.answers, due, loaded.warnings)


def due_dates(
    checklist_set: ChecklistSet,
    answers: Answers,
    answers_file: Path = DEFAULT_ANSWERS_FILE,
    *,
    day: date | None = None,
    assessment: Assessment | None = None,
) -> DueDates:
    """What is due from `day` (default: today): the commands in the texts name `answers_file`.

    `assessment` is the owner's answers assessed, when it is at hand (the report's).
    """
    now = day or today()
    values = AssessedValues(assessment or assess(checklist_set, answers))
    notes: list[str] = []
    items: list[DueItem] = []
    review = _next_review(values, answers, now, answers_file, notes)
    if review is not None:
        items.append(review)
    items.extend(_contract_items(values, now, answers_file, notes))
    price = _price_review(values, now, answers_file)
    if price is not None:
        items.append(price)
    stage = values.assessment.stage
    if stage is not None and stage != "working":
        notes.append(
            "You are not working with a partner yet: these dates matter once the contract runs."
        )
    return DueDates(
        today=now,
        items=tuple(sorted(items, key=_order)),
        notes=tuple(notes),
        answered=_answered_dates(values.assessment),
        reviews=tuple(d for d in (read_iso(r.date) for r in answers.reviews) if d is not None),
        business=answers.business,
        created=answers.created,
        updated=answers.updated,
        stage=stage,
    )


def _order(item: DueItem) -> tuple[bool, date, int]:
    return (not item.overdue, item.day, _KEY_ORDER.index(item.key))


def _command(words: str, answers_file: Path, option: str = " --answers ") -> str:
    """A command to run, naming the answers file unless it is the default one."""
    if answers_file == DEFAULT_ANSWERS_FILE:
        return words
    return f"{words}{option}{shlex.quote(str(answers_file))}"


def _next_review(
    values: AssessedValues, answers: Answers, now: date, answers_file: Path, notes: list[str]
) -> DueItem | None:
    """The next review: the last one recorded, or the contract's start, plus the rhythm."""
    recorded = [day for day in (read_iso(review.date) for review in answers.reviews) if day]
    start = values.day(_CONTRACT, "start_date")
    record = _command("outsource review", answers_file)
    if not recorded and start is None:
        if values.has(_CONTRACT, "start_date"):
            notes.append(
                "To see when the next review is due, give the day the contract started "
                f"({_command(_CHECK_CONTRACT, answers_file)}), or record a review ({record})."
            )
        return None
    months = RHYTHMS.get(str(values.answer("communication", "review_every")))
    rhythm = (
        f"{_RHYTHM_WORDS[months].capitalize()}, the rhythm you chose"
        if months is not None
        else f"{_RHYTHM_WORDS[_USUAL_RHYTHM].capitalize()}, as you have not chosen"
    )
    months = months or _USUAL_RHYTHM
    if recorded:
        base, since = recorded[-1], f"counted from your last review on {recorded[-1]}"
    else:
        assert start is not None
        base, since = start, f"counted from the day the contract started, {start}"
    day = moved(base, months=months)
    if day is None:
        return None
    overdue = day < now
    detail = (
        f"This review is overdue: hold it with the partner soon and record it ({record})."
        if overdue
        else f"Hold the review with the partner, then record it: {record}"
    )
    return DueItem(
        REVIEW_NEXT,
        day,
        "Next review with the partner",
        f"{rhythm} ({since}). {detail}",
        f"{rhythm} ({since}). Hold the review with the partner, then record it: {record}",
        (day - now).days,
        overdue,
    )


def _current_term(values: AssessedValues, now: date) -> tuple[Term, tuple[str, str] | None] | None:
    """The current term's end, and the date question it is the answer of, if it is: the
    end date (or start plus term), rolled on when the contract renews by itself."""
    end = values.day(_CONTRACT, "end_date")
    source: tuple[str, str] | None = (_CONTRACT, "end_date")
    if end is None and not values.not_applicable(_CONTRACT, "end_date"):
        end, source = values.computed_day(_CONTRACT, "term_end"), None
    if end is None:
        return None
    months = values.whole(_CONTRACT, "term_months", 1)
    term = current_term(end, months, values.answer(_CONTRACT, "auto_renews") is True, now)
    return term, source if term.renewals == 0 else None


def _contract_items(
    values: AssessedValues, now: date, answers_file: Path, notes: list[str]
) -> list[DueItem]:
    """The contract's end (or current term's end) and the last day to give notice."""
    update = _command(f"{_CHECK_CONTRACT} --review", answers_file)
    found = _current_term(values, now)
    if found is None:
        if values.has(_CONTRACT, "end_date") and not values.not_applicable(_CONTRACT, "end_date"):
            notes.append(
                "To see when the contract ends and the last day to give notice, answer the "
                f"contract's dates: {_command(_CHECK_CONTRACT, answers_file)}"
            )
        return []
    term, source = found
    renews = values.answer(_CONTRACT, "auto_renews") is True
    months = values.whole(_CONTRACT, "term_months", 1)
    another = f"another {months} months" if months else "another term"
    renewed = (
        f" It renewed by itself on {term.renewed_on}, so the current term ends on {term.end}."
        if term.renewed_on is not None
        else ""
    )
    if not renews:
        passed = term.end < now
        detail = (
            f"The end date you gave has passed. If the work goes on, agree an extension or a "
            f"new contract in writing, then give its end date: {update}"
            if passed
            else "Decide in good time whether to extend the contract, choose another partner "
            "or take the work back, and agree the handover in writing."
        )
        advice = (
            "The contract ends on this day. Decide in good time whether to extend it, "
            "choose another partner or take the work back, and agree the handover in writing."
        )
        end_item = _item(term, source, now, "The contract ends", detail, advice, passed)
        return [end_item]
    stuck = term.end < now  # renews by itself, but its term is not known
    if stuck:
        detail = (
            "The end date you gave has passed and the contract renews by itself, but the "
            "length of its term is not known, so the end of the current term cannot be worked "
            f"out. Give the day the current term ends, or the term in months: {update}"
        )
    else:
        detail = f"Unless you have given notice, the contract renews by itself for {another}."
    advice = (
        f"Unless you have given notice, the contract renews by itself on this day for {another}."
    )
    title = "The term ends; the contract renews unless you gave notice"
    items = [_item(term, source, now, title, detail + renewed, advice, stuck)]
    notice = _notice_item(values, term, source is not None, now, another, update, notes)
    if notice is not None:
        items.append(notice)
    return items


def _item(
    term: Term,
    source: tuple[str, str] | None,
    now: date,
    title: str,
    detail: str,
    advice: str,
    overdue: bool,
) -> DueItem:
    """The item of the current term's end."""
    days = (term.end - now).days
    return DueItem(
        CONTRACT_END, term.end, title, detail, advice, days, overdue, source, term.renewals
    )


def _notice_item(
    values: AssessedValues,
    term: Term,
    answered: bool,
    now: date,
    another: str,
    update: str,
    notes: list[str],
) -> DueItem | None:
    """The last day to give notice before the current term renews by itself."""
    notice_days = values.whole(_CONTRACT, "renewal_notice_days", 0)
    if notice_days is None:
        notes.append(
            "To see the last day to give notice before the contract renews, give the days of "
            f"notice it needs: {update}"
        )
        return None
    deadline = values.computed_day(_CONTRACT, "notice_deadline")
    if not answered or deadline is None:  # the checklists count from the end date answered
        deadline = notice_day(term.end, notice_days)
    if deadline is None:
        return None
    ended = term.end < now
    overdue = deadline < now and not ended
    if overdue:
        detail = (
            f"You missed it: the contract renews by itself on {term.end} for {another} unless "
            "the partner agrees otherwise. If you want to stop it, ask the partner in writing "
            "now whether they will accept your notice."
        )
    elif ended:
        detail = f"This was the last day to give notice before the term that ended on {term.end}."
    else:
        detail = (
            f"If you do not want the contract to renew by itself on {term.end} for {another}, "
            "send the partner your notice in writing by this day and keep a copy. Before "
            "then, check the KPIs and the price against what was agreed."
        )
    advice = (
        f"The last day to give notice if you do not want the contract to renew by itself on "
        f"{term.end}. If you are not renewing, send the partner your notice in writing and "
        "keep a copy."
    )
    return DueItem(
        CONTRACT_NOTICE,
        deadline,
        "Last day to give notice, or the contract renews for another term",
        detail,
        advice,
        (deadline - now).days,
        overdue,
        None,
        term.renewals,
    )


def _price_review(values: AssessedValues, now: date, answers_file: Path) -> DueItem | None:
    """The day the partner may next change the price."""
    day = values.day(_CONTRACT, "price_review_date")
    if day is None:
        return None
    overdue = day < now
    advice = (
        "From this day the partner may change the price. Before then, compare it with other "
        "offers and with the limits the contract puts on increases."
    )
    detail = (
        "The price review date you gave has passed. Check any new price against what the "
        "contract allows, then give the date of the next price review: "
        + _command(f"{_CHECK_CONTRACT} --review", answers_file)
        if overdue
        else advice
    )
    return DueItem(
        PRICE_REVIEW,
        day,
        "The partner may review the price",
        detail,
        advice,
        (day - now).days,
        overdue,
        (_CONTRACT, "price_review_date"),
    )


def _answered_dates(assessment: Assessment) -> tuple[DatedAnswer, ...]:
    """Every date question of the owner's sections that applies and is answered."""
    found = []
    for section in assessment.sections:
        for result in section.questions:
            day = read_iso(result.answer)
            if result.question.type != "date" or not result.applies or day is None:
                continue
            found.append(
                DatedAnswer(
                    result.section_id,
                    result.question.id,
                    day,
                    section.loaded.section.title,
                    result.prompt,
                )
            )
    return tuple(found)
