"""Expressions run in a sandbox: nothing unsafe compiles, unknown inputs give unknown results."""

from __future__ import annotations

import pytest

from outsource_cli.expressions import (
    Expression,
    ExpressionRefused,
    ExpressionSyntaxError,
    Namespace,
)

SCOPE = {
    "budget": Namespace(salary=50000, overhead=1.3, hours=0, notes="plain", items=3, unknown=None),
    "goals": Namespace(objectives=True, protections=["nda", "ip"], has_staff=None),
}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("budget.salary * budget.overhead", 65000.0),
        ("budget['salary'] > 1000", True),
        ("'nda' in goals.protections", True),
        ("goals.protections | length", 2),
        ("budget.salary if goals.objectives else 0", 50000),
        ("budget.items", 3),  # an id that is also a dict method name still reads the answer
        ("(budget.salary / 3) | round(1)", 16666.7),
        ("not goals.has_staff", True),
        ("budget.notes ~ '!' ~ budget.items", "plain!3"),
        ("('a' * 100000) | list | length", 100_000),  # right at the size limit
        ("(['a', 'b'] + ['c']) | join('-')", "a-b-c"),
    ],
)
def test_expressions_evaluate(source: str, expected: object) -> None:
    assert Expression(source).evaluate(SCOPE).value == expected


@pytest.mark.parametrize(
    "source",
    ["budget.unknown * 2", "goals.has_staff + 1", "budget.unknown > 3", "budget.unknown | round"],
)
def test_an_unknown_input_gives_an_unknown_result_silently(source: str) -> None:
    outcome = Expression(source).evaluate(SCOPE)
    assert (outcome.value, outcome.problem) == (None, None)


def test_a_failure_with_known_inputs_is_explained() -> None:
    outcome = Expression("budget.salary / budget.hours").evaluate(SCOPE)
    assert (outcome.value, outcome.problem) == (None, "division by zero")


def test_value_is_only_for_scores() -> None:
    assert Expression("value / 1000", allow_value=True).evaluate(SCOPE, 500).value == 0.5
    assert Expression("value / 1000", allow_value=True).evaluate(SCOPE, None).value is None
    with pytest.raises(
        ExpressionSyntaxError, match="'value' can be used only in a number question's score"
    ):
        Expression("value * 2")


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("budget.__class__", "names starting with '_' are not allowed"),
        ("budget._private", "names starting with '_' are not allowed"),
        ("budget.notes['__class__']", "keys starting with '_' are not allowed"),
        ("budget.notes | attr('__class__')", "the filter 'attr' is not allowed"),
        ("budget.notes | sort(attribute='__len__')", "arguments starting with '_' are not allowed"),
        ("budget.notes.format(1)", "calling functions or methods is not allowed"),
        ("'{0.__class__}'.format(budget.notes)", "calling functions or methods is not allowed"),
        ("budget.notes | format(1)", "the filter 'format' is not allowed"),
        ("range(10)", "calling functions or methods is not allowed"),
        ("cycler", "'cycler' alone is not allowed"),
        ("budget", "'budget' alone is not allowed: refer to an answer as section.question"),
        ("1 +", "invalid expression"),
        ("1 2", "unexpected '2' after the expression"),
        ("{{ budget.salary }}", "invalid expression"),
        ("budget.salary | nosuchfilter", "the filter 'nosuchfilter' is not allowed"),
    ],
)
def test_unsafe_or_invalid_expressions_do_not_compile(source: str, message: str) -> None:
    with pytest.raises(
        ExpressionSyntaxError, match=message.replace("(", r"\(").replace(")", r"\)")
    ):
        Expression(source)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("'a' * 10**9", "longer than 100,000 items"),
        ("[1] * 100001", "longer than 100,000 items"),
        ("(2 ** 1000) ** 1000", "too large"),
        ("10 ** (10 ** 8)", "too large"),
        ("'%s' % budget.notes", "formatting text with % is not allowed"),
        ("'%999999999d' % 1", "formatting text with % is not allowed"),
        ("2 ** 49999 * 2 ** 49999 * 4", "this number is too large to work out"),
        ("'a' * 60000 ~ 'a' * 60000", "longer than 100,000 items"),
        ("'x' ~ 'a' * 60000 ~ 'a' * 60000", "longer than 100,000 items"),
        ("'a' * 60000 + 'a' * 60000", "longer than 100,000 items"),
        ("[0] * 60000 + [0] * 60000", "longer than 100,000 items"),
        ("('a' * 1000) | list | join('b' * 1000)", "longer than 100,000 items"),
        ("([[0] * 1000] * 1000) | sum(start=[])", "longer than 100,000 items"),
    ],
)
def test_huge_values_are_refused_at_run_time(source: str, message: str) -> None:
    with pytest.raises(ExpressionRefused, match=message):
        Expression(source).evaluate(SCOPE)


def test_references_are_collected() -> None:
    expression = Expression("budget.salary * budget['overhead'] + goals.objectives")
    assert expression.references == {
        ("budget", "salary"),
        ("budget", "overhead"),
        ("goals", "objectives"),
    }
