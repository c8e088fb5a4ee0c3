"""Text that depends on the answers: a text, or variants each used when its `when` holds.

A question's `prompt`, `help` and `recommendation`, and a choice's `label` and `help`,
take a text or a list of variants `[{when: EXPR, text: ...}, ..., {text: ...}]`: the
first variant whose `when` is true is used; the last has no `when`, and is used when no
other fits.
"""

from __future__ import annotations

from typing import Annotated, Any, NoReturn

from pydantic import Discriminator, Field, GetJsonSchemaHandler, PlainValidator, Tag, ValidationInfo
from pydantic.json_schema import SkipJsonSchema

from .format_types import ExpressionText, FormatModel, RuleProblem, Text
from .validation import describe
from .yamlfile import Path_

PLAIN_TAG = "[text]"
LIST_TAG = "[variants]"
OTHER_TAG = "[other]"
"""The markers pydantic puts in the location of an error in a text that may have variants
(brackets: they are never keys of a file)."""
KEYS = frozenset({"prompt", "help", "recommendation", "label"})
"""The keys that take variants: a question's prompt, help and recommendation, a choice's
label and help."""


class Variant(FormatModel):
    """One variant of a text: used when its `when` is true; the last one has no `when`."""

    when: ExpressionText | None = Field(
        None,
        description="Expression: this text is used when it is true (earlier variants first). "
        "Every variant has one but the last.",
    )
    text: Text = Field(description="The text.")


def _shape(value: Any) -> str:
    if isinstance(value, str):
        return PLAIN_TAG
    return LIST_TAG if isinstance(value, list) else OTHER_TAG


def _neither(value: Any, info: ValidationInfo) -> NoReturn:
    raise ValueError(
        f"'{info.field_name}' must be text or a list of variants, not {describe(value)}"
    )


class _NotEmptyInSchema:
    """Says in the JSON Schema that a list of variants is not empty; validation leaves that
    to `variant_problems`, whose message says what to write instead."""

    def __get_pydantic_json_schema__(self, schema: Any, handler: GetJsonSchemaHandler) -> Any:
        return {**handler(schema), "minItems": 1}


_Variants = Annotated[list[Variant], _NotEmptyInSchema(), Tag(LIST_TAG)]
_Other = Annotated[SkipJsonSchema[Annotated[str, PlainValidator(_neither)]], Tag(OTHER_TAG)]

VariedText = Annotated[
    Annotated[Text, Tag(PLAIN_TAG)] | _Variants | _Other,
    Discriminator(_shape),
]
"""A text that must not be empty (a prompt, a label), or its variants."""
VariedNote = Annotated[
    Annotated[str, Tag(PLAIN_TAG)] | _Variants | _Other,
    Discriminator(_shape),
]
"""A text that may be empty (a help, a recommendation), or its variants."""


def fallback(value: str | list[Variant] | None) -> str | None:
    """The text itself, or for variants the last one's: what is used when no other fits."""
    if value is None or isinstance(value, str):
        return value
    return value[-1].text if value else None


def variant_problems(key: str, value: str | list[Variant] | None) -> list[RuleProblem]:
    """What is wrong with a list of variants beyond its shape: the order of the `when`s."""
    if not isinstance(value, list):
        return []
    if not value:
        return [
            (
                (key,),
                f"'{key}' is an empty list: write the text, or variants that end with one "
                "without 'when'",
            )
        ]
    problems: list[RuleProblem] = []
    for index, variant in enumerate(value[:-1]):
        if variant.when is None:
            problems.append(
                (
                    (key, index),
                    "only the last variant may have no 'when': give this one a 'when', or "
                    "move it to the end",
                )
            )
    if value[-1].when is not None:
        problems.append(
            (
                (key, len(value) - 1, "when"),
                "the last variant must have no 'when': it is the text used when no other "
                "fits; remove the 'when', or add a variant without one at the end",
            )
        )
    return problems


def place_name(path: Path_) -> str:
    """Where in a question a path points, in words: ', choice 2, label variant 1'.

    `path` starts inside the question, as in ("choices", 1, "label", 0, "when").
    """
    words = ""
    parts = list(path)
    if len(parts) >= 2 and parts[0] == "choices" and isinstance(parts[1], int):
        words += f", choice {parts[1] + 1}"
        parts = parts[2:]
    if len(parts) >= 2 and parts[0] in KEYS and isinstance(parts[1], int):
        words += f", {parts[0]} variant {parts[1] + 1}"
    return words
