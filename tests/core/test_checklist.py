"""The checklist format v1: every rule gives a located, plain-worded error."""

from __future__ import annotations

import json
import textwrap

import pytest

from outsource_cli import checklist, yamlfile
from outsource_cli.checklist import SectionProblems
from outsource_cli.questions import YesNoQuestion

VALID = """\
id: goals
title: Goals and scope
questions:
  - id: objectives
    prompt: Have you written down what the work must achieve?
    type: yes_no
"""


def load(text: str) -> checklist.Section:
    return checklist.parse_section(yamlfile.parse(textwrap.dedent(text), "goals.yaml"))


def errors(text: str) -> list[str]:
    with pytest.raises(SectionProblems) as caught:
        load(text)
    return [str(problem) for problem in caught.value.problems]


def test_a_minimal_section_loads_with_defaults() -> None:
    section = load(VALID)
    question = section.questions[0]
    assert isinstance(question, YesNoQuestion)
    assert (section.weight, section.order, section.version, section.computed) == (
        1.0,
        None,
        None,
        [],
    )
    assert (question.weight, question.critical, question.good_answer, question.allow_na) == (
        1.0,
        False,
        True,
        False,
    )


@pytest.mark.parametrize(
    ("word", "expected"), [("yes", True), ("no", False), ("true", True), ("false", False)]
)
def test_good_answer_accepts_yes_no_and_booleans(word: str, expected: bool) -> None:
    section = load(VALID + f"    good_answer: {word}\n")
    assert section.questions[0].good_answer is expected  # type: ignore[union-attr]


