"""Checklist expressions (`when`, `score`, `computed`, ...): compiled once, run in a sandbox."""

from __future__ import annotations

import marshal
import math
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from types import CodeType
from typing import Any

from jinja2 import nodes
from jinja2.exceptions import SecurityError, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.parser import Parser
from jinja2.runtime import Undefined

from . import dates
from .dates import DATE_FILTERS, TODAY
from .expression_checks import FieldUse, field_uses, tree_problems
from .numbers import domain_problem, in_domain
from .sandbox.expressions import (
    ALLOWED_FILTERS,
    ExpressionEnvironment,
    Namespace,
    Runnable,
    expression_environment,
)
from .sandbox.limits import MAX_NESTING, MAX_SIZE, ExpressionRefused
from .sandbox.mismatches import Mismatch

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

_NESTING_MESSAGE = (
    f"the expression nests more than {MAX_NESTING} levels (brackets, filters or operators); "
    "split it into computed values"
)
_PLAIN = frozenset({bool, str, type(None)})
"""Results that are plain data as they are."""
_WRAPPERS = (nodes.Operand, nodes.Keyword, nodes.Pair)
"""Nodes that only hold a part of their parent: they add no level of their own."""


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
    unusable: bool = False
    """True when the expression gave a value outsource cannot use (a number too large,
    not a real number, a function): then `value` is None and `problem` says why."""


class _Code:
    """An expression's compiled code, and the same code ready to run once it has run."""

    __slots__ = ("code", "runnable")

    def __init__(self, code: CodeType) -> None:
        self.code = code
        self.runnable: Runnable | None = None


_LOADED: dict[bytes, _Code] = {}
"""The code of every stored expression read in this run, by its stored bytes: stored
copies of the same code share one."""


