"""Who holds an answers file's lock: what its lock file says, in words, and whether it runs."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from datetime import datetime

_FIELD_LENGTH = 80
_LINE_LENGTH = 200


@dataclass(frozen=True)
class Holder:
    """Who holds (or held) a lock, as its lock file says."""

    pid: int
    host: str = ""
    command: str = ""
    started: datetime | None = None

    def describe(self) -> str:
        """The holder in words: 'process 4242, started 10:02 today'."""
        words = f"process {self.pid}"
        if self.host and self.host != this_host():
            words += f" on {self.host}"
        if self.started is not None:
            words += f", started {_when(self.started)}"
        return words

    def is_gone(self) -> bool:
        """Whether the holder's process has ended: only known for a process on this computer."""
        if self.host and self.host != this_host():
            return False
        return self.pid != os.getpid() and not _running(self.pid)


def _running(pid: int) -> bool:
    """Whether a process with this id runs on this computer."""
    if sys.platform == "win32":
        return _running_on_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, but belongs to someone else
        return True
    return True


def _running_on_windows(pid: int) -> bool:
    # os.kill(pid, 0) would end the process there; ask for its exit code instead
    import ctypes

    kernel = getattr(ctypes, "windll").kernel32  # noqa: B009 (only on Windows)
    handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return bool(kernel.GetLastError() == 5)  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        kernel.GetExitCodeProcess(handle, ctypes.byref(code))
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel.CloseHandle(handle)


def holder_text(command: str, command_line: str) -> bytes:
    """What this process writes into the lock file it holds: who it is, for the next run."""
    started = datetime.now().astimezone().isoformat(timespec="seconds")
    lines = [
        "# outsource is writing the answers file beside this one. Delete this file by",
        "# hand only when no outsource command runs.",
        f"pid: {os.getpid()}",
        f"host: {_printable(this_host(), _FIELD_LENGTH)}",
        f"command: {_printable(command, _FIELD_LENGTH)}",
        f"command line: {_printable(command_line, _LINE_LENGTH)}",
        f"started: {started}",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def parse_holder(data: bytes) -> Holder | None:
    """The holder a lock file names, or None when it names no process."""
    fields: dict[str, str] = {}
    for line in data.decode("utf-8", errors="replace").splitlines():
        key, colon, value = line.partition(":")
        if colon and not key.startswith("#"):
            fields.setdefault(key.strip(), value.strip())
    pid_text = fields.get("pid", "")
    if not pid_text.isascii() or not pid_text.isdigit() or len(pid_text) > 10:
        return None
    pid = int(pid_text)
    if not 0 < pid < 2**31:
        return None
    started: datetime | None
    try:
        started = datetime.fromisoformat(fields.get("started", "")[:40])
    except ValueError:
        started = None
    return Holder(
        pid=pid,
        host=_printable(fields.get("host", ""), _FIELD_LENGTH),
        command=_printable(fields.get("command", ""), _FIELD_LENGTH),
        started=started,
    )


def _printable(text: str, length: int) -> str:
    """Text from a lock file as it may be shown: no control characters, cut short."""
    shown = "".join(char if char.isprintable() else "?" for char in text.strip())
    return shown if len(shown) <= length else shown[: length - 3] + "..."


def this_host() -> str:
    """This computer's name, as a lock file says it."""
    import socket  # only when a lock is taken or read: not worth loading for every report

    return _printable(socket.gethostname(), _FIELD_LENGTH)


def _when(started: datetime) -> str:
    if started.tzinfo is not None:
        started = started.astimezone()
    today = datetime.now(started.tzinfo).date()
    clock = started.strftime("%H:%M")
    if started.date() == today:
        return f"{clock} today"
    day = f"{started.day} {started.strftime('%B')}"
    if started.year != today.year:
        day += f" {started.year}"
    return f"{day} at {clock}"
