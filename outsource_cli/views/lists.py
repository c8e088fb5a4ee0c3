"""A list question in the interview: the items so far; adding, changing and removing one.

Each field is saved as soon as it is typed, and the list stays marked unfinished until
the owner says it is complete, so quitting in the middle of an item loses nothing and the
next run comes back to the list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from rich.table import Table
from rich.text import Text

from ..checklist import AnyQuestion
from ..errors import AnswerRefused
from ..interview import Interview, Step
from ..list_fields import ITEM_KEY, ListField
from ..list_questions import ListQuestion
from ..replies import ReplyKind, list_actions, read_list_reply, read_reply
from ..safe_text import clean
from ..words import article, listed
from .questions import show_help, show_question
from .screen import Screen

Reader = Callable[[Text], str]
"""Reads one line at a prompt: the interview's own, which stops cleanly at Ctrl-C or EOF."""


class ListOutcome(Enum):
    """Where the interview goes after a list."""

    ANSWERED = "answered"
    BACK = "back"
    QUITTING = "quit"


@dataclass
class _Editing:
    """A list being edited: its items as they stand, saved after every change."""

    screen: Screen
    interview: Interview
    step: Step
    question: ListQuestion
    items: list[dict[str, Any]]
    read: Reader

    def save(self) -> bool:
        """Write the items as they stand (the list stays unfinished); False if refused."""
        try:
            self.interview.record(self.step, _copy(self.items), unfinished=True)
        except AnswerRefused as refusal:
            self.screen.say(clean(" ".join(refusal.lines())), style="yellow")
            return False
        return True


def ask_list(screen: Screen, interview: Interview, step: Step, read: Reader) -> ListOutcome:
    """Ask a list question until it is complete, left (QUITTING) or gone back from (BACK)."""
    question = step.question
    assert isinstance(question, ListQuestion)
    stored = step.previous if step.has_previous and isinstance(step.previous, list) else []
    editing = _Editing(screen, interview, step, question, _copy(stored), read)
    show_question(screen, step)
    if question.for_each is not None:
        return _fill_each(editing)
    _show_items(editing)
    if interview.answers.is_unfinished(step.section.section.id, question.id):
        _say_left_empty(editing)
    while True:
        count = len(editing.items)
        reply = read_list_reply(question, read(_menu_prompt(question, count)), count)
        if reply.kind is ReplyKind.HELP:
            show_help(screen, step)
        elif reply.kind is ReplyKind.INVALID:
            screen.say(reply.message, style="yellow")
        elif reply.kind is ReplyKind.BACK:
            return ListOutcome.BACK
        elif reply.kind is ReplyKind.QUIT:
            return ListOutcome.QUITTING
        elif reply.kind in (ReplyKind.ANSWER, ReplyKind.DONE):
            value = _copy(editing.items) if reply.kind is ReplyKind.DONE else reply.value
            try:
                interview.record(step, value)
            except AnswerRefused as refusal:
                screen.say(clean(" ".join(refusal.lines())), style="yellow")
                continue
            return ListOutcome.ANSWERED
        elif reply.kind is ReplyKind.REMOVE:
            _remove(editing, int(reply.value) - 1)
            _show_items(editing)
        else:
            position = None if reply.kind is ReplyKind.ADD else int(reply.value) - 1
            if _edit_item(editing, position) is ListOutcome.QUITTING:
                return ListOutcome.QUITTING
            _show_items(editing)


def _say_left_empty(editing: _Editing) -> None:
    """Coming back to a list left in the middle: which fields of the last item, the one
    being typed then, are still empty, and how to fill them in."""
    question, items = editing.question, editing.items
    if not items:
        return
    empty = [field.label for field in question.fields if items[-1].get(field.id) is None]
    if not empty:
        return
    title = question.item_title(items[-1])
    named = f"{question.item_name} {len(items)}" + (f" ({clean(title)})" if title else "")
    editing.screen.say(
        f"{named[:1].upper()}{named[1:]} has nothing yet for {clean(listed(empty, 'or'))}: "
        f"type c {len(items)} to fill it in, or press Enter if the list is complete.",
        style="yellow",
    )


def _menu_prompt(question: ListQuestion, count: int) -> Text:
    keys = ("a/" if count < question.max_items else "") + ("c N/r N" if count else "")
    text = Text(keys.rstrip("/") or "Enter")
    text.append(" [done]" if count else " [none]", style="bold")
    text.append(" > ")
    return text


