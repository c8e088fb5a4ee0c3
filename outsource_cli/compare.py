"""Comparing answers files: progress over time, or candidate partners side by side.

Every file is scored against the same checklists, on what the files share: sections that
only some files answer are left out, and where files were answered against different
versions of a section, only the questions every file answered count. The comparison is
plain data (the JSON output); templates and the terminal view render it.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict

from . import answers as answers_module
from . import compare_files as compared
from .answers import Answers
from .assessment import Assessment, QuestionResult, assess
from .checklist_set import ChecklistSet, display_path
from .errors import CompareError
from .report.data import answer_in_full, json_text, report_date
from .report.render import builtin_templates_dir, render_template
from .verdicts import ToneData, answer_tone, score_tone, tone_legend

COMPARE_FORMAT = 1
PROGRESS = "progress"
PARTNERS = "partners"
TEMPLATES = {"md": "compare.md.j2", "html": "compare.html.j2"}


class QuestionKey(TypedDict):
    """Which question a row is about."""

    section: str
    section_title: str
    question: str
    prompt: str


class BlockerData(QuestionKey):
    """A blocker in one file, with what to do about it."""

    recommendation: str | None


class FileData(TypedDict):
    """One compared file (docs/compare.md, `files`)."""

    file: str
    label: str
    business: str | None
    updated: str | None
    rank: int
    score: float | None
    verdict: str
    verdict_label: str
    blocker_count: int
    blockers: list[BlockerData]
    tone: str
    verdict_tone: str


class ScoresData(TypedDict):
    """The overall score in every file, its change from the first to the last, and tones."""

    scores: list[float | None]
    change: float | None
    tones: list[str]


class SectionScores(ScoresData):
    """One section's score in every file."""

    id: str
    title: str


class DifferenceData(QuestionKey):
    """A question the candidates answer differently: every file's answer, score and tone."""

    answers: list[str]
    scores: list[float | None]
    tones: list[str]


class ComparisonData(TypedDict):
    """The whole comparison: the JSON output, and what the templates receive."""

    format: int
    date: str
    mode: str
    files: list[FileData]
    overall: ScoresData
    sections: list[SectionScores]
    ranking: list[str]
    changes: list[dict[str, Any]]
    differences: list[DifferenceData]
    notes: list[str]
    tones: list[ToneData]


@dataclass(frozen=True)
class ComparedFile:
    """One answers file, read and scored on what all the files share."""

    path: Path
    label: str
    answers: Answers
    assessment: Assessment


@dataclass(frozen=True)
class Comparison:
    """The comparison as data, with the warnings met while reading the files."""

    data: ComparisonData
    warnings: tuple[str, ...]


def compare(
    paths: Sequence[Path], checklist_set: ChecklistSet, *, mode: str = PROGRESS
) -> Comparison:
    """Read, score and compare answers files, in the order given."""
    if len(paths) < 2:
        raise CompareError(
            "give at least two answers files to compare",
            hint="For example: outsource compare january.yaml june.yaml",
        )
    seen: dict[Path, Path] = {}
    for path in paths:
        key = path.resolve()
        if key in seen:
            raise CompareError(f"{display_path(path)} is given twice; give each file once")
        seen[key] = path
    loaded = [answers_module.load(path, checklist_set) for path in paths]
    warnings = tuple(warning for item in loaded for warning in item.warnings)
    every = [item.answers for item in loaded]
    labels = compared.labels(paths, every)
    sections, left_out, notes = compared.shared_sections(checklist_set, every, labels)
    files = [
        ComparedFile(
            path, label, answers, assess(checklist_set, answers, only=sections, left_out=left_out)
        )
        for path, label, answers in zip(paths, labels, every, strict=True)
    ]
    warnings += tuple(warning for item in files for warning in item.assessment.warnings(item.path))
    if mode == PROGRESS:
        warnings += compared.different_subjects(checklist_set, every, labels)
    return Comparison(_data(files, mode, left_out, notes), warnings)


# --- the data --------------------------------------------------------------------------


def _data(
    files: list[ComparedFile], mode: str, left_out: set[tuple[str, str]], notes: list[str]
) -> ComparisonData:
    ranking = sorted(range(len(files)), key=lambda index: _rank_key(files[index], index))
    rank = {index: position for position, index in enumerate(ranking, start=1)}
    first = files[0].assessment
    return {
        "format": COMPARE_FORMAT,
        "date": report_date().isoformat(),
        "mode": mode,
        "files": [_file_data(item, rank[index]) for index, item in enumerate(files)],
        "overall": {
            "scores": [item.assessment.score for item in files],
            "change": _change(first.score, files[-1].assessment.score),
            "tones": [score_tone(item.assessment.score).value for item in files],
        },
        "sections": [
            {
                "id": result.loaded.section.id,
                "title": result.loaded.section.title,
                "scores": [item.assessment.sections[position].score for item in files],
                "change": _change(result.score, files[-1].assessment.sections[position].score),
                "tones": [
                    score_tone(item.assessment.sections[position].score).value for item in files
                ],
            }
            for position, result in enumerate(first.sections)
        ],
        "ranking": [files[index].label for index in ranking],
        "changes": [
            _changes(before, after, left_out) for before, after in itertools.pairwise(files)
        ],
        "differences": _differences(files, left_out),
        "notes": notes,
        "tones": tone_legend(),
    }


