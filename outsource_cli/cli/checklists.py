"""`outsource checklists`: list, show, validate, copy and describe the checklists."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..words import plural
from .app import Command, checklists_app, escape, stdout
from .options import ChecklistFolders, complete_section, load_checklists, user_checklists_dir


@checklists_app.command("list", cls=Command)
def checklists_list(checklists: ChecklistFolders = None) -> None:
    """List the checklist sections in use, in interview order, and where each comes from.

    Example: outsource checklists list
    """
    from ..views.checklists import show_sections

    console = stdout()
    show_sections(console, load_checklists(checklists))
    if not checklists:
        folder = user_checklists_dir()
        state = "" if folder.is_dir() else " (does not exist yet)"
        console.print(
            f"Your own checklists folder: {escape(str(folder))}{state}. Files there override "
            "built-in sections with the same id and add new ones."
        )


@checklists_app.command("show", cls=Command)
def checklists_show(
    section_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="The section id, as in 'checklists list'.",
            autocompletion=complete_section,
        ),
    ],
    checklists: ChecklistFolders = None,
) -> None:
    """Show one section's questions: type, weight, critical mark, step and condition.

    Example: outsource checklists show goals
    """
    from ..views.checklists import show_section

    checklist_set = load_checklists(checklists).every_section()  # every audience
    show_section(stdout(), checklist_set.section(section_id))


@checklists_app.command("validate", cls=Command)
def checklists_validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH",
            help="Checklist files or folders to check, with the active set.",
            show_default=False,
        ),
    ] = None,
    checklists: ChecklistFolders = None,
) -> None:
    """Check checklist files: every problem is listed with its file and line.

    With no path, checks the active set. Given files are checked together with the
    active set, so references across sections resolve; a file's section replaces the
    active one with the same id. Exits with 0 only when everything is valid.

    Example: outsource checklists validate my-checklists/goals.yaml
    """
    from ..checklist_set import checklist_files
    from ..errors import NotFoundError

    files: list[Path] = []
    for path in paths or []:
        if path.is_dir():
            files.extend(checklist_files(path))
        elif path.exists():  # reading names anything that is not a file (a named pipe)
            files.append(path)
        else:
            raise NotFoundError(f"there is no file or folder at {path}")
    # candidate and review sections too
    checklist_set = load_checklists(checklists, files).every_section()
    console = stdout()
    checked = {path.resolve() for path in files}
    for loaded in checklist_set.sections:
        if not files or loaded.path.resolve() in checked:
            count = len(loaded.section.questions)
            name, section_id = escape(loaded.file), escape(loaded.section.id)
            console.print(f"OK  {name}: section '{section_id}', {plural(count, 'question')}")
    sections, questions = len(checklist_set.sections), checklist_set.question_count()
    console.print(f"All valid: {plural(sections, 'section')}, {plural(questions, 'question')}.")


@checklists_app.command("init", cls=Command)
def checklists_init(
    folder: Annotated[
        Path, typer.Argument(metavar="DIR", help="The folder to copy the built-in checklists into.")
    ],
) -> None:
    """Copy the built-in checklists into a folder, to customise them.

    Existing files are never overwritten. Afterwards, use the folder with
    --checklists DIR, or copy files into your own checklists folder.

    Example: outsource checklists init my-checklists
    """
    from ..checklist_set import builtin_checklists_dir, checklist_files
    from ..copies import copy_files

    copied = copy_files(checklist_files(builtin_checklists_dir()), folder)
    console = stdout()
    console.print(f"Copied {len(copied)} checklists into {escape(str(folder))}:")
    for path in copied:
        console.print(f"  {escape(path.name)}")
    console.print(
        f"Edit them, then use them with --checklists {escape(str(folder))}, or copy them "
        f"into {escape(str(user_checklists_dir()))} to use them every time."
    )


@checklists_app.command("schema", cls=Command)
def checklists_schema() -> None:
    """Print the JSON Schema of the checklist format, for editor autocompletion.

    Example: outsource checklists schema > outsource-checklist.schema.json
    """
    from ..checklist import json_schema

    sys.stdout.write(json_schema())
