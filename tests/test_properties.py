"""Whatever comes in, the loaders give a checklist, answers or a clear error: never a traceback."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outsource_cli import answers as answers_module
from outsource_cli import checklist_set, yamlfile
from outsource_cli.checklist import SectionProblems, parse_section
from outsource_cli.errors import AnswersError, ChecklistError

from .conftest import DATA

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


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_any_bytes_give_a_checklist_or_a_clear_error(tmp_path: Path, content: bytes) -> None:
    load_checklist_bytes(tmp_path, content)


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


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(structures)
def test_any_answers_structure_loads_or_fails_clearly(tmp_path: Path, data: object) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    try:
        answers_module.load(path, FIXTURE_SET)
    except AnswersError as error:
        assert all(problem.file and problem.message for problem in error.problems)


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
        answers_module.save(path, loaded.answers, FIXTURE_SET)
        assert answers_module.load(path, FIXTURE_SET).answers.values == loaded.answers.values
