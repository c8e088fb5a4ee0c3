"""Strict, safe YAML reading: the position of every value; limits on size, depth, aliases."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from .errors import FileReadError, FileTooLarge, Problem
from .files import read_regular
from .numbers import MAX_NUMBER, in_domain
from .quoting import quoted
from .yamlscalars import YAML_TAG, number_message, resolve_plain, resolve_tagged, tag_message

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 50
MAX_VALUES = 500_000
"""How many values (keys, scalars, lists and mappings, aliases expanded) a file may hold."""
MAX_ALIAS_NODES = 100_000
"""How many nodes aliases may add in all: small anchors are fine, alias bombs are not."""

try:  # libyaml's parser is several times faster; the pure-Python one gives the same events
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path_ = tuple[str | int, ...]
"""Where a value sits in a document: the keys and list positions leading to it."""


class YamlProblems(Exception):
    """The file could not be read as YAML; the problems say where and why."""

    def __init__(self, problems: list[Problem], doc: Document | None = None) -> None:
        super().__init__(problems[0].message if problems else "invalid YAML")
        self.problems = problems
        self.doc = doc
        """The file as read, when it could be read to the end: its problems are values
        refused (a number too large), each at the value's position."""


class Mark(NamedTuple):
    """A 1-based line and column in a file (a tuple: one is made for every value read)."""

    line: int
    column: int


@dataclass
class Document:
    """The plain data of one YAML file, with the position of every key and value."""

    file: str
    data: Any
    value_marks: dict[Path_, Mark] = field(default_factory=dict)
    key_marks: dict[Path_, Mark] = field(default_factory=dict)

    def mark(self, path: Path_, *, key: bool = False) -> Mark:
        """Where the value (or, with key=True, the key) at path is; else its nearest parent."""
        if key and path in self.key_marks:
            return self.key_marks[path]
        for end in range(len(path), -1, -1):
            found = self.value_marks.get(path[:end])
            if found is not None:
                return found
        return Mark(1, 1)

    def problem(self, path: Path_, message: str, *, key: bool = False) -> Problem:
        """A problem located at path in this document."""
        where = self.mark(path, key=key)
        return Problem(self.file, where.line, where.column, message)


_NOT_NUMBERS = frozenset({str, bool, type(None)})
"""What a scalar is when it is not a number (the reader's types, exactly)."""


@dataclass
class _Frame:
    container: dict[Any, Any] | list[Any]
    path: Path_
    anchor: str | None
    start: Mark
    nodes: int = 1
    key: Any = None
    key_mark: Mark | None = None
    has_key: bool = False
    skip_value: bool = False


