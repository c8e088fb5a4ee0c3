"""Expressions whose work grows without a visible limit are refused before they run."""

from __future__ import annotations

from pathlib import Path

import pytest

from .expression_cases import PLACES, run_with, where
from .support import refused

pytestmark = pytest.mark.slow  # each case starts the command; tests/core runs the same in-process

MANY = "([[0] * 1000] * 100000)"
"""100,000 items, each a list of 1,000: every list within the size limit, 10**8 values."""
BIG = "([[0] * 1000] * 1000)"
WORDS = "(['word' * 100] * 100000)"
"""100,000 texts of 400 characters."""

TOO_LONG = "this would take too long to work out"
TOO_LARGE = "longer than 100,000 items"

CASES = [
    pytest.param(f"{BIG} in {MANY}", TOO_LONG, id="in"),
    pytest.param(f"{BIG} not in {MANY}", TOO_LONG, id="not-in"),
    pytest.param(f"{MANY} == {MANY}", TOO_LONG, id="equal"),
    pytest.param(f"{MANY} != [1]", TOO_LONG, id="not-equal"),
    pytest.param(f"{MANY} < {MANY}", TOO_LONG, id="less"),
    pytest.param(f"0 < 1 <= {MANY}", TOO_LONG, id="chained"),
    pytest.param(f"{MANY} is in [{MANY}]", TOO_LONG, id="in-test"),
    pytest.param(f"{MANY} is eq {MANY}", TOO_LONG, id="eq-test"),
    pytest.param(f"{MANY} | string", TOO_LARGE, id="string"),
    pytest.param(f"{MANY} | lower", TOO_LARGE, id="lower"),
    pytest.param(f"{MANY} | upper", TOO_LARGE, id="upper"),
    pytest.param(f"{MANY} | trim", TOO_LARGE, id="trim"),
    pytest.param(f"{MANY} ~ ''", TOO_LARGE, id="joined-text"),
    pytest.param(f"{WORDS} | sort | length", TOO_LONG, id="sort"),
    pytest.param(f"{MANY} | sort | length", TOO_LONG, id="sort-nested"),
    pytest.param(f"{WORDS} | unique | length", TOO_LONG, id="unique"),
    pytest.param(f"{MANY} | min | length", TOO_LONG, id="min"),
    pytest.param(f"{MANY} | max | length", TOO_LONG, id="max"),
    pytest.param(f"{MANY} | list | length", TOO_LONG, id="list"),
    pytest.param(f"{WORDS} | join | length", TOO_LONG, id="join"),
    pytest.param("([[0]] * 100000) | sum(start=[]) | length", TOO_LONG, id="sum-lists"),
    pytest.param("(['a'] * 100000) | sum(start='') | length", TOO_LONG, id="sum-texts"),
    pytest.param("shop.price | round(-1000000000)", "round takes at most 100 decimals", id="round"),
    pytest.param(f"[{MANY}] * 2", "the result holds more than 100,000 values", id="shared-result"),
    pytest.param(f"{MANY} if shop.price else 0", "more than 100,000 values", id="chosen-result"),
    pytest.param("'a' * 10**9", TOO_LARGE, id="repeat"),
    pytest.param("(shop.price * 1000) ** 100000", "too large to work out", id="power"),
    pytest.param("2 ** 49999 * 2 ** 49999 * 4", "too large to work out", id="product"),
    pytest.param("[0] * 60000 + [0] * 60000", TOO_LARGE, id="plus"),
]


@pytest.mark.parametrize(("expression", "words"), CASES)
def test_a_costly_computed_value_is_refused_at_its_line(
    tmp_path: Path, expression: str, words: str
) -> None:
    outcome = run_with(tmp_path, "computed", expression)
    refused(outcome, where("computed"), "the expression was refused", words)


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize(
    ("expression", "words"),
    [
        pytest.param(f"{BIG} in {MANY}", TOO_LONG, id="in"),
        pytest.param(f"{MANY} | string | length > 0", TOO_LARGE, id="string"),
        pytest.param(f"({WORDS} | sort | length) > 0", TOO_LONG, id="sort"),
        pytest.param("(([[0]] * 100000) | sum(start=[]) | length) > 0", TOO_LONG, id="sum"),
    ],
)
def test_a_costly_expression_is_refused_wherever_it_is(
    tmp_path: Path, place: str, expression: str, words: str
) -> None:
    refused(run_with(tmp_path, place, expression), where(place), words)


def test_checking_the_checklist_alone_runs_nothing(tmp_path: Path) -> None:
    outcome = run_with(
        tmp_path, "computed", f"{BIG} in {MANY}", "checklists", "validate", "lists/shop.yaml"
    )
    assert outcome.code == 0, outcome
