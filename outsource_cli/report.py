"""Reports: the assessment as plain data (the JSON output), rendered through Jinja2 templates."""

from __future__ import annotations

import json
import os
import re
import string
import time
import traceback
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    BytecodeCache,
    Environment,
    StrictUndefined,
    TemplateNotFound,
    nodes,
    pass_context,
)
from jinja2 import TemplateError as JinjaTemplateError
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment

from . import answers as answers_module
from . import cache
from .answers import NOT_APPLICABLE, Answers
from .assessment import Assessment, ComputedResult, QuestionResult, SectionResult, assess
from .checklist import (
    AnyQuestion,
    ChoiceQuestion,
    MultiQuestion,
    NumberQuestion,
    ScaleQuestion,
    YesNoQuestion,
)
from .checklist_set import ChecklistSet
from .errors import TemplateError
from .expressions import check_power, check_product, checked_filter
from .resources import builtin_dir

REPORT_FORMAT = 1
FORMATS = ("md", "json", "html")
TEMPLATES = {"md": "report.md.j2", "html": "report.html.j2"}
STARTER_TEMPLATES = ("report.md.j2", "report.html.j2", "html-style.css.j2")
"""What `templates init` copies: the report templates and the style the HTML one includes."""
AUTOESCAPED = (".html", ".htm", ".xml", ".svg")
"""Templates whose name ends with one of these (before an optional .j2) escape for HTML."""
MAX_OUTPUT_CHARS = 20_000_000
"""A template may not write more than this: a loop gone wrong must not fill the disk."""
MAX_BUILT_CHARS = 2 * MAX_OUTPUT_CHARS
"""Text a template may produce in all, written or captured (`{% set %}` blocks, macros)."""
MAX_LIST_ITEMS = 1_000_000
"""The longest list a template may build."""
MAX_LOOP_STEPS = 10_000_000
"""Loop rounds a template may run in all: nested loops that write nothing must still stop."""
MAX_FIELD_WIDTH = 10_000
"""The widest padding or precision a template may ask for: `'%10000d'`, `'{:>80}'`, `center`."""
MAX_WORDS_CHARS = 100_000
"""The longest text `wordwrap` and `urlize` take: they go word by word, slowly."""
MAX_RENDER_SECONDS = 60.0
"""How long a template may run; the built-in ones take a fraction of a second."""

VERDICT_LABELS = {
    "ready": "Ready",
    "almost-ready": "Almost ready",
    "not-ready": "Not ready",
}


def builtin_templates_dir() -> Path:
    """The folder of built-in report templates."""
    return builtin_dir("templates")


