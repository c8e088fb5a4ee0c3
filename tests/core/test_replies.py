"""What a typed line means at each kind of question: answers, keys and mistakes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from outsource_cli.answers import Answers, answer_value, read
from outsource_cli.answers_saving import save
from outsource_cli.checklist import AnyQuestion, Question
from outsource_cli.number_questions import parse_number
from outsource_cli.questions import NOT_APPLICABLE
from outsource_cli.replies import ReplyKind, read_reply

_ADAPTER: TypeAdapter[AnyQuestion] = TypeAdapter(Question)


def question(**fields: Any) -> AnyQuestion:
    return _ADAPTER.validate_python({"id": "q", "prompt": "Question?", **fields})


YES_NO = question(type="yes_no")
CHOICE = question(
    type="choice",
    choices=[
        {"value": "fixed", "label": "A fixed price", "score": 1},
        {"value": "hourly", "label": "By the hour", "score": 0.5},
    ],
)
MULTI = question(
    type="multi",
    allow_na=True,
    choices=[
        {"value": "nda", "label": "An NDA", "score": 0.5},
        {"value": "ip", "label": "An IP assignment", "score": 0.5},
        {"value": "exit", "label": "An exit clause", "score": 0.5},
    ],
)
SCALE = question(type="scale", min=1, max=5, labels={1: "Not at all", 5: "Completely"})
NUMBER = question(type="number", min=0, unit="USD")
RATIO = question(type="number", min=1, max=3, default=1.3)
MONTHS = question(type="number", min=1, max=120, unit="months")
THREE = question(
    type="choice",
    choices=[
        {"value": "fixed", "label": "A fixed price", "score": 1},
        {"value": "hourly", "label": "By the hour", "score": 0.5},
        {"value": "project", "label": "By the project", "score": 0.5},
    ],
)
TEXT = question(type="text")


def answer(q: AnyQuestion, typed: str, previous: Any = None, has_previous: bool = False) -> Any:
    reply = read_reply(q, typed, previous=previous, has_previous=has_previous)
    assert reply.kind == ReplyKind.ANSWER, reply.message
    return reply.value


def refused(q: AnyQuestion, typed: str) -> str:
    reply = read_reply(q, typed, previous=None, has_previous=False)
    assert reply.kind == ReplyKind.INVALID, reply
    return reply.message


@pytest.mark.parametrize(
    ("q", "typed", "expected"),
    [
        (YES_NO, "y", True),
        (YES_NO, " YES ", True),
        (YES_NO, "n", False),
        (YES_NO, "No", False),
        (CHOICE, "2", "hourly"),
        (CHOICE, "fixed", "fixed"),
        (CHOICE, "by the hour", "hourly"),
        (MULTI, "3,1", ["nda", "exit"]),
        (MULTI, "1, 2", ["nda", "ip"]),
        (MULTI, "ip exit", ["ip", "exit"]),
        (MULTI, "2,2", ["ip"]),
        (MULTI, "0", []),
        (MULTI, "none", []),
        (SCALE, "4", 4),
        (SCALE, "completely", 5),
        (MONTHS, "12 months", 12),
        (NUMBER, "52000", 52000),
        (NUMBER, "52,000", 52000),
        (NUMBER, "1,250,000", 1250000),
        (NUMBER, "52 000", 52000),
        (NUMBER, "$52,000", 52000),
        (NUMBER, "52000 usd", 52000),
        (NUMBER, "0.5", 0.5),
        (RATIO, "1.35", 1.35),
        (TEXT, "  Bookkeeping, payroll  ", "  Bookkeeping, payroll  "),
        (TEXT, "tab\tand\x1b[31m escape\x00", "tab\tand\x1b[31m escape\x00"),
        (TEXT, "x" * 10_000, "x" * 10_000),
        (TEXT, "[bold]x[/bold]", "[bold]x[/bold]"),
        (TEXT, "question? <yes>", "question? <yes>"),
    ],
)
def test_answers_are_read_as_people_type_them(q: AnyQuestion, typed: str, expected: Any) -> None:
    assert answer(q, typed) == expected


@pytest.mark.parametrize(
    ("q", "typed", "message"),
    [
        (YES_NO, "maybe", "Type y for yes or n for no."),
        (CHOICE, "3", "Type 1 or 2, or the choice itself, such as by the hour."),
        (CHOICE, "0", "Type 1 or 2, or the choice itself, such as by the hour."),
        (CHOICE, "hourly rate", "Type a number from 1 to 2."),
        (THREE, "4", "Type a number from 1 to 3, or the choice itself, such as by the project."),
        (CHOICE, "¹", "Type a number from 1 to 2."),
        (
            MULTI,
            "1,7",
            "'7' is not on the list. Type numbers from 1 to 3, separated by commas, or 0 for none.",
        ),
        (SCALE, "6", "Type a whole number from 1 to 5."),
        (SCALE, "2.5", "Type a whole number from 1 to 5."),
        (NUMBER, "lots", "Type a number, at least 0."),
        (NUMBER, "-5", "Type a number, at least 0."),
        (NUMBER, "1,5", "Type a number, at least 0. Use a point for decimals, as in 1.5."),
        (NUMBER, "52,00,0", "Type a number, at least 0."),
        (NUMBER, "inf", "Type a number, at least 0."),
        (NUMBER, "1e9", "Type a number, at least 0."),
        (RATIO, "4", "Type a number from 1 to 3."),
        (RATIO, "2 times", "Type the number alone, without words."),
        (NUMBER, "4 hours", "Type the number alone: the answer is in USD."),
        (MONTHS, "1 year", "Type the number alone: the answer is in months."),
        (MONTHS, "2yrs", "Type the number alone: the answer is in months."),
        (YES_NO, "", "Type y for yes or n for no, or ? for help."),
        (
            YES_NO,
            "na",
            "This question can't be answered 'not applicable'. Type an answer, "
            "or - to leave it unanswered.",
        ),
    ],
)
def test_mistakes_get_one_line_saying_what_is_accepted(
    q: AnyQuestion, typed: str, message: str
) -> None:
    assert refused(q, typed) == message


@pytest.mark.parametrize("q", [YES_NO, CHOICE, MULTI, SCALE, NUMBER, TEXT])
@pytest.mark.parametrize(
    ("typed", "kind"),
    [("?", ReplyKind.HELP), ("<", ReplyKind.BACK), ("q", ReplyKind.QUIT), (" Q ", ReplyKind.QUIT)],
)
def test_keys_work_at_every_question(q: AnyQuestion, typed: str, kind: ReplyKind) -> None:
    assert read_reply(q, typed, previous=None, has_previous=False).kind == kind


@pytest.mark.parametrize("q", [YES_NO, CHOICE, MULTI, SCALE, NUMBER, TEXT])
def test_a_dash_leaves_any_question_unanswered(q: AnyQuestion) -> None:
    assert answer(q, "-", previous=True, has_previous=True) is None


def test_na_is_stored_only_where_the_question_allows_it() -> None:
    assert answer(MULTI, "na") == NOT_APPLICABLE
    assert answer(MULTI, "N/A") == NOT_APPLICABLE
    assert "not applicable" in refused(TEXT, "na")


@pytest.mark.parametrize(
    ("q", "typed", "message"),
    [
        (TEXT, "t" * 12_345, "This answer is 12,345 characters; at most 10,000 fit: shorten it."),
        (NUMBER, "1" * 320, "This number is too large (at most 1,000,000,000,000,000)."),
        (NUMBER, "-" + "9" * 17, "This number is too large below zero (at least -1,000,"),
        (NUMBER, "1e400", "Type a number, at least 0."),
        (NUMBER, "9" * 16 + ".5", "This number is too large (at most 1,000,000,000,000,000)."),
    ],
)
def test_an_answer_that_could_not_be_read_back_is_refused(
    q: AnyQuestion, typed: str, message: str
) -> None:
    assert refused(q, typed).startswith(message)


def test_on_a_text_question_keys_count_only_when_typed_alone() -> None:
    assert answer(TEXT, "q and a") == "q and a"
    assert answer(TEXT, "? why") == "? why"
    assert answer(TEXT, "- not sure") == "- not sure"


@pytest.mark.parametrize(
    ("q", "previous", "expected"),
    [
        (YES_NO, False, False),
        (MULTI, ["ip"], ["ip"]),
        (MULTI, NOT_APPLICABLE, NOT_APPLICABLE),
        (NUMBER, None, None),
        (TEXT, "Payroll", "Payroll"),
    ],
)
def test_enter_keeps_the_previous_answer(q: AnyQuestion, previous: Any, expected: Any) -> None:
    assert answer(q, "", previous=previous, has_previous=True) == expected


@pytest.mark.parametrize(("q", "expected"), [(RATIO, 1.3), (MULTI, []), (TEXT, None)])
def test_enter_without_a_previous_answer(q: AnyQuestion, expected: Any) -> None:
    """The default where there is one; none on a multi question; blank on a text question."""
    assert answer(q, "") == expected


def test_the_default_list_is_not_shared_with_the_checklist() -> None:
    q = question(
        type="multi",
        default=["a"],
        choices=[
            {"value": "a", "label": "A", "score": 1},
            {"value": "b", "label": "B", "score": 0},
        ],
    )
    value = answer(q, "")
    value.append("b")
    assert answer(q, "") == ["a"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("-3", -3), ("+4", 4), ("-$1,000", -1000), ("12%", 12), ("€ 9.50", 9.5), (".5", 0.5)],
)
def test_parse_number(typed: str, expected: float) -> None:
    assert parse_number(typed) == expected


QUESTIONS = [YES_NO, CHOICE, MULTI, SCALE, NUMBER, RATIO, TEXT]


@pytest.mark.slow
@given(st.sampled_from(QUESTIONS), st.text(max_size=40))
def test_any_typed_text_gives_a_reply_the_answers_file_accepts(q: AnyQuestion, typed: str) -> None:
    """Whatever is typed, the reply is a key, a clear message, or an answer that can be saved."""
    reply = read_reply(q, typed, previous=None, has_previous=False)
    if reply.kind == ReplyKind.ANSWER:
        assert answer_value(q, reply.value) == reply.value
    elif reply.kind == ReplyKind.INVALID:
        assert reply.message.endswith(".")
    else:
        assert reply.kind in {ReplyKind.HELP, ReplyKind.BACK, ReplyKind.QUIT}


typed_lines = st.one_of(
    st.text(max_size=40),
    st.from_regex(r"\A[ $€£,._%+\-0-9]{0,16}\Z"),  # what people type for amounts
    st.from_regex(r"\A[ ,0-9]{0,12}\Z"),  # what people type for lists
    st.sampled_from(["y", "N", " yes ", "na", "N/A", "-", "?", "<", "q", "0", "1,1", "1e9"]),
)


@pytest.mark.slow
@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(QUESTIONS), typed_lines)
def test_an_answer_typed_is_saved_and_read_back_unchanged(
    tmp_path: Path, q: AnyQuestion, typed: str
) -> None:
    """Through answers.save and answers.read, as the interview saves and the report reads."""
    reply = read_reply(q, typed, previous=None, has_previous=False)
    assume(reply.kind == ReplyKind.ANSWER)
    path = tmp_path / "answers.yaml"
    answers = Answers()
    answers.set("section", "q", reply.value)
    save(path, answers)
    reread, _document = read(path)
    assert answer_value(q, reread.get("section", "q")) == reply.value
