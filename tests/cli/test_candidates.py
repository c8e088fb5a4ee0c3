"""`outsource check --candidate NAME` and `outsource candidates`, run in-process."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from outsource_cli.cli import app
from outsource_cli.lock import held

from ..helpers import DATA, FIXTURES, Writer, flat, golden, run

CANDIDATES = DATA / "candidates"
SET = ["--checklists", str(CANDIDATES / "checklists")]
REFERENCES = "Did they give two references from similar clients, and did you call them?"
GOOD = "Did the references speak well of them?"
CERTIFIED = "Are they certified bookkeepers?"
FAST = "How quickly and clearly did they reply while you were choosing?"


@pytest.fixture
def answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture's answers file (Acme Books Ltd and 123 recorded) as a.yaml in tmp_path."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(CANDIDATES / "answers.yaml", "a.yaml")
    return tmp_path / "a.yaml"


def replies(path: Path, name: str) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["candidates"].get(name)


def check(name: str, *extra: str, input: str | None = None) -> Any:
    return run("check", "--candidate", name, "--answers", "a.yaml", *SET, *extra, input=input)


def test_a_candidate_interview_asks_saves_and_ends_with_their_score(answers: Path) -> None:
    before = yaml.safe_load(answers.read_text(encoding="utf-8"))
    result = check("Acme Books Ltd", "--restart", input="y\ny\ny\nn\n2\n")
    assert result.exit_code == 0, result.output
    shown = flat(result.output)
    assert "Candidate: Acme Books Ltd" in shown
    for prompt in (REFERENCES, GOOD, CERTIFIED, FAST):
        assert prompt in shown
    assert "Result for Acme Books Ltd: 56.3 out of 100" in shown
    assert "No knock-outs" in shown
    assert "To rank every candidate, run: outsource candidates a.yaml --checklists" in shown
    after = yaml.safe_load(answers.read_text(encoding="utf-8"))
    assert after["candidates"]["Acme Books Ltd"] == {
        "vetting": {
            "references": True,
            "references_good": True,
            "certified": False,
            "replies_fast": 2,
        }
    }
    assert after["answers"] == before["answers"]  # the owner's answers are untouched
    assert after["candidates"]["123"] == before["candidates"]["123"]
    assert len(list(answers.parent.glob("a*.yaml"))) == 2  # the backup beside it


def test_quit_and_resume_where_it_was_left(answers: Path) -> None:
    first = check("New Co", input="y\nq\n")
    assert first.exit_code == 0
    assert replies(answers, "New Co") == {"vetting": {"references": True}}
    shown = flat(first.output)
    assert "To continue where you left off, run: outsource check --candidate 'New Co'" in shown
    second = check("New Co", input="y\ny\n5\n")
    assert second.exit_code == 0, second.output
    assert "Welcome back. 1 of 4 questions are answered in a.yaml" in flat(second.output)
    assert REFERENCES not in second.output
    assert replies(answers, "New Co")["vetting"] == {
        "references": True,
        "references_good": True,
        "certified": True,
        "replies_fast": 5,
    }


@pytest.mark.parametrize("name", ["123", "Ünal & Söhne", 'O\'Brien "IT"', " Acme "])
def test_the_name_is_kept_as_typed(answers: Path, name: str) -> None:
    result = check(name, "vetting", input="n\nq\n")
    assert result.exit_code == 0, result.output
    assert replies(answers, name) is not None
    assert result.output.splitlines()[0] == f"Candidate: {name}"


def test_the_continue_command_quotes_the_name_for_the_shell(answers: Path) -> None:
    result = check("O'Brien & Co", input="q\n")
    assert "outsource check --candidate 'O'\"'\"'Brien & Co' --answers a.yaml" in result.output


def test_restart_starts_only_that_candidate_again(answers: Path) -> None:
    result = check("123", "--restart", input="y\nq\n")
    assert result.exit_code == 0, result.output
    assert "This starts again with no replies from 123" in flat(result.output)
    assert replies(answers, "123") is None
    assert replies(answers, "Acme Books Ltd") is not None
    backups = [path for path in answers.parent.iterdir() if path.name != "a.yaml"]
    assert any("123" in path.read_text(encoding="utf-8") for path in backups)


def test_a_second_process_on_the_file_is_refused(answers: Path) -> None:
    with held(answers, command="outsource check"):
        result = check("Acme Books Ltd")
    assert result.exit_code != 0
    assert "is in use by another 'outsource check'" in flat(result.output)


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["work"], "section 'work' is in your own interview, not asked about a candidate"),
        (["nowhere"], "there is no section 'nowhere'"),
        (["--report", "r.md"], "--report is for your own interview and report"),
        (["--business", "X"], "--business is for your own interview and report"),
        (["--format", "json"], "--format is for your own interview and report"),
    ],
)
def test_what_a_candidate_interview_refuses(answers: Path, extra: list[str], expected: str) -> None:
    result = check("Acme", *extra)
    assert result.exit_code != 0
    assert expected in flat(result.output)
    assert replies(answers, "Acme") is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [("", "the candidate's name is empty"), ("a\tb", "control or invisible character")],
)
def test_a_bad_name_is_refused(answers: Path, name: str, expected: str) -> None:
    result = check(name)
    assert result.exit_code != 0
    assert expected in flat(result.output)


def test_without_an_answers_file_it_says_to_answer_first(write: Writer) -> None:
    result = check("Acme")
    assert result.exit_code != 0
    assert "there is no answers file at a.yaml yet" in flat(result.output)
    assert "run 'outsource check' first" in flat(result.output)
    assert not Path("a.yaml").exists()


def test_an_owner_who_answered_nothing_is_warned(write: Writer) -> None:
    write("a.yaml", "format: 1\n")
    result = check("Acme", input="q\n")
    assert result.exit_code == 0
    assert "Warning: you have not answered your own questions yet" in flat(result.output)
    assert "Do their engineers hold current certifications?" not in result.output


def test_checklists_without_candidate_sections_are_named(write: Writer) -> None:
    write("a.yaml", "format: 1\n")
    result = run("check", "--candidate", "Acme", "--answers", "a.yaml", *FIXTURES)
    assert result.exit_code != 0
    assert "has a section about candidate partners" in flat(result.output)


# --- outsource candidates ----------------------------------------------------------------


def test_the_ranking_in_the_terminal(answers: Path) -> None:
    result = run("candidates", "a.yaml", *SET)
    assert result.exit_code == 0, result.output
    shown = flat(result.output)
    assert "1. Acme Books Ltd: 93.8, no knock-outs" in shown
    assert "2. 123: 0.0, 1 knock-out, 1 still to ask - Knock-out: " + REFERENCES in shown
    assert "Where they differ (2 questions)" in shown
    assert "Are they certified bookkeepers? Acme Books Ltd: Yes 123: No" in shown


def test_no_candidates_is_a_message_not_an_error(write: Writer) -> None:
    write("a.yaml", "format: 1\nanswers:\n  work: {kind: it}\n")
    result = run("candidates", "a.yaml", *SET)
    assert result.exit_code == 0
    assert flat(result.output) == (
        "No candidate partners are recorded in a.yaml yet. To record one's replies, run: "
        "outsource check --candidate NAME"
    )


@pytest.mark.parametrize(
    ("extra", "written"),
    [
        (["--format", "json"], "a-candidates.json"),
        (["-o", "out.html"], "out.html"),
        (["--format", "md", "-o", "rank.txt"], "rank.txt"),
    ],
)
def test_the_ranking_written_to_a_file(answers: Path, extra: list[str], written: str) -> None:
    result = run("candidates", "a.yaml", *SET, *extra)
    assert result.exit_code == 0, result.output
    assert f"Ranking of the candidates written to {written}." in result.output
    assert "Acme Books Ltd" in Path(written).read_text(encoding="utf-8")


def test_the_ranking_to_standard_output(answers: Path) -> None:
    result = run("candidates", "a.yaml", *SET, "-o", "-", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [item["name"] for item in data["candidates"]] == ["Acme Books Ltd", "123"]


def test_the_ranking_never_replaces_the_answers_file(answers: Path) -> None:
    before = answers.read_bytes()
    result = run("candidates", "a.yaml", *SET, "-o", "a.yaml")
    assert result.exit_code != 0
    assert "Give -o another file name." in flat(result.output)
    assert answers.read_bytes() == before


# --- the report's Candidates part ---------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_report_has_a_candidates_part_when_there_are_candidates(
    answers: Path, fmt: str
) -> None:
    result = run("report", "a.yaml", *SET, "--format", fmt, "-o", "-")
    assert result.exit_code == 0
    assert "Candidates</h2>" in result.stdout if fmt == "html" else "## Candidates" in result.stdout
    assert "Acme Books Ltd" in result.stdout
    assert "outsource candidates" in result.stdout


def test_the_json_report_has_candidates_only_when_there_are(answers: Path) -> None:
    with_them = json.loads(run("report", "a.yaml", *SET, "--format", "json", "-o", "-").stdout)
    assert [(c["rank"], c["name"], c["knockout_count"]) for c in with_them["candidates"]] == [
        (1, "Acme Books Ltd", 0),
        (2, "123", 1),
    ]
    data = yaml.safe_load(answers.read_text(encoding="utf-8"))
    del data["candidates"]
    answers.write_text(yaml.safe_dump(data), encoding="utf-8")
    without = json.loads(run("report", "a.yaml", *SET, "--format", "json", "-o", "-").stdout)
    assert "candidates" not in without
    assert {key: value for key, value in with_them.items() if key != "candidates"} == without


def test_the_terminal_report_shows_the_candidates(answers: Path) -> None:
    result = run("report", "a.yaml", *SET, "--show", "--no-pager")
    assert result.exit_code == 0
    shown = flat(result.output)
    assert "Candidates 1. Acme Books Ltd: 93.8, no knock-outs 2. 123: 0.0, 1 knock-out" in shown


def test_the_golden_report_is_unchanged_without_candidates(tmp_path: Path) -> None:
    """The fixture report's golden JSON is written from a file that records no candidates."""
    result = run("report", str(DATA / "answers.yaml"), *FIXTURES, "--format", "json", "-o", "-")
    golden("report.json", result.stdout)


