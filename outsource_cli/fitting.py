"""Questions fitted to the answers: which apply, which choices they offer, and the texts,
weight and critical that the answers give them.

A question whose texts, choices, weight and critical are all constants (most of them) is
used as it is; only the others are worked out, into a copy that holds plain texts and
only the choices that apply, so that the question types' own methods (reading a typed
reply, the numbered options, the help) work on it unchanged.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from .answers import Answers
from .checklist import AnyQuestion
from .checklist_expressions import PLACEHOLDER, CompiledExpression, Key
from .checklist_set import ChecklistSet
from .choice_questions import Choice
from .errors import ChecklistError
from .expressions import ExpressionRefused, Namespace, Outcome, as_number
from .number_questions import number_text
from .questions import MAX_WEIGHT, NOT_APPLICABLE
from .validation import describe
from .variants import Variant, fallback
from .words import listed
from .yamlfile import Path_

_WHEN: Path_ = ("when",)
_WEIGHT_HINT = f"A weight expression must give a number from 0 to {MAX_WEIGHT:,}."


def run(compiled: CompiledExpression, names: dict[str, Namespace], value: Any = None) -> Outcome:
    """Evaluate an expression; a refused one is a ChecklistError located where it is written."""
    try:
        return compiled.expression.evaluate(names, value)
    except ExpressionRefused as error:
        raise ChecklistError(
            [compiled.problem(f"the expression was refused: {error}")],
            hint="Fix the expression in the checklist file.",
        ) from None


def number_from(
    compiled: CompiledExpression,
    names: dict[str, Namespace],
    what: str,
    hint: str,
    value: Any = None,
) -> float | None:
    """The number an expression gives, or None when it cannot be worked out yet.

    A result that cannot be used, or is not a number, is a ChecklistError located at the
    expression: `what` names it ('score', 'weight'), `hint` says what it must give.
    """
    outcome = run(compiled, names, value)
    if outcome.unusable:
        raise ChecklistError(
            [compiled.problem(f"the {what} cannot be used: {outcome.problem}")], hint=hint
        )
    if outcome.value is None:
        return None
    number = as_number(outcome.value)
    if number is None:
        raise ChecklistError(
            [compiled.problem(f"the {what} gave {describe(outcome.value)}, not a number")],
            hint=hint,
        )
    return number


class Scope:
    """The answers as expressions see them, and what applies, worked out in interview order.

    `names` holds each section's answers (none for a question that does not apply, is
    answered n/a or names a choice that is not offered); the computed values join them
    when first asked for.
    """

    def __init__(
        self,
        checklist_set: ChecklistSet,
        names: dict[str, Namespace],
        applies: dict[Key, bool],
        offered: dict[Key, tuple[str, ...]],
    ) -> None:
        self.checklist_set = checklist_set
        self.names = names
        self.applies = applies
        """Whether each question applies."""
        self.offered = offered
        """The values of the choices offered, for each question that applies and has
        choices with a `when`."""
        self._computed: dict[Key, Outcome] | None = None
        self._held: dict[tuple[str, bool], bool] = {}

    def holds(self, compiled: CompiledExpression) -> bool:
        """Whether a condition holds on the finished answers (a `when`, a `critical`).

        Many questions share a condition ("fit.stage == 'working'"), and the answers no
        longer change once the scope is built, so each text is worked out once; the
        computed values joining the answers count as a change.
        """
        expression = compiled.expression
        if "value" in expression.bare_names:
            return bool(run(compiled, self.names).value)
        key = (expression.source, self._computed is not None)
        held = self._held.get(key)
        if held is None:
            held = self._held[key] = bool(run(compiled, self.names).value)
        return held

    def computed(self) -> dict[Key, Outcome]:
        """Each computed value, worked out once, in order; they are in `names` from then on."""
        if self._computed is None:
            self._computed = {}
            for loaded in self.checklist_set.sections:
                section_id = loaded.section.id
                for item in loaded.section.computed:
                    compiled = self.checklist_set.expression(section_id, item.id, "expression")
                    assert compiled is not None  # every computed value has one
                    outcome = run(compiled, self.names)
                    self.names[section_id][item.id] = outcome.value
                    self._computed[(section_id, item.id)] = outcome
        return self._computed


def answer_scope(checklist_set: ChecklistSet, answers: Answers) -> Scope:
    """The answers as expressions see them, built in order so each condition sees what came
    before, with whether each question applies and the choices each offers."""
    names: dict[str, Namespace] = {
        loaded.section.id: Namespace(
            {q.id: None for q in loaded.section.questions}
            | {c.id: None for c in loaded.section.computed}
        )
        for loaded in checklist_set.sections
    }
    applies: dict[Key, bool] = {}
    offered: dict[Key, tuple[str, ...]] = {}
    expressions = checklist_set.expressions
    for loaded in checklist_set.sections:
        section_id = loaded.section.id
        answered = names[section_id]
        for question in loaded.section.questions:
            key = (section_id, question.id)
            condition = expressions.get((section_id, question.id, _WHEN))
            ok = condition is None or bool(run(condition, names).value)
            if ok and key in checklist_set.varied:
                values = _offered(checklist_set, section_id, question, names)
                if values is not None:
                    offered[key] = values
                    ok = len(values) >= 2  # one choice or none is no question
            applies[key] = ok
            value = answers.get(section_id, question.id) if ok else None
            if key in offered:
                value = within(value, offered[key])[0]
            answered[question.id] = expression_value(question, value)
    return Scope(checklist_set, names, applies, offered)


def value_words(value: Any) -> str:
    """An answer or computed value as a recommendation names it: 4, 2027-03-01, A and B."""
    if value is None:
        return "(not known yet)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return number_text(value)
    if isinstance(value, list):
        return listed([value_words(item) for item in value]) if value else "none"
    if isinstance(value, dict):
        return value_words(next(iter(value.values()), None))  # a list's item: its first field
    return str(value)


def expression_value(question: AnyQuestion, answer: Any) -> Any:
    """An answer as expressions read it: n/a is none; a list's items read their fields as
    `item.target` even where a field is called like a mapping's method (`item.items`)."""
    if answer == NOT_APPLICABLE:
        return None
    if question.type == "list" and isinstance(answer, list):
        return [Namespace(item) for item in answer]
    return answer


