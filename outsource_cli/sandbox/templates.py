"""The report templates' sandbox: outsource's own templates, and `--template` ones with limits."""

from __future__ import annotations

import math
import operator
import time
from collections.abc import Callable, Iterable, Iterator, Sized
from pathlib import Path
from typing import Any, cast

from jinja2 import BytecodeCache, StrictUndefined, TemplateSyntaxError, nodes, pass_context
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import Context, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..report.text import (
    change_text,
    format_number,
    markdown_text,
    mermaid_text,
    score_text,
    text_bar,
)
from .limits import (
    MAX_OPERATION_STEPS,
    MAX_OUTPUT_CHARS,
    ShownSizes,
    TooBig,
    check_format_string,
    check_power,
    check_printf,
    check_product,
    checked_filter,
    is_text_method,
    refuse_items,
    refuse_text,
)
from .template_files import FolderLoader, autoescaped
from .template_filters import (
    ITEM_FILTERS,
    PPRINT_STEPS,
    SORTING_FILTERS,
    TEXT_STEPS,
    WHOLE_VALUE_FILTERS,
    argument_checks,
    as_list,
    finite_float,
)
from .template_parsing import add_budget_checks, check_bracket_depth, check_tree_depth, too_deep

MAX_BUILT_CHARS = 2 * MAX_OUTPUT_CHARS
"""Text a template may produce in all, written or captured (`{% set %}` blocks, macros)."""
MAX_LOOP_STEPS = 10_000_000
"""Loop rounds a template may run in all: nested loops that write nothing must still stop."""
MAX_RENDER_SECONDS = 60.0
"""How long a template may run; the built-in ones take a fraction of a second."""


class _CodeGenerator(CodeGenerator):
    """Jinja2's code generator, writing NaN and infinity so that Python reads them back."""

    def visit_Const(self, node: nodes.Const, frame: Frame) -> None:
        value = node.as_const(frame.eval_ctx)
        if isinstance(value, float) and not math.isfinite(value):
            self.write(f"float({str(value)!r})")  # str(nan) is `nan`: a name Python lacks
        else:
            super().visit_Const(node, frame)


