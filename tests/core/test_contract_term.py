"""The contract's term in dates: the notice day, and a term rolled on after a renewal."""

from __future__ import annotations

from datetime import date

import pytest

from outsource_cli.contract_term import Term, current_term, end_after_notice, moved, notice_day


@pytest.mark.parametrize(
    ("end", "days", "notice"),
    [
        (date(2028, 3, 1), 1, date(2028, 2, 29)),  # a leap year
        (date(2027, 3, 1), 1, date(2027, 2, 28)),
        (date(2027, 3, 31), 30, date(2027, 3, 1)),
        (date(2028, 3, 31), 30, date(2028, 3, 1)),
        (date(2027, 1, 3), 60, date(2026, 11, 4)),
        (date(2027, 1, 3), 0, date(2027, 1, 3)),
        (date(2025, 3, 1), 365, date(2024, 3, 1)),  # across 2024-02-29
    ],
)
def test_the_notice_day_is_so_many_days_before_the_end(end: date, days: int, notice: date) -> None:
    assert notice_day(end, days) == notice


def test_a_notice_day_before_the_calendar_begins_is_none() -> None:
    assert notice_day(date(1, 1, 5), 30) is None


@pytest.mark.parametrize(
    ("end", "months", "today", "term"),
    [
        # a monthly term from a month end: February's last day, then March's, no drift
        (date(2028, 1, 31), 1, date(2028, 2, 15), Term(date(2028, 2, 29), 1, date(2028, 1, 31))),
        (date(2028, 1, 31), 1, date(2028, 3, 15), Term(date(2028, 3, 31), 2, date(2028, 2, 29))),
        # a yearly term ending on 29 February
        (date(2028, 2, 29), 12, date(2028, 3, 1), Term(date(2029, 2, 28), 1, date(2028, 2, 29))),
        (date(2028, 2, 29), 12, date(2031, 6, 1), Term(date(2032, 2, 29), 4, date(2031, 2, 28))),
        # a renewal on the very day counts as the current term's end
        (date(2027, 1, 3), 12, date(2028, 1, 3), Term(date(2028, 1, 3), 1, date(2027, 1, 3))),
        (date(2027, 1, 3), 12, date(2028, 1, 4), Term(date(2029, 1, 3), 2, date(2028, 1, 3))),
        (date(2027, 1, 3), 3, date(2027, 6, 1), Term(date(2027, 7, 3), 2, date(2027, 4, 3))),
    ],
)
def test_a_term_that_has_passed_rolls_on_by_whole_terms(
    end: date, months: int, today: date, term: Term
) -> None:
    assert current_term(end, months, True, today) == term


@pytest.mark.parametrize(
    ("months", "renews", "today"),
    [
        (12, False, date(2030, 1, 1)),  # does not renew by itself: it ended
        (None, True, date(2030, 1, 1)),  # the term's length is not known
        (12, True, date(2027, 1, 3)),  # the end is today: not passed yet
        (12, True, date(2026, 5, 1)),  # the end is still to come
    ],
)
def test_a_term_stays_as_it_is_otherwise(months: int | None, renews: bool, today: date) -> None:
    assert current_term(date(2027, 1, 3), months, renews, today) == Term(date(2027, 1, 3))


def test_a_term_that_would_end_after_the_year_9999_stays() -> None:
    assert current_term(date(9999, 6, 1), 12, True, date(9999, 12, 31)) == Term(date(9999, 6, 1))


def test_moving_out_of_the_calendar_gives_none() -> None:
    assert moved(date(9999, 12, 1), months=1) is None
    assert moved(date(2027, 1, 31), months=1) == date(2027, 2, 28)


@pytest.mark.parametrize(
    ("given", "months", "expected"),
    [
        ("2026-12-05", 12, ("2027-01-04", 0)),  # on the last day: this term is the last
        ("2026-12-06", 12, ("2028-01-04", 1)),  # a day late: the next term is
        ("2027-12-10", 12, ("2029-01-04", 2)),
        ("2026-12-06", None, None),  # too late, and no term to count on with
        ("2026-01-31", 1, ("2027-01-04", 0)),
    ],
)
def test_notice_given_ends_the_first_term_it_is_in_time_for(
    given: str, months: int | None, expected: tuple[str, int] | None
) -> None:
    found = end_after_notice(date(2027, 1, 4), months, 30, date.fromisoformat(given))
    assert found == (None if expected is None else (date.fromisoformat(expected[0]), expected[1]))


def test_notice_counted_from_a_month_end_keeps_to_month_ends() -> None:
    # a monthly term ending on 31 January: the terms end 28 February, 31 March ...
    assert end_after_notice(date(2027, 1, 31), 1, 0, date(2027, 3, 5)) == (date(2027, 3, 31), 2)
