"""The command line: the typer app and one module per command or group of commands.

Importing this package registers every command on the app, in the order `--help` lists
them.
"""

from . import report, brief, compare, check, candidates, review, reviews, due, checklists, templates  # noqa: I001 (the order of --help)
from .app import app, main

__all__ = [
    "app",
    "brief",
    "candidates",
    "check",
    "checklists",
    "compare",
    "due",
    "main",
    "report",
    "review",
    "reviews",
    "templates",
]
