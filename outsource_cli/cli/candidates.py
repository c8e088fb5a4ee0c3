"""`outsource candidates`: the candidate partners recorded in an answers file, ranked."""

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


@app.command(cls=Command)
def candidates(
    answers_file: Annotated[
        Path,
        typer.Argument(
            metavar="ANSWERS_FILE",
            help="The answers file holding the candidates' replies.",
            show_default=True,
        ),
    ] = DEFAULT_ANSWERS_FILE,
    fmt: Annotated[
        ReportFormat | None,
        format_option(
            "Write a file in this format instead of showing the ranking here. "
            "[default: from the -o name]"
        ),
    ] = None,
    output: Annotated[
        str | None,
        output_option(
            "Where to write it; '-' for standard output. [default: shown here; with "
            "--format, named after the answers file: outsource-candidates.md for "
            "outsource-answers.yaml, NAME-candidates.md for NAME.yaml]"
        ),
    ] = None,
    no_pager: NoPager = False,
    checklists: ChecklistFolders = None,
) -> None:
    """Rank the candidate partners whose replies are in your answers file.

    Fewer knock-outs (critical questions answered badly) come first, then the higher
    score. Each candidate's strong and weak points follow, then the questions they
    answer differently. Record a candidate's replies with 'outsource check --candidate
    NAME'.

    Example: outsource candidates --format html -o candidates.html
    """
    from .. import candidates as ranking
    from .. import formats
    from ..checklist_set import display_path

    checklist_set = load_checklists(checklists)
    writing = fmt is not None or output is not None
    chosen = formats.infer(fmt, named(output))
    default = formats.default_candidates(chosen, answers_file)
    if writing:
        target = output_path(output, default)
        refuse_replacing(target, read_files(checklist_set, [answers_file]), "the ranking", "-o")
    data, warnings = ranking.load_ranking(answers_file, checklist_set)
    warn(warnings)
    if not writing:
        from ..views.candidates import show

        shown = display_path(answers_file)
        show_paged(lambda console: show(console, data, shown), no_pager)
        return
    written = deliver(ranking.render(data, chosen.value), output, default)
    if written is not None:
        console = stderr() if written_to_stream(written) else stdout()
        console.print(escape(f"Ranking of the candidates written to {written}."))
