"""A warm fork server for the engines: ``python -m pressarchive.documents.zygote``.

Starting a Python process and importing pypdf or openpyxl costs 150-500 ms a document; the
engine itself often 2-20 ms. The zygote imports the engines once and forks a child per
job, which is as isolated as a fresh worker (its own session, so its process group can be
killed with whatever it started; its own address-space cap) but starts in milliseconds.

Protocol, one JSON object a line: the parent sends ``{"id", "engine", "memory", "env",
"input", "output"}`` (file paths in a private folder); the zygote answers
``{"id", "pid"}`` when the child is forked and ``{"id", "exit"}`` (a wait status) when it
has ended; the child writes its result to ``output``. ``{"kill": id}`` kills a job's
process group if it has not been reaped yet (so its pid cannot be another's). The zygote
ends when its stdin closes (the parent is gone): it kills the jobs still running and
removes the folder given as its argument.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import sys

PRELOAD = ("pressarchive.documents.engines", "pressarchive.documents.textutil",
           "pressarchive.textnorm", "pypdf", "docx", "openpyxl", "olefile", "xlrd")


def _preload() -> None:
    import importlib

    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except ImportError:  # the child imports it (and fails) on its own
            pass


def _child(job: dict) -> None:
    """The forked child: run the job, write the result, never return."""
    code = 0
    try:
        os.setsid()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.set_wakeup_fd(-1)
        null = os.open(os.devnull, os.O_RDWR)
        os.dup2(null, 0)
        os.dup2(null, 1)  # an engine's prints must not reach the protocol
        os.environ.update(job.get("env") or {})
        from .worker import encode, run_job

        with open(job["input"], "rb") as handle:
            data = handle.read()
        answer = encode(run_job(job["engine"], data, int(job["memory"])))
        partial = job["output"] + ".part"
        with open(partial, "wb") as handle:
            handle.write(answer)
        os.replace(partial, job["output"])
    except BaseException:  # noqa: BLE001 - the parent sees a missing result and the exit
        code = 70
    finally:
        os._exit(code)


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _become_subreaper() -> None:
    """Orphans of killed jobs (a Tesseract a job started) become ours to reap, not init's
    (which in a container may never reap them). Linux only; elsewhere nothing."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


def serve(folder: str | None = None) -> int:
    """Fork a child per job line on stdin until stdin closes; then remove ``folder``."""
    _preload()
    _become_subreaper()
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when we stop
    jobs: dict[int, object] = {}  # child pid -> job id
    stdin, buffer = sys.stdin.fileno(), b""
    out = sys.stdout

    def say(message: dict) -> None:
        out.write(json.dumps(message) + "\n")
        out.flush()

    while True:
        try:
            ready, _, _ = select.select([stdin, wake_r], [], [])
        except InterruptedError:
            continue
        if wake_r in ready:
            os.read(wake_r, 4096)
        while True:  # reap every child that has ended (jobs, and orphans of killed jobs)
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            if pid in jobs:
                say({"id": jobs.pop(pid), "exit": status})
        if stdin in ready:
            chunk = os.read(stdin, 65536)
            if not chunk:  # the parent is gone: so are the jobs it waited on, and their files
                for pid in jobs:
                    _kill_group(pid)
                if folder:
                    shutil.rmtree(folder, ignore_errors=True)
                return 0
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                job = json.loads(line)
                if "kill" in job:  # a job past its time: killed only while not yet reaped
                    for pid, number in jobs.items():
                        if number == job["kill"]:
                            _kill_group(pid)
                    continue
                pid = os.fork()
                if pid == 0:
                    _child(job)
                jobs[pid] = job["id"]
                say({"id": job["id"], "pid": pid})


if __name__ == "__main__":
    sys.exit(serve(sys.argv[1] if len(sys.argv) > 1 else None))