class ReportEnvironment(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox with the report's filters: for outsource's own templates.

    Their loops are over the report's own data, so they cannot run away; they are kept
    compiled in the cache folder, and only their output is capped.
    """

    code_generator_class = _CodeGenerator

    def __init__(self, folder: Path, bytecode_cache: BytecodeCache | None = None) -> None:
        super().__init__(
            loader=FolderLoader(folder),
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

    intercepted_binops = frozenset({"*", "**", "%", "+", "-", "/", "//"})
    intercepted_unops = frozenset({"-", "+"})

    def __init__(self, folder: Path, data: Any) -> None:
        super().__init__(folder)
        # Folding constants would run filters while compiling, outside the budget and the
        # deadline, and without the template's line; it is only worth it for kept code.
        self.optimized = False
        self._loop_steps = 0
        self._parsed_any = False
        self._built_chars = 0
        self._deadline = time.monotonic() + MAX_RENDER_SECONDS
        self._shown = ShownSizes()
        self._shown.measure(data)
        self.filters.update(
            {"_loop_step": self._loop_step, "_produced": self._produced, "_joined": self._joined}
        )
        self._limit_filters()

    def _limit_filters(self) -> None:
        checks = {**argument_checks(), "join": self._join_filter}
        for name, check in checks.items():
            self.filters[name] = checked_filter(self.filters[name], check)
        self.filters["float"] = finite_float
        for name, original in list(self.filters.items()):
            if not name.startswith("_"):
                self.filters[name] = checked_filter(original, self._filter_check(name))
        tests = cast("dict[str, Callable[..., Any]]", dict(self.tests))
        for name, test in tests.items():
            self.tests[name] = checked_filter(test, self._test_check(name))
        self.filters["_compare"] = self._compare

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        if not self._parsed_any and not source.strip():  # the template given, not an include
            raise TemplateSyntaxError(
                "the template is empty, so the report would be empty; write the report's text "
                "in it, or start from a copy: 'outsource templates init DIR'",
                1,
                name,
                filename,
            )
        self._parsed_any = True
        deepest = check_bracket_depth(self._tokenize(source, name, filename), name, filename)
        try:
            tree = super()._parse(source, name, filename)
        except RecursionError:  # nesting the scan does not count: named all the same
            raise too_deep(deepest, name, filename) from None
        check_tree_depth(tree, name, filename)
        add_budget_checks(tree)
        return tree

    def getattr(self, obj: Any, attribute: str) -> Any:
        self._check_time()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self._check_time()
        return super().getitem(obj, argument)

    def call_unop(self, context: Context, operator: str, arg: Any) -> Any:
        self._check_time()
        return super().call_unop(context, operator, arg)

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
        __self._check_method_cost(__obj, args)
        return super().call(__context, __obj, *args, **kwargs)

    def _check_method_cost(self, method: Any, args: tuple[Any, ...]) -> None:
        """Refuse method calls that would build too many pieces or compare too much."""
        owner = getattr(method, "__self__", None)
        name = getattr(method, "__name__", "")
        if isinstance(owner, str) and name in {"split", "rsplit", "splitlines"}:
            separator = args[0] if args and name != "splitlines" else None
            if isinstance(separator, str) and separator:
                pieces = owner.count(separator) + 1
            else:
                pieces = (len(owner) + 1) // 2 + 1
            if len(args) > 1 and isinstance(args[1], int) and args[1] >= 0:
                pieces = min(pieces, args[1] + 1)
            refuse_items(pieces)
        elif isinstance(owner, (list, tuple)) and name in {"index", "count"}:
            self._refuse_steps(self._shown.of(owner) + len(owner) * self._shown.of(args))

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

    def _refuse_steps(self, steps: int) -> None:
        if steps > MAX_OPERATION_STEPS:
            raise TooBig(
                "this would take too long to work out (more than "
                f"{MAX_OPERATION_STEPS:,} steps for one filter, test or comparison); "
                "work on smaller lists or texts"
            )

    def _filter_check(self, name: str) -> Callable[..., Any]:
        """The checks before a filter runs: the deadline, the size of what it is given
        (most filters turn their value into text), and its cost where it can grow faster
        than that size: sorting, adding up lists or texts, pretty-printing.
        """
        shown = self._shown

        def check(value: Any, *args: Any, **kwargs: Any) -> Any:
            self._check_time()
            if name in WHOLE_VALUE_FILTERS:
                value = as_list(value)
            shown.refuse([value, args, kwargs] if args or kwargs else value)
            if isinstance(value, str) and name in ITEM_FILTERS:
                refuse_items(len(value))  # they go character by character
            elif isinstance(value, str) and name in TEXT_STEPS:
                self._refuse_steps(len(value) * TEXT_STEPS[name])
            if name in SORTING_FILTERS and isinstance(value, Sized):
                self._refuse_steps(shown.of(value) * max(1, len(value).bit_length()))
            elif name == "sum":
                self._check_sum(value, args, kwargs)
            elif name == "pprint":
                limit = MAX_OPERATION_STEPS // PPRINT_STEPS
                self._refuse_steps(shown.parts(value, limit) * PPRINT_STEPS)
            return value

        return check

    def _check_sum(self, items: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        """`sum(start=[])` copies the list built so far at each item: refuse it when huge."""
        start = args[1] if len(args) > 1 else kwargs.get("start", 0)
        if not isinstance(start, (str, list, tuple)) or not isinstance(items, (list, tuple)):
            return
        attribute = args[0] if args else kwargs.get("attribute")
        if attribute is None:
            sizes = [len(i) if isinstance(i, (str, list, tuple)) else 1 for i in items]
            total = len(start) + sum(sizes)
            (refuse_text if isinstance(start, str) else refuse_items)(total)
        else:  # the attributes are not known yet: what each item shows is at least as long
            total = len(start) + sum(self._shown.of(i) for i in items)
        self._refuse_steps(len(items) * total // 2)

    def _test_check(self, name: str) -> Callable[..., Any]:
        def check(value: Any, *args: Any, **kwargs: Any) -> Any:
            self._check_time()
            if name in _COMPARING_TESTS and args:
                self._check_comparison("in" if name == "in" else "eq", value, args[0])
            return value

        return check

    def _check_comparison(self, operator_name: str, left: Any, right: Any) -> None:
        """Python compares lists item by item, inside: estimate how long before it does."""
        self._check_time()
        if operator_name in {"in", "notin"} and isinstance(right, range):
            if type(left) not in (int, bool):  # anything else is looked for step by step
                self._refuse_steps(len(right) * 10)
            return
        limit = MAX_OPERATION_STEPS
        self._refuse_steps(self._shown.of(left, limit) + self._shown.of(right, limit))

    def _compare(self, left: Any, *chain: Any) -> Any:
        """`left op1 right1 op2 right2 …`, as Python reads a chain: true when each is."""
        result: Any = True
        for operator_name, right in zip(chain[::2], chain[1::2], strict=True):
            self._check_comparison(operator_name, left, right)
            result = _COMPARISONS[operator_name](left, right)
            if not result:
                return result
            left = right
        return result

    def _join_filter(self, value: Any, d: Any = "", *_args: Any, **_kwargs: Any) -> Any:
        items = list(value)
        refuse_items(len(items))
        refuse_text((self._shown.of_items(items) or 0) + len(str(d)) * len(items))
        return items


_COMPARING_TESTS = frozenset(
    {"in", "eq", "equalto", "==", "ne", "!=", "lt", "lessthan", "<", "le", "<=", "gt"}
    | {"greaterthan", ">", "ge", ">="}
)
_COMPARISONS: dict[str, Callable[[Any, Any], Any]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "lt": operator.lt,
    "lteq": operator.le,
    "gt": operator.gt,
    "gteq": operator.ge,
    "in": lambda left, right: left in right,
    "notin": lambda left, right: left not in right,
}
