"""What is due: the next review, the notice day, the contract's end and the price review."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from outsource_cli import checklist_set
from outsource_cli.due import due_dates, load_due
from outsource_cli.due_items import DueDates, DueItem

from ..helpers import DATA, Writer

SET = DATA / "due" / "checklists"
"""The contract's dates, the review rhythm and a review section, as the built-ins ask them."""


def _contract(**answers: object) -> str:
    lines = "".join(f"    {key}: {value}\n" for key, value in answers.items())
    return f"  contract:\n{lines}" if answers else ""


def due_on(
    write: Writer,
    today: str,
    *,
    stage: str = "working",
    every: str | None = None,
    reviews: tuple[str, ...] = (),
    folder: Path = SET,
    **contract: object,
) -> DueDates:
    """What is due on `today` for an answers file with these answers."""
    text = f"format: 1\nanswers:\n  fit:\n    stage: {stage}\n"
    if every is not None:
        text += f"  communication:\n    reviews: yes\n    review_every: {every}\n"
    text += _contract(**contract)
    if reviews:
        text += "reviews:\n" + "".join(
            f"- date: '{day}'\n  answers:\n    review:\n      quality: good\n" for day in reviews
        )
    path = write("answers.yaml", text)
    loaded = load_due(path, checklist_set.load(folders=[folder]))
    assert loaded.warnings == ()
    return due_dates(
        checklist_set.load(folders=[folder]), loaded.answers, day=date.fromisoformat(today)
    )


def item(due: DueDates, key: str) -> DueItem:
    found = [entry for entry in due.items if entry.key == key]
    assert len(found) == 1, [entry.key for entry in due.items]
    return found[0]


def keys(due: DueDates) -> list[str]:
    return [entry.key for entry in due.items]


# --- the notice day ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("end", "days", "notice"),
    [("2028-03-01", 1, "2028-02-29"), ("2027-03-31", 30, "2027-03-01")],
)
def test_the_notice_day_is_counted_back_from_the_end(
    write: Writer, end: str, days: int, notice: str
) -> None:
    due = due_on(write, "2026-12-01", end_date=end, auto_renews="yes", renewal_notice_days=days)
    found = item(due, "contract.notice")
    assert found.day == date.fromisoformat(notice)
    assert found.title == "Last day to give notice, or the contract renews for another term"
    assert not found.overdue
    assert f"renew by itself on {end}" in found.detail


def test_a_contract_that_renews_by_itself_rolls_on_to_its_current_term(write: Writer) -> None:
    due = due_on(
        write,
        "2028-06-01",
        end_date="2028-01-03",
        term_months=12,
        auto_renews="yes",
        renewal_notice_days=60,
    )
    end = item(due, "contract.end")
    assert (end.day, end.renewals, end.overdue, end.source) == (date(2029, 1, 3), 1, False, None)
    assert "It renewed by itself on 2028-01-03, so the current term ends on 2029-01-03." in (
        end.detail
    )
    notice = item(due, "contract.notice")
    assert (notice.day, notice.renewals, notice.overdue) == (date(2028, 11, 4), 1, False)
    assert notice.days == 156


def test_the_end_of_the_first_term_counts_when_there_is_no_end_date(write: Writer) -> None:
    due = due_on(
        write,
        "2027-02-10",
        start_date="2027-01-31",
        term_months=1,
        auto_renews="yes",
        renewal_notice_days=7,
    )
    assert item(due, "contract.end").day == date(2027, 2, 28)
    assert item(due, "contract.notice").day == date(2027, 2, 21)


def test_a_missed_notice_day_is_overdue_until_the_term_ends(write: Writer) -> None:
    due = due_on(
        write,
        "2027-12-01",
        end_date="2028-01-03",
        term_months=12,
        auto_renews="yes",
        renewal_notice_days=60,
    )
    notice = item(due, "contract.notice")
    assert (notice.day, notice.overdue, notice.days) == (date(2027, 11, 4), True, -27)
    assert notice.detail.startswith(
        "You missed it: the contract renews by itself on 2028-01-03 for another 12 months unless "
        "the partner agrees otherwise."
    )
    assert not item(due, "contract.end").overdue
    assert keys(due)[0] == "contract.notice"


