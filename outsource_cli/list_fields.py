"""The fields of a list question's items: a KPI's name, target, unit and direction.

Each field is checked and read as a question of its type is: its own `as_question`,
made once per field, does the reading, the checks and the words.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, PlainValidator, ValidationError, WithJsonSchema

from .choice_questions import ChoiceQuestion
from .date_questions import DateQuestion
from .format_types import FormatModel, Id, RuleProblem, Text
from .number_questions import NumberQuestion
from .questions import BaseQuestion, Number, TextQuestion, YesNoQuestion
from .validation import describe

ITEM_KEY = "item"
"""The field that names, in a `for_each` list, the other list's item an item belongs to."""

FieldType = Literal["text", "number", "choice", "yes_no", "date"]


class KeyLeftEmpty(ValueError):
    """The field that names a list's items (its `key`) was left empty."""


class AnswerProblem(ValueError):
    """A stored answer does not fit its question, at `where` inside the answer.

    `where` is the path from the answer to the value at fault (item position, field id),
    so that the answers file's message points at that line rather than at the question.
    """

    def __init__(self, message: str, where: tuple[str | int, ...] = ()) -> None:
        super().__init__(message)
        self.where = where


def _bound(value: Any) -> Any:
    """A field's `min` or `max`: a number, or text (a date field's date or today)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    raise ValueError(
        f"min and max must be a number, or for a date field a date such as 2026-12-01 or "
        f"today, not "
        f"{describe(value)}"
    )


Bound = Annotated[
    Number | str | None,
    PlainValidator(_bound),
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string"}, {"type": "null"}]}),
]


class FieldChoice(FormatModel):
    """One option of a list field of type `choice`."""

    value: Id = Field(description="What the answers file stores; [a-z][a-z0-9_]*.")
    label: Text = Field(description="What the interview and the report show.")


class ListField(FormatModel):
    """One field of a list's items, such as a KPI's name or target."""

    id: Id = Field(description="Unique within the list; `item` is reserved for `for_each`.")
    label: Text = Field(
        description="The field's name: the interview's prompt, the table's heading."
    )
    type: FieldType = Field(description="text, number, choice, yes_no or date.")
    help: str | None = Field(None, description="Shown on request while the field is asked.")
    min: Bound = Field(
        None, description="number: the lowest answer; date: the earliest (ISO date or today)."
    )
    max: Bound = Field(
        None, description="number: the highest answer; date: the latest (ISO date or today)."
    )
    unit: str | None = Field(None, description="number: shown after the value, such as hours.")
    choices: list[FieldChoice] | None = Field(
        None, min_length=2, max_length=50, description="choice: the options, at least 2."
    )

    def rule_problems(self) -> list[RuleProblem]:
        """What is wrong beyond the schema: keys that do not fit the type, a bad range."""
        problems: list[RuleProblem] = []
        if self.id == ITEM_KEY:
            problems.append(
                (("id",), f"'{ITEM_KEY}' is kept for the item a for_each list refers to")
            )
        if (self.type == "choice") != (self.choices is not None):
            problems.append(
                (("choices",), "a choice field needs choices, and only a choice field has them")
            )
        if self.unit is not None and self.type != "number":
            problems.append((("unit",), "only a number field has a unit"))
        for key in ("min", "max"):
            if getattr(self, key) is not None and self.type not in ("number", "date"):
                problems.append(((key,), f"only a number or date field has '{key}'"))
        for key in ("min", "max"):
            bound = getattr(self, key)
            if bound is None:
                continue
            if self.type == "number" and (isinstance(bound, (str, bool))):
                problems.append(((key,), f"'{key}' of a number field must be a number"))
            if self.type == "date" and not isinstance(bound, str):
                problems.append(
                    ((key,), f"'{key}' of a date field must be a date such as 2026-12-01, or today")
                )
        if not problems:
            try:
                as_question(self)
            except ValidationError as error:
                detail = error.errors()[0]
                where = ".".join(str(part) for part in detail["loc"])
                problems.append(((), f"'{where}' does not fit the field: {detail['msg']}"))
            else:
                problems += [
                    (where, message) for where, message in as_question(self).rule_problems()
                ]
        return problems

    def choice_label(self, value: Any) -> str | None:
        """The label of a choice field's value; None for other fields."""
        return next((c.label for c in self.choices or [] if c.value == value), None)

    def question(self) -> BaseQuestion:
        """The field as a question of its type, which reads, checks and words its values."""
        return as_question(self)


_QUESTIONS: dict[int, tuple[ListField, BaseQuestion]] = {}
"""Each field's question, by the field's identity (the field is kept, so the id stays its)."""


def as_question(field: ListField) -> BaseQuestion:
    """A field's question: its type's own reading, checks and words, made once per field."""
    known = _QUESTIONS.get(id(field))
    if known is not None and known[0] is field:
        return known[1]
    data: dict[str, Any] = {"type": field.type, "id": field.id, "prompt": field.label}
    if field.help:
        data["help"] = field.help
    if field.type in ("number", "date"):
        data.update(
            {key: getattr(field, key) for key in ("min", "max") if getattr(field, key) is not None}
        )
    if field.type == "number" and field.unit:
        data["unit"] = field.unit
    if field.type == "choice":
        data["choices"] = [
            {"value": choice.value, "label": choice.label, "score": 1}
            for choice in field.choices or []
        ]
    question = _FIELD_MODELS[field.type].model_validate(data)
    _QUESTIONS[id(field)] = (field, question)
    return question


_FIELD_MODELS: dict[str, type[BaseQuestion]] = {
    "text": TextQuestion,
    "number": NumberQuestion,
    "choice": ChoiceQuestion,
    "yes_no": YesNoQuestion,
    "date": DateQuestion,
}
