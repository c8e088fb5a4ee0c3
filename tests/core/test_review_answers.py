"""Reviews in the answers file: read, checked with file:line, kept apart, written back exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from outsource_cli import answers as answers_module
from outsource_cli import answers_saving, checklist_set
from outsource_cli.answers import MAX_REVIEWS
from outsource_cli.errors import AnswersError, ChecklistError
from outsource_cli.review_answers import assess_review, for_review

from ..helpers import DATA, Writer

OWNER = DATA / "review_flow" / "answers.yaml"
REVIEW = """
reviews:
  - date: 2027-06-30
    answers:
      review:
        quality: recurring
        kpi_values:
          - {item: Working days to close the month, value: 8}
  - date: 2027-03-31
    answers:
      review:
        quality: none
"""


@pytest.fixture(scope="module")
def the_set() -> checklist_set.ChecklistSet:
    return checklist_set.load()


def owner_file(write: Writer, extra: str) -> Path:
    return write("a.yaml", OWNER.read_text(encoding="utf-8") + extra)


def problems(path: Path, the_set: checklist_set.ChecklistSet) -> list[str]:
    with pytest.raises(AnswersError) as caught:
        answers_module.load(path, the_set)
    return [str(problem) for problem in caught.value.problems]


def test_the_review_section_is_asked_by_neither_the_interview_nor_about_candidates(
    the_set: checklist_set.ChecklistSet,
) -> None:
    assert the_set.review_ids() == ["review"]
    assert "review" not in the_set.ids()
    assert "review" not in the_set.for_candidates().ids()
    assert the_set.for_reviews().ids()[-1] == "review"


def test_reviews_are_read_in_date_order_and_written_back_the_same(
    write: Writer, the_set: checklist_set.ChecklistSet
) -> None:
    path = owner_file(write, REVIEW)
    answers = answers_module.load(path, the_set).answers
    assert [review.date for review in answers.reviews] == ["2027-03-31", "2027-06-30"]
    assert answers.review_on("2027-06-30").values["review"]["quality"] == "recurring"  # type: ignore[union-attr]
    answers_saving.save(path, answers, the_set)
    again = answers_module.load(path, the_set).answers
    assert again.reviews == answers.reviews
    assert again.values == answers.values
    assert path.read_text(encoding="utf-8").index("2027-03-31") < path.read_text(
        encoding="utf-8"
    ).index("2027-06-30")


def test_a_review_scores_its_own_answers_only(
    write: Writer, the_set: checklist_set.ChecklistSet
) -> None:
    answers = answers_module.load(owner_file(write, REVIEW), the_set).answers
    good = assess_review(the_set, answers, answers.reviews[0])
    bad = assess_review(the_set, answers, answers.reviews[1])
    assert good.score is not None and bad.score is not None and good.score > bad.score
    assert "quality" not in [blocker.question.id for blocker in good.blockers]
    assert "quality" in [blocker.question.id for blocker in bad.blockers]
    assert [section.loaded.section.id for section in bad.sections] == ["review"]


def test_a_new_review_is_stored_only_once_it_holds_an_answer(
    write: Writer, the_set: checklist_set.ChecklistSet
) -> None:
    path = owner_file(write, "")
    answers = answers_module.load(path, the_set).answers
    view = for_review(answers, "2027-09-30", the_set.review_ids())
    answers_saving.save(path, answers, the_set)
    assert "\nreviews:" not in path.read_text(encoding="utf-8")
    view.set("review", "scope", "agreed")
    answers_saving.save(path, answers, the_set)
    stored = answers_module.load(path, the_set).answers
    assert stored.review_on("2027-09-30").values == {"review": {"scope": "agreed"}}  # type: ignore[union-attr]
    assert "review" not in stored.values
    with pytest.raises(ValueError, match="not a review section"):
        view.set("goals", "kpi_list", [])  # the owner's answers are only read


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            "  - date: 31/03/2027\n    answers: {}\n",
            "a.yaml:25:11: a review's 'date' must be a date written as 2026-12-01 "
            "(year-month-day), not the text '31/03/2027'",
        ),
        (
            "  - date: 2027-02-30\n",
            "a.yaml:25:11: a review's 'date': 2027-02-30 is not a day of the calendar: 2027 has no "
            "30 February",
        ),
        ("  - answers: {}\n", "a.yaml:25:5: 'date' is required"),
        (
            "  - date: 2027-03-31\n    notes: x\n",
            "a.yaml:26:5: unknown key 'notes'; the keys allowed here are: date, answers, unfinished",
        ),
        (
            "  - date: 2027-03-31\n    answers:\n      review:\n        invoices: maybe\n",
            "a.yaml:28:19: the answers of the review of 2027-03-31: 'review.invoices': "
            "expected one of matched, agreed_extras, surprises, not the text 'maybe'",
        ),
    ],
)
def test_a_broken_review_is_refused_with_its_line(
    write: Writer, the_set: checklist_set.ChecklistSet, entry: str, expected: str
) -> None:
    path = owner_file(write, "reviews:\n" + entry)
    found = problems(path, the_set)
    assert found[0].startswith(expected), found


def test_two_reviews_on_one_date_are_refused(
    write: Writer, the_set: checklist_set.ChecklistSet
) -> None:
    path = owner_file(write, "reviews:\n  - date: 2027-03-31\n  - date: 2027-03-31\n")
    assert problems(path, the_set) == [
        "a.yaml:26:11: a second review dated 2027-03-31 (the first is at line 25); each "
        "review needs its own date"
    ]


def test_reviews_that_are_not_a_list_are_refused(
    write: Writer, the_set: checklist_set.ChecklistSet
) -> None:
    path = owner_file(write, "reviews:\n  2027-03-31: {}\n")
    assert problems(path, the_set) == [
        "a.yaml:25:3: 'reviews' must be a list, not a mapping of keys to values"
    ]


def test_more_reviews_than_a_file_may_hold_are_refused(
    write: Writer, the_set: checklist_set.ChecklistSet
) -> None:
    entries = "".join(
        f"  - date: {year}-{month:02d}-01\n" for year in range(2000, 2100) for month in range(1, 13)
    )
    assert entries.count("date") > MAX_REVIEWS
    path = owner_file(write, "reviews:\n" + entries)
    assert f"at most {MAX_REVIEWS} items" in problems(path, the_set)[0]


def test_answers_to_an_unknown_review_question_are_kept_with_a_warning(
    write: Writer, the_set: checklist_set.ChecklistSet
) -> None:
    path = owner_file(
        write, "reviews:\n  - date: 2027-03-31\n    answers:\n      review:\n        gone: 1\n"
    )
    loaded = answers_module.load(path, the_set)
    assert loaded.warnings == (
        "a.yaml:28: the answers of the review of 2027-03-31: the answer to 'review.gone' is "
        "kept, but section 'review' has no such question, so it is not scored",
    )


def test_a_list_left_in_the_middle_of_a_review_must_be_a_review_list(
    write: Writer, the_set: checklist_set.ChecklistSet
) -> None:
    path = owner_file(write, "reviews:\n  - date: 2027-03-31\n    unfinished: [goals.kpi_list]\n")
    loaded = answers_module.load(path, the_set)
    assert "names no list question of a review section" in loaded.warnings[0]
    assert loaded.answers.reviews[0].unfinished == []


def test_a_review_question_may_not_go_in_the_brief(write: Writer) -> None:
    write(
        "set/r.yaml",
        """
        id: r
        title: R
        audience: review
        questions:
          - {id: q, type: yes_no, prompt: P?, brief: {part: goals, yes: "Y"}}
        """,
    )
    with pytest.raises(ChecklistError) as caught:
        checklist_set.load(folders=[Path("set")])
    assert "a review section's answers are never written in the brief" in str(
        caught.value.problems[0]
    )
