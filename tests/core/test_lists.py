"""List questions: stored as lists of mappings, checked with file:line, read in expressions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from outsource_cli import answers as answers_module
from outsource_cli import answers_saving, checklist_set
from outsource_cli.assessment import assess
from outsource_cli.errors import AnswersError, ChecklistError
from outsource_cli.list_questions import ListQuestion
from outsource_cli.replies import read_reply

from ..helpers import DATA, Writer, run

LISTS = DATA / "lists"
KPIS = LISTS / "checklists"
ANSWERS_HEAD = "format: 1\nanswers:\n  kpis:\n    kpi_list:\n"


@pytest.fixture
def kpi_set() -> checklist_set.ChecklistSet:
    return checklist_set.load(folders=[KPIS])


def problems_of(path: Path, kpi_set: checklist_set.ChecklistSet) -> list[str]:
    with pytest.raises(AnswersError) as caught:
        answers_module.load(path, kpi_set)
    return [str(problem) for problem in caught.value.problems]


def test_a_list_answer_round_trips_exactly(
    tmp_path: Path, kpi_set: checklist_set.ChecklistSet
) -> None:
    path = tmp_path / "a.yaml"
    shutil.copy(LISTS / "kpi-answers.yaml", path)
    first = answers_module.load(path, kpi_set).answers
    assert first.get("kpis", "kpi_list") == [
        {"name": "Reply time", "target": 4, "unit": "hours", "better": "lower"},
        {"name": "Customer satisfaction", "target": None, "unit": "%", "better": "higher"},
    ]
    answers_saving.save(path, first, kpi_set)
    text = path.read_text(encoding="utf-8")
    second = answers_module.load(path, kpi_set).answers
    assert second.values == first.values
    answers_saving.save(path, second, kpi_set)
    assert path.read_text(encoding="utf-8").split("answers:")[1] == text.split("answers:")[1]


def test_a_field_left_out_of_the_file_reads_as_empty(
    write: Writer, kpi_set: checklist_set.ChecklistSet
) -> None:
    path = write("a.yaml", ANSWERS_HEAD + "      - name: Reply time\n")
    loaded = answers_module.load(path, kpi_set).answers
    assert loaded.get("kpis", "kpi_list") == [
        {"name": "Reply time", "target": None, "unit": None, "better": None}
    ]


@pytest.mark.parametrize(
    ("items", "message"),
    [
        (
            "      name: Reply time\n",
            "a.yaml:5:7: 'kpis.kpi_list': expected a list of KPIs, each a mapping of its fields "
            "(as in '- name: ...'), not a mapping of keys to values",
        ),
        (
            "      - Reply time\n",
            "a.yaml:5:9: 'kpis.kpi_list': KPI 1 must be a mapping of its fields (name, target, "
            "unit, better), not the text 'Reply time'",
        ),
        (
            "      - name: Reply time\n        colour: red\n",
            "a.yaml:6:17: 'kpis.kpi_list': KPI 1 has no field 'colour'; its fields are name, "
            "target, unit, better",
        ),
        (
            "      - name: Reply time\n      - name: A\n        target: four\n",
            "a.yaml:7:17: 'kpis.kpi_list': KPI 2, Target: expected a number (write it without "
            "commas or currency signs), not the text 'four'",
        ),
        (
            "      - name: A\n        target: '4'\n",
            "a.yaml:6:17: 'kpis.kpi_list': KPI 1, Target: '4' is written in quotes, which makes "
            "it text: remove the quotes",
        ),
        (
            "      - name: A\n        target: -1\n",
            "a.yaml:6:17: 'kpis.kpi_list': KPI 1, Target: expected a number of at least 0, not -1",
        ),
        (
            "      - name: A\n        better: faster\n",
            "a.yaml:6:17: 'kpis.kpi_list': KPI 1, Better when it is: expected one of higher, "
            "lower, not the text 'faster'",
        ),
        (
            "      - target: 4\n",
            "a.yaml:5:9: 'kpis.kpi_list': KPI 1 has no Name (its 'name'): add a line "
            "'name: ...' to it",
        ),
        (
            "      - name: '  '\n",
            "a.yaml:5:15: 'kpis.kpi_list': KPI 1 has no Name (its 'name' is empty): write it "
            "after 'name:'",
        ),
        (
            "      - name: Reply time\n      - name: reply time \n",
            "a.yaml:6:15: 'kpis.kpi_list': KPI 2 has the same name as KPI 1 ('reply time'); "
            "each KPI needs a name of its own",
        ),
        (
            "".join(f"      - name: K{n}\n" for n in range(6)),
            "a.yaml:5:7: 'kpis.kpi_list': the list holds 6 KPIs; at most 5 fit: remove some",
        ),
        (
            "      - name: " + "x" * 1001 + "\n",
            "a.yaml:5:15: 'kpis.kpi_list': KPI 1, Name: the text is 1,001 characters; at most "
            "1,000 fit in a field of a list: shorten it",
        ),
        (
            "      - name: A\n        unit: " + "x" * 10_001 + "\n",
            "a.yaml:6:15: 'kpis.kpi_list': KPI 1, Unit: the text is 10,001 characters; at most "
            "1,000 fit in a field of a list: shorten it",
        ),
        (
            "      - name: " + "x" * 1_000_000 + "\n",
            "a.yaml:5:15: 'kpis.kpi_list': KPI 1, Name: the text is 1,000,000 characters; at "
            "most 1,000 fit in a field of a list: shorten it",
        ),
    ],
    ids=[
        "not-a-list",
        "item-not-a-mapping",
        "unknown-field",
        "bad-number",
        "quoted-number",
        "below-min",
        "bad-choice",
        "no-name",
        "blank-name",
        "same-name",
        "too-many-items",
        "field-too-long",
        "field-longer-than-any-text-answer",
        "field-of-a-million-characters",
    ],
)
def test_every_problem_in_a_list_answer_has_its_line(
    write: Writer, kpi_set: checklist_set.ChecklistSet, items: str, message: str
) -> None:
    path = write("a.yaml", ANSWERS_HEAD + items)
    assert problems_of(path, kpi_set) == [message]


def test_a_for_each_item_must_say_which_item_it_is_for(
    write: Writer, kpi_set: checklist_set.ChecklistSet
) -> None:
    path = write(
        "a.yaml",
        "format: 1\nanswers:\n  kpis:\n    kpi_values:\n      - value: 3\n"
        "      - item: A\n      - item: a\n",
    )
    [first] = problems_of(path, kpi_set)
    assert first.startswith("a.yaml:5:9: 'kpis.kpi_values': value 1 needs 'item'")
    path = write(
        "a.yaml",
        "format: 1\nanswers:\n  kpis:\n    kpi_values:\n      - item: A\n      - item: a\n",
    )
    assert problems_of(path, kpi_set) == [
        "a.yaml:6:15: 'kpis.kpi_values': value 2 has the same name as value 1 ('a'); each value "
        "needs a name of its own"
    ]


def test_old_answers_files_without_the_list_load_and_score(
    write: Writer, kpi_set: checklist_set.ChecklistSet
) -> None:
    path = write("a.yaml", "format: 1\nanswers:\n  kpis:\n    owner: Me\n")
    loaded = answers_module.load(path, kpi_set)
    assert loaded.warnings == ()
    result = assess(kpi_set, loaded.answers)
    [kpis] = [q for q in result.sections[0].questions if q.question.id == "kpi_list"]
    assert kpis.score == 0.0 and kpis.blocker  # unanswered counts as 0, and it is critical


def scored(kpi_set: checklist_set.ChecklistSet, value: object) -> tuple[float | None, object]:
    answers = answers_module.Answers()
    answers.set("kpis", "kpi_list", value)
    result = assess(kpi_set, answers)
    [kpis] = [q for q in result.sections[0].questions if q.question.id == "kpi_list"]
    [with_target] = [c for c in result.sections[0].computed if c.id == "with_target"]
    return kpis.score, with_target.value


def test_a_list_is_scored_by_an_expression_over_its_items(
    kpi_set: checklist_set.ChecklistSet,
) -> None:
    item = {"name": "A", "target": 4, "unit": None, "better": None}
    no_target = {"name": "B", "target": None, "unit": None, "better": None}
    assert scored(kpi_set, [item, no_target]) == (0.5, 1)
    assert scored(kpi_set, [item]) == (1.0, 1)
    assert scored(kpi_set, []) == (0.0, 0)  # answered: no KPIs at all
    assert scored(kpi_set, None) == (0.0, None)  # unanswered: not known


CHECKLIST = """\
id: lists
title: Lists
questions:
  - id: first
    type: yes_no
    prompt: A question first?
  - id: things
    type: list
    prompt: Which things?
{extra}    fields:
{fields}
"""
NAME_FIELD = "      - id: name\n        label: Name\n        type: text\n"


@pytest.mark.parametrize(
    ("extra", "fields", "message"),
    [
        (
            "    key: name\n",
            "      - id: size\n        label: Size\n        type: number\n" + NAME_FIELD,
            "lists/lists.yaml:10:10: question 'things': the key must be the list's first field",
        ),
        (
            "    key: size\n",
            "      - id: size\n        label: Size\n        type: number\n",
            "lists/lists.yaml:10:10: question 'things': the key must be a text field",
        ),
        (
            "    key: nope\n",
            NAME_FIELD,
            "lists/lists.yaml:10:10: question 'things': 'nope' is not one of the fields: name",
        ),
        (
            "",
            NAME_FIELD + NAME_FIELD,
            "lists/lists.yaml:14:13: question 'things': field 'name': the field id 'name' is already used",
        ),
        (
            "",
            "      - id: pick\n        label: Pick\n        type: choice\n",
            "lists/lists.yaml:11:9: question 'things': field 'pick': a choice field needs choices, and only a "
            "choice field has them",
        ),
        (
            "",
            NAME_FIELD + "        unit: cm\n",
            "lists/lists.yaml:14:15: question 'things': field 'name': only a number field has a unit",
        ),
        (
            "",
            "      - id: item\n        label: Item\n        type: text\n",
            "lists/lists.yaml:11:13: question 'things': field 'item': 'item' is kept for the item a for_each "
            "list refers to",
        ),
        (
            "    max_items: 101\n",
            NAME_FIELD,
            "lists/lists.yaml:10:16: question 'things': 'max_items' must be 100 or less, not the "
            "number 101",
        ),
        (
            "",
            NAME_FIELD.replace("text", "colour"),
            "lists/lists.yaml:13:15: question 'things': field 'name': 'type' must be 'text', 'number', "
            "'choice', 'yes_no' or 'date', not the text 'colour'",
        ),
        (
            "    for_each: lists.first\n",
            NAME_FIELD,
            "lists/lists.yaml:10:15: question 'things': 'for_each': 'lists.first' must be a list "
            "question with a key, which names each of its items",
        ),
        (
            "    for_each: lists.things\n",
            NAME_FIELD,
            "lists/lists.yaml:10:15: question 'things': 'for_each': 'lists.things' must be a list "
            "question with a key, which names each of its items",
        ),
        (
            "    for_each: other.things\n",
            NAME_FIELD,
            "lists/lists.yaml:10:15: question 'things': 'for_each': 'other.things' refers to a "
            "section 'other' that does not exist",
        ),
        (
            "    for_each: things\n",
            NAME_FIELD,
            "lists/lists.yaml:10:15: question 'things': 'for_each' is 'things': write it as "
            "section.question, such as goals.kpi_list",
        ),
        (
            "    default: [{name: x}]\n",
            NAME_FIELD,
            "lists/lists.yaml:10:14: question 'things': a list has no default: remove 'default'",
        ),
    ],
    ids=[
        "key-not-first",
        "key-not-text",
        "key-unknown",
        "duplicate-field",
        "choice-without-choices",
        "unit-on-text",
        "item-reserved",
        "too-many-items",
        "bad-field-type",
        "for-each-not-a-list",
        "for-each-itself",
        "for-each-unknown-section",
        "for-each-without-section",
        "default",
    ],
)
def test_every_problem_in_a_list_question_has_its_line(
    write: Writer, extra: str, fields: str, message: str, tmp_path: Path
) -> None:
    write("lists/lists.yaml", CHECKLIST.format(extra=extra, fields=fields.rstrip("\n")))
    with pytest.raises(ChecklistError) as caught:
        checklist_set.load(folders=[tmp_path / "lists"])
    assert [str(problem) for problem in caught.value.problems] == [message]


def test_a_list_without_fields_says_it_needs_one(write: Writer, tmp_path: Path) -> None:
    write(
        "lists/lists.yaml",
        CHECKLIST.format(extra="", fields="").replace("fields:\n", "fields: []\n"),
    )
    with pytest.raises(ChecklistError) as caught:
        checklist_set.load(folders=[tmp_path / "lists"])
    assert [str(problem) for problem in caught.value.problems] == [
        "lists/lists.yaml:10:13: question 'things': a list needs at least one field"
    ]


def test_a_number_too_large_names_its_question_and_field(write: Writer, tmp_path: Path) -> None:
    write(
        "lists/lists.yaml",
        """\
        id: lists
        title: Lists
        questions:
          - id: hours
            type: number
            prompt: Hours?
            min: .inf
          - id: things
            type: list
            prompt: Things?
            fields:
              - {id: size, label: Size, type: number, max: 1e999}
        """,
    )
    with pytest.raises(ChecklistError) as caught:
        checklist_set.load(folders=[tmp_path / "lists"])
    assert [str(problem) for problem in caught.value.problems] == [
        "lists/lists.yaml:7:10: question 'hours': 'min': '.inf' (infinity) is not a number "
        "outside a calculation; this number is too large (at most 1,000,000,000,000,000)",
        "lists/lists.yaml:12:52: question 'things': field 'size': 'max': this number is too "
        "large (at most 1,000,000,000,000,000)",
    ]


def test_a_for_each_list_must_come_after_its_list(write: Writer, tmp_path: Path) -> None:
    write(
        "lists/lists.yaml",
        """\
        id: lists
        title: Lists
        questions:
          - id: values
            type: list
            prompt: Values?
            for_each: lists.kpis
            fields:
              - {id: value, label: Value, type: number}
          - id: kpis
            type: list
            prompt: KPIs?
            key: name
            fields:
              - {id: name, label: Name, type: text}
        """,
    )
    with pytest.raises(ChecklistError) as caught:
        checklist_set.load(folders=[tmp_path / "lists"])
    assert [str(problem) for problem in caught.value.problems] == [
        "lists/lists.yaml:7:15: question 'values': 'for_each': 'lists.kpis' is asked after this "
        "question; it must come before"
    ]


@pytest.mark.parametrize("order", [1, 3])
def test_a_review_list_cannot_go_through_a_candidates_list(
    write: Writer, tmp_path: Path, order: int
) -> None:
    """Whether the candidate section comes before or after, the reason given is whose
    answers they are, as for a condition that reads a candidate's reply."""
    write(
        "lists/cand.yaml",
        f"""\
        id: cand
        title: Candidates
        audience: candidate
        order: {order}
        questions:
          - id: refs
            type: list
            prompt: Referees?
            key: name
            fields:
              - {{id: name, label: Name, type: text}}
        """,
    )
    write(
        "lists/later.yaml",
        """\
        id: later
        title: Later
        audience: review
        order: 2
        questions:
          - id: per_ref
            type: list
            prompt: What did each referee say?
            for_each: cand.refs
            fields:
              - {id: said, label: Said, type: text}
        """,
    )
    with pytest.raises(ChecklistError) as caught:
        checklist_set.load(folders=[tmp_path / "lists"])
    assert [str(problem) for problem in caught.value.problems] == [
        "lists/later.yaml:9:15: question 'per_ref': 'for_each': 'cand.refs' is in a candidate "
        "section, answered once per candidate; only a section with 'audience: candidate' may "
        "go through its items"
    ]


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("kpis.kpi_list | length", 2),
        ("kpis.kpi_list[0].name", "Reply time"),
        ("kpis.kpi_list | map(attribute='name') | join(', ')", "Reply time, Customer satisfaction"),
        ("kpis.kpi_list | selectattr('target', 'none') | length", 1),
        (
            "kpis.kpi_list | rejectattr('better', 'eq', 'lower') | map(attribute='name') | first",
            "Customer satisfaction",
        ),
        ("kpis.kpi_list | selectattr('target', 'number') | map(attribute='target') | sum", 4),
        ("kpis.kpi_values[0].item", "Reply time"),
        ("kpis.kpi_list[5] is undefined", True),
    ],
)
def test_expressions_read_a_list_and_its_fields(
    write: Writer, tmp_path: Path, expression: str, expected: object
) -> None:
    folder = tmp_path / "lists"
    shutil.copytree(KPIS, folder)
    text = (folder / "kpis.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "    expression: \"kpis.kpi_list | rejectattr('target', 'none') | list | length\"",
        "    expression: " + repr(expression).replace("\\'", "''"),
    )
    (folder / "kpis.yaml").write_text(text, encoding="utf-8")
    kpi_set = checklist_set.load(folders=[folder])
    loaded = answers_module.load(LISTS / "kpi-answers.yaml", kpi_set)
    result = assess(kpi_set, loaded.answers)
    [value] = [c for c in result.sections[0].computed if c.id == "with_target"]
    assert (value.value, value.problem) == (expected, None)


