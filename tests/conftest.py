"""Shared fixtures: the sample portal on a real loopback HTTP server, and a crawl runner."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pressarchive.sampleportal import Portal, PortalServer, build_portal

# Loopback crawls need no politeness delay; everything else stays as shipped.
FAST = ["-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0",
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8", "-s", "PRESSARCHIVE_BATCH_SECONDS=0.5"]


@pytest.fixture
def portal() -> Portal:
    return build_portal()


@pytest.fixture
def server(portal: Portal) -> Iterator[PortalServer]:
    with PortalServer(portal) as srv:
        yield srv


def run_cli(*args: str, env: dict[str, str] | None = None, timeout: float = 120
            ) -> subprocess.CompletedProcess[str]:
    """Run the installed ``pressarchive`` command as a user would, in a subprocess."""
    full_env = {k: v for k, v in os.environ.items() if k != "PRESSARCHIVE_DB"}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "pressarchive.cli", *args],
        capture_output=True, text=True, timeout=timeout, env=full_env,
    )


def crawl(server: PortalServer, db: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_cli("crawl", "dongthap", "--base-url", server.base_url, "--db", str(db),
                   *FAST, *extra)
