"""The interview about one candidate partner: its name checked, opened on the owner's file.

A candidate's replies live in the owner's answers file, under `candidates:` and the name
as typed; the file must exist, since the candidate questions read the owner's answers.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import Path

from . import answers as answers_module
from . import answers_saving
from .answers import MAX_CANDIDATE_NAME, MAX_CANDIDATES, Answers
from .candidates import check_candidate_sections
from .checklist_set import ChecklistSet
from .errors import AnswerRefused, NotFoundError
from .interview import Interview
from .lock import AnswersLock
from .quoting import quoted

_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
"""Unicode categories a name may not hold: control and format characters (bidi marks,
zero-width spaces), lone surrogates, line and paragraph separators."""


def check_name(name: str, recorded: Sequence[str] = ()) -> None:
    """AnswerRefused when the name cannot be a candidate's: empty, too long, with control
    characters, or one more than an answers file may hold (`recorded` are those there)."""
    if not name.strip():
        raise AnswerRefused(
            "the candidate's name is empty (--candidate)",
            hint='Give the name as you call them, for example: --candidate "Acme Books Ltd"',
        )
    if len(name) > MAX_CANDIDATE_NAME:
        raise AnswerRefused(
            f"the candidate's name has {len(name):,} characters; a name may have at most "
            f"{MAX_CANDIDATE_NAME} (--candidate)",
            hint="Give a shorter name.",
        )
    hidden = next((char for char in name if unicodedata.category(char) in _HIDDEN), None)
    if hidden is not None:
        raise AnswerRefused(
            f"the candidate's name {quoted(name)} holds a control or invisible character "
            f"({quoted(hidden)}) (--candidate)",
            hint="Type the name with letters, digits, spaces and punctuation only.",
        )
    if name not in recorded and len(recorded) >= MAX_CANDIDATES:
        raise AnswerRefused(
            f"the answers file already holds {MAX_CANDIDATES} candidates, as many as it may",
            hint="Record more candidates in another answers file, with --answers.",
        )


def candidate_sections(checklist_set: ChecklistSet, section_ids: Sequence[str]) -> tuple[str, ...]:
    """The candidate section ids given, each once (every one when none is given).

    NotFoundError for an owner section or an unknown id, naming the candidate sections.
    """
    check_candidate_sections(checklist_set)
    ids = checklist_set.candidate_ids()
    known = f"The sections about candidates are: {', '.join(ids)}."
    for section_id in section_ids:
        if section_id in ids:
            continue
        if checklist_set.get(section_id) is not None:
            raise NotFoundError(
                f"section {quoted(section_id)} is in your own interview, not asked about a "
                "candidate",
                hint=f"{known} Run 'outsource check {section_id}' for your own answers.",
            )
        raise NotFoundError(f"there is no section {quoted(section_id)}", hint=known)
    return tuple(dict.fromkeys(section_ids)) or tuple(ids)


def read_owner_file(path: Path, checklist_set: ChecklistSet) -> answers_module.LoadedAnswers:
    """The owner's answers file, read and checked; NotFoundError when there is none yet."""
    return answers_module.load_owner_file(
        path,
        checklist_set,
        "The questions about a candidate read your own answers (such as the kind of work)",
    )


def owner_warnings(answers: Answers) -> tuple[str, ...]:
    """A warning when the owner has answered nothing yet: questions that vary with those
    answers are then asked in their general form."""
    if any(answers.values.values()):
        return ()
    return (
        "you have not answered your own questions yet: the questions about a candidate that "
        "depend on them (such as the kind of work) are asked in their general form",
    )


def forget_replies(checklist_set: ChecklistSet, path: Path, answers: Answers, name: str) -> None:
    """Remove one candidate's replies and save the file at once (after --restart)."""
    answers.candidates_unfinished.pop(name, None)
    if answers.candidates.pop(name, None) is not None:
        answers_saving.save(path, answers, checklist_set)


def open_candidate_interview(
    checklist_set: ChecklistSet,
    answers: Answers,
    path: Path,
    name: str,
    *,
    lock: AnswersLock,
    section_ids: Sequence[str],
    review: bool = False,
) -> Interview:
    """The interview about one candidate, on the owner's answers as read from `path`.

    `lock` is the file's writer lock, taken before the file was read and held until the
    interview ends. Only that candidate's replies change; the owner's answers are read.
    """
    if not lock.guards(path):
        raise ValueError(f"the writer lock of {path} is not held")
    check_name(name, list(answers.candidates))
    view = answers.for_candidate(name, checklist_set.candidate_ids())
    return Interview(
        checklist_set.for_candidates(), view, path, section_ids=section_ids, review=review
    )
