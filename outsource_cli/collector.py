"""When Python's garbage collector runs: paused for a command, back on for the interview."""

import gc

# Only gc is imported here, so that the collector is paused before anything else loads:
# the TYPE_CHECKING name is one mypy knows, and typing itself takes a while to import.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal


def set_for(phase: 'Literal["start", "interview", "exit"]') -> None:
    """Set the garbage collector for this phase of a command.

    A command runs for a fraction of a second and makes few reference cycles, so a
    collection would only scan again and again the objects just loaded, and free next to
    nothing; reference counting frees the rest as usual.

    - "start": paused, as early as possible, so that it does not scan typer and the rest
      of outsource as they are imported.
    - "interview": the checklists are loaded and live until the end: frozen, so that they
      are never scanned again, and collection back on, since the interview runs for
      minutes and makes new objects at every answer.
    - "exit": everything frozen, so that Python's last collection at exit does not walk
      every object once more.
    """
    if phase == "start":
        gc.disable()
    elif phase == "interview":
        gc.freeze()
        gc.enable()
    else:
        gc.freeze()
