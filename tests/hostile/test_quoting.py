"""Files that are not what they should be: named, never quoted, whatever command reads them.

A message quotes at most the offending key or value, escaped and cut short; a file whose
top level is not a mapping (text, a number, a list) is named with what it holds in kind.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import DATA
from tests.hostile.support import outsource, refused

SECRET = "AKIAZ9SECRETVALUE7Q"
SECRETS = {
    "env": f"AWS_SECRET={SECRET}\nAWS_KEY=wJalrXUtnFEMI{SECRET}\n",
    "passwd": f"root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:{SECRET}:/usr/sbin\n",
    "long-line": f"token {SECRET} " + "x" * 5000 + "\n",
    "list": f"- {SECRET}\n- password: hunter2{SECRET}\n",
    "number": "4111111111111111\n",
    "bad-yaml": f"key: [{SECRET}\n  other: {{{SECRET}\n",
    "tab": f"\t{SECRET}: x\n",
    "shadow": f"root:*:20228:0:99999:7:::\ndaemon:{SECRET}:20228:0:99999:7:::\n",
    "mapping": f"password: hunter2{SECRET}\napi_key: {SECRET}\n",
    "pem": f"-----BEGIN PRIVATE KEY-----\nMIIEv{SECRET}QIBADANBgkqhkiG9w0B\n-----END PRIVATE KEY-----\n",
}
"""What a link may point to instead of a checklist or answers file."""
WORDS = [
    SECRET,
    "AKIAZ9",
    "wJalrX",
    "root:x",
    "root:*",
    "password",
    "hunter2",
    "4111111111111111",
    "MIIEv",
    "BEGIN",
]
"""Pieces of the secrets: none may appear in any output."""


def _secret(tmp_path: Path, kind: str) -> Path:
    private = tmp_path / "private"
    private.mkdir(exist_ok=True)
    path = private / f"{kind}.txt"
    path.write_text(SECRETS[kind], encoding="utf-8")
    return path


def _never_quoted(output: str) -> None:
    for word in WORDS:
        assert word not in output, f"{word!r} was printed: {output}"


def _link(tmp_path: Path, name: str, target: Path) -> Path:
    link = tmp_path / name
    link.symlink_to(target)
    return link


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A --checklists folder holding the fixture checklists."""
    lists = tmp_path / "lists"
    shutil.copytree(DATA / "checklists", lists)
    return lists


KINDS = [
    kind if kind == "passwd" else pytest.param(kind, marks=pytest.mark.slow)
    for kind in sorted(SECRETS)
]
"""Every kind of secret; the quick loop tries one, the full suite all."""


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "command",
    [
        ["report", "b.yaml"],
        ["report", "b.yaml", "--format", "json", "-o", "-"],
        ["check", "goals", "--answers", "b.yaml"],
        ["compare", "b.yaml", "good.yaml"],
        ["compare", "good.yaml", "b.yaml", "--partners"],
    ],
    ids=["report", "report-json", "check", "compare", "partners"],
)
def test_an_answers_file_that_links_to_secrets_is_never_quoted(
    tmp_path: Path, folder: Path, kind: str, command: list[str]
) -> None:
    secret = _secret(tmp_path, kind)
    answers = _link(tmp_path, "b.yaml", secret)
    good = tmp_path / "good.yaml"
    shutil.copy(DATA / "answers.yaml", good)
    done = outsource(*command, "--checklists", folder, cwd=tmp_path, given=[secret, answers, good])
    refused(done, "b.yaml")
    _never_quoted(done.output)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "command",
    [
        ["checklists", "list"],
        ["checklists", "show", "goals"],
        ["checklists", "validate"],
        ["report", "good.yaml"],
        ["check", "goals", "--answers", "new.yaml"],
    ],
    ids=["list", "show", "validate-folder", "report", "check"],
)
def test_a_checklists_folder_with_a_link_to_secrets_is_never_quoted(
    tmp_path: Path, folder: Path, kind: str, command: list[str]
) -> None:
    secret = _secret(tmp_path, kind)
    link = _link(folder, "evil.yaml", secret)
    good = tmp_path / "good.yaml"
    shutil.copy(DATA / "answers.yaml", good)
    args: list[str | Path] = (
        [*command, folder] if command[-1] == "validate" else [*command, "--checklists", folder]
    )
    done = outsource(*args, cwd=tmp_path, given=[secret, link, good])
    refused(done, "evil.yaml")
    _never_quoted(done.output)
    assert not (tmp_path / "new.yaml").exists()


@pytest.mark.parametrize("kind", KINDS)
def test_validating_a_link_to_secrets_names_it_only(tmp_path: Path, kind: str) -> None:
    secret = _secret(tmp_path, kind)
    link = _link(tmp_path, "b.yaml", secret)
    done = outsource("checklists", "validate", "b.yaml", cwd=tmp_path, given=[secret, link])
    refused(done, "b.yaml")
    _never_quoted(done.output)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("just some text\n", "text"),
        ("12345\n", "a number"),
        ("- a\n- b\n", "a list"),
        ("true\n", "a yes/no value"),
        ("", "nothing"),
    ],
)
def test_a_file_that_is_not_a_mapping_says_what_it_holds_in_kind(
    tmp_path: Path, folder: Path, text: str, kind: str
) -> None:
    answers = tmp_path / "b.yaml"
    answers.write_text(text, encoding="utf-8")
    done = outsource("report", "b.yaml", "--checklists", folder, cwd=tmp_path, given=[answers])
    refused(done, f"b.yaml:1:1: this is not an answers file: it holds {kind}, not a mapping")
    checklist = folder / "c.yaml"
    checklist.write_text(text, encoding="utf-8")
    done = outsource("checklists", "validate", checklist, cwd=tmp_path, given=[checklist])
    refused(done, f"c.yaml:1:1: this is not a checklist: it holds {kind}, not a mapping")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            f"format: 1\n{SECRET}{SECRET}{SECRET}: 1\n",
            "unknown key 'AKIAZ9SECRETVALUE7QAKIAZ9SECRETVALUE7QA…'",
        ),
        ('format: 1\n"\\e[31mred\\u202e": 1\n', "unknown key '\\x1b[31mred\\u202e'"),
        (f"format: 1\nbusiness: [{SECRET}]\n", "'business' must be text, not a list"),
        (
            'format: 1\nanswers:\n  goals:\n    task: x\n  "\\e]0;x\\a": {a: 1}\n',
            "answers for section '\\x1b]0;x\\x07' are kept",
        ),
    ],
    ids=["long-key", "escapes", "list", "section-warning"],
)
def test_an_offending_key_or_value_is_quoted_escaped_and_cut_short(
    tmp_path: Path, folder: Path, text: str, shown: str
) -> None:
    answers = tmp_path / "b.yaml"
    answers.write_text(text, encoding="utf-8")
    done = outsource(
        "report", "b.yaml", "-o", "-", "--checklists", folder, cwd=tmp_path, given=[answers]
    )
    assert shown in done.output, done
    assert "\x1b" not in done.stdout + done.stderr
    assert SECRET * 3 not in done.output
