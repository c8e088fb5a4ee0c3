"""Two writers, one answers file: the second run is refused, a killed one never blocks or loses.

Interviews run as a person would run them, in real pseudo-terminals (pexpect), and as a
script with answers on standard input, through the installed command. Every answer a run
confirmed (its next question appeared, which happens only once the answer is saved) must
be in the file afterwards, whatever the other run did and wherever a run was killed.
"""

from __future__ import annotations

import io
import os
import random
import signal
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pexpect
import pytest
import yaml

from outsource_cli.answers import load as load_answers
from outsource_cli.checklist_set import load as load_checklists

from .support import COMMAND, MEMORY_LIMIT, outsource, refused

WAIT = 20
"""Seconds any single wait on a terminal may take: a hang guard, not a timing."""
QUESTIONS = 30


def question(number: int) -> str:
    return f"Is point {number:02d} in place?"


def _checklist() -> str:
    lines = ["id: many", "title: Many points", "version: 1", "questions:"]
    for number in range(1, QUESTIONS + 1):
        lines += [f"  - id: p{number:02d}", f"    prompt: {question(number)}", "    type: yes_no"]
    return "\n".join(lines) + "\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with a checklist of many yes/no questions, in a 'checklists' folder."""
    checklists = tmp_path / "checklists"
    checklists.mkdir()
    (checklists / "many.yaml").write_text(_checklist(), encoding="utf-8")
    return tmp_path


def check_args(answers: str = "a.yaml", *extra: str) -> list[str]:
    return ["check", "--answers", answers, "--report", "r.md", "--checklists", "checklists", *extra]


def _limit_memory() -> None:  # in the child, as support.outsource does
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


Spawn = Callable[..., pexpect.spawn]


@pytest.fixture
def spawn(folder: Path) -> Iterator[Spawn]:
    """Start the installed command on a pseudo-terminal in the folder; ended at teardown."""
    children: list[pexpect.spawn] = []

    def _spawn(*args: str) -> pexpect.spawn:
        child = pexpect.spawn(
            str(COMMAND),
            list(args),
            encoding="utf-8",
            timeout=WAIT,
            dimensions=(40, 200),
            env={**os.environ, "COLUMNS": "200"},
            cwd=str(folder),
            preexec_fn=_limit_memory,
        )
        child.delaybeforesend = None  # type as fast as the program reads
        child.logfile_read = io.StringIO()
        children.append(child)
        return child

    yield _spawn
    for child in children:
        if child.isalive():
            child.close(force=True)


def ask(child: pexpect.spawn, number: int) -> None:
    """Wait until this question and its prompt are on the screen."""
    child.expect_exact(question(number))
    child.expect_exact("y/n > ")


def screen(child: pexpect.spawn) -> str:
    return " ".join(child.logfile_read.getvalue().split())


def finish(child: pexpect.spawn) -> str:
    child.expect(pexpect.EOF)
    child.close()
    return screen(child)