def test_an_end_that_passed_without_renewal_is_overdue(write: Writer) -> None:
    due = due_on(write, "2027-02-01", end_date="2027-01-03", auto_renews="no")
    end = item(due, "contract.end")
    assert (end.title, end.overdue, end.days) == ("The contract ends", True, -29)
    assert end.detail.startswith("The end date you gave has passed.")
    assert "outsource check contract --review" in end.detail
    assert "contract.notice" not in keys(due)


def test_a_renewing_contract_whose_term_is_not_known_says_what_to_give(write: Writer) -> None:
    due = due_on(
        write, "2027-02-01", end_date="2027-01-03", auto_renews="yes", renewal_notice_days=30
    )
    end = item(due, "contract.end")
    assert end.overdue and "the length of its term is not known" in end.detail
    notice = item(due, "contract.notice")  # for a term that has ended: past, nothing to do
    assert (notice.overdue, notice.days) == (False, -59)
    assert notice.detail == (
        "This was the last day to give notice before the term that ended on 2027-01-03."
    )


def test_a_contract_without_an_end_date_has_no_end(write: Writer) -> None:
    due = due_on(write, "2027-02-01", start_date="2027-01-04", end_date="n/a")
    assert "contract.end" not in keys(due)
    assert not any("contract's dates" in note for note in due.notes)


def test_without_the_days_of_notice_a_note_says_what_to_give(write: Writer) -> None:
    due = due_on(write, "2027-02-01", end_date="2027-06-30", auto_renews="yes")
    assert "contract.notice" not in keys(due)
    assert any("give the days of notice it needs" in note for note in due.notes)


def test_a_price_review_that_has_passed_is_overdue(write: Writer) -> None:
    due = due_on(write, "2028-02-01", price_review_date="2028-01-04")
    price = item(due, "contract.price_review")
    assert (price.title, price.overdue, price.days) == (
        "The partner may review the price",
        True,
        -28,
    )
    assert "give the date of the next price review" in price.detail


# --- the next review ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("every", "next_review", "words"),
    [
        ("monthly", "2027-02-28", "Every month, the rhythm you chose"),  # month ends clamp
        ("quarterly", "2027-04-30", "Every three months, the rhythm you chose"),
        ("half_yearly", "2027-07-31", "Every six months, the rhythm you chose"),
        ("yearly", "2028-01-31", "Once a year, the rhythm you chose"),
        (None, "2027-04-30", "Every three months, the usual rhythm, as you have not chosen one"),
    ],
)
def test_the_next_review_follows_the_last_one_by_the_rhythm(
    write: Writer, every: str | None, next_review: str, words: str
) -> None:
    due = due_on(write, "2027-02-01", every=every, reviews=("2026-10-31", "2027-01-31"))
    review = item(due, "review.next")
    assert review.day == date.fromisoformat(next_review)
    assert review.title == "Next review with the partner"
    assert review.detail.startswith(f"{words} (counted from your last review on 2027-01-31).")


def test_before_any_review_the_first_is_counted_from_the_start(write: Writer) -> None:
    due = due_on(write, "2027-02-01", every="monthly", start_date="2027-01-31")
    review = item(due, "review.next")
    assert (review.day, review.days) == (date(2027, 2, 28), 27)
    assert "counted from the day the contract started, 2027-01-31" in review.detail


def test_a_review_that_is_late_is_overdue(write: Writer) -> None:
    due = due_on(write, "2027-09-01", reviews=("2027-04-30",))
    review = item(due, "review.next")
    assert (review.day, review.overdue, review.days) == (date(2027, 7, 30), True, -33)
    assert "This review is overdue" in review.detail


