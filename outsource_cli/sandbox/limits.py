"""The sandbox's size limits: what an expression or a template may build, checked before it is."""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from typing import Any

from jinja2.exceptions import SecurityError

MAX_INT_BITS = 100_000
"""The largest whole number an expression or template may build (about 30,000 digits)."""
MAX_SIZE = 100_000
"""The longest text or list an expression may build."""
MAX_OUTPUT_CHARS = 20_000_000
"""A template may not write more than this: a loop gone wrong must not fill the disk."""
MAX_LIST_ITEMS = 1_000_000
"""The longest list a template may build."""
MAX_FIELD_WIDTH = 10_000
"""The widest padding or precision a template may ask for: `'%10000d'`, `'{:>80}'`, `center`."""
MAX_OPERATION_STEPS = 100_000_000
"""The most work one template operation may do, in steps of about a nanosecond (a character or
a list item copied or compared): estimated before it runs, since it cannot be stopped midway."""
MAX_NESTING = 50
"""How deep an expression or a template may nest brackets, blocks, filters and operators."""
MAX_NESTED_LOOPS = 20
"""How deep a template may nest `{% for %}` loops (Python's own limit for nested loops)."""


class ExpressionRefused(SecurityError):
    """An expression tried something the sandbox does not allow."""


class TooBig(SecurityError):
    """A template asked for more text, list items or loop rounds than a report can need."""


def checked_filter(original: Callable[..., Any], check: Callable[..., Any]) -> Callable[..., Any]:
    """A Jinja2 filter that first runs `check(value, *arguments)`, which returns the value.

    The check sees the filter's own arguments, without the context Jinja2 may pass first,
    so it can refuse a result that would be too large before the filter builds it.
    """
    pass_arg = getattr(original, "jinja_pass_arg", None)
    skip = 0 if pass_arg is None else 1

    def checked(*args: Any, **kwargs: Any) -> Any:
        value = check(*args[skip:], **kwargs)
        return original(*args[:skip], value, *args[skip + 1 :], **kwargs)

    if pass_arg is not None:
        checked.jinja_pass_arg = pass_arg  # type: ignore[attr-defined]
    return checked


def check_product(left: Any, right: Any, refused: type[SecurityError]) -> None:
    """Refuse a product of whole numbers over MAX_INT_BITS, raising `refused`."""
    whole = isinstance(left, int) and isinstance(right, int)
    if whole and left.bit_length() + right.bit_length() > MAX_INT_BITS:
        raise refused("this number is too large to work out")


def check_power(base: Any, exponent: Any, refused: type[SecurityError]) -> None:
    """Refuse a power of whole numbers over MAX_INT_BITS, raising `refused`."""
    whole = isinstance(base, int) and isinstance(exponent, int) and exponent > 0
    if whole and abs(base) > 1 and base.bit_length() * exponent > MAX_INT_BITS:
        raise refused("this power is too large to work out")


# --- expressions ---------------------------------------------------------------------


def check_value_size(size: int) -> None:
    """Refuse a text or list an expression would build longer than MAX_SIZE."""
    if size > MAX_SIZE:
        raise ExpressionRefused(
            f"this would build a value longer than {MAX_SIZE:,} items; expressions are "
            "for small calculations"
        )


def check_value_repeat(sequence: Any, times: Any) -> None:
    """Refuse `sequence * times` in an expression when the result would pass MAX_SIZE."""
    if isinstance(sequence, (str, list, tuple)) and isinstance(times, int):
        check_value_size(len(sequence) * times)


def text_size(items: list[Any]) -> int:
    """About the length of these items written one after another, counted only past MAX_SIZE.

    Text counts exactly; a list or mapping is measured, not written out, as writing a
    list of large lists would itself exhaust memory.
    """
    size = 0
    for item in items:
        if isinstance(item, str):
            size += len(item)
        elif isinstance(item, int) and not isinstance(item, bool):
            size += 2 + item.bit_length() * 3 // 10  # its digits
        elif isinstance(item, (list, tuple, set, frozenset, dict)):
            size += ShownSizes().of(item, MAX_SIZE)
        else:
            size += len(str(item))
        if size > MAX_SIZE:
            break
    return size


# --- templates -----------------------------------------------------------------------

