"""Control characters in an answer never reach a Markdown or HTML output as they are.

A report is often shown with `cat`, where an escape character in it would drive the
terminal: every command that writes Markdown or HTML (report, brief, candidates, reviews,
compare, and a report through the owner's own template) replaces each control character
but newline and tab with '?'. The answers come from the worked example, with the
business name and a KPI's name (a list's field) holding controls of every kind.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from ..helpers import ROOT, run

HOSTILE = "A\x1b[31mred\x07\x9b2J\x00\x7f\x85\rX\r\nend\tok"
"""An escape sequence, a bell, a one-character CSI, NUL, DEL, a C1 newline, a lone CR."""
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
"""What no output may hold: controls other than tab and newline (CR only before LF)."""
TEMPLATE = "{{ business }}\n{% for s in sections %}{% for q in s.questions %}{% if q.table %}"
TEMPLATE += "{{ q.table.rows[0][0] }}\n{% endif %}{% endfor %}{% endfor %}"


def hostile_copy(source: str, target: Path) -> None:
    """The example's answers file with the controls in the business name and a KPI's name."""
    text = (ROOT / "examples" / source).read_text(encoding="utf-8")
    text = text.replace(
        "business: Hill Street Home Goods", "business: " + json.dumps("Hill " + HOSTILE)
    )
    text = text.replace(
        "- name: Working days to close the month", "- name: " + json.dumps("Days " + HOSTILE), 1
    )
    target.write_text(text, encoding="utf-8")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    hostile_copy("online-shop-answers.yaml", tmp_path / "a.yaml")
    hostile_copy("online-shop-working.yaml", tmp_path / "w.yaml")
    shutil.copy(ROOT / "examples" / "online-shop-answers.yaml", tmp_path / "plain.yaml")
    (tmp_path / "own.md.j2").write_text(TEMPLATE, encoding="utf-8")
    return tmp_path


COMMANDS = {
    "report": (("report", "a.yaml"), ("Hill", "Days")),
    "report, own template": (("report", "a.yaml", "--template", "own.md.j2"), ("Hill", "Days")),
    "brief": (("brief", "a.yaml"), ("Hill", "Days")),
    "candidates": (("candidates", "a.yaml"), ("Hill",)),  # the ranking shows no KPIs
    "reviews": (("reviews", "w.yaml"), ("Hill", "Days")),
    "compare": (("compare", "plain.yaml", "a.yaml"), ("Days",)),  # the names are the files'
    "compare --partners": (("compare", "plain.yaml", "a.yaml", "--partners"), ("Days",)),
}


@pytest.mark.usefixtures("folder")
@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize(("args", "where"), COMMANDS.values(), ids=COMMANDS.keys())
def test_every_control_in_an_answer_is_replaced_in_the_output(
    args: tuple[str, ...], where: tuple[str, ...], fmt: str
) -> None:
    result = run(*args, "-f", fmt, "-o", "-")
    assert result.exit_code == 0, result.output
    assert not CONTROL.findall(result.stdout)
    shown = "A?\\[31mred" if fmt == "md" and "--template" not in args else "A?[31mred"
    for start in where:  # Markdown breaks the line at \x85
        assert f"{start} {shown}??2J??" in result.stdout


@pytest.mark.usefixtures("folder")
def test_the_report_shows_where_each_control_was() -> None:
    result = run("report", "a.yaml", "-o", "-")
    assert result.stdout.splitlines()[0] == (
        "# Outsourcing readiness report: Hill A?\\[31mred??2J??<br>X<br>end\tok"
    )


@pytest.mark.usefixtures("folder")
def test_the_answers_file_keeps_the_answer_as_it_was() -> None:
    result = run("report", "a.yaml", "-f", "json", "-o", "-")
    assert json.loads(result.stdout)["business"] == "Hill " + HOSTILE
