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


_SUFFIXES = {".json": ReportFormat.json, ".html": ReportFormat.html, ".htm": ReportFormat.html}


def infer(chosen: ReportFormat | None, path: Path | None) -> ReportFormat:
    """The format asked for, else the one the file name suggests, else Markdown."""
    if chosen is not None:
        return chosen
    suffix = path.suffix.lower() if path is not None else ""
    return _SUFFIXES.get(suffix, ReportFormat.md)


def default_report(fmt: ReportFormat) -> Path:
    """Where a report goes when no file is named: outsource-report.md, .json or .html."""
    return Path(f"outsource-report.{fmt.value}")


def default_comparison(fmt: ReportFormat) -> Path:
    """Where a comparison goes when --format is given without -o."""
    return Path(f"outsource-compare.{fmt.value}")
