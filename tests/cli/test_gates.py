"""CI gates: `report --fail-under N` and `--fail-on-blockers` exit 1 and say which rule failed."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from outsource_cli.cli import app

from .. import helpers
from ..helpers import FIXTURES, Writer

pytestmark = pytest.mark.usefixtures("answers")

# tests/data/answers.yaml scores 75.0 with one blocker (goals.kpis)


def run(*args: str) -> Result:
    return helpers.run("report", "answers.yaml", *args, *FIXTURES)


@pytest.mark.parametrize(
    ("limit", "code"), [("70", 0), ("75", 0), ("75.0", 0), ("75.1", 1), ("100", 1), ("0", 0)]
)
def test_fail_under_compares_the_overall_score(limit: str, code: int) -> None:
    result = run("--fail-under", limit)
    assert result.exit_code == code, result.output
    assert Path("answers-report.md").exists()  # the report is written either way
    if code:
        assert (
            f"Failed: --fail-under {limit.removesuffix('.0')}: the overall score 75.0 is below"
            in (result.stderr)
        )
    else:
        assert "Failed" not in result.output


def test_fail_on_blockers_names_each_blocker() -> None:
    result = run("--fail-on-blockers")
    assert result.exit_code == 1
    assert "Failed: --fail-on-blockers: 1 blocker (goals.kpis)" in result.stderr
    assert "Report written to answers-report.md" in result.stdout


def test_both_rules_are_reported_when_both_fail() -> None:
    result = run("--fail-under", "90", "--fail-on-blockers")
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("Failed")]
    assert lines == [
        "Failed: --fail-under 90: the overall score 75.0 is below 90",
        "Failed: --fail-on-blockers: 1 blocker (goals.kpis)",
    ]


def test_a_passing_assessment_exits_0(answers: Path) -> None:
    text = answers.read_text(encoding="utf-8").replace("kpis: null", "kpis: yes")
    answers.write_text(text, encoding="utf-8")
    result = run("--fail-under", "80", "--fail-on-blockers")
    assert result.exit_code == 0, result.output
    assert "Failed" not in result.output


def test_nothing_scored_fails_the_score_rule(write: Writer) -> None:
    write(
        "only-text/notes.yaml",
        "id: notes\ntitle: Notes\nquestions:\n  - {id: what, prompt: What?, type: text}\n",
    )
    write("answers.yaml", "format: 1\nanswers: {}\n")
    result = CliRunner().invoke(
        app, ["report", "answers.yaml", "--checklists", "only-text", "--fail-under", "0"]
    )
    assert result.exit_code == 1
    assert "Failed: --fail-under 0: nothing could be scored yet" in result.stderr


def test_json_on_standard_output_stays_clean_when_a_gate_fails() -> None:
    result = run("--format", "json", "-o", "-", "--fail-on-blockers")
    assert result.exit_code == 1
    assert result.stdout.startswith("{")
    assert "Failed" not in result.stdout


@pytest.mark.parametrize("limit", ["abc", "150", "-1", "nan", ""])
def test_a_limit_that_is_not_a_score_is_a_usage_error(limit: str) -> None:
    result = run("--fail-under", limit)
    assert result.exit_code == 2
    assert "give a score from 0 to 100, such as 70" in " ".join(result.output.split())
    assert not Path("answers-report.md").exists()
