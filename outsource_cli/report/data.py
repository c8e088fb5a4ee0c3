"""The report data: the assessment as plain data, the JSON output and what templates receive."""

from __future__ import annotations

import json
import math
from collections import deque
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, TypedDict

from .. import dates
from ..answers import Answers
from ..assessment import Assessment, ComputedResult, QuestionResult, QuestionState, SectionResult
from ..checklist import AnyQuestion
from ..errors import OutsourceError
from ..list_questions import ListQuestion
from ..steps import STEP_IDS, step_title
from ..verdicts import (
    ALMOST_READY_AT,
    READY_AT,
    RUNNING_STAGE,
    ToneData,
    Verdict,
    score_tone,
    tone_legend,
)
from ..words import REPORT_TEXTS, RUNNING_TEXTS
from .profile import AssessedData, ProfileData, assessed, profile
from .text import format_number

if TYPE_CHECKING:
    from ..candidates import CandidateData
    from .after_signing import AfterSigningData

REPORT_FORMAT = 2
"""The version of the data layout: 2 since the action plan is grouped by step (in format 1,
`actions` was one list in priority order)."""


class Overall(TypedDict):
    """The overall score and verdict (docs/report-data.md, `overall`)."""

    score: float | None
    verdict: str
    verdict_label: str
    reason: str
    blocker_count: int
    action_count: int
    tone: str
    verdict_tone: str


class Counts(TypedDict):
    """How many of a section's questions are in each state."""

    questions: int
    applicable: int
    answered: int
    unanswered: int
    not_applicable: int
    counted: int
    blockers: int


class QuestionData(TypedDict):
    """One question with its answer and score (docs/report-data.md, Questions)."""

    id: str
    prompt: str
    type: str
    answer: Any
    answer_text: str
    table: TableData | None
    state: str
    score: float | None
    weight: float
    critical: bool
    applies: bool
    counted: bool
    blocker: bool
    falls_short: bool
    recommendation: str | None
    note: str | None
    step: str
    action: int | None


class TableData(TypedDict):
    """A list answer as a table: the fields' names, and one row of words per item."""

    columns: list[str]
    rows: list[list[str]]


class ComputedData(TypedDict):
    """A computed value (docs/report-data.md, Computed values)."""

    id: str
    label: str
    value: Any
    unit: str | None
    value_text: str
    problem: str | None


class SectionData(TypedDict):
    """One section (docs/report-data.md, `sections`)."""

    id: str
    title: str
    score: float | None
    tone: str
    weight: float
    counts: Counts
    questions: list[QuestionData]
    computed: list[ComputedData]


class ItemData(TypedDict):
    """What a blocker and an action share (docs/report-data.md, `blockers` and `actions`)."""

    section: str
    section_title: str
    question: str
    prompt: str
    recommendation: str | None
    blocker: bool
    score: float | None


class ActionData(ItemData):
    """An action of the plan: its step and its number, from 1 in the order shown."""

    step: str
    number: int


class BlockerData(ItemData):
    """A blocker, with the number of the action that fixes it."""

    action: int


class StepData(TypedDict):
    """A step of the action plan (docs/report-data.md, `steps`)."""

    id: str
    title: str
    action_count: int


class _ReportData(TypedDict):
    """What every report holds."""

    format: int
    date: str
    business: str | None
    profile: ProfileData
    assessed: AssessedData
    overall: Overall
    sections: list[SectionData]
    blockers: list[BlockerData]
    steps: list[StepData]
    actions: list[ActionData]
    computed: dict[str, dict[str, ComputedData]]
    tones: list[ToneData]
    texts: dict[str, str]


class ReportData(_ReportData, total=False):
    """The whole report: the JSON output, and what every template receives."""

    candidates: list[CandidateData]
    """Only when the answers file records candidate partners (candidates.py)."""
    after_signing: AfterSigningData
    """Only at the stage working, with review questions in the checklists (after_signing.py)."""


def report_date() -> date:
    """The date a report shows: the run's today (dates.py), which SOURCE_DATE_EPOCH fixes
    for reproducible reports."""
    return dates.today()


