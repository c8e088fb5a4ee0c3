"""The brief's data: what the owner sends candidate partners, built from the `brief` keys.

Only what the owner answered goes in, in the part each question's `brief` key names, in
checklist order. A question that should be in the brief but is not answered yet becomes a
point "to settle", listed at the end of the draft. Notes, scores, blockers, verdicts and
the budget never appear (the budget only with `include_budget`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..answers import Answers
from ..assessment import Assessment, QuestionResult, QuestionState, SectionResult, assess
from ..brief_keys import (
    ANSWER_PLACEHOLDER,
    BRIEF_PART_TITLES,
    BRIEF_PARTS,
    QUESTIONS_PART,
    BriefEntry,
    BriefPart,
)
from ..checklist import AnyQuestion
from ..checklist_expressions import PLACEHOLDER, Key
from ..checklist_set import ChecklistSet
from ..expressions import Namespace
from ..fitting import answer_scope, filled
from ..formats import DEFAULT_ANSWERS_FILE
from ..interview import continue_command
from ..list_questions import ListQuestion
from ..quoting import quoted
from ..words import listed, plural
from .brief_data import AskedData, BriefData, EntryData, GroupData, PartData, SettleData
from .data import TableData, report_date

BRIEF_FORMAT = 1
"""The version of the brief's data layout."""
BUDGET_SECTION = "budget"
"""The id of the built-in section about the owner's budget: what the owner can spend stays
private, so its answers are never in the brief unless the owner asks for them
(`--include-budget`). The one built-in id the brief names."""
BUDGET_PART: BriefPart = "choosing"
"""Where a budget question goes when its `brief` key names no part."""
WORKING_STAGE = "working"
"""The stage (`fit.stage`) of an owner who already works with a partner."""

BRIEF_TEXTS = {
    "title": "Looking for a partner",
    "intro": "We are looking for a partner for the work described below.",
    "working": (
        "We already work with a partner on this. This brief is for choosing a new partner, "
        "to replace or add to the current one."
    ),
    "business_label": "Business",
    "to_settle": "To settle before you send this",
    "to_settle_lead": (
        "These points are not answered yet (this list is for you: remove it before you send "
        "the brief). Answer each with the command shown, then write the brief again."
    ),
}
"""The fixed sentences and headings of the brief (the data's `texts`)."""


_Names = dict[str, Namespace]
"""The answers and computed values as expressions and placeholders read them."""


