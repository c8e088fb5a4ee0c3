"""The safe console: whatever a view hands it, no control character reaches the terminal."""

from __future__ import annotations

import io
import re

import pytest
from rich.table import Table
from rich.text import Text

from outsource_cli.views.console import SafeConsole

HOSTILE = "A\x1b[2J\x1b]0;pwned\x07\x9b31m\u202eB"
SGR = re.compile(r"\x1b\[[0-9;]*m")
"""The escape sequences rich itself writes for colours and bold."""


def printed(*renderables: object, colour: bool = False) -> str:
    out = io.StringIO()
    console = SafeConsole(
        file=out, width=60, force_terminal=colour, color_system="standard" if colour else None
    )
    console.print(*renderables)
    return out.getvalue()


@pytest.mark.parametrize(
    "renderable",
    [
        HOSTILE,  # a string of markup
        Text(HOSTILE, style="bold"),  # a Text a view forgot to clean
        Text.assemble(("x", "red"), HOSTILE),
    ],
    ids=["markup", "text", "assembled"],
)
def test_text_a_view_forgot_to_clean_is_cleaned(renderable: object) -> None:
    shown = printed(renderable)
    assert "\x1b" not in shown
    assert "?[2J?]0;pwned" in shown
    assert "\u202e" not in shown
    assert "\x9b" not in shown


def test_a_table_cell_is_cleaned() -> None:
    table = Table("Title")
    table.add_row(HOSTILE)
    table.add_row(Text(HOSTILE))
    shown = printed(table)
    assert shown.count("?[2J?]0;pwned") == 2
    assert not re.search("[\x1b\x07\x9b\u202e]", shown)


def test_the_styles_rich_writes_are_kept() -> None:
    shown = printed(Text(HOSTILE, style="bold red"), colour=True)
    assert SGR.search(shown)
    assert "\x1b[2J" not in SGR.sub("", shown)
    assert "\x1b" not in SGR.sub("", shown)


def test_captured_output_is_cleaned() -> None:  # the interview's prompts are captured first
    console = SafeConsole(file=io.StringIO(), width=60)
    with console.capture() as captured:
        console.print(Text(HOSTILE), end="")
    # rich's Text drops a bell (and backspace, CR, VT, FF) itself; the rest shows as '?'
    assert captured.get() == "A?[2J?]0;pwned?31m?B"


def test_no_module_makes_a_console_of_its_own() -> None:
    """Every console is a SafeConsole, so no new view or command can print around it."""
    import ast
    from pathlib import Path

    import outsource_cli

    package = Path(outsource_cli.__file__).parent
    made = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                if name == "Console":
                    made.append(f"{path.relative_to(package)}:{node.lineno}")
    assert made == []
