"""`outsource brief`: the file it writes, where, in which format, and what never goes in it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from outsource_cli.checklist_set import builtin_checklists_dir

from ..helpers import DATA, ROOT, Writer, flat, golden, run

BRIEF = DATA / "brief"
OWN = ["--checklists", str(BRIEF / "checklists")]
EXAMPLE = ROOT / "examples" / "online-shop-answers.yaml"


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture's answers as a.yaml in the current folder."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(BRIEF / "answers.yaml", "a.yaml")
    return tmp_path


@pytest.mark.usefixtures("here")
def test_the_brief_goes_to_a_file_named_after_the_answers() -> None:
    result = run("brief", "a.yaml", *OWN)
    assert result.exit_code == 0, result.output
    assert result.stdout == "Brief written to a-brief.md: ready to send.\n"
    text = Path("a-brief.md").read_text(encoding="utf-8")
    assert text.startswith("# Looking for a partner: Hill Street Books\n")
    assert "Draft" not in text and "To settle" not in text


def test_the_default_answers_file_gives_outsource_brief(here: Path) -> None:
    Path("a.yaml").rename("outsource-answers.yaml")
    result = run("brief", *OWN, "--format", "html")
    assert result.exit_code == 0, result.output
    assert Path("outsource-brief.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.usefixtures("here")
def test_the_format_follows_the_output_name() -> None:
    assert run("brief", "a.yaml", "-o", "letter.html", *OWN).exit_code == 0
    assert "<h1>Hill Street Books</h1>" in Path("letter.html").read_text(encoding="utf-8")


@pytest.mark.usefixtures("here")
def test_dash_writes_to_standard_output_only() -> None:
    result = run("brief", "a.yaml", "-o", "-", *OWN)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Looking for a partner")
    assert "Brief written" not in result.output
    assert list(Path().glob("*-brief.*")) == []


@pytest.mark.usefixtures("here")
def test_the_brief_never_replaces_the_answers_file() -> None:
    before = Path("a.yaml").read_bytes()
    result = run("brief", "a.yaml", "-o", "a.yaml", *OWN)
    assert result.exit_code != 0
    assert "a.yaml" in result.output and "Give -o another file name" in flat(result.output)
    assert Path("a.yaml").read_bytes() == before


@pytest.mark.usefixtures("here")
def test_an_unanswered_point_is_listed_and_warned_and_the_command_succeeds() -> None:
    text = Path("a.yaml").read_text(encoding="utf-8")
    Path("a.yaml").write_text(
        text.replace("    reply_by: Please reply by email before 1 March.\n", "")
    )
    before = Path("a.yaml").read_bytes()
    result = run("brief", "a.yaml", "-o", "brief.md", *OWN)
    assert result.exit_code == 0, result.output
    assert flat(result.stderr) == (
        "Warning: still to settle for the brief (How to reply): How should candidates reply, "
        "and by when? (fit.reply_by); run: outsource check fit --answers a.yaml "
        f"--checklists {BRIEF / 'checklists'}"
    )
    assert "1 point still to settle" in result.stdout
    written = Path("brief.md").read_text(encoding="utf-8")
    assert "**Draft: 1 point is still to settle; it is listed at the end.**" in written
    settle = written.split("## To settle before you send this\n", 1)[1]
    assert "**How to reply:** How should candidates reply, and by when? (`fit.reply_by`)" in settle
    assert "## 7. How to reply" not in written
    assert Path("a.yaml").read_bytes() == before  # never touched


@pytest.mark.usefixtures("here")
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_notes_and_unbriefed_answers_never_appear(fmt: str) -> None:
    result = run("brief", "a.yaml", "-f", fmt, "-o", "-", "--include-budget", *OWN)
    assert result.exit_code == 0, result.output
    assert "lawsuit" not in result.stdout and "7311" not in result.stdout
    assert "slow and expensive" not in result.stdout
    assert "61,730" not in result.stdout  # a budget answer without a brief key


def budget_numbers(answers: dict[str, object]) -> list[str]:
    """Every number the budget section's answers hold, in the ways a brief could write it."""
    found = []
    for value in answers.values():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            found += [f"{value:,}", str(value)]
    return found


