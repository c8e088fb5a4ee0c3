"""The trend across the periodic reviews in one answers file: KPIs, scores, flags and costs.

The KPIs and their figures come from kpis.py. Each review is scored on the review
sections alone, as candidates are on theirs, and flagged where it needs the owner: a
KPI that missed its target in this review and the one before, a critical question
answered badly, an answer worse than in the previous review. The result is plain data
(the JSON output); templates and the terminal view render it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TypedDict

from . import answers as answers_module
from .answers import Answers
from .assessment import Assessment, QuestionResult, QuestionState
from .checklist_set import ChecklistSet
from .formats import DEFAULT_ANSWERS_FILE
from .interview import review_command
from .kpis import MARK_LEGEND, MARKS, KpiData, every_kpi, figure_on, with_unit
from .report.data import answer_in_full, report_date
from .report.render import render as render_data
from .review_answers import assess_review, check_review_sections, still_to_answer
from .words import plural

TREND_FORMAT = 1
"""The version of the reviews' data layout (docs/report-data.md, The reviews' data)."""
TEMPLATES = {"md": "reviews.md.j2", "html": "reviews.html.j2"}
FLAG_LABELS = {
    "missed_twice": "Missed twice in a row",
    "blocker": "Blocker",
    "worse": "Worse than last time",
}
"""What each kind of flag is called wherever a review's flags are shown."""
MISSED_TWICE_ACTION = (
    "Raise {name} with the partner: it missed its target of {target} in the last two "
    "reviews; agree a plan to recover it by the next review, and check the contract's "
    "remedies."
)
NO_RECOMMENDATION = "Raise it with the partner, and check at the next review that it improved."
"""The action of a flag whose question has no recommendation."""


class FlagData(TypedDict):
    """Something in a review that needs the owner: what it is and what to do."""

    kind: str
    label: str
    text: str
    action: str
    kpi: str | None
    section: str | None
    question: str | None


class ReviewData(TypedDict):
    """One review: its date, its score from 0 to 100, its flags and KPI counts."""

    date: str
    score: float | None
    flags: list[FlagData]
    kpis_met: int
    kpis_missed: int
    missed_kpis: list[str]
    """The names of the KPIs that missed their target in this review."""
    to_answer: int
    """How many of its questions are still to answer: 0 for a review held in full."""


class CostValue(TypedDict):
    """A cost figure in one review."""

    date: str
    value: Any
    value_text: str


class CostData(TypedDict):
    """A number question or computed value of the review sections, over the reviews."""

    section: str
    id: str
    label: str
    unit: str | None
    values: list[CostValue]


class ActionData(TypedDict):
    """An action of the latest review: a question answered below full marks."""

    section: str
    question: str
    prompt: str
    recommendation: str | None
    blocker: bool


class TrendData(TypedDict):
    """The whole trend: the JSON output of `outsource reviews`, and what templates get."""

    format: int
    date: str
    business: str | None
    review_command: str
    kpis: list[KpiData]
    reviews: list[ReviewData]
    costs: list[CostData]
    actions: list[ActionData]
    marks: dict[str, str]
    mark_legend: str
    actions_note: str | None
    """What to say in place of, or after, the latest review's actions: that it is not
    finished (with the command that finishes it), or the KPIs it missed when no answer
    needs an action; None when the actions say it all."""


def load_trend(
    path: Path, checklist_set: ChecklistSet, checklists: Sequence[Path] = ()
) -> tuple[TrendData, tuple[str, ...]]:
    """Read an answers file and work out the trend of its reviews; the data and warnings."""
    check_review_sections(checklist_set)
    loaded = answers_module.load(path, checklist_set)
    assessments = [
        assess_review(checklist_set, loaded.answers, review) for review in loaded.answers.reviews
    ]
    warnings = loaded.warnings + tuple(
        warning for assessment in assessments for warning in assessment.warnings(path)
    )
    command = review_command(None, path, checklists)
    reviews = loaded.answers.reviews
    finish = review_command(reviews[-1].date, path, checklists) if reviews else None
    data = trend_data(checklist_set, loaded.answers, assessments, command=command, finish=finish)
    return data, warnings


