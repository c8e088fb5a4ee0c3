"""The answers a part of the answers file sees: the owner's, with one candidate's replies
or one review's answers in the sections of that part.

A candidate section's or a review section's expressions read the owner's answers (the
kind of work, the KPIs) and the answers of their own part; every change goes to that part
in the owner's answers, the one saved, and the owner's own answers are only read.
"""

from __future__ import annotations

from typing import Any

from .answers import Answers, Review


class PartAnswers(Answers):
    """The owner's answers (`file`) with one part's own answers in `section_ids`."""

    kind = "part"
    """What the part is, as a misuse names it: 'candidate', 'review'."""

    def __init__(
        self,
        file: Answers,
        own: dict[str, dict[str, Any]],
        section_ids: frozenset[str],
        unfinished: list[str],
    ) -> None:
        super().__init__(
            values={
                **{key: items for key, items in file.values.items() if key not in section_ids},
                **{key: items for key, items in own.items() if key in section_ids},
            },
            business=file.business,
            notes=file.notes,
        )
        self.file = file
        self.section_ids = section_ids
        self.unfinished = unfinished

    def stored(self) -> Answers:
        """The owner's answers, with every part: what the file holds."""
        return self.file

    def _own(self, *, adding: bool) -> dict[str, dict[str, Any]]:
        """Where this part's answers are kept in the owner's answers."""
        raise NotImplementedError

    def _emptied(self) -> None:
        """Called once the part holds no answer any more."""

    def _check(self, section_id: str) -> None:
        if section_id not in self.section_ids:
            raise ValueError(f"'{section_id}' is not a {self.kind} section")

    def set(self, section_id: str, question_id: str, value: Any) -> None:
        self._check(section_id)
        own = self._own(adding=True)
        own.setdefault(section_id, {})[question_id] = value
        self.values[section_id] = own[section_id]

    def unset(self, section_id: str, question_id: str) -> None:
        self._check(section_id)
        own = self._own(adding=False)
        items = own.get(section_id, {})
        items.pop(question_id, None)
        if not items:
            own.pop(section_id, None)
            self.values.pop(section_id, None)
        if not own:
            self._emptied()


class CandidateAnswers(PartAnswers):
    """The owner's answers with one candidate's replies, kept under `candidates:` and the
    name as typed; a candidate with no reply left is dropped."""

    kind = "candidate"

    def __init__(self, file: Answers, name: str, section_ids: frozenset[str]) -> None:
        unfinished = file.candidates_unfinished.setdefault(name, [])
        super().__init__(file, file.candidates.get(name, {}), section_ids, unfinished)
        self.name = name

    def _own(self, *, adding: bool) -> dict[str, dict[str, Any]]:
        if adding:
            return self.file.candidates.setdefault(self.name, {})
        return self.file.candidates.get(self.name, {})

    def _emptied(self) -> None:
        self.file.candidates.pop(self.name, None)


class ReviewAnswers(PartAnswers):
    """The owner's answers with one review's answers, kept in that review (a review with
    no answer is not written to the file)."""

    kind = "review"

    def __init__(self, file: Answers, review: Review, section_ids: frozenset[str]) -> None:
        super().__init__(file, review.values, section_ids, review.unfinished)
        self.review = review

    def _own(self, *, adding: bool) -> dict[str, dict[str, Any]]:
        return self.review.values
