"""`outsource templates init` and `outsource report --template`: copies, errors, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from outsource_cli.report.render import STARTER_TEMPLATES, builtin_templates_dir

from ..helpers import FIXTURES, Writer, run


def test_templates_init_copies_the_built_ins(tmp_path: Path) -> None:
    result = run("templates", "init", str(tmp_path / "mine"))
    assert result.exit_code == 0, result.output
    assert "Copied 8 files into" in result.stdout
    assert {"brief.md.j2", "brief.html.j2", "reviews.md.j2", "reviews.html.j2"} <= set(
        STARTER_TEMPLATES
    )
    for name in STARTER_TEMPLATES:
        copied = (tmp_path / "mine" / name).read_text(encoding="utf-8")
        assert copied == (builtin_templates_dir() / name).read_text(encoding="utf-8")
    assert "outsource report --template" in " ".join(result.stdout.split())


def test_templates_init_never_overwrites(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "report.html.j2").write_text("my work", encoding="utf-8")
    result = run("templates", "init", str(folder))
    assert result.exit_code == 2
    assert "already has report.html.j2; nothing was copied" in result.output
    assert (folder / "report.html.j2").read_text(encoding="utf-8") == "my work"
    assert not (folder / "report.md.j2").exists()


@pytest.mark.usefixtures("answers")
@pytest.mark.parametrize("name", ["report.md.j2", "report.html.j2"])
def test_a_copied_template_renders_the_same_report_as_the_built_in(name: str) -> None:
    assert run("templates", "init", "mine").exit_code == 0
    fmt = "html" if "html" in name else "md"
    built_in = run("report", "answers.yaml", "-f", fmt, "-o", "-", *FIXTURES)
    custom = run("report", "answers.yaml", "--template", f"mine/{name}", "-o", "-", *FIXTURES)
    assert custom.exit_code == 0, custom.output
    assert custom.stdout == built_in.stdout


@pytest.mark.usefixtures("answers")
def test_a_template_error_names_the_file_and_line_and_exits_2(write: Writer) -> None:
    write("mine/report.md.j2", "# Report\n\n{{ overall.scor }}\n")
    result = run("report", "answers.yaml", "--template", "mine/report.md.j2", *FIXTURES)
    assert result.exit_code == 2
    assert "Error: mine/report.md.j2:3: 'dict object' has no attribute 'scor'" in result.output
    assert "'outsource templates init DIR' gives copies of the built-ins" in result.output
    assert not Path("answers-report.md").exists()


def test_a_missing_template_is_refused(answers: Path) -> None:
    result = run("report", "answers.yaml", "--template", "nowhere.j2", *FIXTURES)
    assert result.exit_code == 2
    assert "nowhere.j2" in result.output
