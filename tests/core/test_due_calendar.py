"""The calendar file of `outsource due --ics`: every date, read back by two parsers."""

from __future__ import annotations

import shutil
import uuid
from datetime import date, datetime, timezone
from pathlib import Path

import icalendar
import pytest
from ical.calendar_stream import IcsCalendarStream

from outsource_cli import __version__, answers, checklist_set, dates
from outsource_cli.due_calendar import FALLBACK_STAMP, MadeCalendar, calendar_text, file_stamp

from ..helpers import DATA, Writer

SET = DATA / "due" / "checklists"
FILE = """\
format: 1
business: Hill Street Bakery, Ltd; "north"
created: 2026-11-23T10:00:00Z
updated: 2027-04-30T16:20:05Z
answers:
  fit: {stage: working, launch_by: 2026-12-15}
  communication: {reviews: yes, review_every: quarterly}
  contract:
    start_date: 2027-01-04
    term_months: 12
    end_date: 2028-01-03
    auto_renews: yes
    renewal_notice_days: 60
    price_review_date: 2028-01-04
reviews:
- date: '2027-04-01'
  answers:
    review: {quality: good}
"""
"""An owner a few months into the work: every kind of date the calendar holds."""


def made(path: Path, today: str = "2027-05-01") -> MadeCalendar:
    dates.set_today(date.fromisoformat(today))
    loaded_set = checklist_set.load(folders=[SET])
    loaded = answers.load(path, loaded_set)
    return calendar_text(loaded_set, loaded.answers, path)


@pytest.fixture
def owner(write: Writer) -> Path:
    return write("bakery.yaml", FILE)


def events(text: str) -> dict[str, icalendar.Component]:
    """The events by summary, read with icalendar; no two may share one (a date written
    twice would otherwise go unseen)."""
    walked = icalendar.Calendar.from_ical(text).walk("VEVENT")
    found = {str(event["SUMMARY"]): event for event in walked}
    assert len(found) == len(walked), [str(event["SUMMARY"]) for event in walked]
    return found


BUSINESS = 'Hill Street Bakery, Ltd; "north"'
SUMMARIES = {
    "By what date do you want the partner to start?": date(2026, 12, 15),
    "On what date did your contract start?": date(2027, 1, 4),
    "Review with the partner": date(2027, 4, 1),
    "Next review with the partner": date(2027, 7, 1),
    "Last day to give notice, or the contract renews for another term": date(2027, 11, 4),
    "The term ends; the contract renews unless you gave notice": date(2028, 1, 3),
    "The partner may review the price": date(2028, 1, 4),
}
"""Every date of FILE, past ones too: the end date and the price review date are the due
items' own days, so they are there once."""


def test_every_date_is_an_all_day_event(owner: Path) -> None:
    calendar = made(owner)
    found = events(calendar.text)
    assert {summary: event.decoded("DTSTART") for summary, event in found.items()} == {
        f"{BUSINESS}: {summary}": day for summary, day in SUMMARIES.items()
    }
    assert calendar.events == len(SUMMARIES)
    for event in found.values():
        start = event.decoded("DTSTART")
        assert type(start) is date  # a DATE value: all day, in every time zone
        assert event.decoded("DTEND") == date.fromordinal(start.toordinal() + 1)
        assert str(event["TRANSP"]) == "TRANSPARENT"
        assert "To see what is due and when, run: outsource due bakery.yaml" in str(
            event["DESCRIPTION"]
        )


def test_the_file_is_read_alike_by_a_second_parser(owner: Path) -> None:
    text = made(owner).text
    calendar = IcsCalendarStream.calendar_from_ics(text)
    assert calendar.prodid == f"-//outsource//outsource {__version__}//EN"
    assert calendar.version == "2.0"
    read = {event.summary: event for event in calendar.events}
    assert {summary: event.dtstart for summary, event in read.items()} == {
        f"{BUSINESS}: {summary}": day for summary, day in SUMMARIES.items()
    }
    first = icalendar.Calendar.from_ical(text)
    assert sorted(event.uid for event in calendar.events) == sorted(
        str(event["UID"]) for event in first.walk("VEVENT")
    )
    notice = read[f"{BUSINESS}: Last day to give notice, or the contract renews for another term"]
    assert notice.description is not None
    assert notice.description.startswith(
        "The last day to give notice if you do not want the contract to renew by itself on "
        "2028-01-03."
    )
    assert notice.dtstamp == datetime(2027, 4, 30, 16, 20, 5, tzinfo=timezone.utc)


def test_the_text_follows_the_format(owner: Path) -> None:
    """CRLF line ends, lines folded at 75 octets, commas and semicolons escaped."""
    text = made(owner).text
    raw = text.encode("utf-8")
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    lines = raw.split(b"\r\n")
    assert b"\n" not in b"".join(lines)
    assert max(len(line) for line in lines) <= 75
    assert "Hill Street Bakery\\, Ltd\\; " in text


