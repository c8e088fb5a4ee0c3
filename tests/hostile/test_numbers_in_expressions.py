"""Numbers and values outside what outsource can use, given by an expression: never a crash."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .expression_cases import run_with, where
from .support import refused

pytestmark = pytest.mark.slow  # each case starts the command; tests/core runs the same in-process

NOT_KNOWN = [
    pytest.param("'nan' | float", "not a number (NaN)", id="nan-text"),
    pytest.param("'inf' | float", "infinite", id="inf-text"),
    pytest.param("'-Infinity' | float", "infinite", id="minus-inf-text"),
    pytest.param("shop.price ** 400", "digits", id="power-of-an-answer"),
    pytest.param("shop.price * 1e15 * 10", "too large to use", id="past-the-limit"),
    pytest.param("-shop.price * 10 ** 15", "too large to use", id="below-the-limit"),
    pytest.param("shop.price * 10.0 ** 300 * 10.0 ** 300", "infinite", id="overflow"),
    pytest.param("(shop.price * 10.0 ** 300 * 10.0 ** 300) * 0", "NaN", id="nan"),
    pytest.param("(-1) ** 0.5", "complex number", id="complex"),
    pytest.param("(shop.price - 11) ** 0.5", "complex number", id="complex-answer"),
    pytest.param("[shop.price, shop.price * 1e15]", "too large to use", id="in-a-list"),
    pytest.param("{'a': shop.price ** 400}", "too large to use", id="in-a-mapping"),
    pytest.param("{1: shop.price}", "keys are not all text", id="number-key"),
    pytest.param("{(1, 2): shop.price}", "keys are not all text", id="tuple-key"),
    pytest.param("shop.name.upper", "not a value outsource can use", id="method"),
]


def strict_json(text: str) -> Any:
    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} in the JSON report")

    return json.loads(text, parse_constant=refuse)


def computed_value(outcome_stdout: str) -> dict[str, Any]:
    data = strict_json(outcome_stdout)
    [section] = [s for s in data["sections"] if s["id"] == "shop"]
    [value] = [v for v in section["computed"] if v["id"] == "total"]
    assert isinstance(value, dict)
    return value


@pytest.mark.parametrize(("expression", "words"), NOT_KNOWN)
def test_a_computed_value_outside_the_domain_is_not_known_with_the_reason(
    tmp_path: Path, expression: str, words: str
) -> None:
    outcome = run_with(tmp_path, "computed", expression)
    assert outcome.code == 0, outcome
    assert "not known yet" in outcome.output
    assert words in outcome.output


@pytest.mark.parametrize(("expression", "words"), NOT_KNOWN)
def test_the_json_report_holds_none_never_nan(tmp_path: Path, expression: str, words: str) -> None:
    outcome = run_with(tmp_path, "computed", expression, fmt="json")
    assert outcome.code == 0, outcome
    value = computed_value(outcome.stdout)
    assert value["value"] is None
    assert words in value["problem"]


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        pytest.param("[shop.price, shop.price, 1] | unique", [10, 1], id="unique-generator"),
        pytest.param("(shop.price, 2)", [10, 2], id="tuple"),
        pytest.param("{'a': (shop.price, 2)}", {"a": [10, 2]}, id="tuple-in-a-mapping"),
        pytest.param("shop.price * 10 ** 14", 10**15, id="at-the-limit"),
        pytest.param("[shop.name.missing]", [None], id="undefined"),
    ],
)
def test_other_values_become_plain_data(tmp_path: Path, expression: str, expected: Any) -> None:
    outcome = run_with(tmp_path, "computed", expression, fmt="json")
    assert outcome.code == 0, outcome
    assert computed_value(outcome.stdout)["value"] == expected


@pytest.mark.parametrize(
    "expression",
    [
        pytest.param("value ** 400", id="power"),
        pytest.param("value * 10.0 ** 300 * 10.0 ** 300", id="infinite"),
        pytest.param("(value - 1000) ** 0.5", id="complex"),
        pytest.param("'nan' | float", id="nan"),
    ],
)
def test_a_score_outside_the_domain_is_an_error_at_its_line(
    tmp_path: Path, expression: str
) -> None:
    refused(run_with(tmp_path, "score", expression), where("score"), "the score cannot be used")


@pytest.mark.parametrize(
    "expression",
    ["'nan' | float", "shop.price ** 400", "(shop.price - 11) ** 0.5", "shop.price * 10.0 ** 400"],
)
def test_a_condition_outside_the_domain_is_not_known(tmp_path: Path, expression: str) -> None:
    outcome = run_with(tmp_path, "when", expression, fmt="json")
    assert outcome.code == 0, outcome
    strict_json(outcome.stdout)


@pytest.mark.parametrize(
    ("expression", "words"),
    [
        pytest.param("shop.price * 1e400", "infinite", id="infinite-literal"),
        pytest.param("shop.price + 1" + "0" * 320, "about 321 digits", id="320-digits"),
        pytest.param("shop.price * 1e16", "too large to use (1e+16)", id="float-literal"),
        pytest.param("shop.price - 1000000000000001", "too large to use", id="whole-literal"),
    ],
)
@pytest.mark.parametrize("place", ["when", "computed"])
def test_a_number_written_outside_the_domain_is_refused_when_loading(
    tmp_path: Path, place: str, expression: str, words: str
) -> None:
    outcome = run_with(tmp_path, place, expression)
    refused(outcome, where(place), "the number written in it", words)
