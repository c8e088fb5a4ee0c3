"""Finding, loading and cross-checking the set of checklist sections in use."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

from . import cache, yamlfile
from .checklist import Section, SectionProblems, parse_section
from .errors import ChecklistError, NotFoundError, Problem
from .expressions import Expression, ExpressionSyntaxError, Reference
from .quoting import quoted
from .resources import builtin_dir
from .yamlfile import Document

CHECKLIST_SUFFIXES = (".yaml", ".yml")
MAX_SECTIONS = 5_000
"""The most checklist files (sections) a set may be made of."""
MAX_QUESTIONS = 20_000
"""The most questions a set may hold, over all its sections."""

Key = tuple[str, str]
"""A question or computed value: (section id, its id)."""


def builtin_checklists_dir() -> Path:
    """The folder of built-in checklists."""
    return builtin_dir("checklists")


def display_path(path: Path) -> str:
    """A path as messages show it: relative to the current folder when inside it.

    A link keeps its own name (the one the user gave), wherever it leads.
    """
    try:
        relative = (path.parent.resolve() / path.name).relative_to(Path.cwd().resolve())
    except (ValueError, OSError):
        return str(path)
    return str(relative)


@dataclass(frozen=True)
class LoadedSection:
    """A section with the file it came from and whether that file is a built-in."""

    section: Section
    path: Path
    file: str
    """The path as messages show it."""
    origin: str
    """'built-in', 'user' (the user's checklists folder) or 'folder' (given by the user)."""


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


@dataclass(frozen=True)
class ChecklistSet:
    """The sections in use, in interview order, with their expressions compiled."""

    sections: tuple[LoadedSection, ...]
    files: tuple[Path, ...] = ()
    """Every checklist file read, in use or replaced by another with the same id."""
    when: dict[Key, CompiledExpression] = field(default_factory=dict)
    score: dict[Key, CompiledExpression] = field(default_factory=dict)
    computed: dict[Key, CompiledExpression] = field(default_factory=dict)

    def get(self, section_id: str) -> LoadedSection | None:
        """The section with this id, if it is in the set."""
        for loaded in self.sections:
            if loaded.section.id == section_id:
                return loaded
        return None

    def ids(self) -> list[str]:
        """The section ids in interview order."""
        return [loaded.section.id for loaded in self.sections]

    def section(self, section_id: str) -> LoadedSection:
        """The section with this id; NotFoundError, naming the ids there are, when absent."""
        loaded = self.get(section_id)
        if loaded is None:
            raise NotFoundError(
                f"there is no section '{section_id}'",
                hint=f"The sections are: {', '.join(self.ids())}.",
            )
        return loaded

    def chosen(self, section_ids: Sequence[str]) -> tuple[str, ...]:
        """The section ids given, each once, in order; NotFoundError for an unknown one."""
        for section_id in section_ids:
            self.section(section_id)
        return tuple(dict.fromkeys(section_ids))

    def question_count(self) -> int:
        """How many questions the set asks at most."""
        return sum(len(loaded.section.questions) for loaded in self.sections)


@dataclass
class _Source:
    path: Path
    origin: str
    doc: Document | None = None
    section: Section | None = None
    partial: Section | None = None
    """The valid part of an invalid file: its expressions are checked too."""
    raw_id: str | None = None
    file: str = ""
    """The path as messages show it, once it is read."""
    expressions: dict[yamlfile.Path_, Expression | str] = field(default_factory=dict)
    """Each expression of the section compiled, or why it does not compile, by its path."""

    @property
    def checkable(self) -> Section | None:
        return self.section or self.partial


def checklist_files(folder: Path) -> list[Path]:
    """The checklist files in a folder, by name; hidden files are skipped.

    A named pipe, device or folder named like a checklist is listed too: reading it
    then refuses it by name, rather than skipping it without a word.
    """
    try:
        entries = sorted(folder.iterdir())
    except OSError as error:
        raise NotFoundError(
            f"cannot read the checklists folder {display_path(folder)}: {error.strerror or error}",
            hint="Check the path given with --checklists or OUTSOURCE_CHECKLISTS.",
        ) from None
    return [
        entry
        for entry in entries
        if entry.suffix in CHECKLIST_SUFFIXES and not entry.name.startswith(".")
    ]


def load(
    *,
    folders: Sequence[Path] = (),
    user_dir: Path | None = None,
    extra_files: Sequence[Path] = (),
) -> ChecklistSet:
    """Load the active set: the given folders, or the built-ins and the user's folder.

    Files in `extra_files` are loaded last: a section there replaces the one with the
    same id. Every problem in every file is collected before ChecklistError is raised.
    """
    layers: list[list[_Source]] = []
    if folders:
        files = [(path, "folder") for folder in folders for path in checklist_files(folder)]
        if not files:
            shown = ", ".join(display_path(folder) for folder in folders)
            raise NotFoundError(
                f"no checklist files (*.yaml) in {shown}",
                hint="Run 'outsource checklists init DIR' to start from copies of the built-ins.",
            )
        layers.append([_Source(path, origin) for path, origin in files])
    else:
        layers.append(
            [_Source(path, "built-in") for path in checklist_files(builtin_checklists_dir())]
        )
        if user_dir is not None and user_dir.is_dir():
            layers.append([_Source(path, "user") for path in checklist_files(user_dir)])
    if extra_files:
        layers.append([_Source(path, "folder") for path in extra_files])

    _check_file_count(layers)
    problems: list[Problem] = []
    chosen: dict[str, _Source] = {}
    broken_ids: set[str] = set()
    for layer in layers:
        in_layer: dict[str, _Source] = {}
        for source in layer:
            problems.extend(_read(source))
            section_id = source.section.id if source.section else source.raw_id
            if section_id is None:
                continue
            if section_id in in_layer and source.doc is not None:
                first = in_layer[section_id].file
                problems.append(
                    source.doc.problem(
                        ("id",), f"the section id {quoted(section_id)} is already used by {first}"
                    )
                )
                continue
            in_layer[section_id] = source
            if source.checkable is None:
                broken_ids.add(section_id)
                chosen.pop(section_id, None)
            else:
                broken_ids.discard(section_id)
                chosen[section_id] = source
    ordered = sorted(chosen.values(), key=lambda s: _order_key(s.checkable))  # type: ignore[arg-type]
    problems.extend(_question_count_problems(ordered))
    checklist_set, expression_problems = _compile(ordered, broken_ids)
    checklist_set = replace(
        checklist_set, files=tuple(source.path for layer in layers for source in layer)
    )
    problems.extend(expression_problems)
    if problems:
        raise ChecklistError(
            problems,
            hint="Fix the files above; 'outsource checklists validate' checks them again.",
        )
    return checklist_set


def _check_file_count(layers: list[list[_Source]]) -> None:
    """ChecklistError before any file is read when a set would hold too many sections."""
    sources = [source for layer in layers for source in layer]
    if len(sources) > MAX_SECTIONS:
        folder = display_path(sources[MAX_SECTIONS].path.parent)
        raise ChecklistError(
            [
                Problem(
                    folder,
                    0,
                    0,
                    f"the checklists folders hold {len(sources):,} checklist files; a set may "
                    f"hold at most {MAX_SECTIONS:,} sections",
                )
            ],
            hint="Split the checklists over several folders and use one at a time.",
        )


def _question_count_problems(sources: list[_Source]) -> list[Problem]:
    """A problem at the file where the set passes MAX_QUESTIONS questions."""
    total = 0
    for source in sources:
        assert source.checkable is not None and source.doc is not None
        total += len(source.checkable.questions)
        if total > MAX_QUESTIONS:
            message = (
                f"with this file, the checklists hold more than {MAX_QUESTIONS:,} questions, "
                "more than a set may hold; use fewer checklists at a time"
            )
            return [source.doc.problem(("id",), message)]  # the id: its place is always kept
    return []


def _order_key(section: Section) -> tuple[bool, int, str]:
    return (section.order is None, section.order or 0, section.id)


def _read(source: _Source) -> list[Problem]:
    shown = source.file = display_path(source.path)
    try:
        raw = yamlfile.read_bytes(source.path, shown)
        cached = cache.get(raw)
        if cached is not None:
            source.doc = Document(shown, None, dict(cached.marks))
            source.section = cached.section
            source.expressions = dict(cached.expressions)
            return []
        source.doc = yamlfile.parse(yamlfile.decode(raw, shown), shown)
    except yamlfile.YamlProblems as error:
        return error.problems
    data = source.doc.data
    if isinstance(data, dict) and isinstance(data.get("id"), str):
        source.raw_id = data["id"]
    try:
        source.section = parse_section(source.doc)
    except SectionProblems as error:
        source.partial = error.partial
        if source.partial is not None:
            source.expressions = _compile_file(source.partial, source.doc)
        return error.problems
    source.expressions = _compile_file(source.section, source.doc)
    compiled = {
        path: found for path, found in source.expressions.items() if not isinstance(found, str)
    }
    if len(compiled) == len(source.expressions):
        marks = {path: source.doc.mark(path) for path in [(), ("id",), *compiled]}
        cache.put(raw, cache.CachedFile(source.section, marks, compiled))
        # keep only what a stored copy keeps: the rest of a large set's data can go now
        source.doc = Document(shown, None, marks)
    return []


class _Place(NamedTuple):
    """Where an expression is written, what it says, and what it belongs to."""

    path: yamlfile.Path_
    text: str
    kind: str
    """'when' or 'score' (of a question), or 'computed' (a computed value)."""
    item_id: str
    order: int
    """The item's place among the section's questions or computed values."""


def _expression_places(section: Section, doc: Document) -> Iterator[_Place]:
    """Every expression of a section, in file order: questions first, then computed values."""
    for q_index, question in enumerate(section.questions):
        base = ("questions", _position(doc, "questions", question.id, q_index))
        if question.when is not None:
            yield _Place((*base, "when"), question.when, "when", question.id, q_index)
        if question.score_expression is not None:
            yield _Place((*base, "score"), question.score_expression, "score", question.id, q_index)
    for c_index, value in enumerate(section.computed):
        path = ("computed", _position(doc, "computed", value.id, c_index), "expression")
        yield _Place(path, value.expression, "computed", value.id, c_index)


@functools.lru_cache(maxsize=4096)
def _expression(text: str, *, allow_value: bool) -> Expression:
    """An expression compiled once per run, however many questions share its text."""
    return Expression(text, allow_value=allow_value)


def _compile_file(section: Section, doc: Document) -> dict[yamlfile.Path_, Expression | str]:
    """Compile a section's expressions once; a text in place of one says why it cannot be."""
    compiled: dict[yamlfile.Path_, Expression | str] = {}
    for place in _expression_places(section, doc):
        try:
            compiled[place.path] = _expression(place.text, allow_value=place.kind == "score")
        except ExpressionSyntaxError as error:
            compiled[place.path] = str(error)
    return compiled


def _compile(sources: list[_Source], broken_ids: set[str]) -> tuple[ChecklistSet, list[Problem]]:
    """Compile every expression and check what each one refers to, and in what order."""
    sections = [source.checkable for source in sources if source.checkable is not None]
    questions: dict[Key, tuple[int, int]] = {}
    computed_order: dict[Key, tuple[int, int]] = {}
    for s_index, section in enumerate(sections):
        for q_index, question in enumerate(section.questions):
            questions[(section.id, question.id)] = (s_index, q_index)
        for c_index, value in enumerate(section.computed):
            computed_order[(section.id, value.id)] = (s_index, c_index)
    known_sections = {section.id: section for section in sections}
    result = ChecklistSet(
        tuple(
            LoadedSection(source.section, source.path, source.file, source.origin)
            for source in sources
            if source.section is not None
        )
    )
    problems: list[Problem] = []

    def check(
        source: _Source, path: yamlfile.Path_, label: str, refs: Iterable[Reference], allowed: _Rule
    ) -> None:
        assert source.doc is not None
        for section_id, item_id in sorted(refs):
            message = _reference_problem(
                section_id, item_id, known_sections, broken_ids, questions, computed_order, allowed
            )
            if message:
                problems.append(source.doc.problem(path, f"{label}: {message}"))

    by_kind = {"when": result.when, "score": result.score, "computed": result.computed}
    for s_index, source in enumerate(sources):
        checkable = source.checkable
        assert checkable is not None and source.doc is not None
        for place in _expression_places(checkable, source.doc):
            noun = "computed value" if place.kind == "computed" else "question"
            label = f"{noun} '{place.item_id}'"
            found = source.expressions[place.path]
            if isinstance(found, str):
                problems.append(source.doc.problem(place.path, f"{label}: {found}"))
                continue
            if place.kind == "when":
                rule = _Rule("condition", questions_before=(s_index, place.order))
            elif place.kind == "score":
                rule = _Rule("score")
            else:
                rule = _Rule("computed value", computed_before=(s_index, place.order))
            shown = label if place.kind == "computed" else f"{label}: '{place.kind}'"
            check(source, place.path, shown, found.references, rule)
            by_kind[place.kind][(checkable.id, place.item_id)] = _at(found, source.doc, place.path)
    return result, problems


def _position(doc: Document, kind: str, item_id: str, index: int) -> int:
    """Where an item sits in its file: a partial section skips the invalid ones."""
    items = doc.data.get(kind) if isinstance(doc.data, dict) else None
    for position, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict) and item.get("id") == item_id:
            return position
    return index


