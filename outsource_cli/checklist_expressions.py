"""A set's expressions: where each is written, compiling them, and what each may refer to.

Expressions are written at a question's `when` and `score`, at `weight` and `critical`
when they are not constants, at the `when` of each variant of a text and of each choice,
and at a computed value's `expression`. Each place has a rule for what it may refer to:
what the interview shows may depend only on questions asked before; what scoring uses,
on any answer.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from . import variants
from .checklist import AnyQuestion, Section
from .date_questions import DateQuestion
from .errors import Problem
from .expression_checks import VALUE
from .expression_places import Place, Rule, item_position, places
from .expressions import Expression, ExpressionSyntaxError, Reference
from .list_questions import ListQuestion
from .yamlfile import Document, Path_

Key = tuple[str, str]
"""A question or computed value: (section id, its id)."""
ExpressionKey = tuple[str, str, Path_]
"""Where an expression is written: (section id, question or computed value id, the path
inside it), as in ("goals", "budget", ("prompt", 1, "when"))."""


@dataclass(frozen=True)
class CompiledExpression:
    """An expression with the place in its file where it was written."""

    expression: Expression
    file: str
    line: int
    column: int

    def problem(self, message: str) -> Problem:
        """A problem located where the expression is written."""
        return Problem(self.file, self.line, self.column, message)


@functools.lru_cache(maxsize=4096)
def _expression(text: str, *, allow_value: bool) -> Expression:
    """An expression compiled once per run, however many questions share its text."""
    return Expression(text, allow_value=allow_value)


def compile_file(section: Section, doc: Document) -> dict[Path_, Expression | str]:
    """Compile a section's expressions once; a text in place of one says why it cannot be."""
    compiled: dict[Path_, Expression | str] = {}
    for place in places(section, doc):
        try:
            compiled[place.path] = _expression(place.text, allow_value=place.rule is Rule.SCORE)
        except ExpressionSyntaxError as error:
            compiled[place.path] = str(error)
    return compiled


@dataclass(frozen=True)
class SectionFile:
    """A section to cross-check: its file as read, and its expressions compiled."""

    section: Section
    doc: Document
    expressions: dict[Path_, Expression | str]
    places: tuple[Place, ...] | None = None
    """Its expressions' places, when they are known already (a stored copy keeps them)."""


@dataclass(frozen=True)
class CrossChecked:
    """A set's expressions, checked, and the questions they make depend on the answers."""

    expressions: dict[ExpressionKey, CompiledExpression]
    varied: frozenset[Key]
    """The questions whose texts, choices, weight or critical depend on the answers."""
    problems: list[Problem]


