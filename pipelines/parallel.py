"""Run a build's independent steps (section notebooks) concurrently, results in their order.

Each section notebook runs in a kernel of its own (a separate process), so sections are
independent once the tidy data are written: :func:`run_in_order` runs up to ``jobs`` of them at
once in threads (each thread waits on its kernel) and returns their results in the order given,
so that what is assembled from them is the same as a sequential run's.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    """The number of CPU cores this process may use (at least 1): the default of ``--jobs``."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_in_order(
    tasks: Sequence[T],
    work: Callable[[T], R],
    *,
    jobs: int | None = None,
    name: Callable[[T], str] = str,
    progress: Callable[[str], None] | None = None,
) -> list[R]:
    """Run ``work`` on every task, up to ``jobs`` at once; the results in the tasks' order.

    Parameters
    ----------
    tasks : sequence
        The steps to run (independent of one another).
    work : callable
        Runs one task and returns its result.
    jobs : int, optional
        How many run at once (default :func:`default_jobs`); 1 runs them one after another in
        this thread.
    name : callable, optional
        A task's name for the progress messages.
    progress : callable, optional
        Called once when the tasks start (naming those running) and once as each finishes but
        the last (naming it and those still running): one message per task, as a sequential
        run gives.

    Raises
    ------
    Exception
        The first task's exception (in the tasks' order among those that failed); tasks not yet
        started are cancelled and those running are waited for.

    """
    say = progress or (lambda _message: None)
    jobs = max(1, jobs or default_jobs())
    if not tasks:
        return []
    if jobs == 1 or len(tasks) == 1:
        out = []
        for task in tasks:
            say(f"section {name(task)}")
            out.append(work(task))
        return out
    lock = threading.Lock()
    running: list[str] = []
    finished = 0

    def run(task: T) -> R:
        with lock:
            running.append(name(task))
        try:
            return work(task)
        finally:
            nonlocal finished
            with lock:
                running.remove(name(task))
                finished += 1
                if finished < len(tasks):
                    waiting = len(tasks) - finished - len(running)
                    say(
                        f"{name(task)} done; running {', '.join(running) or '-'}"
                        + (f" (+{waiting} waiting)" if waiting > 0 else "")
                    )

    say(f"sections ({min(jobs, len(tasks))} at once): " + ", ".join(name(t) for t in tasks))
    with ThreadPoolExecutor(max_workers=min(jobs, len(tasks))) as pool:
        futures: list[Future] = [pool.submit(run, t) for t in tasks]
        done, _pending = wait(futures, return_when=FIRST_EXCEPTION)
        if any(f.exception() is not None for f in done):
            for f in futures:
                f.cancel()
            wait(futures)
            for f in futures:
                if not f.cancelled() and f.exception() is not None:
                    raise f.exception()
        return [f.result() for f in futures]
