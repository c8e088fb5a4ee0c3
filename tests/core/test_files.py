"""Atomic writes: the old file survives every failure, and nothing is left behind."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from outsource_cli.errors import FileWriteError, OutsourceError
from outsource_cli.files import copy_files, write_atomic


def test_a_new_file_is_written_with_normal_permissions(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    write_atomic(path, "hello\n")
    assert path.read_text() == "hello\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~_umask()


def test_an_existing_file_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_text("old")
    path.chmod(0o640)
    write_atomic(path, "new")
    assert (path.read_text(), stat.S_IMODE(path.stat().st_mode)) == ("new", 0o640)


def failing_stream(failure: BaseException) -> object:
    """os.fdopen giving a stream whose write fails half-way: the text is cut short."""
    real_fdopen = os.fdopen

    class Stream:
        def __init__(self, handle: int, *args: object, **kwargs: object) -> None:
            self.stream = real_fdopen(handle, *args, **kwargs)  # type: ignore[call-overload]

        def __enter__(self) -> Stream:
            return self

        def __exit__(self, *_exc: object) -> None:
            self.stream.close()

        def write(self, text: str) -> None:
            self.stream.write(text[: len(text) // 2])
            raise failure

    return Stream


@pytest.mark.parametrize(
    ("failure", "lines", "exit_code"),
    [
        (
            OSError(5, "Input/output error"),
            [
                "cannot write {path}: Input/output error; any previous file is unchanged",
                "Fix the problem above, then run the command again.",
            ],
            2,
        ),
        (
            KeyboardInterrupt(),
            [
                "Stopped while writing {path}; any previous file is unchanged.",
                "Run the command again to write it.",
            ],
            130,
        ),
    ],
    ids=["error", "interrupt"],
)
@pytest.mark.parametrize("step", ["write", "fsync", "replace"])
def test_a_failure_before_the_rename_changes_nothing(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    failure: BaseException,
    lines: list[str],
    exit_code: int,
    step: str,
) -> None:
    path = tmp_path / "report.md"
    path.write_text("old")

    def fail(*_args: object) -> None:
        raise failure

    if step == "write":
        monkeypatch.setattr(os, "fdopen", failing_stream(failure))
    else:
        monkeypatch.setattr(os, step, fail)
    with pytest.raises(OutsourceError) as caught:
        write_atomic(path, "new")
    assert caught.value.lines() == [line.format(path=path) for line in lines]
    assert caught.value.exit_code == exit_code
    assert path.read_text() == "old"
    assert os.listdir(tmp_path) == ["report.md"]


def test_a_full_disk_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.md"
    path.write_text("old")

    def full(_descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(FileWriteError, match="No space left on device"):
        write_atomic(path, "new")
    assert path.read_text() == "old"
    assert os.listdir(tmp_path) == ["report.md"]


def test_a_symbolic_link_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text("keep")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    with pytest.raises(FileWriteError, match="is a symbolic link; it was left as it is"):
        write_atomic(link, "new")
    assert target.read_text() == "keep" and link.is_symlink()


def test_a_read_only_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_text("keep")
    path.chmod(0o444)
    with pytest.raises(FileWriteError, match="is read-only"):
        write_atomic(path, "new")
    assert path.read_text() == "keep"


def test_a_missing_folder_or_a_folder_target_is_explained(tmp_path: Path) -> None:
    with pytest.raises(FileWriteError, match=r"the folder .* does not exist"):
        write_atomic(tmp_path / "nope" / "report.md", "x")
    with pytest.raises(FileWriteError, match=r"is a folder"):
        write_atomic(tmp_path, "x")


def test_copying_never_overwrites(tmp_path: Path) -> None:
    source = tmp_path / "a.yaml"
    source.write_text("a")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "a.yaml").write_text("mine")
    with pytest.raises(FileWriteError, match=r"already has a\.yaml; nothing was copied"):
        copy_files([source], tmp_path / "out")
    assert (tmp_path / "out" / "a.yaml").read_text() == "mine"
    assert copy_files([source], tmp_path / "new" / "deeper") == [
        tmp_path / "new" / "deeper" / "a.yaml"
    ]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_text_utf8_cannot_store_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_text("old")
    with pytest.raises(FileWriteError) as caught:
        write_atomic(path, "Caf\udce9")
    assert caught.value.message == (
        f"cannot write {path}: the text holds U+DCE9, which UTF-8 cannot store; any previous "
        "file is unchanged"
    )
    assert path.read_text() == "old"
    assert os.listdir(tmp_path) == ["report.md"]
