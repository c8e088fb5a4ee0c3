"""Files and expressions from a stranger cannot exhaust the machine: the commands refuse them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from outsource_cli import yamlfile

from ..helpers import SHOP_ANSWERS, SHOP_COLUMNS, SHOP_LINES, Writer, run, shop_checklist

LINES, COLUMNS, ANSWERS = SHOP_LINES, SHOP_COLUMNS, SHOP_ANSWERS


def shop(write: Writer, **expressions: str) -> Path:
    return write("lists/shop.yaml", shop_checklist(**expressions))


def alias_bomb(prefix: str) -> str:
    """Seven levels of nine aliases each: 9**8 values, in a few hundred bytes."""
    lines = [f'{prefix}a: &a ["x","x","x","x","x","x","x","x","x"]']
    for name, previous in zip("bcdefgh", "abcdefg", strict=True):
        lines.append(f"{prefix}{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


BOMB_MESSAGE = (
    ": aliases here expand to more than 100,000 values; write the values out or use "
    "fewer nested aliases"
)


def oversized(path: Path, start: str) -> Path:
    path.write_text(start + "'" + "x" * yamlfile.MAX_FILE_BYTES + "'\n", encoding="utf-8")
    return path


# --- checklist files: `outsource checklists validate` ---

CHECKLIST_START = (
    "id: big\ntitle: Big\nquestions:\n  - id: q\n    prompt: Is it big?\n    type: text\n    help: "
)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (CHECKLIST_START + "[" * 60 + "\n", "big.yaml:7:58: nesting is deeper than 50 levels"),
        (
            "id: big\ntitle: Big\nquestions: []\nx:\n" + alias_bomb("  "),
            "big.yaml:10:10" + BOMB_MESSAGE,
        ),
    ],
    ids=["deep", "alias-bomb"],
)
def test_validate_refuses_a_checklist_that_would_exhaust_memory(
    write: Writer, content: str, message: str
) -> None:
    write("big.yaml", content)
    result = run("checklists", "validate", "big.yaml")
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == f"Error: {message}"
    assert "Traceback" not in result.output


def test_validate_refuses_a_checklist_over_5_mb(write: Writer, tmp_path: Path) -> None:
    oversized(tmp_path / "big.yaml", CHECKLIST_START)
    result = run("checklists", "validate", "big.yaml")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "Error: big.yaml: the file is larger than 5 MB; split it into smaller files",
        "Fix the files above; 'outsource checklists validate' checks them again.",
    ]


def test_small_anchors_in_a_checklist_are_fine(write: Writer) -> None:
    write(
        "anchors.yaml",
        """\
        id: anchors
        title: Anchors
        questions:
          - id: first
            prompt: First?
            type: choice
            choices: &levels
              - {value: low, label: Low, score: 0}
              - {value: high, label: High, score: 1}
          - id: second
            prompt: Second?
            type: choice
            choices: *levels
        """,
    )
    result = run("checklists", "validate", "anchors.yaml")
    assert result.exit_code == 0, result.output
    assert "OK  anchors.yaml: section 'anchors', 2 questions" in result.output


# --- answers files: `outsource report` and `outsource check` ---

ANSWERS_START = "format: 1\nanswers:\n  shop:\n    name: "


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (ANSWERS_START + "[" * 60 + "\n", "answers.yaml:4:28: nesting is deeper than 20 levels"),
        ("format: 1\nanswers:\n  shop:\n" + alias_bomb("    "), "answers.yaml:9:12" + BOMB_MESSAGE),
    ],
    ids=["deep", "alias-bomb"],
)
@pytest.mark.parametrize("command", [["report", "answers.yaml"], ["check", "-a", "answers.yaml"]])
def test_an_answers_file_that_would_exhaust_memory_is_refused(
    write: Writer, command: list[str], content: str, message: str
) -> None:
    shop(write)
    write("answers.yaml", content)
    result = run(*command, "--checklists", "lists", input="")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"Error: {message}",
        "Fix the answers file above, then run the command again.",
    ]
    assert not Path("answers-report.md").exists()


@pytest.mark.parametrize("command", [["report", "answers.yaml"], ["check", "-a", "answers.yaml"]])
def test_an_answers_file_over_5_mb_is_refused_and_kept(
    write: Writer, tmp_path: Path, command: list[str]
) -> None:
    shop(write)
    path = oversized(tmp_path / "answers.yaml", ANSWERS_START)
    before = path.read_bytes()
    result = run(*command, "--checklists", "lists", input="")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "Error: answers.yaml: the file is larger than 5 MB; split it into smaller files",
        "Fix the answers file above, then run the command again.",
    ]
    assert path.read_bytes() == before


# --- expressions: `when`, `score` and `computed` in a checklist ---

HUGE = [
    ("'a' * 10**9", "this would build a value longer than 100,000 items"),
    ("[0] * 10**6", "this would build a value longer than 100,000 items"),
    ("10 ** (10 ** 8)", "this power is too large to work out"),
    ("(2 ** 1000) ** 1000", "this power is too large to work out"),
    ("'a' * 100000 ~ shop.name", "this would build a value longer than 100,000 items"),
    ("'a' * 100000 + shop.name", "this would build a value longer than 100,000 items"),
    ("shop.name * 100000", "this would build a value longer than 100,000 items"),
    ("('a' * 1000) | list | join('b' * 1000)", "this would build a value longer than 100,000"),
    ("([[0] * 1000] * 1000) | sum(start=[])", "this would build a value longer than 100,000"),
    ("'%0999999999d' % 1", "formatting text with % is not allowed"),
]


@pytest.mark.parametrize("place", ["when", "score", "computed"])
@pytest.mark.parametrize(("expression", "message"), HUGE)
def test_an_expression_building_a_huge_value_stops_the_report(
    write: Writer, place: str, expression: str, message: str
) -> None:
    shop(write, **{place: expression})
    write("answers.yaml", ANSWERS)
    result = run("report", "answers.yaml", "--checklists", "lists")
    assert result.exit_code == 2
    first, *rest = result.output.splitlines()
    assert first.startswith(f"Error: lists/shop.yaml:{LINES[place]}:")
    assert f": the expression was refused: {message}" in first
    assert rest == ["Fix the expression in the checklist file."]
    assert not Path("answers-report.md").exists()


@pytest.mark.parametrize("place", ["when", "score", "computed"])
@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("range(10**9)", "calling functions or methods is not allowed"),
        ("range(10**9) | list", "calling functions or methods is not allowed"),
        ("'%s' | format(shop.name)", "the filter 'format' is not allowed"),
        ("shop.name.ljust(10**9)", "calling functions or methods is not allowed"),
    ],
)
def test_validate_refuses_expressions_that_could_build_huge_values(
    write: Writer, place: str, expression: str, message: str
) -> None:
    shop(write, **{place: expression})
    result = run("checklists", "validate", "lists/shop.yaml")
    assert result.exit_code == 2
    first = result.output.splitlines()[0]
    assert first.startswith(f"Error: lists/shop.yaml:{LINES[place]}:")
    assert message in first


def test_harmless_expressions_still_work(write: Writer) -> None:
    shop(write, computed="shop.name ~ ' ' ~ 'x' * 3 ~ (shop.price * 2)")
    write("answers.yaml", ANSWERS)
    result = run("report", "answers.yaml", "--checklists", "lists", "-f", "json", "-o", "-")
    assert result.exit_code == 0, result.output
    assert '"value": "Hill Street xxx20"' in result.output


def test_small_anchors_in_an_answers_file_are_fine(write: Writer) -> None:
    shop(write)
    write(
        "answers.yaml",
        """\
        format: 1
        answers:
          shop:
            name: &name Hill Street
            price: 10
        notes:
          shop.name: *name
          shop.price: *name
        """,
    )
    result = run("report", "answers.yaml", "--checklists", "lists", "-f", "json", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.count('"note": "Hill Street"') == 2


@pytest.mark.parametrize("place", ["when", "score", "computed"])
def test_an_expression_building_a_huge_value_stops_the_interview_without_losing_answers(
    write: Writer, place: str
) -> None:
    shop(write, **{place: "'a' * 10**9"})
    answers = write("answers.yaml", "format: 1\nanswers:\n  shop:\n    name: Hill Street\n")
    result = run("check", "-a", "answers.yaml", "--checklists", "lists", input="10\ny\n")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"Error: lists/shop.yaml:{LINES[place]}:{COLUMNS[place]}: the expression was refused: "
        "this would build a value longer than 100,000 items; expressions are for small "
        "calculations",
        "Fix the expression in the checklist file.",
    ]
    assert yaml.safe_load(answers.read_text(encoding="utf-8"))["answers"]["shop"]["name"] == (
        "Hill Street"
    )
    assert not Path("answers-report.md").exists()


# --- expressions in the keys that depend on the answers ---

FITTED = """\
id: shop
title: T
questions:
  - id: name
    prompt: P
    type: text
  - id: kind
    prompt: [{{when: "{prompt}", text: A}}, {{text: B}}]
    type: choice
    weight: "{weight}"
    critical: "{critical}"
    choices:
      - {{value: a, label: A, score: 1, when: "{choice}"}}
      - {{value: b, label: [{{when: "{label}", text: B}}, {{text: C}}], score: 0}}
    recommendation: [{{when: "{recommendation}", text: R}}, {{text: S}}]
