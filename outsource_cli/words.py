"""How outsource words things everywhere: plurals, and the sentences the reports share."""

from __future__ import annotations


def plural(count: int, noun: str) -> str:
    """'1 answer', '2 answers'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
