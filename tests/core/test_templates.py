"""Custom report templates: rendering, errors, the sandbox, its folder and limits."""

from __future__ import annotations

import os
import time
import tracemalloc
from pathlib import Path

import pytest

from outsource_cli.errors import TemplateError
from outsource_cli.report.render import render_template
from outsource_cli.sandbox import templates
from outsource_cli.sandbox.template_files import autoescaped

from ..helpers import FIXTURES, Writer, run


def test_includes_inside_the_folder_work(write: Writer) -> None:
    write("mine/parts/footer.j2", "footer {{ overall.verdict }}")
    write("mine/parts/macros.j2", "{% macro shout(x) %}{{ x | upper }}{% endmacro %}")
    write(
        "mine/main.j2",
        "{% include 'parts/footer.j2' %}|{% import 'parts/macros.j2' as m %}{{ m.shout('hi') }}",
    )
    assert render_template(Path("mine/main.j2"), {"overall": {"verdict": "ready"}}) == (
        "footer ready|HI"
    )


@pytest.mark.parametrize(
    "source",
    [
        "{% include '../secret.txt' %}",
        "{% include '/etc/passwd' %}",
        "{% include 'parts/../../secret.txt' %}",
        "{% extends '../secret.txt' %}",
        "{% import '../secret.txt' as s %}",
        "{% include 'link.txt' %}",
        "{% include 'linked/secret.txt' %}",
    ],
)
def test_nothing_outside_the_template_folder_can_be_read(
    write: Writer, tmp_path: Path, source: str
) -> None:
    secret = write("secret.txt", "private")
    write("mine/parts/ok.j2", "ok")
    os.symlink(secret, tmp_path / "mine" / "link.txt")
    os.symlink(tmp_path, tmp_path / "mine" / "linked")
    write("mine/bad.j2", source)
    with pytest.raises(TemplateError) as caught:
        render_template(Path("mine/bad.j2"), {})
    assert "was not found next to bad.j2" in caught.value.message
    assert "private" not in caught.value.message
    assert caught.value.hint == "A template may include only templates in its own folder."


@pytest.mark.parametrize(
    ("name", "escapes"),
    [
        ("report.html.j2", True),
        ("page.html", True),
        ("page.HTM.jinja", True),
        ("feed.xml.j2", True),
        ("report.md.j2", False),
        ("summary.txt.j2", False),
        ("html.j2", False),
    ],
)
def test_templates_named_for_html_escape_user_text(name: str, escapes: bool) -> None:
    assert autoescaped(name) is escapes


def test_a_dot_finds_the_data_even_where_a_dict_has_a_method_of_that_name(
    write: Writer,
) -> None:
    data = {"computed": {"values": {"total": {"value_text": "12,000 USD"}}, "items": {}}}
    write(
        "mine/report.md.j2", "{{ computed.values.total.value_text }} {{ computed.keys() | list }}"
    )
    assert render_template(Path("mine/report.md.j2"), data) == "12,000 USD ['values', 'items']"


def test_a_custom_html_template_escapes_and_a_markdown_one_does_not(write: Writer) -> None:
    data = {"business": "<b>Hill</b> & Co"}
    write("mine/page.html.j2", "{{ business }}")
    write("mine/page.txt.j2", "{{ business }}")
    assert render_template(Path("mine/page.html.j2"), data) == "&lt;b&gt;Hill&lt;/b&gt; &amp; Co"
    assert render_template(Path("mine/page.txt.j2"), data) == "<b>Hill</b> & Co"


# --- limits: a shared template can neither fill the memory or the disk nor run forever ---

