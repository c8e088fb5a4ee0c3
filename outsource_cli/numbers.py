"""The numbers outsource works with: finite, and within MAX_NUMBER either side of zero."""

from __future__ import annotations

import math

MAX_NUMBER = 10**15
"""The largest number (either side of zero) a file, an answer or an expression may hold."""


def in_domain(value: object) -> bool:
    """Whether value is a number outsource works with (True and False are not numbers)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if isinstance(value, float) and not math.isfinite(value):
        return False
    return -MAX_NUMBER <= value <= MAX_NUMBER


def too_large_message(value: float) -> str:
    """What every refusal of a number outside the domain says (value is the number)."""
    if value < 0:
        return f"this number is too large below zero (at least {-MAX_NUMBER:,})"
    return f"this number is too large (at most {MAX_NUMBER:,})"
