"""Answers files (format v1): what they hold, reading them and checking them against the
checklists. Writing them is answers_saving.py."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from . import yamlfile
from .checklist import AnyQuestion, Audience
from .checklist_set import ChecklistSet, LoadedSection, display_path
from .dates import EXAMPLE_DATE, no_such_day, read_iso
from .errors import AnswersError, NotFoundError, Problem
from .questions import MAX_TEXT_CHARS
from .quoting import quoted
from .validation import describe, not_this_kind, problems_from

if TYPE_CHECKING:
    from .answer_parts import CandidateAnswers

ANSWERS_FORMAT = 1
MAX_ANSWERS_DEPTH = 20
"""How deeply an answers file may nest: answers use 4 levels, so there is room to grow."""


def _format_one(value: Any) -> Any:
    """The format is the whole number 1: not true, not 1.0, which pydantic takes for 1."""
    if type(value) is not int or value != ANSWERS_FORMAT:
        raise ValueError(
            f"'format' must be {ANSWERS_FORMAT} (the format this version of outsource "
            f"reads), not {describe(value)}"
        )
    return value


BoundedText = Annotated[str, Field(max_length=MAX_TEXT_CHARS)]
MAX_CANDIDATE_NAME = 200
"""The longest name of a candidate partner."""
MAX_CANDIDATES = 200
"""The most candidate partners one answers file may hold."""
CandidateName = Annotated[str, Field(min_length=1, max_length=MAX_CANDIDATE_NAME)]
MAX_REVIEWS = 400
"""The most reviews one answers file may hold: a monthly review for over thirty years."""
ListNames = Annotated[list[Annotated[str, Field(max_length=200)]], Field(max_length=1_000)]


def _review_date(value: Any) -> Any:
    """A review's date is a real day written as 2026-12-01."""
    if read_iso(value) is not None:
        return value
    impossible = no_such_day(value)
    if impossible:
        raise ValueError(f"a review's 'date': {impossible}")
    raise ValueError(
        f"a review's 'date' must be a date written as {EXAMPLE_DATE} (year-month-day), not "
        f"{describe(value)}"
    )


class _ReviewEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)

    date: Annotated[str, BeforeValidator(_review_date)]
    answers: dict[str, dict[str, Any] | None] | None = None
    unfinished: ListNames | None = None


class _AnswersFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)

    # Plain {} and [] defaults: pydantic copies them for each file read. A default_factory
    # of dict or list would make pydantic read those builtins' signatures from text when the
    # class is made, which costs every command a few milliseconds.

    format: Annotated[int, BeforeValidator(_format_one)]
    business: BoundedText | None = None
    created: str | None = None
    updated: str | None = None
    checklists: dict[str, int] = {}
    answers: dict[str, dict[str, Any] | None] = {}
    notes: dict[str, BoundedText] = {}
    unfinished: ListNames = []
    candidates: dict[CandidateName, dict[str, dict[str, Any] | None] | None] = Field(
        {}, max_length=MAX_CANDIDATES
    )
    candidates_unfinished: dict[
        CandidateName, list[Annotated[str, Field(max_length=200)]] | None
    ] = Field({}, max_length=MAX_CANDIDATES)
    reviews: list[_ReviewEntry] = Field([], max_length=MAX_REVIEWS)


@dataclass
class Review:
    """One periodic review of a running arrangement: its date and the answers given then."""

    date: str
    """The day the review is about, written as 2026-12-01."""
    values: dict[str, dict[str, Any]] = field(default_factory=dict)
    """The review sections' answers: section, question, answer."""
    unfinished: list[str] = field(default_factory=list)
    """The lists ('section.question') left in the middle in this review."""


