"""`outsource check` with scripted input: each question type, each key, resuming, the report."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner, Result

from outsource_cli.cli import app

from ..helpers import DATA, DECEMBER, GOALS_ANSWERED, flat, golden

# One reply per question of the fixture checklists (tests/data/checklists), in order.
FULL_RUN = [
    "Bookkeeping",  # goals.task (text)
    "y",  # goals.objectives (yes_no)
    "n",  # goals.has_staff (yes_no; y would add goals.handover)
    "1",  # goals.pricing (choice)
    "1,2",  # goals.protections (multi)
    "4",  # goals.confidence (scale)
    "na",  # goals.kpis (yes_no, allow_na)
    "-",  # budget.salary (number), left unanswered
    "",  # budget.overhead: Enter takes the default 1.3
    "90,000",  # budget.price
    "y",  # budget.budget_set
]
FULL_ANSWERS = {
    "goals": {**GOALS_ANSWERED, "kpis": "n/a"},
    "budget": {"salary": None, "overhead": 1.3, "price": 90000, "budget_set": True},
}


@pytest.fixture(autouse=True)
def _fixture_checklists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in an empty folder, with the small fixture checklists."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("OUTSOURCE_CHECKLISTS", str(DATA / "checklists"))


def check(*args: str, lines: list[str] | None = None, **env: str) -> Result:
    text = "".join(f"{line}\n" for line in lines or [])
    return CliRunner().invoke(app, ["check", *args], input=text, env=env or None)


def saved(path: str = "outsource-answers.yaml") -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return data


def screen(result: Result) -> str:
    """What the user saw, without the trailing spaces rich pads table cells with."""
    return "\n".join(line.rstrip() for line in result.stdout.splitlines()) + "\n"


def test_a_full_run_saves_every_answer_and_writes_the_report() -> None:
    result = check(lines=FULL_RUN)
    assert result.exit_code == 0, result.output
    assert saved()["answers"] == FULL_ANSWERS
    golden("check-full-run.txt", screen(result))
    report = Path("outsource-report.md").read_text(encoding="utf-8")
    assert "**Readiness score: 80.6 out of 100 (ready)**" in report


def test_the_report_format_follows_the_option_or_the_file_name() -> None:
    assert check("--format", "json", lines=FULL_RUN).exit_code == 0
    assert Path("outsource-report.json").read_text(encoding="utf-8").startswith("{")
    assert check("--report", "out/../r.json", lines=[]).exit_code != 0  # no folder 'out'
    assert check("--review", "--report", "r.json", lines=[""] * 11).exit_code == 0
    assert '"overall"' in Path("r.json").read_text(encoding="utf-8")


def test_the_report_can_leave_out_its_chart_or_use_a_custom_template() -> None:
    assert check("--no-chart", lines=FULL_RUN).exit_code == 0
    assert "```mermaid" not in Path("outsource-report.md").read_text(encoding="utf-8")
    Path("mine").mkdir()
    Path("mine/short.txt.j2").write_text("{{ overall.verdict }} {{ business }}\n")
    result = check("--template", "mine/short.txt.j2", "--report", "short.txt")
    assert result.exit_code == 0, result.output
    assert Path("short.txt").read_text(encoding="utf-8") == "ready None\n"


def test_each_answer_is_saved_before_the_next_question() -> None:
    result = check(lines=FULL_RUN[:3])
    assert result.exit_code == 2
    assert saved()["answers"] == {
        "goals": {"task": "Bookkeeping", "objectives": True, "has_staff": False}
    }


def test_the_end_of_input_saves_and_says_how_to_finish() -> None:
    result = check(lines=FULL_RUN[:2])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: standard input ended before the interview was finished: 2 of 11 questions are "
        "answered in outsource-answers.yaml.\n"
        "To finish, run 'outsource check' in a terminal, or fill in the answers file and run "
        "'outsource report outsource-answers.yaml'.\n"
    )
    assert not Path("outsource-report.md").exists()


def test_no_input_at_all_stops_at_once_without_looping() -> None:
    result = check()
    assert result.exit_code == 2
    assert "standard input ended" in result.stderr
    assert result.stdout.count("Question 1 of 7") == 1


def test_invalid_input_says_what_is_accepted_and_asks_again() -> None:
    result = check(lines=["Bookkeeping", "maybe", "y"])
    assert "y/n > maybe\nType y for yes or n for no.\ny/n > y\n" in result.stdout
    assert saved()["answers"]["goals"]["objectives"] is True


def test_help_explains_the_question_then_asks_it_again() -> None:
    result = check(lines=["Bookkeeping", "?", "y"])
    assert (
        "y/n > ?\n"
        "Unclear expectations are the most cited cause of failed outsourcing.\n"
        "This is a key question: a poor answer blocks outsourcing, whatever the score.\n"
    ) in result.stdout
    assert saved()["answers"]["goals"]["objectives"] is True


def test_a_question_without_help_says_so() -> None:
    result = check(lines=["?"])
    assert "There is no more help for this question." in result.stdout


def test_q_saves_and_quits_saying_how_to_continue() -> None:
    result = check(lines=["Bookkeeping", "y", "q"])
    assert result.exit_code == 0
    assert result.stdout.endswith(
        "q\n\nStopped for now. 2 answers are saved in outsource-answers.yaml.\n"
        "To continue where you left off, run:\n  outsource check\n"
    )
    assert not Path("outsource-report.md").exists()


def test_quitting_a_section_counts_its_answers_and_says_so() -> None:
    """The count is of the sections asked: with 'check goals', the answers to goals alone,
    so an owner does not read it as all the file holds."""
    result = check("goals", lines=["y", "q"])
    assert "Stopped for now. 1 answer to this section is saved in outsource-answers.yaml." in (
        result.stdout
    )
    result = check(lines=["", "q"])  # every section: no need to say which
    assert "Stopped for now. 1 answer is saved in outsource-answers.yaml." in result.stdout


def test_going_back_shows_the_answer_given_and_enter_keeps_it() -> None:
    result = check(lines=["Bookkeeping", "y", "<", "", "n", "q"])
    assert "Have you written down what the outsourced work must achieve?\ny/n [yes] > \n" in (
        result.stdout
    )
    assert saved()["answers"]["goals"] == {
        "task": "Bookkeeping",
        "objectives": True,
        "has_staff": False,
    }


def test_back_at_the_first_question() -> None:
    result = check(lines=["<", "q"])
    assert "Answer [skip] > <\nThis is the first question.\nAnswer [skip] > q\n" in result.stdout


def test_going_back_across_sections() -> None:
    result = check(lines=[*FULL_RUN[:7], "<", "y", "q"])
    assert "Back to section 1 of 2: Goals and scope" in result.stdout
    assert saved()["answers"]["goals"]["kpis"] is True


def test_changing_an_answer_after_going_back_asks_the_question_it_opens() -> None:
    result = check(lines=["Bookkeeping", "y", "n", "<", "y", "y", "q"])
    assert "Has that person agreed to hand the work over?" in result.stdout
    assert saved()["answers"]["goals"]["handover"] is True


def test_na_only_where_the_question_allows_it() -> None:
    result = check(lines=["na", "Bookkeeping", "na", "q"])
    assert result.stdout.count("This question can't be answered 'not applicable'.") == 2
    assert saved()["answers"]["goals"] == {"task": "Bookkeeping"}


def test_a_second_run_continues_at_the_first_question_not_answered() -> None:
    check(lines=["Bookkeeping", "-", "q"])
    result = check(lines=["q"])
    assert "Welcome back.\n2 of 11 questions are answered in outsource-answers.yaml." in (
        result.stdout
    )
    assert "Does anyone in your team do this work today?" in result.stdout
    assert "What work do you want to outsource?" not in result.stdout


def test_a_complete_file_offers_the_report_or_a_review() -> None:
    check(lines=FULL_RUN)
    Path("outsource-report.md").unlink()
    result = check(lines=[""])
    assert "All 11 questions are answered in outsource-answers.yaml." in result.stdout
    assert "Question" not in result.stdout
    assert Path("outsource-report.md").exists()
    result = check(lines=["r", "Payroll", *[""] * 10])
    assert "Review your answers" in result.stdout
    assert "Answer [Bookkeeping] > Payroll" in result.stdout
    assert saved()["answers"]["goals"]["task"] == "Payroll"
    assert saved()["answers"]["budget"] == FULL_ANSWERS["budget"]


def test_a_complete_file_without_a_terminal_just_gets_its_report() -> None:
    check(lines=FULL_RUN)
    Path("outsource-report.md").unlink()
    result = check()
    assert result.exit_code == 0, result.output
    assert Path("outsource-report.md").exists()


def test_review_walks_every_question_with_its_answer_as_default() -> None:
    check(lines=FULL_RUN)
    result = check("--review", lines=[""] * 11)
    assert result.exit_code == 0
    prompts = re.findall(r"^(.*) > $", result.stdout, flags=re.MULTILINE)
    assert prompts == [
        "Answer [Bookkeeping]",
        "y/n [yes]",
        "y/n [no]",
        "1-3 [1]",
        "1-3 [1,2]",
        "1-5 [4]",
        "y/n [n/a]",
        "Number (USD) [unanswered]",
        "Number [1.3]",
        "Number (USD) [90,000]",
        "y/n [yes]",
    ]
    assert saved()["answers"] == FULL_ANSWERS


def test_restart_keeps_a_backup_after_confirming() -> None:
    check(lines=FULL_RUN[:3])
    before = Path("outsource-answers.yaml").read_text(encoding="utf-8")
    result = check("--restart", lines=["y", "q"])
    assert result.exit_code == 0
    assert Path("outsource-answers.backup.yaml").read_text(encoding="utf-8") == before
    assert "Your previous answers are kept in outsource-answers.backup.yaml." in result.stdout
    assert saved()["answers"] == {}
    check("--restart", lines=["y", "q"])
    assert Path("outsource-answers.backup-2.yaml").exists()


def test_restart_changes_nothing_unless_confirmed() -> None:
    check(lines=FULL_RUN[:3])
    before = Path("outsource-answers.yaml").read_text(encoding="utf-8")
    result = check("--restart", lines=[""])
    assert (result.exit_code, result.stdout.splitlines()[-1]) == (0, "Nothing changed.")
    assert Path("outsource-answers.yaml").read_text(encoding="utf-8") == before
    assert not Path("outsource-answers.backup.yaml").exists()


def test_restart_and_review_together_are_refused() -> None:
    result = check("--restart", "--review")
    assert result.exit_code == 2
    assert "use --review or --restart, not both" in result.stderr


def report_of(answers: str, *args: str) -> str:
    """What 'outsource report ANSWERS' writes, on standard output."""
    result = CliRunner().invoke(app, ["report", answers, "-o", "-", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_chosen_sections_are_asked_and_the_report_covers_the_whole_file() -> None:
    result = check("budget", "--answers", "acme.yaml", lines=FULL_RUN[7:])
    assert result.exit_code == 0, result.output
    assert "Section 1 of 1: Budget and cost" in result.stdout
    assert "What work do you want to outsource?" not in result.stdout
    assert saved("acme.yaml")["answers"] == {"budget": FULL_ANSWERS["budget"]}
    report = Path("acme-report.md").read_text(encoding="utf-8")
    assert report == report_of("acme.yaml")
    assert "Goals and scope" in report
    assert not Path("outsource-report.md").exists()


def test_a_partial_check_never_speaks_for_the_whole_file() -> None:
    """The owner's case: 'check goals' on a full file summed up goals alone as ready."""
    assert check(lines=FULL_RUN).exit_code == 0  # outsource-answers.yaml and its report
    full_report = Path("outsource-report.md").read_bytes()
    Path("answers-december.yaml").write_text(DECEMBER, encoding="utf-8")
    result = check("goals", "--answers", "answers-december.yaml", lines=[""])
    assert result.exit_code == 0, result.output
    shown = flat(result.stdout)
    assert (
        "Your results Asked this time: Goals and scope. The results cover every section of "
        "answers-december.yaml, as its report does."
    ) in shown
    assert "Budget and cost 50.0" in shown
    assert "Overall: 83.3 out of 100 · Not ready" in shown
    assert "1 blocker to fix first, whatever the score: • Budget and cost: Have you set" in shown
    assert "See action 1 in the report." in shown
    assert "Ready" not in shown.replace("Not ready", "")
    assert "Report written to answers-december-report.md" in shown
    assert Path("outsource-report.md").read_bytes() == full_report
    report = Path("answers-december-report.md").read_text(encoding="utf-8")
    assert report == report_of("answers-december.yaml")
    assert "**Readiness score: 83.3 out of 100 (not ready)**" in report


