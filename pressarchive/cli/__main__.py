"""``python -m pressarchive.cli``."""

from ..entry import run

run()