@dataclass
class Answers:
    """What the owner answered, as stored in an answers file.

    `values` keeps every answer in the file, including answers to questions that no
    longer exist: they are never dropped, only reported.
    """

    values: dict[str, dict[str, Any]] = field(default_factory=dict)
    business: str | None = None
    created: str | None = None
    updated: str | None = None
    checklists: dict[str, int] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    unfinished: list[str] = field(default_factory=list)
    """The lists ('section.question') the owner was in the middle of: the interview comes
    back to them."""
    candidates: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    """Each candidate partner's replies, by the name as typed: section, question, answer."""
    candidates_unfinished: dict[str, list[str]] = field(default_factory=dict)
    """For each candidate, the lists ('section.question') left in the middle."""
    reviews: list[Review] = field(default_factory=list)
    """The periodic reviews, each dated; the file keeps them in date order."""

    def has(self, section_id: str, question_id: str) -> bool:
        """Whether the file holds an answer (null included) for this question."""
        return question_id in self.values.get(section_id, {})

    def get(self, section_id: str, question_id: str) -> Any:
        """The stored answer: a value, NOT_APPLICABLE, or None for unanswered."""
        return self.values.get(section_id, {}).get(question_id)

    def set(self, section_id: str, question_id: str, value: Any) -> None:
        """Record an answer (None for unanswered, NOT_APPLICABLE for not applicable)."""
        self.values.setdefault(section_id, {})[question_id] = value

    def unset(self, section_id: str, question_id: str) -> None:
        """Remove an answer, as if the file had never held one."""
        items = self.values.get(section_id, {})
        items.pop(question_id, None)
        if not items:
            self.values.pop(section_id, None)

    def is_unfinished(self, section_id: str, question_id: str) -> bool:
        """Whether the owner left this list in the middle, to come back to it."""
        return f"{section_id}.{question_id}" in self.unfinished

    def mark_unfinished(self, section_id: str, question_id: str, unfinished: bool) -> None:
        """Record that a list is being filled in (True) or is complete (False)."""
        name = f"{section_id}.{question_id}"
        if unfinished and name not in self.unfinished:
            self.unfinished.append(name)
        elif not unfinished and name in self.unfinished:
            self.unfinished.remove(name)

    def note(self, section_id: str, question_id: str) -> str | None:
        """The owner's own note on a question, if any."""
        return self.notes.get(f"{section_id}.{question_id}")

    def for_candidate(self, name: str, section_ids: Collection[str]) -> CandidateAnswers:
        """The answers as a candidate's questions see them: the owner's, and this
        candidate's replies in the candidate sections, where every change is recorded."""
        from .answer_parts import CandidateAnswers  # it builds on this module's Answers

        return CandidateAnswers(self, name, frozenset(section_ids))

    def review_on(self, day: str) -> Review | None:
        """The review dated `day`, if the file holds one."""
        return next((review for review in self.reviews if review.date == day), None)

    def stored(self) -> Answers:
        """The answers as the file holds them: these."""
        return self


@dataclass(frozen=True)
class LoadedAnswers:
    """An answers file read and checked against a checklist set."""

    answers: Answers
    warnings: tuple[str, ...]


def _allowed_keys(loc: tuple[Any, ...]) -> list[str]:
    if len(loc) <= 1:
        return list(_AnswersFile.model_fields)
    return list(_ReviewEntry.model_fields) if len(loc) == 3 and loc[0] == "reviews" else []


