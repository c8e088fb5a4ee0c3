"""The checklist key `brief`: which part of the partner brief an answer goes in, and how.

A question with a `brief` key puts its answer into the brief the owner sends candidate
partners (`outsource brief`). The parts, their order and their titles are fixed here;
the checklists decide what goes into each.
"""

from __future__ import annotations

import re
from typing import Literal, get_args

from pydantic import Field

from .format_types import FormatModel, RuleProblem, Text

BriefPart = Literal[
    "about", "work", "scope", "goals", "service", "data", "terms", "choosing", "questions", "reply"
]
"""A part of the brief, as checklist files name it."""
BRIEF_PARTS: tuple[BriefPart, ...] = get_args(BriefPart)
"""Every part, in the order the brief shows them."""
BRIEF_PART_TITLES: dict[BriefPart, str] = {
    "about": "About us",
    "work": "The work",
    "scope": "Scope",
    "goals": "Goals and how we will measure them",
    "service": "Service levels and working together",
    "data": "Data, confidentiality and IP",
    "terms": "Terms we will ask for",
    "choosing": "How we will choose",
    "questions": "What we ask every candidate",
    "reply": "How to reply",
}
"""The heading each part has in the brief."""
QUESTIONS_PART: BriefPart = "questions"
"""The part that lists the candidate sections' questions, numbered."""
MAX_BRIEF_TEXT = 2_000
"""The longest text of a `brief` key."""

ANSWER_PLACEHOLDER = "{answer}"
"""In a `brief` text: this question's answer, in words."""
_BRACES = re.compile(r"\{[^{}]*\}")


class BriefEntry(FormatModel):
    """Where a question's answer goes in the brief, and the sentence that says it."""

    part: BriefPart | None = Field(
        None,
        description="The part of the brief: "
        + ", ".join(f"{part} ({title})" for part, title in BRIEF_PART_TITLES.items())
        + ". A candidate section's questions go in 'questions', the default there; an "
        "owner's question must name its part.",
    )
    text: Text | None = Field(
        None,
        max_length=MAX_BRIEF_TEXT,
        description="The sentence in the brief, in the owner's voice. {answer} is this "
        "answer in words; {section.id} another answer or computed value. For a candidate "
        "section's question: the question as put to the candidate (default its prompt).",
    )
    yes: Text | None = Field(
        None,
        max_length=MAX_BRIEF_TEXT,
        description="yes/no questions: the sentence when the answer is yes (none: nothing "
        "is written for yes).",
    )
    no: Text | None = Field(
        None,
        max_length=MAX_BRIEF_TEXT,
        description="yes/no questions: the sentence when the answer is no (none: nothing "
        "is written for no).",
    )
    label: Text | None = Field(
        None,
        max_length=200,
        description="Without `text`: the few words written before the answer, as in "
        "'Reply times: within 4 working hours' (default: the question's prompt).",
    )
    ask: bool = Field(
        True,
        description="A candidate section's question: false keeps it out of the brief, for "
        "what the owner finds out without asking (such as how fast the candidate replied). "
        "Without a `brief` key, a candidate question is asked in the brief with its prompt.",
    )

    def problems(self, question_type: str, audience: str) -> list[RuleProblem]:
        """What is wrong with the entry beyond the schema, for a question of this type in a
        section for this audience; each with its place under `brief`."""
        problems: list[RuleProblem] = []
        if audience == "review":
            return [
                (
                    ("brief",),
                    "a review section's answers are never written in the brief: remove the "
                    "'brief' key",
                )
            ]
        if self.part is None and audience != "candidate":
            problems.append(
                (
                    ("brief", "part"),
                    "an owner's question in the brief needs a 'part': one of "
                    + ", ".join(BRIEF_PARTS),
                )
            )
        if audience == "candidate" and self.part not in (None, QUESTIONS_PART):
            problems.append(
                (
                    ("brief", "part"),
                    f"a candidate section's question goes in the part '{QUESTIONS_PART}' of "
                    "the brief; remove 'part' or write 'part: questions'",
                )
            )
        if not self.ask and audience != "candidate":
            problems.append(
                (
                    ("brief", "ask"),
                    "'ask' is for a candidate section's questions; to keep an owner's answer "
                    "out of the brief, remove the 'brief' key",
                )
            )
        for key in ("yes", "no"):
            if getattr(self, key) is not None and question_type != "yes_no":
                problems.append(
                    (
                        ("brief", key),
                        f"'{key}' is for yes/no questions; use 'text' with {ANSWER_PLACEHOLDER}",
                    )
                )
        if audience == "candidate" and (self.yes or self.no or self.label):
            problems.append(
                (
                    ("brief",),
                    "a candidate section's question is written in the brief as a question: "
                    "give only 'text' (the question as put to the candidate)",
                )
            )
        if audience == "candidate" and ANSWER_PLACEHOLDER in (self.text or ""):
            problems.append(
                (
                    ("brief", "text"),
                    f"a candidate section's question has no answer of the owner's to write: "
                    f"remove {ANSWER_PLACEHOLDER}",
                )
            )
        for key in ("text", "yes", "no"):
            text = getattr(self, key)
            for match in _BRACES.finditer(text or ""):
                written = match.group(0)
                if written != ANSWER_PLACEHOLDER and not _NAMED.fullmatch(written):
                    problems.append(
                        (
                            ("brief", key),
                            f"{written} is not a placeholder: write {ANSWER_PLACEHOLDER} for this "
                            "answer or {section.id} for another answer or computed value",
                        )
                    )
        return problems

    def texts(self) -> list[str]:
        """The texts that may hold `{section.id}` placeholders."""
        return [text for text in (self.text, self.yes, self.no) if text]


_NAMED = re.compile(r"\{([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)\}")
