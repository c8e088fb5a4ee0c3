"""`outsource check` on a real pseudo-terminal: what a person typing at it sees and keeps.

Each test starts the interview as a separate process (python -m outsource_cli) on a
pseudo-terminal with pexpect, types replies as a person would, and then reads the
answers file, the exit status and the screen.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pexpect
import pytest
import yaml

from ..helpers import DATA, DECEMBER, GOALS_ANSWERED, flat

pytestmark = pytest.mark.slow  # a process on a pseudo-terminal per test

CHECKLISTS = DATA / "checklists"
TIMEOUT = 10
"""Seconds any single wait may take: nothing here can hang longer."""

# The questions as the fixture checklists word them
TASK = "What work do you want to outsource?"
OBJECTIVES = "Have you written down what the outsourced work must achieve?"
HAS_STAFF = "Does anyone in your team do this work today?"
HANDOVER = "Has that person agreed to hand the work over?"
PRICING = "How will you pay the partner?"
PROTECTIONS = "Which protections are in place?"
CONFIDENCE = "How confident are you in the scope?"
KPIS = "Have you chosen measures of success the partner controls?"
SALARY = "What would an employee doing this work cost in salary per year?"
OVERHEAD = "By how much do you multiply salary for taxes, leave and benefits?"
PRICE = "What is the partner's price per year?"
BUDGET_SET = "Have you set a budget for the whole term?"


def command(*extra: str) -> list[str]:
    """The check command with the small fixture checklists, answers in a.yaml, report in r.md."""
    return [
        "-m",
        "outsource_cli",
        "check",
        "--answers",
        "a.yaml",
        "--report",
        "r.md",
        "--checklists",
        str(CHECKLISTS),
        *extra,
    ]


Spawn = Callable[..., pexpect.spawn]


@pytest.fixture
def spawn(tmp_path: Path) -> Iterator[Spawn]:
    """Start `outsource check` on a pseudo-terminal in tmp_path; ended at teardown if still alive."""
    children: list[pexpect.spawn] = []

    def _spawn(*extra: str, args: list[str] | None = None) -> pexpect.spawn:
        """`args` replaces the whole command line after `outsource` (no a.yaml, no r.md)."""
        child = pexpect.spawn(
            sys.executable,
            command(*extra) if args is None else ["-m", "outsource_cli", *args],
            encoding="utf-8",
            timeout=TIMEOUT,
            dimensions=(40, 100),
            env=os.environ.copy(),
            cwd=str(tmp_path),
        )
        child.logfile_read = io.StringIO()  # the whole screen, for messages that wrap
        children.append(child)
        return child

    yield _spawn
    for child in children:
        if child.isalive():
            child.close(force=True)


def answer(child: pexpect.spawn, question: str, prompt: str, reply: str) -> None:
    """Wait for this question and its prompt, then type the reply and Enter."""
    child.expect_exact(question, timeout=TIMEOUT)
    child.expect_exact(prompt, timeout=TIMEOUT)
    child.sendline(reply)


def finish(child: pexpect.spawn) -> str:
    """Wait for the process to end; the whole screen, with runs of white space made one space."""
    child.expect(pexpect.EOF, timeout=TIMEOUT)
    child.close()
    return flat(child.logfile_read.getvalue())


def saved(tmp_path: Path) -> dict[str, Any]:
    """The `answers` mapping in the answers file, as it is on disk now."""
    data = yaml.safe_load((tmp_path / "a.yaml").read_text(encoding="utf-8"))
    answers: dict[str, Any] = data["answers"]
    return answers


def answer_goals(child: pexpect.spawn, kpis: str = "y") -> None:
    """Answer the seven goals questions (no one in the team does the work today)."""
    answer(child, TASK, "Answer [skip] > ", "Bookkeeping")
    answer(child, OBJECTIVES, "y/n > ", "y")
    answer(child, HAS_STAFF, "y/n > ", "n")
    answer(child, PRICING, "1-3 > ", "1")
    answer(child, PROTECTIONS, "1-3 [none] > ", "1,2")
    answer(child, CONFIDENCE, "1-5 > ", "4")
    answer(child, KPIS, "y/n > ", kpis)


def answer_budget(child: pexpect.spawn) -> None:
    """Answer the four budget questions."""
    answer(child, SALARY, "Number (USD) > ", "52000")
    answer(child, OVERHEAD, "Number [1.3] > ", "")
    answer(child, PRICE, "Number (USD) > ", "40000")
    answer(child, BUDGET_SET, "y/n > ", "y")


BUDGET_ANSWERED = {"salary": 52000, "overhead": 1.3, "price": 40000, "budget_set": True}


def test_full_run_on_a_terminal_saves_every_answer_and_writes_the_report(
    spawn: Spawn, tmp_path: Path
) -> None:
    """Answering every question at a terminal, including the follow-up that a yes adds and
    a reply that is not accepted at first, ends with the report and exactly those answers."""
    child = spawn()
    answer(child, TASK, "Answer [skip] > ", "  Payroll and bookkeeping  ")
    answer(child, OBJECTIVES, "y/n > ", "maybe")
    child.expect_exact("Type y for yes or n for no.", timeout=TIMEOUT)
    child.expect_exact("y/n > ", timeout=TIMEOUT)  # the same question, asked again
    assert "Question" not in child.before
    child.sendline("yes")
    answer(child, HAS_STAFF, "y/n > ", "y")
    child.expect_exact("Question 4 of 8", timeout=TIMEOUT)  # the yes added a question
    answer(child, HANDOVER, "y/n > ", "n")
    answer(child, PRICING, "1-3 > ", "2")
    answer(child, PROTECTIONS, "1-3 [none] > ", "3,1")
    answer(child, CONFIDENCE, "1-5 > ", "5")
    answer(child, KPIS, "y/n > ", "na")
    child.expect_exact("Goals and scope: ", timeout=TIMEOUT)
    answer(child, SALARY, "Number (USD) > ", "$52,000")
    answer(child, OVERHEAD, "Number [1.3] > ", "")
    answer(child, PRICE, "Number (USD) > ", "40000 USD")
    answer(child, BUDGET_SET, "y/n > ", "y")
    child.expect_exact("Your results", timeout=TIMEOUT)
    screen = finish(child)

    assert child.exitstatus == 0, screen
    assert "Report written to r.md" in screen
    report = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "Goals and scope" in report and "Budget and cost" in report
    assert saved(tmp_path) == {
        "goals": {
            "task": "  Payroll and bookkeeping  ",  # exactly as typed
            "objectives": True,
            "has_staff": True,
            "handover": False,
            "pricing": "hourly",
            "protections": ["nda", "exit"],
            "confidence": 5,
            "kpis": "n/a",
        },
        "budget": {"salary": 52000, "overhead": 1.3, "price": 40000, "budget_set": True},
    }


def test_ctrl_c_keeps_answers_and_the_next_run_continues_where_it_stopped(
    spawn: Spawn, tmp_path: Path
) -> None:
    """Ctrl-C in the middle says how many answers are saved and how to continue, exits 130,
    and the next run welcomes you back at the first question not answered yet."""
    child = spawn()
    answer(child, TASK, "Answer [skip] > ", "Bookkeeping")
    answer(child, OBJECTIVES, "y/n > ", "y")
    answer(child, HAS_STAFF, "y/n > ", "n")
    child.expect_exact(PRICING, timeout=TIMEOUT)
    child.expect_exact("1-3 > ", timeout=TIMEOUT)
    child.sendcontrol("c")
    screen = finish(child)

    assert child.exitstatus == 130, screen
    assert "Stopped. 3 answers are saved in a.yaml." in screen
    assert "To continue where you left off, run: outsource check --answers a.yaml" in screen
    assert saved(tmp_path) == {
        "goals": {"task": "Bookkeeping", "objectives": True, "has_staff": False}
    }
    assert not (tmp_path / "r.md").exists()

    again = spawn()
    again.expect_exact("Welcome back.", timeout=TIMEOUT)
    again.expect_exact(PRICING, timeout=TIMEOUT)
    welcome = flat(again.before)
    assert "3 of 11 questions are answered in a.yaml." in welcome
    assert "Continuing with the first question not answered yet" in welcome
    assert TASK not in welcome and HAS_STAFF not in welcome  # nothing asked twice
    again.expect_exact("1-3 > ", timeout=TIMEOUT)
    again.sendline("1")
    answer(again, PROTECTIONS, "1-3 [none] > ", "1,2")
    answer(again, CONFIDENCE, "1-5 > ", "4")
    answer(again, KPIS, "y/n > ", "y")
    answer_budget(again)
    screen = finish(again)

    assert again.exitstatus == 0, screen
    assert "Report written to r.md" in screen
    assert (tmp_path / "r.md").is_file()
    assert saved(tmp_path) == {"goals": GOALS_ANSWERED, "budget": BUDGET_ANSWERED}


def test_going_back_across_sections_changes_the_saved_answer(spawn: Spawn, tmp_path: Path) -> None:
    """< at the first question says there is nothing before it; < at the first budget question
    goes back to the last goals question, and the answer typed there replaces the old one."""
    child = spawn()
    child.expect_exact(TASK, timeout=TIMEOUT)
    child.expect_exact("Answer [skip] > ", timeout=TIMEOUT)
    child.sendline("<")
    child.expect_exact("This is the first question.", timeout=TIMEOUT)
    child.expect_exact("Answer [skip] > ", timeout=TIMEOUT)  # still the first question
    child.sendline("Bookkeeping")
    answer(child, OBJECTIVES, "y/n > ", "y")
    answer(child, HAS_STAFF, "y/n > ", "n")
    answer(child, PRICING, "1-3 > ", "1")
    answer(child, PROTECTIONS, "1-3 [none] > ", "1,2")
    answer(child, CONFIDENCE, "1-5 > ", "4")
    answer(child, KPIS, "y/n > ", "y")
    child.expect_exact(SALARY, timeout=TIMEOUT)
    child.expect_exact("Number (USD) > ", timeout=TIMEOUT)
    assert saved(tmp_path)["goals"]["kpis"] is True
    child.sendline("<")
    child.expect_exact("Back to section 1 of 2: Goals and scope", timeout=TIMEOUT)
    answer(child, KPIS, "y/n [yes] > ", "n")
    child.expect_exact(SALARY, timeout=TIMEOUT)  # forward again, to where we were
    child.expect_exact("Number (USD) > ", timeout=TIMEOUT)
    assert saved(tmp_path)["goals"]["kpis"] is False  # saved before the next question
    child.sendline("q")
    screen = finish(child)

    assert child.exitstatus == 0, screen
    assert "Stopped for now. 7 answers are saved in a.yaml." in screen
    assert saved(tmp_path) == {"goals": {**GOALS_ANSWERED, "kpis": False}}


def test_help_explains_the_question_then_asks_it_again(spawn: Spawn, tmp_path: Path) -> None:
    """? shows why the question matters and that it is a key question, then the same prompt;
    the answer typed after the help is the one saved."""
    child = spawn()
    answer(child, TASK, "Answer [skip] > ", "Bookkeeping")
    answer(child, OBJECTIVES, "y/n > ", "?")
    child.expect_exact(
        "Unclear expectations are the most cited cause of failed outsourcing.", timeout=TIMEOUT
    )
    child.expect_exact("This is a key question:", timeout=TIMEOUT)
    child.expect_exact("y/n > ", timeout=TIMEOUT)
    assert "Question" not in child.before  # the same question, not the next one
    assert saved(tmp_path)["goals"] == {"task": "Bookkeeping"}  # help is not an answer
    child.sendline("n")
    answer(child, HAS_STAFF, "y/n > ", "q")
    screen = finish(child)

    assert child.exitstatus == 0, screen
    assert saved(tmp_path) == {"goals": {"task": "Bookkeeping", "objectives": False}}


def test_standard_input_closed_stops_with_a_message_and_no_hang(tmp_path: Path) -> None:
    """With nothing to read (not a terminal, input at its end), check stops at once with
    exit 2 and says how to finish, instead of waiting or looping."""
    done = subprocess.run(
        [sys.executable, *command()],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env=os.environ.copy(),
        check=False,
    )
    errors = flat(done.stderr)

    assert done.returncode == 2, done.stderr
    assert (
        "Error: standard input ended before the interview was finished: "
        "0 of 11 questions are answered in a.yaml." in errors
    )
    assert "outsource report a.yaml" in errors
    assert "in a terminal" in errors
    assert "Traceback" not in done.stderr + done.stdout
    assert not (tmp_path / "r.md").exists()


def test_ctrl_d_stops_and_keeps_the_answers(spawn: Spawn, tmp_path: Path) -> None:
    """Ctrl-D at a question stops the interview with exit 2, says how many answers are
    saved and how to continue, and keeps them."""
    child = spawn()
    answer(child, TASK, "Answer [skip] > ", "Bookkeeping")
    child.expect_exact(OBJECTIVES, timeout=TIMEOUT)
    child.expect_exact("y/n > ", timeout=TIMEOUT)
    child.sendcontrol("d")
    screen = finish(child)

    assert child.exitstatus == 2, screen
    assert "Stopped (Ctrl-D). 1 answer is saved in a.yaml." in screen
    assert "To continue where you left off, run: outsource check --answers a.yaml" in screen
    assert "Traceback" not in screen
    assert saved(tmp_path) == {"goals": {"task": "Bookkeeping"}}


def test_hang_up_exits_129_and_keeps_the_answers(spawn: Spawn, tmp_path: Path) -> None:
    """When the terminal closes (SIGHUP) the interview ends with status 129 and the answers
    given so far stay in the file."""
    child = spawn()
    answer(child, TASK, "Answer [skip] > ", "Bookkeeping")
    answer(child, OBJECTIVES, "y/n > ", "n")
    child.expect_exact(HAS_STAFF, timeout=TIMEOUT)
    child.expect_exact("y/n > ", timeout=TIMEOUT)
    child.kill(signal.SIGHUP)
    screen = finish(child)

    # the process catches SIGHUP and exits with 128 + 1; it is not killed by the signal
    assert (child.exitstatus, child.signalstatus) == (129, None), screen
    assert "Traceback" not in screen
    assert saved(tmp_path) == {"goals": {"task": "Bookkeeping", "objectives": False}}


def test_markup_and_escape_sequences_in_an_answer_are_kept_and_shown_safely(
    spawn: Spawn, tmp_path: Path
) -> None:
    """An answer holding rich markup and an escape character is saved exactly as typed
    (the spaces around it too), and the review shows it literally, with no escape reaching
    the screen."""
    typed = "[bold]x[/bold] \x1b[31m"
    child = spawn()
    child.expect_exact(TASK, timeout=TIMEOUT)
    child.expect_exact("Answer [skip] > ", timeout=TIMEOUT)
    # Ctrl-V makes the terminal (and readline) take the next key, Escape, literally
    child.sendline("  " + typed.replace("\x1b", "\x16\x1b") + "  ")
    answer(child, OBJECTIVES, "y/n > ", "q")
    screen = finish(child)

    assert child.exitstatus == 0, screen
    assert saved(tmp_path) == {"goals": {"task": f"  {typed}  "}}

    review = spawn("--review")
    review.expect_exact("Review your answers", timeout=TIMEOUT)
    review.expect_exact(TASK, timeout=TIMEOUT)
    review.expect_exact(" > ", timeout=TIMEOUT)
    shown = review.before + review.after
    assert "Answer [[bold]x[/bold] ?[31m] > " in shown
    review.sendline("")  # Enter keeps the answer as it is
    answer(review, OBJECTIVES, "y/n > ", "q")
    finish(review)
    raw = review.logfile_read.getvalue()

    assert review.exitstatus == 0, raw
    assert "\x1b" not in raw  # no escape sequence reaches the screen
    assert "[bold]x[/bold]" in raw  # the markup is printed, not applied
    assert saved(tmp_path) == {"goals": {"task": f"  {typed}  "}}


def _report(tmp_path: Path, answers: str) -> str:
    """What 'outsource report ANSWERS' writes, on standard output."""
    done = subprocess.run(
        [sys.executable, "-m", "outsource_cli", "report", answers, "-o", "-",
         "--checklists", str(CHECKLISTS)],
        capture_output=True, text=True, timeout=60, cwd=tmp_path, check=True,
    )  # fmt: skip
    return done.stdout


def test_a_partial_check_of_a_full_file_sums_up_the_whole_file_and_keeps_other_reports(
    spawn: Spawn, tmp_path: Path
) -> None:
    """The owner's case: 'check goals --answers answers-december.yaml' on a full file once
    said "Ready ... nothing is blocking" for goals alone, and wrote that over
    outsource-report.md. Now it sums up the whole file, names what was asked, and writes
    answers-december-report.md, exactly the report 'outsource report' gives."""
    (tmp_path / "outsource-answers.yaml").write_bytes((DATA / "answers.yaml").read_bytes())
    first = _report(tmp_path, "outsource-answers.yaml")
    (tmp_path / "outsource-report.md").write_text(first, encoding="utf-8")
    (tmp_path / "answers-december.yaml").write_text(DECEMBER, encoding="utf-8")
    child = spawn(
        args=["check", "goals", "--answers", "answers-december.yaml", "--checklists",
              str(CHECKLISTS)],
    )  # fmt: skip
    child.expect_exact("All 7 questions are answered in answers-december.yaml.")
    child.expect_exact("or press Enter for the report: ")
    child.sendline("")
    child.expect_exact("Your results")
    screen = finish(child)

    assert child.exitstatus == 0, screen
    assert (
        "Asked this time: Goals and scope. The results cover every section of "
        "answers-december.yaml, as its report does."
    ) in screen
    assert "Goals and scope 100.0" in screen and "Budget and cost 50.0" in screen
    assert "Overall: 83.3 out of 100 · Not ready" in screen
    assert "1 blocker to fix first, whatever the score:" in screen
    assert "nothing is blocking" not in screen and "· Ready" not in screen
    assert "Report written to answers-december-report.md" in screen
    assert (tmp_path / "outsource-report.md").read_text(encoding="utf-8") == first
    written = (tmp_path / "answers-december-report.md").read_text(encoding="utf-8")
    assert written == _report(tmp_path, "answers-december.yaml")
    assert "**Readiness score: 83.3 out of 100 (not ready)**" in written


def test_the_choices_offered_follow_an_earlier_answer_changed_by_going_back(
    fitted_set: Path, tmp_path: Path
) -> None:
    """A choice offered only for IT is numbered among those offered; going back to change
    the kind of work offers the choices that fit the new answer, and the number typed picks
    among those."""
    child = pexpect.spawn(
        sys.executable,
        [*command()[:7], "--checklists", str(fitted_set)],
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, 100),
        env=os.environ.copy(),
        cwd=str(tmp_path),
    )
    child.logfile_read = io.StringIO()
    answer(child, "What kind of work is it?", "1-3 > ", "2")  # IT
    answer(child, "How many calls a month", "Number > ", "-")
    answer(child, "Are your domains, cloud and licences registered", "y/n > ", "?")
    child.expect_exact("This is a key question", timeout=TIMEOUT)
    child.sendline("n")
    child.expect_exact("3  In person", timeout=TIMEOUT)
    answer(child, "", "1-3 [1] > ", "<")  # back to accounts, calls, then the kind of work
    answer(child, "Are your domains", "y/n [no] > ", "<")
    answer(child, "How many calls a month", "Number [unanswered] > ", "<")
    answer(child, "What kind of work is it?", "1-3 [2] > ", "1")  # customer support
    answer(child, "How many calls a month", "Number [unanswered] > ", "")
    answer(child, "Are the accounts the partner uses registered", "y/n [no] > ", "")
    child.expect_exact("3  By chat", timeout=TIMEOUT)
    answer(child, "", "1-3 [1] > ", "3")
    answer(child, "1  A help desk", "1-2 [none] > ", "2")
    answer(child, "Is there a written script for calls?", "y/n > ", "y")
    child.expect_exact("Your results", timeout=TIMEOUT)
    screen = finish(child)

    assert child.exitstatus == 0, screen
    after_change = screen.rsplit("What kind of work is it?", 1)[1]
    assert "In person" not in after_change
    assert saved(tmp_path)["risk"] == {
        "accounts": False,
        "channel": "chat",
        "tools": ["drive"],
        "script": True,
    }
