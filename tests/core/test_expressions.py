"""Expressions run in a sandbox: nothing unsafe compiles, unknown inputs give unknown results."""

from __future__ import annotations

import json
import pickle
import re
from datetime import date

import pytest

from outsource_cli import dates
from outsource_cli.expressions import (
    Expression,
    ExpressionRefused,
    ExpressionSyntaxError,
    Namespace,
)

from ..helpers import SHOP_ANSWERS, SHOP_LINES, Writer, run, shop_checklist

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
        ExpressionSyntaxError,
        match="'value' can be used only in the score of a number, date or list question",
    ):
        Expression("value * 2")


def test_today_is_the_run_s_date_in_every_expression() -> None:
    dates.set_today(date(2026, 12, 2))
    assert Expression("today").evaluate(SCOPE).value == "2026-12-02"
    assert Expression("today | add_days(30)").evaluate(SCOPE).value == "2027-01-01"
    score = Expression("1 if value >= today else 0", allow_value=True)
    assert score.evaluate(SCOPE, "2026-12-02").value == 1
    assert Expression("today").references == frozenset()


def test_today_is_read_when_an_expression_runs_never_when_it_is_compiled_or_stored() -> None:
    """The checklist cache stores compiled expressions: a stored one still reads today."""
    dates.set_today(date(2026, 12, 2))
    stored = pickle.dumps(Expression("today | days_between('2026-12-25')"))
    dates.set_today(date(2026, 12, 20))
    assert pickle.loads(stored).evaluate(SCOPE).value == 5


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


# --- work bounded before it is done -----------------------------------------------------

MANY = "([[0] * 1000] * 100000)"
"""Within every size limit, but 10**8 values to go through."""


@pytest.mark.parametrize(
    "source",
    [
        f"[[0] * 1000] in {MANY}",
        f"[0] not in {MANY}",
        f"{MANY} == {MANY}",
        f"{MANY} != [1]",
        f"{MANY} >= {MANY}",
        f"0 < 1 < {MANY}",
        f"{MANY} is in [{MANY}]",
        f"{MANY} is eq {MANY}",
        f"{MANY} | sort",
        "(['word' * 100] * 100000) | sort",
        "(['word' * 100] * 100000) | unique",
        f"{MANY} | min",
        f"{MANY} | max",
        f"{MANY} | list",
        "(['word' * 100] * 100000) | join",
        "([[0]] * 100000) | sum(start=[])",
        "(['a'] * 100000) | sum(start='')",
        f"budget.salary in {MANY}",
        f"{{'a': 1}}[{MANY}]",
    ],
)
def test_work_too_long_to_do_is_refused_before_it_starts(source: str) -> None:
    with pytest.raises(ExpressionRefused, match="this would take too long to work out"):
        Expression(source).evaluate(SCOPE)


@pytest.mark.parametrize(
    "source",
    [f"{MANY} | string", f"{MANY} | lower", f"{MANY} | upper", f"{MANY} | trim", f"{MANY} ~ ''"],
)
def test_text_too_long_to_write_is_refused_before_it_is_written(source: str) -> None:
    with pytest.raises(ExpressionRefused, match="longer than 100,000 items"):
        Expression(source).evaluate(SCOPE)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("budget.salary | round(-1000000000)", "round takes at most 100 decimals"),
        ("budget.salary | round(precision=1000)", "round takes at most 100 decimals"),
        (f"[{MANY}] * 2", "the result holds more than 100,000 values"),
    ],
)
def test_other_unbounded_work_is_refused(source: str, message: str) -> None:
    with pytest.raises(ExpressionRefused, match=message):
        Expression(source).evaluate(SCOPE)


