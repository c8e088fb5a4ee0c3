"""Atomic writes: the old file survives every failure, and nothing is left behind."""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from outsource_cli.copies import back_up, copy_files
from outsource_cli.errors import FileReadError, FileTooLarge, FileWriteError, OutsourceError
from outsource_cli.files import (
    check_readable,
    check_writable,
    is_stream,
    read_regular,
    write_atomic,
)
from outsource_cli.same_file import refuse_overwriting


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


# reading only regular files


def _fifo(tmp_path: Path, name: str = "pipe.yaml") -> Path:
    path = tmp_path / name
    os.mkfifo(path)
    return path


def _socket(tmp_path: Path) -> Path:
    import socket

    path = tmp_path / "s.yaml"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()  # the socket file stays
    return path


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (_fifo, "a named pipe (FIFO)"),
        (lambda tmp_path: tmp_path, "a folder"),
        (lambda _tmp_path: Path("/dev/zero"), "a device"),
        (lambda _tmp_path: Path("/dev/null"), "a device"),
        (_socket, "a socket"),
    ],
    ids=["fifo", "folder", "zero", "null", "socket"],
)
def test_reading_refuses_what_is_not_a_regular_file_at_once(
    tmp_path: Path, make: Callable[[Path], Path], kind: str
) -> None:
    path = make(tmp_path)
    with pytest.raises(FileReadError) as caught:
        read_regular(path, 100, "given.yaml")
    assert caught.value.message == f"given.yaml is {kind}, not a file"
    assert caught.value.detail == f"this is {kind}, not a file"
    with pytest.raises(FileReadError):
        check_readable(path)


def test_reading_follows_a_link_to_a_regular_file_and_refuses_one_to_a_fifo(
    tmp_path: Path,
) -> None:
    real = tmp_path / "real.yaml"
    real.write_bytes(b"a: 1\n")
    (tmp_path / "link.yaml").symlink_to(real)
    assert read_regular(tmp_path / "link.yaml", 100) == b"a: 1\n"
    (tmp_path / "to-pipe.yaml").symlink_to(_fifo(tmp_path))
    with pytest.raises(FileReadError, match="named pipe"):
        read_regular(tmp_path / "to-pipe.yaml", 100)


def test_reading_refuses_a_file_over_the_limit_and_a_missing_one(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"x" * 101)
    assert read_regular(path, 101) == b"x" * 101
    with pytest.raises(FileTooLarge, match=r"big\.yaml is larger than 100 bytes"):
        read_regular(path, 100, "big.yaml")
    with pytest.raises(FileReadError, match=r"cannot read nope\.yaml: No such file"):
        read_regular(tmp_path / "nope.yaml", 100, "nope.yaml")


def test_a_backup_or_a_copy_of_a_fifo_is_refused(tmp_path: Path) -> None:
    pipe = _fifo(tmp_path)
    with pytest.raises(FileReadError, match="named pipe"):
        back_up(pipe)
    with pytest.raises(FileReadError, match="named pipe"):
        copy_files([pipe], tmp_path / "out")
    assert sorted(os.listdir(tmp_path)) == ["pipe.yaml"]


def test_a_backup_copies_every_byte(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(os.urandom(3 * 1024 * 1024 + 5))
    assert back_up(path).read_bytes() == path.read_bytes()


# an output that is one of the inputs


def _refuse(output: Path, *inputs: Path) -> None:
    refuse_overwriting(
        output,
        [("the answers file", path) for path in inputs],
        writing="the report",
        hint="Give -o another file name.",
    )


def test_an_output_that_is_an_input_is_refused_through_links(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("keep")
    (tmp_path / "hard.yaml").hardlink_to(answers)
    (tmp_path / "soft.yaml").symlink_to(answers)
    (tmp_path / "sub").mkdir()
    for output in [
        answers,
        tmp_path / "hard.yaml",
        tmp_path / "soft.yaml",
        tmp_path / "sub/../a.yaml",
    ]:
        with pytest.raises(FileWriteError) as caught:
            _refuse(output, answers)
        assert caught.value.message.endswith(
            f"would replace the answers file {answers}; nothing was written"
        )
        assert caught.value.hint == "Give -o another file name."
    with pytest.raises(FileWriteError) as caught:
        _refuse(answers, answers)
    assert caught.value.message == (
        f"the report would replace the answers file {answers}; nothing was written"
    )


def test_two_files_not_there_yet_are_the_same_by_where_they_would_be(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    with pytest.raises(FileWriteError, match="would replace"):
        _refuse(tmp_path / "link" / "new.yaml", tmp_path / "real" / "new.yaml")
    _refuse(tmp_path / "real" / "other.yaml", tmp_path / "real" / "new.yaml")


def test_other_files_and_streams_are_never_inputs(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("keep")
    _refuse(tmp_path / "report.md", answers)
    _refuse(Path("/dev/null"), Path("/dev/null"))
    pipe = _fifo(tmp_path)
    _refuse(pipe, pipe)


# writing to what is not a regular file


def test_a_fifo_is_written_as_a_stream_to_its_reader(tmp_path: Path) -> None:
    pipe = _fifo(tmp_path, "out.md")
    received: list[bytes] = []

    def read() -> None:
        with open(pipe, "rb") as stream:
            received.append(stream.read())

    reader = threading.Thread(target=read)
    reader.start()
    write_atomic(pipe, "# Report\n" * 10_000)
    reader.join(timeout=30)
    assert received == [b"# Report\n" * 10_000]
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert os.listdir(tmp_path) == ["out.md"]


@pytest.mark.parametrize("through_link", [False, True])
def test_a_device_is_written_and_stays_a_device(tmp_path: Path, through_link: bool) -> None:
    target = Path("/dev/null")
    if through_link:
        target = tmp_path / "null.md"
        target.symlink_to("/dev/null")
    check_writable(target)
    write_atomic(target, "report")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert is_stream(target)


def test_a_full_device_says_so(tmp_path: Path) -> None:
    with pytest.raises(FileWriteError, match="cannot write to /dev/full: No space left"):
        write_atomic(Path("/dev/full"), "report")


@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"])
def test_a_path_naming_a_descriptor_writes_to_it_even_when_it_is_a_regular_file(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / "out.md"
    path.write_text("before\n")
    saved = os.dup(1)
    try:
        with open(path, "a") as stream:  # as `>> out.md` in the shell
            os.dup2(stream.fileno(), 1)
            assert is_stream(Path(name))
            write_atomic(Path(name), "after\n")
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    assert path.read_text() == "before\nafter\n"


def test_a_folder_socket_or_block_device_output_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileWriteError, match="is a folder; give a file name"):
        write_atomic(tmp_path, "x")
    with pytest.raises(FileWriteError, match="is a socket, not a file"):
        write_atomic(_socket(tmp_path), "x")
    block = tmp_path / "disk"
    try:
        os.mknod(block, stat.S_IFBLK | 0o600, os.makedev(7, 255))
    except OSError:
        pytest.skip("block devices cannot be made here")
    with pytest.raises(FileWriteError, match=r"is a block device \(a disk\), not a file"):
        write_atomic(block, "x")
    assert stat.S_ISBLK(block.lstat().st_mode)