def read(path: Path) -> tuple[Answers, yamlfile.Document]:
    """Read an answers file's structure; the answers are checked by `check`."""
    shown = display_path(path)
    if not path.exists():
        raise NotFoundError(
            f"there is no answers file at {shown}",
            hint=(
                "Run 'outsource check' to answer the questions and create it, or give the path "
                "of your answers file (such as my-answers.yaml)"
            ),
        )
    try:
        doc = yamlfile.read(path, shown, max_depth=MAX_ANSWERS_DEPTH)
    except yamlfile.YamlProblems as error:
        raise AnswersError(error.problems, hint=_FIX_HINT) from None
    foreign = not_this_kind(doc, list(_AnswersFile.model_fields), "an answers file")
    if foreign is not None:
        raise AnswersError([foreign], hint=_FIX_HINT)
    try:
        model = _AnswersFile.model_validate(doc.data)
    except ValidationError as error:
        problems = problems_from(
            error,
            doc,
            context=lambda _path: "",
            allowed_keys=_allowed_keys,
            top_level=(
                "this is not an answers file: it holds {kind}, not a mapping of keys "
                "such as 'format: 1' and 'answers'"
            ),
        )
        raise AnswersError(problems, hint=_FIX_HINT) from None
    answers = Answers(
        values={section: dict(items or {}) for section, items in model.answers.items()},
        business=model.business,
        created=model.created,
        updated=model.updated,
        checklists=dict(model.checklists),
        notes=dict(model.notes),
        unfinished=list(dict.fromkeys(model.unfinished)),
        candidates={
            name: {section: dict(items or {}) for section, items in (replies or {}).items()}
            for name, replies in model.candidates.items()
        },
        candidates_unfinished={
            name: list(dict.fromkeys(names))
            for name, names in model.candidates_unfinished.items()
            if names
        },
        reviews=[
            Review(
                entry.date,
                {section: dict(items or {}) for section, items in (entry.answers or {}).items()},
                list(dict.fromkeys(entry.unfinished or ())),
            )
            for entry in model.reviews
        ],
    )
    _check_review_dates(answers.reviews, doc)
    return answers, doc


def _check_review_dates(reviews: list[Review], doc: yamlfile.Document) -> None:
    """AnswersError when two reviews have the same date: which one would a review continue?"""
    seen: dict[str, int] = {}
    for index, review in enumerate(reviews):
        if review.date in seen:
            first = doc.mark(("reviews", seen[review.date], "date")).line
            raise AnswersError(
                [
                    doc.problem(
                        ("reviews", index, "date"),
                        f"a second review dated {review.date} (the first is at line {first}); "
                        "each review needs its own date",
                    )
                ],
                hint="Merge the two reviews into one, or change one's date, then run the "
                "command again.",
            )
        seen[review.date] = index


_FIX_HINT = "Fix the answers file above, then run the command again."


def load_owner_file(path: Path, checklist_set: ChecklistSet, why: str) -> LoadedAnswers:
    """The owner's answers file, read and checked, for a command that needs one already:
    NotFoundError when there is none yet, starting with `why` ("A review reads your own
    answers (such as your KPIs)")."""
    if not path.exists():
        raise NotFoundError(
            f"there is no answers file at {display_path(path)} yet",
            hint=f"{why}: run 'outsource check' first, or give your answers file with --answers.",
        )
    return load(path, checklist_set)


def load(path: Path, checklist_set: ChecklistSet) -> LoadedAnswers:
    """Read an answers file and check every answer against its question."""
    answers, doc = read(path)
    problems: list[Problem] = []
    warnings: list[str] = []
    for section_id, items in answers.values.items():
        loaded = checklist_set.get(section_id)
        if loaded is None:
            mark = doc.mark(("answers", section_id), key=True)
            warnings.append(
                f"{doc.file}:{mark.line}: answers for section {quoted(section_id)} are kept, "
                "but no checklist has that section, so they are not scored"
            )
            continue
        questions = {question.id: question for question in loaded.section.questions}
        for question_id, raw in items.items():
            question = questions.get(question_id)
            location: yamlfile.Path_ = ("answers", section_id, question_id)
            if question is None:
                mark = doc.mark(location, key=True)
                warnings.append(
                    f"{doc.file}:{mark.line}: the answer to {quoted(f'{section_id}.{question_id}')}"
                    f" is kept, but section '{section_id}' has no such question, so it is not "
                    "scored"
                )
                continue
            try:
                items[question_id] = answer_value(question, raw)
            except ValueError as error:  # a list's problem says where inside the answer
                where = (*location, *getattr(error, "where", ()))
                problems.append(doc.problem(where, f"'{section_id}.{question_id}': {error}"))
    for name, replies in answers.candidates.items():
        whose = f"the replies of {quoted(name)}"
        sections = checklist_set.candidate_sections
        at: yamlfile.Path_ = ("candidates", name)
        _check_replies(whose, replies, sections, doc, at, problems, warnings)
    for index, review in enumerate(answers.reviews):
        whose = f"the answers of the review of {review.date}"
        sections = checklist_set.review_sections
        at = ("reviews", index, "answers")
        _check_replies(whose, review.values, sections, doc, at, problems, warnings)
    for key in answers.notes:
        section_id, _, question_id = key.partition(".")
        loaded = checklist_set.get(section_id)
        if loaded is None or loaded.section.question(question_id) is None:
            mark = doc.mark(("notes", key), key=True)
            warnings.append(
                f"{doc.file}:{mark.line}: the note on {quoted(key)} matches no question"
            )
    _keep_lists(answers.unfinished, checklist_set, doc, ("unfinished",), warnings)
    candidate_set = checklist_set.for_candidates()
    for name, names in answers.candidates_unfinished.items():
        where = ("candidates_unfinished", name)
        _keep_lists(names, candidate_set, doc, where, warnings, audience="candidate")
    review_set = checklist_set.for_reviews()
    for index, review in enumerate(answers.reviews):
        at = ("reviews", index, "unfinished")
        _keep_lists(review.unfinished, review_set, doc, at, warnings, audience="review")
    if problems:
        raise AnswersError(problems, hint=_FIX_HINT)
    answers.reviews.sort(key=lambda review: review.date)  # checked in file order, for lines
    return LoadedAnswers(answers, tuple(warnings))