RUNAWAY = (
    "{% for i in range(100000) %}{% for j in range(100) %}{{ 'x' * 1000 }}{% endfor %}{% endfor %}"
)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{{ 'a' * 10**9 }}", "this would build text longer than 20,000,000 characters"),
        ("{{ 10**9 * 'a' }}", "this would build text longer than 20,000,000 characters"),
        ("{{ [0] * 10**7 }}", "this would build a list longer than 1,000,000 items"),
        ("{{ (range(100000)|list) * 100 }}", "this would build a list longer than 1,000,000 items"),
        ("{{ 10 ** (10 ** 8) }}", "this power is too large to work out"),
        ("{{ '%0999999999d' % 1 }}", "a width or precision of 999,999,999 is too large"),
        ("{{ '%.999999999f' % 1.5 }}", "a width or precision of 999,999,999 is too large"),
        ("{{ '%*d' % (999999999, 1) }}", "'*' widths are not allowed in % formats"),
        ("{{ '%0999999999d' | format(1) }}", "a width or precision of 999,999,999 is too large"),
        ("{{ '{:>999999999}'.format(1) }}", "a width or precision of 999,999,999 is too large"),
        ("{{ '{x:>999999999}'.format_map({'x': 1}) }}", "a width or precision of 999,999,999"),
        ("{{ '{:>{w}}'.format(1, w=999999999) }}", "a format field may not take its width"),
        ("{{ 'a'.ljust(999999999) }}", "a width or precision of 999,999,999 is too large"),
        ("{{ 'a'.zfill(999999999) }}", "a width or precision of 999,999,999 is too large"),
        ("{{ 'a' | center(999999999) }}", "a width or precision of 999,999,999 is too large"),
        ("{{ ('\t' * 100000).expandtabs(100000) }}", "this would build text longer than"),
        ("{{ ('a\\n' * 100000) | indent(100000) }}", "this would build text longer than"),
        ("{{ ('a' * 100000) | replace('a', 'a' * 100000) }}", "this would build text longer than"),
        ("{{ ('a' * 100000).replace('a', 'a' * 100000) }}", "this would build text longer than"),
        ("{{ ('a' * 100000).translate({97: 'a' * 100000}) }}", "this would build text longer than"),
        ("{{ (['a' * 1000] * 100) | join('b' * 1000000) }}", "this would build text longer than"),
        ("{{ ('b' * 1000000).join(['a' * 1000] * 100) }}", "this would build text longer than"),
        (
            "{{ ('b' * 1000000).join((['a'] * 100) | map('upper')) }}",
            "this would build text longer than",
        ),
        (
            "{{ ['a' * 100000] * 1000 }}",
            "this would build a list longer than 20,000,000 characters",
        ),
        (
            "{{ [[['a' * 100000] * 10] * 10] * 10 }}",
            "this would build a list longer than 20,000,000",
        ),
        ("{% set s = 'a' * 10**7 %}{{ [s, s, s] }}", "this value would be longer than 20,000,000"),
        (
            "{% set s = 'a' * 10**7 %}{{ [s] + [s, s] }}",
            "this value would be longer than 20,000,000",
        ),
        ("{% set s = 'a' * 10**7 %}{{ [s, s, s] | upper }}", "this value would be longer than"),
        (
            "{% set s = 'a' * 10**7 %}{{ {1: s, 2: s, 3: s} | tojson }}",
            "this value would be longer",
        ),
        ("{% set s = 'a' * 10**7 %}{{ '%s' % [[s, s, s]] }}", "this value would be longer than"),
        ("{% set s = 'a' * 10**7 %}{{ '{}'.format([s, s, s]) }}", "this value would be longer"),
        ("{% set s = 'a' * 10**7 %}{{ '' ~ [s, s, s] }}", "this would build text longer than"),
        ("{% set s = 'a' * 10**7 %}{{ s ~ s ~ s }}", "this would build text longer than"),
        ("{% set s = 'a' * 10**7 %}{{ s + s + s }}", "this would build text longer than"),
        (
            "{% set ns = namespace(s='a') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}"
            "{% endfor %}",
            "this would build text longer than",
        ),
        ("{{ [1] | batch(10**9, 0) | list }}", "this would build a list longer than 1,000,000"),
        ("{{ [1] | slice(10**9) | list }}", "this would build a list longer than 1,000,000"),
        ("{{ ('a' * 10**7) | list }}", "this would build a list longer than 1,000,000 items"),
        ("{{ ('x' * 200000) | wordwrap(1) }}", "wordwrap takes text of at most 100,000 characters"),
        ("{{ ('x ' * 100000) | urlize }}", "urlize takes text of at most 100,000 characters"),
        (
            "{% set ns = namespace(x=3) %}{% for i in range(40) %}{% set ns.x = ns.x * ns.x %}"
            "{% endfor %}",
            "this number is too large to work out",
        ),
        ("{{ lipsum(10**9) }}", "'lipsum' is undefined"),
        ("{{ 'abc' | truncate(1, end='x' * 10) }}", "expected length >= 10, got 1"),
        ("{{ range(10**9) | list }}", "Range too big."),
        ("{{ range(10**9) | join }}", "Range too big."),
        ("{% set l = [] %}{% for i in range(64) %}{{ l.extend(l) }}{% endfor %}", "access to"),
        (
            "{% set s %}" + RUNAWAY + "{% endset %}{{ s | length }}",
            "the template produced more than 40,000,000 characters of text",
        ),
        (
            "{% macro m() %}" + RUNAWAY + "{% endmacro %}{{ m() | length }}",
            "the template produced more than 40,000,000 characters of text",
        ),
    ],
)
def test_a_template_that_asks_for_too_much_is_stopped_at_its_line(
    write: Writer, source: str, message: str
) -> None:
    write("mine/big.md.j2", f"# Report\n{source}\n")
    with pytest.raises(TemplateError) as caught:
        render_template(Path("mine/big.md.j2"), {})
    assert caught.value.message.startswith(f"mine/big.md.j2:2: {message}"), caught.value.message