"""
FITTED_PLACES = {
    "prompt": (8, 21),
    "weight": (10, 13),
    "critical": (11, 15),
    "choice": (13, 46),
    "label": (14, 35),
    "recommendation": (15, 29),
}
"""Where each expression sits in FITTED: line and column."""


def fitted(write: Writer, place: str, expression: str) -> Path:
    harmless = dict.fromkeys(FITTED_PLACES, "shop.name is none") | {"weight": "1"}
    return write("lists/shop.yaml", FITTED.format(**{**harmless, place: expression}))


@pytest.mark.parametrize("place", FITTED_PLACES)
@pytest.mark.parametrize(("expression", "message"), [HUGE[0], HUGE[2], HUGE[-1]])
def test_an_expression_in_a_key_that_depends_on_the_answers_is_held_to_the_same_limits(
    write: Writer, place: str, expression: str, message: str
) -> None:
    fitted(write, place, expression)
    write("answers.yaml", "format: 1\nanswers:\n  shop: {name: Hill Street, kind: b}\n")
    result = run("report", "answers.yaml", "--checklists", "lists")
    assert result.exit_code == 2, result.output
    line, column = FITTED_PLACES[place]
    first, *rest = result.output.splitlines()
    assert first.startswith(
        f"Error: lists/shop.yaml:{line}:{column}: the expression was refused: {message}"
    )
    assert rest == ["Fix the expression in the checklist file."]
    assert not Path("answers-report.md").exists()


@pytest.mark.parametrize("place", FITTED_PLACES)
@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("(" * 60 + "1" + ")" * 60, "the expression nests more than 50 levels"),
        ("1 + " * 500 + "1", "is too long (at most 2,000 characters)"),
    ],
    ids=["nesting", "length"],
)
def test_validate_holds_those_expressions_to_the_nesting_and_length_limits(
    write: Writer, place: str, expression: str, message: str
) -> None:
    fitted(write, place, expression)
    result = run("checklists", "validate", "lists/shop.yaml")
    assert result.exit_code == 2
    line, column = FITTED_PLACES[place]
    first = result.output.splitlines()[0]
    assert first.startswith(f"Error: lists/shop.yaml:{line}:{column}: question 'kind'"), first
    assert message in first
