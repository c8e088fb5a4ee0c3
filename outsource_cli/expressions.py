"""Checklist expressions (`when`, `score`, `computed`): compiled once, run in a sandbox."""

from __future__ import annotations

import marshal
import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import CodeType
from typing import Any

from jinja2 import nodes
from jinja2.environment import TemplateExpression
from jinja2.exceptions import SecurityError, TemplateError, TemplateSyntaxError
from jinja2.parser import Parser

from .sandbox.expressions import ALLOWED_FILTERS, Namespace, expression_environment
from .sandbox.limits import ExpressionRefused

# Namespace and ExpressionRefused are the sandbox's; the rest of outsource reads them here
__all__ = [
    "Expression",
    "ExpressionRefused",
    "ExpressionSyntaxError",
    "Namespace",
    "Outcome",
    "Reference",
    "as_number",
]

Reference = tuple[str, str]
"""A reference to an answer or computed value: (section id, question or value id)."""


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
        try:
            code = expression_environment().expression_code(tree)
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
            self._runnable = expression_environment().runnable(self._code)
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
        parser = Parser(expression_environment(), source, state="variable")
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
