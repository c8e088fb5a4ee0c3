"""`outsource compare`: progress over time and choosing a partner, in every format."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from outsource_cli import checklist_set
from outsource_cli.cli import app
from outsource_cli.compare import compare
from outsource_cli.errors import CompareError

from .. import helpers
from ..helpers import DATA, FIXTURES, Writer, flat, golden

COMPARE = DATA / "compare"


def run(*args: str) -> Result:
    return helpers.run(*args, *FIXTURES)


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A current folder holding the sample answers files under short names."""
    monkeypatch.chdir(tmp_path)
    for path in COMPARE.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


PROGRESS = ["compare", "january.yaml", "june.yaml"]
PARTNERS = ["compare", "--partners", "acme.yaml", "beacon.yaml", "june.yaml"]


@pytest.mark.usefixtures("files")
@pytest.mark.parametrize(
    ("args", "name"),
    [
        (PROGRESS, "compare-progress.txt"),
        (PARTNERS, "compare-partners.txt"),
        ([*PROGRESS, "-f", "md", "-o", "-"], "compare-progress.md"),
        ([*PARTNERS, "-f", "md", "-o", "-"], "compare-partners.md"),
        ([*PROGRESS, "-f", "json", "-o", "-"], "compare-progress.json"),
        ([*PARTNERS, "-f", "json", "-o", "-"], "compare-partners.json"),
        ([*PROGRESS, "-f", "html", "-o", "-"], "compare-progress.html"),
        ([*PARTNERS, "-f", "html", "-o", "-"], "compare-partners.html"),
    ],
)
def test_every_format_matches_its_golden_file(args: list[str], name: str) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.output
    golden(name, result.stdout)


@pytest.mark.usefixtures("files")
def test_progress_shows_what_changed_between_the_files() -> None:
    data = json.loads(run(*PROGRESS, "-f", "json", "-o", "-").stdout)
    assert data["overall"] == {"scores": [22.2, 79.6], "change": 57.4, "tones": ["poor", "fair"]}
    [change] = data["changes"]
    assert (change["from"], change["to"]) == ("january", "june")
    resolved = [item["question"] for item in change["blockers_resolved"]]
    assert resolved == ["objectives", "budget_set"]
    assert [item["question"] for item in change["blockers_still"]] == ["kpis"]
    assert change["blockers_new"] == []
    changed = {item["question"]: (item["from"], item["to"]) for item in change["answers_changed"]}
    assert changed["objectives"] == ("No", "Yes")
    assert changed["pricing"] == ("Not decided yet", "By the hour")
    assert "task" not in changed  # the same text both times
    assert data["notes"] == []


@pytest.mark.usefixtures("files")
def test_partners_are_ranked_by_verdict_then_blockers_then_score() -> None:
    data = json.loads(run(*PARTNERS, "-f", "json", "-o", "-").stdout)
    assert data["ranking"] == ["acme", "june", "beacon"]
    assert [item["rank"] for item in data["files"]] == [1, 3, 2]
    beacon = data["files"][1]
    assert beacon["verdict"] == "not-ready"
    assert [item["question"] for item in beacon["blockers"]] == ["kpis"]
    differing = {item["question"]: item["answers"] for item in data["differences"]}
    assert differing["kpis"] == ["Yes", "No", "Not answered"]
    assert differing["handover"] == ["Does not apply", "Does not apply", "Yes"]
    assert "objectives" not in differing  # every candidate answered yes


@pytest.mark.usefixtures("files")
def test_a_section_only_some_files_answer_is_left_out_with_a_note() -> None:
    data = json.loads(run(*PARTNERS, "-f", "json", "-o", "-").stdout)
    assert [section["id"] for section in data["sections"]] == ["goals"]
    [note] = data["notes"]
    assert "'Budget and cost' is answered only in acme and june, so it is left out" in note
    # acme's own report counts the budget too; here only the shared section counts
    assert data["files"][0]["score"] == data["sections"][0]["scores"][0]
    terminal = run(*PARTNERS).stdout
    assert "Note: 'Budget and cost' is answered only in acme and june" in " ".join(terminal.split())


def test_different_checklist_versions_are_compared_on_what_they_share(
    files: Path, fixture_set: checklist_set.ChecklistSet
) -> None:
    old = (files / "january.yaml").read_text(encoding="utf-8")
    old = old.replace("{goals: 3, budget: 1}", "{goals: 2, budget: 1}")
    old = old.replace("    confidence: 2\n", "").replace("    kpis: null\n", "")
    (files / "january.yaml").write_text(old, encoding="utf-8")
    data = compare([Path("january.yaml"), Path("june.yaml")], fixture_set).data
    [note] = data["notes"]
    assert note == (
        "'Goals and scope' was answered against different versions of its checklist "
        "(version 2 in january, version 3 in june), so it is compared on the 6 questions "
        "every file answers."
    )
    changed = [item["question"] for item in data["changes"][0]["answers_changed"]]
    assert "confidence" not in changed
    # kpis is left out, so the blocker it was in both files no longer counts
    assert data["changes"][0]["blockers_still"] == []
    assert data["files"][1]["blocker_count"] == 0


