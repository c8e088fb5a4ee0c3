"""The verdict and the tone of a score: the thresholds, labels and ranks every report reads."""

from __future__ import annotations

from enum import Enum
from typing import TypedDict

READY_AT = 80.0
"""From this score a section is in good shape, and the business ready when nothing blocks."""
ALMOST_READY_AT = 60.0
"""From this score a section has some gaps, and the business is almost ready."""
PASSING_ANSWER_AT = 0.5
"""An answer scoring less than this (from 0 to 1) holds the business back; a critical one blocks."""


class Tone(str, Enum):
    """How a score reads at a glance; each report colours it its own way."""

    GOOD = "good"
    FAIR = "fair"
    POOR = "poor"
    NONE = "none"
    """No score yet."""


def score_tone(score: float | None) -> Tone:
    """'good' from 80, 'fair' from 60, 'poor' below, 'none' without a score."""
    if score is None:
        return Tone.NONE
    if score >= READY_AT:
        return Tone.GOOD
    return Tone.FAIR if score >= ALMOST_READY_AT else Tone.POOR


def answer_tone(score: float | None) -> Tone:
    """An answer's score from 0 to 1: 'good' when it passes, 'poor' below, 'none' unscored."""
    if score is None:
        return Tone.NONE
    return Tone.GOOD if score >= PASSING_ANSWER_AT else Tone.POOR


class Verdict(str, Enum):
    """Whether the business is ready to outsource, most ready first."""

    READY = "ready"
    ALMOST_READY = "almost-ready"
    NOT_READY = "not-ready"

    @property
    def label(self) -> str:
        """The verdict in words: 'Ready', 'Almost ready', 'Not ready'."""
        return self.value.replace("-", " ").capitalize()

    @property
    def tone(self) -> Tone:
        """The tone of the scores that reach this verdict."""
        return _TONES[self]

    @property
    def rank(self) -> int:
        """0 for the most ready verdict, then 1 and 2."""
        return list(Verdict).index(self)


_TONES = {Verdict.READY: Tone.GOOD, Verdict.ALMOST_READY: Tone.FAIR, Verdict.NOT_READY: Tone.POOR}


STAGE_QUESTION = ("fit", "stage")
"""The question saying how far the owner has got, as (section id, question id); the
verdict's words follow its answer where a set has it."""
_APPROACH = (
    "Ready to approach partners",
    "Almost ready to approach partners",
    "Not ready to approach partners",
)
_STAGE_WORDS: dict[str, tuple[str, str, str]] = {
    "exploring": _APPROACH,
    "comparing": _APPROACH,
    "negotiating": ("Ready to sign", "Almost ready to sign", "Not ready to sign"),
    "working": ("In good shape", "Some gaps to close", "Needs work"),
}
"""What each verdict means at each stage, in the order of Verdict."""
RUNNING_STAGE = "working"
"""The stage of an arrangement that is running: the one reviews and due dates are for."""


def verdict_words(verdict: Verdict, stage: object) -> str:
    """The verdict in words for the owner's stage; its plain label at no known stage."""
    words = _STAGE_WORDS.get(stage) if isinstance(stage, str) else None
    return verdict.label if words is None else words[verdict.rank]


def verdict_for(score: float | None, blockers: int) -> Verdict:
    """The verdict from the rounded overall score and the number of blockers."""
    if blockers or score is None:
        return Verdict.NOT_READY
    if score >= READY_AT:
        return Verdict.READY
    return Verdict.ALMOST_READY if score >= ALMOST_READY_AT else Verdict.NOT_READY


class ToneData(TypedDict):
    """What a tone of score means, as a chart's legend says it (the report data's `tones`)."""

    tone: str
    text: str


def tone_legend() -> list[ToneData]:
    """What each tone of score means, best first, as the charts' legends say it."""
    below = f"{READY_AT - 0.1:.1f}"
    return [
        {"tone": Tone.GOOD.value, "text": f"{READY_AT:g} or more: in good shape"},
        {"tone": Tone.FAIR.value, "text": f"{ALMOST_READY_AT:g} to {below}: some gaps"},
        {"tone": Tone.POOR.value, "text": f"Below {ALMOST_READY_AT:g}: needs work"},
    ]
