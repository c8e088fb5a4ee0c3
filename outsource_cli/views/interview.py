"""The interview on a terminal: the welcome, the prompt loop and each section's score.
The results at its end are results.py.

The order of the questions, going back and saving belong to the core (interview.py);
this module shows them and reads the replies.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from types import FrameType
from typing import Any

from rich.table import Table
from rich.text import Text

from ..assessment import Assessment, SectionResult
from ..errors import EXIT_INVALID, AnswerRefused, InputEnded, Stopped
from ..interview import Interview, Step
from ..questions import SKIP
from ..replies import BACK, HELP, NA, QUIT, ReplyKind, read_reply
from ..safe_text import clean
from ..words import plural
from .console import bar, score_style
from .lists import ListOutcome, ask_list
from .questions import prompt, section_header, show_help, show_question
from .screen import Screen

KEY_HELP = (
    (HELP, "why the question matters"),
    (BACK, "back to the previous question"),
    (SKIP, "leave it unanswered"),
    (NA, "not applicable (where allowed)"),
    (QUIT, "save and quit"),
    ("Enter", "keep the answer in [brackets]"),
)


@dataclass(frozen=True)
class Session:
    """What the interview needs to know beyond the questions: how to tell people to continue."""

    interview: Interview
    screen: Screen
    continue_command: str
    """The command that picks up where this run stops, as the user should type it."""
    report_command: str
    """The command that writes the same report from the answers file, without the interview
    (for a candidate, the one that ranks the candidates)."""
    candidate: str | None = None
    """The candidate partner the questions are about, or None for the owner's own interview."""
    review_of: str | None = None
    """The date of the periodic review being recorded, or None for any other interview."""


class Outcome(Enum):
    """Where the interview goes after the welcome, or after one question."""

    ASK = "ask"
    """Go on with the questions."""
    REPORT = "report"
    """Every answer is in and the owner wants just the report."""
    QUITTING = "quit"
    """The owner typed q."""
    ANSWERED = "answered"
    """The question is answered: on to the next."""


def start(session: Session) -> Outcome:
    """Open the interview with a header or a welcome back: ASK, REPORT or QUITTING."""
    interview, screen = session.interview, session.screen
    if session.candidate is not None:
        screen.say(Text(f"Candidate: {clean(session.candidate)}", style="bold"))
    if session.review_of is not None:
        screen.say(Text(f"Review of {session.review_of}", style="bold"))
    if interview.review and not interview.has_answers():
        interview.review = False  # nothing to review yet: a first run
    if interview.review:
        _review_intro(session)
        return Outcome.ASK
    if interview.has_answers():
        answered, total = interview.answered_count(), interview.applicable_count()
        if interview.is_complete():
            return _offer_review(session, total)
        screen.say(Text("Welcome back.", style="bold"))
        screen.say(
            f"{answered} of {total} questions are answered in {clean(interview.path)}. "
            f"Continuing with {_where_to_continue(interview)}, about "
            f"{_minutes(interview.minutes_left())} to go."
        )
        return Outcome.ASK
    _header(session)
    return Outcome.ASK


def _where_to_continue(interview: Interview) -> str:
    if interview.resumes_a_list():
        return "the list you had not finished"
    return "the first question not answered yet"


def _review_intro(session: Session) -> None:
    screen = session.screen
    screen.say(Text("Review your answers", style="bold"))
    screen.say(
        "Every question that applies is shown again, with your answer in [brackets]: press "
        "Enter to keep it, or type a new one. Changes are saved in "
        f"{clean(session.interview.path)} at once."
    )


def _header(session: Session) -> None:
    interview, screen = session.interview, session.screen
    if session.review_of is not None:
        screen.say(
            "A short review of how the arrangement is going: this period's value of each KPI, "
            "then what to check at every review. At the end you get the review's score and "
            "what to act on."
        )
    elif session.candidate is None:
        screen.say(Text("Outsourcing readiness check", style="bold"))
        screen.say(
            "A few questions on each of the points where outsourcing most often goes wrong, "
            "from your goals to how you would leave a partner. At the end you get a score, "
            "what blocks you, and a report with a plan of what to do first."
        )
    else:
        screen.say(
            "The questions about this candidate partner: type what they replied, or hand "
            "them the keyboard. At the end you get their score and any knock-outs."
        )
    screen.blank()
    sections = len(interview.sections)
    total = interview.applicable_count()
    most = sum(len(loaded.section.questions) for loaded in interview.sections)
    upto = f" (up to {most}, depending on your answers)" if most > total else ""
    screen.say(
        f"{plural(sections, 'section')}, {plural(total, 'question')}{upto}, about "
        f"{_minutes(interview.minutes_left())}. Each answer is saved in "
        f"{clean(interview.path)} as soon as you give it: stop whenever you like, and run "
        f"{_quoted_command(session.continue_command)} to continue."
    )
    keys = Table.grid(padding=(0, 2))
    keys.add_column(no_wrap=True, style="bold")
    keys.add_column()
    for key, meaning in KEY_HELP:
        keys.add_row(Text(key), Text(meaning))
    screen.blank()
    screen.say("Keys you can type at any question:")
    screen.console.print(keys)


