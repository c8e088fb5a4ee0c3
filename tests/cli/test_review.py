"""`outsource review`: a periodic review saved, dated, in the owner's answers file."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from outsource_cli.lock import held

from ..helpers import DATA, flat, run

OWNER = DATA / "review_flow" / "answers.yaml"
DAY = "2027-03-31"
WHOLE_REVIEW = [
    "6",  # working days to close the month
    "holiday month",  # its comment
    "1",  # errors found
    "",  # no comment
    "2",  # quality: some, fixed
    "A wrong VAT code, corrected",  # what caused them
    "1",  # on time
    "3",  # invoices: surprises
    "1",  # scope
    "1",  # incidents
    "1",  # staff
    "y",  # the bookkeeping check: the reconciliations seen
    "2",  # scale: grow
    "9000",  # partner fees a year
    "30000",  # in-house a year
    "3",  # hours a month
    "y",  # still worth it
]


@pytest.fixture
def answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copy(OWNER, tmp_path / "a.yaml")
    return tmp_path / "a.yaml"


def review(*args: str, lines: list[str] | None = None) -> Any:
    text = None if lines is None else "\n".join(lines) + "\n"
    return run("review", "--answers", "a.yaml", *args, input=text)


def reviews_in(path: Path) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8")).get("reviews", [])


def test_a_whole_review_is_saved_under_its_date(answers: Path) -> None:
    order = list(yaml.safe_load(answers.read_text(encoding="utf-8"))["answers"])
    result = review("--date", DAY, lines=WHOLE_REVIEW)
    shown = flat(result.output)
    assert result.exit_code == 0, shown
    assert f"Review of {DAY}" in shown
    [saved] = reviews_in(answers)
    assert saved["date"] == DAY
    assert saved["answers"]["review"]["kpi_values"] == [
        {"item": "Working days to close the month", "value": 6, "comment": "holiday month"},
        {"item": "Errors found in my monthly check", "value": 1, "comment": None},
    ]
    assert saved["answers"]["review"]["invoices"] == "surprises"
    assert saved["answers"]["review"]["quality_cause"] == "A wrong VAT code, corrected"
    # the owner's own answers are untouched
    owner = yaml.safe_load(answers.read_text(encoding="utf-8"))["answers"]
    assert owner["goals"]["kpi_list"][0]["target"] == 5
    assert "review" not in owner
    assert list(owner) == order  # the owner's sections stay in interview order


def test_the_end_of_a_review_says_what_to_act_on_and_what_to_run_next(answers: Path) -> None:
    shown = flat(review("--date", DAY, lines=WHOLE_REVIEW).output)
    # 6 days against at most 5; 1 error against at most 2
    assert "KPIs on target: 1 met, 1 missed (Working days to close the month)." in shown
    assert "What needs you:" in shown
    assert "Blocker: Did the invoices match the agreed prices" in shown
    assert "points to act on:" in shown
    assert "Query every charge you had not agreed" in shown  # the invoices' action
    assert "Ask the partner for a written price for the larger volume" in shown  # grow
    assert "run: outsource reviews a.yaml" in shown
    assert "run: outsource due a.yaml" in shown


def test_quitting_keeps_the_answers_and_the_same_date_continues_that_review(
    answers: Path,
) -> None:
    first = review("--date", DAY, lines=[*WHOLE_REVIEW[:4], "2", "q"])
    shown = flat(first.output)
    assert first.exit_code == 0, shown
    assert f"outsource review --date {DAY} --answers a.yaml" in shown
    [saved] = reviews_in(answers)
    assert saved["answers"]["review"]["quality"] == "fixed"
    again = review("--date", DAY, lines=WHOLE_REVIEW[5:])
    shown = flat(again.output)
    assert again.exit_code == 0, shown
    assert "Welcome back." in shown
    [saved] = reviews_in(answers)  # still one review, now complete
    assert saved["answers"]["review"]["still_worth_it"] is True
    assert saved["answers"]["review"]["kpi_values"][0]["value"] == 6


def test_a_list_left_in_the_middle_is_resumed(answers: Path) -> None:
    first = review("--date", DAY, lines=["6", "", "q"])
    assert first.exit_code == 0, first.output
    [saved] = reviews_in(answers)
    assert saved["unfinished"] == ["review.kpi_values"]
    again = review("--date", DAY, lines=["", "", "1", "", "q"])  # Enter keeps the 6
    shown = flat(again.output)
    assert "the list you had not finished" in shown
    [saved] = reviews_in(answers)
    assert [item["value"] for item in saved["answers"]["review"]["kpi_values"]] == [6, 1]
    assert "unfinished" not in saved


def test_reviews_on_other_dates_are_kept_apart_in_date_order(answers: Path) -> None:
    assert review("--date", "2027-06-30", lines=WHOLE_REVIEW).exit_code == 0
    assert review("--date", DAY, lines=["5", "", "2", "", "q"]).exit_code == 0
    saved = reviews_in(answers)
    assert [item["date"] for item in saved] == [DAY, "2027-06-30"]
    assert saved[0]["answers"]["review"]["kpi_values"][0]["value"] == 5
    assert saved[1]["answers"]["review"]["kpi_values"][0]["value"] == 6


def test_a_leap_day_is_a_date(answers: Path) -> None:
    assert review("--date", "2028-02-29", lines=["7", "q"]).exit_code == 0
    assert [item["date"] for item in reviews_in(answers)] == ["2028-02-29"]


def test_the_date_defaults_to_today(answers: Path) -> None:
    assert review(lines=["q"]).exit_code == 0
    result = review(lines=["7", "q"])
    assert "Review of 2026-11-23" in result.output  # SOURCE_DATE_EPOCH in the tests
    [saved] = reviews_in(answers)
    assert saved["date"] == "2026-11-23"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("31/03/2027", "give a date written as 2026-12-01 (year-month-day), not '31/03/2027'"),
        ("2027-3-31", "give a date written as 2026-12-01 (year-month-day), not '2027-3-31'"),
        ("tomorrow", "give a date written as 2026-12-01 (year-month-day), not 'tomorrow'"),
        ("", "give a date written as 2026-12-01 (year-month-day), not ''"),
        ("2027-02-30", "2027-02-30 is not a day of the calendar: 2027 has no 30 February"),
        (
            "2027-02-29",
            "2027-02-29 is not a day of the calendar: 2027 has no 29 February",
        ),  # not a leap year
    ],
)
def test_a_date_that_is_not_a_real_iso_day_is_refused(
    answers: Path, typed: str, expected: str
) -> None:
    before = answers.read_bytes()
    result = review("--date", typed, lines=WHOLE_REVIEW)
    shown = flat(result.output)
    assert result.exit_code == 2
    assert expected in shown
    assert "Traceback" not in shown
    assert answers.read_bytes() == before


def test_a_second_process_on_the_file_is_refused(answers: Path) -> None:
    before = answers.read_bytes()
    with held(answers, command="outsource check"):
        result = review("--date", DAY, lines=WHOLE_REVIEW)
    assert result.exit_code != 0
    assert "is in use by another 'outsource check'" in flat(result.output)
    assert answers.read_bytes() == before


def test_without_an_answers_file_nothing_is_created(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    result = review("--date", DAY, lines=WHOLE_REVIEW)
    shown = flat(result.output)
    assert result.exit_code != 0
    assert "there is no answers file at a.yaml yet" in shown
    assert "A review reads your own answers" in shown
    assert not (tmp_path / "a.yaml").exists()


def test_before_signing_it_says_what_a_review_is_for_and_goes_on(answers: Path) -> None:
    text = answers.read_text(encoding="utf-8").replace("stage: working", "stage: comparing")
    answers.write_text(text, encoding="utf-8")
    result = review("--date", DAY, lines=WHOLE_REVIEW)
    shown = flat(result.output)
    assert result.exit_code == 0, shown
    assert "A review is meant for an arrangement that is running" in shown
    assert "'Comparing: talking to candidates'" in shown
    assert reviews_in(answers)[0]["answers"]["review"]["still_worth_it"] is True


def test_without_kpis_it_says_how_to_add_them_and_asks_the_rest(answers: Path) -> None:
    data = yaml.safe_load(answers.read_text(encoding="utf-8"))
    del data["answers"]["goals"]
    answers.write_text(yaml.safe_dump(data), encoding="utf-8")
    result = review("--date", DAY, lines=WHOLE_REVIEW[4:])
    shown = flat(result.output)
    assert result.exit_code == 0, shown
    assert "Your answers hold no KPIs yet" in shown
    assert "outsource check goals" in shown
    assert reviews_in(answers)[0]["answers"]["review"]["invoices"] == "surprises"


def test_the_owners_interview_never_asks_the_review(answers: Path) -> None:
    result = run("check", "review", "--answers", "a.yaml", input="q\n")
    shown = flat(result.output)
    assert result.exit_code != 0
    assert "section 'review' is asked at each review of a running arrangement" in shown
    assert "outsource review" in shown


def test_starting_the_owners_answers_again_keeps_the_reviews(answers: Path) -> None:
    assert review("--date", DAY, lines=WHOLE_REVIEW).exit_code == 0
    result = run("check", "--answers", "a.yaml", "--restart", input="y\nq\n")
    assert result.exit_code == 0, result.output
    assert [item["date"] for item in reviews_in(answers)] == [DAY]


def test_a_review_left_unfinished_does_not_count_as_held(answers: Path) -> None:
    text = answers.read_text(encoding="utf-8").replace(
        "  communication:", "  contract:\n    start_date: 2026-12-01\n  communication:"
    )
    answers.write_text(text, encoding="utf-8")
    assert review("--date", "2027-03-01", lines=WHOLE_REVIEW).exit_code == 0
    assert review("--date", "2027-06-01", lines=["5", "", "q"]).exit_code == 0
    due = flat(run("due", "a.yaml", "--date", "2027-06-15").output)
    # the next review is still counted from the one held in full, on 2027-03-01
    assert "2027-06-01 Next review with the partner ! overdue by 14 days" in due
    assert "Your review of 2027-06-01 is not finished" in due
    assert "outsource review --date 2027-06-01 --answers a.yaml" in due
    trend = flat(run("reviews", "a.yaml").output)
    assert "not finished" in trend
    assert "The review of 2027-06-01 is not finished: 13 questions still to answer." in trend
    assert "every answer in the latest review has its best score" not in trend
