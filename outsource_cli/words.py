"""How outsource words things everywhere: plurals, and the sentences the reports share."""

from __future__ import annotations


def plural(count: int, noun: str) -> str:
    """'1 answer', '2 answers'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def article(noun: str) -> str:
    """'a' or 'an' before a noun, by its first letter: 'a KPI', 'an invoice'."""
    return "an" if noun[:1].lower() in "aeiou" else "a"


def listed(words: list[str], joining: str = "and") -> str:
    """'a', 'a and b', 'a, b and c' (or 'a, b or c' with `joining` 'or')."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {joining} {words[-1]}"


REPORT_TEXTS = {
    "blockers_lead": "These must be fixed before you outsource, whatever the score:",
    "no_blockers": "None: no critical point is failing.",
    "no_recommendation": "Settle this point before you go ahead.",
    "actions_lead": (
        "Work through the steps in order. Within each step, blockers come first, then what "
        "holds your score back most."
    ),
    "no_actions": "Nothing to do: every scored question has its best answer.",
}
"""The sentences every form of the report says alike (the report data's `texts`)."""
RUNNING_TEXTS = {
    **REPORT_TEXTS,
    "blockers_lead": "These need you first, whatever the score:",
    "actions_lead": (
        "Start with the blockers, wherever they are listed; then work through the steps. "
        "Within each step, blockers come first, then what holds your score back most."
    ),
}
"""The same once the work is handed over (stage `working`): nothing is outsourced any more."""
