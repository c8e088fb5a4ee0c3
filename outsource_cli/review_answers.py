"""The answers one periodic review sees: the owner's, with that review's own answers.

Reviews live in the owner's answers file under `reviews:`, one entry per date. A review
section's expressions read the owner's answers (such as the KPIs in goals.kpi_list) and
the answers given in that review; changes go to that review alone.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from .answers import Answers, Review
from .assessment import Assessment, QuestionState, assess
from .checklist_set import ChecklistSet
from .errors import NotFoundError


class ReviewAnswers(Answers):
    """The owner's answers with one review's answers in the review sections. Changes to
    the review sections go to that review in the owner's answers (`file`), the one saved;
    the owner's own answers are only read."""

    def __init__(self, file: Answers, review: Review, section_ids: frozenset[str]) -> None:
        super().__init__(
            values={
                **{key: items for key, items in file.values.items() if key not in section_ids},
                **{key: items for key, items in review.values.items() if key in section_ids},
            },
            business=file.business,
            notes=file.notes,
        )
        self.file = file
        self.review = review
        self.section_ids = section_ids
        self.unfinished = review.unfinished

    def stored(self) -> Answers:
        """The owner's answers, with every review: what the file holds."""
        return self.file

    def set(self, section_id: str, question_id: str, value: Any) -> None:
        if section_id not in self.section_ids:
            raise ValueError(f"'{section_id}' is not a review section")
        self.review.values.setdefault(section_id, {})[question_id] = value
        self.values[section_id] = self.review.values[section_id]

    def unset(self, section_id: str, question_id: str) -> None:
        if section_id not in self.section_ids:
            raise ValueError(f"'{section_id}' is not a review section")
        items = self.review.values.get(section_id, {})
        items.pop(question_id, None)
        if not items:
            self.review.values.pop(section_id, None)
            self.values.pop(section_id, None)


def for_review(answers: Answers, day: str, section_ids: Collection[str]) -> ReviewAnswers:
    """The answers the review of `day` sees; the review is added to the file's answers
    when there is none on that day yet (a file stores it once it holds an answer)."""
    review = answers.review_on(day)
    if review is None:
        review = Review(day)
        answers.reviews.append(review)
        answers.reviews.sort(key=lambda item: item.date)
    return ReviewAnswers(answers, review, frozenset(section_ids))


def review_view(answers: Answers, review: Review, section_ids: Collection[str]) -> ReviewAnswers:
    """The answers a recorded review sees, for scoring it (nothing is added)."""
    return ReviewAnswers(answers, review, frozenset(section_ids))


def assess_review(checklist_set: ChecklistSet, answers: Answers, review: Review) -> Assessment:
    """One review scored on the review sections alone, its expressions reading the owner's
    answers too; the readiness score never counts it."""
    ids = checklist_set.review_ids()
    return assess(checklist_set.for_reviews(), review_view(answers, review, ids), only=ids)


def check_review_sections(checklist_set: ChecklistSet) -> None:
    """NotFoundError when the checklists in use hold no review section."""
    if not checklist_set.review_sections:
        raise NotFoundError(
            "the checklists in use have no questions for a review",
            hint=(
                "A checklist file with 'audience: review' holds the questions asked at each "
                "review; the built-in one is review.yaml ('outsource checklists init' copies "
                "it)."
            ),
        )


def still_to_answer(assessment: Assessment, answers: Answers, review: Review) -> int:
    """How many of a review's questions are still to answer: those that apply and have no
    answer, and its lists left in the middle. A list answered once per item of another is
    not counted while that other list is empty (there is nothing to fill in)."""
    missing = 0
    for section in assessment.sections:
        for result in section.questions:
            if not result.applies or result.state is not QuestionState.UNANSWERED:
                continue
            source = getattr(result.question, "for_each", None)
            if source is not None and not answers.get(*source.partition(".")[::2]):
                continue
            missing += 1
    return missing + len(review.unfinished)


def finished_reviews(
    checklist_set: ChecklistSet, answers: Answers, day: str | None = None
) -> list[Review]:
    """The reviews held, oldest first: those with nothing left to answer, on or before
    `day` when one is given. A review started and left is not one held."""
    return [
        review
        for review in answers.reviews
        if (day is None or review.date <= day)
        and not still_to_answer(assess_review(checklist_set, answers, review), answers, review)
    ]