@pytest.mark.parametrize("fmt", ["md", "json", "html"])
@pytest.mark.parametrize("extra", [[], ["--no-chart"]])
def test_a_partial_check_writes_what_report_writes(fmt: str, extra: list[str]) -> None:
    Path("answers-december.yaml").write_text(DECEMBER, encoding="utf-8")
    result = check("budget", "-a", "answers-december.yaml", "-f", fmt, *extra, lines=[""])
    assert result.exit_code == 0, result.output
    written = Path(f"answers-december-report.{fmt}").read_text(encoding="utf-8")
    assert written == report_of("answers-december.yaml", "-f", fmt, *extra)


def test_a_check_of_every_section_does_not_list_them() -> None:
    result = check("goals", "budget", lines=FULL_RUN)
    assert result.exit_code == 0, result.output
    assert "Asked this time" not in result.stdout


@pytest.mark.parametrize(
    ("answers", "report"),
    [
        ("outsource-answers.yaml", "outsource-report"),
        ("answers-december.yaml", "answers-december-report"),
        ("old/Plans.YML", "Plans-report"),
        ("answers.txt", "answers.txt-report"),
    ],
)
@pytest.mark.parametrize("fmt", ["md", "json", "html"])
def test_the_report_is_named_after_the_answers_file(answers: str, report: str, fmt: str) -> None:
    Path("old").mkdir()
    result = check("--answers", answers, "--format", fmt, lines=FULL_RUN)
    assert result.exit_code == 0, result.output
    assert f"Report written to {report}.{fmt} with" in flat(result.stdout)
    assert [path.name for path in Path().glob("*report*")] == [f"{report}.{fmt}"]


