"""Escape sequences and bidirectional controls from files and input never reach a terminal.

One set of files holds such characters wherever user text can be: a checklist's title,
description, prompts, help, choice and scale labels, units, computed labels and
recommendations; an answers file's business name, keys, values and notes; a checklist and
an answers file whose errors quote a key or a value; a template. Every command that prints
runs over them, as do values typed on the command line and at the interview: whatever
reaches standard output or standard error shows each such character as '?'.

The exception is a report written to standard output (`-o -`) into a pipe: that is the
report file itself, byte for byte, as a redirection to a file would hold it (its own
controls replaced: tests/hostile/test_controls_in_outputs.py).
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from .support import Outcome, outsource, refused

PAYLOAD = (
    "\x1b[2J\x1b]0;pwned\x07 \x9b31m \u202e gnp \u2066 \u2067 \u2068 \u2069 \u202a \u202d "
    "\x08 \r \x0b \x0c \x00 \x7f \x85 \x9d \u200e \u200f \u061c end"
)
"""A clear screen, a window title with its bell, a one-character CSI, the bidirectional
overrides, embeddings, isolates and marks, and C0 and C1 controls of every kind."""
MARK = "?[2J?]0;pwned?"
"""How the start of PAYLOAD shows: each control became '?', the rest as it was."""
ARGUMENT = PAYLOAD.replace("\x00", "")
ESCAPED = "\\x1b[2J\\x1b]0;pwned\\x07"
"""How a key or value quoted in a message shows the start of PAYLOAD: escaped, as repr does."""
"""PAYLOAD as a command line can hold it (no NUL)."""
TYPED = "\x1b[2J\x1b]0;pwned\x07 \x9b31m \u202e typed \u2066 \x08 \x7f"
"""What a person might type or paste at a prompt (a line: no CR or LF in it)."""

UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffd]"
)
"""What must never be printed; U+FFFD is what an invalid byte that got out decodes to."""


def q(text: str) -> str:
    """Text as a YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text)


def checklist(title: str = PAYLOAD) -> str:
    p = q(PAYLOAD)
    return f"""\
id: evil
title: {q(title)}
description: {p}
order: 1
questions:
  - id: name
    prompt: {p}
    type: text
    help: {p}
    recommendation: {p}
  - id: pick
    prompt: {p}
    type: choice
    help: {p}
    choices:
      - {{value: a, label: {p}, score: 1, help: {p}}}
      - {{value: b, label: {q("Beta " + PAYLOAD)}, score: 0}}
  - id: many
    prompt: {p}
    type: multi
    choices:
      - {{value: x, label: {p}, score: 1}}
      - {{value: y, label: {q("Why " + PAYLOAD)}, score: 0}}
  - id: rate
    prompt: {p}
    type: scale
    labels: {{1: {p}, 5: {p}}}
  - id: cost
    prompt: {p}
    type: number
    unit: {p}
    score: "1 if value < 100 else 0"
    recommendation: {p}
  - id: ok
    prompt: {p}
    type: yes_no
    critical: true
    recommendation: {p}
computed:
  - id: double
    label: {p}
    expression: "evil.cost * 2"
    unit: {p}
"""


def answers(business: str, cost: int, pick: str = "a") -> str:
    p = q(PAYLOAD)
    return f"""\
format: 1
business: {q(business)}
answers:
  evil:
    name: {p}
    pick: {q(pick)}
    many: [x]
    rate: 3
    cost: {cost}
    ok: false
    {q("unknown" + PAYLOAD)}: 1
  {q("section" + PAYLOAD)}: {{q: 1}}
notes:
  evil.name: {p}
  evil.cost: {p}
"""


@dataclass(frozen=True)
class Files:
    """The hostile set, in the current folder of each case."""

    root: Path

    @property
    def inputs(self) -> list[Path]:
        return sorted(path for path in self.root.rglob("*") if path.is_file())


