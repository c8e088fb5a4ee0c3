"""What the owner typed at a question: a key (help, back, quit) or an answer, checked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .answers import NOT_APPLICABLE
from .checklist import (
    AnyQuestion,
    Choice,
    ChoiceQuestion,
    MultiQuestion,
    NumberQuestion,
    ScaleQuestion,
    TextQuestion,
    YesNoQuestion,
)

HELP = "?"
BACK = "<"
SKIP = "-"
NA = "na"
QUIT = "q"
KEYS = (HELP, BACK, SKIP, NA, QUIT)
"""Typed alone at any question, these are keys, not answers."""

ANSWER = "answer"
"""A reply kind: `value` is what to store (None leaves the question unanswered)."""
INVALID = "invalid"
"""A reply kind: `message` says what is accepted."""


@dataclass(frozen=True)
class Reply:
    """What a line of input means: an answer to store, a key, or a mistake to explain."""

    kind: str
    """ANSWER, INVALID, HELP, BACK or QUIT."""
    value: Any = None
    message: str = ""


_YES = {"y", "yes"}
_NO = {"n", "no"}
_CURRENCY = "$€£¥₹"
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^\d+(\.\d+)?$|^\.\d+$")
_SPACES_IN_NUMBER = re.compile(r"(?<=\d)[ _\u00a0\u202f](?=\d{3})")


def read_reply(question: AnyQuestion, text: str, *, previous: Any, has_previous: bool) -> Reply:
    """Interpret one line typed at a question.

    `previous` is the answer already stored (when `has_previous`), which Enter keeps;
    otherwise Enter accepts the question's default, means "none" on a multi question,
    and leaves a text question blank.
    """
    typed = text.strip()
    key = typed.lower()
    if key in (HELP, BACK, QUIT):
        return Reply(key)
    if key == SKIP:
        return Reply(ANSWER, None)
    if key in (NA, NOT_APPLICABLE):
        if question.allow_na:
            return Reply(ANSWER, NOT_APPLICABLE)
        return Reply(
            INVALID,
            message="This question can't be answered 'not applicable'. "
            f"Type an answer, or {SKIP} to leave it unanswered.",
        )
    if not typed:
        return _empty(question, previous, has_previous)
    if isinstance(question, YesNoQuestion):
        if key in _YES or key in _NO:
            return Reply(ANSWER, key in _YES)
        return Reply(INVALID, message=f"{_how_to_answer(question)}.")
    if isinstance(question, ChoiceQuestion):
        chosen = _choice(question.choices, key)
        if chosen is None:
            return Reply(INVALID, message=f"{_how_to_answer(question)}.")
        return Reply(ANSWER, chosen)
    if isinstance(question, MultiQuestion):
        return _multi(question, key)
    if isinstance(question, ScaleQuestion):
        return _scale(question, key)
    if isinstance(question, NumberQuestion):
        return _number(question, typed)
    return Reply(ANSWER, typed)


def _empty(question: AnyQuestion, previous: Any, has_previous: bool) -> Reply:
    if has_previous:
        return Reply(ANSWER, previous)
    if question.default is not None:
        default = question.default
        return Reply(ANSWER, list(default) if isinstance(default, list) else default)
    if isinstance(question, MultiQuestion):
        return Reply(ANSWER, [])
    if isinstance(question, TextQuestion):
        return Reply(ANSWER, None)
    return Reply(INVALID, message=f"{_how_to_answer(question)}, or {HELP} for help.")


def _how_to_answer(question: AnyQuestion) -> str:
    """The accepted answers in a few words, as in 'Type y for yes or n for no'."""
    if isinstance(question, YesNoQuestion):
        return "Type y for yes or n for no"
    if isinstance(question, ChoiceQuestion):
        return f"Type a number from 1 to {len(question.choices)}"
    if isinstance(question, MultiQuestion):
        return f"Type numbers from 1 to {len(question.choices)}, separated by commas"
    if isinstance(question, ScaleQuestion):
        return f"Type a whole number from {question.min} to {question.max}"
    if isinstance(question, NumberQuestion):
        return f"Type a number{_range_text(question)}"
    return "Type your answer"


def _choice(choices: list[Choice], key: str) -> str | None:
    if re.fullmatch(r"[0-9]{1,6}", key):  # not str.isdigit(): '¹' is a digit int() refuses
        position = int(key)
        return choices[position - 1].value if 1 <= position <= len(choices) else None
    for choice in choices:
        if key in (choice.value, choice.label.lower()):
            return choice.value
    return None


def _multi(question: MultiQuestion, key: str) -> Reply:
    if key in {"0", "none"}:
        return Reply(ANSWER, [])
    picked: set[str] = set()
    for item in (part for part in re.split(r"[,;\s]+", key) if part):
        value = _choice(question.choices, item)
        if value is None:
            return Reply(
                INVALID,
                message=f"'{item}' is not on the list. Type numbers from 1 to "
                f"{len(question.choices)}, separated by commas, or 0 for none.",
            )
        picked.add(value)
    return Reply(ANSWER, [choice.value for choice in question.choices if choice.value in picked])


def _scale(question: ScaleQuestion, key: str) -> Reply:
    number: int | None = int(key) if re.fullmatch(r"[+-]?\d{1,6}", key) else None
    if number is None:
        labelled = {label.lower(): point for point, label in (question.labels or {}).items()}
        number = labelled.get(key)
    if number is None or not question.min <= number <= question.max:
        return Reply(INVALID, message=f"Type a whole number from {question.min} to {question.max}.")
    return Reply(ANSWER, number)


def _number(question: NumberQuestion, typed: str) -> Reply:
    number = parse_number(typed, question.unit)
    if number is None:
        decimal_comma = re.fullmatch(r"[+-]?\d+,\d{1,2}", typed.strip())
        advice = " Use a point for decimals, as in 1.5." if decimal_comma else ""
        return Reply(INVALID, message=f"{_how_to_answer(question)}.{advice}")
    too_low = question.min is not None and number < question.min
    too_high = question.max is not None and number > question.max
    if too_low or too_high:
        return Reply(INVALID, message=f"{_how_to_answer(question)}.")
    return Reply(ANSWER, number)


def _range_text(question: NumberQuestion) -> str:
    low, high = question.min, question.max
    if low is not None and high is not None:
        return f" from {number_text(low)} to {number_text(high)}"
    if low is not None:
        return f", at least {number_text(low)}"
    if high is not None:
        return f", at most {number_text(high)}"
    return ""


def number_text(number: float) -> str:
    """A number as people write it: 52,000 and 1.5, never 5.2e+04."""
    if isinstance(number, int) or float(number).is_integer():
        return f"{int(number):,}"
    return f"{number:,.10f}".rstrip("0")


def parse_number(typed: str, unit: str | None = None) -> int | float | None:
    """A number as people type it: 52000, 52,000, 52 000, $52,000, 1.5, -3, 52000 USD.

    Commas only group thousands (1,5 is refused rather than read as 1.5 or 15).
    Whole numbers stay whole; None when the text is not a number.
    """
    text = typed.strip()
    if unit and text.lower().endswith(unit.strip().lower()) and unit.strip():
        text = text[: -len(unit.strip())].rstrip()
    text = text.removesuffix("%").rstrip()
    sign = ""
    if text[:1] in "+-" and text:
        sign, text = text[0], text[1:].lstrip()
    if text[:1] and text[0] in _CURRENCY:
        text = text[1:].lstrip()
    if not sign and text[:1] in "+-" and text:
        sign, text = text[0], text[1:]
    text = _SPACES_IN_NUMBER.sub("", text)
    if _GROUPED.match(text):
        text = text.replace(",", "")
    elif not _PLAIN.match(text):
        return None
    if len(text) > 30:
        return None
    number: int | float = float(text) if "." in text else int(text)
    return -number if sign == "-" else number
