"""Templates whose work grows without a visible limit: each is stopped in time, at its line.

Every operation is estimated before it runs (Python's C code cannot be stopped midway),
and a deadline is checked between operations: the template ends with a plain message
and exit code 2, within the harness's hang guard and memory limit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import refused
from .templates import quick_first, report_with

BIG = "{% set l = range(100000) | list %}{% set m = [l, l, l, l, l, l, l] %}"
"""A list of 100,000 numbers, and one holding it seven times: each small to build."""
TOO_LONG = "this would take too long to work out"

CASES = [
    # sum(start=[]) copies what it built so far at each item: 300,000² / 2 copies ran for minutes
    ("{% set l = [[1]] * 300000 %}{{ l | sum(start=[]) | length }}", TOO_LONG),
    ("{% set l = [['a', 'b']] * 100000 %}{{ l | sum(start=['x']) | length }}", TOO_LONG),
    ("{% set l = ['ab'] * 300000 %}{{ l | sum(start='') | length }}", TOO_LONG),
    ("{{ ([{'x': [1]}] * 100000) | sum(attribute='x', start=[]) | length }}", TOO_LONG),
    # comparisons go through lists item by item, inside Python
    (BIG + "{% set a = [m, m, m, m] %}{% set b = [m, m, m, m] %}{{ a == b }}", TOO_LONG),
    (BIG + "{% set a = [m, m, m, m, m, m, m, m] %}{{ [0] in a }}", TOO_LONG),
    (BIG + "{% set a = [m, m, m, m, m, m, m, m] %}{{ a < a }}", TOO_LONG),
    (BIG + "{% set a = [m, m, m, m, m, m, m, m] %}{{ a is eq(a) }}", TOO_LONG),
    # sorting and pretty-printing
    ("{{ ((range(100000) | map('string') | list) * 8) | sort | length }}", TOO_LONG),
    ("{{ (range(100000) | list) | pprint | length }}", TOO_LONG),
    ("{{ ((range(100000) | list) * 6) | groupby('real') | list | length }}", TOO_LONG),
    # text filters that go slowly through a long text, or letter by letter
    ("{{ ('word ' * 2000000) | wordcount }}", TOO_LONG),
    ("{{ ('a <b> ' * 2000000) | striptags | length }}", TOO_LONG),
    ("{{ ('a b ' * 3000000) | title | length }}", TOO_LONG),
    ("{{ ('x' * 10000000) | unique | list | length }}", "a list longer than 1,000,000 items"),
    ("{{ ('x' * 10000000) | sort | length }}", "a list longer than 1,000,000 items"),
    ("{{ ('x' * 10000000) | map('upper') | list | length }}", "a list longer than 1,000,000"),
    ("{{ ('a ' * 3000000).split() | length }}", "a list longer than 1,000,000 items"),
    ("{{ ('a,' * 3000000).split(',') | length }}", "a list longer than 1,000,000 items"),
    ("{{ ('a\\n' * 3000000).splitlines() | length }}", "a list longer than 1,000,000 items"),
    # what a value shows as text
    ("{% set s = 'x' * 10000000 %}{{ [s, s, s] | string | length }}", "longer than 20,000,000"),
    ("{% set s = 'x' * 10000000 %}{{ [s, s, s] | tojson | length }}", "longer than 20,000,000"),
    ("{% set s = 'x' * 10000000 %}{{ [s, s, s] | join | length }}", "longer than 20,000,000"),
    ("{% set s = 'x' * 10000000 %}{{ {'a': s, 'b': s, 'c': s} | xmlattr }}", "longer than 20,000"),
    ("{% set s = 'x' * 10000000 %}{{ [s, s, s] | e | length }}", "longer than 20,000,000"),
    ("{% set s = 'x' * 10000000 %}{{ ([s, s, s] | list) | length }}", "longer than 20,000,000"),
    ("{% set s = 'x' * 10000000 %}{{ [s, s, s] | reverse | list | length }}", "longer than"),
    ("{% set s = 'x' * 10000000 %}{{ cycler(s, s, s) }}", "longer than 20,000,000"),
    ("{% set s = 'x' * 10000000 %}{{ namespace(a=s, b=s, c=s) }}", "longer than 20,000,000"),
    ("{{ 'x' | center(10 ** 9) }}", "a width or precision of 1,000,000,000 is too large"),
    ("{{ ('x\\n' * 1000) | indent(10 ** 5) }}", "longer than 20,000,000"),
    ("{{ ('x' * 10 ** 7) | replace('x', 'yyy') }}", "longer than 20,000,000"),
    ("{{ ('x' * 10 ** 6) | wordwrap(1) }}", "wordwrap takes text of at most 100,000 characters"),
    # text kept in blocks and macros counts too
    (
        "{% set s %}{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}{% endset %}",
        "produced more than 40,000,000 characters",
    ),
    (
        "{% macro m() %}{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}{% endmacro %}"
        "{{ m() | length }}",
        "produced more than 40,000,000 characters",
    ),
    (
        "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}",
        "longer than 20,000,000",
    ),
    # numbers and ranges
    ("{{ 7 ** 1000000 }}", "this power is too large to work out"),
    ("{% for i in range(10 ** 9) %}{% endfor %}", "Range too big"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("source", "words"), CASES)
def test_a_template_that_would_work_too_long_is_stopped_at_its_line(
    tmp_path: Path, source: str, words: str
) -> None:
    outcome = report_with(tmp_path, f"# Report\n{source}\n")
    refused(outcome, "t.md.j2:2:", words)


@pytest.mark.parametrize(
    ("source", "words"),
    [CASES[0], CASES[4], CASES[9], CASES[17]],
    ids=["sum-start-list", "compare", "pprint", "split"],
)
def test_the_main_members_are_stopped_quickly(tmp_path: Path, source: str, words: str) -> None:
    outcome = report_with(tmp_path, f"# Report\n{source}\n")
    refused(outcome, "t.md.j2:2:", words)


@pytest.mark.parametrize(
    "source",
    quick_first(
        [
            "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}",
            "{% macro a() %}{{ b() }}{% endmacro %}{% macro b() %}{{ a() }}{% endmacro %}{{ a() }}",
            "{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}",
            "{% block b %}{{ self.b() }}{% endblock %}",
            "{% macro m() %}{{ caller() }}{% endmacro %}"
            "{% macro n() %}{% call m() %}{{ n() }}{% endcall %}{% endmacro %}{{ n() }}",
        ],
        1,
        ids=["macro", "two-macros", "recursive-loop", "self", "caller"],
    ),
)
def test_a_template_that_calls_itself_forever_is_named_so(tmp_path: Path, source: str) -> None:
    outcome = report_with(tmp_path, f"# Report\n{source}\n")
    refused(outcome, "t.md.j2:2:", "calls itself too deeply")


@pytest.mark.slow
def test_loops_that_write_nothing_stop_after_their_rounds(tmp_path: Path) -> None:
    source = "{% for i in range(100000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}"
    outcome = report_with(tmp_path, f"# Report\n{source}\n")
    refused(outcome, "t.md.j2:2:", "loops ran more than 10,000,000 rounds")


@pytest.mark.slow
def test_many_small_comparisons_stop_at_the_deadline(tmp_path: Path) -> None:
    """Each comparison is within its budget; together they pass the 60 seconds."""
    source = (
        "{% set a = range(100000) | list %}{% set b = range(100000) | list %}"
        "{% for i in range(100000) %}{% if a == b %}{% endif %}{% endfor %}"
    )
    outcome = report_with(tmp_path, f"# Report\n{source}\n")
    refused(outcome, "t.md.j2:2:", "ran for more than 60 seconds")