@pytest.fixture
def files(tmp_path: Path) -> Files:
    (tmp_path / "cl").mkdir()
    (tmp_path / "cl" / "evil.yaml").write_text(checklist(), encoding="utf-8")
    (tmp_path / "a.yaml").write_text(answers(PAYLOAD, 50), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(answers("Second " + PAYLOAD, 500), encoding="utf-8")
    (tmp_path / "bad-answers.yaml").write_text(
        answers(PAYLOAD, 50, pick="zz" + PAYLOAD), encoding="utf-8"
    )
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "evil.yaml").write_text(
        checklist() + f"{q('extra' + PAYLOAD)}: {q(PAYLOAD)}\n", encoding="utf-8"
    )
    (tmp_path / "broken-type.yaml").write_text(
        checklist().replace("type: yes_no", f"type: {q('yes_no' + PAYLOAD)}"), encoding="utf-8"
    )
    (tmp_path / "t.j2").write_text(f"# {ARGUMENT}\n{{{{ business }}}}\n", encoding="utf-8")
    (tmp_path / "bad.j2").write_text(f"{{{{ nothing {PAYLOAD} }}}}\n", encoding="utf-8")
    return Files(tmp_path)


def assert_clean(outcome: Outcome) -> None:
    """Nothing in either stream a terminal would act on, or that reorders a line."""
    for name, text in (("stdout", outcome.stdout), ("stderr", outcome.stderr)):
        found = sorted({f"U+{ord(char):04X}" for char in UNSAFE.findall(text)})
        assert not found, f"{name} holds {found}: {text!r}"


CL = ("--checklists", "cl")


@dataclass(frozen=True)
class Case:
    """A command over the hostile set: its arguments, exit code, and words it must print."""

    args: tuple[str, ...]
    code: int
    words: tuple[str, ...] = (MARK,)
    input: str | None = None
    quick: bool = False
    """In the quick loop: one case of each command; the rest only in the full run."""