def trend_data(
    checklist_set: ChecklistSet,
    answers: Answers,
    assessments: Sequence[Assessment],
    *,
    command: str | None = None,
    finish: str | None = None,
) -> TrendData:
    """The trend as plain data; `assessments` are the file's reviews scored, in date order,
    `command` the one that records a review and `finish` the one that continues the latest."""
    dates = [review.date for review in answers.reviews]
    kpis = every_kpi(checklist_set, answers)
    before = [None, *zip(dates, assessments, strict=True)][: len(dates)]
    reviews = [
        _review_data(day, assessment, kpis, previous, still_to_answer(assessment, answers, r))
        for day, assessment, previous, r in zip(
            dates, assessments, before, answers.reviews, strict=True
        )
    ]
    actions = _actions(assessments[-1]) if assessments else []
    return {
        "format": TREND_FORMAT,
        "date": report_date().isoformat(),
        "business": answers.business,
        "review_command": command or review_command(None, DEFAULT_ANSWERS_FILE),
        "kpis": kpis,
        "reviews": reviews,
        "costs": _costs(dates, assessments),
        "actions": actions,
        "marks": dict(MARKS),
        "mark_legend": MARK_LEGEND,
        "actions_note": _actions_note(reviews[-1], actions, finish) if reviews else None,
    }


def _actions_note(latest: ReviewData, actions: list[ActionData], finish: str | None) -> str | None:
    """What the latest review's actions cannot say themselves (TrendData.actions_note)."""
    missing = latest["to_answer"]
    if missing:
        how = f" To finish it, run: {finish}" if finish else ""
        return (
            f"The review of {latest['date']} is not finished: "
            f"{plural(missing, 'question')} still to answer.{how}"
        )
    if latest["missed_kpis"]:
        names = ", ".join(latest["missed_kpis"])
        lead = "No answer needs an action, but" if not actions else "Also,"
        return f"{lead} these KPIs missed their target: {names}. Raise them with the partner."
    return None if actions else "None: every answer in the latest review has its best score."


# --- each review -------------------------------------------------------------------------


def latest_review(
    checklist_set: ChecklistSet, answers: Answers, until: str | None = None
) -> tuple[ReviewData, list[ActionData]] | None:
    """The latest review (on or before `until`, when given) with its score, KPI counts and
    flags, read against the review before it, and its actions; None when there is none.
    Only those two reviews are scored."""
    held = [review for review in answers.reviews if until is None or review.date <= until]
    if not held:
        return None
    kpis = every_kpi(checklist_set, answers)
    scored = [(r.date, assess_review(checklist_set, answers, r)) for r in held[-2:]]
    previous = scored[0] if len(scored) == 2 else None
    missing = still_to_answer(scored[-1][1], answers, held[-1])
    return _review_data(*scored[-1], kpis, previous, missing), _actions(scored[-1][1])


def _review_data(
    day: str,
    assessment: Assessment,
    kpis: list[KpiData],
    previous: tuple[str, Assessment] | None,
    to_answer: int,
) -> ReviewData:
    figures = [figure_on(kpi, day) for kpi in kpis]
    flags = _answer_flags(assessment, previous[1] if previous else None)
    if previous is not None:
        flags = _missed_twice(day, previous[0], kpis) + flags
    return {
        "date": day,
        "score": assessment.score,
        "flags": flags,
        "kpis_met": sum(1 for value in figures if value is not None and value["met"] is True),
        "kpis_missed": sum(1 for value in figures if value is not None and value["met"] is False),
        "missed_kpis": [
            kpi["name"]
            for kpi, value in zip(kpis, figures, strict=True)
            if value is not None and value["met"] is False
        ],
        "to_answer": to_answer,
    }


def _missed_twice(day: str, previous_day: str, kpis: list[KpiData]) -> list[FlagData]:
    """The KPIs that missed their target in this review and in the review just before."""
    flags: list[FlagData] = []
    for kpi in kpis:
        now, before = figure_on(kpi, day), figure_on(kpi, previous_day)
        if now is None or before is None or now["met"] is not False or before["met"] is not False:
            continue
        assert now["value"] is not None and before["value"] is not None  # met says so
        text = (
            f"{kpi['name']}: {with_unit(now['value'], kpi['unit'])} in this review and "
            f"{with_unit(before['value'], kpi['unit'])} in the one before, against a target "
            f"of {kpi['target_text']}."
        )
        action = MISSED_TWICE_ACTION.format(name=kpi["name"], target=kpi["target_text"])
        flags.append(_flag("missed_twice", text, action, kpi=kpi["name"]))
    return flags


