"""Rendering the report data through a template, and making a report from an answers file."""

from __future__ import annotations

import traceback
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import TemplateError as JinjaTemplateError
from jinja2 import TemplateNotFound

from .. import answers as answers_module
from .. import cache
from ..assessment import Assessment, assess
from ..checklist_set import ChecklistSet
from ..errors import FileReadError, TemplateError
from ..files import check_readable
from ..resources import builtin_dir
from ..safe_text import readable
from ..sandbox.limits import MAX_OUTPUT_CHARS
from ..sandbox.templates import LimitedEnvironment, ReportEnvironment
from ..verdicts import RUNNING_STAGE
from .data import ReportData, json_text, report_data

if TYPE_CHECKING:
    from .brief import Brief

TEMPLATES = {"md": "report.md.j2", "html": "report.html.j2"}
BRIEF_TEMPLATES = {"md": "brief.md.j2", "html": "brief.html.j2"}
STARTER_TEMPLATES = (
    "report.md.j2",
    "report.html.j2",
    "brief.md.j2",
    "brief.html.j2",
    "reviews.md.j2",
    "reviews.html.j2",
    "html-style.css.j2",
    "html-macros.j2",
)
"""What `templates init` copies: the report, brief and reviews templates and the style the
HTML ones include."""


def builtin_templates_dir() -> Path:
    """The folder of built-in report templates."""
    return builtin_dir("templates")


def render_template(
    template_path: Path, data: Mapping[str, Any], *, chart: bool = True, limits: bool = True
) -> str:
    """Render a report template in Jinja2's sandbox; errors name the template file and line.

    Every Markdown and HTML output comes through here: its control characters are replaced
    (`safe_text.readable`), so that an answer cannot drive the terminal the file is shown in.

    `limits` is False only for outsource's own templates: see sandbox.templates.ReportEnvironment.
    """
    folder, name = template_path.parent, template_path.name
    shown = str(template_path)
    if not template_path.exists():
        raise TemplateError(f"there is no template file at {shown}")
    try:
        check_readable(template_path, shown)
    except FileReadError as error:
        raise TemplateError(error.message, hint=error.hint) from None
    environment = (
        LimitedEnvironment(folder, data)
        if limits
        else ReportEnvironment(folder, cache.template_cache())
    )
    try:
        template = environment.get_template(name)
        return readable(_capped(template.generate(report=data, chart=chart, **data), shown))
    except TemplateNotFound as error:
        raise TemplateError(
            f"{shown}: the template '{error.name}' was not found next to {name}",
            hint="A template may include only templates in its own folder.",
        ) from None
    except JinjaTemplateError as error:
        line = getattr(error, "lineno", None) or _template_line(error, folder)
        where = _included(template_path, getattr(error, "filename", None)) or shown
        raise TemplateError(
            f"{where}{f':{line}' if line else ''}: {_cut(error.message or type(error).__name__)}",
            hint="Fix the template; 'outsource templates init DIR' gives copies of the built-ins.",
        ) from None
    except RecursionError as error:
        raise _recursion_error(error, shown, folder) from None
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
        message = str(error)
        if "integer string conversion" in message:  # Python's own limit, in its words
            message = "this number has more than 4,300 digits, too many to write"
        raise TemplateError(f"{shown}{f':{line}' if line else ''}: {_cut(message)}") from None


def _cut(message: str) -> str:
    """Python's message, cut short: it may quote a value, which can be very long."""
    return message if len(message) <= _MESSAGE_CHARS else message[: _MESSAGE_CHARS - 1] + "…"


_MESSAGE_CHARS = 300
"""The longest message from Python shown for a template error."""


def _recursion_error(error: RecursionError, shown: str, folder: Path) -> TemplateError:
    """Python's stack ran out: a template calling itself, or a value nested too deeply.

    A macro or a recursive loop that calls itself leaves a frame of the template for each
    call; showing or comparing a deeply nested value leaves Python's own frames.
    """
    lines = _template_lines(error, folder)
    where = f"{shown}:{Counter(lines).most_common(1)[0][0]}" if lines else shown
    if len(lines) > _RECURSIVE_FRAMES:
        return TemplateError(
            f"{where}: the template calls itself too deeply (a macro or a recursive loop that "
            "never stops)",
            hint="Check its macros and recursive loops.",
        )
    return TemplateError(
        f"{where}: this value is nested too deeply to show or compare (lists in lists, "
        "hundreds of levels deep)",
        hint="Check how the template builds its lists.",
    )


