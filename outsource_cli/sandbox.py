"""Jinja2's immutable sandbox for report templates, with limits on what a template may build."""

from __future__ import annotations

import re
import string
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    BytecodeCache,
    Environment,
    StrictUndefined,
    TemplateNotFound,
    nodes,
    pass_context,
)
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .errors import TemplateError
from .expressions import check_power, check_product, checked_filter
from .report.text import change_text, format_number, markdown_text, mermaid_text, text_bar

AUTOESCAPED = (".html", ".htm", ".xml", ".svg")
"""Templates whose name ends with one of these (before an optional .j2) escape for HTML."""
MAX_OUTPUT_CHARS = 20_000_000
"""A template may not write more than this: a loop gone wrong must not fill the disk."""
MAX_BUILT_CHARS = 2 * MAX_OUTPUT_CHARS
"""Text a template may produce in all, written or captured (`{% set %}` blocks, macros)."""
MAX_LIST_ITEMS = 1_000_000
"""The longest list a template may build."""
MAX_LOOP_STEPS = 10_000_000
"""Loop rounds a template may run in all: nested loops that write nothing must still stop."""
MAX_FIELD_WIDTH = 10_000
"""The widest padding or precision a template may ask for: `'%10000d'`, `'{:>80}'`, `center`."""
MAX_WORDS_CHARS = 100_000
"""The longest text `wordwrap` and `urlize` take: they go word by word, slowly."""
MAX_RENDER_SECONDS = 60.0
"""How long a template may run; the built-in ones take a fraction of a second."""


class _FolderLoader(BaseLoader):
    """Loads templates from one folder only: nothing outside it, not even through a link."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        parts = template.replace("\\", "/").split("/")
        if template.startswith("/") or any(part in {"", ".", ".."} for part in parts):
            raise TemplateNotFound(template)
        path = self.folder.joinpath(*parts)
        try:
            resolved = path.resolve(strict=True)
        except (OSError, RuntimeError):
            raise TemplateNotFound(template) from None
        if not resolved.is_relative_to(self.folder) or not resolved.is_file():
            raise TemplateNotFound(template)
        try:
            source = resolved.read_text(encoding="utf-8-sig")
            mtime = resolved.stat().st_mtime
        except (OSError, UnicodeDecodeError) as error:
            raise TemplateError(f"{path}: the template cannot be read ({error})") from None
        return source, str(path), lambda: _unchanged(resolved, mtime)


def _unchanged(path: Path, mtime: float) -> bool:
    try:
        return path.stat().st_mtime == mtime
    except OSError:
        return False


def autoescaped(name: str) -> bool:
    """Whether a template of this name escapes for HTML: report.html.j2, page.html."""
    name = name.lower().removesuffix(".j2").removesuffix(".jinja").removesuffix(".jinja2")
    return name.endswith(AUTOESCAPED)


class _TooBig(SecurityError):
    """A template asked for more text, list items or loop rounds than a report can need."""


_PRINTF_FIELD = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?[a-zA-Z%]")
_FORMAT_SPEC = re.compile(r"(?:.?[<>=^])?[-+ ]?z?#?0?(\d*)[,_]?(?:\.(\d+))?")
_PADDING_METHODS = frozenset({"center", "ljust", "rjust", "zfill"})


def _refuse_text(size: int) -> None:
    if size > MAX_OUTPUT_CHARS:
        raise _TooBig(
            f"this would build text longer than {MAX_OUTPUT_CHARS:,} characters; "
            "a report never needs that much"
        )


def _refuse_items(size: int) -> None:
    if size > MAX_LIST_ITEMS:
        raise _TooBig(f"this would build a list longer than {MAX_LIST_ITEMS:,} items")


def _refuse_width(width: Any) -> None:
    if isinstance(width, int) and width > MAX_FIELD_WIDTH:
        raise _TooBig(
            f"a width or precision of {width:,} is too large (at most {MAX_FIELD_WIDTH:,})"
        )


def _check_repeat(sequence: Any, times: Any) -> None:
    if isinstance(times, int) and not isinstance(times, bool) and times > 0:
        if isinstance(sequence, (str, bytes)):
            _refuse_text(len(sequence) * times)
        elif isinstance(sequence, (list, tuple)):
            _refuse_items(len(sequence) * times)
            if _shown_size(sequence, MAX_OUTPUT_CHARS // times + 1) * times > MAX_OUTPUT_CHARS:
                raise _TooBig(
                    f"this would build a list longer than {MAX_OUTPUT_CHARS:,} characters as text"
                )


def _check_printf(text: str) -> None:
    """Refuse `%` formats that pad to huge widths: '%0999999999d'."""
    for match in _PRINTF_FIELD.finditer(text):
        for size in match.groups():
            if size == "*":
                raise _TooBig("'*' widths are not allowed in % formats; write the width")
            if size:
                _refuse_width(int(size))


def _check_format_string(text: str) -> None:
    """Refuse str.format fields that pad to huge widths: '{:>999999999}'."""
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:
        return  # formatting raises the same error, with the template's line
    for _literal, _name, spec, _conversion in fields:
        if not spec:
            continue
        if "{" in spec:
            raise _TooBig("a format field may not take its width from another field")
        match = _FORMAT_SPEC.match(spec)
        for size in match.groups() if match else ():
            if size:
                _refuse_width(int(size))


def _shown_size(value: Any, limit: int = MAX_OUTPUT_CHARS) -> int:
    """About how many characters str(value) has, counted only until it passes `limit`.

    Lists and mappings may hold the same long text many times over: `[s] * 1000` is small
    to build but huge to show.
    """
    size = 0
    pending = [value]
    while pending and size <= limit:
        item = pending.pop()
        if isinstance(item, str):
            size += len(item) + 2
        elif isinstance(item, (list, tuple, dict)) and _measured(item) >= 0:
            size += _measured(item)
        elif isinstance(item, (list, tuple, set, frozenset)):
            size += 2 + 2 * len(item)
            pending.extend(item)
        elif isinstance(item, dict):
            size += 2 + 4 * len(item)
            pending.extend(item.keys())
            pending.extend(item.values())
        else:
            size += 24  # numbers (at most 100,000 bits), None, ranges, functions
    return size


_MEASURED: dict[int, tuple[Any, int]] = {}
"""The shown size of every list and mapping of the report data, during a render.

