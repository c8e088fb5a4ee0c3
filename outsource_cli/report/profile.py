"""What a report assesses: the work, the partner, the stage and the cost headline.

These are read from the built-in sections `fit` and `budget` by their ids, each only where
the set in use has it: a set of one's own without them gets the titles of its sections
and a profile of nulls, and nothing here assumes more.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypedDict

from ..verdicts import STAGE_QUESTION
from .text import format_number

if TYPE_CHECKING:
    from .data import ComputedData, QuestionData, SectionData

PROFILE_SECTION = "fit"
"""The section that says what work is handed over, to whom, and where the owner stands."""
COST_SECTION = "budget"
"""The section whose computed values compare the in-house and the outsourced cost."""
CONTRACT_SECTION = "contract"
"""The section whose renewal notice, when its last day is near or past, the top names."""
TASK_KIND = (PROFILE_SECTION, "task_kind")
"""The question saying what kind of work is handed over (read only where a set has it)."""
STAGE = STAGE_QUESTION
"""The question saying how far the owner has got (read only where a set has it)."""
_FACTS = (
    ("task_kind", "Kind of work"),
    ("task", "The task"),
    ("partner_type", "Partner"),
    ("partner_location", "Where the partner works"),
    ("stage", "Where you stand"),
)
"""The questions of PROFILE_SECTION the top of the report shows, with their labels there."""


class ProfileData(TypedDict):
    """The stored answers that decide which advice fits (docs/report-data.md, `profile`)."""

    task_kind: Any
    stage: Any


class FactData(TypedDict):
    """One line of the top of the report: a label and what it says."""

    id: str
    label: str
    text: str


class AssessedData(TypedDict):
    """What the report assesses (docs/report-data.md, `assessed`)."""

    facts: list[FactData]
    costs: list[FactData]


def profile(sections: Sequence[SectionData]) -> ProfileData:
    """`fit.task_kind` and `fit.stage` as stored; None when unanswered, n/a or absent."""
    questions = _questions(sections, PROFILE_SECTION)
    return {
        "task_kind": _stored(questions.get(TASK_KIND[1])),
        "stage": _stored(questions.get(STAGE[1])),
    }


def assessed(sections: Sequence[SectionData]) -> AssessedData:
    """The top of the report: the facts about the work (or the sections assessed, in a set
    without them) and the cost headline."""
    questions = _questions(sections, PROFILE_SECTION)
    facts: list[FactData] = [
        {"id": key, "label": label, "text": _answer_words(questions[key])}
        for key, label in _FACTS
        if key in questions and questions[key]["applies"]
    ]
    if not facts:  # a set of one's own: say what it holds
        titles = ", ".join(" ".join(section["title"].split()) for section in sections)
        facts = [{"id": "sections", "label": "Sections assessed", "text": titles or "none"}]
    return {"facts": facts + _renewal_notice(sections), "costs": _costs(sections)}


def _renewal_notice(sections: Sequence[SectionData]) -> list[FactData]:
    """The last day to stop an automatic renewal, where the contract section says it is
    near or past (its question falls short): the one date an owner must not miss."""
    question = _questions(sections, CONTRACT_SECTION).get("renewal_notice_days")
    section = _section(sections, CONTRACT_SECTION)
    if question is None or section is None or not question["falls_short"]:
        return []
    computed = {value["id"]: value["value"] for value in section["computed"]}
    deadline, days = computed.get("notice_deadline"), computed.get("days_to_notice")
    renews = _stored(_questions(sections, CONTRACT_SECTION).get("end_date"))
    if computed.get("end_passed") is True and isinstance(renews, str):
        text = f"the end date you gave, {renews}, has passed: give the day the current term ends"
        return [{"id": "renewal_notice", "label": "Notice to stop the renewal", "text": text}]
    number = _number(days)
    if not isinstance(deadline, str) or number is None:
        return []
    left = int(number)
    if left < 0:
        text = f"the last day was {deadline}"
    elif left == 0:
        text = f"give it today, {deadline}"
    else:
        text = f"give it by {deadline}, {left} day{'' if left == 1 else 's'} from the report's date"
    if isinstance(renews, str):
        text += f"; the contract renews by itself on {renews}"
    return [{"id": "renewal_notice", "label": "Notice to stop the renewal", "text": text}]


def _section(sections: Sequence[SectionData], section_id: str) -> SectionData | None:
    return next((section for section in sections if section["id"] == section_id), None)


def _questions(sections: Sequence[SectionData], section_id: str) -> dict[str, QuestionData]:
    section = _section(sections, section_id)
    return {} if section is None else {q["id"]: q for q in section["questions"]}


def _stored(question: QuestionData | None) -> Any:
    if question is None or not question["applies"] or question["state"] != "answered":
        return None
    return question["answer"]


def _answer_words(question: QuestionData) -> str:
    """The answer in words, as the answers part says it; lower case when there is none."""
    if question["state"] == "unanswered":
        return "not answered yet"
    if question["state"] == "not_applicable":
        return "not applicable"
    return question["answer_text"]


def _costs(sections: Sequence[SectionData]) -> list[FactData]:
    """The cost comparison's headline: each line only where its values are in the set."""
    section = _section(sections, COST_SECTION)
    if section is None:
        return []
    computed = {value["id"]: value for value in section["computed"]}
    costs: list[FactData] = []
    compared = [
        f"{side} {computed[key]['value_text']}"
        for key, side in (("inhouse_cost", "in-house"), ("outsourced_cost", "outsourced"))
        if key in computed
    ]
    if compared:
        costs.append({"id": "first_year", "label": "First-year cost", "text": ", ".join(compared)})
    if "saving" in computed:
        costs.append(
            {"id": "difference", "label": "Difference", "text": _difference(computed["saving"])}
        )
    budget = _questions(sections, COST_SECTION).get("annual_budget")
    if budget is not None and budget["applies"]:
        costs.append(
            {"id": "budget", "label": "Budget set aside", "text": _budget(budget, computed)}
        )
    return costs


def _number(value: Any) -> float | None:
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    return float(value) if is_number else None


def _difference(saving: ComputedData) -> str:
    number = _number(saving["value"])
    if number is None:
        return saving["value_text"]
    if number > 0:
        return f"outsourcing saves {saving['value_text']}"
    if number < 0:
        more = format_number(-number) + (f" {saving['unit']}" if saving["unit"] else "")
        return f"outsourcing costs {more} more"
    return "none, the two cost the same"


def _budget(budget: QuestionData, computed: dict[str, ComputedData]) -> str:
    text = _answer_words(budget)
    shortfall = computed.get("shortfall")
    number = None if shortfall is None else _number(shortfall["value"])
    if budget["state"] != "answered" or shortfall is None or number is None:
        return text
    if number <= 0:
        return f"{text}, no shortfall"
    cash = computed.get("cash_cost")
    cost = None if cash is None else _number(cash["value"])
    share = f" ({100 * number / cost:.0f}% of the fees and switch-over)" if cost else ""
    return f"{text}, {shortfall['value_text']} short{share}"
