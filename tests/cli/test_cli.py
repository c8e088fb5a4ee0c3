"""The command line: each command as a user runs it, with exit codes and messages."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.core import TyperGroup

from outsource_cli import __version__
from outsource_cli.cli import app

from ..helpers import DATA, FIXTURES, Writer, run


def test_version() -> None:
    result = run("--version")
    assert (result.exit_code, result.stdout) == (0, f"outsource {__version__}\n")


def test_python_dash_m_runs_the_same_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "outsource_cli", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, f"outsource {__version__}\n")


def every_command() -> list[Any]:
    """Each command and group of the app, and whether it is a group, walked from typer itself."""
    found = []

    def walk(command: Any, path: list[str]) -> None:
        group = isinstance(command, TyperGroup)
        found.append(pytest.param(path, group, id=" ".join(["outsource", *path])))
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return found


@pytest.mark.parametrize(("command", "group"), every_command())
def test_every_command_has_help_with_an_example(command: list[str], group: bool) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Usage: outsource" in result.stdout
    if not group:
        assert "Example: outsource" in result.stdout


def test_report_writes_the_default_file(workdir: Path) -> None:
    result = run("report", *FIXTURES)
    assert result.exit_code == 0, result.output
    assert (
        result.stdout
        == "Report written to outsource-report.md: score 75.0 out of 100, not ready, 1 blocker.\n"
    )
    assert (
        (workdir / "outsource-report.md")
        .read_text()
        .startswith("# Outsourcing readiness report: Hill Street Bakery\n")
    )
    assert "answers for section 'old_section' are kept" in result.stderr


def test_report_json_goes_to_its_own_default_file(workdir: Path) -> None:
    result = run("report", "--format", "json", *FIXTURES)
    assert result.exit_code == 0, result.output
    assert (
        json.loads((workdir / "outsource-report.json").read_text())["overall"]["verdict"]
        == "not-ready"
    )


@pytest.mark.parametrize(
    ("answers", "report"),
    [
        ("outsource-answers.yaml", "outsource-report"),
        ("jan/outsource-answers.yaml", "outsource-report"),
        ("answers-december.yaml", "answers-december-report"),
        ("jan/december.yml", "december-report"),
        ("Acme.YAML", "Acme-report"),
        ("answers.txt", "answers.txt-report"),
        ("answers", "answers-report"),
    ],
)
@pytest.mark.parametrize("fmt", ["md", "json", "html"])
def test_the_default_report_is_named_after_the_answers_file_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answers: str, report: str, fmt: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "jan").mkdir()
    shutil.copy(DATA / "answers.yaml", tmp_path / answers)
    result = run("report", answers, "--format", fmt, *FIXTURES)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Report written to {report}.{fmt}: score 75.0")
    assert [path.name for path in tmp_path.glob("*report*")] == [f"{report}.{fmt}"]


def test_a_second_answers_file_never_replaces_the_first_ones_report(workdir: Path) -> None:
    shutil.copy(workdir / "outsource-answers.yaml", workdir / "december.yaml")
    assert run("report", *FIXTURES).exit_code == 0
    first = (workdir / "outsource-report.md").read_bytes()
    result = run("report", "december.yaml", *FIXTURES)
    assert result.stdout.startswith("Report written to december-report.md:")
    assert (workdir / "outsource-report.md").read_bytes() == first


def test_report_to_standard_output_carries_only_the_report(workdir: Path) -> None:
    result = run("report", "outsource-answers.yaml", "-o", "-", "--format", "json", *FIXTURES)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["overall"]["score"] == 75.0
    assert result.stderr.startswith(
        "Warning: outsource-answers.yaml:21: answers for section 'old_section'"
    )
    assert not (workdir / "outsource-report.json").exists()


def test_report_with_a_custom_template(workdir: Path, write: Writer) -> None:
    write(
        "mine.txt.j2",
        "{{ business }}: {{ overall.score }} {% for s in sections %}[{{ s.id }}]{% endfor %}.\n",
    )
    result = run("report", "--template", "mine.txt.j2", "-o", "-", *FIXTURES)
    assert (result.exit_code, result.stdout) == (0, "Hill Street Bakery: 75.0 [goals][budget].\n")


def test_checklists_from_the_environment_variable(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OUTSOURCE_CHECKLISTS", str(DATA / "checklists"))
    result = run("report", "-o", "-")
    assert result.exit_code == 0
    assert "Goals and scope" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["report", "nothing.yaml"],
            "Error: there is no answers file at nothing.yaml\nRun 'outsource check' to answer the "
            "questions and create it, or give the path of your answers file",
        ),
        (["report", "--format", "pdf"], "Invalid value for '--format'"),
        (
            ["checklists", "show", "nope", *FIXTURES],
            "Error: there is no section 'nope'\nThe sections are: goals, budget.",
        ),
        (
            ["report", "--checklists", "missing-folder"],
            "Error: cannot read the checklists folder missing-folder",
        ),
        (
            ["report", "--template", "none.j2", *FIXTURES],
            "Error: there is no template file at none.j2",
        ),
        (["checklists", "validate", "nope.yaml"], "Error: there is no file or folder at nope.yaml"),
    ],
)
def test_bad_input_exits_2_with_a_message(workdir: Path, args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_an_invalid_answers_file_lists_every_problem(workdir: Path, write: Writer) -> None:
    write("bad.yaml", "format: 1\nanswers:\n  goals:\n    pricing: x\n    confidence: 9\n")
    result = run("report", "bad.yaml", *FIXTURES)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: bad.yaml:4:14: 'goals.pricing': expected one of fixed, hourly, unsure, not the text 'x'",
        "bad.yaml:5:17: 'goals.confidence': expected a whole number from 1 to 5, not the number 9",
        "Fix the answers file above, then run the command again.",
    ]


def test_an_unwritable_output_keeps_the_old_report(workdir: Path) -> None:
    target = workdir / "report.md"
    target.write_text("old")
    target.chmod(0o444)
    result = run("report", "-o", "report.md", *FIXTURES)
    assert result.exit_code == 2
    assert "report.md is read-only; it was left as it is" in result.stderr
    assert target.read_text() == "old"


def test_list_shows_sections_in_order_with_their_source() -> None:
    result = run("checklists", "list", *FIXTURES)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["#", "Id", "Title", "Questions", "From"]
    assert lines[1].split()[:2] == ["1", "goals"] and lines[1].rstrip().endswith("goals.yaml")
    assert lines[2].split()[:2] == ["2", "budget"]
    assert "2 sections, 12 questions at most." in result.stdout


def test_list_names_the_users_own_folder() -> None:
    result = run("checklists", "list")
    assert result.exit_code == 0
    assert "built-in" in result.stdout
    assert "Your own checklists folder:" in " ".join(
        result.stdout.split()
    ) and "(does not exist yet)" in " ".join(result.stdout.split())


def test_show_lists_questions_with_type_weight_step_and_condition() -> None:
    result = run("checklists", "show", "goals", *FIXTURES)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert any(line.strip() == "handover, asked when goals.has_staff" for line in lines)
    assert any(line.strip() == "protections, step contract" for line in lines)
    objectives = next(line for line in lines if "Have you written down what" in line)
    assert objectives.split()[-3:] == ["yes_no", "3", "yes"]


def test_show_says_which_keys_depend_on_the_answers(fitted_set: Path) -> None:
    result = run("checklists", "show", "risk", "--checklists", str(fitted_set))
    assert result.exit_code == 0, result.output
    shown = " ".join(result.stdout.split())
    assert (
        "1 Are the accounts the partner uses registered in your business's name? yes_no "
        "varies varies (2 variants) accounts, weight 3 if fit.task_kind == 'it' else 1, "
        "critical when fit.task_kind == 'it'"
    ) in shown
    assert "script, weight risk.calls_per_week / 10" in shown


def test_validate_with_no_path_checks_the_active_set() -> None:
    result = run("checklists", "validate")
    assert result.exit_code == 0
    assert result.stdout.strip().splitlines()[-1].startswith("All valid: 14 sections")


def test_validate_checks_a_file_together_with_the_active_set(write: Writer) -> None:
    good = write(
        "mine/goals.yaml",
        (DATA / "checklists" / "goals.yaml").read_text().replace("has_staff", "has_team"),
    )
    result = run("checklists", "validate", str(good), *FIXTURES)
    assert result.exit_code == 0, result.output
    assert "OK  mine/goals.yaml: section 'goals', 8 questions" in result.stdout


def test_validate_reports_every_error_with_its_line(write: Writer) -> None:
    write(
        "mine/bad.yaml",
        """\
        id: goals
        title: Goals
        questions:
          - id: budget_set
            prompt: Is there a budget?
            type: yesno
          - id: later
            prompt: P
            type: yes_no
            when: "budget.nothing"
        """,
    )
    result = run("checklists", "validate", "mine/bad.yaml", *FIXTURES)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[:2] == [
        "Error: mine/bad.yaml:6:11: question 'budget_set': type 'yesno' is not one of yes_no, choice, multi, scale, number, date, text, list",
        "mine/bad.yaml:10:11: question 'later': 'when': 'budget.nothing' is not a question or computed value of section 'budget'",
    ]


@pytest.mark.parametrize(
    "content", [b"", b"\x00\x01\x02\xff", b"- a\n- b\n", b"[" * 5000, b"a: &a [*a]\n"]
)
def test_validate_never_shows_a_traceback(write: Writer, content: bytes) -> None:
    path = write("odd.yaml", "")
    path.write_bytes(content)
    result = run("checklists", "validate", "odd.yaml", *FIXTURES)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: odd.yaml")
    assert "Traceback" not in result.output


def test_init_copies_the_builtins_and_refuses_to_overwrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("checklists", "init", "custom")
    assert result.exit_code == 0
    copied = sorted(path.name for path in (tmp_path / "custom").iterdir())
    assert "goals.yaml" in copied and len(copied) == 14
    (tmp_path / "custom" / "goals.yaml").write_text("# mine\n")
    again = run("checklists", "init", "custom")
    assert again.exit_code == 2
    assert "nothing was copied" in again.stderr
    assert (tmp_path / "custom" / "goals.yaml").read_text() == "# mine\n"
    assert run("checklists", "validate", "--checklists", "custom").exit_code == 2


def test_init_copies_validate_as_they_are(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("checklists", "init", "custom").exit_code == 0
    result = run("checklists", "validate", "--checklists", "custom")
    assert result.exit_code == 0, result.output


def test_schema_is_json_schema_for_the_format() -> None:
    result = run("checklists", "schema")
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "questions" in schema["properties"]


def test_a_bug_is_reported_plainly_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, workdir: Path
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("outsource_cli.report.render.make_report", broken)
    result = run("report", *FIXTURES)
    assert result.exit_code == 70
    assert "outsource hit an unexpected problem: RuntimeError: boom" in result.stderr
    assert "Traceback" not in result.output
