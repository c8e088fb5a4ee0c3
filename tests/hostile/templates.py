"""What the template cases share: a report run with a `--template` file, as a user would."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from ..helpers import DATA
from .support import Outcome, outsource


def report_with(tmp_path: Path, source: str | bytes, name: str = "t.md.j2") -> Outcome:
    """`outsource report answers.yaml --template NAME -o out.md` with this template text."""
    answers = Path(shutil.copy(DATA / "answers.yaml", tmp_path / "answers.yaml"))
    template = tmp_path / name
    if isinstance(source, bytes):
        template.write_bytes(source)
    else:
        template.write_text(source, encoding="utf-8")
    out = tmp_path / "out.md"
    outcome = outsource(
        "report",
        answers,
        "--template",
        name,
        "-o",
        out,
        "--checklists",
        DATA / "checklists",
        cwd=tmp_path,
        given=[answers, template],
    )
    if outcome.code != 0:
        assert not out.exists(), "a refused report left a file"
    return outcome


def quick_first(cases: list[Any], quick: int = 2, ids: list[str] | None = None) -> list[Any]:
    """The cases as parameters: the first `quick` in the quick loop, the others marked slow.

    Each case starts the command (about a second): the quick loop keeps a sample of each
    class, and the full run tries every member.
    """
    return [
        pytest.param(
            *(case if isinstance(case, tuple) else (case,)),
            id=None if ids is None else ids[index],
            marks=() if index < quick else pytest.mark.slow,
        )
        for index, case in enumerate(cases)
    ]