def test_a_field_named_like_a_method_reads_as_the_field(write: Writer, tmp_path: Path) -> None:
    write(
        "lists/lists.yaml",
        """\
        id: lists
        title: Lists
        questions:
          - id: orders
            type: list
            prompt: Orders?
            fields:
              - {id: items, label: Items, type: number}
        computed:
          - id: total
            label: Items in all
            expression: "lists.orders | map(attribute='items') | sum"
          - id: first
            label: First
            expression: "lists.orders[0].items"
        """,
    )
    lists = checklist_set.load(folders=[tmp_path / "lists"])
    answers = answers_module.Answers()
    answers.set("lists", "orders", [{"items": 2}, {"items": 3}])
    result = assess(lists, answers)
    assert [c.value for c in result.sections[0].computed] == [5, 2]


def test_map_reads_fields_only(write: Writer, tmp_path: Path) -> None:
    write(
        "lists/lists.yaml",
        """\
        id: lists
        title: Lists
        questions:
          - id: things
            type: list
            prompt: Things?
            fields:
              - {id: name, label: Name, type: text}
        computed:
          - id: upper
            label: Upper
            expression: "lists.things | map('upper') | list"
        """,
    )
    with pytest.raises(ChecklistError) as caught:
        checklist_set.load(folders=[tmp_path / "lists"])
    assert "write it as map(attribute='name')" in str(caught.value.problems[0])


