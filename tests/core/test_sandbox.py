"""Published Jinja2 sandbox escapes fail wherever user text reaches Jinja2; user text stays text.

User text reaches Jinja2 in four places: checklist expressions (`when`, `score`,
`computed`), custom report templates (`--template`), and, as plain data only, answers,
notes, the business name and checklist wording shown by the built-in templates.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import escape

from outsource_cli import checklist_set
from outsource_cli.errors import ChecklistError, TemplateError
from outsource_cli.report.render import render_template
from outsource_cli.report.text import markdown_text
from outsource_cli.sandbox.costs import work_of

from ..helpers import SHOP_ANSWERS, SHOP_LINES, Writer, run, shop_checklist

GLOBALS = "{0.__class__.__init__.__globals__}"
"""The format string of CVE-2016-10745: attribute lookups inside str.format reach globals."""

TEMPLATE_ESCAPES = [
    pytest.param(f"{{{{ '{GLOBALS}'.format(overall) }}}}", id="CVE-2016-10745-str-format"),
    pytest.param(
        "{{ '{x.__class__.__init__.__globals__}'.format_map({'x': overall}) }}",
        id="CVE-2019-10906-format-map",
    ),
    pytest.param(
        f"{{% set f = '{GLOBALS}'.format %}}{{{{ f(overall) }}}}",
        id="CVE-2024-56326-stored-format",
    ),
    pytest.param(
        f"{{% set ns = namespace(f='{GLOBALS}'.format) %}}{{{{ ns.f(overall) }}}}",
        id="CVE-2024-56326-format-in-namespace",
    ),
    pytest.param(
        f"{{% set f = '{GLOBALS}'.format %}}{{{{ [overall] | map('string') | map(f) | list }}}}",
        id="CVE-2024-56326-format-passed-to-filter",
    ),
    pytest.param(
        f"{{{{ ('{GLOBALS}' | attr('format'))(overall) }}}}", id="CVE-2025-27516-attr-format"
    ),
    pytest.param(
        f"{{% set f = '{GLOBALS}' | attr('format') %}}{{{{ f(overall) }}}}",
        id="CVE-2025-27516-stored-attr-format",
    ),
    pytest.param(
        "{{ ('{x.__class__}' | attr('format_map'))({'x': overall}) }}",
        id="CVE-2025-27516-attr-format-map",
    ),
    pytest.param("{{ overall | attr('__class__') }}", id="attr-dunder"),
    pytest.param("{{ overall.__class__.__mro__ }}", id="dunder-attribute"),
    pytest.param("{{ overall['__class__'] }}", id="dunder-item"),
    pytest.param("{{ ''.__class__.__mro__[1].__subclasses__() }}", id="subclasses"),
    pytest.param("{{ (overall.items | attr('__self__')) }}", id="method-self"),
    pytest.param("{{ cycler.__init__.__globals__ }}", id="cycler-globals"),
    pytest.param("{{ joiner.__init__.__globals__ }}", id="joiner-globals"),
    pytest.param("{{ namespace.__init__.__globals__ }}", id="namespace-globals"),
    pytest.param("{{ lipsum.__globals__ }}", id="lipsum-globals"),
    pytest.param("{{ self.__init__.__globals__ }}", id="self-globals"),
    pytest.param("{{ self._TemplateReference__context }}", id="template-context"),
    pytest.param("{{ range.__self__ }}", id="builtins-module"),
]


# --- custom templates ---


@pytest.mark.parametrize("source", TEMPLATE_ESCAPES)
def test_a_template_cannot_escape_the_sandbox(write: Writer, source: str) -> None:
    write("mine/escape.md.j2", f"# Report\n{source}\n")
    with pytest.raises(TemplateError) as caught:
        render_template(Path("mine/escape.md.j2"), {"overall": {"verdict": "ready"}})
    message = caught.value.message
    assert message.startswith("mine/escape.md.j2:2: "), message
    assert not any(leak in message for leak in ("<module", "<class", "__builtins__", "os."))


@pytest.mark.parametrize("source", TEMPLATE_ESCAPES)
def test_the_report_command_refuses_an_escaping_template(write: Writer, source: str) -> None:
    write("lists/shop.yaml", shop_checklist())
    write("answers.yaml", ANSWERS)
    write("mine/escape.md.j2", f"# Report\n{source}\n")
    result = run("report", "answers.yaml", "--template", "mine/escape.md.j2", *LISTS)
    assert result.exit_code == 2
    assert result.output.startswith("Error: mine/escape.md.j2:2: ")
    assert "Traceback" not in result.output
    assert not Path("answers-report.md").exists()


# --- checklist expressions ---

LINES, ANSWERS = SHOP_LINES, SHOP_ANSWERS
LISTS = ("--checklists", "lists")


EXPRESSION_ESCAPES = [
    pytest.param(f"'{GLOBALS}'.format(shop.name)", "calling", id="CVE-2016-10745-str-format"),
    pytest.param(
        "'{x.__class__}'.format_map({'x': shop.name})", "calling", id="CVE-2019-10906-format-map"
    ),
    pytest.param(
        f"(('{GLOBALS}' | attr('format'))(shop.name))", "attr", id="CVE-2025-27516-attr-format"
    ),
    pytest.param("shop.name | attr('format')", "attr", id="CVE-2024-56326-format-reference"),
    pytest.param("shop.name | attr('__class__')", "attr", id="attr-dunder"),
    pytest.param("shop.name.__class__", "'_'", id="dunder-attribute"),
    pytest.param("shop.name['__class__']", "'_'", id="dunder-item"),
    pytest.param("shop.name | default('x', '__class__')", "'_'", id="dunder-argument"),
    pytest.param("cycler.__init__.__globals__", "'_'", id="cycler-globals"),
    pytest.param("lipsum", "alone is not allowed", id="lipsum"),
    pytest.param("range(10)", "calling", id="range"),
    pytest.param("shop.name | map('upper') | list", "map", id="map-filter"),
]


@pytest.mark.parametrize("place", ["when", "score", "computed"])
@pytest.mark.parametrize(("expression", "word"), EXPRESSION_ESCAPES)
def test_an_expression_cannot_escape_the_sandbox(
    tmp_path: Path, write: Writer, place: str, expression: str, word: str
) -> None:
    write("lists/shop.yaml", shop_checklist(**{place: expression.replace('"', '\\"')}))
    with pytest.raises(ChecklistError) as caught:
        checklist_set.load(folders=[tmp_path / "lists"])
    [problem] = caught.value.problems
    assert (problem.file, problem.line) == ("lists/shop.yaml", LINES[place])
    assert word in problem.message


@pytest.mark.parametrize("place", ["when", "score", "computed"])
@pytest.mark.parametrize(("expression", "word"), EXPRESSION_ESCAPES)
def test_validate_refuses_an_escaping_expression(
    write: Writer, place: str, expression: str, word: str
) -> None:
    write("lists/shop.yaml", shop_checklist(**{place: expression.replace('"', '\\"')}))
    result = run("checklists", "validate", "lists/shop.yaml")
    assert result.exit_code == 2
    first = result.output.splitlines()[0]
    assert first.startswith(f"Error: lists/shop.yaml:{LINES[place]}:")
    assert word in first
    assert "Traceback" not in result.output


# --- user text in the built-in templates: shown, never run ---

USER_TEXT = [
    pytest.param("{{ 777 * 1111 }}", "863247", id="expression"),
    pytest.param("{% for i in range(3) %}again{% endfor %}", "againagain", id="statement"),
    pytest.param("{0.__class__}", "<class", id="format-field"),
    pytest.param("{{ ''.__class__.__mro__ }}", "<class", id="dunder"),
    pytest.param("{{ cycler.__init__.__globals__ }}", "<module", id="globals"),
    pytest.param("${777*1111} #{777*1111} <%= 777*1111 %>", "863247", id="other-engines"),
]


def shown(text: str, fmt: str) -> str:
    """How the built-in template of this format shows user text."""
    return markdown_text(text) if fmt == "md" else str(escape(text))


def yaml_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize(("text", "evaluated"), USER_TEXT)
def test_answers_notes_and_the_business_name_are_shown_as_typed(
    write: Writer, fmt: str, text: str, evaluated: str
) -> None:
    write("lists/shop.yaml", shop_checklist())
    write(
        "answers.yaml",
        f"format: 1\nbusiness: {yaml_text(text)}\nanswers:\n  shop:\n    name: {yaml_text(text)}"
        f"\n    price: 10\nnotes:\n  shop.price: {yaml_text(text)}\n",
    )
    result = run("report", "answers.yaml", "-f", fmt, "-o", "-", *LISTS)
    assert result.exit_code == 0, result.output
    assert result.stdout.count(shown(text, fmt)) >= 3  # the name, the answer and the note
    assert evaluated not in result.stdout


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize(("text", "evaluated"), USER_TEXT)
def test_checklist_wording_is_shown_as_written(
    write: Writer, fmt: str, text: str, evaluated: str
) -> None:
    quoted = yaml_text(text)
    write("lists/shop.yaml", shop_checklist(title=quoted, prompt=quoted, recommendation=quoted))
    write("answers.yaml", "format: 1\nanswers:\n  shop:\n    price: 10\n")
    result = run("report", "answers.yaml", "-f", fmt, "-o", "-", *LISTS)
    assert result.exit_code == 0, result.output
    assert result.stdout.count(shown(text, fmt)) >= 3  # the title, the prompt, the advice
    assert evaluated not in result.stdout


@pytest.mark.parametrize(("text", "evaluated"), USER_TEXT)
def test_text_typed_in_the_interview_is_saved_and_reported_as_typed(
    write: Writer, text: str, evaluated: str
) -> None:
    write("lists/shop.yaml", shop_checklist())
    result = run("check", "--business", text, *LISTS, input=f"{text}\n10\ny\n")
    assert result.exit_code == 0, result.output
    report = Path("outsource-report.md").read_text(encoding="utf-8")
    assert report.count(markdown_text(text)) == 2  # the title and the answer
    assert evaluated not in report
    saved = Path("outsource-answers.yaml").read_text(encoding="utf-8")
    assert evaluated not in saved


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize(("text", "evaluated"), USER_TEXT)
def test_answers_compared_side_by_side_are_shown_as_typed(
    write: Writer, fmt: str, text: str, evaluated: str
) -> None:
    write("lists/shop.yaml", shop_checklist())
    write("before.yaml", "format: 1\nanswers:\n  shop:\n    name: Hill\n    price: 10\n")
    write(
        "after.yaml", f"format: 1\nanswers:\n  shop:\n    name: {yaml_text(text)}\n    price: 10\n"
    )
    result = run("compare", "before.yaml", "after.yaml", "-f", fmt, "-o", "-", *LISTS)
    assert result.exit_code == 0, result.output
    assert shown(text, fmt) in result.stdout  # the changed answer
    assert evaluated not in result.stdout


# --- the cost of what an expression does ---


@pytest.mark.parametrize(
    ("value", "work"),
    [
        (None, 1),
        (7, 1),
        (2**300, 11),
        ("abc", 4),
        ([1, "ab", [2, 3]], 1 + 1 + 3 + 3),
        ({"a": [1]}, 1 + 2 + 2),
    ],
)
def test_the_work_of_a_value_counts_its_items_and_characters(value: object, work: int) -> None:
    assert work_of(value) == work


def test_a_list_shared_many_times_is_walked_once_and_counted_each_time() -> None:
    inner = [0] * 1000
    assert work_of([inner] * 100) == 1 + 100 * 1001


def test_measuring_stops_soon_after_the_limit() -> None:
    huge = [[0] * 100_000] * 100_000  # 10**10 values, shared
    assert 1000 < work_of(huge, limit=1000) < 200_000
