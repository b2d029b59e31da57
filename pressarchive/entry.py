"""The ``pressarchive`` command's entry point.

Ctrl-C (or SIGTERM) while the command is still starting, importing Scrapy and the rest,
ends it with one line and the interrupted exit code, as it does once a command runs,
rather than with a traceback of whatever module was loading.
"""

from __future__ import annotations

import sys

EXIT_INTERRUPTED = 5  # as pressarchive.cli.EXIT_INTERRUPTED, which is not loaded yet


def run() -> None:
    try:
        from .cli import main
    except KeyboardInterrupt:
        sys.stderr.write("interrupted while starting: nothing was done\n")
        sys.exit(EXIT_INTERRUPTED)
    main()
