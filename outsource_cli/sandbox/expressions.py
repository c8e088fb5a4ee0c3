"""The sandbox checklist expressions run in: no globals, a few filters, small values only."""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from types import CodeType
from typing import Any, cast

from jinja2 import nodes, pass_context
from jinja2.environment import Template
from jinja2.runtime import Context, Undefined, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer

from ..dates import DATE_FILTERS
from . import mismatches
from .costs import Budget, length
from .limits import (
    ExpressionRefused,
    check_power,
    check_product,
    check_value_repeat,
    check_value_size,
    checked_filter,
    text_size,
)

ALLOWED_FILTERS = (
    "abs",
    "round",
    "int",
    "float",
    "string",
    "length",
    "count",
    "min",
    "max",
    "sum",
    "default",
    "d",
    "lower",
    "upper",
    "trim",
    "first",
    "last",
    "join",
    "list",
    "sort",
    "unique",
    "map",
    "select",
    "reject",
    "selectattr",
    "rejectattr",
    "days_between",
    "add_days",
    "add_months",
)


class Runnable:
    """An expression's code, ready to run: Jinja2's TemplateExpression, without its copies.

    TemplateExpression copies the names into a new mapping, with the globals, at every
    call; expressions have no globals, and each call is given a mapping of its own, so
    it is used as it is (a set of 10,000 questions runs thousands of expressions). An
    undefined result is none, as with TemplateExpression(undefined_to_none=True).
    """

    __slots__ = ("_blocks", "_environment", "_globals", "_name", "_render")

    def __init__(self, template: Template) -> None:
        self._environment = template.environment
        self._render = template.root_render_func
        self._name = template.name
        self._blocks = template.blocks
        self._globals = template.globals

    def __call__(self, names: dict[str, Any]) -> Any:
        """The expression's value; `names` becomes the context's own and is not copied."""
        context = self._environment.context_class(
            self._environment, names, self._name, self._blocks, globals=self._globals
        )
        for _ in self._render(context):
            pass
        result = context.vars["result"]
        return None if isinstance(result, Undefined) else result


_JOINED = "_joined"
"""The filter every `a ~ b` goes through (see expression_code); not for users."""
_COMPARED = "_compared"
"""The filter every comparison (`==`, `<`, `in`, ...) goes through; not for users."""
_SLICED = "_sliced"
"""The filter every slice (`x[1:]`) goes through; not for users."""

_CHEAP_FILTERS = frozenset(
    {"abs", "int", "float", "length", "count", "default", "d", "first", "last"}
)
"""Filters whose work does not grow with the size of a list: they only look at the clock."""
_TEXT_FILTERS = frozenset({"string", "lower", "upper", "trim"})
"""Filters that write their value as text first."""

_COMPARISONS: dict[str, Callable[[Any, Any], Any]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "gt": operator.gt,
    "gteq": operator.ge,
    "lt": operator.lt,
    "lteq": operator.le,
    "in": lambda item, container: item in container,
    "notin": lambda item, container: item not in container,
}
_MEMBERSHIP_TESTS = frozenset({"in"})
_SCALARS = frozenset({bool, int, float, str, type(None)})
"""Values whose comparison takes no longer than the values took to build."""


class Namespace(dict[str, Any]):
    """One section's answers and computed values, read as `section.id` in expressions."""


