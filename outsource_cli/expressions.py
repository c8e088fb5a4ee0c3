"""Checklist expressions (`when`, `score`, `computed`): compiled once, run in a sandbox."""

from __future__ import annotations

import marshal
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import CodeType
from typing import Any

from jinja2 import nodes, pass_context
from jinja2.environment import Template, TemplateExpression
from jinja2.exceptions import SecurityError, TemplateError, TemplateSyntaxError
from jinja2.parser import Parser
from jinja2.runtime import Context, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_SIZE = 100_000
"""The longest text or list an expression may build."""
MAX_INT_BITS = 100_000
"""The largest whole number an expression may build (about 30,000 digits)."""

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

Reference = tuple[str, str]
"""A reference to an answer or computed value: (section id, question or value id)."""


class Namespace(dict[str, Any]):
    """One section's answers and computed values, read as `section.id` in expressions."""


class ExpressionRefused(SecurityError):
    """An expression tried something the sandbox does not allow."""


class _Environment(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox, with no globals, few filters and size limits."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self) -> None:
        super().__init__(autoescape=False)
        self.globals.clear()
        self.filters = {name: self.filters[name] for name in ALLOWED_FILTERS}
        self.filters["join"] = checked_filter(self.filters["join"], _check_join)
        self.filters["sum"] = checked_filter(self.filters["sum"], _check_sum)
        self.filters["list"] = checked_filter(self.filters["list"], _check_list)
        self.filters[_JOINED] = _joined  # `a ~ b`, rewritten by Expression; not for users

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
            check_product(left, right)
            return left * right
        if operator == "**":
            check_power(left, right)
            return left**right
        if operator == "+":
            if isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
                _check_size(len(left) + len(right))
            return left + right
        if isinstance(left, str):
            raise ExpressionRefused("formatting text with % is not allowed in expressions")
        return left % right

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, Namespace):
            return obj.get(attribute)
        return super().getattr(obj, attribute)


_JOINED = "_joined"


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


def _check_size(size: int) -> None:
    if size > MAX_SIZE:
        raise ExpressionRefused(
            f"this would build a value longer than {MAX_SIZE:,} items; expressions are "
            "for small calculations"
        )


def _text_size(items: list[Any]) -> int:
    return sum(len(item) if isinstance(item, str) else len(str(item)) for item in items)


def _check_join(value: Any, d: Any = "", *_args: Any, **_kwargs: Any) -> list[Any]:
    items = list(value)
    _check_size(_text_size(items) + len(str(d)) * len(items))
    return items


def _check_sum(value: Any, *args: Any, **kwargs: Any) -> list[Any]:
    items = list(value)
    start = kwargs.get("start", args[1] if len(args) > 1 else 0)
    if isinstance(start, (str, list, tuple)):
        _check_size(len(start) + sum(len(i) for i in items if isinstance(i, (str, list, tuple))))
    return items


def _check_list(value: Any) -> Any:
    if isinstance(value, (str, list, tuple, dict)):
        _check_size(len(value))
    return value


@pass_context
def _joined(context: Context, items: list[Any]) -> str:
    _check_size(_text_size(items))
    return markup_join(items) if context.eval_ctx.autoescape else str_join(items)


def _check_repeat(sequence: Any, times: Any) -> None:
    if isinstance(sequence, (str, list, tuple)) and isinstance(times, int):
        _check_size(len(sequence) * times)


def check_product(left: Any, right: Any, refused: type[SecurityError] = ExpressionRefused) -> None:
    """Refuse a product of whole numbers over MAX_INT_BITS (templates pass their own error)."""
    whole = isinstance(left, int) and isinstance(right, int)
    if whole and left.bit_length() + right.bit_length() > MAX_INT_BITS:
        raise refused("this number is too large to work out")


