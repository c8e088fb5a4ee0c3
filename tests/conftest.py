"""Shared fixtures: an isolated environment, checklist builders and a CLI runner."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from outsource_cli.cli import app

DATA = Path(__file__).parent / "data"
GOLDEN = Path(__file__).parent / "golden"
FIXED_EPOCH = "1795435200"  # 2026-11-23, so reports are reproducible


def pytest_configure(config: pytest.Config) -> None:
    """Coverage must reach fail_under on a whole-suite run only: a run of some files covers less."""
    coverage = config.pluginmanager.getplugin("_cov")
    if coverage is not None and config.args_source != pytest.Config.ArgsSource.TESTPATHS:
        coverage.options.cov_fail_under = None


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No test sees the developer's own config, colours or terminal width."""
    config = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.setenv("HOME", str(config))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    monkeypatch.delenv("OUTSOURCE_CHECKLISTS", raising=False)
    monkeypatch.delenv("OUTSOURCE_DEBUG", raising=False)
    # the cache of checked checklists lives under HOME, so each test starts with none
    for name in ("XDG_CACHE_HOME", "OUTSOURCE_CACHE_DIR", "OUTSOURCE_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)


Writer = Callable[[str, str], Path]


@pytest.fixture
def write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Writer:
    """Write a dedented text file under tmp_path (the current folder) and return its path."""
    monkeypatch.chdir(tmp_path)

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str, input: str | None = None) -> object:
    """Run the CLI in-process and return the result."""
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


def golden(name: str | Path, actual: str) -> None:
    """Compare with tests/golden/NAME (or a path); UPDATE_GOLDEN=1 rewrites the file instead."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == actual


SHOP_CHECKLIST = """\
id: shop
title: {title}
questions:
  - id: name
    prompt: {prompt}
    type: text
    recommendation: {recommendation}
  - id: price
    prompt: What does the partner charge per year?
    type: number
    score: "{score}"
  - id: staff
    prompt: Does anyone do this work today?
    type: yes_no
    when: "{when}"
computed:
  - id: total
    label: Two years of fees
    expression: "{computed}"
"""
SHOP_LINES = {"score": 11, "when": 15, "computed": 19}
SHOP_COLUMNS = {"score": 12, "when": 11, "computed": 17}
"""Where each expression sits in SHOP_CHECKLIST."""
SHOP_ANSWERS = "format: 1\nanswers:\n  shop:\n    name: Hill Street\n    price: 10\n"


def shop_checklist(**fields: str) -> str:
    """A small checklist with one expression of each kind; fields replace the harmless ones."""
    defaults = {
        "title": "The shop",
        "prompt": "What is the shop called?",
        "recommendation": "Name it.",
        "score": "1 if value < 100 else 0",
        "when": "shop.price > 0",
        "computed": "shop.price * 2",
    }
    return SHOP_CHECKLIST.format(**{**defaults, **fields})