def _keep_lists(
    names: list[str],
    checklist_set: ChecklistSet,
    doc: yamlfile.Document,
    where: yamlfile.Path_,
    warnings: list[str],
    *,
    audience: Audience = "owner",
) -> None:
    """Leave out of `names` (lists left in the middle, 'section.question') any that names
    no list question of the set in a section of this audience, with a warning."""
    for index, name in enumerate(list(names)):
        section_id, _, question_id = name.partition(".")
        loaded = checklist_set.get(section_id)
        question = None if loaded is None else loaded.section.question(question_id)
        wrong_audience = loaded is not None and loaded.section.audience != audience
        if question is None or question.type != "list" or wrong_audience:
            names.remove(name)
            mark = doc.mark((*where, index))
            kind = "list question" + ("" if audience == "owner" else f" of a {audience} section")
            warnings.append(
                f"{doc.file}:{mark.line}: {quoted(name)} under {quoted(where[0])} names no "
                f"{kind}, so it is left out"
            )


def _check_replies(
    whose: str,
    replies: dict[str, dict[str, Any]],
    sections: tuple[LoadedSection, ...],
    doc: yamlfile.Document,
    where: yamlfile.Path_,
    problems: list[Problem],
    warnings: list[str],
) -> None:
    """Check one candidate's replies, or one review's answers (under `where`), against the
    sections of their audience, as `load` checks the owner's answers. `whose` names them
    in messages: "the replies of 'Acme'", "the review of 2026-03-31"."""
    by_id = {loaded.section.id: loaded.section for loaded in sections}
    kind = "review" if where[0] == "reviews" else "candidate"
    for section_id, items in replies.items():
        section = by_id.get(section_id)
        if section is None:
            mark = doc.mark((*where, section_id), key=True)
            warnings.append(
                f"{doc.file}:{mark.line}: {whose} for section {quoted(section_id)} are kept, "
                f"but no {kind} section has that id, so they are not scored"
            )
            continue
        for question_id, raw in items.items():
            question = section.question(question_id)
            location: yamlfile.Path_ = (*where, section_id, question_id)
            name = quoted(f"{section_id}.{question_id}")
            if question is None:
                mark = doc.mark(location, key=True)
                warnings.append(
                    f"{doc.file}:{mark.line}: {whose}: the answer to {name} is kept, but "
                    f"section '{section_id}' has no such question, so it is not scored"
                )
                continue
            try:
                items[question_id] = answer_value(question, raw)
            except ValueError as error:
                at = (*location, *getattr(error, "where", ()))
                problems.append(doc.problem(at, f"{whose}: {name}: {error}"))


def answer_value(question: AnyQuestion, raw: Any) -> Any:
    """The answer as stored, checked against its question; ValueError says what fits."""
    return question.check_answer(raw)