def test_a_recommendation_names_values_in_placeholders(
    kpi_set: checklist_set.ChecklistSet,
) -> None:
    loaded = answers_module.load(LISTS / "kpi-answers.yaml", kpi_set)
    result = assess(kpi_set, loaded.answers)
    [action] = result.actions
    assert action.recommendation == (
        "Give a target to each KPI that has none: Customer satisfaction."
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Do it by {lists.nope}.",
            "lists/lists.yaml:7:21: question 'first': 'recommendation': the placeholder "
            "{lists.nope}: 'lists.nope' is not a question or computed value of section 'lists'",
        ),
        (
            "Ask {other.x} first.",
            "lists/lists.yaml:7:21: question 'first': 'recommendation': the placeholder "
            "{other.x}: 'other.x' refers to a section 'other' that does not exist (sections: "
            "lists)",
        ),
    ],
)
def test_a_placeholder_must_name_an_answer_or_value(
    write: Writer, tmp_path: Path, text: str, message: str
) -> None:
    write(
        "lists/lists.yaml",
        f"""\
        id: lists
        title: Lists
        questions:
          - id: first
            type: yes_no
            prompt: A question?
            recommendation: "{text}"
          - id: later
            type: text
            prompt: Later?
        """,
    )
    with pytest.raises(ChecklistError) as caught:
        checklist_set.load(folders=[tmp_path / "lists"])
    assert [str(problem) for problem in caught.value.problems] == [message]


