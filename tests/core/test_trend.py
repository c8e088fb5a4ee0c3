"""The trend across the reviews (trend.py, kpis.py): targets met, flags, costs, empty files."""

from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from outsource_cli import checklist_set, trend
from outsource_cli.errors import NotFoundError
from outsource_cli.interview import review_command
from outsource_cli.trend import TrendData

from ..helpers import DATA, FIXTURES

REVIEWS = DATA / "reviews"
SET = checklist_set.load(folders=[REVIEWS / "checklists"], user_dir=REVIEWS / "none")
DATES = ["2027-01-05", "2027-04-02", "2027-07-01", "2027-10-01"]


def kpi(name: str, target: float | None = 5, better: str | None = "lower") -> dict[str, Any]:
    return {"name": name, "target": target, "unit": "days", "better": better}


def review(day: str, figures: Mapping[str, float | None], **answers: Any) -> dict[str, Any]:
    values = [{"item": name, "value": value} for name, value in figures.items()]
    return {"date": day, "answers": {"check_in": {"kpi_values": values, **answers}}}


def trend_of(
    tmp_path: Path, kpis: list[dict[str, Any]], reviews: list[dict[str, Any]]
) -> TrendData:
    path = tmp_path / "a.yaml"
    owner = {"goals": {"kpi_list": kpis, "owner_rate": 50}} if kpis else {}
    content = {"format": 1, "answers": owner, "reviews": reviews}
    path.write_text(yaml.safe_dump(content, sort_keys=False), encoding="utf-8")
    data, warnings = trend.load_trend(path, SET)
    assert warnings == ()
    return data


def flags(data: TrendData) -> list[list[tuple[str, str | None]]]:
    """Each review's flags as (kind, KPI or question id)."""
    return [
        [(flag["kind"], flag["kpi"] or flag["question"]) for flag in item["flags"]]
        for item in data["reviews"]
    ]


@pytest.mark.parametrize(
    ("better", "target", "value", "met"),
    [
        ("higher", 95, 97, True),
        ("higher", 95, 95, True),
        ("higher", 95, 94.5, False),
        ("lower", 5, 5, True),
        ("lower", 5, 4, True),
        ("lower", 5, 6, False),
        ("lower", None, 6, None),
        ("higher", 95, None, None),
        (None, 5, 6, None),
    ],
)
def test_a_figure_meets_its_target_by_the_kpis_direction(
    tmp_path: Path, better: str | None, target: float | None, value: float | None, met: bool | None
) -> None:
    data = trend_of(tmp_path, [kpi("Speed", target, better)], [review(DATES[0], {"Speed": value})])
    assert data["kpis"][0]["values"] == [{"date": DATES[0], "value": value, "met": met}]
    assert data["reviews"][0]["kpis_met"] == (1 if met is True else 0)
    assert data["reviews"][0]["kpis_missed"] == (1 if met is False else 0)


def test_a_kpi_missed_twice_in_a_row_is_flagged_with_an_action(tmp_path: Path) -> None:
    figures = [{"Close": 6}, {"Close": 7}, {"Close": 8}, {"Close": 5}]
    data = trend_of(
        tmp_path, [kpi("Close")], [review(d, f) for d, f in zip(DATES, figures, strict=True)]
    )
    assert flags(data) == [[], [("missed_twice", "Close")], [("missed_twice", "Close")], []]
    flag = data["reviews"][1]["flags"][0]
    assert flag["label"] == "Missed twice in a row"
    assert flag["text"] == (
        "Close: 7 days in this review and 6 days in the one before, against a target of at "
        "most 5 days."
    )
    assert flag["action"] == (
        "Raise Close with the partner: it missed its target of at most 5 days in the last two "
        "reviews; agree a plan to recover it by the next review, and check the contract's "
        "remedies."
    )


@pytest.mark.parametrize(
    "middle",
    [{"Close": None}, {}, {"Close": 4}],
    ids=["no figure", "not in the review", "met"],
)
def test_two_misses_count_only_in_consecutive_reviews(
    tmp_path: Path, middle: dict[str, float | None]
) -> None:
    reviews = [
        review(DATES[0], {"Close": 6}),
        review(DATES[1], middle),
        review(DATES[2], {"Close": 7}),
    ]
    data = trend_of(tmp_path, [kpi("Close")], reviews)
    assert flags(data) == [[], [], []]


def test_answers_worse_than_last_time_say_from_what_to_what(tmp_path: Path) -> None:
    reviews = [
        review(DATES[0], {}, quality="none", on_time="mostly"),
        review(DATES[1], {}, quality="fixed", on_time="always"),
        review(DATES[2], {}, quality="recurring", on_time="often_late"),
    ]
    data = trend_of(tmp_path, [], reviews)
    assert flags(data) == [
        [],
        [("worse", "quality")],
        [("blocker", "quality"), ("worse", "on_time")],
    ]
    worse = data["reviews"][1]["flags"][0]
    assert worse["text"] == (
        "Were there quality problems this period? From “None that mattered” to “Some, fixed”."
    )
    assert worse["action"] == "Ask the partner in writing for the cause of each problem."
    blocker = data["reviews"][2]["flags"][0]
    assert blocker["text"] == (
        "Were there quality problems this period? Answered “Yes and they keep coming back” "
        "(it was “Some, fixed”)."
    )
    assert data["reviews"][2]["flags"][1]["text"] == (
        "Did the work arrive when agreed? From “Always” to “Often late”."
    )


