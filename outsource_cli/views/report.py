"""The report shown in the terminal with rich (`outsource report --show`).

It shows the same report data as the Markdown report (docs/report-data.md), in the same
order. Every text from a user or a checklist goes in as a rich Text passed through
`clean()`, so markup in it is shown as typed and escape sequences never reach the screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from .console import BAR_WIDTH, VERDICT_STYLES, Trimmed, bar, clean, plural, score_style

_WIDE = 64
"""From this many columns the sections are a table; below, each takes a few lines."""

Data = dict[str, Any]


def show_report(console: Console, data: Data) -> None:
    """Print the summary and the whole report: the Markdown report's content, for a terminal."""
    console.print(Trimmed(_report(data, wide=console.width >= _WIDE)))


def _report(data: Data, *, wide: bool) -> Iterator[RenderableType]:
    yield from _title(data)
    yield from _summary(data["overall"])
    yield from _sections(data["sections"], wide=wide)
    yield from _blockers(data["blockers"])
    yield from _actions(data["actions"])
    yield from _computed(data["sections"])
    yield from _answers(data["sections"])


def _title(data: Data) -> Iterator[RenderableType]:
    title = Text("Outsourcing readiness report", style="bold")
    if data["business"]:
        title.append(": " + _one_line(data["business"]))
    yield title
    yield Text(f"Report date: {clean(data['date'])}", style="dim")


def _summary(overall: Data) -> Iterator[RenderableType]:
    score = overall["score"]
    line = Text.assemble(("Readiness score: ", "bold"))
    if score is None:
        line.append("not known yet", style="dim")
    else:
        line.append(f"{score:.1f}", style=score_style(score))
        line.append(" out of 100")
    verdict = Text.assemble(
        (clean(overall["verdict_label"]) + ".", VERDICT_STYLES[overall["verdict"]]),
        " ",
        clean(overall["reason"]),
    )
    yield Text()
    yield line
    yield verdict


def _sections(sections: list[Data], *, wide: bool) -> Iterator[RenderableType]:
    yield from _heading("Sections")
    if wide:
        yield _sections_table(sections)
        return
    # too narrow for six columns: each section takes a few lines under its number
    rows = []
    for number, section in enumerate(sections, start=1):
        counts = section["counts"]
        text = Text.assemble((_one_line(section["title"]), "bold"), "\n")
        text.append(_score(section["score"], width=0))
        text.append(" ")
        text.append(bar(section["score"]))
        text.append(f" {counts['answered']} of {counts['applicable']} answered")
        if counts["blockers"]:
            text.append("\n")
            text.append(plural(counts["blockers"], "blocker"), style="bold red")
        rows.append((f"{number}.", text))
    yield _numbered(rows)


def _sections_table(sections: list[Data]) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Section")
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Progress", no_wrap=True, min_width=BAR_WIDTH)
    table.add_column("Answered", no_wrap=True)
    table.add_column("Blockers", justify="right", no_wrap=True)
    for number, section in enumerate(sections, start=1):
        counts = section["counts"]
        blockers = counts["blockers"]
        table.add_row(
            Text(str(number)),
            Text(_one_line(section["title"])),
            _score(section["score"]),
            bar(section["score"]),
            Text(f"{counts['answered']} of {counts['applicable']}"),
            Text(str(blockers), style="bold red" if blockers else "dim"),
        )
    return table


def _blockers(blockers: list[Data]) -> Iterator[RenderableType]:
    yield from _heading("Blockers")
    if not blockers:
        yield Text("None: no critical point is failing.", style="green")
        return
    yield Text("These must be fixed before you outsource, whatever the score:")
    rows = []
    for number, item in enumerate(blockers, start=1):
        text = Text.assemble(("Blocker: ", "bold red"))
        text.append(_place(item), style="bold")
        text.append("\n")
        text.append(clean(item["recommendation"] or "Settle this point before you go ahead."))
        rows.append((f"{number}.", text))
    yield _numbered(rows, spaced=True)


