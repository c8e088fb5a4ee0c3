"""The run's today, and dates read from ISO text."""

from __future__ import annotations

from datetime import date

import pytest

from outsource_cli import dates
from outsource_cli.expressions import Expression, Namespace, Outcome
from outsource_cli.report.data import report_date


def _computer_dates() -> set[date]:
    """The computer's date now, or yesterday's if midnight just passed."""
    now = date.today()
    return {now, date.fromordinal(now.toordinal() - 1)}


def test_source_date_epoch_fixes_today() -> None:
    assert dates.today() == date(2026, 11, 23)  # tests/conftest.py sets 1795435200


def test_set_today_wins_over_source_date_epoch_and_the_report_shows_it() -> None:
    dates.set_today(date(2030, 1, 2))
    assert dates.today() == date(2030, 1, 2)
    assert report_date() == date(2030, 1, 2)


def test_without_source_date_epoch_today_is_the_computers_date(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert dates.today() in _computer_dates()


@pytest.mark.parametrize("epoch", ["", "soon", "-5", "1e9", "99999999999999999999"])
def test_a_source_date_epoch_that_is_no_date_is_ignored(
    monkeypatch: pytest.MonkeyPatch, epoch: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert dates.today() in _computer_dates()


def test_set_today_none_goes_back_to_source_date_epoch() -> None:
    dates.set_today(date(2030, 1, 2))
    dates.set_today(None)
    assert dates.today() == date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("0001-01-01", date(1, 1, 1)),
        ("9999-12-31", date(9999, 12, 31)),
        ("2024-02-29", date(2024, 2, 29)),
        ("2025-02-29", None),
        ("2026-13-01", None),
        ("0000-01-01", None),
        ("2026-12-1", None),
        ("2026-12-01T10:00:00", None),
        (" 2026-12-01", None),
        ("２０２６-12-01", None),  # full-width digits are not ISO digits
        (20261201, None),
    ],
)
def test_read_iso_accepts_only_real_dates_written_yyyy_mm_dd(
    text: object, expected: date | None
) -> None:
    assert dates.read_iso(text) == expected


# --- the date filters of expressions -----------------------------------------------------

PLAN = {"plan": Namespace(start="2026-01-31", end="2026-03-01", unknown=None, weeks=2.0)}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("plan.start | days_between(plan.end)", 29),
        ("plan.end | days_between(plan.start)", -29),
        ("'2024-02-01' | days_between('2024-03-01')", 29),  # a leap year's February
        ("'0001-01-01' | days_between('9999-12-31')", 3_652_058),
        ("'2024-02-28' | add_days(1)", "2024-02-29"),
        ("'2025-02-28' | add_days(1)", "2025-03-01"),
        ("'2026-12-31' | add_days(1)", "2027-01-01"),
        ("'2026-03-01' | add_days(-1)", "2026-02-28"),
        ("plan.start | add_days(plan.weeks * 7)", "2026-02-14"),  # 14.0 is a whole number
        ("'9999-12-30' | add_days(1)", "9999-12-31"),
        ("'0001-01-02' | add_days(-1)", "0001-01-01"),
        ("plan.start | add_months(1)", "2026-02-28"),
        ("'2024-01-31' | add_months(1)", "2024-02-29"),
        ("'2024-02-29' | add_months(12)", "2025-02-28"),
        ("'2024-02-29' | add_months(48)", "2028-02-29"),
        ("'2026-03-31' | add_months(-1)", "2026-02-28"),
        ("'2026-01-15' | add_months(-13)", "2024-12-15"),
        ("'2026-05-31' | add_months(0)", "2026-05-31"),
        ("'9999-11-30' | add_months(1)", "9999-12-30"),
        ("plan.start | add_days(30) > plan.end", True),  # ISO text compares as dates do
        ("'2026-12-01' < '2027-01-01'", True),
    ],
)
def test_the_date_filters_count_as_a_calendar_does(source: str, expected: object) -> None:
    assert Expression(source).evaluate(PLAN) == Outcome(expected)


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("'0001-01-01' | add_days(-1)", "the date would be before 0001-01-01"),
        ("'9999-12-31' | add_days(1)", "the date would be after 9999-12-31"),
        ("'0001-01-31' | add_months(-1)", "the date would be before 0001-01-01"),
        ("'9999-12-01' | add_months(1)", "the date would be after 9999-12-31"),
        ("'2026-01-01' | add_days(10 ** 100)", "the date would be after 9999-12-31"),
        ("'2026-01-01' | add_days(0 - 10 ** 100)", "the date would be before 0001-01-01"),
        ("'2026-01-01' | add_months(10 ** 100)", "the date would be after 9999-12-31"),
        ("'2026-02-30' | add_days(1)", "'2026-02-30' is not a date written as 2026-12-01"),
        ("'1 Dec 2026' | add_months(1)", "'1 Dec 2026' is not a date written as 2026-12-01"),
        ("plan.start | days_between('soon')", "'soon' is not a date written as 2026-12-01"),
        ("20261201 | add_days(1)", "the number 20261201 is not a date written as 2026-12-01"),
        ("plan.start | add_days(1.5)", "add_days needs a whole number of days, not the number 1.5"),
        ("plan.start | add_days('2')", "add_days needs a whole number of days, not the text '2'"),
        ("plan.start | add_months(true)", "add_months needs a whole number of months, not true"),
    ],
)
def test_a_date_filter_that_cannot_count_says_why_in_plain_words(source: str, problem: str) -> None:
    assert Expression(source).evaluate(PLAN) == Outcome(None, problem)


@pytest.mark.parametrize(
    "source",
    [
        "plan.unknown | add_days(1)",
        "plan.start | add_days(plan.unknown)",
        "plan.unknown | add_months(1)",
        "plan.unknown | days_between(plan.end)",
        "plan.start | days_between(plan.unknown)",
        "plan.unknown | days_between(plan.end) > 30",
        "none | add_days(1)",
    ],
)
def test_an_unknown_date_gives_an_unknown_result(source: str) -> None:
    assert Expression(source).evaluate(PLAN) == Outcome(None)


def test_a_huge_text_given_to_a_date_filter_is_refused_quickly() -> None:
    outcome = Expression("('1' * 100000) | add_days(1)").evaluate(PLAN)
    assert outcome.problem is not None and outcome.problem.endswith(
        "is not a date written as 2026-12-01"
    )
