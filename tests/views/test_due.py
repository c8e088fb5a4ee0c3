"""The dates in the terminal: overdue ones in bold red with a mark, the summary line."""

from __future__ import annotations

import io
from datetime import date

from rich.console import Console

from outsource_cli.due_items import DueDates, DueItem
from outsource_cli.views.due import show_due, summary


def _item(key: str, day: str, days: int, overdue: bool) -> DueItem:
    return DueItem(
        key, date.fromisoformat(day), f"Title of {key}", "Detail.", "Advice.", days, overdue
    )


def _due(*items: DueItem, notes: tuple[str, ...] = ()) -> DueDates:
    return DueDates(date(2027, 12, 1), items, notes, (), (), None, None, None, "working")


def test_an_overdue_date_is_bold_red_and_marked() -> None:
    out = io.StringIO()
    console = Console(
        file=out, width=100, force_terminal=True, color_system="standard", no_color=False
    )
    show_due(console, _due(_item("review.next", "2027-11-28", -3, True)))
    text = out.getvalue()
    assert "\x1b[1;31m! overdue by 3 days" in text
    assert "\x1b[1;31m2027-11-28" in text


def test_the_summary_counts_what_is_overdue_and_coming_up() -> None:
    late = _item("review.next", "2027-11-28", -3, True)
    soon = _item("contract.end", "2027-12-13", 12, False)
    past = _item("contract.notice", "2027-11-01", -30, False)
    assert summary(_due(late, soon)) == "! 1 date overdue and 1 coming up (from 2027-12-01)."
    assert summary(_due(soon)) == "1 date coming up (from 2027-12-01)."
    assert summary(_due(late)) == "! 1 date overdue (from 2027-12-01)."
    assert summary(_due(past)) == "0 dates coming up (from 2027-12-01)."
    assert summary(_due()) == (
        "Nothing is due yet (from 2027-12-01): the answers file holds none of these dates."
    )


def test_a_past_date_with_nothing_to_do_says_how_long_ago() -> None:
    out = io.StringIO()
    show_due(Console(file=out, width=100), _due(_item("contract.notice", "2027-11-01", -30, False)))
    assert "30 days ago" in out.getvalue() and "!" not in out.getvalue()
