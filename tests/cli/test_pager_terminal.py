"""The pager on a real pseudo-terminal: `report --show` and `compare` as a person sees them.

Each test runs the command as a separate process (python -m outsource_cli) on a
pseudo-terminal, with a fake pager (a shell script that keeps what it is given and the
LESS it sees) named by OUTSOURCE_PAGER or PAGER, and reads what reached the screen.
"""

from __future__ import annotations

import io
import os
import shlex
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import pexpect
import pytest

from ..helpers import DATA, flat

pytestmark = pytest.mark.slow  # a process on a pseudo-terminal per test

TIMEOUT = 10
CHECKLISTS = str(DATA / "checklists")
TITLE = "Outsourcing readiness report: Hill Street Bakery"
SHORT, TALL = 10, 200
"""Screen heights: the report (69 lines) and the comparison (33) need a pager on the first."""
REPORT = ["report", "answers.yaml", "--show"]
COMPARE = ["compare", "january.yaml", "june.yaml"]

FAKE_PAGER = """\
#!/bin/sh
echo "LESS=$LESS" > "$0.env"
cat > "$0.log"
echo "[paged by ${0##*/}]"
"""
WAITING_PAGER = """\
#!/bin/sh
# a pager that, like less, keeps the terminal through Ctrl-C until the user leaves it
trap '' INT
cat > "$0.log"
echo "[waiting]"
read reply < /dev/tty
echo "[left]"
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The sample answers, two files to compare, and three fake pagers."""
    shutil.copy(DATA / "answers.yaml", tmp_path / "answers.yaml")
    for name in ("january.yaml", "june.yaml"):
        shutil.copy(DATA / "compare" / name, tmp_path / name)
    for name, script in (("mine", FAKE_PAGER), ("theirs", FAKE_PAGER), ("wait", WAITING_PAGER)):
        (tmp_path / name).write_text(script, encoding="utf-8")
        (tmp_path / name).chmod(0o755)
    return tmp_path


class Terminal(Protocol):
    """The `terminal` fixture: run outsource on a pseudo-terminal of this many rows.

    `shell` puts the command in a shell line (`| cat`); each keyword sets a variable of
    the environment, where no pager variable, LESS or NO_COLOR is set otherwise.
    """

    def __call__(
        self, *args: str, rows: int = ..., shell: str = ..., **env: str
    ) -> pexpect.spawn: ...


@pytest.fixture
def terminal(folder: Path) -> Iterator[Terminal]:
    children: list[pexpect.spawn] = []

    def run(*args: str, rows: int = SHORT, shell: str = "", **env: str) -> pexpect.spawn:
        environment = {**os.environ, "TERM": "xterm-256color", "OUTSOURCE_CHECKLISTS": CHECKLISTS}
        for name in ("NO_COLOR", "LESS", "PAGER", "OUTSOURCE_PAGER", "COLUMNS"):
            environment.pop(name, None)
        environment.update(env)
        command = [sys.executable, "-m", "outsource_cli", *args]
        if shell:  # the command in a shell line, as `outsource ... | cat`
            command = ["/bin/sh", "-c", " ".join([*map(shlex.quote, command), shell])]
        child = pexpect.spawn(
            command[0],
            command[1:],
            encoding="utf-8",
            timeout=TIMEOUT,
            dimensions=(rows, 100),
            env=environment,
            cwd=str(folder),
        )
        child.logfile_read = io.StringIO()
        children.append(child)
        return child

    yield run
    for child in children:
        if child.isalive():
            child.close(force=True)


def finish(child: pexpect.spawn) -> str:
    """Wait for the end; everything the screen showed."""
    child.expect(pexpect.EOF, timeout=TIMEOUT)
    child.close()
    screen: str = child.logfile_read.getvalue()
    return screen


def paged(folder: Path, pager: str) -> str | None:
    log = folder / f"{pager}.log"
    return log.read_text(encoding="utf-8") if log.exists() else None


