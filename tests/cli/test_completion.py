"""Shell completion: Tab offers section ids for 'check' and 'checklists show', in every shell."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from outsource_cli.cli import app
from outsource_cli.cli.options import user_checklists_dir

from ..helpers import DATA, ROOT

BUILT_IN_IDS = [
    *("fit", "work", "goals", "budget", "delegation", "partner"),
    *("contract", "ip", "communication", "risk", "exit", "brief"),
]
SCRIPT = Path(sys.executable).with_name("outsource")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "outsource_cli"]

HIRING = """\
id: hiring
title: Hiring instead
order: 110
questions:
  - id: compared
    prompt: Have you compared the cost of hiring someone?
    type: yes_no
"""


def completion_env(shell: str, line: str) -> dict[str, str]:
    """The environment each shell's completion script sets when Tab is pressed after `line`."""
    env = {"_OUTSOURCE_COMPLETE": f"complete_{shell}"}
    if shell == "bash":  # the words typed so far, and the index of the one being completed
        env |= {"COMP_WORDS": line, "COMP_CWORD": str(len(line.split(" ")) - 1)}
    else:
        env |= {"_TYPER_COMPLETE_ARGS": line}
    if shell == "fish":
        env |= {"_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    if shell == "powershell":
        env |= {"_TYPER_COMPLETE_WORD_TO_COMPLETE": line.rsplit(" ", maxsplit=1)[-1]}
    return env


def complete(line: str, shell: str = "bash", env: dict[str, str] | None = None) -> str:
    """What the command gives the shell for Tab after `line`, run in-process."""
    result = CliRunner().invoke(
        app, [], prog_name="outsource", env=completion_env(shell, line) | (env or {})
    )
    assert (result.exit_code, result.stderr) == (0, "")
    return result.stdout


def run(
    line: str, shell: str = "bash", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """What the real `outsource` process gives the shell for Tab after `line`."""
    return subprocess.run(
        COMMAND,
        env=os.environ | completion_env(shell, line) | (env or {}),
        capture_output=True,
        text=True,
        check=False,
    )


def lines(*words: str) -> str:
    return "".join(f"{word}\n" for word in words)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("outsource check ", BUILT_IN_IDS),
        ("outsource check c", ["contract", "communication"]),
        ("outsource check --answers acme.yaml g", ["goals"]),
        ("outsource check zz", []),
        ("outsource checklists show ", BUILT_IN_IDS),
        ("outsource checklists show i", ["ip"]),
    ],
)
def test_tab_offers_the_section_ids_that_start_with_what_is_typed(
    line: str, expected: list[str]
) -> None:
    assert complete(line) == (lines(*expected) or "\n")


def test_check_leaves_out_the_sections_already_given() -> None:
    assert complete("outsource check goals budget ") == lines(
        *[section for section in BUILT_IN_IDS if section not in ("goals", "budget")]
    )


def test_show_offers_nothing_once_the_id_is_given() -> None:
    assert complete("outsource checklists show goals ") == "\n"


def test_zsh_shows_each_id_with_its_title() -> None:
    assert complete("outsource check c", "zsh") == (
        '_arguments \'*: :(("contract":"Contract"\n'
        '"communication":"Communication and performance"))\'\n'
    )


def test_zsh_falls_back_to_file_names_when_no_id_matches() -> None:
    assert complete("outsource check zz", "zsh") == "_files\n"


def test_fish_shows_each_id_with_its_title() -> None:
    assert complete("outsource checklists show c", "fish") == (
        "contract\tContract\ncommunication\tCommunication and performance\n"
    )


@pytest.mark.parametrize(
    "line",
    [
        f"outsource check --checklists {DATA / 'checklists'} ",
        f"outsource checklists show --checklists {DATA / 'checklists'} ",
        f"outsource check --checklists={DATA / 'checklists'} ",
    ],
)
def test_a_checklists_folder_typed_before_is_used(line: str) -> None:
    assert complete(line) == lines("goals", "budget")


