"""The options several commands share, tab completion of section ids, and output handling.

This module does not postpone its annotations (see app.py): typer reads them at start-up.
"""

import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .app import APP_NAME

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import Console

    from ..checklist_set import ChecklistSet
    from ..lock import AnswersLock


NoChart = Annotated[
    bool,
    typer.Option(
        "--no-chart", help="Leave the chart of section scores out of a Markdown or HTML report."
    ),
]


ChecklistFolders = Annotated[
    list[Path] | None,
    typer.Option(
        "--checklists",
        envvar="OUTSOURCE_CHECKLISTS",
        metavar="DIR",
        help=(
            "Use exactly the checklists in this folder instead of the built-in and your own "
            "(repeat for several folders)."
        ),
        file_okay=False,
        show_default=False,
    ),
]


def user_checklists_dir() -> Path:
    """The user's own checklists folder, which extends and overrides the built-ins."""
    return Path(typer.get_app_dir(APP_NAME)) / "checklists"


def load_checklists(
    folders: list[Path] | None, extra_files: list[Path] | None = None
) -> "ChecklistSet":
    """The checklist set in use: the folders given, else the built-ins and the user's own."""
    from .. import checklist_set

    return checklist_set.load(
        folders=folders or (), user_dir=user_checklists_dir(), extra_files=extra_files or ()
    )


def complete_section(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Section ids, with their titles, for the shell to offer after Tab.

    Uses the --checklists folders already typed (or OUTSOURCE_CHECKLISTS) and leaves
    out sections already given; after --candidate, the sections about candidates. Never
    raises or prints: a checklist folder that does not load offers nothing, and the shell
    falls back to its usual completion.
    """
    from ..safe_text import clean

    try:
        checklist_set = load_checklists(ctx.params.get("checklists"))
        chosen = set(ctx.params.get("sections") or ())
        about_a_candidate = ctx.params.get("candidate") is not None
        offered = checklist_set.candidate_sections if about_a_candidate else checklist_set.sections
        return [
            (loaded.section.id, clean(loaded.section.title))
            for loaded in offered
            if loaded.section.id.startswith(incomplete) and loaded.section.id not in chosen
        ]
    except Exception:  # the shell would show a traceback in the middle of the command line
        return []


TemplateOption = Annotated[
    Path | None,
    typer.Option(
        "--template",
        help="Your own Jinja2 template to render the report with "
        "('outsource templates init DIR' gives copies of the built-in ones).",
        dir_okay=False,
        metavar="FILE",
    ),
]


NoPager = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        help=(
            "Print everything at once. Otherwise, on a terminal, output longer than the "
            "screen goes through a pager: $OUTSOURCE_PAGER, else $PAGER, else less (an empty "
            "value or cat: none)."
        ),
    ),
]


def show_paged(draw: "Callable[[Console], None]", no_pager: bool) -> None:
    """Draw on standard output, through the pager when it is a terminal and needs one.

    Ctrl-C while the pager runs stops the command with 130, once the pager has ended.
    """
    from ..views import pager
    from .app import stdout

    if pager.show_paged(stdout(), draw, allowed=not no_pager) is pager.Paged.INTERRUPTED:
        raise typer.Exit(130)


def score_limit(text: str) -> float:
    """A score from 0 to 100 given on the command line."""
    import math

    try:
        value = float(text.strip().rstrip("%"))
    except ValueError:
        value = math.nan
    if not 0 <= value <= 100:  # NaN fails this too
        raise typer.BadParameter(f"give a score from 0 to 100, such as 70, not '{text}'")
    return value


def format_option(help_text: str) -> object:
    """The --format option, with this command's help."""
    return typer.Option("--format", "-f", help=help_text, show_default=False)


def output_option(help_text: str) -> object:
    """The -o option, with this command's help; '-' means standard output."""
    return typer.Option("--output", "-o", metavar="FILE", help=help_text, show_default=False)


AnswersOption = Annotated[
    Path,
    typer.Option(
        "--answers",
        "-a",
        help="The answers file: created on the first run, continued on the next.",
        dir_okay=False,
        metavar="FILE",
    ),
]


def named(output: str | None) -> Path | None:
    """The file -o names, if any ('-' is standard output)."""
    return Path(output) if output and output != "-" else None


def output_path(output: str | None, default: Path) -> Path | None:
    """The file -o names, else the default; None for '-' (standard output)."""
    return None if output == "-" else named(output) or default


def read_files(
    checklist_set: "ChecklistSet", answers: Iterable[Path] = (), template: Path | None = None
) -> list[tuple[str, Path]]:
    """Every file a command reads, with what it is: no output may replace one of them.

    An answers file's lock counts too: replacing it would let a second writer in.
    """
    from ..lock import lock_file

    found = [("the answers file", path) for path in answers]
    found.extend(("the answers file's lock", lock_file(path)) for path in answers)
    if template is not None:
        found.append(("the template", template))
    found.extend(("the checklist", path) for path in checklist_set.files)
    return found


def refuse_replacing(
    target: Path | None, inputs: list[tuple[str, Path]], what: str, option: str
) -> None:
    """Refuse, before any work, an output (given with `option`) that is one of the inputs."""
    if target is None:
        return
    from ..same_file import refuse_overwriting

    refuse_overwriting(target, inputs, writing=what, hint=f"Give {option} another file name.")


def written_to_stream(target: Path) -> bool:
    """Whether the file written is a stream (a device, a pipe, /dev/stdout): then the line
    saying it was written goes to standard error, out of the way of what was written."""
    from ..files import is_stream

    return is_stream(target)


def deliver(text: str, output: str | None, default: Path) -> Path | None:
    """Write to standard output for -o -, else to the file (atomically); the file written.

    What goes to standard output is the file itself, byte for byte, for a pipe or a
    redirection; only when standard output is a terminal is its user text cleaned, as
    everything else outsource shows there is.
    """
    target = output_path(output, default)
    if target is None:
        if sys.stdout.isatty():
            from ..safe_text import clean

            text = clean(text)
        sys.stdout.write(text)
        sys.stdout.flush()
        return None
    from ..files import write_atomic

    write_atomic(target, text)
    return target


def lock_answers(ctx: typer.Context, path: Path) -> "AnswersLock":
    """Hold the answers file's writer lock until the command ends; say so if a stale one is taken.

    Every command that writes an answers file calls this before reading it.
    """
    import shlex

    from rich.text import Text

    from ..lock import held
    from .app import stderr

    words = [APP_NAME, *sys.argv[1:]]
    lock = ctx.with_resource(held(path, command=ctx.command_path, command_line=shlex.join(words)))
    if lock.note:
        stderr().print(Text("Note: ", style="bold") + Text(lock.note))
    return lock


def iso_date(text: str) -> date:
    """A date given on the command line (--date), written as 2026-12-01: the only form
    that cannot be misread. BadParameter, saying what is accepted, for anything else."""
    from ..dates import EXAMPLE_DATE, no_such_day, read_iso

    day = read_iso(text.strip())
    if day is not None:
        return day
    impossible = no_such_day(text.strip())
    if impossible:
        raise typer.BadParameter(f"{impossible}; give a real date, such as {EXAMPLE_DATE}")
    raise typer.BadParameter(
        f"give a date written as {EXAMPLE_DATE} (year-month-day), not '{text}'"
    )
