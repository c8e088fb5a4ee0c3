"""`outsource report` and `outsource check` writing the HTML report."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from outsource_cli.cli import app

from ..helpers import DATA


@pytest.fixture
def workdir(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder of the sample answers, with the fixture checklists."""
    monkeypatch.setenv("OUTSOURCE_CHECKLISTS", str(DATA / "checklists"))
    return workdir


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--format", "html", "-o", "x.html"],
        ["report", "-o", "x.html"],
        ["check", "--report", "x.html"],
    ],
    ids=["report-format", "report-file-name", "check"],
)
def test_the_cli_writes_an_html_report(workdir: Path, args: list[str]) -> None:
    result = CliRunner().invoke(app, args, input="")
    assert result.exit_code == 0, result.output
    text = (workdir / "x.html").read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>\n")
    assert "<h1>Hill Street Bakery</h1>" in text
    assert text.count('class="bar') == 2


def test_the_cli_no_chart_option_reaches_the_html_report(workdir: Path) -> None:
    result = CliRunner().invoke(app, ["report", "--no-chart", "-o", "x.html"])
    assert result.exit_code == 0, result.output
    assert "<svg" not in (workdir / "x.html").read_text(encoding="utf-8")