@dataclass
class _Builder:
    """Collects the entries of each part and the points to settle, in checklist order."""

    checklist_set: ChecklistSet
    answers: Answers
    answers_file: Path
    include_budget: bool
    checklists: Sequence[Path] = ()
    """The --checklists folders typed, repeated in the commands the brief shows."""
    entries: dict[str, list[EntryData]] = field(default_factory=dict)
    groups: list[GroupData] = field(default_factory=list)
    to_settle: list[SettleData] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def settle(self, part: BriefPart, prompt: str, key: Key | None, command: str = "") -> None:
        section, question = key if key else (None, None)
        # a point skipped before is stored as unanswered: only --review asks it again
        skipped = key is not None and self.answers.has(*key)
        command = command or continue_command(
            [section or ""], self.answers_file, self.checklists, again=skipped
        )
        self.to_settle.append(
            {
                "part": part,
                "part_title": BRIEF_PART_TITLES[part],
                "section": section,
                "question": question,
                "prompt": prompt,
                "command": command,
            }
        )

    def business(self) -> None:
        name = self.answers.business
        if name and name.strip():
            self.entries.setdefault("about", []).append(
                {
                    "section": "",
                    "question": "business",
                    "text": f"{BRIEF_TEXTS['business_label']}: {name}",
                    "label": BRIEF_TEXTS["business_label"],
                    "answer": name,
                    "table": None,
                }
            )
            return
        typed = continue_command([], self.answers_file, self.checklists)
        command = typed.replace("outsource check", "outsource check --business NAME", 1)
        self.settle(
            "about",
            "The name of your business (the key 'business' in the answers file)",
            None,
            command,
        )

    def owner_sections(self, assessment: Assessment) -> None:
        scope = answer_scope(self.checklist_set, self.answers)
        scope.computed()
        for section in assessment.sections:
            budget = section.loaded.section.id == BUDGET_SECTION
            if budget and not self.include_budget:
                continue
            for result in section.questions:
                brief = result.question.brief
                if brief is None or not result.applies:
                    continue
                part = brief.part or (BUDGET_PART if budget else QUESTIONS_PART)
                self._owner_entry(result, brief, part, scope.names)

    def _owner_entry(
        self, result: QuestionResult, brief: BriefEntry, part: BriefPart, names: _Names
    ) -> None:
        if result.state is QuestionState.NOT_APPLICABLE:
            return
        if result.state is QuestionState.UNANSWERED or self.answers.is_unfinished(*result.key):
            self.settle(part, result.prompt, result.key)
            return
        question, answer = result.question, result.answer
        if question.type == "multi" and not answer:
            return  # no choice picked: nothing to say
        words = (
            _listed(question, answer) if question.type == "multi" else question.answer_text(answer)
        )
        table = _table(result, self.checklist_set, self.answers)
        if isinstance(question, ListQuestion):
            self._unfilled_items(part, result)
        label: str | None = None
        shown: str | None = None
        if question.type == "yes_no" and (brief.yes is not None or brief.no is not None):
            sentence = brief.yes if answer else brief.no
            if sentence is None:
                return
            written = self._filled(sentence, part, result, names)
        elif brief.text is not None:
            pieces = [self._filled(piece, part, result, names) for piece in _pieces(brief.text)]
            written = None if None in pieces else words.join(p or "" for p in pieces)
        else:
            label = brief.label or result.prompt
            shown = None if table else words
            written = f"{label}: {shown}" if shown else f"{label}:"
        if written is None:
            return
        self.entries.setdefault(part, []).append(
            {
                "section": result.section_id,
                "question": question.id,
                "text": written,
                "label": label,
                "answer": shown,
                "table": table,
            }
        )

    def _unfilled_items(self, part: BriefPart, result: QuestionResult) -> None:
        """A list's items with a number or a choice left empty (a KPI without its target):
        each is a point to settle, as candidates cannot price or promise against it."""
        question, answer = result.question, result.answer
        assert isinstance(question, ListQuestion)
        for item in answer if isinstance(answer, list) else []:
            empty = [
                field.label
                for field in question.fields
                if field.type in ("number", "choice") and item.get(field.id) is None
            ]
            if empty:
                title = question.item_title(item) or question.item_name
                self.settle(
                    part,
                    f"The {question.item_name} {quoted(title)} has no {listed(empty, 'or')}: "
                    "fill it in",
                    result.key,
                )

    def _filled(
        self, text: str, part: BriefPart, result: QuestionResult, names: _Names
    ) -> str | None:
        """The text with its placeholders filled; None when one is not known yet (then the
        question it names is to settle) or names the budget the brief leaves out."""
        named = [(m.group(1), m.group(2)) for m in PLACEHOLDER.finditer(text)]
        if not self.include_budget and any(section == BUDGET_SECTION for section, _ in named):
            self.warnings.append(
                f"{quoted(f'{result.section_id}.{result.question.id}')} is left out of the "
                "brief: its text shows a budget answer; add --include-budget to put it in"
            )
            return None
        written, unknown = filled(text, self.checklist_set.for_candidates(), names)
        owner_ids = set(self.checklist_set.ids())
        for key in unknown:
            if key[0] in owner_ids:
                self.settle(part, _prompt(self.checklist_set, key), key)
        return None if unknown else written

    def candidate_sections(self) -> None:
        candidates = self.checklist_set.for_candidates()
        ids = self.checklist_set.candidate_ids()
        if not ids:
            return
        view = self.answers.for_candidate("", ids)
        assessment = assess(candidates, view, only=ids)
        scope = answer_scope(candidates, view)
        scope.computed()
        number = 0
        for section in assessment.sections:
            asked: list[AskedData] = []
            for result, text in self._asked(section, set(ids), scope.names):
                number += 1
                asked.append(
                    {
                        "number": number,
                        "section": result.section_id,
                        "question": result.question.id,
                        "text": text,
                    }
                )
            if asked:
                self.groups.append({"title": section.loaded.section.title, "questions": asked})
        if len(self.groups) == 1:
            self.groups[0]["title"] = None

    def _asked(
        self, section: SectionResult, candidate_ids: set[str], names: _Names
    ) -> Iterable[tuple[QuestionResult, str]]:
        """The questions of a candidate section the brief asks, with their words: those
        that apply on the owner's answers alone; one whose `when` reads a candidate's
        reply is a follow-up, left out."""
        candidates = self.checklist_set.for_candidates()
        for result in section.questions:
            brief = result.question.brief
            if (brief is not None and not brief.ask) or not result.applies:
                continue
            when = candidates.expression(result.section_id, result.question.id, "when")
            if when is not None and any(
                reference[0] in candidate_ids for reference in when.expression.references
            ):
                continue
            text = brief.text if brief is not None and brief.text else result.prompt
            named = {m.group(1) for m in PLACEHOLDER.finditer(text)}
            if named & candidate_ids or (BUDGET_SECTION in named and not self.include_budget):
                continue
            written = self._filled(text, QUESTIONS_PART, result, names)
            if written is not None:
                yield result, written

    def parts(self) -> list[PartData]:
        found: list[PartData] = []
        for part in BRIEF_PARTS:
            # a table reads best after the sentences of its part
            entries = sorted(
                self.entries.get(part, []), key=lambda entry: entry["table"] is not None
            )
            groups = self.groups if part == QUESTIONS_PART else []
            if entries or groups:
                found.append(
                    {
                        "id": part,
                        "title": BRIEF_PART_TITLES[part],
                        "entries": entries,
                        "groups": groups,
                    }
                )
        return found


