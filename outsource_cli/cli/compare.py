"""`outsource compare`: progress between answers files, or candidate partners ranked."""

from pathlib import Path
from typing import Annotated

import typer

from ..formats import ReportFormat
from .app import Command, app, escape, stderr, stdout, warn
from .options import (
    ChecklistFolders,
    NoChart,
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


@app.command(cls=Command)
def compare(
    answers_files: Annotated[
        list[Path],
        typer.Argument(
            metavar="ANSWERS_FILE",
            help="Two or more answers files, oldest first when tracking progress.",
            show_default=False,
        ),
    ],
    partners: Annotated[
        bool,
        typer.Option(
            "--partners",
            help="The files are candidate partners: rank them and show where they differ.",
        ),
    ] = False,
    fmt: Annotated[
        ReportFormat | None,
        format_option(
            "Write a file in this format instead of showing the comparison here. "
            "[default: from the -o name]"
        ),
    ] = None,
    output: Annotated[
        str | None,
        output_option(
            "Where to write it; '-' for standard output. "
            "[default: shown here; with --format, outsource-compare.md, .json or .html]"
        ),
    ] = None,
    no_chart: NoChart = False,
    no_pager: NoPager = False,
    checklists: ChecklistFolders = None,
) -> None:
    """Compare answers files side by side: your progress over time, or candidate partners.

    Progress: give the files oldest first to see what changed in each section, which
    blockers are resolved or new, and which answers changed. Partners (--partners): give
    one file per candidate, answered with 'outsource check SECTION... --answers
    NAME.yaml', to rank them and see where they differ. Files are compared on the
    sections they all answer.

    Example: outsource compare january.yaml june.yaml
    """
    from .. import compare as comparing
    from .. import formats

    mode = comparing.PARTNERS if partners else comparing.PROGRESS
    checklist_set = load_checklists(checklists)
    writing = fmt is not None or output is not None
    chosen = formats.infer(fmt, named(output))
    if writing:
        target = output_path(output, formats.default_comparison(chosen))
        inputs = read_files(checklist_set, answers_files)
        refuse_replacing(target, inputs, "the comparison", "-o")
    comparison = comparing.compare(answers_files, checklist_set, mode=mode)
    warn(comparison.warnings)
    if not writing:
        from ..views.compare import show

        show_paged(lambda console: show(console, comparison.data), no_pager)
        return
    text = comparing.render(comparison.data, chosen, chart=not no_chart)
    target = deliver(text, output, formats.default_comparison(chosen))
    if target is not None:
        console = stderr() if written_to_stream(target) else stdout()
        console.print(escape(f"Comparison written to {target}."))