QUESTION = "id: s\ntitle: T\nquestions:\n  - id: q\n    prompt: P\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            QUESTION + "    type: yesno\n",
            "goals.yaml:6:11: question 'q': type 'yesno' is not one of yes_no, choice, multi, scale, number, date, text, list",
        ),
        (
            QUESTION,
            "goals.yaml:4:5: question 'q': 'type' is required: one of yes_no, choice, multi, scale, number, date, text, list",
        ),
        (
            QUESTION + "    type: yes_no\n    weigth: 2\n",
            "goals.yaml:7:5: question 'q': unknown key 'weigth' (did you mean 'weight'?); the keys allowed here "
            "are: id, prompt, help, recommendation, weight, critical, when, allow_na, step, brief, type, good_answer, "
            "default",
        ),
        ("id: s\ntitle: T\n", "goals.yaml:1:1: 'questions' is required"),
        (
            "id: s\ntitle: T\nquestions: []\n",
            "goals.yaml:3:12: 'questions' needs at least 1 item(s)",
        ),
        (
            "id: Goals\n" + QUESTION[6:] + "    type: text\n",
            "goals.yaml:1:5: 'id' 'Goals' must start with a lowercase letter",
        ),
        (
            "id: in\n" + QUESTION[6:] + "    type: text\n",
            "goals.yaml:1:5: 'in' is a reserved word in expressions",
        ),
        (
            "id: today\n" + QUESTION[6:] + "    type: text\n",
            "goals.yaml:1:5: 'today' is a reserved word in expressions",
        ),
        (
            QUESTION + "    type: yes_no\n    weight: heavy\n",
            "goals.yaml:7:13: question 'q': 'weight' must be a number or an expression in quotes, not the text 'heavy'",
        ),
        (
            QUESTION + "    type: yes_no\n    weight: -1\n",
            "goals.yaml:7:13: question 'q': 'weight' must be 0 or more, not the number -1",
        ),
        (
            QUESTION + "    type: yes_no\n    critical: yes\n",
            "goals.yaml:7:15: question 'q': 'critical' must be true or false, not the text 'yes'",
        ),
        (
            QUESTION + "    type: yes_no\n    good_answer: maybe\n",
            "goals.yaml:7:18: question 'q': 'good_answer' must be true or false",
        ),
        (
            QUESTION + "    type: yes_no\n    critical: true\n    weight: 0\n",
            "goals.yaml:7:15: question 'q': a critical question needs a weight above 0",
        ),
        (
            QUESTION + "    type: text\n    allow_na: true\n",
            "goals.yaml:7:15: question 'q': text questions cannot be answered not applicable",
        ),
        (
            QUESTION + "    type: choice\n    choices: [{value: a, label: A, score: 1}]\n",
            "goals.yaml:7:14: question 'q': 'choices' needs at least 2 item(s)",
        ),
        (
            QUESTION
            + "    type: choice\n    choices:\n      - {value: a, label: A, score: 1}\n      - {value: a, label: B, score: 0}\n",
            "goals.yaml:9:17: question 'q', choice 2: the value 'a' is already used",
        ),
        (
            QUESTION
            + "    type: choice\n    choices:\n      - {value: a, label: A, score: 1.5}\n      - {value: b, label: B, score: 0}\n",
            "goals.yaml:8:37: question 'q', choice 1: 'score' must be 1 or less, not the number 1.5",
        ),
        (
            QUESTION
            + "    type: multi\n    choices:\n      - {value: A, label: A, score: 1}\n      - {value: b, label: B, score: 0}\n",
            "goals.yaml:8:17: question 'q', choice 1: 'value' 'A' must start with a lowercase letter",
        ),
        (
            QUESTION
            + "    type: choice\n    default: c\n    choices:\n      - {value: a, label: A, score: 1}\n      - {value: b, label: B, score: 0}\n",
            "goals.yaml:7:14: question 'q': default 'c' is not one of the values a, b",
        ),
        (
            QUESTION
            + "    type: multi\n    default: [a, a]\n    choices:\n      - {value: a, label: A, score: 1}\n      - {value: b, label: B, score: 0}\n",
            "goals.yaml:7:14: question 'q': the default does not fit: a value is listed twice",
        ),
        (
            QUESTION
            + "    type: multi\n    default: [a, c]\n    choices:\n      - {value: a, label: A, score: 1}\n      - {value: b, label: B, score: 0}\n",
            "goals.yaml:7:14: question 'q': default 'c' is not one of the values a, b",
        ),
        (
            QUESTION + "    type: text\n    default: " + "t" * 10_001 + "\n",
            "goals.yaml:7:14: question 'q': the default does not fit: this answer is 10,001 characters; at most 10,000 fit: shorten it",
        ),
        (
            QUESTION + "    type: number\n    max: 10\n    default: 11.5\n",
            "goals.yaml:8:14: question 'q': default 11.5 is outside the range 10 or less",
        ),
        (
            QUESTION + "    type: yes_no\n    weight: 1000001\n",
            "goals.yaml:7:13: question 'q': 'weight' must be 1,000,000 or less, not the number 1000001",
        ),
        (
            "id: s\ntitle: T\nweight: 2e6\n"
            + QUESTION[QUESTION.index("questions") :]
            + "    type: yes_no\n",
            "goals.yaml:3:9: 'weight' must be 1,000,000 or less, not the number 2000000.0",
        ),
        (
            QUESTION + "    type: scale\n    min: 5\n    max: 1\n",
            "goals.yaml:8:10: question 'q': 'max' (1) must be above 'min' (5)",
        ),
        (
            QUESTION + "    type: scale\n    labels: {9: Top}\n",
            "goals.yaml:7:13: question 'q': label 9 is outside the scale 1 to 5",
        ),
        (
            QUESTION + "    type: scale\n    default: 7\n",
            "goals.yaml:7:14: question 'q': default 7 is outside the scale 1 to 5",
        ),
        (
            QUESTION + "    type: number\n    min: 10\n    max: 1\n",
            "goals.yaml:8:10: question 'q': 'max' (1) must not be below 'min' (10)",
        ),
        (
            QUESTION + "    type: number\n    min: 0\n    default: -5\n",
            "goals.yaml:8:14: question 'q': default -5 is outside the range 0 or more",
        ),
        (
            QUESTION + "    type: yes_no\n    score: value\n",
            "goals.yaml:7:5: question 'q': unknown key 'score'",
        ),
        (
            QUESTION + "    type: text\n  - id: q\n    prompt: again\n    type: text\n",
            "goals.yaml:7:9: question 'q': the id 'q' is already used by question 1",
        ),
        (
            QUESTION + "    type: text\ncomputed:\n  - {id: q, label: L, expression: '1'}\n",
            "goals.yaml:8:10: computed value 'q': the id 'q' is already used by question 1",
        ),
        (
            "- a list\n",
            "goals.yaml:1:1: this is not a checklist: it holds a list, not a mapping of keys such as id, title and questions",
        ),
        (
            "",
            "goals.yaml:1:1: this is not a checklist: it holds nothing, not a mapping of keys such as id, title and questions",
        ),
        (
            "just text\n",
            "goals.yaml:1:1: this is not a checklist: it holds text, not a mapping of keys such as id, title and questions",
        ),
    ],
)
def test_each_rule_gives_a_located_error(text: str, expected: str) -> None:
    found = errors(text)
    assert any(message.startswith(expected) for message in found), found


