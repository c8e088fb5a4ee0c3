"""Candidate partners in one answers file: names checked, ranked, compared and rendered."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

from outsource_cli import candidates, checklist_set
from outsource_cli.answers import MAX_CANDIDATE_NAME, MAX_CANDIDATES
from outsource_cli.candidate_interview import candidate_sections, check_name
from outsource_cli.errors import AnswerRefused, NotFoundError

from ..helpers import DATA, Writer, flat

FOLDER = DATA / "candidates" / "checklists"
OWNER = """\
format: 1
answers:
  work: {kind: books}
"""


@pytest.fixture
def the_set() -> checklist_set.ChecklistSet:
    return checklist_set.load(folders=[FOLDER])


def ranking(
    write: Writer, the_set: checklist_set.ChecklistSet, replies: str
) -> candidates.CandidatesData:
    """The ranking of an answers file holding the owner's answers and these replies."""
    path = write(
        "a.yaml", OWNER + "candidates:\n" + textwrap.indent(textwrap.dedent(replies), "  ")
    )
    data, _ = candidates.load_ranking(path, the_set)
    return data


def names(data: candidates.CandidatesData) -> list[str]:
    return [item["name"] for item in data["candidates"]]


def test_a_knock_out_ranks_below_a_lower_score_without_one(
    write: Writer, the_set: checklist_set.ChecklistSet
) -> None:
    data = ranking(
        write,
        the_set,
        """
        Shiny:
          vetting: {references: no, certified: yes, replies_fast: 5}
        Plain:
          vetting: {references: yes, references_good: no, certified: no, replies_fast: 2}
        """,
    )
    shiny, plain = sorted(data["candidates"], key=lambda item: item["name"], reverse=True)
    assert shiny["score"] is not None and plain["score"] is not None
    assert shiny["score"] > plain["score"]
    assert names(data) == ["Plain", "Shiny"]
    assert [item["rank"] for item in data["candidates"]] == [1, 2]
    assert shiny["knockouts"] == [
        {
            "section": "vetting",
            "question": "references",
            "prompt": "Did they give two references from similar clients, and did you call them?",
        }
    ]
    assert shiny["knockout_count"] == 1 and plain["knockouts"] == []


def test_a_tie_on_score_goes_by_name_case_aside_then_exactly(
    write: Writer, the_set: checklist_set.ChecklistSet
) -> None:
    same = "{vetting: {references: yes, references_good: yes, certified: yes, replies_fast: 3}}"
    data = ranking(
        write,
        the_set,
        f"""
        beta: {same}
        Beta: {same}
        Alpha: {same}
        """,
    )
    assert names(data) == ["Alpha", "Beta", "beta"]


def test_an_unanswered_critical_question_is_still_to_ask_not_a_knock_out(
    write: Writer, the_set: checklist_set.ChecklistSet
) -> None:
    data = ranking(write, the_set, "Early:\n  vetting: {certified: yes}\n")
    (early,) = data["candidates"]
    assert early["knockouts"] == []
    assert [item["question"] for item in early["critical_to_ask"]] == ["references"]
    assert early["to_ask"] == 2  # references, replies_fast; references_good does not apply


def test_strongest_and_weakest_points(write: Writer, the_set: checklist_set.ChecklistSet) -> None:
    data = ranking(
        write,
        the_set,
        "Acme:\n  vetting: {references: yes, references_good: yes, certified: no, replies_fast: 4}\n",
    )
    (acme,) = data["candidates"]
    assert [p["question"] for p in acme["strongest"]] == ["references", "references_good"]
    assert [(p["question"], p["answer_text"]) for p in acme["weakest"]] == [
        ("certified", "No"),
        ("replies_fast", "4 of 5"),
    ]


def test_differences_list_every_candidate_with_none_for_no_answer(
    write: Writer, the_set: checklist_set.ChecklistSet
) -> None:
    data = ranking(
        write,
        the_set,
        """
        A:
          vetting: {references: yes, references_good: yes, certified: yes, replies_fast: 4}
        B:
          vetting: {references: yes, references_good: yes, certified: no}
        C:
          vetting: {references: yes}
        """,
    )
    assert [(d["question"], d["answers"]) for d in data["differences"]] == [
        ("certified", {"A": "Yes", "B": "No", "C": None}),
    ]
    # replies_fast: only A answered, so there is nothing to set side by side
    assert data["differences"][0]["section_title"] == "Vetting each candidate"


