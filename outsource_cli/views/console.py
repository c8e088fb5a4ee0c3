"""The terminal kit every view shares: safe user text, score colours, bars, numbered lists."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from ..verdicts import Tone, Verdict, score_tone

BAR_WIDTH = 10
TONE_STYLES = {Tone.GOOD: "green", Tone.FAIR: "yellow", Tone.POOR: "red", Tone.NONE: "dim"}
"""The colour of each tone of score on a terminal."""


def clean(text: object) -> str:
    """Text from a user or a file, made safe to print: control characters become '?'.

    rich markup is never interpreted in it (it is always printed as a Text), and escape
    sequences cannot move the cursor or restyle the screen.
    """
    return "".join(
        "?" if unicodedata.category(char) == "Cc" and char not in "\n\t" else char
        for char in str(text)
    )


def score_style(score: float | None) -> str:
    """A score's colour by its tone: green, yellow, red, dim when there is no score."""
    return TONE_STYLES[score_tone(score)]


def verdict_style(verdict: str) -> str:
    """A verdict ('ready', 'almost-ready', 'not-ready') in bold, in its tone's colour."""
    return f"bold {TONE_STYLES[Verdict(verdict).tone]}"


def bar(score: float | None, width: int = BAR_WIDTH) -> Text:
    """A score as a coloured bar of full and empty cells."""
    full = 0 if score is None else int(score * width / 100 + 0.5)
    return Text("█" * full, style=score_style(score)) + Text("░" * (width - full), style="dim")


class Trimmed:
    """Renderables printed without the spaces rich leaves at the end of lines.

    Tables pad every cell to its column's width, and wrapping keeps the space it broke
    at: invisible on a screen, but clutter in a file or a pipe.
    """

    def __init__(self, renderables: Iterable[RenderableType]) -> None:
        self._group = Group(*renderables)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in console.render_lines(self._group, options, pad=False):
            while line and not line[-1].text.rstrip(" "):
                line.pop()
            if line:
                text, style, control = line[-1]
                line[-1] = Segment(text.rstrip(" "), style, control)
            yield from line
            yield Segment.line()


def numbered(
    rows: Iterable[tuple[str, str | Text]],
    *,
    indent: int = 0,
    gap: int = 2,
    bold: bool = True,
    spaced: bool = False,
) -> Table:
    """Numbered (or bulleted) lines whose text wraps under itself, not under the number.

    Plain text is cleaned; a Text is shown as it is. `gap` columns separate the number
    from the text, and `spaced` puts an empty line between items of several lines each.
    """
    grid = Table.grid(padding=(0, gap), pad_edge=False)
    grid.add_column(justify="right", no_wrap=True, style="bold" if bold else "")
    grid.add_column(ratio=1)
    for index, (number, text) in enumerate(rows):
        if spaced and index:
            grid.add_row()
        grid.add_row(
            Text(" " * indent + number), text if isinstance(text, Text) else Text(clean(text))
        )
    return grid
