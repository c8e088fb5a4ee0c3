"""Mistakes an expression's text shows are refused at load with file:line: a list's fields,
test names, the date filters' arguments."""

from __future__ import annotations

from pathlib import Path

import pytest

from outsource_cli import checklist_set
from outsource_cli.errors import ChecklistError

from ..helpers import Writer

LISTS = """\
id: x
title: X
questions:
  - id: l
    type: list
    prompt: KPIs?
    key: name
    fields:
      - {id: name, label: Name, type: text}
      - {id: target, label: Target, type: number}
      - {id: start, label: Start, type: date}
  - id: v
    type: list
    prompt: Values?
    for_each: x.l
    fields:
      - {id: value, label: Value, type: number}
  - id: n
    type: number
    prompt: N?
  - id: d
    type: date
    prompt: D?
computed:
  - id: c
    label: C
    expression: "EXPRESSION"
"""
FIELDS = "its fields are name, target, start"


def problems(write: Writer, tmp_path: Path, expression: str) -> list[str]:
    write("x/x.yaml", LISTS.replace("EXPRESSION", expression.replace('"', '\\"')))
    with pytest.raises(ChecklistError) as caught:
        checklist_set.load(folders=[tmp_path / "x"])
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("x.l[0].nme == 'A'", f"'nme' is not a field of 'x.l'; {FIELDS}"),
        ("x.l[0]['nme']", f"'nme' is not a field of 'x.l'; {FIELDS}"),
        ("(x.l | first).nme", f"'nme' is not a field of 'x.l'; {FIELDS}"),
        ("x.l | map(attribute='nofield') | list", f"'nofield' is not a field of 'x.l'; {FIELDS}"),
        ("x.l | rejectattr('nofield') | list", f"'nofield' is not a field of 'x.l'; {FIELDS}"),
        (
            "x.l | selectattr('targte', 'number') | list | length",
            f"'targte' is not a field of 'x.l'; {FIELDS}",
        ),
        ("x.l | sort(attribute='nofield') | list", f"'nofield' is not a field of 'x.l'; {FIELDS}"),
        ("x.l | sum(attribute='targets')", f"'targets' is not a field of 'x.l'; {FIELDS}"),
        (
            "x.v | map(attribute='name') | list",
            "'name' is not a field of 'x.v'; its fields are item, value",
        ),
    ],
)
def test_a_field_a_list_does_not_have_is_refused(
    write: Writer, tmp_path: Path, expression: str, message: str
) -> None:
    assert problems(write, tmp_path, expression) == [
        f"x/x.yaml:27:17: computed value 'c': {message}"
    ]


def test_a_list_questions_score_reads_the_fields_of_value(write: Writer, tmp_path: Path) -> None:
    write(
        "x/x.yaml",
        """\
        id: x
        title: X
        questions:
          - id: l
            type: list
            prompt: KPIs?
            fields:
              - {id: name, label: Name, type: text}
              - {id: target, label: Target, type: number}
            score: "value | selectattr('targte', 'number') | list | length"
          - id: n
            type: number
            prompt: N?
            when: "x.l[0].nme == 'A'"
        """,
    )
    with pytest.raises(ChecklistError) as caught:
        checklist_set.load(folders=[tmp_path / "x"])
    assert [str(problem) for problem in caught.value.problems] == [
        "x/x.yaml:10:12: question 'l': 'score': 'targte' is not a field of 'value'; its fields "
        "are name, target",
        "x/x.yaml:14:11: question 'n': 'when': 'nme' is not a field of 'x.l'; its fields are "
        "name, target",
    ]


@pytest.mark.parametrize(
    "expression",
    [
        "x.l | map(attribute='target') | sum",
        "x.l | selectattr('start', 'defined') | map(attribute='start') | list",
        "x.v | map(attribute='item') | join(', ')",
        "x.l[0].name ~ x.l[0]['target']",
        "x.n | default(0)",  # not a list: nothing to check
    ],
)
def test_the_fields_a_list_has_load(write: Writer, tmp_path: Path, expression: str) -> None:
    write("x/x.yaml", LISTS.replace("EXPRESSION", expression))
    checklist_set.load(folders=[tmp_path / "x"])


TESTS = (
    "boolean, callable, defined, divisibleby, eq, equalto, escaped, even, false, filter, float, "
    "ge, greaterthan, gt, in, integer, iterable, le, lessthan, lower, lt, mapping, ne, none, "
    "number, odd, sameas, sequence, string, test, true, undefined, upper"
)


@pytest.mark.parametrize(
    "expression",
    [
        "x.l | selectattr('name', 'undefined_test') | list",
        "x.n is undefined_test",
        "1 if x.n is undefined_test else 2",
        "x.l | map(attribute='target') | reject('undefined_test') | list",
    ],
)
def test_a_test_that_does_not_exist_is_refused(
    write: Writer, tmp_path: Path, expression: str
) -> None:
    assert problems(write, tmp_path, expression) == [
        f"x/x.yaml:27:17: computed value 'c': there is no test 'undefined_test'; use one of {TESTS}"
    ]


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        (
            "x.d | add_months(1, 2)",
            "add_months takes one number of months: write date | add_months(3)",
        ),
        ("x.d | add_months", "add_months takes one number of months: write date | add_months(3)"),
        ("x.d | add_days(weeks=1)", "add_days takes one number of days: write date | add_days(7)"),
        (
            "x.d | days_between",
            "days_between takes one date, the end: write start | days_between(end)",
        ),
        (
            "days_between(x.d, today)",
            "days_between is a filter, not a function: write start | days_between(end)",
        ),
        (
            "add_days(x.d, 3)",
            "add_days is a filter, not a function: write date | add_days(7)",
        ),
    ],
)
def test_a_date_filter_with_the_wrong_arguments_is_refused(
    write: Writer, tmp_path: Path, expression: str, message: str
) -> None:
    assert problems(write, tmp_path, expression) == [
        f"x/x.yaml:27:17: computed value 'c': {message}"
    ]


@pytest.mark.parametrize(
    "expression",
    ["x.d | add_months(3)", "x.d | add_days(days=7)", "x.d | days_between(end=today)"],
)
def test_date_filters_with_their_argument_load(
    write: Writer, tmp_path: Path, expression: str
) -> None:
    write("x/x.yaml", LISTS.replace("EXPRESSION", expression))
    checklist_set.load(folders=[tmp_path / "x"])
