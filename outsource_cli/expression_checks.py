"""What an expression's tree shows wrong before it runs: test names, date filters' arguments,
and the fields it reads of a list's items (checked against the list once the set is known).
"""

from __future__ import annotations

from jinja2 import nodes

from .dates import DATE_FILTERS
from .sandbox.expressions import expression_environment

FieldUse = tuple[str, str]
"""A field read of a list's items: (the list, as 'section.question' or 'value', the field)."""

VALUE = "value"
"""The list a list question's own score reads its items as."""

_DATE_FILTER_USES = {
    "days_between": (
        "end",
        "days_between takes one date, the end: write start | days_between(end)",
    ),
    "add_days": ("days", "add_days takes one number of days: write date | add_days(7)"),
    "add_months": ("months", "add_months takes one number of months: write date | add_months(3)"),
}
"""Each date filter's one argument, by keyword, and how it is written."""
_SAME_ITEMS = frozenset(
    {"select", "reject", "selectattr", "rejectattr", "sort", "unique", "list", "default", "d"}
)
"""Filters that give some or all of a list's items, as they are."""
_ONE_ITEM = frozenset({"first", "last", "min", "max"})
"""Filters that give one of a list's items."""
_TESTED_AT = {"select": 0, "reject": 0, "selectattr": 1, "rejectattr": 1}
"""Filters that name a test, and the position of its name among their arguments."""


def tree_problems(node: nodes.Node) -> list[str]:
    """What is wrong with one node of a tree, in plain words; empty when nothing is."""
    if isinstance(node, nodes.Test) and node.name not in expression_environment().tests:
        return [_unknown_test(node.name)]
    called = node.node if isinstance(node, nodes.Call) else None
    if isinstance(called, nodes.Name) and called.name in DATE_FILTERS:
        usage = _DATE_FILTER_USES[called.name][1].partition(": ")[2]
        return [f"{called.name} is a filter, not a function: {usage}"]
    if not isinstance(node, nodes.Filter):
        return []
    problems = []
    if node.name in _DATE_FILTER_USES:
        keyword, usage = _DATE_FILTER_USES[node.name]
        given = [*node.args, *node.kwargs]
        if len(given) != 1 or any(pair.key != keyword for pair in node.kwargs):
            problems.append(usage)
    position = _TESTED_AT.get(node.name)
    test = (
        _text(node.args[position]) if position is not None and len(node.args) > position else None
    )
    if test is not None and test not in expression_environment().tests:
        problems.append(_unknown_test(test))
    return problems


def _unknown_test(name: str) -> str:
    tests = ", ".join(
        sorted(test for test in expression_environment().tests if test.isidentifier())
    )
    return f"there is no test '{name}'; use one of {tests}"


def field_uses(tree: nodes.Node, *, allow_value: bool) -> frozenset[FieldUse]:
    """The fields the expression reads of the items of a list it names: `x.l[0].name`,
    `x.l | map(attribute='name')`, `x.l | selectattr('name')`; `value` in a score."""
    found: set[FieldUse] = set()
    for node in [tree, *tree.find_all(nodes.Node)]:
        if isinstance(node, nodes.Getattr):
            source = _item_of(node.node, allow_value)
            if source is not None:
                found.add((source, node.attr))
        elif isinstance(node, nodes.Getitem):
            source = _item_of(node.node, allow_value)
            if source is not None and _text(node.arg) is not None:
                found.add((source, str(_text(node.arg))))
        elif isinstance(node, nodes.Filter) and node.node is not None:
            source = _items_of(node.node, allow_value)
            if source is None:
                continue
            names = [keyword.value for keyword in node.kwargs if keyword.key == "attribute"]
            if node.name in ("selectattr", "rejectattr") and node.args:
                names.append(node.args[0])
            for name in names:
                field = _text(name)
                if field is not None and not field.split(".")[0].isdigit():
                    found.add((source, field.split(".")[0]))
    return frozenset(found)


def _items_of(node: nodes.Node, allow_value: bool) -> str | None:
    """The list whose items the node gives, when it names one."""
    if isinstance(node, nodes.Name):
        return VALUE if node.name == VALUE and allow_value else None
    if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name):
        return f"{node.node.name}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.node, nodes.Name):
        key = _text(node.arg)
        return None if key is None else f"{node.node.name}.{key}"
    if isinstance(node, nodes.Filter) and node.name in _SAME_ITEMS and node.node is not None:
        return _items_of(node.node, allow_value)
    return None


def _item_of(node: nodes.Node, allow_value: bool) -> str | None:
    """The list one of whose items the node gives: `x.l[0]`, `x.l | first`."""
    position = (
        node.arg.value
        if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const)
        else None
    )
    if isinstance(node, nodes.Getitem) and type(position) is int:
        return _items_of(node.node, allow_value)
    if isinstance(node, nodes.Filter) and node.name in _ONE_ITEM and node.node is not None:
        return _items_of(node.node, allow_value)
    return None


def _text(node: nodes.Node) -> str | None:
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        return node.value
    return None
