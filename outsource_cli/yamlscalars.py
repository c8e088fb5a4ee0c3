"""YAML 1.2 core-schema scalars: what a plain or tagged scalar's text means, and why a
number read from a file is refused."""

from __future__ import annotations

import math
import re
from typing import Any

from .numbers import in_domain, too_large_message
from .quoting import quoted

YAML_TAG = "tag:yaml.org,2002:"
"""How every standard tag (`!!str`, `!!int`, `!!map`, ...) starts once resolved."""
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")


_MAYBE_NOT_TEXT = frozenset("0123456789+-.~nNtTfF")
"""How every null, boolean and number starts: any other plain scalar is text."""


_MOST_DIGITS = len(str(10**15)) + 1
"""More significant digits than this make a whole number outside every number's range."""


def resolve_plain(text: str) -> Any:
    """The value of an untagged plain scalar under the YAML 1.2 core schema.

    A number may be outside what outsource works with (`numbers.in_domain`): the reader
    refuses it. A whole number with too many digits to convert cheaply reads as infinity.
    """
    first = text[:1]
    if first and first not in _MAYBE_NOT_TEXT:
        return text  # most keys and answers: no pattern needs trying
    if first.isdigit() and len(text) <= _MOST_DIGITS and text.isascii() and text.isdigit():
        return int(text)  # the most common number: a few plain digits
    if _NULL.match(text):
        return None
    if _TRUE.match(text):
        return True
    if _FALSE.match(text):
        return False
    for pattern, skip, base in ((_INT, 0, 10), (_OCT, 2, 8), (_HEX, 2, 16)):
        if pattern.match(text):
            digits = text[skip:].lstrip("+-").lstrip("0")
            if len(digits) > _MOST_DIGITS:  # never converted: int() of 4,000 digits is slow
                return -math.inf if text.startswith("-") else math.inf
            return int(text[skip:], base)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.match(text):
        return math.nan
    return text


def resolve_tagged(tag: str, text: str) -> Any:
    """The value of a scalar with an explicit standard tag; ValueError when it does not fit."""
    kind = tag[len(YAML_TAG) :]
    if kind == "str":
        return text
    value = resolve_plain(text)
    expected: dict[str, tuple[type, ...]] = {
        "int": (int,),
        "float": (float, int),
        "bool": (bool,),
        "null": (type(None),),
    }
    types = expected.get(kind)
    if types is None:
        raise ValueError(tag_message(tag))
    if kind in {"int", "float"} and _is_number(value) and not in_domain(value):
        return value  # refused as a number out of range, with the reason
    if not isinstance(value, types) or (kind != "bool" and isinstance(value, bool)):
        raise ValueError(f"{quoted(text)} is not a valid !!{kind}")
    return float(value) if kind == "float" else value  # type: ignore[arg-type]


def tag_message(tag: str) -> str:
    """Why a tag is refused: only the standard tags of plain data are allowed."""
    shown = "!!" + tag[len(YAML_TAG) :] if tag.startswith(YAML_TAG) else tag
    return f"the tag {quoted(shown)} is not allowed: these files hold plain data only"


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def number_message(text: str, value: float) -> str:
    """Why a number read from a file is refused: too large, infinite, or not a number."""
    if isinstance(value, float) and math.isnan(value):
        return f"{quoted(text)} is not a number outside a calculation; write a number"
    if _INF.match(text):
        return f"{quoted(text)} (infinity) is not a number outside a calculation; " + (
            too_large_message(value)
        )
    return too_large_message(value)
