"""The `outsource` command line: parses options, calls the core, prints the result.

Only typer is imported at start-up; each command imports the core it needs, so that
`outsource --help` stays fast. For the same reason this module does not postpone its
annotations: typer reads every command's annotations on every run, and evaluating them
from strings took longer than the rest of its work together. Names imported only for type
checking are quoted instead.
"""

import contextlib
import gc
import os
import re
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from . import __version__

if TYPE_CHECKING:
    from rich.console import Console

    from .answers import Answers
    from .assessment import Assessment
    from .checklist_set import ChecklistSet
    from .errors import OutsourceError
    from .terminal import Screen

APP_NAME = "outsource"


def _plain_params(params: list[Any]) -> list[Any]:
    """Help for business owners: no `<bool>` on flags, no Python types beside arguments."""
    for param in params:
        if getattr(param, "is_flag", False):
            param.metavar = ""
        if isinstance(param, TyperArgument):
            param.display_type_rich = lambda ctx: None  # type: ignore[method-assign]
    return params


class _Command(TyperCommand):
    """A command whose help speaks plainly."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _plain_params(super().get_params(ctx))

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        # typer 0.29 writes a required argument as {ID}; usage lines say ID, as click does
        return [_REQUIRED.sub(r"\1", piece) for piece in super().collect_usage_pieces(ctx)]

    def format_help(self, ctx: Any, formatter: Any) -> None:
        from . import help

        help.show(self, ctx)


_REQUIRED = re.compile(r"^\{([A-Z_]+)\}")


class _Group(TyperGroup):
    """A group of commands whose help speaks plainly."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _plain_params(super().get_params(ctx))

    def format_help(self, ctx: Any, formatter: Any) -> None:
        from . import help

        help.show(self, ctx)


class _Boundary(_Group):
    """The one place where errors become messages and exit codes."""

    def invoke(self, ctx: Any) -> Any:
        from .errors import OutsourceError

        try:
            return super().invoke(ctx)
        except OutsourceError as error:
            _fail(error)
        except KeyboardInterrupt:
            _stderr().print("\nStopped.")
            raise typer.Exit(130) from None
        except BrokenPipeError:  # the reader went away (`| head`): stop quietly
            _quiet_stdout()
            raise typer.Exit(1) from None
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise  # usage errors and exits: typer prints and exits as usual
        except Exception as error:  # a bug: say so plainly, keep the details on request
            if os.environ.get("OUTSOURCE_DEBUG"):
                raise
            _stderr().print(
                f"[red]outsource hit an unexpected problem:[/] {type(error).__name__}: {error}",
                markup=True,
                highlight=False,
            )
            _stderr().print(
                "This is a bug in outsource, not something you did. Your files are unchanged. "
                "Run again with OUTSOURCE_DEBUG=1 to see the details for a bug report."
            )
            raise typer.Exit(70) from None


def _quiet_stdout() -> None:
    """Send what is left of standard output nowhere, so exiting does not fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _stderr() -> "Console":
    from rich.console import Console

    console = Console(stderr=True, highlight=False)
    # wrap at words on a screen; keep each message on one line for files and pipes
    console.soft_wrap = not console.is_terminal
    return console


def _say(line: str) -> None:
    """Print one plain line; rich is not needed for it, and takes a while to import."""
    typer.echo(_CONTROL.sub("?", line))


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Characters a terminal would act on rather than show, as rich also hides them."""


def _stdout() -> "Console":
    from rich.console import Console

    return Console(highlight=False)


def _fail(error: "OutsourceError") -> NoReturn:
    from rich.text import Text

    console = _stderr()
    lines = error.lines()
    with contextlib.suppress(OSError):  # the terminal may be gone (a hang-up)
        console.print(Text(error.label, style="bold red") + Text(lines[0]))
        for line in lines[1:]:
            console.print(Text(line))
    raise typer.Exit(error.exit_code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"outsource {__version__}")
        raise typer.Exit()


