"""One writer at a time: the lock beside an answers file, held while a command may write it.

The lock is the file NAME.lock beside the answers file NAME. A run opens it and takes
an operating-system lock on it (`flock`), then writes into it who holds it. The
operating system drops that lock when the process ends in any way, SIGKILL and power
loss included, so a lock file whose `flock` is free was left by a process that is gone:
the next run takes it over, with a note. On a normal end (the last answer, q, Ctrl-C,
an error) the lock file is removed while the lock is still held.

Where `flock` does not exist (Windows) the lock file is created exclusively instead,
and one naming a process that is no longer running on this computer is taken over.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from .errors import FileWriteError, InUseError
from .lock_holder import Holder, holder_text, parse_holder, this_host

LOCK_SUFFIX = ".lock"
"""What the lock file's name adds to the answers file's name."""
HOLDER_SIZE = 4096
"""The most bytes of a lock file that are read: what it says of its holder is short."""
_ATTEMPTS = 20
"""How many times a lock file replaced between opening and locking it is tried again."""
_WRITE_WAIT = 0.02
"""Seconds to wait for a holder that has just taken the lock to write who it is."""


def _os_lock() -> ModuleType | None:
    try:
        import fcntl
    except ImportError:  # Windows
        return None
    return fcntl


_FCNTL = _os_lock()
"""The module with flock, or None where the fallback of an exclusive create is used."""


@dataclass
class AnswersLock:
    """The writer lock of one answers file, held by this process until released."""

    path: Path
    """The answers file it guards."""
    file: Path
    """The lock file beside it."""
    took_over: Holder | None = None
    """The holder of a lock left by a process that is gone, taken over by this one."""
    _descriptor: int | None = field(default=None, repr=False)
    _mine: bytes = field(default=b"", repr=False)
    _held: bool = field(default=False, repr=False)

    @property
    def is_held(self) -> bool:
        """Whether this process still holds the lock."""
        return self._held

    @property
    def note(self) -> str | None:
        """One line saying that a stale lock was taken over, or None."""
        if self.took_over is None:
            return None
        holder = self.took_over
        where = f" on {holder.host}" if holder.host and holder.host != this_host() else ""
        return (
            f"took over the lock left by process {holder.pid}{where}, which is no longer running."
        )

    def guards(self, path: Path) -> bool:
        """Whether this lock is held and is the one of this answers file."""
        return self._held and lock_file(path) == self.file


def lock_file(path: Path) -> Path:
    """The lock file of an answers file: NAME.lock beside it."""
    return path.with_name(path.name + LOCK_SUFFIX)


@contextlib.contextmanager
def held(
    path: Path, *, command: str = "outsource", command_line: str = ""
) -> Iterator[AnswersLock]:
    """Hold the writer lock of this answers file for the block, or raise at once.

    Raises InUseError when another run holds it (saying who), and FileWriteError when
    the lock file cannot be made (a read-only folder, a lock path that is a folder or a
    link). `command` names the holder in the message a second run gives ('outsource
    check'); `command_line` is kept in the lock file for a person who opens it.
    """
    answers_lock = AnswersLock(path=path, file=lock_file(path))
    mine = holder_text(command, command_line)
    if _FCNTL is not None:
        _take_flock(answers_lock, mine)
    else:
        _take_exclusive(answers_lock, mine)
    try:
        yield answers_lock
    finally:
        _release(answers_lock)


# --- with flock -------------------------------------------------------------------------


def _take_flock(answers_lock: AnswersLock, mine: bytes) -> None:
    assert _FCNTL is not None
    for _ in range(_ATTEMPTS):
        descriptor = _open(answers_lock)
        try:
            _FCNTL.flock(descriptor, _FCNTL.LOCK_EX | _FCNTL.LOCK_NB)
        except OSError as error:
            holder = _holder_of_held(descriptor) if _busy(error) else None
            os.close(descriptor)
            if _busy(error):
                raise _in_use(answers_lock, holder) from None
            raise FileWriteError(
                f"cannot lock {answers_lock.file}: {error.strerror or error}",
                hint="Keep the answers file on a local disk, then run the command again.",
            ) from None
        if not _names(answers_lock.file, descriptor):
            # removed or replaced by the run that held it, between our open and our lock
            os.close(descriptor)
            continue
        left = _read_holder(descriptor)
        try:
            os.ftruncate(descriptor, 0)
            os.lseek(descriptor, 0, os.SEEK_SET)
            os.write(descriptor, mine)
        except OSError as error:
            _unlink_if_names(answers_lock.file, descriptor)
            os.close(descriptor)
            raise _cannot_write(answers_lock, error) from None
        answers_lock._descriptor = descriptor
        answers_lock._held = True
        if left is not None and left.pid != os.getpid():
            answers_lock.took_over = left
        return
    raise FileWriteError(
        f"cannot lock {answers_lock.file}: it kept being replaced while outsource tried to",
        hint="Wait for the other outsource runs on this file to end, then run it again.",
    )


def _busy(error: OSError) -> bool:
    return error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES)


def _open(answers_lock: AnswersLock) -> int:
    """Open (or create) the lock file: never through a link, never blocking, regular only."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(answers_lock.file, flags, 0o644)
    except OSError as error:
        raise _cannot_open(answers_lock, error) from None
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        raise _not_a_lock(answers_lock, "is not a regular file")
    return descriptor


def _names(path: Path, descriptor: int) -> bool:
    """Whether path still names the file open at descriptor."""
    try:
        on_disk = os.lstat(path)
    except OSError:
        return False
    opened = os.fstat(descriptor)
    return (on_disk.st_dev, on_disk.st_ino) == (opened.st_dev, opened.st_ino)


def _unlink_if_names(path: Path, descriptor: int) -> None:
    with contextlib.suppress(OSError):
        if _names(path, descriptor):
            os.unlink(path)


def _holder_of_held(descriptor: int) -> Holder | None:
    """Who holds a lock we could not take; it may be writing that this very moment."""
    for _ in range(10):
        holder = _read_holder(descriptor)
        if holder is not None:
            return holder
        time.sleep(_WRITE_WAIT)
    return None


def _read_holder(descriptor: int) -> Holder | None:
    try:
        return parse_holder(os.pread(descriptor, HOLDER_SIZE, 0))
    except (OSError, AttributeError):  # no pread: not on a system with flock
        return None


# --- without flock ----------------------------------------------------------------------


def _take_exclusive(answers_lock: AnswersLock, mine: bytes) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(_ATTEMPTS):
        try:
            descriptor = os.open(answers_lock.file, flags, 0o644)
        except FileExistsError:
            holder = _read_holder_at(answers_lock)
            if holder is None and not os.path.lexists(answers_lock.file):
                continue  # its holder has just removed it
            if holder is None or not holder.is_gone():
                raise _in_use(answers_lock, holder) from None
            # gone: remove its file and create ours (two runs doing this at the very
            # same moment could both succeed; flock, where it exists, has no such gap)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(answers_lock.file)
            answers_lock.took_over = holder
            continue
        except OSError as error:
            raise _cannot_open(answers_lock, error) from None
        try:
            os.write(descriptor, mine)
        except OSError as error:
            os.close(descriptor)
            with contextlib.suppress(OSError):
                os.unlink(answers_lock.file)
            raise _cannot_write(answers_lock, error) from None
        os.close(descriptor)
        answers_lock._mine = mine
        answers_lock._held = True
        return
    raise FileWriteError(
        f"cannot lock {answers_lock.file}: it kept being replaced while outsource tried to",
        hint="Wait for the other outsource runs on this file to end, then run it again.",
    )


def _read_holder_at(answers_lock: AnswersLock) -> Holder | None:
    try:
        if not stat.S_ISREG(os.lstat(answers_lock.file).st_mode):
            raise _not_a_lock(answers_lock, "is not a regular file")
        with open(answers_lock.file, "rb") as stream:
            return parse_holder(stream.read(HOLDER_SIZE))
    except OSError:
        return None


# --- both -------------------------------------------------------------------------------


def _release(answers_lock: AnswersLock) -> None:
    """Remove the lock file, while the lock is still held, then let the lock go."""
    if not answers_lock._held:
        return
    answers_lock._held = False
    descriptor = answers_lock._descriptor
    answers_lock._descriptor = None
    if descriptor is not None:
        _unlink_if_names(answers_lock.file, descriptor)
        os.close(descriptor)
        return
    with contextlib.suppress(OSError):  # without flock: only a file that is still ours
        with open(answers_lock.file, "rb") as stream:
            ours = stream.read(HOLDER_SIZE) == answers_lock._mine
        if ours:
            os.unlink(answers_lock.file)


# --- messages ---------------------------------------------------------------------------


def _in_use(answers_lock: AnswersLock, holder: Holder | None) -> InUseError:
    name = answers_lock.path
    if holder is None:
        return InUseError(
            f"the answers file {name} is in use by another outsource run "
            f"(its lock file {answers_lock.file} says no more)",
            hint=(
                "Finish or quit that one first (q), then run this command again. If no "
                f"outsource runs at all, delete {answers_lock.file} and try again."
            ),
        )
    command = f"'{holder.command}'" if holder.command else "outsource run"
    hint = "Finish or quit that one first (q), then run this command again."
    if holder.host and holder.host != this_host():
        hint += f" If it no longer runs on {holder.host}, delete {answers_lock.file} and try again."
    return InUseError(
        f"the answers file {name} is in use by another {command} ({holder.describe()})",
        hint=hint,
    )


def _cannot_open(answers_lock: AnswersLock, error: OSError) -> FileWriteError:
    lock_path = answers_lock.file
    folder = lock_path.parent if str(lock_path.parent) else Path(".")
    if error.errno == errno.ELOOP:
        return _not_a_lock(answers_lock, "is a symbolic link")
    if error.errno == errno.EISDIR or lock_path.is_dir():
        return _not_a_lock(answers_lock, "is a folder")
    if error.errno == errno.ENOENT:
        return FileWriteError(
            f"cannot write {answers_lock.path}: the folder {folder} does not exist",
            hint="Create the folder first, or give another path.",
        )
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        if lock_path.exists() and error.errno != errno.EROFS:
            return FileWriteError(
                f"cannot write {answers_lock.path}: its lock file {lock_path} "
                "belongs to someone else or is read-only",
                hint=f"If no outsource runs, delete {lock_path}, then run the command again.",
            )
        return FileWriteError(
            f"cannot write {answers_lock.path}: the folder {folder} is read-only "
            f"(outsource needs to create {lock_path.name} there while it works)",
            hint="Give a path in a folder you can write to.",
        )
    return _cannot_write(answers_lock, error)


def _cannot_write(answers_lock: AnswersLock, error: OSError) -> FileWriteError:
    return FileWriteError(
        f"cannot write {answers_lock.path}: creating its lock file {answers_lock.file} "
        f"failed: {error.strerror or error}; the answers file is unchanged",
        hint="Fix the problem above, then run the command again.",
    )


def _not_a_lock(answers_lock: AnswersLock, what: str) -> FileWriteError:
    return FileWriteError(
        f"cannot write {answers_lock.path}: {answers_lock.file} {what}, not a lock file "
        "outsource made; it was left as it is",
        hint=f"Move {answers_lock.file} away, then run the command again.",
    )
