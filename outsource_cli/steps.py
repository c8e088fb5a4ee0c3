"""The steps of outsourcing an action belongs to, in the order an owner takes them.

A question (or a section, for its questions) names its step with the checklist key
`step`; the action plan groups its actions by step in this order. This module is the one
place that holds the steps, their order and the titles the reports give them.
"""

from __future__ import annotations

from typing import Literal, get_args

StepId = Literal["prepare", "choose", "contract", "start", "run"]
"""A step as checklist files and the report data name it."""
STEP_IDS: tuple[StepId, ...] = get_args(StepId)
"""Every step, in the order the owner takes them."""
DEFAULT_STEP: StepId = "prepare"
"""The step of a question that sets none, in a section that sets none."""
STEP_TITLES: dict[StepId, str] = {
    "prepare": "Before you approach partners",
    "choose": "Choosing a partner",
    "contract": "In the contract",
    "start": "The first 90 days",
    "run": "Running the arrangement",
}
"""What the reports call each step: the headings of the action plan."""
RUNNING_TITLES: dict[StepId, str] = {
    "prepare": "Groundwork to catch up on",
    "choose": "Checks on your partner",
    "contract": "For the contract, at the next renewal",
    "start": "Settling the work in",
    "run": "Running the arrangement",
}
"""The headings once the work is handed over (stage `working`): the same steps, but the
owner is past approaching, choosing and signing, so each says what is left of it."""
STEP_MEANINGS: dict[StepId, str] = {
    "prepare": "what the owner does before approaching partners",
    "choose": "what to ask and check when choosing a partner",
    "contract": "what to put in the contract",
    "start": "the first 90 days of the work",
    "run": "running the arrangement",
}
"""What each step holds, for the JSON Schema and the checklist format's documentation."""


def step_rank(step: StepId) -> int:
    """The step's place in the order, from 0 for `prepare`."""
    return STEP_IDS.index(step)


def step_title(step: StepId, *, running: bool = False) -> str:
    """The heading of a step's actions; `running` once the work is handed over."""
    return (RUNNING_TITLES if running else STEP_TITLES)[step]
