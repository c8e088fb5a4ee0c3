"""The HTML comparison: what a reader sees in a real browser, colours, the chart and printing."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from outsource_cli import checklist_set
from outsource_cli.compare import PARTNERS, PROGRESS, compare, render
from outsource_cli.verdicts import answer_tone

from ..helpers import ATTACK, BAR, DATA, Browser, printed

COMPARE = DATA / "compare"
FILES = {PROGRESS: ["january", "june"], PARTNERS: ["acme", "beacon", "june"]}


def hostile_files(folder: Path, mode: str, text: str = ATTACK) -> list[Path]:
    """The sample files with `text` as the business name, and as the task in the last file."""
    paths = []
    names = FILES[mode]
    for name in names:
        answers = (COMPARE / f"{name}.yaml").read_text(encoding="utf-8")
        quoted = json.dumps(text)  # a JSON string is a valid YAML string
        answers = answers.replace("business: Hill Street Bakery", f"business: {quoted}")
        if name == names[-1]:
            answers = answers.replace("task: Bookkeeping", f"task: {quoted}")
        path = folder / f"{name}.yaml"
        path.write_text(answers, encoding="utf-8")
        paths.append(path)
    return paths


def comparison(mode: str, fixture_set: checklist_set.ChecklistSet) -> dict[str, Any]:
    paths = [COMPARE / f"{name}.yaml" for name in FILES[mode]]
    return dict(compare(paths, fixture_set, mode=mode).data)


def shown(text: str) -> str:
    """Text as the browser writes it back in --dump-dom: only <, > and & escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- without a browser -------------------------------------------------------------------


@pytest.mark.parametrize("mode", [PROGRESS, PARTNERS])
def test_the_chart_has_one_labelled_bar_per_file(
    mode: str, fixture_set: checklist_set.ChecklistSet
) -> None:
    data = comparison(mode, fixture_set)
    expected = {
        PROGRESS: [("poor", "january: 22.2 out of 100"), ("fair", "june: 79.6 out of 100")],
        PARTNERS: [
            ("good", "acme: 100.0 out of 100"),
            ("poor", "beacon: 56.3 out of 100"),
            ("fair", "june: 69.4 out of 100"),
        ],
    }
    assert BAR.findall(render(data, "html")) == expected[mode]


@pytest.mark.parametrize(
    ("score", "colour"),
    [(None, "none"), (0.0, "poor"), (0.49, "poor"), (0.5, "good"), (1.0, "good")],
)
def test_each_differing_answer_is_coloured_by_its_score(
    fixture_set: checklist_set.ChecklistSet, score: float | None, colour: str
) -> None:
    data = comparison(PARTNERS, fixture_set)
    data["differences"] = data["differences"][:1]
    data["differences"][0]["scores"][1] = score
    data["differences"][0]["tones"][1] = answer_tone(score).value  # as the comparison sets it
    cell = f'<td class="answer-{colour}" data-label="beacon">Bookkeeping with Beacon Ledger</td>'
    assert cell in render(data, "html")


@pytest.mark.parametrize("mode", [PROGRESS, PARTNERS])
def test_the_page_is_self_contained(mode: str, fixture_set: checklist_set.ChecklistSet) -> None:
    lowered = render(comparison(mode, fixture_set), "html").lower()
    assert "default-src 'none'; style-src 'unsafe-inline'; img-src data:" in lowered
    for forbidden in ("<script", "<link", "<img", "<iframe", "http://", "https://", "url("):
        assert forbidden not in lowered, forbidden


# --- a real browser ----------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("mode", [PROGRESS, PARTNERS])
def test_a_browser_shows_the_comparison_and_runs_nothing(
    mode: str, browser: Browser, fixture_set: checklist_set.ChecklistSet, tmp_path: Path
) -> None:
    made = compare(hostile_files(tmp_path, mode), fixture_set, mode=mode).data
    page = tmp_path / "compare.html"
    page.write_text(render(made, "html"), encoding="utf-8")

    dom = browser("--dump-dom", page.as_uri()).stdout  # the page as loaded, after any script
    assert "<body>" in dom
    labels = [item["label"] for item in made["files"]]
    for label in labels:
        assert f'<th scope="col" class="num file">{label}</th>' in dom
    cells = re.findall(r'<td class="num[^"]*">(\d+\.\d)</td>', dom)
    scores = [made["overall"]["scores"], *(section["scores"] for section in made["sections"])]
    assert cells[: len(scores) * len(labels)] == [f"{s:.1f}" for row in scores for s in row]
    if mode == PARTNERS:
        ranking = dom.split('<ol class="ranking">', 1)[1].split("</ol>", 1)[0]
        assert re.findall(r"<h3>([^<]*)</h3>", ranking) == made["ranking"]
        blockers = [b["prompt"] for item in made["files"] for b in item["blockers"]]
    else:
        blockers = [
            item["prompt"]
            for change in made["changes"]
            for key in ("blockers_resolved", "blockers_new", "blockers_still")
            for item in change[key]
        ]
    assert blockers
    prompts = re.findall(r'<p class="prompt">([^<]*)</p>', dom)
    assert sorted(prompts) == sorted(blockers)
    # the planted script and image are text on the page, never run
    assert 'data-ran="yes"' not in dom
    assert "<img" not in dom
    heading = (
        "Choosing a partner" if mode == PARTNERS else "Outsourcing readiness: progress over time"
    )
    assert f"<title>{heading} – {shown(ATTACK)}</title>" in dom
    assert f'<p class="kicker">{shown(ATTACK)}</p>' in dom
    assert f">{shown(ATTACK)}</td>" in dom


@pytest.mark.slow
@pytest.mark.parametrize(
    ("mode", "words"),
    [
        (PROGRESS, ["Outsourcing readiness: progress over time", "From january to june"]),
        (PARTNERS, ["Choosing a partner", "Ranking, most ready first", "Where they differ"]),
    ],
)
def test_the_comparison_prints_to_pdf(
    mode: str,
    words: list[str],
    browser: Browser,
    fixture_set: checklist_set.ChecklistSet,
    tmp_path: Path,
) -> None:
    page = tmp_path / "compare.html"
    page.write_text(render(comparison(mode, fixture_set), "html"), encoding="utf-8")
    text = printed(browser, page)
    if text is None:
        return  # poppler-utils reads the text back; without it, the PDF's existence must do
    flat = " ".join(text.split())
    for word in [*words, *FILES[mode]]:
        assert word in flat
