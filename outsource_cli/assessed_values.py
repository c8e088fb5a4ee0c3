"""The answers and computed values of an assessment, read by section id and id.

For code that reads a few known questions (the contract's dates, say) as the scoring
sees them: an answer counts only where its question applies and is answered.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .assessment import Assessment, QuestionState
from .dates import read_iso


class AssessedValues:
    """The answers and computed values the assessment holds, by (section id, id).

    An answer counts only where its question applies and is answered; a question or
    section the checklists do not have reads as unanswered.
    """

    def __init__(self, assessment: Assessment) -> None:
        self.assessment = assessment
        self._results = {
            result.key: result for section in assessment.sections for result in section.questions
        }
        self._computed = {
            (section.loaded.section.id, value.id): value.value
            for section in assessment.sections
            for value in section.computed
        }

    def has(self, section_id: str, question_id: str) -> bool:
        """Whether the checklists ask this question."""
        return (section_id, question_id) in self._results

    def answer(self, section_id: str, question_id: str) -> Any:
        """The answer as it counts, or None (unanswered, n/a, not asked, not applying)."""
        result = self._results.get((section_id, question_id))
        if result is None or not result.applies or result.state != QuestionState.ANSWERED:
            return None
        return result.answer

    def not_applicable(self, section_id: str, question_id: str) -> bool:
        """Whether the owner answered n/a (no such date, no fixed term)."""
        result = self._results.get((section_id, question_id))
        return result is not None and result.state == QuestionState.NOT_APPLICABLE

    def day(self, section_id: str, question_id: str) -> date | None:
        """A date answer as a date, or None."""
        return read_iso(self.answer(section_id, question_id))

    def whole(self, section_id: str, question_id: str, least: int) -> int | None:
        """A whole number answer of at least `least`, else None."""
        value = self.answer(section_id, question_id)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None
        if isinstance(value, float) and not value.is_integer():  # 2.5, and inf or nan
            return None
        if value < least:
            return None
        return int(value)

    def computed_day(self, section_id: str, value_id: str) -> date | None:
        """A computed value that is a date (ISO text) as a date, or None."""
        return read_iso(self._computed.get((section_id, value_id)))
