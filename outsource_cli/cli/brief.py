"""`outsource brief`: write the brief to send candidate partners, from an answers file."""

from pathlib import Path
from typing import Annotated

import typer

from ..formats import DEFAULT_ANSWERS_FILE, BriefFormat
from .app import Command, app, say, warn
from .options import (
    ChecklistFolders,
    deliver,
    format_option,
    load_checklists,
    named,
    output_option,
    output_path,
    read_files,
    refuse_replacing,
    written_to_stream,
)


@app.command(cls=Command)
def brief(
    answers_file: Annotated[
        Path,
        typer.Argument(
            metavar="ANSWERS_FILE",
            help="The answers file to build the brief from.",
            show_default=True,
        ),
    ] = DEFAULT_ANSWERS_FILE,
    fmt: Annotated[
        BriefFormat | None, format_option("Brief format. [default: from the -o name, else md]")
    ] = None,
    output: Annotated[
        str | None,
        output_option(
            "Where to write the brief; '-' for standard output. "
            "[default: named after the answers file: outsource-brief.md for "
            "outsource-answers.yaml, NAME-brief.md for NAME.yaml; .html with --format html]"
        ),
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            help="Your own Jinja2 template to render the brief with "
            "('outsource templates init DIR' gives copies of the built-in ones).",
            dir_okay=False,
            metavar="FILE",
        ),
    ] = None,
    include_budget: Annotated[
        bool,
        typer.Option(
            "--include-budget",
            help="Put your budget answers in the brief (they are left out otherwise).",
        ),
    ] = False,
    checklists: ChecklistFolders = None,
) -> None:
    """Write the brief to send candidate partners: the work, what you expect, how to reply.

    It is written in your voice from your answers, and asks every candidate the questions
    of the candidate sections. Your notes, scores and budget are never in it. Points you
    have not answered yet are listed at its end, to settle before you send it.

    Example: outsource brief my-answers.yaml --format html -o brief.html
    """
    from .. import formats
    from ..report.render import make_brief

    if fmt is None and (named(output) or Path()).suffix.lower() == ".json":
        raise typer.BadParameter(
            "the brief is a document to send, written as Markdown or HTML, not JSON; name "
            "the file .md or .html, or give --format",
            param_hint="--output",
        )
    brief_format = formats.infer_brief(fmt, named(output))
    default = formats.default_brief(brief_format, answers_file)
    checklist_set = load_checklists(checklists)
    target = output_path(output, default)
    inputs = read_files(checklist_set, [answers_file], template)
    refuse_replacing(target, inputs, "the brief", "-o")
    made, warnings = make_brief(
        answers_file,
        checklist_set,
        fmt=brief_format.value,
        template=template,
        include_budget=include_budget,
        checklists=checklists or (),
    )
    warn(warnings)
    written = deliver(made.text, output, default)
    if written is not None:
        say(f"Brief written to {written}: {made.brief.summary}", err=written_to_stream(written))
