"""The work section's top risk for marketing, web and software, admin and professional
services: a blocker when answered badly once a partner is chosen, and questions that apply
only to their own kind of work."""

from __future__ import annotations

from itertools import product

import pytest

from outsource_cli import checklist_set
from outsource_cli.answers import Answers
from outsource_cli.assessment import Assessment, QuestionResult, assess

BUILTIN = checklist_set.load()
KINDS = [
    "customer_support",
    "bookkeeping",
    "it_support",
    "sales",
    "marketing",
    "web_software",
    "admin",
    "professional",
    "other",
]
STAGES = ["exploring", "comparing", "negotiating", "working"]
TOP_RISK = {
    "marketing": "marketing_content_rights",
    "web_software": "web_code_repo",
    "admin": "admin_delegated_access",
    "professional": "pro_licence",
}
PREFIX = {
    "marketing": "marketing_",
    "web_software": "web_",
    "admin": "admin_",
    "professional": "pro_",
    "other": "other_",
}
CONTRACT_POINTS = ["marketing", "web_software"]
"""Kinds whose top risk is a contract point: an action, not a blocker, before negotiating."""


def _assessed(kind: str, stage: str, **work: object) -> Assessment:
    answers = Answers()
    answers.set("fit", "task_kind", kind)
    answers.set("fit", "stage", stage)
    for question_id, value in work.items():
        answers.set("work", question_id, value)
    return assess(BUILTIN, answers)


def _result(assessment: Assessment, question_id: str) -> QuestionResult:
    return next(
        result
        for section in assessment.sections
        for result in section.questions
        if result.key == ("work", question_id)
    )


def _blocker_keys(assessment: Assessment) -> set[tuple[str, str]]:
    return {result.key for result in assessment.blockers}


@pytest.mark.parametrize(("kind", "stage"), list(product(TOP_RISK, ["negotiating", "working"])))
def test_a_bad_answer_to_the_top_risk_is_a_blocker_once_a_partner_is_chosen(
    kind: str, stage: str
) -> None:
    question_id = TOP_RISK[kind]
    assessment = _assessed(kind, stage, **{question_id: False})
    assert ("work", question_id) in _blocker_keys(assessment)
    assert _result(assessment, question_id).weight == 3


@pytest.mark.parametrize(("kind", "stage"), list(product(TOP_RISK, STAGES)))
def test_a_good_answer_to_the_top_risk_is_no_blocker(kind: str, stage: str) -> None:
    question_id = TOP_RISK[kind]
    assessment = _assessed(kind, stage, **{question_id: True})
    assert ("work", question_id) not in _blocker_keys(assessment)
    assert _result(assessment, question_id).score == 1


@pytest.mark.parametrize(
    ("kind", "stage"), list(product(CONTRACT_POINTS, ["exploring", "comparing"]))
)
def test_before_negotiating_a_missing_contract_point_is_an_action_in_the_contract_step(
    kind: str, stage: str
) -> None:
    question_id = TOP_RISK[kind]
    assessment = _assessed(kind, stage, **{question_id: False})
    assert ("work", question_id) not in _blocker_keys(assessment)
    result = _result(assessment, question_id)
    assert result in assessment.actions
    assert result.step == "contract"
    assert result.prompt.startswith("Will you make sure the contract you sign")


@pytest.mark.parametrize(("kind", "stage"), list(product(["admin", "professional"], STAGES)))
def test_the_top_risk_of_admin_and_professional_work_blocks_at_every_stage(
    kind: str, stage: str
) -> None:
    question_id = TOP_RISK[kind]
    assert ("work", question_id) in _blocker_keys(_assessed(kind, stage, **{question_id: False}))


def _work_applying(kind: str, stage: str) -> set[str]:
    return {
        result.question.id
        for section in _assessed(kind, stage).sections
        for result in section.questions
        if result.section_id == "work" and result.applies
    }


@pytest.mark.parametrize(("kind", "stage"), list(product(PREFIX, STAGES)))
def test_a_kind_s_questions_apply_as_soon_as_it_is_chosen_and_to_no_other_kind(
    kind: str, stage: str
) -> None:
    prefix = PREFIX[kind]
    own = {
        question_id for question_id in _work_applying(kind, stage) if question_id.startswith(prefix)
    }
    assert len(own) >= (2 if kind == "other" else 6)
    for other in KINDS:
        if other != kind:
            leaked = {q for q in _work_applying(other, stage) if q.startswith(prefix)}
            assert not leaked, (other, sorted(leaked))
