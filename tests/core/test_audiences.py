"""Candidate sections and the `brief` key: loaded, checked with file:line, stored apart."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from outsource_cli import answers as answers_module
from outsource_cli import answers_saving, checklist_set
from outsource_cli.assessment import assess
from outsource_cli.errors import AnswersError, ChecklistError

from ..helpers import DATA, Writer, flat, run

CANDIDATES = DATA / "candidates"
FOLDER = CANDIDATES / "checklists"


@pytest.fixture
def the_set() -> checklist_set.ChecklistSet:
    return checklist_set.load(folders=[FOLDER])


def problems_in(folder: Path) -> list[str]:
    with pytest.raises(ChecklistError) as caught:
        checklist_set.load(folders=[folder])
    return [str(problem) for problem in caught.value.problems]


def test_candidate_sections_are_kept_apart_from_the_interview(
    the_set: checklist_set.ChecklistSet,
) -> None:
    assert the_set.ids() == ["work"]
    assert the_set.candidate_ids() == ["vetting"]
    assert the_set.for_candidates().ids() == ["work", "vetting"]
    assert the_set.question_count() == 4


def test_a_candidate_section_sorts_after_every_owner_section(write: Writer) -> None:
    shutil.copytree(FOLDER, "set")
    text = Path("set/vetting.yaml").read_text(encoding="utf-8")
    Path("set/vetting.yaml").write_text("order: -5\n" + text, encoding="utf-8")
    assert checklist_set.load(folders=[Path("set")]).for_candidates().ids() == ["work", "vetting"]


def test_an_owner_question_cannot_read_a_candidate_reply(write: Writer) -> None:
    shutil.copytree(FOLDER, "set")
    write(
        "set/later.yaml",
        """
        id: later
        title: Later
        order: 5
        questions:
          - id: q
            type: yes_no
            prompt: P?
            when: vetting.references
        """,
    )
    assert any(
        problem.startswith("set/later.yaml:8:")
        and "'vetting.references' is in a candidate section" in flat(problem)
        and "only a section with 'audience: candidate' may read it" in flat(problem)
        for problem in problems_in(Path("set"))
    )


@pytest.mark.parametrize(
    ("brief", "audience", "expected"),
    [
        (
            "{text: We do it.}",
            "owner",
            "8:12: question 'q': an owner's question in the brief needs a 'part'",
        ),
        ("{part: scope, yes: We do.}", "owner", "'yes' is for yes/no questions"),
        ("{part: scope, text: 'We {do} it.'}", "owner", "{do} is not a placeholder"),
        ("{part: scope}", "candidate", "goes in the part 'questions' of the brief"),
        ("{text: 'We have {answer}.'}", "candidate", "remove {answer}"),
        ("{part: nowhere}", "owner", "'part' must be 'about', 'work', 'scope'"),
        ("{part: scope, colour: red}", "owner", "unknown key 'colour'"),
        ("{part: scope, ask: false}", "owner", "'ask' is for a candidate section's questions"),
    ],
)
def test_each_brief_key_problem_is_located(
    write: Writer, brief: str, audience: str, expected: str
) -> None:
    write(
        "set/s.yaml",
        f"""
        id: s
        title: S
        audience: {audience}
        questions:
          - id: q
            type: text
            prompt: P?
            brief: {brief}
        """,
    )
    found = problems_in(Path("set"))
    assert any(
        problem.startswith("set/s.yaml:") and expected in flat(problem) for problem in found
    ), found


def test_a_brief_placeholder_must_name_an_answer(write: Writer) -> None:
    write(
        "set/s.yaml",
        """
        id: s
        title: S
        questions:
          - id: q
            type: text
            prompt: P?
            brief: {part: about, text: "We are {s.nothing}."}
        """,
    )
    found = problems_in(Path("set"))
    assert any(
        problem.startswith("set/s.yaml:7:")
        and "'brief': the placeholder {s.nothing}" in flat(problem)
        for problem in found
    ), found


def test_candidate_replies_round_trip_under_their_names(
    tmp_path: Path, the_set: checklist_set.ChecklistSet
) -> None:
    path = tmp_path / "a.yaml"
    shutil.copy(CANDIDATES / "answers.yaml", path)
    first = answers_module.load(path, the_set).answers
    assert set(first.candidates) == {"Acme Books Ltd", "123"}
    assert first.candidates["123"] == {"vetting": {"references": False, "certified": False}}
    view = first.for_candidate('Ünal & Söhne: "IT"', the_set.candidate_ids())
    view.set("vetting", "references", True)
    answers_saving.save(path, view.stored(), the_set)
    second = answers_module.load(path, the_set).answers
    assert second.candidates == {
        **first.candidates,
        'Ünal & Söhne: "IT"': {"vetting": {"references": True}},
    }
    assert second.values == first.values  # the owner's own answers are untouched
    assert second.checklists["vetting"] == 1


def test_a_candidate_view_reads_the_owner_answers_but_writes_only_replies(
    the_set: checklist_set.ChecklistSet,
) -> None:
    owner = answers_module.load(CANDIDATES / "answers.yaml", the_set).answers
    view = owner.for_candidate("123", the_set.candidate_ids())
    assert view.get("work", "kind") == "books"
    with pytest.raises(ValueError, match="not a candidate section"):
        view.set("work", "kind", "it")
    result = assess(the_set.for_candidates(), view, only=the_set.candidate_ids())
    assert [blocker.question.id for blocker in result.blockers] == ["references"]
    # the variant reads the owner's task: bookkeeping, not IT
    prompts = {item.question.id: item.prompt for item in result.sections[0].questions}
    assert prompts["certified"] == "Are they certified bookkeepers?"
    view.unset("vetting", "references")
    view.unset("vetting", "certified")
    assert "123" not in owner.candidates


def test_the_owner_score_ignores_candidate_replies(the_set: checklist_set.ChecklistSet) -> None:
    owner = answers_module.load(CANDIDATES / "answers.yaml", the_set).answers
    before = assess(the_set, owner)
    owner.candidates.clear()
    assert assess(the_set, owner).raw_score == before.raw_score
    assert [section.loaded.section.id for section in before.sections] == ["work"]


def test_a_bad_candidate_reply_is_located(
    write: Writer, the_set: checklist_set.ChecklistSet
) -> None:
    path = write(
        "a.yaml",
        """
        format: 1
        candidates:
          Acme:
            vetting:
              references: perhaps
            nowhere:
              q: 1
        """,
    )
    with pytest.raises(AnswersError) as caught:
        answers_module.load(path, the_set)
    assert [str(problem) for problem in caught.value.problems] == [
        "a.yaml:5:19: the replies of 'Acme': 'vetting.references': expected yes or no (true or false), not "
        "the text 'perhaps'"
    ]


def test_a_reply_for_an_unknown_section_is_kept_with_a_warning(
    write: Writer, the_set: checklist_set.ChecklistSet
) -> None:
    path = write("a.yaml", "format: 1\ncandidates:\n  Acme:\n    nowhere:\n      q: 1\n")
    loaded = answers_module.load(path, the_set)
    assert loaded.warnings == (
        "a.yaml:4: the replies of 'Acme' for section 'nowhere' are kept, but no candidate "
        "section has that id, so they are not scored",
    )
    assert loaded.answers.candidates == {"Acme": {"nowhere": {"q": 1}}}


def test_check_names_the_way_to_answer_a_candidate_section() -> None:
    result = run("check", "vetting", "--checklists", str(FOLDER), "--answers", "x.yaml")
    assert result.exit_code != 0
    assert "section 'vetting' is about each candidate partner" in flat(result.output)
    assert "outsource check --candidate NAME" in flat(result.output)


def test_checklists_list_shows_candidate_sections_apart() -> None:
    result = run("checklists", "list", "--checklists", str(FOLDER))
    assert result.exit_code == 0
    before, _, after = flat(result.output).partition("Asked once for each candidate partner")
    assert "work" in before and "vetting" not in before
    assert "vetting" in after


def test_a_candidate_list_left_in_the_middle_is_remembered_for_that_candidate(
    tmp_path: Path, write: Writer
) -> None:
    write(
        "set/refs.yaml",
        """
        id: refs
        title: References
        audience: candidate
        questions:
          - id: people
            type: list
            prompt: Whom did they name?
            fields:
              - {id: name, type: text, label: Name}
        """,
    )
    the_set = checklist_set.load(folders=[Path("set")])
    path = tmp_path / "a.yaml"
    owner = answers_module.Answers()
    view = owner.for_candidate("Acme", the_set.candidate_ids())
    view.set("refs", "people", [{"name": "Jo"}])
    view.mark_unfinished("refs", "people", True)
    answers_saving.save(path, view.stored(), the_set)
    again = answers_module.load(path, the_set).answers
    assert again.unfinished == []  # the owner's own lists are not touched
    assert again.for_candidate("Acme", ["refs"]).is_unfinished("refs", "people")
    assert not again.for_candidate("Other", ["refs"]).is_unfinished("refs", "people")
    finished = again.for_candidate("Acme", ["refs"])
    finished.mark_unfinished("refs", "people", False)
    answers_saving.save(path, finished.stored(), the_set)
    assert "candidates_unfinished" not in path.read_text()


def test_a_mark_naming_no_candidate_list_is_left_out_with_a_warning(
    tmp_path: Path, the_set: checklist_set.ChecklistSet
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        (CANDIDATES / "answers.yaml").read_text()
        + "candidates_unfinished:\n  Acme Books Ltd: [vetting.references, work.kind]\n"
    )
    loaded = answers_module.load(path, the_set)
    assert loaded.answers.candidates_unfinished == {"Acme Books Ltd": []}
    assert sum("names no list question of a candidate section" in w for w in loaded.warnings) == 2
