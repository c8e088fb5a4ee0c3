"""Reports: the assessment as plain data (the JSON output), rendered through Jinja2 templates."""

from __future__ import annotations

import json
import os
import re
import traceback
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, Environment, StrictUndefined, TemplateNotFound
from jinja2 import TemplateError as JinjaTemplateError
from jinja2.sandbox import SandboxedEnvironment

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


def _environment(folder: Path) -> SandboxedEnvironment:
    environment = SandboxedEnvironment(
        loader=_FolderLoader(folder),
        bytecode_cache=cache.template_cache(),
        undefined=StrictUndefined,
        autoescape=autoescaped,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["md"] = markdown_text
    environment.filters["bar"] = text_bar
    environment.filters["number"] = format_number
    environment.filters["mermaid"] = mermaid_text
    environment.filters["change"] = change_text
    return environment


def render_template(template_path: Path, data: dict[str, Any], *, chart: bool = True) -> str:
    """Render a report template in Jinja2's sandbox; errors name the template file and line."""
    folder, name = template_path.parent, template_path.name
    shown = str(template_path)
    if not template_path.is_file():
        raise TemplateError(f"there is no template file at {shown}")
    environment = _environment(folder)
    try:
        template = environment.get_template(name)
        return _capped(template.generate(report=data, chart=chart, **data))
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
    except (TypeError, ValueError, ArithmeticError, AttributeError, LookupError) as error:
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


def _capped(chunks: Iterator[str]) -> str:
    parts: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT_CHARS:
            raise TemplateError(
                f"the template wrote more than {MAX_OUTPUT_CHARS:,} characters and was stopped",
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
    return render_template(builtin_templates_dir() / TEMPLATES[fmt], data, chart=chart)


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