STEPS_NAMED = "must be 'prepare', 'choose', 'contract', 'start' or 'run'"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            QUESTION + "    type: yes_no\n    step: later\n",
            f"goals.yaml:7:11: question 'q': 'step' {STEPS_NAMED}, not the text 'later'",
        ),
        (
            QUESTION + "    type: yes_no\n    step: Contract\n",
            f"goals.yaml:7:11: question 'q': 'step' {STEPS_NAMED}, not the text 'Contract'",
        ),
        (
            QUESTION + "    type: yes_no\n    step: 2\n",
            f"goals.yaml:7:11: question 'q': 'step' {STEPS_NAMED}, not the number 2",
        ),
        (
            "id: s\ntitle: T\nstep: [prepare]\n" + QUESTION[QUESTION.index("questions") :],
            f"goals.yaml:3:7: 'step' {STEPS_NAMED}, not a list",
        ),
    ],
)
def test_an_unknown_step_is_named_at_its_line_with_the_five_steps(text: str, expected: str) -> None:
    assert expected in errors(text)


def test_a_question_belongs_to_its_own_step_then_its_sections_then_prepare() -> None:
    text = """\
    id: s
    title: T
    questions:
      - {id: own, prompt: P, type: yes_no, step: run}
      - {id: none, prompt: P, type: yes_no}
    """
    without = load(text)
    with_default = load(text.replace("title: T\n", "title: T\n    step: contract\n"))
    assert [without.step_of(q) for q in without.questions] == ["run", "prepare"]
    assert [with_default.step_of(q) for q in with_default.questions] == ["run", "contract"]


def test_every_error_in_a_file_is_reported_in_line_order() -> None:
    found = errors(
        """\
        id: goals
        title: Goals
        weigth: 2
        questions:
          - id: objectives
            prompt: Written?
            type: yes_no
            good_answer: maybe
          - id: budget_set
            prompt: Budget?
            type: yesno
          - id: objectives
            prompt: Again?
            type: text
        """
    )
    assert [message.split(": ")[0] for message in found] == [
        "goals.yaml:3:1",
        "goals.yaml:8:18",
        "goals.yaml:11:11",
        "goals.yaml:12:9",
    ]


def test_the_json_schema_describes_the_format() -> None:
    schema = json.loads(checklist.json_schema())
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert set(schema["required"]) == {"id", "title", "questions"}
    assert schema["additionalProperties"] is False
    assert {"yes_no", "choice", "multi", "scale", "number", "text"} <= set(
        json.dumps(schema["$defs"]).split('"')
    )
    steps = ["prepare", "choose", "contract", "start", "run"]
    assert schema["properties"]["step"]["anyOf"][0]["enum"] == steps
    question_step = schema["$defs"]["YesNoQuestion"]["properties"]["step"]
    assert question_step["anyOf"][0]["enum"] == steps
    assert "the first 90 days" in question_step["description"]


def test_an_invalid_id_is_quoted_escaped_and_cut_short_in_every_message() -> None:
    long_id = "Secret" * 20
    found = errors(
        QUESTION.replace("id: q", f'id: "{long_id}\\e"') + "    type: yes_no\n    weight: heavy\n"
    )
    assert all(long_id not in message and "\x1b" not in message for message in found)
    assert any("question 'SecretSecret" in message and "…'" in message for message in found)


# --- keys that depend on the answers ----------------------------------------------------

