"""Custom report templates: `templates init`, `--template`, errors, the sandbox and its folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from outsource_cli.cli import app
from outsource_cli.errors import TemplateError
from outsource_cli.report import autoescaped, builtin_templates_dir, render_template

from .conftest import DATA, Writer

FIXTURES = ["--checklists", str(DATA / "checklists")]


def run(*args: str) -> object:
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return Path(shutil.copy(DATA / "answers.yaml", tmp_path / "answers.yaml"))


def test_templates_init_copies_the_built_ins(tmp_path: Path) -> None:
    result = run("templates", "init", str(tmp_path / "mine"))
    assert result.exit_code == 0, result.output
    assert "Copied 3 files into" in result.stdout
    for name in ("report.md.j2", "report.html.j2", "html-style.css.j2"):
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
    assert not Path("outsource-report.md").exists()


def test_a_missing_template_is_refused(answers: Path) -> None:
    result = run("report", "answers.yaml", "--template", "nowhere.j2", *FIXTURES)
    assert result.exit_code == 2
    assert "nowhere.j2" in result.output


def test_includes_inside_the_folder_work(write: Writer) -> None:
    write("mine/parts/footer.j2", "footer {{ overall.verdict }}")
    write("mine/parts/macros.j2", "{% macro shout(x) %}{{ x | upper }}{% endmacro %}")
    write(
        "mine/main.j2",
        "{% include 'parts/footer.j2' %}|{% import 'parts/macros.j2' as m %}{{ m.shout('hi') }}",
    )
    assert render_template(Path("mine/main.j2"), {"overall": {"verdict": "ready"}}) == (
        "footer ready|HI"
    )


@pytest.mark.parametrize(
    "source",
    [
        "{% include '../secret.txt' %}",
        "{% include '/etc/passwd' %}",
        "{% include 'parts/../../secret.txt' %}",
        "{% extends '../secret.txt' %}",
        "{% import '../secret.txt' as s %}",
        "{% include 'link.txt' %}",
        "{% include 'linked/secret.txt' %}",
    ],
)
def test_nothing_outside_the_template_folder_can_be_read(
    write: Writer, tmp_path: Path, source: str
) -> None:
    secret = write("secret.txt", "private")
    write("mine/parts/ok.j2", "ok")
    os.symlink(secret, tmp_path / "mine" / "link.txt")
    os.symlink(tmp_path, tmp_path / "mine" / "linked")
    write("mine/bad.j2", source)
    with pytest.raises(TemplateError) as caught:
        render_template(Path("mine/bad.j2"), {})
    assert "was not found next to bad.j2" in caught.value.message
    assert "private" not in caught.value.message
    assert caught.value.hint == "A template may include only templates in its own folder."


@pytest.mark.parametrize(
    "source",
    [
        "{{ '{0.__class__.__mro__}'.format(overall) }}",
        "{{ '{x.__class__}'.format_map({'x': overall}) }}",
        "{{ overall | attr('__class__') }}",
        "{{ overall.__class__.__mro__ }}",
        "{{ (overall.items | attr('__self__')) }}",
        "{% set f = '{0.__init__.__globals__}' %}{{ f.format(overall) }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ lipsum.__globals__ }}",
    ],
)
def test_the_sandbox_refuses_escapes(write: Writer, source: str) -> None:
    write("mine/escape.j2", source)
    with pytest.raises(TemplateError) as caught:
        render_template(Path("mine/escape.j2"), {"overall": {"verdict": "ready"}})
    assert caught.value.message.startswith("mine/escape.j2")


@pytest.mark.parametrize(
    ("name", "escapes"),
    [
        ("report.html.j2", True),
        ("page.html", True),
        ("page.HTM.jinja", True),
        ("feed.xml.j2", True),
        ("report.md.j2", False),
        ("summary.txt.j2", False),
        ("html.j2", False),
    ],
)
def test_templates_named_for_html_escape_user_text(name: str, escapes: bool) -> None:
    assert autoescaped(name) is escapes


def test_a_custom_html_template_escapes_and_a_markdown_one_does_not(write: Writer) -> None:
    data = {"business": "<b>Hill</b> & Co"}
    write("mine/page.html.j2", "{{ business }}")
    write("mine/page.txt.j2", "{{ business }}")
    assert render_template(Path("mine/page.html.j2"), data) == "&lt;b&gt;Hill&lt;/b&gt; &amp; Co"
    assert render_template(Path("mine/page.txt.j2"), data) == "<b>Hill</b> & Co"
