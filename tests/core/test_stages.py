"""The built-in checklists fitted to the stage: contract points are terms to ask for
before a partner is chosen and blockers once one is, and checks on candidates apply when
there are candidates."""

from __future__ import annotations

import pytest

from outsource_cli import checklist_set
from outsource_cli.answers import Answers
from outsource_cli.assessment import Assessment, QuestionResult, assess

BUILTIN = checklist_set.load()
EARLY = ["exploring", "comparing"]
LATE = ["negotiating", "working"]
CONTRACT_POINTS = [
    ("contract", "termination_convenience", "other"),
    ("contract", "signed_agreement", "other"),
    ("exit", "data_return", "other"),
    ("ip", "ip_assignment", "web_software"),
]


def _assessed(kind: str, stage: str, *answers: tuple[str, str, object]) -> Assessment:
    given = Answers()
    given.set("fit", "task_kind", kind)
    given.set("fit", "stage", stage)
    for section_id, question_id, value in answers:
        given.set(section_id, question_id, value)
    return assess(BUILTIN, given)


def _result(assessment: Assessment, section_id: str, question_id: str) -> QuestionResult:
    for section in assessment.sections:
        for result in section.questions:
            if result.key == (section_id, question_id):
                return result
    raise AssertionError(f"no question {section_id}.{question_id}")


@pytest.mark.parametrize("stage", EARLY)
@pytest.mark.parametrize(("section_id", "question_id", "kind"), CONTRACT_POINTS)
def test_a_missing_contract_point_is_a_contract_action_before_a_partner_is_chosen(
    section_id: str, question_id: str, kind: str, stage: str
) -> None:
    assessment = _assessed(kind, stage, (section_id, question_id, False))
    result = _result(assessment, section_id, question_id)
    assert result.applies
    assert not result.critical
    assert result not in assessment.blockers
    assert result in assessment.actions
    assert result.step == "contract"


@pytest.mark.parametrize("stage", LATE)
@pytest.mark.parametrize(("section_id", "question_id", "kind"), CONTRACT_POINTS)
def test_a_missing_contract_point_blocks_once_a_partner_is_chosen(
    section_id: str, question_id: str, kind: str, stage: str
) -> None:
    assessment = _assessed(kind, stage, (section_id, question_id, False))
    result = _result(assessment, section_id, question_id)
    assert result.blocker
    assert result in assessment.blockers


def test_ip_assignment_does_not_block_where_little_is_created_for_you() -> None:
    assessment = _assessed("it_support", "negotiating", ("ip", "ip_assignment", False))
    assert not _result(assessment, "ip", "ip_assignment").blocker


def test_a_contract_point_is_a_term_to_ask_for_while_exploring() -> None:
    exploring = _result(_assessed("other", "exploring"), "contract", "termination_convenience")
    working = _result(_assessed("other", "working"), "contract", "termination_convenience")
    assert "contract you sign" in exploring.prompt
    assert "contract you sign" not in working.prompt


def test_warning_signs_seen_while_comparing_are_a_blocker() -> None:
    assessment = _assessed("sales", "comparing", ("partner", "warning_signs", True))
    result = _result(assessment, "partner", "warning_signs")
    assert result.blocker
    assert "guaranteed results" in result.prompt


def test_warning_signs_are_not_asked_before_there_are_candidates() -> None:
    assessment = _assessed("sales", "exploring", ("partner", "warning_signs", True))
    result = _result(assessment, "partner", "warning_signs")
    assert not result.applies
    assert not result.blocker


@pytest.mark.parametrize(("kind", "blocks"), [("it_support", True), ("bookkeeping", False)])
def test_accounts_in_the_partners_name_block_where_they_lock_you_in(
    kind: str, blocks: bool
) -> None:
    assessment = _assessed(kind, "comparing", ("ip", "own_accounts", False))
    result = _result(assessment, "ip", "own_accounts")
    assert result.blocker is blocks
    assert result.step == "start"


@pytest.mark.parametrize(
    "ticked",
    [["two_step"], ["own_logins", "two_step"], ["two_step", "least_access", "access_list"]],
)
def test_the_access_advice_never_asks_for_two_step_login_once_it_is_on(
    ticked: list[str],
) -> None:
    assessment = _assessed("other", "negotiating", ("ip", "access_safeguards", ticked))
    recommendation = _result(assessment, "ip", "access_safeguards").recommendation
    assert recommendation is not None
    assert "two-step" not in recommendation.lower()


def test_the_access_advice_asks_for_two_step_login_when_it_is_missing() -> None:
    assessment = _assessed(
        "other", "negotiating", ("ip", "access_safeguards", ["own_logins", "least_access"])
    )
    recommendation = _result(assessment, "ip", "access_safeguards").recommendation
    assert recommendation is not None
    assert "two-step" in recommendation.lower()
