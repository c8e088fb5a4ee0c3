"""What is due, in the terminal (`outsource due`): a one-line summary and a table of dates.

Overdue dates come first, marked with '!' and in bold red, so the mark shows without
colour too. Every text from a user or a checklist goes in as a rich Text through `clean()`.
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..due_items import DueDates, DueItem
from ..safe_text import clean
from ..words import plural
from .console import Trimmed

OVERDUE_MARK = "!"
"""The mark before an overdue date, seen with or without colour."""
_OVERDUE = "bold red"
_WIDE = 64
"""From this many columns the dates are a table; below, each takes a few lines."""


def show_due(console: Console, due: DueDates) -> None:
    """The summary line, the table of dates (overdue first) and the notes."""
    title = Text("What is due", style="bold")
    if due.business:
        title.append(": " + " ".join(clean(due.business).split()))
    console.print(title)
    console.print(Text(summary(due), style=_OVERDUE if due.overdue else ""))
    if due.items and console.width >= _WIDE:
        console.print()
        console.print(Trimmed([_table(due)]))
    elif due.items:
        for item in due.items:
            console.print()
            console.print(Text(item.day.isoformat() + ", ") + _how_long(item))
            console.print(Trimmed([Padding(_what(item), (0, 0, 0, 2))]))
    for note in due.notes:
        console.print(Text("Note: ", style="bold") + Text(clean(note)))


def summary(due: DueDates) -> str:
    """One line: how many dates are overdue and coming up, counted from which day."""
    since = f"from {due.today.isoformat()}"
    if not due.items:
        return f"Nothing is due yet ({since}): the answers file holds none of these dates."
    overdue = len(due.overdue)
    coming = sum(item.days >= 0 for item in due.items)
    parts = []
    if overdue:
        parts.append(f"{plural(overdue, 'date')} overdue")
    if coming or not overdue:
        parts.append(f"{coming} coming up" if overdue else f"{plural(coming, 'date')} coming up")
    return f"{OVERDUE_MARK + ' ' if overdue else ''}{' and '.join(parts)} ({since})."


def _table(due: DueDates) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False)
    table.add_column("When", no_wrap=True)
    table.add_column("What", ratio=1, overflow="fold")
    table.add_column("In how long", no_wrap=True)
    for item in due.items:
        style = _OVERDUE if item.overdue else ""
        table.add_row(Text(item.day.isoformat(), style=style), _what(item), _how_long(item))
    return table


def _what(item: DueItem) -> Text:
    """The title (red when overdue) and, below it, what the day means."""
    what = Text(clean(item.title), style=_OVERDUE if item.overdue else "bold")
    what.append("\n" + clean(item.detail), style="" if item.overdue else "dim")
    return what


def _how_long(item: DueItem) -> Text:
    """How long until the day, as DueItem.when says it: overdue marked, soon in bold."""
    if item.overdue:
        return Text(f"{OVERDUE_MARK} {item.when}", style=_OVERDUE)
    style = "bold" if item.days in (0, 1) else "dim" if item.days < 0 else ""
    return Text(item.when, style=style)
