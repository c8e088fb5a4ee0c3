"""The console the interview talks to and the standard input it reads, a line at a time.

Works the same on a terminal and on a pipe: without a terminal, each line of standard
input answers one prompt, and the line is echoed so the transcript reads naturally.
"""

from __future__ import annotations

import contextlib
import re
import sys

from rich.console import Console
from rich.text import Text

from ..safe_text import clean
from .console import SafeConsole

_ANSI = re.compile(r"(\x1b\[[0-9;]*m)")


_MOST_ECHOED = 1_000
"""The most characters of a line read from a pipe shown again on the screen."""


class Screen:
    """The console the interview talks to, and the standard input it reads from."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or SafeConsole(highlight=False)
        self.interactive = sys.stdin.isatty()
        with contextlib.suppress(AttributeError, ValueError, OSError):
            # bytes that are not valid text become '�' (then a clear "type y or n")
            sys.stdin.reconfigure(errors="replace")  # type: ignore[union-attr]
        if self.interactive:
            with contextlib.suppress(ImportError):
                import readline  # noqa: F401  (line editing and arrow keys in answers)

    def say(self, *parts: str | Text, style: str = "") -> None:
        """Print one paragraph."""
        text = Text()
        for part in parts:
            text.append(part if isinstance(part, Text) else Text(part))
        self.console.print(text, style=style)

    def blank(self) -> None:
        self.console.print()

    def end_line(self) -> None:
        """Finish a prompt's line when input stopped without a newline (Ctrl-C, Ctrl-D)."""
        with contextlib.suppress(OSError):
            self.console.print()

    def ask(self, prompt: Text) -> str:
        """Show a prompt and read one line; EOFError at the end of input."""
        with self.console.capture() as captured:
            self.console.print(prompt, end="")
        shown = captured.get()
        if self.interactive:
            # readline must know which characters take no room on screen
            return input(_ANSI.sub("\x01\\1\x02", shown))
        sys.stdout.write(shown)
        sys.stdout.flush()
        line = sys.stdin.readline()
        if not line:
            raise EOFError
        typed = line.rstrip("\r\n")
        # the echo of a line read from a pipe, cut short: a long one is refused anyway
        echo = typed if len(typed) <= _MOST_ECHOED else typed[:_MOST_ECHOED] + "…"
        self.console.print(Text(clean(echo)))
        return typed