CASES = {
    "checklists list": Case(("checklists", "list", *CL), 0, quick=True),
    "checklists show": Case(("checklists", "show", "evil", *CL), 0, quick=True),
    "checklists validate": Case(("checklists", "validate", "cl/evil.yaml"), 0, ("OK",)),
    "checklists validate, an unknown key": Case(
        ("checklists", "validate", "broken/evil.yaml"),
        2,
        ("broken/evil.yaml", "extra\\x1b[2J"),
        quick=True,
    ),
    "checklists validate, a wrong type": Case(
        ("checklists", "validate", "broken-type.yaml"), 2, ("broken-type.yaml",)
    ),
    "checklists list, an unknown key": Case(
        ("checklists", "list", "--checklists", "broken"), 2, ("extra\\x1b[2J",)
    ),
    "checklists show, a section typed": Case(
        ("checklists", "show", "no" + ARGUMENT, *CL), 2, ("no?[2J",)
    ),
    "checklists init, a folder typed": Case(
        ("checklists", "init", "new" + ARGUMENT), 0, ("new?[2J", "Copied")
    ),
    "templates init, a folder typed": Case(
        ("templates", "init", "new" + ARGUMENT), 0, ("new?[2J", "Copied")
    ),
    "report --show": Case(("report", "a.yaml", *CL, "--show"), 0, (MARK, "Warning"), quick=True),
    "report to a file": Case(
        ("report", "a.yaml", *CL, "-o", "out.md"),
        0,
        ("Report written to out.md", "Warning"),
        quick=True,
    ),
    "report to a file named with controls": Case(
        ("report", "a.yaml", *CL, "-o", "out" + ARGUMENT + ".md"), 0, ("Report written", "out?[2J")
    ),
    "report, a template": Case(
        ("report", "a.yaml", *CL, "--template", "t.j2", "-o", "out.txt"), 0, ("Report written",)
    ),
    "report, a broken template": Case(
        ("report", "a.yaml", *CL, "--template", "bad.j2", "-o", "out.txt"), 2, ("bad.j2",)
    ),
    "report, a value that does not fit": Case(
        ("report", "bad-answers.yaml", *CL), 2, ("bad-answers.yaml", "zz" + ESCAPED)
    ),
    "report --fail-under, failing": Case(
        ("report", "a.yaml", *CL, "-o", "out.md", "--fail-under", "90"), 1, ("90",)
    ),
    "report --fail-on-blockers": Case(
        ("report", "a.yaml", *CL, "-o", "out.md", "--fail-on-blockers"), 1, (ESCAPED,)
    ),
    "report, a missing file typed": Case(
        ("report", "no" + ARGUMENT + ".yaml", *CL), 2, ("no?[2J",)
    ),
    "report, an invalid byte typed": Case(("report", "no\udc9b.yaml", *CL), 2, ("no?.yaml",)),
    "report --format typed": Case(
        ("report", "a.yaml", *CL, "--format", "x" + ARGUMENT), 2, (), quick=True
    ),
    "report --fail-under typed": Case(
        ("report", "a.yaml", *CL, "--fail-under", "7" + ARGUMENT), 2, ("7?[2J",)
    ),
    "report, an unknown option typed": Case(
        ("report", "a.yaml", "--no" + ARGUMENT), 2, ("No such option",)
    ),
    "an unknown command typed": Case(("no" + ARGUMENT,), 2, ("No such command",)),
    "an unknown option before the command": Case(
        ("--no" + ARGUMENT, "report"), 2, ("No such option",)
    ),
    "check, a section typed": Case(("check", "no" + ARGUMENT, *CL), 2, ("no?[2J",), quick=True),
    "check --business typed": Case(
        ("check", "evil", "-a", "new.yaml", "-r", "new.md", *CL, "--business", "Biz" + ARGUMENT),
        0,
        ("Report written to new.md",),
        input="\n".join([TYPED, "1", "1", "3", "50", "n"]) + "\n",
    ),
    "check, a whole interview with help and typed controls": Case(
        ("check", "evil", "-a", "new.yaml", "-r", "new.md", *CL),
        0,
        (MARK, "?[2J?]0;pwned? ?31m ? typed", "Report written to new.md"),
        input="\n".join(["?", TYPED, "?", "1", "?", "1", "3", "?", "50", "no" + TYPED, "n"]) + "\n",
        quick=True,
    ),
    "check, the answers file continued": Case(
        ("check", "evil", "-a", "a.yaml", "-r", "new.md", "--review", *CL),
        0,
        (MARK,),
        input="\n" * 6,
    ),
    "check, an answers file that does not fit": Case(
        ("check", "evil", "-a", "bad-answers.yaml", *CL), 2, ("zz" + ESCAPED,)
    ),
    "compare, progress": Case(("compare", "a.yaml", "b.yaml", *CL), 0, (MARK,), quick=True),
    "compare, partners": Case(
        ("compare", "a.yaml", "b.yaml", "--partners", *CL), 0, (MARK,), quick=True
    ),
    "compare to a file": Case(
        ("compare", "a.yaml", "b.yaml", *CL, "-o", "cmp" + ARGUMENT + ".md"),
        0,
        ("Comparison written", "cmp?[2J"),
    ),
    "compare, a value that does not fit": Case(
        ("compare", "a.yaml", "bad-answers.yaml", *CL), 2, ("zz" + ESCAPED,)
    ),
}


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(case, id=name, marks=() if case.quick else pytest.mark.slow)
        for name, case in CASES.items()
    ],
)
def test_nothing_a_terminal_acts_on_is_printed(files: Files, case: Case) -> None:
    given = files.inputs
    saved = [path for path in given if path.name == "a.yaml"] if "--review" in case.args else []
    outcome = outsource(*case.args, cwd=files.root, given=given, may_change=saved, input=case.input)
    assert_clean(outcome)
    if case.code == 2:
        refused(outcome, *case.words)
        return
    assert outcome.code == case.code, outcome
    for word in case.words:
        assert word in outcome.output, f"{word!r} not in {outcome.output!r}"


def test_typed_answers_are_saved_as_typed(files: Files) -> None:
    import yaml

    replies = [TYPED, "1", "1", "3", "50", "n"]
    outcome = outsource(
        "check",
        "evil",
        "-a",
        "new.yaml",
        *CL,
        cwd=files.root,
        given=files.inputs,
        input="\n".join(replies) + "\n",
    )
    assert_clean(outcome)
    assert outcome.code == 0, outcome
    saved = yaml.safe_load((files.root / "new.yaml").read_text(encoding="utf-8"))
    assert saved["answers"]["evil"]["name"] == TYPED


