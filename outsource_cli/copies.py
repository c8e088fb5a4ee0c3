"""Copies of the user's files: files copied into a folder, and backups beside a file."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from .errors import FileReadError, FileWriteError
from .files import open_regular, read_regular, write_atomic
from .same_file import refuse_overwriting

_EMPTY_FOLDER = "Choose an empty folder, or move those files away first."
MAX_COPIED_BYTES = 5 * 1024 * 1024
"""The largest file copy_files copies: it copies the built-in checklists and templates."""


def copy_files(sources: list[Path], folder: Path) -> list[Path]:
    """Copy files into a folder (created if needed); refuses if any would be overwritten."""
    targets = [folder / source.name for source in sources]
    existing = [target for target in targets if target.exists() or target.is_symlink()]
    if existing:
        names = ", ".join(target.name for target in existing)
        raise FileWriteError(
            f"{folder} already has {names}; nothing was copied",
            hint=_EMPTY_FOLDER,
        )
    copied = [("a file being copied", source) for source in sources]
    for target in targets:  # a copy never replaces one of its own sources
        refuse_overwriting(target, copied, writing="the copy", hint=_EMPTY_FOLDER)
    texts: list[str] = []
    for source in sources:  # read everything first: a failure copies nothing
        raw = read_regular(source, MAX_COPIED_BYTES)
        try:
            texts.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise FileReadError(
                f"cannot copy {source}: it is not UTF-8 text", detail="this is not UTF-8 text"
            ) from None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise FileWriteError(
            f"cannot create the folder {folder}: {error.strerror or error}"
        ) from None
    for target, text in zip(targets, texts, strict=True):
        write_atomic(target, text)
    return targets


_CHUNK = 1024 * 1024


def back_up(path: Path) -> Path:
    """Copy a file to NAME.backup.EXT (or .backup-2, -3, ...), never overwriting; returns it."""
    descriptor = open_regular(path, str(path))
    try:
        return _back_up_from(descriptor, path)
    finally:
        os.close(descriptor)


def _back_up_from(source: int, path: Path) -> Path:
    for number in range(1, 1000):
        suffix = ".backup" if number == 1 else f".backup-{number}"
        target = path.with_name(f"{path.stem}{suffix}{path.suffix}")
        try:
            with open(target, "xb") as stream:
                os.lseek(source, 0, os.SEEK_SET)
                while chunk := os.read(source, _CHUNK):
                    stream.write(chunk)
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
