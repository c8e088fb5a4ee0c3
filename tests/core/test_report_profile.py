"""The top of the report: what is assessed, the cost headline, and the JSON `profile`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from outsource_cli import checklist_set
from outsource_cli.report.render import MadeReport, make_report, render

from ..helpers import DATA, ROOT, Writer

FIT = """\
id: fit
title: The work
questions:
  - id: task_kind
    prompt: What kind of work is it?
    type: choice
    weight: 0
    choices:
      - {value: support, label: Customer support, score: 1}
      - {value: it, label: IT support, score: 1}
  - {id: task, prompt: Which task?, type: text}
  - id: stage
    prompt: Where do you stand?
    type: choice
    weight: 0
    allow_na: true
    choices:
      - {value: exploring, label: Looking around, score: 1}
      - {value: working, label: Already working with a partner, score: 1}
  - id: partner_type
    prompt: Who?
    type: choice
    weight: 0
    when: "fit.stage != 'exploring'"
    choices:
      - {value: agency, label: An agency, score: 1}
      - {value: freelancer, label: A freelancer, score: 1}
"""
BUDGET = """\
id: budget
title: Money
questions:
  - {id: inhouse, prompt: In-house cost?, type: number, weight: 0}
  - {id: outsourced, prompt: Outsourced cost?, type: number, weight: 0}
  - {id: annual_budget, prompt: Budget?, type: number, weight: 0, unit: for the year}
computed:
  - {id: inhouse_cost, label: In-house, expression: "budget.inhouse"}
  - {id: outsourced_cost, label: Outsourced, expression: "budget.outsourced"}
  - {id: saving, label: Saving, expression: "budget.inhouse_cost - budget.outsourced_cost"}
  - id: shortfall
    label: Shortfall
    expression: "[budget.outsourced_cost - budget.annual_budget, 0] | max"
