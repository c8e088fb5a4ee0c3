"""Scoring answers against a checklist set: section scores, verdict, blockers, actions."""

from __future__ import annotations

import functools
import shlex
from collections.abc import Collection
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from .answers import Answers
from .checklist import AnyQuestion
from .checklist_set import ChecklistSet, LoadedSection, display_path
from .date_order import out_of_order
from .date_questions import DateQuestion
from .fitting import Scope, answer_scope, expression_value, fit, number_from, within
from .formats import DEFAULT_ANSWERS_FILE
from .quoting import quoted
from .steps import StepId, step_rank
from .verdicts import PASSING_ANSWER_AT, STAGE_QUESTION, Verdict, verdict_for, verdict_words
from .words import listed


class QuestionState(str, Enum):
    """Whether a question is answered; the values are what the JSON report says."""

    ANSWERED = "answered"
    UNANSWERED = "unanswered"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class QuestionResult:
    """One question with its answer, whether it applies and counts, and its score."""

    section_id: str
    question: AnyQuestion
    """The question fitted to the answers (fitting.py): its texts as they come out, and
    only the choices offered."""
    answer: Any
    """The answer as it counts: a value, 'n/a', or None when unanswered. A choice that is
    not offered counts as unanswered, and is left out of a multi answer (`not_offered`)."""
    state: QuestionState
    applies: bool
    counted: bool
    score: float | None
    """From 0 to 1 when the question counts, else None."""
    blocker: bool
    step: StepId
    """The step of the action plan its action belongs to (the question's, or its section's)."""
    prompt: str
    help: str | None
    recommendation: str | None
    weight: float
    critical: bool
    """The texts, weight and critical the answers give the question."""
    not_offered: tuple[str, ...] = ()
    """The values of the stored answer that name choices not offered, left out of the score."""

    @property
    def key(self) -> tuple[str, str]:
        """The question as (section id, question id)."""
        return (self.section_id, self.question.id)

    @property
    def shortfall(self) -> float:
        """How much this question holds the section back: weight × (1 − score)."""
        return self.weight * (1 - (self.score or 0.0)) if self.counted else 0.0


@dataclass(frozen=True)
class ComputedResult:
    """A computed value, or None when it cannot be worked out yet."""

    id: str
    label: str
    value: Any
    unit: str | None
    problem: str | None


@dataclass(frozen=True)
class SectionResult:
    """One section's questions, computed values and score (0-100, unrounded)."""

    loaded: LoadedSection
    questions: tuple[QuestionResult, ...]
    computed: tuple[ComputedResult, ...]
    raw_score: float | None

    @property
    def score(self) -> float | None:
        """The score rounded to one decimal, as shown."""
        return round_score(self.raw_score)


@dataclass(frozen=True)
class Assessment:
    """Everything the report says, worked out once."""

    sections: tuple[SectionResult, ...]
    raw_score: float | None
    verdict: Verdict
    blockers: tuple[QuestionResult, ...]
    """The blockers, in interview order."""
    actions: tuple[QuestionResult, ...]
    """The action plan, in the order shown and numbered from 1: by step, then blockers
    first, then by shortfall, then in interview order."""

    @property
    def score(self) -> float | None:
        """The overall score rounded to one decimal; the verdict uses this figure."""
        return round_score(self.raw_score)

    @property
    def stage(self) -> str | None:
        """The owner's stage (`fit.stage`) where the set asks it and it is answered."""
        for section in self.sections:
            if section.loaded.section.id == STAGE_QUESTION[0]:
                for result in section.questions:
                    if result.question.id == STAGE_QUESTION[1] and result.applies:
                        return result.answer if isinstance(result.answer, str) else None
        return None

    @property
    def verdict_label(self) -> str:
        """The verdict in words, as the stage reads it: 'Ready to sign', 'Needs work'."""
        return verdict_words(self.verdict, self.stage)

    @functools.cached_property
    def action_numbers(self) -> dict[tuple[str, str], int]:
        """Each action's number, from 1 in the order shown, by (section id, question id)."""
        return {result.key: number for number, result in enumerate(self.actions, start=1)}

    def warnings(self, answers_file: Path) -> tuple[str, ...]:
        """One warning for each answer naming a choice that is not offered, and for each
        date on the wrong side of the date it is bounded by, saying what to do."""
        found = []
        every = [result for section in self.sections for result in section.questions]
        given = {
            f"{result.section_id}.{result.question.id}": (result.answer, result.prompt)
            for result in every
            if result.applies and result.state is QuestionState.ANSWERED
        }
        for section in self.sections:
            for result in section.questions:
                if result.not_offered:
                    full = section.loaded.section.question(result.question.id)
                    assert full is not None
                    found.append(_not_offered_warning(result, full, answers_file))
                if isinstance(result.question, DateQuestion) and result.applies:
                    wrong = out_of_order(result.section_id, result.question, result.answer, given)
                    if wrong is not None:
                        command = _again_command(result.section_id, answers_file)
                        found.append(f"{display_path(answers_file)}: {wrong.warning(command)}")
        return tuple(found)


