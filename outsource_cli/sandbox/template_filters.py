"""Jinja2's built-in filters as a `--template` may use them: what each goes through, and the
checks on arguments that would make one build too much (widths, counts, replacements)."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sized
from typing import Any

from .limits import TooBig, check_printf, check_replace, refuse_items, refuse_text, refuse_width

MAX_WORDS_CHARS = 100_000
"""The longest text `wordwrap` and `urlize` take: they go word by word, slowly."""

SORTING_FILTERS = frozenset({"sort", "groupby", "dictsort"})
"""Filters that compare items with each other: about n·log(n) comparisons."""
WHOLE_VALUE_FILTERS = frozenset({"sort", "groupby", "unique", "sum", "min", "max"})
"""Filters that go through all of their value: given a list rather than a generator, so
that it can be measured first."""
ITEM_FILTERS = frozenset(
    {"sort", "groupby", "unique", "sum", "min", "max", "map", "select", "reject"}
    | {"selectattr", "rejectattr", "batch", "slice", "join", "list"}
)
"""Filters that go through their value item by item: through a text, letter by letter."""
TEXT_STEPS = {"wordcount": 50, "striptags": 80, "title": 100, "pprint": 20, "xmlattr": 20}
"""The steps of filters that go through a text slowly, for each of its characters."""
PPRINT_STEPS = 1_000
"""pprint's steps for each value it writes out: it lays out each in Python, slowly."""


def as_list(value: Any) -> Any:
    """A generator's items as a list (what the filter would go through anyway)."""
    if isinstance(value, Iterable) and not isinstance(value, Sized):
        items = []
        for item in value:
            items.append(item)
            refuse_items(len(items))
        return items
    return value


def finite_float(value: Any, default: float = 0.0) -> float:
    """The `float` filter for finite numbers only: 'nan' and 'inf' are not numbers a report
    can use, so they give the default, as any other text that is not a number does."""
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return default
    return number if math.isfinite(number) else default


def argument_checks() -> dict[str, Callable[..., Any]]:
    """The checks to run before the filters whose arguments say how much they build, by
    name (`join` is the render's own: it measures with the render's sizes)."""
    return {
        "format": _format_filter,
        "center": _center_filter,
        "indent": _indent_filter,
        "replace": _replace_filter,
        "batch": _count_filter,
        "slice": _count_filter,
        "list": _list_filter,
        "wordwrap": _words_filter("wordwrap"),
        "urlize": _words_filter("urlize"),
    }


def _format_filter(value: Any, *_args: Any, **_kwargs: Any) -> Any:
    check_printf(str(value))
    return value


def _center_filter(value: Any, width: Any = 80, *_args: Any, **_kwargs: Any) -> Any:
    refuse_width(width)
    return value


def _indent_filter(value: Any, width: Any = 4, *_args: Any, **_kwargs: Any) -> Any:
    text = str(value)
    lines = text.count("\n") + 1
    refuse_text(len(text) + lines * (width if isinstance(width, int) else len(str(width))))
    return value


def _replace_filter(value: Any, old: Any = "", new: Any = "", *_args: Any, **_kwargs: Any) -> Any:
    check_replace(str(value), str(old), str(new))
    return value


def _count_filter(value: Any, count: Any = 1, *_args: Any, **_kwargs: Any) -> Any:
    if isinstance(count, int):
        refuse_items(count)
    return value


def _words_filter(name: str) -> Callable[..., Any]:
    def check(value: Any, *_args: Any, **_kwargs: Any) -> Any:
        if len(str(value)) > MAX_WORDS_CHARS:
            raise TooBig(f"{name} takes text of at most {MAX_WORDS_CHARS:,} characters")
        return value

    return check


def _list_filter(value: Any, *_args: Any, **_kwargs: Any) -> Any:
    if isinstance(value, (str, list, tuple, range, dict)):
        refuse_items(len(value))
    return value
