"""The `outsource` command and `python -m outsource_cli`: start the command line."""

import gc


def run() -> None:
    """Start `outsource` with the garbage collector paused from the first import on.

    A command lives for a fraction of a second (see `cli.main`); pausing the collector
    before typer and the rest are imported spares it scanning them as they load.
    """
    gc.disable()
    from .cli import main

    main()


if __name__ == "__main__":
    run()