class _Builder:
    """Builds plain data from parser events without recursion, recording positions."""

    def __init__(self, file: str, max_depth: int = MAX_DEPTH) -> None:
        self.doc = Document(file, None)
        self.max_depth = max_depth
        self.values = 0
        self.problems: list[Problem] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.alias_nodes = 0
        self.stack: list[_Frame] = []
        self.documents = 0

    def fail(self, mark: Mark, message: str) -> YamlProblems:
        return YamlProblems(
            [*self.problems, Problem(self.doc.file, mark.line, mark.column, message)]
        )

    def feed(self, event: yaml.Event) -> None:
        start = event.start_mark
        mark = Mark(start.line + 1, start.column + 1) if start is not None else Mark(0, 0)
        if event.__class__ is yaml.ScalarEvent:  # the most common event first
            self.values += 1
            if self.values > MAX_VALUES:
                self._count(0, mark)
            self._add(self._scalar(event, mark), mark, event.anchor, 1)
        elif isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self.fail(mark, "a file may hold only one YAML document; remove the '---'")
        elif isinstance(event, yaml.AliasEvent):
            self._alias(event, mark)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._start(event, mark)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = self.stack.pop()
            if frame.anchor is not None:
                self.anchors[frame.anchor] = (frame.container, frame.nodes)
            self._add(frame.container, frame.start, None, frame.nodes, placed=True)

    def _count(self, values: int, mark: Mark) -> None:
        """Count values as they come, so a file of millions of tiny items stops early."""
        self.values += values
        if self.values > MAX_VALUES:
            raise self.fail(mark, f"this file holds more than {MAX_VALUES:,} values; split it")

    def _scalar(self, event: yaml.ScalarEvent, mark: Mark) -> Any:
        tag = event.tag
        if tag is None:
            if not event.implicit[0]:
                return event.value
            value = resolve_plain(event.value)
        elif tag == "!":
            return event.value
        elif tag.startswith(YAML_TAG):
            try:
                value = resolve_tagged(tag, event.value)
            except ValueError as error:
                self.problems.append(Problem(self.doc.file, mark.line, mark.column, str(error)))
                return event.value
        else:
            raise self.fail(mark, tag_message(tag))
        if value.__class__ in _NOT_NUMBERS or (
            value.__class__ is int and -MAX_NUMBER <= value <= MAX_NUMBER
        ):
            return value
        if not in_domain(value):
            message = number_message(event.value, value)
            self.problems.append(Problem(self.doc.file, mark.line, mark.column, message))
            return None
        return value

    def _alias(self, event: yaml.AliasEvent, mark: Mark) -> None:
        found = self.anchors.get(event.anchor or "")
        if found is None:
            alias = quoted(f"*{event.anchor}")
            raise self.fail(mark, f"the alias {alias} refers to no anchor before it")
        value, nodes = found
        self._count(nodes, mark)
        self.alias_nodes += nodes
        if self.alias_nodes > MAX_ALIAS_NODES:
            raise self.fail(
                mark,
                f"aliases here expand to more than {MAX_ALIAS_NODES:,} values; "
                "write the values out or use fewer nested aliases",
            )
        self._add(copy.deepcopy(value), mark, None, nodes)

    def _start(self, event: yaml.CollectionStartEvent, mark: Mark) -> None:
        tag = event.tag
        allowed = {
            None,
            "!",
            YAML_TAG + ("map" if isinstance(event, yaml.MappingStartEvent) else "seq"),
        }
        if tag not in allowed:
            raise self.fail(mark, tag_message(tag or ""))
        self._count(1, mark)
        if len(self.stack) >= self.max_depth:
            raise self.fail(mark, f"nesting is deeper than {self.max_depth} levels")
        container: dict[Any, Any] | list[Any] = (
            {} if isinstance(event, yaml.MappingStartEvent) else []
        )
        path = self._child_path()
        self.stack.append(_Frame(container, path, event.anchor, mark))

    def _child_path(self) -> Path_:
        if not self.stack:
            return ()
        parent = self.stack[-1]
        if isinstance(parent.container, list):
            return (*parent.path, len(parent.container))
        return (*parent.path, parent.key)

    def _add(
        self, value: Any, mark: Mark, anchor: str | None, nodes: int, *, placed: bool = False
    ) -> None:
        if anchor is not None and not placed:
            self.anchors[anchor] = (value, nodes)
        if not self.stack:
            self.doc.data = value
            self.doc.value_marks[()] = mark
            return
        parent = self.stack[-1]
        parent.nodes += nodes
        if isinstance(parent.container, list):
            position: Path_ = (*parent.path, len(parent.container))
            self.doc.value_marks[position] = mark
            parent.container.append(value)
            return
        if not parent.has_key:
            self._take_key(parent, value, mark)
            return
        parent.has_key = False
        if parent.skip_value:
            return
        path = (*parent.path, parent.key)
        self.doc.value_marks[path] = mark
        if parent.key_mark is not None:
            self.doc.key_marks[path] = parent.key_mark
        parent.container[parent.key] = value

    def _take_key(self, parent: _Frame, key: Any, mark: Mark) -> None:
        parent.has_key = True
        parent.skip_value = False
        parent.key_mark = mark
        if isinstance(key, (dict, list)):
            self.problems.append(
                Problem(self.doc.file, mark.line, mark.column, "a key must be a plain value")
            )
            parent.skip_value = True
            return
        assert isinstance(parent.container, dict)
        if key in parent.container:
            first = self.doc.key_marks.get((*parent.path, key))
            at = f" (first at line {first.line})" if first else ""
            self.problems.append(
                Problem(
                    self.doc.file,
                    mark.line,
                    mark.column,
                    f"duplicate key {quoted(key)}{at}: each key may appear only once here",
                )
            )
            parent.skip_value = True
            return
        parent.key = key


