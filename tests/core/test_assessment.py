"""Scoring: every rule of the documented scoring, one behaviour per test."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from outsource_cli import checklist_set
from outsource_cli.answers import Answers
from outsource_cli.assessment import Assessment, assess, round_score
from outsource_cli.questions import NOT_APPLICABLE
from outsource_cli.verdicts import verdict_for

from ..helpers import Writer

ALL_TYPES = """\
id: s
title: S
questions:
  - {id: yn, prompt: P, type: yes_no}
  - {id: yn_no, prompt: P, type: yes_no, good_answer: no}
  - id: ch
    prompt: P
    type: choice
    choices: [{value: a, label: A, score: 1}, {value: b, label: B, score: 0.25}]
  - id: mu
    prompt: P
    type: multi
    choices:
      - {value: a, label: A, score: 0.6}
      - {value: b, label: B, score: 0.3}
      - {value: c, label: C, score: 0.7}
  - {id: sc, prompt: P, type: scale, min: 1, max: 5}
  - {id: nu, prompt: P, type: number, score: "value / 100"}
  - {id: nu_plain, prompt: P, type: number}
  - {id: tx, prompt: P, type: text}
"""


def make_set(tmp_path: Path, *texts: str) -> checklist_set.ChecklistSet:
    folder = tmp_path / "set"
    folder.mkdir(exist_ok=True)
    for index, text in enumerate(texts):
        (folder / f"{index}.yaml").write_text(textwrap.dedent(text))
    return checklist_set.load(folders=[folder])


def answers(**sections: dict[str, Any]) -> Answers:
    result = Answers()
    for section_id, values in sections.items():
        for question_id, value in values.items():
            result.set(section_id, question_id, value)
    return result


def question_scores(assessment: Assessment) -> dict[str, float | None]:
    return {r.question.id: r.score for s in assessment.sections for r in s.questions}


@pytest.mark.parametrize(
    ("question", "value", "expected"),
    [
        ("yn", True, 1.0),
        ("yn", False, 0.0),
        ("yn_no", False, 1.0),
        ("yn_no", True, 0.0),
        ("ch", "b", 0.25),
        ("mu", ["a"], 0.6),
        ("mu", ["a", "b"], 0.9),
        ("mu", ["a", "c"], 1.0),  # capped at 1
        ("mu", [], 0.0),
        ("sc", 1, 0.0),
        ("sc", 4, 0.75),
        ("nu", 50, 0.5),
        ("nu", 250, 1.0),  # clamped
        ("nu", -10, 0.0),
        ("nu_plain", 10, None),  # a number without a score is not scored
        ("tx", "anything", None),  # text is never scored
        ("yn", None, 0.0),  # unanswered scores 0
    ],
)
def test_each_type_scores_as_documented(
    tmp_path: Path, question: str, value: Any, expected: float | None
) -> None:
    result = assess(make_set(tmp_path, ALL_TYPES), answers(s={question: value}))
    score = question_scores(result)[question]
    if expected is None:
        assert score is None
    else:
        assert score == pytest.approx(expected)


def test_the_section_score_is_the_weighted_mean_of_counting_questions(tmp_path: Path) -> None:
    text = """\
    id: s
    title: S
    questions:
      - {id: a, prompt: P, type: yes_no, weight: 3}
      - {id: b, prompt: P, type: yes_no, weight: 1}
      - {id: c, prompt: P, type: yes_no, weight: 0}
      - {id: d, prompt: P, type: text}
    """
    result = assess(
        make_set(tmp_path, text), answers(s={"a": True, "b": False, "c": False, "d": "x"})
    )
    assert result.sections[0].score == 75.0
    assert [r.counted for r in result.sections[0].questions] == [True, True, False, False]


def test_a_section_without_counting_questions_has_no_score_and_is_left_out(tmp_path: Path) -> None:
    scored = "id: a\ntitle: A\nquestions: [{id: q, prompt: P, type: yes_no}]\n"
    unscored = "id: b\ntitle: B\nquestions: [{id: t, prompt: P, type: text}]\n"
    result = assess(make_set(tmp_path, scored, unscored), answers(a={"q": True}))
    assert [s.score for s in result.sections] == [100.0, None]
    assert result.score == 100.0


def test_nothing_scored_means_no_score_and_not_ready(tmp_path: Path) -> None:
    unscored = "id: b\ntitle: B\nquestions: [{id: t, prompt: P, type: text}]\n"
    result = assess(make_set(tmp_path, unscored), Answers())
    assert (result.score, result.verdict) == (None, "not-ready")


def test_section_weights_shape_the_overall_score(tmp_path: Path) -> None:
    heavy = "id: a\ntitle: A\nweight: 3\nquestions: [{id: q, prompt: P, type: yes_no}]\n"
    light = "id: b\ntitle: B\nquestions: [{id: q, prompt: P, type: yes_no}]\n"
    ignored = "id: c\ntitle: C\nweight: 0\nquestions: [{id: q, prompt: P, type: yes_no}]\n"
    result = assess(
        make_set(tmp_path, heavy, light, ignored), answers(a={"q": True}, b={"q": False})
    )
    assert result.score == 75.0


@pytest.mark.parametrize("weight", ["1000000", "999999.5", "1e-300"])
def test_the_largest_or_tiny_weights_give_the_same_finite_scores(
    tmp_path: Path, weight: str
) -> None:
    """The largest weight allowed and the smallest above zero score as weight 1 would."""
    one = f"id: a\ntitle: A\nweight: {weight}\nquestions:\n"
    one += f"  - {{id: q, prompt: P, type: yes_no, weight: {weight}}}\n"
    one += f"  - {{id: r, prompt: P, type: yes_no, weight: {weight}}}\n"
    other = one.replace("id: a", "id: b")
    result = assess(
        make_set(tmp_path, one, other), answers(a={"q": True, "r": True}, b={"q": False, "r": True})
    )
    assert [s.score for s in result.sections] == [100.0, 50.0]
    assert result.score == 75.0


def test_not_applicable_leaves_the_score(tmp_path: Path) -> None:
    text = """\
    id: s
    title: S
    questions:
      - {id: a, prompt: P, type: yes_no}
      - {id: b, prompt: P, type: yes_no, allow_na: true, critical: true}
    """
    result = assess(make_set(tmp_path, text), answers(s={"a": True, "b": NOT_APPLICABLE}))
    assert result.sections[0].score == 100.0
    assert result.sections[0].questions[1].state == "not_applicable"
    assert not result.blockers


def test_a_condition_decides_whether_a_question_counts(tmp_path: Path) -> None:
    text = """\
    id: s
    title: S
    questions:
      - {id: staff, prompt: P, type: yes_no, weight: 0}
      - {id: handover, prompt: P, type: yes_no, when: "s.staff"}
      - {id: other, prompt: P, type: yes_no}
    """
    checklists = make_set(tmp_path, text)
    without = assess(checklists, answers(s={"staff": False, "handover": False, "other": True}))
    assert without.sections[0].questions[1].applies is False
    assert without.sections[0].score == 100.0
    unknown = assess(checklists, answers(s={"staff": None, "handover": False, "other": True}))
    assert unknown.sections[0].questions[1].applies is False  # none is false
    with_staff = assess(checklists, answers(s={"staff": True, "handover": False, "other": True}))
    assert with_staff.sections[0].score == 50.0


def test_an_answer_to_a_question_that_does_not_apply_is_none_in_expressions(tmp_path: Path) -> None:
    text = """\
    id: s
    title: S
    questions:
      - {id: staff, prompt: P, type: yes_no}
      - {id: hours, prompt: P, type: number, when: "s.staff"}
      - {id: later, prompt: P, type: yes_no, when: "s.hours > 10"}
    computed:
      - {id: double, label: D, expression: "s.hours * 2"}
    """
    result = assess(
        make_set(tmp_path, text), answers(s={"staff": False, "hours": 40, "later": True})
    )
    questions = result.sections[0].questions
    assert [q.applies for q in questions] == [True, False, False]
    assert result.sections[0].computed[0].value is None


def test_computed_values_are_worked_out_in_order_and_feed_scores(tmp_path: Path) -> None:
    text = """\
    id: budget
    title: Budget
    questions:
      - {id: salary, prompt: P, type: number, weight: 0}
      - {id: overhead, prompt: P, type: number, weight: 0}
      - {id: price, prompt: P, type: number, score: "1 if value <= budget.inhouse else 0"}
    computed:
      - {id: inhouse, label: In-house, expression: "budget.salary * budget.overhead"}
      - {id: ratio, label: Ratio, expression: "budget.price / budget.inhouse"}
    """
    checklists = make_set(tmp_path, text)
    result = assess(checklists, answers(budget={"salary": 50000, "overhead": 1.3, "price": 40000}))
    values = {c.id: c.value for c in result.sections[0].computed}
    assert values == {"inhouse": 65000.0, "ratio": pytest.approx(40000 / 65000)}
    assert result.score == 100.0
    partial = assess(checklists, answers(budget={"salary": 50000, "price": 40000}))
    assert [c.value for c in partial.sections[0].computed] == [None, None]
    assert [c.problem for c in partial.sections[0].computed] == [None, None]
    assert partial.score == 0.0  # a score that cannot be worked out counts as unanswered


def test_a_computed_value_that_fails_on_known_inputs_says_why(tmp_path: Path) -> None:
    text = """\
    id: b
    title: B
    questions: [{id: hours, prompt: P, type: number}]
    computed: [{id: rate, label: Rate, expression: "100 / b.hours"}]
    """
    result = assess(make_set(tmp_path, text), answers(b={"hours": 0}))
    assert result.sections[0].computed[0].problem == "division by zero"


BLOCKING = """\
id: s
title: S
questions:
  - {id: key, prompt: P, type: yes_no, critical: true, weight: 1}
  - {id: q1, prompt: P, type: yes_no, weight: 9}
  - {id: partial, prompt: P, type: scale, critical: true, min: 0, max: 4}