def saved(path: Path) -> dict[str, Any]:
    """The answers of the checklist, as the file holds them now."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    answers: dict[str, Any] = (data.get("answers") or {}).get("many") or {}
    return answers


def in_use(text: str, holder: pexpect.spawn, name: str = "a.yaml") -> None:
    """The refusal a second run gives while `holder` runs."""
    assert (
        f"Error: the answers file {name} is in use by another 'outsource check' "
        f"(process {holder.pid}, started "
    ) in text, text
    assert "Finish or quit that one first (q), then run this command again." in text, text


# --- two terminals --------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "extra",
    [(), ("--review",), ("--restart",), ("--business", "Other name")],
    ids=["plain", "review", "restart", "business"],
)
def test_a_second_terminal_is_refused_and_the_first_keeps_every_answer(
    spawn: Spawn, folder: Path, extra: tuple[str, ...]
) -> None:
    first = spawn(*check_args())
    for number, reply in enumerate("yny", start=1):
        ask(first, number)
        first.sendline(reply)
    ask(first, 4)
    before = (folder / "a.yaml").read_bytes()

    second = spawn(*check_args("a.yaml", *extra))
    text = finish(second)
    assert second.exitstatus == 2, text
    in_use(text, first)
    assert "Question" not in text and "Start again?" not in text  # nothing asked
    assert (folder / "a.yaml").read_bytes() == before
    assert not list(folder.glob("a.backup*"))  # --restart made no backup

    first.sendline("n")
    for number, reply in enumerate("yy", start=5):
        ask(first, number)
        first.sendline(reply)
    ask(first, 7)
    first.sendline("q")
    text = finish(first)
    assert first.exitstatus == 0, text
    assert saved(folder / "a.yaml") == {
        "p01": True,
        "p02": False,
        "p03": True,
        "p04": False,
        "p05": True,
        "p06": True,
    }
    assert not (folder / "a.yaml.lock").exists()  # released on quitting


@pytest.mark.slow
@pytest.mark.parametrize("end", ["q", "ctrl-c", "hang-up", "terminate"])
def test_the_lock_is_released_however_the_first_run_ends(
    spawn: Spawn, folder: Path, end: str
) -> None:
    first = spawn(*check_args())
    ask(first, 1)
    first.sendline("y")
    ask(first, 2)
    if end == "q":
        first.sendline("q")
    elif end == "ctrl-c":
        first.sendcontrol("c")
    else:
        first.kill(signal.SIGHUP if end == "hang-up" else signal.SIGTERM)
    finish(first)
    assert not (folder / "a.yaml.lock").exists()

    second = spawn(*check_args())
    ask(second, 2)
    assert "Note:" not in screen(second)  # nothing stale to take over
    second.sendline("q")
    finish(second)
    assert second.exitstatus == 0


# --- a terminal and a script ----------------------------------------------------------


@pytest.fixture
def holder(spawn: Spawn, folder: Path) -> pexpect.spawn:
    """An interview in a terminal that has saved two answers and waits at the third."""
    child = spawn(*check_args())
    ask(child, 1)
    child.sendline("y")
    ask(child, 2)
    child.sendline("n")
    ask(child, 3)
    return child


@pytest.mark.slow
@pytest.mark.parametrize(
    ("answers", "extra", "stdin"),
    [
        ("a.yaml", (), "y\nn\ny\n"),
        ("a.yaml", (), ""),
        ("./a.yaml", ("--review",), "\n\n"),
        ("checklists/../a.yaml", ("--restart",), "y\ny\n"),
        ("{folder}/a.yaml", ("--business", "Hill Street"), "y\n"),
        ("linked/a.yaml", (), "n\n"),
    ],
    ids=["plain", "no input", "review", "restart", "business", "linked folder"],
)
def test_a_script_run_while_a_terminal_holds_the_file_is_refused(
    holder: pexpect.spawn, folder: Path, answers: str, extra: tuple[str, ...], stdin: str
) -> None:
    (folder / "linked").symlink_to(folder, target_is_directory=True)
    path = folder / "a.yaml"
    before = path.read_bytes()
    name = answers.format(folder=folder)
    outcome = outsource(
        *check_args(name, *extra),
        cwd=folder,
        given=[path, folder / "a.yaml.lock"],
        input=stdin,
    )
    refused(outcome, f"the answers file {Path(name)} is in use by another 'outsource check'")
    assert f"(process {holder.pid}, started" in outcome.output
    assert "Question" not in outcome.output
    assert path.read_bytes() == before
    assert not list(folder.glob("a.backup*")) and not (folder / "r.md").exists()

    holder.sendline("y")  # the terminal goes on as if nothing happened
    ask(holder, 4)
    holder.sendline("q")
    finish(holder)
    assert holder.exitstatus == 0
    assert saved(path) == {"p01": True, "p02": False, "p03": True}


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [
        ["report", "a.yaml", "--checklists", "checklists", "-o", "-"],
        ["report", "a.yaml", "--checklists", "checklists", "-o", "out.json"],
        ["compare", "b.yaml", "a.yaml", "--checklists", "checklists", "-o", "-"],
    ],
    ids=["report", "report to a file", "compare"],
)
def test_commands_that_only_read_take_no_lock(
    holder: pexpect.spawn, folder: Path, command: list[str]
) -> None:
    (folder / "b.yaml").write_bytes((folder / "a.yaml").read_bytes())
    outcome = outsource(*command, cwd=folder, given=[folder / "a.yaml", folder / "a.yaml.lock"])
    assert outcome.code == 0, outcome
    assert "in use" not in outcome.output


# --- what stands where the lock file should be -----------------------------------------


@pytest.mark.parametrize(
    ("make", "what"),
    [
        (lambda lock, secret: lock.symlink_to(secret), "is a symbolic link"),
        (lambda lock, secret: lock.symlink_to(secret.with_name("gone")), "is a symbolic link"),
        (lambda lock, secret: lock.mkdir(), "is a folder"),
        (lambda lock, secret: os.mkfifo(lock), "is not a regular file"),
    ],
    ids=["link to a secret", "dangling link", "folder", "fifo"],
)
def test_something_else_at_the_lock_path_is_refused_and_left_alone(
    folder: Path, make: Callable[[Path, Path], None], what: str
) -> None:
    secret = folder / "private.txt"
    secret.write_text("the password is swordfish\n", encoding="utf-8")
    make(folder / "a.yaml.lock", secret)
    outcome = outsource(*check_args(), cwd=folder, given=[secret], input="y\n")
    refused(outcome, "cannot write a.yaml:", f"a.yaml.lock {what}", "it was left as it is")
    assert "swordfish" not in outcome.output
    assert not (folder / "a.yaml").exists()


@pytest.mark.parametrize(
    "text",
    ["pid: {dead}\n", "pid: {dead}\nhost: {host}\ncommand: outsource check\nstarted: 2020-01-02\n"],
    ids=["pid only", "whole"],
)
def test_a_stale_lock_is_taken_over_with_a_one_line_note(folder: Path, text: str) -> None:
    import socket
    import subprocess

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    lock = folder / "a.yaml.lock"
    lock.write_text(text.format(dead=gone.pid, host=socket.gethostname()), encoding="utf-8")
    outcome = outsource(*check_args(), cwd=folder, input="y\nn\n" + "y\n" * (QUESTIONS - 2))
    assert outcome.code == 0, outcome
    notes = [line for line in outcome.stderr.splitlines() if line.startswith("Note:")]
    assert notes == [
        f"Note: took over the lock left by process {gone.pid}, which is no longer running."
    ]
    assert saved(folder / "a.yaml")["p02"] is False
    assert not lock.exists()


# --- SIGKILL at random points ---------------------------------------------------------

KILLS = 100
SEED = 20240601


@pytest.mark.slow
def test_a_run_killed_at_random_points_loses_no_confirmed_answer(
    spawn: Spawn, folder: Path
) -> None:
    """A hundred runs, each killed (SIGKILL) after a random number of answers, some while
    the last one is being saved: the file always reads, holds every confirmed answer, and
    the next run takes the stale lock over with a note."""
    chance = random.Random(SEED)
    checklist_set = load_checklists(folders=[folder / "checklists"], user_dir=folder / "none")
    files, expected, killed = [folder / "a0.yaml"], {}, 0  # type: ignore[var-annotated]
    for kill in range(KILLS):
        if len(expected) > QUESTIONS - 6:  # nearly full: on with a new file
            files.append(folder / f"a{len(files)}.yaml")
            expected, killed = {}, 0
        answers = files[-1]
        child = spawn(*check_args(answers.name))
        next_number = len(expected) + 1
        ask(child, next_number)
        if killed:
            note = f"Note: took over the lock left by process {killed}, which is no longer running."
            assert note in screen(child), screen(child)
        confirmed = dict(expected)
        pending: tuple[str, bool] | None = None
        for _ in range(chance.randint(0, 4)):
            reply = chance.choice([True, False])
            child.sendline("y" if reply else "n")
            pending = (f"p{next_number:02d}", reply)
            if chance.random() < 0.5:
                break  # kill while this one may still be being saved
            next_number += 1
            ask(child, next_number)
            confirmed[pending[0]] = reply
            pending = None
        if pending is not None:
            time.sleep(chance.uniform(0, 0.02))
        child.kill(signal.SIGKILL)
        child.expect(pexpect.EOF)
        child.close()
        assert child.signalstatus == signal.SIGKILL, f"kill {kill}: {screen(child)}"
        killed = child.pid

        load_answers(answers, checklist_set)  # reads as `outsource report` reads it
        on_disk = saved(answers)
        for key, value in confirmed.items():
            assert on_disk.get(key) == value, f"kill {kill}: {key} lost: {on_disk}"
        unexpected = set(on_disk) - set(confirmed)
        assert unexpected <= ({pending[0]} if pending else set()), f"kill {kill}: {on_disk}"
        if pending is not None and pending[0] in on_disk:
            assert on_disk[pending[0]] == pending[1]
        expected = on_disk
    for path in files:  # and each file as the command itself reads it
        report = outsource("report", path.name, "--checklists", "checklists", "-o", "-", cwd=folder)
        assert report.code == 0, report
