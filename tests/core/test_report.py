"""Reports: golden Markdown and JSON, safe user text, stable output, custom templates."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from outsource_cli import checklist_set
from outsource_cli.errors import OutsourceError, TemplateError
from outsource_cli.report.data import json_text
from outsource_cli.report.render import make_report, render_template
from outsource_cli.report.text import format_number, markdown_text, text_bar

from ..helpers import DATA, Writer, golden


def test_the_markdown_report_matches_its_golden_file(
    fixture_set: checklist_set.ChecklistSet,
) -> None:
    golden("report.md", make_report(DATA / "answers.yaml", fixture_set, fmt="md").text)


def test_the_json_report_matches_its_golden_file(fixture_set: checklist_set.ChecklistSet) -> None:
    golden("report.json", make_report(DATA / "answers.yaml", fixture_set, fmt="json").text)


def test_the_json_report_has_the_documented_keys(fixture_set: checklist_set.ChecklistSet) -> None:
    data = json.loads(make_report(DATA / "answers.yaml", fixture_set, fmt="json").text)
    assert data["overall"]["score"] == 75.0
    assert data["overall"]["verdict"] == "not-ready"
    section = data["sections"][0]
    assert {"id", "title", "score", "weight", "questions"} <= set(section)
    assert {"id", "prompt", "type", "answer", "score", "applies", "counted"} <= set(
        section["questions"][0]
    )
    assert data["blockers"] == [
        {
            "section": "goals",
            "section_title": "Goals and scope",
            "question": "kpis",
            "prompt": "Have you chosen measures of success the partner controls?",
            "recommendation": "Pick three measures, such as response time.",
            "blocker": True,
            "score": 0.0,
            "action": 1,
        }
    ]
    assert [(a["number"], a["step"], a["question"]) for a in data["actions"]] == [
        (1, "prepare", "kpis"),
        (2, "prepare", "pricing"),
        (3, "choose", "confidence"),
        (4, "contract", "protections"),
    ]
    assert data["computed"]["budget"]["inhouse_cost"]["value"] == pytest.approx(67600)


def test_only_the_date_line_changes_from_day_to_day(
    fixture_set: checklist_set.ChecklistSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = make_report(DATA / "answers.yaml", fixture_set, fmt="md").text
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    second = make_report(DATA / "answers.yaml", fixture_set, fmt="md").text
    changed = [
        pair
        for pair in zip(first.splitlines(), second.splitlines(), strict=True)
        if pair[0] != pair[1]
    ]
    assert changed == [("Report date: 2026-11-23", "Report date: 2027-01-15")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a | b", r"a \| b"),
        ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
        ("Fish & chips", "Fish & chips"),  # shown as typed: Markdown needs no escape here
        ("&lt;b&gt; typed", "&amp;lt;b&amp;gt; typed"),  # a reference would be read as one
        ("R&amp;D", "R&amp;amp;D"),
        ("back\\slash", "back\\\\slash"),
        ("**bold** _it_ `code` [link](x)", r"\*\*bold\*\* \_it\_ \`code\` \[link\](x)"),
        ("two\nlines", "two<br>lines"),
        ("- not a list", r"\- not a list"),
        ("# not a heading", r"\# not a heading"),
        ("1. not a list", r"\1. not a list"),
        ("1.30 stays", "1.30 stays"),
    ],
)
def test_user_text_cannot_break_the_markdown(text: str, expected: str) -> None:
    assert markdown_text(text) == expected


def test_a_table_cell_with_user_text_stays_one_cell(
    fixture_set: checklist_set.ChecklistSet, write: Writer
) -> None:
    path = write(
        "a.yaml",
        "format: 1\nbusiness: 'Pipes | <b>Co</b>'\nanswers:\n  goals:\n    task: \"one\\ntwo | three\"\n",
    )
    text = make_report(path, fixture_set, fmt="md").text
    assert "# Outsourcing readiness report: Pipes \\| &lt;b>Co&lt;/b>\n" in text
    assert "**What work do you want to outsource?** one<br>two \\| three\n" in text


@pytest.mark.parametrize(
    ("score", "bar"),
    [
        (None, "░░░░░░░░░░"),
        (0.0, "░░░░░░░░░░"),
        (62.5, "██████░░░░"),
        (65.0, "███████░░░"),
        (100.0, "██████████"),
    ],
)
def test_text_bars(score: float | None, bar: str) -> None:
    assert text_bar(score) == bar


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (52000, "52,000"),
        (1.3, "1.3"),
        (67600.0, "67,600"),
        (0.815384, "0.82"),
        (-1234.5, "-1,234.5"),
    ],
)
def test_numbers_read_as_people_write_them(value: float, text: str) -> None:
    assert format_number(value) == text


def test_a_custom_template_gets_the_report_data(write: Writer) -> None:
    template = write(
        "t/summary.txt.j2", "{{ overall.verdict }} {{ sections | length }} {{ report.date }}\n"
    )
    data = {
        "overall": {"verdict": "ready"},
        "sections": [1, 2],
        "date": date(2026, 1, 2).isoformat(),
    }
    assert render_template(template, data) == "ready 2 2026-01-02\n"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("line one\n{{ overall.verdict }\n", "t/bad.j2:2: unexpected '}'"),
        ("one\ntwo\n{{ nothing.here }}\n", "t/bad.j2:3: 'nothing' is undefined"),
        (
            "{{ ''.__class__ }}\n",
            "t/bad.j2:1: access to attribute '__class__' of 'str' object is unsafe.",
        ),
        (
            "{% include '../secret.txt' %}\n",
            "t/bad.j2: the template '../secret.txt' was not found next to bad.j2",
        ),
        ("{% for i in range(10**9) %}x{% endfor %}", "t/bad.j2:1: Range too big."),
    ],
)
def test_template_errors_name_the_file_and_line(write: Writer, source: str, message: str) -> None:
    write("secret.txt", "private")
    template = write("t/bad.j2", source)
    with pytest.raises(TemplateError) as caught:
        render_template(Path("t/bad.j2"), {"overall": {"verdict": "ready"}})
    assert caught.value.message.startswith(message), caught.value.message
    assert template.exists()


def test_a_runaway_template_is_stopped(write: Writer) -> None:
    write("t/big.j2", "{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}")
    with pytest.raises(TemplateError, match="wrote more than 20,000,000 characters"):
        render_template(Path("t/big.j2"), {})


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ({"overall": {"score": float("nan")}}, "overall.score"),
        ({"sections": [{"weight": 1.0}, {"weight": float("inf")}]}, "sections[1].weight"),
        ({"x": [[-float("inf")]]}, "x[0][0]"),
    ],
)
def test_the_json_output_never_holds_nan_or_infinity(data: dict[str, Any], where: str) -> None:
    with pytest.raises(OutsourceError) as caught:
        json_text(data)
    assert caught.value.message == (
        f"the JSON output cannot be written: {where} is not a finite number"
    )
    assert caught.value.exit_code == 2