def _offer_review(session: Session, total: int) -> Outcome:
    screen, interview = session.screen, session.interview
    screen.say(f"All {plural(total, 'question')} are answered in {clean(interview.path)}.")
    while True:
        results = (
            "the review's results"
            if session.review_of is not None
            else "the report"
            if session.candidate is None
            else "their results"
        )
        question = Text(f"Type r to review your answers, or press Enter for {results}: ")
        if screen.interactive:
            reply = _read(session, question)
        else:
            try:
                reply = screen.ask(question)
            except EOFError:  # a script with nothing more to say: Enter, the report
                reply = ""
        choice = reply.strip().lower()
        if choice in {"", "report"}:
            return Outcome.REPORT
        if choice in {"r", "review"}:
            interview.review = True
            _review_intro(session)
            return Outcome.ASK
        if choice == QUIT:
            return Outcome.QUITTING
        screen.say("Type r, or press Enter.", style="yellow")


def confirm_restart(screen: Screen, path: Path, candidate: str | None = None) -> bool:
    """Ask before starting again from empty (one candidate's replies only, for a
    candidate); the answer defaults to no."""
    what = (
        "none of your answers (any candidates' replies stay)"
        if candidate is None
        else f"no replies from {clean(candidate)}"
    )
    screen.say(
        f"This starts again with {what}. The answers now in {clean(path)} will be kept "
        "in a backup file beside it."
    )
    while True:
        try:
            reply = screen.ask(Text("Start again? [y/N] ")).strip().lower()
        except EOFError:
            raise InputEnded(
                "standard input ended before the restart was confirmed; nothing changed",
                hint="Answer y to start again, or leave out --restart.",
            ) from None
        if reply in {"", "n", "no", QUIT}:
            return False
        if reply in {"y", "yes"}:
            return True
        screen.say("Type y to start again, or n to keep your answers.", style="yellow")


def run(session: Session) -> bool:
    """Ask every question that is left; True at the end, False when the owner quits with q.

    Each answer is saved before the next question appears. Ctrl-C, the end of input and
    a closed terminal all stop with a message saying where the answers are.
    """
    interview, screen = session.interview, session.screen
    with _hang_up_stops(session):
        step = interview.first()
        shown_section: int | None = None
        introduced: set[int] = set()
        while step is not None:
            if step.section_number != shown_section:
                going_back = shown_section is not None and step.section_number < shown_section
                section_header(
                    screen, step, back=going_back, brief=step.section_number in introduced
                )
                introduced.add(step.section_number)
                shown_section = step.section_number
            outcome = _ask(session, step)
            if outcome is Outcome.QUITTING:
                return False
            if isinstance(outcome, Step):  # went back
                step = outcome
                continue
            following = interview.next(step)
            if following is None or following.section_number != step.section_number:
                _section_score(screen, interview.assessment(), step)
            step = following
    return True


def _ask(session: Session, step: Step) -> Outcome | Step:
    """Ask one question until it is ANSWERED, left (QUITTING) or gone back from.

    Going back returns the earlier question's step.
    """
    screen, interview = session.screen, session.interview
    if step.question.type == "list":
        return _ask_list(session, step)
    show_question(screen, step)
    shown = prompt(step)
    while True:
        reply = read_reply(
            step.question,
            _read(session, shown),
            previous=step.previous,
            has_previous=step.has_previous,
        )
        if reply.kind is ReplyKind.HELP:
            show_help(screen, step)
        elif reply.kind is ReplyKind.INVALID:
            screen.say(reply.message, style="yellow")
        elif reply.kind is ReplyKind.BACK:
            earlier = interview.previous(step)
            if earlier is not None:
                return earlier
            screen.say("This is the first question.", style="yellow")
        elif reply.kind is ReplyKind.QUIT:
            return Outcome.QUITTING
        else:
            assert reply.kind is ReplyKind.ANSWER
            try:
                interview.record(step, reply.value)
            except AnswerRefused as refusal:
                screen.say(clean(" ".join(refusal.lines())), style="yellow")
                continue
            return Outcome.ANSWERED


