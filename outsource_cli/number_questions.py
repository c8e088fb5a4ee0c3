"""Questions answered with a number: a point on a scale, or an amount such as a cost."""

from __future__ import annotations

import math
import re
from typing import Any, Literal

from pydantic import Field

from .format_types import ExpressionText, RuleProblem, Text
from .numbers import MAX_NUMBER, in_domain, too_large_message
from .questions import BaseQuestion, Number
from .quoting import quoted
from .report.text import format_number
from .validation import describe


class ScaleQuestion(BaseQuestion):
    """A question answered with a whole number on a scale, such as 1 to 5."""

    type: Literal["scale"]
    min: int = 1
    max: int = 5
    labels: dict[int, Text] | None = None
    default: int | None = None

    def rule_problems(self) -> list[RuleProblem]:
        problems = super().rule_problems()
        scale = f"the scale {self.min} to {self.max}"
        if self.min >= self.max:
            problems.append((("max",), f"'max' ({self.max}) must be above 'min' ({self.min})"))
        for label in self.labels or {}:
            if not self.min <= label <= self.max:
                problems.append((("labels",), f"label {label} is outside {scale}"))
        if self.default is not None and not self.min <= self.default <= self.max:
            problems.append((("default",), f"default {self.default} is outside {scale}"))
        return problems

    def parse_reply(self, typed: str) -> int:
        key = typed.lower()
        number: int | None = int(key) if re.fullmatch(r"[+-]?\d{1,6}", key) else None
        if number is None:
            labelled = {label.lower(): point for point, label in (self.labels or {}).items()}
            number = labelled.get(key)
        if number is None or not self.min <= number <= self.max:
            raise ValueError(f"{self.how_to_answer()}.")
        return number

    def how_to_answer(self) -> str:
        return f"Type a whole number from {self.min} to {self.max}"

    def input_hint(self) -> str:
        return f"{self.min}-{self.max}"

    def option_rows(self) -> list[tuple[str, str]]:
        return [(str(point), label) for point, label in sorted((self.labels or {}).items())]

    def _checked(self, raw: Any) -> int:
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)  # 4.0 is the whole number 4
        if isinstance(raw, int) and not isinstance(raw, bool) and self.min <= raw <= self.max:
            return raw
        quoted_number_fits(raw)
        raise ValueError(
            f"expected a whole number from {self.min} to {self.max}, not {describe(raw)}"
        )

    def _words(self, answer: Any) -> str:
        label = (self.labels or {}).get(answer)
        return f"{answer} of {self.max}" + (f" ({label})" if label else "")

    def answer_score(self, answer: Any) -> float:
        return float(answer - self.min) / (self.max - self.min)


