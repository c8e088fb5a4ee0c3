"""Keys whose value must be a whole number: true is not 1, and 1.0 is not 1.

Pydantic's strict mode still takes True and 1.0 for the literal 1: the answers file's
`format` is checked as the whole number 1 itself. Every other whole-number key refuses
true and decimals; number keys take decimals but never true or false; a scale answer
of 4.0 is read as 4, as documented.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import DATA
from tests.hostile.support import outsource, refused


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    lists = tmp_path / "lists"
    shutil.copytree(DATA / "checklists", lists)
    return lists


def _answers(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "a.yaml"
    text = (DATA / "answers.yaml").read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("true", "true"),
        ("false", "false"),
        ("1.0", "the number 1.0"),
        ("1e0", "the number 1.0"),
        ("!!float 1", "the number 1.0"),
        ("'1'", "the text '1'"),
        ("yes", "the text 'yes'"),
        ("2", "the number 2"),
        ("0", "the number 0"),
        ("[1]", "a list"),
        ("", "nothing"),
    ],
)
@pytest.mark.parametrize(
    "command",
    [
        "report",
        pytest.param("compare", marks=pytest.mark.slow),
        pytest.param("check", marks=pytest.mark.slow),
    ],
)
def test_format_must_be_the_whole_number_1(
    tmp_path: Path, folder: Path, value: str, shown: str, command: str
) -> None:
    answers = _answers(tmp_path, "format: 1\n", f"format: {value}\n")
    other = tmp_path / "b.yaml"
    shutil.copy(DATA / "answers.yaml", other)
    commands: dict[str, list[str | Path]] = {
        "report": ["report", answers],
        "compare": ["compare", other, answers],
        "check": ["check", "goals", "--answers", answers, "--review"],
    }
    done = outsource(
        *commands[command],
        "--checklists",
        folder,
        cwd=tmp_path,
        given=[answers, other],
        input="q\n",
    )
    refused(
        done,
        f"a.yaml:1:{8 if not value else 9}: 'format' must be 1 (the format this version of "
        f"outsource reads), not {shown}",
    )


@pytest.mark.parametrize("value", ["1", "0x1", "0o1", "+1", "01", "!!int 1"])
def test_format_1_written_as_any_whole_number_is_read(
    tmp_path: Path, folder: Path, value: str
) -> None:
    answers = _answers(tmp_path, "format: 1\n", f"format: {value}\n")
    done = outsource(
        "report", answers, "-o", "-", "--checklists", folder, cwd=tmp_path, given=[answers]
    )
    assert done.code == 0, done


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "checklists: {goals: 3, budget: 1}",
            "checklists: {goals: true, budget: 1}",
            "a.yaml:5:21: 'goals' must be a whole number, not true",
        ),
        (
            "checklists: {goals: 3, budget: 1}",
            "checklists: {goals: 3.0, budget: 1}",
            "a.yaml:5:21: 'goals' must be a whole number, not the number 3.0",
        ),
        (
            "    confidence: 4\n",
            "    confidence: true\n",
            "a.yaml:14:17: 'goals.confidence': expected a whole number from 1 to 5, not true",
        ),
        (
            "    confidence: 4\n",
            "    confidence: 4.5\n",
            "'goals.confidence': expected a whole number from 1 to 5, not the number 4.5",
        ),
        (
            "    salary: 52000\n",
            "    salary: true\n",
            "a.yaml:17:13: 'budget.salary': expected a number, not true",
        ),
        (
            "    objectives: yes\n",
            "    objectives: 1\n",
            "a.yaml:9:17: 'goals.objectives': expected yes or no (true or false), not the number 1",
        ),
    ],
    ids=["version-true", "version-float", "scale-true", "scale-half", "number-true", "yes-no-1"],
)
def test_answers_take_no_true_for_a_number_nor_a_number_for_yes(
    tmp_path: Path, folder: Path, old: str, new: str, message: str
) -> None:
    answers = _answers(tmp_path, old, new)
    done = outsource("report", answers, "--checklists", folder, cwd=tmp_path, given=[answers])
    refused(done, message)


def test_a_scale_answer_of_4_0_is_read_as_4(tmp_path: Path, folder: Path) -> None:
    answers = _answers(tmp_path, "    confidence: 4\n", "    confidence: 4.0\n")
    done = outsource(
        "report",
        answers,
        "--format",
        "json",
        "-o",
        "-",
        "--checklists",
        folder,
        cwd=tmp_path,
        given=[answers],
    )
    assert done.code == 0, done
    assert '"answer": 4,' in done.stdout


SCALE = "  - id: extra\n    prompt: P?\n    type: scale\n"
NUMBER = "  - id: extra\n    prompt: P?\n    type: number\n"


@pytest.mark.parametrize(
    ("insert", "message"),
    [
        ("version: true\n", "'version' must be a whole number, not true"),
        ("version: 1.0\n", "'version' must be a whole number, not the number 1.0"),
        ("order: 1.5\n", "'order' must be a whole number, not the number 1.5"),
        ("order: false\n", "'order' must be a whole number, not false"),
        ("weight: true\n", "'weight' must be a number, not true"),
        ("format: 1\n", "unknown key 'format'"),
        (SCALE + "    min: 1.0\n", "'min' must be a whole number, not the number 1.0"),
        (SCALE + "    max: true\n", "'max' must be a whole number, not true"),
        (SCALE + "    default: 3.0\n", "'default' must be a whole number, not the number 3.0"),
        (SCALE + "    labels: {1.0: Low}\n", "must be a whole number, not the number 1.0"),
        (NUMBER + "    min: true\n", "must be a whole number, not true"),
        (NUMBER + "    default: false\n", "must be a whole number, not false"),
        (
            "  - id: extra\n    prompt: P?\n    type: yes_no\n    weight: false\n",
            "'weight' must be a number or an expression in quotes, not false",
        ),
        (
            "  - id: extra\n    prompt: P?\n    type: yes_no\n    critical: 1\n",
            "'critical' must be true, false or an expression in quotes, not the number 1",
        ),
        (
            "  - id: extra\n    prompt: P?\n    type: choice\n    choices:\n      - {value: a, label: A, score: true}\n      - {value: b, label: B, score: 0}\n",
            "'score' must be a number, not true",
        ),
    ],
)
def test_checklist_keys_take_no_true_for_a_number(
    tmp_path: Path, folder: Path, insert: str, message: str
) -> None:
    checklist = folder / "goals.yaml"
    text = checklist.read_text(encoding="utf-8")
    key = insert.partition(":")[0]
    if insert.startswith("  - id"):
        text = text.replace("questions:\n", "questions:\n" + insert, 1)
    elif f"\n{key}:" in text:
        old = next(line for line in text.splitlines() if line.startswith(f"{key}:"))
        text = text.replace(old + "\n", insert, 1)
    else:
        text = text.replace("title:", insert + "title:", 1)
    checklist.write_text(text, encoding="utf-8")
    done = outsource("checklists", "validate", folder, cwd=tmp_path, given=[checklist])
    refused(done, "goals.yaml:", message)
