"""The checklist format's building blocks: the strict base model, ids, texts, expressions."""

from __future__ import annotations

from typing import Annotated, Any

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

    # The checklist cache stores thousands of these: a pair instead of pydantic's mapping
    # of four entries reads back in about half the time. With no unknown keys allowed and
    # no private attributes, the other two are always none. (A stored copy in another form
    # fails to read back, and the cache then reads the file the slow way.)
    def __getstate__(self) -> Any:
        return (self.__dict__, self.__pydantic_fields_set__)

    def __setstate__(self, state: Any) -> None:
        values, fields_set = state
        _set = object.__setattr__
        _set(self, "__dict__", values)
        _set(self, "__pydantic_fields_set__", fields_set)
        _set(self, "__pydantic_extra__", None)
        _set(self, "__pydantic_private__", None)
