"""Candidate partners in the terminal: the ranking, one candidate's result, the report's part.

Every text from a user or a checklist (candidate names first of all) goes in as a rich
Text passed through `clean()`, so markup in it is shown as typed.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.text import Text

from ..candidates import CandidateData, CandidatesData, PointData, QuestionRef
from ..safe_text import clean
from ..words import plural
from .console import Trimmed, numbered, score_style
from .screen import Screen

NOT_ANSWERED = "not asked yet"
"""What the differences say for a candidate who has no answer to the question."""


def show(console: Console, data: CandidatesData, answers_file: str) -> None:
    """The ranking, each candidate's points, then where they differ."""
    console.print(Trimmed(_ranking(data, answers_file)))


def _ranking(data: CandidatesData, answers_file: str) -> Iterator[RenderableType]:
    candidates = data["candidates"]
    if not candidates:
        yield Text(f"No candidate partners are recorded in {clean(answers_file)} yet.")
        yield Text(f"To record one's replies, run: {data['add_command']}")
        return
    yield Text(f"Candidate partners: {len(candidates)}, best first", style="bold")
    yield Text(
        "Fewer knock-outs first (a critical question answered badly), then the higher score.",
        style="dim",
    )
    for item in candidates:
        yield Text()
        yield standing(item)
        for knockout in item["knockouts"]:
            yield _item("Knock-out: ", knockout, "red")
        for point in item["strongest"]:
            yield _point("Strong: ", point, "green")
        for point in item["weakest"]:
            yield _point("Weak: ", point, "yellow")
        for question in item["critical_to_ask"]:
            yield _item("Still to ask (critical): ", question, "bold")
    yield from _differences(data)


def standing(item: CandidateData) -> Text:
    """'1. Acme Books Ltd: 82.5, no knock-outs, 2 still to ask'."""
    text = Text(f"{item['rank']}. ") + Text(_one_line(item["name"]), style="bold")
    text.append(": ")
    text.append_text(_score(item["score"]))
    count = item["knockout_count"]
    text.append(", ")
    text.append(
        plural(count, "knock-out") if count else "no knock-outs", style="red" if count else ""
    )
    if item["to_ask"]:
        text.append(f", {item['to_ask']} still to ask")
    return text


def _item(label: str, item: QuestionRef, style: str, answer: str = "") -> RenderableType:
    """One line under a candidate, wrapping under itself."""
    text = Text(label, style=style) + Text(clean(item["prompt"]))
    if answer:
        text.append(f" ({clean(answer)})", style="dim")
    return numbered([("-", text)], indent=3, gap=1, bold=False)


def _point(label: str, point: PointData, style: str) -> RenderableType:
    return _item(label, point, style, point["answer_text"])


def _differences(data: CandidatesData) -> Iterator[RenderableType]:
    differences = data["differences"]
    yield Text()
    if not differences:
        yield Text("No question has different answers from two candidates yet.")
        return
    yield Text(f"Where they differ ({plural(len(differences), 'question')})", style="bold")
    for difference in differences:
        heading = f"{clean(difference['section_title'])}: {clean(difference['prompt'])}"
        yield numbered([("-", heading)], gap=1, bold=False)
        for name, answer in difference["answers"].items():
            shown = Text(NOT_ANSWERED, style="dim") if answer is None else Text(clean(answer))
            yield Padding(Text(f"{_one_line(name)}: ", style="dim") + shown, (0, 0, 0, 4))


def report_part(candidates: list[CandidateData], command: str) -> Iterator[RenderableType]:
    """The report's short Candidates part: rank, name, score and knock-outs of each."""
    yield Text()
    yield Text("Candidates", style="bold underline")
    for item in candidates:
        yield standing(item)
    yield Text(f"For their strong and weak points and where they differ, run: {command}")


def candidate_result(screen: Screen, item: CandidateData, command: str) -> None:
    """The end of a candidate's interview: their score, knock-outs, and the ranking's command."""
    screen.blank()
    line = Text(f"Result for {_one_line(item['name'])}: ", style="bold")
    line.append_text(_score(item["score"]))
    line.append(" out of 100")
    screen.say(line)
    count = item["knockout_count"]
    if count:
        screen.say(Text(f"{plural(count, 'knock-out')}:", style="bold red"))
        for knockout in item["knockouts"]:
            screen.say(Text(f"  - {clean(knockout['prompt'])}"))
    else:
        screen.say("No knock-outs: no critical question is answered badly.")
    if item["to_ask"]:
        screen.say(f"{plural(item['to_ask'], 'question')} still to ask.")
    screen.say(f"To rank every candidate, run: {command}")


def _score(score: float | None) -> Text:
    if score is None:
        return Text("not scored", style="dim")
    return Text(f"{score:.1f}", style=score_style(score))


def _one_line(text: object) -> str:
    return clean(" ".join(str(text).split()))
