"""Each question type's own behaviour: hints, options, short forms, words, scores, checks."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from pydantic import TypeAdapter

from outsource_cli.assessment import QuestionState
from outsource_cli.checklist import QUESTION_TYPES, AnyQuestion, Question
from outsource_cli.questions import NOT_APPLICABLE

_ADAPTER: TypeAdapter[AnyQuestion] = TypeAdapter(Question)


def question(**fields: Any) -> AnyQuestion:
    return _ADAPTER.validate_python({"id": "q", "prompt": "Question?", **fields})


CHOICES = [
    {"value": "fixed", "label": "A fixed price", "score": 1, "help": "One  price\tagreed."},
    {"value": "hourly", "label": "By the hour", "score": 0.25},
]
YES_NO = question(type="yes_no")
CHOICE = question(type="choice", choices=CHOICES)
MULTI = question(type="multi", choices=CHOICES, allow_na=True)
SCALE = question(type="scale", min=1, max=5, labels={5: "Completely", 1: "Not at all"})
NUMBER = question(type="number", min=0, unit="USD", score="value / 100")
RANGED = question(type="number", min=1, max=3, default=1.3)
DATE = question(type="date", min="2026-01-01")
TEXT = question(type="text")
EVERY_TYPE = [YES_NO, CHOICE, MULTI, SCALE, NUMBER, DATE, TEXT]


def test_the_question_types_are_named_by_their_classes() -> None:
    assert QUESTION_TYPES == (
        "yes_no",
        "choice",
        "multi",
        "scale",
        "number",
        "date",
        "text",
        "list",
    )


@pytest.mark.parametrize(
    ("q", "hint"),
    [
        (YES_NO, "y/n"),
        (CHOICE, "1-2"),
        (MULTI, "1-2"),
        (SCALE, "1-5"),
        (NUMBER, "Number (USD)"),
        (RANGED, "Number"),
        (DATE, "Date (YYYY-MM-DD)"),
        (TEXT, "Answer"),
    ],
)
def test_the_input_hint(q: AnyQuestion, hint: str) -> None:
    assert q.input_hint() == hint


@pytest.mark.parametrize(
    ("q", "sentence"),
    [
        (YES_NO, "Type y for yes or n for no"),
        (CHOICE, "Type a number from 1 to 2"),
        (MULTI, "Type numbers from 1 to 2, separated by commas"),
        (SCALE, "Type a whole number from 1 to 5"),
        (NUMBER, "Type a number, at least 0"),
        (RANGED, "Type a number from 1 to 3"),
        (question(type="number", max=52000), "Type a number, at most 52,000"),
        (question(type="number"), "Type a number"),
        (TEXT, "Type your answer"),
    ],
)
def test_how_to_answer(q: AnyQuestion, sentence: str) -> None:
    assert q.how_to_answer() == sentence


@pytest.mark.parametrize(
    ("q", "rows"),
    [
        (CHOICE, [("1", "A fixed price"), ("2", "By the hour")]),
        (MULTI, [("1", "A fixed price"), ("2", "By the hour")]),
        (SCALE, [("1", "Not at all"), ("5", "Completely")]),
        (question(type="scale"), []),
        (YES_NO, []),
        (NUMBER, []),
        (TEXT, []),
    ],
)
def test_the_numbered_options(q: AnyQuestion, rows: list[tuple[str, str]]) -> None:
    assert q.option_rows() == rows


@pytest.mark.parametrize("q", EVERY_TYPE)
def test_only_a_multi_question_says_how_to_pick_several(q: AnyQuestion) -> None:
    assert (q.pick_hint() is not None) == (q.type == "multi")


@pytest.mark.parametrize(
    ("q", "rows"),
    [
        (CHOICE, [("1", "A fixed price: One price agreed.")]),
        (MULTI, [("1", "A fixed price: One price agreed.")]),
        (YES_NO, []),
    ],
)
def test_each_option_s_help_on_one_line(q: AnyQuestion, rows: list[tuple[str, str]]) -> None:
    assert q.help_rows() == rows


@pytest.mark.parametrize(
    ("q", "answer", "short"),
    [
        (YES_NO, True, "yes"),
        (YES_NO, False, "no"),
        (CHOICE, "hourly", "2"),
        (MULTI, ["fixed", "hourly"], "1,2"),
        (MULTI, [], "none"),
        (MULTI, NOT_APPLICABLE, "n/a"),
        (SCALE, 4, "4"),
        (NUMBER, 52000, "52,000"),
        (NUMBER, 1.5, "1.5"),
        (TEXT, "  Book\nkeeping  ", "Book keeping"),
        (TEXT, "x" * 31, "x" * 29 + "…"),
        (TEXT, NOT_APPLICABLE, "n/a"),
        (CHOICE, None, "unanswered"),
    ],
)
def test_the_short_form_in_brackets(q: AnyQuestion, answer: Any, short: str) -> None:
    assert q.short_text(answer) == short


@pytest.mark.parametrize(
    ("q", "kept"),
    [
        (YES_NO, None),
        (question(type="yes_no", default="no"), "no"),
        (CHOICE, None),
        (MULTI, "none"),
        (SCALE, None),
        (RANGED, "1.3"),
        (TEXT, "skip"),
        (question(type="text", default="Payroll"), "Payroll"),
    ],
)
def test_what_enter_gives_without_an_earlier_answer(q: AnyQuestion, kept: str | None) -> None:
    assert q.enter_text() == kept


@pytest.mark.parametrize("q", [YES_NO, CHOICE, SCALE, NUMBER])
def test_enter_alone_is_no_answer_without_a_default(q: AnyQuestion) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(q.how_to_answer())}$"):
        q.enter_answer()


@pytest.mark.parametrize(
    ("q", "answer", "words"),
    [
        (YES_NO, True, "Yes"),
        (YES_NO, False, "No"),
        (CHOICE, "fixed", "A fixed price"),
        (MULTI, ["hourly", "fixed"], "A fixed price, By the hour"),
        (MULTI, [], "None of these"),
        (SCALE, 5, "5 of 5 (Completely)"),
        (SCALE, 3, "3 of 5"),
        (NUMBER, 52000, "52,000 USD"),
        (RANGED, 1.35, "1.35"),
        (TEXT, "Payroll", "Payroll"),
        (TEXT, NOT_APPLICABLE, NOT_APPLICABLE),
        (MULTI, NOT_APPLICABLE, "Not applicable"),
        (SCALE, None, "Not answered"),
    ],
)
def test_the_answer_in_words(q: AnyQuestion, answer: Any, words: str) -> None:
    assert q.answer_text(answer) == words


@pytest.mark.parametrize(
    ("q", "answer", "score"),
    [
        (YES_NO, True, 1.0),
        (YES_NO, False, 0.0),
        (question(type="yes_no", good_answer=False), False, 1.0),
        (CHOICE, "hourly", 0.25),
        (MULTI, ["fixed", "hourly"], 1.0),
        (MULTI, ["hourly"], 0.25),
        (SCALE, 1, 0.0),
        (SCALE, 4, 0.75),
    ],
)
def test_the_score_of_an_answer(q: AnyQuestion, answer: Any, score: float) -> None:
    assert q.answer_score(answer) == score


@pytest.mark.parametrize(
    ("q", "scored", "expression"),
    [
        (YES_NO, True, None),
        (CHOICE, True, None),
        (MULTI, True, None),
        (SCALE, True, None),
        (NUMBER, True, "value / 100"),
        (RANGED, False, None),
        (TEXT, False, None),
    ],
)
def test_which_questions_are_scored_and_how(
    q: AnyQuestion, scored: bool, expression: str | None
) -> None:
    assert (q.is_scored(), q.score_expression) == (scored, expression)


@pytest.mark.parametrize(
    ("fields", "problems"),
    [
        (
            {"type": "yes_no", "critical": True, "weight": 0},
            [(("critical",), "a critical question needs a weight above 0")],
        ),
        (
            {"type": "text", "allow_na": True},
            [(("allow_na",), "text questions cannot be answered not applicable; remove allow_na")],
        ),
        (
            {"type": "choice", "choices": [*CHOICES, CHOICES[1]], "default": "daily"},
            [
                (("choices", 2, "value"), "the value 'hourly' is already used"),
                (("default",), "default 'daily' is not one of the values fixed, hourly, hourly"),
            ],
        ),
        (
            {"type": "multi", "choices": CHOICES, "default": ["fixed", "daily"]},
            [(("default",), "default 'daily' is not one of the values fixed, hourly")],
        ),
        (
            {"type": "scale", "min": 5, "max": 1, "labels": {9: "Nine"}, "default": 0},
            [
                (("max",), "'max' (1) must be above 'min' (5)"),
                (("labels",), "label 9 is outside the scale 5 to 1"),
                (("default",), "default 0 is outside the scale 5 to 1"),
            ],
        ),
        (
            {"type": "number", "min": 10, "max": 1, "default": 20},
            [
                (("max",), "'max' (1) must not be below 'min' (10)"),
                (("default",), "default 20 is outside the range 10 to 1"),
            ],
        ),
        (
            {"type": "number", "min": 0, "default": -1},
            [(("default",), "default -1 is outside the range 0 or more")],
        ),
        (
            {"type": "number", "max": 0, "default": 1},
            [(("default",), "default 1 is outside the range 0 or less")],
        ),
        ({"type": "number", "min": 0, "max": 9, "default": 5}, []),
    ],
)
def test_what_a_question_checks_when_loaded(fields: dict[str, Any], problems: list[Any]) -> None:
    assert question(**fields).rule_problems() == problems


@pytest.mark.parametrize(
    ("q", "raw", "expected"),
    [
        (YES_NO, "Yes", True),
        (CHOICE, "fixed", "fixed"),
        (MULTI, " N/A ", NOT_APPLICABLE),
        (MULTI, "fixed", ["fixed"]),  # a single value from when the question was a choice
        (SCALE, 4.0, 4),
        (NUMBER, 1.5, 1.5),
        (TEXT, "n/a", "n/a"),
        (TEXT, None, None),
        (TEXT, " \x00\x1b[2J\u202e\r\n " + "t" * 9_990, " \x00\x1b[2J\u202e\r\n " + "t" * 9_990),
        (NUMBER, 10**15, 10**15),
    ],
)
def test_a_stored_answer_that_fits_is_kept(q: AnyQuestion, raw: Any, expected: Any) -> None:
    assert q.check_answer(raw) == expected


@pytest.mark.parametrize(
    ("q", "raw", "message"),
    [
        (YES_NO, "maybe", "expected yes or no (true or false), not the text 'maybe'"),
        (YES_NO, "n/a", "this question cannot be answered 'n/a' (not applicable)"),
        (CHOICE, "daily", "expected one of fixed, hourly, not the text 'daily'"),
        (MULTI, "daily", "expected a list of values from fixed, hourly, not the text 'daily'"),
        (MULTI, ["fixed", 3], "the number 3 is not one of fixed, hourly"),
        (MULTI, ["fixed", "fixed"], "a value is listed twice"),
        (SCALE, 6, "expected a whole number from 1 to 5, not the number 6"),
        (SCALE, True, "expected a whole number from 1 to 5, not true"),
        (
            NUMBER,
            "52,000",
            "expected a number (write it without commas or currency signs), not the text '52,000'",
        ),
        (NUMBER, -1, "expected a number of at least 0, not -1"),
        (RANGED, 4, "expected a number of at most 3, not 4"),
        (TEXT, 12, "expected text, not the number 12; put the answer in quotes"),
        (TEXT, "t" * 12_345, "this answer is 12,345 characters; at most 10,000 fit: shorten it"),
        (NUMBER, 10**15 + 1, "this number is too large (at most 1,000,000,000,000,000)"),
        (NUMBER, 1e308, "this number is too large (at most 1,000,000,000,000,000)"),
        (NUMBER, float("nan"), "expected a number, not the number nan"),
    ],
)
def test_a_stored_answer_that_does_not_fit_says_what_does(
    q: AnyQuestion, raw: Any, message: str
) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        q.check_answer(raw)


@pytest.mark.parametrize("q", EVERY_TYPE)
def test_only_a_text_question_takes_n_a_as_an_answer_of_its_own(q: AnyQuestion) -> None:
    assert q.is_not_applicable(NOT_APPLICABLE) == (q.type != "text")


def test_question_states_are_written_as_their_values() -> None:
    states = [QuestionState.ANSWERED, QuestionState.UNANSWERED, QuestionState.NOT_APPLICABLE]
    assert json.dumps(states) == '["answered", "unanswered", "not_applicable"]'