Filters check the size of what they are given, and the report's own lists are given to
them again and again: measured once, they are not walked through each time. The
immutable sandbox keeps them from changing meanwhile; each entry holds its object, so
its id cannot be reused by another.
"""


def _measured(item: Any) -> int:
    """The size _measure found for this very list or mapping, or -1."""
    known = _MEASURED.get(id(item))
    return known[1] if known is not None and known[0] is item else -1


def measured_clear() -> None:
    """Forget the sizes measured for the last render."""
    _MEASURED.clear()


def measure(data: Any) -> None:
    """Measure every list and mapping in data once, from the inside out, as _shown_size would."""
    pending: list[tuple[Any, bool]] = [(data, False)]
    containers = (list, tuple, dict)
    while pending:
        item, expanded = pending.pop()
        parts = [*item, *item.values()] if isinstance(item, dict) else item
        if not expanded:
            if id(item) not in _MEASURED:
                _MEASURED[id(item)] = (item, -1)  # being measured
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
                found = _measured(part)
                if found < 0:  # a set, or a list that holds itself: _shown_size walks it
                    del _MEASURED[id(item)]
                    break
                size += found
        else:
            _MEASURED[id(item)] = (item, size)


def _sizes(items: Any) -> int | None:
    if isinstance(items, (list, tuple)):
        return sum(_shown_size(item) for item in items)
    return None


def _refuse_shown(value: Any) -> None:
    if isinstance(value, (list, tuple, set, frozenset, dict)) and _shown_size(value) > (
        MAX_OUTPUT_CHARS
    ):
        raise _TooBig(f"this value would be longer than {MAX_OUTPUT_CHARS:,} characters as text")


def _is_text_method(method: Any, name: str) -> bool:
    owner = getattr(method, "__self__", None)
    return isinstance(owner, (str, bytes)) and getattr(method, "__name__", "") == name


def _check_method(method: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse calls of text methods whose result would be huge: 'a'.ljust(10**9)."""
    owner = getattr(method, "__self__", None)
    if not isinstance(owner, (str, bytes)):
        return
    name = getattr(method, "__name__", "")
    if name in _PADDING_METHODS and args:
        _refuse_width(args[0])
    elif name == "expandtabs":
        tab = args[0] if args else kwargs.get("tabsize", 8)
        if isinstance(tab, int):
            tabs = owner.count("\t") if isinstance(owner, str) else owner.count(b"\t")
            _refuse_text(len(owner) + tabs * tab)
    elif name == "replace" and len(args) >= 2:
        _check_replace(owner, args[0], args[1])
    elif name == "join" and args:
        joined = _sizes(args[0])
        if joined is not None:
            _refuse_text(joined + len(owner) * len(args[0]))
    elif name == "translate" and args and isinstance(args[0], dict):
        longest = max((len(v) for v in args[0].values() if isinstance(v, (str, bytes))), default=1)
        _refuse_text(len(owner) * longest)


