"""Dates that must come in order: a date question whose `min` or `max` names another.

A contract cannot end before it starts, and a partner cannot start before being chosen.
A checklist says so with `min: contract.start_date` on the end date. The interview refuses
an answer on the wrong side of the other one. A file whose two dates disagree, because one
was changed afterwards or by hand, still loads: the warning says which two disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .date_questions import DateQuestion
from .dates import read_iso
from .quoting import quoted


@dataclass(frozen=True)
class OutOfOrder:
    """One date answer on the wrong side of the answer it is bounded by."""

    section_id: str
    question_id: str
    day: str
    other: str
    """The other question, as section.question."""
    other_day: str
    other_prompt: str
    after: bool
    """True when the answer must be on or after the other one (its `min`)."""

    def refusal(self) -> str:
        """What the interview says when this answer is typed."""
        side = "on or after" if self.after else "on or before"
        return (
            f"Type a date {side} {self.other_day}, the date you gave for "
            f"{quoted(self.other_prompt)}; or go back with < and correct that one."
        )

    def warning(self, command: str) -> str:
        """What a command says of a file that holds both answers; `command` is the one
        that goes through this answer's section again."""
        side = "before" if self.after else "after"
        name = quoted(f"{self.section_id}.{self.question_id}")
        return (
            f"{name} is {self.day}, {side} {self.other_day}, the date given for "
            f"{quoted(self.other)} ({quoted(self.other_prompt)}): correct one of them; to "
            f"answer it again, run: {command}"
        )


def out_of_order(
    section_id: str, question: DateQuestion, value: Any, given: dict[str, tuple[Any, str]]
) -> OutOfOrder | None:
    """Whether `value`, answering `question`, is on the wrong side of a date it is bounded
    by; `given` holds, by section.question, the answers that apply with their prompts."""
    day = read_iso(value)
    if day is None:
        return None
    for bound, after in zip(question.answer_bounds(), (True, False), strict=True):
        if bound is None or bound not in given:
            continue
        other_answer, other_prompt = given[bound]
        other_day = read_iso(other_answer)
        if other_day is None or (day >= other_day if after else day <= other_day):
            continue
        return OutOfOrder(
            section_id, question.id, str(value), bound, other_day.isoformat(), other_prompt, after
        )
    return None
