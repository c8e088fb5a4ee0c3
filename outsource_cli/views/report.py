"""The report shown in the terminal with rich (`outsource report --show`).

It shows the same report data as the Markdown report (docs/report-data.md), in the same
order. Every text from a user or a checklist goes in as a rich Text passed through
`clean()`, so markup in it is shown as typed and escape sequences never reach the screen.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..assessment import QuestionState
from ..candidates import RANKING_COMMAND
from ..report.data import (
    ActionData,
    BlockerData,
    ItemData,
    Overall,
    QuestionData,
    ReportData,
    SectionData,
    StepData,
)
from ..report.profile import AssessedData
from ..safe_text import clean
from ..words import plural
from .console import BAR_WIDTH, Trimmed, bar, numbered, score_style, verdict_style

_WIDE = 64
"""From this many columns the sections are a table; below, each takes a few lines."""


def show_report(console: Console, data: ReportData) -> None:
    """Print the summary and the whole report: the Markdown report's content, for a terminal."""
    console.print(Trimmed(_report(data, wide=console.width >= _WIDE)))


def _report(data: ReportData, *, wide: bool) -> Iterator[RenderableType]:
    yield from _title(data)
    yield from _summary(data["overall"])
    yield from _assessed(data["assessed"])
    yield from _sections(data["sections"], wide=wide)
    yield from _blockers(data["blockers"], data["texts"])
    yield from _actions(data["steps"], data["actions"], data["texts"])
    yield from _answers(data["sections"])
    if "candidates" in data:
        from .candidates import report_part

        yield from report_part(data["candidates"], RANKING_COMMAND)


def _title(data: ReportData) -> Iterator[RenderableType]:
    title = Text("Outsourcing readiness report", style="bold")
    if data["business"]:
        title.append(": " + _one_line(data["business"]))
    yield title
    yield Text(f"Report date: {clean(data['date'])}", style="dim")


def _summary(overall: Overall) -> Iterator[RenderableType]:
    score = overall["score"]
    line = Text.assemble(("Readiness score: ", "bold"))
    if score is None:
        line.append("not known yet", style="dim")
    else:
        line.append(f"{score:.1f}", style=score_style(score))
        line.append(" out of 100")
    verdict = Text.assemble(
        (clean(overall["verdict_label"]) + ".", verdict_style(overall["verdict"])),
        " ",
        clean(overall["reason"]),
    )
    yield Text()
    yield line
    yield verdict


def _assessed(assessed: AssessedData) -> Iterator[RenderableType]:
    yield from _heading("What is assessed")
    rows = []
    for fact in assessed["facts"] + assessed["costs"]:
        text = Text(f"{_one_line(fact['label'])}: ", style="bold")
        text.append(clean(fact["text"]), style="")
        rows.append(("•", text))
    yield numbered(rows, gap=1, bold=False)


def _sections(sections: list[SectionData], *, wide: bool) -> Iterator[RenderableType]:
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
    yield numbered(rows, gap=1, bold=False)


def _sections_table(sections: list[SectionData]) -> Table:
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


def _blockers(blockers: list[BlockerData], texts: dict[str, str]) -> Iterator[RenderableType]:
    yield from _heading("Blockers")
    if not blockers:
        yield Text(texts["no_blockers"], style="green")
        return
    yield Text(texts["blockers_lead"])
    rows = []
    for item in blockers:
        text = Text.assemble(("Blocker: ", "bold red"))
        text.append(_place(item), style="bold")
        text.append(f" See action {item['action']}.")
        rows.append(("•", text))
    yield numbered(rows, gap=1, bold=False)


