"""Dates that must come in order: a date question's `min` or `max` naming another date
question, checked when the checklist loads, refused in the interview, warned of in a file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from outsource_cli import answers, checklist_set, dates
from outsource_cli.assessment import assess
from outsource_cli.errors import ChecklistError

from ..helpers import Writer, flat, run

DEAL = """\
id: deal
title: The deal
questions:
  - id: start
    type: date
    prompt: On what date does it start?
  - id: active
    type: yes_no
    prompt: Is it signed?
  - id: end
    type: date
    prompt: On what date does it end?
    min: deal.start
    allow_na: true
  - id: review
    type: date
    prompt: On what date is the last check before the start?
    max: deal.start
    when: deal.active
"""


@pytest.fixture(autouse=True)
def _today() -> None:
    dates.set_today(date(2026, 12, 2))


def _warnings(write: Writer, answered: str) -> tuple[str, ...]:
    write("set/deal.yaml", DEAL)
    write("a.yaml", "format: 1\nanswers:\n  deal:\n" + answered)
    found = checklist_set.load(folders=[Path("set")])
    loaded = answers.load(Path("a.yaml"), found)
    return assess(found, loaded.answers).warnings(Path("a.yaml"))


def test_a_file_whose_end_comes_before_its_start_loads_with_a_warning(write: Writer) -> None:
    warned = _warnings(write, "    start: 2027-03-01\n    end: 2027-01-15\n")
    assert warned == (
        "a.yaml: 'deal.end' is 2027-01-15, before 2027-03-01, the date given for 'deal.start' "
        "('On what date does it start?'): correct one of them; to answer it again, run: "
        "outsource check deal --review --answers a.yaml",
    )


@pytest.mark.parametrize(
    "answered",
    [
        "    start: 2027-03-01\n    end: 2027-03-01\n",  # the same day is in order
        "    start: 2027-03-01\n    end: 2028-02-29\n",
        "    end: 2027-01-15\n",  # the other date is not given
        "    start: 2027-03-01\n    end: n/a\n",
        "    start: 2027-03-01\n    active: false\n    review: 2027-04-01\n",  # does not apply
    ],
)
def test_dates_in_order_or_not_both_given_warn_of_nothing(write: Writer, answered: str) -> None:
    assert _warnings(write, answered) == ()


def test_a_max_naming_another_date_warns_of_a_later_answer(write: Writer) -> None:
    warned = _warnings(write, "    start: 2027-03-01\n    active: true\n    review: 2027-04-01\n")
    assert [flat(w) for w in warned] == [
        "a.yaml: 'deal.review' is 2027-04-01, after 2027-03-01, the date given for 'deal.start' "
        "('On what date does it start?'): correct one of them; to answer it again, run: "
        "outsource check deal --review --answers a.yaml"
    ]


def test_the_interview_refuses_an_end_before_the_start_and_takes_a_later_one(
    write: Writer,
) -> None:
    write("set/deal.yaml", DEAL)
    typed = "2027-03-01\nn\n15 Jan 2027\n2027-03-02\n"
    result = run("check", "--checklists", "set", "--answers", "a.yaml", input=typed)
    assert result.exit_code == 0, result.output
    assert (
        "Type a date on or after 2027-03-01, the date you gave for 'On what date does it "
        "start?'; or go back with < and correct that one." in flat(result.output)
    )
    saved = Path("a.yaml").read_text(encoding="utf-8")
    assert "end: '2027-03-02'" in saved or "end: 2027-03-02" in saved
    assert "2027-01-15" not in saved


@pytest.mark.parametrize(
    ("bound", "message"),
    [
        (
            "min: deal.later",
            "'min': 'deal.later' is asked after this question; it must come before",
        ),
        ("min: deal.active", "'min': 'deal.active' is not a date question"),
        ("max: deal.days", "'max': 'deal.days' is a computed value; name a date question"),
        (
            "min: other.start",
            "'min': 'other.start' refers to a section 'other' that does not exist (sections: deal)",
        ),
        (
            "min: deal.nothing",
            "'min': 'deal.nothing' is not a question or computed value of section 'deal'",
        ),
    ],
)
def test_a_bound_naming_something_else_than_an_earlier_date_is_refused(
    write: Writer, bound: str, message: str
) -> None:
    write(
        "set/deal.yaml",
        f"""\
        id: deal
        title: The deal
        questions:
          - id: active
            type: yes_no
            prompt: Is it signed?
          - id: end
            type: date
            prompt: On what date does it end?
            {bound}
          - id: later
            type: date
            prompt: Later?
        computed:
          - {{id: days, label: Days, expression: "1"}}
        """,
    )
    with pytest.raises(ChecklistError) as caught:
        checklist_set.load(folders=[Path("set")])
    assert [str(problem) for problem in caught.value.problems] == [
        f"set/deal.yaml:10:10: question 'end': {message}"
    ]
