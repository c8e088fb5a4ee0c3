"""The answers one periodic review sees: the owner's, with that review's own answers.

Reviews live in the owner's answers file under `reviews:`, one entry per date. A review
section's expressions read the owner's answers (such as the KPIs in goals.kpi_list) and
the answers given in that review; changes go to that review alone.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from .answer_parts import ReviewAnswers
from .answers import Answers, Review
from .assessment import Assessment, QuestionState, assess
from .checklist_expressions import placeholders
from .checklist_set import ChecklistSet
from .errors import NotFoundError


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
    return assess(review_set(checklist_set), review_view(answers, review, ids), only=ids)


_REVIEW_SETS: dict[int, tuple[ChecklistSet, ChecklistSet]] = {}
"""Each checklist set's review_set, by the set's id (the set is kept with it)."""


def review_set(checklist_set: ChecklistSet) -> ChecklistSet:
    """The set a review is asked and scored in: the review sections and the owner's sections
    their expressions, placeholders and `for_each` lists read, directly or through others,
    in order.

    The owner's answers are the same in every review, and most of the owner's sections
    are never read by a review: leaving them out makes scoring forty reviews cheap.
    """
    kept = _REVIEW_SETS.get(id(checklist_set))
    if kept is not None and kept[0] is checklist_set:
        return kept[1]
    full = checklist_set.for_reviews()
    reads: dict[str, set[str]] = {}
    for (section_id, _item, _path), compiled in full.expressions.items():
        reads.setdefault(section_id, set()).update(s for s, _ in compiled.expression.references)
    for loaded in full.sections:
        for question in loaded.section.questions:
            texts = [question.recommendation, *(question.brief.texts() if question.brief else [])]
            named = {s for text in texts for s, _ in placeholders(text)}
            source = getattr(question, "for_each", None)  # the list it goes through
            if source is not None:
                named.add(source.partition(".")[0])
            reads.setdefault(loaded.section.id, set()).update(named)
    needed = set(checklist_set.review_ids())
    waiting = list(needed)
    while waiting:
        for section_id in reads.get(waiting.pop(), ()):
            if section_id not in needed:
                needed.add(section_id)
                waiting.append(section_id)
    found = replace(full, sections=tuple(s for s in full.sections if s.section.id in needed))
    _REVIEW_SETS[id(checklist_set)] = (checklist_set, found)
    return found


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
