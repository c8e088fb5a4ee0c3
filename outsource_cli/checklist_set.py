"""Finding, loading and cross-checking the set of checklist sections in use."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import cache, yamlfile
from .checklist import Section, SectionProblems, named_problems, parse_section
from .checklist_expressions import (
    CompiledExpression,
    ExpressionKey,
    Key,
    SectionFile,
    compile_file,
    cross_check,
    message_paths,
)
from .errors import ChecklistError, NotFoundError, Problem
from .expression_places import Place, places
from .expressions import Expression
from .quoting import quoted
from .resources import builtin_dir
from .yamlfile import Document

CHECKLIST_SUFFIXES = (".yaml", ".yml")
MAX_SECTIONS = 5_000
"""The most checklist files (sections) a set may be made of."""
MAX_QUESTIONS = 20_000
"""The most questions a set may hold, over all its sections."""


def builtin_checklists_dir() -> Path:
    """The folder of built-in checklists."""
    return builtin_dir("checklists")


def display_path(path: Path) -> str:
    """A path as messages show it: relative to the current folder when inside it.

    A link keeps its own name (the one the user gave), wherever it leads.
    """
    return display_paths([path])[0]


def display_paths(paths: Sequence[Path]) -> list[str]:
    """display_path of each, with each folder (and the current one) resolved only once."""
    try:
        here: Path | None = Path.cwd().resolve()
    except OSError:  # the current folder was removed
        here = None
    folders: dict[Path, Path | None] = {}
    shown = []
    for path in paths:
        if path.parent not in folders:
            folders[path.parent] = _resolved(path.parent)
        folder = folders[path.parent]
        if here is not None and folder is not None and folder.is_relative_to(here):
            shown.append(str((folder / path.name).relative_to(here)))
        else:
            shown.append(str(path))
    return shown


def _resolved(folder: Path) -> Path | None:
    """The folder with its links followed, or None when that cannot be found out."""
    try:
        return folder.resolve()
    except OSError:
        return None


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
class ChecklistSet:
    """The sections in use, in interview order, with their expressions compiled."""

    sections: tuple[LoadedSection, ...]
    """The sections the owner answers (audience owner), in interview order."""
    candidate_sections: tuple[LoadedSection, ...] = ()
    """The sections answered once per candidate partner (audience candidate), in order."""
    review_sections: tuple[LoadedSection, ...] = ()
    """The sections answered at each periodic review (audience review), in order."""
    files: tuple[Path, ...] = ()
    """Every checklist file read, in use or replaced by another with the same id."""
    expressions: dict[ExpressionKey, CompiledExpression] = field(default_factory=dict)
    """Every expression, by where it is written (checklist_expressions.py)."""
    varied: frozenset[Key] = frozenset()
    """The questions whose texts, choices, weight or critical depend on the answers."""

    def expression(
        self, section_id: str, item_id: str, *inside: str | int
    ) -> CompiledExpression | None:
        """The expression written at this path inside a question or computed value, if any."""
        return self.expressions.get((section_id, item_id, inside))

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
        if loaded is None and section_id in self.candidate_ids():
            raise NotFoundError(
                f"section '{section_id}' is about each candidate partner, not asked in your "
                "own interview",
                hint="Run 'outsource check --candidate NAME' to record a candidate's replies.",
            )
        if loaded is None and section_id in self.review_ids():
            raise NotFoundError(
                f"section '{section_id}' is asked at each review of a running arrangement, "
                "not in your own interview",
                hint="Run 'outsource review' to record a review.",
            )
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

    def for_candidates(self) -> ChecklistSet:
        """The set as a candidate's questions see it: the owner's sections, then the
        candidate sections, all in `sections` (a candidate's expressions read both)."""
        return replace(
            self,
            sections=self.sections + self.candidate_sections,
            candidate_sections=(),
            review_sections=(),
        )

    def for_reviews(self) -> ChecklistSet:
        """The set as a review's questions see it: the owner's sections, then the review
        sections, all in `sections` (a review's expressions read both)."""
        return replace(
            self,
            sections=self.sections + self.review_sections,
            candidate_sections=(),
            review_sections=(),
        )

    def every_section(self) -> ChecklistSet:
        """The set with every section in `sections`, whoever answers it (for listing and
        checking the checklists)."""
        return replace(
            self,
            sections=self.sections + self.candidate_sections + self.review_sections,
            candidate_sections=(),
            review_sections=(),
        )

    def candidate_ids(self) -> list[str]:
        """The candidate section ids, in order."""
        return [loaded.section.id for loaded in self.candidate_sections]

    def review_ids(self) -> list[str]:
        """The review section ids, in order."""
        return [loaded.section.id for loaded in self.review_sections]

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
    places: tuple[Place, ...] | None = None
    """Where its expressions are written, once worked out (or given by a stored copy)."""

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
    every = [source for layer in layers for source in layer]
    for source, shown in zip(every, display_paths([s.path for s in every]), strict=True):
        source.file = shown
    store = cache.Store()
    problems: list[Problem] = []
    chosen: dict[str, _Source] = {}
    broken_ids: set[str] = set()
    for layer in layers:
        in_layer: dict[str, _Source] = {}
        for source in layer:
            problems.extend(_read(source, store))
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


def _order_key(section: Section) -> tuple[bool, bool, int, str]:
    # the owner's sections first: a candidate section's expressions read them
    return (section.audience != "owner", section.order is None, section.order or 0, section.id)


def _read(source: _Source, store: cache.Store) -> list[Problem]:
    shown = source.file
    try:
        raw = yamlfile.read_bytes(source.path, shown)
        cached = store.get(raw)
        if cached is not None:
            source.doc = Document(shown, None, dict(cached.marks))
            source.section = cached.section
            source.expressions = dict(cached.expressions)
            source.places = cached.places
            return []
        source.doc = yamlfile.parse(yamlfile.decode(raw, shown), shown)
    except yamlfile.YamlProblems as error:
        return named_problems(error.problems, error.doc)
    data = source.doc.data
    if isinstance(data, dict) and isinstance(data.get("id"), str):
        source.raw_id = data["id"]
    try:
        source.section = parse_section(source.doc)
    except SectionProblems as error:
        source.partial = error.partial
        if source.partial is not None:
            source.expressions = compile_file(source.partial, source.doc)
        return error.problems
    source.expressions = compile_file(source.section, source.doc)
    compiled = {
        path: found for path, found in source.expressions.items() if not isinstance(found, str)
    }
    if len(compiled) == len(source.expressions):
        kept = [(), ("id",), *compiled, *message_paths(source.section)]
        marks = {path: source.doc.mark(path) for path in kept}
        source.places = tuple(places(source.section, source.doc))
        store.put(raw, cache.CachedFile(source.section, marks, compiled, source.places))
        # keep only what a stored copy keeps: the rest of a large set's data can go now
        source.doc = Document(shown, None, marks)
    return []


def _compile(sources: list[_Source], broken_ids: set[str]) -> tuple[ChecklistSet, list[Problem]]:
    """Compile every expression and check what each one refers to, and in what order."""
    files = []
    for source in sources:
        assert source.checkable is not None and source.doc is not None
        files.append(SectionFile(source.checkable, source.doc, source.expressions, source.places))
    checked = cross_check(files, broken_ids)
    loaded = [
        LoadedSection(source.section, source.path, source.file, source.origin)
        for source in sources
        if source.section is not None
    ]
    found = ChecklistSet(
        tuple(item for item in loaded if item.section.audience == "owner"),
        tuple(item for item in loaded if item.section.audience == "candidate"),
        tuple(item for item in loaded if item.section.audience == "review"),
        expressions=checked.expressions,
        varied=checked.varied,
    )
    return found, checked.problems
