"""Candidate partners recorded in one answers file: each one scored, ranked, and compared.

Each candidate is scored on the candidate sections alone, their expressions reading the
owner's answers and that candidate's replies. A knock-out is a critical candidate question
that is answered and scores below its pass mark; a critical question not answered yet is
"still to ask", never a knock-out. The ranking puts fewer knock-outs first, then the higher
score, then the name (case aside, then exactly). The result is plain data (the JSON
output); templates and the terminal view render it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict

from . import answers as answers_module
from .answers import Answers
from .assessment import Assessment, QuestionResult, QuestionState, assess
from .checklist_set import ChecklistSet
from .errors import NotFoundError
from .report.data import answer_in_full, json_text, report_date
from .report.render import builtin_templates_dir, render_template

CANDIDATES_FORMAT = 1
"""The version of the candidates data layout (docs/report-data.md, The candidates' data)."""
TEMPLATES = {"md": "candidates.md.j2", "html": "candidates.html.j2"}
POINTS_SHOWN = 3
"""How many strongest and weakest points each candidate shows."""
ADD_ONE = "outsource check --candidate NAME"
"""The command that records a candidate's replies, as every 'no candidates' message says."""
RANKING_COMMAND = "outsource candidates"
"""The command that ranks the candidates, as the report's Candidates part names it."""


class QuestionRef(TypedDict):
    """Which candidate question an item is about."""

    section: str
    question: str
    prompt: str


class PointData(QuestionRef):
    """A strong or weak point: the question, the answer in words, its score from 0 to 1."""

    answer_text: str
    score: float | None


class CandidateSectionData(TypedDict):
    """One candidate section's score for one candidate."""

    id: str
    title: str
    score: float | None


class CandidateData(TypedDict):
    """One candidate (docs/report-data.md, The candidates' data)."""

    name: str
    rank: int
    score: float | None
    knockouts: list[QuestionRef]
    knockout_count: int
    sections: list[CandidateSectionData]
    strongest: list[PointData]
    weakest: list[PointData]
    to_ask: int
    critical_to_ask: list[QuestionRef]


class DifferenceData(QuestionRef):
    """A question the candidates answer differently: each one's answer in words, or None."""

    section_title: str
    answers: dict[str, str | None]


class CandidatesData(TypedDict):
    """The whole ranking: the JSON output of `outsource candidates`, and what templates get."""

    format: int
    date: str
    business: str | None
    add_command: str
    candidates: list[CandidateData]
    differences: list[DifferenceData]


@dataclass(frozen=True)
class Candidate:
    """One candidate scored on the candidate sections."""

    name: str
    assessment: Assessment

    @property
    def knockouts(self) -> tuple[QuestionResult, ...]:
        """The failing critical questions that are answered: an unanswered one is to ask."""
        return tuple(r for r in self.assessment.blockers if r.state is QuestionState.ANSWERED)

    @property
    def critical_to_ask(self) -> tuple[QuestionResult, ...]:
        """The critical questions that apply and are not answered yet."""
        return tuple(r for r in self._applying() if r.critical and _unanswered(r))

    @property
    def to_ask(self) -> int:
        """How many questions that apply are not answered yet."""
        return sum(_unanswered(r) for r in self._applying())

    def _applying(self) -> list[QuestionResult]:
        return [r for s in self.assessment.sections for r in s.questions if r.applies]


def _unanswered(result: QuestionResult) -> bool:
    return result.state is QuestionState.UNANSWERED


def check_candidate_sections(checklist_set: ChecklistSet) -> None:
    """NotFoundError when the checklists in use have no section about candidates."""
    if not checklist_set.candidate_sections:
        raise NotFoundError(
            "none of the checklists in use has a section about candidate partners",
            hint=(
                "A checklist file with 'audience: candidate' holds the questions asked about "
                "each candidate; see docs/checklist-format.md."
            ),
        )


def assess_candidate(checklist_set: ChecklistSet, answers: Answers, name: str) -> Candidate:
    """One candidate scored on the candidate sections, as its replies stand."""
    ids = checklist_set.candidate_ids()
    view = answers.for_candidate(name, ids)
    return Candidate(name, assess(checklist_set.for_candidates(), view, only=ids))


def ranked(checklist_set: ChecklistSet, answers: Answers) -> list[Candidate]:
    """Every candidate in the answers file, best first: fewer knock-outs, higher score, name."""
    every = [assess_candidate(checklist_set, answers, name) for name in answers.candidates]
    return sorted(every, key=_rank_key)


def _rank_key(candidate: Candidate) -> tuple[int, float, str, str]:
    score = candidate.assessment.score
    return (
        len(candidate.knockouts),
        -(score if score is not None else -1.0),
        candidate.name.casefold(),
        candidate.name,
    )


# --- the data --------------------------------------------------------------------------


def candidate_list(candidates: list[Candidate]) -> list[CandidateData]:
    """Each ranked candidate as plain data, rank from 1: the report's `candidates` too."""
    return [_candidate_data(item, rank) for rank, item in enumerate(candidates, start=1)]


def candidates_data(candidates: list[Candidate], answers: Answers) -> CandidatesData:
    """The ranking as plain data: the JSON output, and what the templates receive."""
    return {
        "format": CANDIDATES_FORMAT,
        "date": report_date().isoformat(),
        "business": answers.business,
        "add_command": ADD_ONE,
        "candidates": candidate_list(candidates),
        "differences": _differences(candidates),
    }


def load_ranking(path: Path, checklist_set: ChecklistSet) -> tuple[CandidatesData, tuple[str, ...]]:
    """Read an answers file and rank its candidates; the data and the warnings met."""
    check_candidate_sections(checklist_set)
    loaded = answers_module.load(path, checklist_set)
    candidates = ranked(checklist_set, loaded.answers)
    warnings = loaded.warnings + tuple(
        warning for item in candidates for warning in item.assessment.warnings(path)
    )
    return candidates_data(candidates, loaded.answers), warnings


def _ref(result: QuestionResult) -> QuestionRef:
    return {"section": result.section_id, "question": result.question.id, "prompt": result.prompt}


def _point(result: QuestionResult) -> PointData:
    return {
        **_ref(result),
        "answer_text": answer_in_full(result.question, result.answer),
        "score": None if result.score is None else round(result.score, 4),
    }


def _candidate_data(candidate: Candidate, rank: int) -> CandidateData:
    assessment = candidate.assessment
    every = [r for s in assessment.sections for r in s.questions]
    position = {id(result): index for index, result in enumerate(every)}
    scored = [r for r in every if r.counted and r.state is QuestionState.ANSWERED]
    strongest = sorted(
        (r for r in scored if (r.score or 0.0) >= 1), key=lambda r: (-r.weight, position[id(r)])
    )
    knockouts = candidate.knockouts
    weakest = sorted(  # a knock-out is shown as one already
        (r for r in scored if (r.score or 0.0) < 1 and not r.blocker),
        key=lambda r: (r.score or 0.0, -r.weight, position[id(r)]),
    )
    return {
        "name": candidate.name,
        "rank": rank,
        "score": assessment.score,
        "knockouts": [_ref(result) for result in knockouts],
        "knockout_count": len(knockouts),
        "sections": [
            {"id": s.loaded.section.id, "title": s.loaded.section.title, "score": s.score}
            for s in assessment.sections
        ],
        "strongest": [_point(result) for result in strongest[:POINTS_SHOWN]],
        "weakest": [_point(result) for result in weakest[:POINTS_SHOWN]],
        "to_ask": candidate.to_ask,
        "critical_to_ask": [_ref(result) for result in candidate.critical_to_ask],
    }


def _answered(result: QuestionResult) -> bool:
    return result.applies and result.state is not QuestionState.UNANSWERED


def _differences(candidates: list[Candidate]) -> list[DifferenceData]:
    """The questions at least two candidates answered, and not all alike; None for the
    candidates who have not answered them (yet, or because they do not apply)."""
    if len(candidates) < 2:
        return []
    found: list[DifferenceData] = []
    columns = zip(*(item.assessment.sections for item in candidates), strict=True)
    for sections in columns:
        title = sections[0].loaded.section.title
        for results in zip(*(section.questions for section in sections), strict=True):
            words = {
                item.name: answer_in_full(result.question, result.answer)
                if _answered(result)
                else None
                for item, result in zip(candidates, results, strict=True)
            }
            given = [text for text in words.values() if text is not None]
            if len(given) >= 2 and len(set(given)) > 1:
                first = next(r for r in results if _answered(r))
                found.append({**_ref(first), "section_title": title, "answers": words})
    return found


# --- rendering -------------------------------------------------------------------------


def render(data: Mapping[str, Any], fmt: str) -> str:
    """The ranking as JSON, Markdown or HTML."""
    if fmt == "json":
        return json_text(data)
    return render_template(builtin_templates_dir() / TEMPLATES[fmt], data, limits=False)