YES_NO = QUESTION + "    type: yes_no\n"
CHOICE = (
    "id: s\ntitle: T\nquestions:\n  - id: q\n    prompt: P\n    type: choice\n    choices:\n"
    "      - {value: a, label: A, score: 1}\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            QUESTION.replace("prompt: P", "prompt: []") + "    type: yes_no\n",
            "goals.yaml:5:13: question 'q': 'prompt' is an empty list: write the text, or "
            "variants that end with one without 'when'",
        ),
        (
            YES_NO + '    help:\n      - {when: "s.x", text: A}\n',
            "goals.yaml:8:16: question 'q', help variant 1: the last variant must have no "
            "'when': it is the text used when no other fits; remove the 'when', or add a "
            "variant without one at the end",
        ),
        (
            YES_NO + "    help:\n      - {text: A}\n      - {text: B}\n",
            "goals.yaml:8:9: question 'q', help variant 1: only the last variant may have no "
            "'when': give this one a 'when', or move it to the end",
        ),
        (
            YES_NO + "    recommendation:\n      - {text: A, colour: red}\n",
            "goals.yaml:8:19: question 'q', recommendation variant 1: unknown key 'colour'; "
            "the keys allowed here are: when, text",
        ),
        (
            YES_NO + '    help:\n      - {when: "1"}\n      - {text: B}\n',
            "goals.yaml:8:9: question 'q', help variant 1: 'text' is required",
        ),
        (
            YES_NO + "    help:\n      - {text: ''}\n",
            "goals.yaml:8:16: question 'q', help variant 1: 'text' must not be empty",
        ),
        (
            YES_NO + "    help:\n      - {when: 3, text: A}\n      - {text: B}\n",
            "goals.yaml:8:16: question 'q', help variant 1: 'when' must be text, not the number 3",
        ),
        (
            QUESTION.replace("prompt: P", "prompt: {when: x, text: A}") + "    type: yes_no\n",
            "goals.yaml:5:13: question 'q': 'prompt' must be text or a list of variants, not "
            "a mapping of keys to values",
        ),
        (
            CHOICE + "      - {value: b, label: [{text: A}, {text: B}], score: 0}\n",
            "goals.yaml:9:28: question 'q', choice 2, label variant 1: only the last variant "
            "may have no 'when'",
        ),
        (
            CHOICE + "      - {value: b, label: B, score: 0, when: ''}\n",
            "goals.yaml:9:46: question 'q', choice 2: 'when' must not be empty",
        ),
        (
            YES_NO + '    critical: "no"\n',
            "goals.yaml:7:15: question 'q': 'critical' must be true or false, not the text 'no'",
        ),
        (
            YES_NO + "    critical: On\n",
            "goals.yaml:7:15: question 'q': 'critical' must be true or false, not the text 'On'",
        ),
        (
            YES_NO + "    critical: 1\n",
            "goals.yaml:7:15: question 'q': 'critical' must be true, false or an expression in "
            "quotes, not the number 1",
        ),
        (
            YES_NO + "    critical: maybe\n",
            "goals.yaml:7:15: question 'q': 'critical' must be true, false or an expression in "
            "quotes, not the text 'maybe'",
        ),
        (
            YES_NO + "    weight: true\n",
            "goals.yaml:7:13: question 'q': 'weight' must be a number or an expression in "
            "quotes, not true",
        ),
        (
            YES_NO + f'    weight: "{"1 + " * 700}1"\n',
            "goals.yaml:7:13: question 'q': 'weight' is too long (at most 2,000 characters)",
        ),
        (
            YES_NO + "    weight: 5000000\n",
            "goals.yaml:7:13: question 'q': 'weight' must be 1,000,000 or less, not the number "
            "5000000",
        ),
    ],
)
def test_each_shape_of_an_answer_dependent_key_gives_a_located_error(
    text: str, expected: str
) -> None:
    found = errors(text)
    assert any(message.startswith(expected) for message in found), found


@pytest.mark.parametrize(
    "keys",
    [
        '    critical: "s.x"\n    weight: 0\n',  # checked when scoring: blocks nothing then
        '    critical: true\n    weight: "s.x"\n',
        "    critical: false\n    weight: 0\n",
    ],
)
def test_critical_with_weight_0_is_refused_at_load_only_when_both_are_constants(
    keys: str,
) -> None:
    assert load(YES_NO + keys).questions[0].weight in (0.0, "s.x")


def test_text_variants_weight_and_critical_expressions_load_as_written() -> None:
    section = load(
        YES_NO.replace("prompt: P", 'prompt: [{when: "s.x", text: A}, {text: B}]')
        + '    weight: "2 if s.x else 1"\n    critical: "s.x"\n'
    )
    question = section.questions[0]
    assert (question.weight, question.critical) == ("2 if s.x else 1", "s.x")
    assert [(v.when, v.text) for v in question.prompt] == [("s.x", "A"), (None, "B")]  # type: ignore[union-attr]


def test_the_json_schema_shows_variants_and_expression_keys() -> None:
    schema = json.loads(checklist.json_schema())
    definitions = schema["$defs"]
    question = definitions["YesNoQuestion"]["properties"]
    variants = {"items": {"$ref": "#/$defs/Variant"}, "minItems": 1, "type": "array"}
    assert question["prompt"]["oneOf"] == [{"minLength": 1, "type": "string"}, variants]
    assert question["recommendation"]["anyOf"][0]["oneOf"] == [{"type": "string"}, variants]
    expression = {"maxLength": 2000, "minLength": 1, "type": "string"}
    assert question["critical"]["anyOf"] == [{"type": "boolean"}, expression]
    assert question["weight"]["anyOf"] == [
        {"maximum": 1_000_000, "minimum": 0, "type": "number"},
        expression,
    ]
    assert definitions["Variant"]["required"] == ["text"]
    assert set(definitions["Variant"]["properties"]) == {"when", "text"}
    choice = definitions["Choice"]["properties"]
    assert choice["label"]["oneOf"][1] == variants
    assert choice["when"]["anyOf"][0] == expression
