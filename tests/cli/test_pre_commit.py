"""The pre-commit hook: .pre-commit-hooks.yaml runs a real command, and the examples for it work."""

from __future__ import annotations

import re
import shlex
from importlib.metadata import distribution
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from outsource_cli import checklist_set
from outsource_cli.cli import app

from ..helpers import ROOT

HOOKS: list[dict[str, Any]] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
HOOK = {hook["id"]: hook for hook in HOOKS}["outsource-validate"]
# every place that shows a .pre-commit-config.yaml using the hook
EXAMPLES = [ROOT / "README.md", ROOT / "docs" / "pre-commit.md"]


def example_hooks(*, local: bool = False) -> list[tuple[str, dict[str, Any]]]:
    """Each hook of each example .pre-commit-config.yaml: this repository's, or local ones."""
    found = []
    for path in EXAMPLES:
        for block in re.findall(r"```yaml\n(.*?)```", path.read_text(encoding="utf-8"), re.DOTALL):
            for repo in yaml.safe_load(block).get("repos", []):
                if (repo["repo"] == "local") is local:
                    found += [(path.name, hook) for hook in repo["hooks"]]
    return found


def documented_args() -> list[list[str]]:
    """The `args:` of each row of the table in docs/pre-commit.md."""
    table = (ROOT / "docs" / "pre-commit.md").read_text(encoding="utf-8")
    return [yaml.safe_load(cell) for cell in re.findall(r"^\|[^|]*\| `(\[.*?\])` \|", table, re.M)]


def run_hook(args: list[str]) -> Any:
    """Run the hook's command as pre-commit would: the entry, then the args, no file names."""
    words = shlex.split(HOOK["entry"])
    return CliRunner().invoke(app, [*words[1:], *args])


@pytest.fixture
def team_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository holding a checklist folder and other YAML files that are not checklists."""
    monkeypatch.chdir(tmp_path)
    for folder in ("checklists", "my-checklists", "base"):
        assert CliRunner().invoke(app, ["checklists", "init", folder]).exit_code == 0
    (tmp_path / "extra").mkdir()
    (tmp_path / "base" / "goals.yaml").rename(tmp_path / "extra" / "goals.yaml")
    (tmp_path / "answers.yaml").write_text("answers: {}\n")
    (tmp_path / ".gitlab-ci.yml").write_text("job:\n  script: [make]\n")
    return tmp_path


def all_valid() -> str:
    builtin = checklist_set.load().every_section()
    return f"All valid: {len(builtin.sections)} sections, {builtin.question_count()} questions.\n"


def test_the_hook_runs_the_installed_command() -> None:
    scripts = [
        point.name
        for point in distribution("outsource-cli").entry_points
        if point.group == "console_scripts"
    ]
    assert (HOOK["language"], shlex.split(HOOK["entry"])) == (
        "python",
        [*scripts, "checklists", "validate"],
    )


def test_the_hook_is_never_given_file_names() -> None:
    assert HOOK["pass_filenames"] is False


@pytest.mark.parametrize(
    ("name", "runs"),
    [
        ("checklists/goals.yaml", True),
        ("my-checklists/team.yml", True),
        ("notes.md", False),
        ("checklists/README.md", False),
    ],
)
def test_the_hook_runs_when_a_yaml_file_changes(name: str, runs: bool) -> None:
    assert bool(re.search(HOOK["files"], name)) is runs


def test_by_default_the_hook_checks_the_checklists_folder(team_repo: Path) -> None:
    result = run_hook(HOOK["args"])
    assert result.exit_code == 0
    assert result.stdout.endswith(all_valid())


def test_without_the_folder_the_default_fails_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_hook(HOOK["args"])
    assert result.exit_code == 2
    assert "cannot read the checklists folder checklists" in result.stderr


def test_a_problem_in_one_file_stops_the_hook(team_repo: Path) -> None:
    goals = team_repo / "checklists" / "goals.yaml"
    goals.write_text(goals.read_text().replace("type: yes_no", "type: yes-no", 1))
    result = run_hook(HOOK["args"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: checklists/goals.yaml:")


EXAMPLE_HOOKS = pytest.mark.parametrize(
    ("source", "hook"), example_hooks(), ids=[source for source, _ in example_hooks()]
)


@EXAMPLE_HOOKS
def test_each_documented_example_names_the_hook(source: str, hook: dict[str, Any]) -> None:
    assert hook["id"] in {known["id"] for known in HOOKS}


@EXAMPLE_HOOKS
def test_each_documented_example_checks_its_folder(
    source: str, hook: dict[str, Any], team_repo: Path
) -> None:
    result = run_hook(hook["args"])
    assert result.exit_code == 0
    assert result.stdout.endswith(all_valid())


@EXAMPLE_HOOKS
def test_each_documented_example_runs_only_when_its_folder_changes(
    source: str, hook: dict[str, Any]
) -> None:
    changed = ["my-checklists/goals.yaml", "answers.yaml", ".pre-commit-config.yaml"]
    assert [name for name in changed if re.search(hook["files"], name)] == [changed[0]]


def test_the_documented_ways_of_giving_folders_are_all_shown() -> None:
    assert documented_args() == [
        ["--checklists", "my-checklists"],
        ["--checklists", "base", "--checklists", "extra"],
        ["my-checklists"],
    ]


@pytest.mark.parametrize("args", documented_args())
def test_each_documented_way_of_giving_folders_checks_them(
    args: list[str], team_repo: Path
) -> None:
    result = run_hook(args)
    assert result.exit_code == 0
    assert result.stdout.endswith(all_valid())


def test_the_documented_local_hook_checks_its_folder_without_file_names(team_repo: Path) -> None:
    [(_, hook)] = example_hooks(local=True)
    words = shlex.split(hook["entry"])
    result = CliRunner().invoke(app, words[1:])
    assert (words[0], hook["pass_filenames"], result.exit_code) == ("outsource", False, 0)
    assert result.stdout.endswith(all_valid())