_RECURSIVE_FRAMES = 20
"""More frames of the template than this, when the stack ran out: it called itself."""


def _template_lines(error: BaseException, folder: Path) -> list[int]:
    """The lines of the template's frames when the error happened, outermost first."""
    lines = []
    resolved = folder.resolve()
    for frame in traceback.extract_tb(error.__traceback__):
        try:
            if frame.filename and Path(frame.filename).resolve().parent == resolved:
                lines.append(frame.lineno or 0)
        except OSError:
            continue
    return [line for line in lines if line]


def _included(template_path: Path, filename: str | None) -> str | None:
    """The template an error is in, when it is one the given template includes or imports."""
    if not filename:
        return None
    try:
        inside = Path(filename).resolve().relative_to(template_path.parent.resolve())
    except (OSError, ValueError):
        return None
    return None if inside == Path(template_path.name) else str(template_path.parent / inside)


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
    data: Mapping[str, Any],
    fmt: str,
    template: Path | None = None,
    *,
    chart: bool = True,
    built_in: Mapping[str, str] = TEMPLATES,
) -> str:
    """The report (or, with `built_in=BRIEF_TEMPLATES`, the brief) in the given format, or
    through the user's own template.

    `chart` is False for --no-chart: the built-in templates then leave the chart out.
    """
    if template is not None:
        return render_template(template, data, chart=chart)
    if fmt == "json":
        return json_text(data)
    return render_template(builtin_templates_dir() / built_in[fmt], data, chart=chart, limits=False)


@dataclass(frozen=True)
class MadeReport:
    """A rendered report, with the figures to summarise it and warnings for the user."""

    text: str
    assessment: Assessment
    warnings: tuple[str, ...]
    data: ReportData
    """The report data (the JSON output), for showing the report in the terminal."""

    @property
    def summary(self) -> str:
        """One line: the score, the verdict and the number of blockers."""
        score = self.assessment.score
        shown = "not known yet" if score is None else f"{score:.1f}"
        blockers = len(self.assessment.blockers)
        plural = "" if blockers == 1 else "s"
        label = self.assessment.verdict_label.lower()
        return f"score {shown} out of 100, {label}, {blockers} blocker{plural}."


def make_report(
    answers_path: Path,
    checklist_set: ChecklistSet,
    *,
    fmt: str,
    template: Path | None = None,
    chart: bool = True,
) -> MadeReport:
    """Read and check an answers file, score it, and render the report of the whole file."""
    loaded = answers_module.load(answers_path, checklist_set)
    assessment = assess(checklist_set, loaded.answers)
    data = report_data(assessment, loaded.answers)
    warnings = loaded.warnings + assessment.warnings(answers_path)
    if loaded.answers.candidates and checklist_set.candidate_sections:
        from .. import candidates  # it renders through this module: imported when needed

        ranked = candidates.ranked(checklist_set, loaded.answers)
        data["candidates"] = candidates.candidate_list(ranked)
        warnings += tuple(w for item in ranked for w in item.assessment.warnings(answers_path))
    if assessment.stage == RUNNING_STAGE and checklist_set.review_sections:
        from .after_signing import after_signing_data  # for a running arrangement only

        after = after_signing_data(checklist_set, loaded.answers, assessment, answers_path)
        if after is not None:
            data["after_signing"] = after
    text = render(data, fmt, template, chart=chart)
    return MadeReport(text, assessment, warnings, data)


@dataclass(frozen=True)
class MadeBrief:
    """A rendered brief, and the brief's data (its summary and points still to settle)."""

    text: str
    brief: Brief


def make_brief(
    answers_path: Path,
    checklist_set: ChecklistSet,
    *,
    fmt: str,
    template: Path | None = None,
    include_budget: bool = False,
    checklists: Sequence[Path] = (),
) -> tuple[MadeBrief, tuple[str, ...]]:
    """Read and check an answers file and render the brief to send candidate partners;
    with the warnings of reading the file and of each point still to settle."""
    from .brief import brief_data  # only the brief needs it: kept out of the report's start

    loaded = answers_module.load(answers_path, checklist_set)
    brief = brief_data(
        checklist_set,
        loaded.answers,
        answers_file=answers_path,
        include_budget=include_budget,
        checklists=checklists,
    )
    text = render(brief.data, fmt, template, built_in=BRIEF_TEMPLATES)
    return MadeBrief(text, brief), loaded.warnings + brief.warnings
