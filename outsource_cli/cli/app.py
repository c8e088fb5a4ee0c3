"""The `outsource` app: its command classes, the one error boundary, and the consoles.

Only typer is imported at start-up; each command imports the core it needs, so that
`outsource --help` stays fast. For the same reason this module does not postpone its
annotations: typer reads every command's annotations on every run, and evaluating them
from strings took longer than the rest of its work together. Names imported only for type
checking are quoted instead.
"""

import contextlib
import os
import re
import sys
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from .. import __version__

if TYPE_CHECKING:
    from rich.console import Console

    from ..errors import OutsourceError

APP_NAME = "outsource"


def _plain_params(params: list[Any]) -> list[Any]:
    """Help for business owners: no `<bool>` on flags, no Python types beside arguments."""
    for param in params:
        if getattr(param, "is_flag", False):
            param.metavar = ""
        if isinstance(param, TyperArgument):
            param.display_type_rich = lambda ctx: None  # type: ignore[method-assign]
    return params


class Command(TyperCommand):
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


class Group(TyperGroup):
    """A group of commands whose help speaks plainly."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _plain_params(super().get_params(ctx))

    def format_help(self, ctx: Any, formatter: Any) -> None:
        from . import help

        help.show(self, ctx)


class _Boundary(Group):
    """The one place where errors become messages and exit codes."""

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except typer.TyperException as error:  # a usage error in the options before a command
            raise _shown_safely(error) from None

    def invoke(self, ctx: Any) -> Any:
        from ..errors import OutsourceError

        try:
            return super().invoke(ctx)
        except OutsourceError as error:
            _fail(error)
        except KeyboardInterrupt:
            stderr().print("\nStopped.")
            raise typer.Exit(130) from None
        except BrokenPipeError:  # the reader went away (`| head`): stop quietly
            _quiet_stdout()
            raise typer.Exit(1) from None
        except typer.TyperException as error:  # usage errors: typer prints them and exits
            raise _shown_safely(error) from None
        except (typer.Exit, typer.Abort):
            raise
        except Exception as error:  # a bug: say so plainly, keep the details on request
            if os.environ.get("OUTSOURCE_DEBUG"):
                raise
            from rich.text import Text

            stderr().print(
                Text("outsource hit an unexpected problem: ", style="red")
                + Text(f"{type(error).__name__}: {error}")
            )
            stderr().print(
                "This is a bug in outsource, not something you did. Your files are unchanged. "
                "Run again with OUTSOURCE_DEBUG=1 to see the details for a bug report."
            )
            raise typer.Exit(70) from None


def _shown_safely(error: "typer.TyperException") -> "typer.TyperException":
    """A usage error whose message shows what was typed safely, however typer prints it.

    typer (with its own rich console) or click prints `format_message()`, which quotes
    the values typed on the command line: it is cleaned here, for every kind of usage
    error at once, the same way as everything else outsource prints.
    """
    from ..safe_text import clean

    message = error.format_message
    error.format_message = lambda: clean(message())  # type: ignore[method-assign]
    return error


def _quiet_stdout() -> None:
    """Send what is left of standard output nowhere, so exiting does not fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def stderr() -> "Console":
    """The console for errors and warnings."""
    from ..views.console import SafeConsole

    console = SafeConsole(stderr=True, highlight=False)
    # wrap at words on a screen; keep each message on one line for files and pipes
    console.soft_wrap = not console.is_terminal
    return console


def say(line: str, *, err: bool = False) -> None:
    """Print one plain line, cleaned (on standard error with err); rich is not needed for it."""
    from ..safe_text import clean

    typer.echo(clean(line), err=err)


def stdout() -> "Console":
    """The console for what a command shows."""
    from ..views.console import SafeConsole

    return SafeConsole(highlight=False)


def _fail(error: "OutsourceError") -> NoReturn:
    from rich.text import Text

    from ..safe_text import clean

    console = stderr()
    lines = [clean(line) for line in error.lines()]
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


def _group(name: str, help_text: str) -> typer.Typer:
    """A group of commands under the app: `outsource NAME COMMAND`."""
    group = typer.Typer(
        cls=Group, help=help_text, no_args_is_help=True, rich_markup_mode="markdown"
    )
    app.add_typer(group, name=name)
    return group


checklists_app = _group(
    "checklists", "List, show, validate and customise the checklists the interview asks."
)
templates_app = _group("templates", "Customise the report: copy the built-in templates to edit.")


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


def warn(warnings: tuple[str, ...]) -> None:
    """Print each warning on standard error."""
    if not warnings:
        return
    from ..safe_text import clean

    console = stderr()
    for warning in warnings:
        console.print(f"[yellow]Warning:[/] {escape(clean(warning))}")


def escape(text: str) -> str:
    """Text that rich prints as typed, never as markup."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


_PLUGIN_LOADER = "pydantic.plugin._loader"
_ALL_PLUGINS_OFF = ("__all__", "1", "true")
"""The values of PYDANTIC_DISABLE_PLUGINS with which pydantic loads no plugin at all."""


def _skip_plugin_loader() -> None:
    """With every pydantic plugin switched off, stand in for pydantic's plugin loader.

    pydantic imports that module when it builds its first validator, and the module
    imports `importlib.metadata` (with `email`, `zipfile` and `csv`) at its top: about
    15 ms of every command, for a function that returns no plugins once they are off.
    The stand-in gives the same answer. When the user names plugins to switch off one
    by one, or the loader is already imported, pydantic's own module is used.
    """
    if (
        os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in _ALL_PLUGINS_OFF
        or _PLUGIN_LOADER in sys.modules
    ):
        return
    import types

    loader = types.ModuleType(_PLUGIN_LOADER, "pydantic's plugin loader, with every plugin off")
    loader.get_plugins = lambda *args, **kwargs: ()  # type: ignore[attr-defined]
    sys.modules[_PLUGIN_LOADER] = loader


def main() -> None:
    """Entry point of the `outsource` command."""
    from .. import collector

    collector.set_for("start")  # again, for callers that come here without `run`
    # typer coerces every option through pydantic; outsource uses no pydantic plugins,
    # and looking for them scans every installed package's metadata
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    _skip_plugin_loader()
    try:
        app(prog_name=APP_NAME)
    finally:
        collector.set_for("exit")
