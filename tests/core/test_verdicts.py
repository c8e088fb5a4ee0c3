"""The verdict and the tones of scores: the thresholds every report reads, in one place."""

from __future__ import annotations

import re

import pytest

from outsource_cli.verdicts import (
    Tone,
    Verdict,
    answer_tone,
    score_tone,
    tone_legend,
    verdict_words,
)

from ..helpers import ROOT


@pytest.mark.parametrize(
    ("score", "tone"),
    [
        (None, Tone.NONE),
        (0.0, Tone.POOR),
        (59.9, Tone.POOR),
        (60.0, Tone.FAIR),
        (79.9, Tone.FAIR),
        (80.0, Tone.GOOD),
        (100.0, Tone.GOOD),
    ],
)
def test_a_score_s_tone(score: float | None, tone: Tone) -> None:
    assert score_tone(score) is tone


@pytest.mark.parametrize(
    ("score", "tone"), [(None, Tone.NONE), (0.0, Tone.POOR), (0.49, Tone.POOR), (0.5, Tone.GOOD)]
)
def test_an_answer_s_tone(score: float | None, tone: Tone) -> None:
    assert answer_tone(score) is tone


@pytest.mark.parametrize(
    ("verdict", "label", "tone", "rank"),
    [
        (Verdict.READY, "Ready", Tone.GOOD, 0),
        (Verdict.ALMOST_READY, "Almost ready", Tone.FAIR, 1),
        (Verdict.NOT_READY, "Not ready", Tone.POOR, 2),
    ],
)
def test_each_verdict_s_label_tone_and_rank(
    verdict: Verdict, label: str, tone: Tone, rank: int
) -> None:
    assert (verdict.label, verdict.tone, verdict.rank) == (label, tone, rank)


@pytest.mark.parametrize(
    ("stage", "words"),
    [
        (
            "exploring",
            [
                "Ready to approach partners",
                "Almost ready to approach partners",
                "Not ready to approach partners",
            ],
        ),
        (
            "comparing",
            [
                "Ready to approach partners",
                "Almost ready to approach partners",
                "Not ready to approach partners",
            ],
        ),
        ("negotiating", ["Ready to sign", "Almost ready to sign", "Not ready to sign"]),
        ("working", ["In good shape", "Some gaps to close", "Needs work"]),
        (None, ["Ready", "Almost ready", "Not ready"]),
        ("n/a", ["Ready", "Almost ready", "Not ready"]),
        (["working"], ["Ready", "Almost ready", "Not ready"]),
    ],
)
def test_the_verdict_s_words_say_what_it_means_at_the_stage(
    stage: object, words: list[str]
) -> None:
    assert [verdict_words(verdict, stage) for verdict in Verdict] == words


def test_the_legend_says_the_thresholds() -> None:
    assert [item["text"] for item in tone_legend()] == [
        "80 or more: in good shape",
        "60 to 79.9: some gaps",
        "Below 60: needs work",
    ]


@pytest.mark.parametrize("path", sorted((ROOT / "templates").glob("*.j2")), ids=lambda p: p.name)
def test_no_template_holds_a_threshold_or_a_colour_of_its_own(path: object) -> None:
    """Templates read tones, labels and sentences from the data; colours are CSS variables."""
    text = path.read_text(encoding="utf-8")  # type: ignore[attr-defined]
    assert not re.search(r">=? *(80|60|0\.5)\b", text), "a score threshold in a template"
    outside_variables = re.sub(r"--[a-z-]+: *#[0-9a-fA-F]{3,6};", "", text)
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b", outside_variables), "a colour not from a variable"
    assert "Settle this point" not in text