def check_power(base: Any, exponent: Any, refused: type[SecurityError] = ExpressionRefused) -> None:
    """Refuse a power of whole numbers over MAX_INT_BITS (templates pass their own error)."""
    whole = isinstance(base, int) and isinstance(exponent, int) and exponent > 0
    if whole and abs(base) > 1 and base.bit_length() * exponent > MAX_INT_BITS:
        raise refused("this power is too large to work out")


_ENVIRONMENT = _Environment()
_GLOBALS = _ENVIRONMENT.make_globals(None)


class ExpressionSyntaxError(Exception):
    """The expression cannot be compiled; the message says why in plain words."""


@dataclass(frozen=True)
class Outcome:
    """The result of evaluating an expression.

    `value` is None when it could not be worked out. `problem` says why, but only
    when the reason was not simply an unknown (none) input.
    """

    value: Any
    problem: str | None = None


class Expression:
    """A compiled expression and the answers it refers to."""

    def __init__(self, source: str, *, allow_value: bool = False) -> None:
        self.source = source
        tree = _parse(source)
        self.references, self.bare_names, problems = _analyse(tree, allow_value=allow_value)
        if problems:
            raise ExpressionSyntaxError("; ".join(problems))
        _route_concatenation(tree)
        try:
            body = [nodes.Assign(nodes.Name("result", "store"), tree, lineno=1)]
            code = _ENVIRONMENT.compile(nodes.Template(body, lineno=1), filename="<expression>")
        except TemplateError as error:
            raise ExpressionSyntaxError(_syntax_message(error)) from None
        except RecursionError:
            raise ExpressionSyntaxError("the expression is nested too deeply") from None
        self._code: CodeType = code
        self._runnable: TemplateExpression | None = None
        self._sections = frozenset(section for section, _ in self.references)

    def __getstate__(self) -> dict[str, Any]:
        # the checklist cache keeps the compiled code, so a cached run compiles nothing
        return {
            "source": self.source,
            "references": self.references,
            "bare_names": self.bare_names,
            "code": marshal.dumps(self._code),
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.source = state["source"]
        self.references = state["references"]
        self.bare_names = state["bare_names"]
        self._code = marshal.loads(state["code"])  # our own private cache: see cache.py
        self._runnable = None
        self._sections = frozenset(section for section, _ in self.references)

    def _compiled(self, names: dict[str, Any]) -> Any:
        if self._runnable is None:  # made when first needed: many commands evaluate nothing
            template = Template.from_code(_ENVIRONMENT, self._code, _GLOBALS)
            self._runnable = TemplateExpression(template, undefined_to_none=True)
        return self._runnable(names)

    def evaluate(self, scope: Mapping[str, Namespace], value: Any = None) -> Outcome:
        """Evaluate with the given answers; an unknown (none) input gives an unknown result."""
        # only the sections it refers to: copying every section for every expression
        # would make a large checklist set slow in proportion to its size squared
        names: dict[str, Any] = {name: scope[name] for name in self._sections if name in scope}
        if value is not None or "value" in self.bare_names:
            names["value"] = value
        try:
            return Outcome(self._compiled(names))
        except ExpressionRefused:
            raise
        except SecurityError as error:
            raise ExpressionRefused(str(error)) from None
        except (TypeError, ValueError, ArithmeticError, TemplateError, AttributeError) as error:
            if self._has_unknown_input(scope, value):
                return Outcome(None)
            return Outcome(None, _runtime_message(error))

    def _has_unknown_input(self, scope: Mapping[str, Namespace], value: Any) -> bool:
        if "value" in self.bare_names and value is None:
            return True
        return any(
            scope.get(section, Namespace()).get(item) is None for section, item in self.references
        )


def _parse(source: str) -> nodes.Expr:
    try:
        parser = Parser(_ENVIRONMENT, source, state="variable")
        tree = parser.parse_expression()
        if not parser.stream.eos:
            token = parser.stream.current
            raise ExpressionSyntaxError(f"unexpected '{token.value}' after the expression")
    except TemplateSyntaxError as error:
        raise ExpressionSyntaxError(_syntax_message(error)) from None
    except RecursionError:
        raise ExpressionSyntaxError("the expression is nested too deeply") from None
    return tree


def _analyse(
    tree: nodes.Node, *, allow_value: bool
) -> tuple[frozenset[Reference], frozenset[str], list[str]]:
    """References to answers, bare names used, and what is not allowed, in one walk."""
    references: set[Reference] = set()
    bare: set[str] = set()
    problems: list[str] = []
    stack: list[tuple[nodes.Node, nodes.Node | None]] = [(tree, None)]
    while stack:
        node, parent = stack.pop()
        if isinstance(node, nodes.Name):
            reference = _reference(node, parent)
            if reference is not None:
                references.add(reference)
            elif node.name == "value" and allow_value:
                bare.add("value")
            elif node.name == "value":
                problems.append("'value' can be used only in a number question's score")
            elif isinstance(parent, nodes.Call) and parent.node is node:
                pass  # reported as a call
            else:
                bare.add(node.name)
                problems.append(
                    f"'{node.name}' alone is not allowed: refer to an answer as "
                    f"section.question, such as {node.name}.some_question"
                )
        elif isinstance(node, nodes.Getattr) and node.attr.startswith("_"):
            problems.append(f"names starting with '_' are not allowed ('{node.attr}')")
        elif isinstance(node, nodes.Getitem) and _private_const(node.arg):
            problems.append("keys starting with '_' are not allowed")
        elif isinstance(node, nodes.Call):
            problems.append(
                "calling functions or methods is not allowed; use filters such as | round"
            )
        elif isinstance(node, (nodes.Filter, nodes.Test)):
            if isinstance(node, nodes.Filter) and node.name not in ALLOWED_FILTERS:
                allowed = ", ".join(ALLOWED_FILTERS)
                problems.append(f"the filter '{node.name}' is not allowed; use one of {allowed}")
            arguments = [*node.args, *(keyword.value for keyword in node.kwargs)]
            if any(_private_const(argument) for argument in arguments):
                problems.append("arguments starting with '_' are not allowed")
            if node.dyn_args is not None or node.dyn_kwargs is not None:
                problems.append("'*' and '**' arguments are not allowed")
        stack.extend((child, node) for child in node.iter_child_nodes())
    return frozenset(references), frozenset(bare), list(dict.fromkeys(problems))


def _route_concatenation(tree: nodes.Node) -> None:
    """Make every `a ~ b` check its size before joining: Jinja2 has no hook for it."""
    found = [tree] if isinstance(tree, nodes.Concat) else []
    for concat in [*found, *tree.find_all(nodes.Concat)]:
        assert isinstance(concat, nodes.Concat)
        items = nodes.List(concat.nodes, lineno=concat.lineno)
        concat.nodes = [nodes.Filter(items, _JOINED, [], [], None, None, lineno=concat.lineno)]


def _reference(name: nodes.Name, parent: nodes.Node | None) -> Reference | None:
    if isinstance(parent, nodes.Getattr) and parent.node is name:
        return (name.name, parent.attr)
    if (
        isinstance(parent, nodes.Getitem)
        and parent.node is name
        and isinstance(parent.arg, nodes.Const)
        and isinstance(parent.arg.value, str)
    ):
        return (name.name, parent.arg.value)
    return None


def _private_const(node: nodes.Node) -> bool:
    return (
        isinstance(node, nodes.Const) and isinstance(node.value, str) and node.value.startswith("_")
    )


def _syntax_message(error: TemplateError) -> str:
    message = str(error.message if isinstance(error, TemplateSyntaxError) else error)
    return f"invalid expression: {message}"


def _runtime_message(error: Exception) -> str:
    if isinstance(error, ZeroDivisionError):
        return "division by zero"
    if isinstance(error, OverflowError):
        return "the number is too large"
    return str(error) or type(error).__name__


def as_number(value: Any) -> float | None:
    """A result as a finite number, or None when it is not one."""
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float)) and math.isfinite(value):
        return float(value)
    return None
