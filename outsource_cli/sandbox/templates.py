"""The report templates' sandbox: outsource's own templates, and `--template` ones with limits."""

from __future__ import annotations

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
from jinja2.runtime import Context, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..errors import FileReadError, TemplateError
from ..files import read_regular
from ..report.text import (
    change_text,
    format_number,
    markdown_text,
    mermaid_text,
    score_text,
    text_bar,
)
from .limits import (
    MAX_OUTPUT_CHARS,
    ShownSizes,
    TooBig,
    check_format_string,
    check_power,
    check_printf,
    check_product,
    check_replace,
    checked_filter,
    is_text_method,
    refuse_items,
    refuse_text,
    refuse_width,
)

AUTOESCAPED = (".html", ".htm", ".xml", ".svg")
"""Templates whose name ends with one of these (before an optional .j2) escape for HTML."""
MAX_BUILT_CHARS = 2 * MAX_OUTPUT_CHARS
"""Text a template may produce in all, written or captured (`{% set %}` blocks, macros)."""
MAX_LOOP_STEPS = 10_000_000
"""Loop rounds a template may run in all: nested loops that write nothing must still stop."""
MAX_WORDS_CHARS = 100_000
"""The longest text `wordwrap` and `urlize` take: they go word by word, slowly."""
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
"""The largest template file read (the built-in ones are a few kilobytes)."""
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
        if not resolved.is_relative_to(self.folder):
            raise TemplateNotFound(template)
        try:
            source = read_regular(resolved, MAX_TEMPLATE_BYTES, str(path)).decode("utf-8-sig")
            mtime = resolved.stat().st_mtime
        except FileReadError as error:
            raise TemplateError(error.message, hint=error.hint) from None
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
                "score": score_text,
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

    One is made for each render, of `data`: the budget, the deadline and the measured
    sizes of the report data belong to that render alone.
    """

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, folder: Path, data: Any) -> None:
        super().__init__(folder)
        self._loop_steps = 0
        self._built_chars = 0
        self._deadline = time.monotonic() + MAX_RENDER_SECONDS
        self._shown = ShownSizes()
        self._shown.measure(data)
        self.filters.update(
            {"_loop_step": self._loop_step, "_produced": self._produced, "_joined": self._joined}
        )
        self._limit_filters()

    def _limit_filters(self) -> None:
        checks: dict[str, Callable[..., Any]] = {
            "format": _format_filter,
            "center": _center_filter,
            "indent": _indent_filter,
            "replace": _replace_filter,
            "join": self._join_filter,
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
                self.filters[name] = checked_filter(original, self._shown_arguments)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        _add_budget_checks(tree)
        return tree

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        self._check_time()
        if operator == "*":
            self._shown.check_repeat(left, right)
            self._shown.check_repeat(right, left)
            check_product(left, right, TooBig)
        elif operator == "**":
            check_power(left, right, TooBig)
        elif operator == "%" and isinstance(left, str):
            check_printf(left)
            self._shown.refuse(right)
        elif operator == "+":
            if isinstance(left, str) and isinstance(right, str):
                refuse_text(len(left) + len(right))
            elif isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)):
                refuse_items(len(left) + len(right))
                self._shown.refuse([left, right])
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        __self._check_time()
        if is_text_method(__obj, "join") and args and not isinstance(args[0], (list, tuple)):
            args = (list(args[0]), *args[1:])  # to measure what would be joined
        __self._shown.check_method(__obj, args, kwargs)
        __self._shown.refuse([args, kwargs])
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        text = str(value.__self__)
        shown = self._shown

        def checked(*args: Any, **kwargs: Any) -> str:
            check_format_string(text)
            shown.refuse([args, kwargs])
            return wrapped(*args, **kwargs)

        return checked

    def _check_time(self) -> None:
        if time.monotonic() > self._deadline:
            raise TooBig(
                f"the template ran for more than {MAX_RENDER_SECONDS:g} seconds and was stopped"
            )

    def _count_chars(self, size: int) -> None:
        self._check_time()
        self._built_chars += size
        if self._built_chars > MAX_BUILT_CHARS:
            raise TooBig(
                f"the template produced more than {MAX_BUILT_CHARS:,} characters of text "
                "(written or kept in variables) and was stopped"
            )

    # the filters below are this render's own: they count against its budget

    def _loop_step(self, iterable: Iterable[Any]) -> Iterator[Any]:
        for item in iterable:
            self._check_time()
            self._loop_steps += 1
            if self._loop_steps > MAX_LOOP_STEPS:
                raise TooBig(
                    f"the template's loops ran more than {MAX_LOOP_STEPS:,} rounds and were stopped"
                )
            yield item

    def _produced(self, value: Any) -> Any:
        if isinstance(value, str):
            size = len(value)
        else:
            self._shown.refuse(value)
            size = self._shown.of(value)
        self._count_chars(size)
        return value

    @pass_context
    def _joined(self, context: Context, items: list[Any]) -> str:
        size = self._shown.of_items(items) or 0
        refuse_text(size)
        self._count_chars(size)
        return markup_join(items) if context.eval_ctx.autoescape else str_join(items)

    def _shown_arguments(self, value: Any, *args: Any, **kwargs: Any) -> Any:
        """Most filters turn their value into text: refuse values too large to show."""
        self._shown.refuse([value, args, kwargs])
        return value

    def _join_filter(self, value: Any, d: Any = "", *_args: Any, **_kwargs: Any) -> Any:
        items = list(value)
        refuse_items(len(items))
        refuse_text((self._shown.of_items(items) or 0) + len(str(d)) * len(items))
        return items


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
