"""Numbers outside what Python converts, in templates and in the JSON reports."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from ..helpers import DATA
from .support import outsource, refused
from .templates import quick_first, report_with

NOT_FINITE = re.compile(r"\b(nan|-?inf(inity)?)\b", re.IGNORECASE)


@pytest.mark.parametrize(
    "source",
    quick_first(
        [
            "{{ 'nan' | float }}",
            "{{ 'inf' | float }}",
            "{{ '-inf' | float }}",
            "{{ 'NaN' | float }}",
            "{{ 'Infinity' | float }}",
            "{{ [('nan' | float)] }}",
            "{{ {'a': 'inf' | float} }}",
            "{% set x = 'nan' | float %}{{ x }}",
            "{% set x = '-inf' | float %}{{ x }}",
            "{% macro m(x='nan' | float) %}{{ x }}{% endmacro %}{{ m() }}",
            "{% for x in ['inf' | float] %}{{ x }}{% endfor %}",
            "{{ ('1e999' | float) }}",
            "{{ (10 ** 400) | float }}",
        ]
    ),
)
def test_texts_that_are_not_finite_numbers_read_as_the_default(tmp_path: Path, source: str) -> None:
    outcome = report_with(tmp_path, f"# Report\n{source}|{{{{ 'nan' | float(1.5) }}}}\n")
    assert outcome.code == 0, outcome
    written = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert "0.0" in written and "|1.5" in written, written
    assert not NOT_FINITE.search(written), written


@pytest.mark.parametrize(
    ("source", "words"),
    quick_first(
        [
            ("{{ 1e400 }}", "this number is too large for a template"),
            ("{{ -1e999 }}", "this number is too large for a template"),
            ("{% set x = [1e400] %}", "this number is too large for a template"),
            ("{% macro m(x=1e309) %}{% endmacro %}", "this number is too large for a template"),
            ("{{ 10 ** 5000 }}", "this number has more than 4,300 digits, too many to write"),
            ("{{ '%d' % 10 ** 5000 }}", "this number has more than 4,300 digits"),
            ("{{ (10 ** 5000) | string }}", "this number has more than 4,300 digits"),
            ("{{ 10 ** 40000 }}", "this power is too large to work out"),
            ("{{ ('inf' | float) | int }}", "0"),
        ]
    ),
)
def test_numbers_too_large_are_refused_at_their_line(
    tmp_path: Path, source: str, words: str
) -> None:
    outcome = report_with(tmp_path, f"# Report\n{source}\n")
    if words == "0":
        assert outcome.code == 0, outcome
        return
    refused(outcome, "t.md.j2:2:", words)


def _huge_weights(tmp_path: Path, weight: str) -> tuple[Path, Path]:
    """The fixture checklists with every weight set to `weight`, and the sample answers."""
    folder = tmp_path / "checklists"
    shutil.copytree(DATA / "checklists", folder)
    for path in folder.glob("*.yaml"):
        lines = path.read_text(encoding="utf-8").splitlines()
        changed = [
            line.split("weight:")[0] + f"weight: {weight}" if "weight:" in line else line
            for line in lines
        ]
        path.write_text("\n".join(changed) + "\n", encoding="utf-8")
    answers = Path(shutil.copy(DATA / "answers.yaml", tmp_path / "answers.yaml"))
    return folder, answers


def _no_constants(name: str) -> float:
    raise AssertionError(f"the JSON holds {name}")


@pytest.mark.parametrize("weight", quick_first(["1e308", "1.7e308", "1e15", "0.000001"], 1))
@pytest.mark.parametrize("fmt", ["json", "md", "template"])
def test_huge_weights_never_give_nan(tmp_path: Path, weight: str, fmt: str) -> None:
    """Either the weights are refused where they are read, or the scores stay finite."""
    folder, answers = _huge_weights(tmp_path, weight)
    out = tmp_path / "out.txt"
    template = tmp_path / "t.md.j2"
    template.write_text("{{ overall.score }} {{ sections | map(attribute='score') | list }}\n")
    chosen = ["--template", template] if fmt == "template" else ["-f", fmt]
    outcome = outsource(
        "report",
        answers,
        *chosen,
        "-o",
        out,
        "--checklists",
        folder,
        cwd=tmp_path,
        given=[answers, template, *folder.glob("*.yaml")],
    )
    if outcome.code == 2:
        assert "budget.yaml:" in outcome.output, outcome
        assert "too large" in outcome.output or "1,000,000" in outcome.output, outcome
        assert "report.md.j2" not in outcome.output and "report.html.j2" not in outcome.output
        return
    assert outcome.code == 0, outcome
    written = out.read_text(encoding="utf-8")
    assert not NOT_FINITE.search(written), written
    if fmt == "json":
        data = json.loads(written, parse_constant=_no_constants)
        assert 0 <= data["overall"]["score"] <= 100


def test_compare_json_never_holds_nan(tmp_path: Path) -> None:
    folder, answers = _huge_weights(tmp_path, "1e308")
    other = Path(shutil.copy(answers, tmp_path / "later.yaml"))
    out = tmp_path / "out.json"
    outcome = outsource(
        "compare",
        answers,
        other,
        "-f",
        "json",
        "-o",
        out,
        "--checklists",
        folder,
        cwd=tmp_path,
        given=[answers, other, *folder.glob("*.yaml")],
    )
    if outcome.code == 2:
        assert "budget.yaml:" in outcome.output, outcome
        assert "too large" in outcome.output or "1,000,000" in outcome.output, outcome
        return
    assert outcome.code == 0, outcome
    json.loads(out.read_text(encoding="utf-8"), parse_constant=_no_constants)
