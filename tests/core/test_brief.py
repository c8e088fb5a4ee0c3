"""The brief's data: what goes in each part, what is left out, and what is still to settle."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from outsource_cli import answers as answers_module
from outsource_cli import checklist_set
from outsource_cli.report.brief import Brief, brief_data
from outsource_cli.report.brief_data import BriefData

from ..helpers import DATA, Writer

BRIEF = DATA / "brief"
FOLDER = BRIEF / "checklists"


def brief_of(
    answers: Path = BRIEF / "answers.yaml",
    folder: Path = FOLDER,
    *,
    include_budget: bool = False,
    answers_file: Path = Path("outsource-answers.yaml"),
) -> Brief:
    the_set = checklist_set.load(folders=[folder])
    loaded = answers_module.load(answers, the_set)
    return brief_data(
        the_set, loaded.answers, include_budget=include_budget, answers_file=answers_file
    )


def entries(data: BriefData) -> dict[str, list[str]]:
    """Each part's sentences, by part id."""
    return {part["id"]: [entry["text"] for entry in part["entries"]] for part in data["parts"]}


def test_each_answer_goes_in_its_part_in_checklist_order() -> None:
    data = brief_of().data
    assert [part["id"] for part in data["parts"]] == [
        "about",
        "work",
        "scope",
        "goals",
        "terms",
        "questions",
        "reply",
    ]
    assert entries(data) == {
        "about": ["Business: Hill Street Books", "We are a shop selling used books."],
        "work": [
            "We are looking for a partner for our Bookkeeping.",
            "We would like to start on 2027-02-01, for Bookkeeping.",
            "How many hours a week is the work?: 12 hours a week",
        ],
        "scope": ["In scope: Monthly accounts and payroll"],
        "goals": ["How we will measure the work:"],
        "terms": ["At the end of the work, we will ask for help handing it over."],
        "questions": [],
        "reply": ["Please reply by email before 1 March."],
    }


def test_fully_answered_is_no_draft() -> None:
    made = brief_of()
    assert made.data["draft"] is False
    assert made.data["to_settle"] == []
    assert made.warnings == ()
    assert made.summary == "ready to send."


def test_a_list_answer_is_a_table_with_its_fields() -> None:
    goals = next(part for part in brief_of().data["parts"] if part["id"] == "goals")
    assert goals["entries"][0]["table"] == {
        "columns": ["What we measure", "Target"],
        "rows": [["Days to close the month", "5"], ["Errors found", "0"]],
    }


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("yes", ["At the end of the work, we will ask for help handing it over."]),
        ("no", ["We will not need help handing the work over."]),
    ],
)
def test_a_yes_no_answer_writes_its_sentence(
    write: Writer, answer: str, expected: list[str]
) -> None:
    text = (BRIEF / "answers.yaml").read_text(encoding="utf-8")
    path = write("a.yaml", text.replace("handover: yes", f"handover: {answer}"))
    assert entries(brief_of(path).data)["terms"] == expected


def test_a_yes_no_answer_without_its_sentence_writes_nothing(write: Writer) -> None:
    text = (BRIEF / "answers.yaml").read_text(encoding="utf-8")
    path = write("a.yaml", text.replace("nda: no", "nda: yes"))
    assert entries(brief_of(path).data)["data"] == [
        "We will ask you to sign a confidentiality agreement."
    ]
    assert "data" not in entries(brief_of().data)  # nda: no, and no 'no' sentence


def test_candidate_questions_are_numbered_across_sections() -> None:
    questions = next(part for part in brief_of().data["parts"] if part["id"] == "questions")
    assert [
        (group["title"], [(q["number"], q["text"]) for q in group["questions"]])
        for group in questions["groups"]
    ] == [
        ("Skills", [(1, "Are your bookkeepers certified?")]),
        ("References", [(2, "Please give us two clients like us whom we may call.")]),
    ]


def test_a_candidate_prompt_follows_the_task_kind(write: Writer) -> None:
    text = (BRIEF / "answers.yaml").read_text(encoding="utf-8")
    path = write("a.yaml", text.replace("task_kind: books", "task_kind: it"))
    questions = next(part for part in brief_of(path).data["parts"] if part["id"] == "questions")
    asked = [q["text"] for group in questions["groups"] for q in group["questions"]]
    # 'tools' applies for IT; 'references_good' reads a reply and 'replies_fast' is ask: false
    assert asked == [
        "Do your engineers hold current certifications?",
        "Which tools do you use?",
        "Please give us two clients like us whom we may call.",
    ]


def test_one_candidate_section_has_no_group_title() -> None:
    the_set = checklist_set.load(folders=[DATA / "candidates" / "checklists"])
    answers = answers_module.load(DATA / "candidates" / "answers.yaml", the_set).answers
    data = brief_data(the_set, answers).data
    questions = next(part for part in data["parts"] if part["id"] == "questions")
    assert [group["title"] for group in questions["groups"]] == [None]
    assert [q["number"] for q in questions["groups"][0]["questions"]] == [1, 2, 3]