def _actions(actions: list[Data]) -> Iterator[RenderableType]:
    yield from _heading("Action plan")
    if not actions:
        yield Text("Nothing to do: every scored question has its best answer.")
        return
    yield Text("Work through these in order: blockers first, then what holds your score back most.")
    rows = []
    for number, item in enumerate(actions, start=1):
        text = Text()
        if item["blocker"]:
            text.append("Blocker: ", style="bold red")
        text.append(clean(item["recommendation"] or item["prompt"]))
        text.append("\n")
        text.append(_place(item), style="dim")
        rows.append((f"{number}.", text))
    yield _numbered(rows, spaced=True)


def _computed(sections: list[Data]) -> Iterator[RenderableType]:
    with_values = [section for section in sections if section["computed"]]
    if not with_values:
        return
    yield from _heading("Worked out from your answers")
    for section in with_values:
        yield Text(_one_line(section["title"]), style="bold")
        rows = []
        for value in section["computed"]:
            text = Text(f"{clean(value['label'])}: ")
            text.append(clean(value["value_text"]), style="bold")
            if value["problem"]:
                text.append(f" ({clean(value['problem'])})", style="yellow")
            rows.append(("•", text))
        yield _numbered(rows)


def _answers(sections: list[Data]) -> Iterator[RenderableType]:
    yield from _heading("Your answers")
    for number, section in enumerate(sections, start=1):
        heading = Text(f"{number}. {_one_line(section['title'])}", style="bold")
        if section["score"] is not None:
            heading.append(" (")
            heading.append(f"{section['score']:.1f}", style=score_style(section["score"]))
            heading.append(")")
        yield Text()
        yield heading
        applying = [question for question in section["questions"] if question["applies"]]
        answered = [q for q in applying if q["state"] == "answered"]
        if answered:
            yield _numbered([("•", _answered(q)) for q in answered])
        else:
            yield Text("No answers yet.", style="dim")
        for state, label in (
            ("unanswered", "Not answered yet:"),
            ("not_applicable", "Not applicable to you:"),
        ):
            group = [q for q in applying if q["state"] == state]
            if group:
                yield Text()
                yield Text(label, style="italic")
                yield _numbered([("•", _left(q)) for q in group])


def _answered(question: Data) -> Text:
    text = Text(clean(question["prompt"]))
    text.append("\n")
    text.append(clean(question["answer_text"]), style="bold")
    if question["falls_short"] and question["recommendation"]:
        text.append("\n")
        text.append("To do: ", style="yellow")
        text.append(clean(question["recommendation"]))
    return _with_note(text, question)


def _left(question: Data) -> Text:
    """A question not answered or not applicable: its prompt, whether it blocks, the note."""
    text = Text(clean(question["prompt"]))
    if question["blocker"]:
        text.append(" (blocker)", style="bold red")
    return _with_note(text, question)


def _with_note(text: Text, question: Data) -> Text:
    if question["note"]:
        text.append("\n")
        text.append("Your note: " + clean(question["note"]), style="italic")
    return text


def _heading(title: str) -> Iterator[RenderableType]:
    yield Text()
    yield Text(title, style="bold underline")


def _numbered(rows: list[tuple[str, Text]], *, spaced: bool = False) -> Table:
    """Numbered (or bulleted) lines whose text wraps under itself, not under the number.

    `spaced` puts an empty line between items, for items of several lines each.
    """
    grid = Table.grid(padding=(0, 1), pad_edge=False)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for index, (number, text) in enumerate(rows):
        if spaced and index:
            grid.add_row()
        grid.add_row(Text(number), text)
    return grid


def _place(item: Data) -> str:
    """Where a blocker or action comes from: 'Section title: question prompt'."""
    return f"{_one_line(item['section_title'])}: {clean(item['prompt'])}"


def _score(score: float | None, width: int = 5) -> Text:
    """A score with one decimal, right-aligned in `width` characters (so that bars line up)."""
    shown = "not scored" if score is None else f"{score:{width}.1f}"
    return Text(shown, style=score_style(score))


def _one_line(text: object) -> str:
    """A name or title on one line, whatever spaces and line breaks it was typed with."""
    return clean(" ".join(str(text).split()))
