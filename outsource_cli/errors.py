"""The errors the core raises; the CLI turns them into messages and exit codes."""

from __future__ import annotations

from dataclasses import dataclass

EXIT_INVALID = 2
"""Exit code for invalid input: a bad checklist, answers file, template or argument."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, at a line and column (1-based, 0 when unknown)."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class OutsourceError(Exception):
    """Base of every error the user should see as a message, not a traceback."""

    exit_code = EXIT_INVALID
    label = "Error: "
    """What the first line starts with."""

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def lines(self) -> list[str]:
        """The message as lines to print, the hint last."""
        return [self.message, *([self.hint] if self.hint else [])]


class InputError(OutsourceError):
    """One or more problems found in files the user gave: every one is listed."""

    def __init__(self, problems: list[Problem], *, hint: str = "") -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        summary = f"{count} problem{'s' if count != 1 else ''} found"
        super().__init__(summary, hint=hint)

    def lines(self) -> list[str]:
        return [*(str(p) for p in self.problems), *([self.hint] if self.hint else [])]


class ChecklistError(InputError):
    """A checklist file (or a set of them) is invalid."""


class AnswersError(InputError):
    """An answers file is invalid or does not fit the checklists."""


class TemplateError(OutsourceError):
    """A report template could not be read or rendered."""


class AnswerRefused(OutsourceError):
    """An answer that cannot be saved as it is; the answers file is left as it was."""


class CompareError(OutsourceError):
    """The answers files given cannot be compared."""


class FileWriteError(OutsourceError):
    """A file could not be written; whatever was there before is left intact."""


class NotFoundError(OutsourceError):
    """A file, folder or section the user named does not exist."""


class Stopped(OutsourceError):
    """The interview stopped before its end (Ctrl-C, a closed terminal); answers are saved."""

    label = ""

    def __init__(self, message: str, *, hint: str = "", exit_code: int = EXIT_INVALID) -> None:
        super().__init__(message, hint=hint)
        self.exit_code = exit_code


class InputEnded(OutsourceError):
    """Standard input ended before the interview did; answers given so far are saved."""


class InUseError(OutsourceError):
    """Another run holds the answers file's writer lock; nothing was asked or written."""


class FileReadError(OutsourceError):
    """A file could not be read: it is missing, unreadable, too large, or not a regular file.

    `detail` says what is wrong without naming the file, for a message that names it
    already ("x.yaml: this is a named pipe (FIFO), not a file").
    """

    def __init__(self, message: str, *, detail: str, hint: str = "") -> None:
        super().__init__(message, hint=hint)
        self.detail = detail


class FileTooLarge(FileReadError):
    """A file is larger than the limit for what it holds."""
