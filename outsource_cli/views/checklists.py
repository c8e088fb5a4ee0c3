"""The checklist tables: the sections in use (`checklists list`) and one section's questions."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape as escape_markup
from rich.table import Table

from ..checklist_set import ChecklistSet, LoadedSection
from ..safe_text import clean
from ..variants import fallback
from ..words import plural


def _escape(text: str) -> str:
    """User text for a string of markup: cleaned, and shown as typed, never as markup."""
    return escape_markup(clean(text))


def show_sections(console: Console, checklist_set: ChecklistSet) -> None:
    """The sections in interview order: id, title, questions, and where each comes from."""
    table = _sections_table()
    for index, loaded in enumerate(checklist_set.sections, start=1):
        table.add_row(*_section_row(index, loaded))
    console.print(table)
    total = checklist_set.question_count()
    console.print(
        f"\n{plural(len(checklist_set.sections), 'section')}, {plural(total, 'question')} at most."
    )
    if checklist_set.candidate_sections:
        console.print(
            "\nAsked once for each candidate partner ('outsource check --candidate NAME'), "
            "never counted in your score:"
        )
        table = _sections_table()
        for index, loaded in enumerate(checklist_set.candidate_sections, start=1):
            table.add_row(*_section_row(index, loaded))
        console.print(table)
    if checklist_set.review_sections:
        console.print(
            "\nAsked at each review once the work is running ('outsource review'), never "
            "counted in your score:"
        )
        table = _sections_table()
        for index, loaded in enumerate(checklist_set.review_sections, start=1):
            table.add_row(*_section_row(index, loaded))
        console.print(table)


def _sections_table() -> Table:
    table = Table(title=None, show_lines=False, pad_edge=False, box=None)
    table.add_column("#", justify="right")
    table.add_column("Id")
    table.add_column("Title")
    table.add_column("Questions", justify="right")
    table.add_column("From")
    return table


def _section_row(index: int, loaded: LoadedSection) -> tuple[str, ...]:
    origin = "built-in" if loaded.origin == "built-in" else loaded.file
    return (
        str(index),
        _escape(loaded.section.id),
        _escape(loaded.section.title),
        str(len(loaded.section.questions)),
        _escape(origin),
    )


def show_section(console: Console, loaded: LoadedSection) -> None:
    """One section's questions: type, weight, critical mark, step and condition; its computed
    values."""
    section = loaded.section
    step = f", step {section.step}" if section.step else ""
    console.print(
        f"[bold]{_escape(section.title)}[/] ({_escape(section.id)}{step}, "
        f"from {_escape(loaded.file)})"
    )
    if section.description:
        console.print(_escape(section.description.strip()))
    table = Table(box=None, pad_edge=False, show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("Question (id, step, condition)", ratio=1)
    table.add_column("Type", no_wrap=True)
    table.add_column("Weight", justify="right")
    table.add_column("Critical")
    for index, question in enumerate(section.questions, start=1):
        detail = f"[dim]{_escape(question.id)}"
        if question.step or section.step:
            detail += f", step {section.step_of(question)}"
        if question.when:
            detail += f", asked when {_escape(question.when)}"
        prompt = fallback(question.prompt) or ""
        if isinstance(question.prompt, list):  # the text used when no other variant fits
            prompt += f" ({plural(len(question.prompt), 'variant')})"
        weight, critical = question.weight, question.critical
        if isinstance(weight, str):
            detail += f", weight {_escape(weight)}"
        if isinstance(critical, str):
            detail += f", critical when {_escape(critical)}"
        table.add_row(
            str(index),
            f"{_escape(prompt)}\n{detail}[/]",
            question.type,
            "varies" if isinstance(weight, str) else f"{weight:g}",
            "varies" if isinstance(critical, str) else "yes" if critical else "",
        )
    console.print(table)
    for value in section.computed:
        unit = f" ({_escape(value.unit)})" if value.unit else ""
        console.print(
            f"Computed [dim]{_escape(value.id)}[/]: {_escape(value.label)}{unit}\n"
            f"  = {_escape(value.expression)}"
        )