def test_an_unanswered_point_is_to_settle(write: Writer) -> None:
    text = (BRIEF / "answers.yaml").read_text(encoding="utf-8")
    path = write("a.yaml", text.replace("    in_scope: Monthly accounts and payroll\n", ""))
    made = brief_of(path)
    assert made.data["draft"] is True
    assert made.data["texts"]["draft"] == (
        "Draft: 1 point is still to settle; it is listed at the end."
    )
    assert made.data["to_settle"] == [
        {
            "part": "scope",
            "part_title": "Scope",
            "section": "fit",
            "question": "in_scope",
            "prompt": "What is in scope?",
            "command": "outsource check fit",
        }
    ]
    assert made.warnings == (
        "still to settle for the brief (Scope): What is in scope? (fit.in_scope); run: "
        "outsource check fit",
    )
    assert "scope" not in entries(made.data)


def test_a_point_skipped_before_is_settled_by_going_through_it_again(write: Writer) -> None:
    text = (BRIEF / "answers.yaml").read_text(encoding="utf-8")
    skipped = text.replace("in_scope: Monthly accounts and payroll", "in_scope: null")
    made = brief_of(write("a.yaml", skipped))
    # a skip is stored: 'outsource check fit' alone would not ask it again
    assert [item["command"] for item in made.data["to_settle"]] == ["outsource check fit --review"]


def test_a_placeholder_naming_an_unanswered_question_is_to_settle(write: Writer) -> None:
    text = (BRIEF / "answers.yaml").read_text(encoding="utf-8")
    path = write("a.yaml", text.replace("    task_kind: books\n", ""))
    made = brief_of(path)
    settle = [(item["section"], item["question"], item["part"]) for item in made.data["to_settle"]]
    assert settle == [("fit", "task_kind", "work")]
    assert entries(made.data)["work"] == ["How many hours a week is the work?: 12 hours a week"]


def test_no_business_name_is_to_settle(write: Writer) -> None:
    text = (BRIEF / "answers.yaml").read_text(encoding="utf-8")
    path = write("mine.yaml", text.replace("business: Hill Street Books\n", ""))
    made = brief_of(path, answers_file=Path("mine.yaml"))
    assert [item["command"] for item in made.data["to_settle"]] == [
        "outsource check --business NAME --answers mine.yaml"
    ]
    assert "business" in made.data["to_settle"][0]["prompt"]


def test_the_working_stage_says_the_brief_is_for_a_new_partner(write: Writer) -> None:
    text = (BRIEF / "answers.yaml").read_text(encoding="utf-8")
    path = write("a.yaml", text.replace("stage: exploring", "stage: working"))
    assert brief_of(path).data["working"] is True
    assert brief_of().data["working"] is False


def test_the_budget_is_left_out_unless_asked_for() -> None:
    assert "choosing" not in entries(brief_of().data)
    assert entries(brief_of(include_budget=True).data)["choosing"] == ["Our budget: 48,250 USD"]


def test_a_placeholder_showing_the_budget_is_left_out(write: Writer, tmp_path: Path) -> None:
    shutil.copytree(FOLDER, "set")
    text = Path("set/fit.yaml").read_text(encoding="utf-8")
    Path("set/fit.yaml").write_text(
        text.replace('text: "{answer}"', 'text: "{answer} We can spend {budget.annual_budget}."'),
        encoding="utf-8",
    )
    made = brief_of(folder=Path("set"))
    assert "reply" not in entries(made.data)
    assert "add --include-budget" in made.warnings[0]
    assert entries(brief_of(folder=Path("set"), include_budget=True).data)["reply"] == [
        "Please reply by email before 1 March. We can spend 48,250 USD."
    ]


def test_an_answer_is_never_read_as_a_placeholder(write: Writer) -> None:
    text = (BRIEF / "answers.yaml").read_text(encoding="utf-8")
    path = write("a.yaml", text.replace("a shop selling used books", "'{budget.annual_budget}'"))
    assert entries(brief_of(path).data)["about"][1] == "We are {budget.annual_budget}."


def test_not_applicable_is_left_out_and_not_to_settle(write: Writer) -> None:
    text = (BRIEF / "answers.yaml").read_text(encoding="utf-8")
    path = write("a.yaml", text.replace("hours: 12", "hours: n/a"))
    set_folder = Path("set")
    shutil.copytree(FOLDER, set_folder)
    fit = (set_folder / "fit.yaml").read_text(encoding="utf-8")
    (set_folder / "fit.yaml").write_text(
        fit.replace("    unit: hours a week\n", "    unit: hours a week\n    allow_na: true\n"),
        encoding="utf-8",
    )
    made = brief_of(path, folder=set_folder)
    assert made.data["to_settle"] == []
    assert not any("hours" in text for text in entries(made.data)["work"])
