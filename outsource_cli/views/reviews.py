"""The trend across the reviews in the terminal: KPIs, reviews and their flags, costs, actions.

Readable in 80 columns: the tables show the last few reviews, and each KPI's row ends
with a mark for every review, oldest first. A mark is a symbol, not only a colour.
Every text from a user or a checklist goes in as a rich Text passed through `clean()`.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from ..kpis import KpiData, mark
from ..report.text import format_number
from ..safe_text import clean
from ..trend import CostData, FlagData, ReviewData, TrendData
from ..words import plural
from .console import Trimmed, numbered, score_style

DATES_SHOWN = 3
"""How many of the latest reviews the tables show as columns."""
MARK_STYLES = {True: "green", False: "red", None: "dim"}


def show(console: Console, data: TrendData, answers_file: str) -> None:
    """The trend, or how to record a first review when there is none."""
    console.print(Trimmed(_trend(data, answers_file)))


def _trend(data: TrendData, answers_file: str) -> Iterator[RenderableType]:
    reviews = data["reviews"]
    if not reviews:
        yield Text(f"No reviews recorded yet in {clean(answers_file)}.")
        yield Text(f"Run: {data['review_command']}")
        return
    dates = [review["date"] for review in reviews]
    about = f" of {_one_line(data['business'])}" if data["business"] else ""
    yield Text(
        f"Reviews{about}: {len(reviews)}, from {dates[0]} to {dates[-1]}"
        if len(reviews) > 1
        else f"Reviews{about}: 1, on {dates[0]}",
        style="bold",
    )
    shown = dates[-DATES_SHOWN:]
    if len(dates) > len(shown):
        yield Text(
            f"The tables show the last {len(shown)} reviews; --format md or html shows all.",
            style="dim",
        )
    yield from _kpis(data, dates, shown)
    yield from _reviews(reviews)
    yield from _costs(data["costs"], shown)
    yield from _actions(data, dates[-1])


def _heading(title: str) -> Iterator[RenderableType]:
    yield Text()
    yield Text(title, style="bold underline")


MARKS_SHOWN = 12
"""The most reviews the marks column shows, the latest: a few years of quarterly reviews."""


def _kpis(data: TrendData, dates: list[str], shown: list[str]) -> Iterator[RenderableType]:
    yield from _heading("KPIs against their targets")
    kpis = data["kpis"]
    if not kpis:
        yield Text(
            "No KPIs to follow yet: add the numbers you measure the work by, with their "
            "targets, to your own answers, and each review records their figures."
        )
        return
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("KPI", ratio=1, overflow="fold")
    table.add_column("Target", overflow="fold")
    for day in shown:
        table.add_column(day, justify="right", no_wrap=True)
    table.add_column("All" if len(dates) <= MARKS_SHOWN else f"Last {MARKS_SHOWN}", overflow="fold")
    for kpi in kpis:
        name = Text(_one_line(kpi["name"]))
        if kpi["removed"]:
            name.append(" (removed)", style="dim")
        table.add_row(
            name,
            Text(clean(kpi["target_text"])),
            *(_figure(kpi, day) for day in shown),
            _marks(kpi, dates[-MARKS_SHOWN:]),
        )
    yield table
    every = "every review" if len(dates) <= MARKS_SHOWN else f"the last {MARKS_SHOWN} reviews"
    heading = "All" if len(dates) <= MARKS_SHOWN else f"Last {MARKS_SHOWN}"
    yield Text(f"{heading}: {every}, oldest first. {data['mark_legend']}.", style="dim")


def _figure(kpi: KpiData, day: str) -> Text:
    """'6 ✗': the KPI's figure in the review of `day`, with its mark; blank without one."""
    value = next((item for item in kpi["values"] if item["date"] == day), None)
    if value is None:
        return Text("")
    shown = "—" if value["value"] is None else format_number(value["value"])
    return Text(f"{shown} ") + Text(mark(value["met"]), style=MARK_STYLES[value["met"]])


def _marks(kpi: KpiData, dates: list[str]) -> Text:
    """One mark per review, oldest first; a review without the KPI has no figure for it."""
    found = {value["date"]: value["met"] for value in kpi["values"]}
    text = Text()
    for day in dates:
        met = found.get(day)
        text.append(mark(met), style=MARK_STYLES[met])
    return text


def _reviews(reviews: list[ReviewData]) -> Iterator[RenderableType]:
    yield from _heading("Reviews")
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("Date", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("KPIs met", no_wrap=True)
    table.add_column("Flags", overflow="fold")
    for review in reviews:
        compared = review["kpis_met"] + review["kpis_missed"]
        flags = review["flags"]
        score = _score(review["score"])
        if review["to_answer"]:
            score.append(" not finished", style="yellow")
        table.add_row(
            review["date"],
            score,
            f"{review['kpis_met']} of {compared}" if compared else "—",
            Text(plural(len(flags), "flag"), style="bold") if flags else Text("none", style="dim"),
        )
    yield table
    for review in reviews:
        if review["flags"]:
            yield Text()
            yield Text(f"Flags on {review['date']}", style="bold")
            yield from (_flag(flag) for flag in review["flags"])


def _flag(flag: FlagData) -> RenderableType:
    text = Text(f"{flag['label']}: ", style="bold red" if flag["kind"] == "blocker" else "bold")
    text.append(clean(flag["text"]))
    text.append("\nAction: ", style="dim")
    text.append(clean(flag["action"]))
    return numbered([("-", text)], gap=1, bold=False)


def _costs(costs: list[CostData], shown: list[str]) -> Iterator[RenderableType]:
    if not costs:
        return
    yield from _heading("Costs")
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("", ratio=1, overflow="fold")
    for day in shown:
        table.add_column(day, justify="right", no_wrap=True)
    for row in costs:
        label = Text(_one_line(row["label"]))
        if row["unit"]:
            label.append(f" ({clean(row['unit'])})", style="dim")
        found = {value["date"]: value for value in row["values"]}
        table.add_row(label, *(_cost(found[day]["value"]) if day in found else "" for day in shown))
    yield table


def _cost(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "—" if value is None else clean(str(value))
    return format_number(value)


def _actions(data: TrendData, latest: str) -> Iterator[RenderableType]:
    yield from _heading(f"Actions from the latest review ({latest})")
    actions, note = data["actions"], data["actions_note"]
    if not actions:
        fine = note is not None and note.startswith("None:")
        yield Text(clean(note or ""), style="green" if fine else "yellow")
        return
    rows: list[tuple[str, str | RenderableType]] = []
    for number, action in enumerate(actions, start=1):
        text = Text("Blocker: ", style="bold red") if action["blocker"] else Text()
        text.append(clean(action["recommendation"] or action["prompt"]))
        rows.append((f"{number}.", text))
    yield numbered(rows, gap=1, bold=False)
    if note:
        yield Text(clean(note), style="yellow")
    yield Text(f"To record the next review, run: {data['review_command']}", style="dim")


def _score(score: float | None) -> Text:
    if score is None:
        return Text("not scored", style="dim")
    return Text(f"{score:.1f}", style=score_style(score))


def _one_line(text: object) -> str:
    return clean(" ".join(str(text).split()))