def test_without_a_review_or_a_start_date_a_note_says_what_to_answer(write: Writer) -> None:
    due = due_on(write, "2027-02-01")
    assert due.items == ()
    assert any(
        note.startswith("To see when the next review is due, give the day the contract started")
        for note in due.notes
    )
    assert any("answer the contract's dates: outsource check contract" in n for n in due.notes)


# --- the order, the stage, other checklists ----------------------------------------------


def test_overdue_items_come_first_oldest_first_then_the_others_by_date(write: Writer) -> None:
    due = due_on(
        write,
        "2028-02-01",
        reviews=("2027-06-01",),
        end_date="2028-03-01",
        auto_renews="yes",
        term_months=12,
        renewal_notice_days=60,
        price_review_date="2028-01-04",
    )
    assert [(entry.key, entry.day.isoformat(), entry.overdue) for entry in due.items] == [
        ("review.next", "2027-09-01", True),
        ("contract.notice", "2028-01-01", True),
        ("contract.price_review", "2028-01-04", True),
        ("contract.end", "2028-03-01", False),
    ]
    assert due.overdue == due.items[:3]


def test_items_on_the_same_day_keep_one_order(write: Writer) -> None:
    due = due_on(
        write, "2027-01-01", start_date="2027-01-01", end_date="2027-04-01",
        auto_renews="no", price_review_date="2027-04-01",
    )  # fmt: skip
    assert keys(due) == ["review.next", "contract.end", "contract.price_review"]


@pytest.mark.parametrize(("stage", "noted"), [("negotiating", True), ("working", False)])
def test_before_the_work_runs_a_note_says_when_the_dates_matter(
    write: Writer, stage: str, noted: bool
) -> None:
    due = due_on(write, "2027-01-01", stage=stage, end_date="2028-01-03", auto_renews="no")
    assert item(due, "contract.end").day == date(2028, 1, 3)  # shown all the same
    note = "You are not working with a partner yet: these dates matter once the contract runs."
    assert (note in due.notes) is noted


def test_checklists_without_these_questions_give_no_items(write: Writer) -> None:
    write(
        "set/only.yaml",
        "id: only\ntitle: Only\nquestions:\n  - {id: q, prompt: Q?, type: yes_no}\n",
    )
    path = write("answers.yaml", "format: 1\nanswers:\n  only: {q: yes}\n")
    loaded = load_due(path, checklist_set.load(folders=[Path("set")]))
    assert (loaded.due.items, loaded.due.notes, loaded.due.answered) == ((), (), ())


def test_every_answered_date_question_is_listed_in_interview_order(write: Writer) -> None:
    due = due_on(write, "2027-01-01", start_date="2027-01-04", price_review_date="2028-01-04")
    assert [(answer.key, answer.day.isoformat()) for answer in due.answered] == [
        ("answer.contract.start_date", "2027-01-04"),
        ("answer.contract.price_review_date", "2028-01-04"),
    ]


def test_the_worked_example_has_its_dates() -> None:
    """The built-in checklists give the same items for the example owner."""
    example = DATA.parent.parent / "examples" / "online-shop-answers.yaml"
    loaded = load_due(example, checklist_set.load())
    days = {entry.key: entry.day.isoformat() for entry in loaded.due.items}
    assert days["contract.notice"] == "2027-11-04"  # 60 days before the end
    assert days["contract.end"] == "2028-01-03"
    assert set(days) == {"review.next", "contract.notice", "contract.end", "contract.price_review"}


def test_dates_that_would_fall_outside_the_calendar_are_left_out(write: Writer) -> None:
    due = due_on(
        write, "9999-12-01", start_date="9999-11-15", end_date="9999-12-31",
        auto_renews="yes", renewal_notice_days=10,
    )  # fmt: skip
    assert keys(due) == ["contract.notice", "contract.end"]  # no review after 9999
