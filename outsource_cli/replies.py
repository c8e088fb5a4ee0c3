"""What the owner typed at a question: a key (help, back, quit) or an answer, checked."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from .checklist import AnyQuestion
from .questions import NOT_APPLICABLE

HELP = "?"
BACK = "<"
SKIP = "-"
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


_KEY_KINDS = {HELP: ReplyKind.HELP, BACK: ReplyKind.BACK, QUIT: ReplyKind.QUIT}


@dataclass(frozen=True)
class Reply:
    """What a line of input means: an answer to store, a key, or a mistake to explain."""

    kind: ReplyKind
    value: Any = None
    message: str = ""


def read_reply(question: AnyQuestion, text: str, *, previous: Any, has_previous: bool) -> Reply:
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