def _show_items(editing: _Editing) -> None:
    screen, question, items = editing.screen, editing.question, editing.items
    if not items:
        screen.say(f"No {clean(question.plural_name)} yet.")
    else:
        count = question.count_text(len(items))
        screen.say(Text(f"{count[:1].upper()}{count[1:]} so far:", style="bold"))
        screen.console.print(_items_table(question, items))
    screen.say(Text(list_actions(question, len(items)), style="dim"))


def _items_table(question: ListQuestion, items: list[dict[str, Any]]) -> Table:
    headings, rows = question.table(items) or ([], [])
    table = Table(box=None, pad_edge=False, padding=(0, 2, 0, 0), header_style="bold")
    table.add_column("", justify="right", no_wrap=True)
    for heading in headings:
        table.add_column(clean(heading), overflow="fold")
    for number, row in enumerate(rows, start=1):
        table.add_row(f"{number}.", *(Text(clean(cell)) for cell in row))
    return table


def _remove(editing: _Editing, position: int) -> None:
    question, items = editing.question, editing.items
    title = question.item_title(items[position])
    named = f"{question.item_name} {position + 1}" + (f" ({clean(title)})" if title else "")
    try:
        reply = editing.read(Text(f"Remove {named}? [y/N] ")).strip().lower()
    except EOFError:  # pragma: no cover - the reader turns the end of input into a stop
        reply = ""
    if reply not in ("y", "yes"):
        editing.screen.say(f"{named[:1].upper()}{named[1:]} is kept.")
        return
    removed = items.pop(position)
    if not editing.save():
        items.insert(position, removed)
        return
    editing.screen.say(f"Removed {named}.")


def _edit_item(editing: _Editing, position: int | None) -> ListOutcome | None:
    """Ask each field of a new item (position None) or of the item at `position`.

    The item is added to the list once a field is typed, and the list is saved after each
    field. `<` goes back a field, and from the first field back to the list.
    """
    question, screen = editing.question, editing.screen
    adding = position is None
    item = (
        {field.id: None for field in question.fields}
        if position is None
        else dict(editing.items[position])
    )
    number = len(editing.items) + 1 if position is None else position + 1
    title = question.item_title(item)
    heading = f"{'New' if adding else 'Changing'} {question.item_name} {number}"
    screen.say(Text(heading + (f": {clean(title)}" if title else ""), style="bold"))
    index = 0
    while index < len(question.fields):
        field = question.fields[index]
        outcome = _ask_field(editing, field, item, position)
        if outcome is ListOutcome.QUITTING:
            return outcome
        if outcome is ListOutcome.BACK:
            if index == 0:
                return None
            index -= 1
            continue
        empty = all(value is None for value in item.values())
        if position is None and not empty:
            editing.items.append(item)
            position = len(editing.items) - 1
        elif adding and position is not None and empty:  # every field emptied again
            editing.items.pop(position)
            position = None
            if not editing.save():
                return None
        if position is not None:
            editing.items[position] = item
            if not editing.save():
                continue  # ask the same field again
        index += 1
    if position is None:
        screen.say(f"Nothing was typed: no {question.item_name} was added.")
    return None


def _ask_field(
    editing: _Editing, field: ListField, item: dict[str, Any], position: int | None
) -> ListOutcome | None:
    """Ask one field until it is given (None), or the owner goes back or quits."""
    question, screen = editing.question, editing.screen
    field_question = field.question()
    current = item.get(field.id)
    needed = field.id == question.key
    while True:
        typed = editing.read(_field_prompt(field, current, needed))
        reply = read_reply(
            field_question, typed, previous=current, has_previous=current is not None
        )
        if reply.kind is ReplyKind.HELP:
            _field_help(screen, field)
            continue
        if reply.kind is ReplyKind.BACK:
            return ListOutcome.BACK
        if reply.kind is ReplyKind.QUIT:
            return ListOutcome.QUITTING
        value = reply.value
        if reply.kind is ReplyKind.INVALID:
            if typed.strip() or current is not None:
                screen.say(question.refusal(field, typed, reply.message), style="yellow")
                continue
            value = None  # Enter at an empty field leaves it empty (the key is checked below)
        if isinstance(value, str) and needed:
            value = value.strip()
        try:
            value = question.check_field(field, value)
        except ValueError as error:
            screen.say(_sentence(str(error)), style="yellow")
            continue
        if needed and question.name_taken(editing.items, value, position):
            screen.say(
                f"There is already {article(question.item_name)} {question.item_name} called "
                f"{clean(value)}: give this one a name of its own.",
                style="yellow",
            )
            continue
        item[field.id] = value
        return None