_PRINTF_FIELD = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?[a-zA-Z%]")
_FORMAT_SPEC = re.compile(r"(?:.?[<>=^])?[-+ ]?z?#?0?(\d*)[,_]?(?:\.(\d+))?")
_PADDING_METHODS = frozenset({"center", "ljust", "rjust", "zfill"})


def refuse_text(size: int) -> None:
    """Refuse text a template would build longer than MAX_OUTPUT_CHARS."""
    if size > MAX_OUTPUT_CHARS:
        raise TooBig(
            f"this would build text longer than {MAX_OUTPUT_CHARS:,} characters; "
            "a report never needs that much"
        )


def refuse_items(size: int) -> None:
    """Refuse a list a template would build longer than MAX_LIST_ITEMS."""
    if size > MAX_LIST_ITEMS:
        raise TooBig(f"this would build a list longer than {MAX_LIST_ITEMS:,} items")


def refuse_width(width: Any) -> None:
    """Refuse a padding or precision wider than MAX_FIELD_WIDTH."""
    if isinstance(width, int) and width > MAX_FIELD_WIDTH:
        raise TooBig(
            f"a width or precision of {width:,} is too large (at most {MAX_FIELD_WIDTH:,})"
        )


def check_printf(text: str) -> None:
    """Refuse `%` formats that pad to huge widths: '%0999999999d'."""
    for match in _PRINTF_FIELD.finditer(text):
        for size in match.groups():
            if size == "*":
                raise TooBig("'*' widths are not allowed in % formats; write the width")
            if size:
                refuse_width(int(size))


def check_format_string(text: str) -> None:
    """Refuse str.format fields that pad to huge widths: '{:>999999999}'."""
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:
        return  # formatting raises the same error, with the template's line
    for _literal, _name, spec, _conversion in fields:
        if not spec:
            continue
        if "{" in spec:
            raise TooBig("a format field may not take its width from another field")
        match = _FORMAT_SPEC.match(spec)
        for size in match.groups() if match else ():
            if size:
                refuse_width(int(size))


def check_replace(text: Any, old: Any, new: Any) -> None:
    """Refuse a replacement whose result would pass MAX_OUTPUT_CHARS."""
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        count = len(text) + 1 if not old else text.count(old)
        refuse_text(len(text) + count * max(len(new) - len(old), 0))


def is_text_method(method: Any, name: str) -> bool:
    """Whether method is the text method of that name, bound to a text."""
    owner = getattr(method, "__self__", None)
    return isinstance(owner, (str, bytes)) and getattr(method, "__name__", "") == name


_NUMBERS = frozenset({int, float, bool, type(None)})