def _events(text: str, loader_class: type[Any]) -> Iterator[yaml.Event]:
    loader = loader_class(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if event is not None:
                yield event
    finally:
        loader.dispose()


def parse(text: str, file: str, *, max_depth: int = MAX_DEPTH) -> Document:
    """Read YAML text strictly; raises YamlProblems listing what is wrong.

    The size limit is checked by `read`, on the file's bytes, before any decoding.
    """
    return _parse(text, file, _Loader, max_depth)


def _parse(text: str, file: str, loader_class: type[Any], max_depth: int) -> Document:
    builder = _Builder(file, max_depth)
    try:
        for event in _events(text, loader_class):
            builder.feed(event)
    except yaml.MarkedYAMLError as error:
        if loader_class is not yaml.SafeLoader and "nesting depth" in str(error.problem):
            # libyaml stops at its own depth while looking ahead, before our limit is
            # reached; the pure-Python parser finds the exact place of ours
            return _parse(text, file, yaml.SafeLoader, max_depth)
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        message = _TAB_MESSAGE if _is_tab(text, mark) else _syntax_message(error)
        raise YamlProblems([*builder.problems, Problem(file, line, column, message)]) from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        code = error.character if isinstance(error.character, int) else ord(error.character)
        message = (
            f"the character U+{code:04X} is not allowed in YAML; "
            "is this a text file? Remove the character or put it in a quoted string as an escape"
        )
        raise YamlProblems([*builder.problems, Problem(file, line, column, message)]) from None
    except yaml.YAMLError as error:
        raise YamlProblems(
            [*builder.problems, Problem(file, 0, 0, f"cannot read YAML: {quoted(error)}")]
        ) from None
    if builder.problems:
        raise YamlProblems(builder.problems, builder.doc)
    return builder.doc


def read(path: Path, file: str | None = None, *, max_depth: int = MAX_DEPTH) -> Document:
    """Read a YAML file strictly; file is the name shown in messages (default: the path)."""
    shown = file if file is not None else str(path)
    return parse(decode(read_bytes(path, shown), shown), shown, max_depth=max_depth)


def read_bytes(path: Path, file: str) -> bytes:
    """A file's bytes, refused (YamlProblems) when it is too large, cannot be read, or is
    not a regular file (a named pipe, a device, a folder: see files.read_regular)."""
    try:
        return read_regular(path, MAX_FILE_BYTES, file)
    except FileTooLarge:
        raise YamlProblems([Problem(file, 0, 0, _too_big_message())]) from None
    except FileReadError as error:
        raise YamlProblems([Problem(file, 0, 0, error.detail)]) from None


def decode(raw: bytes, file: str) -> str:
    """Text of a file's bytes: UTF-8 (a BOM is allowed), or UTF-16 with a BOM."""
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if raw.startswith(bom):
            raw, encoding = raw[len(bom) :], codec
            break
    else:
        encoding = "utf-8"
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise YamlProblems(
            [
                Problem(
                    file,
                    line,
                    column,
                    f"this is not UTF-8 text (byte 0x{raw[error.start]:02x}); "
                    "save the file as UTF-8 in your editor",
                )
            ]
        ) from None


def _too_big_message() -> str:
    return (
        f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; split it into smaller files"
    )


_QUOTED_PART = re.compile(r"'([^']*)'|\"([^\"]*)\"")
"""What PyYAML quotes from the file in its messages (a character, a tag, an anchor)."""


def _requoted(text: str) -> str:
    """PyYAML's words as they are, and what it quotes from the file escaped and cut short."""
    return _QUOTED_PART.sub(lambda found: quoted(found.group(1) or found.group(2) or ""), text)


_TAB_MESSAGE = (
    "a tab is used for indenting here; YAML needs spaces: replace the tab with spaces "
    "(your editor may have a setting to indent with spaces)"
)


def _is_tab(text: str, mark: Any) -> bool:
    """Whether the parser stopped at a tab, which YAML does not allow for indenting."""
    if mark is None:
        return False
    lines = text.split("\n")
    line = lines[mark.line] if 0 <= mark.line < len(lines) else ""
    return 0 <= mark.column < len(line) and line[mark.column] == "\t"


def _syntax_message(error: yaml.MarkedYAMLError) -> str:
    problem = _requoted((error.problem or "invalid YAML").strip())
    context = f" {_requoted(error.context.strip())}" if error.context else ""
    return (
        f"YAML syntax error: {problem}{context}. Check the indentation, and put text that "
        "contains ': ' or starts with a special character in quotes"
    )
