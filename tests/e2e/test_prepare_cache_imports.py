"""A prepare step taken from a warm cache does not import Great Expectations.

Importing Great Expectations takes seconds; only a build that validates the data (the prepare
step ran) needs it. A first process prepares the demo review's data into a cache; a second,
fresh process prepares the same inputs again and must take them from the cache without
``great_expectations`` in ``sys.modules`` (the first, which validated, must have imported it,
so the check can fail).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DEMO_REVIEW

pytestmark = pytest.mark.slow

PREPARE = f"""
import json, sys
from pathlib import Path
from pipelines import cache as stepcache
from pipelines.core.config import load_review
from pipelines.core.context import run_context
from pipelines.orchestrator import prepare_with_cache

tmp, use_cache = Path(sys.argv[1]), sys.argv[2] == "1"
cfg = load_review({DEMO_REVIEW!r})
ctx = run_context(cfg, None, audience="public", processed_dir=tmp / "processed",
                  output_dir=tmp / "out")
cache = stepcache.StepCache(tmp / "cache", use_cache)
timings = {{}}
prepare_with_cache(ctx, cfg.raw_path(), cache=cache, code=stepcache.code_version(),
                   timings=timings, say=lambda msg: None)
cache.commit()
print(json.dumps({{"steps": cache.steps,
                   "gx": "great_expectations" in sys.modules,
                   "files": sorted(p.name for p in (tmp / "processed").iterdir())}}))
"""


def prepare(tmp: Path, *, use_cache: bool) -> dict:
    """Run the prepare step in a fresh Python process; what it did and imported."""
    env = {**os.environ, "GX_ANALYTICS_ENABLED": "False"}
    done = subprocess.run(
        [sys.executable, "-c", PREPARE, str(tmp), "1" if use_cache else "0"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_warm_prepare_does_not_import_great_expectations(tmp_path):
    cold = prepare(tmp_path / "a", use_cache=True)
    assert cold["steps"] == {"prepare": "ran"}
    assert cold["gx"], "the prepare step validated the data without Great Expectations"
    warm = prepare(tmp_path / "a", use_cache=True)
    assert warm["steps"] == {"prepare": "reused"}
    assert not warm["gx"], "a prepare step taken from the cache imported Great Expectations"
    assert warm["files"] == cold["files"] and warm["files"], warm
