"""Loading the active set: overrides, references across sections, order rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from outsource_cli import checklist_set
from outsource_cli.errors import ChecklistError, NotFoundError

from ..helpers import Writer

GOALS = """\
id: goals
title: Goals
order: 10
questions:
  - id: has_staff
    prompt: Does anyone do this work today?
    type: yes_no
  - id: handover
    prompt: Have they agreed to hand it over?
    type: yes_no
    when: "goals.has_staff"
"""


def messages(error: ChecklistError) -> list[str]:
    return [str(problem) for problem in error.problems]


def load_dir(folder: Path, **kwargs: object) -> checklist_set.ChecklistSet:
    return checklist_set.load(folders=[folder], **kwargs)  # type: ignore[arg-type]


def test_the_builtin_set_loads() -> None:
    loaded = checklist_set.load()
    assert loaded.sections
    assert all(section.origin == "built-in" for section in loaded.sections)


def test_sections_are_ordered_by_order_then_id(write: Writer, tmp_path: Path) -> None:
    write("sets/b.yaml", "id: b\ntitle: B\nquestions: [{id: q, prompt: P, type: text}]\n")
    write("sets/a.yaml", "id: a\ntitle: A\nquestions: [{id: q, prompt: P, type: text}]\n")
    write("sets/z.yaml", "id: z\ntitle: Z\norder: 5\nquestions: [{id: q, prompt: P, type: text}]\n")
    write("sets/y.yml", "id: y\ntitle: Y\norder: 1\nquestions: [{id: q, prompt: P, type: text}]\n")
    write("sets/notes.txt", "not a checklist")
    assert load_dir(tmp_path / "sets").ids() == ["y", "z", "a", "b"]


def test_user_files_override_and_extend_the_builtins(write: Writer, tmp_path: Path) -> None:
    builtin_ids = checklist_set.load().ids()
    # the built-in review reads the KPIs: a goals section in their place keeps a KPI list
    kpis = (
        "  - {id: kpi_list, prompt: KPIs?, type: list, key: name,\n"
        "     fields: [{id: name, label: Name, type: text}]}\n"
    )
    write("user/goals.yaml", GOALS.replace("title: Goals", "title: My goals") + kpis)
    write(
        "user/extra.yaml", "id: extra\ntitle: Extra\nquestions: [{id: q, prompt: P, type: text}]\n"
    )
    loaded = checklist_set.load(user_dir=tmp_path / "user")
    assert set(loaded.ids()) == set(builtin_ids) | {"extra"}
    goals = loaded.get("goals")
    assert goals is not None
    assert (goals.section.title, goals.origin) == ("My goals", "user")


def test_extra_files_replace_sections_with_the_same_id(write: Writer, tmp_path: Path) -> None:
    write("set/goals.yaml", GOALS)
    changed = write("new/goals.yaml", GOALS.replace("title: Goals", "title: Changed"))
    loaded = checklist_set.load(folders=[tmp_path / "set"], extra_files=[changed])
    assert loaded.get("goals").section.title == "Changed"  # type: ignore[union-attr]


def test_two_files_with_one_section_id_are_an_error(write: Writer, tmp_path: Path) -> None:
    write("set/a.yaml", GOALS)
    write("set/b.yaml", GOALS)
    with pytest.raises(ChecklistError) as caught:
        load_dir(tmp_path / "set")
    assert messages(caught.value) == [
        "set/b.yaml:1:5: the section id 'goals' is already used by set/a.yaml"
    ]


def test_an_empty_or_missing_folder_is_explained(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(NotFoundError, match="no checklist files"):
        load_dir(tmp_path / "empty")
    with pytest.raises(NotFoundError, match="cannot read the checklists folder"):
        load_dir(tmp_path / "missing")


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            '    when: "budget.salary > 0"\n',
            "set/goals.yaml:15:11: question 'late': 'when': 'budget.salary' refers to a section 'budget' "
            "that does not exist (sections: goals)",
        ),
        (
            '    when: "goals.nothing"\n',
            "set/goals.yaml:15:11: question 'late': 'when': 'goals.nothing' is not a question or computed "
            "value of section 'goals'",
        ),
        (
            '    when: "goals.late"\n',
            "set/goals.yaml:15:11: question 'late': 'when': 'goals.late' is asked after this question; a "
            "condition may refer only to questions asked before it",
        ),
        (
            '    when: "goals.__class__"\n',
            "set/goals.yaml:15:11: question 'late': names starting with '_' are not allowed ('__class__')",
        ),
        (
            '    when: "goals.has_staff and"\n',
            "set/goals.yaml:15:11: question 'late': invalid expression: unexpected 'end of template'",
        ),
    ],
)
def test_condition_references_are_checked(
    write: Writer, tmp_path: Path, extra: str, expected: str
) -> None:
    write("set/goals.yaml", GOALS + "  - id: late\n    prompt: Later?\n    type: yes_no\n" + extra)
    with pytest.raises(ChecklistError) as caught:
        load_dir(tmp_path / "set")
    assert messages(caught.value) == [expected]


def test_a_condition_may_not_look_ahead_to_a_later_section(write: Writer, tmp_path: Path) -> None:
    write("set/goals.yaml", GOALS.replace('"goals.has_staff"', '"later.q"'))
    write(
        "set/later.yaml",
        "id: later\ntitle: L\norder: 20\nquestions: [{id: q, prompt: P, type: yes_no}]\n",
    )
    with pytest.raises(ChecklistError) as caught:
        load_dir(tmp_path / "set")
    assert "'later.q' is asked after this question" in messages(caught.value)[0]


def test_computed_values_may_use_earlier_values_only(write: Writer, tmp_path: Path) -> None:
    write(
        "set/goals.yaml",
        GOALS
        + "computed:\n"
        + '  - {id: first, label: First, expression: "goals.second"}\n'
        + '  - {id: second, label: Second, expression: "goals.has_staff"}\n',
    )
    with pytest.raises(ChecklistError) as caught:
        load_dir(tmp_path / "set")
    assert messages(caught.value) == [
        "set/goals.yaml:13:43: computed value 'first': 'goals.second' is defined after this value; "
        "move it above or refer to its inputs"
    ]


def test_a_condition_may_not_use_a_computed_value(write: Writer, tmp_path: Path) -> None:
    text = GOALS.replace('"goals.has_staff"', '"goals.total"')
    write("set/goals.yaml", text + 'computed:\n  - {id: total, label: T, expression: "1"}\n')
    with pytest.raises(ChecklistError) as caught:
        load_dir(tmp_path / "set")
    assert (
        "'goals.total' is a computed value; a condition may refer only to questions"
        in messages(caught.value)[0]
    )


def test_errors_in_several_files_are_all_reported(write: Writer, tmp_path: Path) -> None:
    write("set/a.yaml", "id: a\ntitle: A\nquestions: [{id: q, prompt: P, type: yesno}]\n")
    write(
        "set/b.yaml",
        'id: b\ntitle: B\nquestions: [{id: q, prompt: P, type: yes_no, when: "a.q or c.x"}]\n',
    )
    with pytest.raises(ChecklistError) as caught:
        load_dir(tmp_path / "set")
    found = messages(caught.value)
    assert len(found) == 2
    assert found[0].startswith("set/a.yaml:3:38: question 'q': type 'yesno' is not one of")
    # the reference to a broken section is not reported twice; the unknown one is
    assert found[1].startswith(
        "set/b.yaml:3:52: question 'q': 'when': 'c.x' refers to a section 'c'"
    )


# --- what each answer-dependent key may refer to ------------------------------------------

ORDERED = """\
id: goals
title: Goals
questions:
  - id: first
    prompt: First?
    type: yes_no
  - id: middle
    type: choice
{keys}
  - id: last
    prompt: Last?
    type: yes_no
