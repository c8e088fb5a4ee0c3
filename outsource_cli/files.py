"""Writing files atomically, so a crash or a full disk never leaves half a file."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from .errors import FileWriteError, Stopped


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_writable(path: Path) -> None:
    """Raise FileWriteError now if write_atomic(path, ...) would be refused later."""
    _checked_target(path)


def _checked_target(path: Path) -> tuple[Path, os.stat_result | None]:
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_symlink():
        raise FileWriteError(
            f"{path} is a symbolic link; it was left as it is",
            hint="Give the path of the real file, or another file name.",
        )
    try:
        existing = path.stat()
    except FileNotFoundError:
        existing = None
    except OSError as error:
        raise FileWriteError(f"cannot write {path}: {error.strerror or error}") from None
    if existing is not None:
        if stat.S_ISDIR(existing.st_mode):
            raise FileWriteError(f"{path} is a folder", hint="Give a file name instead.")
        if not existing.st_mode & stat.S_IWUSR:
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
    return folder, existing


_INTERRUPTED = 130
"""The exit code of a command stopped by Ctrl-C."""
_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


def write_atomic(path: Path, text: str) -> None:
    """Replace path's content with text in one step: the old file stays until the new one is whole.

    The text goes to a temporary file in the same folder, is flushed and synced to
    disk, then renamed over the target. Symbolic links and read-only files are refused
    rather than replaced.
    """
    folder, existing = _checked_target(path)
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
        raise FileWriteError(
            f"cannot write {path}: {error.strerror or error}; any previous file is unchanged",
            hint=(
                "Free some disk space, then run the command again."
                if error.errno in _FULL
                else "Fix the problem above, then run the command again."
            ),
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


def copy_files(sources: list[Path], folder: Path) -> list[Path]:
    """Copy files into a folder (created if needed); refuses if any would be overwritten."""
    targets = [folder / source.name for source in sources]
    existing = [target for target in targets if target.exists() or target.is_symlink()]
    if existing:
        names = ", ".join(target.name for target in existing)
        raise FileWriteError(
            f"{folder} already has {names}; nothing was copied",
            hint="Choose an empty folder, or move those files away first.",
        )
    texts: list[str] = []
    for source in sources:  # read everything first: a failure copies nothing
        try:
            texts.append(source.read_text(encoding="utf-8"))
        except OSError as error:
            raise FileWriteError(f"cannot read {source}: {error.strerror or error}") from None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise FileWriteError(
            f"cannot create the folder {folder}: {error.strerror or error}"
        ) from None
    for target, text in zip(targets, texts, strict=True):
        write_atomic(target, text)
    return targets


def back_up(path: Path) -> Path:
    """Copy a file to NAME.backup.EXT (or .backup-2, -3, ...), never overwriting; returns it."""
    try:
        content = path.read_bytes()
    except OSError as error:
        raise FileWriteError(f"cannot read {path}: {error.strerror or error}") from None
    for number in range(1, 1000):
        suffix = ".backup" if number == 1 else f".backup-{number}"
        target = path.with_name(f"{path.stem}{suffix}{path.suffix}")
        try:
            with open(target, "xb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
        except FileExistsError:
            continue
        except OSError as error:
            with contextlib.suppress(OSError):
                target.unlink()
            raise FileWriteError(
                f"cannot back up {path} to {target}: {error.strerror or error}; {path} is unchanged"
            ) from None
        return target
    raise FileWriteError(
        f"cannot back up {path}: too many backups beside it",
        hint="Move old backup files away, then try again.",
    )