def test_json_keys(write: Writer, the_set: checklist_set.ChecklistSet) -> None:
    data = ranking(
        write, the_set, "A:\n  vetting: {references: no}\nB:\n  vetting: {references: yes}\n"
    )
    parsed: dict[str, Any] = json.loads(candidates.render(data, "json"))
    assert list(parsed) == [
        "format",
        "date",
        "business",
        "add_command",
        "candidates",
        "differences",
    ]
    assert list(parsed["candidates"][0]) == [
        "name",
        "rank",
        "score",
        "knockouts",
        "knockout_count",
        "sections",
        "strongest",
        "weakest",
        "to_ask",
        "critical_to_ask",
    ]
    assert list(parsed["candidates"][1]["knockouts"][0]) == ["section", "question", "prompt"]
    assert parsed["candidates"][0]["sections"] == [
        {"id": "vetting", "title": "Vetting each candidate", "score": 25.0}
    ]
    assert list(parsed["differences"][0]) == [
        "section",
        "question",
        "prompt",
        "section_title",
        "answers",
    ]
    assert parsed["differences"][0]["answers"] == {"B": "Yes", "A": "No"}


HOSTILE = "<script>alert(1)</script> | *bold* `x`"


def test_names_are_escaped_in_markdown_and_html(
    write: Writer, the_set: checklist_set.ChecklistSet
) -> None:
    data = ranking(
        write,
        the_set,
        f"'{HOSTILE}':\n  vetting: {{references: no}}\nB:\n  vetting: {{references: yes}}\n",
    )
    markdown = candidates.render(data, "md")
    assert "<script>" not in markdown
    assert "| 2 | &lt;script>alert(1)&lt;/script> \\| \\*bold\\* \\`x\\` |" in markdown
    page = candidates.render(data, "html")
    assert "<script>" not in page
    assert "<h3>&lt;script&gt;alert(1)&lt;/script&gt; | *bold* `x`</h3>" in page


def test_no_candidates_still_renders_a_document(
    write: Writer, the_set: checklist_set.ChecklistSet
) -> None:
    data, _ = candidates.load_ranking(write("a.yaml", OWNER), the_set)
    assert data["candidates"] == [] and data["differences"] == []
    assert "No candidate partners are recorded yet" in candidates.render(data, "md")
    assert "outsource check --candidate NAME" in flat(candidates.render(data, "html"))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("", "the candidate's name is empty"),
        ("   ", "the candidate's name is empty"),
        ("x" * (MAX_CANDIDATE_NAME + 1), f"a name may have at most {MAX_CANDIDATE_NAME}"),
        ("Acme\nLtd", "holds a control or invisible character ('\\n')"),
        ("Acme\u202eLtd", "holds a control or invisible character ('\\u202e')"),
    ],
)
def test_a_name_that_cannot_be_a_candidates_is_refused(name: str, expected: str) -> None:
    with pytest.raises(AnswerRefused) as refused:
        check_name(name)
    assert expected in refused.value.message


@pytest.mark.parametrize("name", ["123", "Ünal & Söhne", 'O\'Brien "IT"', "  spaced  "])
def test_any_printable_name_is_taken(name: str) -> None:
    check_name(name)


def test_one_candidate_too_many_is_refused_but_a_known_one_goes_on() -> None:
    recorded = [f"c{number}" for number in range(MAX_CANDIDATES)]
    check_name("c0", recorded)
    with pytest.raises(AnswerRefused, match=f"already holds {MAX_CANDIDATES} candidates"):
        check_name("new", recorded)


def test_sections_for_a_candidate(the_set: checklist_set.ChecklistSet) -> None:
    assert candidate_sections(the_set, []) == ("vetting",)
    assert candidate_sections(the_set, ["vetting", "vetting"]) == ("vetting",)
    with pytest.raises(NotFoundError) as owner:
        candidate_sections(the_set, ["work"])
    assert "section 'work' is in your own interview" in owner.value.message
    assert "The sections about candidates are: vetting." in owner.value.hint
    with pytest.raises(NotFoundError, match="there is no section 'nowhere'"):
        candidate_sections(the_set, ["nowhere"])


def test_a_set_without_candidate_sections_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "set"
    folder.mkdir()
    (folder / "work.yaml").write_bytes((FOLDER / "work.yaml").read_bytes())
    with pytest.raises(NotFoundError, match="has a section about candidate partners"):
        candidate_sections(checklist_set.load(folders=[folder]), [])
