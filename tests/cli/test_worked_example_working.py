"""The worked example a year on (stage working, three quarterly reviews): its trend, what is
due and its calendar file, and its report, kept in examples/ for people to read."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar

from ..helpers import ROOT, flat, golden, run

WORKING = ROOT / "examples" / "online-shop-working.yaml"
REPORT_DAY = "2026-11-23"  # the tests' SOURCE_DATE_EPOCH


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copy(WORKING, "outsource-answers.yaml")
    return tmp_path


@pytest.mark.usefixtures("example")
@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_the_example_reviews_match_their_file(fmt: str) -> None:
    result = run("reviews", "-f", fmt, "-o", "-")
    assert (result.exit_code, result.stderr) == (0, "")
    golden(ROOT / "examples" / f"online-shop-working-reviews.{fmt}", result.stdout)


@pytest.mark.usefixtures("example")
def test_the_example_reviews_on_screen_match_their_file() -> None:
    result = run("reviews")
    assert result.exit_code == 0
    golden(ROOT / "examples" / "online-shop-working-reviews.txt", result.stdout)


@pytest.mark.usefixtures("example")
def test_the_example_trend_tells_its_story() -> None:
    data = json.loads(run("reviews", "-f", "json", "-o", "-").stdout)
    close = data["kpis"][0]
    assert close["name"] == "Working days to close the month"
    assert [(v["date"], v["value"], v["met"]) for v in close["values"]] == [
        ("2026-04-01", 8, False),
        ("2026-07-01", 7, False),
        ("2026-10-01", 5, True),
    ]
    flags = {review["date"]: [f["kind"] for f in review["flags"]] for review in data["reviews"]}
    # the close missed twice in a row, and surprise charges and unwritten scope in July
    assert flags == {
        "2026-04-01": [],
        "2026-07-01": ["missed_twice", "blocker", "worse", "worse"],  # the reconciliations too
        "2026-10-01": [],
    }


@pytest.mark.usefixtures("example")
def test_what_is_due_from_the_report_day_matches_its_file() -> None:
    result = run("due", "--date", REPORT_DAY)
    assert result.exit_code == 0
    golden(ROOT / "examples" / "online-shop-working-due.txt", result.stdout)
    assert "2026-12-05" in result.stdout  # the notice day, in 12 days


@pytest.mark.usefixtures("example")
def test_a_missed_notice_day_is_overdue_and_fails_a_scheduled_run() -> None:
    result = run("due", "--date", "2026-12-10", "--fail-on-overdue")
    assert result.exit_code == 1
    shown = flat(result.output)
    assert "! overdue by 5 days" in shown
    assert shown.index("2026-12-05") < shown.index("2027-01-01")  # overdue first


def test_the_calendar_file_is_read_back_by_two_parsers(example: Path) -> None:
    result = run("due", "--ics", "dates.ics")
    assert result.exit_code == 0, result.output
    raw = (example / "dates.ics").read_bytes()
    kept = ROOT / "examples" / "online-shop-working.ics"  # compared byte for byte: CRLF
    if os.environ.get("UPDATE_GOLDEN"):
        kept.write_bytes(raw)
    assert kept.read_bytes() == raw
    calendar = Calendar.from_ical(raw)
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    days = sorted(event.decoded("DTSTART") for event in events.values())
    # the three reviews held, the next one, the notice day, the end and the price review
    for day in ("2026-04-01", "2026-07-01", "2026-10-01", "2027-01-01", "2026-12-05"):
        assert date.fromisoformat(day) in days
    assert all(isinstance(day, date) for day in days)
    # each date coming up reminds a week ahead; the dates already past do not
    notice = next(e for e in events.values() if "Last day to give notice" in str(e["SUMMARY"]))
    [alarm] = notice.walk("VALARM")
    assert alarm.decoded("TRIGGER").days == -7
    held = next(e for e in events.values() if "Review with the partner" in str(e["SUMMARY"]))
    assert held.walk("VALARM") == []
    second = IcsCalendarStream.calendar_from_ics(raw.decode("utf-8"))
    assert sorted(str(event.uid) for event in second.events) == sorted(events)
    assert sorted(event.dtstart for event in second.events if event.dtstart) == days


def test_the_calendar_file_depends_on_the_answers_not_the_clock(example: Path) -> None:
    assert run("due", "--ics", "a.ics", "--date", REPORT_DAY).exit_code == 0
    assert run("due", "--ics", "b.ics", "--date", REPORT_DAY).exit_code == 0
    assert (example / "a.ics").read_bytes() == (example / "b.ics").read_bytes()
    # a later day moves what is due, but every event keeps its UID
    assert run("due", "--ics", "c.ics", "--date", "2027-06-01").exit_code == 0
    before = Calendar.from_ical((example / "a.ics").read_bytes()).walk("VEVENT")
    later = Calendar.from_ical((example / "c.ics").read_bytes()).walk("VEVENT")
    reviews = {str(e["UID"]) for e in before if "Review with the partner" in str(e["SUMMARY"])}
    assert reviews <= {str(e["UID"]) for e in later}


@pytest.mark.usefixtures("example")
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_report_at_stage_working_shows_the_latest_review_and_the_dates(fmt: str) -> None:
    result = run("report", "-f", fmt, "-o", "-")
    assert result.exit_code == 0
    golden(ROOT / "examples" / f"online-shop-working-report.{fmt}", result.stdout)
    assert "Since signing" in result.stdout
    assert "2026-10-01" in result.stdout and "in 12 days" in result.stdout


@pytest.mark.parametrize(
    ("given", "ends"),
    [("2026-11-20", "2027-01-04"), ("2026-12-08", "2028-01-04")],  # in time, or a term late
)
def test_notice_given_shows_the_day_the_contract_ends_instead(
    example: Path, given: str, ends: str
) -> None:
    text = (example / "outsource-answers.yaml").read_text(encoding="utf-8")
    assert "    notice_given: n/a\n" in text  # the example has given none: "na"
    text = text.replace("    notice_given: n/a\n", f"    notice_given: {given}\n")
    (example / "outsource-answers.yaml").write_text(text, encoding="utf-8")
    result = run("due", "--date", "2026-12-10", "--fail-on-overdue")
    shown = flat(result.output)
    assert result.exit_code == 0, shown  # nothing overdue: the notice is given
    assert f"{ends} The contract ends" in shown
    assert f"You gave notice on {given}" in shown
    assert "Last day to give notice" not in shown


def test_changed_answers_raise_every_events_sequence(example: Path) -> None:
    assert run("due", "--ics", "a.ics", "--date", REPORT_DAY).exit_code == 0
    path = example / "outsource-answers.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("updated: 2026-10-01T16:20:00Z", "updated: 2026-10-02T08:00:00Z"))
    assert run("due", "--ics", "b.ics", "--date", REPORT_DAY).exit_code == 0
    before = Calendar.from_ical((example / "a.ics").read_bytes()).walk("VEVENT")
    after = Calendar.from_ical((example / "b.ics").read_bytes()).walk("VEVENT")
    assert [str(e["UID"]) for e in before] == [str(e["UID"]) for e in after]
    assert all(
        new.decoded("SEQUENCE") > old.decoded("SEQUENCE")
        for old, new in zip(before, after, strict=True)
    )


@pytest.mark.parametrize(
    ("notice_days", "blocks"),
    # the term ends 2027-01-04: N days' notice is due 42 - N days after the report day
    [(30, True), (12, True), (11, False), (42, True), (43, False)],
)
def test_a_renewal_decision_due_within_a_month_is_a_blocker(
    example: Path, notice_days: int, blocks: bool
) -> None:
    """A decision due today or within 30 days blocks, as missing it signs another whole
    term; one further off, or already missed (the contract renewed), does not."""
    path = example / "outsource-answers.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("renewal_notice_days: 30", f"renewal_notice_days: {notice_days}"),
        encoding="utf-8",
    )
    data = json.loads(run("report", "-f", "json", "-o", "-").stdout)
    blockers = [(b["section"], b["question"]) for b in data["blockers"]]
    assert (("contract", "renewal_notice_days") in blockers) is blocks


@pytest.mark.usefixtures("example")
def test_a_running_arrangement_s_plan_is_headed_for_what_is_left_of_each_step() -> None:
    data = json.loads(run("report", "-f", "json", "-o", "-").stdout)
    assert [step["title"] for step in data["steps"]] == [
        "Groundwork to catch up on",
        "Checks on your partner",
        "For the contract, at the next renewal",
        "Settling the work in",
        "Running the arrangement",
    ]
    assert data["texts"]["blockers_lead"] == "These need you first, whatever the score:"
    assert "outsource" not in data["texts"]["actions_lead"]
