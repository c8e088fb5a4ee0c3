"""The interview: which question comes next, going back, and saving each answer as it is given."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import answers as answers_module
from . import answers_saving
from .answers import Answers
from .assessment import Assessment, assess
from .checklist import AnyQuestion
from .checklist_set import ChecklistSet, LoadedSection
from .date_order import out_of_order
from .date_questions import DateQuestion
from .errors import AnswerRefused, OutsourceError
from .fitting import Scope, answer_scope, fit, within
from .formats import DEFAULT_ANSWERS_FILE
from .lock import AnswersLock
from .questions import text_fits

SECONDS_PER_QUESTION = 8
"""A rough pace for the time estimate: most questions take a glance and a keystroke."""


@dataclass(frozen=True)
class Step:
    """One question as the interview shows it, with its place and any earlier answer."""

    index: int
    """Position in the interview's order of questions; the key to move from here."""
    section: LoadedSection
    section_number: int
    section_count: int
    question: AnyQuestion
    """The question fitted to the earlier answers (fitting.py): only the choices offered,
    so numbers typed are positions among those."""
    number: int
    """1-based position among the section's questions that apply."""
    count: int
    """How many of the section's questions apply, given the answers so far."""
    has_previous: bool
    previous: Any
    """The stored answer, without the choices not offered (an answer naming only such
    choices is no earlier answer: `has_previous` is False)."""
    prompt: str
    help: str | None
    critical: bool
    """The question's prompt, help and critical as the answers make them."""


