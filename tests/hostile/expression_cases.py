"""A checklist with one hostile expression, run through `outsource` as a user would."""

from __future__ import annotations

from pathlib import Path

from ..helpers import SHOP_ANSWERS, SHOP_LINES, shop_checklist
from .support import Outcome, outsource

PLACES = ("when", "score", "computed")


def yaml_quoted(expression: str) -> str:
    """The expression as the inside of a double-quoted YAML text."""
    return expression.replace("\\", "\\\\").replace('"', '\\"')


def run_with(
    tmp_path: Path, place: str, expression: str, *command: str, fmt: str = "md"
) -> Outcome:
    """`outsource report` (or `command`) over a checklist whose `place` holds `expression`."""
    lists = tmp_path / "lists"
    lists.mkdir(exist_ok=True)
    checklist = lists / "shop.yaml"
    checklist.write_text(shop_checklist(**{place: yaml_quoted(expression)}), encoding="utf-8")
    answers = tmp_path / "answers.yaml"
    answers.write_text(SHOP_ANSWERS, encoding="utf-8")
    args = command or ("report", "answers.yaml", "--checklists", "lists", "-f", fmt, "-o", "-")
    return outsource(*args, cwd=tmp_path, given=[checklist, answers])


def where(place: str) -> str:
    """The start of a message about the expression at `place`."""
    return f"lists/shop.yaml:{SHOP_LINES[place]}:"
