"""Reading and writing the user's files: regular files only, and atomic writes.

Every file a user names is opened here: a named pipe, a device or a folder is refused
with a message saying what it is, before it could block or be read without end. Output
is written atomically to a regular file, or as a stream to a device or named pipe
(same_file.py refuses an output that is a file the same command reads).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import FileReadError, FileTooLarge, FileWriteError, Stopped

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
"""Opening for reading never waits (a named pipe without a writer) nor takes a terminal."""
_MAX_LINKS = 40
"""Links followed in a row before a path counts as a loop, as the kernel counts."""


def _kind(mode: int) -> str | None:
    """What a path that is not a regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a device"
    if stat.S_ISBLK(mode):
        return "a block device (a disk)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _refuse_special(mode: int, shown: str) -> None:
    kind = _kind(mode)
    if kind is not None:
        raise FileReadError(
            f"{shown} is {kind}, not a file",
            detail=f"this is {kind}, not a file",
            hint="Give the path of a file saved on disk.",
        )


def _cannot_read(error: OSError, shown: str) -> FileReadError:
    reason = error.strerror or str(error)
    return FileReadError(f"cannot read {shown}: {reason}", detail=f"cannot read the file: {reason}")


def open_regular(path: Path, shown: str) -> int:
    """A descriptor open for reading on a regular file (links followed); FileReadError else.

    The path is checked before opening, so a device is never opened, and the open
    descriptor again, so a path swapped in between is caught too. The caller closes it.
    """
    try:
        _refuse_special(os.stat(path).st_mode, shown)
        descriptor = os.open(path, _OPEN_FLAGS)
    except IsADirectoryError:
        _refuse_special(stat.S_IFDIR, shown)
        raise  # pragma: no cover - _refuse_special raised
    except OSError as error:
        raise _cannot_read(error, shown) from None
    try:
        _refuse_special(os.fstat(descriptor).st_mode, shown)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def read_regular(path: Path, limit: int, shown: str | None = None) -> bytes:
    """The bytes of a regular file, at most `limit` of them; FileReadError for anything else.

    `shown` is the name messages use (default: the path). A named pipe, device, socket
    or folder is refused without blocking; a file larger than `limit` is FileTooLarge
    (at most limit + 1 bytes are read, so a file growing meanwhile is caught too).
    """
    name = shown if shown is not None else str(path)
    descriptor = open_regular(path, name)
    try:
        with os.fdopen(descriptor, "rb") as stream:
            raw = stream.read(limit + 1)
    except OSError as error:
        raise _cannot_read(error, name) from None
    if len(raw) > limit:
        size = _size_words(limit)
        raise FileTooLarge(
            f"{name} is larger than {size}", detail=f"the file is larger than {size}"
        )
    return raw


def check_readable(path: Path, shown: str | None = None) -> None:
    """Raise FileReadError now if read_regular(path, ...) would refuse the file later."""
    os.close(open_regular(path, shown if shown is not None else str(path)))


def _size_words(size: int) -> str:
    mega = 1024 * 1024
    return f"{size // mega} MB" if size % mega == 0 else f"{size:,} bytes"


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_writable(path: Path) -> None:
    """Raise FileWriteError now if write_atomic(path, ...) would be refused later."""
    _checked_target(path)


def is_stream(path: Path) -> bool:
    """Whether output to path goes to a stream (a device, a named pipe, /dev/stdout) as it is."""
    if _named_descriptor(path) is not None:
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


@dataclass(frozen=True)
class _Target:
    """Where write_atomic writes: a regular file in a folder, or a stream."""

    folder: Path
    existing: os.stat_result | None = None
    stream: bool = False
    descriptor: int | None = None
    """For /dev/stdout, /dev/fd/N and the like: the descriptor the path names."""


_DESCRIPTOR_PATHS = (
    re.compile(r"/dev/fd/(?P<fd>\d+)"),
    re.compile(r"/proc/(?P<pid>self|thread-self|\d+)(?:/task/\d+)?/fd/(?P<fd>\d+)"),
)
_STANDARD_STREAMS = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}


def _named_descriptor(path: Path) -> int | None:
    """The descriptor a path such as /dev/stdout or /dev/fd/1 names, following links to it.

    Such a path stands for whatever the descriptor is open on, even a regular file
    (`> report.md` in the shell): it is written as a stream, never replaced.
    """
    current = os.path.abspath(path)
    for _ in range(_MAX_LINKS):
        folder, name = os.path.split(current)
        for form in (current, os.path.join(os.path.realpath(folder), name)):
            found = _descriptor_in(form)
            if found is not None:
                return found
        try:
            link = os.readlink(current)
        except OSError:  # not a link, or not there: the chain ends here
            return None
        current = os.path.normpath(os.path.join(folder, link))
    return None


def _descriptor_in(text: str) -> int | None:
    if text in _STANDARD_STREAMS:
        return _STANDARD_STREAMS[text]
    for pattern in _DESCRIPTOR_PATHS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        pid = match.groupdict().get("pid")
        if pid is None or not pid.isdigit() or int(pid) == os.getpid():
            return int(match["fd"])
    return None