computed:
  - {{id: total, label: T, expression: "1"}}
"""
PLAIN_CHOICES = (
    "    choices:\n      - {value: a, label: A, score: 1}\n      - {value: b, label: B, score: 0}"
)


@pytest.mark.parametrize(
    ("keys", "place", "where"),
    [
        (
            '    prompt: [{when: "goals.last", text: A}, {text: B}]\n' + PLAIN_CHOICES,
            "question 'middle', prompt variant 1: 'when'",
            "9:21",
        ),
        (
            '    prompt: P\n    help: [{when: "goals.last", text: A}, {text: B}]\n' + PLAIN_CHOICES,
            "question 'middle', help variant 1: 'when'",
            "10:19",
        ),
        (
            "    prompt: P\n    choices:\n      - {value: a, label: A, score: 1}\n"
            '      - {value: b, label: B, score: 0, when: "goals.last"}',
            "question 'middle', choice 2: 'when'",
            "12:46",
        ),
        (
            "    prompt: P\n    choices:\n      - {value: a, label: A, score: 1}\n"
            '      - {value: b, label: [{when: "goals.last", text: A}, {text: B}], score: 0}',
            "question 'middle', choice 2, label variant 1: 'when'",
            "12:35",
        ),
        (
            "    prompt: P\n    choices:\n      - {value: a, label: A, score: 1}\n"
            '      - {value: b, label: B, score: 0, help: [{when: "goals.last", text: A}, {text: B}]}',
            "question 'middle', choice 2, help variant 1: 'when'",
            "12:54",
        ),
    ],
)
def test_what_the_interview_shows_may_refer_only_to_earlier_questions(
    write: Writer, tmp_path: Path, keys: str, place: str, where: str
) -> None:
    write("set/goals.yaml", ORDERED.format(keys=keys))
    with pytest.raises(ChecklistError) as caught:
        load_dir(tmp_path / "set")
    assert messages(caught.value) == [
        f"set/goals.yaml:{where}: {place}: 'goals.last' is asked after this question; a "
        "condition may refer only to questions asked before it"
    ]
    # and never to a computed value, even one defined before
    write("set/goals.yaml", ORDERED.format(keys=keys).replace("goals.last", "goals.total"))
    with pytest.raises(ChecklistError) as caught:
        load_dir(tmp_path / "set")
    assert messages(caught.value) == [
        f"set/goals.yaml:{where}: {place}: 'goals.total' is a computed value; a condition may "
        "refer only to questions"
    ]


@pytest.mark.parametrize(
    "keys",
    [
        '    prompt: P\n    recommendation: [{when: "goals.last and goals.total", text: A}, '
        "{text: B}]\n" + PLAIN_CHOICES,
        '    prompt: P\n    weight: "2 if goals.last else goals.total"\n' + PLAIN_CHOICES,
        "    prompt: P\n    critical: \"goals.last or goals.middle == 'b'\"\n" + PLAIN_CHOICES,
    ],
)
def test_what_scoring_uses_may_refer_to_any_answer_and_computed_value(
    write: Writer, tmp_path: Path, keys: str
) -> None:
    write("set/goals.yaml", ORDERED.format(keys=keys))
    assert load_dir(tmp_path / "set").ids() == ["goals"]


def test_an_expression_in_a_variant_is_checked_where_it_is_written(
    write: Writer, tmp_path: Path
) -> None:
    keys = (
        '    prompt:\n      - {when: "goals.first", text: A}\n'
        '      - {when: "goals.first and", text: B}\n      - {text: C}\n'
        '    weight: "goals.__class__"\n' + PLAIN_CHOICES
    )
    write("set/goals.yaml", ORDERED.format(keys=keys))
    with pytest.raises(ChecklistError) as caught:
        load_dir(tmp_path / "set")
    assert messages(caught.value) == [
        "set/goals.yaml:11:16: question 'middle', prompt variant 2: invalid expression: "
        "unexpected 'end of template'",
        "set/goals.yaml:13:13: question 'middle': names starting with '_' are not allowed "
        "('__class__')",
    ]
