"""Saving what cannot be read back: every value written passes the checks it is read with.

Text answers are kept exactly as typed up to 10,000 characters and refused beyond, before
anything is saved; defaults are checked when the checklist is loaded; an answer that would
make the answers file too large for the reader is refused, and the file left as it was.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from outsource_cli import yamlfile
from tests.helpers import DATA
from tests.hostile.support import Outcome, outsource, refused

CONTROL = "".join(chr(code) for code in range(1, 32) if chr(code) not in "\n\r") + "\x7f"
"""What a terminal can pass in a line: every control character but the line ends."""
C1 = "".join(chr(code) for code in range(0x80, 0xA0) if code != 0x85)
SPECIAL = "\u2028\ufeff\u202e\u200b"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    lists = tmp_path / "lists"
    shutil.copytree(DATA / "checklists", lists)
    return lists


def _check(tmp_path: Path, folder: Path, answers: Path, typed: str, *more: str) -> Outcome:
    return outsource(
        "check",
        "goals",
        "--answers",
        answers,
        "--checklists",
        folder,
        *more,
        cwd=tmp_path,
        input=typed,
        may_change=[answers],
    )


def _saved(answers: Path) -> dict[str, object]:
    data = yamlfile.read(answers).data
    assert isinstance(data, dict)
    saved: dict[str, object] = data.get("answers", {}).get("goals", {})
    return saved


@pytest.mark.parametrize(
    "text",
    [
        "x" * 10_000,
        ("  spaced, then " + CONTROL + C1 + SPECIAL + " ")[:10_000],
        "é" * 10_000,
        "\U0001f600" * 5_000,
        "n/a for now",
        "'quoted' \"double\" # not a comment: key",
    ],
    ids=["10000", "controls", "accents", "emoji", "n-a", "yaml-marks"],
)
def test_a_text_answer_up_to_the_limit_is_kept_exactly(
    tmp_path: Path, folder: Path, text: str
) -> None:
    answers = tmp_path / "a.yaml"
    done = _check(tmp_path, folder, answers, f"{text}\nq\n")
    assert done.code == 0, done
    assert _saved(answers)["task"] == text
    again = outsource(
        "report", answers, "-o", "-", "--checklists", folder, cwd=tmp_path, given=[answers]
    )
    assert again.code == 0, again


@pytest.mark.parametrize(
    "length", [10_001, 12_345, pytest.param(6 * 1024 * 1024, marks=pytest.mark.slow)]
)
def test_a_longer_text_answer_is_refused_before_anything_is_saved(
    tmp_path: Path, folder: Path, length: int
) -> None:
    answers = tmp_path / "a.yaml"
    shutil.copy(DATA / "answers.yaml", answers)
    before = answers.read_bytes()
    done = _check(tmp_path, folder, answers, "x" * length + "\nq\n", "--review")
    assert f"This answer is {length:,} characters; at most 10,000 fit: shorten it." in done.output
    assert answers.read_bytes() == before


def test_a_refused_answer_can_be_typed_again_shorter(tmp_path: Path, folder: Path) -> None:
    answers = tmp_path / "a.yaml"
    done = _check(tmp_path, folder, answers, "x" * 12_000 + "\nshorter\nq\n")
    assert "at most 10,000 fit" in done.output
    assert _saved(answers)["task"] == "shorter"


@pytest.mark.parametrize("length", [10_001, 50_000])
def test_a_longer_text_in_an_answers_file_is_refused_where_it_is(
    tmp_path: Path, folder: Path, length: int
) -> None:
    answers = tmp_path / "a.yaml"
    text = (DATA / "answers.yaml").read_text(encoding="utf-8")
    answers.write_text(
        text.replace("    task: Bookkeeping", "    task: " + "x" * length + " Bookkeeping"),
        encoding="utf-8",
    )
    done = outsource("report", answers, "--checklists", folder, cwd=tmp_path, given=[answers])
    refused(done, "a.yaml:8:11: 'goals.task': this answer is", "at most 10,000 fit")


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("business", "b" * 10_001, "'business' is too long (at most 10,000 characters)"),
        ("notes", "{goals.task: " + "n" * 10_001 + "}", "'goals.task' is too long (at most 10,000"),
    ],
)
def test_a_longer_business_name_or_note_in_a_file_is_refused(
    tmp_path: Path, folder: Path, key: str, value: str, message: str
) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(f"format: 1\n{key}: {value}\n", encoding="utf-8")
    done = outsource("report", answers, "--checklists", folder, cwd=tmp_path, given=[answers])
    refused(done, "a.yaml:2:", message)


@pytest.mark.parametrize("length", [10_001, 100_000])
def test_a_longer_business_name_is_refused_before_anything_is_saved(
    tmp_path: Path, folder: Path, length: int
) -> None:
    answers = tmp_path / "a.yaml"
    done = _check(tmp_path, folder, answers, "q\n", "--business", "B" * length)
    refused(done, f"the business name is {length:,} characters; at most 10,000 fit", "--business")
    assert not answers.exists()


@pytest.mark.slow
def test_an_answer_that_would_make_the_file_too_large_is_refused(
    tmp_path: Path, folder: Path
) -> None:
    """Notes fill the file to just under 5 MB: the next long answer would pass the limit."""
    answers = tmp_path / "a.yaml"
    text = "format: 1\nanswers:\n  goals: {}\nnotes:\n"
    target = yamlfile.MAX_FILE_BYTES - 3_000  # room for the dates, not for a long answer
    index = 0
    while len(text) < target:
        room = target - len(text) - len(f"  goals.n{index:04d}: \n")
        text += f"  goals.n{index:04d}: {'n' * max(1, min(9_990, room))}\n"
        index += 1
    answers.write_text(text, encoding="utf-8")
    before = answers.read_bytes()
    assert len(before) < yamlfile.MAX_FILE_BYTES
    done = _check(tmp_path, folder, answers, "t" * 9_000 + "\nq\n")
    assert "the answers file would be larger than 5 MB" in done.output, done
    assert "it was not saved" in done.output
    assert answers.read_bytes() == before
    again = outsource(
        "report", answers, "-o", "-", "--checklists", folder, cwd=tmp_path, given=[answers]
    )
    assert again.code == 0, again


MULTI = """\
  - id: extra
    prompt: Which extras?
    type: multi
    default: {default}
    choices:
      - {{value: a, label: A, score: 1}}
      - {{value: b, label: B, score: 0}}