def report_data(
    assessment: Assessment, answers: Answers, *, today: date | None = None
) -> ReportData:
    """The whole report as plain data: the JSON output, and what templates receive."""
    numbers = assessment.action_numbers
    running = assessment.stage == RUNNING_STAGE
    lists = _lists(assessment, answers)
    sections = [_section_data(section, answers, numbers, lists) for section in assessment.sections]
    titles = {section["id"]: section["title"] for section in sections}
    return {
        "format": REPORT_FORMAT,
        "date": (today or report_date()).isoformat(),
        "business": answers.business,
        "profile": profile(sections),
        "assessed": assessed(sections),
        "overall": {
            "score": assessment.score,
            "verdict": assessment.verdict.value,
            "verdict_label": assessment.verdict_label,
            "reason": _reason(assessment),
            "blocker_count": len(assessment.blockers),
            "action_count": len(assessment.actions),
            "tone": score_tone(assessment.score).value,
            "verdict_tone": assessment.verdict.tone.value,
        },
        "sections": sections,
        "blockers": [
            {**_item(result, titles), "action": numbers[result.key]}
            for result in assessment.blockers
        ],
        "steps": [
            {
                "id": step,
                "title": step_title(step, running=running),
                "action_count": sum(result.step == step for result in assessment.actions),
            }
            for step in STEP_IDS
        ],
        "actions": [
            {**_item(result, titles), "step": result.step, "number": numbers[result.key]}
            for result in assessment.actions
        ],
        "computed": {
            section["id"]: {value["id"]: value for value in section["computed"]}
            for section in sections
            if section["computed"]
        },
        "tones": tone_legend(),
        "texts": dict(RUNNING_TEXTS if running else REPORT_TEXTS),
    }


def _reason(assessment: Assessment) -> str:
    blockers = len(assessment.blockers)
    score = assessment.score
    if score is None:
        return "Nothing could be scored yet: answer the questions first."
    if blockers == 1:
        return "1 blocker stands in the way, whatever the score: fix it first."
    if blockers:
        return f"{blockers} blockers stand in the way, whatever the score: fix them first."
    if assessment.verdict is Verdict.READY:
        return f"The score is {READY_AT:g} or more and nothing is blocking."
    if assessment.verdict is Verdict.ALMOST_READY:
        return (
            f"Nothing is blocking, but the score is below {READY_AT:g}: "
            "work through the action plan."
        )
    return f"The score is below {ALMOST_READY_AT:g}: several basics are not in place yet."


def _lists(assessment: Assessment, answers: Answers) -> dict[str, tuple[ListQuestion, Any]]:
    """Each list question by `section.question`, with its stored answer: what a for_each
    list's table names its items after and checks them against."""
    return {
        f"{result.section_id}.{result.question.id}": (
            result.question,
            answers.get(result.section_id, result.question.id),
        )
        for section in assessment.sections
        for result in section.questions
        if isinstance(result.question, ListQuestion)
    }


def _section_data(
    result: SectionResult,
    answers: Answers,
    numbers: dict[tuple[str, str], int],
    lists: dict[str, tuple[ListQuestion, Any]],
) -> SectionData:
    section = result.loaded.section
    questions = [_question_data(q, answers, numbers.get(q.key), lists) for q in result.questions]
    applying = [q for q in result.questions if q.applies]
    return {
        "id": section.id,
        "title": section.title,
        "score": result.score,
        "tone": score_tone(result.score).value,
        "weight": section.weight,
        "counts": {
            "questions": len(result.questions),
            "applicable": len(applying),
            "answered": sum(q.state == QuestionState.ANSWERED for q in applying),
            "unanswered": sum(q.state == QuestionState.UNANSWERED for q in applying),
            "not_applicable": sum(q.state == QuestionState.NOT_APPLICABLE for q in applying),
            "counted": sum(q.counted for q in applying),
            "blockers": sum(q.blocker for q in applying),
        },
        "questions": questions,
        "computed": [_computed_data(value) for value in result.computed],
    }


