"""Hostile: an output that is a device, a named pipe, a folder or a socket is never replaced."""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import threading
from pathlib import Path

import pytest

from ..helpers import ROOT
from .support import COMMAND, outsource, refused

ANSWERS = ROOT / "examples" / "online-shop-answers.yaml"
LATER = ROOT / "examples" / "online-shop-answers-september.yaml"
REPORT_START = "# Outsourcing readiness report"


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "a.yaml"
    shutil.copy(ANSWERS, path)
    shutil.copy(LATER, tmp_path / "later.yaml")
    return path


def _commands(target: str) -> dict[str, list[str]]:
    return {
        "report": ["report", "a.yaml", "-o", target],
        "compare": ["compare", "a.yaml", "later.yaml", "-f", "md", "-o", target],
        "check": ["check", "--answers", "a.yaml", "--report", target],
    }


def _device_still_there() -> None:
    found = os.stat("/dev/null")
    assert stat.S_ISCHR(found.st_mode) and os.major(found.st_rdev) == 1


@pytest.mark.slow
def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path: Path, answers: Path) -> None:
    """`-o /dev/stdout | head` stops as `-o - | head` does: no error about a broken pipe."""
    reader = subprocess.Popen(
        [str(COMMAND), "report", "a.yaml", "-f", "json", "-o", "/dev/stdout"],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None and reader.stderr is not None
    assert reader.stdout.read(5) == b'{\n  "'
    reader.stdout.close()
    message = reader.stderr.read().decode()
    assert reader.wait(timeout=60) == 1
    assert message == ""


@pytest.mark.parametrize("command", ["report", "compare", "check"])
@pytest.mark.parametrize("through_link", [False, True], ids=["device", "link-to-device"])
def test_dev_null_is_written_and_stays_a_device(
    tmp_path: Path, answers: Path, command: str, through_link: bool
) -> None:
    target = "/dev/null"
    if through_link:
        (tmp_path / "null.md").symlink_to("/dev/null")
        target = "null.md"
    done = outsource(
        *_commands(target)[command], cwd=tmp_path, given=[answers], input="\n", timeout=30
    )
    assert done.code == 0, done
    assert "written to" in done.output and target in done.output
    _device_still_there()
    if through_link:
        assert (tmp_path / "null.md").is_symlink()


@pytest.mark.skipif(os.geteuid() != 0, reason="replacing /dev/null needs root")
def test_as_root_dev_null_is_not_replaced(tmp_path: Path, answers: Path) -> None:
    before = os.stat("/dev/null")
    done = outsource("report", "a.yaml", "-o", "/dev/null", cwd=tmp_path, given=[answers])
    assert done.code == 0, done
    after = os.stat("/dev/null")
    assert (after.st_ino, after.st_mode, after.st_rdev) == (
        before.st_ino,
        before.st_mode,
        before.st_rdev,
    )


@pytest.mark.slow
@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1", "link"])
@pytest.mark.parametrize("command", ["report", "compare"])
def test_a_path_to_standard_output_writes_there(
    tmp_path: Path, answers: Path, name: str, command: str
) -> None:
    if name == "link":
        (tmp_path / "out.md").symlink_to("/dev/stdout")
        name = "out.md"
    done = outsource(*_commands(name)[command], cwd=tmp_path, given=[answers], timeout=30)
    assert done.code == 0, done
    assert done.stdout.startswith("# ")  # the report or comparison itself, and nothing else
    assert "written to" in done.stderr and "written to" not in done.stdout


@pytest.mark.slow
@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/fd/1"])
@pytest.mark.parametrize("mode", ["w", "a"], ids=["redirected", "appended"])
def test_standard_output_redirected_to_a_file_is_written_as_a_stream(
    tmp_path: Path, answers: Path, name: str, mode: str
) -> None:
    out = tmp_path / "out.md"
    out.write_text("kept\n")
    with out.open(mode) as stream:
        done = subprocess.run(
            [str(COMMAND), "report", "a.yaml", "-o", name],
            cwd=tmp_path,
            stdin=subprocess.DEVNULL,
            stdout=stream,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    text = out.read_text()
    assert text.startswith("kept\n" + REPORT_START if mode == "a" else REPORT_START)
    assert stat.S_ISREG(out.lstat().st_mode) and answers.read_bytes() == ANSWERS.read_bytes()


@pytest.mark.parametrize("command", ["report", "compare", "check"])
def test_a_named_pipe_is_written_to_its_reader(tmp_path: Path, answers: Path, command: str) -> None:
    pipe = tmp_path / "out.md"
    os.mkfifo(pipe)
    received: list[str] = []

    def read() -> None:
        with pipe.open(encoding="utf-8") as stream:
            received.append(stream.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    done = outsource(
        *_commands("out.md")[command], cwd=tmp_path, given=[answers], input="\n", timeout=30
    )
    reader.join(timeout=30)
    assert done.code == 0, done
    assert received and received[0].startswith("# "), received
    if command != "compare":
        assert received[0].startswith(REPORT_START)
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.yaml", "later.yaml", "out.md"]


@pytest.mark.slow
def test_waiting_for_a_reader_stops_cleanly_on_ctrl_c(tmp_path: Path, answers: Path) -> None:
    import signal
    import time

    os.mkfifo(tmp_path / "out.md")
    # a handled signal is reset for the child, an ignored one (a background job) is not
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        process = subprocess.Popen(
            [str(COMMAND), "report", "a.yaml", "-o", "out.md"],
            cwd=tmp_path,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    finally:
        signal.signal(signal.SIGINT, previous)
    try:
        time.sleep(3)  # long enough to reach the open, which waits for a reader
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 130, err
    assert "Stopped" in err and "Traceback" not in err
    assert stat.S_ISFIFO((tmp_path / "out.md").lstat().st_mode)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["folder", ".", "/tmp"])
@pytest.mark.parametrize("command", ["report", "compare"])
def test_a_folder_is_refused(tmp_path: Path, answers: Path, name: str, command: str) -> None:
    (tmp_path / "folder").mkdir()
    done = outsource(*_commands(name)[command], cwd=tmp_path, given=[answers], timeout=30)
    refused(done, name, "is a folder; give a file name")


def test_a_folder_as_check_report_is_refused(tmp_path: Path, answers: Path) -> None:
    (tmp_path / "folder").mkdir()
    done = outsource(*_commands("folder")["check"], cwd=tmp_path, given=[answers], timeout=30)
    assert done.code == 2 and "folder" in done.output and "director" in done.output


@pytest.mark.slow
@pytest.mark.parametrize("command", ["report", "compare", "check"])
def test_a_socket_is_refused(tmp_path: Path, answers: Path, command: str) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "out.md"))
    try:
        done = outsource(*_commands("out.md")[command], cwd=tmp_path, given=[answers], timeout=30)
    finally:
        server.close()
    refused(done, "out.md is a socket, not a file")
    assert stat.S_ISSOCK((tmp_path / "out.md").lstat().st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device file needs root")
@pytest.mark.parametrize("kind", ["block", "character"])
def test_a_device_file_is_never_replaced(tmp_path: Path, answers: Path, kind: str) -> None:
    device = tmp_path / "out.md"
    mode = stat.S_IFBLK if kind == "block" else stat.S_IFCHR
    try:  # a loop device number no system has: nothing could be written to a disk
        os.mknod(device, mode | 0o600, os.makedev(7, 255) if kind == "block" else os.makedev(1, 3))
    except OSError:
        pytest.skip("device files cannot be made here")
    done = outsource("report", "a.yaml", "-o", "out.md", cwd=tmp_path, given=[answers])
    if kind == "block":
        refused(done, "out.md is a block device (a disk), not a file")
    else:
        assert done.code == 0, done  # a copy of /dev/null: written as a stream
    assert device.lstat().st_mode & mode == mode


def test_a_full_device_says_so(tmp_path: Path, answers: Path) -> None:
    done = outsource("report", "a.yaml", "-o", "/dev/full", cwd=tmp_path, given=[answers])
    refused(done, "cannot write to /dev/full", "No space left")


@pytest.mark.parametrize("kind", ["symlink", "read-only"])
def test_the_refusals_of_regular_files_stay(tmp_path: Path, answers: Path, kind: str) -> None:
    out = tmp_path / "out.md"
    if kind == "symlink":
        (tmp_path / "real.md").write_text("keep")
        out.symlink_to(tmp_path / "real.md")
        words = "is a symbolic link"
    else:
        out.write_text("keep")
        out.chmod(0o444)
        words = "is read-only"
    done = outsource("report", "a.yaml", "-o", "out.md", cwd=tmp_path, given=[answers, out])
    refused(done, words)