def report_date() -> date:
    """Today, or the date in SOURCE_DATE_EPOCH for reproducible reports."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


def report_data(
    assessment: Assessment, answers: Answers, *, today: date | None = None
) -> dict[str, Any]:
    """The whole report as plain data: the JSON output, and what templates receive."""
    sections = [_section_data(section, answers) for section in assessment.sections]
    titles = {section["id"]: section["title"] for section in sections}
    return {
        "format": REPORT_FORMAT,
        "date": (today or report_date()).isoformat(),
        "business": answers.business,
        "overall": {
            "score": assessment.score,
            "verdict": assessment.verdict,
            "verdict_label": VERDICT_LABELS[assessment.verdict],
            "reason": _reason(assessment),
            "blocker_count": len(assessment.blockers),
            "action_count": len(assessment.actions),
        },
        "sections": sections,
        "blockers": [_item(result, titles) for result in assessment.blockers],
        "actions": [_item(result, titles) for result in assessment.actions],
        "computed": {
            section["id"]: {value["id"]: value for value in section["computed"]}
            for section in sections
            if section["computed"]
        },
    }


def _reason(assessment: Assessment) -> str:
    blockers = len(assessment.blockers)
    score = assessment.score
    if score is None:
        return "Nothing could be scored yet: answer the questions first."
    if blockers == 1:
        return "1 blocker stands in the way, whatever the score: fix it first."
    if blockers:
        return f"{blockers} blockers stand in the way, whatever the score: fix them first."
    if assessment.verdict == "ready":
        return "The score is 80 or more and nothing is blocking."
    if assessment.verdict == "almost-ready":
        return "Nothing is blocking, but the score is below 80: work through the action plan."
    return "The score is below 60: several basics are not in place yet."


def _section_data(result: SectionResult, answers: Answers) -> dict[str, Any]:
    section = result.loaded.section
    questions = [_question_data(q, answers) for q in result.questions]
    applying = [q for q in result.questions if q.applies]
    return {
        "id": section.id,
        "title": section.title,
        "score": result.score,
        "weight": section.weight,
        "counts": {
            "questions": len(result.questions),
            "applicable": len(applying),
            "answered": sum(q.state == "answered" for q in applying),
            "unanswered": sum(q.state == "unanswered" for q in applying),
            "not_applicable": sum(q.state == "not_applicable" for q in applying),
            "counted": sum(q.counted for q in applying),
            "blockers": sum(q.blocker for q in applying),
        },
        "questions": questions,
        "computed": [_computed_data(value) for value in result.computed],
    }


def _question_data(result: QuestionResult, answers: Answers) -> dict[str, Any]:
    question = result.question
    falls_short = result.counted and (result.score or 0.0) < 1
    return {
        "id": question.id,
        "prompt": question.prompt,
        "type": question.type,
        "answer": result.answer,
        "answer_text": answer_text(question, result.answer),
        "state": result.state,
        "score": None if result.score is None else round(result.score, 4),
        "weight": question.weight,
        "critical": question.critical,
        "applies": result.applies,
        "counted": result.counted,
        "blocker": result.blocker,
        "falls_short": falls_short,
        "recommendation": question.recommendation,
        "note": answers.note(result.section_id, question.id),
    }


def _item(result: QuestionResult, titles: dict[str, str]) -> dict[str, Any]:
    return {
        "section": result.section_id,
        "section_title": titles[result.section_id],
        "question": result.question.id,
        "prompt": result.question.prompt,
        "recommendation": result.question.recommendation,
        "blocker": result.blocker,
        "score": None if result.score is None else round(result.score, 4),
    }


def _computed_data(value: ComputedResult) -> dict[str, Any]:
    return {
        "id": value.id,
        "label": value.label,
        "value": value.value,
        "unit": value.unit,
        "value_text": _value_text(value.value, value.unit),
        "problem": value.problem,
    }


def format_number(value: float, *, places: int = 2) -> str:
    """A number as people write it: 52,000 or 1.35, without trailing zeros."""
    if isinstance(value, int) or float(value).is_integer():
        return f"{round(value):,}"
    text = f"{value:,.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def _value_text(value: Any, unit: str | None) -> str:
    if value is None:
        return "not known yet"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    text = format_number(value) if isinstance(value, (int, float)) else str(value)
    return f"{text} {unit}" if unit else text


def answer_text(question: AnyQuestion, answer: Any) -> str:
    """An answer in words: Yes, the chosen labels, 52,000 USD."""
    if answer is None:
        return "Not answered"
    if answer == NOT_APPLICABLE and question.type != "text":
        return "Not applicable"
    if isinstance(question, YesNoQuestion):
        return "Yes" if answer else "No"
    if isinstance(question, ChoiceQuestion):
        return next((c.label for c in question.choices if c.value == answer), str(answer))
    if isinstance(question, MultiQuestion):
        labels = [c.label for c in question.choices if c.value in answer]
        return ", ".join(labels) if labels else "None of these"
    if isinstance(question, ScaleQuestion):
        label = (question.labels or {}).get(answer)
        return f"{answer} of {question.max}" + (f" ({label})" if label else "")
    if isinstance(question, NumberQuestion):
        return _value_text(answer, question.unit)
    return str(answer)


# --- rendering -------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_MD_LINE_START = re.compile(r"^(\s*)([-+>]|#+|\d+[.)])(?=\s|$)", re.MULTILINE)


_MD_PLAIN = re.compile(r"[^\\`*_\[\]|~&<\n\r\v\f\x1c-\x1e\x85\u2028\u2029]*")
"""Text with nothing to escape and a single line: most answers and prompts."""


def markdown_text(text: Any) -> str:
    """User text made inert in Markdown: no markup, no HTML, one line."""
    escaped = str(text)
    if _MD_PLAIN.fullmatch(escaped) and not _MD_LINE_START.match(escaped):
        return escaped.strip()
    escaped = escaped.replace("&", "&amp;").replace("<", "&lt;")
    escaped = _MD_SPECIAL.sub(r"\\\1", escaped)
    escaped = _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)
    lines = [line.strip() for line in escaped.replace("\r\n", "\n").splitlines()]
    return "<br>".join(line for line in lines if line) if len(lines) > 1 else escaped.strip()


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def mermaid_text(text: Any, limit: int = 40) -> str:
    """Text for a quoted Mermaid label: one line, no double quotes, at most `limit` characters."""
    cleaned = " ".join(_CONTROL.sub(" ", str(text)).split())
    cleaned = cleaned.replace('"', "'").replace("`", "'").replace("#", "No.")
    cleaned = cleaned.replace("<", "‹").replace(">", "›").replace(";", ",")
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - 1].rstrip() + "…"
    return f'"{cleaned}"'


def change_text(value: float | None, places: int = 1) -> str:
    """A change in score with its sign: +12.5, -3.0; 'same' for none; '' when unknown."""
    if value is None:
        return ""
    if value == 0:
        return "same"
    return f"{value:+.{places}f}"


def text_bar(score: float | None, width: int = 10) -> str:
    """A score from 0 to 100 as a bar of full and empty cells."""
    if score is None:
        return "░" * width
    full = int(score * width / 100 + 0.5)
    return "█" * full + "░" * (width - full)


class _FolderLoader(BaseLoader):
    """Loads templates from one folder only: nothing outside it, not even through a link."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        parts = template.replace("\\", "/").split("/")
        if template.startswith("/") or any(part in {"", ".", ".."} for part in parts):
            raise TemplateNotFound(template)
        path = self.folder.joinpath(*parts)
        try:
            resolved = path.resolve(strict=True)
        except (OSError, RuntimeError):
            raise TemplateNotFound(template) from None
        if not resolved.is_relative_to(self.folder) or not resolved.is_file():
            raise TemplateNotFound(template)
        try:
            source = resolved.read_text(encoding="utf-8-sig")
            mtime = resolved.stat().st_mtime
        except (OSError, UnicodeDecodeError) as error:
            raise TemplateError(f"{path}: the template cannot be read ({error})") from None
        return source, str(path), lambda: _unchanged(resolved, mtime)