def _offered(
    checklist_set: ChecklistSet, section_id: str, question: AnyQuestion, names: dict[str, Namespace]
) -> tuple[str, ...] | None:
    """The values of the choices that apply; None for a question none of whose choices has
    a `when`."""
    choices: list[Choice] = getattr(question, "choices", [])
    if all(choice.when is None for choice in choices):
        return None
    values = []
    for position, choice in enumerate(choices):
        compiled = checklist_set.expression(section_id, question.id, "choices", position, "when")
        if compiled is None or bool(run(compiled, names).value):
            values.append(choice.value)
    return tuple(values)


def within(answer: Any, offered: tuple[str, ...]) -> tuple[Any, tuple[str, ...]]:
    """The part of an answer the offered choices allow, and the values left out.

    A choice answer naming a choice not offered becomes None (unanswered); a multi answer
    keeps the values offered. None and n/a are kept as they are.
    """
    if isinstance(answer, list):
        kept = [value for value in answer if value in offered]
        return kept, tuple(value for value in answer if value not in offered)
    if isinstance(answer, str) and answer != NOT_APPLICABLE and answer not in offered:
        return None, (answer,)
    return answer, ()


def filled(
    text: str, checklist_set: ChecklistSet, names: dict[str, Namespace]
) -> tuple[str, tuple[Key, ...]]:
    """A text with each `{section.id}` replaced by that answer or computed value in words
    (as the report words answers: labels, units), and the placeholders not known yet."""
    unknown: list[Key] = []

    def words(match: re.Match[str]) -> str:
        section_id, item_id = match.group(1), match.group(2)
        section = names.get(section_id)
        value = None if section is None else section.get(item_id)
        loaded = checklist_set.get(section_id)
        if value is None or loaded is None:
            unknown.append((section_id, item_id))
            return value_words(value)
        question = loaded.section.question(item_id)
        if question is not None:
            return question.answer_text(value)
        unit = next((c.unit for c in loaded.section.computed if c.id == item_id), None)
        return value_words(value) + (f" {unit}" if unit else "")

    return PLACEHOLDER.sub(words, text), tuple(unknown)


class Fitted(NamedTuple):
    """A question as the answers make it: plain texts, the choices offered, weight, critical."""

    question: AnyQuestion
    """The question itself when nothing in it depends on the answers, else a copy whose
    texts are the variants chosen and whose choices are those offered."""
    prompt: str
    help: str | None
    recommendation: str | None
    weight: float
    critical: bool