def test_the_checklists_environment_variable_is_used() -> None:
    env = {"OUTSOURCE_CHECKLISTS": str(DATA / "checklists")}
    assert complete("outsource check ", env=env) == lines("goals", "budget")


def test_sections_in_the_users_own_folder_are_offered() -> None:
    folder = user_checklists_dir()
    folder.mkdir(parents=True)
    (folder / "hiring.yaml").write_text(HIRING, encoding="utf-8")
    assert complete("outsource check h", "fish") == "hiring\tHiring instead\n"


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_a_title_is_offered_without_the_controls_in_it(shell: str) -> None:
    folder = user_checklists_dir()
    folder.mkdir(parents=True)
    title = r'"Hiring \e]0;pwned\a\u202e instead"'  # a window title and a right-to-left override
    (folder / "hiring.yaml").write_text(HIRING.replace("Hiring instead", title), encoding="utf-8")
    assert "Hiring ?]0;pwned?? instead" in complete("outsource check h", shell)


@pytest.mark.slow
@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell"])
def test_the_real_command_answers_each_shell(shell: str) -> None:
    done = run("outsource checklists show bu", shell)
    expected = {
        "bash": "budget\n",
        "zsh": '_arguments \'*: :(("budget":"Budget and cost"))\'\n',
        "fish": "budget\tBudget and cost\n",
        "powershell": "budget:::Budget and cost\n",
    }
    assert (done.returncode, done.stdout, done.stderr) == (0, expected[shell], "")


@pytest.mark.slow
@pytest.mark.parametrize(
    "files",
    [
        {},  # an empty folder
        {"goals.yaml": "id: [goals\n"},  # not YAML
        {"goals.yaml": "id: goals\ntitle: Goals\n"},  # no questions
        {"goals.yaml": HIRING.replace("type: yes_no", "type: yes_no\n    when: budget.price")},
    ],
    ids=["empty", "not-yaml", "invalid", "broken-reference"],
)
@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_checklists_that_do_not_load_offer_nothing_and_print_nothing(
    files: dict[str, str], shell: str, tmp_path: Path
) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    done = run(f"outsource check --checklists {tmp_path} ", shell)
    nothing = {"bash": "\n", "zsh": "_files\n"}
    assert (done.returncode, done.stdout, done.stderr) == (0, nothing[shell], "")


@pytest.mark.slow
def test_a_missing_checklists_folder_offers_nothing_and_prints_nothing(tmp_path: Path) -> None:
    done = run("outsource checklists show g", env={"OUTSOURCE_CHECKLISTS": str(tmp_path / "no")})
    assert (done.returncode, done.stdout, done.stderr) == (0, "\n", "")


def install(shell: str, home: Path) -> subprocess.CompletedProcess[str]:
    """`outsource --install-completion` for `shell`, with `home` as the home folder.

    A test does not run inside the shell it installs for, so the shell is named through
    Typer's switch that turns off finding out which shell is running.
    """
    switch = {"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    return subprocess.run(
        [*COMMAND, "--install-completion", shell],
        env=os.environ | switch | {"HOME": str(home)},
        capture_output=True,
        text=True,
        check=False,
    )


def in_shell(shell: str, home: Path, script: str) -> subprocess.CompletedProcess[str]:
    """Run `script` in a real `shell` with `home` as the home folder and `outsource` on PATH."""
    program = shutil.which(shell)
    if program is None or not SCRIPT.exists():
        pytest.skip(f"needs {shell} and the installed outsource command")
    env = os.environ | {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "PATH": f"{SCRIPT.parent}{os.pathsep}{os.environ['PATH']}",
    }
    options = {"bash": ["--norc"], "zsh": ["-f"], "fish": []}[shell]
    return subprocess.run(
        [program, *options, "-c", script], env=env, capture_output=True, text=True, check=False
    )