def cross_check(files: Sequence[SectionFile], broken_ids: set[str]) -> CrossChecked:
    """Every expression of the set, checked for what it refers to and in what order.

    `broken_ids` names sections whose files are invalid: references to them are not
    reported again.
    """
    questions: dict[Key, tuple[int, int]] = {}
    computed_order: dict[Key, tuple[int, int]] = {}
    for s_index, item in enumerate(files):
        for q_index, question in enumerate(item.section.questions):
            questions[(item.section.id, question.id)] = (s_index, q_index)
        for c_index, value in enumerate(item.section.computed):
            computed_order[(item.section.id, value.id)] = (s_index, c_index)
    known = {item.section.id: item.section for item in files}
    found: dict[ExpressionKey, CompiledExpression] = {}
    varied: set[Key] = set()
    problems: list[Problem] = []

    def check(
        doc: Document, place: Place, refs: Iterable[Reference], at: tuple[int, int], reader: Section
    ) -> None:
        for section_id, item_id in sorted(refs):
            message = _reference_problem(
                section_id,
                item_id,
                known,
                broken_ids,
                questions,
                computed_order,
                place.rule,
                at,
                reader,
            )
            if message:
                key = "" if place.rule is Rule.COMPUTED else f": '{place.inside[-1]}'"
                problems.append(doc.problem(place.path, f"{place.where}{key}: {message}"))

    for s_index, item in enumerate(files):
        doc = item.doc
        found_places = item.places if item.places is not None else places(item.section, doc)
        for place in found_places:
            if place.inside[0] not in ("when", "score", "expression"):
                varied.add((item.section.id, place.item_id))
            compiled = item.expressions[place.path]
            if isinstance(compiled, str):
                problems.append(doc.problem(place.path, f"{place.where}: {compiled}"))
                continue
            check(doc, place, compiled.references, (s_index, place.order), item.section)
            for listed, field in sorted(compiled.fields):
                message = _field_problem(listed, field, known, item.section, place)
                if message:
                    key = "" if place.rule is Rule.COMPUTED else f": '{place.inside[-1]}'"
                    problems.append(doc.problem(place.path, f"{place.where}{key}: {message}"))
            mark = doc.mark(place.path)
            found[(item.section.id, place.item_id, place.inside)] = CompiledExpression(
                compiled, doc.file, mark.line, mark.column
            )
    for s_index, item in enumerate(files):
        for q_index, question in enumerate(item.section.questions):
            source = getattr(question, "for_each", None)
            if source is None:
                continue
            message = _for_each_problem(
                source, known, broken_ids, questions, (s_index, q_index), item.section
            )
            if message:
                path = ("questions", item_position(item.doc, "questions", question.id, q_index))
                problems.append(
                    item.doc.problem(
                        (*path, "for_each"), f"question '{question.id}': 'for_each': {message}"
                    )
                )
        for q_index, question in enumerate(item.section.questions):
            path = ("questions", item_position(item.doc, "questions", question.id, q_index))
            for key, bound in _date_bounds(question):
                message = _bound_problem(
                    bound, known, broken_ids, questions, computed_order, (s_index, q_index), item
                )
                if message:
                    problems.append(
                        item.doc.problem(
                            (*path, key), f"question '{question.id}': '{key}': {message}"
                        )
                    )
            for key, placed in _placed_texts(question):
                if key == "recommendation":
                    varied.add((item.section.id, question.id))
                for section_id, item_id in placed:
                    message = _reference_problem(
                        section_id,
                        item_id,
                        known,
                        broken_ids,
                        questions,
                        computed_order,
                        Rule.SCORED,
                        (s_index, q_index),
                        item.section,
                    )
                    if message:
                        problems.append(
                            item.doc.problem(
                                (*path, key),
                                f"question '{question.id}': '{key}': the placeholder "
                                f"{{{section_id}.{item_id}}}: {message}",
                            )
                        )
    return CrossChecked(found, frozenset(varied), problems)


PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)\}")
"""`{section.id}` in a recommendation: the answer or computed value, in words."""


def placeholders(text: str | list[variants.Variant] | None) -> list[Reference]:
    """The answers and computed values a recommendation's texts name as `{section.id}`."""
    if text is None:
        return []
    texts = [text] if isinstance(text, str) else [variant.text for variant in text]
    texts = [one for one in texts if "{" in one]  # most have none: no pattern tried
    return [
        (match.group(1), match.group(2)) for one in texts for match in PLACEHOLDER.finditer(one)
    ]


def _placed_texts(question: Any) -> list[tuple[str, list[Reference]]]:
    """The placeholders of a question's recommendation and brief texts, by key."""
    found = []
    placed = placeholders(question.recommendation)
    if placed:
        found.append(("recommendation", placed))
    brief = question.brief
    placed = [] if brief is None else [ref for text in brief.texts() for ref in placeholders(text)]
    if placed:
        found.append(("brief", placed))
    return found


def message_paths(section: Section) -> list[Path_]:
    """Where each `for_each`, each date bound naming another question, and each
    recommendation or brief with placeholders, is written: kept (with the expressions'
    places) for messages about them."""
    paths: list[Path_] = []
    for index, question in enumerate(section.questions):
        if getattr(question, "for_each", None) is not None:
            paths.append(("questions", index, "for_each"))
        paths += [("questions", index, key) for key, _ in _date_bounds(question)]
        for key, _ in _placed_texts(question):
            paths.append(("questions", index, key))
    return paths


