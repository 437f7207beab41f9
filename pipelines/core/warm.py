"""Worker processes kept warm from one build to the next build of the same process.

A build starts its own section kernels (:mod:`pipelines.kernel_pool`) and PDF writers
(:mod:`pipelines.documents.pdf_jobs`) and stops them at its end: a command-line build is one
build per process. A process that builds many packs one after another (the test suite: dozens
per worker) turns :func:`keep_between_builds` on, and then a successful build leaves them for
the next build, which takes them when they were started alike (same settings and the same
environment, which a process reads once, when it starts: :func:`environment_key`). Each kind
registers how its kept processes are stopped (:func:`on_stop`); they stop when keeping is
turned off and when the process exits.
"""

from __future__ import annotations

import atexit
import os
from collections.abc import Callable

__all__ = [
    "MAX_KEPT",
    "environment_key",
    "keep",
    "keep_between_builds",
    "keep_warm",
    "on_stop",
    "stop_kept",
]

#: How many sets of workers of one kind are kept at most (the least recently kept is stopped
#: first): a test process alternates between a few ways of starting them (one kernel or two,
#: with or without SOURCE_DATE_EPOCH).
MAX_KEPT = 3

_STATE: dict[str, bool] = {"on": False}
_STOPPERS: list[Callable[[], None]] = []
#: Environment variables that change within a process without concerning its workers (pytest
#: names the running test in one): left out of :func:`environment_key`.
VOLATILE_ENV = frozenset({"PYTEST_CURRENT_TEST"})


def keep_between_builds(on: bool = True) -> None:
    """Keep (or stop keeping, stopping those kept) builds' worker processes for the next build."""
    _STATE["on"] = bool(on)
    if not on:
        stop_kept()


def keep_warm() -> bool:
    """Whether a successful build leaves its worker processes for the next one."""
    return _STATE["on"]


def environment_key() -> tuple[tuple[str, str], ...]:
    """The environment a worker started now would have, as a comparable key."""
    return tuple(sorted((k, v) for k, v in os.environ.items() if k not in VOLATILE_ENV))


def keep(kept: dict, key: tuple, workers, stop: Callable) -> None:
    """Keep ``workers`` under ``key`` in ``kept``, the most recently kept last.

    ``stop`` stops the least recently kept beyond :data:`MAX_KEPT`, and any kept under the same
    key.
    """
    if key in kept:
        stop(kept.pop(key))
    kept[key] = workers
    while len(kept) > MAX_KEPT:
        stop(kept.pop(next(iter(kept))))


def on_stop(stopper: Callable[[], None]) -> None:
    """Register how a kind of kept worker is stopped (once per kind)."""
    if stopper not in _STOPPERS:
        _STOPPERS.append(stopper)


def stop_kept() -> None:
    """Stop every kept worker process."""
    for stopper in list(_STOPPERS):
        stopper()


atexit.register(stop_kept)
