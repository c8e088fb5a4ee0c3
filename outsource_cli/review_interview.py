"""The periodic review of a running arrangement: its date checked, opened on the owner's file.

A review's answers live in the owner's answers file, under `reviews:` and the review's
date; the file must exist, since the review reads the owner's answers (the KPIs, the
kind of work). A second review on the same date continues that review.
"""

from __future__ import annotations

from pathlib import Path

from . import answers as answers_module
from .answers import MAX_REVIEWS, Answers
from .checklist_set import ChecklistSet
from .errors import AnswerRefused
from .interview import Interview, continue_command
from .lock import AnswersLock
from .quoting import quoted
from .review_answers import for_review, review_set
from .verdicts import RUNNING_STAGE, STAGE_QUESTION

KPI_LIST = ("goals", "kpi_list")
"""Where the built-in checklists keep the owner's KPIs."""


def read_owner_file(path: Path, checklist_set: ChecklistSet) -> answers_module.LoadedAnswers:
    """The owner's answers file, read and checked; NotFoundError when there is none yet."""
    return answers_module.load_owner_file(
        path, checklist_set, "A review reads your own answers (such as your KPIs and their targets)"
    )


def check_room(answers: Answers, day: str) -> None:
    """AnswerRefused when a new review would be one more than an answers file may hold."""
    if answers.review_on(day) is None and len(answers.reviews) >= MAX_REVIEWS:
        raise AnswerRefused(
            f"the answers file already holds {MAX_REVIEWS} reviews, as many as it may",
            hint="Keep older reviews in a copy of the file, and remove them from this one.",
        )


def owner_notes(
    checklist_set: ChecklistSet, answers: Answers, answers_file: Path
) -> tuple[str, ...]:
    """What the owner should know before this review: a stage other than working, or no
    KPIs to measure yet. The review goes on either way."""
    notes = []
    stage = answers.get(*STAGE_QUESTION)
    if isinstance(stage, str) and stage != RUNNING_STAGE:
        notes.append(
            "A review is meant for an arrangement that is running, and your answers say "
            f"where you stand is: {_stage_words(checklist_set, stage)}. The review goes on; "
            "once you work with a partner, choose so in "
            f"'{continue_command(['fit'], answers_file)}'."
        )
    kpis = answers.get(*KPI_LIST)
    if not (isinstance(kpis, list) and kpis):
        notes.append(
            "Your answers hold no KPIs yet, so there are none to measure in this review. Add "
            f"them with their targets in '{continue_command(['goals'], answers_file)}'."
        )
    return tuple(notes)


def _stage_words(checklist_set: ChecklistSet, stage: str) -> str:
    """The stage as the owner chose it, in the question's words ('Comparing candidates')."""
    loaded = checklist_set.get(STAGE_QUESTION[0])
    question = None if loaded is None else loaded.section.question(STAGE_QUESTION[1])
    label = None if question is None else question.answer_text(stage)
    return quoted(label or stage)


def open_review_interview(
    checklist_set: ChecklistSet,
    answers: Answers,
    path: Path,
    day: str,
    *,
    lock: AnswersLock,
    review: bool = False,
) -> Interview:
    """The review of `day` on the owner's answers as read from `path` (continued when the
    file holds a review on that day).

    `lock` is the file's writer lock, taken before the file was read and held until the
    interview ends. Only that review's answers change; the owner's answers are read.
    """
    if not lock.guards(path):
        raise ValueError(f"the writer lock of {path} is not held")
    check_room(answers, day)
    ids = checklist_set.review_ids()
    view = for_review(answers, day, ids)
    asked = review_set(checklist_set)  # the review sections and what they read: quicker
    return Interview(asked, view, path, section_ids=ids, review=review, saved_with=checklist_set)
