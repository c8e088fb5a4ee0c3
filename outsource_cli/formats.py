"""The default file names, and the output formats: the ones there are, which a name suggests."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

DEFAULT_ANSWERS_FILE = Path("outsource-answers.yaml")
"""The answers file that `check` and `report` use when none is named."""


class ReportFormat(str, Enum):
    """A format reports and comparisons can be written in."""

    md = "md"
    json = "json"
    html = "html"


class BriefFormat(str, Enum):
    """A format the brief can be written in."""

    md = "md"
    html = "html"


_SUFFIXES = {".json": ReportFormat.json, ".html": ReportFormat.html, ".htm": ReportFormat.html}


def infer(chosen: ReportFormat | None, path: Path | None) -> ReportFormat:
    """The format asked for, else the one the file name suggests, else Markdown."""
    if chosen is not None:
        return chosen
    suffix = path.suffix.lower() if path is not None else ""
    return _SUFFIXES.get(suffix, ReportFormat.md)


DEFAULT_REPORT_NAME = "outsource-report"
"""The report's name, before its format's ending, for the default answers file."""
REPORT_ENDING = "-report"
"""What follows an answers file's own name in the name of its report."""
ANSWERS_SUFFIXES = (".yaml", ".yml")
"""The endings of an answers file's name that its report's name leaves out (any case)."""


def infer_brief(chosen: BriefFormat | None, path: Path | None) -> BriefFormat:
    """The brief's format asked for, else HTML for a name ending in .html, else Markdown."""
    if chosen is not None:
        return chosen
    return BriefFormat.html if infer(None, path) is ReportFormat.html else BriefFormat.md


DEFAULT_BRIEF_NAME = "outsource-brief"
"""The brief's name, before its format's ending, for the default answers file."""
BRIEF_ENDING = "-brief"
"""What follows an answers file's own name in the name of its brief."""


def default_brief(fmt: BriefFormat, answers_file: Path) -> Path:
    """Where a brief goes when no file is named: named after the answers file as a report
    is (outsource-brief.md for outsource-answers.yaml, NAME-brief.md for NAME.yaml)."""
    return Path(f"{_named_after(answers_file, DEFAULT_BRIEF_NAME, BRIEF_ENDING)}.{fmt.value}")


def default_report(fmt: ReportFormat, answers_file: Path) -> Path:
    """Where a report goes when no file is named, in the current folder.

    The name follows the answers file's, so that a second answers file never replaces
    the first one's report: outsource-answers.yaml (in any folder) gives
    outsource-report.md; NAME.yaml or NAME.yml gives NAME-report.md; a name with any
    other ending keeps it (answers.txt gives answers.txt-report.md), so that two answers
    files differing only in it keep apart. `.json` and `.html` likewise.
    """
    return Path(f"{_named_after(answers_file, DEFAULT_REPORT_NAME, REPORT_ENDING)}.{fmt.value}")


def _named_after(answers_file: Path, default_stem: str, ending: str) -> str:
    """An output's name without its format's ending, after the answers file's name."""
    name = answers_file.name
    if name == DEFAULT_ANSWERS_FILE.name:
        return default_stem
    base, dot, suffix = name.rpartition(".")
    known = dot and base and f".{suffix.lower()}" in ANSWERS_SUFFIXES
    return (base if known else name) + ending


DEFAULT_CANDIDATES_NAME = "outsource-candidates"
"""The ranking's name, before its format's ending, for the default answers file."""
CANDIDATES_ENDING = "-candidates"
"""What follows an answers file's own name in the name of its candidates' ranking."""


def default_candidates(fmt: ReportFormat, answers_file: Path) -> Path:
    """Where the candidates' ranking goes with --format and no -o: named after the answers
    file as its report is (outsource-candidates.md, NAME-candidates.md)."""
    named = _named_after(answers_file, DEFAULT_CANDIDATES_NAME, CANDIDATES_ENDING)
    return Path(f"{named}.{fmt.value}")


def default_comparison(fmt: ReportFormat) -> Path:
    """Where a comparison goes when --format is given without -o."""
    return Path(f"outsource-compare.{fmt.value}")


DEFAULT_REVIEWS_NAME = "outsource-reviews"
"""The trend's name, before its format's ending, for the default answers file."""
REVIEWS_ENDING = "-reviews"
"""What follows an answers file's own name in the name of its reviews' trend."""


def default_reviews(fmt: ReportFormat, answers_file: Path) -> Path:
    """Where the trend across the reviews goes with --format and no -o: named after the
    answers file as its report is (outsource-reviews.md, NAME-reviews.md)."""
    return Path(f"{_named_after(answers_file, DEFAULT_REVIEWS_NAME, REVIEWS_ENDING)}.{fmt.value}")