class ExpressionEnvironment(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox, with no globals, few filters, and size and cost limits.

    Every operation an expression can run (arithmetic, comparisons, filters, tests, item
    lookups and slices) first has its cost estimated (see `costs`) and is refused when
    it would work too long; the deadline of the evaluation under way is checked each time.

    It keeps nothing of the answers: each evaluation gets its own names, so one
    environment serves every expression of a run (see `expression_environment`).
    """

    intercepted_binops = frozenset({"*", "**", "%", "+", "-", "/", "//"})
    intercepted_unops = frozenset({"-", "+"})

    def __init__(self) -> None:
        # no constant folding: it would run filters while compiling, outside the budget,
        # and writes some results (`'nan' | float`) as code that cannot run
        super().__init__(autoescape=False, optimized=False)
        self.budget = Budget()
        self.globals.clear()
        jinja_filters = {**self.filters, **DATE_FILTERS}
        self.filters = {name: jinja_filters[name] for name in ALLOWED_FILTERS}
        for name in ("unique", "map", "select", "reject", "selectattr", "rejectattr"):
            self.filters[name] = _as_list(self.filters[name])  # so that `| length` works
        for name, original in list(self.filters.items()):
            checked = checked_filter(original, self._filter_check(name))
            self.filters[name] = _in_plain_words(name, checked)
        self.filters[_JOINED] = self._joined
        self.filters[_COMPARED] = self._compared
        self.filters[_SLICED] = self._sliced
        for name, test in list(self.tests.items()):
            check = self._test_check(name)
            self.tests[name] = checked_filter(cast("Callable[..., Any]", test), check)
        self._run_globals = self.make_globals(None)

    def expression_code(self, tree: nodes.Expr) -> CodeType:
        """The code of an expression that stores its value as `result`.

        Every `a ~ b`, comparison and slice is made to go through a filter that checks its
        size or cost first: Jinja2 has no hook for them. Raises Jinja2's TemplateError, or
        RecursionError for a tree nested too deeply.
        """
        checked = _Checked().visit(tree)
        body = [nodes.Assign(nodes.Name("result", "store"), checked, lineno=1)]
        code: CodeType = self.compile(nodes.Template(body, lineno=1), filename="<expression>")
        return code

    def runnable(self, code: CodeType) -> Runnable:
        """Code from `expression_code`, ready to evaluate: call it with the names it reads."""
        return Runnable(Template.from_code(self, code, self._run_globals))

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        try:
            return self._binop(operator, left, right)
        except TypeError:
            if left is None or right is None:
                raise  # an empty value: said so where the expression is evaluated
            raise mismatches.calculated(operator, left, right) from None

    def _binop(self, operator: str, left: Any, right: Any) -> Any:
        budget = self.budget
        if operator == "*":
            check_value_repeat(left, right)
            check_value_repeat(right, left)
            check_product(left, right, ExpressionRefused)
            budget.spend(_number_work(left) * _number_work(right) + _repeat_work(left, right))
            return left * right
        if operator == "**":
            check_power(left, right, ExpressionRefused)
            budget.spend(_number_work(left) * _number_work(right))
            return left**right
        if operator == "+":
            if isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
                check_value_size(len(left) + len(right))
                budget.spend(len(left) + len(right))
            else:
                budget.spend(_number_work(left) + _number_work(right))
            return left + right
        if operator == "%" and isinstance(left, str):
            raise ExpressionRefused("formatting text with % is not allowed in expressions")
        budget.spend(_number_work(left) * _number_work(right))
        if operator == "-":
            return left - right
        if operator == "/":
            return left / right
        if operator == "//":
            return left // right
        return left % right

    def call_unop(self, context: Context, operator: str, arg: Any) -> Any:
        self.budget.spend(_number_work(arg))
        try:
            return -arg if operator == "-" else +arg
        except TypeError:
            if arg is None:
                raise
            raise mismatches.calculated(operator, arg, unary=True) from None

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.budget.spend(1)
        if isinstance(obj, Namespace):
            return obj.get(attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.budget.check(argument)  # a mapping hashes the key: a list as key is walked
        return super().getitem(obj, argument)

    # the checks of filters and tests, each given the filter's own arguments

    def _filter_check(self, name: str) -> Callable[..., Any]:
        budget = self.budget
        if name in _CHEAP_FILTERS:

            def cheap(value: Any, *_args: Any, **_kwargs: Any) -> Any:
                budget.spend(1)
                return value

            return cheap
        special: dict[str, Callable[..., Any]] = {
            "join": self._check_join,
            "sum": self._check_sum,
            "list": self._check_list,
            "sort": self._check_sort,
            "round": self._check_round,
        }
        if name in special:
            return special[name]
        if name in _TEXT_FILTERS:
            return self._check_text
        # the rest go through their values once: min, max and unique over a list, and the
        # date filters (dates.py), which read their texts once and add whole numbers of any
        # size in one step
        return self._check_values

    def _check_values(self, value: Any, *args: Any, **kwargs: Any) -> Any:
        self.budget.check(value, args, kwargs)
        return value

    def _check_text(self, value: Any, *args: Any, **kwargs: Any) -> Any:
        if not isinstance(value, str):
            check_value_size(text_size([value]))
        self.budget.check(value, args, kwargs)
        return value

    def _check_join(self, value: Any, d: Any = "", *args: Any, **kwargs: Any) -> list[Any]:
        self.budget.check(value)
        items = list(value)
        separator = d if isinstance(d, str) else str(d)
        check_value_size(text_size(items) + len(separator) * len(items))
        self.budget.check(items, args, kwargs)
        return items

    def _check_sum(self, value: Any, *args: Any, **kwargs: Any) -> list[Any]:
        self.budget.check(value)
        items = list(value)
        start = kwargs.get("start", args[1] if len(args) > 1 else 0)
        if isinstance(start, (str, list, tuple)):
            check_value_size(
                len(start) + sum(len(i) for i in items if isinstance(i, (str, list, tuple)))
            )
        self.budget.check_sum(items, start)
        return items

    def _check_list(self, value: Any) -> Any:
        if isinstance(value, (str, list, tuple, dict)):
            check_value_size(len(value))
        self.budget.check(value)
        return value

    def _check_sort(self, value: Any, *args: Any, **kwargs: Any) -> Any:
        self.budget.check_sorting(value)
        self.budget.check(args, kwargs)
        return value

    def _check_round(self, value: Any, precision: Any = 0, *args: Any, **kwargs: Any) -> Any:
        self.budget.check_round(kwargs.get("precision", precision))
        self.budget.spend(1)
        return value

    def _test_check(self, name: str) -> Callable[..., Any]:
        budget = self.budget

        def check(value: Any, *args: Any, **kwargs: Any) -> Any:
            if name in _MEMBERSHIP_TESTS and args:
                budget.check_membership(value, args[0])
            else:
                budget.check(value, args, kwargs)
            return value

        return check

    # the filters the code of an expression calls for `~`, comparisons and slices

    @pass_context
    def _joined(self, context: Context, items: list[Any]) -> str:
        check_value_size(text_size(items))
        self.budget.check(items)
        return markup_join(items) if context.eval_ctx.autoescape else str_join(items)

    def _compared(self, operands: list[Any], *operators: str) -> Any:
        """A chain of comparisons, `a < b <= c`, as Python runs it, each checked first."""
        left = operands[0]
        result: Any = True
        for name, right in zip(operators, operands[1:], strict=True):
            if type(left) in _SCALARS and type(right) in _SCALARS:
                self.budget.spend(1)  # numbers or texts: at most as long as a text can be
            elif name in ("in", "notin"):
                self.budget.check_membership(left, right)
            else:
                self.budget.check(left, right)
            try:
                result = _COMPARISONS[name](left, right)
            except TypeError:
                if left is None or right is None:
                    raise
                raise mismatches.compared(name, left, right) from None
            if not result:
                return result
            left = right
        return result

    def _sliced(self, value: Any, start: Any, stop: Any, step: Any) -> Any:
        self.budget.spend(length(value))
        return value[start:stop:step]


@functools.cache
def expression_environment() -> ExpressionEnvironment:
    """The environment every expression is parsed, compiled and run in, made when first needed.

    One for the whole run, as it holds no answers: setting up Jinja2 for each of a large
    checklist set's expressions would be slow, and many commands evaluate nothing at all.
    """
    return ExpressionEnvironment()


class _Checked(NodeTransformer):
    """Rewrites what Jinja2 gives no hook for into calls of the checking filters."""

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        parts = [self.visit(part) for part in node.nodes]
        items = nodes.List(parts, lineno=node.lineno)
        node.nodes = [_filter(items, _JOINED, [])]
        return node

    def visit_Compare(self, node: nodes.Compare) -> nodes.Node:
        operands = [self.visit(node.expr), *(self.visit(op.expr) for op in node.ops)]
        names: list[nodes.Expr] = [nodes.Const(op.op, lineno=node.lineno) for op in node.ops]
        return _filter(nodes.List(operands, lineno=node.lineno), _COMPARED, names)

    def visit_Getitem(self, node: nodes.Getitem) -> nodes.Node:
        if not isinstance(node.arg, nodes.Slice):
            return self.generic_visit(node)
        bounds = [node.arg.start, node.arg.stop, node.arg.step]
        arguments = [
            nodes.Const(None, lineno=node.lineno) if bound is None else self.visit(bound)
            for bound in bounds
        ]
        return _filter(self.visit(node.node), _SLICED, arguments)


def _filter(node: nodes.Expr, name: str, arguments: list[nodes.Expr]) -> nodes.Filter:
    return nodes.Filter(node, name, arguments, [], None, None, lineno=node.lineno)


def _as_list(original: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that gives a list where Jinja2's gives a generator (`unique`, `map`, ...).

    Jinja2's `select` family reads none as an empty list; here none stays unknown, as
    everywhere else in expressions (an unanswered list has no items to count yet).
    """
    pass_arg = getattr(original, "jinja_pass_arg", None)
    position = 0 if pass_arg is None else 1  # after the context Jinja2 passes first

    def listed(*args: Any, **kwargs: Any) -> list[Any]:
        if len(args) > position and args[position] is None:
            raise mismatches.Mismatch("the list is not known (none)")
        return list(original(*args, **kwargs))

    if pass_arg is not None:
        listed.jinja_pass_arg = pass_arg  # type: ignore[attr-defined]
    return listed


def _in_plain_words(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
    """A filter whose TypeError, for a value it cannot work on, is in plain words."""
    pass_arg = getattr(original, "jinja_pass_arg", None)
    position = 0 if pass_arg is None else 1

    def plain(*args: Any, **kwargs: Any) -> Any:
        try:
            return original(*args, **kwargs)
        except mismatches.Mismatch:
            raise
        except TypeError:
            value = args[position] if len(args) > position else None
            if value is None:
                raise
            raise mismatches.filtered(name, value) from None

    if pass_arg is not None:
        plain.jinja_pass_arg = pass_arg  # type: ignore[attr-defined]
    return plain


def _number_work(value: Any) -> int:
    """About 30 bits of a whole number per unit; any other value is one unit."""
    if isinstance(value, int):
        return 1 + value.bit_length() // 30
    return 1


def _repeat_work(left: Any, right: Any) -> int:
    """`[x] * n` or `'ab' * n` copies the sequence n times."""
    for sequence, times in ((left, right), (right, left)):
        if isinstance(sequence, (str, list, tuple)) and isinstance(times, int):
            return len(sequence) * max(times, 0)
    return 0
