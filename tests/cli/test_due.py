"""`outsource due`: the dates in the terminal, --fail-on-overdue, --date and --ics."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import icalendar
import pytest

from ..helpers import DATA, run

SET = str(DATA / "due" / "checklists")
ANSWERS = """\
format: 1
business: Hill Street Bakery
created: 2026-11-23T10:00:00Z
updated: 2027-04-30T16:20:05Z
answers:
  fit: {stage: working}
  contract:
    start_date: 2027-01-04
    term_months: 12
    end_date: 2028-01-03
    auto_renews: yes
    renewal_notice_days: 60
reviews:
- date: '2027-04-01'
  answers:
    review: {quality: good}
"""
EARLIER = b"BEGIN:VCALENDAR\r\nan earlier calendar\r\n"


@pytest.fixture(autouse=True)
def _workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("OUTSOURCE_CHECKLISTS", SET)
    Path("a.yaml").write_text(ANSWERS, encoding="utf-8")


def files() -> dict[str, bytes]:
    """Every file in the folder with its bytes; links by where they point."""
    return {
        path.name: (f"-> {os.readlink(path)}".encode() if path.is_symlink() else path.read_bytes())
        for path in sorted(Path().iterdir())
        if not path.is_dir() or path.is_symlink()
    }


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


# --- the terminal ------------------------------------------------------------------------


def test_the_dates_are_shown_overdue_first_and_marked() -> None:
    result = run("due", "a.yaml", "--date", "2027-12-01")
    assert result.exit_code == 0, result.output
    assert lines(result.stdout) == [
        "What is due: Hill Street Bakery",
        "! 2 dates overdue and 1 coming up (from 2027-12-01).",
        "",
        "When         What                                                              In how long",
        "────────────────────────────────────────────────────────────────────────────────────────────────────",
        "2027-07-01   Next review with the partner                                      ! overdue by 153 days",
        "             Every three months, the usual rhythm, as you have not chosen",
        "             one (counted from your last review on 2027-04-01). This review",
        "             is overdue: hold it with the partner soon and record it",
        "             (outsource review --answers a.yaml).",
        "2027-11-04   Last day to give notice, or the contract renews for another       ! overdue by 27 days",
        "             term",
        "             You missed it: the contract renews by itself on 2028-01-03 for",
        "             another 12 months unless the partner agrees otherwise. If you",
        "             want to stop it, ask the partner in writing now whether they",
        "             will accept your notice.",
        "2028-01-03   The term ends; the contract renews unless you gave notice         in 33 days",
        "             Unless you have given notice, the contract renews by itself for",
        "             another 12 months.",
        "Note: To choose how often you review the work with the partner, run: outsource check communication",
        "--answers a.yaml",
    ]
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("day", "words"),
    [
        ("2027-06-30", "tomorrow"),
        ("2027-07-01", "today"),
        ("2027-06-19", "in 12 days"),
        ("2027-07-04", "! overdue by 3 days"),
        ("2027-07-02", "! overdue by 1 day"),
    ],
)
def test_how_long_is_said_in_words(day: str, words: str) -> None:
    result = run("due", "a.yaml", "--date", day)
    review = next(line for line in lines(result.stdout) if "Next review" in line)
    assert review.endswith(f"   {words}")


def test_a_term_that_renewed_by_itself_says_so() -> None:
    result = run("due", "a.yaml", "--date", "2028-02-01")
    assert "It renewed by itself on 2028-01-03, so the current term ends on 2029-01-03." in (
        " ".join(result.stdout.split())
    )


def test_with_nothing_due_it_says_what_to_answer() -> None:
    Path("a.yaml").write_text("format: 1\nanswers:\n  fit: {stage: working}\n")
    result = run("due", "a.yaml", "--date", "2027-01-01")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert (
        "Nothing is due yet (from 2027-01-01): the answers file holds none of these dates." in text
    )
    assert "answer the contract's dates: outsource check contract --answers a.yaml" in text


def test_at_another_stage_the_dates_are_shown_with_a_note() -> None:
    Path("a.yaml").write_text(ANSWERS.replace("stage: working", "stage: negotiating"))
    result = run("due", "a.yaml", "--date", "2027-05-01")
    assert "2028-01-03" in result.stdout
    assert (
        "Note: You are not working with a partner yet: these dates matter once the contract runs."
        in " ".join(result.stdout.split())
    )


def test_the_default_answers_file_is_read_and_named_nowhere() -> None:
    Path("a.yaml").rename("outsource-answers.yaml")
    result = run("due", "--date", "2027-12-01")
    assert result.exit_code == 0, result.output
    assert "(outsource review)" in " ".join(result.stdout.split())


def test_a_missing_answers_file_says_how_to_make_one() -> None:
    result = run("due", "none.yaml")
    assert result.exit_code == 2
    assert "there is no answers file at none.yaml" in result.stderr


# --- --fail-on-overdue ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "code", "failed"),
    [
        ("2027-05-01", 0, None),
        ("2027-07-01", 0, None),  # due today is not overdue yet
        ("2027-07-02", 1, "Failed: 1 date overdue"),
        ("2027-12-01", 1, "Failed: 2 dates overdue"),
    ],
)
def test_fail_on_overdue_exits_1_when_a_date_is_overdue(
    day: str, code: int, failed: str | None
) -> None:
    result = run("due", "a.yaml", "--date", day, "--fail-on-overdue")
    assert result.exit_code == code
    assert lines(result.stderr) == ([failed] if failed else [])


def test_without_the_option_overdue_dates_exit_0() -> None:
    assert run("due", "a.yaml", "--date", "2027-12-01").exit_code == 0


# --- --date --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (
            "2027-02-30",
            "2027-02-30 is not a day of the calendar: 2027 has no 30 February; give a real date, such as 2026-12-01",
        ),
        ("2027-2-3", "give a date written as 2026-12-01 (year-month-day), not '2027-2-3'"),
        ("01/12/2027", "give a date written as 2026-12-01 (year-month-day), not '01/12/2027'"),
        ("tomorrow", "give a date written as 2026-12-01 (year-month-day), not 'tomorrow'"),
        ("", "give a date written as 2026-12-01 (year-month-day), not ''"),
    ],
)
def test_a_bad_date_is_refused_with_exit_2(given: str, message: str) -> None:
    result = run("due", "a.yaml", "--date", given)
    assert result.exit_code == 2
    assert "Invalid value for '--date'" in result.stderr
    assert message in " ".join(result.stderr.replace("│", " ").split())
    assert result.stdout == ""


# --- --ics ---------------------------------------------------------------------------------


def test_the_calendar_is_written_beside_the_dates() -> None:
    result = run("due", "a.yaml", "--date", "2027-12-01", "--ics", "dates.ics")
    assert result.exit_code == 0, result.output
    assert lines(result.stdout)[-1] == "Calendar written to dates.ics: 5 dates"
    calendar = icalendar.Calendar.from_ical(Path("dates.ics").read_bytes())
    assert len(list(calendar.walk("VEVENT"))) == 5
    assert sorted(files()) == ["a.yaml", "dates.ics"]  # no temporary file left


def test_the_calendar_replaces_an_earlier_one_in_one_step() -> None:
    Path("dates.ics").write_bytes(EARLIER)
    Path("dates.ics").chmod(0o640)
    result = run("due", "a.yaml", "--ics", "dates.ics")
    assert result.exit_code == 0, result.output
    assert Path("dates.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert Path("dates.ics").stat().st_mode & 0o777 == 0o640
    assert sorted(files()) == ["a.yaml", "dates.ics"]


def test_ics_dash_writes_the_calendar_alone_to_standard_output() -> None:
    result = run("due", "a.yaml", "--date", "2027-12-01", "--ics", "-", "--fail-on-overdue")
    assert result.stdout_bytes.startswith(b"BEGIN:VCALENDAR\r\n")
    assert result.stdout_bytes.endswith(b"END:VCALENDAR\r\n")
    assert "What is due" not in result.stdout and "written" not in result.output
    assert result.exit_code == 1  # the check still runs
    assert sorted(files()) == ["a.yaml"]
    calendar = icalendar.Calendar.from_ical(result.stdout_bytes)
    assert len(list(calendar.walk("VEVENT"))) == 5


def test_the_calendar_does_not_change_with_the_day_it_is_made() -> None:
    run("due", "a.yaml", "--date", "2027-05-01", "--ics", "one.ics")
    run("due", "a.yaml", "--date", "2027-06-01", "--ics", "two.ics")
    assert Path("one.ics").read_bytes() == Path("two.ics").read_bytes()


def _same(name: str) -> str:
    return name


def _dotted(name: str) -> str:
    Path("sub").mkdir(exist_ok=True)
    return f"sub/../{name}"


def _absolute(name: str) -> str:
    return str(Path(name).resolve())


def _hard_link(name: str) -> str:
    Path("hard.ics").hardlink_to(name)
    return "hard.ics"


def _symbolic_link(name: str) -> str:
    Path("link.ics").symlink_to(name)
    return "link.ics"


def _linked_folder(name: str) -> str:
    Path("here").symlink_to(Path().resolve())
    return f"here/{name}"


SAME = [_same, _dotted, _absolute, _hard_link, _symbolic_link, _linked_folder]
SAME_IDS = ["same", "dotted", "absolute", "hard-link", "symlink", "linked-folder"]


@pytest.mark.parametrize("output", SAME, ids=SAME_IDS)
def test_the_calendar_never_replaces_the_answers_file(output: object) -> None:
    target = output("a.yaml")  # type: ignore[operator]
    before = files()
    result = run("due", "a.yaml", "--ics", target)
    assert result.exit_code == 2
    text = " ".join(result.stderr.split())
    assert "the calendar" in text and "would replace the answers file" in text
    assert "nothing was written" in text and "--ics" in text
    assert result.stdout == ""  # refused before anything is shown
    assert files() == before


def test_the_calendar_never_replaces_the_lock_of_the_answers_file() -> None:
    Path("a.yaml.lock").write_text("pid: 1\n")
    result = run("due", "a.yaml", "--ics", "a.yaml.lock")
    assert result.exit_code == 2
    assert "would replace the answers file's lock" in " ".join(result.stderr.split())
    assert Path("a.yaml.lock").read_text() == "pid: 1\n"


def test_the_calendar_never_replaces_a_checklist_in_use() -> None:
    checklist = Path(SET) / "contract.yaml"
    before = checklist.read_bytes()
    result = run("due", "a.yaml", "--ics", str(checklist))
    assert result.exit_code == 2
    assert "would replace the checklist" in " ".join(result.stderr.split())
    assert checklist.read_bytes() == before


@pytest.mark.parametrize("name", ["folder", "."])
def test_a_folder_is_refused_before_anything_is_shown(name: str) -> None:
    Path("folder").mkdir()
    result = run("due", "a.yaml", "--ics", name)
    assert result.exit_code == 2
    assert f"{name} is a folder; give a file name" in result.stderr
    assert result.stdout == ""


def test_an_empty_name_is_refused() -> None:
    result = run("due", "a.yaml", "--ics", "")
    assert result.exit_code == 2
    assert "give the name of a calendar file" in " ".join(result.stderr.replace("│", " ").split())


@pytest.mark.parametrize("kind", ["symlink", "read-only"])
def test_a_link_or_a_read_only_file_is_left_as_it_is(kind: str) -> None:
    if kind == "symlink":
        Path("real.ics").write_bytes(EARLIER)
        Path("dates.ics").symlink_to("real.ics")
        words = "dates.ics is a symbolic link; it was left as it is"
    else:
        Path("dates.ics").write_bytes(EARLIER)
        Path("dates.ics").chmod(0o444)
        words = "dates.ics is read-only; it was left as it is"
    before = files()
    result = run("due", "a.yaml", "--ics", "dates.ics")
    assert result.exit_code == 2
    assert words in result.stderr
    assert files() == before


def test_a_full_disk_keeps_the_earlier_calendar(monkeypatch: pytest.MonkeyPatch) -> None:
    Path("dates.ics").write_bytes(EARLIER)
    before = files()

    def full(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = run("due", "a.yaml", "--ics", "dates.ics")
    assert result.exit_code == 2
    assert lines(result.stderr) == [
        "Error: cannot write dates.ics: No space left on device; any previous file is unchanged",
        "Free some disk space, then run the command again.",
    ]
    assert files() == before


def test_due_is_listed_in_the_help() -> None:
    result = run("--help")
    assert "due         Show what is due and when" in result.stdout
    assert run("due", "--help").exit_code == 0


def test_on_a_narrow_screen_each_date_takes_a_few_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    result = run("due", "a.yaml", "--date", "2027-12-01")
    shown = lines(result.stdout)
    assert max(len(line) for line in shown) <= 40
    assert shown[4:8] == [
        "2027-07-01, ! overdue by 153 days",
        "  Next review with the partner",
        "  Every three months, the usual rhythm,",
        "  as you have not chosen one (counted",
    ]
