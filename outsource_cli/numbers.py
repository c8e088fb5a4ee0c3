"""The numbers outsource works with: finite, and no larger than MAX_NUMBER either way."""

from __future__ import annotations

import math
from typing import Any

MAX_NUMBER = 10**15
"""The largest number, either way, a file may hold or an expression may give.

Money, hours and counts stay far below it, and every whole number up to it is exact as a
float too, so scores and reports never meet rounding surprises or overflow.
"""


def in_domain(value: Any) -> bool:
    """Whether value is a number outsource can use: finite, and within ±MAX_NUMBER.

    Yes/no values count as numbers (true is 1); anything that is not a number is not
    in the domain.
    """
    if isinstance(value, bool):
        return True
    if isinstance(value, int):
        return -MAX_NUMBER <= value <= MAX_NUMBER
    if isinstance(value, float):
        return math.isfinite(value) and -MAX_NUMBER <= value <= MAX_NUMBER
    return False


def domain_problem(value: Any, what: str = "the number") -> str:
    """Why `value` is out of the domain, in words, without writing out a huge number."""
    if isinstance(value, float) and math.isnan(value):
        found = "is not a number (NaN)"
    elif isinstance(value, float) and math.isinf(value):
        found = "is too large to use (infinite)"
    elif isinstance(value, int) and value.bit_length() > 64:
        digits = int(value.bit_length() * math.log10(2)) + 1
        found = f"is too large to use (about {digits:,} digits)"
    elif isinstance(value, float):
        found = f"is too large to use ({value:.6g})"
    else:
        found = f"is too large to use ({value:,})"
    return f"{what} {found}; numbers must be finite and between -{MAX_NUMBER:,} and {MAX_NUMBER:,}"


def too_large_message(value: float) -> str:
    """What every refusal of a number read from a file or typed says (value is the number)."""
    if value < 0:
        return f"this number is too large below zero (at least {-MAX_NUMBER:,})"
    return f"this number is too large (at most {MAX_NUMBER:,})"
