"""What the template cases share: a report run with a `--template` file, as a user would."""

from __future__ import annotations

import shutil
from pathlib import Path

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
