"""Same inputs give the same pack: a fresh build is byte-identical to the shared demo pack."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.conftest import DEMO_MEETING, DEMO_REVIEW, SOURCE_DATE_EPOCH, cli_build

#: Files whose text may name the folder they were built in (the executed notebooks' parameters).
TEXT_SUFFIXES = {".ipynb", ".html", ".json", ".csv", ".md", ".txt", ".yml", ".log"}


def snapshot_in(folder: Path, root: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder`` by relative path, with the build's root folder
    written as ``<root>`` in text files (a pack built elsewhere names its own folder there)."""
    out = {}
    for p in sorted(folder.rglob("*")):
        if not p.is_file():
            continue
        data = p.read_bytes()
        if p.suffix in TEXT_SUFFIXES:
            data = data.replace(str(root).encode(), b"<root>")
        out[str(p.relative_to(folder))] = hashlib.sha256(data).hexdigest()
    return out


def test_same_inputs_give_a_byte_identical_pack(built, tmp_path):
    """A fresh build with no cache, in another folder at the same build time, gives the files of
    the shared demo pack (itself built with the run's step cache): the pack, tables, executed
    notebooks, manifest and processed data; only timings.json differs, and the folder the
    notebooks name."""
    root = tmp_path / "fresh"
    # Built by the command, in a process of its own, as an officer builds it: a build inside
    # this test worker would run after whatever other tests left in the process (a full run
    # once gave a different exempt appendix that neither a run of this test alone nor two
    # command-line builds reproduce).
    done = cli_build(
        root / "outputs",
        root / "processed",
        "-q",
        "--no-cache",
        "--annex-pdf",  # as the shared pack
        env={"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    a, b = (
        {
            "outputs": snapshot_in(base / "outputs" / DEMO_REVIEW / DEMO_MEETING, base),
            "processed": snapshot_in(base / "processed" / DEMO_REVIEW, base),
        }
        for base in (built.root, root)
    )
    # Stored section results (processed/.results/*.pkl) are a cache keyed by their inputs, not
    # data: pickles of sets follow the process's string hashing. Every file built from them is
    # compared.
    for snap in (a, b):
        snap["processed"] = {
            k: v for k, v in snap["processed"].items() if not k.startswith(".results/")
        }
    files = [*a["outputs"], *a["processed"]]
    assert any(k.endswith(".ipynb") for k in a["outputs"])
    assert "internal/manifest.json" in a["outputs"]
    assert len(files) > 30 and a["outputs"].keys() == b["outputs"].keys()
    timings = a["outputs"].pop("internal/timings.json"), b["outputs"].pop("internal/timings.json")
    assert {"public/report.docx", "exempt/exempt-appendix.pdf", "internal/annex.pdf"} <= a[
        "outputs"
    ].keys()
    assert timings[0] != timings[1]  # durations: the one file that is expected to differ
    assert a == b
    manifest = json.loads(
        (root / "outputs" / DEMO_REVIEW / DEMO_MEETING / "internal" / "manifest.json").read_text()
    )
    assert "timings_seconds" not in manifest