def test_braces_that_name_nothing_stay_as_written(write: Writer, tmp_path: Path) -> None:
    write(
        "lists/lists.yaml",
        """\
        id: lists
        title: Lists
        questions:
          - id: first
            type: yes_no
            prompt: A question?
            recommendation: "Use {braces} and {Not.this} as they are; later is {lists.later}."
          - id: later
            type: number
            prompt: Later?
        """,
    )
    lists = checklist_set.load(folders=[tmp_path / "lists"])
    answers = answers_module.Answers()
    answers.set("lists", "first", False)
    assert assess(lists, answers).actions[0].recommendation == (
        "Use {braces} and {Not.this} as they are; later is (not known yet)."
    )
    answers.set("lists", "later", 52000)
    assert str(assess(lists, answers).actions[0].recommendation).endswith("later is 52,000.")


def test_the_json_report_keeps_a_list_as_objects_and_a_table_as_words() -> None:
    result = run(
        "report",
        str(LISTS / "kpi-answers.yaml"),
        "--checklists",
        str(KPIS),
        "-o",
        "-",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    [section] = json.loads(result.stdout)["sections"]
    kpis = section["questions"][0]
    assert kpis["answer"][1] == {
        "name": "Customer satisfaction",
        "target": None,
        "unit": "%",
        "better": "higher",
    }
    assert kpis["table"] == {
        "columns": ["Name", "Target", "Unit", "Better when it is"],
        "rows": [
            ["Reply time", "4", "hours", "Lower"],
            ["Customer satisfaction", "—", "%", "Higher"],
        ],
    }
    assert kpis["answer_text"] == "2 KPIs: Reply time, Customer satisfaction"
    assert section["questions"][1]["table"] is None


def test_a_for_each_list_has_no_max_items(write: Writer, tmp_path: Path) -> None:
    folder = tmp_path / "lists"
    shutil.copytree(KPIS, folder)
    path = folder / "kpis.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "    for_each: kpis.kpi_list\n", "    for_each: kpis.kpi_list\n    max_items: 2\n"
        ),
        encoding="utf-8",
    )
    with pytest.raises(ChecklistError) as caught:
        checklist_set.load(folders=[folder])
    [problem] = caught.value.problems
    assert "a for_each list holds one item for each item of its list: remove max_items" in str(
        problem
    )


