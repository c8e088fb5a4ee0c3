"""How a question looks in the interview: its section, its choices, its prompt and its help."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from ..answers import NOT_APPLICABLE
from ..checklist import (
    AnyQuestion,
    ChoiceQuestion,
    MultiQuestion,
    NumberQuestion,
    ScaleQuestion,
    TextQuestion,
    YesNoQuestion,
)
from ..interview import Step
from ..replies import BACK, HELP, QUIT, SKIP, number_text
from .console import clean, numbered
from .screen import Screen

SHORT_KEYS = f"{HELP} help  {BACK} back  {SKIP} skip  {QUIT} quit"


def section_header(screen: Screen, step: Step, *, back: bool, brief: bool) -> None:
    section = step.section.section
    place = f"Section {step.section_number} of {step.section_count}"
    screen.blank()
    if back:
        screen.say(Text(f"Back to {place.lower()}: {clean(section.title)}", style="bold"))
        return
    screen.say(Text(f"{place}: {clean(section.title)}", style="bold magenta"))
    if section.description and not brief:
        screen.say(Text(clean(" ".join(section.description.split()))))


def show_question(screen: Screen, step: Step) -> None:
    question = step.question
    screen.blank()
    position = Text(f"Question {step.number} of {step.count}", style="bold cyan")
    if screen.console.width >= len(position) + len(SHORT_KEYS) + 3:
        screen.say(position, Text(f"   {SHORT_KEYS}", style="dim"))
    else:
        screen.say(position)
        screen.say(Text(SHORT_KEYS, style="dim"))
    screen.say(Text(clean(question.prompt), style="bold"))
    rows: list[tuple[str, str]] = []
    if isinstance(question, (ChoiceQuestion, MultiQuestion)):
        rows = [(str(n), c.label) for n, c in enumerate(question.choices, start=1)]
    elif isinstance(question, ScaleQuestion) and question.labels:
        rows = [(str(point), label) for point, label in sorted(question.labels.items())]
    if rows:
        screen.console.print(numbered(rows, indent=2))
    if isinstance(question, MultiQuestion):
        screen.say(
            Text("Pick all that apply: numbers separated by commas, such as 1,3 (0 for none).")
        )


def prompt(step: Step) -> Text:
    question = step.question
    how = _how(question)
    kept = _kept(step)
    text = Text(how)
    if kept is not None:
        text.append(f" [{kept}]", style="bold")
    text.append(" > ")
    return text


def _how(question: AnyQuestion) -> str:
    if isinstance(question, YesNoQuestion):
        return "y/n"
    if isinstance(question, ChoiceQuestion):
        return f"1-{len(question.choices)}"
    if isinstance(question, MultiQuestion):
        return f"1-{len(question.choices)}"
    if isinstance(question, ScaleQuestion):
        return f"{question.min}-{question.max}"
    if isinstance(question, NumberQuestion):
        return "Number" + (f" ({clean(question.unit)})" if question.unit else "")
    return "Answer"


def _kept(step: Step) -> str | None:
    """What Enter gives, in a few characters: the earlier answer, else the default."""
    question = step.question
    if step.has_previous:
        return _short(question, step.previous)
    if question.default is not None:
        return _short(question, question.default)
    if isinstance(question, MultiQuestion):
        return "none"
    if isinstance(question, TextQuestion):
        return "skip"
    return None


def _short(question: AnyQuestion, value: Any) -> str:
    if value is None:
        return "unanswered"
    if value == NOT_APPLICABLE and not isinstance(question, TextQuestion):
        return "n/a"
    if isinstance(question, YesNoQuestion):
        return "yes" if value else "no"
    if isinstance(question, (ChoiceQuestion, MultiQuestion)):
        chosen = value if isinstance(value, list) else [value]
        numbers = [str(n) for n, c in enumerate(question.choices, start=1) if c.value in chosen]
        return ",".join(numbers) or "none"
    if isinstance(question, NumberQuestion):
        return number_text(value)
    text = clean(" ".join(str(value).split()))
    return text if len(text) <= 30 else text[:29] + "…"


def show_help(screen: Screen, question: AnyQuestion) -> None:
    shown = False
    if question.help:
        screen.say(Text(clean(" ".join(question.help.split())), style="italic"))
        shown = True
    if isinstance(question, (ChoiceQuestion, MultiQuestion)):
        rows = [
            (str(number), f"{choice.label}: {' '.join(choice.help.split())}")
            for number, choice in enumerate(question.choices, start=1)
            if choice.help
        ]
        if rows:
            screen.console.print(numbered(rows, indent=2))
            shown = True
    if question.critical:
        screen.say("This is a key question: a poor answer blocks outsourcing, whatever the score.")
        shown = True
    if not shown:
        screen.say("There is no more help for this question.")
    extra = " na not applicable," if question.allow_na else ""
    screen.say(
        Text(f"Keys: ? help, < back, - leave unanswered,{extra} q save and quit.", style="dim")
    )


# --- scores ---------------------------------------------------------------------------
