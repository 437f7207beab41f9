"""The by-hand baseline of ``make bench``: a meeting's pack made without the tool's build.

What an analyst would do with the notebooks alone, one command after another: papermill each of
the meeting's notebooks (``01_clean``, ``02_validate``, then every section), nbconvert each
executed notebook to HTML without code, and WeasyPrint each HTML page to PDF.

``python -m pipelines.devtools.by_hand [review] [meeting] --work DIR [--raw-dir DIR]`` runs it
and prints the seconds of each step; :func:`by_hand` is the same for the bench.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path


def meeting_notebooks(review: str, meeting: str) -> list[tuple[str, dict]]:
    """The notebooks an analyst runs for the meeting, with their own parameters, in order."""
    from pipelines.core.config import load_review
    from pipelines.core.registry import PREPARATION_NOTEBOOKS
    from pipelines.orchestrator import meeting_date, pack_sections

    cfg = load_review(review)
    mtg = cfg.meeting(meeting_date(cfg, meeting))
    return [(nb, {}) for nb in PREPARATION_NOTEBOOKS] + [
        (ref.notebook, dict(ref.parameters)) for ref in pack_sections(mtg)
    ]


def by_hand(review: str, meeting: str, work: Path, raw_dir: Path | None = None) -> dict[str, float]:
    """Run the by-hand baseline in ``work``; the seconds of each step and ``total``.

    Each command is a separate process, as when typed: ``papermill``, ``jupyter nbconvert
    --to html --no-input`` and ``weasyprint``, from this environment.
    """
    from pipelines.core.config import load_review, notebooks_dir
    from pipelines.core.kernel import ensure_kernel

    bin_dir = Path(sys.executable).parent
    work = Path(work)
    work.mkdir(parents=True, exist_ok=True)
    cfg = load_review(review)
    common = {
        "review": review,
        "meeting": meeting,
        "audience": "exempt",
        "processed_dir": str(work / "processed" / cfg.id),
    }
    kernel = ensure_kernel()
    seconds: dict[str, float] = {}
    t_start = time.perf_counter()
    for name, params in meeting_notebooks(review, meeting):
        given = {**common, **params}
        if name == "01_clean" and raw_dir:
            given["raw_dir"] = str(raw_dir)
        out = work / f"{name}.ipynb"
        t0 = time.perf_counter()
        subprocess.run(
            [
                str(bin_dir / "papermill"),
                str(notebooks_dir() / f"{name}.ipynb"),
                str(out),
                "-k",
                kernel,
                "--cwd",
                str(notebooks_dir()),
                "-y",
                json.dumps(given),
                "--no-progress-bar",
            ],
            check=True,
            capture_output=True,
        )
        seconds[f"papermill {name}"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        subprocess.run(
            [
                str(bin_dir / "jupyter-nbconvert"),
                "--to",
                "html",
                "--no-input",
                str(out),
                "--output-dir",
                str(work),
            ],
            check=True,
            capture_output=True,
        )
        seconds[f"nbconvert {name}"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        subprocess.run(
            [str(bin_dir / "weasyprint"), str(work / f"{name}.html"), str(work / f"{name}.pdf")],
            check=True,
            capture_output=True,
        )
        seconds[f"weasyprint {name}"] = time.perf_counter() - t0
    seconds["total"] = time.perf_counter() - t_start
    return seconds


def main(argv: list[str] | None = None) -> int:
    """Command line: run the baseline and print each step's seconds."""
    parser = argparse.ArgumentParser(prog="python -m pipelines.devtools.by_hand")
    parser.add_argument("review", nargs="?", default="luton-sw-2016")
    parser.add_argument("meeting", nargs="?", default="2016-09-21")
    parser.add_argument("--work", type=Path, required=True, help="folder for the outputs")
    parser.add_argument("--raw-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    for step, s in by_hand(args.review, args.meeting, args.work, args.raw_dir).items():
        print(f"{s:7.1f} s  {step}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
