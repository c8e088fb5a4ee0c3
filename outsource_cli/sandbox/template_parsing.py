"""A `--template` as it is parsed: nesting refused before Jinja2 recurses through it, and
its loops, output and comparisons routed through the render's budget."""

from __future__ import annotations

import math
import sys
from collections.abc import Iterable
from typing import Any

from jinja2 import TemplateSyntaxError, nodes
from jinja2.visitor import NodeTransformer

from .limits import MAX_NESTED_LOOPS, MAX_NESTING

_OPENING_TAGS = frozenset(
    {"for", "if", "macro", "call", "filter", "with", "block", "autoescape", "trans"}
)
"""Block tags that nest what follows until their `end…` tag; `set` does when it has no `=`."""


def too_deep(lineno: int, name: str | None, filename: str | None) -> TemplateSyntaxError:
    """The error for a template nested more than MAX_NESTING levels deep at lineno."""
    return TemplateSyntaxError(
        f"the template nests brackets, blocks, filters or operators more than {MAX_NESTING} "
        f"levels deep at line {lineno}; a report never needs that many: put the inner part "
        "in a variable ({% set %}) or a macro",
        lineno,
        name,
        filename,
    )


def check_bracket_depth(tokens: Iterable[Any], name: str | None, filename: str | None) -> int:
    """Refuse deep nesting from the tokens, before Jinja2's parser, which would recurse
    through it and run out of stack: `((((…))))`, `[[[…]]]`, nested `{% if %}` blocks,
    `not not …`, `- - …` and `a if b else c if …`. The line where nesting was deepest.
    """
    depth = inline = 0  # inline: operators that nest within one tag, without brackets
    deepest = (0, 1)
    tag_next = in_set = False
    for token in tokens:
        kind, value = token.type, token.value
        if kind in {"lparen", "lbracket", "lbrace"}:
            depth += 1
        elif kind in {"rparen", "rbracket", "rbrace"}:
            depth -= 1
        elif tag_next and kind == "name":
            if value in _OPENING_TAGS:
                depth += 1
            elif value.startswith("end") and (value[3:] in _OPENING_TAGS or value == "endset"):
                depth -= 1
            in_set = value == "set"
        elif kind == "assign":
            in_set = False
        elif kind == "block_end" and in_set:
            depth += 1  # `{% set x %}…{% endset %}`
            in_set = False
        if kind in {"variable_end", "block_end"}:
            inline = 0
        elif kind in {"sub", "add"} or (kind == "name" and value in {"not", "if"} and not tag_next):
            inline += 1
        tag_next = kind == "block_begin"
        if depth + inline > deepest[0]:
            deepest = (depth + inline, token.lineno)
        if depth + inline > MAX_NESTING:
            raise too_deep(token.lineno, name, filename)
    return deepest[1]


_LEAVES = (nodes.Output, nodes.TemplateData, nodes.Const, nodes.Name, nodes.Template)


def check_tree_depth(tree: nodes.Template, name: str | None, filename: str | None) -> None:
    """Refuse what the parsed template nests too deeply for Python to compile (a chain of
    filters or operators is deep without a bracket), and numbers too large to be finite."""
    pending: list[tuple[nodes.Node, int, int]] = [(tree, 0, 0)]
    while pending:
        node, depth, loops = pending.pop()
        if not isinstance(node, (nodes.Helper, *_LEAVES)):
            depth += 1
        if isinstance(node, nodes.For):
            loops += 1
        if depth > MAX_NESTING:
            raise too_deep(node.lineno, name, filename)
        if loops > MAX_NESTED_LOOPS:
            raise TemplateSyntaxError(
                f"the template nests loops more than {MAX_NESTED_LOOPS} levels deep at line "
                f"{node.lineno}; a report never needs that many: put the inner loops in a macro",
                node.lineno,
                name,
                filename,
            )
        value = node.value if isinstance(node, nodes.Const) else None
        if isinstance(value, float) and not math.isfinite(value):
            raise TemplateSyntaxError(
                f"this number is too large for a template (at most {sys.float_info.max:.3g})",
                node.lineno,
                name,
                filename,
            )
        pending.extend((child, depth, loops) for child in node.iter_child_nodes())


def add_budget_checks(tree: nodes.Template) -> None:
    """Route loops, written text, `~` and comparisons through the budget: `{% for %}`
    iterates through `_loop_step`, every piece of output through `_produced`, every `a ~ b`
    through `_joined`, every comparison through `_compare`.
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
    _ComparedThroughBudget().visit(tree)


class _ComparedThroughBudget(NodeTransformer):
    """Turns `a < b`, `a == b` and `a in b` into `a | _compare('lt', b)`: Python compares
    lists item by item without stopping, so each comparison is estimated first.
    A chain `a < b < c` stays one call, `a | _compare('lt', b, 'lt', c)`, so that a long
    chain does not nest."""

    def visit_Compare(self, node: nodes.Compare) -> nodes.Expr:
        self.generic_visit(node)
        arguments: list[nodes.Expr] = []
        for operand in node.ops:
            arguments += [nodes.Const(operand.op, lineno=node.lineno), operand.expr]
        return nodes.Filter(node.expr, "_compare", arguments, [], None, None, lineno=node.lineno)
