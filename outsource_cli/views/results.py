"""The end of the owner's interview on a terminal: the section scores, the verdict and the
blockers, and where the report went."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from ..assessment import Assessment
from ..safe_text import clean
from ..words import listed, plural
from .console import BAR_WIDTH, bar, numbered, score_style, verdict_style
from .interview import Session
from .screen import Screen

if TYPE_CHECKING:
    from ..trend import ActionData, ReviewData


def summary(session: Session, assessment: Assessment, report_path: Path) -> None:
    """The end of the interview: section scores with bars, the verdict, the blockers.

    They cover the whole answers file, as its report does, even when only some sections
    were asked this time: those are named, so the results are never read as theirs alone.
    """
    screen, interview = session.screen, session.interview
    screen.blank()
    screen.say(Text("Your results", style="bold"))
    if len(interview.sections) < len(interview.checklist_set.sections):
        asked = [clean(loaded.section.title) for loaded in interview.sections]
        screen.say(
            f"Asked this time: {listed(asked)}. The results cover every section of "
            f"{clean(interview.path)}, as its report does."
        )
    table = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
    table.add_column("Section", ratio=1)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True, min_width=BAR_WIDTH)
    for result in assessment.sections:
        score = result.score
        shown = "-" if score is None else f"{score:.1f}"
        table.add_row(
            Text(clean(result.loaded.section.title)),
            Text(shown, style=score_style(score)),
            bar(score),
        )
    screen.console.print(table)
    screen.blank()
    score = assessment.score
    overall = Text("Overall: ", style="bold")
    overall.append("not known yet" if score is None else f"{score:.1f} out of 100")
    overall.append(" · ")
    overall.append(assessment.verdict_label, style=verdict_style(assessment.verdict))
    screen.say(overall)
    if assessment.blockers:
        screen.blank()
        count = len(assessment.blockers)
        screen.say(
            Text(
                f"{plural(count, 'blocker')} to fix first, whatever the score:",
                style="bold red",
            )
        )
        titles = {s.loaded.section.id: s.loaded.section.title for s in assessment.sections}
        screen.console.print(
            numbered(
                [
                    (
                        "•",
                        f"{titles[blocker.section_id]}: {blocker.prompt} See action "
                        f"{assessment.action_numbers[blocker.key]}"
                        " in the report.",
                    )
                    for blocker in assessment.blockers
                ]
            )
        )
    screen.blank()
    actions = len(assessment.actions)
    plan = f" with {plural(actions, 'action')}, grouped by step" if actions else ""
    screen.say(f"Report written to {clean(report_path)}{plan}.")


def review_result(
    screen: Screen,
    review: ReviewData,
    actions: list[ActionData],
    trend_command: str,
    due_command: str,
) -> None:
    """The end of a review: its score, the KPIs against their targets, what needs the
    owner (a KPI missed twice in a row, a critical answer, an answer worse than last
    time), what to act on as the trend lists it, and the commands that show the trend
    and the dates coming up."""
    screen.blank()
    line = Text(f"Review of {review['date']}: ", style="bold")
    score = review["score"]
    line.append("not scored yet" if score is None else f"{score:.1f}", style=score_style(score))
    if score is not None:
        line.append(" out of 100")
    screen.say(line)
    met, missed = review["kpis_met"], review["kpis_missed"]
    if met or missed:
        names = f" ({', '.join(review['missed_kpis'])})" if missed else ""
        screen.say(clean(f"KPIs on target: {met} met, {missed} missed{names}."))
    if review["flags"]:
        screen.say(Text("What needs you:", style="bold red"))
        screen.console.print(
            numbered([("!", f"{flag['label']}: {flag['text']}") for flag in review["flags"]])
        )
    actions = [action for action in actions if action["recommendation"]]
    if not actions and missed:
        screen.say("No answer needs an action; raise the KPIs that missed with the partner.")
    elif not actions:
        screen.say("Nothing to act on: every point checked is as it should be.")
    else:
        screen.say(Text(f"{plural(len(actions), 'point')} to act on:", style="bold"))
        screen.console.print(numbered([("•", str(action["recommendation"])) for action in actions]))
    screen.blank()
    screen.say(f"To see how the KPIs and costs move from review to review, run: {trend_command}")
    screen.say(f"To see the dates coming up (next review, notice, renewal), run: {due_command}")