class NumberQuestion(BaseQuestion):
    """A question answered with a number, such as a cost or a number of hours."""

    type: Literal["number"]
    min: Number | None = None
    max: Number | None = None
    unit: str | None = None
    score: ExpressionText | None = Field(
        None, description="Expression using `value`, clamped to 0..1; unscored without one."
    )
    default: Number | None = None

    def rule_problems(self) -> list[RuleProblem]:
        problems = super().rule_problems()
        low, high, default = self.min, self.max, self.default
        if low is not None and high is not None and low > high:
            problems.append((("max",), f"'max' ({high}) must not be below 'min' ({low})"))
        if default is not None and not self._in_range(default):
            problems.append(
                (("default",), f"default {default} is outside the range {self._range()}")
            )
        return problems

    def _in_range(self, number: Number) -> bool:
        return (self.min is None or number >= self.min) and (self.max is None or number <= self.max)

    def _range(self) -> str:
        low, high = self.min, self.max
        if low is not None and high is not None:
            return f"{low} to {high}"
        return f"{low} or more" if low is not None else f"{high} or less"

    def parse_reply(self, typed: str) -> Number:
        number = parse_number(typed, self.unit)
        if number is not None and not in_domain(number):
            raise ValueError(_sentence(too_large_message(number)))
        if number is None and number_before_words(typed) is not None:
            where = f": the answer is in {self.unit}" if self.unit else ", without words"
            raise ValueError(f"Type the number alone{where}.")
        if number is None:
            decimal_comma = re.fullmatch(r"[+-]?\d+,\d{1,2}", typed.strip())
            advice = " Use a point for decimals, as in 1.5." if decimal_comma else ""
            raise ValueError(f"{self.how_to_answer()}.{advice}")
        if not self._in_range(number):
            raise ValueError(f"{self.how_to_answer()}.")
        return number

    def how_to_answer(self) -> str:
        low, high = self.min, self.max
        if low is not None and high is not None:
            limits = f" from {number_text(low)} to {number_text(high)}"
        elif low is not None:
            limits = f", at least {number_text(low)}"
        elif high is not None:
            limits = f", at most {number_text(high)}"
        else:
            limits = ""
        return f"Type a number{limits}"

    def input_hint(self) -> str:
        return "Number" + (f" ({self.unit})" if self.unit else "")

    def _short(self, answer: Any) -> str:
        return number_text(answer)

    def _checked(self, raw: Any) -> Number:
        if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not math.isfinite(raw):
            quoted_number_fits(raw)
            hint = " (write it without commas or currency signs)" if isinstance(raw, str) else ""
            raise ValueError(f"expected a number{hint}, not {describe(raw)}")
        if not in_domain(raw):
            raise ValueError(too_large_message(raw))
        if self.min is not None and raw < self.min:
            raise ValueError(f"expected a number of at least {self.min}, not {raw}")
        if self.max is not None and raw > self.max:
            raise ValueError(f"expected a number of at most {self.max}, not {raw}")
        return raw

    def _words(self, answer: Any) -> str:
        return f"{format_number(answer)} {self.unit}" if self.unit else format_number(answer)

    def is_scored(self) -> bool:
        return self.score is not None

    @property
    def score_expression(self) -> str | None:
        return self.score


_CURRENCY = "$€£¥₹"
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^\d+(\.\d+)?$|^\.\d+$")
_SPACES_IN_NUMBER = re.compile(r"(?<=\d)[ _\u00a0\u202f](?=\d{3})")


_WRITTEN_NUMBER = re.compile(r"[+-]?(\d+(\.\d+)?|\.\d+)")
"""A number as YAML reads one without quotes: 4, -3, 1.5."""
_NUMBER_THEN_WORDS = re.compile(r"\s*(.*?\d)\s*([^\W\d_][^\d]*?)\s*")


def quoted_number_fits(raw: Any) -> None:
    """ValueError when an answers file gives a number in quotes, as text: '4'."""
    if isinstance(raw, str) and _WRITTEN_NUMBER.fullmatch(raw.strip()):
        raise ValueError(
            f"{quoted(raw)} is written in quotes, which makes it text: remove the quotes"
        )


def number_before_words(typed: str) -> Number | None:
    """The number a reply starts with when words follow it, as in '4 hours'; else None."""
    match = _NUMBER_THEN_WORDS.fullmatch(typed)
    if match is None:
        return None
    number = parse_number(match.group(1))
    return number if number is not None and in_domain(number) else None


def number_text(number: float) -> str:
    """A number as people write it: 52,000 and 1.5, never 5.2e+04."""
    if isinstance(number, int) or float(number).is_integer():
        return f"{int(number):,}"
    return f"{number:,.10f}".rstrip("0")


def parse_number(typed: str, unit: str | None = None) -> int | float | None:
    """A number as people type it: 52000, 52,000, 52 000, $52,000, 1.5, -3, 52000 USD.

    Commas only group thousands (1,5 is refused rather than read as 1.5 or 15).
    Whole numbers stay whole; None when the text is not a number; infinity when it has
    more digits than any number outsource works with (`numbers.in_domain`).
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
    whole = text.partition(".")[0].lstrip("0")
    if len(whole) > len(str(MAX_NUMBER)):  # too large: never converted digit by digit
        return -math.inf if sign == "-" else math.inf
    number: int | float = float(text) if "." in text else int(text)
    return -number if sign == "-" else number


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."
