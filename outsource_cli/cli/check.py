"""`outsource check`: the interview, then the report."""

from pathlib import Path
from typing import Annotated

import typer

from ..formats import DEFAULT_ANSWERS_FILE, ReportFormat
from .app import Command, app, stdout, warn
from .options import (
    AnswersOption,
    ChecklistFolders,
    NoChart,
    TemplateOption,
    complete_section,
    format_option,
    load_checklists,
    lock_answers,
    read_files,
    refuse_replacing,
)


@app.command(cls=Command)
def check(
    ctx: typer.Context,
    sections: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="SECTION",
            help="Ask only these sections (ids as in 'outsource checklists list').",
            show_default=False,
            autocompletion=complete_section,
        ),
    ] = None,
    answers_file: AnswersOption = DEFAULT_ANSWERS_FILE,
    report_path: Annotated[
        Path | None,
        typer.Option(
            "--report",
            "-r",
            help=(
                "Where to write the report. [default: named after the answers file: "
                "outsource-report.md for outsource-answers.yaml, NAME-report.md for NAME.yaml; "
                ".json or .html with --format]"
            ),
            dir_okay=False,
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat | None,
        format_option("Report format. [default: from the --report name, else md]"),
    ] = None,
    no_chart: NoChart = False,
    template: TemplateOption = None,
    business: Annotated[
        str | None,
        typer.Option(
            "--business", help="Your business's name, shown on the report.", metavar="NAME"
        ),
    ] = None,
    review: Annotated[
        bool,
        typer.Option("--review", help="Go through every question again, answers as defaults."),
    ] = False,
    restart: Annotated[
        bool,
        typer.Option(
            "--restart", help="Start again with no answers (the old file is kept as a backup)."
        ),
    ] = False,
    candidate: Annotated[
        str | None,
        typer.Option(
            "--candidate",
            help=(
                "Record a candidate partner's replies to the questions about candidates, "
                "under this name, in your answers file ('outsource candidates' ranks them)."
            ),
            metavar="NAME",
            show_default=False,
        ),
    ] = None,
    checklists: ChecklistFolders = None,
) -> None:
    """Answer the questions, one at a time, and get your readiness report.

    Every answer is saved as soon as you give it. Stop whenever you like (q, or
    Ctrl-C) and run the same command again to continue where you left off. Type ? at
    any question to see why it matters, and < to go back.

    With --candidate, the questions are about one candidate partner: type what they
    replied, or hand them the keyboard. Their replies are kept in your answers file.

    Example: outsource check --business "Hill Street Home Goods"

    Example: outsource check --candidate "Acme Books Ltd"
    """
    from .. import collector, formats
    from ..copies import back_up
    from ..files import check_readable, check_writable, write_atomic
    from ..interview import continue_command, open_interview, report_command
    from ..report.render import make_report
    from ..views import interview as view
    from ..views import results
    from ..views.screen import Screen

    if review and restart:
        raise typer.BadParameter("use --review or --restart, not both", param_hint="--review")
    if candidate is not None:
        from .check_candidate import check_candidate, refuse_report_options

        refuse_report_options(report_path, fmt, no_chart, template, business)
        check_candidate(ctx, candidate, sections or [], answers_file, review, restart, checklists)
        return
    checklist_set = load_checklists(checklists)
    collector.set_for("interview")
    chosen = checklist_set.chosen(sections or [])
    report_format = formats.infer(fmt, report_path)
    target = report_path or formats.default_report(report_format, answers_file)
    inputs = read_files(checklist_set, [answers_file], template)
    refuse_replacing(target, inputs, "the report", "--report")
    refuse_replacing(answers_file, inputs[1:], "the answers file", "--answers")
    check_writable(answers_file)
    check_writable(target)
    if template is not None:
        check_readable(template)
    answers_lock = lock_answers(ctx, answers_file)
    screen = Screen(stdout())
    fresh = restart and answers_file.exists()
    if fresh:
        if not view.confirm_restart(screen, answers_file):
            screen.say("Nothing changed.")
            raise typer.Exit(0)
        screen.say(f"Your previous answers are kept in {back_up(answers_file)}.")
        screen.blank()
    interview, warnings = open_interview(
        checklist_set,
        answers_file,
        lock=answers_lock,
        section_ids=chosen,
        review=review,
        fresh=fresh,
        business=business,
    )
    warn(warnings)
    # folders from OUTSOURCE_CHECKLISTS apply again next time without being typed
    source = ctx.get_parameter_source("checklists")
    typed_folders = checklists if source is not None and source.name == "COMMANDLINE" else None
    typed_format = fmt.value if fmt else None
    session = view.Session(
        interview,
        screen,
        continue_command(chosen, answers_file, typed_folders or (), report_path, typed_format),
        report_command(answers_file, typed_folders or (), report_path, typed_format),
    )
    action = view.start(session)
    if action is view.Outcome.QUITTING or (action is view.Outcome.ASK and not view.run(session)):
        screen.say(view.quit_message(session))
        return
    # the whole file, whatever was asked: exactly what 'outsource report' would write
    made = make_report(
        answers_file, checklist_set, fmt=report_format, template=template, chart=not no_chart
    )
    write_atomic(target, made.text)
    warn(made.assessment.warnings(answers_file))  # the file's own warnings came first
    results.summary(session, made.assessment, target)
