"""Writing an answers file: its text in interview order, checked to be readable again, and
saved atomically."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from . import yamlfile, yamlwrite
from .answers import ANSWERS_FORMAT, Answers
from .checklist_set import ChecklistSet
from .errors import AnswerRefused
from .files import write_atomic


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def to_yaml(answers: Answers, checklist_set: ChecklistSet | None = None) -> str:
    """The answers file's text; known sections and questions in interview order."""
    data: dict[str, Any] = {"format": ANSWERS_FORMAT}
    if answers.business:
        data["business"] = answers.business
    data["created"] = answers.created
    data["updated"] = answers.updated
    data["checklists"] = dict(answers.checklists)
    data["answers"] = _ordered(answers.values, checklist_set)
    if answers.notes:
        data["notes"] = dict(answers.notes)
    if answers.unfinished:
        data["unfinished"] = list(answers.unfinished)
    unfinished = {name: names for name, names in answers.candidates_unfinished.items() if names}
    if unfinished:
        data["candidates_unfinished"] = unfinished
    if answers.candidates:
        candidate_set = None if checklist_set is None else checklist_set.for_candidates()
        data["candidates"] = {
            name: _ordered(replies, candidate_set)
            for name, replies in answers.candidates.items()
            if replies
        }
    reviews = _reviews(answers, None if checklist_set is None else checklist_set.for_reviews())
    if reviews:
        data["reviews"] = reviews
    return yamlwrite.dump(_storable(data))


def _reviews(answers: Answers, review_set: ChecklistSet | None) -> list[dict[str, Any]]:
    """The reviews that hold anything, in date order, as the file stores them."""
    stored = []
    for review in sorted(answers.reviews, key=lambda review: review.date):
        if not review.values and not review.unfinished:
            continue
        answers_given = _ordered(review.values, review_set)
        entry: dict[str, Any] = {"date": review.date, "answers": answers_given}
        if review.unfinished:
            entry["unfinished"] = list(review.unfinished)
        stored.append(entry)
    return stored


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _storable(value: Any) -> Any:
    """Data UTF-8 can hold: a lone surrogate becomes U+FFFD (the replacement character).

    Python turns a byte that is not UTF-8 in a command-line argument (`--business` typed
    in a Latin-1 terminal) into a lone surrogate; written as an escape, it would make the
    answers file unreadable.
    """
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_storable(key): _storable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_storable(item) for item in value]
    return value


def _ordered(
    values: dict[str, dict[str, Any]], checklist_set: ChecklistSet | None
) -> dict[str, Any]:
    if checklist_set is None:
        return {section: dict(items) for section, items in values.items()}
    order = {
        (loaded.section.id, question.id): (s_index, q_index)
        for s_index, loaded in enumerate(checklist_set.sections)
        for q_index, question in enumerate(loaded.section.questions)
    }
    far = (len(order) + 1, 0)
    sections = sorted(
        values, key=lambda s: min((order.get((s, q), far) for q in values[s]), default=far)
    )
    return {
        section: dict(
            sorted(values[section].items(), key=lambda item: order.get((section, item[0]), far))
        )
        for section in sections
    }


def save(path: Path, answers: Answers, checklist_set: ChecklistSet | None = None) -> None:
    """Write the answers file atomically, stamping when it was created and updated."""
    now = _now()
    if answers.created is None:
        answers.created = now
    answers.updated = now
    if checklist_set is not None:
        every = checklist_set.every_section().sections
        for loaded in every:
            section_id = loaded.section.id
            if (
                section_id in answers.values
                or any(section_id in replies for replies in answers.candidates.values())
                or any(section_id in review.values for review in answers.reviews)
            ):
                answers.checklists[section_id] = loaded.section.version or 1
    text = to_yaml(answers, checklist_set)
    _check_readable(text, answers)
    write_atomic(path, text)


def _check_readable(text: str, answers: Answers) -> None:
    """AnswerRefused when the reader would refuse the file about to be written.

    Saving what cannot be read back would lose every answer at the next command; the
    file on disk is left as it was.
    """
    size = len(text.encode("utf-8"))
    if size > yamlfile.MAX_FILE_BYTES:
        limit = yamlfile.MAX_FILE_BYTES // (1024 * 1024)
        raise AnswerRefused(
            f"with this, the answers file would be larger than {limit} MB, more than "
            "outsource reads; it was not saved",
            hint="Give a shorter answer, or split the answers over two files with --answers.",
        )
    values = _count_values(
        {
            "values": answers.values,
            "notes": answers.notes,
            "checklists": answers.checklists,
            "unfinished": answers.unfinished,
            "candidates": answers.candidates,
            "candidates_unfinished": answers.candidates_unfinished,
            "reviews": [
                {"date": review.date, "answers": review.values, "unfinished": review.unfinished}
                for review in answers.reviews
            ],
        }
    )
    if values > yamlfile.MAX_VALUES:
        raise AnswerRefused(
            f"with this, the answers file would hold more than {yamlfile.MAX_VALUES:,} "
            "values, more than outsource reads; it was not saved",
            hint="Split the answers over two files with --answers.",
        )


def _count_values(data: Any) -> int:
    """Values as the reader counts them: each key, item and container.

    Recursion is safe: the data nests as deeply as an answers file may (MAX_ANSWERS_DEPTH).
    """
    if isinstance(data, dict):
        return 1 + sum(1 + _count_values(item) for item in data.values())
    if isinstance(data, list):
        return 1 + sum(_count_values(item) for item in data)
    return 1
