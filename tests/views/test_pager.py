"""The pager: which one runs, when output goes through it, and what it is given."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text

from outsource_cli.views.console import SafeConsole
from outsource_cli.views.pager import Paged, pager_command, show_paged

SCREEN = 10
"""The fake terminal's height, in lines."""


class Terminal(io.StringIO):
    """What a console writes, standing for a terminal."""

    def isatty(self) -> bool:
        return True


def console(file: io.StringIO | None = None, *, colour: bool = False) -> SafeConsole:
    return SafeConsole(
        file=file if file is not None else Terminal(),
        width=40,
        height=SCREEN,
        color_system="standard" if colour else None,
    )


def lines(count: int, style: str = "") -> Callable[[Console], None]:
    def draw(target: Console) -> None:
        for number in range(1, count + 1):
            target.print(Text(f"line {number}", style=style))

    return draw


@pytest.fixture
def recorder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """OUTSOURCE_PAGER set to a shell command that keeps what it is given, and its LESS."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PAGER", raising=False)
    monkeypatch.delenv("LESS", raising=False)
    monkeypatch.setenv("OUTSOURCE_PAGER", 'echo "LESS=$LESS" > less.txt; cat > paged.txt')
    return tmp_path / "paged.txt"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"OUTSOURCE_PAGER": "most", "PAGER": "more"}, "most"),
        ({"PAGER": "more -s"}, "more -s"),
        ({"OUTSOURCE_PAGER": "", "PAGER": "more"}, None),
        ({"OUTSOURCE_PAGER": "  "}, None),
        ({"OUTSOURCE_PAGER": "cat", "PAGER": "more"}, None),
        ({"PAGER": "cat"}, None),
        ({"OUTSOURCE_PAGER": "cat | tr a-z A-Z"}, "cat | tr a-z A-Z"),
    ],
)
def test_outsource_pager_wins_over_pager_and_empty_or_cat_means_none(
    environ: dict[str, str], expected: str | None
) -> None:
    assert pager_command(environ) == expected


def test_without_a_choice_the_pager_is_less_where_it_is_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert pager_command({}) is None
    (tmp_path / "less").write_text("#!/bin/sh\n")
    (tmp_path / "less").chmod(0o755)
    assert pager_command({}) == "less"


def test_output_longer_than_the_screen_goes_through_the_pager(recorder: Path) -> None:
    screen = Terminal()
    assert show_paged(console(screen), lines(SCREEN)) is Paged.SHOWN
    assert recorder.read_text() == "".join(f"line {n}\n" for n in range(1, SCREEN + 1))
    assert Path("less.txt").read_text() == "LESS=FRX\n"
    assert screen.getvalue() == ""


def test_a_less_of_the_users_own_is_kept(recorder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LESS", "-S")
    show_paged(console(), lines(SCREEN))
    assert Path("less.txt").read_text() == "LESS=-S\n"


def test_the_pager_gets_the_colours(recorder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR")
    show_paged(console(colour=True), lines(SCREEN, "bold red"))
    assert recorder.read_text().startswith("\x1b[1;31mline 1\x1b[0m\n")


@pytest.mark.parametrize(
    ("count", "width", "paged"),
    [
        (SCREEN - 1, 8, False),  # a line is left for the prompt that follows
        (SCREEN, 8, True),
        (4, 40, False),  # as wide as the screen: one line each
        (4, 40 * 3, True),  # each line wraps to three on the screen
    ],
)
def test_only_what_does_not_fit_on_the_screen_is_paged(
    recorder: Path, count: int, width: int, paged: bool
) -> None:
    screen = Terminal()

    def draw(target: Console) -> None:
        for _ in range(count):
            target.print("x" * width, soft_wrap=True)

    show_paged(console(screen), draw)
    assert recorder.exists() is paged
    assert screen.getvalue() == ("" if paged else ("x" * width + "\n") * count)


@pytest.mark.parametrize(
    "case", ["no-pager", "not-a-terminal", "empty", "cat", "not-found", "not-executable"]
)
def test_everything_is_printed_when_there_is_no_pager(
    recorder: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    screen: io.StringIO = io.StringIO() if case == "not-a-terminal" else Terminal()
    Path("not-a-program").write_text("echo shown > paged.txt\n")  # not executable
    commands = {
        "empty": "",
        "cat": "cat",
        "not-found": "no-such-pager-here",
        "not-executable": "./not-a-program",
    }
    if case in commands:
        monkeypatch.setenv("OUTSOURCE_PAGER", commands[case])
    shown = show_paged(console(screen), lines(SCREEN * 2), allowed=case != "no-pager")
    assert shown is Paged.SHOWN
    assert screen.getvalue() == "".join(f"line {n}\n" for n in range(1, SCREEN * 2 + 1))
    assert not recorder.exists()


def test_a_pager_that_quits_before_the_end_ends_the_output_quietly(
    recorder: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OUTSOURCE_PAGER", "head -c 10 > paged.txt")
    screen = Terminal()

    def draw(target: Console) -> None:
        for _ in range(5000):  # far more than a pipe holds
            target.print("x" * 39)

    assert show_paged(console(screen), draw) is Paged.SHOWN
    assert recorder.read_text() == "x" * 10
    assert screen.getvalue() == ""
    assert capfd.readouterr().err == ""


def test_the_pager_runs_through_the_shell(recorder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(
        "OUTSOURCE_PAGER", f"'{sys.executable}' -c 'import sys' && tr a-z A-Z > paged.txt"
    )
    show_paged(console(), lines(SCREEN))
    assert recorder.read_text().startswith("LINE 1\nLINE 2\n")
