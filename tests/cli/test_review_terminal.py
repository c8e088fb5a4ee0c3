"""`outsource review` on a real pseudo-terminal: quit in the KPI list, resume, finish."""

from __future__ import annotations

import io
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pexpect
import pytest
import yaml

from ..helpers import DATA, flat

pytestmark = pytest.mark.slow  # a process on a pseudo-terminal per run

OWNER = DATA / "review_flow" / "answers.yaml"
TIMEOUT = 10
"""Seconds any single wait may take: nothing here can hang longer."""
DAY = "2027-03-31"
CLOSE = "Working days to close the month"
ERRORS = "Errors found in my monthly check"
VALUE = "This period's value (Number)"


@pytest.fixture
def workdir(tmp_path: Path) -> Iterator[Path]:
    shutil.copy(OWNER, tmp_path / "a.yaml")
    yield tmp_path
    shutil.rmtree(tmp_path, ignore_errors=True)


def spawn(workdir: Path) -> pexpect.spawn:
    child = pexpect.spawn(
        sys.executable,
        ["-m", "outsource_cli", "review", "--answers", "a.yaml", "--date", DAY],
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, 100),
        env=os.environ.copy(),
        cwd=str(workdir),
    )
    child.logfile_read = io.StringIO()
    return child


def answer(child: pexpect.spawn, question: str, prompt: str, reply: str) -> None:
    child.expect_exact(question, timeout=TIMEOUT)
    child.expect_exact(prompt, timeout=TIMEOUT)
    child.sendline(reply)


def finish(child: pexpect.spawn) -> str:
    child.expect(pexpect.EOF, timeout=TIMEOUT)
    child.close()
    return flat(child.logfile_read.getvalue())


def saved(workdir: Path) -> Any:
    data = yaml.safe_load((workdir / "a.yaml").read_text(encoding="utf-8"))
    return data.get("reviews")


def test_quit_in_the_kpis_resume_and_finish(workdir: Path) -> None:
    child = spawn(workdir)
    child.expect_exact(f"Review of {DAY}")
    answer(child, CLOSE, f"{VALUE} [skip] > ", "6")
    answer(child, "Comment", "[skip] > ", "")
    answer(child, ERRORS, f"{VALUE} [skip] > ", "q")
    shown = finish(child)
    assert child.exitstatus == 0
    assert f"outsource review --date {DAY} --answers a.yaml" in shown
    [review] = saved(workdir)
    assert review["date"] == DAY and review["unfinished"] == ["review.kpi_values"]

    child = spawn(workdir)
    child.expect_exact(f"Review of {DAY}")
    child.expect_exact("Welcome back.")
    answer(child, CLOSE, f"{VALUE} [6] > ", "")  # the value given last time, kept
    answer(child, "Comment", "[skip] > ", "")
    answer(child, ERRORS, f"{VALUE} [skip] > ", "3")
    answer(child, "Comment", "[skip] > ", "a new member of staff")
    answer(child, "Were there quality problems in the work this period", "1-3 > ", "?")
    child.expect_exact("71%")  # the help
    child.expect_exact("1-3 > ")
    child.sendline("1")
    for question in ("arrive by the agreed dates", "invoices match", "grown beyond"):
        answer(child, question, "1-3 > ", "1")
    answer(child, "incidents", "1-3 > ", "1")
    answer(child, "changed the people", "1-3 > ", "1")
    answer(child, "reconcile every bank and card account", "y/n > ", "y")
    answer(child, "grow, shrink or stay", "1-4 > ", "1")
    answer(child, "partner's fees come to", "> ", "9000")
    answer(child, "in-house cost over a year now", "> ", "30000")
    answer(child, "hours a month", "> ", "3")
    answer(child, "still better for you", "y/n > ", "y")
    shown = finish(child)
    assert child.exitstatus == 0
    assert f"Review of {DAY}: 100.0 out of 100" in shown
    assert "run: outsource reviews a.yaml" in shown
    [review] = saved(workdir)
    assert "unfinished" not in review
    assert [item["value"] for item in review["answers"]["review"]["kpi_values"]] == [6, 3]
