"""Same inputs give the same pack: two builds at the same build time are byte-identical."""

from __future__ import annotations

import json

from pipelines.orchestrator import build_pack
from tests.conftest import DEMO_MEETING, DEMO_REVIEW, SOURCE_DATE_EPOCH, snapshot


def test_same_inputs_give_a_byte_identical_pack(tmp_path, monkeypatch):
    """Two builds into the same folders at the same build time give byte-identical files: the
    pack, tables, executed notebooks, manifest and processed data; only timings.json differs."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    root = tmp_path / "build"
    builds = []
    for n in (1, 2):
        build_pack(
            DEMO_REVIEW, DEMO_MEETING, outputs_root=root / "out", processed_root=root / "proc"
        )
        builds.append(root.rename(tmp_path / f"build-{n}"))
    a, b = (
        {
            part: snapshot(folder / part / DEMO_REVIEW)
            if part == "proc"
            else snapshot(folder / part / DEMO_REVIEW / DEMO_MEETING)
            for part in ("out", "proc")
        }
        for folder in builds
    )
    # Stored section results (proc/.results/*.pkl) are a cache keyed by their inputs, not data:
    # pickles of sets follow the process's string hashing. Every file built from them is compared.
    for snap in (a, b):
        snap["proc"] = {k: v for k, v in snap["proc"].items() if not k.startswith(".results/")}
    files = [*a["out"], *a["proc"]]
    assert any(k.endswith(".ipynb") for k in a["out"]) and "internal/manifest.json" in a["out"]
    assert len(files) > 30 and a["out"].keys() == b["out"].keys()
    timings = a["out"].pop("internal/timings.json"), b["out"].pop("internal/timings.json")
    assert {"public/report.docx", "exempt/exempt-appendix.pdf", "internal/annex.pdf"} <= a[
        "out"
    ].keys()
    assert timings[0] != timings[1]  # durations: the one file that is expected to differ
    assert a == b
    manifest = json.loads(
        (builds[0] / "out" / DEMO_REVIEW / DEMO_MEETING / "internal" / "manifest.json").read_text()
    )
    assert "timings_seconds" not in manifest
