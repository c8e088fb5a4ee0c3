"""The `outsource` command and `python -m outsource_cli`: start the command line."""

from . import collector


def run() -> None:
    """Start `outsource` with the garbage collector paused from the first import on."""
    collector.set_for("start")
    from .cli import main

    main()


if __name__ == "__main__":
    run()