app = typer.Typer(
    cls=_Boundary,
    name=APP_NAME,
    help=(
        "Check whether your business is ready to outsource work (bookkeeping, support, "
        "sales, IT, a website), and get a prioritised plan to get there."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",  # paragraphs in help reflow to the terminal's width
    context_settings={"help_option_names": ["-h", "--help"]},
)
checklists_app = typer.Typer(
    cls=_Group,
    help="List, show, validate and customise the checklists the interview asks.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
app.add_typer(checklists_app, name="checklists")
templates_app = typer.Typer(
    cls=_Group,
    help="Customise the report: copy the built-in templates to edit.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
app.add_typer(templates_app, name="templates")


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Check whether your business is ready to outsource work, and get a plan to get there."""


class ReportFormat(str, Enum):
    """Report formats."""

    md = "md"
    json = "json"
    html = "html"


NoChart = Annotated[
    bool,
    typer.Option(
        "--no-chart", help="Leave the chart of section scores out of a Markdown or HTML report."
    ),
]


ChecklistFolders = Annotated[
    list[Path] | None,
    typer.Option(
        "--checklists",
        envvar="OUTSOURCE_CHECKLISTS",
        metavar="DIR",
        help=(
            "Use exactly the checklists in this folder instead of the built-in and your own "
            "(repeat for several folders)."
        ),
        file_okay=False,
        show_default=False,
    ),
]


def user_checklists_dir() -> Path:
    """The user's own checklists folder, which extends and overrides the built-ins."""
    return Path(typer.get_app_dir(APP_NAME)) / "checklists"


def _load_checklists(
    folders: list[Path] | None, extra_files: list[Path] | None = None
) -> "ChecklistSet":
    from . import checklist_set

    return checklist_set.load(
        folders=folders or (), user_dir=user_checklists_dir(), extra_files=extra_files or ()
    )


def _complete_section(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Section ids, with their titles, for the shell to offer after Tab.

    Uses the --checklists folders already typed (or OUTSOURCE_CHECKLISTS) and leaves
    out sections already given. Never raises or prints: a checklist folder that does
    not load offers nothing, and the shell falls back to its usual completion.
    """
    try:
        checklist_set = _load_checklists(ctx.params.get("checklists"))
        chosen = set(ctx.params.get("sections") or ())
        return [
            (loaded.section.id, loaded.section.title)
            for loaded in checklist_set.sections
            if loaded.section.id.startswith(incomplete) and loaded.section.id not in chosen
        ]
    except Exception:  # the shell would show a traceback in the middle of the command line
        return []


TemplateOption = Annotated[
    Path | None,
    typer.Option(
        "--template",
        help="Your own Jinja2 template to render the report with "
        "('outsource templates init DIR' gives copies of the built-in ones).",
        dir_okay=False,
        metavar="FILE",
    ),
]


def _score_limit(text: str) -> float:
    """A score from 0 to 100 given on the command line."""
    import math

    try:
        value = float(text.strip().rstrip("%"))
    except ValueError:
        value = math.nan
    if not 0 <= value <= 100:  # NaN fails this too
        raise typer.BadParameter(f"give a score from 0 to 100, such as 70, not '{text}'")
    return value


@app.command(cls=_Command)
def report(
    answers_file: Annotated[
        Path,
        typer.Argument(
            metavar="ANSWERS_FILE", help="The answers file to score.", show_default=True
        ),
    ] = Path("outsource-answers.yaml"),
    fmt: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Report format. [default: from the -o name, else md]",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Where to write the report; '-' for standard output. "
            "[default: outsource-report.md, .json or .html; with --show, no file]",
            show_default=False,
        ),
    ] = None,
    show: Annotated[
        bool,
        typer.Option(
            "--show", help="Show the report here in the terminal instead of writing a file."
        ),
    ] = False,
    no_chart: NoChart = False,
    template: TemplateOption = None,
    fail_under: Annotated[
        float | None,
        typer.Option(
            "--fail-under",
            metavar="SCORE",
            parser=_score_limit,
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
    from .report import make_report

    if show and output == "-":
        raise typer.BadParameter(
            "--show already prints to the terminal; give -o a file name", param_hint="--output"
        )
    report_format = _report_format(fmt, _named(output))
    checklist_set = _load_checklists(checklists)
    made = make_report(
        answers_file, checklist_set, fmt=report_format, template=template, chart=not no_chart
    )
    _warn(made.warnings)
    if show:
        from .show import show_report

        show_report(_stdout(), made.data)
    if output or not show:
        from .report import default_output

        target = _deliver(made.text, output, default_output(report_format))
        if target is not None:
            _say(f"Report written to {target}: {made.summary}")
    _apply_gates(made.assessment, fail_under, fail_on_blockers)


def _apply_gates(
    assessment: "Assessment", fail_under: float | None, fail_on_blockers: bool
) -> None:
    """Exit with 1, saying which rule failed, when the report does not pass the gates."""
    from .report import format_number

    failed: list[str] = []
    if fail_under is not None:
        score = assessment.score
        limit = format_number(fail_under, places=1)
        if score is None:
            failed.append(f"--fail-under {limit}: nothing could be scored yet")
        elif score < fail_under:
            failed.append(f"--fail-under {limit}: the overall score {score:.1f} is below {limit}")
    if fail_on_blockers and assessment.blockers:
        count = len(assessment.blockers)
        names = ", ".join(f"{item.section_id}.{item.question.id}" for item in assessment.blockers)
        failed.append(f"--fail-on-blockers: {_count(count, 'blocker')} ({names})")
    if failed:
        console = _stderr()
        for rule in failed:
            console.print(f"[bold red]Failed:[/] {_escape(rule)}")
        raise typer.Exit(1)


@app.command(cls=_Command)
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
        typer.Option(
            "--format",
            "-f",
            help="Write a file in this format instead of showing the comparison here. "
            "[default: from the -o name]",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Where to write it; '-' for standard output. "
            "[default: shown here; with --format, outsource-compare.md, .json or .html]",
            show_default=False,
        ),
    ] = None,
    no_chart: NoChart = False,
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
    from . import compare as compare_module

    mode = compare_module.PARTNERS if partners else compare_module.PROGRESS
    checklist_set = _load_checklists(checklists)
    comparison = compare_module.compare(answers_files, checklist_set, mode=mode)
    _warn(comparison.warnings)
    if fmt is None and output is None:
        compare_module.show(_stdout(), comparison.data)
        return
    chosen = _report_format(fmt, _named(output))
    text = compare_module.render(comparison.data, chosen, chart=not no_chart)
    target = _deliver(text, output, compare_module.default_output(chosen))
    if target is not None:
        _stdout().print(_escape(f"Comparison written to {target}."))


def _named(output: str | None) -> Path | None:
    """The file -o names, if any ('-' is standard output)."""
    return Path(output) if output and output != "-" else None


def _deliver(text: str, output: str | None, default: Path) -> Path | None:
    """Write to standard output for -o -, else to the file (atomically); the file written."""
    if output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return None
    from .files import write_atomic

    target = _named(output) or default
    write_atomic(target, text)
    return target


AnswersOption = Annotated[
    Path,
    typer.Option(
        "--answers",
        "-a",
        help="The answers file: created on the first run, continued on the next.",
        dir_okay=False,
        metavar="FILE",
    ),
]


@app.command(cls=_Command)
def check(
    ctx: typer.Context,
    sections: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="SECTION",
            help="Ask only these sections (ids as in 'outsource checklists list').",
            show_default=False,
            autocompletion=_complete_section,
        ),
    ] = None,
    answers_file: AnswersOption = Path("outsource-answers.yaml"),
    report_path: Annotated[
        Path | None,
        typer.Option(
            "--report",
            "-r",
            help="Where to write the report. [default: outsource-report.md, .json or .html]",
            dir_okay=False,
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Report format. [default: from the --report name, else md]",
            show_default=False,
        ),
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
    checklists: ChecklistFolders = None,
) -> None:
    """Answer the questions, one at a time, and get your readiness report.

    Every answer is saved as soon as you give it. Stop whenever you like (q, or
    Ctrl-C) and run the same command again to continue where you left off. Type ? at
    any question to see why it matters, and < to go back.

    Example: outsource check --business "Hill Street Home Goods"
    """
    from . import terminal
    from .files import check_writable, write_atomic
    from .interview import Interview
    from .report import default_output, make_report

    if review and restart:
        raise typer.BadParameter("use --review or --restart, not both", param_hint="--review")
    checklist_set = _load_checklists(checklists)
    gc.freeze()  # what is loaded now lives until the end: never scan it again
    gc.enable()
    chosen = _chosen_sections(checklist_set, sections or [])
    report_format = _report_format(fmt, report_path)
    target = report_path or default_output(report_format)
    check_writable(answers_file)
    check_writable(target)
    screen = terminal.Screen(_stdout())
    answers = _answers_to_continue(answers_file, checklist_set, screen, restart=restart)
    created = restart or not answers_file.exists()
    if business is not None and business.strip() != (answers.business or ""):
        answers.business = business.strip() or None
        created = True
    interview = Interview(checklist_set, answers, answers_file, section_ids=chosen, review=review)
    # folders from OUTSOURCE_CHECKLISTS apply again next time without being typed
    source = ctx.get_parameter_source("checklists")
    typed_folders = checklists if source is not None and source.name == "COMMANDLINE" else None
    session = terminal.Session(
        interview,
        screen,
        _continue_command(
            chosen, answers_file, typed_folders, report_path, fmt.value if fmt else None
        ),
    )
    if created:
        interview.save()
    action = terminal.start(session)
    if action == terminal.QUITTING or (action == terminal.ASK and not terminal.run(session)):
        screen.say(terminal.quit_message(session))
        return
    made = make_report(
        answers_file,
        checklist_set,
        fmt=report_format,
        template=template,
        only=chosen or None,
        chart=not no_chart,
    )
    write_atomic(target, made.text)
    terminal.summary(screen, made.assessment, target)


def _chosen_sections(checklist_set: "ChecklistSet", sections: list[str]) -> tuple[str, ...]:
    from .errors import NotFoundError

    unknown = [section for section in sections if checklist_set.get(section) is None]
    if unknown:
        raise NotFoundError(
            f"there is no section '{unknown[0]}'",
            hint=f"The sections are: {', '.join(checklist_set.ids())}.",
        )
    return tuple(dict.fromkeys(sections))


def _report_format(fmt: ReportFormat | None, path: Path | None) -> str:
    """The format asked for, else the one the file name suggests, else Markdown."""
    if fmt is not None:
        return fmt.value
    suffix = path.suffix.lower() if path is not None else ""
    return {".json": "json", ".html": "html", ".htm": "html"}.get(suffix, "md")


def _answers_to_continue(
    path: Path, checklist_set: "ChecklistSet", screen: "Screen", *, restart: bool
) -> "Answers":
    """The answers already in the file, or none after a confirmed --restart."""
    from . import answers as answers_module
    from . import terminal
    from .files import back_up

    if restart and path.exists():
        if not terminal.confirm_restart(screen, path):
            screen.say("Nothing changed.")
            raise typer.Exit(0)
        backup = back_up(path)
        screen.say(f"Your previous answers are kept in {backup}.")
        screen.blank()
        return answers_module.Answers()
    if not path.exists():
        return answers_module.Answers()
    loaded = answers_module.load(path, checklist_set)
    _warn(loaded.warnings)
    return loaded.answers


def _continue_command(
    sections: tuple[str, ...],
    answers_file: Path,
    checklists: list[Path] | None,
    report_path: Path | None = None,
    fmt: str | None = None,
) -> str:
    """The command that continues this interview with the same files: only what was typed."""
    import shlex

    words = ["outsource", "check", *sections]
    if answers_file != Path("outsource-answers.yaml"):
        words += ["--answers", str(answers_file)]
    if report_path is not None:
        words += ["--report", str(report_path)]
    if fmt is not None:
        words += ["--format", fmt]
    for folder in checklists or []:
        words += ["--checklists", str(folder)]
    return " ".join(shlex.quote(word) for word in words)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _warn(warnings: tuple[str, ...]) -> None:
    if not warnings:
        return
    console = _stderr()
    for warning in warnings:
        console.print(f"[yellow]Warning:[/] {_escape(warning)}")


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


@checklists_app.command("list", cls=_Command)
def checklists_list(checklists: ChecklistFolders = None) -> None:
    """List the checklist sections in use, in interview order, and where each comes from.

    Example: outsource checklists list
    """
    from rich.table import Table

    checklist_set = _load_checklists(checklists)
    table = Table(title=None, show_lines=False, pad_edge=False, box=None)
    table.add_column("#", justify="right")
    table.add_column("Id")
    table.add_column("Title")
    table.add_column("Questions", justify="right")
    table.add_column("From")
    for index, loaded in enumerate(checklist_set.sections, start=1):
        origin = "built-in" if loaded.origin == "built-in" else loaded.file
        table.add_row(
            str(index),
            _escape(loaded.section.id),
            _escape(loaded.section.title),
            str(len(loaded.section.questions)),
            _escape(origin),
        )
    console = _stdout()
    console.print(table)
    total = checklist_set.question_count()
    console.print(
        f"\n{_count(len(checklist_set.sections), 'section')}, {_count(total, 'question')} at most."
    )
    if not checklists:
        folder = user_checklists_dir()
        state = "" if folder.is_dir() else " (does not exist yet)"
        console.print(
            f"Your own checklists folder: {_escape(str(folder))}{state}. Files there override "
            "built-in sections with the same id and add new ones."
        )


@checklists_app.command("show", cls=_Command)
def checklists_show(
    section_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="The section id, as in 'checklists list'.",
            autocompletion=_complete_section,
        ),
    ],
    checklists: ChecklistFolders = None,
) -> None:
    """Show one section's questions: type, weight, critical mark and condition.

    Example: outsource checklists show goals
    """
    from rich.table import Table

    from .errors import NotFoundError

    checklist_set = _load_checklists(checklists)
    loaded = checklist_set.get(section_id)
    if loaded is None:
        raise NotFoundError(
            f"there is no section '{section_id}'",
            hint=f"The sections are: {', '.join(checklist_set.ids())}.",
        )
    section = loaded.section
    console = _stdout()
    console.print(
        f"[bold]{_escape(section.title)}[/] ({_escape(section.id)}, from {_escape(loaded.file)})"
    )
    if section.description:
        console.print(_escape(section.description.strip()))
    table = Table(box=None, pad_edge=False, show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("Question (id, condition)", ratio=1)
    table.add_column("Type", no_wrap=True)
    table.add_column("Weight", justify="right")
    table.add_column("Critical")
    for index, question in enumerate(section.questions, start=1):
        detail = f"[dim]{_escape(question.id)}"
        if question.when:
            detail += f", asked when {_escape(question.when)}"
        table.add_row(
            str(index),
            f"{_escape(question.prompt)}\n{detail}[/]",
            question.type,
            f"{question.weight:g}",
            "yes" if question.critical else "",
        )
    console.print(table)
    for value in section.computed:
        unit = f" ({_escape(value.unit)})" if value.unit else ""
        console.print(
            f"Computed [dim]{_escape(value.id)}[/]: {_escape(value.label)}{unit}\n"
            f"  = {_escape(value.expression)}"
        )


@checklists_app.command("validate", cls=_Command)
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
    from .checklist_set import checklist_files
    from .errors import NotFoundError

    files: list[Path] = []
    for path in paths or []:
        if path.is_dir():
            files.extend(checklist_files(path))
        elif path.is_file():
            files.append(path)
        else:
            raise NotFoundError(f"there is no file or folder at {path}")
    checklist_set = _load_checklists(checklists, files)
    console = _stdout()
    checked = {path.resolve() for path in files}
    for loaded in checklist_set.sections:
        if not files or loaded.path.resolve() in checked:
            count = len(loaded.section.questions)
            name, section_id = _escape(loaded.file), _escape(loaded.section.id)
            console.print(f"OK  {name}: section '{section_id}', {_count(count, 'question')}")
    sections, questions = len(checklist_set.sections), checklist_set.question_count()
    console.print(f"All valid: {_count(sections, 'section')}, {_count(questions, 'question')}.")


@checklists_app.command("init", cls=_Command)
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
    from .checklist_set import builtin_checklists_dir, checklist_files
    from .files import copy_files

    copied = copy_files(checklist_files(builtin_checklists_dir()), folder)
    console = _stdout()
    console.print(f"Copied {len(copied)} checklists into {_escape(str(folder))}:")
    for path in copied:
        console.print(f"  {_escape(path.name)}")
    console.print(
        f"Edit them, then use them with --checklists {_escape(str(folder))}, or copy them "
        f"into {_escape(str(user_checklists_dir()))} to use them every time."
    )


@checklists_app.command("schema", cls=_Command)
def checklists_schema() -> None:
    """Print the JSON Schema of the checklist format, for editor autocompletion.

    Example: outsource checklists schema > outsource-checklist.schema.json
    """
    from .checklist import json_schema

    sys.stdout.write(json_schema())


@templates_app.command("init", cls=_Command)
def templates_init(
    folder: Annotated[
        Path, typer.Argument(metavar="DIR", help="The folder to copy the built-in templates into.")
    ],
) -> None:
    """Copy the built-in report templates (Markdown, HTML and its style) into a folder.

    Existing files are never overwritten. Afterwards, use one with --template, for
    example: outsource report --template DIR/report.html.j2 -o report.html

    Example: outsource templates init my-templates
    """
    from .files import copy_files
    from .report import STARTER_TEMPLATES, builtin_templates_dir

    sources = [builtin_templates_dir() / name for name in STARTER_TEMPLATES]
    copied = copy_files(sources, folder)
    console = _stdout()
    console.print(f"Copied {_count(len(copied), 'file')} into {_escape(str(folder))}:")
    for path in copied:
        console.print(f"  {_escape(path.name)}")
    first = _escape(str(copied[0]))
    console.print(
        f"Edit them, then use one with --template, for example: outsource report --template "
        f"{first} -o my-report.md. A template receives the data that "
        "'outsource report --format json' writes."
    )


def main() -> None:
    """Entry point of the `outsource` command."""
    # A command runs for a fraction of a second and makes few reference cycles: the
    # garbage collector would only rescan the checklists just loaded, again and again.
    # The interview, which runs for minutes, turns it back on once the checklists are in.
    gc.disable()
    # typer coerces every option through pydantic; outsource uses no pydantic plugins,
    # and looking for them scans every installed package's metadata
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        app(prog_name=APP_NAME)
    finally:
        gc.freeze()  # Python's last collection at exit would walk every object once more
