"""``python -m pressarchive.cli``."""

from . import main

main()