def _ask_list(session: Session, step: Step) -> Outcome | Step:
    """Ask a list question (views/lists.py); going back from the first question asks it
    again, with its items as saved."""
    screen, interview = session.screen, session.interview
    while True:
        done = ask_list(screen, interview, step, lambda shown: _read(session, shown))
        if done is not ListOutcome.BACK:
            return Outcome.QUITTING if done is ListOutcome.QUITTING else Outcome.ANSWERED
        earlier = interview.previous(step)
        if earlier is not None:
            return earlier
        screen.say("This is the first question.", style="yellow")
        step = interview.step(step.index)


def _read(session: Session, shown: Text) -> str:
    try:
        return session.screen.ask(shown)
    except EOFError:
        session.screen.end_line()
        raise _ended(session) from None
    except KeyboardInterrupt:
        session.screen.end_line()
        raise _stopped(session, "Stopped.", 130) from None


def _saved_text(session: Session) -> str:
    interview = session.interview
    count = interview.answered_count()
    some = len(interview.section_ids) < len(interview.checklist_set.sections)
    these = f" to {'this section' if len(interview.section_ids) == 1 else 'these sections'}"
    saved = f"{plural(count, 'answer')}{these if some else ''}"
    return f"{saved} {'is' if count == 1 else 'are'} saved in {interview.path}."


def _how_to_continue(session: Session) -> str:
    # the command on a line of its own, so that it never wraps in the middle
    return f"To continue where you left off, run:\n  {session.continue_command}"


def quit_message(session: Session) -> str:
    """What to say when the owner quits with q."""
    return f"\nStopped for now. {_saved_text(session)}\n{_how_to_continue(session)}"


def _stopped(session: Session, what: str, code: int) -> Stopped:
    return Stopped(f"{what} {_saved_text(session)}", hint=_how_to_continue(session), exit_code=code)


def _ended(session: Session) -> InputEnded | Stopped:
    interview = session.interview
    if session.screen.interactive:
        return _stopped(session, "Stopped (Ctrl-D).", EXIT_INVALID)
    return InputEnded(
        "standard input ended before the interview was finished: "
        f"{interview.answered_count()} of {interview.applicable_count()} questions are "
        f"answered in {interview.path}.",
        hint=(
            f"To finish, run {_quoted_command(session.continue_command)} in a terminal, or "
            f"fill in the answers file and run '{session.report_command}'."
        ),
    )


class _HungUp(Exception):
    """The terminal closed or the process was asked to end."""


@contextlib.contextmanager
def _hang_up_stops(session: Session) -> Iterator[None]:
    """A closed terminal (SIGHUP) or SIGTERM stops the interview cleanly, like Ctrl-C."""

    def handler(signum: int, frame: FrameType | None) -> None:
        raise _HungUp(signum)

    names = [name for name in ("SIGHUP", "SIGTERM") if hasattr(signal, name)]
    previous: dict[int, Callable[[int, FrameType | None], Any] | int | None] = {}
    try:
        for name in names:
            number = getattr(signal, name)
            previous[number] = signal.signal(number, handler)
    except ValueError:  # not the main thread: leave the defaults
        pass
    try:
        yield
    except _HungUp as hang_up:
        number = int(hang_up.args[0])
        hung_up = number == getattr(signal, "SIGHUP", None)
        session.screen.end_line()
        what = "Stopped: the terminal closed." if hung_up else "Stopped (terminated)."
        raise _stopped(session, what, 128 + number) from None
    finally:
        for number, old in previous.items():
            signal.signal(number, old)


# --- what a question looks like -------------------------------------------------------


def _section_score(screen: Screen, assessment: Assessment, step: Step) -> None:
    section_id = step.section.section.id
    result = next((s for s in assessment.sections if s.loaded.section.id == section_id), None)
    if result is None:
        return
    screen.blank()
    screen.say(_score_line(result))


def _score_line(result: SectionResult) -> Text:
    title = clean(result.loaded.section.title)
    score = result.score
    blockers = sum(q.blocker for q in result.questions)
    line = Text()
    line.append(f"{title}: ", style="bold")
    if score is None:
        line.append("not scored (no scored answers)", style="dim")
        return line
    line.append(f"{score:.1f}", style=score_style(score))
    line.append(" out of 100 ")
    line.append(bar(score))
    if blockers:
        # a candidate's failing critical answer rules the candidate out: a knock-out
        kind = "knock-out" if result.loaded.section.audience == "candidate" else "blocker"
        line.append(f" {plural(blockers, kind)}", style="bold red")
    return line


def _minutes(minutes: int) -> str:
    return plural(minutes, "minute")


def _quoted_command(command: str) -> str:
    """A command inside a sentence: in single quotes, or in double quotes when it holds a
    single quote of its own (a candidate's name quoted for the shell)."""
    return f'"{command}"' if "'" in command else f"'{command}'"