@dataclass(frozen=True)
class _Rule:
    """What an expression may refer to."""

    kind: str
    questions_before: tuple[int, int] | None = None
    """For a condition: only questions asked before this position."""
    computed_before: tuple[int, int] | None = None
    """For a computed value: any question, and computed values defined before it."""


def _reference_problem(
    section_id: str,
    item_id: str,
    sections: dict[str, Section],
    broken_ids: set[str],
    questions: dict[Key, tuple[int, int]],
    computed: dict[Key, tuple[int, int]],
    rule: _Rule,
) -> str | None:
    name = f"'{section_id}.{item_id}'"
    if section_id not in sections:
        if section_id in broken_ids:
            return None  # that file's own problems are reported already
        known = ", ".join(sorted(sections)) or "none"
        return f"{name} refers to a section '{section_id}' that does not exist (sections: {known})"
    key = (section_id, item_id)
    if key not in questions and key not in computed:
        return f"{name} is not a question or computed value of section '{section_id}'"
    if rule.questions_before is not None:
        if key in computed:
            return f"{name} is a computed value; a condition may refer only to questions"
        if questions[key] >= rule.questions_before:
            return (
                f"{name} is asked after this question; a condition may refer only to "
                "questions asked before it"
            )
    if (
        rule.computed_before is not None
        and key in computed
        and computed[key] >= rule.computed_before
    ):
        return f"{name} is defined after this value; move it above or refer to its inputs"
    return None


def _at(expression: Expression, doc: Document, path: yamlfile.Path_) -> CompiledExpression:
    mark = doc.mark(path)
    return CompiledExpression(expression, doc.file, mark.line, mark.column)
