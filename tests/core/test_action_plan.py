"""The action plan: grouped by step, blockers first, numbered across steps, each said once."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from outsource_cli import checklist_set
from outsource_cli.report.render import MadeReport, make_report, render
from outsource_cli.views.report import show_report

from ..helpers import Writer, flat

READY = """\
id: ready
title: Getting ready
order: 10
step: choose
questions:
  - {id: brief, prompt: Is the brief written?, type: yes_no, step: prepare,
     recommendation: Write the brief on one page.}
  - {id: refs, prompt: Have you called two references?, type: yes_no, critical: true,
     recommendation: Call two of their clients.}
  - {id: quotes, prompt: How many quotes do you hold?, type: scale, min: 0, max: 2, weight: 4,
     recommendation: Ask a third partner for a quote.}
  - {id: trial, prompt: Will you start with a paid trial?, type: yes_no, weight: 5, step: start,
     recommendation: Agree a paid trial of one month.}
  - {id: contact, prompt: Is a contact named on each side?, type: yes_no, critical: true,
     weight: 2, step: start}
  - {id: money, prompt: Is the money set aside?, type: yes_no, weight: 3, step: prepare,
     recommendation: Set the money aside for a year.}
"""
TERMS = """\
id: terms
title: The contract
order: 20
step: contract
questions:
  - {id: notice, prompt: Can you end it with notice?, type: yes_no, critical: true,
     recommendation: Ask for a notice clause.}
  - {id: cap, prompt: Is their liability capped fairly?, type: yes_no, weight: 3,
     recommendation: Ask for a cap of a year's fees.}
  - {id: levels, prompt: Are service levels written down?, type: yes_no, weight: 3,
     recommendation: Write the service levels into the contract.}
  - {id: review, prompt: Is a yearly review planned?, type: yes_no, step: run,
     recommendation: Put a yearly review in the calendar.}
  - {id: leave, prompt: Do you know how you would leave?, type: yes_no, critical: true,
     step: prepare, recommendation: Write a one-page exit plan.}
  - {id: signed, prompt: Is it signed?, type: yes_no, weight: 9}
"""
ANSWERS = """\
format: 1
answers:
  ready: {brief: false, refs: false, quotes: 1, trial: false, contact: null, money: false}
  terms: {notice: false, cap: false, levels: false, review: false, leave: false, signed: true}
"""
PLAN = [
    ("prepare", "leave"),  # a blocker comes first in its step, whichever section it is in
    ("prepare", "money"),  # weight 3 × (1 − 0)
    ("prepare", "brief"),  # weight 1
    ("choose", "refs"),  # a blocker
    ("choose", "quotes"),  # weight 4 × (1 − 0.5)
    ("contract", "notice"),
    ("contract", "cap"),  # cap and levels hold back 3 each: checklist order
    ("contract", "levels"),
    ("start", "contact"),  # unanswered and critical: a blocker
    ("start", "trial"),
    ("run", "review"),
]
"""The plan the answers call for, in the order shown: its position is the action's number."""


@pytest.fixture
def made(write: Writer) -> MadeReport:
    write("set/ready.yaml", READY)
    write("set/terms.yaml", TERMS)
    answers = write("answers.yaml", ANSWERS)
    return make_report(answers, checklist_set.load(folders=[Path("set")]), fmt="md")


def test_actions_follow_the_steps_then_blockers_then_shortfall_then_checklist_order(
    made: MadeReport,
) -> None:
    actions = made.assessment.actions
    assert [(action.step, action.question.id) for action in actions] == PLAN


def test_actions_are_numbered_across_steps_in_the_order_shown(made: MadeReport) -> None:
    actions = made.data["actions"]
    assert [(a["number"], a["step"], a["question"]) for a in actions] == [
        (number, step, question) for number, (step, question) in enumerate(PLAN, start=1)
    ]


def test_each_blocker_and_answer_names_the_number_of_its_action(made: MadeReport) -> None:
    blockers = made.data["blockers"]
    assert [(b["question"], b["action"]) for b in blockers] == [
        ("refs", 4),
        ("contact", 9),
        ("notice", 6),
        ("leave", 1),
    ]
    numbers = {q["id"]: q["action"] for s in made.data["sections"] for q in s["questions"]}
    assert numbers == {
        **{question: number for number, (_, question) in enumerate(PLAN, start=1)},
        "signed": None,
    }


def test_the_steps_come_in_order_with_their_titles_and_counts(made: MadeReport) -> None:
    assert made.data["steps"] == [
        {"id": "prepare", "title": "Before you approach partners", "action_count": 3},
        {"id": "choose", "title": "Choosing a partner", "action_count": 2},
        {"id": "contract", "title": "In the contract", "action_count": 3},
        {"id": "start", "title": "The first 90 days", "action_count": 2},
        {"id": "run", "title": "Running the arrangement", "action_count": 1},
    ]


def test_the_markdown_plan_is_a_task_list_under_each_step(made: MadeReport) -> None:
    plan = made.text.split("## Action plan\n", 1)[1].split("\n## ", 1)[0]
    assert plan == (
        "\nWork through the steps in order. Within each step, blockers come first, then what "
        "holds your score back most.\n"
        "\n### Before you approach partners\n\n"
        "- [ ] **1.** **Blocker:** Write a one-page exit plan. "
        "(The contract: Do you know how you would leave?)\n"
        "- [ ] **2.** Set the money aside for a year. (Getting ready: Is the money set aside?)\n"
        "- [ ] **3.** Write the brief on one page. (Getting ready: Is the brief written?)\n"
        "\n### Choosing a partner\n\n"
        "- [ ] **4.** **Blocker:** Call two of their clients. "
        "(Getting ready: Have you called two references?)\n"
        "- [ ] **5.** Ask a third partner for a quote. "
        "(Getting ready: How many quotes do you hold?)\n"
        "\n### In the contract\n\n"
        "- [ ] **6.** **Blocker:** Ask for a notice clause. "
        "(The contract: Can you end it with notice?)\n"
        "- [ ] **7.** Ask for a cap of a year's fees. "
        "(The contract: Is their liability capped fairly?)\n"
        "- [ ] **8.** Write the service levels into the contract. "
        "(The contract: Are service levels written down?)\n"
        "\n### The first 90 days\n\n"
        "- [ ] **9.** **Blocker:** Settle this point before you go ahead. "
        "(Getting ready: Is a contact named on each side?)\n"
        "- [ ] **10.** Agree a paid trial of one month. "
        "(Getting ready: Will you start with a paid trial?)\n"
        "\n### Running the arrangement\n\n"
        "- [ ] **11.** Put a yearly review in the calendar. "
        "(The contract: Is a yearly review planned?)\n"
    )


def test_blockers_and_answers_refer_to_the_plan_in_markdown(made: MadeReport) -> None:
    blockers = made.text.split("## Blockers\n", 1)[1].split("\n## ", 1)[0]
    assert "- **Getting ready: Have you called two references?** See action 4.\n" in blockers
    assert "- **The contract: Do you know how you would leave?** See action 1.\n" in blockers
    assert "- **Is the money set aside?** No\n  - To do: see action 2\n" in made.text
    assert "- Is a contact named on each side? (**blocker**)\n  - To do: see action 9\n" in (
        made.text
    )


def _shown(made: MadeReport) -> str:
    out = io.StringIO()
    show_report(Console(file=out, width=100, color_system=None), made.data)
    return out.getvalue()


@pytest.mark.parametrize("form", ["md", "html", "show"])
def test_each_recommendation_is_written_once(made: MadeReport, form: str) -> None:
    text = {
        "md": lambda: made.text,
        "html": lambda: render(made.data, "html").replace("&#39;", "'"),
        "show": lambda: flat(_shown(made)),
    }[form]()
    recommendations = [
        q["recommendation"]
        for section in made.data["sections"]
        for q in section["questions"]
        if q["recommendation"]
    ]
    assert len(recommendations) == 10
    assert {r: text.count(r) for r in recommendations} == dict.fromkeys(recommendations, 1)


def test_the_html_plan_links_each_blocker_and_answer_to_its_numbered_action(
    made: MadeReport,
) -> None:
    page = render(made.data, "html")
    assert '<h3 id="step-contract">In the contract</h3>\n<ol class="actions" start="6">\n' in page
    assert '<li id="action-6" class="blocker">' in page
    assert '<p class="fix"><a href="#action-9">See action 9</a> in the plan.</p>' in page
    assert '<span class="label">To do:</span> <a href="#action-11">see action 11</a>' in page
    for number in range(1, 12):
        assert page.count(f'id="action-{number}"') == 1


def test_the_terminal_shows_the_plan_under_each_step(made: MadeReport) -> None:
    lines = _shown(made).splitlines()
    start = lines.index("In the contract")
    assert lines[start : start + 9] == [
        "In the contract",
        "6. Blocker: Ask for a notice clause.",
        "   The contract: Can you end it with notice?",
        "",
        "7. Ask for a cap of a year's fees.",
        "   The contract: Is their liability capped fairly?",
        "",
        "8. Write the service levels into the contract.",
        "   The contract: Are service levels written down?",
    ]
    assert "• Blocker: The contract: Do you know how you would leave? See action 1." in lines
    assert "  To do: see action 9" in lines


def test_a_plan_with_nothing_to_do_says_so_and_lists_no_step(write: Writer) -> None:
    write("set/terms.yaml", TERMS)
    answers = write(
        "answers.yaml",
        "format: 1\nanswers:\n  terms: {notice: true, cap: true, levels: true, review: true, "
        "leave: true, signed: true}\n",
    )
    made = make_report(answers, checklist_set.load(folders=[Path("set")]), fmt="md")
    plan = made.text.split("## Action plan\n", 1)[1].split("\n## ", 1)[0]
    assert plan == "\nNothing to do: every scored question has its best answer.\n"
    assert [step["action_count"] for step in made.data["steps"]] == [0, 0, 0, 0, 0]