def test_an_unfinished_entry_that_names_no_list_is_left_out(
    write: Writer, kpi_set: checklist_set.ChecklistSet
) -> None:
    path = write(
        "a.yaml",
        "format: 1\nanswers: {}\nunfinished:\n  - kpis.owner\n  - gone.list\n  - kpis.kpi_list\n",
    )
    loaded = answers_module.load(path, kpi_set)
    assert loaded.answers.unfinished == ["kpis.kpi_list"]
    assert loaded.warnings == (
        "a.yaml:4: 'kpis.owner' under 'unfinished' names no list question, so it is left out",
        "a.yaml:5: 'gone.list' under 'unfinished' names no list question, so it is left out",
    )


def test_compare_shows_a_change_inside_a_list(tmp_path: Path) -> None:
    changed = tmp_path / "changed.yaml"
    text = (LISTS / "kpi-answers.yaml").read_text(encoding="utf-8")
    changed.write_text(text.replace("target: 4\n", "target: 8\n"), encoding="utf-8")
    result = run(
        "compare",
        str(LISTS / "kpi-answers.yaml"),
        str(changed),
        "--checklists",
        str(KPIS),
        "-o",
        "-",
    )
    assert result.exit_code == 0, result.output
    assert "Reply time, 8, hours, Lower; Customer satisfaction, —, %, Higher" in result.stdout


