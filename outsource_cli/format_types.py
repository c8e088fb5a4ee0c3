"""The checklist format's building blocks: the strict base model, ids, texts, expressions."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from .yamlfile import Path_

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
MAX_EXPRESSION_LENGTH = 2000

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1)]
ExpressionText = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_EXPRESSION_LENGTH, strip_whitespace=False)
]
RuleProblem = tuple[Path_, str]
"""A problem the schema cannot see: where, from the question, and what is wrong."""


class FormatModel(BaseModel):
    """The base of every checklist-format model: strict, frozen, no unknown keys."""

    # built on first validation, not at import: a run served from the cache never needs it
    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, allow_inf_nan=False, defer_build=True
    )
