"""Answers files: checked against their questions, unknown answers kept, written atomically."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outsource_cli import answers as answers_module
from outsource_cli import answers_saving, checklist_set
from outsource_cli.answers import Answers
from outsource_cli.errors import AnswerRefused, AnswersError, FileWriteError, NotFoundError
from outsource_cli.questions import NOT_APPLICABLE

from ..helpers import DATA, Writer

HEADER = "format: 1\nanswers:\n"


def load(path: Path, fixture_set: checklist_set.ChecklistSet) -> answers_module.LoadedAnswers:
    return answers_module.load(path, fixture_set)


def test_the_sample_answers_load(fixture_set: checklist_set.ChecklistSet) -> None:
    loaded = load(DATA / "answers.yaml", fixture_set)
    values = loaded.answers
    assert values.business == "Hill Street Bakery"
    assert values.get("goals", "objectives") is True  # 'yes' is read as yes
    assert values.get("goals", "protections") == ["nda", "exit"]
    assert values.get("goals", "kpis") is None
    assert values.has("goals", "kpis")
    assert not values.has("goals", "missing")
    assert values.note("goals", "objectives") == "Drafted with the team on Monday"


def test_answers_to_unknown_questions_are_warned_about_and_kept(
    write: Writer, fixture_set: checklist_set.ChecklistSet, tmp_path: Path
) -> None:
    path = write(
        "a.yaml", HEADER + "  goals:\n    gone: 1\n  retired:\n    q: x\nnotes:\n  goals.nope: hi\n"
    )
    loaded = load(path, fixture_set)
    assert loaded.warnings == (
        "a.yaml:4: the answer to 'goals.gone' is kept, but section 'goals' has no such question, so it is not scored",
        "a.yaml:5: answers for section 'retired' are kept, but no checklist has that section, so they are not scored",
        "a.yaml:8: the note on 'goals.nope' matches no question",
    )
    answers_saving.save(path, loaded.answers, fixture_set)
    again = load(path, fixture_set).answers
    assert again.get("goals", "gone") == 1
    assert again.get("retired", "q") == "x"
    assert again.notes == {"goals.nope": "hi"}


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (
            "goals:\n    objectives: maybe",
            "a.yaml:4:17: 'goals.objectives': expected yes or no (true or false), not the text 'maybe'",
        ),
        (
            "goals:\n    pricing: monthly",
            "a.yaml:4:14: 'goals.pricing': expected one of fixed, hourly, unsure, not the text 'monthly'",
        ),
        (
            "goals:\n    protections: audit",
            "a.yaml:4:18: 'goals.protections': expected a list of values from nda, ip, exit, not the text 'audit'",
        ),
        (
            "goals:\n    protections: [nda, nda]",
            "a.yaml:4:18: 'goals.protections': a value is listed twice",
        ),
        (
            "goals:\n    protections: [nda, x]",
            "a.yaml:4:18: 'goals.protections': the text 'x' is not one of nda, ip, exit",
        ),
        (
            "goals:\n    confidence: 6",
            "a.yaml:4:17: 'goals.confidence': expected a whole number from 1 to 5, not the number 6",
        ),
        (
            "goals:\n    confidence: 2.5",
            "a.yaml:4:17: 'goals.confidence': expected a whole number from 1 to 5, not the number 2.5",
        ),
        (
            "goals:\n    task: 12",
            "a.yaml:4:11: 'goals.task': expected text, not the number 12; put the answer in quotes",
        ),
        (
            "goals:\n    objectives: n/a",
            "a.yaml:4:17: 'goals.objectives': this question cannot be answered 'n/a' (not applicable)",
        ),
        (
            "budget:\n    salary: 52,000",
            "a.yaml:4:13: 'budget.salary': expected a number (write it without commas or currency signs), not the text '52,000'",
        ),
        (
            "budget:\n    salary: '52000'",
            "a.yaml:4:13: 'budget.salary': '52000' is written in quotes, which makes it text: remove the quotes",
        ),
        (
            'budget:\n    overhead: "-1.5"',
            "a.yaml:4:15: 'budget.overhead': '-1.5' is written in quotes, which makes it text: remove the quotes",
        ),
        (
            "goals:\n    confidence: '4'",
            "a.yaml:4:17: 'goals.confidence': '4' is written in quotes, which makes it text: remove the quotes",
        ),
        (
            "budget:\n    salary: -1",
            "a.yaml:4:13: 'budget.salary': expected a number of at least 0, not -1",
        ),
        (
            "budget:\n    overhead: 4",
            "a.yaml:4:15: 'budget.overhead': expected a number of at most 3, not 4",
        ),
        ("budget:\n    salary: true", "a.yaml:4:13: 'budget.salary': expected a number, not true"),
        (
            "budget:\n    salary: .nan",
            "a.yaml:4:13: '.nan' is not a number outside a calculation; write a number",
        ),
    ],
)
def test_answers_that_do_not_fit_are_located(
    write: Writer, fixture_set: checklist_set.ChecklistSet, answer: str, expected: str
) -> None:
    path = write("a.yaml", HEADER + "  " + answer + "\n")
    with pytest.raises(AnswersError) as caught:
        load(path, fixture_set)
    assert [str(problem) for problem in caught.value.problems] == [expected]


def test_every_bad_answer_is_reported(
    write: Writer, fixture_set: checklist_set.ChecklistSet
) -> None:
    path = write(
        "a.yaml",
        HEADER + "  goals:\n    pricing: x\n    confidence: 9\n  budget:\n    salary: lots\n",
    )
    with pytest.raises(AnswersError) as caught:
        load(path, fixture_set)
    assert [str(p).split(": ")[0] for p in caught.value.problems] == [
        "a.yaml:4:14",
        "a.yaml:5:17",
        "a.yaml:7:13",
    ]


def test_not_applicable_is_accepted_where_allowed(
    write: Writer, fixture_set: checklist_set.ChecklistSet
) -> None:
    path = write(
        "a.yaml", HEADER + "  goals:\n    kpis: n/a\n    protections: N/A\n    task: n/a\n"
    )
    values = load(path, fixture_set).answers
    assert values.get("goals", "kpis") == NOT_APPLICABLE
    assert values.get("goals", "protections") == NOT_APPLICABLE
    assert values.get("goals", "task") == "n/a"  # on a text question it is just text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("answers: {}\n", "a.yaml:1:1: 'format' is required"),
        ("format: 2\nanswers: {}\n", "a.yaml:1:9: 'format' must be 1 (the format this version"),
        (
            "format: true\n",
            "a.yaml:1:9: 'format' must be 1 (the format this version of outsource reads), not true",
        ),
        (
            "format: 1.0\n",
            "a.yaml:1:9: 'format' must be 1 (the format this version of outsource reads), not the number 1.0",
        ),
        (
            "format: '1'\n",
            "a.yaml:1:9: 'format' must be 1 (the format this version of outsource reads), not the text '1'",
        ),
        (
            "format: 1\nbusiness: " + "b" * 10_001 + "\n",
            "a.yaml:2:11: 'business' is too long (at most 10,000 characters)",
        ),
        (
            "format: 1\nnotes:\n  goals.q: " + "n" * 10_001 + "\n",
            "a.yaml:3:12: 'goals.q' is too long (at most 10,000 characters)",
        ),
        (
            "format: 1\nchecklists: {goals: true}\n",
            "a.yaml:2:21: 'goals' must be a whole number, not true",
        ),
        (
            "format: 1\nx:\n" + "".join(" " * n + "- \n" for n in range(1, 22)),
            "a.yaml:22:21: nesting is deeper than 20 levels",
        ),
        ("format: 1\nanwsers: {}\n", "a.yaml:2:1: unknown key 'anwsers' (did you mean 'answers'?)"),
        (
            "format: 1\nanswers: [1]\n",
            "a.yaml:2:10: 'answers' must be a mapping of keys to values, not a list",
        ),
        (
            "- 1\n",
            "a.yaml:1:1: this is not an answers file: it holds a list, not a mapping of keys such as 'format: 1' and 'answers'",
        ),
        (
            "format: 1\nanswers:\n  goals: [1]\n",
            "a.yaml:3:10: 'goals' must be a mapping of keys to values, not a list",
        ),
        ("format: 1\nbusiness: 12\n", "a.yaml:2:11: 'business' must be text, not the number 12"),
    ],
)
def test_the_file_structure_is_checked(
    write: Writer, fixture_set: checklist_set.ChecklistSet, text: str, expected: str
) -> None:
    path = write("a.yaml", text)
    with pytest.raises(AnswersError) as caught:
        load(path, fixture_set)
    assert str(caught.value.problems[0]).startswith(expected), caught.value.problems


def test_a_missing_answers_file_says_what_to_do(
    tmp_path: Path, fixture_set: checklist_set.ChecklistSet
) -> None:
    with pytest.raises(NotFoundError) as caught:
        load(tmp_path / "nothing.yaml", fixture_set)
    assert "Run 'outsource check' to answer the questions" in caught.value.hint


def test_saving_orders_answers_like_the_interview(
    tmp_path: Path, fixture_set: checklist_set.ChecklistSet
) -> None:
    values = Answers(business="Shop")
    values.set("budget", "price", 10)
    values.set("goals", "kpis", None)
    values.set("goals", "objectives", True)
    path = tmp_path / "a.yaml"
    answers_saving.save(path, values, fixture_set)
    text = path.read_text()
    assert text.index("goals:") < text.index("budget:")
    assert text.index("objectives:") < text.index("kpis:")
    assert "checklists:\n  goals: 3\n  budget: 1\n" in text
    assert values.created is not None and values.updated is not None
    reloaded = load(path, fixture_set).answers
    assert reloaded.values == {"goals": {"objectives": True, "kpis": None}, "budget": {"price": 10}}


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixture_set: checklist_set.ChecklistSet
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("format: 1\nanswers: {}\n")

    def broken_replace(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    values = Answers()
    values.set("goals", "objectives", True)
    with pytest.raises(FileWriteError, match="No space left on device"):
        answers_saving.save(path, values, fixture_set)
    assert path.read_text() == "format: 1\nanswers: {}\n"
    assert os.listdir(tmp_path) == ["a.yaml"]


def test_text_utf8_cannot_store_is_saved_as_the_replacement_character(
    tmp_path: Path, fixture_set: checklist_set.ChecklistSet
) -> None:
    """Python reads a Latin-1 byte in a command-line argument as a lone surrogate."""
    path = tmp_path / "a.yaml"
    values = Answers(business="Caf\udce9 Bleu", notes={"goals.task": "\ud800 note"})
    values.set("goals", "task", "na\udcefve")
    answers_saving.save(path, values, fixture_set)
    reloaded = load(path, fixture_set).answers
    assert (reloaded.business, reloaded.get("goals", "task"), reloaded.note("goals", "task")) == (
        "Caf\ufffd Bleu",
        "na\ufffdve",
        "\ufffd note",
    )


_AWKWARD = st.sampled_from(
    [
        *map(chr, range(0x20)),
        "\x7f",
        *map(chr, range(0x80, 0xA0)),
        *("\u2028", "\u2029", "\ufeff", "\u202e", "\r", "\r\n", "\ud800", "\udfff"),
        *("#", ": ", "'", '"', " "),
    ]
)
"""Characters a YAML writer finds hard: controls, C1, line breaks, marks, lone surrogates."""


@pytest.mark.slow
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=300)
@given(st.lists(st.one_of(_AWKWARD, st.characters()), max_size=300).map("".join))
def test_a_text_answer_reads_back_exactly_as_saved(
    tmp_path: Path, fixture_set: checklist_set.ChecklistSet, text: str
) -> None:
    """Whatever is typed is saved so that it reads back identically (a lone surrogate,
    which UTF-8 cannot hold, becomes U+FFFD)."""
    path = tmp_path / "round.yaml"
    answers = Answers()
    answers.set("goals", "task", text)
    answers.business = text or None
    answers.notes["goals.task"] = text
    answers_saving.save(path, answers, fixture_set)
    loaded = load(path, fixture_set).answers
    stored = "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in text)
    assert loaded.get("goals", "task") == stored
    assert loaded.note("goals", "task") == stored
    assert loaded.business == (stored or None)


def test_a_text_answer_of_10000_characters_of_every_kind_reads_back(
    tmp_path: Path, fixture_set: checklist_set.ChecklistSet
) -> None:
    text = ("".join(map(chr, range(1, 0x250))) + "\u2028\ufeff\u202e\r\n") * 20
    text = text[:10_000]
    path = tmp_path / "round.yaml"
    answers = Answers()
    answers.set("goals", "task", text)
    answers_saving.save(path, answers, fixture_set)
    assert load(path, fixture_set).answers.get("goals", "task") == text


def test_an_answer_the_reader_would_refuse_is_not_saved(
    tmp_path: Path, fixture_set: checklist_set.ChecklistSet
) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("format: 1\n", encoding="utf-8")
    answers = Answers()
    for index in range(600):
        answers.notes[f"goals.n{index}"] = "n" * 10_000
    with pytest.raises(AnswerRefused, match="larger than 5 MB"):
        answers_saving.save(path, answers, fixture_set)
    assert path.read_text(encoding="utf-8") == "format: 1\n"
