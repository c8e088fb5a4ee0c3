"""The built wheel works on its own: installed into a fresh environment, run from elsewhere."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from ..helpers import ROOT

pytestmark = pytest.mark.slow  # builds a wheel and a fresh environment


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtual environment with only the wheel installed (dependencies come from this one)."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(work),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(work.glob("outsource_cli-*.whl"))
    environment = work / "venv"
    venv.EnvBuilder(with_pip=False).create(environment)
    python = environment / "bin" / "python"
    # The dependencies are this environment's; the package itself only the wheel's.
    own = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(own, "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "-q",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    return environment


def run(environment: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(environment / "bin" / "outsource"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(cwd), "XDG_CONFIG_HOME": str(cwd / "config")},
    )


def test_the_installed_command_uses_its_own_files(installed: Path, tmp_path: Path) -> None:
    where = subprocess.run(
        [
            str(installed / "bin" / "python"),
            "-c",
            "import outsource_cli; print(outsource_cli.__file__)",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert where.startswith(str(installed))


def test_the_installed_command_lists_and_validates_the_builtins(
    installed: Path, tmp_path: Path
) -> None:
    listed = run(installed, tmp_path, "checklists", "list")
    assert listed.returncode == 0, listed.stderr
    assert "built-in" in listed.stdout
    validated = run(installed, tmp_path, "checklists", "validate")
    assert validated.returncode == 0, validated.stderr
    assert "All valid: 14 sections" in validated.stdout


def test_the_installed_command_writes_a_report_from_another_folder(
    installed: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "outsource-answers.yaml"
    answers.write_text((ROOT / "examples" / "online-shop-answers.yaml").read_text())
    done = run(installed, tmp_path, "report")
    assert done.returncode == 0, done.stderr
    assert (
        (tmp_path / "outsource-report.md").read_text().startswith("# Outsourcing readiness report")
    )
