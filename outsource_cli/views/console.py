"""The terminal kit every view shares: the safe console, score colours, bars, numbered lists."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from ..safe_text import clean
from ..verdicts import Tone, Verdict, score_tone

BAR_WIDTH = 10
TONE_STYLES = {Tone.GOOD: "green", Tone.FAIR: "yellow", Tone.POOR: "red", Tone.NONE: "dim"}
"""The colour of each tone of score on a terminal."""


class SafeConsole(Console):
    """The console every terminal output of outsource goes through: it cleans all it draws.

    Each text segment it renders, and each string before its markup is read, passes
    through `clean`, so no view or message can let an escape sequence or a bidirectional
    control reach the terminal, even one that forgets to clean. rich's own control
    segments (cursor moves, the styles it writes) are left alone. Views still clean user
    text as they build it (`clean`, `numbered`), so that tables measure what is shown.
    """

    def render_str(self, text: str, **options: Any) -> Text:
        return super().render_str(clean(text), **options)

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            if segment.control is None:
                shown = clean(segment.text)
                if shown != segment.text:
                    yield Segment(shown, segment.style)
                    continue
            yield segment


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
    rows: Iterable[tuple[str, str | RenderableType]],
    *,
    indent: int = 0,
    gap: int = 2,
    bold: bool = True,
    spaced: bool = False,
) -> Table:
    """Numbered (or bulleted) lines whose text wraps under itself, not under the number.

    Plain text is cleaned; a Text (or a table) is shown as it is. `gap` columns separate the number
    from the text, and `spaced` puts an empty line between items of several lines each.
    """
    grid = Table.grid(padding=(0, gap), pad_edge=False)
    grid.add_column(justify="right", no_wrap=True, style="bold" if bold else "")
    grid.add_column(ratio=1)
    for index, (number, text) in enumerate(rows):
        if spaced and index:
            grid.add_row()
        grid.add_row(
            Text(" " * indent + number), Text(clean(text)) if isinstance(text, str) else text
        )
    return grid