def test_tab_after_candidate_offers_the_candidate_sections() -> None:
    folder = str(CANDIDATES / "checklists")
    line = f"outsource check --checklists {folder} --candidate Acme "
    env = {"_OUTSOURCE_COMPLETE": "complete_bash", "COMP_WORDS": line}
    env["COMP_CWORD"] = str(len(line.split(" ")) - 1)
    result = CliRunner().invoke(app, [], prog_name="outsource", env=env)
    assert result.stdout == "vetting\n"
    owner_line = f"outsource check --checklists {folder} "
    env |= {"COMP_WORDS": owner_line, "COMP_CWORD": str(len(owner_line.split(" ")) - 1)}
    assert CliRunner().invoke(app, [], prog_name="outsource", env=env).stdout == "work\n"


def test_starting_your_own_answers_again_keeps_the_candidates_replies(answers: Path) -> None:
    before = yaml.safe_load(answers.read_text(encoding="utf-8"))["candidates"]
    result = run("check", "--restart", "--answers", "a.yaml", *SET, input="y\nq\n")
    assert result.exit_code == 0, result.output
    assert "any candidates' replies stay" in flat(result.output)
    after = yaml.safe_load(answers.read_text(encoding="utf-8"))
    assert after["answers"] == {}
    assert after["candidates"] == before


def test_a_failing_critical_reply_is_called_a_knock_out_on_the_section_line(
    answers: Path,
) -> None:
    result = check("New Co", input="n\nn\n3\n")
    assert result.exit_code == 0, result.output
    shown = flat(result.output)
    assert "1 knock-out" in shown
    assert "blocker" not in shown
