"""The layering contract covers every core module, so a new one cannot slip past it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..helpers import ROOT

tomllib = pytest.importorskip("tomllib")  # Python 3.11 and later

OUTER = ("outsource_cli.cli", "outsource_cli.views", "outsource_cli.__main__")
"""The command line and the views: the layers above the core."""


def _modules() -> list[str]:
    package = ROOT / "outsource_cli"
    names = []
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def _covered(name: str, patterns: list[str]) -> bool:
    return any(
        name == pattern or (pattern.endswith(".**") and name.startswith(pattern[:-2]))
        for pattern in patterns
    )


def test_every_core_module_is_held_to_the_core_contract() -> None:
    config = tomllib.loads(Path(ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = config["tool"]["importlinter"]["contracts"][0]
    core = [name for name in _modules() if not name.startswith(OUTER)]
    missing = [name for name in core if not _covered(name, contract["source_modules"])]
    assert missing == [], (
        f"add {', '.join(missing)} to the core contract's source_modules in pyproject.toml"
    )
    assert "outsource_cli.answers" in core  # the walk found the package
