"""What is due after signing, and when: the next review, the notice day, the contract's end.

`outsource due` and its calendar file read these. The dates come from the built-in
questions named here (the contract's dates, the review rhythm) and the reviews recorded
in the answers file; a set of checklists without them gives fewer items, never an error.
Values the checklists compute (the end of the first term, the notice deadline) are read
from the assessment; only rolling a renewed contract on to its current term is counted in
Python (contract_term.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import answers as answers_module
from .answers import Answers, Review
from .assessed_values import AssessedValues
from .assessment import Assessment, assess
from .checklist_set import ChecklistSet
from .contract_term import Term, current_term, end_after_notice, moved, notice_day
from .dates import read_iso, today
from .due_items import DatedAnswer, DueDates, DueItem
from .formats import DEFAULT_ANSWERS_FILE
from .interview import continue_command, review_command
from .review_answers import finished_reviews
from .verdicts import RUNNING_STAGE
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


@dataclass(frozen=True)
class LoadedDue:
    """An answers file read and checked, what is due from it, and the reading's warnings."""

    answers: Answers
    assessment: Assessment
    """The owner's answers assessed, for the calendar file to read again."""
    due: DueDates
    warnings: tuple[str, ...]


def load_due(answers_file: Path, checklist_set: ChecklistSet) -> LoadedDue:
    """Read and check an answers file and work out what is due from today."""
    loaded = answers_module.load(answers_file, checklist_set)
    assessment = assess(checklist_set, loaded.answers)
    due = due_dates(checklist_set, loaded.answers, answers_file, assessment=assessment)
    return LoadedDue(loaded.answers, assessment, due, loaded.warnings)


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
    held = finished_reviews(checklist_set, answers, now.isoformat())
    _unfinished_review(answers, held, now, answers_file, notes)
    review = _next_review(values, held, now, answers_file, notes)
    if review is not None:
        items.append(review)
    items.extend(_contract_items(values, now, answers_file, notes))
    price = _price_review(values, now, answers_file)
    if price is not None:
        items.append(price)
    stage = values.assessment.stage
    if stage is not None and stage != RUNNING_STAGE:
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


def _unfinished_review(
    answers: Answers, held: list[Review], now: date, answers_file: Path, notes: list[str]
) -> None:
    """A note when the latest review up to `now` was started and not finished: it does
    not count as held until it is."""
    started = [review for review in answers.reviews if review.date <= now.isoformat()]
    if started and (not held or started[-1].date > held[-1].date):
        day = started[-1].date
        notes.append(
            f"Your review of {day} is not finished, so the next review is counted from the "
            f"one before it. To finish it, run: {review_command(day, answers_file)}"
        )


def _next_review(
    values: AssessedValues, held: list[Review], now: date, answers_file: Path, notes: list[str]
) -> DueItem | None:
    """The next review: the last one held in full up to `now`, or the contract's start,
    plus the rhythm."""
    recorded = [day for day in (read_iso(review.date) for review in held) if day]
    start = values.day(_CONTRACT, "start_date")
    record = review_command(None, answers_file)
    if not recorded and start is None:
        if values.has(_CONTRACT, "start_date"):
            notes.append(
                "To see when the next review is due, give the day the contract started "
                f"({continue_command(['contract'], answers_file)}), or record a review ({record})."
            )
        return None
    months = RHYTHMS.get(str(values.answer("communication", "review_every")))
    rhythm = (
        f"{_RHYTHM_WORDS[months].capitalize()}, the rhythm you chose"
        if months is not None
        else f"{_RHYTHM_WORDS[_USUAL_RHYTHM].capitalize()}, the usual rhythm, as you have not "
        "chosen one"
    )
    if months is None:
        notes.append(
            "To choose how often you review the work with the partner, run: "
            + continue_command(["communication"], answers_file)
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
    update = continue_command(["contract"], answers_file, again=True)
    found = _current_term(values, now)
    if found is None:
        if values.has(_CONTRACT, "end_date") and not values.not_applicable(_CONTRACT, "end_date"):
            notes.append(
                "To see when the contract ends and the last day to give notice, answer the "
                f"contract's dates: {continue_command(['contract'], answers_file)}"
            )
        return []
    term, source = found
    renews = values.answer(_CONTRACT, "auto_renews") is True
    months = values.whole(_CONTRACT, "term_months", 1)
    another = f"another {plural(months, 'month')}" if months else "another term"
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
    given = values.day(_CONTRACT, "notice_given")
    if given is not None:
        return _ended_by_notice(values, given, now, update)
    title = "The term ends; the contract renews unless you gave notice"
    items = [_item(term, source, now, title, detail + renewed, advice, stuck)]
    notice = _notice_item(values, term, source is not None, now, another, update, notes)
    if notice is not None:
        items.append(notice)
    return items


def _ended_by_notice(values: AssessedValues, given: date, now: date, update: str) -> list[DueItem]:
    """The contract's last day once the owner gave notice on `given`: the end of the term
    that notice stops (no more renewals, so no notice day is due)."""
    end = values.day(_CONTRACT, "end_date") or values.computed_day(_CONTRACT, "term_end")
    months = values.whole(_CONTRACT, "term_months", 1)
    notice_days = values.whole(_CONTRACT, "renewal_notice_days", 0) or 0
    found = None if end is None else end_after_notice(end, months, notice_days, given)
    if found is None:
        detail = (
            f"You gave notice on {given}, but the end of the term it stops cannot be worked "
            f"out. Give the day the current term ends, or the term in months: {update}"
        )
        return [DueItem(CONTRACT_END, given, "The contract ends", detail, detail, 0, True)]
    last, renewals = found
    passed = last < now
    detail = (
        f"You gave notice on {given}: the contract ended on this day. Check that the "
        "handover is complete and the partner's access is removed."
        if passed
        else f"You gave notice on {given}: the contract ends on this day instead of renewing. "
        "Agree the handover with the partner in writing well before then."
    )
    advice = (
        f"You gave notice on {given}: the contract ends on this day. Check the handover, "
        "your data returned and the partner's access removed."
    )
    days = (last - now).days
    return [
        DueItem(
            CONTRACT_END, last, "The contract ends", detail, advice, days, False, None, renewals
        )
    ]


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
        + continue_command(["contract"], answers_file, again=True)
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
