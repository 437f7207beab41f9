"""A meeting dated before the end of its data (issue 21, item 6): the prepare step's cache knows
the meeting's dates, so the data-quality appendix of a meeting before the data end lists the
warning even when another meeting's build prepared the same exports first."""

from __future__ import annotations

from pipelines import orchestrator
from pipelines.core.config import load_review
from pipelines.core.context import run_context
from tests.conftest import DEMO_REVIEW


class _Cache:
    """A step cache that holds everything (nothing runs) and records the keys asked for."""

    def __init__(self):
        self.keys = []

    def fetch(self, step, key, folder):
        self.keys.append(key)
        return True

    def note(self, *args, **kwargs):
        pass


def _prepare_key(cfg, meeting, tmp_path) -> str:
    ctx = run_context(cfg, meeting, audience="public", processed_dir=tmp_path / "p")
    cache = _Cache()
    orchestrator.prepare_with_cache(
        ctx, cfg.raw_path(), cache=cache, code="code", timings={}, say=lambda msg: None
    )
    (key,) = cache.keys
    return key


def test_a_meeting_before_the_data_end_does_not_reuse_another_meetings_checks(tmp_path):
    cfg = load_review(DEMO_REVIEW)  # period to 31 August 2016; meetings 15 August, 21 September
    before = _prepare_key(cfg, "2016-08-15", tmp_path)
    after = _prepare_key(cfg, "2016-09-21", tmp_path)
    later = _prepare_key(cfg, "2016-11-22", tmp_path)
    assert before != after  # the meeting of 15 August has data after it: its own validation
    assert after == later  # meetings after the data end share one prepared result
