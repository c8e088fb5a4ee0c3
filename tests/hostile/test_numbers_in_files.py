"""Numbers outside what outsource works with, in checklists, answers files and typed answers.

Every number is finite and within 1,000,000,000,000,000 either side of zero; weights are
at most 1,000,000. Anything else is a located refusal, never a crash and never NaN in JSON.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import DATA
from tests.hostile.support import Outcome, outsource, refused

HUGE = [
    "1e308",
    "1e400",
    "-1e400",
    "1" * 320,
    "-" + "9" * 320,
    "0x" + "f" * 4000,
    "0o" + "7" * 4000,
    "1000000000000001",
    "!!int " + "1" * 5000,
    "!!float 1e309",
]
"""Numbers too large, written every way YAML writes a number."""
NOT_NUMBERS = [".inf", "-.inf", "+.INF", ".nan", ".NaN", "!!float .inf"]
"""Infinity and NaN: numbers only inside a calculation."""
TOO_LARGE = "this number is too large"
NOT_A_NUMBER = "is not a number outside a calculation"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    lists = tmp_path / "lists"
    shutil.copytree(DATA / "checklists", lists)
    return lists


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _json_report(tmp_path: Path, folder: Path, answers: Path, *given: Path) -> Outcome:
    return outsource(
        "report",
        answers,
        "--format",
        "json",
        "-o",
        "-",
        "--checklists",
        folder,
        cwd=tmp_path,
        given=[answers, *given],
    )


def _expected(text: str) -> str:
    return NOT_A_NUMBER if text in NOT_NUMBERS else TOO_LARGE


OVERHEAD = "    min: 1\n    max: 3\n    default: 1.3\n    weight: 0\n"
"""The overhead question's numbers, lines 14 to 17 of budget.yaml."""
LINES = {"min": 14, "max": 15, "default": 16, "weight": 17}


def _some(values: list[str]) -> list[object]:
    """Every value; the quick loop tries the first, the full suite all."""
    return [values[0], *(pytest.param(value, marks=pytest.mark.slow) for value in values[1:])]


@pytest.mark.parametrize("key", list(LINES))
@pytest.mark.parametrize("text", _some(HUGE + NOT_NUMBERS))
def test_a_number_outside_the_domain_in_a_checklist_is_refused_where_it_is(
    tmp_path: Path, folder: Path, key: str, text: str
) -> None:
    checklist = folder / "budget.yaml"
    old = next(line for line in OVERHEAD.splitlines() if line.startswith(f"    {key}:"))
    _replace(checklist, OVERHEAD, OVERHEAD.replace(old, f"    {key}: {text}"))
    answers = tmp_path / "a.yaml"
    shutil.copy(DATA / "answers.yaml", answers)
    done = _json_report(tmp_path, folder, answers, checklist)
    refused(done, f"budget.yaml:{LINES[key]}:", _expected(text))
    assert not done.stdout


@pytest.mark.parametrize("text", _some(HUGE + NOT_NUMBERS))
def test_a_number_outside_the_domain_in_an_answers_file_is_refused(
    tmp_path: Path, folder: Path, text: str
) -> None:
    answers = tmp_path / "a.yaml"
    shutil.copy(DATA / "answers.yaml", answers)
    _replace(answers, "salary: 52000", f"salary: {text}")
    done = _json_report(tmp_path, folder, answers)
    refused(done, "a.yaml:17:13:", _expected(text))
    assert not done.stdout


@pytest.mark.parametrize("key", ["weight", "order", "version"])
@pytest.mark.parametrize("text", _some(["1e308", "0x" + "f" * 4000, "-.inf"]))
def test_section_numbers_stay_in_the_domain(
    tmp_path: Path, folder: Path, key: str, text: str
) -> None:
    checklist = folder / "budget.yaml"
    _replace(
        checklist,
        "order: 20\n",
        f"order: 20\n{key}: {text}\n" if key != "order" else f"order: {text}\n",
    )
    done = outsource("checklists", "validate", folder, cwd=tmp_path, given=[checklist])
    refused(done, "budget.yaml:", _expected(text))


@pytest.mark.parametrize("weight", ["1000001", "1e7", "999999999999999"])
def test_weights_are_at_most_a_million(tmp_path: Path, folder: Path, weight: str) -> None:
    checklist = folder / "budget.yaml"
    _replace(checklist, "order: 20\n", f"order: 20\nweight: {weight}\n")
    done = outsource("checklists", "validate", folder, cwd=tmp_path, given=[checklist])
    refused(done, "budget.yaml:4:9: 'weight' must be 1,000,000 or less")


def test_the_largest_weights_give_valid_json(tmp_path: Path, folder: Path) -> None:
    """10,000 questions weighing 1,000,000 each: the sums stay exact and the JSON valid."""
    lines = ["id: heavy", "title: Heavy", "weight: 1000000", "questions:"]
    for index in range(200):
        lines += [f"  - id: q{index}", "    prompt: P?", "    type: yes_no", "    weight: 1000000"]
    (folder / "heavy.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    answers = tmp_path / "a.yaml"
    shutil.copy(DATA / "answers.yaml", answers)
    text = answers.read_text(encoding="utf-8").replace(
        "  old_section:",
        "  heavy:\n"
        + "".join(f"    q{i}: {i % 2 == 0}\n".lower() for i in range(200))
        + "  old_section:",
    )
    answers.write_text(text, encoding="utf-8")
    done = _json_report(tmp_path, folder, answers)
    assert done.code == 0, done
    data = json.loads(done.stdout, parse_constant=lambda name: pytest.fail(f"{name} in JSON"))
    assert data["overall"]["score"] is not None


@pytest.mark.parametrize(
    "typed",
    [
        "1" * 320,
        "-" + "9" * 320,
        "1" * 17,
        "99999999999999999.5",
        "$" + "9" * 40,
        "1,000,000,000,000,001",
    ],
)
def test_a_number_typed_at_the_interview_outside_the_domain_is_refused(
    tmp_path: Path, folder: Path, typed: str
) -> None:
    answers = tmp_path / "new.yaml"
    done = outsource(
        "check",
        "budget",
        "--answers",
        answers,
        "--checklists",
        folder,
        cwd=tmp_path,
        input=f"{typed}\nq\n",
        may_change=[answers],
    )
    assert "This number is too large" in done.output, done
    saved = answers.read_text(encoding="utf-8") if answers.exists() else ""
    assert "salary" not in saved
