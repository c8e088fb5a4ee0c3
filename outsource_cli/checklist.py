"""The checklist format v1: one YAML file defines one section of questions."""

from __future__ import annotations

import functools
import json
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    WithJsonSchema,
)

from .errors import Problem
from .validation import problems_from
from .yamlfile import Document, Path_

FORMAT_VERSION = 1
ID_PATTERN = r"^[a-z][a-z0-9_]*$"
RESERVED_IDS = frozenset(
    {"true", "false", "none", "and", "or", "not", "in", "is", "if", "else", "value"}
)
"""Words an id may not be: expressions would read them as Jinja2 keywords or as `value`."""
MAX_EXPRESSION_LENGTH = 2000
QUESTION_TYPES = ("yes_no", "choice", "multi", "scale", "number", "text")

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1)]
ExpressionText = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_EXPRESSION_LENGTH, strip_whitespace=False)
]
Weight = Annotated[float, Field(ge=0)]
Number = int | float


def _yes_no_word(value: Any) -> Any:
    """Accept the words yes and no wherever true and false are meant."""
    if isinstance(value, str) and value.lower() in {"yes", "no"}:
        return value.lower() == "yes"
    return value


YesNo = Annotated[
    bool,
    BeforeValidator(_yes_no_word),
    WithJsonSchema({"enum": [True, False, "yes", "no"]}),
]


class _Model(BaseModel):
    # built on first validation, not at import: a run served from the cache never needs it
    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, allow_inf_nan=False, defer_build=True
    )


class Choice(_Model):
    """One option of a choice or multi question."""

    value: Id = Field(description="What the answers file stores; [a-z][a-z0-9_]*.")
    label: Text = Field(description="What the interview and the report show.")
    score: float = Field(ge=0, le=1, description="How good this choice is, from 0 to 1.")
    help: str | None = Field(None, description="Shown with the choice when help is asked for.")


class _Question(_Model):
    id: Id = Field(description="Unique within the section; [a-z][a-z0-9_]*.")
    prompt: Text = Field(description="The question as the owner reads it.")
    help: str | None = Field(None, description="Why this matters; shown on request.")
    recommendation: str | None = Field(
        None, description="What to do when the answer falls short; shown in the report."
    )
    weight: Weight = Field(1.0, description="Weight in the section score; 0 = asked, not scored.")
    critical: bool = Field(False, description="A failing answer is a blocker.")
    when: ExpressionText | None = Field(
        None, description="Expression: the question applies only when it is true."
    )
    allow_na: bool = Field(False, description="The owner may answer 'not applicable'.")


class YesNoQuestion(_Question):
    """A question answered yes or no."""

    type: Literal["yes_no"]
    good_answer: YesNo = Field(True, description="The answer that scores 1 (default yes).")
    default: YesNo | None = None


class ChoiceQuestion(_Question):
    """A question answered by picking one of its choices."""

    type: Literal["choice"]
    choices: list[Choice] = Field(min_length=2)
    default: Id | None = None


class MultiQuestion(_Question):
    """A question answered by picking any number of its choices."""

    type: Literal["multi"]
    choices: list[Choice] = Field(min_length=2)
    default: list[Id] | None = None


class ScaleQuestion(_Question):
    """A question answered with a whole number on a scale, such as 1 to 5."""

    type: Literal["scale"]
    min: int = 1
    max: int = 5
    labels: dict[int, Text] | None = None
    default: int | None = None


class NumberQuestion(_Question):
    """A question answered with a number, such as a cost or a number of hours."""

    type: Literal["number"]
    min: Number | None = None
    max: Number | None = None
    unit: str | None = None
    score: ExpressionText | None = Field(
        None, description="Expression using `value`, clamped to 0..1; unscored without one."
    )
    default: Number | None = None


class TextQuestion(_Question):
    """A question answered in the owner's own words; never scored."""

    type: Literal["text"]
    default: str | None = None


Question = Annotated[
    YesNoQuestion | ChoiceQuestion | MultiQuestion | ScaleQuestion | NumberQuestion | TextQuestion,
    Field(discriminator="type"),
]
QUESTION_MODELS: dict[str, type[_Question]] = {
    "yes_no": YesNoQuestion,
    "choice": ChoiceQuestion,
    "multi": MultiQuestion,
    "scale": ScaleQuestion,
    "number": NumberQuestion,
    "text": TextQuestion,
}
AnyQuestion = (
    YesNoQuestion | ChoiceQuestion | MultiQuestion | ScaleQuestion | NumberQuestion | TextQuestion
)


@functools.cache
def _question_adapter() -> TypeAdapter[AnyQuestion]:
    return TypeAdapter(Question)


class ComputedValue(_Model):
    """A value worked out from the answers, such as a cost comparison."""

    id: Id = Field(description="Unique within the section, also among its question ids.")
    label: Text
    expression: ExpressionText
    unit: str | None = None


@functools.cache
def _computed_adapter() -> TypeAdapter[ComputedValue]:
    return TypeAdapter(ComputedValue)


