"""Never over a file the command reads: an output that is one of its inputs is refused."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .errors import FileWriteError
from .files import is_stream


def refuse_overwriting(
    output: Path, inputs: Iterable[tuple[str, Path]], *, writing: str, hint: str
) -> None:
    """Refuse (FileWriteError) an output that is one of the files a command reads.

    `inputs` are what each file is ("the answers file") and its path; `writing` is what
    the output is ("the report"). The same file is found through links, hard links and
    a file system that ignores case, and, when neither exists yet, by where it would
    be. A stream (a device, a named pipe) is never one of the inputs.
    """
    if is_stream(output):
        return
    written = _identity(output)
    for label, source in inputs:
        if _same_file(output, written, source):
            named = "" if os.path.normpath(output) == os.path.normpath(source) else f" {output}"
            raise FileWriteError(
                f"{writing}{named} would replace {label} {source}; nothing was written",
                hint=hint,
            )


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    return (found.st_dev, found.st_ino)


def _same_file(output: Path, written: tuple[int, int] | None, source: Path) -> bool:
    read = _identity(source)
    if written is not None or read is not None:
        return written == read
    # neither exists yet (`check --answers new.yaml --report new.yaml`): the same place?
    out_folder, out_name = os.path.split(os.path.realpath(output))
    in_folder, in_name = os.path.split(os.path.realpath(source))
    if _identity(Path(out_folder)) != _identity(Path(in_folder)):
        return False
    if out_name == in_name:
        return True
    return out_name.casefold() == in_name.casefold() and _folds_case(out_folder)


def _folds_case(folder: str) -> bool:
    """Whether a folder's file system finds a name written in other letter cases."""
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.swapcase() != entry.name:
                    return _identity(Path(folder, entry.name.swapcase())) == _identity(
                        Path(entry.path)
                    )
    except OSError:
        return False
    parent, name = os.path.split(folder)
    if name.swapcase() == name:
        return False
    return _identity(Path(parent, name.swapcase())) == _identity(Path(folder))