def _actions(
    steps: list[StepData], actions: list[ActionData], texts: dict[str, str]
) -> Iterator[RenderableType]:
    yield from _heading("Action plan")
    if not actions:
        yield Text(texts["no_actions"])
        return
    yield Text(texts["actions_lead"])
    for step in steps:
        rows = []
        for item in actions:
            if item["step"] != step["id"]:
                continue
            text = Text()
            if item["blocker"]:
                text.append("Blocker: ", style="bold red")
            text.append(clean(item["recommendation"] or texts["no_recommendation"]))
            text.append("\n")
            text.append(_place(item), style="dim")
            rows.append((f"{item['number']}.", text))
        if rows:
            yield Text()
            yield Text(_one_line(step["title"]), style="bold")
            yield numbered(rows, gap=1, bold=False, spaced=True)


def _computed(section: SectionData) -> Iterator[RenderableType]:
    if not section["computed"]:
        return
    yield Text()
    yield Text("Worked out from these answers:", style="italic")
    rows = []
    for value in section["computed"]:
        text = Text(f"{clean(value['label'])}: ")
        text.append(clean(value["value_text"]), style="bold")
        if value["problem"]:
            text.append(f" ({clean(value['problem'])})", style="yellow")
        rows.append(("•", text))
    yield numbered(rows, gap=1, bold=False)


def _answers(sections: list[SectionData]) -> Iterator[RenderableType]:
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
        answered = [q for q in applying if q["state"] == QuestionState.ANSWERED]
        if answered:
            yield numbered([("•", _answered(q)) for q in answered], gap=1, bold=False)
        else:
            yield Text("No answers yet.", style="dim")
        for state, label in (
            (QuestionState.UNANSWERED, "Not answered yet:"),
            (QuestionState.NOT_APPLICABLE, "Not applicable to you:"),
        ):
            group = [q for q in applying if q["state"] == state]
            if group:
                yield Text()
                yield Text(label, style="italic")
                yield numbered([("•", _left(q)) for q in group], gap=1, bold=False)
        yield from _computed(section)


def _answered(question: QuestionData) -> RenderableType:
    text = Text(clean(question["prompt"]))
    text.append("\n")
    text.append(clean(question["answer_text"]), style="bold")
    table = question["table"]
    if table is None:
        return _with_note(_to_do(text, question), question)
    shown = Table(box=None, pad_edge=False, padding=(0, 2, 0, 0), header_style="bold")
    for column in table["columns"]:
        shown.add_column(clean(column), overflow="fold")
    for row in table["rows"]:
        shown.add_row(*(Text(clean(cell)) for cell in row))
    after = _with_note(_to_do(Text(), question), question)
    return Group(text, shown, after[1:]) if after.plain else Group(text, shown)


def _to_do(text: Text, question: QuestionData) -> Text:
    """The action a question's answer calls for, by its number in the plan."""
    if question["action"]:
        text.append("\n")
        text.append("To do: ", style="yellow")
        text.append(f"see action {question['action']}")
    return text


def _left(question: QuestionData) -> Text:
    """A question not answered or not applicable: its prompt, whether it blocks, the note."""
    text = Text(clean(question["prompt"]))
    if question["blocker"]:
        text.append(" (blocker)", style="bold red")
    return _with_note(_to_do(text, question), question)


def _with_note(text: Text, question: QuestionData) -> Text:
    if question["note"]:
        text.append("\n")
        text.append("Your note: " + clean(question["note"]), style="italic")
    return text


def _heading(title: str) -> Iterator[RenderableType]:
    yield Text()
    yield Text(title, style="bold underline")


def _place(item: ItemData) -> str:
    """Where a blocker or action comes from: 'Section title: question prompt'."""
    return f"{_one_line(item['section_title'])}: {clean(item['prompt'])}"


def _score(score: float | None, width: int = 5) -> Text:
    """A score with one decimal, right-aligned in `width` characters (so that bars line up)."""
    shown = "not scored" if score is None else f"{score:{width}.1f}"
    return Text(shown, style=score_style(score))


def _one_line(text: object) -> str:
    """A name or title on one line, whatever spaces and line breaks it was typed with."""
    return clean(" ".join(str(text).split()))