def absent(number: str, text: str) -> bool:
    return re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d,]|\.\d)", text) is None


@pytest.mark.usefixtures("here")
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_no_budget_number_without_include_budget(fmt: str) -> None:
    numbers = budget_numbers(
        yaml.safe_load((BRIEF / "answers.yaml").read_text())["answers"]["budget"]
    )
    without = run("brief", "a.yaml", "-f", fmt, "-o", "-", *OWN).stdout
    assert all(absent(number, without) for number in numbers)
    with_budget = run("brief", "a.yaml", "-f", fmt, "-o", "-", "--include-budget", *OWN).stdout
    assert "48,250 USD" in with_budget
    assert "How we will choose" in with_budget


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_worked_example_shows_no_budget_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """The built-in checklists, with a brief key on every budget question: none of the
    example's budget numbers is in the brief without --include-budget."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(builtin_checklists_dir(), "set")
    budget = yaml.safe_load(Path("set/budget.yaml").read_text(encoding="utf-8"))
    for index, question in enumerate(budget["questions"], start=1):
        question["brief"] = {"part": "choosing", "label": f"Budget item {index}"}
    Path("set/budget.yaml").write_text(yaml.safe_dump(budget, sort_keys=False), encoding="utf-8")
    shutil.copy(EXAMPLE, "a.yaml")
    answers = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))["answers"]["budget"]
    without = run("brief", "a.yaml", "-f", fmt, "-o", "-", "--checklists", "set")
    assert without.exit_code == 0, without.output
    assert "Budget item" not in without.stdout
    for number in budget_numbers(answers):
        if len(number.replace(",", "")) >= 3:  # one or two digits: part and question numbers
            assert absent(number, without.stdout), number
    included = run(
        "brief", "a.yaml", "-f", fmt, "-o", "-", "--include-budget", "--checklists", "set"
    )
    assert "Budget item 1" in included.stdout
    assert "34,000" in included.stdout


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_worked_example_with_the_built_ins_is_a_valid_brief(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLE, "a.yaml")
    result = run("brief", "a.yaml", "-f", fmt, "-o", "-")
    assert result.exit_code == 0, result.output
    assert "Hill Street" in result.stdout
    assert "lawsuit" not in result.stdout


@pytest.mark.usefixtures("here")
def test_the_working_stage_note_is_at_the_top() -> None:
    text = Path("a.yaml").read_text(encoding="utf-8")
    Path("a.yaml").write_text(text.replace("stage: exploring", "stage: working"))
    written = run("brief", "a.yaml", "-o", "-", *OWN).stdout
    top = written.split("## 1.", 1)[0]
    assert "This brief is for choosing a new partner, to replace or add to the current one." in top


HOSTILE = "<script>alert(1)</script> *bold* | pipe [x](y)"


@pytest.mark.usefixtures("here")
def test_user_text_is_inert_in_markdown() -> None:
    text = Path("a.yaml").read_text(encoding="utf-8")
    Path("a.yaml").write_text(
        text.replace("Monthly accounts and payroll", f"'{HOSTILE}'").replace(
            "Days to close the month", "'a | b *c*'"
        )
    )
    written = run("brief", "a.yaml", "-o", "-", *OWN).stdout
    assert (
        "- **In scope:** &lt;script>alert(1)&lt;/script> \\*bold\\* \\| pipe \\[x\\](y)" in written
    )
    assert "| a \\| b \\*c\\* | 5 |" in written
    assert "<script>" not in written


@pytest.mark.usefixtures("here")
def test_user_text_is_escaped_in_html() -> None:
    text = Path("a.yaml").read_text(encoding="utf-8")
    Path("a.yaml").write_text(
        text.replace("Monthly accounts and payroll", f"'{HOSTILE}'").replace(
            "Hill Street Books", "'Books <b>&</b>'"
        )
    )
    written = run("brief", "a.yaml", "-o", "b.html", *OWN)
    assert written.exit_code == 0, written.output
    page = Path("b.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *bold* | pipe [x](y)" in page
    assert "<h1>Books &lt;b&gt;&amp;&lt;/b&gt;</h1>" in page


@pytest.mark.usefixtures("here")
def test_a_custom_template_renders_the_brief_data(write: Writer) -> None:
    write("mine/brief.md.j2", "{% for part in parts %}{{ part.title }};{% endfor %}\n")
    result = run("brief", "a.yaml", "--template", "mine/brief.md.j2", "-o", "-", *OWN)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "About us;The work;Scope;Goals and how we will measure them;Terms we will ask for;"
        "What we ask every candidate;How to reply;"
    )


@pytest.mark.usefixtures("here")
def test_a_custom_template_cannot_read_outside_its_folder(write: Writer) -> None:
    write("secret.txt", "private")
    write("mine/brief.md.j2", "{% include '../secret.txt' %}")
    result = run("brief", "a.yaml", "--template", "mine/brief.md.j2", *OWN)
    assert result.exit_code == 2
    assert "was not found next to brief.md.j2" in flat(result.output)
    assert "private" not in result.output
    assert not Path("a-brief.md").exists()


@pytest.mark.usefixtures("here")
def test_a_template_error_names_its_line() -> None:
    Path("mine").mkdir()
    Path("mine/brief.md.j2").write_text("ok\n{{ parts.nothing.more }}\n", encoding="utf-8")
    result = run("brief", "a.yaml", "--template", "mine/brief.md.j2", *OWN)
    assert result.exit_code == 2
    assert "mine/brief.md.j2:2:" in result.output


@pytest.mark.usefixtures("here")
@pytest.mark.parametrize("name", ["brief.md.j2", "brief.html.j2"])
def test_a_copied_brief_template_renders_the_same_brief(name: str) -> None:
    assert run("templates", "init", "mine").exit_code == 0
    fmt = "html" if "html" in name else "md"
    built_in = run("brief", "a.yaml", "-f", fmt, "-o", "-", *OWN)
    custom = run("brief", "a.yaml", "--template", f"mine/{name}", "-o", "-", *OWN)
    assert custom.exit_code == 0, custom.output
    assert custom.stdout == built_in.stdout


def test_an_empty_brief_is_still_a_document(write: Writer) -> None:
    write("set/s.yaml", "id: s\ntitle: S\nquestions:\n  - {id: q, type: yes_no, prompt: P?}\n")
    write("a.yaml", "format: 1\nbusiness: Hill Street\n")
    result = run("brief", "a.yaml", "-o", "-", "--checklists", "set")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Looking for a partner: Hill Street\n")
    assert "## 1. About us" in result.stdout


@pytest.mark.usefixtures("here")
@pytest.mark.parametrize(
    ("fmt", "name"), [("md", "brief-fixture.md"), ("html", "brief-fixture.html")]
)
def test_the_fixture_brief_matches_its_golden_file(fmt: str, name: str) -> None:
    result = run("brief", "a.yaml", "-f", fmt, "-o", "-", *OWN)
    assert result.exit_code == 0, result.output
    golden(name, result.stdout)


@pytest.mark.usefixtures("here")
def test_a_json_name_for_the_brief_is_refused() -> None:
    result = run("brief", "a.yaml", "-o", "brief.JSON", *OWN)
    assert result.exit_code == 2
    assert "not JSON" in flat(result.stderr.replace("│", " "))
    assert not Path("brief.JSON").exists()


def test_the_command_to_settle_a_point_names_the_folders_typed(write: Writer) -> None:
    write(
        "own/mine.yaml",
        """
        id: mine
        title: Mine
        questions:
          - {id: what, type: text, prompt: What is it?, brief: {part: scope, label: It}}
          - id: why
            type: multi
            prompt: Why?
            choices: [{value: a, label: Because, score: 1}, {value: b, label: So, score: 1}]
            brief: {part: work, label: Why we do it}
        """,
    )
    write("g.yaml", "format: 1\nbusiness: Hill Street\nanswers:\n  mine:\n    why: []\n")
    result = run("brief", "g.yaml", "--checklists", "own", "-o", "-")
    assert result.exit_code == 0, result.output
    assert "Run: outsource check mine --answers g.yaml --checklists own" in result.stdout
    assert "run: outsource check mine --answers g.yaml --checklists own" in flat(result.stderr)
    assert "Why we do it" not in result.stdout  # nothing picked: nothing written
