"""The sandbox checklist expressions run in: no globals, a few filters, small values only."""

from __future__ import annotations

import functools
from types import CodeType
from typing import Any

from jinja2 import nodes, pass_context
from jinja2.environment import Template, TemplateExpression
from jinja2.runtime import Context, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment

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
)

_JOINED = "_joined"
"""The filter every `a ~ b` goes through (see expression_code); not for users."""


class Namespace(dict[str, Any]):
    """One section's answers and computed values, read as `section.id` in expressions."""


class ExpressionEnvironment(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox, with no globals, few filters and size limits.

    It keeps nothing of the answers: each evaluation gets its own names, so one
    environment serves every expression of a run (see `expression_environment`).
    """

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self) -> None:
        super().__init__(autoescape=False)
        self.globals.clear()
        self.filters = {name: self.filters[name] for name in ALLOWED_FILTERS}
        self.filters["join"] = checked_filter(self.filters["join"], _check_join)
        self.filters["sum"] = checked_filter(self.filters["sum"], _check_sum)
        self.filters["list"] = checked_filter(self.filters["list"], _check_list)
        self.filters[_JOINED] = _joined
        self._run_globals = self.make_globals(None)

    def expression_code(self, tree: nodes.Expr) -> CodeType:
        """The code of an expression that stores its value as `result`.

        Every `a ~ b` is made to check its size before joining: Jinja2 has no hook for it.
        Raises Jinja2's TemplateError, or RecursionError for a tree nested too deeply.
        """
        found = [tree] if isinstance(tree, nodes.Concat) else []
        for concat in [*found, *tree.find_all(nodes.Concat)]:
            assert isinstance(concat, nodes.Concat)
            items = nodes.List(concat.nodes, lineno=concat.lineno)
            concat.nodes = [nodes.Filter(items, _JOINED, [], [], None, None, lineno=concat.lineno)]
        body = [nodes.Assign(nodes.Name("result", "store"), tree, lineno=1)]
        code: CodeType = self.compile(nodes.Template(body, lineno=1), filename="<expression>")
        return code

    def runnable(self, code: CodeType) -> TemplateExpression:
        """Code from `expression_code`, ready to evaluate: call it with the names it reads."""
        template = Template.from_code(self, code, self._run_globals)
        return TemplateExpression(template, undefined_to_none=True)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            check_value_repeat(left, right)
            check_value_repeat(right, left)
            check_product(left, right, ExpressionRefused)
            return left * right
        if operator == "**":
            check_power(left, right, ExpressionRefused)
            return left**right
        if operator == "+":
            if isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
                check_value_size(len(left) + len(right))
            return left + right
        if isinstance(left, str):
            raise ExpressionRefused("formatting text with % is not allowed in expressions")
        return left % right

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, Namespace):
            return obj.get(attribute)
        return super().getattr(obj, attribute)


@functools.cache
def expression_environment() -> ExpressionEnvironment:
    """The environment every expression is parsed, compiled and run in, made when first needed.

    One for the whole run, as it holds no answers: setting up Jinja2 for each of a large
    checklist set's expressions would be slow, and many commands evaluate nothing at all.
    """
    return ExpressionEnvironment()


def _check_join(value: Any, d: Any = "", *_args: Any, **_kwargs: Any) -> list[Any]:
    items = list(value)
    check_value_size(text_size(items) + len(str(d)) * len(items))
    return items


def _check_sum(value: Any, *args: Any, **kwargs: Any) -> list[Any]:
    items = list(value)
    start = kwargs.get("start", args[1] if len(args) > 1 else 0)
    if isinstance(start, (str, list, tuple)):
        check_value_size(
            len(start) + sum(len(i) for i in items if isinstance(i, (str, list, tuple)))
        )
    return items


def _check_list(value: Any) -> Any:
    if isinstance(value, (str, list, tuple, dict)):
        check_value_size(len(value))
    return value


@pass_context
def _joined(context: Context, items: list[Any]) -> str:
    check_value_size(text_size(items))
    return markup_join(items) if context.eval_ctx.autoescape else str_join(items)
