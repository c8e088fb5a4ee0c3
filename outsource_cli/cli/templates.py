"""`outsource templates`: copies of the built-in report templates to customise."""

from pathlib import Path
from typing import Annotated

import typer

from ..words import plural
from .app import Command, escape, stdout, templates_app


@templates_app.command("init", cls=Command)
def templates_init(
    folder: Annotated[
        Path, typer.Argument(metavar="DIR", help="The folder to copy the built-in templates into.")
    ],
) -> None:
    """Copy the built-in report, brief and reviews templates (Markdown, HTML, style) into a folder.

    Existing files are never overwritten. Afterwards, use one with --template, for
    example: outsource report --template DIR/report.html.j2 -o report.html, or
    outsource brief --template DIR/brief.md.j2

    Example: outsource templates init my-templates
    """
    from ..copies import copy_files
    from ..report.render import STARTER_TEMPLATES, builtin_templates_dir

    sources = [builtin_templates_dir() / name for name in STARTER_TEMPLATES]
    copied = copy_files(sources, folder)
    console = stdout()
    console.print(f"Copied {plural(len(copied), 'file')} into {escape(str(folder))}:")
    for path in copied:
        console.print(f"  {escape(path.name)}")
    first = escape(str(copied[0]))
    console.print(
        f"Edit them, then use one with --template, for example: outsource report --template "
        f"{first} -o my-report.md. A template receives the data that "
        "'outsource report --format json' writes; a brief template, the brief's data "
        "(docs/report-data.md)."
    )
