"""Commands never clobber a file: links, read-only files, a full disk, a write cut short."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from ..helpers import DATA, run

EARLIER = b"# My earlier report\r\nwith \xc3\xa9 and a CRLF\n"
ANSWERS = b"format: 1\nanswers:\n  goals:\n    task: Bookkeeping\n"
"""An answers file part-way through the interview: the next question is goals.objectives."""


@pytest.fixture(autouse=True)
def _workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("OUTSOURCE_CHECKLISTS", str(DATA / "checklists"))
    Path("answers.yaml").write_bytes(ANSWERS)


def files() -> dict[str, bytes]:
    """Every file in the folder with its bytes; links by where they point."""
    return {
        path.name: (f"-> {os.readlink(path)}".encode() if path.is_symlink() else path.read_bytes())
        for path in sorted(Path().iterdir())
    }


def linked(name: str, content: bytes) -> None:
    Path("real.md").write_bytes(content)
    os.symlink("real.md", name)


def read_only(name: str, content: bytes) -> None:
    Path(name).write_bytes(content)
    Path(name).chmod(0o444)


def failing_fsync(failure: BaseException) -> object:
    def fsync(_descriptor: int) -> None:
        raise failure

    return fsync


FULL_DISK = OSError(errno.ENOSPC, "No space left on device")
FULL_DISK_HINT = "Free some disk space, then run the command again."
LINK_HINT = "Give the path of the real file, or another file name."
READ_ONLY_HINT = "Make it writable, or give another file name."


# --- outsource report -o ---


@pytest.mark.parametrize(
    ("make", "lines"),
    [
        (linked, ["Error: out.md is a symbolic link; it was left as it is", LINK_HINT]),
        (read_only, ["Error: out.md is read-only; it was left as it is", READ_ONLY_HINT]),
    ],
    ids=["symlink", "read-only"],
)
def test_report_refuses_an_output_it_would_clobber(make: object, lines: list[str]) -> None:
    make("out.md", EARLIER)  # type: ignore[operator]
    before = files()
    result = run("report", "answers.yaml", "-o", "out.md")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == lines
    assert files() == before


def test_report_on_a_full_disk_keeps_the_earlier_report(monkeypatch: pytest.MonkeyPatch) -> None:
    Path("out.md").write_bytes(EARLIER)
    before = files()
    monkeypatch.setattr(os, "fsync", failing_fsync(FULL_DISK))
    result = run("report", "answers.yaml", "-o", "out.md")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: cannot write out.md: No space left on device; any previous file is unchanged",
        FULL_DISK_HINT,
    ]
    assert files() == before  # no temporary file left behind either


def test_report_interrupted_while_writing_keeps_the_earlier_report(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    Path("out.md").write_bytes(EARLIER)
    before = files()
    monkeypatch.setattr(os, "fsync", failing_fsync(KeyboardInterrupt()))
    result = run("report", "answers.yaml", "-o", "out.md")
    assert result.exit_code == 130
    assert result.stderr.splitlines() == [
        "Stopped while writing out.md; any previous file is unchanged.",
        "Run the command again to write it.",
    ]
    assert files() == before


# --- outsource check: the answers file and the report ---


@pytest.mark.parametrize(
    ("make", "lines"),
    [
        (
            linked,
            ["Error: progress.yaml is a symbolic link; it was left as it is", LINK_HINT],
        ),
        (
            read_only,
            ["Error: progress.yaml is read-only; it was left as it is", READ_ONLY_HINT],
        ),
    ],
    ids=["symlink", "read-only"],
)
def test_check_refuses_an_answers_file_it_would_clobber(make: object, lines: list[str]) -> None:
    make("progress.yaml", ANSWERS)  # type: ignore[operator]
    before = files()
    result = run("check", "--answers", "progress.yaml", input="y\nn\n")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == lines
    assert "Question" not in result.stdout  # refused before the first question
    assert files() == before


@pytest.mark.parametrize(
    ("make", "lines"),
    [
        (linked, ["Error: plan.md is a symbolic link; it was left as it is", LINK_HINT]),
        (read_only, ["Error: plan.md is read-only; it was left as it is", READ_ONLY_HINT]),
    ],
    ids=["symlink", "read-only"],
)
def test_check_refuses_a_report_it_would_clobber_before_asking(
    make: object, lines: list[str]
) -> None:
    make("plan.md", EARLIER)  # type: ignore[operator]
    before = files()
    result = run("check", "--report", "plan.md", input="y\n")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == lines
    assert "Question" not in result.stdout
    assert files() == before


@pytest.mark.parametrize(
    ("failure", "code", "lines"),
    [
        pytest.param(
            FULL_DISK,
            2,
            [
                "Error: cannot write progress.yaml: No space left on device; any previous file "
                "is unchanged",
                FULL_DISK_HINT,
            ],
            id="full-disk",
        ),
        pytest.param(
            KeyboardInterrupt(),
            130,
            [
                "Stopped while writing progress.yaml; any previous file is unchanged.",
                "Run the command again to write it.",
            ],
            id="interrupted",
        ),
    ],
)
def test_check_keeps_the_answers_saved_so_far_when_a_save_fails(
    monkeypatch: pytest.MonkeyPatch, failure: BaseException, code: int, lines: list[str]
) -> None:
    Path("progress.yaml").write_bytes(ANSWERS)
    before = files()
    monkeypatch.setattr(os, "fsync", failing_fsync(failure))
    result = run("check", "--answers", "progress.yaml", input="y\nn\n")
    assert result.exit_code == code
    assert result.stderr.splitlines() == lines
    assert files() == before


@pytest.mark.parametrize(
    "command",
    [["report", "{name}.yaml", "-f", "html"], ["check", "-a", "{name}.yaml", "-f", "html"]],
    ids=["report", "check"],
)
def test_a_default_report_name_too_long_for_the_disk_says_to_name_it(command: list[str]) -> None:
    """An answers file whose name is near the limit gives a report name beyond it."""
    name = "a" * 245
    Path(f"{name}.yaml").write_bytes((DATA / "answers.yaml").read_bytes())
    before = files()
    result = run(*(word.format(name=name) for word in command), input="")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-2:] == [
        f"Error: cannot write {name}-report.html: File name too long",
        "Give a shorter file name (for a report: -o, or --report for check).",
    ]
    assert files() == before
