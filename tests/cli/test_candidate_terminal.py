"""`outsource check --candidate NAME` on a real pseudo-terminal: quit mid-way, resume, finish."""

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

CANDIDATES = DATA / "candidates"
TIMEOUT = 10
"""Seconds any single wait may take: nothing here can hang longer."""
NAME = "Acme Books Ltd"
REFERENCES = "Did they give two references from similar clients, and did you call them?"
GOOD = "Did the references speak well of them?"
CERTIFIED = "Are they certified bookkeepers?"
FAST = "How quickly and clearly did they reply while you were choosing?"


@pytest.fixture
def workdir(tmp_path: Path) -> Iterator[Path]:
    """tmp_path with the fixture's answers file as a.yaml, less Acme's replies."""
    data = yaml.safe_load((CANDIDATES / "answers.yaml").read_text(encoding="utf-8"))
    del data["candidates"][NAME]
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    yield tmp_path
    shutil.rmtree(tmp_path, ignore_errors=True)


def spawn(workdir: Path) -> pexpect.spawn:
    child = pexpect.spawn(
        sys.executable,
        [
            "-m",
            "outsource_cli",
            "check",
            "--candidate",
            NAME,
            "--answers",
            "a.yaml",
            "--checklists",
            str(CANDIDATES / "checklists"),
        ],
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


def acme(workdir: Path) -> Any:
    data = yaml.safe_load((workdir / "a.yaml").read_text(encoding="utf-8"))
    return data["candidates"].get(NAME)


def test_answer_quit_resume_and_finish(workdir: Path) -> None:
    child = spawn(workdir)
    child.expect_exact(f"Candidate: {NAME}")
    answer(child, REFERENCES, "y/n > ", "y")
    answer(child, GOOD, "y/n > ", "q")
    shown = finish(child)
    assert child.exitstatus == 0
    assert "Stopped for now. 1 answer to this section is saved in a.yaml." in shown
    assert f"outsource check --candidate '{NAME}' --answers a.yaml --checklists" in shown
    assert acme(workdir) == {"vetting": {"references": True}}

    child = spawn(workdir)
    child.expect_exact(f"Candidate: {NAME}")
    child.expect_exact("Welcome back.")
    answer(child, GOOD, "y/n > ", "<")  # back to the one answered last time, kept
    answer(child, REFERENCES, "y/n [yes] > ", "")
    answer(child, GOOD, "y/n > ", "y")
    answer(child, CERTIFIED, "y/n > ", "?")
    child.expect_exact("y/n > ")
    child.sendline("n")
    answer(child, FAST, "1-5 > ", "4")
    shown = finish(child)
    assert child.exitstatus == 0
    assert f"Result for {NAME}: 68.8 out of 100" in shown
    assert "No knock-outs" in shown
    assert "To rank every candidate, run: outsource candidates a.yaml --checklists" in shown
    assert acme(workdir) == {
        "vetting": {
            "references": True,
            "references_good": True,
            "certified": False,
            "replies_fast": 4,
        }
    }
