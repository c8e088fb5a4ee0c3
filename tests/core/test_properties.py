"""Whatever comes in, the loaders give a checklist, answers or a clear error: never a traceback."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outsource_cli import answers as answers_module
from outsource_cli import answers_saving, checklist_set, yamlfile
from outsource_cli.checklist import SectionProblems, parse_section
from outsource_cli.errors import AnswersError, ChecklistError
from outsource_cli.expressions import (
    Expression,
    ExpressionRefused,
    ExpressionSyntaxError,
    Namespace,
)
from outsource_cli.numbers import in_domain

from ..helpers import DATA

FIXTURE_SET = checklist_set.load(folders=[DATA / "checklists"])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.sampled_from(
        ["yes_no", "choice", "multi", "scale", "number", "text", "goals", "n/a", "1.10"]
    ),
)
keys = st.sampled_from(
    [
        "id",
        "title",
        "questions",
        "prompt",
        "type",
        "weight",
        "choices",
        "value",
        "label",
        "score",
        "when",
        "computed",
        "expression",
        "min",
        "max",
        "labels",
        "default",
        "critical",
        "allow_na",
        "format",
        "answers",
        "notes",
        "goals",
        "objectives",
        "x",
    ]
)
structures = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=5),
    max_leaves=30,
)


def load_checklist_bytes(folder: Path, content: bytes) -> None:
    path = folder / "c.yaml"
    path.write_bytes(content)
    try:
        checklist_set.load(folders=[folder])
    except ChecklistError as error:
        assert error.problems
        assert all(
            str(problem).startswith("c.yaml") or "c.yaml" in str(problem)
            for problem in error.problems
        )


@pytest.mark.slow
@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_any_bytes_give_a_checklist_or_a_clear_error(tmp_path: Path, content: bytes) -> None:
    load_checklist_bytes(tmp_path, content)


@pytest.mark.slow
@settings(max_examples=300)
@given(structures)
def test_any_yaml_structure_gives_a_section_or_located_problems(data: object) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    try:
        document = yamlfile.parse(text, "c.yaml")
    except yamlfile.YamlProblems as error:
        assert error.problems
        return
    try:
        parse_section(document)
    except SectionProblems as error:
        assert all(problem.file == "c.yaml" and problem.message for problem in error.problems)


@pytest.mark.slow
@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(structures)
def test_any_answers_structure_loads_or_fails_clearly(tmp_path: Path, data: object) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    try:
        answers_module.load(path, FIXTURE_SET)
    except AnswersError as error:
        assert all(problem.file and problem.message for problem in error.problems)


@pytest.mark.slow
@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.dictionaries(
        st.sampled_from(["task", "objectives", "pricing", "protections", "confidence", "kpis"]),
        scalars,
    )
)
def test_answers_in_a_known_section_load_or_fail_clearly(
    tmp_path: Path, values: dict[str, object]
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump({"format": 1, "answers": {"goals": values}}), encoding="utf-8")
    try:
        loaded = answers_module.load(path, FIXTURE_SET)
    except AnswersError as error:
        assert all(problem.file.endswith("a.yaml") and problem.line for problem in error.problems)
    else:
        answers_saving.save(path, loaded.answers, FIXTURE_SET)
        assert answers_module.load(path, FIXTURE_SET).answers.values == loaded.answers.values


@pytest.mark.slow
@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_any_bytes_give_answers_or_a_clear_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(content)
    try:
        answers_module.load(path, FIXTURE_SET)
    except AnswersError as error:
        assert error.problems
        assert all(
            problem.file.endswith("a.yaml") and problem.message for problem in error.problems
        )


@pytest.mark.slow
@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.dictionaries(st.sampled_from(["id", "title", "questions", "computed", "order"]), structures)
)
def test_any_yaml_checklist_loads_as_a_set_or_fails_clearly(
    tmp_path: Path, data: dict[str, object]
) -> None:
    """Through the real loader, so expressions are compiled and references checked too."""
    (tmp_path / "c.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    try:
        loaded = checklist_set.load(folders=[tmp_path])
    except ChecklistError as error:
        assert error.problems
        assert all("c.yaml" in str(problem) and problem.message for problem in error.problems)
    else:
        assert [section.file for section in loaded.sections] == ["c.yaml"]


TRICKY_TEXT = [
    "no",
    "No",
    "on",
    "off",
    "yes",
    "y",
    "012",
    "0o12",
    "1.10",
    "1e3",
    "~",
    "null",
    "",
    "0x1F",
    ".inf",
    "-.inf",
    ".nan",
    "n/a",
    "true",
    " leading",
    "trailing ",
    "  both  ",
    "line one\r\nline two",
    "a\rb",
    "a\u0085b",
    "a\u2028b\u2029c",
    "byte \ufeff order mark",
    "\ufeffat the start",
    "tab\there",
    "- a list?",
    "key: value",
    "# not a comment",
    "'quoted'",
    '"double"',
    "&anchor *alias",
    "!tag",
    "{{ 7*7 }}",
    "{0.__class__}",
    "last line\n",
    "\n\nblank lines\n\n",
]
texts = st.one_of(st.sampled_from(TRICKY_TEXT), st.text(max_size=30))


@pytest.mark.slow
@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(task=texts, note=texts, business=texts)
def test_text_answers_notes_and_the_business_name_round_trip_exactly(
    tmp_path: Path, task: str, note: str, business: str
) -> None:
    """Through answers_saving.save and answers.load, the functions the interview and report use."""
    path = tmp_path / "a.yaml"
    answers = answers_module.Answers(business=business, notes={"goals.objectives": note})
    answers.set("goals", "task", task)
    answers.set("goals", "objectives", True)
    answers_saving.save(path, answers, FIXTURE_SET)
    loaded = answers_module.load(path, FIXTURE_SET).answers
    assert loaded.get("goals", "task") == task
    assert loaded.note("goals", "objectives") == note
    assert loaded.business == (business or None)  # an empty name is not written
    assert loaded.get("goals", "objectives") is True


@pytest.mark.slow
@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(st.characters(exclude_categories=()), max_size=30))
def test_any_code_point_is_saved_as_utf8_can_hold_it(tmp_path: Path, text: str) -> None:
    """Lone surrogates (undecodable bytes in an argument) become U+FFFD; all else is exact."""
    path = tmp_path / "a.yaml"
    answers = answers_module.Answers(business=text or None)
    answers.set("goals", "task", text)
    answers_saving.save(path, answers, FIXTURE_SET)
    loaded = answers_module.load(path, FIXTURE_SET).answers
    storable = re.sub("[\ud800-\udfff]", "\ufffd", text)
    assert (loaded.get("goals", "task"), loaded.business) == (storable, storable or None)


@pytest.mark.parametrize("text", TRICKY_TEXT)
def test_each_tricky_text_round_trips_as_an_answer_and_a_note(tmp_path: Path, text: str) -> None:
    path = tmp_path / "a.yaml"
    answers = answers_module.Answers(notes={"goals.task": text})
    answers.set("goals", "task", text)
    answers_saving.save(path, answers, FIXTURE_SET)
    loaded = answers_module.load(path, FIXTURE_SET).answers
    assert (loaded.get("goals", "task"), loaded.note("goals", "task")) == (text, text)


# --- expressions: random combinations of what may be written, over random answers ---

EXPRESSION_SECONDS = 5.0
"""A hang guard for one evaluation, far above its budget of one second."""

_numbers = st.one_of(
    st.integers(-1000, 1000),
    st.integers(),
    st.sampled_from([0, 1, -1, 10**15, 10**16, 2**64, 10**320, 0.5, 1e15, 1e16, 1e308]),
    st.floats(allow_nan=False, allow_infinity=False),
)
_words = st.text(alphabet="abcxyz ", max_size=6)
_leaves = st.one_of(
    _numbers.map(repr),
    _words.map(lambda word: f"'{word}'"),
    st.sampled_from(["none", "true", "false", "[]", "[1, 2, 2]", "[[0] * 1000] * 1000"]),
    st.sampled_from(["s.yes", "s.number", "s.text", "s.multi", "s.unknown", "value"]),
)
_BINARY = ["+", "-", "*", "/", "//", "%", "**", "~", "==", "!=", "<", "<=", ">", ">="]
_BINARY += ["in", "not in", "and", "or"]
_FILTERS = [
    "abs",
    "round",
    "round(2)",
    "round(-3)",
    "int",
    "float",
    "string",
    "length",
    "count",
    "min",
    "max",
    "sum",
    "sum(start=[])",
    "default(0, true)",
    "lower",
    "upper",
    "trim",
    "first",
    "last",
    "join('-')",
    "list",
    "sort",
    "unique",
]


def _combined(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(children, st.sampled_from(_BINARY), children).map(
            lambda parts: f"({parts[0]} {parts[1]} {parts[2]})"
        ),
        st.tuples(st.sampled_from(["not ", "-"]), children).map(lambda p: f"({p[0]}{p[1]})"),
        st.tuples(children, st.sampled_from(_FILTERS)).map(lambda p: f"({p[0]} | {p[1]})"),
        st.tuples(children, children, children).map(lambda p: f"({p[0]} if {p[1]} else {p[2]})"),
        st.lists(children, max_size=4).map(lambda items: f"[{', '.join(items)}]"),
        st.tuples(children, st.sampled_from(["[0]", "[1:]", "[::-1]", "['a']"])).map("".join),
        st.tuples(children, st.sampled_from(["number", "none", "string", "in [1, 'a']"])).map(
            lambda p: f"({p[0]} is {p[1]})"
        ),
    )


expressions = st.recursive(_leaves, _combined, max_leaves=12)
answer_scopes = st.fixed_dictionaries(
    {
        "yes": st.one_of(st.none(), st.booleans()),
        "number": st.one_of(
            st.none(),
            st.integers(-(10**15), 10**15),
            st.floats(-1e15, 1e15, allow_nan=False, allow_infinity=False),
        ),
        "text": st.one_of(st.none(), _words),
        "multi": st.one_of(st.none(), st.lists(st.sampled_from(["a", "b", "nda"]), max_size=3)),
        "unknown": st.none(),
    }
)


def _plain_in_domain(value: object) -> bool:
    if value is None or isinstance(value, (bool, str)):
        return True
    if isinstance(value, (int, float)):
        return in_domain(value)
    if isinstance(value, list):
        return all(_plain_in_domain(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(key, str) and _plain_in_domain(item) for key, item in value.items())
    return False


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(source=expressions, answers=answer_scopes, value=_numbers)
def test_any_expression_gives_a_value_in_the_domain_or_a_clear_refusal(
    source: str, answers: dict[str, object], value: int | float
) -> None:
    try:
        expression = Expression(source, allow_value=True)
    except ExpressionSyntaxError as error:
        assert str(error)
        return
    scope = {"s": Namespace(answers)}
    started = time.monotonic()
    try:
        outcome = expression.evaluate(scope, value if in_domain(value) else None)
    except ExpressionRefused as error:
        assert str(error)
        return
    finally:
        assert time.monotonic() - started < EXPRESSION_SECONDS, source
    assert _plain_in_domain(outcome.value), (source, outcome)
    if outcome.unusable:
        assert outcome.value is None and outcome.problem
