"""`outsource due`: what is coming up and when, and the calendar file of every date."""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from ..formats import DEFAULT_ANSWERS_FILE
from .app import Command, app, say, stderr, stdout, warn
from .options import (
    ChecklistFolders,
    deliver,
    iso_date,
    load_checklists,
    output_path,
    read_files,
    refuse_replacing,
    written_to_stream,
)


@app.command(cls=Command)
def due(
    answers_file: Annotated[
        Path,
        typer.Argument(metavar="ANSWERS_FILE", help="The answers file to read.", show_default=True),
    ] = DEFAULT_ANSWERS_FILE,
    day: Annotated[
        date | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            parser=iso_date,
            help="Count from this day instead of today.",
            show_default=False,
        ),
    ] = None,
    ics: Annotated[
        str | None,
        typer.Option(
            "--ics",
            metavar="FILE",
            help=(
                "Also write every date the answers file holds, past ones too, to this "
                "calendar file (.ics) for a calendar app to import; '-' for standard output."
            ),
            show_default=False,
        ),
    ] = None,
    fail_on_overdue: Annotated[
        bool,
        typer.Option(
            "--fail-on-overdue",
            help="Exit with code 1 when any date is overdue (for a scheduled job).",
        ),
    ] = False,
    checklists: ChecklistFolders = None,
) -> None:
    """Show what is due and when: the next review, the notice day, the contract's end.

    The dates come from your answers: the next review (from the last one recorded and
    the rhythm you chose), the last day to give notice before the contract renews by
    itself, the end of the contract or of its current term, and the next price review.
    Overdue dates come first, marked with '!'. --ics writes a calendar file to import
    into your calendar app; run it again after each change to keep the calendar up to
    date.

    Example: outsource due my-answers.yaml --ics outsourcing.ics
    """
    from .. import dates
    from ..due import load_due

    if ics == "":
        raise typer.BadParameter(
            "give the name of a calendar file, such as dates.ics, or - for standard output",
            param_hint="--ics",
        )
    if day is not None:
        dates.set_today(day)
    checklist_set = load_checklists(checklists)
    target = None if ics is None else output_path(ics, Path(ics))
    if target is not None:
        from ..files import check_writable

        refuse_replacing(target, read_files(checklist_set, [answers_file]), "the calendar", "--ics")
        check_writable(target)
    loaded = load_due(answers_file, checklist_set)
    warn(loaded.warnings)
    if ics != "-":
        from ..views.due import show_due

        show_due(stdout(), loaded.due)
    if ics is not None:
        from ..due_calendar import calendar_text
        from ..words import plural

        made = calendar_text(checklist_set, loaded.answers, answers_file, loaded.assessment)
        written = deliver(made.text, ics, Path(ics))
        if written is not None:
            say(
                f"Calendar written to {written}: {plural(made.events, 'date')}",
                err=written_to_stream(written),
            )
    overdue = loaded.due.overdue
    if fail_on_overdue and overdue:
        from ..words import plural

        stderr().print(f"[bold red]Failed:[/] {plural(len(overdue), 'date')} overdue")
        raise typer.Exit(1)
