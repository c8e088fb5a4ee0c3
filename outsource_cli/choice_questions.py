"""Questions answered from a list of choices: pick one, or pick any number."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from .format_types import ExpressionText, FormatModel, Id, RuleProblem
from .questions import BaseQuestion
from .validation import describe
from .variants import VariedNote, VariedText, fallback, variant_problems

MAX_CHOICES = 1_000
"""The most choices a choice or multi question may offer."""


class Choice(FormatModel):
    """One option of a choice or multi question."""

    value: Id = Field(description="What the answers file stores; [a-z][a-z0-9_]*.")
    label: VariedText = Field(
        description="What the interview and the report show: a text or variants."
    )
    score: float = Field(ge=0, le=1, description="How good this choice is, from 0 to 1.")
    help: VariedNote | None = Field(
        None, description="Shown with the choice when help is asked for: a text or variants."
    )
    when: ExpressionText | None = Field(
        None,
        description="Expression: the choice is offered only when it is true (earlier answers "
        "only).",
    )

    @property
    def label_text(self) -> str:
        """The label: as fitted to the answers (fitting.py), or else its last variant."""
        return fallback(self.label) or ""

    @property
    def help_text(self) -> str | None:
        """The help: as fitted to the answers (fitting.py), or else its last variant."""
        return fallback(self.help)


class _ChoicesQuestion(BaseQuestion):
    """What both kinds of question answered from a list of choices show and check."""

    if TYPE_CHECKING:
        # each type declares its own, after `type` (where the schema shows it)
        choices: list[Choice]

    def rule_problems(self) -> list[RuleProblem]:
        defaults = self.default if isinstance(self.default, list) else [self.default]
        chosen = [value for value in defaults if value is not None]
        problems = super().rule_problems() + _choice_problems(self.choices, chosen)
        for position, choice in enumerate(self.choices):
            for key in ("label", "help"):
                problems += [
                    (("choices", position, *where), message)
                    for where, message in variant_problems(key, getattr(choice, key))
                ]
        return problems

    def input_hint(self) -> str:
        return f"1-{len(self.choices)}"

    def option_rows(self) -> list[tuple[str, str]]:
        return [
            (str(number), choice.label_text) for number, choice in enumerate(self.choices, start=1)
        ]

    def help_rows(self) -> list[tuple[str, str]]:
        return [
            (str(number), f"{choice.label_text}: {' '.join(choice.help_text.split())}")
            for number, choice in enumerate(self.choices, start=1)
            if choice.help_text
        ]

    def _short(self, answer: Any) -> str:
        chosen = answer if isinstance(answer, list) else [answer]
        numbers = [str(n) for n, c in enumerate(self.choices, start=1) if c.value in chosen]
        return ",".join(numbers) or "none"


class ChoiceQuestion(_ChoicesQuestion):
    """A question answered by picking one of its choices."""

    type: Literal["choice"]
    choices: list[Choice] = Field(min_length=2, max_length=MAX_CHOICES)
    default: Id | None = None

    def parse_reply(self, typed: str) -> str:
        chosen = _pick(self.choices, typed.lower())
        if chosen is None and re.fullmatch(r"[0-9]{1,6}", typed.strip()):
            count = len(self.choices)
            numbers = "1 or 2" if count == 2 else f"a number from 1 to {count}"
            example = self.choices[-1].label_text.lower()  # typed in any case
            raise ValueError(f"Type {numbers}, or the choice itself, such as {example}.")
        if chosen is None:
            raise ValueError(f"{self.how_to_answer()}.")
        return chosen

    def how_to_answer(self) -> str:
        return f"Type a number from 1 to {len(self.choices)}"

    def _checked(self, raw: Any) -> str:
        values = [choice.value for choice in self.choices]
        if isinstance(raw, str) and raw in values:
            return raw
        raise ValueError(f"expected one of {', '.join(values)}, not {describe(raw)}")

    def _words(self, answer: Any) -> str:
        return next((c.label_text for c in self.choices if c.value == answer), str(answer))

    def answer_score(self, answer: Any) -> float:
        return next(c.score for c in self.choices if c.value == answer)


class MultiQuestion(_ChoicesQuestion):
    """A question answered by picking any number of its choices."""

    type: Literal["multi"]
    choices: list[Choice] = Field(min_length=2, max_length=MAX_CHOICES)
    default: list[Id] | None = None

    def parse_reply(self, typed: str) -> list[str]:
        key = typed.lower()
        if key in {"0", "none"}:
            return []
        picked: set[str] = set()
        for item in (part for part in re.split(r"[,;\s]+", key) if part):
            value = _pick(self.choices, item)
            if value is None:
                raise ValueError(
                    f"'{item}' is not on the list. Type numbers from 1 to "
                    f"{len(self.choices)}, separated by commas, or 0 for none."
                )
            picked.add(value)
        return [choice.value for choice in self.choices if choice.value in picked]

    def enter_answer(self) -> Any:
        return [] if self.default is None else super().enter_answer()

    def enter_text(self) -> str | None:
        return "none" if self.default is None else super().enter_text()

    def how_to_answer(self) -> str:
        return f"Type numbers from 1 to {len(self.choices)}, separated by commas"

    def pick_hint(self) -> str | None:
        return "Pick all that apply: numbers separated by commas, such as 1,3 (0 for none)."

    def _checked(self, raw: Any) -> list[str]:
        values = [choice.value for choice in self.choices]
        if isinstance(raw, str) and raw in values:
            return [raw]  # a single value, as stored when the question was a `choice`
        if not isinstance(raw, list):
            raise ValueError(
                f"expected a list of values from {', '.join(values)}, not {describe(raw)}"
            )
        for item in raw:
            if not isinstance(item, str) or item not in values:
                raise ValueError(f"{describe(item)} is not one of {', '.join(values)}")
        if len(set(raw)) != len(raw):
            raise ValueError("a value is listed twice")
        return list(raw)

    def _words(self, answer: Any) -> str:
        labels = [c.label_text for c in self.choices if c.value in answer]
        return ", ".join(labels) if labels else "None of these"

    def answer_score(self, answer: Any) -> float:
        chosen = sum(c.score for c in self.choices if c.value in answer)
        return min(1.0, round(chosen, 9))


def _choice_problems(choices: list[Choice], defaults: list[str]) -> list[RuleProblem]:
    problems: list[RuleProblem] = []
    values = [choice.value for choice in choices]
    for position, value in enumerate(values):
        if value in values[:position]:
            problems.append(
                (("choices", position, "value"), f"the value '{value}' is already used")
            )
    for value in defaults:
        if value not in values:
            problems.append(
                (("default",), f"default '{value}' is not one of the values {', '.join(values)}")
            )
    return problems


def _pick(choices: list[Choice], key: str) -> str | None:
    """The value of the choice a word names: its number, its value or its label."""
    if re.fullmatch(r"[0-9]{1,6}", key):  # not str.isdigit(): '¹' is a digit int() refuses
        position = int(key)
        return choices[position - 1].value if 1 <= position <= len(choices) else None
    for choice in choices:
        if key in (choice.value, choice.label_text.lower()):
            return choice.value
    return None
