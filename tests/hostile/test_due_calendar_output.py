"""Hostile: the calendar of `outsource due --ics` goes to streams as the report's -o does."""

from __future__ import annotations

import os
import stat
import subprocess
import threading
from pathlib import Path

import pytest

from ..helpers import DATA
from .support import COMMAND, outsource, refused

SET = DATA / "due" / "checklists"
ANSWERS = """\
format: 1
created: 2026-11-23T10:00:00Z
answers:
  fit: {stage: working}
  contract: {start_date: 2027-01-04, end_date: 2028-01-03, auto_renews: no}
"""


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "a.yaml"
    path.write_text(ANSWERS, encoding="utf-8")
    return path


def _due(target: str) -> list[str]:
    return ["due", "a.yaml", "--checklists", str(SET), "--ics", target]


def test_standard_output_gets_the_calendar_byte_for_byte(tmp_path: Path, answers: Path) -> None:
    done = subprocess.run(
        [str(COMMAND), *_due("-")], cwd=tmp_path, capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert done.stdout.count(b"BEGIN:VEVENT") == 3
    assert b"\n" not in done.stdout.replace(b"\r\n", b"")
    assert done.stderr == b""


@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/fd/1"])
def test_a_path_to_standard_output_writes_there(tmp_path: Path, answers: Path, name: str) -> None:
    done = outsource(*_due(name), cwd=tmp_path, given=[answers], timeout=30)
    assert done.code == 0, done
    assert "BEGIN:VCALENDAR" in done.stdout
    assert f"Calendar written to {name}" in done.stderr


def test_dev_null_is_written_and_stays_a_device(tmp_path: Path, answers: Path) -> None:
    done = outsource(*_due("/dev/null"), cwd=tmp_path, given=[answers], timeout=30)
    assert done.code == 0, done
    found = os.stat("/dev/null")
    assert stat.S_ISCHR(found.st_mode)


def test_a_named_pipe_is_written_to_its_reader(tmp_path: Path, answers: Path) -> None:
    pipe = tmp_path / "dates.ics"
    os.mkfifo(pipe)
    received: list[bytes] = []

    def read() -> None:
        with pipe.open("rb") as stream:
            received.append(stream.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    done = outsource(*_due("dates.ics"), cwd=tmp_path, given=[answers], timeout=30)
    reader.join(timeout=30)
    assert done.code == 0, done
    assert received and received[0].startswith(b"BEGIN:VCALENDAR\r\n")
    assert stat.S_ISFIFO(pipe.lstat().st_mode)


def test_the_answers_file_is_never_replaced(tmp_path: Path, answers: Path) -> None:
    done = outsource(*_due("a.yaml"), cwd=tmp_path, given=[answers], timeout=30)
    refused(done, "the calendar", "would replace the answers file", "nothing was written")
