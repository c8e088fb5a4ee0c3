"""The KPIs a running arrangement is measured by, and their figures review by review.

The review sections' lists answered once per item of another list (`for_each`) hold the
figures: that list, in the owner's answers (goals.kpi_list in the built-ins), names each
KPI by its key field and gives its `target`, `unit` and `better` (higher or lower) fields
by those ids; the review list's `value` field is the period's figure. A figure meets its
target when it is at least the target (higher is better) or at most it (lower is
better); whether it does is None without a figure, a target or a direction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypedDict

from .answers import Answers
from .checklist_set import ChecklistSet
from .list_fields import ITEM_KEY
from .list_questions import ListQuestion
from .report.text import format_number

TARGET_FIELD, UNIT_FIELD, BETTER_FIELD = "target", "unit", "better"
"""The fields of the owner's list that give a KPI's target, unit and direction."""
VALUE_FIELD = "value"
"""The field of a review's for_each list that holds the period's figure."""
MARKS = {"met": "✓", "missed": "✗", "unknown": "–"}
"""How every output marks a figure that met its target, missed it, or cannot be compared."""
MARK_LEGEND = "✓ met the target, ✗ missed it, – no figure or nothing to compare it with"
"""What the marks mean, as every output says it."""


def mark(met: bool | None) -> str:
    """The mark of a figure: met (True), missed (False), or cannot tell (None)."""
    return MARKS["unknown"] if met is None else MARKS["met"] if met else MARKS["missed"]


class ValueData(TypedDict):
    """A KPI's figure in one review, and whether it met the target (None: cannot tell)."""

    date: str
    value: float | None
    met: bool | None


class KpiData(TypedDict):
    """One KPI over the reviews (docs/report-data.md, The reviews' data)."""

    name: str
    target: float | None
    unit: str | None
    better: str | None
    target_text: str
    removed: bool
    values: list[ValueData]
    marks: str
    """One mark per review, oldest first (every review, not only those listing the KPI)."""


@dataclass(frozen=True)
class _Kpi:
    """A KPI as the owner's list gives it: its name and target, read once."""

    name: str
    target: float | None
    unit: str | None
    better: str | None
    removed: bool


def _for_each_lists(checklist_set: ChecklistSet) -> list[tuple[str, ListQuestion]]:
    """The review sections' lists answered once per item of another list."""
    return [
        (loaded.section.id, question)
        for loaded in checklist_set.review_sections
        for question in loaded.section.questions
        if isinstance(question, ListQuestion) and question.for_each
    ]


def _owner_kpis(checklist_set: ChecklistSet, answers: Answers, source: str) -> list[_Kpi]:
    """The items of the owner's list `source` (section.question), as KPIs."""
    section_id, question_id = source.split(".")
    loaded = checklist_set.get(section_id)
    question = loaded.section.question(question_id) if loaded else None
    items = answers.get(section_id, question_id)
    if not isinstance(question, ListQuestion) or not isinstance(items, list):
        return []
    kpis = []
    for item in items:
        name = question.item_title(item)
        if name:
            target = _number(item.get(TARGET_FIELD))
            unit = item.get(UNIT_FIELD)
            better = item.get(BETTER_FIELD)
            kpis.append(
                _Kpi(
                    name.strip(),
                    target,
                    unit.strip() or None if isinstance(unit, str) else None,
                    better if better in ("higher", "lower") else None,
                    removed=False,
                )
            )
    return kpis


def every_kpi(checklist_set: ChecklistSet, answers: Answers) -> list[KpiData]:
    """Every KPI: the owner's, in their order, then those since removed from their list
    that reviews still hold figures for, in the order they first appear."""
    found: list[KpiData] = []
    for section_id, question in _for_each_lists(checklist_set):
        assert question.for_each is not None
        known = {
            kpi.name.casefold(): kpi
            for kpi in _owner_kpis(checklist_set, answers, question.for_each)
        }
        values: dict[str, list[ValueData]] = {name: [] for name in known}
        for review in answers.reviews:
            items = review.values.get(section_id, {}).get(question.id)
            for item in items if isinstance(items, list) else []:
                name = item.get(ITEM_KEY)
                if not isinstance(name, str) or not name.strip():
                    continue
                key = name.strip().casefold()
                if key not in known:
                    known[key] = _Kpi(name.strip(), None, None, None, removed=True)
                    values[key] = []
                value = _number(item.get(VALUE_FIELD))
                met = _met(value, known[key])
                values[key].append({"date": review.date, "value": value, "met": met})
        found += [_kpi_data(kpi, values[key]) for key, kpi in known.items()]
    dates = [review.date for review in answers.reviews]
    for kpi_data in found:
        by_date = {value["date"]: value["met"] for value in kpi_data["values"]}
        kpi_data["marks"] = "".join(mark(by_date.get(day)) for day in dates)
    return found


def _kpi_data(kpi: _Kpi, values: list[ValueData]) -> KpiData:
    return {
        "name": kpi.name,
        "target": kpi.target,
        "unit": kpi.unit,
        "better": kpi.better,
        "target_text": _target_text(kpi),
        "removed": kpi.removed,
        "values": values,
        "marks": "",  # every_kpi fills it in, once every review is read
    }


def _met(value: float | None, kpi: _Kpi) -> bool | None:
    """Whether a figure meets the KPI's target; None without a figure, target or direction."""
    if value is None or kpi.target is None or kpi.better is None:
        return None
    return value >= kpi.target if kpi.better == "higher" else value <= kpi.target


def _number(value: Any) -> float | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def with_unit(value: float, unit: str | None) -> str:
    return f"{format_number(value)} {unit}" if unit else format_number(value)


def _target_text(kpi: _Kpi) -> str:
    """'at most 5 days', 'at least 95 %', '4 hours' without a direction, or no target."""
    if kpi.target is None:
        return "none set"
    shown = with_unit(kpi.target, kpi.unit)
    if kpi.better is None:
        return f"{shown} (higher or lower is better: not said)"
    return f"at least {shown}" if kpi.better == "higher" else f"at most {shown}"


def figure_on(kpi: KpiData, day: str | None) -> ValueData | None:
    """The KPI's figure in the review of `day`, if that review holds one."""
    return next((value for value in kpi["values"] if value["date"] == day), None)
