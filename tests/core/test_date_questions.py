"""Date questions: the forms a date may be typed in, the stored ISO text, and its bounds."""

from __future__ import annotations

import re
import textwrap
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter

from outsource_cli import answers, answers_saving, checklist, checklist_set, dates, yamlfile
from outsource_cli.checklist import AnyQuestion, Question
from outsource_cli.errors import AnswersError
from outsource_cli.questions import NOT_APPLICABLE

from ..helpers import Writer

_ADAPTER: TypeAdapter[AnyQuestion] = TypeAdapter(Question)


def question(**fields: Any) -> AnyQuestion:
    return _ADAPTER.validate_python({"id": "q", "prompt": "When?", "type": "date", **fields})


def exactly(message: str) -> str:
    """A pattern that matches this message and nothing more."""
    return f"^{re.escape(message)}$"


@pytest.fixture(autouse=True)
def _today() -> None:
    dates.set_today(date(2026, 12, 2))


PLAIN = question()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2026-12-01", "2026-12-01"),
        ("2026-12-1", "2026-12-01"),
        ("2026-1-5", "2026-01-05"),
        ("today", "2026-12-02"),
        ("Today", "2026-12-02"),
        ("1 Dec 2026", "2026-12-01"),
        ("1 December 2026", "2026-12-01"),
        ("1 DECEMBER 2026", "2026-12-01"),
        ("1st Dec. 2026", "2026-12-01"),
        ("1 Dec, 2026", "2026-12-01"),
        ("Dec 1 2026", "2026-12-01"),
        ("December 1, 2026", "2026-12-01"),
        ("sept 3 2026", "2026-09-03"),
        ("3 Sep 2026", "2026-09-03"),
        ("29 Feb 2024", "2024-02-29"),
        ("25/12/2026", "2026-12-25"),
        ("25.12.2026", "2026-12-25"),
        ("25-12-2026", "2026-12-25"),
        ("12/25/2026", "2026-12-25"),  # month first: 25 is no month, so it cannot be misread
        ("05/05/2026", "2026-05-05"),  # both readings give the same date
        ("0001-01-01", "0001-01-01"),
        ("9999-12-31", "9999-12-31"),
    ],
)
def test_a_date_typed_in_any_accepted_form_is_stored_as_iso_text(typed: str, stored: str) -> None:
    assert PLAIN.parse_reply(typed) == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "01/12/2026",
            "01/12/2026 could be 1 December or 12 January. "
            "Type it with the month as a word (1 Dec 2026 or 12 Jan 2026), or as year-month-day "
            "(2026-12-01 or 2026-01-12).",
        ),
        (
            "3.4.2026",
            "3.4.2026 could be 3 April or 4 March. "
            "Type it with the month as a word (3 Apr 2026 or 4 Mar 2026), or as year-month-day "
            "(2026-04-03 or 2026-03-04).",
        ),
        (
            "1/12/26",
            "Type the year with all four digits, as in 1 Dec 2026 or 2026-12-01 (year-month-day).",
        ),
        (
            "1 Dec 26",
            "Type the year with all four digits, as in 1 Dec 2026 or 2026-12-01 (year-month-day).",
        ),
        ("2025-02-29", "2025 has no 29 February."),
        ("2026-02-30", "2026 has no 30 February."),
        ("31 April 2026", "2026 has no 31 April."),
        ("30/02/2026", "2026 has no 30 February."),
        ("2026-13-01", "There is no month 13: months go from 1 to 12."),
        ("31/31/2026", "31/31/2026 has no month: one of its first two numbers must be 1 to 12."),
        ("0000-01-01", "There is no year 0000: the first year is 0001."),
        (
            "1 Decmber 2026",
            "'decmber' is not a month: write it in English, in full or as its "
            "first three letters, as in 1 December 2026 or 1 Dec 2026.",
        ),
        ("1 Dec 20266", "20266 is not a year: type the year with four digits, as in 2026."),
        ("next week", "Type a date, such as 2026-12-01 or 1 Dec 2026."),
        ("1 Dec", "Type a date, such as 2026-12-01 or 1 Dec 2026."),
        ("2026/12/01", "Type a date, such as 2026-12-01 or 1 Dec 2026."),
        ("25/12-2026", "Type a date, such as 2026-12-01 or 1 Dec 2026."),
    ],
)
def test_a_date_that_could_be_misread_or_does_not_exist_is_refused_saying_why(
    typed: str, message: str
) -> None:
    with pytest.raises(ValueError, match=exactly(message)):
        PLAIN.parse_reply(typed)


