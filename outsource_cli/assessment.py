"""Scoring answers against a checklist set: section scores, verdict, blockers, actions."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from typing import Any

from .answers import Answers
from .checklist import AnyQuestion
from .checklist_set import ChecklistSet, CompiledExpression, LoadedSection
from .errors import ChecklistError
from .expressions import ExpressionRefused, Namespace, as_number
from .questions import NOT_APPLICABLE
from .steps import StepId, step_rank
from .verdicts import PASSING_ANSWER_AT, Verdict, verdict_for


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
    answer: Any
    """The stored answer: a value, 'n/a', or None when unanswered."""
    state: QuestionState
    applies: bool
    counted: bool
    score: float | None
    """From 0 to 1 when the question counts, else None."""
    blocker: bool
    step: StepId
    """The step of the action plan its action belongs to (the question's, or its section's)."""

    @property
    def shortfall(self) -> float:
        """How much this question holds the section back: weight × (1 − score)."""
        return self.question.weight * (1 - (self.score or 0.0)) if self.counted else 0.0


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
    scope, applies = _answer_scope(checklist_set, answers)
    computed = _computed_values(checklist_set, scope)
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
                applies,
                scope,
                left_out=(section.id, question.id) in left_out,
            )
            for question in section.questions
        )
        sections.append(
            SectionResult(loaded, results, computed[section.id], _weighted_score(results))
        )
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
    mean = _weighted_mean([(r.question.weight, r.score or 0.0) for r in results if r.counted])
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
    return _answer_scope(checklist_set, answers)[1]


def _answer_scope(
    checklist_set: ChecklistSet, answers: Answers
) -> tuple[dict[str, Namespace], dict[tuple[str, str], bool]]:
    """Answers as expressions see them, built in order so each condition sees what came before."""
    scope: dict[str, Namespace] = {
        loaded.section.id: Namespace(
            {q.id: None for q in loaded.section.questions}
            | {c.id: None for c in loaded.section.computed}
        )
        for loaded in checklist_set.sections
    }
    applies: dict[tuple[str, str], bool] = {}
    for loaded in checklist_set.sections:
        section_id = loaded.section.id
        for question in loaded.section.questions:
            condition = checklist_set.when.get((section_id, question.id))
            ok = condition is None or bool(_run(condition, scope).value)
            applies[(section_id, question.id)] = ok
            value = answers.get(section_id, question.id) if ok else None
            scope[section_id][question.id] = None if value == NOT_APPLICABLE else value
    return scope, applies


def _computed_values(
    checklist_set: ChecklistSet, scope: dict[str, Namespace]
) -> dict[str, tuple[ComputedResult, ...]]:
    results: dict[str, tuple[ComputedResult, ...]] = {}
    for loaded in checklist_set.sections:
        section = loaded.section
        values = []
        for item in section.computed:
            outcome = _run(checklist_set.computed[(section.id, item.id)], scope)
            scope[section.id][item.id] = outcome.value
            values.append(
                ComputedResult(item.id, item.label, outcome.value, item.unit, outcome.problem)
            )
        results[section.id] = tuple(values)
    return results


def _run(compiled: CompiledExpression, scope: dict[str, Namespace], value: Any = None) -> Any:
    try:
        return compiled.expression.evaluate(scope, value)
    except ExpressionRefused as error:
        raise ChecklistError(
            [compiled.problem(f"the expression was refused: {error}")],
            hint="Fix the expression in the checklist file.",
        ) from None


def _question_result(
    checklist_set: ChecklistSet,
    section_id: str,
    question: AnyQuestion,
    step: StepId,
    answers: Answers,
    applies: dict[tuple[str, str], bool],
    scope: dict[str, Namespace],
    *,
    left_out: bool = False,
) -> QuestionResult:
    key = (section_id, question.id)
    answer = answers.get(section_id, question.id)
    state = (
        QuestionState.NOT_APPLICABLE
        if question.is_not_applicable(answer)
        else QuestionState.UNANSWERED
        if answer is None
        else QuestionState.ANSWERED
    )
    does_apply = applies[key]
    counted = (
        does_apply
        and not left_out
        and question.weight > 0
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
    blocker = counted and question.critical and (score or 0.0) < PASSING_ANSWER_AT
    return QuestionResult(
        section_id, question, answer, state, does_apply, counted, score, blocker, step
    )


def _answer_score(
    checklist_set: ChecklistSet,
    key: tuple[str, str],
    question: AnyQuestion,
    answer: Any,
    scope: dict[str, Namespace],
) -> float:
    if question.score_expression is None:
        return question.answer_score(answer)
    compiled = checklist_set.score[key]
    outcome = _run(compiled, scope, answer)
    if outcome.unusable:
        raise ChecklistError(
            [compiled.problem(f"the score cannot be used: {outcome.problem}")],
            hint="A score expression must give a number from 0 to 1.",
        )
    if outcome.value is None:
        return 0.0  # could not be worked out: counts as unanswered
    number = as_number(outcome.value)
    if number is None:
        raise ChecklistError(
            [compiled.problem(f"the score gave {outcome.value!r}, not a number")],
            hint="A score expression must give a number from 0 to 1.",
        )
    return min(1.0, max(0.0, number))