def test_an_evaluation_past_its_deadline_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    from outsource_cli.sandbox import costs

    monkeypatch.setattr(costs, "MAX_EVALUATION_SECONDS", -1.0)
    with pytest.raises(ExpressionRefused, match="ran for more than -1 second and was stopped"):
        Expression("budget.salary + 1").evaluate(SCOPE)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("goals.protections[1:]", ["ip"]),
        ("goals.protections[::-1]", ["ip", "nda"]),
        ("1 < budget.items < 5", True),
        ("1 < budget.items > 5", False),
        ("'nda' in goals.protections and 'x' not in goals.protections", True),
        ("budget.notes is in ['plain']", True),
        ("[budget.items, 1, 1] | unique", [3, 1]),
        ("(budget.items, 2)", [3, 2]),
        ("{'a': (1, 2)}", {"a": [1, 2]}),
        ("[budget.notes.nothing]", [None]),
        ("-budget.items", -3),
        ("budget.salary * 2 * 10**10 // 10**10", 100000),
    ],
)
def test_checked_operations_give_what_python_gives(source: str, expected: object) -> None:
    outcome = Expression(source).evaluate(SCOPE)
    assert (outcome.value, outcome.problem) == (expected, None)
    assert type(outcome.value) is type(expected)


# --- results in the numeric domain, as plain data ------------------------------------


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("'nan' | float", "the result is not a number (NaN)"),
        ("'inf' | float", "the result is too large to use (infinite)"),
        ("budget.salary ** 400", "the result is too large to use (about 1,880 digits)"),
        ("budget.salary * 10 ** 11", "too large to use (5,000,000,000,000,000)"),
        ("-budget.salary * 10.0 ** 11", "too large to use (-5e+15)"),
        ("budget.salary * 10.0 ** 300 * 10.0 ** 300", "infinite"),
        ("(-1) ** 0.5", "a complex number"),
        ("[1, budget.salary ** 400]", "too large to use"),
        ("{1: 2}", "a mapping whose keys are not all text"),
        ("budget.notes.upper", "not a value outsource can use"),
    ],
)
def test_a_result_outside_the_domain_is_not_known_and_says_why(source: str, words: str) -> None:
    outcome = Expression(source).evaluate(SCOPE)
    assert (outcome.value, outcome.unusable) == (None, True)
    assert outcome.problem is not None and words in outcome.problem


def test_numbers_at_the_limit_are_results() -> None:
    assert Expression("budget.salary * 2 * 10 ** 10").evaluate(SCOPE).value == 10**15
    assert Expression("-(budget.salary * 2 * 10.0 ** 10)").evaluate(SCOPE).value == -1e15


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("1e400", "the number written in it is too large to use (infinite)"),
        ("1" + "0" * 320, "about 321 digits"),
        ("budget.salary * 1e16", "too large to use (1e+16)"),
        ("budget.salary + 1000000000000001", "too large to use (1,000,000,000,000,001)"),
    ],
)
def test_a_number_written_outside_the_domain_does_not_compile(source: str, words: str) -> None:
    with pytest.raises(ExpressionSyntaxError, match=re.escape(words)):
        Expression(source)


def test_a_whole_number_too_long_to_write_as_text_is_explained() -> None:
    outcome = Expression("(2 ** 20000) | string").evaluate(SCOPE)
    assert outcome.problem == "a whole number of more than 4,300 digits cannot be written as text"


# --- nesting, refused with its real cause ---------------------------------------------

NESTED = {
    "brackets": lambda n: "(" * n + "1" + ")" * n,
    "lists": lambda n: "[" * n + "1" + "]" * n,
    "mappings": lambda n: "{'a': " * n + "1" + "}" * n,
    "filters": lambda n: "1" + " | round(1)" * n,
    "sum": lambda n: "1" + " + 1" * n,
    "if-else": lambda n: "1 if budget.items else " * n + "0",
    "not": lambda n: "not " * n + "1",
    "minus": lambda n: "- " * n + "1",
    "items": lambda n: "[1]" + "[0:1]" * n,
    "comparisons": lambda n: "(" * n + "1" + " < 2)" * n,
    "memberships": lambda n: "([" * n + "1" + "] in [[1]])" * n,
}


