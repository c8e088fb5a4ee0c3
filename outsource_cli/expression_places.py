"""Where a section's expressions are written, and what each may refer to (its rule).

Expressions are written at a question's `when` and `score`, at `weight` and `critical`
when they are not constants, at the `when` of each variant of a text and of each choice,
and at a computed value's `expression`.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from typing import NamedTuple

from . import variants
from .checklist import AnyQuestion, Section
from .choice_questions import ChoiceQuestion, MultiQuestion
from .yamlfile import Document, Path_


class Rule(Enum):
    """What an expression may refer to."""

    ASKED = "condition"
    """Shown or decided during the interview: only questions asked before this one."""
    SCORED = "scored"
    """Used when scoring: any answer, any computed value."""
    SCORE = "score"
    """A number or date question's `score`: as SCORED, and `value`, the answer being scored."""
    COMPUTED = "computed value"
    """A computed value: any question, and computed values defined before it."""


class Place(NamedTuple):
    """Where an expression is written, what it says, and what it belongs to."""

    path: Path_
    """In the file."""
    inside: Path_
    """In its question or computed value: ("when",), ("choices", 2, "label", 0, "when")."""
    text: str
    rule: Rule
    item_id: str
    order: int
    """The item's place among the section's questions or computed values."""

    @property
    def where(self) -> str:
        """The place in words, for messages: "question 'a'", "question 'a', choice 2"."""
        if self.rule is Rule.COMPUTED:
            return f"computed value '{self.item_id}'"
        return f"question '{self.item_id}'" + variants.place_name(self.inside)


def question_places(question: AnyQuestion) -> list[tuple[Path_, str, Rule]]:
    """Every expression of a question, in file order: (path inside it, text, rule)."""
    # run for every question of every load, cached or not: plain loops, no generators
    found: list[tuple[Path_, str, Rule]] = []
    if question.when is not None:
        found.append((("when",), question.when, Rule.ASKED))
    if isinstance(question.prompt, list):
        _add_variants(found, ("prompt",), question.prompt, Rule.ASKED)
    if isinstance(question.help, list):
        _add_variants(found, ("help",), question.help, Rule.ASKED)
    if isinstance(question.recommendation, list):
        _add_variants(found, ("recommendation",), question.recommendation, Rule.SCORED)
    if isinstance(question.weight, str):
        found.append((("weight",), question.weight, Rule.SCORED))
    if isinstance(question.critical, str):
        found.append((("critical",), question.critical, Rule.SCORED))
    if isinstance(question, (ChoiceQuestion, MultiQuestion)):
        for position, choice in enumerate(question.choices):
            if isinstance(choice.label, list):
                _add_variants(found, ("choices", position, "label"), choice.label, Rule.ASKED)
            if isinstance(choice.help, list):
                _add_variants(found, ("choices", position, "help"), choice.help, Rule.ASKED)
            if choice.when is not None:
                found.append((("choices", position, "when"), choice.when, Rule.ASKED))
    if question.score_expression is not None:
        found.append((("score",), question.score_expression, Rule.SCORE))
    return found


def _add_variants(
    found: list[tuple[Path_, str, Rule]], base: Path_, value: list[variants.Variant], rule: Rule
) -> None:
    for index, variant in enumerate(value):
        if variant.when is not None:
            found.append(((*base, index, "when"), variant.when, rule))


def places(section: Section, doc: Document) -> Iterator[Place]:
    """Every expression of a section, in file order: questions first, then computed values."""
    for q_index, question in enumerate(section.questions):
        found = question_places(question)
        if not found:
            continue
        base = ("questions", item_position(doc, "questions", question.id, q_index))
        for inside, text, rule in found:
            yield Place((*base, *inside), inside, text, rule, question.id, q_index)
    for c_index, value in enumerate(section.computed):
        path = ("computed", item_position(doc, "computed", value.id, c_index), "expression")
        yield Place(path, ("expression",), value.expression, Rule.COMPUTED, value.id, c_index)


def item_position(doc: Document, kind: str, item_id: str, index: int) -> int:
    """Where an item sits in its file: a partial section skips the invalid ones."""
    items = doc.data.get(kind) if isinstance(doc.data, dict) else None
    for position, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict) and item.get("id") == item_id:
            return position
    return index
