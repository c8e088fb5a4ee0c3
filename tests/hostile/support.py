"""The hostile suite's harness: the installed command, a hang guard, a memory limit, no damage.

Every case runs `outsource` as a user would, in a child process that may use at most
MEMORY_LIMIT bytes and TIMEOUT seconds (a guard against hangs, not a timing). The files
the command was given are read before and after: each must be byte-identical afterwards,
except the ones the case says the command may change (the answers file being saved).
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

MEMORY_LIMIT = 1536 * 1024 * 1024
"""The most address space a hostile case may take; the tool itself needs about 150 MB."""
TIMEOUT = 120.0
"""Seconds before a case counts as a hang; every case should end in a few seconds."""
COMMAND = Path(sys.executable).with_name("outsource")
"""The installed command, beside the Python running the tests."""


@dataclass(frozen=True)
class Outcome:
    """What a hostile case did: its exit code and what it printed."""

    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        """Everything printed, both streams, line breaks and runs of spaces made single."""
        return " ".join(f"{self.stdout}\n{self.stderr}".split())


def _limit_memory() -> None:  # runs in the child, before outsource starts
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _snapshot(paths: Iterable[Path]) -> dict[Path, bytes | None]:
    """The bytes of each regular file (None for anything else, which is not read)."""
    found: dict[Path, bytes | None] = {}
    for path in paths:
        try:
            regular = path.is_file() and not _is_special(path)
        except OSError:
            regular = False
        found[path] = path.read_bytes() if regular else None
    return found


def _is_special(path: Path) -> bool:
    import stat

    mode = path.stat().st_mode
    return not stat.S_ISREG(mode)


def outsource(
    *args: str | Path,
    cwd: Path,
    given: Iterable[Path] = (),
    may_change: Iterable[Path] = (),
    input: str | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = TIMEOUT,
) -> Outcome:
    """Run the installed command; fail the test on a hang, a crash or a changed input.

    `given` are the files the command is given (their bytes must not change, unless
    they are in `may_change`). Standard input is `input`, or nothing at all.
    """
    assert COMMAND.exists() or shutil.which("outsource"), "outsource is not installed"
    command = str(COMMAND) if COMMAND.exists() else "outsource"
    watched = [*given]
    before = _snapshot(watched)
    run_env = {**os.environ, "COLUMNS": "200", **(env or {})}
    try:
        done = subprocess.run(
            [command, *(str(arg) for arg in args)],
            check=False,
            cwd=cwd,
            input=input if input is not None else "",
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=run_env,
            timeout=timeout,
            preexec_fn=_limit_memory,
        )
    except subprocess.TimeoutExpired:
        raise AssertionError(f"outsource {' '.join(map(str, args))} hung") from None
    outcome = Outcome(done.returncode, done.stdout, done.stderr)
    allowed = {path.resolve() for path in may_change}
    after = _snapshot(watched)
    for path, content in before.items():
        if path.resolve() not in allowed:
            assert after[path] == content, f"{path} was changed: {outcome}"
    assert "Traceback" not in outcome.stderr, outcome.stderr
    assert outcome.code not in (70, 134, 137, -9, -6), f"crashed with {outcome.code}: {outcome}"
    return outcome


def refused(outcome: Outcome, *words: str) -> None:
    """The command refused with exit code 2 and a message holding each of these words."""
    assert outcome.code == 2, outcome
    for word in words:
        assert word in outcome.output, f"{word!r} not in {outcome.output!r}"
