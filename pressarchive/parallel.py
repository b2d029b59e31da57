"""Offline work (``reextract``, ``import``) over every core: an ordered map whose calls run
in worker processes, with the caller (the one writer) consuming the results in input order.

Workers ignore SIGINT and SIGTERM (a Ctrl-C reaches the whole process group, systemd
signals the whole unit; the writer alone decides to stop) and are killed if the writer
dies (they hold nothing worth keeping). Stopping (``should_stop()``
true) cancels the chunks not started and waits for the few in hand, so no worker outlives
the call; their results are dropped, as the writer stops consuming.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

CHUNK = 16  # items a task: big enough that pickling and queueing cost little
AHEAD = 3  # tasks queued per worker (few: the match's verify tasks carry bodies)
# For a writer storing a batch at a time (200 articles a transaction): with 12 tasks of
# 16 a worker, the work in flight outlasts the batch, so workers keep extracting while it
# writes (with 3 they waited on each batch).
BATCH_AHEAD = 12


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def ordered_map(func: Callable[[T], R], items: Iterable[T], jobs: int, *,
                setup: Callable[..., None] | None = None, setup_args: tuple[Any, ...] = (),
                should_stop: Callable[[], bool] = lambda: False, chunk: int = CHUNK,
                ahead: int = AHEAD) -> Iterator[R]:
    """``func(item)`` for each item, in order; ``jobs`` > 1 runs the calls in that many
    worker processes, ``chunk`` items a task (``func``, ``setup`` and the items must
    pickle), ``ahead`` tasks queued per worker, ``setup(*setup_args)`` once in each.
    Ends early, without error, once ``should_stop()``."""
    if jobs <= 1:
        if setup is not None:
            setup(*setup_args)
        for item in items:
            if should_stop():
                return
            yield func(item)
        return
    source = iter(items)
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                               initializer=_worker_setup, initargs=(setup, setup_args))
    pending: deque[Future[list[R]]] = deque()
    try:
        while True:
            while len(pending) < jobs * ahead and not should_stop():
                task = list(islice(source, chunk))
                if not task:
                    break
                pending.append(pool.submit(_run_chunk, func, task))
            if not pending or should_stop():
                return
            for result in pending.popleft().result():
                if should_stop():
                    return
                yield result
    except BrokenProcessPool:
        # A worker died. Python 3.11 then waits for the others, which wait for work that
        # never comes: end them first.
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.kill()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_setup(setup: Callable[..., None] | None, args: tuple[Any, ...]) -> None:
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, signal.SIG_IGN)
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if setup is not None:
        setup(*args)


def _run_chunk(func: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [func(item) for item in chunk]