def test_a_placeholder_names_an_answer_as_the_report_words_it(
    write: Writer, tmp_path: Path
) -> None:
    write(
        "lists/lists.yaml",
        """\
        id: lists
        title: Lists
        questions:
          - id: size
            type: choice
            prompt: Size?
            choices:
              - {value: small_firm, label: A small firm, score: 1}
              - {value: large, label: A large firm, score: 1}
          - id: hours
            type: number
            prompt: Hours?
            unit: hours a week
          - id: ok
            type: yes_no
            prompt: OK?
            recommendation: "For {lists.size}, plan {lists.hours}."
        """,
    )
    lists = checklist_set.load(folders=[tmp_path / "lists"])
    answers = answers_module.Answers()
    for question_id, value in (("size", "small_firm"), ("hours", 5), ("ok", False)):
        answers.set("lists", question_id, value)
    [action] = assess(lists, answers).actions
    assert action.recommendation == "For A small firm, plan 5 hours a week."


GOALS = """\
id: goals
title: Goals
questions:
  - id: goal_list
    type: list
    prompt: What will you measure?
    item_name: goal
    key: measure
    fields:
      - id: measure
        label: what you measure
        type: text
      - id: aim
        label: Aim
        type: number
"""


@pytest.mark.parametrize(
    ("items", "message"),
    [
        (
            "      - aim: 4\n",
            "a.yaml:5:9: 'goals.goal_list': goal 1 has no what you measure (its 'measure'): "
            "add a line 'measure: ...' to it",
        ),
        (
            "      - measure:\n        aim: 4\n",
            "a.yaml:5:17: 'goals.goal_list': goal 1 has no what you measure (its 'measure' is "
            "empty): write it after 'measure:'",
        ),
        (
            "      - measure: ' '\n",
            "a.yaml:5:18: 'goals.goal_list': goal 1 has no what you measure (its 'measure' is "
            "empty): write it after 'measure:'",
        ),
    ],
    ids=["line-missing", "nothing-after-the-colon", "blank"],
)
def test_an_item_without_its_name_says_which_line_to_add(
    write: Writer, items: str, message: str
) -> None:
    write("lists/goals.yaml", GOALS)
    goals = checklist_set.load(folders=[Path("lists")])
    path = write("a.yaml", "format: 1\nanswers:\n  goals:\n    goal_list:\n" + items)
    assert problems_of(path, goals) == [message]


