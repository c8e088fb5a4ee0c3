"""Questions answered with a list of items, each a few fields: KPIs with their targets.

A list answer is stored as a list of mappings, one per item, each holding every field of
the list in the order the checklist gives them (none for a field left empty). A list may
also be answered once per item of another list (`for_each`): then each item starts with
`item`, the other list's item it belongs to, named by that list's `key` field.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field, field_validator

from .format_types import ExpressionText, Id, RuleProblem, Text
from .list_fields import ITEM_KEY, AnswerProblem, KeyLeftEmpty, ListField
from .number_questions import number_before_words, number_text
from .questions import BaseQuestion
from .quoting import quoted
from .validation import describe
from .words import article

MAX_LIST_ITEMS = 100
"""The most items a list answer may hold: lists are KPIs and dates, not a database."""
DEFAULT_MAX_ITEMS = 20
"""How many items a list holds at most when its checklist does not say."""
MAX_FIELDS = 20
"""The most fields an item of a list may have."""
MAX_FIELD_CHARS = 1_000
"""The longest text an item's field may hold: a name, a unit, a short phrase."""
REMOVED_MARK = " (removed)"
"""After the item a for_each item is for, when that item is no longer on its list."""
REFERENCE_PATTERN = r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$"


class ListQuestion(BaseQuestion):
    """A question answered with a list of items, each a few fields (a KPI: name, target)."""

    type: Literal["list"]
    fields: list[ListField] = Field(
        min_length=1, max_length=MAX_FIELDS, description="What each item holds, in order."
    )
    item_name: Text = Field("item", description="What one item is called, as in 'Add a KPI': KPI.")
    items_name: Text | None = Field(
        None, description="What several are called; without it, item_name with an s."
    )
    key: Id | None = Field(
        None,
        description="The text field that names each item: required, unique among the "
        "items, and the list's first field. Needed for a for_each list to refer to it.",
    )
    for_each: str | None = Field(
        None,
        pattern=REFERENCE_PATTERN,
        description="section.question of an earlier list with a key: this list is answered "
        "once per item of that one.",
    )
    max_items: int = Field(
        DEFAULT_MAX_ITEMS,
        ge=1,
        le=MAX_LIST_ITEMS,
        description=f"The most items the list may hold (at most {MAX_LIST_ITEMS}).",
    )
    score: ExpressionText | None = Field(
        None,
        description="Expression reading the items as `value`, clamped to 0..1; unscored "
        "without one.",
    )
    default: None = Field(None, description="Lists have no default: leave it out.")

    # plain words where the schema's own would mislead ("must start with a lowercase
    # letter" for a for_each without its section, "Input should be None" for a default)

    @field_validator("fields", mode="before")
    @classmethod
    def _some_fields(cls, value: Any) -> Any:
        if isinstance(value, list) and not value:
            raise ValueError("a list needs at least one field")
        return value

    @field_validator("for_each", mode="before")
    @classmethod
    def _a_reference(cls, value: Any) -> Any:
        if isinstance(value, str) and not re.fullmatch(REFERENCE_PATTERN, value):
            raise ValueError(
                f"'for_each' is {quoted(value)}: write it as section.question, such as "
                "goals.kpi_list"
            )
        return value

    @field_validator("default", mode="before")
    @classmethod
    def _no_default(cls, value: Any) -> Any:
        if value is not None:
            raise ValueError("a list has no default: remove 'default'")
        return value

    # --- loading --------------------------------------------------------------------

    def rule_problems(self) -> list[RuleProblem]:
        problems = super().rule_problems()
        ids = [field.id for field in self.fields]
        for position, field in enumerate(self.fields):
            if field.id in ids[:position]:
                problems.append(
                    (("fields", position, "id"), f"the field id '{field.id}' is already used")
                )
            problems += [
                (("fields", position, *where), message) for where, message in field.rule_problems()
            ]
        if self.key is not None:
            key_field = self.field(self.key)
            if key_field is None:
                problems.append(
                    (("key",), f"'{self.key}' is not one of the fields: {', '.join(ids)}")
                )
            elif key_field.type != "text":
                problems.append((("key",), "the key must be a text field"))
            elif ids[0] != self.key:
                problems.append((("key",), "the key must be the list's first field"))
        if self.for_each is not None and "max_items" in self.model_fields_set:
            problems.append(
                (
                    ("max_items",),
                    "a for_each list holds one item for each item of its list: remove max_items",
                )
            )
        if self.key is not None and self.for_each is not None:
            problems.append(
                (("key",), f"a for_each list's items are named by '{ITEM_KEY}': remove key")
            )
        return problems

    @property
    def capacity(self) -> int:
        """The most items an answer may hold: `max_items`; for a for_each list, one for
        each item its list may hold and as many again kept for items since removed."""
        return 2 * MAX_LIST_ITEMS if self.for_each is not None else self.max_items

    def field(self, field_id: str) -> ListField | None:
        """The field with this id, if there is one."""
        return next((field for field in self.fields if field.id == field_id), None)

    # --- words ------------------------------------------------------------------------

    @property
    def plural_name(self) -> str:
        """What several items are called: KPIs."""
        return self.items_name or f"{self.item_name}s"

    def count_text(self, count: int) -> str:
        """'1 KPI', '3 KPIs', 'no KPIs'."""
        if count == 0:
            return f"no {self.plural_name}"
        return f"1 {self.item_name}" if count == 1 else f"{count} {self.plural_name}"

    def item_title(self, item: dict[str, Any]) -> str | None:
        """What names an item: its key field's value, or the item it belongs to."""
        name = item.get(ITEM_KEY) if self.for_each else item.get(self.key or "")
        return name if isinstance(name, str) else None

    def field_text(self, field: ListField, value: Any) -> str:
        """A field's value in words, as the report's table shows it; a dash for none."""
        if value is None:
            return "—"
        return field.question().answer_text(value)

    def table(
        self, answer: Any, source: BaseQuestion | None = None, source_answer: Any = None
    ) -> tuple[list[str], list[list[str]]] | None:
        """An answer as a table: the headings and one row of words per item.

        For a `for_each` list, `source` is the list it goes through (when known) and
        `source_answer` that list's items: the first column is headed with the name of
        its items, and an item no longer among them is marked (removed).
        """
        if not isinstance(answer, list):
            return None
        known = source if isinstance(source, ListQuestion) else None
        headings = ([self._item_heading(known)] if self.for_each else []) + [
            field.label for field in self.fields
        ]
        names = known.item_names(source_answer) if known is not None else None
        rows = [
            ([self._item_cell(item, names)] if self.for_each else [])
            + [self.field_text(field, item.get(field.id)) for field in self.fields]
            for item in answer
        ]
        return headings, rows

    def item_names(self, answer: Any) -> set[str] | None:
        """The names of an answer's items, folded as names are compared; None unanswered."""
        if not isinstance(answer, list):
            return None
        titles = (self.item_title(item) for item in answer if isinstance(item, dict))
        return {title.strip().casefold() for title in titles if title}

    def _item_heading(self, source: ListQuestion | None) -> str:
        if source is None:
            return "For"
        return source.item_name[:1].upper() + source.item_name[1:]

    def _item_cell(self, item: dict[str, Any], names: set[str] | None) -> str:
        """The item a for_each item is for, marked (removed) when its list no longer has it."""
        name = item.get(ITEM_KEY)
        if not isinstance(name, str) or not name:
            return "—"
        gone = names is not None and name.strip().casefold() not in names
        return f"{name}{REMOVED_MARK}" if gone else name

    def how_to_answer(self) -> str:
        name = self.item_name
        return f"Type a to add {article(name)} {name}, or press Enter when the list is complete"

    def input_hint(self) -> str:
        return "a/c N/r N"

    def _short(self, answer: Any) -> str:
        return self.count_text(len(answer))

    def _words(self, answer: Any) -> str:
        names = [title for title in (self.item_title(item) for item in answer) if title]
        text = self.count_text(len(answer))
        return f"{text[:1].upper()}{text[1:]}" + (f": {', '.join(names)}" if names else "")

    # --- checking a stored answer -----------------------------------------------------

    def _checked(self, raw: Any) -> list[dict[str, Any]]:
        if not isinstance(raw, list):
            example = f"- {self.fields[0].id}: ..."
            raise AnswerProblem(
                f"expected a list of {self.plural_name}, each a mapping of its fields "
                f"(as in '{example}'), not {describe(raw)}"
            )
        if len(raw) > self.capacity:
            raise AnswerProblem(
                f"the list holds {len(raw)} {self.plural_name}; at most {self.capacity} fit: "
                "remove some"
            )
        items = [self.checked_item(item, position) for position, item in enumerate(raw)]
        self._check_names(items)
        return items

    def checked_item(self, raw: Any, position: int = 0) -> dict[str, Any]:
        """One item, checked: every field in order, none for those left out."""
        where: tuple[str | int, ...] = (position,)
        number = f"{self.item_name} {position + 1}"
        if not isinstance(raw, dict):
            raise AnswerProblem(
                f"{number} must be a mapping of its fields ({', '.join(self._keys())}), "
                f"not {describe(raw)}",
                where,
            )
        unknown = [key for key in raw if key not in self._keys()]
        if unknown:
            raise AnswerProblem(
                f"{number} has no field {quoted(str(unknown[0]))}; its fields are "
                f"{', '.join(self._keys())}",
                (*where, str(unknown[0])),
            )
        item: dict[str, Any] = {}
        if self.for_each:
            name = raw.get(ITEM_KEY)
            if not isinstance(name, str) or not name.strip():
                raise AnswerProblem(
                    f"{number} needs '{ITEM_KEY}': the name of the item of {self.for_each} it "
                    "is for",
                    (*where, ITEM_KEY),
                )
            if len(name) > MAX_FIELD_CHARS:
                raise AnswerProblem(
                    f"{number}: '{ITEM_KEY}' is {len(name):,} characters; at most "
                    f"{MAX_FIELD_CHARS:,} fit",
                    (*where, ITEM_KEY),
                )
            item[ITEM_KEY] = name
        for field in self.fields:
            field_where = (*where, field.id)
            try:
                item[field.id] = self.check_field(field, raw.get(field.id))
            except KeyLeftEmpty:
                if field.id not in raw:
                    raise AnswerProblem(
                        f"{number} has no {field.label} (its '{field.id}'): add a line "
                        f"'{field.id}: ...' to it",
                        where,
                    ) from None
                raise AnswerProblem(
                    f"{number} has no {field.label} (its '{field.id}' is empty): write it "
                    f"after '{field.id}:'",
                    field_where,
                ) from None
            except ValueError as error:
                raise AnswerProblem(f"{number}, {field.label}: {error}", field_where) from None
        return item

    def check_field(self, field: ListField, value: Any) -> Any:
        """One field's value, checked as stored; ValueError says what fits, KeyLeftEmpty
        that the field naming the item is empty."""
        if value is None:
            if field.id == self.key:
                raise KeyLeftEmpty(self._key_needed(field))
            return None
        if field.type == "text" and isinstance(value, str) and len(value) > MAX_FIELD_CHARS:
            raise ValueError(
                f"the text is {len(value):,} characters; at most {MAX_FIELD_CHARS:,} fit in "
                "a field of a list: shorten it"
            )
        value = field.question().check_answer(value)
        if field.id == self.key and not value.strip():
            raise KeyLeftEmpty(self._key_needed(field))
        return value

    def refusal(self, field: ListField, typed: str, message: str) -> str:
        """What to say when a reply typed at a field is refused (`message`, the field's own
        words): a number typed with its unit, in a list asking the unit apart, says so."""
        number = number_before_words(typed) if field.type == "number" else None
        if number is not None and field.unit is None and self._has_unit_field():
            return f"Type the number alone ({number_text(number)}): the unit is asked separately."
        return message

    def _has_unit_field(self) -> bool:
        """Whether a text field of the list holds the unit (its id or label is unit)."""
        return any(
            field.type == "text" and "unit" in (field.id, field.label.strip().casefold())
            for field in self.fields
        )

    def _key_needed(self, field: ListField) -> str:
        """What the interview says when the field naming an item is left empty."""
        label = field.label[:1].upper() + field.label[1:]
        return f"{label} cannot be left empty: it names the {self.item_name}"

    def item_fields(self) -> list[str]:
        """The fields each item holds, as expressions read them: `item` first in a for_each
        list."""
        return self._keys()

    def _keys(self) -> list[str]:
        return ([ITEM_KEY] if self.for_each else []) + [field.id for field in self.fields]

    def _check_names(self, items: list[dict[str, Any]]) -> None:
        """The items' names (key, or the item they are for) must differ."""
        seen: dict[str, int] = {}
        for position, item in enumerate(items):
            name = self.item_title(item)
            if name is None:
                continue
            folded = name.strip().casefold()
            if folded in seen:
                field = ITEM_KEY if self.for_each else (self.key or "")
                raise AnswerProblem(
                    f"{self.item_name} {position + 1} has the same name as {self.item_name} "
                    f"{seen[folded] + 1} ({quoted(name.strip())}); each "
                    f"{self.item_name} needs a name of its own",
                    (position, field),
                )
            seen[folded] = position

    def name_taken(self, items: list[dict[str, Any]], name: str, besides: int | None) -> bool:
        """Whether another item (not the one at `besides`) already has this name."""
        folded = name.strip().casefold()
        return any(
            position != besides and (self.item_title(item) or "").strip().casefold() == folded
            for position, item in enumerate(items)
        )

    # --- scoring ----------------------------------------------------------------------

    def is_scored(self) -> bool:
        return self.score is not None

    @property
    def score_expression(self) -> str | None:
        return self.score
