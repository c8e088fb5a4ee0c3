"""Templates refused for what they are: each message names the real cause and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import refused
from .templates import quick_first, report_with

NESTS = "nests brackets, blocks, filters or operators more than 50 levels deep at line 2"


@pytest.mark.parametrize(
    "source",
    quick_first(
        [
            "{{ " + "(" * 300 + "1" + ")" * 300 + " }}",
            "{{ " + "[" * 300 + "]" * 300 + " }}",
            "{{ " + "{'a': " * 300 + "1" + "}" * 300 + " }}",
            "{{ 1" + " | abs" * 250 + " }}",
            "{{ 'a'" + " | upper" * 1000 + " }}",
            "{% if 1 %}" * 250 + "{% endif %}" * 250,
            "{% for x in [1] %}" * 300 + "{% endfor %}" * 300,
            "{% set x = " + "[" * 300 + "]" * 300 + " %}",
            "{% set x %}" * 100 + "{% endset %}" * 100,
            "{% macro m() %}" * 100 + "{% endmacro %}" * 100,
            "{{ 1" + " + 1" * 300 + " }}",
            "{{ x" + ".a" * 300 + " }}",
            "{{ " + "not " * 300 + "1 }}",
            "{{ " + "-" * 300 + "1 }}",
            "{% with %}" * 100 + "{% endwith %}" * 100,
            "{% filter upper %}" * 100 + "{% endfilter %}" * 100,
            "{{ " + "not " * 3000 + "1 }}",
            "{{ " + "- " * 3000 + "1 }}",
            "{{ 1" + " if 1 else 1" * 3000 + " }}",
            "{% raw %}{% endraw %}" * 100 + "{% if 1 %}" * 300 + "{% endif %}" * 300,
        ],
        3,
        ids=[
            "brackets",
            "lists",
            "mappings",
            "filters",
            "1000-filters",
            "ifs",
            "fors",
            "set",
            "set-blocks",
            "macros",
            "pluses",
            "dots",
            "nots",
            "minuses",
            "withs",
            "filter-blocks",
            "3000-nots",
            "3000-minuses",
            "3000-inline-ifs",
            "raw-blocks-then-ifs",
        ],
    ),
)
def test_deep_nesting_is_named_with_its_line(tmp_path: Path, source: str) -> None:
    outcome = report_with(tmp_path, f"# Report\n{source}\n")
    refused(outcome, "t.md.j2:2:", NESTS)
    assert "calls itself" not in outcome.output
    assert "parenthes" not in outcome.output


@pytest.mark.parametrize("loops", quick_first([21, 30, 45], 1))
def test_deeply_nested_loops_are_named_with_their_line(tmp_path: Path, loops: int) -> None:
    source = "{% for x in [1] %}" * loops + "{% endfor %}" * loops
    outcome = report_with(tmp_path, f"# Report\n{source}\n")
    refused(outcome, "t.md.j2:2:", "nests loops more than 20 levels deep at line 2")


@pytest.mark.parametrize(
    "source",
    quick_first(
        [
            "{% for x in [1] %}" * 20 + "{{ x }}" + "{% endfor %}" * 20,
            "{% if 1 %}" * 49 + "deep" + "{% endif %}" * 49,
            "{{ 1" + " < 2" * 300 + " }}",
            "{{ " + "(" * 49 + "'deep'" + ")" * 49 + " }}",
        ],
        1,
        ids=["20-loops", "49-ifs", "a-long-chain-of-comparisons", "49-brackets"],
    ),
)
def test_nesting_within_the_limits_still_works(tmp_path: Path, source: str) -> None:
    outcome = report_with(tmp_path, f"# Report\n{source}\n")
    assert outcome.code == 0, outcome
    assert "Report written" in outcome.output


@pytest.mark.parametrize(
    ("source", "line"),
    quick_first(
        [
            ("{% macro m() %}\n{{ m() }}\n{% endmacro %}\n{{ m() }}", 3),
            (
                "{% macro m(n) %}\n{% if n %}\n{{ m(n - 1) }}\n{% endif %}\n{% endmacro %}{{ m(5000) }}",
                4,
            ),
            ("{% for x in [1] recursive %}\n{{ loop([1]) }}{% endfor %}", 3),
        ],
        1,
    ),
)
def test_a_template_that_calls_itself_names_the_call(
    tmp_path: Path, source: str, line: int
) -> None:
    outcome = report_with(tmp_path, f"# Report\n{source}\n")
    refused(outcome, f"t.md.j2:{line}:", "calls itself too deeply")


@pytest.mark.slow
def test_a_value_nested_too_deeply_is_not_called_recursion(tmp_path: Path) -> None:
    source = (
        "{% set ns = namespace(x=[]) %}{% for i in range(100000) %}{% set ns.x = [ns.x] %}"
        "{% endfor %}\n{{ ns.x }}"
    )
    outcome = report_with(tmp_path, f"# Report\n{source}\n")
    refused(outcome, "t.md.j2:3:", "this value is nested too deeply to show or compare")
    assert "calls itself" not in outcome.output


@pytest.mark.parametrize(
    ("content", "words"),
    quick_first(
        [
            (b"# Report\n\xff\xfe broken\n", ["t.md.j2:2:", "is not UTF-8 text", "byte 0xff"]),
            ("# Café\n".encode("latin-1"), ["t.md.j2:1:", "is not UTF-8 text", "byte 0xe9"]),
            (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ["t.md.j2", "a binary file, not a template"]),
            (b"\x7fELF\x02\x01\x01\x00\x00\x00", ["t.md.j2", "a binary file, not a template"]),
            (b"", ["t.md.j2:1:", "the template is empty"]),
            (b"  \n\n\t\n", ["t.md.j2:1:", "the template is empty"]),
        ],
        2,
        ids=["not-utf8", "latin-1", "png", "elf", "empty", "blank"],
    ),
)
def test_a_template_that_is_not_one_is_named_for_what_it_is(
    tmp_path: Path, content: bytes, words: list[str]
) -> None:
    outcome = report_with(tmp_path, content)
    refused(outcome, *words)
    assert "PNG" not in outcome.output and "ELF" not in outcome.output


@pytest.mark.parametrize(
    ("source", "words"),
    quick_first(
        [
            ("{% if x %}\nno end", ["t.md.j2:3:", "Unexpected end of template"]),
            ("{{ overall.scor }}", ["t.md.j2:2:", "has no attribute 'scor'"]),
            ("{{ 1 +* 2 }}", ["t.md.j2:2:", "unexpected '*'"]),
            ("{% frobnicate %}", ["t.md.j2:2:", "Encountered unknown tag 'frobnicate'"]),
            ("ok\n{{ [1, 2] | nosuchfilter }}", ["t.md.j2:3:", "No filter named 'nosuchfilter'"]),
            ("{{ 1 // 0 }}", ["t.md.j2:2:", "by zero"]),
            ("{{ ('x' * 100000) | float(x) }}", ["t.md.j2:2:", "'x' is undefined"]),
            ("{{ 'a' ~ ('x' * 100000) | int(foo) }}", ["t.md.j2:2:", "'foo' is undefined"]),
            ("{{ ('x' * 100000) | filesizeformat }}", ["t.md.j2:2:", "could not convert"]),
        ]
    ),
)
def test_template_errors_name_the_file_and_line(
    tmp_path: Path, source: str, words: list[str]
) -> None:
    outcome = report_with(tmp_path, f"# Report\n{source}\n")
    refused(outcome, *words)
    assert len(outcome.output) < 1000, "a long value was quoted whole"