"""


@pytest.mark.parametrize(
    ("question", "message"),
    [
        (MULTI.format(default="[a, a]"), "the default does not fit: a value is listed twice"),
        (MULTI.format(default="[b, a, b]"), "the default does not fit: a value is listed twice"),
        (MULTI.format(default="[c]"), "default 'c' is not one of the values a, b"),
        (MULTI.format(default="a"), "'default' must be a list"),
        (
            "  - id: extra\n    prompt: P\n    type: choice\n    default: c\n"
            "    choices:\n      - {value: a, label: A, score: 1}\n      - {value: b, label: B, score: 0}\n",
            "default 'c' is not one of the values a, b",
        ),
        (
            "  - id: extra\n    prompt: P\n    type: number\n    max: 10\n    default: 11\n",
            "default 11 is outside the range 10 or less",
        ),
        (
            "  - id: extra\n    prompt: P\n    type: number\n    min: 0.5\n    default: 0.25\n",
            "default 0.25 is outside the range 0.5 or more",
        ),
        (
            "  - id: extra\n    prompt: P\n    type: scale\n    default: 0\n",
            "default 0 is outside the scale 1 to 5",
        ),
        (
            "  - id: extra\n    prompt: P\n    type: text\n    default: " + "t" * 10_001 + "\n",
            "the default does not fit: this answer is 10,001 characters",
        ),
        (
            "  - id: extra\n    prompt: P\n    type: yes_no\n    default: 1\n",
            "'default' must be true or false",
        ),
    ],
    ids=[
        "aa",
        "bab",
        "not-a-choice",
        "not-a-list",
        "choice",
        "above-max",
        "below-min",
        "scale",
        "text",
        "yes-no",
    ],
)
@pytest.mark.parametrize(
    "command", [["checklists", "validate", "lists"], ["check", "goals", "-a", "new.yaml"]]
)
def test_a_default_that_does_not_fit_its_question_is_refused_at_the_default(
    tmp_path: Path, folder: Path, question: str, message: str, command: list[str]
) -> None:
    checklist = folder / "goals.yaml"
    text = checklist.read_text(encoding="utf-8")
    checklist.write_text(
        text.replace("questions:\n", "questions:\n" + question, 1), encoding="utf-8"
    )
    done = outsource(
        *command, "--checklists", folder, cwd=tmp_path, given=[checklist], input="\n\n"
    )
    refused(done, "goals.yaml:", message)
    default_line = next(
        n for n, line in enumerate(checklist.read_text().splitlines(), 1) if "default:" in line
    )
    assert f"goals.yaml:{default_line}:" in done.output
    assert not (tmp_path / "new.yaml").exists()