def test_the_same_version_keeps_every_question(
    files: Path, fixture_set: checklist_set.ChecklistSet
) -> None:
    text = (files / "january.yaml").read_text(encoding="utf-8").replace("    kpis: null\n", "")
    (files / "january.yaml").write_text(text, encoding="utf-8")
    data = compare([Path("january.yaml"), Path("june.yaml")], fixture_set).data
    assert data["notes"] == []
    assert [item["question"] for item in data["changes"][0]["blockers_still"]] == ["kpis"]


@pytest.mark.usefixtures("files")
def test_three_files_show_each_step_and_the_change_from_first_to_last() -> None:
    shutil.copy("june.yaml", "september.yaml")
    result = run("compare", "january.yaml", "june.yaml", "september.yaml")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "From january to june" in text
    assert "From june to september" in text
    assert "No answer changed." in text
    assert text.index("From january to june") < text.index("From june to september")
    data = json.loads(
        run(
            "compare", "january.yaml", "june.yaml", "september.yaml", "-o", "-", "-f", "json"
        ).stdout
    )
    assert data["overall"]["change"] == 57.4
    assert len(data["changes"]) == 2


@pytest.mark.usefixtures("files")
@pytest.mark.parametrize(
    ("args", "written", "fmt"),
    [
        (["-o", "progress.md"], "progress.md", "md"),
        (["-o", "progress.json"], "progress.json", "json"),
        (["-o", "progress.html"], "progress.html", "html"),
        (["--format", "json"], "outsource-compare.json", "json"),
        (["-f", "html"], "outsource-compare.html", "html"),
    ],
)
def test_a_file_is_written_in_the_format_asked_or_named(
    args: list[str], written: str, fmt: str
) -> None:
    result = run(*PROGRESS, *args)
    assert result.exit_code == 0, result.output
    assert f"Comparison written to {written}." in result.stdout
    text = Path(written).read_text(encoding="utf-8")
    starts = {"md": "# Outsourcing readiness", "json": "{", "html": "<!DOCTYPE html>"}
    assert text.startswith(starts[fmt])


@pytest.mark.usefixtures("files")
def test_the_terminal_view_writes_no_file(files: Path) -> None:
    before = sorted(path.name for path in files.iterdir())
    result = run(*PROGRESS)
    assert result.exit_code == 0
    assert "Progress over time: 2 answers files compared" in result.stdout
    assert sorted(path.name for path in files.iterdir()) == before


