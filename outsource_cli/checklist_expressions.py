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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, NamedTuple

from . import variants
from .checklist import AnyQuestion, Section
from .choice_questions import ChoiceQuestion, MultiQuestion
from .errors import Problem
from .expression_checks import VALUE
from .expressions import Expression, ExpressionSyntaxError, Reference
from .list_questions import ListQuestion
from .yamlfile import Document, Path_

Key = tuple[str, str]
"""A question or computed value: (section id, its id)."""
ExpressionKey = tuple[str, str, Path_]
"""Where an expression is written: (section id, question or computed value id, the path
inside it), as in ("goals", "budget", ("prompt", 1, "when"))."""


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
        base = ("questions", _position(doc, "questions", question.id, q_index))
        for inside, text, rule in found:
            yield Place((*base, *inside), inside, text, rule, question.id, q_index)
    for c_index, value in enumerate(section.computed):
        path = ("computed", _position(doc, "computed", value.id, c_index), "expression")
        yield Place(path, ("expression",), value.expression, Rule.COMPUTED, value.id, c_index)


def _position(doc: Document, kind: str, item_id: str, index: int) -> int:
    """Where an item sits in its file: a partial section skips the invalid ones."""
    items = doc.data.get(kind) if isinstance(doc.data, dict) else None
    for position, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict) and item.get("id") == item_id:
            return position
    return index


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
                path = ("questions", _position(item.doc, "questions", question.id, q_index))
                problems.append(
                    item.doc.problem(
                        (*path, "for_each"), f"question '{question.id}': 'for_each': {message}"
                    )
                )
        for q_index, question in enumerate(item.section.questions):
            path = ("questions", _position(item.doc, "questions", question.id, q_index))
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
    """Where each `for_each`, and each recommendation or brief with placeholders, is
    written: kept (with the expressions' places) for messages about them."""
    paths: list[Path_] = []
    for index, question in enumerate(section.questions):
        if getattr(question, "for_each", None) is not None:
            paths.append(("questions", index, "for_each"))
        for key, _ in _placed_texts(question):
            paths.append(("questions", index, key))
    return paths


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
