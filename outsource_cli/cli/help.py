"""The help screens: typer's layout, drawn with only the parts of rich they need.

typer draws help with its `rich_utils`, which imports rich's Markdown (with its
Markdown parser) and traceback (with Pygments) before it draws anything: most of the
time `outsource --help` took. The help texts here are plain paragraphs, so this
module reflows them itself and draws the same usage line, text and panels.
"""

from __future__ import annotations

import inspect
import os
from typing import Any

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.highlighter import RegexHighlighter
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.theme import Theme
from typer.core import TyperArgument, TyperGroup, TyperOption

from ..views.console import SafeConsole

_THEME = Theme(
    {
        "option": "bold cyan",
        "switch": "bold green",
        "types": "bold yellow",
        "types_sep": "dim",
        "usage": "yellow",
    }
)


class _OptionHighlighter(RegexHighlighter):
    """Options, switches, types and the usage word, as typer colours them."""

    highlights = [  # noqa: RUF012 - rich's own class attribute
        r"(^|\W)(?P<switch>\-\w+)(?![a-zA-Z0-9])",
        r"(^|\W)(?P<option>\-\-[\w\-]+)(?![a-zA-Z0-9])",
        r"(?P<types>\<[^\>]+\>)",
        r"(?P<usage>Usage: )",
    ]


class _TypesHighlighter(RegexHighlighter):
    highlights = [  # noqa: RUF012 - rich's own class attribute
        r"^(?P<types_sep>(\[|<))",
        r"(?P<types_sep>\|)",
        r"(?P<types_sep>(\]|>))(\.\.\.)?$",
    ]


_HIGHLIGHT = _OptionHighlighter()
_HIGHLIGHT_TYPES = _TypesHighlighter()


def _console() -> Console:
    force = bool(os.environ.get("GITHUB_ACTIONS") or os.environ.get("FORCE_COLOR")) or None
    width = os.environ.get("TERMINAL_WIDTH")
    return SafeConsole(
        theme=_THEME,
        highlighter=_HIGHLIGHT,
        force_terminal=force,
        width=int(width) if width and width.isdigit() else None,
    )


def paragraphs(text: str) -> list[str]:
    """A docstring's paragraphs, each on one line: help reflows to the screen's width."""
    cleaned = inspect.cleandoc(text).partition("\f")[0]
    return [" ".join(part.split()) for part in cleaned.split("\n\n") if part.strip()]


def show(command: Any, ctx: Any) -> None:
    """Print a command's or a group's help screen."""
    console = _console()
    console.print(Padding(_HIGHLIGHT(command.get_usage(ctx)), 1), style="bold")
    if command.help:
        first, *rest = paragraphs(command.help)
        parts: list[RenderableType] = [_HIGHLIGHT(Text(first))]
        for paragraph in rest:
            parts += [Text(""), _HIGHLIGHT(Text(paragraph, style="dim"))]
        console.print(Padding(Group(*parts), (0, 1, 1, 1)))
    params = [param for param in command.get_params(ctx) if not getattr(param, "hidden", False)]
    arguments = [param for param in params if isinstance(param, TyperArgument)]
    options = [param for param in params if isinstance(param, TyperOption)]
    for title, group in (("Arguments", arguments), ("Options", options)):
        if group:
            console.print(_panel(title, _parameters_table(group, ctx)))
    if isinstance(command, TyperGroup):
        commands = [command.get_command(ctx, name) for name in command.list_commands(ctx)]
        shown = [sub for sub in commands if sub is not None and not sub.hidden]
        if shown:
            console.print(_panel("Commands", _commands_table(shown)))


def _panel(title: str, table: Table) -> Panel:
    return Panel(table, border_style="dim", title=title, title_align="left")


def _parameters_table(params: list[Any], ctx: Any) -> Table:
    rows: list[list[RenderableType]] = []
    for param in params:
        long_names = [name for name in param.opts if name.startswith("--")]
        short_names = [name for name in param.opts if not name.startswith("--")]
        if isinstance(param, TyperArgument):
            short_names = [param.display_name_raw + ("..." if param.nargs != 1 else "")]
            if param.metavar is not None and param.nargs != 1:
                short_names = [param.display_name_raw]
        kind = Text(style="bold yellow", overflow="fold")
        shown_type = param.display_type_rich(ctx=ctx)
        if shown_type is not None:
            kind.append(shown_type)
        rows.append(
            [
                Text("*", style="red") if param.required else Text(""),
                _HIGHLIGHT(",".join(long_names)),
                _HIGHLIGHT(",".join(short_names)),
                Text(""),  # typer's columns for --no-x forms, which outsource has none of
                Text(""),
                _HIGHLIGHT_TYPES(kind),
                _parameter_help(param, ctx),
            ]
        )
    if not any(param.required for param in params):
        rows = [row[1:] for row in rows]
    table = Table(highlight=True, show_header=False, expand=True, box=None, padding=(0, 1))
    table.pad_edge = False
    for row in rows:
        table.add_row(*row)
    return table


class _Greedy:
    """Text that claims all the width there is, as typer's help column does."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.text


def _parameter_help(param: Any, ctx: Any) -> _Greedy:
    lines: list[Text] = []
    if param.help:
        lines.append(_HIGHLIGHT(Text(" ".join(paragraphs(param.help)))))
    envvar = param.envvar
    if envvar and getattr(param, "show_envvar", False):
        names = envvar if isinstance(envvar, str) else ", ".join(envvar)
        lines.append(Text(f"[env var: {names}]", style="dim yellow"))
    text = _default_text(param, ctx)
    if text:
        lines.append(Text(f"[default: {text}]", style="dim"))
    if param.required:
        lines.append(Text("[required]", style="dim red"))
    return _Greedy(Text("\n").join(lines))


def _default_text(param: Any, ctx: Any) -> str | None:
    """The text after `default:` in a parameter's help, or None when help shows no default.

    typer has no public way to get it, so this calls the two private methods its own help
    uses (`_extract_default_help_str`, `_get_default_string`), to word defaults exactly as
    typer does. They are the only private typer calls in outsource: typer is pinned to the
    tested minor version in pyproject.toml, and tests/test_help.py fails, saying what to
    do, when a typer release removes them or changes their signatures.
    """
    default = param._extract_default_help_str(ctx=ctx)
    show_default_text = isinstance(param.show_default, str)
    if not show_default_text and (default is None or not (param.show_default or ctx.show_default)):
        return None
    text: str = param._get_default_string(
        ctx=ctx, show_default_is_str=show_default_text, default_value=default
    )
    return text


def _commands_table(commands: list[Any]) -> Table:
    table = Table(highlight=False, show_header=False, expand=True, box=None, padding=(0, 1))
    table.pad_edge = False
    width = max(len(command.name or "") for command in commands)
    table.add_column(style="bold cyan", no_wrap=True, width=width)
    table.add_column("Description", justify="left", no_wrap=False, ratio=10)
    for command in commands:
        text = command.short_help or command.help or ""
        first = paragraphs(text)[0] if text.strip() else ""
        table.add_row(Text(command.name or ""), Text(first))
    return table