def _bound_problem(
    bound: str,
    known: dict[str, Section],
    broken_ids: set[str],
    questions: dict[Key, tuple[int, int]],
    computed: dict[Key, tuple[int, int]],
    position: tuple[int, int],
    item: SectionFile,
) -> str | None:
    """What is wrong with a date bound naming another question: it must be a date question
    asked before, in a section this one may read."""
    section_id, _, item_id = bound.partition(".")
    message = _reference_problem(
        section_id,
        item_id,
        known,
        broken_ids,
        questions,
        computed,
        Rule.SCORED,
        position,
        item.section,
    )
    if message:
        return message
    other = known[section_id].question(item_id) if section_id in known else None
    if section_id in broken_ids and section_id not in known:
        return None
    if other is None:
        return f"'{bound}' is a computed value; name a date question"
    if other.type != "date":
        return f"'{bound}' is not a date question"
    if questions[(section_id, item_id)] >= position:
        return f"'{bound}' is asked after this question; it must come before"
    return None


def _date_bounds(question: AnyQuestion) -> list[tuple[str, str]]:
    """A date question's `min` and `max` that name another date question, as (key, name)."""
    if not isinstance(question, DateQuestion):
        return []
    low, high = question.answer_bounds()
    return [(key, bound) for key, bound in (("min", low), ("max", high)) if bound is not None]


def _for_each_problem(
    source: str,
    sections: dict[str, Section],
    broken_ids: set[str],
    questions: dict[Key, tuple[int, int]],
    position: tuple[int, int],
    reader: Section,
) -> str | None:
    """What is wrong with the list a `for_each` list is answered once per item of;
    `reader` is the section the `for_each` list is in."""
    section_id, _, question_id = source.partition(".")
    if section_id not in sections:
        if section_id in broken_ids:
            return None
        return f"'{source}' refers to a section '{section_id}' that does not exist"
    audience = sections[section_id].audience
    if audience not in ("owner", reader.audience):
        return (
            f"'{source}' is in a {audience} section, answered once per {audience}; only a "
            f"section with 'audience: {audience}' may go through its items"
        )
    other = sections[section_id].question(question_id)
    if other is None:
        return f"'{source}' is not a question of section '{section_id}'"
    if other.type != "list" or getattr(other, "key", None) is None:
        return f"'{source}' must be a list question with a key, which names each of its items"
    if questions[(section_id, question_id)] >= position:
        return f"'{source}' is asked after this question; it must come before"
    return None


def _field_problem(
    source: str, field: str, sections: dict[str, Section], reader: Section, place: Place
) -> str | None:
    """What is wrong with reading `field` of the items of `source`, a list the expression
    names ('section.question', or 'value' in a list question's own score), or None."""
    if source == VALUE:
        question = reader.question(place.item_id) if place.rule is Rule.SCORE else None
    else:
        section_id, _, question_id = source.partition(".")
        section = sections.get(section_id)
        question = None if section is None else section.question(question_id)
    if not isinstance(question, ListQuestion) or field in question.item_fields():
        return None
    fields = ", ".join(question.item_fields())
    return f"'{field}' is not a field of '{source}'; its fields are {fields}"


def _reference_problem(
    section_id: str,
    item_id: str,
    sections: dict[str, Section],
    broken_ids: set[str],
    questions: dict[Key, tuple[int, int]],
    computed: dict[Key, tuple[int, int]],
    rule: Rule,
    position: tuple[int, int],
    reader: Section,
) -> str | None:
    """What is wrong with one reference, or None; `position` is its item's place in the set,
    `reader` the section it is written in."""
    name = f"'{section_id}.{item_id}'"
    if section_id not in sections:
        if section_id in broken_ids:
            return None  # that file's own problems are reported already
        known = ", ".join(sorted(sections)) or "none"
        return f"{name} refers to a section '{section_id}' that does not exist (sections: {known})"
    if sections[section_id].audience != "owner" and sections[section_id].audience != (
        reader.audience
    ):
        return (
            f"{name} is in a {sections[section_id].audience} section, answered once per "
            f"{sections[section_id].audience}; only a section with 'audience: "
            f"{sections[section_id].audience}' may read it"
        )
    key = (section_id, item_id)
    if key not in questions and key not in computed:
        return f"{name} is not a question or computed value of section '{section_id}'"
    if rule is Rule.ASKED:
        if key in computed:
            return f"{name} is a computed value; a condition may refer only to questions"
        if questions[key] >= position:
            return (
                f"{name} is asked after this question; a condition may refer only to "
                "questions asked before it"
            )
    if rule is Rule.COMPUTED and key in computed and computed[key] >= position:
        return f"{name} is defined after this value; move it above or refer to its inputs"
    return None