"""


@pytest.mark.parametrize(
    ("values", "blockers"),
    [
        ({"key": True, "q1": True, "partial": 2}, []),  # 0.5 is not below 0.5
        ({"key": False, "q1": True, "partial": 4}, ["key"]),
        ({"key": None, "q1": True, "partial": 1}, ["key", "partial"]),  # unanswered blocks too
    ],
)
def test_blockers_are_critical_questions_below_half(
    tmp_path: Path, values: dict[str, Any], blockers: list[str]
) -> None:
    result = assess(make_set(tmp_path, BLOCKING), answers(s=values))
    assert [b.question.id for b in result.blockers] == blockers


def test_a_blocker_caps_the_verdict_whatever_the_score(tmp_path: Path) -> None:
    result = assess(
        make_set(tmp_path, BLOCKING), answers(s={"key": False, "q1": True, "partial": 4})
    )
    assert result.score == pytest.approx(90.9)
    assert result.verdict == "not-ready"


@pytest.mark.parametrize(
    ("score", "blockers", "verdict"),
    [
        (80.0, 0, "ready"),
        (79.9, 0, "almost-ready"),
        (60.0, 0, "almost-ready"),
        (59.9, 0, "not-ready"),
        (100.0, 1, "not-ready"),
        (None, 0, "not-ready"),
    ],
)
def test_verdict_thresholds(score: float | None, blockers: int, verdict: str) -> None:
    assert verdict_for(score, blockers) == verdict


@pytest.mark.parametrize(
    ("raw", "rounded"), [(79.95, 80.0), (72.25, 72.3), (66.666, 66.7), (0.04, 0.0), (None, None)]
)
def test_scores_round_half_up_to_one_decimal(raw: float | None, rounded: float | None) -> None:
    assert round_score(raw) == rounded


def test_the_verdict_uses_the_rounded_score(tmp_path: Path) -> None:
    # 1599 of 2000 weight: 79.95 rounds to 80.0, which is ready
    text = """\
    id: s
    title: S
    questions:
      - {id: a, prompt: P, type: yes_no, weight: 1599}
      - {id: b, prompt: P, type: yes_no, weight: 401}
    """
    result = assess(make_set(tmp_path, text), answers(s={"a": True, "b": False}))
    assert (result.score, result.verdict) == (80.0, "ready")


def test_actions_put_blockers_first_then_the_largest_shortfall(tmp_path: Path) -> None:
    text = """\
    id: s
    title: S
    questions:
      - {id: small, prompt: P, type: yes_no, weight: 1}
      - {id: big, prompt: P, type: yes_no, weight: 5}
      - {id: half, prompt: P, type: scale, min: 0, max: 2, weight: 4}
      - {id: done, prompt: P, type: yes_no, weight: 9}
      - {id: block, prompt: P, type: yes_no, critical: true, weight: 1}
    """
    values = {"small": False, "big": False, "half": 1, "done": True, "block": False}
    result = assess(make_set(tmp_path, text), answers(s=values))
    assert [a.question.id for a in result.actions] == ["block", "big", "half", "small"]


# --- answer-dependent weights, critical and choices (the FITTED_SET of tests/helpers.py) --


def fitted(folder: Path, **sections: dict[str, Any]) -> Assessment:
    return assess(checklist_set.load(folders=[folder]), answers(**sections))


def result_of(assessment: Assessment, question_id: str) -> Any:
    return next(r for s in assessment.sections for r in s.questions if r.question.id == question_id)


@pytest.mark.parametrize(
    ("kind", "score", "blockers"),
    [
        # accounts = no weighs 3 and blocks for IT: (1 + 1) / (3 + 1 + 1) of the weight
        ("it", 40.0, ["accounts"]),
        # for support it weighs 1 and blocks nothing; tools applies and counts too
        ("support", 50.0, []),
    ],
)
def test_the_section_score_and_blockers_use_the_weight_and_critical_the_answers_give(
    fitted_set: Path, kind: str, score: float, blockers: list[str]
) -> None:
    result = fitted(
        fitted_set,
        fit={"task_kind": kind, "calls": 40},
        risk={"accounts": False, "channel": "email", "tools": [], "script": True},
    )
    risk = result.sections[1]
    assert risk.score == score
    assert [r.question.id for r in result.blockers] == blockers
    accounts = result_of(result, "accounts")
    assert accounts.weight == (3.0 if kind == "it" else 1.0)
    assert accounts.shortfall == accounts.weight


def test_a_critical_question_whose_weight_comes_out_0_blocks_nothing(
    write: Writer, tmp_path: Path
) -> None:
    write(
        "set/s.yaml",
        """\
        id: s
        title: S
        questions:
          - {id: n, prompt: N, type: number}
          - {id: q, prompt: Q, type: yes_no, critical: "true", weight: "s.n"}
        """,
    )
    loaded = checklist_set.load(folders=[tmp_path / "set"])
    none = assess(loaded, answers(s={"n": 0, "q": False}))
    assert (none.blockers, result_of(none, "q").counted) == ((), False)
    some = assess(loaded, answers(s={"n": 2, "q": False}))
    assert [r.question.id for r in some.blockers] == ["q"]


def test_the_action_plan_orders_by_the_weight_the_answers_give(fitted_set: Path) -> None:
    common = {"accounts": False, "channel": "email", "tools": ["drive"]}
    # script weighs calls / 40 (a computed value / 10): 0.25 with 10 calls, 10 with 400
    few = fitted(
        fitted_set, fit={"task_kind": "sales", "calls": 10}, risk={**common, "script": False}
    )
    many = fitted(
        fitted_set, fit={"task_kind": "sales", "calls": 400}, risk={**common, "script": False}
    )
    assert [a.question.id for a in few.actions] == ["accounts", "tools", "script"]
    assert [a.question.id for a in many.actions] == ["script", "accounts", "tools"]
    assert [a.recommendation for a in many.actions[:2]] == [
        "Write the script.",
        "Move every account to your business's name.",
    ]


def test_an_answer_naming_a_choice_not_offered_counts_as_unanswered_with_a_warning(
    fitted_set: Path,
) -> None:
    # 'visit' is offered for IT only; 'desk' for support only
    result = fitted(
        fitted_set,
        fit={"task_kind": "sales"},
        risk={"channel": "visit", "tools": ["desk", "drive", "crm"]},
    )
    channel, tools = result_of(result, "channel"), result_of(result, "tools")
    assert (channel.answer, channel.state, channel.score) == (None, "unanswered", 0.0)
    assert channel.not_offered == ("visit",)
    assert (tools.answer, tools.score, tools.not_offered) == (["drive", "crm"], 1.0, ("desk",))
    assert result.warnings(Path("outsource-answers.yaml")) == (
        "outsource-answers.yaml: 'risk.channel' is answered 'In person', a choice that does "
        "not fit your other answers, so the question counts as unanswered; to answer it "
        "again, run: outsource check risk --review",
        "outsource-answers.yaml: the answer to 'risk.tools' includes 'A help desk', a choice "
        "that does not fit your other answers, so it is left out of the score; to answer it "
        "again, run: outsource check risk --review",
    )


def test_the_warning_names_every_value_left_out_and_the_answers_file(fitted_set: Path) -> None:
    result = fitted(fitted_set, fit={"task_kind": "support"}, risk={"tools": ["crm", "desk"]})
    assert result.warnings(Path("plans/june answers.yaml")) == (
        "plans/june answers.yaml: the answer to 'risk.tools' includes 'Your CRM', a choice "
        "that does not fit your other answers, so it is left out of the score; to answer it "
        "again, run: outsource check risk --review --answers 'plans/june answers.yaml'",
    )
    twice = fitted(fitted_set, fit={"task_kind": "it"}, risk={"channel": "chat"})
    assert "'risk.channel' is answered 'By chat'" in twice.warnings(Path("a.yaml"))[0]


def test_an_answer_to_a_question_that_does_not_apply_gives_no_warning(fitted_set: Path) -> None:
    # for IT, tools offers one choice: it does not apply, whatever it holds
    result = fitted(fitted_set, fit={"task_kind": "it"}, risk={"tools": ["crm"]})
    tools = result_of(result, "tools")
    assert (tools.applies, tools.counted, tools.not_offered) == (False, False, ())
    assert result.warnings(Path("a.yaml")) == ()
