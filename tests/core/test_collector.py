"""The garbage collector's policy for each phase of a command."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from outsource_cli import collector


@pytest.fixture(autouse=True)
def _restore_collector() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.parametrize(
    ("phase", "enabled", "frozen"),
    [("start", False, False), ("interview", True, True), ("exit", False, True)],
)
def test_each_phase_sets_the_collector(phase: str, enabled: bool, frozen: bool) -> None:
    gc.unfreeze()
    collector.set_for("start")
    collector.set_for(phase)  # type: ignore[arg-type]
    assert gc.isenabled() is enabled
    assert (gc.get_freeze_count() > 0) is frozen