def test_continue_hint_repeats_the_options_typed() -> None:
    result = check("budget", "--answers", "my answers.yaml", lines=["q"])
    assert result.stdout.endswith("run:\n  outsource check budget --answers 'my answers.yaml'\n")
    result = check("-a", "acme.yaml", "-r", "acme.html", "-f", "html", lines=["q"])
    assert result.stdout.endswith(
        "run:\n  outsource check --answers acme.yaml --report acme.html --format html\n"
    )


@pytest.mark.parametrize(
    ("args", "command"),
    [
        ([], "outsource report outsource-answers.yaml"),
        (["goals", "-a", "my answers.yaml"], "outsource report 'my answers.yaml'"),
        (["-a", "acme.yaml", "-r", "plan.html"], "outsource report acme.yaml -o plan.html"),
        (["-f", "json"], "outsource report outsource-answers.yaml --format json"),
    ],
)
def test_the_end_of_input_names_the_report_command_that_writes_the_same_report(
    args: list[str], command: str
) -> None:
    result = check(*args, lines=FULL_RUN[:2])
    assert result.exit_code == 2
    assert f"fill in the answers file and run '{command}'." in flat(result.stderr)


def test_an_unknown_section_is_refused_with_the_list() -> None:
    result = check("budgt")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: there is no section 'budgt'\nThe sections are: goals, budget.\n"
    )


