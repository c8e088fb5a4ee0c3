"""The checklist format v1: one YAML file defines one section of questions."""

from __future__ import annotations

import functools
import json
from dataclasses import replace
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, Field, TypeAdapter, ValidationError

from . import variants
from .brief_keys import BriefEntry
from .choice_questions import Choice, ChoiceQuestion, MultiQuestion
from .date_questions import DateQuestion
from .errors import Problem
from .format_types import ExpressionText, FormatModel, Id, Text
from .list_fields import FieldChoice, ListField
from .list_questions import ListQuestion
from .number_questions import NumberQuestion, ScaleQuestion
from .questions import BaseQuestion, TextQuestion, Weight, YesNoQuestion
from .quoting import quoted
from .steps import DEFAULT_STEP, StepId
from .validation import not_this_kind, problems_from
from .yamlfile import Document, Mark, Path_

FORMAT_VERSION = 1
MAX_QUESTIONS_PER_SECTION = 10_000
"""The most questions one checklist file may hold (a set holds more: checklist_set.py)."""
MAX_COMPUTED_PER_SECTION = 1_000
"""The most computed values one checklist file may hold."""
RESERVED_IDS = frozenset(
    {
        # constants and operators of an expression (True, False and None are never ids)
        *("true", "false", "none", "and", "or", "not", "in", "is", "if", "else"),
        # a number or date question's answer in its `score`, and the run's date
        *("value", "today"),
        # names Jinja2 gives a meaning of its own in templates
        *("self", "loop", "super", "caller", "varargs", "kwargs"),
        # Jinja2's default globals
        *("range", "dict", "lipsum", "cycler", "joiner", "namespace"),
    }
)
"""Words a section id may not be: expressions name a section by its id, and would read
these as something else. Question and computed value ids always follow a dot (`goals.loop`),
where an answer is read before anything of the same name, so they may be any of these."""

AnyQuestion = (
    YesNoQuestion
    | ChoiceQuestion
    | MultiQuestion
    | ScaleQuestion
    | NumberQuestion
    | DateQuestion
    | TextQuestion
    | ListQuestion
)
"""Every question type: a new type is one more class here."""
Question = Annotated[AnyQuestion, Field(discriminator="type")]
QUESTION_MODELS: dict[str, type[BaseQuestion]] = {
    get_args(model.model_fields["type"].annotation)[0]: model for model in get_args(AnyQuestion)
}
"""Each question type's class, by the name checklist files give the type."""
QUESTION_TYPES = tuple(QUESTION_MODELS)


Audience = Literal["owner", "candidate", "review"]
"""Who or when a section's questions are about: the owner (the interview), each candidate,
or each periodic review of a running arrangement."""
AUDIENCES: tuple[Audience, ...] = get_args(Audience)


class ComputedValue(FormatModel):
    """A value worked out from the answers, such as a cost comparison."""

    id: Id = Field(description="Unique within the section, also among its question ids.")
    label: Text
    expression: ExpressionText
    unit: str | None = None


@functools.cache
def _adapter(kind: str) -> TypeAdapter[Any]:
    """The validator of one question (`questions`) or computed value (`computed`), built once."""
    return TypeAdapter(Question if kind == "questions" else ComputedValue)


class Section(FormatModel):
    """One checklist file: a section of the interview and of the report."""

    id: Id = Field(description="Unique in the checklist set; [a-z][a-z0-9_]*.")
    title: Text
    description: str | None = Field(None, description="Markdown shown before the questions.")
    weight: Weight = Field(1.0, description="This section's weight in the overall score.")
    order: int | None = Field(None, description="Sections are asked by (order, id).")
    version: int | None = Field(None, description="Recorded in answers files.")
    step: StepId | None = Field(
        None, description="The step of every question here that sets none (default prepare)."
    )
    audience: Audience = Field(
        "owner",
        description="Who the questions are about: owner (asked by 'outsource check') or "
        "candidate (asked once per candidate partner by 'outsource check --candidate NAME', "
        "never counted in the readiness score) or review (asked at each periodic review by "
        "'outsource review', once the arrangement is running; never in the readiness score).",
    )
    questions: list[Question] = Field(min_length=1, max_length=MAX_QUESTIONS_PER_SECTION)
    computed: list[ComputedValue] = Field([], max_length=MAX_COMPUTED_PER_SECTION)

    def step_of(self, question: BaseQuestion) -> StepId:
        """The step a question's action belongs to: its own, the section's, or prepare."""
        return question.step or self.step or DEFAULT_STEP

    def question(self, question_id: str) -> AnyQuestion | None:
        """The question with this id, if there is one."""
        for question in self.questions:
            if question.id == question_id:
                return question
        return None


def json_schema() -> str:
    """The JSON Schema of the checklist format, for editors' autocompletion."""
    schema = TypeAdapter(Section).json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"outsource checklist section (format v{FORMAT_VERSION})",
        **{key: value for key, value in schema.items() if key != "title"},
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def parse_section(doc: Document) -> Section:
    """Validate one checklist file's data; raises every problem found, each located."""
    foreign = not_this_kind(doc, list(Section.model_fields), "a checklist")
    if foreign is not None:
        raise SectionProblems([foreign], None)
    problems: list[Problem] = []
    section: Section | None = None
    try:
        section = Section.model_validate(doc.data)
    except ValidationError as error:
        problems.extend(
            problems_from(
                error,
                doc,
                context=lambda path: _context(doc, path),
                allowed_keys=_allowed_keys,
                top_level=(
                    "this is not a checklist: it holds {kind}, not a mapping of keys "
                    "such as id, title and questions"
                ),
            )
        )
    if isinstance(doc.data, dict):
        problems.extend(_check_section(doc))
    if problems:
        problems.sort(key=lambda p: (p.line, p.column))
        raise SectionProblems(problems, _partial(doc.data))
    assert section is not None
    return section