def test_an_empty_name_in_the_interview_is_named_by_its_label(write: Writer) -> None:
    write("lists/goals.yaml", GOALS)
    result = run(
        *("check", "--answers", "a.yaml", "--report", "r.md", "--checklists", "lists"),
        input="a\n\nq\nq\n",
    )
    assert "What you measure cannot be left empty: it names the goal." in result.output


@pytest.mark.parametrize(
    ("question_id", "field_id", "typed", "message"),
    [
        (
            "kpi_list",
            "target",
            "4 hours",
            "Type the number alone (4): the unit is asked separately.",
        ),
        ("kpi_list", "target", "four", "Type a number, at least 0."),
        ("kpi_values", "value", "4 hours", "Type the number alone, without words."),
    ],
    ids=["the-list-asks-the-unit", "not-a-number", "the-list-has-no-unit"],
)
def test_a_number_typed_with_words_at_a_field_says_to_type_it_alone(
    kpi_set: checklist_set.ChecklistSet, question_id: str, field_id: str, typed: str, message: str
) -> None:
    question = kpi_set.section("kpis").section.question(question_id)
    assert isinstance(question, ListQuestion)
    field = question.field(field_id)
    assert field is not None
    reply = read_reply(field.question(), typed, previous=None, has_previous=False)
    assert question.refusal(field, typed, reply.message) == message


