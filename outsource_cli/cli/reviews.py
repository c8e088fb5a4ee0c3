"""`outsource reviews`: the trend across the periodic reviews recorded in an answers file."""

from pathlib import Path
from typing import Annotated

import typer

from ..formats import DEFAULT_ANSWERS_FILE, ReportFormat
from .app import Command, app, escape, stderr, stdout, warn
from .options import (
    ChecklistFolders,
    NoPager,
    deliver,
    format_option,
    load_checklists,
    named,
    output_option,
    output_path,
    read_files,
    refuse_replacing,
    show_paged,
    written_to_stream,
)

NoKpiCharts = Annotated[
    bool,
    typer.Option("--no-chart", help="Leave the KPI charts out of a Markdown or HTML file."),
]


@app.command(cls=Command)
def reviews(
    answers_file: Annotated[
        Path,
        typer.Argument(
            metavar="ANSWERS_FILE",
            help="The answers file holding the reviews.",
            show_default=True,
        ),
    ] = DEFAULT_ANSWERS_FILE,
    fmt: Annotated[
        ReportFormat | None,
        format_option(
            "Write a file in this format instead of showing the trend here. "
            "[default: from the -o name]"
        ),
    ] = None,
    output: Annotated[
        str | None,
        output_option(
            "Where to write it; '-' for standard output. [default: shown here; with "
            "--format, named after the answers file: outsource-reviews.md for "
            "outsource-answers.yaml, NAME-reviews.md for NAME.yaml]"
        ),
    ] = None,
    no_chart: NoKpiCharts = False,
    no_pager: NoPager = False,
    checklists: ChecklistFolders = None,
) -> None:
    """Show how the work went from review to review: each KPI against its target, the
    KPIs that missed it twice in a row, the answers that got worse, and the costs.

    Each review is one recorded with 'outsource review'. The actions of the latest
    review come last.

    Example: outsource reviews --format html -o reviews.html
    """
    from .. import formats, trend
    from ..checklist_set import display_path

    checklist_set = load_checklists(checklists)
    writing = fmt is not None or output is not None
    chosen = formats.infer(fmt, named(output))
    default = formats.default_reviews(chosen, answers_file)
    if writing:
        target = output_path(output, default)
        refuse_replacing(target, read_files(checklist_set, [answers_file]), "the trend", "-o")
        if target is not None:  # a folder or a read-only place is said before any work
            from ..files import check_writable

            check_writable(target)
    data, warnings = trend.load_trend(answers_file, checklist_set, checklists or ())
    warn(warnings)
    if not writing:
        from ..views.reviews import show

        shown = display_path(answers_file)
        show_paged(lambda console: show(console, data, shown), no_pager)
        return
    written = deliver(trend.render(data, chosen.value, chart=not no_chart), output, default)
    if written is not None:
        console = stderr() if written_to_stream(written) else stdout()
        console.print(escape(f"Trend across the reviews written to {written}."))