class Interview:
    """Walks the questions that apply, in order, and saves each answer at once.

    Normal runs ask only the questions with no answer in the file (a question left
    unanswered on purpose is stored as null, so it counts as asked). Review runs ask
    every question that applies. After going back, moving forward again shows each
    question up to the furthest one reached, with its answer as the default.
    """

    def __init__(
        self,
        checklist_set: ChecklistSet,
        answers: Answers,
        path: Path,
        *,
        section_ids: Sequence[str] = (),
        review: bool = False,
        saved_with: ChecklistSet | None = None,
    ) -> None:
        """`saved_with` is the set the answers file is written with, when the questions
        come from a part of it (a review's sections and what they read)."""
        self.checklist_set = checklist_set
        self.saved_with = saved_with or checklist_set
        self.answers = answers
        self.path = path
        self.review = review
        chosen = set(section_ids)
        self.sections = tuple(
            loaded for loaded in checklist_set.sections if not chosen or loaded.section.id in chosen
        )
        self.section_ids = tuple(loaded.section.id for loaded in self.sections)
        self._order: list[tuple[int, LoadedSection, AnyQuestion]] = [
            (number, loaded, question)
            for number, loaded in enumerate(self.sections, start=1)
            for question in loaded.section.questions
        ]
        self._sections_at: dict[int, range] = {}
        for index, (number, _, _) in enumerate(self._order):
            start = self._sections_at.get(number, range(index, index)).start
            self._sections_at[number] = range(start, index + 1)
        self._scope: Scope | None = None
        self._furthest = -1

    # --- where we are -----------------------------------------------------------------

    def _answer_scope(self) -> Scope:
        if self._scope is None:
            self._scope = answer_scope(self.checklist_set, self.answers)
        return self._scope

    def _applicable(self, index: int) -> bool:
        _, loaded, question = self._order[index]
        return self._answer_scope().applies[(loaded.section.id, question.id)]

    def _answered(self, index: int) -> bool:
        # a list left in the middle is asked again, so that the owner can finish it
        _, loaded, question = self._order[index]
        section_id = loaded.section.id
        return self.answers.has(section_id, question.id) and not self.answers.is_unfinished(
            section_id, question.id
        )

    def _wanted(self, index: int) -> bool:
        if not self._applicable(index):
            return False
        return self.review or index <= self._furthest or not self._answered(index)

    def step(self, index: int) -> Step:
        """The question at this position, as it is to be shown now."""
        self._furthest = max(self._furthest, index)
        number, loaded, question = self._order[index]
        in_section = [i for i in self._sections_at[number] if i == index or self._applicable(i)]
        section_id = loaded.section.id
        scope = self._answer_scope()
        fitted = fit(self.checklist_set, section_id, question, scope)
        has_previous = self.answers.has(section_id, question.id)
        previous = self.answers.get(section_id, question.id)
        offered = scope.offered.get((section_id, question.id))
        if offered is not None and has_previous:
            previous, left_out = within(previous, offered)
            has_previous = previous is not None or not left_out
        return Step(
            index=index,
            section=loaded,
            section_number=number,
            section_count=len(self.sections),
            question=fitted.question,
            number=in_section.index(index) + 1,
            count=len(in_section),
            has_previous=has_previous,
            previous=previous,
            prompt=fitted.prompt,
            help=fitted.help,
            critical=fitted.critical,
        )

    def first(self) -> Step | None:
        """Where this run starts: the first question to ask, or None when none is left."""
        return self._next_from(0)

    def next(self, step: Step) -> Step | None:
        """The question after this one, or None at the end."""
        return self._next_from(step.index + 1)

    def _next_from(self, start: int) -> Step | None:
        index = self._wanted_from(start)
        return None if index is None else self.step(index)

    def _wanted_from(self, start: int) -> int | None:
        for index in range(start, len(self._order)):
            if self._wanted(index):
                return index
        return None

    def resumes_a_list(self) -> bool:
        """Whether this run starts at a list the owner left in the middle."""
        index = self._wanted_from(0)
        if index is None:
            return False
        _, loaded, question = self._order[index]
        return self.answers.is_unfinished(loaded.section.id, question.id)

    def previous(self, step: Step) -> Step | None:
        """The question that applies before this one, in any section; None at the first."""
        for index in range(step.index - 1, -1, -1):
            if self._applicable(index):
                return self.step(index)
        return None

    # --- progress ---------------------------------------------------------------------

    def applicable_count(self) -> int:
        """How many questions apply, given the answers so far."""
        return sum(self._applicable(i) for i in range(len(self._order)))

    def _stored(self, index: int) -> bool:
        _, loaded, question = self._order[index]
        return self.answers.has(loaded.section.id, question.id)

    def answered_count(self) -> int:
        """How many questions that apply have an answer in the file (null included; a
        list left in the middle counts, with the items it holds)."""
        return sum(self._applicable(i) and self._stored(i) for i in range(len(self._order)))

    def remaining_count(self) -> int:
        """How many questions this run still has to ask, as things stand."""
        return sum(
            self._applicable(i) and (self.review or not self._answered(i))
            for i in range(len(self._order))
        )

    def minutes_left(self) -> int:
        """A rough estimate of the time the remaining questions take."""
        minutes = self.remaining_count() * SECONDS_PER_QUESTION / 60
        return max(1, round(minutes / 5) * 5 if minutes > 12 else round(minutes))

    def is_complete(self) -> bool:
        """Whether every question that applies has an answer in the file (and every list
        is finished)."""
        return all(self._answered(i) for i in range(len(self._order)) if self._applicable(i))

    def has_answers(self) -> bool:
        """Whether the file holds any answer in this interview's sections."""
        return any(self._stored(i) for i in range(len(self._order)))

    def assessment(self) -> Assessment:
        """The scores as the answers stand, for this interview's sections."""
        return assess(self.checklist_set, self.answers, only=self.section_ids)

    # --- changes ----------------------------------------------------------------------

    def record(self, step: Step, value: Any, *, unfinished: bool = False) -> None:
        """Store an answer (None: unanswered) and write the answers file at once.

        `unfinished` marks a list the owner is still filling in: the interview comes back
        to it until it is recorded as finished.
        """
        section_id, question_id = step.section.section.id, step.question.id
        if isinstance(step.question, DateQuestion):
            wrong = out_of_order(section_id, step.question, value, self._dates_given(step))
            if wrong is not None:
                raise AnswerRefused(wrong.refusal())
        if step.question.type == "list":  # built item by item: checked whole before saving
            try:
                step.question.check_answer(value)
            except ValueError as error:
                raise AnswerRefused(f"{error}; the change was not saved") from None
        had = self.answers.has(section_id, question_id)
        before = self.answers.get(section_id, question_id)
        was_unfinished = self.answers.is_unfinished(section_id, question_id)
        self.answers.set(section_id, question_id, value)
        self.answers.mark_unfinished(section_id, question_id, unfinished)
        self._scope = None  # conditions may now read differently
        try:
            self.save()
        except AnswerRefused:  # the file is as it was: so is the answer in memory
            if had:
                self.answers.set(section_id, question_id, before)
            else:
                self.answers.unset(section_id, question_id)
            self.answers.mark_unfinished(section_id, question_id, was_unfinished)
            raise

    def _dates_given(self, step: Step) -> dict[str, tuple[Any, str]]:
        """The answers of the date questions this one is bounded by, where they apply,
        with their prompts as asked (date_order.py)."""
        assert isinstance(step.question, DateQuestion)
        scope = self._answer_scope()
        given = {}
        for bound in step.question.answer_bounds():
            if bound is None:
                continue
            section_id, _, question_id = bound.partition(".")
            loaded = self.checklist_set.get(section_id)
            other = None if loaded is None else loaded.section.question(question_id)
            if other is None or not scope.applies.get((section_id, question_id), False):
                continue
            prompt = fit(self.checklist_set, section_id, other, scope).prompt
            given[bound] = (self.answers.get(section_id, question_id), prompt)
        return given

    def source_items(self, step: Step) -> list[dict[str, Any]]:
        """The items of the list a `for_each` list is answered once per item of."""
        source = getattr(step.question, "for_each", None)
        if source is None:
            return []
        section_id, _, question_id = source.partition(".")
        items = self.answers.get(section_id, question_id)
        return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []

    def source_question(self, step: Step) -> AnyQuestion | None:
        """The list a `for_each` list is answered once per item of."""
        source = getattr(step.question, "for_each", None)
        if source is None:
            return None
        section_id, _, question_id = source.partition(".")
        loaded = self.checklist_set.get(section_id)
        return None if loaded is None else loaded.section.question(question_id)

    def save(self) -> None:
        """Write the answers file atomically; a signal arriving meanwhile waits until it is done."""
        with _signals_held():
            answers_saving.save(self.path, self.answers.stored(), self.saved_with)


