"""The parent's side of the zygote (zygote.py): one per process, started on first use.

``run(...)`` returns the engine's result dict, or None when the zygote cannot be used
(it failed to start or died), so that the caller runs a fresh worker process instead.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field

START_TIMEOUT = 30.0  # for the zygote's first answer (its imports), then per fork
KILL_GRACE = 5.0


@dataclass
class _Job:
    pid: int | None = None
    status: int | None = None
    forked: threading.Event = field(default_factory=threading.Event)
    ended: threading.Event = field(default_factory=threading.Event)


class Zygote:
    """A running zygote, its reader thread and the jobs waiting on it."""

    def __init__(self, env: dict[str, str]) -> None:
        self.owner = os.getpid()
        self.folder = tempfile.mkdtemp(prefix="pressarchive-docs-")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pressarchive.documents.zygote", self.folder],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, start_new_session=True)
        self.lock = threading.Lock()
        self.jobs: dict[int, _Job] = {}
        self.next_id = 0
        self.alive = True
        threading.Thread(target=self._read, name="pressarchive-zygote", daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            try:
                message = json.loads(line)
            except ValueError:
                continue
            job = self.jobs.get(message.get("id"))
            if job is None:
                continue
            if "pid" in message:
                job.pid = message["pid"]
                job.forked.set()
            elif "exit" in message:
                job.status = message["exit"]
                job.ended.set()
        self.alive = False  # the zygote is gone (killed?): its jobs too, and their folder
        for job in list(self.jobs.values()):
            job.forked.set()
            job.ended.set()
        shutil.rmtree(self.folder, ignore_errors=True)

    def run(self, engine: str, data: bytes, *, timeout: float, memory: int,
            env: dict[str, str] | None) -> dict | None:
        with self.lock:
            if not self.alive:
                return None
            self.next_id += 1
            number, job = self.next_id, _Job()
            self.jobs[number] = job
        base = os.path.join(self.folder, str(number))
        try:
            with open(base + ".in", "wb") as handle:
                handle.write(data)
            request = {"id": number, "engine": engine, "memory": memory, "env": env or {},
                       "input": base + ".in", "output": base + ".out"}
            self._send(request)
            if not job.forked.wait(START_TIMEOUT) or job.pid is None:
                return None
            if not job.ended.wait(timeout):
                self._send({"kill": number})  # the zygote kills it only if not yet reaped
                if not job.ended.wait(KILL_GRACE) or job.status is None:
                    _kill_group(job.pid)  # the zygote is gone: no one reaps the child
                return failed("too_large", f"{engine} did not finish within {timeout:g} s")
            if job.status is None:  # the zygote died under it
                _kill_group(job.pid)
                return None
            return outcome(engine, os.waitstatus_to_exitcode(job.status),
                           _read_result(base + ".out"), memory)
        except OSError:  # BrokenPipeError: the zygote is gone
            if job.pid is not None and not job.ended.is_set():
                _kill_group(job.pid)
            return None
        finally:
            with self.lock:
                self.jobs.pop(number, None)
            for suffix in (".in", ".out", ".out.part"):
                try:
                    os.unlink(base + suffix)
                except FileNotFoundError:
                    pass

    def _send(self, message: dict) -> None:
        with self.lock:
            self.process.stdin.write((json.dumps(message) + "\n").encode())
            self.process.stdin.flush()

    def close(self) -> None:
        try:
            self.process.stdin.close()
        except OSError:
            pass
        shutil.rmtree(self.folder, ignore_errors=True)


def _read_result(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return b""


def outcome(engine: str, code: int, output: bytes, memory: int) -> dict:
    """The result a worker wrote, or what its exit code (negative: a signal) says."""
    if code == 0:
        try:
            return json.loads(output.decode("utf-8"))
        except ValueError:
            pass
    if code < 0:
        name = signal.Signals(-code).name
        cap = f", perhaps at its {memory >> 20} MB memory cap" if memory > 0 else ""
        return failed("corrupt", f"{engine} crashed on it ({name}{cap})")
    return failed("corrupt", f"{engine} failed on it (exit {code})")


def _kill_group(pid: int) -> None:
    for kill in (os.killpg, os.kill):  # the group, and the child should setsid not have run
        try:
            kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def failed(status: str, reason: str) -> dict:
    """A result without text."""
    return {"status": status, "text": "", "pages": None, "reason": reason}


_current: Zygote | None = None
_start_lock = threading.Lock()


def zygote(env: dict[str, str]) -> Zygote | None:
    """This process's zygote, started if need be (a forked child gets its own)."""
    global _current
    with _start_lock:
        if _current is None or _current.owner != os.getpid() or not _current.alive:
            try:
                _current = Zygote(env)
            except OSError:
                _current = None
        return _current


def _forget_in_child() -> None:
    """A forked process (``--jobs`` workers) starts its own zygote, with fresh locks."""
    global _current, _start_lock
    _current, _start_lock = None, threading.Lock()


os.register_at_fork(after_in_child=_forget_in_child)


@atexit.register
def _close() -> None:
    if _current is not None and _current.owner == os.getpid():
        _current.close()
