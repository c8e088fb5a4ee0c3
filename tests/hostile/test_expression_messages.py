"""Expressions nested too deeply are refused with the real cause, at their line."""

from __future__ import annotations

from pathlib import Path

import pytest

from .expression_cases import PLACES, run_with, where
from .support import refused

pytestmark = pytest.mark.slow  # each case starts the command; tests/core runs the same in-process

NESTING = "nests more than 50 levels"

DEEP = [
    pytest.param("(" * 300 + "shop.price" + ")" * 300, id="brackets"),
    pytest.param("[" * 300 + "shop.price" + "]" * 300, id="lists"),
    pytest.param("{'a': " * 100 + "shop.price" + "}" * 100, id="mappings"),
    pytest.param("shop.price" + " | abs" * 250, id="250-filters"),
    pytest.param("shop.price" + " | round(1)" * 150, id="filters-with-arguments"),
    pytest.param("1 if shop.price else " * 90 + "0", id="if-else"),
    pytest.param("1 if shop.price else (" * 60 + "0" + ")" * 60, id="if-else-brackets"),
    pytest.param("shop.price" + " + 1" * 400, id="sum"),
    pytest.param("shop.price" + " ** 1" * 300, id="powers"),
    pytest.param("not " * 300 + "shop.price", id="not"),
    pytest.param("- " * 500 + "shop.price", id="minus"),
    pytest.param("[shop.price]" + "[0]" * 300, id="items"),
    pytest.param("(" * 60 + "shop.price" + " < 2)" * 60, id="comparisons"),
]


@pytest.mark.parametrize("expression", DEEP)
def test_a_deep_computed_value_names_the_nesting(tmp_path: Path, expression: str) -> None:
    outcome = run_with(tmp_path, "computed", expression)
    refused(outcome, where("computed"), NESTING, "split it into computed values")


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("expression", DEEP[:5])
def test_validate_names_the_nesting_wherever_it_is(
    tmp_path: Path, place: str, expression: str
) -> None:
    outcome = run_with(tmp_path, place, expression, "checklists", "validate", "lists/shop.yaml")
    refused(outcome, where(place), NESTING)
    assert "parenthes" not in outcome.output
    assert "too deeply" not in outcome.output


@pytest.mark.parametrize(
    "expression",
    [
        pytest.param("(" * 45 + "shop.price" + ")" * 45, id="brackets"),
        pytest.param("shop.price" + " | abs" * 45, id="filters"),
        pytest.param("shop.price" + " + 1" * 45, id="sum"),
        pytest.param("1 if shop.price else " * 40 + "0", id="if-else"),
    ],
)
def test_nesting_within_the_limit_works(tmp_path: Path, expression: str) -> None:
    outcome = run_with(tmp_path, "computed", expression)
    assert outcome.code == 0, outcome
