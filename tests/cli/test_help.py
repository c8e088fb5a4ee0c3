"""The help screens: typer's layout, reflowed paragraphs, and a fast start."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.core import TyperArgument, TyperOption
from typer.testing import CliRunner

from outsource_cli.cli import app
from outsource_cli.cli.help import paragraphs

from ..helpers import golden

SLOW_MODULES = ("yaml", "jinja2", "pydantic", "rich.markdown", "markdown_it", "pygments")


def modules_after(*argv: str, env: dict[str, str] | None = None) -> tuple[str, list[str]]:
    """What `outsource ARGV...` prints, and every module it had loaded when it ended."""
    code = (
        "import sys\n"
        "sys.argv = ['outsource', *sys.argv[1:]]\n"
        "from outsource_cli.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *argv], capture_output=True, text=True, check=True, env=env
    )
    return done.stdout, done.stderr.split()


def test_help_loads_none_of_the_heavy_modules() -> None:
    stdout, modules = modules_after("--help")
    assert "Usage: outsource" in stdout
    # the stand-in for pydantic's plugin loader is put in place without importing pydantic
    loaded = [name for name in modules if name != "pydantic.plugin._loader"]
    assert [name for name in loaded if name.startswith(SLOW_MODULES)] == []
    outsource_modules = [name for name in loaded if name.startswith("outsource_cli.")]
    assert "outsource_cli.cli.help" in outsource_modules
    assert [
        name
        for name in outsource_modules
        if not name.startswith(
            (
                "outsource_cli.cli",
                "outsource_cli.collector",
                "outsource_cli.formats",
                "outsource_cli.words",
                # the safe console every screen is drawn with, and the score colours beside it
                "outsource_cli.safe_text",
                "outsource_cli.views",
                "outsource_cli.verdicts",
            )
        )
    ] == []


def test_paragraphs_are_joined_into_lines() -> None:
    text = """First line
        goes on here.

        Second paragraph,
        in two lines.
        \f
        Hidden from help.
        """
    assert paragraphs(text) == [
        "First line goes on here.",
        "Second paragraph, in two lines.",
    ]


@pytest.mark.parametrize(
    ("command", "name"),
    [
        ([], "help-main.txt"),
        (["report"], "help-report.txt"),
        (["checklists", "show"], "help-show.txt"),
    ],
)
def test_help_screens(command: list[str], name: str) -> None:
    result = CliRunner().invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    golden(name, result.stdout)


@pytest.mark.parametrize("command", [[], ["report"], ["check"], ["compare"]])
def test_help_fits_a_narrow_screen(command: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    result = CliRunner().invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 40
    assert "Usage: outsource" in result.stdout


PRIVATE_TYPER = {
    "_extract_default_help_str": ["self", "ctx"],
    "_get_default_string": ["self", "ctx", "show_default_is_str", "default_value"],
}
"""typer's private methods that cli/help.py calls, with the parameters it passes them."""


@pytest.mark.parametrize("param_class", [TyperOption, TyperArgument])
@pytest.mark.parametrize(("method", "expected"), PRIVATE_TYPER.items())
def test_typer_still_has_the_private_methods_help_calls(
    param_class: type, method: str, expected: list[str]
) -> None:
    what_to_do = (
        f"outsource_cli/cli/help.py (_default_text) calls typer's private "
        f"{param_class.__name__}.{method}({', '.join(expected[1:])}), which this typer "
        f"release no longer has in that form. Port _default_text to what typer's own help "
        f"now calls to word a default (see typer/core.py), check the help golden files, "
        f"then move the typer pin in pyproject.toml to this release."
    )
    found = getattr(param_class, method, None)
    assert callable(found), what_to_do
    parameters = inspect.signature(found).parameters.values()
    assert [parameter.name for parameter in parameters] == expected, what_to_do
    by_keyword = (inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    assert all(p.kind in by_keyword for p in list(parameters)[1:]), what_to_do


@pytest.mark.parametrize(
    ("plugins", "metadata_loaded"),
    [(None, False), ("__all__", False), ("true", False), ("some_plugin", True)],
)
def test_a_report_does_not_look_for_pydantic_plugins(
    tmp_path: Path, plugins: str | None, metadata_loaded: bool
) -> None:
    """With every plugin off (outsource's default), the loader that scans every installed
    package's metadata is never imported; naming plugins one by one keeps pydantic's own."""
    env = {**os.environ, "OUTSOURCE_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    if plugins is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = plugins
    example = Path(__file__).parents[2] / "examples" / "online-shop-answers.yaml"
    report = tmp_path / "report.md"
    stdout, modules = modules_after("report", str(example), "-o", str(report), env=env)
    assert "Report written to" in stdout
    assert report.read_text(encoding="utf-8").startswith("# Outsourcing readiness report")
    assert ("importlib.metadata" in modules) is metadata_loaded
