"""The run's today, and dates read from ISO text."""

from __future__ import annotations

from datetime import date

import pytest

from outsource_cli import dates
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
