"""Running one engine in its own process, with a time limit and a memory cap."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

from .model import MAX_MEMORY_BYTES


def run_engine(engine: str, data: bytes, *, timeout: float,
               memory: int = MAX_MEMORY_BYTES, env: dict[str, str] | None = None) -> dict:
    """The engine's result dict; a timeout or crash becomes a 'too_large'/'corrupt' one."""
    argv = [sys.executable, "-m", "pressarchive.documents.worker", engine, str(memory)]
    process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, start_new_session=True,
                               env={**os.environ, **(env or {})})
    try:
        out, err = process.communicate(data, timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(process)
        return _failed("too_large", f"{engine} did not finish within {timeout:g} s")
    finally:
        _kill(process)  # its children too (tesseract, antiword), should any be left
    if process.returncode == 0:
        try:
            return json.loads(out.decode("utf-8"))
        except ValueError:
            pass
    if b"MemoryError" in err[-2000:]:
        return _failed("too_large", f"{engine} needed over {memory >> 20} MB of memory")
    if process.returncode < 0:
        name = signal.Signals(-process.returncode).name
        return _failed("corrupt", f"{engine} crashed on it ({name})")
    return _failed("corrupt", f"{engine} failed on it (exit {process.returncode})")


def _kill(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


def _failed(status: str, reason: str) -> dict:
    return {"status": status, "text": "", "pages": None, "reason": reason}
