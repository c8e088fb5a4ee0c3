"""`outsource reviews`: the trend in the terminal and written as JSON, Markdown or HTML."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ..helpers import DATA, Writer, flat, run

REVIEWS = DATA / "reviews"
SET = ["--checklists", str(REVIEWS / "checklists")]


@pytest.fixture
def answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture's answers file (four KPIs, three reviews) as a.yaml in tmp_path."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(REVIEWS / "answers.yaml", "a.yaml")
    return tmp_path / "a.yaml"


def test_the_trend_in_the_terminal(answers: Path) -> None:
    result = run("reviews", "a.yaml", *SET, "--no-pager")
    assert result.exit_code == 0, result.output
    shown = flat(result.output)
    assert "Reviews of Hill Street Books: 3, from 2027-01-05 to 2027-07-01" in shown
    assert "Days to close the month at most 5 days 6 ✗ 7 ✗ 5 ✓ ✗✗✓" in shown
    assert "Flags on 2027-04-02 - Missed twice in a row: Days to close the month" in shown
    assert "Actions from the latest review (2027-07-01) 1. Blocker: Ask the partner" in shown


def test_no_reviews_is_a_message_with_the_command_to_record_one(write: Writer) -> None:
    write("my answers.yaml", "format: 1\n")
    result = run("reviews", "my answers.yaml", *SET)
    assert result.exit_code == 0
    assert flat(result.output) == (
        "No reviews recorded yet in my answers.yaml. Run: outsource review --answers "
        f"'my answers.yaml' --checklists {REVIEWS / 'checklists'}"
    )


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_no_reviews_still_renders_every_format(write: Writer, fmt: str) -> None:
    write("a.yaml", "format: 1\n")
    result = run("reviews", "a.yaml", *SET, "--format", fmt, "-o", "-")
    assert result.exit_code == 0
    if fmt == "json":
        data = json.loads(result.stdout)
        assert (data["kpis"], data["reviews"], data["costs"]) == ([], [], [])
    else:
        assert "No reviews recorded yet." in result.stdout
        assert "No KPIs to follow yet" in result.stdout


@pytest.mark.parametrize(("fmt", "start"), [("md", "# Reviews"), ("html", "<!DOCTYPE html>")])
@pytest.mark.parametrize("to", ["-", "file"])
def test_every_format_to_standard_output_and_to_a_file(
    answers: Path, fmt: str, start: str, to: str
) -> None:
    target = "-" if to == "-" else f"trend.{fmt}"
    result = run("reviews", "a.yaml", *SET, "--format", fmt, "-o", target)
    assert result.exit_code == 0, result.output
    text = result.stdout if to == "-" else Path(target).read_text(encoding="utf-8")
    assert text.startswith(start)
    assert "Days to close the month" in text
    assert "Raise Invoices paid on time with the partner" in text
    if to == "file":
        assert f"Trend across the reviews written to {target}." in result.output


@pytest.mark.parametrize(
    ("answers_name", "extra", "written"),
    [
        ("a.yaml", ["--format", "json"], "a-reviews.json"),
        ("outsource-answers.yaml", ["--format", "html"], "outsource-reviews.html"),
        ("a.yaml", ["-o", "out.html"], "out.html"),
        ("a.yaml", ["--format", "md", "-o", "trend.txt"], "trend.txt"),
    ],
)
def test_the_default_file_names(
    answers: Path, answers_name: str, extra: list[str], written: str
) -> None:
    answers.rename(answers_name)
    args = [] if answers_name == "outsource-answers.yaml" else [answers_name]
    result = run("reviews", *args, *SET, *extra)
    assert result.exit_code == 0, result.output
    assert f"Trend across the reviews written to {written}." in result.output
    assert "Days to close the month" in Path(written).read_text(encoding="utf-8")


@pytest.mark.parametrize("output", ["a.yaml", "a.yaml.lock"])
def test_the_trend_never_replaces_the_answers_file(answers: Path, output: str) -> None:
    before = answers.read_bytes()
    result = run("reviews", "a.yaml", *SET, "-o", output, "--format", "md")
    assert result.exit_code != 0
    assert "Give -o another file name." in flat(result.output)
    assert answers.read_bytes() == before


@pytest.mark.parametrize(("fmt", "chart"), [("md", "```mermaid"), ("html", "<svg")])
def test_no_chart_leaves_the_charts_out(answers: Path, fmt: str, chart: str) -> None:
    with_charts = run("reviews", "a.yaml", *SET, "--format", fmt, "-o", "-").stdout
    # one chart for each KPI with figures: Customer rating has none yet
    assert with_charts.count(chart) == 4
    without = run("reviews", "a.yaml", *SET, "--format", fmt, "-o", "-", "--no-chart").stdout
    assert chart not in without
    assert "Days to close the month" in without


def test_the_markdown_chart_has_the_target_as_a_second_line(answers: Path) -> None:
    text = run("reviews", "a.yaml", *SET, "--format", "md", "-o", "-").stdout
    assert (
        "```mermaid\n"
        "xychart-beta\n"
        '    title "Days to close the month"\n'
        '    x-axis ["2027-01-05", "2027-04-02", "2027-07-01"]\n'
        '    y-axis "days"\n'
        "    line [6, 7, 5]\n"
        "    line [5, 5, 5]\n"
        "```\n\n"
        "The flat line is the target, at most 5 days.\n"
    ) in text


def test_the_html_chart_labels_the_target_and_marks_each_review(answers: Path) -> None:
    page = run("reviews", "a.yaml", *SET, "--format", "html", "-o", "-").stdout
    assert "Target<tspan" in page and "at most 5 days</tspan>" in page
    assert "<title>2027-04-02: 7 days, missed the target</title>" in page
    assert "<script" not in page


KPI_KEYS = {"name", "target", "unit", "better", "values", "target_text", "removed", "marks"}
VALUE_KEYS = {"date", "value", "met"}
REVIEW_KEYS = {"date", "score", "flags", "kpis_met", "kpis_missed", "missed_kpis", "to_answer"}
FLAG_KEYS = {"kind", "text", "action", "label", "kpi", "section", "question"}
"""The keys docs/report-data.md lists (The reviews' data): the issue's, then the extras."""


def test_the_json_keys(answers: Path) -> None:
    result = run("reviews", "a.yaml", *SET, "--format", "json", "-o", "-")
    data = json.loads(result.stdout)
    assert data["format"] == 1
    assert {"kpis", "reviews"} <= set(data)
    assert all(set(item) == KPI_KEYS for item in data["kpis"])
    assert all(set(v) == VALUE_KEYS for item in data["kpis"] for v in item["values"])
    assert all(set(item) == REVIEW_KEYS for item in data["reviews"])
    assert all(set(f) == FLAG_KEYS for item in data["reviews"] for f in item["flags"])
    first = data["kpis"][0]
    assert (first["name"], first["target"], first["unit"], first["better"]) == (
        "Days to close the month",
        5,
        "days",
        "lower",
    )
    assert first["values"][0] == {"date": "2027-01-05", "value": 6, "met": False}
    assert [(r["date"], r["score"], len(r["flags"])) for r in data["reviews"]] == [
        ("2027-01-05", 100.0, 0),
        ("2027-04-02", 66.0, 3),
        ("2027-07-01", 24.0, 2),
    ]


def test_checklists_without_review_sections_are_named(write: Writer) -> None:
    write("a.yaml", "format: 1\n")
    result = run("reviews", "a.yaml", "--checklists", str(DATA / "checklists"))
    assert result.exit_code != 0
    assert "the checklists in use have no questions for a review" in flat(result.output)


def test_the_built_in_checklists_give_the_review_costs(write: Writer) -> None:
    write(
        "a.yaml",
        """\
        format: 1
        reviews:
          - date: 2027-04-01
            answers:
              review: {partner_fees: 30000, inhouse_cost: 50000, oversight_hours: 2}
        """,
    )
    result = run("reviews", "a.yaml", "--format", "json", "-o", "-")
    assert result.exit_code == 0, result.output
    costs = json.loads(result.stdout)["costs"]
    assert {30000, 50000, 2} <= {row["values"][0]["value"] for row in costs}


def test_every_json_key_is_documented(answers: Path) -> None:
    docs = (DATA.parent.parent / "docs" / "report-data.md").read_text(encoding="utf-8")
    part = docs.split("## The reviews' data", 1)[1].split("\n## ", 1)[0]
    data = json.loads(run("reviews", "a.yaml", *SET, "--format", "json", "-o", "-").stdout)
    keys = set(data) | KPI_KEYS | VALUE_KEYS | REVIEW_KEYS | FLAG_KEYS
    keys |= set(data["costs"][0]) | set(data["costs"][0]["values"][0]) | set(data["actions"][0])
    keys |= set(data["marks"])
    assert sorted(key for key in keys if f"`{key}`" not in part) == []
