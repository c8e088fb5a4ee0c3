"""Counts with a visible limit: values in a file, nesting, sections, questions and choices.

A file of millions of tiny items stops at the value that passes 500,000, quickly and in
little memory; answers files nest at most 20 levels; a set holds at most 5,000 sections
and 20,000 questions, a file 10,000 questions and 1,000 computed values, a question
1,000 choices. What real use and the benchmarks need fits well inside.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from outsource_cli import yamlfile
from outsource_cli.answers import MAX_ANSWERS_DEPTH
from tests.helpers import DATA
from tests.hostile.support import COMMAND, outsource, refused

MEMORY_BUDGET_KB = 500 * 1024
"""The most memory (resident) a refusal of a huge file may take."""


_MEASURE = """
import os, subprocess, sys
with open(sys.argv[1], "wb") as out:
    child = subprocess.Popen(sys.argv[2:], stdin=subprocess.DEVNULL, stdout=out, stderr=out)
    _, status, usage = os.wait4(child.pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""
"""Runs a command and prints its exit code and peak memory. It runs in a small Python of
its own: a child forked from pytest would count pytest's own memory as the command's."""


def _peak_memory_kb(*args: str | Path, cwd: Path) -> tuple[int, str]:
    """Run the command alone and measure its peak resident memory."""
    output = cwd / "out.txt"
    measured = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(output), str(COMMAND), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    code, peak = map(int, measured.stdout.split())
    text = output.read_text(encoding="utf-8", errors="replace")
    assert code == 2, text
    return peak, text


TINY_ITEMS = {
    "flow": lambda n: "id: big\ntitle: Big\nquestions: [" + "1," * n + "1]\n",
    "block": lambda n: "id: big\ntitle: Big\nquestions:\n" + "- 1\n" * n,
    "mapping": lambda n: (
        "id: big\ntitle: Big\nx: {" + ",".join(f"k{i}: 1" for i in range(n)) + "}\n"
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("shape", sorted(TINY_ITEMS))
def test_a_5_mb_file_of_tiny_items_stops_at_the_value_count(tmp_path: Path, shape: str) -> None:
    items = TINY_ITEMS[shape](2_500_000)
    items = items[: yamlfile.MAX_FILE_BYTES - 10]  # 5 MB at most: cut the tail
    big = tmp_path / "big.yaml"
    big.write_text(items, encoding="utf-8")
    done = outsource("checklists", "validate", big, cwd=tmp_path, given=[big], timeout=60)
    refused(done, "big.yaml:", "this file holds more than 500,000 values; split it")
    assert "big.yaml:1:" not in done.output  # at the value that passes the limit
    peak, _ = _peak_memory_kb("checklists", "validate", big, cwd=tmp_path)
    assert peak < MEMORY_BUDGET_KB, f"{peak // 1024} MB"


@pytest.mark.parametrize("command", ["report", "compare"])
@pytest.mark.parametrize("depth", [21, 45, 200])
def test_an_answers_file_nested_deeper_than_20_is_refused(
    tmp_path: Path, command: str, depth: int
) -> None:
    answers = tmp_path / "deep.yaml"
    answers.write_text(
        "format: 1\nanswers:\n  s:\n    q: " + "[" * depth + "]" * depth + "\n", encoding="utf-8"
    )
    other = tmp_path / "other.yaml"
    shutil.copy(DATA / "answers.yaml", other)
    args = [answers] if command == "report" else [answers, other]
    done = outsource(command, *args, cwd=tmp_path, given=[answers, other])
    refused(done, "deep.yaml:4:", f"nesting is deeper than {MAX_ANSWERS_DEPTH} levels")


@pytest.mark.slow
def test_a_5_mb_answers_file_nested_19_deep_is_refused_in_little_memory(tmp_path: Path) -> None:
    head = "format: 1\nx:\n" + "".join("  " * level + f"k{level}:\n" for level in range(1, 18))
    indent = "  " * 18
    body = "".join(f"{indent}v{index}: 1\n" for index in range(120_000))
    answers = tmp_path / "wide.yaml"
    answers.write_text((head + body)[: yamlfile.MAX_FILE_BYTES - 100], encoding="utf-8")
    peak, output = _peak_memory_kb("report", answers, cwd=tmp_path)
    assert "unknown key 'x'" in " ".join(output.split())
    assert peak < MEMORY_BUDGET_KB, f"{peak // 1024} MB"


def test_forty_reviews_of_ten_kpis_fit_an_answers_file() -> None:
    """Room for what answers files will hold later: a list of dated reviews."""
    review = "  - date: 2026-11-23\n    kpis:\n" + "".join(
        f"      k{i}: {{value: 1, target: 2}}\n" for i in range(10)
    )
    text = "format: 1\nreviews:\n" + review * 40
    assert yamlfile.parse(text, "a.yaml", max_depth=MAX_ANSWERS_DEPTH).data["reviews"][39]["kpis"][
        "k9"
    ]


def _questions(count: int, start: int = 0, choices: int = 0) -> str:
    lines = []
    for index in range(start, start + count):
        lines += [
            f"  - id: q{index}",
            "    prompt: P?",
            "    type: yes_no" if not choices else "    type: choice",
        ]
        if choices:
            lines.append("    choices:")
            lines += [f"      - {{value: c{c}, label: C{c}, score: 0}}" for c in range(choices)]
    return "\n".join(lines) + "\n"


def test_a_question_with_more_than_1000_choices_is_refused(tmp_path: Path) -> None:
    checklist = tmp_path / "c.yaml"
    checklist.write_text(
        "id: c\ntitle: C\nquestions:\n" + _questions(1, choices=1_001), encoding="utf-8"
    )
    done = outsource("checklists", "validate", checklist, cwd=tmp_path, given=[checklist])
    refused(done, "c.yaml:8:7: question 'q0': 'choices' may have at most 1,000 items")


def test_a_question_with_1000_choices_fits(tmp_path: Path) -> None:
    checklist = tmp_path / "c.yaml"
    checklist.write_text(
        "id: c\ntitle: C\nquestions:\n" + _questions(1, choices=1_000), encoding="utf-8"
    )
    done = outsource("checklists", "validate", checklist, cwd=tmp_path, given=[checklist])
    assert done.code == 0, done


def test_a_file_with_more_than_1000_computed_values_is_refused(tmp_path: Path) -> None:
    computed = "".join(f"  - {{id: c{i}, label: L, expression: '1'}}\n" for i in range(1_001))
    checklist = tmp_path / "c.yaml"
    checklist.write_text(
        "id: c\ntitle: C\nquestions:\n" + _questions(1) + "computed:\n" + computed, encoding="utf-8"
    )
    done = outsource("checklists", "validate", checklist, cwd=tmp_path, given=[checklist])
    refused(done, "c.yaml:8:3: 'computed' may have at most 1,000 items")


@pytest.mark.slow
def test_a_file_with_more_than_10000_questions_is_refused(tmp_path: Path) -> None:
    checklist = tmp_path / "c.yaml"
    checklist.write_text("id: c\ntitle: C\nquestions:\n" + _questions(10_001), encoding="utf-8")
    done = outsource("checklists", "validate", checklist, cwd=tmp_path, given=[checklist])
    refused(done, "c.yaml:4:3: 'questions' may have at most 10,000 items")


@pytest.mark.slow
def test_a_set_of_more_than_20000_questions_is_refused_at_the_file_that_passes(
    tmp_path: Path,
) -> None:
    lists = tmp_path / "lists"
    lists.mkdir()
    for number in range(3):
        (lists / f"s{number}.yaml").write_text(
            f"id: s{number}\ntitle: S\norder: {number}\nquestions:\n" + _questions(7_000),
            encoding="utf-8",
        )
    done = outsource("checklists", "validate", lists, cwd=tmp_path, given=[])
    refused(done, "s2.yaml:1:5:", "the checklists hold more than 20,000 questions")


@pytest.mark.slow
def test_a_set_of_2000_sections_and_10000_questions_fits(tmp_path: Path) -> None:
    lists = tmp_path / "lists"
    lists.mkdir()
    for number in range(2_000):
        (lists / f"s{number:04d}.yaml").write_text(
            f"id: s{number}\ntitle: S\nquestions:\n" + _questions(5), encoding="utf-8"
        )
    done = outsource("checklists", "validate", lists, cwd=tmp_path, given=[])
    assert done.code == 0, done


@pytest.mark.slow
def test_a_set_of_more_than_5000_sections_is_refused_before_reading_them(tmp_path: Path) -> None:
    lists = tmp_path / "lists"
    lists.mkdir()
    for number in range(5_001):
        (lists / f"s{number:04d}.yaml").write_text("not read\n", encoding="utf-8")
    done = outsource("checklists", "list", "--checklists", lists, cwd=tmp_path, given=[])
    refused(
        done,
        "lists: the checklists folders hold 5,001 checklist files; a set may hold at most 5,000 sections",
    )


def test_memory_is_measured_per_command() -> None:
    """The measure above is the child's own: the harness's limit stays in place as well."""
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    assert soft == resource.RLIM_INFINITY or soft > MEMORY_BUDGET_KB * 1024