def fit(
    checklist_set: ChecklistSet, section_id: str, question: AnyQuestion, scope: Scope
) -> Fitted:
    """The question fitted to the answers in `scope`.

    A weight or critical that gives none is 1 or false; a weight that gives a negative
    number, something that is not a number, or more than MAX_WEIGHT is a ChecklistError
    located at the expression.
    """
    if (section_id, question.id) not in checklist_set.varied:
        # nothing in it depends on the answers: every one of these is a constant, read as it
        # is (this runs for every question of every assessment, so it does nothing more)
        fixed: Any = question
        return Fitted(
            question, fixed.prompt, fixed.help, fixed.recommendation, fixed.weight, fixed.critical
        )
    return _Fitter(checklist_set, section_id, question, scope).fitted()


class _Fitter:
    """Works out one question's texts, choices, weight and critical."""

    def __init__(
        self, checklist_set: ChecklistSet, section_id: str, question: AnyQuestion, scope: Scope
    ) -> None:
        self.checklist_set = checklist_set
        self.section_id = section_id
        self.question = question
        self.scope = scope

    def _expression(self, *inside: str | int) -> CompiledExpression | None:
        return self.checklist_set.expression(self.section_id, self.question.id, *inside)

    def _holds(self, *inside: str | int) -> bool:
        compiled = self._expression(*inside)
        return compiled is not None and self.scope.holds(compiled)

    def _text(self, inside: Path_, value: str | list[Variant] | None) -> str | None:
        """The text itself, or the first variant whose `when` holds (the last has none)."""
        if not isinstance(value, list):
            return value
        for index, variant in enumerate(value):
            if variant.when is None or self._holds(*inside, index, "when"):
                return variant.text
        return fallback(value)

    def _filled(self, text: str | None) -> str | None:
        """A recommendation with each `{section.id}` replaced by that value in words."""
        if text is None or "{" not in text:
            return text
        return filled(text, self.checklist_set, self.scope.names)[0]

    def fitted(self) -> Fitted:
        question = self.question
        scored = (question.weight, question.critical, question.recommendation)
        if any(isinstance(value, (str, list)) for value in scored):
            self.scope.computed()  # what scoring reads may refer to computed values
        update: dict[str, Any] = {
            "prompt": self._text(("prompt",), question.prompt) or "",
            "help": self._text(("help",), question.help),
            "recommendation": self._filled(
                self._text(("recommendation",), question.recommendation)
            ),
            "weight": self._weight(),
            "critical": self._critical(),
        }
        choices: list[Choice] | None = getattr(question, "choices", None)
        if choices is not None:
            offered = self.scope.offered.get((self.section_id, question.id))
            update["choices"] = [
                self._choice(position, choice)
                for position, choice in enumerate(choices)
                if offered is None or choice.value in offered
            ]
            if offered is not None and question.default is not None:
                update["default"] = within(question.default, offered)[0]
        copy = question.model_copy(update=update)
        return Fitted(
            copy,
            update["prompt"],
            update["help"],
            update["recommendation"],
            update["weight"],
            update["critical"],
        )

    def _choice(self, position: int, choice: Choice) -> Choice:
        if (
            choice.when is None
            and isinstance(choice.label, str)
            and not isinstance(choice.help, list)
        ):
            return choice
        label = self._text(("choices", position, "label"), choice.label)
        help_text = self._text(("choices", position, "help"), choice.help)
        return choice.model_copy(update={"label": label or "", "help": help_text, "when": None})

    def _critical(self) -> bool:
        if not isinstance(self.question.critical, str):
            return self.question.critical
        return self._holds("critical")  # none counts as false

    def _weight(self) -> float:
        weight = self.question.weight
        compiled = self._expression("weight")
        if not isinstance(weight, str) or compiled is None:
            return weight if isinstance(weight, float) else 1.0
        number = number_from(compiled, self.scope.names, "weight", _WEIGHT_HINT)
        if number is None:
            return 1.0  # not known yet: the weight a question has by default
        if not 0 <= number <= MAX_WEIGHT:
            raise ChecklistError(
                [
                    compiled.problem(
                        f"the weight gave {number_text(number)}; a weight must be from 0 to "
                        f"{MAX_WEIGHT:,}"
                    )
                ],
                hint=_WEIGHT_HINT,
            )
        return number