def round_score(value: float | None) -> float | None:
    """Round to one decimal, halves away from zero as people round by hand."""
    if value is None:
        return None
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def assess(
    checklist_set: ChecklistSet,
    answers: Answers,
    *,
    only: Collection[str] | None = None,
    left_out: Collection[tuple[str, str]] = (),
) -> Assessment:
    """Score every section and the whole, and list the blockers and the action plan.

    With `only`, the assessment covers just those sections (conditions and computed
    values still see every answer). Questions in `left_out`, as (section id, question
    id), do not count: a comparison leaves out what not every file could answer.
    """
    scope = answer_scope(checklist_set, answers)
    outcomes = scope.computed()
    sections = []
    for loaded in checklist_set.sections:
        if only is not None and loaded.section.id not in only:
            continue
        section = loaded.section
        results = tuple(
            _question_result(
                checklist_set,
                section.id,
                question,
                section.step_of(question),
                answers,
                scope,
                left_out=(section.id, question.id) in left_out,
            )
            for question in section.questions
        )
        computed = tuple(
            ComputedResult(
                item.id,
                item.label,
                outcomes[(section.id, item.id)].value,
                item.unit,
                outcomes[(section.id, item.id)].problem,
            )
            for item in section.computed
        )
        sections.append(SectionResult(loaded, results, computed, _weighted_score(results)))
    raw_score = _weighted_mean(
        [(s.loaded.section.weight, s.raw_score) for s in sections if s.raw_score is not None]
    )
    every = [result for section in sections for result in section.questions]
    blockers = tuple(result for result in every if result.blocker)
    position = {id(result): index for index, result in enumerate(every)}
    actions = tuple(
        sorted(
            (r for r in every if r.counted and (r.score or 0.0) < 1),
            key=lambda r: (step_rank(r.step), not r.blocker, -r.shortfall, position[id(r)]),
        )
    )
    verdict = verdict_for(round_score(raw_score), len(blockers))
    return Assessment(tuple(sections), raw_score, verdict, blockers, actions)


def _weighted_score(results: tuple[QuestionResult, ...]) -> float | None:
    mean = _weighted_mean([(r.weight, r.score or 0.0) for r in results if r.counted])
    return None if mean is None else 100 * mean


def _weighted_mean(pairs: list[tuple[float, float]]) -> float | None:
    """The mean of the values by their weights; None when no weight is above 0.

    The weights are first divided by the largest, so that large ones (1e308) cannot add
    up to infinity and make the score NaN: the mean always lies between the values.
    """
    largest = max((weight for weight, _ in pairs), default=0.0)
    if not largest > 0:
        return None
    scaled = [(1.0 if weight == largest else weight / largest, value) for weight, value in pairs]
    total = sum(weight for weight, _ in scaled)
    return sum(weight * value for weight, value in scaled) / total


def applicable(checklist_set: ChecklistSet, answers: Answers) -> dict[tuple[str, str], bool]:
    """Whether each (section id, question id) applies, given the answers so far."""
    return answer_scope(checklist_set, answers).applies


def _question_result(
    checklist_set: ChecklistSet,
    section_id: str,
    question: AnyQuestion,
    step: StepId,
    answers: Answers,
    scope: Scope,
    *,
    left_out: bool = False,
) -> QuestionResult:
    key = (section_id, question.id)
    fitted = fit(checklist_set, section_id, question, scope)
    question = fitted.question
    answer = answers.get(section_id, question.id)
    does_apply = scope.applies[key]
    offered = scope.offered.get(key)
    not_offered: tuple[str, ...] = ()
    if does_apply and offered is not None:
        answer, not_offered = within(answer, offered)
    state = (
        QuestionState.NOT_APPLICABLE
        if question.is_not_applicable(answer)
        else QuestionState.UNANSWERED
        if answer is None
        else QuestionState.ANSWERED
    )
    counted = (
        does_apply
        and not left_out
        and fitted.weight > 0
        and question.is_scored()
        and state != QuestionState.NOT_APPLICABLE
    )
    score: float | None = None
    if counted:
        score = (
            0.0
            if state == QuestionState.UNANSWERED
            else _answer_score(checklist_set, key, question, answer, scope)
        )
    blocker = counted and fitted.critical and (score or 0.0) < PASSING_ANSWER_AT
    return QuestionResult(
        section_id,
        question,
        answer,
        state,
        does_apply,
        counted,
        score,
        blocker,
        step,
        fitted.prompt,
        fitted.help,
        fitted.recommendation,
        fitted.weight,
        fitted.critical,
        not_offered,
    )


def _answer_score(
    checklist_set: ChecklistSet,
    key: tuple[str, str],
    question: AnyQuestion,
    answer: Any,
    scope: Scope,
) -> float:
    if question.score_expression is None:
        return question.answer_score(answer)
    compiled = checklist_set.expression(*key, "score")
    assert compiled is not None  # a question scored by an expression has one
    number = number_from(
        compiled,
        scope.names,
        "score",
        "A score expression must give a number from 0 to 1.",
        expression_value(question, answer),
    )
    if number is None:
        return 0.0  # could not be worked out: counts as unanswered
    return min(1.0, max(0.0, number))


def _again_command(section_id: str, answers_file: Path) -> str:
    """The command that goes through a section's questions again, with this answers file."""
    command = f"outsource check {section_id} --review"
    if answers_file != DEFAULT_ANSWERS_FILE:
        command += f" --answers {shlex.quote(str(answers_file))}"
    return command


def _not_offered_warning(result: QuestionResult, question: AnyQuestion, answers_file: Path) -> str:
    """Which answer names which choices that do not fit the other answers, and what to do."""
    labels = {choice.value: choice.label_text for choice in getattr(question, "choices", [])}
    shown = [quoted(labels.get(value, value)) for value in result.not_offered]
    name = quoted(f"{result.section_id}.{question.id}")
    command = _again_command(result.section_id, answers_file)
    if question.type != "multi":
        what = (
            f"{name} is answered {listed(shown)}, a choice that does not fit your other answers, "
            "so the question counts as unanswered"
        )
    else:
        kind = "a choice that does" if len(shown) == 1 else "choices that do"
        they = "it is" if len(shown) == 1 else "they are"
        what = (
            f"the answer to {name} includes {listed(shown)}, {kind} not fit your other answers, "
            f"so {they} left out of the score"
        )
    return f"{display_path(answers_file)}: {what}; to answer it again, run: {command}"
