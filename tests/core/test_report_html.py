"""The HTML report: golden files, escaping, the chart, and a real browser."""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import struct
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape

from outsource_cli import checklist_set
from outsource_cli.report.render import make_report, render
from outsource_cli.verdicts import Verdict, score_tone

from ..helpers import ATTACK, BAR, DATA, ROOT, Browser, Writer, golden, printed

HOSTILE = "<script>alert(1)</script> & \"quoted\" 'too'"


@pytest.fixture
def report_data(fixture_set: checklist_set.ChecklistSet) -> dict[str, Any]:
    """The report data of the sample answers, to change one thing and render it again."""
    return copy.deepcopy(dict(make_report(DATA / "answers.yaml", fixture_set, fmt="html").data))


def hostile_answers(write: Writer, text: str = HOSTILE) -> Path:
    """The sample answers with `text` as business name, as a text answer and as a note."""
    answers = (DATA / "answers.yaml").read_text(encoding="utf-8")
    quoted = json.dumps(text)  # a JSON string is a valid YAML string
    answers = answers.replace("business: Hill Street Bakery", f"business: {quoted}")
    answers = answers.replace("task: Bookkeeping | payroll <b>and</b> *tax*", f"task: {quoted}")
    answers = answers.replace("goals.objectives: Drafted with the team on Monday", "")
    answers += f"  goals.objectives: {quoted}\n  goals.kpis: {quoted}\n"
    return write("answers.yaml", answers)


# --- the file ----------------------------------------------------------------------------


def test_the_html_report_matches_its_golden_file(
    fixture_set: checklist_set.ChecklistSet,
) -> None:
    golden("report.html", make_report(DATA / "answers.yaml", fixture_set, fmt="html").text)


def test_the_example_html_report_matches_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(ROOT / "examples" / "online-shop-answers.yaml", tmp_path)
    made = make_report(Path("online-shop-answers.yaml"), checklist_set.load(), fmt="html")
    assert made.warnings == ()
    golden(ROOT / "examples" / "online-shop-report.html", made.text)


def test_the_report_holds_every_answer_note_blocker_action_and_value(
    report_data: dict[str, Any],
) -> None:
    text = render(report_data, "html")
    shown = [report_data["overall"]["reason"], "75.0", "Not ready", "2026-11-23"]
    cells = []
    for section in report_data["sections"]:
        shown.append(section["title"])
        for question in section["questions"]:
            if not question["applies"]:
                continue
            shown.append(question["prompt"])
            if question["state"] == "answered":
                shown.append(question["answer_text"])
            if question["note"]:
                shown.append(question["note"])
        for value in section["computed"]:
            cells += [f"{escape(value['label'])}</th>", f"{escape(value['value_text'])}</td>"]
    for item in report_data["actions"]:
        shown += [item["prompt"], item["recommendation"] or item["prompt"]]
    missing = [part for part in [*map(str, map(escape, shown)), *cells] if part not in text]
    assert missing == []
    assert "<h4>Not answered yet</h4>" in text
    assert text.count('<span class="badge">Blocker</span>') == 2  # in the plan and the answers


def test_not_applicable_answers_have_their_own_group(
    fixture_set: checklist_set.ChecklistSet, write: Writer
) -> None:
    answers = (DATA / "answers.yaml").read_text(encoding="utf-8")
    path = write("answers.yaml", answers.replace("kpis: null", "kpis: n/a"))
    text = make_report(path, fixture_set, fmt="html").text
    group = text.split("<h4>Not applicable to you</h4>", 1)[1].split("</ul>", 1)[0]
    assert "Have you chosen measures of success the partner controls?" in group
    assert "<h4>Not answered yet</h4>" not in text


def test_the_page_is_self_contained_and_cannot_run_scripts(
    fixture_set: checklist_set.ChecklistSet, write: Writer
) -> None:
    text = make_report(hostile_answers(write), fixture_set, fmt="html").text
    assert (
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">"
    ) in text
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in text
    assert '<html lang="en">' in text
    lowered = text.lower()
    for forbidden in (
        "<script",
        "<link",
        "<img",
        "<iframe",
        "http://",
        "https://",
        "@import",
        "url(",
    ):
        assert forbidden not in lowered, forbidden
    assert re.search(r"<[^>]*\son[a-z]+\s*=", lowered) is None  # no event handler attributes


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("business", "<h1>{}</h1>"),
        ("title", "<title>Outsourcing readiness report: {}</title>"),
        ("answer", '<p class="answer">{}</p>'),
        ("note", '<p class="note"><span class="label">Your note:</span> {}</p>'),
    ],
)
def test_user_text_is_shown_as_text(
    fixture_set: checklist_set.ChecklistSet, write: Writer, where: str, expected: str
) -> None:
    text = make_report(hostile_answers(write), fixture_set, fmt="html").text
    shown = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;quoted&#34; &#39;too&#39;"
    assert expected.format(shown) in text


def test_without_a_business_name_the_report_has_a_plain_title(
    report_data: dict[str, Any],
) -> None:
    report_data["business"] = None
    text = render(report_data, "html")
    assert "<title>Outsourcing readiness report</title>" in text
    assert "<h1>Outsourcing readiness report</h1>" in text


def test_with_nothing_to_fix_the_report_says_so(report_data: dict[str, Any]) -> None:
    report_data["blockers"] = []
    report_data["actions"] = []
    text = render(report_data, "html")
    assert '<p class="all-clear">None: no critical point is failing.</p>' in text
    assert (
        '<p class="all-clear">Nothing to do: every scored question has its best answer.</p>'
    ) in text
    assert '<ol class="blockers">' not in text
    assert '<ol class="actions">' not in text


