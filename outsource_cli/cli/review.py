"""`outsource review`: record a periodic review of a running arrangement.

This module does not postpone its annotations (see app.py).
"""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from ..formats import DEFAULT_ANSWERS_FILE
from .app import Command, app, stdout, warn
from .options import (
    ChecklistFolders,
    iso_date,
    load_checklists,
    lock_answers,
    read_files,
    refuse_replacing,
)


@app.command(cls=Command)
def review(
    ctx: typer.Context,
    answers_file: Annotated[
        Path,
        typer.Option(
            "--answers",
            "-a",
            help="Your answers file: the review is saved in it (it must exist).",
            dir_okay=False,
            metavar="FILE",
        ),
    ] = DEFAULT_ANSWERS_FILE,
    day: Annotated[
        date | None,
        typer.Option(
            "--date",
            help="The day the review is about, written as 2026-12-01. [default: today]",
            metavar="YYYY-MM-DD",
            parser=iso_date,
            show_default=False,
        ),
    ] = None,
    checklists: ChecklistFolders = None,
) -> None:
    """Record a periodic review of the work with your partner, saved in your answers file.

    It asks this period's value of each of your KPIs, then what to check at every review:
    quality, delays, invoices, the scope, incidents, the partner's staff, whether to
    scale up or down, and whether outsourcing still beats doing the work in-house. Every
    answer is saved at once; stop with q and run the same command to continue. Running it
    again on the same date continues that review.

    Example: outsource review --date 2027-03-31
    """
    from .. import collector, dates
    from .. import review_interview as opening
    from ..files import check_writable
    from ..interview import reading_command, review_command
    from ..review_answers import check_review_sections
    from ..trend import latest_review
    from ..views import interview as view
    from ..views.results import review_result
    from ..views.screen import Screen

    checklist_set = load_checklists(checklists)
    collector.set_for("interview")
    check_review_sections(checklist_set)
    on = (day or dates.today()).isoformat()
    if day is not None and day > dates.today():
        warn((f"the review's date, {on}, is after today; it is saved for that day",))
    inputs = read_files(checklist_set, [answers_file])
    refuse_replacing(answers_file, inputs[1:], "the answers file", "--answers")
    check_writable(answers_file)
    answers_lock = lock_answers(ctx, answers_file)
    loaded = opening.read_owner_file(answers_file, checklist_set)
    warn(loaded.warnings)
    screen = Screen(stdout())
    for note in opening.owner_notes(checklist_set, loaded.answers, answers_file):
        screen.say(f"Note: {note}")
        screen.blank()
    interview = opening.open_review_interview(
        checklist_set, loaded.answers, answers_file, on, lock=answers_lock
    )
    # folders from OUTSOURCE_CHECKLISTS apply again next time without being typed
    source = ctx.get_parameter_source("checklists")
    typed = (checklists if source is not None and source.name == "COMMANDLINE" else None) or ()
    trend = reading_command("reviews", answers_file, typed)
    session = view.Session(
        interview, screen, review_command(on, answers_file, typed), trend, review_of=on
    )
    action = view.start(session)
    if action is view.Outcome.QUITTING or (action is view.Outcome.ASK and not view.run(session)):
        screen.say(view.quit_message(session))
        return
    found = latest_review(checklist_set, loaded.answers, on)  # this review: the latest so far
    assert found is not None  # the interview added it
    review_result(screen, *found, trend, reading_command("due", answers_file, typed))
