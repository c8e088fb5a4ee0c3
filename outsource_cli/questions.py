"""What every question has, and the two plain types: yes/no and text.

Each question type is a class that reads a typed reply, checks a stored answer, scores it
and words it; choice_questions.py and number_questions.py hold the other types.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import BeforeValidator, Field, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from .brief_keys import BriefEntry
from .format_types import MAX_EXPRESSION_LENGTH, ExpressionText, FormatModel, Id, RuleProblem
from .steps import STEP_IDS, STEP_MEANINGS, StepId
from .validation import describe
from .variants import VariedNote, VariedText, variant_problems

MAX_TEXT_CHARS = 10_000
"""The longest text answer, business name or note: kept exactly, at most this long."""
NOT_APPLICABLE = "n/a"
"""How a 'not applicable' answer is stored, in memory and in the answers file."""
SKIP = "-"
"""What the owner types in the interview to leave a question unanswered."""

MAX_WEIGHT = 1_000_000
"""The largest weight of a question or section: sums of 20,000 of them stay exact."""
Weight = Annotated[float, Field(ge=0, le=MAX_WEIGHT)]
Number = int | float


_STEP_DESCRIPTION = (
    "Where the action for this question belongs in the action plan: "
    + "; ".join(f"{step}: {STEP_MEANINGS[step]}" for step in STEP_IDS)
    + ". Without it, the section's step; without that, prepare."
)


def text_fits(text: str, what: str = "this answer") -> None:
    """ValueError, saying by how much, when a text is longer than MAX_TEXT_CHARS."""
    if len(text) > MAX_TEXT_CHARS:
        raise ValueError(
            f"{what} is {len(text):,} characters; at most {MAX_TEXT_CHARS:,} fit: shorten it"
        )


def _yes_no_word(value: Any) -> Any:
    """Accept the words yes and no wherever true and false are meant."""
    if isinstance(value, str) and value.lower() in {"yes", "no"}:
        return value.lower() == "yes"
    return value


YesNo = Annotated[
    bool,
    BeforeValidator(_yes_no_word),
    WithJsonSchema({"enum": [True, False, "yes", "no"]}),
]


_YAML_11_BOOLEANS = frozenset({"yes", "no", "y", "n", "on", "off"})
"""Words older YAML read as true or false; here they are text, never a yes/no value."""
_ONE_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_CONSTANTS = frozenset({"true", "false", "none", "True", "False", "None"})


def _expression_text(value: str) -> str:
    """Text written where an expression may be: not empty, not too long."""
    if not value:
        raise PydanticCustomError("string_too_short", "empty", {"min_length": 1})
    if len(value) > MAX_EXPRESSION_LENGTH:
        raise PydanticCustomError(
            "string_too_long", "too long", {"max_length": MAX_EXPRESSION_LENGTH}
        )
    return value


def _a_word(value: str) -> bool:
    """Whether text is one bare word: never an expression (a name alone is not allowed)."""
    return bool(_ONE_WORD.fullmatch(value.strip())) and value.strip() not in _CONSTANTS


def _critical(value: Any) -> bool | str:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _YAML_11_BOOLEANS:
        raise PydanticCustomError("bool_type", "not a yes/no value")  # today's message
    if isinstance(value, str) and not _a_word(value):
        return _expression_text(value)
    raise ValueError(
        f"'critical' must be true, false or an expression in quotes, not {describe(value)}"
    )


def _weight(value: Any) -> float | str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise PydanticCustomError("finite_number", "not finite")
        if value < 0:
            raise PydanticCustomError("greater_than_equal", "below 0", {"ge": 0})
        if value > MAX_WEIGHT:
            raise PydanticCustomError("less_than_equal", "too large", {"le": MAX_WEIGHT})
        return float(value)
    if isinstance(value, str) and not _a_word(value):
        return _expression_text(value)
    raise ValueError(f"'weight' must be a number or an expression in quotes, not {describe(value)}")


_EXPRESSION_SCHEMA = {"type": "string", "minLength": 1, "maxLength": MAX_EXPRESSION_LENGTH}
Critical = Annotated[
    bool | str,
    PlainValidator(_critical),
    WithJsonSchema({"anyOf": [{"type": "boolean"}, _EXPRESSION_SCHEMA]}),
]
"""true, false, or an expression: the question is critical when it is true."""
QuestionWeight = Annotated[
    float | str,
    PlainValidator(_weight),
    WithJsonSchema(
        {"anyOf": [{"type": "number", "minimum": 0, "maximum": MAX_WEIGHT}, _EXPRESSION_SCHEMA]}
    ),
]
"""A number from 0 to MAX_WEIGHT, or an expression giving one."""


class BaseQuestion(FormatModel):
    """What every question type has; each type adds its answers' behaviour."""

    id: Id = Field(description="Unique within the section; [a-z][a-z0-9_]*.")
    prompt: VariedText = Field(
        description="The question as the owner reads it: a text, or variants "
        "[{when: EXPR, text: ...}, ..., {text: ...}] (earlier answers only)."
    )
    help: VariedNote | None = Field(
        None, description="Why this matters; shown on request. A text or variants."
    )
    recommendation: VariedNote | None = Field(
        None,
        description="What to do when the answer falls short; shown in the report. A text, "
        "or variants whose `when` may read any answer.",
    )
    weight: QuestionWeight = Field(
        1.0,
        description="Weight in the section score; 0 = asked, not scored. A number from 0 to "
        "1,000,000, or an expression giving one (none gives 1).",
    )
    critical: Critical = Field(
        False,
        description="A failing answer is a blocker. true, false, or an expression (none "
        "gives false).",
    )
    when: ExpressionText | None = Field(
        None, description="Expression: the question applies only when it is true."
    )
    allow_na: bool = Field(False, description="The owner may answer 'not applicable'.")
    step: StepId | None = Field(None, description=_STEP_DESCRIPTION)
    brief: BriefEntry | None = Field(
        None,
        description="Where the answer goes in the partner brief ('outsource brief') and "
        "the sentence that says it; without it, the question is not in the brief.",
    )
    keeps_spacing: ClassVar[bool] = False
    """Whether `parse_reply` gets the line exactly as typed, spaces around it included."""
    if TYPE_CHECKING:
        # each type declares its own, typed, after `type` (where the schema shows it)
        default: Any

    # --- loading --------------------------------------------------------------------

    def rule_problems(self) -> list[RuleProblem]:
        """What is wrong with the question beyond the schema: ranges, defaults, duplicates."""
        problems: list[RuleProblem] = []
        if self.critical is True and self.weight == 0:  # else checked when scoring
            problems.append((("critical",), "a critical question needs a weight above 0"))
        for key in ("prompt", "help", "recommendation"):
            problems += variant_problems(key, getattr(self, key))
        return problems

    # --- the interview --------------------------------------------------------------

    def parse_reply(self, typed: str) -> Any:
        """The answer in a line typed at the prompt (not blank, not a key; stripped unless
        the type `keeps_spacing`).

        ValueError says, in a sentence, what is accepted.
        """
        raise NotImplementedError

    def enter_answer(self) -> Any:
        """What Enter alone gives without an earlier answer: the default, if there is one.

        ValueError, saying how to answer, when Enter alone is no answer.
        """
        if self.default is None:
            raise ValueError(self.how_to_answer())
        return list(self.default) if isinstance(self.default, list) else self.default

    def enter_text(self) -> str | None:
        """What Enter gives without an earlier answer, as [brackets] show it; None for nothing."""
        return None if self.default is None else self.short_text(self.default)

    def how_to_answer(self) -> str:
        """The accepted answers in a few words, as in 'Type y for yes or n for no'."""
        raise NotImplementedError

    def input_hint(self) -> str:
        """What the prompt shows before the answer: 'y/n', '1-4', 'Number (USD)'."""
        raise NotImplementedError

    def option_rows(self) -> list[tuple[str, str]]:
        """The numbered options shown under the question, as (number, label)."""
        return []

    def pick_hint(self) -> str | None:
        """A line under the options on how to pick several, where that is possible."""
        return None

    def help_rows(self) -> list[tuple[str, str]]:
        """Each option's own help, numbered as the options are."""
        return []

    def short_text(self, answer: Any) -> str:
        """An answer in a few characters, as [brackets] show it: yes, 1,3, 52,000."""
        return self._worded(answer, ("unanswered", "n/a"), self._short)

    def _short(self, answer: Any) -> str:
        # the answer itself on one line, cut short: right for text and scale answers
        text = " ".join(str(answer).split())
        return text if len(text) <= 30 else text[:29] + "…"

    # --- the answers file and the report ---------------------------------------------

    def is_not_applicable(self, answer: Any) -> bool:
        """Whether an answer (as stored) means 'not applicable'."""
        return bool(answer == NOT_APPLICABLE)

    def check_answer(self, raw: Any) -> Any:
        """An answer read from the answers file, checked; ValueError says what fits."""
        if raw is None:
            return None
        if isinstance(raw, str) and self.is_not_applicable(raw.strip().lower()):
            if not self.allow_na:
                raise ValueError("this question cannot be answered 'n/a' (not applicable)")
            return NOT_APPLICABLE
        return self._checked(raw)

    def _checked(self, raw: Any) -> Any:
        raise NotImplementedError

    def answer_text(self, answer: Any) -> str:
        """An answer in words, as the report shows it: Yes, the chosen labels, 52,000 USD."""
        return self._worded(answer, ("Not answered", "Not applicable"), self._words)

    def _worded(self, answer: Any, missing: tuple[str, str], words: Callable[[Any], str]) -> str:
        """`missing` says no answer and not applicable; `words` says any other answer."""
        if answer is None:
            return missing[0]
        return missing[1] if self.is_not_applicable(answer) else words(answer)

    def _words(self, answer: Any) -> str:
        return str(answer)  # the answer itself: right for text answers

    # --- scoring ----------------------------------------------------------------------

    def is_scored(self) -> bool:
        """Whether the question's answers can be scored at all."""
        return True

    @property
    def score_expression(self) -> str | None:
        """The expression that scores an answer, for a type scored by one."""
        return None

    def answer_score(self, answer: Any) -> float:
        """How good an answer (neither None nor n/a) is, from 0 to 1."""
        raise NotImplementedError


