"""Three owners as they would try the tool: an online shop handing customer support to an
agency abroad, a law firm choosing a managed IT provider, and a consultant who works alone
hiring a sales agency. Each gets the blockers and the plan that fit their work and stage."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from outsource_cli import checklist_set
from outsource_cli.report.render import make_report

from ..helpers import DATA

OWNERS = DATA / "owners"


def _report(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, str]:
    monkeypatch.chdir(tmp_path)
    shutil.copy(OWNERS / f"{name}.yaml", tmp_path)
    made = make_report(Path(f"{name}.yaml"), checklist_set.load(), fmt="md")
    return made.data, made.text


def _blockers(data: Any) -> set[str]:
    return {f"{item['section']}.{item['question']}" for item in data["blockers"]}


def _actions(data: Any) -> dict[str, Any]:
    return {f"{item['section']}.{item['question']}": item for item in data["actions"]}


def _budget_line(data: Any) -> str:
    return next(cost["text"] for cost in data["assessed"]["costs"] if cost["id"] == "budget")


def _questions(data: Any) -> dict[str, Any]:
    return {
        f"{section['id']}.{question['id']}": question
        for section in data["sections"]
        for question in section["questions"]
    }


def test_the_shop_handing_support_abroad_is_blocked_by_escalation_and_the_shortfall(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, text = _report("support-shop", tmp_path, monkeypatch)
    assert _blockers(data) == {"work.support_escalation", "budget.annual_budget"}
    # 25,000 set aside against 28,500 a year plus 3,000 to switch over
    assert _budget_line(data) == (
        "25,000 for the first year, 6,500 short (21% of the fees and switch-over)"
    )
    assert "**Budget set aside:** 25,000 for the first year, 6,500 short" in text
    # while comparing, a missing contract point is an action in the contract step
    ending = _actions(data)["contract.termination_convenience"]
    assert (ending["step"], ending["blocker"]) == ("contract", False)
    assert "contract you sign" in ending["prompt"]
    assert data["overall"]["verdict_label"] == "Not ready to approach partners"
    # support has its own checks on customer contact; the general ones are not asked again
    asked = _questions(data)
    assert not asked["risk.approved_answers"]["applies"]
    assert asked["work.support_answers"]["applies"]


def test_a_shortfall_of_a_tenth_or_less_is_an_action_not_a_blocker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = (OWNERS / "support-shop.yaml").read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for budget, blocks in [(28_350, False), (28_349, True), (31_500, None)]:
        Path("a.yaml").write_text(
            source.replace("annual_budget: 25000", f"annual_budget: {budget}"), encoding="utf-8"
        )
        data = make_report(Path("a.yaml"), checklist_set.load(), fmt="md").data
        assert ("budget.annual_budget" in _blockers(data)) is bool(blocks)
        assert ("budget.annual_budget" in _actions(data)) is (blocks is not None)


def test_the_law_firm_s_it_provider_is_blocked_by_lock_in_not_by_ip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, _ = _report("law-firm-it", tmp_path, monkeypatch)
    assert _blockers(data) == {"work.it_admin_access", "ip.own_accounts"}
    # nothing is made for the firm that an IP assignment would protect
    assignment = _actions(data)["ip.ip_assignment"]
    assert (assignment["step"], assignment["blocker"]) == ("contract", False)
    assert _budget_line(data) == "26,000 for the first year, no shortfall"
    assert data["overall"]["verdict_label"] == "Not ready to sign"
    accounts = _questions(data)["ip.own_accounts"]
    assert "domain name" in accounts["prompt"] and "DNS" in accounts["prompt"]


def test_the_solo_consultant_is_blocked_by_red_flags_and_told_about_her_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, _ = _report("solo-sales", tmp_path, monkeypatch)
    assert _blockers(data) == {"partner.warning_signs"}
    assert "guaranteed results" in _questions(data)["partner.warning_signs"]["prompt"]
    # 10 hours a month at 120 an hour is 120% of a 12,000 price: flagged with its own action
    oversight = _actions(data)["budget.oversight_hours"]
    assert oversight["score"] == 0 and "15%" in oversight["recommendation"]
    budget = next(section for section in data["sections"] if section["id"] == "budget")
    share = next(item for item in budget["computed"] if item["id"] == "oversight_share")
    assert share["value"] == 120.0
    # she chose monthly check-ins: the advice moves them, it does not repeat a weekly call
    checkin = _actions(data)["communication.checkin"]
    assert "weekly 30-minute" not in checkin["recommendation"]
    assert "monthly" in checkin["recommendation"]
    asked = _questions(data)
    assert not asked["delegation.contact_time"]["applies"]  # she is the point person
    assert "comm_plan" not in {q.split(".")[1] for q in asked}


@pytest.mark.parametrize("name", ["support-shop", "law-firm-it", "solo-sales"])
def test_each_owner_s_plan_is_grouped_by_step_and_numbered_once(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, text = _report(name, tmp_path, monkeypatch)
    order = ["prepare", "choose", "contract", "start", "run"]
    steps = [action["step"] for action in data["actions"]]
    assert steps == sorted(steps, key=order.index)
    assert [action["number"] for action in data["actions"]] == list(range(1, len(steps) + 1))
    for action in data["actions"]:  # each recommendation is printed once
        assert text.count(action["recommendation"]) == 1
