"""The cache of checked checklist files: same results, never stale, never trusted blindly."""

from __future__ import annotations

import os
import pickle
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from outsource_cli import cache, checklist_set, dates
from outsource_cli.errors import ChecklistError
from outsource_cli.expressions import Namespace

from ..helpers import Writer, invoke

GOALS = """\
id: goals
title: Goals
order: 1
questions:
  - id: has_staff
    prompt: Does anyone do this work today?
    type: yes_no
  - id: hours
    prompt:
      - {when: "goals.has_staff", text: How many hours a week does it take them?}
      - {text: How many hours a week?}
    type: number
    when: "goals.has_staff"
    weight: "2 if goals.has_staff else 1"
    score: "1 if value <= 10 else 0"
computed:
  - id: yearly
    label: Hours a year
    expression: "goals.hours * 52"
"""

USES_GOALS = """\
id: budget
title: Budget
order: 2
questions:
  - id: priced
    prompt: Have you priced it?
    type: yes_no
    when: "goals.has_staff"
"""


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(folder))
    return folder


def entries(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("checklists-*/*.pickle"))


def load(folder: Path) -> checklist_set.ChecklistSet:
    return checklist_set.load(folders=[folder])


def failure(folder: Path) -> list[str]:
    with pytest.raises(ChecklistError) as caught:
        load(folder)
    return [str(problem) for problem in caught.value.problems]


def test_a_valid_file_is_stored_once_and_loads_the_same(write: Writer, cache_dir: Path) -> None:
    folder = write("sets/goals.yaml", GOALS).parent
    first = load(folder)
    assert len(entries(cache_dir)) == 1
    second = load(folder)
    assert len(entries(cache_dir)) == 1
    assert second.sections[0].section == first.sections[0].section
    assert second.sections[0].file == "sets/goals.yaml"
    scope = {"goals": Namespace(has_staff=True, hours=12)}
    before, after = first.expressions, second.expressions
    assert before.keys() == after.keys()
    assert {inside for _, _, inside in before} == {
        ("when",),
        ("score",),
        ("prompt", 0, "when"),
        ("weight",),
        ("expression",),
    }
    assert second.varied == first.varied == {("goals", "hours")}
    for key, compiled in before.items():
        cached = after[key]
        assert (cached.line, cached.column) == (compiled.line, compiled.column)
        assert cached.expression.evaluate(scope, 12) == compiled.expression.evaluate(scope, 12)


def plant(path: Path, cache_dir: Path, title: str) -> Path:
    """Load the file once, then store a copy of it with another title; the entry's path."""
    load(path.parent)
    (entry,) = entries(cache_dir)
    stored = pickle.loads(entry.read_bytes())
    changed = stored.section.model_copy(update={"title": title})
    cache.Store().put(
        path.read_bytes(),
        cache.CachedFile(changed, stored.marks, stored.expressions, stored.places),
    )
    return entry


def test_the_stored_copy_is_what_a_run_uses(write: Writer, cache_dir: Path) -> None:
    path = write("sets/goals.yaml", GOALS)
    plant(path, cache_dir, "Stored title")
    assert load(path.parent).sections[0].section.title == "Stored title"


def test_an_edited_file_is_read_again(write: Writer, cache_dir: Path) -> None:
    path = write("sets/goals.yaml", GOALS)
    load(path.parent)
    path.write_text(GOALS.replace("title: Goals", "title: New goals"), encoding="utf-8")
    assert load(path.parent).sections[0].section.title == "New goals"
    assert len(entries(cache_dir)) == 2


def test_a_file_with_problems_is_never_stored(write: Writer, cache_dir: Path) -> None:
    folder = write("sets/goals.yaml", GOALS.replace("value <= 10", "value <= 10 0")).parent
    first = failure(folder)
    assert entries(cache_dir) == []
    assert failure(folder) == first
    assert first == ["sets/goals.yaml:15:12: question 'hours': unexpected '0' after the expression"]