def _partial(data: Any) -> Section | None:
    """The valid part of an invalid section, so its expressions can be checked too."""
    if not isinstance(data, dict):
        return None
    kept = dict(data)
    for key in ("questions", "computed"):
        adapter = _adapter(key)
        items = data.get(key)
        valid = []
        for item in items if isinstance(items, list) else []:
            try:
                adapter.validate_python(item)
            except ValidationError:
                continue
            valid.append(item)
        kept[key] = valid
    try:
        return Section.model_validate(kept)
    except ValidationError:
        return None


class SectionProblems(Exception):
    """A checklist file's content is invalid; `partial` holds what of it is valid."""

    def __init__(self, problems: list[Problem], partial: Section | None = None) -> None:
        super().__init__(str(problems[0]))
        self.problems = problems
        self.partial = partial


def named_problems(problems: list[Problem], doc: Document | None) -> list[Problem]:
    """Problems the YAML reader found in values, each with the question or computed value
    it is in named, as other messages name it: "question 'x': 'min': ..."."""
    if doc is None:
        return problems
    paths = {mark: path for path, mark in doc.value_marks.items()}
    named = []
    for problem in problems:
        path = paths.get(Mark(problem.line, problem.column))
        context = "" if path is None else _context(doc, path)
        if path is not None and context and isinstance(path[-1], str):
            context += f"{quoted(path[-1])}: "
        named.append(replace(problem, message=context + problem.message))
    return named


def _context(doc: Document, path: Path_) -> str:
    """Name what a path points into: "question 'x': ", "computed value 'y': "."""
    if len(path) < 2 or path[0] not in {"questions", "computed"}:
        return ""
    items = doc.data.get(path[0]) if isinstance(doc.data, dict) else None
    index = path[1]
    if not isinstance(items, list) or not isinstance(index, int):
        return ""  # not a list of questions (questions: {id: ...}): reported as such
    item = items[index] if 0 <= index < len(items) else None
    noun = "question" if path[0] == "questions" else "computed value"
    item_id = item.get("id") if isinstance(item, dict) else None
    text = f"{noun} {quoted(item_id)}" if isinstance(item_id, str) else f"{noun} {index + 1}"
    if path[0] == "questions" and len(path) > 4 and path[2] == "fields":
        return f"{text}: {_field_name(item, path[3])}: "
    return text + (variants.place_name(path[2:]) if path[0] == "questions" else "") + ": "


def _field_name(question: Any, position: Any) -> str:
    """A list's field in words, as messages name it: "field 'target'", "field 2"."""
    fields = question.get("fields") if isinstance(question, dict) else None
    field = fields[position] if isinstance(fields, list) and isinstance(position, int) else None
    field_id = field.get("id") if isinstance(field, dict) else None
    if isinstance(field_id, str):
        return f"field {quoted(field_id)}"
    return f"field {int(position) + 1}" if isinstance(position, int) else "a field"


def _allowed_keys(loc: tuple[Any, ...]) -> list[str]:
    model: type[BaseModel] = Section
    parts = list(loc[:-1])
    while parts:
        part = parts.pop(0)
        if part == "questions":
            parts = parts[1:]  # the position
            tag = parts.pop(0) if parts else None
            model = QUESTION_MODELS.get(str(tag), BaseQuestion)
        elif part == "computed":
            parts = parts[1:]
            model = ComputedValue
        elif part == "choices":
            parts = parts[1:]
            model = FieldChoice if model is ListField else Choice
        elif part == "fields":
            parts = parts[1:]
            model = ListField
        elif part == "brief":
            model = BriefEntry
        elif part == variants.LIST_TAG:
            parts = parts[1:]
            model = variants.Variant
    return list(model.model_fields)


def _check_section(doc: Document) -> list[Problem]:
    """The rules a schema cannot say: unique ids, consistent ranges, fitting defaults.

    Works on the raw data so that these problems are reported together with the
    schema's own, whatever else is wrong in the file.
    """
    problems: list[Problem] = []
    data: dict[str, Any] = doc.data

    def add(path: Path_, message: str) -> None:
        problems.append(doc.problem(path, _context(doc, path) + message))

    if isinstance(data.get("id"), str) and data["id"] in RESERVED_IDS:
        add(
            ("id",),
            f"'{data['id']}' is a reserved word in expressions, where a section id is a name; "
            "choose another id",
        )
    seen: dict[str, str] = {}
    for kind, noun in (("questions", "question"), ("computed", "computed value")):
        items = data.get(kind)
        for index, item in enumerate(items if isinstance(items, list) else []):
            item_id = item.get("id") if isinstance(item, dict) else None
            if not isinstance(item_id, str):
                continue
            path: Path_ = (kind, index, "id")
            if item_id in seen:
                add(path, f"the id {quoted(item_id)} is already used by {seen[item_id]}")
            seen.setdefault(item_id, f"{noun} {index + 1}")
    questions = data.get("questions")
    for index, item in enumerate(questions if isinstance(questions, list) else []):
        try:
            question = _adapter("questions").validate_python(item)
        except ValidationError:
            continue  # already reported by the whole-file validation
        found = question.rule_problems()
        if question.brief is not None:
            audience = data.get("audience") if data.get("audience") in AUDIENCES else "owner"
            found += question.brief.problems(question.type, audience)
        for where, message in found:
            add(("questions", index, *where), message)
        if question.default is not None and not any(where == ("default",) for where, _ in found):
            try:  # Enter saves the default: it must pass the check every answer passes
                question.check_answer(question.default)
            except ValueError as error:
                add(("questions", index, "default"), f"the default does not fit: {error}")
    return problems
