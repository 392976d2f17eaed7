"""``python -m stretchkit``: the same as the ``stretchkit`` command."""

from stretchkit._cli import run

run()
