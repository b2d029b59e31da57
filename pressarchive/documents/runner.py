"""Running one engine in its own process, with a time limit and a memory cap."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from .model import MAX_MEMORY_BYTES
from .warm import failed, outcome, zygote

# The folder holding the pressarchive package: the worker imports it from there too.
_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run_engine(engine: str, data: bytes, *, timeout: float,
               memory: int = MAX_MEMORY_BYTES, env: dict[str, str] | None = None,
               warm: bool | None = None) -> dict:
    """The engine's result dict; a timeout or crash becomes a 'too_large'/'corrupt' one.

    The engine runs in a child the zygote forks (``warm``; the default unless
    PRESSARCHIVE_DOCUMENT_ZYGOTE=0), else, or should the zygote fail, in a fresh worker
    process. Either is killed with its process group at the time limit."""
    if warm is None:
        warm = os.environ.get("PRESSARCHIVE_DOCUMENT_ZYGOTE", "1") != "0"
    if warm:
        server = zygote(_environment())
        found = server.run(engine, data, timeout=timeout, memory=memory, env=env) \
            if server else None
        if found is not None:
            return found
    argv = [sys.executable, "-m", "pressarchive.documents.worker", engine, str(memory)]
    process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, start_new_session=True,
                               env={**_environment(), **(env or {})})
    try:
        out, err = process.communicate(data, timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(process)
        return failed("too_large", f"{engine} did not finish within {timeout:g} s")
    except BaseException:
        _kill(process)
        raise
    if process.returncode != 0 and b"MemoryError" in err[-2000:]:
        return failed("too_large", f"{engine} needed over {memory >> 20} MB of memory")
    return outcome(engine, process.returncode, out, memory)


def _environment() -> dict[str, str]:
    """This process's environment, with the package's folder on the worker's path."""
    path = os.pathsep.join(filter(None, [_ROOT, os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path}


def _kill(process: subprocess.Popen) -> None:
    """Kill the worker's process group (tesseract, antiword with it), then reap it: its
    pid cannot be another process's until then."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()