def _field_prompt(field: ListField, current: Any, needed: bool) -> Text:
    field_question = field.question()
    text = Text(f"  {clean(field.label)}")
    hint = _field_hint(field)
    if hint:
        text.append(f" ({clean(hint)})", style="dim")
    if current is not None:
        kept = field.choice_label(current) or field_question.short_text(current)
        text.append(f" [{clean(kept)}]", style="bold")
    elif not needed:
        text.append(" [skip]", style="bold")
    text.append(" > ")
    return text


def _field_hint(field: ListField) -> str:
    if field.type == "choice":
        return ", ".join(f"{n} {choice.label}" for n, choice in enumerate(field.choices or [], 1))
    if field.type == "text":
        return ""
    return field.question().input_hint()


def _field_help(screen: Screen, field: ListField) -> None:
    if field.help:
        screen.say(Text(clean(" ".join(field.help.split())), style="italic"))
    screen.say(
        Text(
            "Keys: ? help, < back a field, - leave it empty, Enter keep what is in "
            "[brackets], q save and quit.",
            style="dim",
        )
    )


def _details(source: AnyQuestion | None, item: dict[str, Any]) -> str:
    """The other list's item in one line, besides its name, such as "Target: 5 · Unit:
    days · Better when it is: Lower" (what a KPI's value is measured against)."""
    if not isinstance(source, ListQuestion):
        return ""
    return " · ".join(
        f"{field.label}: {source.field_text(field, item.get(field.id))}"
        for field in source.fields
        if field.id != source.key and item.get(field.id) not in (None, "")
    )


def _fill_each(editing: _Editing) -> ListOutcome:
    """A list answered once per item of another: each of its items' fields, in turn."""
    screen, interview, question, step = (
        editing.screen,
        editing.interview,
        editing.question,
        editing.step,
    )
    source = interview.source_question(step)
    named = [
        (name, _details(source, item))
        for name, item in (
            (source.item_title(item) if isinstance(source, ListQuestion) else None, item)
            for item in interview.source_items(step)
        )
        if name
    ]
    names = [name for name, _ in named]
    if not names:  # left unanswered, so that it is asked once the other list has items
        them = source.plural_name if isinstance(source, ListQuestion) else "items"
        screen.say(f"There is nothing to fill in yet: there are no {clean(them)} to go through.")
        return ListOutcome.ANSWERED
    by_name = {str(item.get(ITEM_KEY, "")).casefold(): item for item in editing.items}
    ordered = [
        by_name.get(name.casefold(), {ITEM_KEY: name, **{f.id: None for f in question.fields}})
        for name in names
    ]
    kept = [item for item in editing.items if item not in ordered]  # for items since removed
    if len(ordered) + len(kept) > question.capacity:
        screen.say(
            f"This list keeps {len(kept)} {clean(question.plural_name)} for what is no longer "
            f"on the list, too many to add more: at most {question.capacity} fit. Delete the "
            f"ones you no longer need from {clean(str(interview.path))}, under "
            f"'{question.id}', then run this again.",
            style="yellow",
        )
        return ListOutcome.ANSWERED
    editing.items = ordered + kept
    if kept:
        gone = ", ".join(clean(str(item.get(ITEM_KEY))) for item in kept)
        screen.say(f"Kept as they were, for what is no longer on the list: {gone}.", style="dim")
    prompts = [(position, field) for position in range(len(names)) for field in question.fields]
    index = 0
    shown: int | None = None
    while index < len(prompts):
        position, field = prompts[index]
        if position != shown:
            screen.say(Text(clean(names[position]), style="bold"))
            if named[position][1]:
                screen.say(Text(clean(named[position][1]), style="dim"))
            shown = position
        outcome = _ask_field(editing, field, editing.items[position], position)
        if outcome is ListOutcome.QUITTING:
            return outcome
        if outcome is ListOutcome.BACK:
            if index == 0:
                return ListOutcome.BACK
            index -= 1
            continue
        if editing.save():
            index += 1
    try:
        interview.record(step, _copy(editing.items))
    except AnswerRefused as refusal:
        screen.say(clean(" ".join(refusal.lines())), style="yellow")
    return ListOutcome.ANSWERED


def _copy(items: list[Any]) -> list[dict[str, Any]]:
    return [dict(item) for item in items if isinstance(item, dict)]


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