def test_problems_across_files_are_located_in_a_stored_file(
    write: Writer, cache_dir: Path, tmp_path: Path
) -> None:
    write("sets/goals.yaml", GOALS)
    write("sets/budget.yaml", USES_GOALS)
    load(tmp_path / "sets")
    assert len(entries(cache_dir)) == 2
    (tmp_path / "sets/goals.yaml").unlink()
    expected = [
        "sets/budget.yaml:8:11: question 'priced': 'when': 'goals.has_staff' refers to a "
        "section 'goals' that does not exist (sections: budget)"
    ]
    assert failure(tmp_path / "sets") == expected
    os.environ[cache.NO_CACHE_ENV] = "1"
    try:
        assert failure(tmp_path / "sets") == expected
    finally:
        del os.environ[cache.NO_CACHE_ENV]


def test_a_stored_file_with_a_clashing_id_is_located(
    write: Writer, cache_dir: Path, tmp_path: Path
) -> None:
    write("sets/a.yaml", GOALS)
    load(tmp_path / "sets")
    write("sets/b.yaml", GOALS)
    assert failure(tmp_path / "sets") == [
        "sets/b.yaml:1:5: the section id 'goals' is already used by sets/a.yaml"
    ]


def test_the_same_content_in_two_places_keeps_each_name(write: Writer, cache_dir: Path) -> None:
    write("one/budget.yaml", USES_GOALS)
    write("two/budget.yaml", USES_GOALS)
    first, second = failure(Path("one")), failure(Path("two"))
    assert len(entries(cache_dir)) == 1
    assert first[0].startswith("one/budget.yaml:8:11: ")
    assert second[0].startswith("two/budget.yaml:8:11: ")


@pytest.mark.parametrize("damage", [b"", b"not a pickle", pickle.dumps({"some": "thing"})])
def test_a_damaged_entry_is_ignored_and_replaced(
    write: Writer, cache_dir: Path, damage: bytes
) -> None:
    folder = write("sets/goals.yaml", GOALS).parent
    load(folder)
    (entry,) = entries(cache_dir)
    entry.write_bytes(damage)
    assert load(folder).sections[0].section.title == "Goals"
    assert pickle.loads(entry.read_bytes()).section.title == "Goals"


def test_a_folder_others_can_write_to_is_not_used(write: Writer, cache_dir: Path) -> None:
    path = write("sets/goals.yaml", GOALS)
    entry = plant(path, cache_dir, "Planted")
    entry.parent.chmod(0o777)
    try:
        assert load(path.parent).sections[0].section.title == "Goals"
    finally:
        entry.parent.chmod(0o700)


def test_the_folder_is_created_private(write: Writer, cache_dir: Path) -> None:
    load(write("sets/goals.yaml", GOALS).parent)
    (entry,) = entries(cache_dir)
    assert entry.parent.stat().st_mode & 0o777 == 0o700


def test_no_cache_means_nothing_is_written(
    write: Writer, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.NO_CACHE_ENV, "1")
    load(write("sets/goals.yaml", GOALS).parent)
    assert not cache_dir.exists()


def test_a_cache_that_cannot_be_made_changes_nothing(
    write: Writer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = write("not-a-folder", "a file where the cache folder would go")
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(blocker))
    assert load(write("sets/goals.yaml", GOALS).parent).ids() == ["goals"]


def test_the_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.default_dir() == tmp_path / "xdg" / "outsource"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    assert cache.default_dir() == Path.home() / ".cache" / "outsource"


def test_old_entries_are_pruned(
    write: Writer, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 4)
    path = write("sets/goals.yaml", GOALS)
    for number in range(6):
        path.write_text(GOALS.replace("Goals", f"Goals {number}"), encoding="utf-8")
        load(tmp_path / "sets")
    assert 2 <= len(entries(cache_dir)) <= 4
    assert load(tmp_path / "sets").sections[0].section.title == "Goals 5"