@pytest.mark.parametrize(
    ("bounds", "typed", "message"),
    [
        ({"min": "today"}, "2026-12-01", "Type a date on or after 2026-12-02 (today)."),
        ({"max": "today"}, "3 Dec 2026", "Type a date on or before 2026-12-02 (today)."),
        (
            {"min": "2026-01-01", "max": "2026-06-30"},
            "2026-07-01",
            "Type a date from 2026-01-01 to 2026-06-30.",
        ),
        (
            {"min": "today", "max": "2027-12-31"},
            "2028-01-01",
            "Type a date from 2026-12-02 (today) to 2027-12-31.",
        ),
    ],
)
def test_a_date_outside_the_bounds_is_refused_with_the_bound_in_words(
    bounds: dict[str, str], typed: str, message: str
) -> None:
    with pytest.raises(ValueError, match=exactly(message)):
        question(**bounds).parse_reply(typed)


@pytest.mark.parametrize(
    ("bounds", "typed"),
    [
        ({"min": "today"}, "today"),
        ({"max": "today"}, "2 Dec 2026"),
        ({"min": "2026-01-01", "max": "2026-01-01"}, "1/1/2026"),
    ],
)
def test_a_date_on_a_bound_is_accepted(bounds: dict[str, str], typed: str) -> None:
    assert question(**bounds).parse_reply(typed) is not None


@pytest.mark.parametrize(
    ("q", "sentence"),
    [
        (PLAIN, "Type a date, such as 2026-12-01 or 1 Dec 2026"),
        (
            question(min="today"),
            "Type a date on or after 2026-12-02 (today), such as 2026-12-02 or 2 Dec 2026",
        ),
        (
            question(max="2026-06-30"),
            "Type a date on or before 2026-06-30, such as 2026-06-30 or 30 Jun 2026",
        ),
    ],
)
def test_how_to_answer_gives_an_example_that_fits(q: AnyQuestion, sentence: str) -> None:
    assert q.how_to_answer() == sentence


def test_the_input_hint_shows_the_stored_form() -> None:
    assert PLAIN.input_hint() == "Date (YYYY-MM-DD)"


def test_reports_show_the_iso_date() -> None:
    assert PLAIN.answer_text("2026-12-01") == "2026-12-01"
    assert PLAIN.short_text("2026-12-01") == "2026-12-01"
    assert PLAIN.answer_text(None) == "Not answered"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (20261201, "the number 20261201"),
        ("2026-12-01T10:00:00", "the text '2026-12-01T10:00:00'"),
        ("1 Dec 2026", "the text '1 Dec 2026'"),
        ("2026-12-1", "the text '2026-12-1'"),
        (True, "true"),
    ],
)
def test_a_stored_answer_must_be_iso_text(raw: object, message: str) -> None:
    expected = f"expected a date written as 2026-12-01 (year-month-day), not {message}"
    with pytest.raises(ValueError, match=exactly(expected)):
        PLAIN.check_answer(raw)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("2027-02-30", "2027 has no 30 February"),
        ("2027-02-29", "2027 has no 29 February"),  # not a leap year
        ("2026-04-31", "2026 has no 31 April"),
        ("2026-13-01", "there is no month 13: months go from 1 to 12"),
        ("0000-01-01", "there is no year 0000: the first year is 0001"),
    ],
)
def test_a_stored_answer_written_as_iso_but_no_day_says_why(raw: str, reason: str) -> None:
    """The owner did write year-month-day: the message says what is wrong with the day."""
    expected = f"{raw} is not a day of the calendar: {reason}"
    with pytest.raises(ValueError, match=exactly(expected)):
        PLAIN.check_answer(raw)


