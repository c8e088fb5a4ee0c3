"""Hostile: an output path that is one of the files the command reads is refused before any work."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from outsource_cli.checklist_set import builtin_checklists_dir
from outsource_cli.report.render import builtin_templates_dir

from ..helpers import ROOT
from .support import outsource, refused

ANSWERS = ROOT / "examples" / "online-shop-answers.yaml"
LATER = ROOT / "examples" / "online-shop-answers-september.yaml"


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "a.yaml"
    shutil.copy(ANSWERS, path)
    return path


def _same(tmp_path: Path, answers: Path) -> str:
    return "a.yaml"


def _dotted(tmp_path: Path, answers: Path) -> str:
    (tmp_path / "sub").mkdir()
    return "sub/../a.yaml"


def _absolute(tmp_path: Path, answers: Path) -> str:
    return str(answers)


def _hard_link(tmp_path: Path, answers: Path) -> str:
    (tmp_path / "hard.md").hardlink_to(answers)
    return "hard.md"


def _symbolic_link(tmp_path: Path, answers: Path) -> str:
    (tmp_path / "link.md").symlink_to(answers)
    return "link.md"


def _linked_folder(tmp_path: Path, answers: Path) -> str:
    (tmp_path / "here").symlink_to(tmp_path)
    return "here/a.yaml"


SAME_FILE: list[Callable[[Path, Path], str]] = [
    _same,
    _dotted,
    _absolute,
    _hard_link,
    _symbolic_link,
    _linked_folder,
]
IDS = ["same", "dotted", "absolute", "hard-link", "symlink", "linked-folder"]


def _no_new_files(tmp_path: Path, before: set[str]) -> None:
    assert {path.name for path in tmp_path.iterdir()} == before


@pytest.mark.slow
@pytest.mark.parametrize("output", SAME_FILE, ids=IDS)
@pytest.mark.parametrize("fmt", ["md", "json", "html"])
def test_a_report_never_replaces_its_answers_file(
    tmp_path: Path, answers: Path, output: Callable[[Path, Path], str], fmt: str
) -> None:
    target = output(tmp_path, answers)
    before = {path.name for path in tmp_path.iterdir()}
    done = outsource(
        "report", "a.yaml", "-o", target, "-f", fmt, cwd=tmp_path, given=[answers], timeout=30
    )
    refused(done, "would replace the answers file", "a.yaml", "nothing was written", "-o")
    _no_new_files(tmp_path, before)


@pytest.mark.slow
@pytest.mark.parametrize("output", SAME_FILE, ids=IDS)
def test_check_never_writes_its_report_over_its_answers_file(
    tmp_path: Path, answers: Path, output: Callable[[Path, Path], str]
) -> None:
    target = output(tmp_path, answers)
    done = outsource(
        "check", "--answers", "a.yaml", "--report", target, cwd=tmp_path, given=[answers],
        timeout=30,
    )  # fmt: skip
    refused(done, "the report", "would replace the answers file", "--report")


@pytest.mark.parametrize("name", ["new.md", "./new.md", "sub/../new.md", "here/new.md"])
def test_check_refuses_one_new_file_for_answers_and_report(tmp_path: Path, name: str) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "here").symlink_to(tmp_path)
    done = outsource("check", "--answers", "new.md", "--report", name, cwd=tmp_path, timeout=30)
    refused(done, "would replace the answers file", "new.md", "--report")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["here", "sub"]


@pytest.mark.slow
@pytest.mark.parametrize("command", ["report", "check"])
@pytest.mark.parametrize("output", SAME_FILE[:5], ids=IDS[:5])
def test_no_output_replaces_the_template(
    tmp_path: Path, answers: Path, command: str, output: Callable[[Path, Path], str]
) -> None:
    template = tmp_path / "t.md.j2"
    template.write_text("{{ overall.score }}\n")
    given = output(tmp_path, template).replace("a.yaml", "t.md.j2")
    args = (
        ["report", "a.yaml", "-o", given]
        if command == "report"
        else ["check", "--answers", "a.yaml", "--report", given]
    )
    done = outsource(*args, "--template", "t.md.j2", cwd=tmp_path, given=[answers, template])
    refused(done, "would replace the template", "t.md.j2", "nothing was written")


def test_the_answers_file_of_check_never_replaces_the_template(
    tmp_path: Path, answers: Path
) -> None:
    template = tmp_path / "t.md.j2"
    template.write_text("{{ overall.score }}\n")
    done = outsource(
        "check", "--answers", "t.md.j2", "--template", "t.md.j2", cwd=tmp_path, given=[template]
    )
    refused(done, "the answers file would replace the template", "--answers")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "lists"
    shutil.copytree(builtin_checklists_dir(), folder)
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("name", ["goals.yaml", "budget.yaml"])
@pytest.mark.parametrize("command", ["report", "compare", "check-report", "check-answers"])
def test_no_output_replaces_a_checklist_in_use(
    tmp_path: Path, answers: Path, folder: Path, name: str, command: str
) -> None:
    checklist = folder / name
    assert checklist.exists()
    target = f"lists/{name}"
    args = {
        "report": ["report", "a.yaml", "-o", target],
        "compare": ["compare", "a.yaml", "later.yaml", "-o", target],
        "check-report": ["check", "--answers", "a.yaml", "--report", target],
        "check-answers": ["check", "--answers", target],
    }[command]
    shutil.copy(LATER, tmp_path / "later.yaml")
    done = outsource(
        *args, "--checklists", "lists", cwd=tmp_path, given=[answers, *folder.iterdir()]
    )
    refused(done, "would replace the checklist", name, "nothing was written")


def test_no_output_replaces_a_file_of_the_users_own_checklists(
    tmp_path: Path, answers: Path
) -> None:
    import os

    own = Path(os.environ["XDG_CONFIG_HOME"]) / "outsource" / "checklists"
    own.mkdir(parents=True)
    extra = own / "extra.yaml"
    extra.write_text(
        "id: extra\ntitle: Extra\nversion: 1\nquestions:\n"
        "  - id: q\n    prompt: A question?\n    type: yes_no\n"
    )
    done = outsource("report", "a.yaml", "-o", str(extra), cwd=tmp_path, given=[answers, extra])
    refused(done, "would replace the checklist", "extra.yaml")


@pytest.mark.slow
@pytest.mark.parametrize("output", SAME_FILE, ids=IDS)
@pytest.mark.parametrize("which", [0, 1])
def test_a_comparison_never_replaces_a_compared_file(
    tmp_path: Path, answers: Path, output: Callable[[Path, Path], str], which: int
) -> None:
    later = tmp_path / "later.yaml"
    shutil.copy(LATER, later)
    compared = [answers, later][which]
    target = output(tmp_path, compared).replace("a.yaml", compared.name)
    done = outsource(
        "compare", "a.yaml", "later.yaml", "-o", target, cwd=tmp_path, given=[answers, later]
    )
    refused(done, "the comparison", "would replace the answers file", compared.name, "-o")


@pytest.mark.parametrize(
    ("command", "option"),
    [(["report", "a.yaml"], "-o"), (["check", "--answers", "a.yaml"], "--report")],
)
@pytest.mark.parametrize("fmt", ["md", "json", "html"])
def test_the_default_report_name_is_checked_too(
    tmp_path: Path, answers: Path, command: list[str], option: str, fmt: str
) -> None:
    """a.yaml's default report, a-report.md, is here the template the command reads."""
    template = tmp_path / f"a-report.{fmt}"
    shutil.copy(builtin_templates_dir() / "report.md.j2", template)
    done = outsource(
        *command, "--format", fmt, "--template", template.name, cwd=tmp_path,
        given=[answers, template], timeout=30,
    )  # fmt: skip
    refused(done, "the report", "would replace the template", template.name, option)


