"""The by-hand baseline of ``make bench``: a meeting's pack made without the tool's build.

What an analyst would do with the notebooks alone, one command after another, to get the same
kind of documents the build writes (``public/`` committee report, ``exempt/`` appendix,
``internal/`` annex, each as HTML and PDF):

- papermill ``01_clean`` and ``02_validate`` once (they do not depend on the audience);
- papermill every section of the meeting once per audience the build runs, exempt then public
  (:data:`AUDIENCES`, the same two runs as ``evidence-pack build`` with its default variant);
- nbconvert each executed notebook to HTML without code (``--no-input``);
- WeasyPrint each HTML page to PDF.

It makes one HTML and one PDF per notebook run rather than the build's three assembled
documents, and no DOCX (there is no one-command converter for it in the environment): both
leave work out of the baseline, so the measured ratio errs in the baseline's favour.

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

#: The audiences the by-hand baseline runs each section under, in order: those of the build's
#: default variant (``evidence-pack build`` without ``--variant``).
AUDIENCES: tuple[str, ...] = ("exempt", "public")


def meeting_notebooks(review: str, meeting: str) -> list[tuple[str, str, dict]]:
    """The notebook runs an analyst makes for the meeting, in order.

    Each is ``(notebook, audience, parameters)``: the preparation notebooks once (audience
    ``exempt``), then every section of the meeting under each of :data:`AUDIENCES`.
    """
    from pipelines.core.config import load_review
    from pipelines.core.registry import PREPARATION_NOTEBOOKS
    from pipelines.orchestrator import meeting_date, pack_sections

    cfg = load_review(review)
    mtg = cfg.meeting(meeting_date(cfg, meeting))
    prep = [(nb, AUDIENCES[0], {}) for nb in PREPARATION_NOTEBOOKS]
    return prep + [
        (ref.notebook, audience, dict(ref.parameters))
        for audience in AUDIENCES
        for ref in pack_sections(mtg)
    ]


def by_hand(review: str, meeting: str, work: Path, raw_dir: Path | None = None) -> dict[str, float]:
    """Run the by-hand baseline in ``work``; the seconds of each step and ``total``.

    A section's files are ``<notebook>.<audience>.{ipynb,html,pdf}``. Each command is a
    separate process, as when typed: ``papermill``, ``jupyter nbconvert --to html --no-input``
    and ``weasyprint``, from this environment.
    """
    from pipelines.core.config import load_review, notebooks_dir
    from pipelines.core.kernel import ensure_kernel
    from pipelines.core.registry import PREPARATION_NOTEBOOKS

    bin_dir = Path(sys.executable).parent
    work = Path(work)
    work.mkdir(parents=True, exist_ok=True)
    cfg = load_review(review)
    common = {
        "review": review,
        "meeting": meeting,
        "processed_dir": str(work / "processed" / cfg.id),
    }
    kernel = ensure_kernel()
    seconds: dict[str, float] = {}
    t_start = time.perf_counter()
    prep = set(PREPARATION_NOTEBOOKS)
    for name, audience, params in meeting_notebooks(review, meeting):
        given = {**common, "audience": audience, **params}
        if name == "01_clean" and raw_dir:
            given["raw_dir"] = str(raw_dir)
        stem = name if name in prep else f"{name}.{audience}"
        step = name if name in prep else f"{name} ({audience})"
        out = work / f"{stem}.ipynb"
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
        seconds[f"papermill {step}"] = time.perf_counter() - t0
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
        seconds[f"nbconvert {step}"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        subprocess.run(
            [str(bin_dir / "weasyprint"), str(work / f"{stem}.html"), str(work / f"{stem}.pdf")],
            check=True,
            capture_output=True,
        )
        seconds[f"weasyprint {step}"] = time.perf_counter() - t0
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
