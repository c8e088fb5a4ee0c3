"""Hostile: a named pipe, device, socket or folder given as a file is refused at once, by name."""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from outsource_cli.checklist_set import builtin_checklists_dir
from outsource_cli.report.render import builtin_templates_dir

from ..helpers import ROOT
from .support import outsource, refused

ANSWERS = ROOT / "examples" / "online-shop-answers.yaml"
LATER = ROOT / "examples" / "online-shop-answers-september.yaml"
TIMEOUT = 30.0
"""A named pipe must never make a command wait: each case ends in seconds."""


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "a.yaml"
    shutil.copy(ANSWERS, path)
    shutil.copy(LATER, tmp_path / "later.yaml")
    return path


@pytest.fixture
def sockets() -> Iterator[list[socket.socket]]:
    opened: list[socket.socket] = []
    yield opened
    for server in opened:
        server.close()


def _fifo(path: Path, _sockets: list[socket.socket]) -> None:
    os.mkfifo(path)


def _link_to_fifo(path: Path, _sockets: list[socket.socket]) -> None:
    os.mkfifo(path.with_name("real-pipe"))
    path.symlink_to(path.with_name("real-pipe"))


def _folder(path: Path, _sockets: list[socket.socket]) -> None:
    path.mkdir()


def _socket(path: Path, sockets: list[socket.socket]) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    sockets.append(server)


def _link_to(device: str) -> Callable[[Path, list[socket.socket]], None]:
    def make(path: Path, _sockets: list[socket.socket]) -> None:
        path.symlink_to(device)

    return make


KINDS: dict[str, tuple[Callable[[Path, list[socket.socket]], None], str]] = {
    "fifo": (_fifo, "is a named pipe (FIFO), not a file"),
    "link-to-fifo": (_link_to_fifo, "is a named pipe (FIFO), not a file"),
    "folder": (_folder, "is a folder, not a file"),
    "socket": (_socket, "is a socket, not a file"),
    "zero": (_link_to("/dev/zero"), "is a device, not a file"),
    "null": (_link_to("/dev/null"), "is a device, not a file"),
    "stdin": (_link_to("/dev/stdin"), "is a named pipe (FIFO), not a file"),
}
"""How to make each kind at a path, and what the message says it is (x.yaml: this ...)."""
QUICK = {"fifo"}

COMMANDS: dict[str, list[str]] = {
    "report": ["report", "x.yaml"],
    "check": ["check", "--answers", "x.yaml"],
    "compare-first": ["compare", "x.yaml", "later.yaml"],
    "compare-second": ["compare", "a.yaml", "x.yaml"],
    "report-template": ["report", "a.yaml", "--template", "x.yaml"],
    "check-template": ["check", "--answers", "a.yaml", "--template", "x.yaml"],
    "validate": ["checklists", "validate", "x.yaml"],
}
TYPER_CHECKED = {"check", "report-template", "check-template"}
"""Options whose folder is refused by the command line itself, as a directory."""


def _cases() -> Iterator[object]:
    for kind in KINDS:
        for command in COMMANDS:
            marks = () if kind in QUICK else (pytest.mark.slow,)
            yield pytest.param(kind, command, marks=marks, id=f"{command}-{kind}")


@pytest.mark.parametrize(("kind", "command"), list(_cases()))
def test_a_path_that_is_not_a_file_is_refused_at_once(
    tmp_path: Path, answers: Path, sockets: list[socket.socket], kind: str, command: str
) -> None:
    make, words = KINDS[kind]
    make(tmp_path / "x.yaml", sockets)
    done = outsource(*COMMANDS[command], cwd=tmp_path, given=[answers], input="", timeout=TIMEOUT)
    if kind == "folder" and command == "validate":  # a folder of checklists: it may be
        assert done.code == 0 and "All valid" in done.output, done
        return
    if kind == "folder" and command in TYPER_CHECKED:
        refused(done, "x.yaml", "is a directory")
        return
    if kind == "socket" and command == "check":
        refused(done, "x.yaml is a socket, not a file")  # refused as the file to save
        return
    refused(done, "x.yaml", words.removeprefix("is "))


@pytest.mark.parametrize(
    "kind",
    [
        pytest.param(kind, marks=() if kind in QUICK else (pytest.mark.slow,))
        for kind in KINDS
        if kind != "stdin"
    ],
)
@pytest.mark.parametrize("command", ["report", "checklists-list", "validate"])
def test_a_checklist_folder_holding_one_is_refused_naming_it(
    tmp_path: Path, answers: Path, sockets: list[socket.socket], kind: str, command: str
) -> None:
    folder = tmp_path / "lists"
    shutil.copytree(builtin_checklists_dir(), folder)
    make, words = KINDS[kind]
    make(folder / "x.yaml", sockets)
    args = {
        "report": ["report", "a.yaml", "--checklists", "lists"],
        "checklists-list": ["checklists", "list", "--checklists", "lists"],
        "validate": ["checklists", "validate", "lists"],
    }[command]
    done = outsource(*args, cwd=tmp_path, given=[answers], timeout=TIMEOUT)
    refused(done, "lists/x.yaml", words.removeprefix("is "))


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/stdin", "/dev/fd/0"])
def test_a_device_named_directly_is_refused(tmp_path: Path, answers: Path, device: str) -> None:
    done = outsource("report", device, cwd=tmp_path, given=[answers], timeout=TIMEOUT)
    refused(done, device, "not a file")


def test_restart_with_a_named_pipe_backs_nothing_up(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "x.yaml")
    done = outsource(
        "check", "--answers", "x.yaml", "--restart", cwd=tmp_path, input="y\n", timeout=TIMEOUT
    )
    refused(done, "x.yaml", "named pipe (FIFO)")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["x.yaml"]


def test_links_to_regular_files_still_work(tmp_path: Path, answers: Path) -> None:
    (tmp_path / "link.yaml").symlink_to(answers)
    folder = tmp_path / "lists"
    folder.mkdir()
    for checklist in builtin_checklists_dir().glob("*.yaml"):
        (folder / checklist.name).symlink_to(checklist)
    shutil.copy(builtin_templates_dir() / "report.md.j2", tmp_path / "real.md.j2")
    (tmp_path / "t.md.j2").symlink_to("real.md.j2")  # a template stays inside its folder
    done = outsource(
        "report",
        "link.yaml",
        "--checklists",
        "lists",
        "--template",
        "t.md.j2",
        "-o",
        "out.md",
        cwd=tmp_path,
        given=[answers],
        timeout=TIMEOUT,
    )
    assert done.code == 0, done
    assert (tmp_path / "out.md").read_text().startswith("# Outsourcing readiness report")