@pytest.mark.parametrize(
    ("name", "report"),
    [
        ("outsource-report.md", "outsource-report.md-report.md"),
        ("a-report.md.yaml", "a-report.md-report.md"),
        ("outsource-answers.yaml", "outsource-report.md"),
    ],
)
def test_an_answers_file_named_like_a_report_gets_a_report_of_its_own(
    tmp_path: Path, name: str, report: str
) -> None:
    answers = tmp_path / name
    shutil.copy(ANSWERS, answers)
    done = outsource("report", name, cwd=tmp_path, given=[answers])
    assert done.code == 0, done
    assert (tmp_path / report).read_text().startswith("# Outsourcing readiness report")


@pytest.mark.parametrize(
    ("group", "source"),
    [("templates", builtin_templates_dir), ("checklists", builtin_checklists_dir)],
)
def test_init_never_copies_over_its_own_sources(
    tmp_path: Path, group: str, source: Callable[[], Path]
) -> None:
    folder = source()
    files = [path for path in folder.iterdir() if path.is_file()]
    done = outsource(group, "init", str(folder), cwd=tmp_path, given=files)
    refused(done, "already has", "nothing was copied")


def test_a_different_file_is_written_as_usual(tmp_path: Path, answers: Path) -> None:
    done = outsource("report", "a.yaml", "-o", "report.md", cwd=tmp_path, given=[answers])
    assert done.code == 0, done
    assert (tmp_path / "report.md").read_text().startswith("# Outsourcing readiness report")


@pytest.mark.parametrize(
    "command",
    [
        ["report", "a.yaml", "-o", "a.yaml.lock"],
        ["check", "--answers", "a.yaml", "--report", "a.yaml.lock"],
    ],
)
def test_no_output_replaces_the_lock_of_an_answers_file(
    tmp_path: Path, answers: Path, command: list[str]
) -> None:
    """Replacing the lock file while an interview holds it would let a second writer in."""
    lock = tmp_path / "a.yaml.lock"
    lock.write_text("pid: 1\n", encoding="utf-8")
    outcome = outsource(*command, cwd=tmp_path, given=[answers, lock])
    refused(outcome, "would replace the answers file's lock", "a.yaml.lock", "nothing was written")