def test_business_name_is_saved_and_reported() -> None:
    result = check("--business", "Hill Street Home Goods", lines=FULL_RUN)
    assert result.exit_code == 0
    assert saved()["business"] == "Hill Street Home Goods"
    report = Path("outsource-report.md").read_text(encoding="utf-8")
    assert report.startswith("# Outsourcing readiness report: Hill Street Home Goods")


def test_an_invalid_answers_file_is_never_overwritten() -> None:
    Path("outsource-answers.yaml").write_text("format: 1\nanswers: [\n", encoding="utf-8")
    result = check(lines=FULL_RUN)
    assert result.exit_code == 2
    assert "outsource-answers.yaml:" in result.stderr
    assert Path("outsource-answers.yaml").read_text(encoding="utf-8") == ("format: 1\nanswers: [\n")


def test_an_answers_file_that_cannot_be_written_stops_before_any_question() -> None:
    result = check("--answers", "missing/answers.yaml", lines=FULL_RUN)
    assert result.exit_code == 2
    assert "the folder missing does not exist" in result.stderr
    assert "Question" not in result.stdout


def test_typed_markup_and_escape_sequences_are_shown_as_plain_text() -> None:
    check(lines=["[bold]x[/bold] \x1b[31mred", "q"])
    assert saved()["answers"]["goals"]["task"] == "[bold]x[/bold] \x1b[31mred"
    result = check("--review", lines=["q"], FORCE_COLOR="1", TERM="xterm-256color")
    assert "[bold]x[/bold] ?[31mred" in result.stdout
    assert "\x1b[31mred" not in result.stdout


