"""What the owner typed at a question: a key (help, back, quit) or an answer, checked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Any

from .list_questions import ListQuestion
from .questions import NOT_APPLICABLE, SKIP, BaseQuestion
from .words import article

HELP = "?"
BACK = "<"
NA = "na"
QUIT = "q"


class ReplyKind(Enum):
    """What a reply asks for."""

    ANSWER = "answer"
    """Store `value` (None leaves the question unanswered)."""
    INVALID = "invalid"
    """A mistake: `message` says what is accepted."""
    HELP = "help"
    BACK = "back"
    QUIT = "quit"
    ADD = "add"
    """A list: add an item."""
    CHANGE = "change"
    """A list: change the item numbered `value` (from 1)."""
    REMOVE = "remove"
    """A list: remove the item numbered `value` (from 1)."""
    DONE = "done"
    """A list: the items are complete."""


_KEY_KINDS = {HELP: ReplyKind.HELP, BACK: ReplyKind.BACK, QUIT: ReplyKind.QUIT}


@dataclass(frozen=True)
class Reply:
    """What a line of input means: an answer to store, a key, or a mistake to explain."""

    kind: ReplyKind
    value: Any = None
    message: str = ""


def read_reply(question: BaseQuestion, text: str, *, previous: Any, has_previous: bool) -> Reply:
    """Interpret one line typed at a question.

    `previous` is the answer already stored (when `has_previous`), which Enter keeps;
    otherwise Enter gives what the question's type says (its default, if it has one).
    """
    typed = text.strip()
    key = typed.lower()
    if key in _KEY_KINDS:
        return Reply(_KEY_KINDS[key])
    if key == SKIP:
        return Reply(ReplyKind.ANSWER, None)
    if key in (NA, NOT_APPLICABLE):
        if question.allow_na:
            return Reply(ReplyKind.ANSWER, NOT_APPLICABLE)
        return Reply(
            ReplyKind.INVALID,
            message="This question can't be answered 'not applicable'. "
            f"Type an answer, or {SKIP} to leave it unanswered.",
        )
    if not typed and has_previous:
        return Reply(ReplyKind.ANSWER, previous)
    try:
        value = question.parse_reply(text if question.keeps_spacing else typed) if typed else None
        value = value if typed else question.enter_answer()
    except ValueError as error:
        message = str(error) if typed else f"{error}, or {HELP} for help."
        return Reply(ReplyKind.INVALID, message=message)
    try:
        value = question.check_answer(value)  # what is saved passes the checks it is read with
    except ValueError as error:
        return Reply(ReplyKind.INVALID, message=_sentence(str(error)))
    return Reply(ReplyKind.ANSWER, value)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


ADD = "a"
CHANGE = "c"
REMOVE = "r"
_LIST_WORDS = {
    ADD: ReplyKind.ADD,
    "add": ReplyKind.ADD,
    CHANGE: ReplyKind.CHANGE,
    "change": ReplyKind.CHANGE,
    REMOVE: ReplyKind.REMOVE,
    "remove": ReplyKind.REMOVE,
    "d": ReplyKind.DONE,
    "done": ReplyKind.DONE,
    "": ReplyKind.DONE,
}
_LIST_REPLY = re.compile(r"([a-z]*)\s*([0-9]{0,6})")


def list_actions(question: ListQuestion, count: int) -> str:
    """What can be typed at a list holding `count` items, in a sentence."""
    name, actions = question.item_name, []
    if count < question.max_items:
        actions.append(f"{ADD} to add {'another' if count else article(name)} {name}")
    if count:
        shown = min(2, count)
        actions.append(f"{CHANGE} {shown} to change {name} {shown}, {REMOVE} {shown} to remove it")
    done = "when the list is complete" if count else f"if there are no {question.plural_name}"
    return f"Type {', '.join(actions)}, or press Enter {done}."


def read_list_reply(question: ListQuestion, text: str, count: int) -> Reply:
    """Interpret one line typed at a list holding `count` items.

    Besides the keys every question has, `a` adds an item, `c 2` changes item 2 (a number
    alone does too), `r 2` removes it, and Enter (or `d`) says the list is complete.
    """
    typed = text.strip()
    key = typed.lower()
    if key in _KEY_KINDS:
        return Reply(_KEY_KINDS[key])
    if key in (SKIP, NA, NOT_APPLICABLE):
        if count:
            return Reply(
                ReplyKind.INVALID,
                message=f"To empty the list, remove its {question.plural_name} one by one with "
                f"{REMOVE}; press Enter to keep them.",
            )
        if key == SKIP:
            return Reply(ReplyKind.ANSWER, None)
        if not question.allow_na:
            return Reply(
                ReplyKind.INVALID,
                message="This question can't be answered 'not applicable'. "
                f"Press Enter if there are no {question.plural_name}, or {SKIP} to leave it "
                "unanswered.",
            )
        return Reply(ReplyKind.ANSWER, NOT_APPLICABLE)
    match = _LIST_REPLY.fullmatch(key)
    word, digits = (match.group(1), match.group(2)) if match else ("?", "")
    kind = ReplyKind.CHANGE if word == "" and digits else _LIST_WORDS.get(word)
    if kind is None or (digits and kind in (ReplyKind.ADD, ReplyKind.DONE)):
        return Reply(ReplyKind.INVALID, message=list_actions(question, count))
    if kind is ReplyKind.ADD and count >= question.max_items:
        return Reply(
            ReplyKind.INVALID,
            message=f"The list holds at most {question.max_items} {question.plural_name}: "
            f"change or remove one, or press Enter.",
        )
    if kind in (ReplyKind.CHANGE, ReplyKind.REMOVE):
        if not count:
            return Reply(ReplyKind.INVALID, message=list_actions(question, count))
        if not digits and count == 1:
            digits = "1"
        number = int(digits) if digits else 0
        if not 1 <= number <= count:
            letter = CHANGE if kind is ReplyKind.CHANGE else REMOVE
            return Reply(
                ReplyKind.INVALID,
                message=f"Type {letter} and a number from 1 to {count}, as in "
                f"'{letter} {min(2, count)}'.",
            )
        return Reply(kind, number)
    return Reply(kind)