class YesNoQuestion(BaseQuestion):
    """A question answered yes or no."""

    type: Literal["yes_no"]
    good_answer: YesNo = Field(True, description="The answer that scores 1 (default yes).")
    default: YesNo | None = None

    def parse_reply(self, typed: str) -> bool:
        key = typed.lower()
        if key in _YES or key in _NO:
            return key in _YES
        raise ValueError(f"{self.how_to_answer()}.")

    def how_to_answer(self) -> str:
        return "Type y for yes or n for no"

    def input_hint(self) -> str:
        return "y/n"

    def _short(self, answer: Any) -> str:
        return "yes" if answer else "no"

    def _checked(self, raw: Any) -> bool:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip().lower() in {"yes", "no"}:
            return raw.strip().lower() == "yes"
        raise ValueError(f"expected yes or no (true or false), not {describe(raw)}")

    def _words(self, answer: Any) -> str:
        return "Yes" if answer else "No"

    def answer_score(self, answer: Any) -> float:
        return 1.0 if answer is self.good_answer else 0.0


_YES = {"y", "yes"}
_NO = {"n", "no"}


class TextQuestion(BaseQuestion):
    """A question answered in the owner's own words; never scored."""

    type: Literal["text"]
    default: str | None = None
    keeps_spacing: ClassVar[bool] = True  # the owner's words, exactly as typed

    def rule_problems(self) -> list[RuleProblem]:
        problems = super().rule_problems()
        if self.allow_na:
            problems.append(
                (("allow_na",), "text questions cannot be answered not applicable; remove allow_na")
            )
        return problems

    def parse_reply(self, typed: str) -> str:
        return typed

    def enter_answer(self) -> Any:
        return None if self.default is None else super().enter_answer()

    def enter_text(self) -> str | None:
        return "skip" if self.default is None else super().enter_text()

    def how_to_answer(self) -> str:
        return "Type your answer"

    def input_hint(self) -> str:
        return "Answer"

    def is_not_applicable(self, answer: Any) -> bool:
        return False  # 'n/a' typed as text is the owner's words

    def _checked(self, raw: Any) -> str:
        if not isinstance(raw, str):
            raise ValueError(f"expected text, not {describe(raw)}; put the answer in quotes")
        text_fits(raw)
        return raw

    def is_scored(self) -> bool:
        return False
