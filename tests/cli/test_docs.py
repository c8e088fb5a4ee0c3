"""The documentation tells the truth: README commands run, docs match the tool."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from outsource_cli.checklist import json_schema
from outsource_cli.cli import app

from ..helpers import FITTED_SET, ROOT, Writer

README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    """Every `outsource ...` line in the README's shell blocks, without comments."""
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", README, flags=re.DOTALL):
        for line in block.splitlines():
            for part in line.split("&&"):
                command = part.split("#")[0].strip()
                if command.startswith("outsource "):
                    commands.append(command)
    return commands


def test_the_quick_start_has_exactly_two_commands() -> None:
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", quick_start, flags=re.DOTALL)
    assert [len(block.strip().splitlines()) for block in blocks] == [1, 1]
    assert "pip install ." in blocks[0] and "outsource " in blocks[0]
    assert 'pip install -e ".[test]"' in blocks[1] and "pytest" in blocks[1]
    ci = (ROOT / ".ci" / "run").read_text()
    assert 'pip install -e ".[test]" && python -m pytest' in ci
    assert 'pip install -e ".[test]" && python -m pytest' in blocks[1]


@pytest.mark.parametrize("command", readme_commands())
def test_readme_commands_run(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    examples = tmp_path / "examples"
    shutil.copytree(ROOT / "examples", examples)
    shutil.copy(examples / "online-shop-answers.yaml", tmp_path / "outsource-answers.yaml")
    shutil.copy(examples / "online-shop-answers.yaml", tmp_path / "my-answers.yaml")
    runner = CliRunner()
    if "validate my-lists/" in command:
        assert runner.invoke(app, ["checklists", "init", "my-lists"]).exit_code == 0
    if "--template my-templates/" in command:
        assert runner.invoke(app, ["templates", "init", "my-templates"]).exit_code == 0
    words = shlex.split(command.split(">", maxsplit=1)[0])[1:]
    # the interview, on a complete answers file, offers a review: q leaves it there
    result = runner.invoke(app, words, input="y\nq\n" if "--restart" in words else "q\n")
    assert result.exit_code == 0, result.output


def test_the_documented_schema_line_matches_the_command() -> None:
    docs = (ROOT / "docs" / "checklist-format.md").read_text(encoding="utf-8")
    assert "# yaml-language-server: $schema=" in docs
    assert "outsource checklists schema" in docs
    assert json.loads(json_schema())["title"].startswith("outsource checklist")


def test_every_json_key_is_documented() -> None:
    docs = (ROOT / "docs" / "report-data.md").read_text(encoding="utf-8")
    data = json.loads((ROOT / "tests" / "golden" / "report.json").read_text(encoding="utf-8"))
    keys = (
        set(data)
        | set(data["overall"])
        | set(data["sections"][0])
        | set(data["sections"][0]["questions"][0])
    )
    keys |= set(data["blockers"][0]) | set(data["sections"][0]["counts"])
    keys |= set(data["actions"][0]) | set(data["steps"][0]) | set(data["profile"])
    keys |= set(data["assessed"]) | set(data["assessed"]["facts"][0])
    missing = sorted(key for key in keys if f"`{key}`" not in docs)
    assert missing == []


def _limit_rows() -> list[tuple[str, list[str]]]:
    """The rows of the limits table in checklist-format.md: the limit's text, its constants."""
    text = (ROOT / "docs" / "checklist-format.md").read_text(encoding="utf-8")
    table = text.split("## Limits", 1)[1].split("\n\n")[2]
    rows = []
    for line in table.splitlines()[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        rows.append((cells[1], re.findall(r"`([\w.]+)`", cells[3])))
    return rows


@pytest.mark.parametrize(("limit", "constants"), _limit_rows(), ids=lambda value: str(value)[:40])
def test_the_limits_table_matches_the_code(limit: str, constants: list[str]) -> None:
    """Each limit the table states is the value of the constant it names."""
    import importlib

    assert constants
    for name in constants:
        module, _, attribute = f"outsource_cli.{name}".rpartition(".")
        value = getattr(importlib.import_module(module), attribute)
        shown = {f"{value:,}", f"{value:g}"} if isinstance(value, float) else {f"{value:,}"}
        if isinstance(value, int) and value % (1024 * 1024) == 0:
            shown.add(f"{value // (1024 * 1024)} MB")
        if value == 10**15:
            shown.add("10¹⁵")
        assert any(form in limit for form in shown), (name, value, limit)


def test_the_example_of_keys_that_depend_on_the_answers_is_valid(
    write: Writer, tmp_path: Path
) -> None:
    """The example in checklist-format.md validates as the page says it does."""
    docs = (ROOT / "docs" / "checklist-format.md").read_text(encoding="utf-8")
    part = docs.split("\n## Keys that depend on the answers\n", 1)[1]
    example = re.search(r"```yaml\n(.*?)```", part, flags=re.DOTALL)
    assert example is not None
    write("set/fit.yaml", FITTED_SET["fit.yaml"])
    write("risk.yaml", example.group(1))
    result = CliRunner().invoke(app, ["checklists", "validate", "risk.yaml", "--checklists", "set"])
    assert result.exit_code == 0, result.output
    assert "OK  risk.yaml: section 'risk', 3 questions" in result.stdout
    assert "`outsource checklists validate` prints `OK  risk.yaml: section 'risk', 3" in docs