class ShownSizes:
    """How many characters values would take as text: the size checks of one render.

    Lists and mappings may hold the same long text many times over: `[s] * 1000` is small
    to build but huge to show. Filters check the size of what they are given, and the
    report's own lists are given to them again and again: measured once (`measure`), they
    are not walked through each time. The immutable sandbox keeps them from changing
    meanwhile; each entry holds its object, so its id cannot be reused by another.
    """

    def __init__(self) -> None:
        self._measured: dict[int, tuple[Any, int]] = {}

    def measure(self, data: Any) -> None:
        """Measure every list and mapping in data once, from the inside out, as `of` would."""
        measured = self._measured
        pending: list[tuple[Any, bool]] = [(data, False)]
        containers = (list, tuple, dict)
        while pending:
            item, expanded = pending.pop()
            parts = [*item, *item.values()] if isinstance(item, dict) else item
            if not expanded:
                if id(item) not in measured:
                    measured[id(item)] = (item, -1)  # being measured
                    pending.append((item, True))
                    pending.extend((part, False) for part in parts if isinstance(part, containers))
                continue
            size = 2 + (4 if isinstance(item, dict) else 2) * len(item)
            for part in parts:  # each list or mapping in it is measured by now
                if isinstance(part, str):
                    size += len(part) + 2
                elif part is None or isinstance(part, (int, float)):
                    size += 24
                else:
                    found = self._known(part)
                    if found < 0:  # a set, or a list that holds itself: `of` walks it
                        del measured[id(item)]
                        break
                    size += found
            else:
                measured[id(item)] = (item, size)

    def _known(self, item: Any) -> int:
        """The size `measure` found for this very list or mapping, or -1."""
        known = self._measured.get(id(item))
        return known[1] if known is not None and known[0] is item else -1

    def of(self, value: Any, limit: int = MAX_OUTPUT_CHARS) -> int:
        """About how many characters str(value) has, counted only until it passes `limit`."""
        size = 0
        pending = [value]
        containers = (list, tuple, set, frozenset, dict)
        while pending and size <= limit:
            item = pending.pop()
            if isinstance(item, str):
                size += len(item) + 2
            elif isinstance(item, (list, tuple, dict)) and self._known(item) >= 0:
                size += self._known(item)
            elif isinstance(item, (list, tuple, set, frozenset)):
                size += 2 + 2 * len(item)
                kinds = set(map(type, item))  # at C speed: most lists hold one kind
                if kinds <= _NUMBERS:
                    size += 24 * len(item)
                    continue
                if kinds == {str}:
                    size += sum(map(len, item)) + 2 * len(item)
                    continue
                for part in item:
                    if isinstance(part, str):
                        size += len(part) + 2
                    elif isinstance(part, containers):
                        pending.append(part)
                    else:
                        size += 24
            elif isinstance(item, dict):
                size += 2 + 4 * len(item)
                pending.extend(item.keys())
                pending.extend(item.values())
            else:
                size += 24  # numbers (at most 100,000 bits), None, ranges, functions
        return size

    def parts(self, value: Any, limit: int = MAX_OUTPUT_CHARS) -> int:
        """How many values value holds, itself included, counted only until it passes `limit`."""
        count = 0
        pending = [value]
        while pending and count <= limit:
            item = pending.pop()
            count += 1
            if isinstance(item, (list, tuple, set, frozenset)):
                pending.extend(item)
            elif isinstance(item, dict):
                pending.extend(item.keys())
                pending.extend(item.values())
        return count

    def of_items(self, items: Any) -> int | None:
        """The sizes of a list's items added up; None when items is not a list."""
        if isinstance(items, (list, tuple)):
            return sum(self.of(item) for item in items)
        return None

    def refuse(self, value: Any) -> None:
        """Refuse a list, set or mapping too large to show."""
        if isinstance(value, (list, tuple, set, frozenset, dict)) and self.of(value) > (
            MAX_OUTPUT_CHARS
        ):
            raise TooBig(f"this value would be longer than {MAX_OUTPUT_CHARS:,} characters as text")

    def check_repeat(self, sequence: Any, times: Any) -> None:
        """Refuse `sequence * times` when the result would be too long, or too long to show."""
        if isinstance(times, int) and not isinstance(times, bool) and times > 0:
            if isinstance(sequence, (str, bytes)):
                refuse_text(len(sequence) * times)
            elif isinstance(sequence, (list, tuple)):
                refuse_items(len(sequence) * times)
                if self.of(sequence, MAX_OUTPUT_CHARS // times + 1) * times > MAX_OUTPUT_CHARS:
                    raise TooBig(
                        f"this would build a list longer than {MAX_OUTPUT_CHARS:,} characters "
                        "as text"
                    )

    def check_method(self, method: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        """Refuse calls of text methods whose result would be huge: 'a'.ljust(10**9)."""
        owner = getattr(method, "__self__", None)
        if not isinstance(owner, (str, bytes)):
            return
        name = getattr(method, "__name__", "")
        if name in _PADDING_METHODS and args:
            refuse_width(args[0])
        elif name == "expandtabs":
            tab = args[0] if args else kwargs.get("tabsize", 8)
            if isinstance(tab, int):
                tabs = owner.count("\t") if isinstance(owner, str) else owner.count(b"\t")
                refuse_text(len(owner) + tabs * tab)
        elif name == "replace" and len(args) >= 2:
            check_replace(owner, args[0], args[1])
        elif name == "join" and args:
            joined = self.of_items(args[0])
            if joined is not None:
                refuse_text(joined + len(owner) * len(args[0]))
        elif name == "translate" and args and isinstance(args[0], dict):
            longest = max(
                (len(v) for v in args[0].values() if isinstance(v, (str, bytes))), default=1
            )
            refuse_text(len(owner) * longest)
