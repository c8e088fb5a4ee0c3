"""The general sections fitted to the owner: one-person businesses, the stage, the
answers already given, and the questions merged away."""

from __future__ import annotations

import re

import pytest

from outsource_cli import checklist_set
from outsource_cli.answers import Answers
from outsource_cli.assessment import Assessment, QuestionResult, assess

BUILTIN = checklist_set.load()


def _assessed(**answers: object) -> Assessment:
    """The built-ins assessed with answers given as `section__question=value`."""
    file = Answers()
    for key, value in answers.items():
        section_id, question_id = key.split("__")
        file.set(section_id, question_id, value)
    return assess(BUILTIN, file)


def _result(assessment: Assessment, section_id: str, question_id: str) -> QuestionResult:
    for section in assessment.sections:
        for result in section.questions:
            if result.key == (section_id, question_id):
                return result
    raise AssertionError(f"no question {section_id}.{question_id}")


def _all_no_delegation(team: str, stage: str) -> Assessment:
    """Every yes/no question of delegation answered no, so each recommendation is shown."""
    answers: dict[str, object] = {"fit__team": team, "fit__stage": stage}
    delegation = BUILTIN.get("delegation")
    assert delegation is not None
    for question in delegation.section.questions:
        if question.type == "yes_no":
            answers[f"delegation__{question.id}"] = False
    return _assessed(**answers)


def test_a_solo_owner_is_not_asked_contact_time() -> None:
    result = _result(
        _assessed(fit__team="solo", delegation__point_person=True), "delegation", "contact_time"
    )
    assert not result.applies


def test_a_business_with_staff_is_asked_contact_time() -> None:
    result = _result(
        _assessed(fit__team="small", delegation__point_person=True), "delegation", "contact_time"
    )
    assert result.applies


def test_a_solo_owner_is_asked_about_their_own_time_as_the_contact() -> None:
    result = _result(_assessed(fit__team="solo"), "delegation", "point_person")
    assert "You will be the partner's contact" in result.prompt


@pytest.mark.parametrize("stage", ["exploring", "comparing", "negotiating", "working"])
def test_a_solo_owner_sees_no_team_wording_in_delegation(stage: str) -> None:
    assessment = _all_no_delegation("solo", stage)
    delegation = next(s for s in assessment.sections if s.loaded.section.id == "delegation")
    texts = [
        text
        for result in delegation.questions
        if result.applies
        for text in (result.prompt, result.help, result.recommendation)
        if text
    ]
    assert texts
    found = [
        text
        for text in texts
        if re.search(r"team member|your team|stand-in|member of the team", text, re.I)
    ]
    assert not found, found


def test_out_of_scope_is_not_asked_after_no_scope() -> None:
    assessment = _assessed(goals__scope=False)
    assert not _result(assessment, "goals", "out_of_scope").applies
    assert _result(_assessed(goals__scope=True), "goals", "out_of_scope").applies


@pytest.mark.parametrize(
    ("stage", "applies"),
    [("exploring", False), ("comparing", False), ("negotiating", True), ("working", True)],
)
def test_goals_understood_applies_only_once_a_partner_is_chosen(stage: str, applies: bool) -> None:
    result = _result(_assessed(fit__stage=stage), "goals", "goals_understood")
    assert result.applies is applies


def test_checking_in_only_when_needed_is_a_blocker() -> None:
    assessment = _assessed(communication__checkin="when_needed")
    result = _result(assessment, "communication", "checkin")
    assert result.blocker
    assert result.key in {blocker.key for blocker in assessment.blockers}


def test_monthly_check_ins_get_their_own_advice_and_no_weekly_call() -> None:
    result = _result(_assessed(communication__checkin="monthly"), "communication", "checkin")
    assert not result.blocker
    assert result.recommendation
    assert "every week or every two weeks" in result.recommendation
    assert "weekly 30-minute call" not in result.recommendation
    assert result.key in {action.key for action in _actions("monthly")}


@pytest.mark.parametrize("cadence", ["daily", "weekly"])
def test_weekly_or_daily_check_ins_get_no_action(cadence: str) -> None:
    assert ("communication", "checkin") not in {action.key for action in _actions(cadence)}


def _actions(cadence: str) -> tuple[QuestionResult, ...]:
    return _assessed(communication__checkin=cadence).actions


@pytest.mark.parametrize("key", ["comm_plan", "culture"])
def test_the_merged_communication_questions_are_gone(key: str) -> None:
    communication = BUILTIN.get("communication")
    assert communication is not None
    assert communication.section.question(key) is None
