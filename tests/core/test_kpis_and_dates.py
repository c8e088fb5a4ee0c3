"""The built-in KPIs and dates: the KPI list with its targets, the contract's dates by
stage, a renewal notice deadline named with its date, and old files scored as before."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path

import pytest

from outsource_cli import answers as answers_module
from outsource_cli import checklist_set, dates
from outsource_cli.answers import Answers
from outsource_cli.assessment import Assessment, QuestionResult, assess
from outsource_cli.report.data import report_data

from ..helpers import DATA, ROOT

BUILTIN = checklist_set.load()
TODAY = datetime.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def fixed_today() -> Iterator[None]:
    dates.set_today(TODAY)
    yield
    dates.set_today(None)


def assessed(
    stage: str, *answers: tuple[str, str, object], kind: str = "bookkeeping"
) -> Assessment:
    given = Answers()
    given.set("fit", "task_kind", kind)
    given.set("fit", "stage", stage)
    for section_id, question_id, value in answers:
        given.set(section_id, question_id, value)
    return assess(BUILTIN, given)


def result(assessment: Assessment, section_id: str, question_id: str) -> QuestionResult:
    for section in assessment.sections:
        for one in section.questions:
            if one.key == (section_id, question_id):
                return one
    raise AssertionError(f"no question {section_id}.{question_id}")


def kpi(name: str, target: float | None) -> dict[str, object]:
    return {"name": name, "target": target, "unit": "days", "better": "lower"}


# --- files written before the lists and dates ------------------------------------------


@pytest.mark.parametrize(
    ("path", "score", "blockers", "actions"),
    [
        # the scores these files had before the KPI list and the dates were added
        (ROOT / "examples" / "online-shop-answers-september.yaml", 48.6, 6, 53),
        (DATA / "owners" / "law-firm-it.yaml", 92.8, 2, 9),
        (DATA / "owners" / "solo-sales.yaml", 95.8, 1, 7),
        (DATA / "owners" / "support-shop.yaml", 93.4, 2, 8),
    ],
    ids=["september", "law-firm", "solo-sales", "support-shop"],
)
def test_files_written_before_the_lists_score_as_before(
    path: Path, score: float, blockers: int, actions: int
) -> None:
    loaded = answers_module.load(path, BUILTIN)
    assessment = assess(BUILTIN, loaded.answers)
    assert assessment.score is not None and round(assessment.score, 1) == score
    assert (len(assessment.blockers), len(assessment.actions)) == (blockers, actions)
    assert result(assessment, "goals", "kpis").applies  # the yes/no answer still counts
    assert not result(assessment, "goals", "kpi_list").counted


# --- the KPI list ---------------------------------------------------------------------


def test_the_list_takes_the_place_of_the_yes_no_kpi_questions() -> None:
    assessment = assessed("comparing", ("goals", "kpi_list", [kpi("Days to close", 5)]))
    assert not result(assessment, "goals", "kpis").applies
    assert not result(assessment, "goals", "kpi_targets").applies
    assert result(assessment, "goals", "kpis_controlled").applies
    listed = result(assessment, "goals", "kpi_list")
    assert (listed.counted, listed.score, listed.weight) == (True, 1.0, 3)
    assert listed not in assessment.actions


def test_each_kpi_without_a_target_is_named_in_its_action() -> None:
    kpis = [kpi("Days to close", 5), kpi("Errors found", None), kpi("Late payslips", None)]
    assessment = assessed("comparing", ("goals", "kpi_list", kpis))
    listed = result(assessment, "goals", "kpi_list")
    assert listed.score == pytest.approx(1 / 3)
    assert listed in assessment.actions
    assert listed.recommendation is not None
    assert listed.recommendation.startswith("Set a target for Errors found, Late payslips:")
    assert "what you send to candidates" in listed.recommendation


def test_no_kpis_at_all_asks_for_some() -> None:
    listed = result(assessed("exploring", ("goals", "kpi_list", [])), "goals", "kpi_list")
    assert listed.score == 0
    assert str(listed.recommendation).startswith("Pick two to five measures")


# --- dates by stage ---------------------------------------------------------------------

CONTRACT_DATES = ["start_date", "term_months", "end_date", "auto_renews", "price_review_date"]


@pytest.mark.parametrize("stage", ["exploring", "comparing"])
def test_contract_dates_wait_until_a_partner_is_chosen(stage: str) -> None:
    assessment = assessed(stage)
    for question_id in CONTRACT_DATES:
        assert not result(assessment, "contract", question_id).applies
    assert result(assessment, "goals", "choose_by").applies
    assert result(assessment, "goals", "start_by").applies


@pytest.mark.parametrize("stage", ["negotiating", "working"])
def test_contract_dates_apply_once_a_partner_is_chosen(stage: str) -> None:
    assessment = assessed(stage)
    for question_id in CONTRACT_DATES:
        assert result(assessment, "contract", question_id).applies
    assert not result(assessment, "goals", "choose_by").applies
    assert result(assessment, "goals", "start_by").applies is (stage != "working")


def test_dates_are_data_and_do_not_change_the_score() -> None:
    without = assessed("negotiating")
    with_dates = assessed(
        "negotiating",
        ("contract", "start_date", "2027-01-04"),
        ("contract", "term_months", 12),
        ("contract", "end_date", "2028-01-03"),
        ("contract", "auto_renews", True),
        ("contract", "renewal_notice_days", 60),
        ("contract", "price_review_date", "2028-01-04"),
        ("goals", "start_by", "2027-01-04"),
    )
    assert with_dates.score == without.score
    computed = {c.id: c.value for s in with_dates.sections for c in s.computed}
    assert computed["term_end"] == "2028-01-03"  # the last day of the first term
    assert computed["notice_deadline"] == "2027-11-04"
    assert computed["days_to_notice"] == (datetime.date(2027, 11, 4) - TODAY).days


# --- the renewal notice deadline ----------------------------------------------------------


def renewal(end_date: str, notice_days: int, stage: str = "working") -> QuestionResult:
    assessment = assessed(
        stage,
        ("contract", "end_date", end_date),
        ("contract", "auto_renews", True),
        ("contract", "renewal_notice_days", notice_days),
    )
    return result(assessment, "contract", "renewal_notice_days")


def test_a_close_notice_deadline_is_an_action_with_its_dates() -> None:
    close = renewal("2027-01-20", 30)  # last day to give notice: 2026-12-21, in 28 days
    assert (close.counted, close.score) == (True, 0.0)
    assert close.recommendation == (
        "Your contract renews by itself on 2027-01-20 unless you give notice by 2026-12-21, "
        "28 days after the date of this report. Before that day, check the KPIs and the "
        "price against what was agreed, decide whether to renew, and put the date in your "
        "calendar."
    )


@pytest.mark.parametrize(
    ("end_date", "notice_days", "start"),
    [
        ("2026-12-23", 30, "Today, 2026-11-23, is the last day to give notice"),
        ("2026-12-24", 30, "Tomorrow, 2026-11-24, is the last day to give notice"),
        ("2026-12-10", 30, "The last day to give notice before the contract renews was 2026-11-10"),
        ("2024-03-29", 30, "The end date you gave, 2024-03-29, has passed. If the contract"),
    ],
    ids=["today", "tomorrow", "passed", "end-passed"],
)
def test_the_notice_action_says_how_close_the_deadline_is(
    end_date: str, notice_days: int, start: str
) -> None:
    close = renewal(end_date, notice_days)
    assert close.score == 0.0
    assert str(close.recommendation).startswith(start)


def test_a_far_deadline_or_an_earlier_stage_is_no_action() -> None:
    far = renewal("2027-06-30", 30)
    assert (far.counted, far.score) == (True, 1.0)
    negotiating = renewal("2027-01-20", 30, stage="negotiating")
    assert not negotiating.counted


def test_the_worked_example_holds_kpis_and_dates() -> None:
    loaded = answers_module.load(ROOT / "examples" / "online-shop-answers.yaml", BUILTIN)
    answers = loaded.answers
    assert len(answers.get("goals", "kpi_list")) == 4
    assert answers.get("contract", "end_date") == "2028-01-03"
    assert not answers.has("goals", "kpis")


def facts(end_date: str, notice_days: int) -> dict[str, str]:
    given = Answers()
    for question_id, value in (("task_kind", "it_support"), ("stage", "working")):
        given.set("fit", question_id, value)
    given.set("contract", "end_date", end_date)
    given.set("contract", "auto_renews", True)
    given.set("contract", "renewal_notice_days", notice_days)
    data = report_data(assess(BUILTIN, given), given)
    return {fact["id"]: fact["text"] for fact in data["assessed"]["facts"]}


def test_the_top_of_the_report_names_a_close_notice_deadline() -> None:
    assert facts("2027-01-20", 30)["renewal_notice"] == (
        "give it by 2026-12-21, 28 days from the report's date; the contract renews by itself "
        "on 2027-01-20"
    )
    assert facts("2026-12-23", 30)["renewal_notice"].startswith("give it today, 2026-11-23")
    assert facts("2026-12-10", 30)["renewal_notice"].startswith("the last day was 2026-11-10")
    assert "renewal_notice" not in facts("2027-06-30", 30)
    assert facts("2026-03-01", 30)["renewal_notice"] == (
        "the end date you gave, 2026-03-01, has passed: give the day the current term ends"
    )


def test_the_notice_deadline_counts_back_over_a_leap_day() -> None:
    assessment = assessed(
        "working",
        ("contract", "end_date", "2028-03-30"),
        ("contract", "auto_renews", True),
        ("contract", "renewal_notice_days", 30),
    )
    computed = {c.id: c.value for s in assessment.sections for c in s.computed}
    assert computed["notice_deadline"] == "2028-02-29"
    assert computed["end_passed"] is False


def test_an_unanswered_notice_asks_for_it_once_working() -> None:
    assessment = assessed("working", ("contract", "auto_renews", True))
    notice = result(assessment, "contract", "renewal_notice_days")
    assert (notice.counted, notice.score) == (True, 0.0)
    assert str(notice.recommendation).startswith("Work out the last day to give notice")
