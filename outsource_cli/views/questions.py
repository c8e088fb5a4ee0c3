"""How a question looks in the interview: its section, its choices, its prompt and its help."""

from __future__ import annotations

from rich.text import Text

from ..interview import Step
from ..questions import SKIP
from ..replies import BACK, HELP, QUIT
from ..safe_text import clean
from .console import numbered
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
    screen.say(Text(clean(step.prompt), style="bold"))
    rows = question.option_rows()
    if rows:
        screen.console.print(numbered(rows, indent=2))
    pick_hint = question.pick_hint()
    if pick_hint:
        screen.say(Text(pick_hint))


def prompt(step: Step) -> Text:
    question = step.question
    text = Text(clean(question.input_hint()))
    # what Enter gives: the earlier answer, else what the question's type gives
    kept = question.short_text(step.previous) if step.has_previous else question.enter_text()
    if kept is not None:
        text.append(f" [{clean(kept)}]", style="bold")
    text.append(" > ")
    return text


def show_help(screen: Screen, step: Step) -> None:
    question = step.question
    shown = False
    if step.help:
        screen.say(Text(clean(" ".join(step.help.split())), style="italic"))
        shown = True
    rows = question.help_rows()
    if rows:
        screen.console.print(numbered(rows, indent=2))
        shown = True
    if step.critical and step.section.section.audience == "candidate":
        screen.say(
            "This is a knock-out: a poor answer rules the candidate out, whatever the score."
        )
    elif step.critical:
        screen.say("This is a key question: a poor answer blocks outsourcing, whatever the score.")
        shown = True
    if not shown:
        screen.say("There is no more help for this question.")
    extra = " na not applicable," if question.allow_na else ""
    screen.say(
        Text(f"Keys: ? help, < back, - leave unanswered,{extra} q save and quit.", style="dim")
    )


# --- scores ---------------------------------------------------------------------------