def test_a_question_not_answered_is_neither_a_blocker_nor_worse(tmp_path: Path) -> None:
    reviews = [review(DATES[0], {}, quality="none"), review(DATES[1], {})]
    data = trend_of(tmp_path, [], reviews)
    assert flags(data) == [[], []]
    assert data["actions"] == []


def test_a_kpi_removed_from_the_list_keeps_its_figures(tmp_path: Path) -> None:
    reviews = [review(DATES[0], {"Old one": 3, "Close": 4}), review(DATES[1], {"close ": 6})]
    data = trend_of(tmp_path, [kpi("Close"), kpi("New one")], reviews)
    assert [(k["name"], k["removed"], len(k["values"])) for k in data["kpis"]] == [
        ("Close", False, 2),
        ("New one", False, 0),
        ("Old one", True, 1),
    ]
    assert data["kpis"][2]["values"] == [{"date": DATES[0], "value": 3, "met": None}]
    assert data["kpis"][2]["target"] is None


def test_without_reviews_the_kpis_are_listed_and_the_rest_is_empty(tmp_path: Path) -> None:
    data = trend_of(tmp_path, [kpi("Close")], [])
    assert [(k["name"], k["values"]) for k in data["kpis"]] == [("Close", [])]
    assert (data["reviews"], data["costs"], data["actions"]) == ([], [], [])


def test_without_kpis_the_reviews_are_still_scored(tmp_path: Path) -> None:
    data = trend_of(tmp_path, [], [review(DATES[0], {}, quality="fixed", on_time="always")])
    assert data["kpis"] == []
    assert data["reviews"][0]["score"] == 82.0  # (3 × 0.7 + 2 × 1) / 5, as the report rounds
    assert [a["question"] for a in data["actions"]] == ["quality"]


def test_the_costs_are_every_number_and_computed_value_over_the_reviews(tmp_path: Path) -> None:
    reviews = [
        review(DATES[0], {}, fees=12000, hours=4),
        review(DATES[1], {}, fees=12500),
    ]
    data = trend_of(tmp_path, [kpi("Close")], reviews)
    assert [(row["id"], row["unit"]) for row in data["costs"]] == [
        ("fees", "USD per year"),
        ("hours", "hours per month"),
        ("total", "USD per year"),
    ]
    assert [[v["value_text"] for v in row["values"]] for row in data["costs"]] == [
        ["12,000 USD per year", "12,500 USD per year"],
        ["4 hours per month", "—"],
        ["14,400 USD per year", "—"],
    ]


def test_the_actions_of_the_latest_review_come_in_the_reports_order(tmp_path: Path) -> None:
    reviews = [review(DATES[0], {}, quality="recurring", on_time="often_late")]
    data = trend_of(tmp_path, [], reviews)
    assert [(a["question"], a["blocker"]) for a in data["actions"]] == [
        ("quality", True),
        ("on_time", False),
    ]


def test_forty_reviews_of_ten_kpis(tmp_path: Path) -> None:
    kpis = [kpi(f"KPI {number}") for number in range(10)]
    days = [f"{2027 + month // 12}-{month % 12 + 1:02d}-01" for month in range(40)]
    reviews = [
        review(day, {f"KPI {number}": 4 + index % 3 for number in range(10)}, quality="none")
        for index, day in enumerate(days)
    ]
    started = time.perf_counter()
    data = trend_of(tmp_path, kpis, reviews)
    assert time.perf_counter() - started < 20
    assert [len(k["values"]) for k in data["kpis"]] == [40] * 10
    assert len(data["reviews"]) == 40
    # 4, 5, 6, 4, 5, 6: 6 misses the target of 5 but never twice in a row
    assert all(item["flags"] == [] for item in data["reviews"])
    assert sum(item["kpis_missed"] for item in data["reviews"]) == 10 * 13
    for fmt in ("md", "html", "json"):
        assert "KPI 9" in trend.render(data, fmt)


def test_checklists_without_review_sections_are_named(tmp_path: Path) -> None:
    owner_only = checklist_set.load(folders=[Path(FIXTURES[1])], user_dir=tmp_path)
    with pytest.raises(NotFoundError, match="have no questions for a review"):
        trend.load_trend(REVIEWS / "answers.yaml", owner_only)


@pytest.mark.parametrize(
    ("answers_file", "folders", "command"),
    [
        ("outsource-answers.yaml", [], "outsource review"),
        ("my answers.yaml", [], "outsource review --answers 'my answers.yaml'"),
        ("a.yaml", ["mine"], "outsource review --answers a.yaml --checklists mine"),
    ],
)
def test_the_command_that_records_a_review(
    answers_file: str, folders: list[str], command: str
) -> None:
    assert review_command(None, Path(answers_file), [Path(f) for f in folders]) == command