def _checked_target(path: Path) -> _Target:
    folder = path.parent if str(path.parent) else Path(".")
    descriptor = _named_descriptor(path)
    if descriptor is not None:
        return _Target(folder, stream=True, descriptor=descriptor)
    try:
        existing: os.stat_result | None = os.stat(path)  # through links: what they lead to
    except FileNotFoundError:
        existing = None
    except OSError as error:
        raise _write_failed(f"cannot write {path}: {error.strerror or error}", error) from None
    if existing is not None:
        mode = existing.st_mode
        if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
            return _Target(folder, existing, stream=True)
        if stat.S_ISDIR(mode):
            raise FileWriteError(f"{path} is a folder; give a file name", hint=_OTHER_NAME)
        if not stat.S_ISREG(mode):
            raise FileWriteError(
                f"{path} is {_kind(mode)}, not a file; it was left as it is", hint=_OTHER_NAME
            )
    if path.is_symlink():
        raise FileWriteError(
            f"{path} is a symbolic link; it was left as it is",
            hint="Give the path of the real file, or another file name.",
        )
    if existing is not None and not existing.st_mode & stat.S_IWUSR:
        raise FileWriteError(
            f"{path} is read-only; it was left as it is",
            hint="Make it writable, or give another file name.",
        )
    if not folder.is_dir():
        raise FileWriteError(
            f"cannot write {path}: the folder {folder} does not exist",
            hint="Create the folder first, or give another path.",
        )
    if not os.access(folder, os.W_OK):
        raise FileWriteError(
            f"cannot write {path}: the folder {folder} is read-only",
            hint="Give a path in a folder you can write to.",
        )
    return _Target(folder, existing)


_OTHER_NAME = "Give the name of a file to write, not a folder or a device."


_INTERRUPTED = 130
"""The exit code of a command stopped by Ctrl-C."""
_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


def _write_failed(message: str, error: OSError) -> FileWriteError:
    """The error for a failed write, with what to do: free space when the disk is full,
    a shorter name when the name is too long (a default report name follows the answers
    file's, which may be long)."""
    if error.errno in _FULL:
        hint = "Free some disk space, then run the command again."
    elif error.errno == errno.ENAMETOOLONG:
        hint = "Give a shorter file name (for a report: -o, or --report for check)."
    else:
        hint = "Fix the problem above, then run the command again."
    return FileWriteError(message, hint=hint)


def write_atomic(path: Path, text: str) -> None:
    """Replace path's content with text in one step: the old file stays until the new one is whole.

    The text goes to a temporary file in the same folder, is flushed and synced to
    disk, then renamed over the target. Symbolic links and read-only files are refused
    rather than replaced. A device or a named pipe (also through a link, and
    /dev/stdout or /dev/fd/N, whatever they stand for) is written to as a stream: it
    is never replaced, and writing to a named pipe waits for its reader.
    """
    target = _checked_target(path)
    if target.stream:
        _write_stream(path, text, target.descriptor)
        return
    folder, existing = target.folder, target.existing
    mode = stat.S_IMODE(existing.st_mode) if existing else 0o666 & ~_current_umask()
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
        temporary = None
    except OSError as error:
        raise _write_failed(
            f"cannot write {path}: {error.strerror or error}; any previous file is unchanged",
            error,
        ) from None
    except KeyboardInterrupt:
        raise Stopped(
            f"Stopped while writing {path}; any previous file is unchanged.",
            hint="Run the command again to write it.",
            exit_code=_INTERRUPTED,
        ) from None
    except UnicodeEncodeError as error:
        raise FileWriteError(
            f"cannot write {path}: the text holds U+{ord(error.object[error.start]):04X}, "
            "which UTF-8 cannot store; any previous file is unchanged"
        ) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    _sync_folder(folder)


def _write_stream(path: Path, text: str, descriptor: int | None) -> None:
    """Write text to a device or named pipe as it is: no temporary file, no rename, no chmod."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise FileWriteError(
            f"cannot write to {path}: the text holds U+{ord(error.object[error.start]):04X}, "
            "which UTF-8 cannot store; nothing was written"
        ) from None
    try:
        # no O_CREAT, no O_TRUNC: a device stays a device; a named pipe waits for its reader
        handle = (
            os.dup(descriptor)
            if descriptor is not None
            else os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
        )
        try:
            if descriptor is None and stat.S_ISREG(os.fstat(handle).st_mode):
                raise FileWriteError(
                    f"{path} became a regular file while it was being opened; nothing was written",
                    hint="Run the command again.",
                )
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view) :]
        finally:
            os.close(handle)
    except BrokenPipeError:
        raise  # the reader stopped reading (`| head`): the command stops quietly, as for -o -
    except OSError as error:
        raise _write_failed(f"cannot write to {path}: {error.strerror or error}", error) from None
    except KeyboardInterrupt:
        raise Stopped(
            f"Stopped while writing to {path}.",
            hint="Run the command again to write it.",
            exit_code=_INTERRUPTED,
        ) from None


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every system allows opening a folder."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
