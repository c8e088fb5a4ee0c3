"""Run the command line as `python -m outsource_cli`."""

from .cli import main

main()