def test_no_color_is_honoured_even_when_colour_is_forced() -> None:
    coloured = check(lines=FULL_RUN, FORCE_COLOR="1", NO_COLOR="", TERM="xterm-256color")
    assert re.search(r"\x1b\[[0-9;]*3[1-6]m", coloured.stdout)
    plain = check("--review", lines=[""] * 11, FORCE_COLOR="1", NO_COLOR="1", TERM="xterm-256color")
    assert plain.exit_code == 0
    assert not re.search(r"\x1b\[[0-9;]*3[1-6]m", plain.stdout)


@pytest.mark.parametrize("width", [40, 80])
def test_narrow_terminals_get_lines_that_fit(width: int) -> None:
    result = check(lines=FULL_RUN, COLUMNS=str(width))
    assert result.exit_code == 0
    too_long = [line for line in screen(result).splitlines() if len(line) > width]
    assert too_long == []


def test_bytes_that_are_not_text_get_the_usual_message() -> None:
    result = CliRunner().invoke(app, ["check"], input=b"Bookkeeping\n\xff\xfe\ny\nq\n")
    assert result.exit_code == 0, result.output
    assert "y/n > \ufffd\ufffd\nType y for yes or n for no.\n" in result.stdout
    assert saved()["answers"]["goals"] == {"task": "Bookkeeping", "objectives": True}


def test_a_business_name_with_a_byte_that_is_not_utf8_leaves_a_readable_file() -> None:
    """`--business $'Caf\\xe9'` in a Latin-1 terminal reaches Python as a lone surrogate."""
    result = check("--business", "Caf\udce9 Bleu", lines=FULL_RUN)
    assert result.exit_code == 0, result.output
    assert saved()["business"] == "Caf\ufffd Bleu"
    report = CliRunner().invoke(app, ["report", "-o", "-"])
    assert report.exit_code == 0, report.output
    assert report.stdout.startswith("# Outsourcing readiness report: Caf\ufffd Bleu\n")


# --- questions fitted to the answers (the FITTED_SET of tests/helpers.py) -----------------


def test_only_the_choices_that_apply_are_offered_and_numbers_are_their_positions(
    fitted_set: Path,
) -> None:
    replies = [
        "1",  # fit.task_kind: customer support
        "200",  # fit.calls
        "?",  # risk.accounts: the help for support
        "n",
        "?",  # risk.channel: email, phone, chat (in person is for IT)
        "3",  # chat: the third of those offered
        "1,2",  # risk.tools: a help desk and a shared drive (the CRM is for sales)
        "y",  # risk.script
    ]
    result = check("--checklists", str(fitted_set), lines=replies)
    assert result.exit_code == 0, result.output
    assert saved()["answers"]["risk"] == {
        "accounts": False,
        "channel": "chat",
        "tools": ["desk", "drive"],
        "script": True,
    }
    shown = screen(result)
    assert "Are the accounts the partner uses registered in your business's name?" in shown
    assert "Logins in the partner's name leave with the partner." in shown
    assert "key question" not in shown  # critical for IT only
    assert (
        "How will customers reach the partner?\n"
        "  1  By email\n"
        "  2  By phone\n"
        "  3  By chat\n"
        "1-3 [1] > "
    ) in shown
    assert "  2  By phone: At this volume, agree set hours.\n" in shown
    assert "Which tools will the partner use?\n  1  A help desk\n  2  A shared drive\n" in shown
    assert "In person" not in shown and "Your CRM" not in shown