"""


def report(write: Writer, answers: str, *texts: str) -> MadeReport:
    for index, text in enumerate(texts):
        write(f"set/{index}.yaml", text)
    path = write("answers.yaml", "format: 1\nanswers:\n" + answers)
    return make_report(path, checklist_set.load(folders=[Path("set")]), fmt="md")


def test_the_built_in_set_says_what_is_assessed_and_the_cost_headline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(ROOT / "examples" / "online-shop-answers.yaml", tmp_path / "a.yaml")
    data = make_report(Path("a.yaml"), checklist_set.load(), fmt="md").data
    shown = [(fact["label"], fact["text"]) for fact in data["assessed"]["facts"]]
    assert shown == [
        ("Kind of work", "Bookkeeping, payroll or accounts"),
        (
            "The task",
            "Record sales and bills, reconcile the bank, close the books each month and run payroll",
        ),
        ("Partner", "A small firm or agency (a team of people)"),
        ("Where the partner works", "In another country"),
        ("Where you stand", "Negotiating: a partner chosen, the contract being agreed"),
    ]
    assert [(cost["label"], cost["text"]) for cost in data["assessed"]["costs"]] == [
        ("First-year cost", "in-house 63,000, outsourced 40,560"),
        ("Difference", "outsourcing saves 22,440"),
        (
            "Budget set aside",
            "34,000 for the first year, 2,600 short (7% of the fees and switch-over)",
        ),
    ]
    assert data["profile"] == {"task_kind": "bookkeeping", "stage": "negotiating"}


def test_the_kind_of_work_and_the_stage_are_read_where_the_set_has_them(write: Writer) -> None:
    made = report(write, "  fit: {task_kind: it, task: Laptops and email, stage: working}\n", FIT)
    assert made.data["profile"] == {"task_kind": "it", "stage": "working"}
    assert made.data["assessed"]["facts"] == [
        {"id": "task_kind", "label": "Kind of work", "text": "IT support"},
        {"id": "task", "label": "The task", "text": "Laptops and email"},
        {"id": "partner_type", "label": "Partner", "text": "not answered yet"},
        {"id": "stage", "label": "Where you stand", "text": "Already working with a partner"},
    ]
    assert json.loads(render(made.data, "json"))["profile"] == made.data["profile"]


@pytest.mark.parametrize(
    ("answers", "stage_text"),
    [("{task_kind: support}", "not answered yet"), ("{stage: n/a}", "not applicable")],
)
def test_an_unanswered_or_not_applicable_stage_is_null_in_the_profile(
    write: Writer, answers: str, stage_text: str
) -> None:
    made = report(write, f"  fit: {answers}\n", FIT)
    assert made.data["profile"]["stage"] is None
    facts = {fact["id"]: fact["text"] for fact in made.data["assessed"]["facts"]}
    assert facts["stage"] == stage_text


def test_a_fact_whose_question_does_not_apply_is_left_out(write: Writer) -> None:
    made = report(write, "  fit: {stage: exploring, partner_type: agency}\n", FIT)
    facts = [fact["id"] for fact in made.data["assessed"]["facts"]]
    assert facts == ["task_kind", "task", "stage"]


def test_a_set_without_fit_or_budget_says_which_sections_it_assesses(write: Writer) -> None:
    write(
        "set/shop.yaml",
        "id: shop\ntitle: The shop\nquestions:\n  - {id: a, prompt: A?, type: yes_no}\n",
    )
    write(
        "set/team.yaml",
        "id: team\ntitle: The team\nquestions:\n  - {id: b, prompt: B?, type: yes_no}\n",
    )
    made = make_report(
        write("answers.yaml", "format: 1\nanswers: {}\n"),
        checklist_set.load(folders=[Path("set")]),
        fmt="md",
    )
    assert made.data["profile"] == {"task_kind": None, "stage": None}
    assert made.data["assessed"] == {
        "facts": [{"id": "sections", "label": "Sections assessed", "text": "The shop, The team"}],
        "costs": [],
    }
    top = made.text.split("## What is assessed\n", 1)[1].split("\n## ", 1)[0]
    assert top == "\n- **Sections assessed:** The shop, The team\n"


@pytest.mark.parametrize(
    ("answers", "costs"),
    [
        (
            "{inhouse: 50000, outsourced: 40000, annual_budget: 40000}",
            [
                "First-year cost: in-house 50,000, outsourced 40,000",
                "Difference: outsourcing saves 10,000",
                "Budget set aside: 40,000 for the year, no shortfall",
            ],
        ),
        (
            "{inhouse: 25000, outsourced: 31500, annual_budget: 25000}",
            [
                "First-year cost: in-house 25,000, outsourced 31,500",
                "Difference: outsourcing costs 6,500 more",
                "Budget set aside: 25,000 for the year, 6,500 short",
            ],
        ),
        (
            "{inhouse: 30000, outsourced: 30000}",
            [
                "First-year cost: in-house 30,000, outsourced 30,000",
                "Difference: none, the two cost the same",
                "Budget set aside: not answered yet",
            ],
        ),
        (
            "{outsourced: 30000}",
            [
                "First-year cost: in-house not known yet, outsourced 30,000",
                "Difference: not known yet",
                "Budget set aside: not answered yet",
            ],
        ),
    ],
)
def test_the_cost_headline_compares_the_two_costs_and_names_a_shortfall(
    write: Writer, answers: str, costs: list[str]
) -> None:
    made = report(write, f"  budget: {answers}\n", BUDGET)
    assert [f"{c['label']}: {c['text']}" for c in made.data["assessed"]["costs"]] == costs


def test_only_the_cost_values_a_set_has_are_shown(fixture_set: checklist_set.ChecklistSet) -> None:
    data = make_report(DATA / "answers.yaml", fixture_set, fmt="md").data
    assert data["assessed"]["costs"] == [
        {"id": "first_year", "label": "First-year cost", "text": "in-house 67,600 USD per year"},
        {
            "id": "difference",
            "label": "Difference",
            "text": "outsourcing saves 37,600 USD per year",
        },
    ]


@pytest.mark.parametrize(
    ("fmt", "top", "table"),
    [
        ("md", "## What is assessed", "## Sections"),
        ("html", '<h2 id="assessed">What is assessed</h2>', '<h2 id="sections">Sections</h2>'),
    ],
)
def test_what_is_assessed_comes_before_the_sections_table(
    fixture_set: checklist_set.ChecklistSet, fmt: str, top: str, table: str
) -> None:
    text = make_report(DATA / "answers.yaml", fixture_set, fmt=fmt).text
    assert text.count(top) == 1
    assert text.index("First-year cost") < text.index(table)
    assert text.index(top) < text.index("First-year cost")