WORSE_BY = 0.3
"""How far an answer's score (0 to 1) must fall from one review to the next to be flagged
as worse: a smooth handover or an extra agreed in writing is not a warning sign, while
"late once or twice" after "always on time" is."""


def _answer_flags(assessment: Assessment, previous: Assessment | None) -> list[FlagData]:
    """The critical questions answered badly, and the answers worse than last time.

    Only answered questions count: a question left for later is neither a blocker nor
    worse. Worse is a score that fell by WORSE_BY or more. A blocker that also got worse
    is flagged once, as a blocker saying the change.
    """
    before = {r.key: r for r in _answered(previous)} if previous is not None else {}
    flags: list[FlagData] = []
    for result in _answered(assessment):
        answer = answer_in_full(result.question, result.answer)
        earlier = before.get(result.key)
        was = None
        drop = (earlier.score or 0.0) - (result.score or 0.0) if earlier is not None else 0.0
        if earlier is not None and drop >= WORSE_BY - 1e-9:
            was = answer_in_full(earlier.question, earlier.answer)
        action = result.recommendation or NO_RECOMMENDATION
        if result.blocker:
            change = f" (it was “{was}”)" if was is not None else ""
            text = f"{result.prompt} Answered “{answer}”{change}."
            flags.append(_flag("blocker", text, action, result=result))
        elif was is not None:
            text = f"{result.prompt} From “{was}” to “{answer}”."
            flags.append(_flag("worse", text, action, result=result))
    return flags


def _answered(assessment: Assessment) -> list[QuestionResult]:
    """The scored questions that are answered, in interview order."""
    return [
        result
        for section in assessment.sections
        for result in section.questions
        if result.counted and result.state is QuestionState.ANSWERED
    ]


def _flag(
    kind: str,
    text: str,
    action: str,
    *,
    kpi: str | None = None,
    result: QuestionResult | None = None,
) -> FlagData:
    return {
        "kind": kind,
        "label": FLAG_LABELS[kind],
        "text": text,
        "action": action,
        "kpi": kpi,
        "section": result.section_id if result else None,
        "question": result.question.id if result else None,
    }


# --- costs and actions -------------------------------------------------------------------


def _costs(dates: list[str], assessments: Sequence[Assessment]) -> list[CostData]:
    """Each number question and computed value of the review sections, review by review,
    named as the latest review words it."""
    if not assessments:
        return []
    rows: dict[tuple[str, str], CostData] = {}
    for day, assessment in zip(dates, assessments, strict=True):
        for section in assessment.sections:
            section_id = section.loaded.section.id
            for result in section.questions:
                if result.question.type == "number":
                    unit = getattr(result.question, "unit", None)
                    value = result.answer if result.state is QuestionState.ANSWERED else None
                    _add(rows, section_id, result.question.id, result.prompt, unit, day, value)
            for computed in section.computed:
                _add(
                    rows,
                    section_id,
                    computed.id,
                    computed.label,
                    computed.unit,
                    day,
                    computed.value,
                )
    return list(rows.values())


def _add(
    rows: dict[tuple[str, str], CostData],
    section: str,
    item: str,
    label: str,
    unit: str | None,
    day: str,
    value: Any,
) -> None:
    row = rows.setdefault(
        (section, item),
        {"section": section, "id": item, "label": label, "unit": unit, "values": []},
    )
    row["label"], row["unit"] = label, unit  # the latest review's words
    row["values"].append({"date": day, "value": value, "value_text": _value_text(value, unit)})


def _value_text(value: Any, unit: str | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (int, float)):
        return with_unit(value, unit)
    return str(value)


def _actions(assessment: Assessment) -> list[ActionData]:
    """The latest review's actions in the report's order: answered questions below full
    marks (a question not answered yet is no action)."""
    return [
        {
            "section": result.section_id,
            "question": result.question.id,
            "prompt": result.prompt,
            "recommendation": result.recommendation,
            "blocker": result.blocker,
        }
        for result in assessment.actions
        if result.state is QuestionState.ANSWERED
    ]


# --- rendering ---------------------------------------------------------------------------


def render(data: Mapping[str, Any], fmt: str, *, chart: bool = True) -> str:
    """The trend as JSON, Markdown or HTML (`chart` False leaves the charts out)."""
    return render_data(data, fmt, chart=chart, built_in=TEMPLATES)