# --- the chart ---------------------------------------------------------------------------


def test_the_chart_has_one_labelled_bar_per_scored_section(report_data: dict[str, Any]) -> None:
    report_data["sections"].append(dict(report_data["sections"][0], title="Empty", score=None))
    text = render(report_data, "html")
    assert BAR.findall(text) == [
        ("fair", "Goals and scope: 62.5 out of 100"),
        ("good", "Budget and cost: 100.0 out of 100"),
    ]
    assert text.count("<svg") == 1
    assert ">0</text>" in text and ">100</text>" in text  # the axis runs from 0 to 100


@pytest.mark.parametrize(
    ("score", "tone"),
    [(0.0, "poor"), (59.9, "poor"), (60.0, "fair"), (79.9, "fair"), (80.0, "good")],
)
def test_bars_are_coloured_by_the_tone_of_their_score(
    report_data: dict[str, Any], score: float, tone: str
) -> None:
    report_data["sections"][0]["score"] = score
    report_data["sections"][0]["tone"] = score_tone(score).value  # as report_data sets it
    text = render(report_data, "html")
    bar = re.search(r'<rect class="bar bar-(\w+)"([^>]*)>', text)
    assert bar is not None
    assert bar.group(1) == tone
    assert "fill" not in bar.group(2)  # the colour is the style sheet's, from its variables
    assert f".chart .bar-{tone} {{ fill: var(--{tone}); }}" in text


@pytest.mark.parametrize(
    ("verdict", "tone"), [("ready", "good"), ("almost-ready", "fair"), ("not-ready", "poor")]
)
def test_the_verdict_is_shown_in_colour(
    report_data: dict[str, Any], verdict: str, tone: str
) -> None:
    report_data["overall"]["verdict"] = verdict
    report_data["overall"]["verdict_tone"] = Verdict(verdict).tone.value
    assert f'<section class="verdict verdict-{tone}"' in render(report_data, "html")


def test_no_chart_leaves_the_svg_out(report_data: dict[str, Any]) -> None:
    text = render(report_data, "html", chart=False)
    assert "<svg" not in text
    assert 'class="bar' not in text
    assert "Goals and scope" in text


def test_nothing_scored_gives_no_chart_and_says_so(report_data: dict[str, Any]) -> None:
    for section in report_data["sections"]:
        section["score"], section["tone"] = None, "none"
    report_data["overall"]["score"] = None
    text = render(report_data, "html")
    assert "<svg" not in text
    assert '<span class="score">Not known yet</span>' in text
    assert text.count('<td class="score-cell tone-none">not scored</td>') == 2


# --- a real browser ----------------------------------------------------------------------


@pytest.mark.slow
def test_a_browser_shows_the_report_and_runs_nothing(
    browser: Browser, fixture_set: checklist_set.ChecklistSet, write: Writer, tmp_path: Path
) -> None:
    page = tmp_path / "report.html"
    made = make_report(hostile_answers(write, ATTACK), fixture_set, fmt="html")
    page.write_text(made.text, encoding="utf-8")

    dom = browser("--dump-dom", page.as_uri()).stdout  # the page as loaded, after any script
    assert len(re.findall(r'<rect class="bar\b', dom)) == 2
    assert '<span class="score">75.0 <span class="out-of">out of 100</span></span>' in dom
    assert '<p class="prompt">Have you chosen measures of success the partner controls?</p>' in dom
    assert "<body>" in dom
    assert 'data-ran="yes"' not in dom
    assert "<img" not in dom
    assert "<title>Outsourcing readiness report: &lt;script&gt;document.title='HACKED'" in dom
    assert f"<h1>{ATTACK.replace('<', '&lt;').replace('>', '&gt;')}</h1>" in dom


@pytest.mark.slow
def test_the_report_prints_with_the_answers_on_their_own_pages(
    browser: Browser, fixture_set: checklist_set.ChecklistSet, tmp_path: Path
) -> None:
    page = tmp_path / "report.html"
    page.write_text(make_report(DATA / "answers.yaml", fixture_set, fmt="html").text, "utf-8")
    text = printed(browser, page)
    if text is None:
        return  # poppler-utils reads the text back; without it, the PDF's existence must do
    flat = " ".join(text.split())
    assert "75.0 out of 100 Not ready" in flat
    assert "Have you chosen measures of success the partner controls?" in flat
    firsts = [page_text.strip().split("\n", 1)[0] for page_text in text.split("\f")]
    assert "Your answers" in firsts[1:]
    assert "2. Budget and cost" in firsts[1:]


@pytest.mark.slow
def test_the_readme_screenshot(
    browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """UPDATE_SCREENSHOT=1 rewrites docs/report-screenshot.png from the worked example."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(ROOT / "examples" / "online-shop-answers.yaml", tmp_path)
    made = make_report(Path("online-shop-answers.yaml"), checklist_set.load(), fmt="html")
    page = tmp_path / "report.html"
    page.write_text(made.text, encoding="utf-8")
    screenshot = ROOT / "docs" / "report-screenshot.png"
    target = screenshot if os.environ.get("UPDATE_SCREENSHOT") else tmp_path / "shot.png"

    browser(f"--screenshot={target}", "--window-size=1000,1400", "--hide-scrollbars", page.as_uri())
    for path in (target, screenshot):
        header = path.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", header[16:24]) == (1000, 1400)
