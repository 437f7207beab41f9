"""Which kept workers a process keeps (pipelines.core.warm.keep): the most recent MAX_KEPT."""

from __future__ import annotations

from pipelines.core.warm import MAX_KEPT, keep


def test_the_least_recently_kept_are_stopped_beyond_the_limit_and_a_key_keeps_one():
    kept: dict = {}
    stopped: list = []
    for n in range(MAX_KEPT + 2):
        keep(kept, (n,), f"workers {n}", stopped.append)
    assert stopped == ["workers 0", "workers 1"]
    assert list(kept) == [(n,) for n in range(2, MAX_KEPT + 2)]
    keep(kept, (2,), "workers 2 again", stopped.append)  # the same key: the old set stops
    assert stopped[-1] == "workers 2" and list(kept)[-1] == (2,)
    assert len(kept) == MAX_KEPT
