"""Names Jinja2 owns: refused as section ids; any id works after a dot.

A section id is a name in expressions, so it may not be a word Jinja2 or the expression
scope reads as something else. Question and computed value ids always follow a dot,
which reads an answer before a method of the same name, in expressions and templates.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from outsource_cli.checklist import RESERVED_IDS
from tests.hostile.support import outsource, refused

FAST = {"self", "loop", "value", "today", "range", "not", "none"}
"""The quick loop's members of the reserved words; the full suite tries every one."""


def _section(ids: list[str]) -> str:
    """Questions named ids[1:], and a computed value named ids[0]: every id after a dot."""
    first, questions = ids[1], ids[1:]
    lines = ["id: names", "title: Names", "questions:"]
    for index, question_id in enumerate(questions):
        lines += [f"  - id: '{question_id}'", f"    prompt: Question {index}?", "    type: number"]
        lines += ["    min: 0", "    max: 10", f'    score: "value / 10 if names.{first} else 0"']
        if index:
            earlier = questions[index - 1]
            lines.append(f'    when: "names.{first} > 1 and names.{earlier} is number"')
    lines += [
        "computed:",
        f"  - id: '{ids[0]}'",
        "    label: First",
        f'    expression: "names.{first} * 2"',
    ]
    for question_id in questions:
        lines += [f"  - id: '{question_id}_total'", "    label: Total"]
        lines.append(f'    expression: "names.{question_id} * 2 + names.{ids[0]} - names.{ids[0]}"')
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "name",
    [
        name if name in FAST else pytest.param(name, marks=pytest.mark.slow)
        for name in sorted(RESERVED_IDS)
    ],
)
def test_a_reserved_word_is_refused_as_a_section_id(tmp_path: Path, name: str) -> None:
    checklist = tmp_path / "names.yaml"
    checklist.write_text(
        f"id: '{name}'\ntitle: T\nquestions:\n  - id: q\n    prompt: P?\n    type: yes_no\n",
        encoding="utf-8",
    )
    done = outsource("checklists", "validate", checklist, cwd=tmp_path, given=[checklist])
    refused(done, f"names.yaml:1:5: '{name}' is a reserved word in expressions")


def test_every_name_jinja2_gives_a_meaning_is_reserved() -> None:
    from jinja2 import Environment

    assert set(Environment().globals) <= RESERVED_IDS
    assert {"self", "loop", "super", "caller", "varargs", "kwargs", "value"} <= RESERVED_IDS
    assert {"true", "false", "none", "and", "or", "not", "in", "is", "if", "else"} <= RESERVED_IDS


METHOD_IDS = ["items", "values", "get", "keys", "pop", "update", "copy"]
JINJA_IDS = [
    "self",
    "loop",
    "super",
    "caller",
    "range",
    "dict",
    "value",
    "today",
    "true",
    "none",
    "not",
    "in",
]


@pytest.mark.parametrize(
    "ids",
    [METHOD_IDS, pytest.param(JINJA_IDS, marks=pytest.mark.slow)],
    ids=["methods", "jinja2"],
)
def test_question_and_computed_ids_that_name_methods_or_keywords_work(
    tmp_path: Path, ids: list[str]
) -> None:
    lists = tmp_path / "lists"
    lists.mkdir()
    checklist = lists / "names.yaml"
    checklist.write_text(_section(ids), encoding="utf-8")
    valid = outsource("checklists", "validate", lists, cwd=tmp_path, given=[checklist])
    assert valid.code == 0, valid
    answers = tmp_path / "a.yaml"
    values = {question_id: 2 + index % 8 for index, question_id in enumerate(ids[1:])}
    answers.write_text(
        "format: 1\nanswers:\n  names:\n"
        + "".join(f"    '{key}': {value}\n" for key, value in values.items()),
        encoding="utf-8",
    )
    done = outsource(
        "report",
        answers,
        "--format",
        "json",
        "-o",
        "-",
        "--checklists",
        lists,
        cwd=tmp_path,
        given=[answers, checklist],
    )
    assert done.code == 0, done
    data = json.loads(done.stdout)
    shown = {question["id"]: question for question in data["sections"][0]["questions"]}
    assert set(shown) == set(values)
    assert all(question["applies"] for question in shown.values()), shown
    computed = data["computed"]["names"]
    assert computed[ids[0]]["value"] == values[ids[1]] * 2
    for key, value in values.items():
        assert shown[key]["score"] == pytest.approx(value / 10), shown[key]
        assert computed[f"{key}_total"]["value"] == value * 2

    template = tmp_path / "names.md.j2"
    template.write_text(
        f"first={{{{ computed.names.{ids[0]}.value }}}}\n"
        + "".join(f"{key}={{{{ computed.names.{key}_total.value }}}}\n" for key in values),
        encoding="utf-8",
    )
    report = outsource(
        "report",
        answers,
        "--template",
        template,
        "-o",
        "-",
        "--checklists",
        lists,
        cwd=tmp_path,
        given=[answers, checklist, template],
    )
    assert report.code == 0, report
    assert f"first={values[ids[1]] * 2}" in report.stdout, report.stdout
    for key, value in values.items():
        assert f"{key}={value * 2}" in report.stdout, report.stdout