@pytest.mark.parametrize(
    "form",
    [
        "md",
        pytest.param("json", marks=pytest.mark.slow),
        pytest.param("html", marks=pytest.mark.slow),
    ],
)
def test_a_report_to_a_pipe_is_the_report_file(files: Files, form: str) -> None:
    """`-o -` into a pipe writes what `-o FILE` writes, byte for byte; messages are clean."""
    to_file = outsource(
        "report", "a.yaml", *CL, "-f", form, "-o", f"out.{form}", cwd=files.root, given=files.inputs
    )
    assert to_file.code == 0, to_file
    piped = outsource("report", "a.yaml", *CL, "-f", form, "-o", "-", cwd=files.root)
    assert piped.code == 0, piped
    assert piped.stdout == (files.root / f"out.{form}").read_text(encoding="utf-8")
    assert "Warning" in piped.stderr
    assert not UNSAFE.search(piped.stderr), piped.stderr


# --- in-process, as the other interview tests run ------------------------------------------


def test_the_interview_in_process_shows_no_control(
    files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from outsource_cli.cli import app

    monkeypatch.chdir(files.root)
    replies = ["?", TYPED, "?", "1", "?", "1", "3", "?", "x" + TYPED, "50", "n"]
    result = CliRunner().invoke(
        app,
        ["check", "evil", "-a", "a.yaml", "-r", "new.md", "--review", *CL],
        input="".join(f"{reply}\n" for reply in replies),
    )
    assert result.exit_code == 0, result.output
    for text in (result.stdout, result.stderr):
        assert not UNSAFE.search(text), text
    assert MARK in result.stdout
    assert "Warning" in result.stderr


# --- a real terminal ---------------------------------------------------------------------

TERMINAL_CODES = re.compile(r"\x1b\[[0-9;]*m|\x1b\[\?[0-9;]*[hl]|\x1b[=>]")
"""What may reach a real terminal: the colours and bold rich writes, and the modes readline
sets (bracketed paste, the keypad); anything else is a control that got out."""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "replies"),
    [
        (
            ("check", "evil", "-a", "a.yaml", "-r", "new.md", "--review", *CL),
            ["?", "", "?"] + [""] * 5,
        ),
        (
            ("check", "evil", "-a", "new.yaml", "-r", "new.md", *CL),
            ["?", "Me", "?", "1", "1", "3", "x", "50", "n"],
        ),
        (("report", "a.yaml", "--show", *CL), []),
        (("report", "a.yaml", "-o", "-", *CL), []),
        (("compare", "a.yaml", "b.yaml", *CL), []),
        (("checklists", "show", "evil", *CL), []),
    ],
    ids=["check --review", "check", "report --show", "report -o -", "compare", "checklists show"],
)
def test_a_real_terminal_gets_only_its_own_codes(
    files: Files, args: tuple[str, ...], replies: list[str]
) -> None:
    """On a pseudo-terminal with colours, only rich's and readline's own codes appear."""
    import os

    import pexpect

    from .support import COMMAND

    env = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    # output longer than the screen goes through a pager: this one hands the terminal
    # exactly what it is given, so every code outsource gives a pager is checked too
    env["OUTSOURCE_PAGER"] = "cat -"
    child = pexpect.spawn(
        str(COMMAND),
        list(args),
        cwd=str(files.root),
        env={**env, "TERM": "xterm-256color", "COLUMNS": "100"},
        encoding="utf-8",
        codec_errors="replace",
        dimensions=(40, 100),
        timeout=30,
    )
    screen = io.StringIO()
    child.logfile_read = screen
    for reply in replies:
        child.expect_exact("> ")
        child.sendline(reply)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, screen.getvalue()
    # the terminal ends each line with CR LF itself
    shown = TERMINAL_CODES.sub("", screen.getvalue().replace("\r\n", "\n"))
    found = sorted({f"U+{ord(char):04X}" for char in UNSAFE.findall(shown)})
    assert found == [], (found, shown)
    in_markdown = MARK.replace("[", "\\[").replace("]", "\\]")  # how a Markdown report escapes
    assert MARK in shown or in_markdown in shown
