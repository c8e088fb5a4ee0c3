"""The writer lock of an answers file: one holder, who it is, stale locks, the fallback."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from outsource_cli import lock, lock_holder
from outsource_cli.errors import FileWriteError, InUseError
from outsource_cli.lock import AnswersLock, held, lock_file

HOLD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from outsource_cli.lock import held
    with held(Path(sys.argv[1]), command="outsource check"):
        print("held", flush=True)
        time.sleep(60)
    """
)


@pytest.fixture
def answers_path(tmp_path: Path) -> Path:
    return tmp_path / "outsource-answers.yaml"


@pytest.fixture(params=["flock", "exclusive create"])
def both_ways(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test runs with flock and with the fallback where fcntl is missing (Windows)."""
    if request.param == "exclusive create":
        monkeypatch.setattr(lock, "_FCNTL", None)
    return str(request.param)


@pytest.fixture
def other_process(answers_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the lock of answers_path until the test ends."""
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(answers_path)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "held\n"
    yield child
    child.kill()
    child.wait()


def dead_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def take(path: Path) -> None:
    """Take the lock and let it go."""
    with held(path):
        pass


def lines_of(error: pytest.ExceptionInfo[Any]) -> str:
    return " ".join(error.value.lines())


def test_the_lock_file_sits_beside_the_answers_file(answers_path: Path) -> None:
    assert lock_file(answers_path) == answers_path.with_name("outsource-answers.yaml.lock")


def test_a_held_lock_says_who_holds_it_and_is_removed_on_release(
    answers_path: Path, both_ways: str
) -> None:
    with held(answers_path, command="outsource check", command_line="outsource check -a x") as it:
        assert it.guards(answers_path)
        text = lock_file(answers_path).read_text(encoding="utf-8")
        assert f"pid: {os.getpid()}\n" in text
        assert "command: outsource check\n" in text
        assert "command line: outsource check -a x\n" in text
        assert "started: " in text
        assert it.took_over is None and it.note is None
    assert not it.is_held and not it.guards(answers_path)
    assert not lock_file(answers_path).exists()


def test_the_lock_is_released_when_the_block_fails(answers_path: Path, both_ways: str) -> None:
    with pytest.raises(KeyboardInterrupt), held(answers_path):
        raise KeyboardInterrupt
    assert not lock_file(answers_path).exists()
    with held(answers_path):  # free again
        pass


def test_a_second_holder_in_the_same_process_is_refused(answers_path: Path, both_ways: str) -> None:
    with held(answers_path, command="outsource check"):
        with pytest.raises(InUseError) as refused, held(answers_path):
            pass
        assert lock_file(answers_path).exists()  # the refused one removed nothing
    message = lines_of(refused)
    assert message.startswith(
        f"the answers file {answers_path} is in use by another 'outsource check' "
        f"(process {os.getpid()}, started "
    )
    assert "today)" in message
    assert message.endswith("Finish or quit that one first (q), then run this command again.")


def test_a_lock_held_by_another_process_is_refused_at_once(
    answers_path: Path, other_process: subprocess.Popen[str], both_ways: str
) -> None:
    before = lock_file(answers_path).read_bytes()
    with pytest.raises(InUseError) as refused:
        take(answers_path)
    assert f"'outsource check' (process {other_process.pid}, started" in lines_of(refused)
    assert lock_file(answers_path).read_bytes() == before


def test_a_lock_left_by_a_killed_process_is_taken_over(
    answers_path: Path, other_process: subprocess.Popen[str], both_ways: str
) -> None:
    other_process.send_signal(signal.SIGKILL)
    other_process.wait()
    assert lock_file(answers_path).exists()  # nobody removed it
    with held(answers_path) as it:
        assert it.took_over is not None and it.took_over.pid == other_process.pid
        assert it.note == (
            f"took over the lock left by process {other_process.pid}, which is no longer running."
        )
        assert f"pid: {os.getpid()}\n" in lock_file(answers_path).read_text(encoding="utf-8")
    assert not lock_file(answers_path).exists()


def test_a_lock_file_naming_a_dead_process_is_taken_over(
    answers_path: Path, both_ways: str
) -> None:
    pid = dead_pid()
    lock_file(answers_path).write_text(
        f"pid: {pid}\nhost: {lock_holder.this_host()}\n", encoding="utf-8"
    )
    with held(answers_path) as it:
        assert it.note is not None and f"process {pid}, which is no longer running" in it.note


def test_with_flock_an_empty_lock_file_left_behind_is_taken_over_silently(
    answers_path: Path,
) -> None:
    lock_file(answers_path).write_bytes(b"")
    with held(answers_path) as it:
        assert it.note is None


def test_with_flock_a_free_lock_is_taken_over_whatever_its_file_says(
    answers_path: Path,
) -> None:
    """flock is the proof: a file naming a running process whose flock is free is stale."""
    lock_file(answers_path).write_text(f"pid: {os.getppid()}\n", encoding="utf-8")
    with held(answers_path) as it:
        assert it.took_over is not None and it.took_over.pid == os.getppid()


class _ReplacingFcntl:
    """fcntl whose first flock happens just after the lock file was removed and made anew,
    as when the run that held it released it between our open and our lock."""

    def __init__(self, path: Path, *, always: bool = False) -> None:
        import fcntl

        self.real = fcntl
        self.path = path
        self.LOCK_EX, self.LOCK_NB = fcntl.LOCK_EX, fcntl.LOCK_NB
        self.calls = 0
        self.always = always

    def flock(self, descriptor: int, operation: int) -> None:
        self.calls += 1
        if self.calls == 1 or self.always:
            self.path.unlink()
            self.path.write_text("pid: 1\n", encoding="utf-8")  # another run's new lock file
        self.real.flock(descriptor, operation)


def test_a_lock_file_replaced_while_it_was_being_locked_is_tried_again(
    answers_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    replacing = _ReplacingFcntl(lock_file(answers_path))
    monkeypatch.setattr(lock, "_FCNTL", replacing)
    with held(answers_path):
        assert replacing.calls == 2
        text = lock_file(answers_path).read_text(encoding="utf-8")
        assert f"pid: {os.getpid()}\n" in text  # the file on disk is the one locked
    assert not lock_file(answers_path).exists()


def test_a_lock_file_that_keeps_being_replaced_is_given_up_with_a_message(
    answers_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    replacing = _ReplacingFcntl(lock_file(answers_path), always=True)
    monkeypatch.setattr(lock, "_FCNTL", replacing)
    with pytest.raises(FileWriteError, match="kept being replaced"):
        take(answers_path)


def test_a_file_system_without_locks_is_a_clear_error(
    answers_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_locks(descriptor: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    fake = SimpleNamespace(LOCK_EX=2, LOCK_NB=4, flock=no_locks)
    monkeypatch.setattr(lock, "_FCNTL", fake)
    with pytest.raises(FileWriteError, match=r"cannot lock .*No locks available"):
        take(answers_path)


@pytest.mark.parametrize("kind", ["link", "dangling link", "folder", "fifo"])
def test_a_lock_path_that_is_not_a_lock_file_is_left_as_it_is(
    answers_path: Path, kind: str, both_ways: str
) -> None:
    path = lock_file(answers_path)
    secret = answers_path.with_name("secret.txt")
    secret.write_text("password\n", encoding="utf-8")
    if kind == "link":
        path.symlink_to(secret)
    elif kind == "dangling link":
        path.symlink_to(answers_path.with_name("nowhere"))
    elif kind == "folder":
        path.mkdir()
    else:
        os.mkfifo(path)
    with pytest.raises(FileWriteError) as refused:
        take(answers_path)
    message = lines_of(refused)
    assert f"cannot write {answers_path}: {path} " in message
    assert "it was left as it is" in message and "password" not in message
    assert secret.read_text(encoding="utf-8") == "password\n"
    assert path.is_symlink() or path.exists()


@pytest.mark.parametrize("code", [errno.EACCES, errno.EROFS, errno.EPERM])
def test_a_folder_where_the_lock_cannot_be_created_says_it_is_read_only(
    answers_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, both_ways: str
) -> None:
    def refuse(*args: object, **kwargs: object) -> int:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(FileWriteError) as refused:
        take(answers_path)
    assert lines_of(refused) == (
        f"cannot write {answers_path}: the folder {answers_path.parent} is read-only "
        "(outsource needs to create outsource-answers.yaml.lock there while it works) "
        "Give a path in a folder you can write to."
    )


def test_a_missing_folder_says_so(tmp_path: Path, both_ways: str) -> None:
    path = tmp_path / "nowhere" / "a.yaml"
    with pytest.raises(FileWriteError, match=r"the folder .*nowhere does not exist"):
        take(path)


def test_without_flock_a_lock_naming_a_running_process_is_refused(
    answers_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lock, "_FCNTL", None)
    lock_file(answers_path).write_text(
        f"pid: {os.getppid()}\ncommand: outsource check\n", encoding="utf-8"
    )
    with pytest.raises(InUseError, match=f"'outsource check' \\(process {os.getppid()}\\)"):
        take(answers_path)


def test_without_flock_a_lock_from_another_computer_is_refused_with_a_way_out(
    answers_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lock, "_FCNTL", None)
    lock_file(answers_path).write_text(f"pid: {dead_pid()}\nhost: far-away\n", encoding="utf-8")
    with pytest.raises(InUseError) as refused:
        take(answers_path)
    message = lines_of(refused)
    assert " on far-away" in message
    assert f"If it no longer runs on far-away, delete {lock_file(answers_path)}" in message


@pytest.mark.parametrize("text", ["", "not a lock\n", "pid: -4\n", "pid: 99999999999999\n"])
def test_without_flock_a_lock_file_naming_no_process_is_refused_with_a_way_out(
    answers_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    monkeypatch.setattr(lock, "_FCNTL", None)
    lock_file(answers_path).write_text(text, encoding="utf-8")
    with pytest.raises(InUseError) as refused:
        take(answers_path)
    message = lines_of(refused)
    assert "in use by another outsource run" in message
    assert f"If no outsource runs at all, delete {lock_file(answers_path)}" in message
    assert lock_file(answers_path).read_text(encoding="utf-8") == text


def test_without_flock_release_leaves_a_lock_file_that_is_no_longer_ours(
    answers_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lock, "_FCNTL", None)
    with held(answers_path):
        lock_file(answers_path).write_text("pid: 1\n", encoding="utf-8")
    assert lock_file(answers_path).read_text(encoding="utf-8") == "pid: 1\n"


def test_what_a_lock_file_says_is_shown_cleaned_and_cut_short(
    answers_path: Path, other_process: subprocess.Popen[str]
) -> None:
    path = lock_file(answers_path)
    hostile = f"pid: {other_process.pid}\ncommand: evil\x1b[2J\u202e{'x' * 500}\n"
    os.truncate(path, 0)
    path.write_text(hostile, encoding="utf-8")  # same file, still locked by the other
    with pytest.raises(InUseError) as refused:
        take(answers_path)
    message = lines_of(refused)
    assert "'evil?[2J?xxx" in message and "\x1b" not in message and "\u202e" not in message
    assert "x" * 100 not in message and "...'" in message


@pytest.mark.parametrize(
    ("started", "said"),
    [
        (timedelta(0), "{clock} today"),
        (timedelta(days=400), "{day} {month} {year} at {clock}"),
    ],
)
def test_when_a_holder_started_is_said_plainly(started: timedelta, said: str) -> None:
    moment = datetime.now().astimezone() - started
    holder = lock_holder.Holder(pid=4242, started=moment)
    expected = said.format(
        clock=moment.strftime("%H:%M"),
        day=moment.day,
        month=moment.strftime("%B"),
        year=moment.year,
    )
    assert holder.describe() == f"process 4242, started {expected}"


def test_the_interview_needs_the_lock_of_its_own_file(tmp_path: Path) -> None:
    from outsource_cli import checklist_set
    from outsource_cli.interview import open_interview

    from ..helpers import DATA

    loaded = checklist_set.load(folders=[DATA / "checklists"], user_dir=tmp_path / "none")
    with held(tmp_path / "other.yaml") as other, pytest.raises(ValueError, match="not held"):
        open_interview(loaded, tmp_path / "a.yaml", lock=other)
    released = AnswersLock(path=tmp_path / "a.yaml", file=lock_file(tmp_path / "a.yaml"))
    with pytest.raises(ValueError, match="not held"):
        open_interview(loaded, tmp_path / "a.yaml", lock=released)
    assert not (tmp_path / "a.yaml").exists()


class _Kernel:
    """The few Windows calls the fallback makes, answering as for one process."""

    def __init__(self, handle: int, error: int, exit_code: int) -> None:
        self.handle, self.error, self.exit_code = handle, error, exit_code
        self.closed = False

    def OpenProcess(self, access: int, inherit: bool, pid: int) -> int:
        return self.handle

    def GetLastError(self) -> int:
        return self.error

    def GetExitCodeProcess(self, handle: int, code: Any) -> int:
        code._obj.value = self.exit_code
        return 1

    def CloseHandle(self, handle: int) -> int:
        self.closed = True
        return 1


@pytest.mark.parametrize(
    ("kernel", "running"),
    [
        (_Kernel(handle=7, error=0, exit_code=259), True),  # STILL_ACTIVE
        (_Kernel(handle=7, error=0, exit_code=0), False),  # ended, handle still open
        (_Kernel(handle=0, error=5, exit_code=0), True),  # access denied: it exists
        (_Kernel(handle=0, error=87, exit_code=0), False),  # no such process
    ],
)
def test_on_windows_a_process_is_asked_for_its_exit_code_never_signalled(
    monkeypatch: pytest.MonkeyPatch, kernel: _Kernel, running: bool
) -> None:
    import ctypes

    monkeypatch.setattr(ctypes, "windll", SimpleNamespace(kernel32=kernel), raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    assert lock_holder._running(4242) is running
    assert kernel.closed is bool(kernel.handle)