@pytest.mark.usefixtures("files")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["compare", "june.yaml"], "Error: give at least two answers files to compare"),
        (["compare", "june.yaml", "./june.yaml"], "Error: june.yaml is given twice"),
        (
            ["compare", "june.yaml", "missing.yaml"],
            "Error: there is no answers file at missing.yaml",
        ),
    ],
)
def test_files_that_cannot_be_compared_are_refused(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.output


def test_files_with_no_section_in_common_are_refused(write: Writer) -> None:
    write("goals.yaml", "format: 1\nanswers:\n  goals:\n    objectives: yes\n")
    write("budget.yaml", "format: 1\nanswers:\n  budget:\n    budget_set: yes\n")
    result = run("compare", "goals.yaml", "budget.yaml")
    assert result.exit_code == 2
    assert "these files have no section in common" in result.output
    assert "outsource check partner contract --answers acme.yaml" in result.output


def test_two_files_with_the_same_name_and_business_are_told_apart_by_their_folder(
    write: Writer,
) -> None:
    write("a/plan.yaml", (COMPARE / "january.yaml").read_text(encoding="utf-8"))
    write("b/plan.yaml", (COMPARE / "june.yaml").read_text(encoding="utf-8"))
    data = json.loads(run("compare", "a/plan.yaml", "b/plan.yaml", "-o", "-", "-f", "json").stdout)
    assert [item["label"] for item in data["files"]] == ["a/plan.yaml", "b/plan.yaml"]


def with_business(name: str, business: str | None) -> str:
    """A sample answers file, with another business name or none."""
    text = (COMPARE / name).read_text(encoding="utf-8")
    line = "business: Hill Street Bakery\n"
    return text.replace(line, "" if business is None else f"business: {business}\n")


@pytest.mark.parametrize(
    ("businesses", "labels"),
    [
        (["Hill Street Bakery", "Hill Street Cafe"], ["Hill Street Bakery", "Hill Street Cafe"]),
        (
            ["Hill Street Bakery", None],
            ["jan/outsource-answers.yaml", "feb/outsource-answers.yaml"],
        ),
        ([None, None], ["jan/outsource-answers.yaml", "feb/outsource-answers.yaml"]),
        (["june", "Cafe"], ["jan/outsource-answers.yaml", "feb/outsource-answers.yaml"]),
    ],
)
def test_files_with_the_same_name_are_labelled_by_their_business(
    write: Writer, businesses: list[str | None], labels: list[str]
) -> None:
    """By the business when each file has one and they differ, else by the path."""
    write("jan/outsource-answers.yaml", with_business("january.yaml", businesses[0]))
    write("feb/outsource-answers.yaml", with_business("june.yaml", businesses[1]))
    write("june.yaml", with_business("june.yaml", "Hill Street Bakery"))
    files = ["jan/outsource-answers.yaml", "feb/outsource-answers.yaml", "june.yaml"]
    result = run("compare", "--partners", *files)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[2].split() == " ".join([*labels, "june"]).split()
    data = json.loads(run("compare", "--partners", *files, "-f", "json", "-o", "-").stdout)
    assert [item["label"] for item in data["files"]] == [*labels, "june"]


def test_progress_between_different_businesses_is_warned_about(write: Writer) -> None:
    write("jan.yaml", with_business("january.yaml", "Hill Street Bakery"))
    write("feb.yaml", with_business("june.yaml", "Harbour Books"))
    write("mar.yaml", with_business("june.yaml", None))
    result = run("compare", "jan.yaml", "feb.yaml", "mar.yaml")
    assert result.exit_code == 0, result.output
    assert flat(result.stderr) == (
        "Warning: these files are about different businesses (jan: 'Hill Street Bakery' and "
        "feb: 'Harbour Books'); progress is meant to compare one business's answers over "
        "time, so check that these are the files you meant"
    )
    assert "Progress over time: 3 answers files compared" in result.stdout
    partners = run("compare", "--partners", "jan.yaml", "feb.yaml")
    assert (partners.exit_code, partners.stderr) == (0, "")


def test_the_business_names_a_warning_shows_are_quoted_and_cut_short(write: Writer) -> None:
    write("jan.yaml", with_business("january.yaml", "Hill Street " + "Bakery " * 1000))
    write("feb.yaml", with_business("june.yaml", "Harbour\tBooks"))
    result = run("compare", "jan.yaml", "feb.yaml")
    assert result.exit_code == 0, result.output
    warning = flat(result.stderr)
    assert "(jan: 'Hill Street Bakery Bakery Bakery Bakery…' and feb: 'Harbour\\tBooks')" in warning
    assert len(warning) < 300


def test_progress_between_one_business_and_a_file_without_a_name_is_not_warned_about(
    write: Writer,
) -> None:
    write("jan.yaml", with_business("january.yaml", "Hill Street Bakery"))
    write("feb.yaml", with_business("june.yaml", None))
    result = run("compare", "jan.yaml", "feb.yaml")
    assert (result.exit_code, result.stderr) == (0, "")


FIT = """\
id: fit
title: Fit
order: 5
questions:
  - id: task_kind
    prompt: What kind of work is it?
    type: choice
    weight: 0
    choices:
      - {value: bookkeeping, label: Bookkeeping and payroll, score: 1}
      - {value: support, label: Customer support, score: 1}
"""


def with_task_kind(name: str, kind: str | None) -> str:
    text = (COMPARE / name).read_text(encoding="utf-8")
    if kind is None:
        return text
    return text.replace("answers:\n", f"answers:\n  fit:\n    task_kind: {kind}\n")


@pytest.mark.parametrize("mode", [[], ["--partners"]])
@pytest.mark.parametrize(
    ("kinds", "warned"),
    [
        (["bookkeeping", "support"], True),
        (["bookkeeping", "bookkeeping"], False),
        (["bookkeeping", None], False),
        ([None, None], False),
    ],
)
def test_progress_between_different_kinds_of_task_is_warned_about(
    write: Writer, mode: list[str], kinds: list[str | None], warned: bool
) -> None:
    for folder in ("goals", "budget"):
        write(f"lists/{folder}.yaml", (DATA / "checklists" / f"{folder}.yaml").read_text())
    write("lists/fit.yaml", FIT)
    write("jan.yaml", with_task_kind("january.yaml", kinds[0]))
    write("feb.yaml", with_task_kind("june.yaml", kinds[1]))
    result = helpers.run("compare", *mode, "jan.yaml", "feb.yaml", "--checklists", "lists")
    assert result.exit_code == 0, result.output
    expected = (
        "Warning: these files describe different kinds of task (jan: 'Bookkeeping and payroll' "
        "and feb: 'Customer support'); the changes between them compare different work, so "
        "check that these are the files you meant"
    )
    assert flat(result.stderr) == (expected if warned and not mode else "")


def test_a_task_kind_the_checklists_do_not_have_is_read_as_written(write: Writer) -> None:
    write("jan.yaml", with_task_kind("january.yaml", "bookkeeping"))
    write("feb.yaml", with_task_kind("june.yaml", "support"))
    result = run("compare", "jan.yaml", "feb.yaml")
    assert result.exit_code == 0, result.output
    assert "different kinds of task (jan: 'bookkeeping' and feb: 'support')" in flat(result.stderr)


def test_an_invalid_file_stops_the_comparison_with_its_line(files: Path) -> None:
    (files / "june.yaml").write_text(
        (files / "june.yaml").read_text(encoding="utf-8").replace("confidence: 4", "confidence: 9"),
        encoding="utf-8",
    )
    result = run(*PROGRESS)
    assert result.exit_code == 2
    assert "june.yaml:14" in result.output
    assert "expected a whole number from 1 to 5, not the number 9" in result.output


def test_text_from_the_files_is_shown_as_typed(write: Writer) -> None:
    hostile = "[bold red]x[/] <script>alert(1)</script> \x1b[2J"
    base = (COMPARE / "january.yaml").read_text(encoding="utf-8")
    write("[red]one.yaml", base)
    write("two.yaml", base.replace("task: Bookkeeping", f"task: {json.dumps(hostile)}"))
    result = run("compare", "--partners", "[red]one.yaml", "two.yaml")
    assert result.exit_code == 0, result.output
    assert "[red]one" in result.stdout
    assert "[bold red]x[/] <script>alert(1)</script> ?[2J" in result.stdout
    assert "\x1b" not in result.stdout
    html = run("compare", "[red]one.yaml", "two.yaml", "-f", "html", "-o", "-").stdout
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    markdown = run("compare", "[red]one.yaml", "two.yaml", "-f", "md", "-o", "-").stdout
    assert "&lt;script>" in markdown
    assert "\\[red\\]one" in markdown


def test_help_shows_both_uses() -> None:
    result = CliRunner().invoke(app, ["compare", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "Example: outsource compare january.yaml june.yaml" in text
    assert "--partners" in text


def test_compare_raises_for_a_single_file(fixture_set: checklist_set.ChecklistSet) -> None:
    with pytest.raises(CompareError, match="at least two"):
        compare([COMPARE / "june.yaml"], fixture_set)


@pytest.mark.parametrize("columns", ["40", "60", "100"])
@pytest.mark.parametrize(
    "args",
    [
        ["examples/online-shop-answers-september.yaml", "examples/online-shop-answers.yaml"],
        ["--partners", "examples/partners/brightbooks.yaml", "examples/partners/tallyhouse.yaml"],
    ],
)
def test_nothing_is_cut_on_a_narrow_screen(
    args: list[str], columns: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(DATA.parent.parent)
    monkeypatch.setenv("COLUMNS", columns)
    result = CliRunner().invoke(app, ["compare", *args])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= int(columns)
    assert "…" not in result.stdout
    flat = " ".join(result.stdout.split())
    for title in ("Contract", "Choosing the partner", "Overall score", "Verdict", "Blockers"):
        assert title in flat


@pytest.mark.usefixtures("files")
def test_no_chart_leaves_the_chart_out_of_the_page() -> None:
    with_chart = run(*PROGRESS, "-f", "html", "-o", "-").stdout
    without = run(*PROGRESS, "-f", "html", "-o", "-", "--no-chart").stdout
    assert "<svg" in with_chart
    assert "<svg" not in without
    assert "Overall score" in without


def test_each_file_naming_a_choice_not_offered_is_warned_about(
    write: Writer, fitted_set: Path
) -> None:
    answered = "format: 1\nanswers:\n  fit: {{task_kind: {kind}}}\n  risk: {{channel: {channel}}}\n"
    write("before.yaml", answered.format(kind="it", channel="visit"))
    write("after.yaml", answered.format(kind="sales", channel="visit"))
    result = helpers.run("compare", "before.yaml", "after.yaml", "--checklists", str(fitted_set))
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning")]
    assert len(warnings) == 2  # the choice not offered, then the different kinds of work
    assert warnings[0].startswith("Warning: after.yaml: 'risk.channel' is answered 'In person'")
    assert warnings[1].startswith("Warning: these files describe different kinds of task")