VALUES_FOR_A_REMOVED_KPI = """\
format: 1
answers:
  kpis:
    kpi_list:
      - name: Reply time
        target: 4
    kpi_values:
      - item: Reply time
        value: 5
      - item: Old KPI
        value: 2
        comment: dropped in May
"""


def test_a_for_each_table_names_its_items_and_marks_those_removed(write: Writer) -> None:
    write("a.yaml", VALUES_FOR_A_REMOVED_KPI)
    result = run("report", "a.yaml", "--checklists", str(KPIS), "-o", "-")
    assert result.exit_code == 0, result.output
    assert (
        "  | KPI | This period's value | Comment |\n"
        "  |:---|:---|:---|\n"
        "  | Reply time | 5 | — |\n"
        "  | Old KPI (removed) | 2 | dropped in May |\n"
    ) in result.stdout


def test_a_for_each_table_in_json_and_html(write: Writer) -> None:
    write("a.yaml", VALUES_FOR_A_REMOVED_KPI)
    data = json.loads(
        run("report", "a.yaml", "--checklists", str(KPIS), "-f", "json", "-o", "-").stdout
    )
    table = data["sections"][0]["questions"][2]["table"]
    assert table == {
        "columns": ["KPI", "This period's value", "Comment"],
        "rows": [["Reply time", "5", "—"], ["Old KPI (removed)", "2", "dropped in May"]],
    }
    html = run("report", "a.yaml", "--checklists", str(KPIS), "-f", "html", "-o", "-").stdout
    assert "<tr><td>Old KPI (removed)</td><td>2</td><td>dropped in May</td></tr>" in html


def test_a_for_each_table_without_its_list_is_headed_for(
    kpi_set: checklist_set.ChecklistSet,
) -> None:
    question = kpi_set.section("kpis").section.question("kpi_values")
    assert isinstance(question, ListQuestion)
    items = [{"item": "Old KPI", "value": 2, "comment": None}]
    assert question.table(items) == (
        ["For", "This period's value", "Comment"],
        [["Old KPI", "2", "—"]],
    )


def test_the_brief_marks_the_removed_items_of_a_for_each_table(write: Writer) -> None:
    fixture = (KPIS / "kpis.yaml").read_text(encoding="utf-8")
    write(
        "lists/kpis.yaml",
        fixture.replace(
            "    for_each: kpis.kpi_list\n",
            "    for_each: kpis.kpi_list\n    brief:\n      part: goals\n",
        ),
    )
    write("a.yaml", VALUES_FOR_A_REMOVED_KPI)
    result = run("brief", "a.yaml", "--checklists", "lists", "-o", "-")
    assert (
        "  | KPI | This period's value | Comment |\n"
        "  |:---|:---|:---|\n"
        "  | Reply time | 5 | — |\n"
        "  | Old KPI (removed) | 2 | dropped in May |\n"
    ) in result.stdout


def test_a_number_too_large_where_questions_is_not_a_list_is_located(
    write: Writer, tmp_path: Path
) -> None:
    """Found by the property test: naming the question the number is in must not assume
    that 'questions' is a list."""
    write("odd/x.yaml", "questions:\n  id: 1000000000000001.0\n")
    with pytest.raises(ChecklistError) as caught:
        checklist_set.load(folders=[tmp_path / "odd"])
    assert [str(problem) for problem in caught.value.problems][:1] == [
        "odd/x.yaml:2:7: this number is too large (at most 1,000,000,000,000,000)"
    ]
