"""The interview's order: what comes next, going back, resuming, reviewing, saving."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from outsource_cli import answers as answers_module
from outsource_cli import checklist_set
from outsource_cli.answers import Answers
from outsource_cli.interview import Interview, Step

from ..helpers import DATA


@pytest.fixture
def fixture_set(tmp_path: Path) -> checklist_set.ChecklistSet:
    return checklist_set.load(folders=[DATA / "checklists"], user_dir=tmp_path / "none")


def ids(steps: list[Step]) -> list[str]:
    return [f"{s.section.section.id}.{s.question.id}" for s in steps]


def walk(interview: Interview, replies: dict[str, Any] | None = None) -> list[str]:
    """Answer each question in turn (None unless given), returning the ids asked."""
    asked: list[Step] = []
    step = interview.first()
    while step is not None:
        asked.append(step)
        key = f"{step.section.section.id}.{step.question.id}"
        interview.record(step, (replies or {}).get(key))
        step = interview.next(step)
    return ids(asked)


ALL_BUT_HANDOVER = [
    "goals.task",
    "goals.objectives",
    "goals.has_staff",
    "goals.pricing",
    "goals.protections",
    "goals.confidence",
    "goals.kpis",
    "budget.salary",
    "budget.overhead",
    "budget.price",
    "budget.budget_set",
]


def test_a_fresh_interview_asks_every_question_that_applies_in_order(
    fixture_set: checklist_set.ChecklistSet, tmp_path: Path
) -> None:
    interview = Interview(fixture_set, Answers(), tmp_path / "a.yaml")
    assert walk(interview) == ALL_BUT_HANDOVER


def test_a_condition_is_read_with_the_answer_just_given(
    fixture_set: checklist_set.ChecklistSet, tmp_path: Path
) -> None:
    interview = Interview(fixture_set, Answers(), tmp_path / "a.yaml")
    asked = walk(interview, {"goals.has_staff": True})
    assert asked[3] == "goals.handover"
    assert len(asked) == len(ALL_BUT_HANDOVER) + 1


def test_each_answer_is_in_the_file_as_soon_as_it_is_given(
    fixture_set: checklist_set.ChecklistSet, tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    interview = Interview(fixture_set, Answers(), path)
    step = interview.first()
    assert step is not None
    interview.record(step, "Bookkeeping")
    saved = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert saved["answers"] == {"goals": {"task": "Bookkeeping"}}


def test_a_second_run_starts_at_the_first_question_not_in_the_file(
    fixture_set: checklist_set.ChecklistSet, tmp_path: Path
) -> None:
    answers = Answers(values={"goals": {"task": None, "objectives": True, "pricing": "fixed"}})
    interview = Interview(fixture_set, answers, tmp_path / "a.yaml")
    asked = walk(interview)
    assert asked[0] == "goals.has_staff"
    assert "goals.task" not in asked  # left unanswered on purpose: not asked again
    assert "goals.pricing" not in asked


def test_review_asks_every_question_with_the_answer_given(
    fixture_set: checklist_set.ChecklistSet, tmp_path: Path
) -> None:
    answers = Answers(values={"goals": {"task": "Payroll", "objectives": True}})
    interview = Interview(fixture_set, answers, tmp_path / "a.yaml", review=True)
    first = interview.first()
    assert first is not None
    assert (first.question.id, first.has_previous, first.previous) == ("task", True, "Payroll")
    assert walk(interview) == ALL_BUT_HANDOVER


def test_going_back_crosses_sections_and_skips_questions_that_do_not_apply(
    fixture_set: checklist_set.ChecklistSet, tmp_path: Path
) -> None:
    interview = Interview(fixture_set, Answers(), tmp_path / "a.yaml")
    walk(interview)
    budget_first = interview.step(ALL_BUT_HANDOVER.index("budget.salary") + 1)
    back = interview.previous(budget_first)
    assert back is not None
    assert (back.section.section.id, back.question.id) == ("goals", "kpis")
    pricing = interview.step(ALL_BUT_HANDOVER.index("goals.pricing") + 1)
    back = interview.previous(pricing)
    assert back is not None
    assert back.question.id == "has_staff"  # handover does not apply
    assert interview.previous(interview.step(0)) is None


def test_changing_an_answer_after_going_back_brings_in_the_question_it_opens(
    fixture_set: checklist_set.ChecklistSet, tmp_path: Path
) -> None:
    interview = Interview(fixture_set, Answers(), tmp_path / "a.yaml")
    step = interview.first()
    order = []
    while step is not None and step.question.id != "pricing":
        interview.record(step, False if step.question.id == "has_staff" else None)
        order.append(step.question.id)
        step = interview.next(step)
    assert step is not None
    has_staff = interview.previous(step)
    assert has_staff is not None
    assert has_staff.question.id == "has_staff"
    interview.record(has_staff, True)
    following = interview.next(has_staff)
    assert following is not None
    assert following.question.id == "handover"
    assert (following.number, following.count) == (4, 8)


def test_after_going_back_each_later_question_is_shown_again_up_to_where_you_were(
    fixture_set: checklist_set.ChecklistSet, tmp_path: Path
) -> None:
    interview = Interview(fixture_set, Answers(), tmp_path / "a.yaml")
    step = interview.first()
    for _ in range(3):
        assert step is not None
        interview.record(step, "x" if step.question.id == "task" else True)
        step = interview.next(step)
    assert step is not None and step.question.id == "handover"
    back = interview.previous(interview.previous(step) or step)
    assert back is not None and back.question.id == "objectives"
    again = interview.next(back)
    assert again is not None
    assert (again.question.id, again.has_previous, again.previous) == ("has_staff", True, True)


def test_sections_can_be_chosen(fixture_set: checklist_set.ChecklistSet, tmp_path: Path) -> None:
    interview = Interview(fixture_set, Answers(), tmp_path / "a.yaml", section_ids=["budget"])
    asked = walk(interview)
    assert asked == [i for i in ALL_BUT_HANDOVER if i.startswith("budget.")]
    first = interview.step(0)
    assert (first.section_number, first.section_count) == (1, 1)
    assert [s.loaded.section.id for s in interview.assessment().sections] == ["budget"]


def test_progress_counts(fixture_set: checklist_set.ChecklistSet, tmp_path: Path) -> None:
    answers = Answers(values={"goals": {"task": None, "objectives": True}})
    interview = Interview(fixture_set, answers, tmp_path / "a.yaml")
    assert (interview.answered_count(), interview.applicable_count()) == (2, 11)
    assert interview.remaining_count() == 9
    assert interview.minutes_left() == 1
    assert not interview.is_complete()
    walk(interview)
    assert interview.is_complete()


def test_the_saved_file_reads_back_exactly(
    fixture_set: checklist_set.ChecklistSet, tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    replies = {
        "goals.task": "Bookkeeping: 'quotes' & [brackets]",
        "goals.objectives": True,
        "goals.protections": ["nda", "exit"],
        "goals.kpis": "n/a",
        "budget.salary": 52000,
        "budget.overhead": 1.3,
    }
    walk(Interview(fixture_set, Answers(), path), replies)
    loaded = answers_module.load(path, fixture_set).answers
    for key, value in replies.items():
        section_id, question_id = key.split(".")
        assert loaded.get(section_id, question_id) == value


# --- questions fitted to the answers (the FITTED_SET of tests/helpers.py) -----------------


def fitted_interview(folder: Path, tmp_path: Path, **values: Any) -> Interview:
    answers = Answers()
    for name, value in values.items():
        section_id, _, question_id = name.partition("__")
        answers.set(section_id, question_id, value)
    loaded = checklist_set.load(folders=[folder])
    return Interview(loaded, answers, tmp_path / "a.yaml", review=True)


def step_of(interview: Interview, question_id: str) -> Step:
    step = interview.first()
    while step is not None and step.question.id != question_id:
        step = interview.next(step)
    assert step is not None, question_id
    return step


def steps(interview: Interview) -> list[Step]:
    found = []
    step = interview.first()
    while step is not None:
        found.append(step)
        step = interview.next(step)
    return found


def test_each_step_shows_the_question_as_the_earlier_answers_make_it(
    fitted_set: Path, tmp_path: Path
) -> None:
    interview = fitted_interview(fitted_set, tmp_path, fit__task_kind="it")
    step = step_of(interview, "accounts")
    assert step.prompt == (
        "Are your domains, cloud and licences registered in your business's name?"
    )
    assert (step.help, step.critical) == ("Whoever holds them can lock you out.", True)
    channel = step_of(interview, "channel")
    assert [label for _, label in channel.question.option_rows()] == [
        "By email",
        "By phone",
        "In person",
    ]
    # tools offers one choice for IT, so it is not asked; the section counts 3 questions
    assert [s for s in ids(steps(interview)) if s.startswith("risk.")] == [
        "risk.accounts",
        "risk.channel",
        "risk.script",
    ]
    assert (channel.number, channel.count) == (2, 3)


def test_an_earlier_answer_naming_a_choice_not_offered_is_not_kept_by_enter(
    fitted_set: Path, tmp_path: Path
) -> None:
    interview = fitted_interview(
        fitted_set,
        tmp_path,
        fit__task_kind="support",
        risk__channel="visit",
        risk__tools=["crm", "drive"],
    )
    channel = step_of(interview, "channel")
    assert (channel.has_previous, channel.previous) == (False, None)
    assert channel.question.enter_answer() == "email"  # the default, offered
    tools = step_of(interview, "tools")
    assert (tools.has_previous, tools.previous) == (True, ["drive"])
    assert tools.question.short_text(tools.previous) == "2"  # its place among those offered


def test_changing_an_earlier_answer_changes_the_choices_offered_next(
    fitted_set: Path, tmp_path: Path
) -> None:
    interview = fitted_interview(fitted_set, tmp_path, fit__task_kind="support")
    assert step_of(interview, "channel").question.parse_reply("3") == "chat"
    interview.record(step_of(interview, "task_kind"), "it")
    assert step_of(interview, "channel").question.parse_reply("3") == "visit"