def test_a_stored_answer_is_checked_against_fixed_bounds() -> None:
    q = question(min="2026-01-01", max="2026-06-30")
    assert q.check_answer("2026-01-01") == "2026-01-01"
    with pytest.raises(
        ValueError, match=exactly("expected a date on or after 2026-01-01, not 2025-12-31")
    ):
        q.check_answer("2025-12-31")
    with pytest.raises(
        ValueError, match=exactly("expected a date on or before 2026-06-30, not 2026-07-01")
    ):
        q.check_answer("2026-07-01")


def test_a_stored_answer_is_not_checked_against_today() -> None:
    """An answers file saved yesterday, with a date that was then still ahead, loads today."""
    assert question(min="today").check_answer("2026-12-01") == "2026-12-01"
    assert question(max="today").check_answer("2026-12-03") == "2026-12-03"


def test_not_applicable_is_accepted_where_allowed() -> None:
    assert question(allow_na=True).check_answer("N/A") == NOT_APPLICABLE
    with pytest.raises(ValueError, match="cannot be answered 'n/a'"):
        PLAIN.check_answer("n/a")


def test_enter_gives_the_default_unless_a_today_bound_now_refuses_it() -> None:
    assert question(default="2026-12-10", min="today").enter_answer() == "2026-12-10"
    assert question(default="2026-12-10").enter_text() == "2026-12-10"
    with pytest.raises(ValueError, match=exactly("Type a date on or after 2026-12-02 (today)")):
        question(default="2026-12-01", min="today").enter_answer()


def test_a_date_question_is_scored_only_with_a_score() -> None:
    assert not PLAIN.is_scored()
    scored = question(score="1 if value <= '2026-12-31' else 0")
    assert scored.is_scored()
    assert scored.score_expression == "1 if value <= '2026-12-31' else 0"


# --- in checklist files and answers files ------------------------------------------------

DATES_CHECKLIST = """\
id: plan
title: The plan
questions:
  - id: start
    prompt: When should the partner start?
    type: date
    min: 2026-01-01
    max: 2027-12-31
    allow_na: true
  - id: review
    prompt: When will you review the work?
    type: date
    min: today
"""


def _section_problems(text: str) -> list[str]:
    with pytest.raises(checklist.SectionProblems) as caught:
        checklist.parse_section(yamlfile.parse(textwrap.dedent(text), "plan.yaml"))
    return [str(problem) for problem in caught.value.problems]


def test_a_checklist_with_date_questions_loads() -> None:
    section = checklist.parse_section(yamlfile.parse(DATES_CHECKLIST, "plan.yaml"))
    assert [q.type for q in section.questions] == ["date", "date"]
    assert section.questions[0].min == "2026-01-01"  # type: ignore[union-attr]


_ONE_DATE = "id: plan\ntitle: T\nquestions:\n  - id: start\n    prompt: P\n    type: date\n"


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (
            "    min: 2026-12-31\n    max: 2026-01-01\n",
            "plan.yaml:8:10: question 'start': 'max' (2026-01-01) must not be before "
            "'min' (2026-12-31)",
        ),
        (
            "    min: 2026-01-01\n    default: 2025-06-01\n",
            "plan.yaml:8:14: question 'start': default 2025-06-01 must be a date on or after "
            "2026-01-01",
        ),
        (
            "    min: 1 Dec 2026\n",
            "plan.yaml:7:10: question 'start': 'min' must be a date written as 2026-12-01 "
            "(year-month-day), the word today or section.question of a date question, not the text "
            "'1 Dec 2026'",
        ),
        (
            "    max: 2026-02-30\n",
            "plan.yaml:7:10: question 'start': 'max': 2026-02-30 is not a day of the calendar: "
            "2026 has no 30 February",
        ),
        (
            "    default: today\n",
            "plan.yaml:7:14: question 'start': the default does not fit: expected a date "
            "written as 2026-12-01 (year-month-day), not the text 'today'",
        ),
        (
            "    min: 2026\n",
            "plan.yaml:7:10: question 'start': 'min' must be text, not the number 2026",
        ),
    ],
)
def test_bad_bounds_and_defaults_are_located_in_the_checklist(keys: str, expected: str) -> None:
    assert _section_problems(_ONE_DATE + keys) == [expected]


