"""Shared fixtures: an isolated environment, a file writer, the sample files and a browser."""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from outsource_cli import checklist_set, dates

from .helpers import DATA, FITTED_SET, Browser, Writer

FIXED_EPOCH = "1795435200"  # 2026-11-23, so reports are reproducible


def pytest_configure(config: pytest.Config) -> None:
    """Coverage must reach fail_under on a whole-suite run only: a run of some tests covers less."""
    coverage = config.pluginmanager.getplugin("_cov")
    if coverage is not None and not _whole_suite(config):
        coverage.options.cov_fail_under = None


def _whole_suite(config: pytest.Config) -> bool:
    """No paths given (or just tests/), and neither -m (say, "not slow") nor -k leaves any out."""
    if config.option.markexpr or config.option.keyword:
        return False
    if config.args_source == pytest.Config.ArgsSource.TESTPATHS:
        return True
    given = [(config.invocation_params.dir / arg).resolve() for arg in config.args]
    return given == [Path(__file__).resolve().parent]


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
    dates.set_today(None)  # a test that sets today leaves it set
    monkeypatch.delenv("OUTSOURCE_CHECKLISTS", raising=False)
    monkeypatch.delenv("OUTSOURCE_DEBUG", raising=False)
    # the cache of checked checklists lives under HOME, so each test starts with none
    for name in ("XDG_CACHE_HOME", "OUTSOURCE_CACHE_DIR", "OUTSOURCE_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)


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
def fitted_set(write: Writer) -> Path:
    """The folder of FITTED_SET (tests/helpers.py), written under tmp_path."""
    for name, text in FITTED_SET.items():
        path = write(f"fitted/{name}", text)
    return path.parent


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def fixture_set() -> checklist_set.ChecklistSet:
    """The fixture checklists in tests/data/checklists, loaded."""
    return checklist_set.load(folders=[DATA / "checklists"])


@pytest.fixture
def answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample answers as answers.yaml in tmp_path, made the current folder."""
    monkeypatch.chdir(tmp_path)
    return Path(shutil.copy(DATA / "answers.yaml", tmp_path / "answers.yaml"))


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A current folder holding the sample answers under the default name."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(DATA / "answers.yaml", tmp_path / "outsource-answers.yaml")
    return tmp_path


@pytest.fixture
def browser(tmp_path: Path) -> Browser:
    """Run headless Chromium with the given arguments, cut off from the network."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    found = found or shutil.which("google-chrome")
    if not found:
        pytest.skip("no Chromium found: install Debian's chromium package to run the browser test")
    executable: str = found
    profile = tmp_path / "chromium-profile"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [
            executable,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            *args,
        ]
        result = subprocess.run(
            command,
            check=False,  # the assert below shows Chromium's own message
            capture_output=True,
            encoding="utf-8",
            errors="replace",
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
        assert result.returncode == 0, result.stderr
        return result

    return run