def _unchanged(path: Path, mtime: float) -> bool:
    try:
        return path.stat().st_mtime == mtime
    except OSError:
        return False


def autoescaped(name: str) -> bool:
    """Whether a template of this name escapes for HTML: report.html.j2, page.html."""
    name = name.lower().removesuffix(".j2").removesuffix(".jinja").removesuffix(".jinja2")
    return name.endswith(AUTOESCAPED)


class _TooBig(SecurityError):
    """A template asked for more text, list items or loop rounds than a report can need."""


_PRINTF_FIELD = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?[a-zA-Z%]")
_FORMAT_SPEC = re.compile(r"(?:.?[<>=^])?[-+ ]?z?#?0?(\d*)[,_]?(?:\.(\d+))?")
_PADDING_METHODS = frozenset({"center", "ljust", "rjust", "zfill"})


def _refuse_text(size: int) -> None:
    if size > MAX_OUTPUT_CHARS:
        raise _TooBig(
            f"this would build text longer than {MAX_OUTPUT_CHARS:,} characters; "
            "a report never needs that much"
        )


def _refuse_items(size: int) -> None:
    if size > MAX_LIST_ITEMS:
        raise _TooBig(f"this would build a list longer than {MAX_LIST_ITEMS:,} items")


def _refuse_width(width: Any) -> None:
    if isinstance(width, int) and width > MAX_FIELD_WIDTH:
        raise _TooBig(
            f"a width or precision of {width:,} is too large (at most {MAX_FIELD_WIDTH:,})"
        )