def _listed(question: AnyQuestion, answer: list[str]) -> str:
    """The choices of a `multi` answer as one phrase of the sentence: "We lack the skills
    or tools; to free up time", each after the first starting in lower case (unless it
    starts with a capitalised word such as "VAT")."""
    labels = [question.answer_text([value]) for value in answer]
    return "; ".join(
        label if index == 0 or label[1:2].isupper() else label[:1].lower() + label[1:]
        for index, label in enumerate(labels)
    )


def _pieces(text: str) -> list[str]:
    """A `brief` text cut at each {answer}: the answer goes between the pieces, after their
    own placeholders are filled, so that the owner's words are never read as one."""
    return text.split(ANSWER_PLACEHOLDER)


def _table(
    result: QuestionResult, checklist_set: ChecklistSet, answers: Answers
) -> TableData | None:
    question = result.question
    if not isinstance(question, ListQuestion) or not result.answer:
        return None
    section_id, _, question_id = (question.for_each or "").partition(".")
    loaded = checklist_set.get(section_id)
    source = None if loaded is None else loaded.section.question(question_id)
    made = question.table(result.answer, source, answers.get(section_id, question_id))
    if made is None:
        return None
    columns, rows = made
    return {"columns": columns, "rows": rows}


def _prompt(checklist_set: ChecklistSet, key: Key) -> str:
    """The prompt of the question a placeholder names (its fallback text), or its id."""
    from ..variants import fallback

    loaded = checklist_set.get(key[0])
    question = None if loaded is None else loaded.section.question(key[1])
    if question is None:  # a computed value: its label
        computed = [] if loaded is None else loaded.section.computed
        label = next((item.label for item in computed if item.id == key[1]), None)
        return label or f"{key[0]}.{key[1]}"
    return fallback(question.prompt) or f"{key[0]}.{key[1]}"


@dataclass(frozen=True)
class Brief:
    """The brief's data, with a warning for each point to settle."""

    data: BriefData
    warnings: tuple[str, ...]

    @property
    def summary(self) -> str:
        """One line: ready to send, or how many points are left to settle."""
        count = len(self.data["to_settle"])
        if not count:
            return "ready to send."
        return f"a draft, {plural(count, 'point')} still to settle (listed at its end)."


def brief_data(
    checklist_set: ChecklistSet,
    answers: Answers,
    *,
    answers_file: Path = DEFAULT_ANSWERS_FILE,
    include_budget: bool = False,
    checklists: Sequence[Path] = (),
    today: date | None = None,
) -> Brief:
    """The brief as plain data, built from the `brief` keys of the checklists in use;
    `checklists` are the folders typed, repeated in the commands it shows."""
    builder = _Builder(checklist_set, answers, answers_file, include_budget, checklists)
    assessment = assess(checklist_set, answers)
    builder.business()
    builder.owner_sections(assessment)
    builder.candidate_sections()
    order: dict[str, int] = {part: index for index, part in enumerate(BRIEF_PARTS)}
    kept: dict[tuple[str | None, str | None], SettleData] = {}
    for item in sorted(builder.to_settle, key=lambda item: order[item["part"]]):
        kept.setdefault((item["section"], item["question"]), item)
    unique = list(kept.values())
    stage = assessment.stage
    warnings = [
        f"still to settle for the brief ({item['part_title']}): {item['prompt']}"
        + (f" ({item['section']}.{item['question']})" if item["section"] else "")
        + f"; run: {item['command']}"
        for item in unique
    ]
    data: BriefData = {
        "format": BRIEF_FORMAT,
        "date": (today or report_date()).isoformat(),
        "business": answers.business,
        "draft": bool(unique),
        "working": stage == WORKING_STAGE,
        "parts": builder.parts(),
        "to_settle": unique,
        "texts": {
            **BRIEF_TEXTS,
            "draft": f"Draft: {plural(len(unique), 'point')} "
            f"{'is' if len(unique) == 1 else 'are'} still to settle; "
            f"{'it is' if len(unique) == 1 else 'they are'} listed at the end.",
        },
    }
    return Brief(data, tuple(builder.warnings + warnings))