def test_a_choice_question_offering_one_choice_is_not_asked(fitted_set: Path) -> None:
    result = check("--checklists", str(fitted_set), lines=["2", "-", "y", "3", "y"])
    assert result.exit_code == 0, result.output
    assert "Which tools" not in result.stdout
    assert "This is a key question" not in result.stdout
    assert saved()["answers"]["risk"] == {"accounts": True, "channel": "visit", "script": True}


def test_answers_naming_choices_not_offered_are_warned_about_where_answers_are_scored(
    fitted_set: Path,
) -> None:
    Path("outsource-answers.yaml").write_text(
        "format: 1\nanswers:\n  fit: {task_kind: sales, calls: 10}\n"
        "  risk: {accounts: true, channel: visit, tools: [crm, desk], script: true}\n",
        encoding="utf-8",
    )
    warning = (
        "Warning: outsource-answers.yaml: 'risk.channel' is answered 'In person', a choice "
        "that does not fit your other answers, so the question counts as unanswered; to "
        "answer it again, run: outsource check risk --review"
    )
    report = CliRunner().invoke(app, ["report", "--checklists", str(fitted_set)])
    assert report.exit_code == 0, report.output
    assert warning in flat(report.stderr)
    assert "includes 'A help desk', a choice that does not fit" in flat(report.stderr)
    done = check("--checklists", str(fitted_set), lines=[""])  # all answered: Enter, the report
    assert done.exit_code == 0, done.output
    assert warning in flat(done.stderr)
    # in a review, Enter gives what is offered: the default (email) in place of 'visit',
    # and the CRM without the help desk, each shown by its place among those offered
    review = check("risk", "--review", "--checklists", str(fitted_set), lines=["", "", "", ""])
    assert review.exit_code == 0, review.output
    assert screen(review).count("1-2 [1] >\n") == 2
    assert "Warning" not in review.stderr
    assert saved()["answers"]["risk"] == {
        "accounts": True,
        "channel": "email",
        "tools": ["crm"],
        "script": True,
    }


def test_a_date_question_no_date_fits_says_so_once_and_takes_a_dash() -> None:
    Path("plan").mkdir()
    Path("plan/plan.yaml").write_text(
        "id: plan\ntitle: The plan\nquestions:\n"
        "  - id: start\n    prompt: When should the partner start?\n    type: date\n"
        "    min: today\n    max: 2020-01-01\n",
        encoding="utf-8",
    )
    result = check(lines=["2020-01-01", "-"], OUTSOURCE_CHECKLISTS="plan")
    assert result.exit_code == 0, result.output
    assert saved()["answers"] == {"plan": {"start": None}}
    shown = flat(result.stdout)
    assert shown.count("No date fits this question any more") == 2
    assert (
        "No date fits this question any more: it allows dates from 2026-11-23 (today) to "
        "2020-01-01; press - to leave it unanswered and tell whoever wrote the checklist"
    ) in shown
    assert "No date fits this question any more: press - to leave it unanswered." in shown
    assert "Type a date" not in shown


def test_a_date_typed_in_words_is_saved_as_iso_text_after_the_mistakes_are_explained() -> None:
    Path("plan").mkdir()
    Path("plan/plan.yaml").write_text(
        "id: plan\ntitle: The plan\nquestions:\n"
        "  - id: start\n    prompt: When should the partner start?\n    type: date\n"
        "    min: today\n",
        encoding="utf-8",
    )
    result = check(lines=["2026-11-22", "01/12/2026", "1 Dec 2026"], OUTSOURCE_CHECKLISTS="plan")
    assert result.exit_code == 0, result.output
    assert saved()["answers"] == {"plan": {"start": "2026-12-01"}}
    shown = flat(result.stdout)
    assert "Type a date on or after 2026-11-23 (today)." in shown  # SOURCE_DATE_EPOCH's day
    assert (
        "01/12/2026 could be 1 December or 12 January. "
        "Type it with the month as a word (1 Dec 2026 or 12 Jan 2026), or as year-month-day "
        "(2026-12-01 or 2026-01-12)."
    ) in shown
    assert "2026-12-01" in Path("outsource-report.md").read_text(encoding="utf-8")
