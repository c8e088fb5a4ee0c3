"""The report as the terminal shows it: the whole report, at any width, with user text safe."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from typing import Any, cast

import pytest
from rich.console import Console

from outsource_cli import answers as answers_module
from outsource_cli import checklist_set
from outsource_cli.assessment import assess
from outsource_cli.report.data import ReportData, report_data
from outsource_cli.views.report import show_report

from ..helpers import DATA, ROOT, Writer, flat, golden

CHECKLISTS = DATA / "checklists"
EXAMPLE = ROOT / "examples" / "online-shop-answers.yaml"
SGR = re.compile(r"\x1b\[[0-9;]*m")
"""Escape sequences that only set colours and bold: what rich itself writes."""


def report_for(answers: Path, folders: list[Path] | None = None) -> dict[str, Any]:
    """The report data for an answers file, as `outsource report` works it out."""
    checklists = checklist_set.load(folders=[CHECKLISTS] if folders is None else folders)
    loaded = answers_module.load(answers, checklists)
    assessment = assess(checklists, loaded.answers)
    return dict(report_data(assessment, loaded.answers, today=date(2026, 11, 23)))


def shown(data: dict[str, Any], width: int = 80, *, colour: bool = False) -> str:
    """What show_report prints at a given width, plain or with colour escape sequences."""
    out = io.StringIO()
    if colour:
        console = Console(file=out, width=width, force_terminal=True, color_system="standard")
    else:
        console = Console(
            file=out, record=True, width=width, force_terminal=False, color_system=None
        )
    show_report(console, cast(ReportData, data))  # tests change the data freely
    return out.getvalue()


@pytest.fixture
def colours(monkeypatch: pytest.MonkeyPatch) -> None:
    """Colours allowed, as on most terminals (the test setup sets NO_COLOR)."""
    monkeypatch.delenv("NO_COLOR", raising=False)


def lines_after(text: str, first: str, count: int) -> list[str]:
    """The line equal to `first` and the `count` lines that follow it."""
    lines = text.splitlines()
    start = lines.index(first)
    return lines[start : start + count + 1]


# --- the report as shown --------------------------------------------------------------


def test_the_shown_report_matches_its_golden_file() -> None:
    golden("report-show.txt", shown(report_for(DATA / "answers.yaml")))


@pytest.mark.parametrize("width", [40, 64, 100])
@pytest.mark.parametrize(
    ("answers", "folders"),
    [(DATA / "answers.yaml", [CHECKLISTS]), (EXAMPLE, [])],
    ids=["fixture", "example-with-built-in-checklists"],
)
def test_nothing_is_cut_and_no_line_is_too_long(
    answers: Path, folders: list[Path], width: int
) -> None:
    data = report_for(answers, folders)
    text = shown(data, width)
    assert max(len(line) for line in text.splitlines()) <= width
    assert not [line for line in text.splitlines() if line != line.rstrip()]
    expected = []
    for section in data["sections"]:
        expected.append(section["title"])
        for question in section["questions"]:
            if question["applies"]:
                expected += [question["prompt"], question["answer_text"], question["note"]]
            if question["falls_short"]:
                expected.append(question["recommendation"])
        expected += [value["label"] for value in section["computed"]]
    everything = flat(text)
    assert [item for item in expected if item and flat(item) not in everything] == []


def test_a_narrow_terminal_shows_each_section_under_its_number() -> None:
    text = shown(report_for(DATA / "answers.yaml"), 40)
    assert lines_after(text, "1. Goals and scope", 2) == [
        "1. Goals and scope",
        "   62.5 ██████░░░░ 6 of 7 answered",
        "   1 blocker",
    ]


@pytest.mark.parametrize(
    "expected",
    [
        [
            "1. Blocker: Pick three measures, such as",
            "   response time.",
            "   Goals and scope: Have you chosen",
            "   measures of success the partner",
            "   controls?",
        ],
        [
            "• Have you written down what the",
            "  outsourced work must achieve?",
            "  Yes",
            "  Your note: Drafted with the team on",
            "  Monday",
        ],
    ],
    ids=["blocker", "answer"],
)
def test_long_text_wraps_under_itself_not_under_its_number(expected: list[str]) -> None:
    text = shown(report_for(DATA / "answers.yaml"), 40)
    assert lines_after(text, expected[0], len(expected) - 1) == expected


@pytest.mark.usefixtures("colours")
def test_markup_and_escape_sequences_in_user_text_are_shown_as_typed(write: Writer) -> None:
    path = write(
        "a.yaml",
        r"""
        format: 1
        business: "[red]Fish[/red] \e[2J& Co"
        answers:
          goals:
            task: "[bold]books[/bold] \e]0;title\a done"
        notes:
          goals.task: "[link=http://x]note[/link] \e[31mred"
        """,
    )
    data = report_for(path)
    plain = shown(data)
    assert "Outsourcing readiness report: [red]Fish[/red] ?[2J& Co" in plain
    assert "  [bold]books[/bold] ?]0;title? done" in plain
    assert "  Your note: [link=http://x]note[/link] ?[31mred" in plain
    coloured = shown(data, colour=True)
    assert "\x1b" not in SGR.sub("", coloured)
    assert "[bold]books[/bold]" in coloured


@pytest.mark.parametrize(
    ("question", "note_lines"),
    [
        (
            "objectives: yes",
            [
                "• Have you written down what the outsourced work must achieve?",
                "  Yes",
                "  Your note: Checked by Sam",
            ],
        ),
        (
            "kpis: null",
            [
                "• Have you chosen measures of success the partner controls? (blocker)",
                "  To do: see action 2",
                "  Your note: Checked by Sam",
            ],
        ),
    ],
    ids=["answered", "not-answered"],
)
def test_a_note_appears_under_its_question(
    write: Writer, question: str, note_lines: list[str]
) -> None:
    key = question.split(":", maxsplit=1)[0]
    path = write(
        "a.yaml",
        f"""
        format: 1
        answers:
          goals: {{{question}}}
        notes:
          goals.{key}: Checked by Sam
        """,
    )
    text = shown(report_for(path))
    assert lines_after(text, note_lines[0], len(note_lines) - 1) == note_lines
    assert text.count("Your note:") == 1


def test_a_report_with_no_answers_lists_every_question_as_not_answered(write: Writer) -> None:
    data = report_for(write("a.yaml", "format: 1\nanswers: {}\n"))
    text = shown(data)
    assert "Readiness score: 0.0 out of 100\n" in text
    assert text.count("No answers yet.") == 2
    assert "• Fully loaded in-house cost: not known yet\n" in text
    unanswered = text.split("Not answered yet:")
    prompts = [q["prompt"] for s in data["sections"] for q in s["questions"] if q["applies"]]
    assert all(prompt in "".join(unanswered[1:]) for prompt in prompts)


def test_a_report_where_nothing_counts_says_the_score_is_not_known_yet(write: Writer) -> None:
    write(
        "mine/notes.yaml",
        """
        id: notes
        title: Notes
        questions:
          - {id: task, prompt: What work is it?, type: text}
          - {id: team, prompt: Who does it now?, type: yes_no, allow_na: true}
        """,
    )
    path = write("a.yaml", "format: 1\nanswers:\n  notes: {team: n/a}\n")
    text = shown(report_for(path, [path.parent / "mine"]))
    assert lines_after(text, "Readiness score: not known yet", 1) == [
        "Readiness score: not known yet",
        "Not ready. Nothing could be scored yet: answer the questions first.",
    ]
    assert "1  Notes    not scored  ░░░░░░░░░░  0 of 2           0" in text
    assert lines_after(text, "Not applicable to you:", 1) == [
        "Not applicable to you:",
        "• Who does it now?",
    ]


def test_a_report_with_no_blockers_says_so(write: Writer) -> None:
    answers = (DATA / "answers.yaml").read_text().replace("kpis: null", "kpis: true")
    text = shown(report_for(write("a.yaml", answers)))
    assert lines_after(text, "Blockers", 1) == ["Blockers", "None: no critical point is failing."]
    assert "Blocker:" not in text


@pytest.mark.parametrize(
    ("goals", "verdict"),
    [
        ("{objectives: yes, pricing: fixed, protections: [nda, ip], confidence: 5, kpis: yes}",
         "\x1b[1;32mReady.\x1b[0m"),
        ("{objectives: yes, pricing: unsure, protections: [exit], confidence: 1, kpis: yes}",
         "\x1b[1;33mAlmost ready.\x1b[0m"),
        ("{objectives: yes, kpis: no}", "\x1b[1;31mNot ready.\x1b[0m"),
    ],
    ids=["ready", "almost-ready", "not-ready"],
)  # fmt: skip
@pytest.mark.usefixtures("colours")
def test_the_verdict_is_in_its_colour(write: Writer, goals: str, verdict: str) -> None:
    path = write(
        "a.yaml",
        f"""
        format: 1
        answers:
          goals: {goals}
          budget: {{salary: 52000, overhead: 1.3, price: 30000, budget_set: true}}
        """,
    )
    assert verdict in shown(report_for(path), colour=True)


def test_no_color_keeps_bold_but_drops_colours() -> None:
    coloured = shown(report_for(DATA / "answers.yaml"), colour=True)  # NO_COLOR is set
    assert "\x1b[1mNot ready.\x1b[0m" in coloured
    assert not [code for code in SGR.findall(coloured) if re.search(r"\b3[0-7]\b", code)]