def test_a_default_is_never_compared_with_today_on_loading() -> None:
    """A checklist that loads today loads tomorrow: only an answer given now meets today."""
    text = _ONE_DATE + "    min: today\n    max: today\n    default: 2000-01-01\n"
    assert checklist.parse_section(yamlfile.parse(text, "plan.yaml")).questions[0].default == (
        "2000-01-01"
    )


@pytest.fixture
def plan_set(write: Writer) -> checklist_set.ChecklistSet:
    write("checklists/plan.yaml", DATES_CHECKLIST)
    return checklist_set.load(folders=[Path("checklists")])


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (
            "start: 1 Dec 2026",
            "a.yaml:4:12: 'plan.start': expected a date written as 2026-12-01 (year-month-day), "
            "not the text '1 Dec 2026'",
        ),
        (
            "start: 2026-12-01T10:00:00",
            "a.yaml:4:12: 'plan.start': expected a date written as 2026-12-01 (year-month-day), "
            "not the text '2026-12-01T10:00:00'",
        ),
        (
            "start: 20261201",
            "a.yaml:4:12: 'plan.start': expected a date written as 2026-12-01 (year-month-day), "
            "not the number 20261201",
        ),
        (
            "start: 2025-12-31",
            "a.yaml:4:12: 'plan.start': expected a date on or after 2026-01-01, not 2025-12-31",
        ),
    ],
)
def test_a_bad_date_in_an_answers_file_is_located(
    write: Writer, plan_set: checklist_set.ChecklistSet, answer: str, expected: str
) -> None:
    path = write("a.yaml", f"format: 1\nanswers:\n  plan:\n    {answer}\n")
    with pytest.raises(AnswersError) as caught:
        answers.load(path, plan_set)
    assert [str(problem) for problem in caught.value.problems] == [expected]


def test_a_date_before_a_today_bound_still_loads(
    write: Writer, plan_set: checklist_set.ChecklistSet
) -> None:
    path = write("a.yaml", "format: 1\nanswers:\n  plan:\n    review: 2020-01-01\n")
    assert answers.load(path, plan_set).answers.get("plan", "review") == "2020-01-01"


def test_date_answers_read_back_exactly_as_saved(
    tmp_path: Path, plan_set: checklist_set.ChecklistSet
) -> None:
    values = answers.Answers()
    values.set("plan", "start", "2026-02-28")
    values.set("plan", "review", "9999-12-31")
    path = tmp_path / "a.yaml"
    answers_saving.save(path, values, plan_set)
    assert "start: '2026-02-28'\n" in path.read_text(encoding="utf-8")  # text under YAML 1.1 too
    reloaded = answers.load(path, plan_set).answers
    assert reloaded.values == {"plan": {"start": "2026-02-28", "review": "9999-12-31"}}


NO_DATE = (
    "No date fits this question any more: it allows dates from {low} to {high}; press - to "
    "leave it unanswered and tell whoever wrote the checklist"
)


@pytest.mark.parametrize(
    ("bounds", "low", "high"),
    [
        ({"min": "today", "max": "2020-01-01"}, "2026-12-02 (today)", "2020-01-01"),
        ({"min": "2030-01-01", "max": "today"}, "2030-01-01", "2026-12-02 (today)"),
    ],
)
def test_a_range_empty_today_says_no_date_fits_and_refuses_every_date(
    bounds: dict[str, str], low: str, high: str
) -> None:
    q = question(**bounds)
    assert q.how_to_answer() == NO_DATE.format(low=low, high=high)
    for typed in ("2020-01-01", "today", "2030-01-01"):
        refused = "No date fits this question any more: press - to leave it unanswered."
        with pytest.raises(ValueError, match=exactly(refused)):
            q.parse_reply(typed)


def test_a_range_that_holds_today_is_asked_as_usual() -> None:
    assert (
        question(min="today", max="2027-01-01")
        .how_to_answer()
        .startswith("Type a date from 2026-12-02 (today) to 2027-01-01, such as")
    )