@pytest.mark.parametrize("args", [REPORT, COMPARE], ids=["report", "compare"])
def test_long_output_goes_through_outsource_pager_with_colours_and_less_frx(
    terminal: Terminal, folder: Path, args: list[str]
) -> None:
    child = terminal(*args, OUTSOURCE_PAGER=str(folder / "mine"), PAGER=str(folder / "theirs"))
    screen = finish(child)
    assert child.exitstatus == 0, screen
    assert "[paged by mine]" in screen
    assert "Hill Street" not in screen and "compared" not in screen  # all of it went to the pager
    log = paged(folder, "mine")
    assert log is not None and "\x1b[1m" in log  # the colours are kept
    assert (TITLE if args == REPORT else "Progress over time: 2 answers files compared") in log
    assert (folder / "mine.env").read_text() == "LESS=FRX\n"
    assert paged(folder, "theirs") is None  # PAGER is ignored when OUTSOURCE_PAGER is set


def test_pager_is_used_when_outsource_pager_is_not_set(terminal: Terminal, folder: Path) -> None:
    child = terminal(*REPORT, PAGER=str(folder / "theirs"), LESS="-S")
    screen = finish(child)
    assert (child.exitstatus, "[paged by theirs]" in screen) == (0, True), screen
    assert TITLE in (paged(folder, "theirs") or "")
    assert (folder / "theirs.env").read_text() == "LESS=-S\n"  # the user's own LESS is kept


@pytest.mark.parametrize(
    ("args", "rows", "shell"),
    [
        ([*REPORT, "--no-pager"], SHORT, ""),
        ([*COMPARE, "--no-pager"], SHORT, ""),
        (REPORT, TALL, ""),  # it fits on the screen
        (REPORT, SHORT, "| cat"),  # piped
        (REPORT, SHORT, "> shown.txt; cat shown.txt"),  # redirected to a file
    ],
    ids=["no-pager", "compare-no-pager", "short", "piped", "redirected"],
)
def test_no_pager_for_no_pager_short_output_or_a_pipe(
    terminal: Terminal, folder: Path, args: list[str], rows: int, shell: str
) -> None:
    child = terminal(*args, rows=rows, shell=shell, OUTSOURCE_PAGER=str(folder / "mine"))
    screen = finish(child)
    assert child.exitstatus == 0, screen
    assert (TITLE if args[0] == "report" else "Progress over time") in screen
    assert paged(folder, "mine") is None


@pytest.mark.parametrize("value", ["", "cat"])
def test_an_empty_pager_or_cat_means_no_pager(terminal: Terminal, folder: Path, value: str) -> None:
    child = terminal(*REPORT, OUTSOURCE_PAGER=value, PAGER=str(folder / "theirs"))
    screen = finish(child)
    assert (child.exitstatus, TITLE in screen) == (0, True), screen
    assert paged(folder, "theirs") is None


def test_a_pager_that_cannot_start_leaves_the_output_printed(terminal: Terminal) -> None:
    whole = finish(terminal(*REPORT, "--no-pager"))
    child = terminal(*REPORT, OUTSOURCE_PAGER="no-such-pager")
    screen = finish(child)
    assert child.exitstatus == 0, screen
    said: list[str] = []
    printed: list[str] = []
    for line in screen.splitlines():
        (said if "no-such-pager: not found" in line else printed).append(line)
    assert len(said) == 1  # the shell says why
    assert flat("\n".join(printed)) == flat(whole)


def test_ctrl_c_in_the_pager_waits_for_it_and_ends_quietly_with_130(
    terminal: Terminal, folder: Path
) -> None:
    child = terminal(*REPORT, OUTSOURCE_PAGER=str(folder / "wait"))
    child.expect_exact("[waiting]")
    child.sendintr()
    time.sleep(0.3)
    assert child.isalive()  # the pager still has the terminal
    child.sendline("q")
    screen = finish(child)
    assert child.exitstatus == 130, screen
    assert "[left]" in screen
    assert "Traceback" not in screen and "Stopped" not in screen
    assert TITLE in (paged(folder, "wait") or "")


@pytest.mark.skipif(shutil.which("less") is None, reason="less is not installed")
@pytest.mark.parametrize(("keys", "code"), [(["q"], 0), (["\x03", "q"], 130)], ids=["q", "ctrl-c"])
def test_the_default_pager_is_less_and_leaving_it_early_ends_quietly(
    terminal: Terminal, keys: list[str], code: int
) -> None:
    child = terminal(*REPORT)
    child.expect_exact(TITLE)
    child.expect(r"\n:|\(END\)")  # less's prompt: it waits for a key
    for key in keys:
        child.send(key)
        time.sleep(0.3)
    screen = finish(child)
    assert child.exitstatus == code, screen
    assert "Traceback" not in screen and "Broken pipe" not in screen and "Stopped" not in screen