def _check_replace(text: Any, old: Any, new: Any) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        count = len(text) + 1 if not old else text.count(old)
        _refuse_text(len(text) + count * max(len(new) - len(old), 0))


class ReportEnvironment(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox with the report's filters: for outsource's own templates.

    Their loops are over the report's own data, so they cannot run away; they are kept
    compiled in the cache folder, and only their output is capped.
    """

    def __init__(self, folder: Path, bytecode_cache: BytecodeCache | None = None) -> None:
        super().__init__(
            loader=_FolderLoader(folder),
            bytecode_cache=bytecode_cache,
            undefined=StrictUndefined,
            autoescape=autoescaped,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.filters.update(
            {
                "md": markdown_text,
                "bar": text_bar,
                "number": format_number,
                "mermaid": mermaid_text,
                "change": change_text,
            }
        )
        del self.globals["lipsum"]  # placeholder text, in any amount asked for: not for reports

    def getattr(self, obj: Any, attribute: str) -> Any:
        # The report data is JSON: `section.title` means the key, even where a dict has a
        # method of that name (a section called `values`); and looking the key up first
        # spares a failed attribute lookup for every value a template shows.
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


class LimitedEnvironment(ReportEnvironment):
    """The report sandbox with limits on what a template can build or run: for `--template`.

    A shared template must neither fill the disk nor the memory, nor run forever: text,
    lists and numbers are checked before they are built, and every loop round and every
    piece of text produced counts against a budget for the whole render. Counting makes
    a render several times slower, and the code it compiles to is never kept.
    """

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.loop_steps = 0
        self.built_chars = 0
        self.deadline = time.monotonic() + MAX_RENDER_SECONDS
        self.filters.update({"_loop_step": _loop_step, "_produced": _produced, "_joined": _joined})
        self._limit_filters()

    def _limit_filters(self) -> None:
        checks: dict[str, Callable[..., Any]] = {
            "format": _format_filter,
            "center": _center_filter,
            "indent": _indent_filter,
            "replace": _replace_filter,
            "join": _join_filter,
            "batch": _count_filter,
            "slice": _count_filter,
            "list": _list_filter,
            "wordwrap": _words_filter("wordwrap"),
            "urlize": _words_filter("urlize"),
        }
        for name, check in checks.items():
            self.filters[name] = checked_filter(self.filters[name], check)
        for name, original in list(self.filters.items()):
            if not name.startswith("_"):
                self.filters[name] = checked_filter(original, _shown_arguments)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        _add_budget_checks(tree)
        return tree

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        self.check_time()
        if operator == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
            check_product(left, right, _TooBig)
        elif operator == "**":
            check_power(left, right, _TooBig)
        elif operator == "%" and isinstance(left, str):
            _check_printf(left)
            _refuse_shown(right)
        elif operator == "+":
            if isinstance(left, str) and isinstance(right, str):
                _refuse_text(len(left) + len(right))
            elif isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)):
                _refuse_items(len(left) + len(right))
                _refuse_shown([left, right])
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        __self.check_time()
        if _is_text_method(__obj, "join") and args and not isinstance(args[0], (list, tuple)):
            args = (list(args[0]), *args[1:])  # to measure what would be joined
        _check_method(__obj, args, kwargs)
        _refuse_shown([args, kwargs])
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        text = str(value.__self__)

        def checked(*args: Any, **kwargs: Any) -> str:
            _check_format_string(text)
            _refuse_shown([args, kwargs])
            return wrapped(*args, **kwargs)

        return checked

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise _TooBig(
                f"the template ran for more than {MAX_RENDER_SECONDS:g} seconds and was stopped"
            )

    def count_step(self) -> None:
        self.check_time()
        self.loop_steps += 1
        if self.loop_steps > MAX_LOOP_STEPS:
            raise _TooBig(
                f"the template's loops ran more than {MAX_LOOP_STEPS:,} rounds and were stopped"
            )

    def count_chars(self, size: int) -> None:
        self.check_time()
        self.built_chars += size
        if self.built_chars > MAX_BUILT_CHARS:
            raise _TooBig(
                f"the template produced more than {MAX_BUILT_CHARS:,} characters of text "
                "(written or kept in variables) and was stopped"
            )


def _shown_arguments(value: Any, *args: Any, **kwargs: Any) -> Any:
    """Most filters turn their value into text: refuse values too large to show."""
    _refuse_shown([value, args, kwargs])
    return value


def _format_filter(value: Any, *_args: Any, **_kwargs: Any) -> Any:
    _check_printf(str(value))
    return value


def _center_filter(value: Any, width: Any = 80, *_args: Any, **_kwargs: Any) -> Any:
    _refuse_width(width)
    return value


def _indent_filter(value: Any, width: Any = 4, *_args: Any, **_kwargs: Any) -> Any:
    text = str(value)
    lines = text.count("\n") + 1
    _refuse_text(len(text) + lines * (width if isinstance(width, int) else len(str(width))))
    return value


def _replace_filter(value: Any, old: Any = "", new: Any = "", *_args: Any, **_kwargs: Any) -> Any:
    _check_replace(str(value), str(old), str(new))
    return value


def _join_filter(value: Any, d: Any = "", *_args: Any, **_kwargs: Any) -> Any:
    items = list(value)
    _refuse_items(len(items))
    _refuse_text((_sizes(items) or 0) + len(str(d)) * len(items))
    return items


def _count_filter(value: Any, count: Any = 1, *_args: Any, **_kwargs: Any) -> Any:
    if isinstance(count, int):
        _refuse_items(count)
    return value


def _words_filter(name: str) -> Callable[..., Any]:
    def check(value: Any, *_args: Any, **_kwargs: Any) -> Any:
        if len(str(value)) > MAX_WORDS_CHARS:
            raise _TooBig(f"{name} takes text of at most {MAX_WORDS_CHARS:,} characters")
        return value

    return check


def _list_filter(value: Any, *_args: Any, **_kwargs: Any) -> Any:
    if isinstance(value, (str, list, tuple, range, dict)):
        _refuse_items(len(value))
    return value


def _report_environment(context: Context) -> LimitedEnvironment:
    environment = context.environment
    assert isinstance(environment, LimitedEnvironment)
    return environment


@pass_context
def _loop_step(context: Context, iterable: Iterable[Any]) -> Iterator[Any]:
    environment = _report_environment(context)
    for item in iterable:
        environment.count_step()
        yield item


@pass_context
def _produced(context: Context, value: Any) -> Any:
    if isinstance(value, str):
        size = len(value)
    else:
        _refuse_shown(value)
        size = _shown_size(value)
    _report_environment(context).count_chars(size)
    return value


@pass_context
def _joined(context: Context, items: list[Any]) -> str:
    size = _sizes(items) or 0
    _refuse_text(size)
    _report_environment(context).count_chars(size)
    return markup_join(items) if context.eval_ctx.autoescape else str_join(items)


def _add_budget_checks(tree: nodes.Template) -> None:
    """Route loops, written text and `~` through the budget: `{% for %}` iterates through
    `_loop_step`, every piece of output through `_produced`, every `a ~ b` through `_joined`.
    """

    def through(node: nodes.Node, name: str) -> nodes.Filter:
        return nodes.Filter(node, name, [], [], None, None, lineno=node.lineno)

    for found in list(tree.find_all(nodes.For)):
        assert isinstance(found, nodes.For)
        found.iter = through(found.iter, "_loop_step")
    for output in list(tree.find_all(nodes.Output)):
        assert isinstance(output, nodes.Output)
        output.nodes = [through(child, "_produced") for child in output.nodes]
    for concat in list(tree.find_all(nodes.Concat)):
        assert isinstance(concat, nodes.Concat)
        concat.nodes = [through(nodes.List(concat.nodes, lineno=concat.lineno), "_joined")]