def _rank_key(item: ComparedFile, index: int) -> tuple[int, int, float, int]:
    """Most ready first: the verdict, then fewer blockers, then the higher score."""
    assessment = item.assessment
    score = assessment.score if assessment.score is not None else -1.0
    return (assessment.verdict.rank, len(assessment.blockers), -score, index)


def _file_data(item: ComparedFile, rank: int) -> FileData:
    assessment = item.assessment
    return {
        "file": display_path(item.path),
        "label": item.label,
        "business": item.answers.business,
        "updated": item.answers.updated,
        "rank": rank,
        "score": assessment.score,
        "verdict": assessment.verdict.value,
        "verdict_label": assessment.verdict_label,
        "blocker_count": len(assessment.blockers),
        "blockers": [_blocker(result, item.assessment) for result in assessment.blockers],
        "tone": score_tone(assessment.score).value,
        "verdict_tone": assessment.verdict.tone.value,
    }


def _blocker(result: QuestionResult, assessment: Assessment) -> BlockerData:
    return {**_question_key(result, assessment), "recommendation": result.recommendation}


def _section_title(assessment: Assessment, section_id: str) -> str:
    return next(
        s.loaded.section.title for s in assessment.sections if s.loaded.section.id == section_id
    )


def _change(before: float | None, after: float | None) -> float | None:
    if before is None or after is None:
        return None
    return round(after - before, 1)


def _changes(
    before: ComparedFile, after: ComparedFile, left_out: set[tuple[str, str]]
) -> dict[str, Any]:
    """What changed from one file to the next: scores, blockers and answers."""
    old, new = before.assessment, after.assessment
    old_blockers = {r.key for r in old.blockers}
    new_blockers = {r.key for r in new.blockers}
    sections = []
    for old_section, new_section in zip(old.sections, new.sections, strict=True):
        sections.append(
            {
                "id": old_section.loaded.section.id,
                "title": old_section.loaded.section.title,
                "from": old_section.score,
                "to": new_section.score,
                "change": _change(old_section.score, new_section.score),
            }
        )
    return {
        "from": before.label,
        "to": after.label,
        "overall": {"from": old.score, "to": new.score, "change": _change(old.score, new.score)},
        "sections": sections,
        "blockers_resolved": [_blocker(r, old) for r in old.blockers if r.key not in new_blockers],
        "blockers_still": [_blocker(r, new) for r in new.blockers if r.key in old_blockers],
        "blockers_new": [_blocker(r, new) for r in new.blockers if r.key not in old_blockers],
        "answers_changed": [
            {
                **_question_key(pair[0], old),
                "from": _answer_words(pair[0]),
                "to": _answer_words(pair[1]),
            }
            for pair in _question_pairs([before, after], left_out)
            if _differ(pair)
        ],
    }


def _question_key(result: QuestionResult, assessment: Assessment) -> QuestionKey:
    return {
        "section": result.section_id,
        "section_title": _section_title(assessment, result.section_id),
        "question": result.question.id,
        "prompt": result.prompt,
    }


def _question_pairs(
    files: list[ComparedFile], left_out: set[tuple[str, str]]
) -> list[tuple[QuestionResult, ...]]:
    """Each compared question's result in every file, where it applies in at least one."""
    rows: list[tuple[QuestionResult, ...]] = []
    for sections in zip(*(item.assessment.sections for item in files), strict=True):
        for results in zip(*(section.questions for section in sections), strict=True):
            first = results[0]
            if first.key in left_out:
                continue
            if any(result.applies for result in results):
                rows.append(results)
    return rows


def _answer_words(result: QuestionResult) -> str:
    """The answer as the report words it, or 'Does not apply' when its condition is false.

    A list's items are written out in full, field by field, so that a change inside an item
    (a KPI's target) shows as a difference.
    """
    if not result.applies:
        return "Does not apply"
    return answer_in_full(result.question, result.answer)


def _differ(results: tuple[QuestionResult, ...]) -> bool:
    return len({_answer_words(result) for result in results}) > 1


def _differences(files: list[ComparedFile], left_out: set[tuple[str, str]]) -> list[DifferenceData]:
    """The questions the files answer differently, with every file's answer."""
    first = files[0].assessment
    return [
        {
            **_question_key(results[0], first),
            "answers": [_answer_words(r) for r in results],
            "scores": [None if r.score is None else round(r.score, 4) for r in results],
            "tones": [answer_tone(r.score).value for r in results],
        }
        for results in _question_pairs(files, left_out)
        if _differ(results)
    ]


# --- rendering -------------------------------------------------------------------------


def render(data: Mapping[str, Any], fmt: str, *, chart: bool = True) -> str:
    """The comparison as JSON, Markdown or HTML (`chart` False leaves the HTML chart out)."""
    if fmt == "json":
        return json_text(data)
    return render_template(
        builtin_templates_dir() / TEMPLATES[fmt], data, chart=chart, limits=False
    )