def _check_repeat(sequence: Any, times: Any) -> None:
    if isinstance(times, int) and not isinstance(times, bool) and times > 0:
        if isinstance(sequence, (str, bytes)):
            _refuse_text(len(sequence) * times)
        elif isinstance(sequence, (list, tuple)):
            _refuse_items(len(sequence) * times)
            if _shown_size(sequence, MAX_OUTPUT_CHARS // times + 1) * times > MAX_OUTPUT_CHARS:
                raise _TooBig(
                    f"this would build a list longer than {MAX_OUTPUT_CHARS:,} characters as text"
                )


def _check_printf(text: str) -> None:
    """Refuse `%` formats that pad to huge widths: '%0999999999d'."""
    for match in _PRINTF_FIELD.finditer(text):
        for size in match.groups():
            if size == "*":
                raise _TooBig("'*' widths are not allowed in % formats; write the width")
            if size:
                _refuse_width(int(size))


def _check_format_string(text: str) -> None:
    """Refuse str.format fields that pad to huge widths: '{:>999999999}'."""
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:
        return  # formatting raises the same error, with the template's line
    for _literal, _name, spec, _conversion in fields:
        if not spec:
            continue
        if "{" in spec:
            raise _TooBig("a format field may not take its width from another field")
        match = _FORMAT_SPEC.match(spec)
        for size in match.groups() if match else ():
            if size:
                _refuse_width(int(size))


def _shown_size(value: Any, limit: int = MAX_OUTPUT_CHARS) -> int:
    """About how many characters str(value) has, counted only until it passes `limit`.

    Lists and mappings may hold the same long text many times over: `[s] * 1000` is small
    to build but huge to show.
    """
    size = 0
    pending = [value]
    while pending and size <= limit:
        item = pending.pop()
        if isinstance(item, str):
            size += len(item) + 2
        elif isinstance(item, (list, tuple, dict)) and _measured(item) >= 0:
            size += _measured(item)
        elif isinstance(item, (list, tuple, set, frozenset)):
            size += 2 + 2 * len(item)
            pending.extend(item)
        elif isinstance(item, dict):
            size += 2 + 4 * len(item)
            pending.extend(item.keys())
            pending.extend(item.values())
        else:
            size += 24  # numbers (at most 100,000 bits), None, ranges, functions
    return size


_MEASURED: dict[int, tuple[Any, int]] = {}
"""The shown size of every list and mapping of the report data, during a render.

Filters check the size of what they are given, and the report's own lists are given to
them again and again: measured once, they are not walked through each time. The
immutable sandbox keeps them from changing meanwhile; each entry holds its object, so
its id cannot be reused by another.
"""


def _measured(item: Any) -> int:
    """The size _measure found for this very list or mapping, or -1."""
    known = _MEASURED.get(id(item))
    return known[1] if known is not None and known[0] is item else -1


def _measure(data: Any) -> None:
    """Measure every list and mapping in data once, from the inside out, as _shown_size would."""
    pending: list[tuple[Any, bool]] = [(data, False)]
    containers = (list, tuple, dict)
    while pending:
        item, expanded = pending.pop()
        parts = [*item, *item.values()] if isinstance(item, dict) else item
        if not expanded:
            if id(item) not in _MEASURED:
                _MEASURED[id(item)] = (item, -1)  # being measured
                pending.append((item, True))
                pending.extend((part, False) for part in parts if isinstance(part, containers))
            continue
        size = 2 + (4 if isinstance(item, dict) else 2) * len(item)
        for part in parts:  # each list or mapping in it is measured by now
            if isinstance(part, str):
                size += len(part) + 2
            elif part is None or isinstance(part, (int, float)):
                size += 24
            else:
                found = _measured(part)
                if found < 0:  # a set, or a list that holds itself: _shown_size walks it
                    del _MEASURED[id(item)]
                    break
                size += found
        else:
            _MEASURED[id(item)] = (item, size)


def _sizes(items: Any) -> int | None:
    if isinstance(items, (list, tuple)):
        return sum(_shown_size(item) for item in items)
    return None


def _refuse_shown(value: Any) -> None:
    if isinstance(value, (list, tuple, set, frozenset, dict)) and _shown_size(value) > (
        MAX_OUTPUT_CHARS
    ):
        raise _TooBig(f"this value would be longer than {MAX_OUTPUT_CHARS:,} characters as text")


def _is_text_method(method: Any, name: str) -> bool:
    owner = getattr(method, "__self__", None)
    return isinstance(owner, (str, bytes)) and getattr(method, "__name__", "") == name


def _check_method(method: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse calls of text methods whose result would be huge: 'a'.ljust(10**9)."""
    owner = getattr(method, "__self__", None)
    if not isinstance(owner, (str, bytes)):
        return
    name = getattr(method, "__name__", "")
    if name in _PADDING_METHODS and args:
        _refuse_width(args[0])
    elif name == "expandtabs":
        tab = args[0] if args else kwargs.get("tabsize", 8)
        if isinstance(tab, int):
            tabs = owner.count("\t") if isinstance(owner, str) else owner.count(b"\t")
            _refuse_text(len(owner) + tabs * tab)
    elif name == "replace" and len(args) >= 2:
        _check_replace(owner, args[0], args[1])
    elif name == "join" and args:
        joined = _sizes(args[0])
        if joined is not None:
            _refuse_text(joined + len(owner) * len(args[0]))
    elif name == "translate" and args and isinstance(args[0], dict):
        longest = max((len(v) for v in args[0].values() if isinstance(v, (str, bytes))), default=1)
        _refuse_text(len(owner) * longest)


def _check_replace(text: Any, old: Any, new: Any) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        count = len(text) + 1 if not old else text.count(old)
        _refuse_text(len(text) + count * max(len(new) - len(old), 0))


class _ReportEnvironment(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox with the report's filters: for outsource's own templates.

    Their loops are over the report's own data, so they cannot run away; they are kept
    compiled in the cache folder, and only their output is capped.
    """

    def __init__(self, folder: Path, bytecode_cache: BytecodeCache | None = None) -> None:
        super().__init__(
            loader=_FolderLoader(folder),
            bytecode_cache=bytecode_cache,
            undefined=StrictUndefined,
            autoescape=autoescaped,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.filters.update(
            {
                "md": markdown_text,
                "bar": text_bar,
                "number": format_number,
                "mermaid": mermaid_text,
                "change": change_text,
            }
        )
        del self.globals["lipsum"]  # placeholder text, in any amount asked for: not for reports

    def getattr(self, obj: Any, attribute: str) -> Any:
        # The report data is JSON: `section.title` means the key, even where a dict has a
        # method of that name (a section called `values`); and looking the key up first
        # spares a failed attribute lookup for every value a template shows.
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


class _LimitedEnvironment(_ReportEnvironment):
    """The report sandbox with limits on what a template can build or run: for `--template`.

    A shared template must neither fill the disk nor the memory, nor run forever: text,
    lists and numbers are checked before they are built, and every loop round and every
    piece of text produced counts against a budget for the whole render. Counting makes
    a render several times slower, and the code it compiles to is never kept.
    """

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.loop_steps = 0
        self.built_chars = 0
        self.deadline = time.monotonic() + MAX_RENDER_SECONDS
        self.filters.update({"_loop_step": _loop_step, "_produced": _produced, "_joined": _joined})
        self._limit_filters()

    def _limit_filters(self) -> None:
        checks: dict[str, Callable[..., Any]] = {
            "format": _format_filter,
            "center": _center_filter,
            "indent": _indent_filter,
            "replace": _replace_filter,
            "join": _join_filter,
            "batch": _count_filter,
            "slice": _count_filter,
            "list": _list_filter,
            "wordwrap": _words_filter("wordwrap"),
            "urlize": _words_filter("urlize"),
        }
        for name, check in checks.items():
            self.filters[name] = checked_filter(self.filters[name], check)
        for name, original in list(self.filters.items()):
            if not name.startswith("_"):
                self.filters[name] = checked_filter(original, _shown_arguments)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        _add_budget_checks(tree)
        return tree

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        self.check_time()
        if operator == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
            check_product(left, right, _TooBig)
        elif operator == "**":
            check_power(left, right, _TooBig)
        elif operator == "%" and isinstance(left, str):
            _check_printf(left)
            _refuse_shown(right)
        elif operator == "+":
            if isinstance(left, str) and isinstance(right, str):
                _refuse_text(len(left) + len(right))
            elif isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)):
                _refuse_items(len(left) + len(right))
                _refuse_shown([left, right])
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        __self.check_time()
        if _is_text_method(__obj, "join") and args and not isinstance(args[0], (list, tuple)):
            args = (list(args[0]), *args[1:])  # to measure what would be joined
        _check_method(__obj, args, kwargs)
        _refuse_shown([args, kwargs])
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        text = str(value.__self__)

        def checked(*args: Any, **kwargs: Any) -> str:
            _check_format_string(text)
            _refuse_shown([args, kwargs])
            return wrapped(*args, **kwargs)

        return checked

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise _TooBig(
                f"the template ran for more than {MAX_RENDER_SECONDS:g} seconds and was stopped"
            )

    def count_step(self) -> None:
        self.check_time()
        self.loop_steps += 1
        if self.loop_steps > MAX_LOOP_STEPS:
            raise _TooBig(
                f"the template's loops ran more than {MAX_LOOP_STEPS:,} rounds and were stopped"
            )

    def count_chars(self, size: int) -> None:
        self.check_time()
        self.built_chars += size
        if self.built_chars > MAX_BUILT_CHARS:
            raise _TooBig(
                f"the template produced more than {MAX_BUILT_CHARS:,} characters of text "
                "(written or kept in variables) and was stopped"
            )


def _shown_arguments(value: Any, *args: Any, **kwargs: Any) -> Any:
    """Most filters turn their value into text: refuse values too large to show."""
    _refuse_shown([value, args, kwargs])
    return value


def _format_filter(value: Any, *_args: Any, **_kwargs: Any) -> Any:
    _check_printf(str(value))
    return value


def _center_filter(value: Any, width: Any = 80, *_args: Any, **_kwargs: Any) -> Any:
    _refuse_width(width)
    return value


def _indent_filter(value: Any, width: Any = 4, *_args: Any, **_kwargs: Any) -> Any:
    text = str(value)
    lines = text.count("\n") + 1
    _refuse_text(len(text) + lines * (width if isinstance(width, int) else len(str(width))))
    return value


def _replace_filter(value: Any, old: Any = "", new: Any = "", *_args: Any, **_kwargs: Any) -> Any:
    _check_replace(str(value), str(old), str(new))
    return value


def _join_filter(value: Any, d: Any = "", *_args: Any, **_kwargs: Any) -> Any:
    items = list(value)
    _refuse_items(len(items))
    _refuse_text((_sizes(items) or 0) + len(str(d)) * len(items))
    return items


def _count_filter(value: Any, count: Any = 1, *_args: Any, **_kwargs: Any) -> Any:
    if isinstance(count, int):
        _refuse_items(count)
    return value


def _words_filter(name: str) -> Callable[..., Any]:
    def check(value: Any, *_args: Any, **_kwargs: Any) -> Any:
        if len(str(value)) > MAX_WORDS_CHARS:
            raise _TooBig(f"{name} takes text of at most {MAX_WORDS_CHARS:,} characters")
        return value

    return check


def _list_filter(value: Any, *_args: Any, **_kwargs: Any) -> Any:
    if isinstance(value, (str, list, tuple, range, dict)):
        _refuse_items(len(value))
    return value


def _report_environment(context: Context) -> _LimitedEnvironment:
    environment = context.environment
    assert isinstance(environment, _LimitedEnvironment)
    return environment


@pass_context
def _loop_step(context: Context, iterable: Iterable[Any]) -> Iterator[Any]:
    environment = _report_environment(context)
    for item in iterable:
        environment.count_step()
        yield item


@pass_context
def _produced(context: Context, value: Any) -> Any:
    if isinstance(value, str):
        size = len(value)
    else:
        _refuse_shown(value)
        size = _shown_size(value)
    _report_environment(context).count_chars(size)
    return value


@pass_context
def _joined(context: Context, items: list[Any]) -> str:
    size = _sizes(items) or 0
    _refuse_text(size)
    _report_environment(context).count_chars(size)
    return markup_join(items) if context.eval_ctx.autoescape else str_join(items)


def _add_budget_checks(tree: nodes.Template) -> None:
    """Route loops, written text and `~` through the budget: `{% for %}` iterates through
    `_loop_step`, every piece of output through `_produced`, every `a ~ b` through `_joined`.
    """

    def through(node: nodes.Node, name: str) -> nodes.Filter:
        return nodes.Filter(node, name, [], [], None, None, lineno=node.lineno)

    for found in list(tree.find_all(nodes.For)):
        assert isinstance(found, nodes.For)
        found.iter = through(found.iter, "_loop_step")
    for output in list(tree.find_all(nodes.Output)):
        assert isinstance(output, nodes.Output)
        output.nodes = [through(child, "_produced") for child in output.nodes]
    for concat in list(tree.find_all(nodes.Concat)):
        assert isinstance(concat, nodes.Concat)
        concat.nodes = [through(nodes.List(concat.nodes, lineno=concat.lineno), "_joined")]


def render_template(
    template_path: Path, data: dict[str, Any], *, chart: bool = True, limits: bool = True
) -> str:
    """Render a report template in Jinja2's sandbox; errors name the template file and line.

    `limits` is False only for outsource's own templates: see _ReportEnvironment.
    """
    folder, name = template_path.parent, template_path.name
    shown = str(template_path)
    if not template_path.is_file():
        raise TemplateError(f"there is no template file at {shown}")
    environment = (
        _LimitedEnvironment(folder)
        if limits
        else _ReportEnvironment(folder, cache.template_cache())
    )
    try:
        template = environment.get_template(name)
        if limits:
            _measure(data)
        try:
            return _capped(template.generate(report=data, chart=chart, **data), shown)
        finally:
            _MEASURED.clear()
    except TemplateNotFound as error:
        raise TemplateError(
            f"{shown}: the template '{error.name}' was not found next to {name}",
            hint="A template may include only templates in its own folder.",
        ) from None
    except JinjaTemplateError as error:
        line = getattr(error, "lineno", None) or _template_line(error, folder)
        raise TemplateError(
            f"{shown}{f':{line}' if line else ''}: {error.message or type(error).__name__}",
            hint="Fix the template; 'outsource templates init DIR' gives copies of the built-ins.",
        ) from None
    except RecursionError:
        raise TemplateError(
            f"{shown}: the template calls itself too deeply (a macro or a recursive loop that "
            "never stops)",
            hint="Check its macros and recursive loops.",
        ) from None
    except MemoryError:
        raise TemplateError(
            f"{shown}: the template needed more memory than there is and was stopped",
            hint="Check its loops and the sizes it asks for.",
        ) from None
    except (
        TypeError,
        ValueError,
        ArithmeticError,
        AttributeError,
        LookupError,
        AssertionError,  # some filters check their arguments with assert: truncate
    ) as error:
        line = _template_line(error, folder)
        raise TemplateError(f"{shown}{f':{line}' if line else ''}: {error}") from None


def _template_line(error: BaseException, folder: Path) -> int | None:
    """The line of the template being rendered when the error happened."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        try:
            if frame.filename and Path(frame.filename).resolve().parent == folder.resolve():
                return frame.lineno
        except OSError:
            continue
    return None


def _capped(chunks: Iterator[str], shown: str) -> str:
    """The output, taken piece by piece: a template that writes too much stops at the limit."""
    parts: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT_CHARS:
            raise TemplateError(
                f"{shown}: the template wrote more than {MAX_OUTPUT_CHARS:,} characters "
                "and was stopped",
                hint="Check its loops.",
            )
        parts.append(chunk)
    return "".join(parts)


def render(
    data: dict[str, Any], fmt: str, template: Path | None = None, *, chart: bool = True
) -> str:
    """The report in the given format, or through the user's own template.

    `chart` is False for --no-chart: the built-in templates then leave the chart out.
    """
    if template is not None:
        return render_template(template, data, chart=chart)
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return render_template(
        builtin_templates_dir() / TEMPLATES[fmt], data, chart=chart, limits=False
    )


@dataclass(frozen=True)
class MadeReport:
    """A rendered report, with the figures to summarise it and warnings for the user."""

    text: str
    assessment: Assessment
    warnings: tuple[str, ...]
    data: dict[str, Any]
    """The report data (the JSON output), for showing the report in the terminal."""

    @property
    def summary(self) -> str:
        """One line: the score, the verdict and the number of blockers."""
        score = self.assessment.score
        shown = "not known yet" if score is None else f"{score:.1f}"
        blockers = len(self.assessment.blockers)
        plural = "" if blockers == 1 else "s"
        label = VERDICT_LABELS[self.assessment.verdict].lower()
        return f"score {shown} out of 100, {label}, {blockers} blocker{plural}."


def make_report(
    answers_path: Path,
    checklist_set: ChecklistSet,
    *,
    fmt: str,
    template: Path | None = None,
    only: Collection[str] | None = None,
    chart: bool = True,
) -> MadeReport:
    """Read and check an answers file, score it, and render the report.

    With `only`, the report covers just those sections.
    """
    loaded = answers_module.load(answers_path, checklist_set)
    assessment = assess(checklist_set, loaded.answers, only=only)
    data = report_data(assessment, loaded.answers)
    text = render(data, fmt, template, chart=chart)
    return MadeReport(text, assessment, loaded.warnings, data)


def default_output(fmt: str) -> Path:
    """Where the report goes when no -o is given."""
    return Path(f"outsource-report.{fmt}")
