"""The readiness report's part after signing: only at the stage working, with the latest
review and the dates coming up from the report's date."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from outsource_cli import checklist_set
from outsource_cli.report.render import make_report

from ..helpers import ROOT

WORKING = ROOT / "examples" / "online-shop-working.yaml"


@pytest.fixture(scope="module")
def the_set() -> checklist_set.ChecklistSet:
    return checklist_set.load()


def report_json(path: Path, the_set: checklist_set.ChecklistSet) -> dict[str, Any]:
    return json.loads(make_report(path, the_set, fmt="json").text)


def test_at_stage_working_the_report_has_the_latest_review_and_what_is_due(
    the_set: checklist_set.ChecklistSet,
) -> None:
    part = report_json(WORKING, the_set)["after_signing"]
    assert part["reviews_held"] == 3
    assert part["latest_review"]["date"] == "2026-10-01"
    assert (part["latest_review"]["kpis_met"], part["latest_review"]["kpis_missed"]) == (3, 0)
    assert [(item["key"], item["date"], item["when"]) for item in part["due"]] == [
        ("contract.notice", "2026-12-05", "in 12 days"),  # the tests' today is 2026-11-23
        ("review.next", "2027-01-01", "in 39 days"),
        ("contract.end", "2027-01-04", "in 42 days"),
        ("contract.price_review", "2027-01-05", "in 43 days"),
    ]
    assert part["commands"]["due"].startswith("outsource due ")


def test_before_signing_the_report_has_no_such_part(
    the_set: checklist_set.ChecklistSet, tmp_path: Path
) -> None:
    text = WORKING.read_text(encoding="utf-8").replace("stage: working", "stage: negotiating")
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    assert "after_signing" not in report_json(path, the_set)
    assert "Since signing" not in make_report(path, the_set, fmt="md").text


def test_before_the_first_review_it_says_how_to_record_one(
    the_set: checklist_set.ChecklistSet, tmp_path: Path
) -> None:
    data = yaml.safe_load(WORKING.read_text(encoding="utf-8"))
    del data["reviews"]
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    part = report_json(path, the_set)["after_signing"]
    assert part["latest_review"] is None
    # counted from the contract's start: overdue since 2026-04-05
    assert part["due"][0]["key"] == "review.next" and part["due"][0]["overdue"] is True
    text = make_report(path, the_set, fmt="md").text
    assert "No review recorded yet" in text
    assert f"`outsource review --answers {path}`" in text
    assert "**! overdue by" in text


def test_a_latest_review_with_problems_names_them(
    the_set: checklist_set.ChecklistSet, tmp_path: Path
) -> None:
    shutil.copy(WORKING, tmp_path / "a.yaml")
    data = yaml.safe_load((tmp_path / "a.yaml").read_text(encoding="utf-8"))
    data["reviews"][-1]["answers"]["review"]["incidents"] = "badly"
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    text = make_report(tmp_path / "a.yaml", the_set, fmt="md").text
    assert "- **Blocker:** Were there incidents with your money or your data" in text
