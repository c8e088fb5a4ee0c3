"""The built-in content of the brief and of the checks on each candidate."""

from __future__ import annotations

import pytest

from outsource_cli import checklist_set
from outsource_cli.brief_keys import BRIEF_PARTS, QUESTIONS_PART

BUILTIN = checklist_set.load()
OWNER_QUESTIONS = [
    (loaded.section.id, question)
    for loaded in BUILTIN.sections
    for question in loaded.section.questions
]
CANDIDATE_QUESTIONS = [
    question for loaded in BUILTIN.candidate_sections for question in loaded.section.questions
]
KINDS = [
    "customer_support",
    "bookkeeping",
    "it_support",
    "sales",
    "marketing",
    "web_software",
    "admin",
    "professional",
]


def test_every_part_of_the_brief_has_built_in_content() -> None:
    parts = {question.brief.part for _, question in OWNER_QUESTIONS if question.brief}
    assert parts | {QUESTIONS_PART} == set(BRIEF_PARTS)


def test_the_facts_for_the_brief_never_change_the_score() -> None:
    facts = BUILTIN.section("brief").section.questions
    assert all(question.brief is not None and question.weight == 0 for question in facts)


def test_the_budget_goes_only_into_the_part_on_choosing() -> None:
    budget = [q for section, q in OWNER_QUESTIONS if section == "budget" and q.brief]
    assert [(q.id, q.brief.part) for q in budget if q.brief] == [("annual_budget", "choosing")]


def test_a_candidate_is_asked_in_their_own_words_or_not_at_all() -> None:
    # the prompts speak of the candidate to the owner ("they"); the brief speaks to them
    for question in CANDIDATE_QUESTIONS:
        assert question.brief is not None, question.id
        if question.brief.ask:
            text = question.brief.text or ""
            assert text.endswith("?") or text.startswith("Please "), question.id


def test_what_the_owner_sees_alone_is_kept_out_of_the_brief() -> None:
    kept_out = {
        question.id for question in CANDIDATE_QUESTIONS if question.brief and not question.brief.ask
    }
    assert kept_out == {"references_called", "replies", "warning_signs"}


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_of_work_has_a_knock_out_check_of_its_own(kind: str) -> None:
    own = [
        question
        for question in CANDIDATE_QUESTIONS
        if question.when == f"fit.task_kind == '{kind}'"
    ]
    assert len(own) == 1 and own[0].critical is True


def test_the_top_red_flags_are_knock_outs() -> None:
    critical = {question.id for question in CANDIDATE_QUESTIONS if question.critical is True}
    assert {
        "experience",
        "references_given",
        "references_called",
        "written_price",
        "warning_signs",
    } <= critical
