"""Turning pydantic validation errors into plain messages located in the user's file."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import ValidationError

from .errors import Problem
from .quoting import quoted
from .yamlfile import Document, Path_

ContextFn = Callable[[Path_], str]
"""Names the thing a path points into, such as "question 'budget_set': "."""
AllowedKeysFn = Callable[[tuple[Any, ...]], Sequence[str]]
"""The keys allowed in the mapping a pydantic location points into."""


def describe(value: Any) -> str:
    """A value as a reader would name it in a sentence."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"  # as written: 1.0 is not the whole number 1
    if isinstance(value, str):
        return f"the text {quoted(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of keys to values"
    return type(value).__name__


def kind_of(value: Any) -> str:
    """What a value is, in kind only, never what it says: text, a number, a list."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a mapping of keys" if isinstance(value, dict) else "something else"


def not_this_kind(doc: Document, allowed: Sequence[str], what: str) -> Problem | None:
    """A file that is not `what` at all, named and never quoted; None when it may be one.

    A mapping none of whose keys is one `what` has (a password file, a list of secrets
    written as `name: value`) would otherwise be answered with one "unknown key" message
    per line, each quoting a line of it.
    """
    data = doc.data
    if not isinstance(data, dict) or not data or any(key in allowed for key in data):
        return None
    count = len(data)
    return Problem(
        doc.file,
        1,
        1,
        f"this is not {what}: none of its {count:,} key{'s' if count != 1 else ''} is one "
        f"{what} has ({', '.join(allowed)})",
    )


def data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Path_, bool]:
    """The path in the data that a pydantic location names, and whether it names a key.

    Pydantic puts the tags of tagged unions and markers such as '[key]' into its
    locations; those are not in the data, so they are skipped.
    """
    path: list[str | int] = []
    node = data
    for part in loc:
        if part == "[key]":
            return tuple(path), True
        in_mapping = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_mapping or in_list:
            path.append(part)
            node = node[part]
        # anything else is a union tag or a missing key: skip it
    return tuple(path), False


def _field(data: Any, loc: tuple[Any, ...], kind: str) -> str:
    """The key an error is about: for a missing key, that key; else the last key of the
    location that is in the data (tags of tagged unions are not, even one named like a
    key, such as the question type `text`)."""
    if kind == "missing" and loc and isinstance(loc[-1], str):
        return loc[-1]
    name = "value"
    node = data
    for part in loc:
        if part == "[key]":
            break
        if isinstance(node, dict) and part in node:
            if isinstance(part, str):
                name = part
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
    return name


def problems_from(
    error: ValidationError,
    doc: Document,
    *,
    context: ContextFn,
    allowed_keys: AllowedKeysFn,
    top_level: str = "",
) -> list[Problem]:
    """One located, plain-worded problem per pydantic error."""
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        kind = item["type"]
        value = item.get("input")
        ctx = item.get("ctx") or {}
        path, is_key = data_path(doc.data, loc)
        name = _field(doc.data, loc, kind)
        if kind == "missing":
            message = f"{quoted(name)} is required"
        elif kind == "extra_forbidden":
            allowed = list(allowed_keys(loc))
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
            guess = f" (did you mean '{close[0]}'?)" if close else ""
            message = (
                f"unknown key {quoted(name)}{guess}; "
                f"the keys allowed here are: {', '.join(allowed)}"
            )
            is_key = True
        elif kind == "union_tag_invalid":
            expected = ctx.get("expected_tags", "").replace("'", "")
            message = f"type {quoted(ctx.get('tag'))} is not one of {expected}"
            path = (*path, "type")
        elif kind == "union_tag_not_found":
            message = (
                "'type' is required: one of yes_no, choice, multi, scale, number, date, text, list"
            )
        elif kind in {"model_type", "model_attributes_type", "dict_type"}:
            message = (
                top_level.format(kind=kind_of(value))
                if not path and top_level
                else f"{quoted(name)} must be a mapping of keys to values, not {describe(value)}"
            )
        else:
            message = _value_message(kind, name, value, ctx, str(item["msg"]))
        where = doc.problem(path, context(path) + message, key=is_key)
        problems.append(where)
    return problems


def _number(value: Any) -> str:
    if isinstance(value, (int, float)) and float(value).is_integer():
        return f"{int(value):,}"
    return str(value)


def _value_message(kind: str, name: str, value: Any, ctx: dict[str, Any], fallback: str) -> str:
    found = describe(value)
    key = quoted(name)
    simple = {
        "string_type": f"{key} must be text, not {found}",
        "int_type": f"{key} must be a whole number, not {found}",
        "int_from_float": f"{key} must be a whole number, not {found}",
        "int_parsing": f"{key} must be a whole number, not {found}",
        "float_type": f"{key} must be a number, not {found}",
        "finite_number": f"{key} must be a finite number, not {found}",
        "bool_type": f"{key} must be true or false, not {found}",
        "list_type": f"{key} must be a list, not {found}",
        "string_too_short": f"{key} must not be empty",
        "string_too_long": (f"{key} is too long (at most {ctx.get('max_length', 0):,} characters)"),
        "string_pattern_mismatch": (
            f"{key} {found[9:] if isinstance(value, str) else found} must start with a "
            "lowercase letter and hold only lowercase letters, digits and _"
        ),
        "greater_than_equal": f"{key} must be {_number(ctx.get('ge'))} or more, not {found}",
        "less_than_equal": f"{key} must be {_number(ctx.get('le'))} or less, not {found}",
        "too_short": f"{key} needs at least {ctx.get('min_length')} item(s)",
        "too_long": f"{key} may have at most {ctx.get('max_length', 0):,} items",
        "literal_error": f"{key} must be {ctx.get('expected')}, not {found}",
    }
    if kind in simple:
        return simple[kind]
    if kind == "value_error":
        return fallback.removeprefix("Value error, ")
    return f"{key}: {fallback}"