class Section(_Model):
    """One checklist file: a section of the interview and of the report."""

    id: Id = Field(description="Unique in the checklist set; [a-z][a-z0-9_]*.")
    title: Text
    description: str | None = Field(None, description="Markdown shown before the questions.")
    weight: Weight = Field(1.0, description="This section's weight in the overall score.")
    order: int | None = Field(None, description="Sections are asked by (order, id).")
    version: int | None = Field(None, description="Recorded in answers files.")
    questions: list[Question] = Field(min_length=1)
    computed: list[ComputedValue] = Field(default_factory=list)

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
        "title": "outsource checklist section (format v1)",
        **{key: value for key, value in schema.items() if key != "title"},
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def parse_section(doc: Document) -> Section:
    """Validate one checklist file's data; raises every problem found, each located."""
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
                tags=frozenset(QUESTION_TYPES),
                top_level=(
                    "a checklist file must be a mapping with at least the keys id, title "
                    "and questions; this file holds {found}"
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
    for key, adapter in (("questions", _question_adapter()), ("computed", _computed_adapter())):
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


def _context(doc: Document, path: Path_) -> str:
    """Name what a path points into: "question 'x': ", "computed value 'y': "."""
    if len(path) < 2 or path[0] not in {"questions", "computed"}:
        return ""
    items = doc.data.get(path[0]) if isinstance(doc.data, dict) else None
    index = path[1]
    item = items[index] if isinstance(items, list) and isinstance(index, int) else None
    noun = "question" if path[0] == "questions" else "computed value"
    item_id = item.get("id") if isinstance(item, dict) else None
    text = f"{noun} '{item_id}'" if isinstance(item_id, str) else f"{noun} {int(index) + 1}"
    if len(path) >= 4 and path[2] == "choices" and isinstance(path[3], int):
        text += f", choice {path[3] + 1}"
    return text + ": "


def _allowed_keys(loc: tuple[Any, ...]) -> list[str]:
    model: type[BaseModel] = Section
    parts = list(loc[:-1])
    while parts:
        part = parts.pop(0)
        if part == "questions":
            parts = parts[1:]  # the position
            tag = parts.pop(0) if parts else None
            model = QUESTION_MODELS.get(str(tag), _Question)
        elif part == "computed":
            parts = parts[1:]
            model = ComputedValue
        elif part == "choices":
            parts = parts[1:]
            model = Choice
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
        add(("id",), f"'{data['id']}' is a reserved word in expressions; choose another id")
    seen: dict[str, str] = {}
    for kind, noun in (("questions", "question"), ("computed", "computed value")):
        items = data.get(kind)
        for index, item in enumerate(items if isinstance(items, list) else []):
            item_id = item.get("id") if isinstance(item, dict) else None
            if not isinstance(item_id, str):
                continue
            path: Path_ = (kind, index, "id")
            if item_id in RESERVED_IDS:
                add(path, f"'{item_id}' is a reserved word in expressions; choose another id")
            elif item_id in seen:
                add(path, f"the id '{item_id}' is already used by {seen[item_id]}")
            seen.setdefault(item_id, f"{noun} {index + 1}")
    questions = data.get("questions")
    for index, item in enumerate(questions if isinstance(questions, list) else []):
        try:
            question = _question_adapter().validate_python(item)
        except ValidationError:
            continue  # already reported by the whole-file validation
        problems.extend(_check_question(question, doc, ("questions", index)))
    return problems


def _check_question(question: AnyQuestion, doc: Document, path: Path_) -> list[Problem]:
    problems: list[Problem] = []

    def add(where: Path_, message: str) -> None:
        problems.append(doc.problem(where, _context(doc, where) + message))

    if question.critical and question.weight == 0:
        add((*path, "critical"), "a critical question needs a weight above 0")
    if isinstance(question, TextQuestion) and question.allow_na:
        add(
            (*path, "allow_na"), "text questions cannot be answered not applicable; remove allow_na"
        )
    if isinstance(question, (ChoiceQuestion, MultiQuestion)):
        values = [choice.value for choice in question.choices]
        for position, value in enumerate(values):
            if value in values[:position]:
                add((*path, "choices", position, "value"), f"the value '{value}' is already used")
        defaults = (
            [question.default]
            if isinstance(question, ChoiceQuestion) and question.default is not None
            else list(question.default or [])
            if isinstance(question, MultiQuestion)
            else []
        )
        for value in defaults:
            if value not in values:
                add(
                    (*path, "default"),
                    f"default '{value}' is not one of the values {', '.join(values)}",
                )
    elif isinstance(question, ScaleQuestion):
        if question.min >= question.max:
            add((*path, "max"), f"'max' ({question.max}) must be above 'min' ({question.min})")
        for label in question.labels or {}:
            if not question.min <= label <= question.max:
                add(
                    (*path, "labels"),
                    f"label {label} is outside the scale {question.min} to {question.max}",
                )
        if question.default is not None and not question.min <= question.default <= question.max:
            add(
                (*path, "default"),
                f"default {question.default} is outside the scale {question.min} to {question.max}",
            )
    elif isinstance(question, NumberQuestion):
        low, high = question.min, question.max
        if low is not None and high is not None and low > high:
            add((*path, "max"), f"'max' ({high}) must not be below 'min' ({low})")
        default = question.default
        if default is not None and (
            (low is not None and default < low) or (high is not None and default > high)
        ):
            add((*path, "default"), f"default {default} is outside the range {_range(low, high)}")
    return problems


def _range(low: Number | None, high: Number | None) -> str:
    if low is not None and high is not None:
        return f"{low} to {high}"
    return f"{low} or more" if low is not None else f"{high} or less"


def is_scored(question: AnyQuestion) -> bool:
    """Whether the question's answer can be scored at all (by its type)."""
    if isinstance(question, TextQuestion):
        return False
    if isinstance(question, NumberQuestion):
        return question.score is not None
    return True
