"""The built-in checklists fitted to each kind of work: questions of its own, and no
example from another trade in what an owner is shown."""

from __future__ import annotations

import re
from itertools import product

import pytest

from outsource_cli import checklist_set
from outsource_cli.answers import Answers
from outsource_cli.assessment import Assessment, assess

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
]
STAGES = ["exploring", "comparing", "negotiating", "working"]

# Words that only an example from that kind of work would use. A text any other kind of
# owner is shown must not contain them.
MARKERS = {
    "customer_support": [r"\btickets?\b", r"help[- ]desk", r"\brefunds?\b", r"knowledge base"],
    "bookkeeping": [
        r"bookkeep",
        r"\brun(ning)? (the |your )?payroll",
        r"month-end",
        r"\breceipts?\b",
        r"\bledger",
    ],
    "it_support": [r"\blaptops?\b", r"\bdns\b", r"break-glass", r"\bservers?\b", r"antivirus"],
    "sales": [r"qualified lead", r"lead lists?", r"\bprospects?\b", r"appointment", r"pipeline"],
    "marketing": [r"ad accounts?", r"social media", r"\bcampaigns?\b", r"pixel", r"influencer"],
    "web_software": [r"source code", r"\bhosting\b", r"\bstaging\b", r"\bwebsite", r"\bapp\b"],
    "admin": [r"\binbox", r"virtual assistant", r"book(ing)? travel", r"email and calendar"],
    "professional": [r"privilege", r"conflicts? of interest", r"professional body", r"\bbar\b"],
}
NOT_MARKED = {("fit", "task_kind")}
"""The question that names every kind of work in its choices."""


def _answers(kind: str, stage: str, fill: bool | None = None) -> Answers:
    """A file with the kind and the stage, and every yes/no question answered `fill`."""
    answers = Answers()
    answers.set("fit", "task_kind", kind)
    answers.set("fit", "stage", stage)
    if fill is not None:
        for loaded in BUILTIN.sections:
            for question in loaded.section.questions:
                if question.type == "yes_no" and loaded.section.id != "fit":
                    answers.set(loaded.section.id, question.id, fill)
    return answers


def _assessed(kind: str, stage: str = "comparing", fill: bool | None = None) -> Assessment:
    return assess(BUILTIN, _answers(kind, stage, fill))


def _applying(kind: str, stage: str = "comparing") -> set[tuple[str, str]]:
    return {
        result.key
        for section in _assessed(kind, stage).sections
        for result in section.questions
        if result.applies
    }


def _own(kind: str, stage: str = "comparing") -> set[tuple[str, str]]:
    others = set().union(*(_applying(other, stage) for other in [*KINDS, "other"] if other != kind))
    return _applying(kind, stage) - others


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_has_at_least_five_questions_of_its_own_as_soon_as_it_is_chosen(
    kind: str,
) -> None:
    for stage in STAGES:
        own = _own(kind, stage)
        assert len(own) >= 5, (stage, sorted(own))


@pytest.mark.parametrize("kind", KINDS)
def test_the_top_risk_of_each_kind_is_a_critical_question_of_its_own(kind: str) -> None:
    own = _own(kind, "negotiating")
    results = [
        result
        for section in _assessed(kind, "negotiating").sections
        for result in section.questions
        if result.key in own and result.critical
    ]
    assert results, f"no question of its own is critical for {kind}"


def _shown_texts(assessment: Assessment) -> list[tuple[tuple[str, str], str]]:
    texts = []
    for section in assessment.sections:
        for result in section.questions:
            if not result.applies or result.key in NOT_MARKED:
                continue
            parts = [result.prompt, result.help, result.recommendation]
            for choice in getattr(result.question, "choices", []):
                parts += [choice.label_text, choice.help_text]
            texts += [(result.key, " ".join(part.split())) for part in parts if part]
    return texts


@pytest.mark.parametrize(("kind", "stage", "fill"), list(product(KINDS, STAGES, [True, False])))
def test_no_owner_sees_an_example_from_another_kind_of_work(
    kind: str, stage: str, fill: bool
) -> None:
    found = []
    for key, text in _shown_texts(_assessed(kind, stage, fill)):
        for other, patterns in MARKERS.items():
            if other == kind:
                continue
            found += [(key, other, p, text) for p in patterns if re.search(p, text, re.I)]
    assert not found, "\n".join(f"{k}: {o} word {p!r} in: {t}" for k, o, p, t in found)


@pytest.mark.parametrize("stage", STAGES)
def test_something_else_gets_no_trade_examples_at_all(stage: str) -> None:
    found = [
        (key, pattern, text)
        for key, text in _shown_texts(_assessed("other", stage))
        for patterns in MARKERS.values()
        for pattern in patterns
        if re.search(pattern, text, re.I)
    ]
    assert not found, found
