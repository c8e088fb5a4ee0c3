"""Long output on a terminal, a screen at a time through a pager, the way git does it.

Output longer than the screen, on a terminal, goes through the pager the user chose
(OUTSOURCE_PAGER, else PAGER), else `less`, run through the shell as git runs it, with
LESS=FRX unless LESS is set (quit at the end of one screen, keep the colours, leave the
screen as it is). Output to a pipe or a file, short output, an empty value or `cat` are
printed as they are; so is everything, should no pager start.

rich's `Console.pager` and pydoc were looked at and not used: pydoc reads MANPAGER and
PAGER only, pages whatever the length, needs standard input to be a terminal too, and
sets no LESS, so colours would show as escape codes.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from enum import Enum

from rich.cells import cell_len
from rich.console import Console

PAGER_VARIABLES = ("OUTSOURCE_PAGER", "PAGER")
"""Where the pager is read from, the first one set winning (even set to nothing)."""
DEFAULT_PAGER = "less"
PAGER_ENVIRONMENT = {"LESS": "FRX", "LV": "-c"}
"""Set for the pager unless the user has set them, as git does: for less, quit when it all
fits on one screen (F), keep the colours (R) and leave the screen as it was (X); lv keeps
colours with -c."""
NO_PAGER = ("", "cat")
"""Values of the variables that mean: no pager."""
_NOT_STARTED = (126, 127)
"""The shell's exit codes for a command it found but could not run, and one not found."""
_CHUNK = 65536
_STYLES = re.compile(r"\x1b\[[0-9;:?]*[A-Za-z]|\x1b\]8;[^\x1b\a]*(?:\x1b\\|\a)")
"""The escape sequences rich writes for styles and links, which take no room on screen."""


class Paged(Enum):
    """How showing the output ended."""

    SHOWN = "shown"
    """Printed, or shown in the pager until the user left it."""
    INTERRUPTED = "interrupted"
    """Ctrl-C while the pager ran: it was let finish, and the command should stop (130)."""


def pager_command(environ: Mapping[str, str]) -> str | None:
    """The pager to run: OUTSOURCE_PAGER, else PAGER, else less if installed; None for none.

    A variable that is set wins even when empty: empty (or only spaces) and `cat` mean no
    pager, as for git.
    """
    for name in PAGER_VARIABLES:
        if name in environ:
            command = environ[name].strip()
            break
    else:
        command = DEFAULT_PAGER if shutil.which(DEFAULT_PAGER) else ""
    return None if command in NO_PAGER else command


def show_paged(console: Console, draw: Callable[[Console], None], *, allowed: bool = True) -> Paged:
    """Draw on the console, through the pager when it is allowed and the output needs one.

    A pager is used only when the console writes to a terminal, a pager is chosen, and
    what is drawn takes more lines than the screen holds (less one, for the prompt after).
    """
    command = pager_command(os.environ) if allowed and _on_terminal(console) else None
    if command is None:
        draw(console)
        return Paged.SHOWN
    with console.capture() as captured:
        draw(console)
    text = captured.get()
    if _rows(text, console.width) < console.height:
        _print(console, text)
        return Paged.SHOWN
    outcome = _run_pager(command, text, getattr(console.file, "encoding", None) or "utf-8")
    if outcome is None:  # no pager could be started: print it all instead
        _print(console, text)
        return Paged.SHOWN
    return outcome


def _on_terminal(console: Console) -> bool:
    """Whether the console writes to a terminal (not a pipe or a file, whatever FORCE_COLOR)."""
    try:
        return bool(console.file.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def _rows(text: str, width: int) -> int:
    """How many lines of the screen the text takes, long lines wrapping at the width."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    width = max(width, 1)
    return sum(max(1, -(-cell_len(_STYLES.sub("", line)) // width)) for line in lines)


def _print(console: Console, text: str) -> None:
    """Write what was drawn (cleaned already, with rich's styles) as it is."""
    console.file.write(text)
    console.file.flush()


def _run_pager(command: str, text: str, encoding: str) -> Paged | None:
    """Feed the text to the pager through the shell; None when it could not be started.

    Ctrl-C is left to the pager (less keeps running): the pager sees the end of its input
    and is waited for, so the terminal is never left in its hands, and the command then
    stops with 130. A pager quit before the end (q in less) just ends the output.
    """
    environment = {**PAGER_ENVIRONMENT, **os.environ}
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    try:  # through the shell, as git runs it: the value may hold options, pipes, quotes
        process = subprocess.Popen(
            command, shell=True, stdin=subprocess.PIPE, env=environment, bufsize=0
        )
    except OSError:  # no shell to run it with
        return None
    interrupted = False
    assert process.stdin is not None  # stdin=PIPE
    data = text.encode(encoding, errors="replace")
    left = memoryview(data)
    try:
        while left:
            written = process.stdin.write(left[:_CHUNK])
            if not written:
                break
            left = left[written:]
    except KeyboardInterrupt:
        interrupted = True
    except OSError:  # the pager quit before the end (BrokenPipeError): nothing more to show
        pass
    finally:
        with contextlib.suppress(OSError):
            process.stdin.close()
    while True:
        try:
            code = process.wait()
            break
        except KeyboardInterrupt:  # the pager has the terminal: let it finish
            interrupted = True
    if interrupted:
        return Paged.INTERRUPTED
    return None if code in _NOT_STARTED else Paged.SHOWN