@pytest.mark.parametrize(
    "source",
    [
        "{% macro m() %}\n{{ m() }}{% endmacro %}{{ m() }}",
        "{% for x in range(3) recursive %}\n{{ loop(range(3)) }}{% endfor %}",
        "{% macro a() %}\n{{ b() }}{% endmacro %}{% macro b() %}{{ a() }}{% endmacro %}{{ a() }}",
    ],
)
def test_a_template_that_calls_itself_forever_is_stopped_at_the_call(
    write: Writer, source: str
) -> None:
    write("mine/loop.md.j2", source)
    with pytest.raises(TemplateError) as caught:
        render_template(Path("mine/loop.md.j2"), {})
    assert caught.value.lines() == [
        "mine/loop.md.j2:2: the template calls itself too deeply (a macro or a recursive loop "
        "that never stops)",
        "Check its macros and recursive loops.",
    ]


def test_loops_that_write_nothing_are_stopped_after_their_rounds(
    write: Writer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 10,000,000 takes long under coverage
    monkeypatch.setattr(templates, "MAX_LOOP_STEPS", 100_000)
    write(
        "mine/idle.md.j2",
        "{% for i in range(1000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}",
    )
    with pytest.raises(TemplateError) as caught:
        render_template(Path("mine/idle.md.j2"), {})
    assert caught.value.message == (
        "mine/idle.md.j2:1: the template's loops ran more than 100,000 rounds and were stopped"
    )


def test_a_template_that_runs_too_long_is_stopped(
    write: Writer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(templates, "MAX_RENDER_SECONDS", 0.2)
    write(
        "mine/slow.md.j2",
        "{% for i in range(100000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}",
    )
    with pytest.raises(
        TemplateError, match=r"^mine/slow.md.j2:1: the template ran for more than 0.2 seconds"
    ):
        render_template(Path("mine/slow.md.j2"), {})


def test_each_render_has_its_own_loop_budget(
    write: Writer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(templates, "MAX_LOOP_STEPS", 100_000)
    write("mine/rounds.md.j2", "{% for i in range(60000) %}{% endfor %}done")
    path = Path("mine/rounds.md.j2")
    assert [render_template(path, {}), render_template(path, {})] == ["done", "done"]


def test_each_render_measures_its_own_data(write: Writer) -> None:
    """A report list too long to show is refused, and the next render's short one is not."""
    write("mine/count.md.j2", "{{ items | length }}")
    path = Path("mine/count.md.j2")
    huge = {"items": ["x" * 1000] * 30_000}  # 30,000,000 characters as text
    outcomes = []
    for data in (huge, {"items": ["x"] * 3}, huge):
        try:
            outcomes.append(render_template(path, data))
        except TemplateError as error:
            outcomes.append(error.message)
    refused = "mine/count.md.j2:1: this value would be longer than 20,000,000 characters as text"
    assert outcomes == [refused, "3", refused]


def test_the_output_cap_stops_a_template_as_it_writes(write: Writer) -> None:
    """The cap is checked piece by piece: memory stays near the cap, far below what was asked."""
    write("mine/big.md.j2", RUNAWAY)  # 10,000,000,000 characters if it ran to the end
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(TemplateError) as caught:
            render_template(Path("mine/big.md.j2"), {})
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert caught.value.lines() == [
        "mine/big.md.j2: the template wrote more than 20,000,000 characters and was stopped",
        "Check its loops.",
    ]
    assert peak < 200_000_000
    assert time.monotonic() - started < 30


def test_reasonable_sizes_still_work(write: Writer) -> None:
    write(
        "mine/ok.md.j2",
        "{{ '-' * 10 }}|{{ '%5.1f' % 2.25 }}|{{ '%-4s' | format('ab') }}|{{ '{:>4}'.format(7) }}"
        "|{{ 'ab' | center(6) }}|{{ 'x' ~ 'y' ~ 1 }}|{{ range(5) | join(',') }}|{{ 2 ** 10 }}"
        "|{{ [1, 2] + [3] }}|{{ 'a b c' | replace(' ', '--') }}|{{ 'a'.ljust(3) }}.",
    )
    assert render_template(Path("mine/ok.md.j2"), {}) == (
        "----------|  2.2|ab  |   7|  ab  |xy1|0,1,2,3,4|1024|[1, 2, 3]|a--b--c|a  ."
    )


def test_a_runaway_custom_template_fails_the_report_command_and_writes_nothing(
    write: Writer, answers: Path
) -> None:
    write("mine/big.md.j2", RUNAWAY)
    Path("answers-report.md").write_text("earlier report", encoding="utf-8")
    result = run("report", "answers.yaml", "--template", "mine/big.md.j2", *FIXTURES)
    assert result.exit_code == 2
    assert result.output == (
        "Error: mine/big.md.j2: the template wrote more than 20,000,000 characters and was "
        "stopped\nCheck its loops.\n"
    )
    assert Path("answers-report.md").read_text(encoding="utf-8") == "earlier report"


@pytest.mark.usefixtures("answers")
def test_a_template_asking_for_a_huge_value_fails_the_report_command_at_its_line(
    write: Writer,
) -> None:
    write("mine/big.md.j2", "# {{ business }}\n{{ business * 10**9 }}\n")
    result = run("report", "answers.yaml", "--template", "mine/big.md.j2", *FIXTURES)
    assert result.exit_code == 2
    assert result.output.startswith(
        "Error: mine/big.md.j2:2: this would build text longer than 20,000,000 characters"
    )
    assert "Traceback" not in result.output


def test_loops_keep_every_feature_under_the_loop_budget(write: Writer) -> None:
    write(
        "mine/loops.md.j2",
        "{% for x in items %}{{ loop.index }}/{{ loop.length }}/{{ loop.revindex }}"
        "{{ ',' if not loop.last }}{% endfor %}|{% for x in [] %}x{% else %}none{% endfor %}"
        "|{% for a, b in pairs %}{{ a }}{{ b }}{% endfor %}|{% for x in items if x > 1 %}{{ x }}"
        "{% endfor %}|{% for x in items %}{{ loop.cycle('a', 'b') }}{{ loop.nextitem if not "
        "loop.last }}{% endfor %}|{% for t in tree recursive %}{{ t.n }}{% if t.c %}"
        "({{ loop(t.c) }}){% endif %}{% endfor %}",
    )
    data = {
        "items": [1, 2, 3],
        "pairs": [(1, 2), (3, 4)],
        "tree": [{"n": 1, "c": [{"n": 2, "c": []}]}],
    }
    assert (
        render_template(Path("mine/loops.md.j2"), data)
        == "1/3/3,2/3/2,3/3/1|none|1234|23|a2b3a|1(2)"
    )


# --- each operation estimated before it runs; nesting checked before compiling ---


def test_comparisons_keep_their_meaning_through_the_checks(write: Writer) -> None:
    write(
        "mine/cmp.md.j2",
        "{{ 1 < 2 < 3 }} {{ 3 > 2 > 2 }} {{ 1 in [1] }} {{ 1 not in [1] }} {{ 2 == 2 != 3 }}"
        " {{ 'b' in 'abc' }} {{ [1, [2]] < [1, [3]] }} {{ 2.0 in range(3) }}"
        " {{ 5 is in([5]) }} {{ 3 is lt(4) }} {% for x in items if x >= 2 %}{{ x }}{% endfor %}",
    )
    assert render_template(Path("mine/cmp.md.j2"), {"items": [1, 2, 3]}) == (
        "True False True False True True True True True True 23"
    )


def test_sum_with_a_list_start_works_for_sizes_a_report_has(write: Writer) -> None:
    write("mine/sum.md.j2", "{{ ([[1, 2]] * 2000) | sum(start=[]) | length }}")
    assert render_template(Path("mine/sum.md.j2"), {}) == "4000"


@pytest.mark.parametrize(
    "source",
    [
        "{{ ([[1]] * 300000) | sum(start=[]) | length }}",
        "{{ (['ab'] * 300000) | sum(start='') | length }}",
        "{{ ((range(100000) | map('string') | list) * 8) | sort | length }}",
        "{{ (range(100000) | list) | pprint | length }}",
        "{{ ('a b ' * 3000000) | title | length }}",
    ],
)
def test_an_operation_that_would_run_too_long_is_refused_before_it_starts(
    write: Writer, source: str
) -> None:
    write("mine/slow.md.j2", f"# Report\n{source}\n")
    started = time.monotonic()
    with pytest.raises(TemplateError) as caught:
        render_template(Path("mine/slow.md.j2"), {})
    assert caught.value.message.startswith(
        "mine/slow.md.j2:2: this would take too long to work out (more than 100,000,000 steps"
    ), caught.value.message
    assert time.monotonic() - started < 20


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "{{ " + "(" * 60 + "1" + ")" * 60 + " }}",
            "the template nests brackets, blocks, filters or operators more than 50 levels deep "
            "at line 2; a report never needs that many: put the inner part in a variable "
            "({% set %}) or a macro",
        ),
        ("{{ 1" + " | abs" * 60 + " }}", "the template nests brackets, blocks, filters or"),
        (
            "{% for x in [1] %}" * 21 + "{% endfor %}" * 21,
            "the template nests loops more than 20 levels deep at line 2; a report never needs "
            "that many: put the inner loops in a macro",
        ),
        ("{{ 1e400 }}", "this number is too large for a template (at most 1.8e+308)"),
    ],
)
def test_nesting_and_numbers_are_checked_before_compiling(
    write: Writer, source: str, message: str
) -> None:
    write("mine/deep.md.j2", f"# Report\n{source}\n")
    with pytest.raises(TemplateError) as caught:
        render_template(Path("mine/deep.md.j2"), {})
    assert caught.value.message.startswith(f"mine/deep.md.j2:2: {message}"), caught.value.message


