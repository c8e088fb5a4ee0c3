"""The comparison in the terminal: the table of scores, then progress or the ranking."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..compare import PARTNERS, BlockerData, ComparisonData, FileData
from ..safe_text import clean
from ..verdicts import Tone
from ..words import plural
from .console import TONE_STYLES, Trimmed, score_style, verdict_style


def show(console: Console, data: ComparisonData) -> None:
    """The comparison in the terminal: the table, then progress or the ranking."""
    files = data["files"]
    partners = data["mode"] == PARTNERS
    title = "Choosing a partner" if partners else "Progress over time"
    console.print(Text(f"{title}: {len(files)} answers files compared", style="bold"))
    headers = [clean(item["label"]) for item in files]
    titles = max(len(section["title"]) for section in data["sections"])
    if _table_width(headers, titles, partners) > console.width:
        # long names would squeeze the table: number the columns, name the files above it
        for number, item in enumerate(files, start=1):
            _line(console, Text(f"{number}: ") + Text(clean(item["file"])), hang=3)
        headers = [str(number) for number in range(1, len(files) + 1)]
    console.print()
    # still too narrow: fix the widths so "Not ready" wraps rather than push columns off
    narrow = _table_width(headers, titles, partners) > console.width
    rest = len(headers) * 9 + (0 if partners else 9)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column(
        "", width=max(console.width - rest - 1, 10) if narrow else None, overflow="fold"
    )
    for header in headers:
        table.add_column(
            Text(header), justify="right", overflow="fold", width=7 if narrow else None
        )
    if not partners:
        table.add_column("Change", justify="right", width=7 if narrow else None)
    if partners:
        table.add_row("Rank", *(Text(f"{item['rank']}", style="bold") for item in files))
    overall = data["overall"]
    table.add_row(
        Text("Overall score", style="bold"),
        *(_score(score) for score in overall["scores"]),
        *([] if partners else [_change_text(overall["change"])]),
    )
    table.add_row(
        "Verdict",
        *(Text(item["verdict_label"], style=verdict_style(item["verdict"])) for item in files),
        *([] if partners else [""]),
    )
    table.add_row(
        "Blockers",
        *(Text(str(item["blocker_count"])) for item in files),
        *([] if partners else [_change_text(_count_change(files), lower_is_better=True)]),
        end_section=True,
    )
    for section in data["sections"]:
        table.add_row(
            Text(clean(section["title"])),
            *(_score(score) for score in section["scores"]),
            *([] if partners else [_change_text(section["change"])]),
        )
    console.print(Trimmed([table]))
    for note in data["notes"]:
        _line(console, Text("Note: ", style="yellow") + Text(clean(note)), hang=0)
    if partners:
        _show_ranking(console, data)
    else:
        for change in data["changes"]:
            _show_changes(console, change)


def _table_width(headers: list[str], titles: int, partners: bool) -> int:
    """Roughly how wide the table wants to be: titles, one column per file, the change."""
    return min(max(titles, 14), 28) + sum(max(len(h), 9) + 3 for h in headers) + 9 * (not partners)


def _score(score: float | None) -> Text:
    if score is None:
        return Text("not scored", style="dim")
    return Text(f"{score:.1f}", style=score_style(score))


def _count_change(files: list[FileData]) -> float:
    return float(files[-1]["blocker_count"] - files[0]["blocker_count"])


def _change_text(change: float | None, *, lower_is_better: bool = False) -> Text:
    if change is None:
        return Text("")
    if change == 0:
        return Text("same", style="dim")
    better = change < 0 if lower_is_better else change > 0
    shown = f"{change:+.1f}" if not lower_is_better else f"{int(change):+d}"
    return Text(shown, style="green" if better else "red")


def _line(console: Console, text: Text, indent: int = 0, hang: int = 2) -> None:
    """Text that wraps under itself, `hang` columns in from where it starts."""
    head, rest = text[:hang], text[hang:]
    width = max(20, console.width - indent - hang)
    for number, line in enumerate(rest.wrap(console, width)):
        line.rstrip()
        start = head if number == 0 else Text(" " * hang)
        console.print(Text(" " * indent) + start + line, soft_wrap=True)


def _show_changes(console: Console, change: dict[str, Any]) -> None:
    console.print()
    console.print(
        Text("From ", style="bold")
        + Text(clean(change["from"]), style="bold")
        + Text(" to ", style="bold")
        + Text(clean(change["to"]), style="bold")
    )
    overall = change["overall"]
    if overall["change"] is not None:
        _line(
            console,
            Text(f"- Overall score: {overall['from']:.1f} → {overall['to']:.1f} ")
            + _change_text(overall["change"]),
        )
    for section in change["sections"]:
        if section["change"]:
            _line(
                console,
                Text(f"- {clean(section['title'])}: {section['from']:.1f} → {section['to']:.1f} ")
                + _change_text(section["change"]),
            )
    _show_blockers(console, "Blockers resolved", change["blockers_resolved"], "green")
    _show_blockers(console, "New blockers", change["blockers_new"], "red")
    _show_blockers(console, "Still blocking", change["blockers_still"], "yellow")
    changed = change["answers_changed"]
    if changed:
        console.print(Text(f"Answers changed ({len(changed)}):"))
        for item in changed:
            _line(
                console,
                Text(f"- {clean(item['section_title'])}: {clean(item['prompt'])}\n")
                + Text(f"{clean(item['from'])} → {clean(item['to'])}", style="dim"),
            )
    else:
        console.print(Text("No answer changed."))


def _show_blockers(console: Console, heading: str, items: list[BlockerData], style: str) -> None:
    if not items:
        return
    console.print(Text(f"{heading} ({len(items)}):", style=style))
    for item in items:
        _line(console, Text(f"- {clean(item['section_title'])}: {clean(item['prompt'])}"))


def _show_ranking(console: Console, data: ComparisonData) -> None:
    files = sorted(data["files"], key=lambda item: item["rank"])
    console.print()
    console.print(Text("Ranking, most ready first", style="bold"))
    for item in files:
        score = "not scored" if item["score"] is None else f"{item['score']:.1f}"
        count = item["blocker_count"]
        blockers = plural(count, "blocker") if count else "no blockers"
        _line(
            console,
            Text(f"{item['rank']}. ")
            + Text(clean(item["label"]), style="bold")
            + Text(f": {score}, ")
            + Text(item["verdict_label"].lower(), style=verdict_style(item["verdict"]))
            + Text(f", {blockers}"),
            hang=3,
        )
        for blocker in item["blockers"]:
            _line(
                console,
                Text("- ")
                + Text("Blocker: ", style="red")
                + Text(f"{clean(blocker['section_title'])}: {clean(blocker['prompt'])}"),
                indent=3,
            )
    differences = data["differences"]
    console.print()
    if not differences:
        console.print(Text("They answer every compared question the same way."))
        return
    console.print(Text(f"Where they differ ({len(differences)} questions)", style="bold"))
    for difference in differences:
        _line(
            console,
            Text(f"- {clean(difference['section_title'])}: {clean(difference['prompt'])}"),
        )
        answers = zip(data["files"], difference["answers"], difference["tones"], strict=True)
        for file, answer, tone in answers:
            style = "" if tone == Tone.NONE else TONE_STYLES[Tone(tone)]
            _line(
                console,
                Text(f"{clean(file['label'])}: ", style="dim") + Text(clean(answer), style=style),
                indent=2,
                hang=0,
            )
