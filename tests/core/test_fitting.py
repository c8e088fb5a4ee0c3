"""Questions fitted to the answers: the variant used, the choices offered, weight and critical."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from outsource_cli import checklist_set
from outsource_cli.answers import Answers
from outsource_cli.assessment import assess
from outsource_cli.errors import ChecklistError
from outsource_cli.fitting import Fitted, answer_scope, fit

from ..helpers import Writer


def answered(**values: Any) -> Answers:
    """Answers given as section__question=value."""
    answers = Answers()
    for name, value in values.items():
        section_id, _, question_id = name.partition("__")
        answers.set(section_id, question_id, value)
    return answers


def fitted(folder: Path, question_id: str, answers: Answers, section_id: str = "risk") -> Fitted:
    loaded = checklist_set.load(folders=[folder])
    question = loaded.section(section_id).section.question(question_id)
    assert question is not None
    return fit(loaded, section_id, question, answer_scope(loaded, answers))


def test_a_question_with_nothing_that_depends_on_the_answers_is_used_as_it_is(
    fitted_set: Path,
) -> None:
    loaded = checklist_set.load(folders=[fitted_set])
    question = loaded.section("fit").section.question("task_kind")
    assert question is not None
    result = fit(loaded, "fit", question, answer_scope(loaded, Answers()))
    assert result.question is question
    assert (result.prompt, result.weight, result.critical) == (
        "What kind of work is it?",
        1.0,
        False,
    )


@pytest.mark.parametrize(
    ("kind", "prompt", "help_text"),
    [
        (
            "it",
            "Are your domains, cloud and licences registered in your business's name?",
            "Whoever holds them can lock you out.",
        ),
        (
            "support",
            "Are the accounts the partner uses registered in your business's name?",
            "Logins in the partner's name leave with the partner.",
        ),
        (
            None,
            "Are the accounts the partner uses registered in your business's name?",
            "Logins in the partner's name leave with the partner.",
        ),
    ],
)
def test_the_first_variant_whose_when_holds_is_used_else_the_last(
    fitted_set: Path, kind: str | None, prompt: str, help_text: str
) -> None:
    result = fitted(fitted_set, "accounts", answered(fit__task_kind=kind))
    assert (result.prompt, result.help) == (prompt, help_text)
    assert (result.question.prompt, result.question.help) == (prompt, help_text)


@pytest.mark.parametrize(
    ("calls", "shown"),
    [
        (200, "By phone: At this volume, agree set hours."),
        (50, "By phone: Phone support needs set hours."),
        # `none > 100` gives none: that variant is skipped, not an error
        (None, "By phone: Phone support needs set hours."),
    ],
)
def test_a_variant_whose_when_gives_none_is_skipped(
    fitted_set: Path, calls: int | None, shown: str
) -> None:
    result = fitted(fitted_set, "channel", answered(fit__task_kind="support", fit__calls=calls))
    assert result.question.help_rows() == [("2", shown)]


@pytest.mark.parametrize(
    ("kind", "rows", "third"),
    [
        ("support", ["By email", "By phone", "By chat"], "chat"),
        ("it", ["By email", "By phone", "In person"], "visit"),
        ("sales", ["By email", "By phone calls the partner makes"], None),
    ],
)
def test_only_the_choices_that_apply_are_offered_and_numbered(
    fitted_set: Path, kind: str, rows: list[str], third: str | None
) -> None:
    question = fitted(fitted_set, "channel", answered(fit__task_kind=kind)).question
    assert question.option_rows() == [(str(n), label) for n, label in enumerate(rows, start=1)]
    assert question.input_hint() == f"1-{len(rows)}"
    if third is None:
        refusal = "Type 1 or 2, or the choice itself, such as by phone calls the partner makes."
        with pytest.raises(ValueError, match=f"^{re.escape(refusal)}$"):
            question.parse_reply("3")
    else:
        assert question.parse_reply("3") == third
    assert question.parse_reply("2") == "phone"


@pytest.mark.parametrize(("kind", "applies"), [("support", True), ("sales", True), ("it", False)])
def test_a_choice_question_with_fewer_than_two_choices_offered_does_not_apply(
    fitted_set: Path, kind: str, applies: bool
) -> None:
    loaded = checklist_set.load(folders=[fitted_set])
    scope = answer_scope(loaded, answered(fit__task_kind=kind, risk__tools=["drive"]))
    assert scope.applies[("risk", "tools")] is applies
    # a question that does not apply is none in expressions
    assert scope.names["risk"]["tools"] == (["drive"] if applies else None)


@pytest.mark.parametrize(
    ("kind", "weight", "critical"),
    [("it", 3.0, True), ("support", 1.0, False), (None, 1.0, False)],
)
def test_weight_and_critical_follow_the_answers(
    fitted_set: Path, kind: str | None, weight: float, critical: bool
) -> None:
    result = fitted(fitted_set, "accounts", answered(fit__task_kind=kind))
    assert (result.weight, result.critical) == (weight, critical)


@pytest.mark.parametrize(("calls", "weight"), [(400, 10.0), (0, 0.0), (None, 1.0)])
def test_a_weight_may_use_computed_values_and_is_1_when_it_gives_none(
    fitted_set: Path, calls: int | None, weight: float
) -> None:
    assert fitted(fitted_set, "script", answered(fit__calls=calls)).weight == weight


def test_a_recommendation_may_depend_on_a_later_answer(fitted_set: Path) -> None:
    phone = fitted(fitted_set, "accounts", answered(risk__channel="phone"))
    email = fitted(fitted_set, "accounts", answered(risk__channel="email"))
    assert phone.recommendation == "Move the phone number to your business's name first."
    assert email.recommendation == "Move every account to your business's name."


WEIGHTED = """\
id: s
title: S
questions:
  - {id: n, prompt: N, type: number}
  - id: q
    prompt: Q
    type: yes_no
    weight: "{weight}"
"""


@pytest.mark.parametrize(
    ("weight", "number", "message"),
    [
        ("s.n", -2, "the weight gave -2; a weight must be from 0 to 1,000,000"),
        ("s.n", 2_000_000, "the weight gave 2,000,000; a weight must be from 0 to 1,000,000"),
        ("'heavy' if s.n else 1", 1, "the weight gave the text 'heavy', not a number"),
        (
            "s.n ** 400",
            10,
            "the weight cannot be used: the result is too large to use (about 401 digits)",
        ),
    ],
)
def test_a_weight_that_is_not_a_number_from_0_to_the_limit_is_an_error_at_its_line(
    write: Writer, tmp_path: Path, weight: str, number: int, message: str
) -> None:
    write("set/s.yaml", WEIGHTED.replace("{weight}", weight))
    loaded = checklist_set.load(folders=[tmp_path / "set"])
    with pytest.raises(ChecklistError) as caught:
        assess(loaded, answered(s__n=number, s__q=True))
    (problem,) = caught.value.problems
    assert str(problem).startswith(f"set/s.yaml:8:13: {message}")
    assert caught.value.hint == "A weight expression must give a number from 0 to 1,000,000."
