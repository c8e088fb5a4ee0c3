"""Plain words for values an operation cannot work on, such as a date compared with a number,
in place of Python's own ("'>' not supported between instances of 'str' and 'int'")."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..dates import read_iso

DATE_ARITHMETIC = (
    "a date cannot be used in arithmetic: use add_days or add_months to move it, and "
    "days_between to count the days between two dates"
)
_OPERATIONS = {
    "+": "added",
    "-": "subtracted",
    "*": "multiplied",
    "/": "divided",
    "//": "divided",
    "%": "divided",
    "**": "raised to a power",
}
_ON_LISTS = frozenset(
    {"length", "count", "first", "last", "list", "join", "unique", "sort", "min", "max"}
)
_ON_LISTS |= {"map", "select", "reject", "selectattr", "rejectattr"}
_ON_NUMBERS = frozenset({"abs", "round"})
_ON_TEXTS = frozenset({"lower", "upper", "trim"})


class Mismatch(TypeError):
    """An operation met values it cannot work on; the message says so in plain words."""


def kind(value: Any) -> str:
    """What a value is, in words: a number, a date, a text, a list."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a date" if read_iso(value) is not None else "a text"
    if isinstance(value, (list, tuple, set, frozenset)):
        return "a list"
    if isinstance(value, Mapping):
        return "an item of a list"
    return "a value of another kind"


def compared(operator: str, left: Any, right: Any) -> Mismatch:
    """A comparison (`<`, `in`, ...) that cannot be made."""
    if operator in ("in", "notin"):
        if isinstance(right, str):
            return Mismatch(
                f"to look inside a text with 'in', put a text before it, not {kind(left)}"
            )
        return Mismatch(f"'in' needs a list or a text after it, not {kind(right)}")
    return Mismatch(f"{kind(left)} cannot be compared with {kind(right)}")


def calculated(operator: str, left: Any, right: Any = None, *, unary: bool = False) -> Mismatch:
    """Arithmetic that cannot be done."""
    values = [left] if unary else [left, right]
    if any(kind(value) == "a date" for value in values):
        return Mismatch(DATE_ARITHMETIC)
    if unary:
        return Mismatch(f"{kind(left)} cannot be given a sign ('{operator}')")
    done = _OPERATIONS.get(operator, "worked out")
    return Mismatch(f"{kind(left)} and {kind(right)} cannot be {done}")


def filtered(name: str, value: Any) -> Mismatch:
    """A filter given a value it cannot work on."""
    if name in _ON_LISTS:
        return Mismatch(f"{name} needs a list or a text, not {kind(value)}")
    if name in _ON_NUMBERS:
        return Mismatch(f"{name} needs a number, not {kind(value)}")
    if name in _ON_TEXTS:
        return Mismatch(f"{name} needs a text, not {kind(value)}")
    if name == "sum":
        return Mismatch("sum needs a list of numbers")
    return Mismatch(f"the filter '{name}' cannot work on {kind(value)}")
