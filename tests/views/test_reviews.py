"""The trend across the reviews as the terminal shows it, in 80 columns."""

from __future__ import annotations

import io
from pathlib import Path

from outsource_cli import checklist_set, trend
from outsource_cli.interview import review_command
from outsource_cli.views.console import SafeConsole
from outsource_cli.views.reviews import show

from ..helpers import DATA

REVIEWS = DATA / "reviews"

EXPECTED = """\
Reviews of Hill Street Books: 3, from 2027-01-05 to 2027-07-01

KPIs against their targets
KPI                    Target            2027-01-05  2027-04-02  2027-07-01  All
Days to close the      at most 5 days           6 ✗         7 ✗         5 ✓  ✗✗✓
month
Invoices paid on time  at least 95 %           97 ✓        93 ✗        90 ✗  ✓✗✗
Errors found           none set                 3 –         2 –         — –  –––
Customer rating        at least 4 stars                                      –––
Old measure (removed)  none set                10 –                          –––
All: every review, oldest first. ✓ met the target, ✗ missed it, – no figure or
nothing to compare it with.

Reviews
Date        Score  KPIs met  Flags
2027-01-05  100.0  1 of 2    none
2027-04-02   66.0  0 of 2    3 flags
2027-07-01   24.0  1 of 2    2 flags

Flags on 2027-04-02
- Missed twice in a row: Days to close the month: 7 days in this review and 6
  days in the one before, against a target of at most 5 days.
  Action: Raise Days to close the month with the partner: it missed its target
  of at most 5 days in the last two reviews; agree a plan to recover it by the
  next review, and check the contract's remedies.
- Worse than last time: Were there quality problems this period? From “None that
  mattered” to “Some, fixed”.
  Action: Ask the partner in writing for the cause of each problem.
- Worse than last time: Did the work arrive when agreed? From “Always” to “Late
  once or twice”.
  Action: Go through the late items with the partner.

Flags on 2027-07-01
- Missed twice in a row: Invoices paid on time: 90 % in this review and 93 % in
  the one before, against a target of at least 95 %.
  Action: Raise Invoices paid on time with the partner: it missed its target of
  at least 95 % in the last two reviews; agree a plan to recover it by the next
  review, and check the contract's remedies.
- Blocker: Were there quality problems this period? Answered “Yes and they keep
  coming back” (it was “Some, fixed”).
  Action: Ask the partner in writing for the cause of each problem.

Costs
                                              2027-01-05  2027-04-02  2027-07-01
What do the partner's fees come to over a         12,000      12,500      13,000
year? (USD per year)
How many hours a month do you spend managing           4           5           6
the partner? (hours per month)
Outsourced cost over a year (fees and your        14,400      15,500      16,600
time) (USD per year)

Actions from the latest review (2027-07-01)
1. Blocker: Ask the partner in writing for the cause of each problem.
2. Go through the late items with the partner.
Also, these KPIs missed their target: Invoices paid on time. Raise them with the
partner.
To record the next review, run: outsource review --answers a.yaml
"""


def shown(path: Path, width: int = 80) -> str:
    checklists = checklist_set.load(folders=[REVIEWS / "checklists"], user_dir=REVIEWS / "none")
    data, _ = trend.load_trend(path, checklists)
    data["review_command"] = review_command(None, Path("a.yaml"))
    out = io.StringIO()
    show(SafeConsole(file=out, width=width, color_system=None), data, "a.yaml")
    return out.getvalue()


def test_the_trend_in_80_columns() -> None:
    assert shown(REVIEWS / "answers.yaml") == EXPECTED


def test_many_reviews_show_the_last_three_and_a_mark_for_each(tmp_path: Path) -> None:
    text = (REVIEWS / "answers.yaml").read_text(encoding="utf-8")
    extra = "".join(
        f"  - date: 2028-0{month}-01\n    answers:\n      check_in:\n        kpi_values:\n"
        f"          - {{item: Days to close the month, value: {month}}}\n"
        for month in range(1, 5)
    )
    path = tmp_path / "a.yaml"
    path.write_text(text + extra, encoding="utf-8")
    result = shown(path)
    assert "The tables show the last 3 reviews; --format md or html shows all." in result
    assert (
        "Days to close the  at most 5 days           2 ✓         3 ✓         4 ✓  ✗✗✓✓✓✓✓" in result
    )
    assert (
        "Invoices paid on   at least 95 %                                         ✓✗✗––––" in result
    )
    assert max(len(line) for line in result.splitlines()) <= 80
