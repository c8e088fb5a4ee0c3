"""The built-in checklists: complete, consistent, covering every critical topic."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from outsource_cli import checklist_set
from outsource_cli.answers import Answers
from outsource_cli.assessment import assess
from outsource_cli.checklist import AnyQuestion
from outsource_cli.number_questions import NumberQuestion
from outsource_cli.questions import TextQuestion
from outsource_cli.report.render import make_report
from outsource_cli.variants import Variant

from ..helpers import ROOT, golden

BUILTIN = checklist_set.load()
SECTIONS = [
    "fit",
    "work",
    "goals",
    "budget",
    "delegation",
    "partner",
    "contract",
    "ip",
    "communication",
    "risk",
    "exit",
    "brief",
]
QUESTIONS = [
    (loaded.section.id, question)
    for loaded in BUILTIN.sections
    for question in loaded.section.questions
]

# Every topic marked [C] in the content brief, and the critical question that covers it.
CRITICAL_TOPICS = {
    "the task is non-core": "fit.non_core",
    "the owner stays accountable for the outcome": "fit.accountable",
    "objectives written down": "goals.objectives",
    "scope with deliverables, in and out of scope": "goals.scope",
    "a budget for the whole term": "budget.term_budget",
    "a named point person with time set aside": "delegation.point_person",
    "references called and track record on similar work": "partner.references",
    "a signed written agreement with fees, timelines and termination": "contract.signed_agreement",
    "termination for breach and for convenience with notice periods": "contract.termination_convenience",
    "IP assignment signed before work starts": "ip.ip_assignment",
    "NDA before sharing sensitive information": "ip.nda",
    "a communication plan: tools, check-ins, response times": "communication.checkin",
    "an exit plan from the start": "exit.exit_plan",
    "transition help, return of data in a usable format, certified deletion": "exit.data_return",
}


def test_the_twelve_sections_come_in_order() -> None:
    assert BUILTIN.ids() == SECTIONS


def test_the_checks_on_each_candidate_are_a_section_of_their_own() -> None:
    assert BUILTIN.candidate_ids() == ["candidates"]


@pytest.mark.parametrize("loaded", BUILTIN.sections, ids=lambda loaded: loaded.section.id)
def test_each_section_asks_an_owner_8_to_14_questions_besides_dates(
    loaded: checklist_set.LoadedSection,
) -> None:
    if loaded.section.id == "work":  # the checks of each kind of work: only one kind's apply
        kinds = [q.when or "" for q in loaded.section.questions]
        assert all(kind.startswith("fit.task_kind == ") for kind in kinds)
        assert all(5 <= kinds.count(kind) <= 14 for kind in set(kinds) if "other" not in kind)
        return
    # dates come on top: each takes a moment to look up, not a thought
    asked = [q for q in loaded.section.questions if q.type != "date"]
    assert 8 <= len(asked) <= 14


def test_there_are_at_least_80_questions() -> None:
    assert len(QUESTIONS) >= 80


@pytest.mark.parametrize(
    ("section_id", "question"), QUESTIONS, ids=lambda item: getattr(item, "id", item)
)
def test_every_scored_question_explains_itself_and_says_what_to_do(
    section_id: str, question: AnyQuestion
) -> None:
    if not question.is_scored() or question.weight == 0:
        return
    assert all(text.strip() for text in texts(question.help))
    assert all(re.match(r"^[A-Z][a-z]+\b", text.strip()) for text in texts(question.recommendation))


def texts(value: str | list[Variant] | None) -> list[str]:
    """A text, or the text of each of its variants; none at all fails the callers' `all`."""
    if value is None:
        return [""]
    return [value] if isinstance(value, str) else [variant.text for variant in value]


@pytest.mark.parametrize(("topic", "key"), CRITICAL_TOPICS.items())
def test_every_critical_topic_has_a_critical_question(topic: str, key: str) -> None:
    section_id, question_id = key.split(".")
    loaded = BUILTIN.get(section_id)
    assert loaded is not None
    question = loaded.section.question(question_id)
    assert question is not None and question.critical is not False, topic
    assert isinstance(question.weight, str) or question.weight > 0, topic


def test_each_question_type_is_used() -> None:
    assert {question.type for _, question in QUESTIONS} == {
        "yes_no",
        "choice",
        "multi",
        "scale",
        "number",
        "text",
        "list",
        "date",
    }


def test_the_budget_computes_the_cost_comparison() -> None:
    budget = BUILTIN.get("budget")
    assert budget is not None
    computed = {value.id for value in budget.section.computed}
    assert {"inhouse_cost", "outsourced_cost", "saving", "cost_ratio"} <= computed
    overhead = budget.section.question("overhead")
    assert isinstance(overhead, NumberQuestion) and overhead.default == 1.3
    assert any(
        isinstance(q, NumberQuestion) and q.score and "budget." in q.score
        for q in budget.section.questions
    )


def test_the_task_is_asked_in_words() -> None:
    fit = BUILTIN.get("fit")
    assert fit is not None and isinstance(fit.section.question("task"), TextQuestion)


def _applying(fit: dict[str, object]) -> set[str]:
    values = Answers()
    for question_id, value in fit.items():
        values.set("fit", question_id, value)
    result = assess(BUILTIN, values)
    return {
        f"{r.section_id}.{r.question.id}" for s in result.sections for r in s.questions if r.applies
    }


@pytest.mark.parametrize(
    ("fact", "section"),
    [
        ({"partner_location": "another_country"}, "communication"),
        ({"customer_facing": True}, "risk"),
        ({"personal_data": True}, "ip"),
        ({"partner_type": "freelancer"}, "delegation"),
    ],
)
def test_conditions_ask_extra_questions_only_when_they_fit(
    fact: dict[str, object], section: str
) -> None:
    baseline = {
        "partner_location": "same_country",
        "customer_facing": False,
        "personal_data": False,
        "partner_type": "agency",
    }
    without = _applying(baseline)
    with_fact = _applying(baseline | fact)
    extra = with_fact - without
    assert extra, fact
    assert any(key.startswith(section + ".") for key in extra)


def test_the_example_report_matches_its_golden_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(ROOT / "examples" / "online-shop-answers.yaml", tmp_path)
    made = make_report(Path("online-shop-answers.yaml"), BUILTIN, fmt="md")
    assert made.warnings == ()
    golden(ROOT / "examples" / "online-shop-report.md", made.text)