@pytest.mark.parametrize("shape", NESTED)
@pytest.mark.parametrize("levels", [60, 250])
def test_an_expression_nested_too_deeply_says_so(shape: str, levels: int) -> None:
    with pytest.raises(ExpressionSyntaxError) as caught:
        Expression(NESTED[shape](levels))
    assert str(caught.value) == (
        "the expression nests more than 50 levels (brackets, filters or operators); "
        "split it into computed values"
    )


@pytest.mark.parametrize("shape", NESTED)
def test_an_expression_nested_within_the_limit_runs(shape: str) -> None:
    levels = 20 if shape == "memberships" else 45
    outcome = Expression(NESTED[shape](levels)).evaluate(SCOPE)
    assert outcome.problem is None


# --- through the report: where each outcome ends up -----------------------------------


@pytest.mark.parametrize(
    ("place", "expression", "message"),
    [
        ("score", "value ** 400", "the score cannot be used: the result is too large to use"),
        ("when", f"[0] in {MANY}", "the expression was refused: this would take too long"),
        ("computed", f"{MANY} | string", "the expression was refused: this would build"),
    ],
)
def test_the_report_stops_at_the_expression_s_line(
    write: Writer, place: str, expression: str, message: str
) -> None:
    write("lists/shop.yaml", shop_checklist(**{place: expression}))
    write("answers.yaml", SHOP_ANSWERS)
    result = run("report", "answers.yaml", "--checklists", "lists", "-o", "-")
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"Error: lists/shop.yaml:{SHOP_LINES[place]}:")
    assert message in result.output


def test_a_computed_value_outside_the_domain_is_null_in_the_json_report(write: Writer) -> None:
    write("lists/shop.yaml", shop_checklist(computed="'nan' | float"))
    write("answers.yaml", SHOP_ANSWERS)
    result = run("report", "answers.yaml", "--checklists", "lists", "-f", "json", "-o", "-")
    assert result.exit_code == 0, result.output
    assert "NaN" not in result.stdout.replace("(NaN)", "")
    [section] = [s for s in json.loads(result.stdout)["sections"] if s["id"] == "shop"]
    [total] = section["computed"]
    assert total["value"] is None
    assert total["problem"].startswith("the result is not a number (NaN)")


MIXED = {"x": Namespace(d="2026-01-01", n=3, t="abc", l=[Namespace(a=1)])}
DATE_ARITHMETIC = (
    "a date cannot be used in arithmetic: use add_days or add_months to move it, and "
    "days_between to count the days between two dates"
)


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("x.d > 5", "a date cannot be compared with a number"),
        ("x.t < 5", "a text cannot be compared with a number"),
        ("x.n | length", "length needs a list or a text, not a number"),
        ("x.n | join(', ')", "join needs a list or a text, not a number"),
        ("x.t | round", "round needs a number, not a text"),
        ("today - 1", DATE_ARITHMETIC),
        ("x.d + 7", DATE_ARITHMETIC),
        ("x.t + 1", "a text and a number cannot be added"),
        ("-x.t", "a text cannot be given a sign ('-')"),
        ("5 in x.n", "'in' needs a list or a text after it, not a number"),
        ("x.n in x.t", "to look inside a text with 'in', put a text before it, not a number"),
        ("x.l | sum(attribute='a') + x.t", "a number and a text cannot be added"),
        (
            "x.n.foo + 1",
            "it reads something that is not there, such as a field an answer does not have "
            "or an item past the end of a list",
        ),
        ("x.d | add_days('a')", "add_days needs a whole number of days, not the text 'a'"),
    ],
)
def test_values_that_do_not_fit_are_explained_in_plain_words(source: str, problem: str) -> None:
    outcome = Expression(source).evaluate(MIXED)
    assert (outcome.value, outcome.problem) == (None, problem)
