"""`outsource report`: score an answers file and write or show the report."""

from pathlib import Path
from typing import Annotated

import typer

from ..formats import DEFAULT_ANSWERS_FILE, ReportFormat
from .app import Command, app, say, stderr, warn
from .options import (
    ChecklistFolders,
    NoChart,
    NoPager,
    TemplateOption,
    deliver,
    format_option,
    load_checklists,
    named,
    output_option,
    output_path,
    read_files,
    refuse_replacing,
    score_limit,
    show_paged,
    written_to_stream,
)


@app.command(cls=Command)
def report(
    answers_file: Annotated[
        Path,
        typer.Argument(
            metavar="ANSWERS_FILE", help="The answers file to score.", show_default=True
        ),
    ] = DEFAULT_ANSWERS_FILE,
    fmt: Annotated[
        ReportFormat | None, format_option("Report format. [default: from the -o name, else md]")
    ] = None,
    output: Annotated[
        str | None,
        output_option(
            "Where to write the report; '-' for standard output. "
            "[default: named after the answers file: outsource-report.md for "
            "outsource-answers.yaml, NAME-report.md for NAME.yaml; .json or .html with "
            "--format; with --show, no file]"
        ),
    ] = None,
    show: Annotated[
        bool,
        typer.Option(
            "--show", help="Show the report here in the terminal instead of writing a file."
        ),
    ] = False,
    no_pager: NoPager = False,
    no_chart: NoChart = False,
    template: TemplateOption = None,
    fail_under: Annotated[
        float | None,
        typer.Option(
            "--fail-under",
            metavar="SCORE",
            parser=score_limit,
            help="Exit with code 1 when the overall score is below SCORE (for CI).",
            show_default=False,
        ),
    ] = None,
    fail_on_blockers: Annotated[
        bool,
        typer.Option("--fail-on-blockers", help="Exit with code 1 when there is any blocker."),
    ] = False,
    checklists: ChecklistFolders = None,
) -> None:
    """Score an answers file and write the report with its action plan.

    --show prints it here instead. In a CI job, --fail-under and --fail-on-blockers
    make the command fail when the assessment does not pass.

    Example: outsource report my-answers.yaml --format html -o report.html
    """
    from .. import formats
    from ..gates import failed_gates
    from ..report.render import make_report

    if show and output == "-":
        raise typer.BadParameter(
            "--show already prints to the terminal; give -o a file name", param_hint="--output"
        )
    report_format = formats.infer(fmt, named(output))
    checklist_set = load_checklists(checklists)
    if output or not show:
        target = output_path(output, formats.default_report(report_format, answers_file))
        inputs = read_files(checklist_set, [answers_file], template)
        refuse_replacing(target, inputs, "the report", "-o")
    made = make_report(
        answers_file,
        checklist_set,
        fmt=report_format,
        template=template,
        chart=not no_chart,
    )
    warn(made.warnings)
    if show:
        from ..views.report import show_report

        show_paged(lambda console: show_report(console, made.data), no_pager)
    if output or not show:
        target = deliver(made.text, output, formats.default_report(report_format, answers_file))
        if target is not None:
            say(f"Report written to {target}: {made.summary}", err=written_to_stream(target))
    failed = failed_gates(made.assessment, fail_under, fail_on_blockers)
    if failed:
        from .app import escape

        console = stderr()
        for rule in failed:
            console.print(f"[bold red]Failed:[/] {escape(rule)}")
        raise typer.Exit(1)