def open_interview(
    checklist_set: ChecklistSet,
    path: Path,
    *,
    lock: AnswersLock,
    section_ids: Sequence[str] = (),
    review: bool = False,
    fresh: bool = False,
    business: str | None = None,
) -> tuple[Interview, tuple[str, ...]]:
    """The interview to run on an answers file, and the warnings met reading it.

    `lock` is the file's writer lock (lock.held), taken before anything was read, and
    held until the interview ends. `fresh` starts from no answers (after --restart);
    `business` sets the business's name. A new file, or a changed name, is saved at
    once, before the first question.
    """
    if not lock.guards(path):
        raise ValueError(f"the writer lock of {path} is not held")
    warnings: tuple[str, ...] = ()
    if fresh or not path.exists():
        answers, created = Answers(**_kept_on_restart(path, checklist_set) if fresh else {}), True
    else:
        loaded = answers_module.load(path, checklist_set)
        answers, warnings, created = loaded.answers, loaded.warnings, False
    if business is not None:
        try:
            text_fits(business, "the business name")
        except ValueError as error:
            raise AnswerRefused(f"{error} (--business)") from None
    if business is not None and business.strip() != (answers.business or ""):
        answers.business = business.strip() or None
        created = True
    interview = Interview(checklist_set, answers, path, section_ids=section_ids, review=review)
    if created:
        interview.save()
    return interview, warnings


def _kept_on_restart(path: Path, checklist_set: ChecklistSet) -> dict[str, Any]:
    """What starting the owner's answers again keeps: the candidates' replies and the
    reviews, which are not the owner's answers (none when the file cannot be read; its
    backup keeps all)."""
    try:
        kept = answers_module.load(path, checklist_set).answers
    except OutsourceError:
        return {}
    return {
        "candidates": kept.candidates,
        "candidates_unfinished": kept.candidates_unfinished,
        "reviews": kept.reviews,
    }


def continue_command(
    sections: Sequence[str],
    answers_file: Path,
    checklists: Sequence[Path] = (),
    report_path: Path | None = None,
    fmt: str | None = None,
    *,
    candidate: str | None = None,
    again: bool = False,
) -> str:
    """The command that continues this interview with the same files: only what was typed
    (and the candidate it is about, if any); with `again`, going through every question
    again (--review), which asks a question skipped before."""
    words = ["outsource", "check", *sections]
    if candidate is not None:
        words += ["--candidate", candidate]
    if again:
        words.append("--review")
    if answers_file != DEFAULT_ANSWERS_FILE:
        words += ["--answers", str(answers_file)]
    return _command(words, ("--report", report_path), fmt, checklists)


def report_command(
    answers_file: Path,
    checklists: Sequence[Path] = (),
    report_path: Path | None = None,
    fmt: str | None = None,
) -> str:
    """The command that writes this interview's report from its answers file, to the same
    file as the interview would: the report's name and format only where they were typed."""
    words = ["outsource", "report", str(answers_file)]
    return _command(words, ("-o", report_path), fmt, checklists)


def review_command(day: str | None, answers_file: Path, checklists: Sequence[Path] = ()) -> str:
    """The command that records a review in this answers file: the review of `day` (which
    it continues), or with no day, today's."""
    words = ["outsource", "review", *(["--date", day] if day else [])]
    if answers_file != DEFAULT_ANSWERS_FILE:
        words += ["--answers", str(answers_file)]
    return _command(words, None, None, checklists)


def reading_command(command: str, answers_file: Path, checklists: Sequence[Path] = ()) -> str:
    """`outsource COMMAND [ANSWERS_FILE]`: a command that reads this answers file, such as
    the one that ranks the candidates (candidates) or shows the reviews' trend (reviews)."""
    words = ["outsource", command]
    if answers_file != DEFAULT_ANSWERS_FILE:
        words.append(str(answers_file))
    return _command(words, None, None, checklists)


def _command(
    words: list[str],
    report: tuple[str, Path | None] | None,
    fmt: str | None,
    checklists: Sequence[Path],
) -> str:
    """A command line as a shell reads it: the words, then the options that were typed."""
    import shlex

    if report is not None and report[1] is not None:
        words += [report[0], str(report[1])]
    if fmt is not None:
        words += ["--format", fmt]
    for folder in checklists:
        words += ["--checklists", str(folder)]
    return " ".join(shlex.quote(word) for word in words)


_HELD_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGHUP", "SIGTERM") if hasattr(signal, name)
)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C, hang-up and terminate until the block ends, so a save is never cut short."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
    except (OSError, ValueError):
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