def test_the_cli_gives_the_same_answer_from_the_cache(
    write: Writer, cache_dir: Path, runner: CliRunner
) -> None:
    write("sets/goals.yaml", GOALS)
    write("sets/budget.yaml", USES_GOALS)
    first = invoke(runner, "checklists", "validate", "--checklists", "sets")
    second = invoke(runner, "checklists", "validate", "--checklists", "sets")
    assert first.exit_code == second.exit_code == 0
    assert first.output == second.output
    assert "All valid: 2 sections, 3 questions." in second.output


def test_a_changed_template_is_read_again(
    write: Writer, cache_dir: Path, runner: CliRunner
) -> None:
    write("answers.yaml", "format: 1\nanswers:\n  goals:\n    has_staff: false\n")
    write("sets/goals.yaml", GOALS)
    template = write("mine/report.md.j2", "Score: {{ overall.score }}\n")
    args = ["report", "answers.yaml", "--checklists", "sets", "--template", str(template)]
    invoke(runner, *args, "-o", "one.md")
    assert Path("one.md").read_text(encoding="utf-8") == "Score: 0.0\n"
    template.write_text("Verdict: {{ overall.verdict }}\n", encoding="utf-8")
    invoke(runner, *args, "-o", "two.md")
    assert Path("two.md").read_text(encoding="utf-8") == "Verdict: not-ready\n"
    assert not list(cache_dir.glob("templates-*/*")), "a user's template is never kept compiled"


def test_the_builtin_templates_are_kept_compiled(
    write: Writer, cache_dir: Path, runner: CliRunner
) -> None:
    write("answers.yaml", "format: 1\nanswers:\n  goals:\n    has_staff: false\n")
    write("sets/goals.yaml", GOALS)
    for name in ("one.md", "two.md", "one.html", "two.html"):
        invoke(runner, "report", "answers.yaml", "--checklists", "sets", "-o", name)
    assert len(list(cache_dir.glob("templates-*/*"))) == 4  # both reports, style, macros
    assert Path("one.md").read_text(encoding="utf-8") == Path("two.md").read_text(encoding="utf-8")
    assert Path("one.html").read_text(encoding="utf-8") == Path("two.html").read_text(
        encoding="utf-8"
    )


def test_an_expression_two_stored_files_share_works_in_each(write: Writer, cache_dir: Path) -> None:
    """Stored copies of the same expression text share their code: each still reads its
    own section's answers, and is placed in its own file."""
    write("sets/goals.yaml", GOALS)
    other = GOALS.replace("id: goals", "id: other").replace("order: 1", "order: 3")
    other = other.replace("goals.", "other.")
    folder = write("sets/other.yaml", other).parent
    load(folder)
    stored = load(folder)
    scores = {
        section: stored.expression(section, "hours", "score") for section in ("goals", "other")
    }
    assert scores["goals"] is not None and scores["other"] is not None
    assert scores["goals"].file == "sets/goals.yaml"
    assert scores["other"].file == "sets/other.yaml"
    names = {
        "goals": Namespace(has_staff=True, hours=4),
        "other": Namespace(has_staff=False, hours=40),
    }
    assert scores["goals"].expression.evaluate(names, 4).value == 1
    assert scores["other"].expression.evaluate(names, 40).value == 0
    weights = [stored.expression(s, "hours", "weight") for s in ("goals", "other")]
    assert [w.expression.evaluate(names).value for w in weights if w] == [2, 1]


def test_a_stored_expression_reads_today_when_it_runs(write: Writer, cache_dir: Path) -> None:
    """The cache keeps compiled expressions, never the date they were stored on."""
    text = (
        GOALS
        + "  - id: wait\n    label: Days\n    expression: \"today | days_between('2026-12-25')\"\n"
    )
    folder = write("sets/goals.yaml", text).parent
    dates.set_today(date(2026, 12, 1))
    load(folder)
    dates.set_today(date(2026, 12, 20))
    stored = load(folder).expression("goals", "wait", "expression")
    assert len(entries(cache_dir)) == 1 and stored is not None
    assert stored.expression.evaluate({"goals": Namespace()}).value == 5