@pytest.mark.parametrize("limits", [True, False])
def test_texts_that_are_not_finite_numbers_render(write: Writer, limits: bool) -> None:
    """Without the limits (outsource's own templates), NaN renders as Python writes it;
    a `--template` reads 'nan' as not a number, giving the default."""
    write("mine/nan.md.j2", "{% set x = 'nan' | float %}{{ x }} {{ ['-inf' | float] }}")
    expected = "0.0 [0.0]" if limits else "nan [-inf]"
    assert render_template(Path("mine/nan.md.j2"), {}, limits=limits) == expected


def test_an_empty_template_is_refused(write: Writer) -> None:
    write("mine/empty.md.j2", "\n\n")
    write("mine/uses.md.j2", "a{% include 'empty.md.j2' %}b")
    with pytest.raises(TemplateError) as caught:
        render_template(Path("mine/empty.md.j2"), {})
    assert caught.value.message.startswith(
        "mine/empty.md.j2:1: the template is empty, so the report would be empty"
    )
    assert render_template(Path("mine/uses.md.j2"), {}) == "ab"  # an empty include is fine


def test_an_error_in_an_included_template_names_that_file(write: Writer) -> None:
    write("mine/parts/footer.j2", "ok\n\n{{ 1" + " | abs" * 60 + " }}")
    write("mine/main.md.j2", "# Report\n{% include 'parts/footer.j2' %}")
    with pytest.raises(TemplateError) as caught:
        render_template(Path("mine/main.md.j2"), {})
    assert caught.value.message.startswith(
        "mine/parts/footer.j2:3: the template nests brackets, blocks, filters or operators"
    ), caught.value.message
