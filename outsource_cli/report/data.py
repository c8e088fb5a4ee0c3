"""The report data: the assessment as plain data, the JSON output and what templates receive."""

from __future__ import annotations

import os
from datetime import date, datetime, timezone
from typing import Any

from ..answers import Answers
from ..assessment import Assessment, ComputedResult, QuestionResult, QuestionState, SectionResult
from ..checklist import AnyQuestion
from .text import format_number

REPORT_FORMAT = 1

VERDICT_LABELS = {
    "ready": "Ready",
    "almost-ready": "Almost ready",
    "not-ready": "Not ready",
}


def report_date() -> date:
    """Today, or the date in SOURCE_DATE_EPOCH for reproducible reports."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


def report_data(
    assessment: Assessment, answers: Answers, *, today: date | None = None
) -> dict[str, Any]:
    """The whole report as plain data: the JSON output, and what templates receive."""
    sections = [_section_data(section, answers) for section in assessment.sections]
    titles = {section["id"]: section["title"] for section in sections}
    return {
        "format": REPORT_FORMAT,
        "date": (today or report_date()).isoformat(),
        "business": answers.business,
        "overall": {
            "score": assessment.score,
            "verdict": assessment.verdict,
            "verdict_label": VERDICT_LABELS[assessment.verdict],
            "reason": _reason(assessment),
            "blocker_count": len(assessment.blockers),
            "action_count": len(assessment.actions),
        },
        "sections": sections,
        "blockers": [_item(result, titles) for result in assessment.blockers],
        "actions": [_item(result, titles) for result in assessment.actions],
        "computed": {
            section["id"]: {value["id"]: value for value in section["computed"]}
            for section in sections
            if section["computed"]
        },
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
    if assessment.verdict == "ready":
        return "The score is 80 or more and nothing is blocking."
    if assessment.verdict == "almost-ready":
        return "Nothing is blocking, but the score is below 80: work through the action plan."
    return "The score is below 60: several basics are not in place yet."


def _section_data(result: SectionResult, answers: Answers) -> dict[str, Any]:
    section = result.loaded.section
    questions = [_question_data(q, answers) for q in result.questions]
    applying = [q for q in result.questions if q.applies]
    return {
        "id": section.id,
        "title": section.title,
        "score": result.score,
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


def _question_data(result: QuestionResult, answers: Answers) -> dict[str, Any]:
    question = result.question
    falls_short = result.counted and (result.score or 0.0) < 1
    return {
        "id": question.id,
        "prompt": question.prompt,
        "type": question.type,
        "answer": result.answer,
        "answer_text": answer_text(question, result.answer),
        "state": result.state.value,  # plain text: templates group and compare by it
        "score": None if result.score is None else round(result.score, 4),
        "weight": question.weight,
        "critical": question.critical,
        "applies": result.applies,
        "counted": result.counted,
        "blocker": result.blocker,
        "falls_short": falls_short,
        "recommendation": question.recommendation,
        "note": answers.note(result.section_id, question.id),
    }


def _item(result: QuestionResult, titles: dict[str, str]) -> dict[str, Any]:
    return {
        "section": result.section_id,
        "section_title": titles[result.section_id],
        "question": result.question.id,
        "prompt": result.question.prompt,
        "recommendation": result.question.recommendation,
        "blocker": result.blocker,
        "score": None if result.score is None else round(result.score, 4),
    }


def _computed_data(value: ComputedResult) -> dict[str, Any]:
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


def answer_text(question: AnyQuestion, answer: Any) -> str:
    """An answer in words: Yes, the chosen labels, 52,000 USD."""
    return question.answer_text(answer)
