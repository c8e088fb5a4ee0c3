"""The top risk of customer support, bookkeeping, IT support and sales: a blocker when
answered badly once a partner is chosen, and questions that only their own kind is asked."""

from __future__ import annotations

import pytest

from outsource_cli import checklist_set
from outsource_cli.answers import Answers
from outsource_cli.assessment import Assessment, assess

BUILTIN = checklist_set.load()
ALL_KINDS = [
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
PREFIXES = {
    "customer_support": "support_",
    "bookkeeping": "books_",
    "it_support": "it_",
    "sales": "sales_",
}
TOP_RISKS = [
    ("customer_support", "support_escalation"),
    ("bookkeeping", "books_payment_control"),
    ("it_support", "it_admin_access"),
    ("sales", "sales_data_ownership"),
    ("sales", "sales_outreach_law"),
]
CONTRACT_POINTS = {"sales_data_ownership", "sales_outreach_law"}
"""Top risks that are contract points: actions, not blockers, before a partner is chosen."""


def _assessed(kind: str, stage: str, answered: dict[str, object] | None = None) -> Assessment:
    answers = Answers()
    answers.set("fit", "task_kind", kind)
    answers.set("fit", "stage", stage)
    for question_id, value in (answered or {}).items():
        answers.set("work", question_id, value)
    return assess(BUILTIN, answers)


def _blocking(assessment: Assessment) -> set[str]:
    return {result.question.id for result in assessment.blockers if result.section_id == "work"}


def _applying(assessment: Assessment) -> set[str]:
    return {
        result.question.id
        for section in assessment.sections
        for result in section.questions
        if result.section_id == "work" and result.applies
    }


@pytest.mark.parametrize("stage", ["negotiating", "working"])
@pytest.mark.parametrize(("kind", "question_id"), TOP_RISKS)
def test_a_bad_answer_to_the_top_risk_blocks_once_a_partner_is_chosen(
    kind: str, question_id: str, stage: str
) -> None:
    assert question_id in _blocking(_assessed(kind, stage, {question_id: False}))


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize(("kind", "question_id"), TOP_RISKS)
def test_a_good_answer_to_the_top_risk_does_not_block(
    kind: str, question_id: str, stage: str
) -> None:
    assert question_id not in _blocking(_assessed(kind, stage, {question_id: True}))


@pytest.mark.parametrize("stage", ["exploring", "comparing"])
@pytest.mark.parametrize(("kind", "question_id"), TOP_RISKS)
def test_before_a_partner_is_chosen_only_contract_points_wait_for_the_contract(
    kind: str, question_id: str, stage: str
) -> None:
    blocks = question_id in _blocking(_assessed(kind, stage, {question_id: False}))
    assert blocks is (question_id not in CONTRACT_POINTS)


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("kind", list(PREFIXES))
def test_a_kind_s_questions_apply_to_it_at_every_stage_and_to_no_other_kind(
    kind: str, stage: str
) -> None:
    prefix = PREFIXES[kind]
    own = {q.id for q in BUILTIN.section("work").section.questions if q.id.startswith(prefix)}
    assert 6 <= len(own) <= 7
    assert own <= _applying(_assessed(kind, stage))
    for other in ALL_KINDS:
        if other != kind:
            assert not own & _applying(_assessed(other, stage)), other
