"""Where the built-in checklists and report templates are."""

from __future__ import annotations

from pathlib import Path


def builtin_dir(name: str) -> Path:
    """A folder of built-in files: inside the installed package, or beside it in the source tree."""
    here = Path(__file__).resolve().parent
    installed = here / name
    return installed if installed.is_dir() else here.parent / name