# Each shell's files, as docs/shell-completion.md describes them: the script, and the start-up
# file that is changed to read it.
INSTALLED = {
    "bash": (".bash_completions/outsource.sh", ".bashrc"),
    "zsh": (".zfunc/_outsource", ".zshrc"),
    "fish": (".config/fish/completions/outsource.fish", None),
}


@pytest.mark.slow
@pytest.mark.parametrize("shell", sorted(INSTALLED))
def test_install_completion_writes_the_documented_files(shell: str, tmp_path: Path) -> None:
    assert install(shell, tmp_path).returncode == 0
    script, startup = INSTALLED[shell]
    expected = sorted(name for name in (script, startup) if name)
    written = [str(path.relative_to(tmp_path)) for path in tmp_path.rglob("*") if path.is_file()]
    assert sorted(written) == expected
    assert f"_OUTSOURCE_COMPLETE=complete_{shell}" in (tmp_path / script).read_text()
    docs = (ROOT / "docs" / "shell-completion.md").read_text()
    assert [name for name in expected if f"`~/{name}`" not in docs] == []


@pytest.mark.slow
@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_completion_prints_the_script_for_the_shell_it_is_typed_in(
    shell: str, tmp_path: Path
) -> None:
    # `; true` keeps the shell running, so the command finds it as the shell it was typed in
    done = in_shell(shell, tmp_path, "outsource --show-completion; true")
    assert (done.returncode, done.stderr) == (0, "")
    assert f"_OUTSOURCE_COMPLETE=complete_{shell}" in done.stdout


@pytest.mark.slow
def test_bash_fills_in_the_ids_with_the_installed_script(tmp_path: Path) -> None:
    assert install("bash", tmp_path).returncode == 0
    press_tab = (
        "source ~/.bashrc; COMP_WORDS=(outsource check goals c); COMP_CWORD=3; "
        '_outsource_completion outsource; printf "%s\\n" "${COMPREPLY[@]}"'
    )
    done = in_shell("bash", tmp_path, press_tab)
    assert (done.returncode, done.stdout, done.stderr) == (0, "contract\ncommunication\n", "")


@pytest.mark.slow
def test_zsh_fills_in_the_ids_with_the_installed_script(tmp_path: Path) -> None:
    assert install("zsh", tmp_path).returncode == 0
    # _arguments, which shows the choices on screen, is replaced by printing what it is given
    press_tab = (
        "autoload -Uz compinit; compinit -D; source ~/.zfunc/_outsource; "
        '_arguments() { print -r -- "$@"; }; '
        "words=(outsource check goals c); CURRENT=4; _outsource_completion"
    )
    done = in_shell("zsh", tmp_path, press_tab)
    offered = '*: :(("contract":"Contract" "communication":"Communication and performance"))\n'
    assert (done.returncode, done.stdout, done.stderr) == (0, offered, "")


@pytest.mark.slow
def test_fish_fills_in_the_ids_with_the_installed_script(tmp_path: Path) -> None:
    assert install("fish", tmp_path).returncode == 0
    done = in_shell("fish", tmp_path, "complete -C 'outsource check goals c'")
    offered = "communication\tCommunication and performance\ncontract\tContract\n"
    assert (done.returncode, done.stdout, done.stderr) == (0, offered, "")


COMMAND_LINE_MODULES = ("outsource_cli.cli", "outsource_cli.formats", "outsource_cli.words")
"""What `import outsource_cli.cli` may load: the commands, the format names, plurals."""


def test_the_command_line_loads_no_checklist_code_before_a_command_runs() -> None:
    """Completion is wired in without slowing `outsource --help`: the core loads on demand."""
    code = (
        "import sys, outsource_cli.cli; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('yaml', 'jinja2', 'pydantic', 'rich') or m.startswith('outsource_cli.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = ast.literal_eval(done.stdout)
    assert [name for name in loaded if not name.startswith(COMMAND_LINE_MODULES)] == []