def _question_data(
    result: QuestionResult,
    answers: Answers,
    action: int | None,
    lists: dict[str, tuple[ListQuestion, Any]],
) -> QuestionData:
    question = result.question
    falls_short = result.counted and (result.score or 0.0) < 1
    return {
        "id": question.id,
        "prompt": result.prompt,
        "type": question.type,
        "answer": result.answer,
        "answer_text": answer_text(question, result.answer),
        "table": _table(question, result.answer, lists),
        "state": result.state.value,  # plain text: templates group and compare by it
        "score": None if result.score is None else round(result.score, 4),
        "weight": result.weight,
        "critical": result.critical,
        "applies": result.applies,
        "counted": result.counted,
        "blocker": result.blocker,
        "falls_short": falls_short,
        "recommendation": result.recommendation,
        "note": answers.note(result.section_id, question.id),
        "step": result.step,
        "action": action,
    }


def _item(result: QuestionResult, titles: dict[str, str]) -> ItemData:
    return {
        "section": result.section_id,
        "section_title": titles[result.section_id],
        "question": result.question.id,
        "prompt": result.prompt,
        "recommendation": result.recommendation,
        "blocker": result.blocker,
        "score": None if result.score is None else round(result.score, 4),
    }


def _computed_data(value: ComputedResult) -> ComputedData:
    return {
        "id": value.id,
        "label": value.label,
        "value": value.value,
        "unit": value.unit,
        "value_text": _value_text(value.value, value.unit),
        "problem": value.problem,
    }


def _value_text(value: Any, unit: str | None) -> str:
    if value is None:
        return "not known yet"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    text = format_number(value) if isinstance(value, (int, float)) else str(value)
    return f"{text} {unit}" if unit else text


def _table(
    question: AnyQuestion, answer: Any, lists: dict[str, tuple[ListQuestion, Any]]
) -> TableData | None:
    """A list answer with items as a table; None for any other answer."""
    if not isinstance(question, ListQuestion) or not answer:
        return None
    source, source_answer = lists.get(question.for_each or "", (None, None))
    table = question.table(answer, source, source_answer)
    if table is None:
        return None
    columns, rows = table
    return {"columns": columns, "rows": rows}


def answer_text(question: AnyQuestion, answer: Any) -> str:
    """An answer in words: Yes, the chosen labels, 52,000 USD."""
    return question.answer_text(answer)


def answer_in_full(question: AnyQuestion, answer: Any) -> str:
    """An answer in words, a list's items written out in full, field by field, so that a
    change inside an item (a KPI's target) shows when answers are set side by side."""
    if isinstance(question, ListQuestion) and isinstance(answer, list) and answer:
        _, rows = question.table(answer) or ([], [])
        return "; ".join(", ".join(row) for row in rows)
    return answer_text(question, answer)


def json_text(data: Mapping[str, Any]) -> str:
    """The data as JSON text; a number that is not finite is refused, never written as NaN.

    JSON has no NaN or infinity (Python would write `NaN`, which other tools refuse): the
    numbers are bounded where they are read, and this is the last guard.
    """
    try:
        return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    except ValueError:
        where = _not_finite(data) or "the data"
        raise OutsourceError(
            f"the JSON output cannot be written: {where} is not a finite number",
            hint="Check the weights and numbers in the checklists and the answers file.",
        ) from None


def _not_finite(value: Any, path: str = "") -> str | None:
    """Where in the data the first number that is not finite is: `sections[0].score`."""
    pending: deque[tuple[Any, str]] = deque([(value, path)])
    while pending:
        item, where = pending.popleft()
        if isinstance(item, float) and not math.isfinite(item):
            return where or "a value"
        if isinstance(item, Mapping):
            pending.extend((v, f"{where}.{k}" if where else str(k)) for k, v in item.items())
        elif isinstance(item, (list, tuple)):
            pending.extend((v, f"{where}[{i}]") for i, v in enumerate(item))
    return None