def test_the_same_file_gives_the_same_calendar_wherever_and_whenever(
    owner: Path, tmp_path: Path
) -> None:
    first = made(owner, "2027-05-01").text
    elsewhere = tmp_path / "copy" / "bakery.yaml"
    elsewhere.parent.mkdir()
    shutil.copy(owner, elsewhere)
    assert made(elsewhere, "2027-06-15").text == first  # nothing rolled on in between


def test_uids_are_made_from_the_created_stamp_and_what_the_event_is(owner: Path) -> None:
    namespace = uuid.uuid5(uuid.NAMESPACE_DNS, "due.outsource-cli")
    expected = str(uuid.uuid5(namespace, "2026-11-23T10:00:00Z\ncontract.end"))
    found = events(made(owner).text)
    end = found[f"{BUSINESS}: The term ends; the contract renews unless you gave notice"]
    assert str(end["UID"]) == expected
    uids = [str(event["UID"]) for event in found.values()]
    assert len(set(uids)) == len(uids)


def test_a_term_that_rolls_on_keeps_its_uid_and_counts_a_sequence(owner: Path) -> None:
    title = f"{BUSINESS}: The term ends; the contract renews unless you gave notice"
    before = events(made(owner, "2027-05-01").text)[title]
    after = events(made(owner, "2028-02-01").text)[title]
    assert str(after["UID"]) == str(before["UID"])
    assert (before.decoded("DTSTART"), after.decoded("DTSTART")) == (
        date(2028, 1, 3),
        date(2029, 1, 3),
    )
    assert after.decoded("SEQUENCE") == before.decoded("SEQUENCE") + 1
    # the end date answered is a day of its own now that the term has moved on
    assert f"{BUSINESS}: On what date does your contract end, or next renew?" in events(
        made(owner, "2028-02-01").text
    )


@pytest.mark.parametrize(
    ("stamps", "stamp"),
    [
        ("created: 2026-11-23T10:00:00Z\n", datetime(2026, 11, 23, 10, tzinfo=timezone.utc)),
        ("", FALLBACK_STAMP),
        (
            "created: 2026-11-23T10:00:00Z\nupdated: yesterday\n",
            datetime(2026, 11, 23, 10, tzinfo=timezone.utc),
        ),
    ],
    ids=["created", "none", "unreadable-updated"],
)
def test_the_stamp_falls_back_to_created_then_a_fixed_day(
    write: Writer, stamps: str, stamp: datetime
) -> None:
    path = write("a.yaml", f"format: 1\n{stamps}answers:\n  fit: {{launch_by: 2026-12-15}}\n")
    found = list(events(made(path).text).values())
    assert [event.decoded("DTSTAMP") for event in found] == [stamp]


def test_without_a_created_stamp_the_business_name_makes_the_uids(write: Writer) -> None:
    body = "answers:\n  fit: {launch_by: 2026-12-15}\n"
    one = write("a.yaml", f"format: 1\nbusiness: One\n{body}")
    uid_one = next(iter(events(made(one).text).values()))["UID"]
    two = write("b.yaml", f"format: 1\nbusiness: Two\n{body}")
    uid_two = next(iter(events(made(two).text).values()))["UID"]
    assert uid_one != uid_two


def test_a_file_without_dates_is_an_empty_calendar_both_parsers_read(write: Writer) -> None:
    path = write("a.yaml", "format: 1\nanswers:\n  fit: {stage: exploring}\n")
    calendar = made(path)
    assert calendar.events == 0
    assert IcsCalendarStream.calendar_from_ics(calendar.text).events == []
    assert list(icalendar.Calendar.from_ical(calendar.text).walk("VEVENT")) == []


def test_control_characters_in_the_business_name_do_not_reach_the_calendar(
    write: Writer,
) -> None:
    path = write(
        "a.yaml",
        'format: 1\nbusiness: "Bad\\e[31m\\u202eName"\nanswers:\n  fit: {launch_by: 2026-12-15}\n',
    )
    text = made(path).text
    assert "\x1b" not in text and "\u202e" not in text
    assert "Bad?[31m?Name: By what date" in next(iter(events(text)))


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("2026-11-23T10:00:00Z", datetime(2026, 11, 23, 10, tzinfo=timezone.utc)),
        ("2026-11-23T11:00:00+01:00", datetime(2026, 11, 23, 10, tzinfo=timezone.utc)),
        ("2026-11-23T10:00:00", datetime(2026, 11, 23, 10, tzinfo=timezone.utc)),
        ("not a stamp", None),
        (None, None),
    ],
)
def test_file_stamps_are_read_as_utc(text: str | None, moment: datetime | None) -> None:
    assert file_stamp(text) == moment
