"""The numeric domain: finite numbers within ±MAX_NUMBER, and the words for one outside it."""

from __future__ import annotations

import pytest

from outsource_cli.numbers import MAX_NUMBER, domain_problem, in_domain


@pytest.mark.parametrize(
    "value", [0, 1, -1, 0.5, True, False, MAX_NUMBER, -MAX_NUMBER, float(MAX_NUMBER), 1e-300]
)
def test_numbers_within_the_domain(value: object) -> None:
    assert in_domain(value)


@pytest.mark.parametrize(
    "value",
    [
        MAX_NUMBER + 1,
        -MAX_NUMBER - 1,
        1e16,
        -1e16,
        10**320,
        float("inf"),
        float("-inf"),
        float("nan"),
        1j,
        "1",
        None,
        [1],
    ],
)
def test_values_outside_the_domain(value: object) -> None:
    assert not in_domain(value)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (float("nan"), "the result is not a number (NaN)"),
        (float("inf"), "the result is too large to use (infinite)"),
        (10**320, "the result is too large to use (about 321 digits)"),
        (1e16, "the result is too large to use (1e+16)"),
        (-(10**16), "the result is too large to use (-10,000,000,000,000,000)"),
    ],
)
def test_the_problem_names_the_number_without_writing_out_a_huge_one(
    value: object, words: str
) -> None:
    message = domain_problem(value, "the result")
    assert message.startswith(words)
    assert message.endswith(
        "numbers must be finite and between -1,000,000,000,000,000 and 1,000,000,000,000,000"
    )
