"""The report shown in the terminal with rich (`outsource report --show`)."""

from __future__ import annotations

from typing import Any

from rich.console import Console


def show_report(console: Console, data: dict[str, Any]) -> None:
    """Print the summary and the whole report (placeholder until the full screen lands)."""
    console.print(f"Score: {data['overall']['score']}")
