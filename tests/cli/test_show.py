"""`outsource report --show`: the report on the terminal instead of, or beside, a file."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

import pexpect
import pytest
from typer.testing import CliRunner

from ..helpers import FIXTURES, flat, invoke

SGR = re.compile(r"\x1b\[[0-9;]*m")
"""Escape sequences that only set colours and bold: what rich itself writes."""


@pytest.fixture
def workdir(answers: Path) -> Path:
    """A current folder holding only the sample answers, as answers.yaml."""
    return answers.parent


def files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_show_prints_the_report_and_writes_no_file(runner: CliRunner, workdir: Path) -> None:
    result: Any = invoke(runner, "report", "answers.yaml", "--show", *FIXTURES)
    assert result.exit_code == 0
    assert result.stdout.startswith("Outsourcing readiness report: Hill Street Bakery\n")
    assert "Readiness score: 75.0 out of 100\n" in result.stdout
    assert "Report written" not in result.stdout
    assert "old_section" in result.stderr  # warnings stay on standard error
    assert files(workdir) == ["answers.yaml"]


def test_show_with_an_output_file_prints_and_writes_it(runner: CliRunner, workdir: Path) -> None:
    result: Any = invoke(runner, "report", "answers.yaml", "--show", "-o", "out.md", *FIXTURES)
    assert result.exit_code == 0
    assert result.stdout.startswith("Outsourcing readiness report: Hill Street Bakery\n")
    assert result.stdout.endswith(
        "Report written to out.md: score 75.0 out of 100, not ready, 1 blocker.\n"
    )
    assert files(workdir) == ["answers.yaml", "out.md"]
    assert (workdir / "out.md").read_text().startswith("# Outsourcing readiness report")


def test_show_with_output_to_standard_output_is_refused(runner: CliRunner, workdir: Path) -> None:
    result: Any = invoke(runner, "report", "answers.yaml", "--show", "-o", "-", *FIXTURES)
    assert result.exit_code == 2
    assert "--show already prints to the terminal; give -o a file name" in flat(result.stderr)
    assert result.stdout == ""
    assert files(workdir) == ["answers.yaml"]


def test_show_with_fail_on_blockers_shows_then_fails(runner: CliRunner, workdir: Path) -> None:
    result: Any = invoke(
        runner, "report", "answers.yaml", "--show", "--fail-on-blockers", *FIXTURES
    )
    assert result.exit_code == 1
    assert "Readiness score: 75.0 out of 100\n" in result.stdout
    assert "Failed: --fail-on-blockers: 1 blocker (goals.kpis)" in result.stderr


@pytest.mark.slow
def test_show_on_a_real_terminal_is_in_colour(workdir: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    env["TERM"] = "xterm-256color"
    child = pexpect.spawn(
        sys.executable,
        ["-m", "outsource_cli", "report", "answers.yaml", "--show", "--no-pager", *FIXTURES],
        encoding="utf-8",
        timeout=10,
        dimensions=(50, 100),
        env=env,
        cwd=str(workdir),
    )
    child.expect(pexpect.EOF)
    child.close()
    screen = child.before
    assert child.exitstatus == 0, screen
    assert "\x1b[1;31mNot ready.\x1b[0m" in screen
    assert "Readiness score: " in SGR.sub("", screen)
    assert files(workdir) == ["answers.yaml"]
