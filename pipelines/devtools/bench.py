"""Benchmark: time a cold build of every demo pack and a rebuild with nothing changed.

``python -m pipelines.devtools.bench [review]`` builds into a temporary folder (so ``outputs/`` is
not touched), first with no previous outputs or processed data (cold), then again with nothing
changed. Times are wall-clock seconds on this machine; they are reported, never asserted in tests.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path


def main(review: str = "luton-sw-2016") -> dict[str, float]:
    """Run the benchmark and print a small table; return the timings in seconds."""
    from pipelines.orchestrator import build_pack, buildable_meetings

    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        outputs, processed = Path(tmp) / "outputs", Path(tmp) / "processed"
        for label in ("cold build", "rebuild, nothing changed"):
            t0 = time.perf_counter()
            print(f"{label}:")
            for date in buildable_meetings(review):
                r = build_pack(review, date, outputs_root=outputs, processed_root=processed)
                steps = ", ".join(f"{k} {v:.1f}" for k, v in r.timings.items() if k != "total")
                print(f"  {date}  {r.timings['total']:6.1f} s  ({steps})")
            results[label] = time.perf_counter() - t0
            print(f"  all packs {results[label]:6.1f} s")
    return results


if __name__ == "__main__":
    main(*sys.argv[1:2])