class Expression:
    """A compiled expression and the answers it refers to."""

    def __init__(self, source: str, *, allow_value: bool = False) -> None:
        self.source = source
        tree = _parse(source)
        self.references, self.bare_names, problems = _analyse(tree, allow_value=allow_value)
        self.fields: frozenset[FieldUse] = field_uses(tree, allow_value=allow_value)
        """The fields it reads of a list's items, checked against the list with the set."""
        if problems:
            raise ExpressionSyntaxError("; ".join(problems))
        try:
            code = expression_environment().expression_code(tree)
        except TemplateError as error:
            raise ExpressionSyntaxError(_syntax_message(error)) from None
        except (RecursionError, SyntaxError):  # Python's own limits on nesting
            raise ExpressionSyntaxError(_NESTING_MESSAGE) from None
        except MemoryError:
            raise ExpressionSyntaxError("the expression is too large to compile") from None
        self._code = _Code(code)
        self._sections = frozenset(section for section, _ in self.references)

    def __getstate__(self) -> dict[str, Any]:
        # the checklist cache keeps the compiled code, so a cached run compiles nothing
        return {
            "source": self.source,
            "references": self.references,
            "bare_names": self.bare_names,
            "fields": self.fields,
            "code": marshal.dumps(self._code.code),
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.source = state["source"]
        self.references = state["references"]
        self.bare_names = state["bare_names"]
        self.fields = state["fields"]
        # many files share expressions ("1 if value <= 24 else 0"): their code is read, and
        # made ready to run, once per run however many stored copies hold it
        code = _LOADED.get(state["code"])
        if code is None:
            code = _LOADED[state["code"]] = _Code(marshal.loads(state["code"]))  # see cache.py
        self._code = code
        self._sections = frozenset(section for section, _ in self.references)

    def _compiled(self, names: dict[str, Any]) -> Any:
        code = self._code
        if code.runnable is None:  # made when first needed: many commands evaluate nothing
            code.runnable = expression_environment().runnable(code.code)
        return code.runnable(names)

    def evaluate(self, scope: Mapping[str, Namespace], value: Any = None) -> Outcome:
        """Evaluate with the given answers; an unknown (none) input gives an unknown result."""
        # only the sections it refers to: copying every section for every expression
        # would make a large checklist set slow in proportion to its size squared
        names: dict[str, Any] = {name: scope[name] for name in self._sections if name in scope}
        if value is not None or "value" in self.bare_names:
            names["value"] = value
        if TODAY in self.bare_names:  # read at each evaluation: never frozen in the cache
            names[TODAY] = dates.today().isoformat()
        expression_environment().budget.start()
        try:
            result = self._compiled(names)
        except ExpressionRefused:
            raise
        except SecurityError as error:
            raise ExpressionRefused(str(error)) from None
        except (TypeError, ValueError, ArithmeticError, TemplateError, AttributeError) as error:
            if self._has_unknown_input(scope, value):
                return Outcome(None)
            return Outcome(None, _runtime_message(error))
        except MemoryError:
            raise ExpressionRefused(
                "the expression needs more memory than the computer has; "
                "expressions are for small calculations"
            ) from None
        except RecursionError:
            raise ExpressionRefused("the expression works on values nested too deeply") from None
        if type(result) in _PLAIN:
            return Outcome(result)
        try:
            return Outcome(_plain(result, [0]))
        except _Unusable as unusable:
            return Outcome(None, str(unusable), unusable=True)

    def _has_unknown_input(self, scope: Mapping[str, Namespace], value: Any) -> bool:
        if "value" in self.bare_names and value is None:
            return True
        return any(
            scope.get(section, Namespace()).get(item) is None for section, item in self.references
        )


def _parse(source: str) -> nodes.Expr:
    environment = expression_environment()
    try:
        _check_brackets(environment, source)
        parser = Parser(environment, source, state="variable")
        tree = parser.parse_expression()
        if not parser.stream.eos:
            token = parser.stream.current
            raise ExpressionSyntaxError(f"unexpected '{token.value}' after the expression")
    except TemplateSyntaxError as error:
        raise ExpressionSyntaxError(_syntax_message(error)) from None
    except RecursionError:  # the parser calls itself for each level: `not not ... x`
        raise ExpressionSyntaxError(_NESTING_MESSAGE) from None
    if _depth(tree) > MAX_NESTING:
        raise ExpressionSyntaxError(_NESTING_MESSAGE)
    return tree


def _check_brackets(environment: ExpressionEnvironment, source: str) -> None:
    """Refuse brackets nested too deeply before the parser, which recurses, meets them."""
    depth = 0
    for _line, kind, text in environment.lexer.tokeniter(source, None, state="variable"):
        if kind != "operator":
            continue
        if text in ("(", "[", "{"):
            depth += 1
            if depth > MAX_NESTING:
                raise ExpressionSyntaxError(_NESTING_MESSAGE)
        elif text in (")", "]", "}"):
            depth -= 1


def _depth(tree: nodes.Node) -> int:
    """How many levels the tree nests, found without recursion."""
    deepest = 0
    stack: list[tuple[nodes.Node, int]] = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_NESTING:
            break
        for child in node.iter_child_nodes():
            stack.append((child, depth if isinstance(child, _WRAPPERS) else depth + 1))
    return deepest


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
            elif node.name == TODAY:
                bare.add(TODAY)  # the run's date, in every expression
            elif node.name == "value" and allow_value:
                bare.add("value")
            elif node.name == "value":
                problems.append(
                    "'value' can be used only in the score of a number, date or list question"
                )
            elif isinstance(parent, nodes.Call) and parent.node is node:
                pass  # reported as a call
            else:
                bare.add(node.name)
                problems.append(
                    f"'{node.name}' alone is not allowed: refer to an answer as "
                    f"section.question, such as {node.name}.some_question"
                )
        elif isinstance(node, nodes.Const) and not _usable_constant(node.value):
            problems.append(domain_problem(node.value, "the number written in it"))
        elif isinstance(node, nodes.Getattr) and node.attr.startswith("_"):
            problems.append(f"names starting with '_' are not allowed ('{node.attr}')")
        elif isinstance(node, nodes.Getitem) and _private_const(node.arg):
            problems.append("keys starting with '_' are not allowed")
        elif isinstance(node, nodes.Call) and not (
            isinstance(node.node, nodes.Name) and node.node.name in DATE_FILTERS
        ):
            problems.append(
                "calling functions or methods is not allowed; use filters such as | round"
            )
        elif isinstance(node, (nodes.Filter, nodes.Test)):
            if isinstance(node, nodes.Filter) and node.name not in ALLOWED_FILTERS:
                allowed = ", ".join(ALLOWED_FILTERS)
                problems.append(f"the filter '{node.name}' is not allowed; use one of {allowed}")
            if isinstance(node, nodes.Filter) and node.name == "map" and node.args:
                # map('name') would run any filter by name: only a field of each item
                problems.append(
                    "the filter 'map' reads one field of each item: write it as "
                    "map(attribute='name')"
                )
            arguments = [*node.args, *(keyword.value for keyword in node.kwargs)]
            if any(_private_const(argument) for argument in arguments):
                problems.append("arguments starting with '_' are not allowed")
            if node.dyn_args is not None or node.dyn_kwargs is not None:
                problems.append("'*' and '**' arguments are not allowed")
        problems += tree_problems(node)
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


def _usable_constant(value: Any) -> bool:
    return not isinstance(value, (int, float)) or in_domain(value)


def _private_const(node: nodes.Node) -> bool:
    return (
        isinstance(node, nodes.Const) and isinstance(node.value, str) and node.value.startswith("_")
    )


def _syntax_message(error: TemplateError) -> str:
    message = str(error.message if isinstance(error, TemplateSyntaxError) else error)
    return f"invalid expression: {message}"


def _runtime_message(error: Exception) -> str:
    """Why an expression gave no value, in plain words: never Python's own."""
    if isinstance(error, (Mismatch, dates.DateProblem)):
        return str(error)  # written in plain words where it was raised
    if isinstance(error, TypeError) and "NoneType" in str(error):
        # Python's words for it ("unsupported operand type(s) for +: 'int' and 'NoneType'")
        return "a value it uses is empty (none), such as a field left empty in a list"
    if isinstance(error, ZeroDivisionError):
        return "division by zero"
    if isinstance(error, OverflowError):
        return "the number is too large"
    if isinstance(error, ValueError) and "integer string conversion" in str(error):
        digits = sys.get_int_max_str_digits()
        return f"a whole number of more than {digits:,} digits cannot be written as text"
    if isinstance(error, UndefinedError):
        return (
            "it reads something that is not there, such as a field an answer does not have "
            "or an item past the end of a list"
        )
    return "the values it uses do not fit together, such as a text where a number is needed"


class _Unusable(Exception):
    """The result is not a value outsource can use; the message says why."""


def _plain(value: Any, count: list[int]) -> Any:
    """The result as plain data (none, yes/no, numbers in the domain, text, lists, mappings
    with text keys), or _Unusable. `count` counts the values met, to refuse a huge result.
    """
    count[0] += 1
    if count[0] > MAX_SIZE:
        raise ExpressionRefused(
            f"the result holds more than {MAX_SIZE:,} values; expressions are for small "
            "calculations"
        )
    if value is None or isinstance(value, Undefined):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        if not in_domain(value):
            raise _Unusable(domain_problem(value, "the result"))
        return int(value) if isinstance(value, int) else float(value)
    if isinstance(value, str):
        return str.__str__(value)  # plain text, not markup
    if isinstance(value, complex):
        raise _Unusable(
            "the result is a complex number (such as the square root of a negative number), "
            "not a number outsource can use"
        )
    if isinstance(value, (list, tuple)):
        return [_plain(item, count) for item in value]
    if isinstance(value, (set, frozenset)):
        items = [_plain(item, count) for item in value]
        try:
            return sorted(items)
        except TypeError:
            return items
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise _Unusable("the result is a mapping whose keys are not all text")
        return {str.__str__(key): _plain(item, count) for key, item in value.items()}
    raise _Unusable(
        "the result is not a value outsource can use (yes/no, a number, text, a list or a mapping)"
    )


def as_number(value: Any) -> float | None:
    """A result as a finite number, or None when it is not one."""
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float)) and math.isfinite(value):
        return float(value)
    return None
