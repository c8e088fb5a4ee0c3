"""A list question in the interview: adding, changing and removing items, quitting and
resuming in the middle, both through CliRunner and on a real pseudo-terminal."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pytest
import yaml

from ..helpers import DATA, flat, run

LISTS = DATA / "lists" / "checklists"
CHECK = ["check", "--answers", "a.yaml", "--report", "r.md", "--checklists", str(LISTS)]
KPIS = "Which KPIs will you measure the partner by?"
MENU = r"\[(none|done)\] > "


def stored(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {"kpis": data["answers"]["kpis"], "unfinished": data.get("unfinished", [])}


def kpi(name: str, target: object = None, unit: object = None, better: object = None) -> dict:
    return {"name": name, "target": target, "unit": unit, "better": better}


def lines(*typed: str) -> str:
    return "".join(line + "\n" for line in typed)


THREE_KPIS = (
    *("a", "Reply time", "4", "hours", "2"),
    *("a", "Resolved at first contact", "80", "%", "higher"),
    *("a", "Cost per ticket", "", "", ""),
)


def test_three_kpis_entered_one_changed_one_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    typed = lines(*THREE_KPIS, "c 3", "", "6", "USD", "2", "r 1", "y", "", "Me", *[""] * 4)
    result = run(*CHECK, input=typed)
    assert result.exit_code == 0, result.output
    answers = stored(tmp_path / "a.yaml")
    assert answers["kpis"]["kpi_list"] == [  # type: ignore[index]
        kpi("Resolved at first contact", 80, "%", "higher"),
        kpi("Cost per ticket", 6, "USD", "lower"),
    ]
    assert answers["unfinished"] == []
    screen = flat(result.output)
    assert "3 KPIs so far:" in screen
    assert "Remove KPI 1 (Reply time)? [y/N] y Removed KPI 1 (Reply time)." in screen


def test_quitting_in_the_middle_of_an_item_keeps_what_was_typed_and_comes_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*CHECK, input=lines("a", "Reply time", "4", "q"))
    assert result.exit_code == 0, result.output
    assert stored(tmp_path / "a.yaml") == {
        "kpis": {"kpi_list": [kpi("Reply time", 4)]},
        "unfinished": ["kpis.kpi_list"],
    }
    assert "1 answer is saved in a.yaml" in flat(result.output)
    again = run(*CHECK, input=lines("c 1", "", "", "hours", "lower", "", "q"))
    screen = flat(again.output)
    assert "Welcome back." in screen
    assert "Continuing with the list you had not finished" in screen
    assert "1 KPI so far:" in screen and "Reply time 4 — —" in screen
    assert (
        "KPI 1 (Reply time) has nothing yet for Unit or Better when it is: type c 1 to fill "
        "it in, or press Enter if the list is complete." in screen
    )
    assert stored(tmp_path / "a.yaml") == {
        "kpis": {"kpi_list": [kpi("Reply time", 4, "hours", "lower")]},
        "unfinished": [],
    }


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (["-"], "To empty the list, remove its KPIs one by one with r; press Enter to keep them."),
        (["x"], "Type a to add another KPI, c 1 to change KPI 1, r 1 to remove it, or press Enter"),
        (["c 5"], "Type c and a number from 1 to 1, as in 'c 1'."),
        (["a", "reply TIME "], "There is already a KPI called reply TIME: give this one a name"),
        (["a", ""], "Name cannot be left empty: it names the KPI."),
        (["a", "-"], "Name cannot be left empty: it names the KPI."),
        (["a", "B", "four"], "Type a number, at least 0."),
        (["a", "B", "4 hours"], "Type the number alone (4): the unit is asked separately."),
        (["a", "B", "1,500 tickets"], "Type the number alone (1,500): the unit is asked"),
        (["a", "B", "4", "", "3"], "Type 1 or 2, or the choice itself, such as lower."),
    ],
    ids=[
        "skip-with-items",
        "unknown",
        "no-such-item",
        "same-name",
        "enter-at-name",
        "skip-name",
        "bad-number",
        "number-with-its-unit",
        "grouped-number-with-its-unit",
        "choice-out-of-range",
    ],
)
def test_a_mistake_at_a_list_says_what_to_type(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    run(*CHECK, input=lines("a", "Reply time", "", "", "", "q"))
    result = run(*CHECK, input=lines(*typed, "q", "q"))
    assert message in flat(result.output)
    assert stored(tmp_path / "a.yaml")["kpis"]["kpi_list"][0] == kpi("Reply time")  # type: ignore[index]


def test_back_goes_a_field_back_then_to_the_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*CHECK, input=lines("a", "A", "1", "<", "<", "B", "<", "", "q"))
    assert result.exit_code == 0, result.output
    assert stored(tmp_path / "a.yaml")["kpis"] == {"kpi_list": [kpi("B", 1)]}


def test_an_empty_list_is_an_answer_and_dash_leaves_it_unanswered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    run(*CHECK, input=lines("", "q"))
    assert stored(tmp_path / "a.yaml")["kpis"] == {"kpi_list": []}
    run(*CHECK, "--review", input=lines("-", "q"))
    assert stored(tmp_path / "a.yaml")["kpis"] == {"kpi_list": None}


def test_a_for_each_list_asks_each_item_of_the_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    typed = lines("a", "Reply time", "", "", "", "a", "CSAT", "", "", "", "", "Me")
    result = run(*CHECK, input=typed + lines("3.5", "", "<", "<", "4", "slow week", "90", ""))
    assert result.exit_code == 0, result.output
    assert stored(tmp_path / "a.yaml")["kpis"]["kpi_values"] == [  # type: ignore[index]
        {"item": "Reply time", "value": 4, "comment": "slow week"},
        {"item": "CSAT", "value": 90, "comment": None},
    ]


# --- on a real pseudo-terminal ---------------------------------------------------------


def spawn(tmp_path: Path) -> pexpect.spawn:
    return pexpect.spawn(
        sys.executable,
        ["-m", "outsource_cli", *CHECK],
        encoding="utf-8",
        timeout=10,
        dimensions=(40, 100),
        env=os.environ.copy(),
        cwd=str(tmp_path),
    )


def say(child: pexpect.spawn, expected: str, typed: str) -> None:
    child.expect(expected)
    child.sendline(typed)


@pytest.mark.slow
def test_a_list_on_a_real_terminal_with_quit_and_resume(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    child.expect(KPIS)
    for name, target in (("Reply time", "4"), ("First-contact resolution", "80")):
        say(child, MENU, "a")
        say(child, "Name > ", name)
        say(child, r"Target \(Number\) \[skip\] > ", target)
        say(child, r"Unit \[skip\] > ", "")
        say(child, r"Better when it is \(1 Higher, 2 Lower\) \[skip\] > ", "")
    say(child, MENU, "a")
    say(child, "Name > ", "Cost per ticket")
    say(child, r"Target \(Number\) \[skip\] > ", "q")  # quit in the middle of the third
    child.expect("Stopped for now.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert stored(tmp_path / "a.yaml")["unfinished"] == ["kpis.kpi_list"]

    child = spawn(tmp_path)
    child.expect("Welcome back.")
    child.expect("3 KPIs so far:")
    say(child, MENU, "c 1")
    say(child, r"Name \[Reply time\] > ", "")
    say(child, r"Target \(Number\) \[4\] > ", "2")
    say(child, r"Unit \[skip\] > ", "hours")
    say(child, r"Better when it is \(1 Higher, 2 Lower\) \[skip\] > ", "2")
    say(child, MENU, "r 2")
    say(child, r"Remove KPI 2 \(First-contact resolution\)\? \[y/N\] ", "y")
    child.expect("Removed KPI 2")
    say(child, MENU, "")
    say(child, "Who checks the KPIs every month?", "q")
    child.expect(pexpect.EOF)
    child.close()
    assert stored(tmp_path / "a.yaml") == {
        "kpis": {"kpi_list": [kpi("Reply time", 2, "hours", "lower"), kpi("Cost per ticket")]},
        "unfinished": [],
    }


def test_back_many_times_at_a_first_list_stays_at_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*CHECK, input=lines(*["<"] * 1500, "q"))
    assert result.exit_code == 0, result.output
    assert flat(result.output).count("This is the first question.") == 1500


def test_a_for_each_list_waits_for_items_in_its_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*CHECK, input=lines("", "Me", "q"))
    assert "There is nothing to fill in yet: there are no KPIs to go through." in flat(
        result.output
    )
    data = yaml.safe_load((tmp_path / "a.yaml").read_text(encoding="utf-8"))
    assert "kpi_values" not in data["answers"]["kpis"]  # asked again once there are KPIs


def test_values_for_a_kpi_since_removed_are_kept_and_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text(
        "format: 1\nanswers:\n  kpis:\n    kpi_list:\n      - name: CSAT\n    owner: Me\n"
        "    kpi_values:\n      - item: Reply time\n        value: 3\n",
        encoding="utf-8",
    )
    result = run(*CHECK, "kpis", "--review", input=lines("", "", "90", "", ""))
    assert "Kept as they were, for what is no longer on the list: Reply time." in flat(
        result.output
    )
    assert stored(tmp_path / "a.yaml")["kpis"]["kpi_values"] == [  # type: ignore[index]
        {"item": "CSAT", "value": 90, "comment": None},
        {"item": "Reply time", "value": 3, "comment": None},
    ]


def test_a_for_each_list_too_full_with_removed_items_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Values kept for items since removed can fill a for_each list (a file edited by hand):
    the interview then says how to make room instead of refusing every value typed."""
    monkeypatch.chdir(tmp_path)
    values = [f"      - item: Old {n}\n        value: {n}\n" for n in range(199)]
    (tmp_path / "a.yaml").write_text(
        "format: 1\nanswers:\n  kpis:\n    kpi_list:\n      - name: CSAT\n      - name: NPS\n"
        "    owner: Me\n    kpi_values:\n" + "".join(values),
        encoding="utf-8",
    )
    result = run(*CHECK, "kpis", "--review", input=lines("", "", "", "", "", ""))
    said = flat(result.output)
    assert result.exit_code == 0, said
    assert (
        "This list keeps 199 values for what is no longer on the list, too many to add more: "
        "at most 200 fit. Delete the ones you no longer need from a.yaml, under 'kpi_values', "
        "then run this again." in said
    )
    assert said.count("at most 200 fit") == 1  # said once, not at every value
    kept = stored(tmp_path / "a.yaml")["kpis"]["kpi_values"]  # type: ignore[index]
    assert [(item["item"], item["value"]) for item in kept] == [(f"Old {n}", n) for n in range(199)]


NO_KEY = """\
id: notes
title: Notes
questions:
  - id: steps
    type: list
    prompt: Which steps?
    fields:
      - {id: what, label: What, type: text}
      - {id: hours, label: Hours, type: number}
"""


def test_an_item_emptied_again_is_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "notes.yaml").write_text(NO_KEY, encoding="utf-8")
    command = ["check", "--answers", "a.yaml", "--report", "r.md", "--checklists", "lists"]
    result = run(*command, input=lines("a", "x", "<", "-", "", ""))
    assert result.exit_code == 0, result.output
    assert "Nothing was typed: no item was added." in flat(result.output)
    data = yaml.safe_load((tmp_path / "a.yaml").read_text(encoding="utf-8"))
    assert data["answers"]["notes"]["steps"] == []
